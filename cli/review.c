/* SPDX-License-Identifier: MIT */
/*
 * cli/review.c - "ipseclint review --before PATH --after PATH": the
 * change-window review. Both states are checked with the same options and
 * config file; the report says, per tunnel pair, the verdict before and
 * after, and which findings the change introduces, resolves or leaves.
 * Exit 1 when the change introduces a finding at or above --fail-on.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"

static void print_review_help(FILE *out)
{
	fputs("usage: ipseclint review --before PATH --after PATH [OPTIONS]\n"
	      "\n"
	      "Compare two states of a fleet (e.g. two checkouts of the configuration\n"
	      "repository): per tunnel pair the verdict before and after, the findings the\n"
	      "change introduces, resolves and leaves, the tunnels it adds and removes.\n"
	      "--before and --after may be given several times.\n"
	      "\n"
	      "  -f, --format FMT      text, json, markdown or html (default text)\n"
	      "      --fail-on LEVEL   exit 1 if the change introduces a finding at or above\n"
	      "                        LEVEL (default error)\n"
	      "\n"
	      "The other options are those of 'ipseclint check' (--config, --severity,\n"
	      "--enable, --disable, --no-pairs, --jobs, --vendor, --output, --quiet).\n",
	      out);
}

struct path_vec {
	char **v;
	size_t n, cap;
};

static void push(struct path_vec *pv, const char *p)
{
	VEC_GROW(pv->v, pv->cap, pv->n + 1);
	pv->v[pv->n++] = xstrdup(p);
}

static void pv_free(struct path_vec *pv)
{
	for (size_t i = 0; i < pv->n; i++)
		free(pv->v[i]);
	free(pv->v);
}

/*
 * The report of the two runs; EXIT_FINDINGS when the change introduces a
 * finding at --fail-on or above.
 */
static int write_review(const struct check_opts *o, struct run *rb, struct run *ra)
{
	struct report_opts ro = {0};
	FILE *out = output_open(o->output);
	char when[32];
	int rc;

	if (!out)
		return EXIT_USAGE;
	ro.generated = report_time(when, sizeof(when));
	ro.quiet = o->quiet;
	ro.fail_on = o->fail_on;
	report_review(out, o->format, &rb->in, &ra->in, &ro);
	rc = output_close(out, o->output);
	if (rc == EXIT_CLEAN && o->fail_on != SEV_NONE &&
	    report_review_introduces(&rb->in, &ra->in, o->fail_on))
		rc = EXIT_FINDINGS;
	return rc;
}

int cmd_review(int argc, char **argv)
{
	static const struct option longopts[] = {
		CHECK_LONGOPTS,
		{"before", required_argument, NULL, OPT_BEFORE},
		{"after", required_argument, NULL, OPT_AFTER},
		{NULL, 0, NULL, 0},
	};
	const unsigned formats =
		1u << REPORT_TEXT | 1u << REPORT_JSON | 1u << REPORT_MARKDOWN | 1u << REPORT_HTML;
	struct check_opts o;
	struct path_vec before = {0}, after = {0};
	struct ipl_config cfg;
	struct run rb, ra;
	int c, k, rc = EXIT_USAGE;

	check_opts_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, CHECK_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'h') {
			print_review_help(stdout);
			rc = EXIT_CLEAN;
			goto out;
		}
		if (c == OPT_BEFORE || c == OPT_AFTER) {
			push(c == OPT_BEFORE ? &before : &after, optarg);
			continue;
		}
		if (c == OPT_BASELINE || c == OPT_CHANGED) {
			usage_error("review compares two states: it takes no --baseline or --changed");
			goto out;
		}
		k = check_opt(&o, c, optarg, formats);
		if (k < 0)
			goto out;
		if (k == 0) {
			fprintf(stderr, "Try '%s review --help' for more information.\n", progname);
			goto out;
		}
	}
	if (optind < argc) {
		usage_error("review takes its paths with --before and --after, not '%s'", argv[optind]);
		goto out;
	}
	if (!before.n || !after.n) {
		usage_error("review needs --before PATH and --after PATH");
		goto out;
	}
	if (load_config(&o, &cfg) != EXIT_CLEAN)
		goto out;
	run_check(&rb, &o, &cfg, before.v, before.n, false);
	run_check(&ra, &o, &cfg, after.v, after.n, false);
	rc = write_review(&o, &rb, &ra);
	if (rb.input_errors || rb.walk_errors || ra.input_errors || ra.walk_errors)
		rc = EXIT_USAGE;
	run_free(&rb);
	run_free(&ra);
	config_free(&cfg);
out:
	pv_free(&before);
	pv_free(&after);
	check_opts_free(&o);
	return rc;
}
