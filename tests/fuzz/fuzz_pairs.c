/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_pairs.c - libFuzzer target: the pairwise checker fed two
 * fuzzed files. The input is split at its first line "%%" (else in half);
 * each part is parsed as the vendor its content says (Huawei when none
 * does), checked alone, then the two devices are paired and checked against
 * each other, and the reports are rendered into /dev/null (text, JSON,
 * one other format by the input's size, now and then the review). Built with clang -fsanitize=fuzzer by 'make fuzz';
 * tests/fuzz/replay.c runs the corpus in 'make check'.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t split_at(const uint8_t *d, size_t n, size_t *next)
{
	for (size_t i = 0; i + 3 <= n; i++) {
		if ((i == 0 || d[i - 1] == '\n') && d[i] == '%' && d[i + 1] == '%' &&
		    (i + 2 == n || d[i + 2] == '\n')) {
			*next = i + 3 <= n ? i + 3 : n;
			return i;
		}
	}
	*next = n / 2;
	return n / 2;
}

static void parse_part(struct parsed_file *pf, const char *name, const uint8_t *d, size_t n)
{
	parse_buffer(pf, name, (const char *)d, n, VENDOR_UNKNOWN);
	if (!pf->dev) {
		parsed_file_free(pf);
		parse_buffer(pf, name, (const char *)d, n, VENDOR_HUAWEI);
	}
	if (pf->dev)
		chk_device(pf->dev, &pf->fs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parsed_file pa, pb;
	struct parsed_file *files[2] = {&pa, &pb};
	struct device *devs[2];
	struct findings fs = {0};
	struct pair_list pl = {0};
	struct report_input in = {0};
	struct report_opts ro = {0};
	size_t next, cut = split_at(data, size, &next), nd = 0;
	FILE *sink;
	size_t n_heavy;

	parse_part(&pa, "a.cfg", data, cut);
	parse_part(&pb, "b.cfg", data + next, size - next);
	if (pa.dev)
		devs[nd++] = pa.dev;
	if (pb.dev)
		devs[nd++] = pb.dev;
	chk_pairs(devs, nd, NULL, &fs, &pl);
	/* every finding in one list, as the command line has them */
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < files[k]->fs.n; i++) {
			VEC_GROW(fs.v, fs.cap, fs.n + 1);
			fs.v[fs.n++] = files[k]->fs.v[i];
		}
		free(files[k]->fs.v);
		memset(&files[k]->fs, 0, sizeof(files[k]->fs));
	}
	fnd_sort(&fs);
	in.files = files;
	in.nfiles = 2;
	in.fs = &fs;
	in.pairs = &pl;
	in.npairs = pl.n;
	in.ndevices = nd;
	in.ntunnels = (pa.dev ? pa.dev->ntunnels : 0) + (pb.dev ? pb.dev->ntunnels : 0);
	ro.fail_on = SEV_ERROR;
	n_heavy = REPORT__COUNT - REPORT_SARIF;
	sink = fopen("/dev/null", "w");
	if (sink) {
		report_text(sink, &in, &ro);
		report_json(sink, &in, &ro);
		/* one of the heavier formats per input, in turn */
		report_render(sink, (enum report_format)(REPORT_SARIF + size % n_heavy), &in, &ro);
		if (size % 5 == 0)
			report_review(sink, REPORT_HTML, &in, &in, &ro);
		fclose(sink);
	}
	fnd_free(&fs);
	chk_pairs_free(&pl);
	parsed_file_free(&pa);
	parsed_file_free(&pb);
	return 0;
}
