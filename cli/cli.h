/* SPDX-License-Identifier: MIT */
/*
 * cli/cli.h - what the commands share: exit codes, the options of a check,
 * and one run of the pipeline
 *
 *   paths -> walk -> parse (N threads) -> single-device checks -> pairing
 *         -> findings filtered (config, --enable/--disable, --severity)
 *
 * which check, pre-commit and review (twice: before and after) build on.
 */
#ifndef IPSECLINT_CLI_CLI_H
#define IPSECLINT_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "checker/checker.h"
#include "cli/config.h"
#include "diag/finding.h"
#include "parsers/parser.h"
#include "report/report.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

extern const char *const progname;

void usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2);

struct check_opts {
	enum report_format format;
	const char *output;
	enum vendor vendor;
	enum severity fail_on;
	enum severity min_sev;
	bool enabled[R__COUNT];	    /* after the config file and the command line */
	bool cli_enabled[R__COUNT]; /* --enable/--disable, where rule_touched */
	bool rule_touched[R__COUNT];
	enum severity sev_override[R__COUNT]; /* [rules] severity.RULE; SEV_NONE: the rule's */
	const char *config_path;
	bool no_pairs;
	long jobs;
	int color; /* -1 auto, 0 never, 1 always */
	bool quiet;
	const char *baseline; /* --baseline FILE */
	char **changed;	      /* --changed FILE,... (several options add up) */
	size_t nchanged, changed_cap;
	const char *before, *after; /* review */
	bool timings;		    /* --timings: where the time went, on stderr */
};

/*
 * The options every command that checks files takes: the long options of
 * check without their terminator (CHECK_LONGOPTS), their short letters
 * (CHECK_SHORTOPTS), and check_opts_init() / check_opt() to fill o. check_opt()
 * returns 1 when it took option c, 0 when c is not one of them, -1 on a
 * usage error (already printed). formats is the set of formats allowed.
 */
enum {
	OPT_VENDOR = 256,
	OPT_FAIL_ON,
	OPT_SEVERITY,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_NO_PAIRS,
	OPT_COLOR,
	OPT_CONFIG,
	OPT_BASELINE,
	OPT_CHANGED,
	OPT_BEFORE,
	OPT_AFTER,
	OPT_TIMINGS,
};

#define CHECK_SHORTOPTS "f:o:j:qh"
#define CHECK_LONGOPTS                                                                                 \
	{"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},            \
		{"vendor", required_argument, NULL, OPT_VENDOR},                                       \
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},                                     \
		{"severity", required_argument, NULL, OPT_SEVERITY},                                   \
		{"enable", required_argument, NULL, OPT_ENABLE},                                       \
		{"disable", required_argument, NULL, OPT_DISABLE},                                     \
		{"no-pairs", no_argument, NULL, OPT_NO_PAIRS}, {"jobs", required_argument, NULL, 'j'}, \
		{"color", required_argument, NULL, OPT_COLOR},                                         \
		{"colour", required_argument, NULL, OPT_COLOR}, {"quiet", no_argument, NULL, 'q'},     \
		{"config", required_argument, NULL, OPT_CONFIG},                                       \
		{"baseline", required_argument, NULL, OPT_BASELINE},                                   \
		{"changed", required_argument, NULL, OPT_CHANGED},                                     \
		{"timings", no_argument, NULL, OPT_TIMINGS},                                           \
	{                                                                                              \
		"help", no_argument, NULL, 'h'                                                         \
	}

void check_opts_init(struct check_opts *o);
void check_opts_free(struct check_opts *o);
int check_opt(struct check_opts *o, int c, const char *arg, unsigned formats);
/* The config file (--config, else the nearest .ipseclint) into cfg, and its rule settings into o. */
int load_config(struct check_opts *o, struct ipl_config *cfg);

/* ---- one run --------------------------------------------------------------- */

struct path_list {
	char **v;
	bool *explicit_path;
	enum vendor *forced; /* --vendor, or the config file's vendor.GLOB */
	size_t n, cap, cap2, cap3;
};

/* Where a run's time went, in seconds (CLOCK_MONOTONIC). */
struct run_times {
	double walk;	   /* collecting the files */
	double parse_wall; /* reading, parsing and checking each device, all threads */
	double parse_cpu;  /* reading and parsing, summed over the files (one core's worth) */
	double check_cpu;  /* single-device checks, summed over the devices */
	double pairs;	   /* pairing and the pairwise checks */
	double findings;   /* filtering and sorting the findings */
	uint64_t bytes;	   /* of the files read */
	long threads;
};

double run_now(void);

struct run {
	struct run_times t;
	struct path_list pl;
	struct parsed_file *files;
	char **errmsgs;
	struct report_input in;
	struct findings all;
	struct pair_list pairs;
	int input_errors; /* unreadable files, named files of unknown format */
	int walk_errors;
};

/*
 * Check the files under paths (directories walked) with o and cfg into r.
 * as_walked: named files too are taken as if found by walking (a file of
 * unknown format is skipped, not an error). Findings end up in r->all,
 * filtered and sorted; r->in is ready for a renderer.
 */
void run_check(struct run *r, const struct check_opts *o, const struct ipl_config *cfg, char *const *paths,
	       size_t npaths, bool as_walked);
void run_free(struct run *r);

/* Keep the findings of r that keep(f, ctx) says yes to (sorted order stays). */
void run_filter(struct run *r, bool (*keep)(const struct finding *f, void *ctx), void *ctx);

/* Exit status of findings fs under --fail-on. */
int fail_status(const struct findings *fs, enum severity fail_on);

/* The report's time stamp, UTC: SOURCE_DATE_EPOCH when set, else now (NULL if it does not fit n). */
const char *report_time(char *buf, size_t n);

/* Open -o FILE (or stdout); close it, reporting errors. */
FILE *output_open(const char *path);
int output_close(FILE *out, const char *path);
bool want_color(int setting, FILE *out);

int cmd_check(int argc, char **argv);
int cmd_precommit(int argc, char **argv);
int cmd_review(int argc, char **argv);

#endif
