/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_hpux.c - libFuzzer target: HP-UX ipsec_config parser + single-device
 * checker + every renderer on arbitrary bytes. Built with clang
 * -fsanitize=fuzzer by 'make fuzz'; tests/fuzz/replay.c runs the committed
 * corpus through the same entry point in 'make check' without clang.
 */
#include "tests/fuzz/fuzz_parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_parser_one(data, size, "fuzz.batch", VENDOR_HPUX);
}
