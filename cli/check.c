/* SPDX-License-Identifier: MIT */
/*
 * cli/check.c - "ipseclint check" and "ipseclint pre-commit".
 *
 * check: one run over the paths, then --baseline (drop the findings a
 * previous JSON report holds) and --changed (keep the findings with a
 * location in the files named), then the report in the format asked for.
 *
 * pre-commit: what a pre-commit hook runs. Every file under the current
 * directory that the config file selects is loaded, so that an unchanged
 * peer still pairs; the files named (those of the commit) only choose which
 * findings are reported. A named file that is no configuration is skipped.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"
#include "cli/baseline.h"

static void print_check_help(FILE *out)
{
	fputs("usage: ipseclint check [OPTIONS] PATH...\n"
	      "\n"
	      "Lint IPsec configurations; directories are walked recursively.\n"
	      "\n"
	      "  -f, --format FMT      text, json, sarif, junit, markdown or html (default text)\n"
	      "  -o, --output FILE     write the report to FILE instead of stdout\n"
	      "      --vendor V        force huawei, hpux or aix for every file named\n"
	      "      --fail-on LEVEL   error, warning, info or none: exit 1 if a finding at or\n"
	      "                        above LEVEL remains (default error)\n"
	      "      --severity LEVEL  hide findings below LEVEL (default info)\n"
	      "      --enable RULES    comma-separated rule IDs to switch on ('all' allowed)\n"
	      "      --disable RULES   comma-separated rule IDs to switch off ('all' allowed)\n"
	      "      --baseline FILE   a previous JSON report: its findings are not reported\n"
	      "      --changed FILES   comma-separated: report only findings with a location\n"
	      "                        (either side of a pair) in these files; every PATH is\n"
	      "                        still loaded, so unchanged peers pair\n"
	      "      --no-pairs        single-device checks only\n"
	      "      --timings         where the time went, per phase, on stderr\n"
	      "  -j, --jobs N          parse files in N threads (default: number of CPUs)\n"
	      "      --color WHEN      auto, always or never (NO_COLOR is honoured)\n"
	      "  -q, --quiet           no summary line\n"
	      "      --config FILE     the config file (default: .ipseclint in the current\n"
	      "                        directory or its nearest parent)\n"
	      "  -h, --help            this text\n",
	      out);
}

static void print_precommit_help(FILE *out)
{
	fputs("usage: ipseclint pre-commit [OPTIONS] FILE...\n"
	      "\n"
	      "What a pre-commit hook runs: every configuration under the current directory\n"
	      "is loaded (so an unchanged peer still pairs), and only findings with a\n"
	      "location in FILE... (the files of the commit) are reported. Files that are\n"
	      "not IPsec configurations are skipped. Exit 1 refuses the commit.\n"
	      "\n"
	      "Options: those of 'ipseclint check' (--format, --fail-on, --config, ...).\n",
	      out);
}

/* ---- --baseline, --changed ------------------------------------------------ */

static bool not_in_baseline(const struct finding *f, void *ctx)
{
	return !baseline_has(ctx, f);
}

struct changed_set {
	char **real; /* realpath() of each --changed file (or the name as given) */
	size_t n;
	const struct source **yes, **no; /* sources already looked up */
	size_t nyes, nno, capyes, capno;
};

static char *real_or_given(const char *p)
{
	char buf[PATH_MAX];

	return realpath(p, buf) ? xstrdup(buf) : xstrdup(p);
}

static bool source_changed(struct changed_set *cs, const struct source *src)
{
	char *r;
	bool hit = false;

	if (!src || !src->path)
		return false;
	for (size_t i = 0; i < cs->nyes; i++)
		if (cs->yes[i] == src)
			return true;
	for (size_t i = 0; i < cs->nno; i++)
		if (cs->no[i] == src)
			return false;
	r = real_or_given(src->path);
	for (size_t i = 0; i < cs->n && !hit; i++)
		hit = strcmp(cs->real[i], r) == 0;
	free(r);
	if (hit) {
		VEC_GROW(cs->yes, cs->capyes, cs->nyes + 1);
		cs->yes[cs->nyes++] = src;
	} else {
		VEC_GROW(cs->no, cs->capno, cs->nno + 1);
		cs->no[cs->nno++] = src;
	}
	return hit;
}

/* A finding of a changed file: its location, or the peer side of a pair, is in one. */
static bool in_changed(const struct finding *f, void *ctx)
{
	struct changed_set *cs = ctx;

	if (source_changed(cs, f->loc.src))
		return true;
	for (size_t i = 0; i < f->nrelated; i++)
		if (source_changed(cs, f->related[i].src))
			return true;
	return false;
}

static void changed_free(struct changed_set *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		free(cs->real[i]);
	free(cs->real);
	free(cs->yes);
	free(cs->no);
}

/* ---- the report ----------------------------------------------------------- */

static int report(const struct run *r, const struct check_opts *o)
{
	struct report_opts ro = {0};
	FILE *out = output_open(o->output);
	char when[32];

	if (!out)
		return EXIT_USAGE;
	ro.generated = report_time(when, sizeof(when));
	ro.color = o->format == REPORT_TEXT && want_color(o->color, out);
	ro.quiet = o->quiet;
	ro.fail_on = o->fail_on;
	if (o->format == REPORT_MARKDOWN || o->format == REPORT_HTML)
		report_review(out, o->format, NULL, &r->in, &ro);
	else
		report_render(out, o->format, &r->in, &ro);
	return output_close(out, o->output);
}

/* --timings: one line per phase on stderr, for the benchmark and for anyone with a big fleet */
static void print_timings(const struct run *r, double report_s, double total_s)
{
	const struct run_times *t = &r->t;
	double mb = (double)t->bytes / 1e6;

	fprintf(stderr, "timings: %zu files, %.1f MB, %ld thread%s\n", r->pl.n, mb, t->threads,
		t->threads == 1 ? "" : "s");
	fprintf(stderr, "timings: walk %.3f s\n", t->walk);
	fprintf(stderr, "timings: read+parse+device checks %.3f s wall\n", t->parse_wall);
	fprintf(stderr, "timings: read+parse %.3f s in all threads (%.1f MB/s per thread)\n", t->parse_cpu,
		t->parse_cpu > 0 ? mb / t->parse_cpu : 0.0);
	fprintf(stderr, "timings: device checks %.3f s in all threads\n", t->check_cpu);
	fprintf(stderr, "timings: pairing and pair checks %.3f s\n", t->pairs);
	fprintf(stderr, "timings: findings %.3f s, report %.3f s\n", t->findings, report_s);
	fprintf(stderr, "timings: total %.3f s\n", total_s);
}

static int check_paths(struct check_opts *o, char *const *paths, size_t npaths, bool as_walked)
{
	struct ipl_config cfg;
	struct baseline base = {0};
	struct changed_set cs = {0};
	struct run r;
	double t_start = run_now(), t_report;
	int rc;

	if (o->baseline) {
		struct strbuf err = STRBUF_INIT;

		if (baseline_load(o->baseline, &base, &err) < 0) {
			fprintf(stderr, "%s: %s\n", progname, sb_str(&err));
			sb_free(&err);
			return EXIT_USAGE;
		}
		sb_free(&err);
	}
	if (load_config(o, &cfg) != EXIT_CLEAN) {
		baseline_free(&base);
		return EXIT_USAGE;
	}
	run_check(&r, o, &cfg, paths, npaths, as_walked);
	if (o->baseline)
		run_filter(&r, not_in_baseline, &base);
	if (o->nchanged) {
		cs.real = xcalloc(o->nchanged, sizeof(*cs.real));
		for (size_t i = 0; i < o->nchanged; i++)
			cs.real[cs.n++] = real_or_given(o->changed[i]);
		run_filter(&r, in_changed, &cs);
	}
	t_report = run_now();
	rc = report(&r, o);
	t_report = run_now() - t_report;
	if (o->timings)
		print_timings(&r, t_report, run_now() - t_start);
	if (rc == EXIT_CLEAN)
		rc = fail_status(&r.all, o->fail_on);
	if (r.input_errors || r.walk_errors)
		rc = EXIT_USAGE;
	run_free(&r);
	changed_free(&cs);
	baseline_free(&base);
	config_free(&cfg);
	return rc;
}

static int parse_args(int argc, char **argv, struct check_opts *o, void (*help)(FILE *))
{
	static const struct option longopts[] = {CHECK_LONGOPTS, {NULL, 0, NULL, 0}};
	int c, k;

	optind = 1;
	while ((c = getopt_long(argc, argv, CHECK_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'h') {
			help(stdout);
			return -EXIT_CLEAN - 1;
		}
		k = check_opt(o, c, optarg, (1u << REPORT__COUNT) - 1);
		if (k < 0)
			return -EXIT_USAGE - 1;
		if (k == 0) {
			fprintf(stderr, "Try '%s %s --help' for more information.\n", progname, argv[0]);
			return -EXIT_USAGE - 1;
		}
	}
	return optind;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o;
	int i, rc;

	check_opts_init(&o);
	i = parse_args(argc, argv, &o, print_check_help);
	if (i < 0) {
		check_opts_free(&o);
		return -i - 1;
	}
	if (i >= argc) {
		usage_error("check needs at least one file or directory");
		check_opts_free(&o);
		return EXIT_USAGE;
	}
	rc = check_paths(&o, argv + i, (size_t)(argc - i), false);
	check_opts_free(&o);
	return rc;
}

int cmd_precommit(int argc, char **argv)
{
	struct check_opts o;
	char *dot[] = {"."};
	int i, rc;

	check_opts_init(&o);
	i = parse_args(argc, argv, &o, print_precommit_help);
	if (i < 0) {
		check_opts_free(&o);
		return -i - 1;
	}
	if (i >= argc) {
		check_opts_free(&o);
		return EXIT_CLEAN; /* nothing in the commit to check */
	}
	for (; i < argc; i++) {
		VEC_GROW(o.changed, o.changed_cap, o.nchanged + 1);
		o.changed[o.nchanged++] = xstrdup(argv[i]);
	}
	rc = check_paths(&o, dot, 1, true);
	check_opts_free(&o);
	return rc;
}
