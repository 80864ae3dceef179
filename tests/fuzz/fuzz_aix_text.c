/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_aix_text.c - libFuzzer target: the AIX text-export parser
 * (lsfilt, lsfilt -O, lstun -O, ipsec_fltr_rule.exp) + single-device checker +
 * every renderer on arbitrary bytes. Built with clang -fsanitize=fuzzer by
 * 'make fuzz'; tests/fuzz/replay.c runs the committed corpus through the same
 * entry point in 'make check' without clang.
 */
#include "tests/fuzz/fuzz_parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* text that starts with '<' would be read as the IKE database XML: not this target's */
	if (size && data[0] == '<')
		return 0;
	return fuzz_parser_one(data, size, "fuzz.lsfilt", VENDOR_AIX);
}
