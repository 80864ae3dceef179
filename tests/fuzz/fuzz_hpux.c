/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_hpux.c - libFuzzer target: HP-UX ipsec_config parser + single-device
 * checker + every renderer on arbitrary bytes. Built with clang
 * -fsanitize=fuzzer by 'make fuzz'; tests/fuzz/replay.c runs the committed
 * corpus through the same entry point in 'make check' without clang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parsed_file pf;
	struct parsed_file *files[1] = {&pf};
	struct report_input in = {0};
	struct report_opts ro = {0};
	FILE *sink = fopen("/dev/null", "w");

	parse_buffer(&pf, "fuzz.batch", (const char *)data, size, VENDOR_HPUX);
	if (pf.dev)
		chk_device(pf.dev, &pf.fs);
	fnd_sort(&pf.fs);
	in.files = files;
	in.nfiles = 1;
	in.fs = &pf.fs;
	in.ndevices = pf.dev ? 1 : 0;
	in.ntunnels = pf.dev ? pf.dev->ntunnels : 0;
	if (sink) {
		report_text(sink, &in, &ro);
		report_json(sink, &in, &ro);
		if (pf.dev)
			report_dump(sink, &pf);
		fclose(sink);
	}
	parsed_file_free(&pf);
	return 0;
}
