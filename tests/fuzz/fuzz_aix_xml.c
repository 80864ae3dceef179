/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_aix_xml.c - libFuzzer target: the AIX IKE XML reader
 * (libxml2) + single-device checker + every renderer on arbitrary bytes.
 * Built with clang -fsanitize=fuzzer by 'make fuzz'; tests/fuzz/replay.c
 * runs the committed corpus through the same entry point in 'make check'.
 */
#include "tests/fuzz/fuzz_parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_parser_one(data, size, "fuzz.xml", VENDOR_AIX);
}
