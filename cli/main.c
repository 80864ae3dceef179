/* SPDX-License-Identifier: MIT */
/*
 * cli/main.c - option parsing, wiring and exit codes (spec/cli.md).
 *
 *   check   paths -> walk -> parse (N threads) -> check -> filter -> render
 *   dump    one file -> model as JSON
 *   rules   the catalogue
 *   explain one rule's page
 *
 * Exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage
 * error, unreadable file, a named file of unknown format, or internal error.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker/checker.h"
#include "common/util.h"
#include "diag/config.h"
#include "diag/finding.h"
#include "parsers/parser.h"
#include "report/report.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

enum out_format { FMT_TEXT, FMT_JSON };

struct check_opts {
	enum out_format format;
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
};

static const char *progname = "ipseclint";

static void usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
}

static void print_help(FILE *out)
{
	fputs("usage: ipseclint check [OPTIONS] PATH...\n"
	      "       ipseclint dump [--vendor V] FILE\n"
	      "       ipseclint rules [--format text|json]\n"
	      "       ipseclint explain RULE\n"
	      "       ipseclint --version | --help\n"
	      "\n"
	      "Checks IPsec VPN configurations (Huawei VRP) before they are deployed:\n"
	      "per device, and across every pair of peers.\n"
	      "\n"
	      "Commands:\n"
	      "  check      lint files and directories, report findings\n"
	      "  dump       print the common model of FILE as JSON (keys are never shown)\n"
	      "  rules      list the rule catalogue\n"
	      "  explain    print what a rule means, what the devices log, how to fix it\n"
	      "\n"
	      "Run 'ipseclint COMMAND --help' for the options of a command.\n"
	      "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.\n",
	      out);
}

static void print_check_help(FILE *out)
{
	fputs("usage: ipseclint check [OPTIONS] PATH...\n"
	      "\n"
	      "Lint IPsec configurations; directories are walked recursively.\n"
	      "\n"
	      "  -f, --format FMT      text or json (default text)\n"
	      "  -o, --output FILE     write the report to FILE instead of stdout\n"
	      "      --vendor V        force huawei for every file named\n"
	      "      --fail-on LEVEL   error, warning, info or none: exit 1 if a finding at or\n"
	      "                        above LEVEL remains (default error)\n"
	      "      --severity LEVEL  hide findings below LEVEL (default info)\n"
	      "      --enable RULES    comma-separated rule IDs to switch on ('all' allowed)\n"
	      "      --disable RULES   comma-separated rule IDs to switch off ('all' allowed)\n"
	      "      --no-pairs        single-device checks only\n"
	      "  -j, --jobs N          parse files in N threads (default: number of CPUs)\n"
	      "      --color WHEN      auto, always or never (NO_COLOR is honoured)\n"
	      "  -q, --quiet           no summary line\n"
	      "      --config FILE     the config file (default: .ipseclint in the current\n"
	      "                        directory or its nearest parent)\n"
	      "  -h, --help            this text\n",
	      out);
}

static bool parse_rule_list(const char *arg, bool *enabled, bool *touched, bool value)
{
	char *copy = xstrdup(arg);
	char *save = NULL;
	bool ok = true;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		enum rule_id r;

		while (*tok == ' ')
			tok++;
		if (strcmp(tok, "all") == 0) {
			for (size_t i = 0; i < R__COUNT; i++) {
				enabled[i] = value;
				touched[i] = true;
			}
		} else if (rule_by_id(tok, &r)) {
			enabled[r] = value;
			touched[r] = true;
		} else {
			usage_error("unknown rule '%s' (see 'ipseclint rules')", tok);
			ok = false;
			break;
		}
	}
	free(copy);
	return ok;
}

/* ---- collecting files ---------------------------------------------------- */

struct path_list {
	char **v;
	bool *explicit_path;
	enum vendor *forced; /* --vendor, or the config file's vendor.GLOB */
	size_t n, cap, cap2, cap3;
};

static void path_push(struct path_list *pl, const char *p, bool explicit_path, enum vendor forced)
{
	VEC_GROW(pl->v, pl->cap, pl->n + 1);
	VEC_GROW(pl->explicit_path, pl->cap2, pl->n + 1);
	VEC_GROW(pl->forced, pl->cap3, pl->n + 1);
	pl->v[pl->n] = xstrdup(p);
	pl->explicit_path[pl->n] = explicit_path;
	pl->forced[pl->n] = forced;
	pl->n++;
}

struct dir_seen {
	dev_t dev;
	ino_t ino;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Recursive walk in name order. Symbolic links to directories are followed
 * once: a directory already on the current path (a loop) is skipped.
 * Hidden entries (.git, .ipseclint) and non-regular files are skipped, and
 * so are files the config file's [files] globs do not select.
 */
static void walk_dir(const char *dir, const struct ipl_config *cfg, struct path_list *pl,
		     struct dir_seen *stack, size_t depth, int *walk_errors)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct stat st;
	enum vendor forced;

	if (stat(dir, &st) < 0)
		return;
	for (size_t i = 0; i < depth; i++) {
		if (stack[i].dev == st.st_dev && stack[i].ino == st.st_ino)
			return; /* a loop through a symbolic link */
	}
	if (depth >= 64)
		return;
	stack[depth].dev = st.st_dev;
	stack[depth].ino = st.st_ino;

	dp = opendir(dir);
	if (!dp) {
		fprintf(stderr, "%s: %s: %s\n", progname, dir, strerror(errno));
		(*walk_errors)++;
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		VEC_GROW(names, cap, n + 1);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		size_t dl = strlen(dir);
		char *p = xasprintf("%s%s%s", dir, (dl && dir[dl - 1] == '/') ? "" : "/", names[i]);

		if (stat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk_dir(p, cfg, pl, stack, depth + 1, walk_errors);
			else if (S_ISREG(st.st_mode) && config_file_selected(cfg, p, &forced))
				path_push(pl, p, false, forced);
		} else {
			fprintf(stderr, "%s: %s: %s\n", progname, p, strerror(errno));
			(*walk_errors)++;
		}
		free(p);
		free(names[i]);
	}
	free(names);
}

/* ---- parsing in threads -------------------------------------------------- */

struct parse_job {
	struct path_list *pl;
	const struct ipl_config *cfg;
	struct parsed_file *files;
	char **errmsgs;
	atomic_size_t next;
};

static void *parse_worker(void *arg)
{
	struct parse_job *job = arg;
	size_t i;

	while ((i = atomic_fetch_add(&job->next, 1)) < job->pl->n) {
		struct parsed_file *pf = &job->files[i];
		if (job->cfg && config_file_for_peer(job->cfg, job->pl->v[i]))
			parse_file_for_peer(pf, job->pl->v[i], job->pl->forced[i], &job->errmsgs[i]);
		else
			parse_file(pf, job->pl->v[i], job->pl->forced[i], &job->errmsgs[i]);
		pf->explicit_path = job->pl->explicit_path[i];
		if (pf->dev)
			chk_device(pf->dev, &pf->fs);
	}
	return NULL;
}

static void parse_all(struct parse_job *job, long jobs)
{
	pthread_t tids[64];
	long nt = jobs;

	if (nt < 1)
		nt = 1;
	if ((size_t)nt > job->pl->n)
		nt = (long)job->pl->n;
	if (nt > 64)
		nt = 64;
	if (nt <= 1) {
		parse_worker(job);
		return;
	}
	for (long t = 0; t < nt; t++) {
		if (pthread_create(&tids[t], NULL, parse_worker, job) != 0) {
			nt = t;
			break;
		}
	}
	for (long t = 0; t < nt; t++)
		pthread_join(tids[t], NULL);
	/* if no thread could start, do the work here */
	parse_worker(job);
}

/* ---- check --------------------------------------------------------------- */

static bool severity_arg(const char *arg, enum severity *out, bool allow_none)
{
	if (sev_parse(arg, out) && *out != SEV_NONE)
		return true;
	if (allow_none && strcmp(arg, "none") == 0) {
		*out = SEV_NONE;
		return true;
	}
	return false;
}

static int color_arg(const char *arg)
{
	if (strcmp(arg, "auto") == 0)
		return -1;
	if (strcmp(arg, "always") == 0)
		return 1;
	if (strcmp(arg, "never") == 0)
		return 0;
	return -2;
}

static bool want_color(int setting, FILE *out)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (setting >= 0)
		return setting == 1;
	if (nc && *nc)
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(out));
}

/* The parsed files by their source, for the findings that name one. */
struct file_index {
	const struct parsed_file **slot;
	size_t mask;
};

static size_t src_hash(const struct source *s, size_t mask)
{
	uintptr_t p = (uintptr_t)s;

	return (size_t)((p >> 4) * 0x9E3779B97F4A7C15ull >> 17) & mask;
}

static void file_index_init(struct file_index *ix, struct parsed_file *const *files, size_t n)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	ix->slot = xcalloc(size, sizeof(*ix->slot));
	ix->mask = size - 1;
	for (size_t i = 0; i < n; i++) {
		size_t h = src_hash(&files[i]->src, ix->mask);

		while (ix->slot[h])
			h = (h + 1) & ix->mask;
		ix->slot[h] = files[i];
	}
}

static const struct parsed_file *file_index_get(const struct file_index *ix, const struct source *s)
{
	if (!ix || !ix->slot || !s)
		return NULL;
	for (size_t h = src_hash(s, ix->mask); ix->slot[h]; h = (h + 1) & ix->mask) {
		if (&ix->slot[h]->src == s)
			return ix->slot[h];
	}
	return NULL;
}

/* Is f suppressed by the config file's [suppress] section? */
static bool suppressed(const struct ipl_config *cfg, const struct file_index *ix, const struct finding *f)
{
	const struct parsed_file *pf;
	char object[256];

	if (!f->loc.src)
		return false;
	pf = file_index_get(ix, f->loc.src);
	if (pf && pf->nsupp && parse_inline_suppressed((struct parsed_file *)pf, f->loc.line, f->rule))
		return true;
	if (!cfg->nsupp)
		return false;
	if (!pf || !parse_object_at(pf, f->loc.line, object, sizeof(object)))
		return config_suppressed(cfg, f->loc.src->path, NULL, f->rule);
	return config_suppressed(cfg, f->loc.src->path, object, f->rule);
}

/*
 * Move src's findings into dst: severities the config file overrides are
 * applied, disabled rules, suppressed findings and hidden severities dropped.
 */
static void move_findings(struct findings *dst, struct findings *src, const struct check_opts *o,
			  const struct ipl_config *cfg, const struct file_index *ix)
{
	struct findings drop = {0};

	for (size_t i = 0; i < src->n; i++) {
		struct finding *f = &src->v[i];
		struct findings *to;

		if (o->sev_override[f->rule] != SEV_NONE)
			f->sev = o->sev_override[f->rule];
		if (!o->enabled[f->rule] || suppressed(cfg, ix, f) || f->sev < o->min_sev)
			to = &drop;
		else
			to = dst;

		VEC_GROW(to->v, to->cap, to->n + 1);
		to->v[to->n] = *f;
		to->v[to->n].seq = to->next_seq++;
		to->n++;
	}
	free(src->v);
	memset(src, 0, sizeof(*src));
	fnd_free(&drop);
}

static int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"vendor", required_argument, NULL, 'V'},
		{"fail-on", required_argument, NULL, 'F'},
		{"severity", required_argument, NULL, 'S'},
		{"enable", required_argument, NULL, 'E'},
		{"disable", required_argument, NULL, 'D'},
		{"no-pairs", no_argument, NULL, 'P'},
		{"jobs", required_argument, NULL, 'j'},
		{"color", required_argument, NULL, 'C'},
		{"colour", required_argument, NULL, 'C'},
		{"quiet", no_argument, NULL, 'q'},
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct check_opts o = {0};
	struct path_list pl = {0};
	struct parse_job job;
	struct parsed_file *files;
	struct findings all = {0};
	struct pair_list pairs = {0};
	struct report_input in = {0};
	struct report_opts ro = {0};
	struct dir_seen stack[64];
	struct ipl_config cfg;
	struct file_index ix = {0};
	bool any_inline = false;
	struct pair_hints hints;
	char found[4096];
	FILE *out = stdout;
	int c, rc = EXIT_CLEAN, walk_errors = 0, input_errors = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	o.format = FMT_TEXT;
	o.fail_on = SEV_ERROR;
	o.min_sev = SEV_INFO;
	o.jobs = ncpu > 0 ? ncpu : 1;
	o.color = -1;
	for (size_t i = 0; i < R__COUNT; i++) {
		o.enabled[i] = true;
		o.sev_override[i] = SEV_NONE;
	}

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:j:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0) {
				o.format = FMT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				o.format = FMT_JSON;
			} else {
				usage_error("unknown report format '%s' (text or json)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'V':
			if (!model_vendor_parse(optarg, &o.vendor)) {
				usage_error("unknown vendor '%s' (huawei, hpux or aix)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'F':
			if (!severity_arg(optarg, &o.fail_on, true)) {
				usage_error("--fail-on takes error, warning, info or none, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'S':
			if (!severity_arg(optarg, &o.min_sev, false)) {
				usage_error("--severity takes error, warning or info, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'E':
			if (!parse_rule_list(optarg, o.cli_enabled, o.rule_touched, true))
				return EXIT_USAGE;
			break;
		case 'D':
			if (!parse_rule_list(optarg, o.cli_enabled, o.rule_touched, false))
				return EXIT_USAGE;
			break;
		case 'P':
			o.no_pairs = true;
			break;
		case 'j': {
			char *end;
			o.jobs = strtol(optarg, &end, 10);
			if (*end || o.jobs < 1 || o.jobs > 64) {
				usage_error("--jobs takes a number from 1 to 64, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'C':
			o.color = color_arg(optarg);
			if (o.color == -2) {
				usage_error("--color takes auto, always or never, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'c':
			o.config_path = optarg;
			break;
		case 'h':
			print_check_help(stdout);
			return EXIT_CLEAN;
		default:
			fprintf(stderr, "Try '%s check --help' for more information.\n", progname);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage_error("check needs at least one file or directory");
		return EXIT_USAGE;
	}

	/* the config file: --config, else the nearest .ipseclint; its rules, then ours */
	config_init(&cfg);
	if (!o.config_path && config_find(found, sizeof(found)) == 0)
		o.config_path = found;
	if (o.config_path) {
		struct strbuf err = STRBUF_INIT;

		if (config_load(o.config_path, &cfg, &err) < 0) {
			fprintf(stderr, "%s\n", sb_str(&err));
			fprintf(stderr, "%s: the config file has errors; nothing was checked\n", progname);
			sb_free(&err);
			config_free(&cfg);
			return EXIT_USAGE;
		}
		sb_free(&err);
	}
	config_apply_rules(&cfg, o.enabled, o.sev_override);
	for (size_t i = 0; i < R__COUNT; i++) {
		if (o.rule_touched[i])
			o.enabled[i] = o.cli_enabled[i];
	}

	for (int i = optind; i < argc; i++) {
		struct stat st;
		enum vendor forced = VENDOR_UNKNOWN;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_dir(argv[i], &cfg, &pl, stack, 0, &walk_errors);
		} else {
			/* named files are always checked; vendor.GLOB still applies */
			(void)config_file_selected(&cfg, argv[i], &forced);
			path_push(&pl, argv[i], true, forced);
		}
	}
	if (o.vendor != VENDOR_UNKNOWN) {
		for (size_t i = 0; i < pl.n; i++) {
			if (pl.explicit_path[i])
				pl.forced[i] = o.vendor;
		}
	}

	files = xcalloc(pl.n ? pl.n : 1, sizeof(*files));
	job.pl = &pl;
	job.cfg = &cfg;
	job.files = files;
	job.errmsgs = xcalloc(pl.n ? pl.n : 1, sizeof(char *));
	atomic_init(&job.next, 0);
	parse_all(&job, o.jobs);

	in.files = xcalloc(pl.n ? pl.n : 1, sizeof(*in.files));
	for (size_t i = 0; i < pl.n; i++) {
		struct parsed_file *pf = &files[i];

		if (job.errmsgs[i]) {
			/* unreadable: reported on stderr, not a finding; exit 2 */
			fprintf(stderr, "%s: %s\n", progname, job.errmsgs[i]);
			free(job.errmsgs[i]);
			input_errors++;
			continue;
		}
		if (pf->status == FILE_FAILED && !pf->explicit_path) {
			/* found by walking and not ours: skipped */
			continue;
		}
		if (pf->status == FILE_FAILED)
			input_errors++; /* a named file of unknown format */
		in.files[in.nfiles++] = pf;
		if (pf->dev) {
			in.ndevices++;
			in.ntunnels += pf->dev->ntunnels;
		}
	}
	for (size_t i = 0; i < in.nfiles; i++)
		any_inline |= in.files[i]->nsupp > 0;
	if (cfg.nsupp || any_inline)
		file_index_init(&ix, in.files, in.nfiles);
	for (size_t i = 0; i < in.nfiles; i++)
		move_findings(&all, &in.files[i]->fs, &o, &cfg, &ix);
	if (!o.no_pairs) {
		struct device **devs = xcalloc(in.nfiles ? in.nfiles : 1, sizeof(*devs));
		struct findings pf_fs = {0};
		size_t nd = 0;

		for (size_t i = 0; i < in.nfiles; i++) {
			if (in.files[i]->dev)
				devs[nd++] = in.files[i]->dev;
		}
		config_pair_hints(&cfg, &hints);
		chk_pairs(devs, nd, &hints, &pf_fs, &pairs);
		move_findings(&all, &pf_fs, &o, &cfg, &ix);
		free(devs);
	}
	if (any_inline) {
		/* inline suppression comments that suppressed nothing */
		struct findings un = {0};

		for (size_t i = 0; i < in.nfiles; i++)
			parse_inline_unused(in.files[i], o.enabled, &un);
		move_findings(&all, &un, &o, &cfg, NULL);
	}
	if (cfg.nsupp) {
		/* suppressions that suppressed nothing in the files checked */
		struct findings un = {0};
		const char **paths = xcalloc(in.nfiles ? in.nfiles : 1, sizeof(*paths));

		for (size_t i = 0; i < in.nfiles; i++)
			paths[i] = in.files[i]->src.path;
		config_report_unused(&cfg, paths, in.nfiles, o.enabled, &un);
		move_findings(&all, &un, &o, &cfg, NULL);
		free(paths);
	}
	in.pairs = &pairs;
	in.npairs = pairs.n;
	fnd_sort(&all);
	in.fs = &all;

	if (o.output) {
		out = fopen(o.output, "w");
		if (!out) {
			fprintf(stderr, "%s: %s: %s\n", progname, o.output, strerror(errno));
			rc = EXIT_USAGE;
			goto out_free;
		}
	}
	ro.color = o.format == FMT_TEXT && want_color(o.color, out);
	ro.quiet = o.quiet;
	if (o.format == FMT_JSON)
		report_json(out, &in, &ro);
	else
		report_text(out, &in, &ro);
	if (out != stdout) {
		if (fclose(out) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, o.output, strerror(errno));
			rc = EXIT_USAGE;
		}
	} else if (fflush(stdout) != 0) {
		rc = EXIT_USAGE;
	}

	if (rc == EXIT_CLEAN && o.fail_on != SEV_NONE) {
		for (size_t i = 0; i < all.n; i++) {
			if (all.v[i].sev >= o.fail_on) {
				rc = EXIT_FINDINGS;
				break;
			}
		}
	}
	if (input_errors || walk_errors)
		rc = EXIT_USAGE;

out_free:
	fnd_free(&all);
	free(ix.slot);
	config_free(&cfg);
	chk_pairs_free(&pairs);
	for (size_t i = 0; i < pl.n; i++) {
		parsed_file_free(&files[i]);
		free(pl.v[i]);
	}
	free(files);
	free(job.errmsgs);
	free(in.files);
	free(pl.v);
	free(pl.explicit_path);
	free(pl.forced);
	return rc;
}

/* ---- dump, rules, explain ------------------------------------------------ */

static int cmd_dump(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"vendor", required_argument, NULL, 'V'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum vendor v = VENDOR_UNKNOWN;
	struct parsed_file pf;
	char *err = NULL;
	int c, rc = EXIT_CLEAN;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'V':
			if (!model_vendor_parse(optarg, &v)) {
				usage_error("unknown vendor '%s' (huawei, hpux or aix)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs("usage: ipseclint dump [--vendor V] FILE\n\n"
			      "Print the common model of FILE as JSON. Keys are described, never shown.\n",
			      stdout);
			return EXIT_CLEAN;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		usage_error("dump takes exactly one file");
		return EXIT_USAGE;
	}
	if (parse_file(&pf, argv[optind], v, &err) < 0) {
		fprintf(stderr, "%s: %s\n", progname, err);
		free(err);
		parsed_file_free(&pf);
		return EXIT_USAGE;
	}
	if (!pf.dev) {
		fprintf(stderr, "%s: %s: cannot tell which vendor wrote this file (try --vendor)\n", progname,
			argv[optind]);
		rc = EXIT_USAGE;
	} else {
		report_dump(stdout, &pf);
	}
	parsed_file_free(&pf);
	return rc;
}

static int cmd_rules(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool json = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				json = true;
			} else if (strcmp(optarg, "text") != 0) {
				usage_error("unknown format '%s' (text or json)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs("usage: ipseclint rules [--format text|json]\n\nList the rule catalogue.\n",
			      stdout);
			return EXIT_CLEAN;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage_error("rules takes no arguments");
		return EXIT_USAGE;
	}
	return report_rules(stdout, json) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}

static int cmd_explain(int argc, char **argv)
{
	enum rule_id r;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs("usage: ipseclint explain RULE\n\nWhat a rule means, what the devices log, how to fix it.\n",
		      stdout);
		return EXIT_CLEAN;
	}
	if (argc != 2) {
		usage_error("explain takes one rule ID (see 'ipseclint rules')");
		return EXIT_USAGE;
	}
	if (!rule_by_id(argv[1], &r)) {
		usage_error("unknown rule '%s' (see 'ipseclint rules')", argv[1]);
		return EXIT_USAGE;
	}
	return report_explain(stdout, r) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("ipseclint %s\n", IPSECLINT_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		print_help(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "check") == 0 || strcmp(cmd, "dump") == 0) {
		int rc;

		parsers_init(); /* before any parse thread starts */
		rc = cmd[0] == 'c' ? cmd_check(argc - 1, argv + 1) : cmd_dump(argc - 1, argv + 1);
		parsers_cleanup();
		return rc;
	}
	if (strcmp(cmd, "rules") == 0)
		return cmd_rules(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(argc - 1, argv + 1);
	usage_error("unknown command '%s'", cmd);
	return EXIT_USAGE;
}
