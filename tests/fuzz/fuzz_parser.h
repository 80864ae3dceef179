/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_parser.h - what every parser's fuzz target does with its
 * input: parse it as the given vendor, run the single-device checker, and
 * render the text and JSON reports, one of the other formats (by the input's
 * size, so that a corpus covers them all) and now and then a review of the
 * file against itself, into /dev/null. Each target is one call.
 */
#ifndef IPSECLINT_TESTS_FUZZ_PARSER_H
#define IPSECLINT_TESTS_FUZZ_PARSER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "report/report.h"

static inline int fuzz_parser_one(const uint8_t *data, size_t size, const char *path, enum vendor v)
{
	struct parsed_file pf;
	struct parsed_file *files[1] = {&pf};
	struct report_input in = {0};
	struct report_opts ro = {0};
	FILE *sink = fopen("/dev/null", "w");
	enum report_format heavy = (enum report_format)(REPORT_SARIF + size % (REPORT__COUNT - REPORT_SARIF));

	parse_buffer(&pf, path, (const char *)data, size, v);
	if (pf.dev)
		chk_device(pf.dev, &pf.fs);
	fnd_sort(&pf.fs);
	in.files = files;
	in.nfiles = 1;
	in.fs = &pf.fs;
	in.ndevices = pf.dev ? 1 : 0;
	in.ntunnels = pf.dev ? pf.dev->ntunnels : 0;
	if (sink) {
		ro.fail_on = SEV_WARNING;
		report_text(sink, &in, &ro);
		report_json(sink, &in, &ro);
		/* one of the heavier formats per input, in turn (SARIF alone writes the catalogue) */
		report_render(sink, heavy, &in, &ro);
		if (size % 7 == 0)
			report_review(sink, REPORT_TEXT, &in, &in, &ro);
		if (pf.dev)
			report_dump(sink, &pf);
		fclose(sink);
	}
	parsed_file_free(&pf);
	return 0;
}

#endif
