/* SPDX-License-Identifier: MIT */
/*
 * report/report.h - renderers. They read the model and the findings, never
 * vendor text (except the quoted source lines of the text format, which pass
 * through its source's masker first, source_masked_line()).
 */
#ifndef IPSECLINT_REPORT_REPORT_H
#define IPSECLINT_REPORT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "checker/checker.h"
#include "diag/file.h"
#include "diag/finding.h"

#define IPSECLINT_VERSION "0.1.0"

struct report_input {
	struct parsed_file **files; /* command-line order, then walk order */
	size_t nfiles;
	const struct findings *fs;     /* filtered (severity, enable/disable) and sorted */
	const struct pair_list *pairs; /* NULL or empty with --no-pairs */
	size_t ndevices, ntunnels, npairs;
};

enum report_format {
	REPORT_TEXT = 0,
	REPORT_JSON,
	REPORT_SARIF,
	REPORT_JUNIT,
	REPORT_MARKDOWN,
	REPORT_HTML,
	REPORT__COUNT
};

const char *report_format_name(enum report_format f); /* "text", "json", ... */
bool report_format_parse(const char *s, enum report_format *out);

struct report_opts {
	bool color;	       /* ANSI colours in the text format */
	bool quiet;	       /* no summary line */
	enum severity fail_on; /* JUnit: a finding at or above it is a failure (SEV_NONE: none) */
	const char *title;     /* markdown / html: the report's heading; NULL: a default */
	const char *generated; /* markdown / html / junit: when, ISO 8601 (NULL: not said) */
};

/* The report of one check in format f. */
int report_render(FILE *out, enum report_format f, const struct report_input *in,
		  const struct report_opts *o);

/* gcc-style text of spec/cli.md "Text report". */
int report_text(FILE *out, const struct report_input *in, const struct report_opts *o);
/* JSON of spec/cli.md "JSON report". */
int report_json(FILE *out, const struct report_input *in, const struct report_opts *o);
/* SARIF 2.1.0: one run, the rule catalogue, results with the peer side as related locations. */
int report_sarif(FILE *out, const struct report_input *in, const struct report_opts *o);
/* JUnit XML (libxml2's writer): a testsuite per file, a testcase per device and per tunnel pair. */
int report_junit(FILE *out, const struct report_input *in, const struct report_opts *o);

/*
 * The change-window review: the tunnel pairs of two states of a fleet with
 * their verdicts before and after, the findings the change introduces,
 * resolves and leaves, the tunnels it adds and removes. before NULL: one
 * state (check --format markdown|html). Formats text, json, markdown, html.
 */
int report_review(FILE *out, enum report_format f, const struct report_input *before,
		  const struct report_input *after, const struct report_opts *o);
/* Did the change introduce a finding at or above fail_on? */
bool report_review_introduces(const struct report_input *before, const struct report_input *after,
			      enum severity fail_on);

/* "ipseclint dump": the common model of one file as JSON, keys described, never shown. */
int report_dump(FILE *out, const struct parsed_file *pf);
/* "ipseclint rules [--format json]". */
int report_rules(FILE *out, bool json);
/* "ipseclint explain RULE". */
int report_explain(FILE *out, enum rule_id r);

#endif
