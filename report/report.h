/* SPDX-License-Identifier: MIT */
/*
 * report/report.h - renderers. They read the model and the findings, never
 * vendor text (except the quoted source lines of the text format, which pass
 * through report_redact_line() first).
 */
#ifndef IPSECLINT_REPORT_REPORT_H
#define IPSECLINT_REPORT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "checker/checker.h"
#include "diag/finding.h"
#include "parsers/parser.h"

#define IPSECLINT_VERSION "0.1.0"

struct report_input {
	struct parsed_file **files; /* command-line order, then walk order */
	size_t nfiles;
	const struct findings *fs;     /* filtered (severity, enable/disable) and sorted */
	const struct pair_list *pairs; /* NULL or empty with --no-pairs */
	size_t ndevices, ntunnels, npairs;
};

struct report_opts {
	bool color; /* ANSI colours in the text format */
	bool quiet; /* no summary line */
};

/* gcc-style text of spec/cli.md "Text report". */
int report_text(FILE *out, const struct report_input *in, const struct report_opts *o);
/* JSON of spec/cli.md "JSON report". */
int report_json(FILE *out, const struct report_input *in, const struct report_opts *o);
/* "ipseclint dump": the common model of one file as JSON, keys described, never shown. */
int report_dump(FILE *out, const struct parsed_file *pf);
/* "ipseclint rules [--format json]". */
int report_rules(FILE *out, bool json);
/* "ipseclint explain RULE". */
int report_explain(FILE *out, enum rule_id r);

/*
 * A copy of one source line with every secret masked: the key after
 * pre-shared-key [simple|cipher], sa string-key / authentication-hex /
 * encryption-hex, HP-UX -preshared / -authkey / -espkey, AIX Value="..." of
 * key elements, and any Huawei cipher string (%^%#...%^%#, %$%$...%$%$,
 * %@%@...%@%@, @%@%...@%@%, %#%#...%#%#). Masked text is replaced by '*'
 * characters of the same length, so carets stay aligned. malloc'd.
 */
char *report_redact_line(const char *line, size_t len);

#endif
