/* SPDX-License-Identifier: MIT */
/*
 * cli/run.c - one run of the pipeline: collect the files (walking
 * directories), parse them in threads, check each device, pair the tunnels,
 * and keep the findings the options and the config file let through.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/hmap.h"
#include "common/util.h"

const char *const progname = "ipseclint";

void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
}

/* ---- options --------------------------------------------------------------- */

void check_opts_init(struct check_opts *o)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(o, 0, sizeof(*o));
	o->format = REPORT_TEXT;
	o->fail_on = SEV_ERROR;
	o->min_sev = SEV_INFO;
	o->jobs = ncpu > 0 ? ncpu : 1;
	o->color = -1;
	for (size_t i = 0; i < R__COUNT; i++) {
		o->enabled[i] = true;
		o->sev_override[i] = SEV_NONE;
	}
}

void check_opts_free(struct check_opts *o)
{
	for (size_t i = 0; i < o->nchanged; i++)
		free(o->changed[i]);
	free(o->changed);
	o->changed = NULL;
	o->nchanged = o->changed_cap = 0;
}

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

static void formats_list(unsigned formats, char *buf, size_t n)
{
	size_t k = 0, count = 0, seen = 0;

	for (unsigned f = 0; f < REPORT__COUNT; f++)
		count += (formats >> f) & 1u;
	buf[0] = '\0';
	for (unsigned f = 0; f < REPORT__COUNT && k < n; f++) {
		if (!((formats >> f) & 1u))
			continue;
		seen++;
		k += (size_t)snprintf(buf + k, n - k, "%s%s",
				      seen == 1	    ? "" :
				      seen == count ? " or " :
						      ", ",
				      report_format_name((enum report_format)f));
	}
}

/* --changed a,b,c: the files a pre-commit hook or CI job names as changed. */
static int changed_arg(struct check_opts *o, const char *arg)
{
	char *copy = xstrdup(arg), *save = NULL;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		VEC_GROW(o->changed, o->changed_cap, o->nchanged + 1);
		o->changed[o->nchanged++] = xstrdup(tok);
	}
	free(copy);
	if (!o->nchanged) {
		usage_error("--changed takes a comma-separated list of files");
		return -1;
	}
	return 1;
}

int check_opt(struct check_opts *o, int c, const char *arg, unsigned formats)
{
	char *end, list[128];

	switch (c) {
	case 'f':
		if (!report_format_parse(arg, &o->format) || !((formats >> o->format) & 1u)) {
			formats_list(formats, list, sizeof(list));
			usage_error("unknown report format '%s' (%s)", arg, list);
			return -1;
		}
		return 1;
	case 'o':
		o->output = arg;
		return 1;
	case OPT_VENDOR:
		if (!model_vendor_parse(arg, &o->vendor)) {
			usage_error("unknown vendor '%s' (huawei, hpux or aix)", arg);
			return -1;
		}
		return 1;
	case OPT_FAIL_ON:
		if (!severity_arg(arg, &o->fail_on, true)) {
			usage_error("--fail-on takes error, warning, info or none, not '%s'", arg);
			return -1;
		}
		return 1;
	case OPT_SEVERITY:
		if (!severity_arg(arg, &o->min_sev, false)) {
			usage_error("--severity takes error, warning or info, not '%s'", arg);
			return -1;
		}
		return 1;
	case OPT_ENABLE:
	case OPT_DISABLE:
		return parse_rule_list(arg, o->cli_enabled, o->rule_touched, c == OPT_ENABLE) ? 1 : -1;
	case OPT_NO_PAIRS:
		o->no_pairs = true;
		return 1;
	case 'j':
		o->jobs = strtol(arg, &end, 10);
		if (*end || o->jobs < 1 || o->jobs > 64) {
			usage_error("--jobs takes a number from 1 to 64, not '%s'", arg);
			return -1;
		}
		return 1;
	case OPT_COLOR:
		o->color = color_arg(arg);
		if (o->color == -2) {
			usage_error("--color takes auto, always or never, not '%s'", arg);
			return -1;
		}
		return 1;
	case 'q':
		o->quiet = true;
		return 1;
	case OPT_CONFIG:
		o->config_path = arg;
		return 1;
	case OPT_BASELINE:
		o->baseline = arg;
		return 1;
	case OPT_TIMINGS:
		o->timings = true;
		return 1;
	case OPT_CHANGED:
		return changed_arg(o, arg);
	default:
		return 0;
	}
}

int load_config(struct check_opts *o, struct ipl_config *cfg)
{
	static char found[4096];

	config_init(cfg);
	if (!o->config_path && config_find(found, sizeof(found)) == 0)
		o->config_path = found;
	if (o->config_path) {
		struct strbuf err = STRBUF_INIT;

		if (config_load(o->config_path, cfg, &err) < 0) {
			fprintf(stderr, "%s\n", sb_str(&err));
			fprintf(stderr, "%s: the config file has errors; nothing was checked\n", progname);
			sb_free(&err);
			config_free(cfg);
			return EXIT_USAGE;
		}
		sb_free(&err);
	}
	/* the config file's rules, then the command line's */
	config_apply_rules(cfg, o->enabled, o->sev_override);
	for (size_t i = 0; i < R__COUNT; i++) {
		if (o->rule_touched[i])
			o->enabled[i] = o->cli_enabled[i];
	}
	return EXIT_CLEAN;
}

bool want_color(int setting, FILE *out)
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

const char *report_time(char *buf, size_t n)
{
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH"); /* reproducible reports */
	struct tm tm;

	if (sde && *sde)
		now = (time_t)strtoll(sde, NULL, 10);
	if (gmtime_r(&now, &tm) && strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm))
		return buf;
	return NULL;
}

FILE *output_open(const char *path)
{
	FILE *out;

	if (!path)
		return stdout;
	out = fopen(path, "w");
	if (!out)
		fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
	return out;
}

/* A report that could not be written in full (a full disk, a closed pipe) is exit 2, said on stderr. */
int output_close(FILE *out, const char *path)
{
	bool bad;
	int err, before = errno; /* a write that failed earlier left its reason here, mostly */

	errno = 0;
	bad = fflush(out) != 0 || ferror(out);
	err = errno ? errno : before ? before : EIO;
	if (out != stdout && fclose(out) != 0 && !bad) {
		bad = true;
		err = errno ? errno : EIO;
	}
	if (!bad)
		return EXIT_CLEAN;
	fprintf(stderr, "%s: %s: the report could not be written: %s\n", progname,
		out == stdout || !path ? "standard output" : path, strerror(err));
	return EXIT_USAGE;
}

int fail_status(const struct findings *fs, enum severity fail_on)
{
	if (fail_on == SEV_NONE)
		return EXIT_CLEAN;
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].sev >= fail_on)
			return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

/* ---- collecting files ---------------------------------------------------- */

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
		/* "." walks to "hq.cfg", not "./hq.cfg": paths as a user would type them */
		char *p = strcmp(dir, ".") == 0 ?
				  xstrdup(names[i]) :
				  xasprintf("%s%s%s", dir, (dl && dir[dl - 1] == '/') ? "" : "/", names[i]);

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
	atomic_uint_fast64_t parse_ns, check_ns, bytes;
};

double run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *parse_worker(void *arg)
{
	struct parse_job *job = arg;
	size_t i;

	while ((i = atomic_fetch_add(&job->next, 1)) < job->pl->n) {
		struct parsed_file *pf = &job->files[i];
		double t0 = run_now(), t1;

		if (job->cfg && config_file_for_peer(job->cfg, job->pl->v[i]))
			parse_file_for_peer(pf, job->pl->v[i], job->pl->forced[i], &job->errmsgs[i]);
		else
			parse_file(pf, job->pl->v[i], job->pl->forced[i], &job->errmsgs[i]);
		pf->explicit_path = job->pl->explicit_path[i];
		t1 = run_now();
		if (pf->dev)
			chk_device(pf->dev, &pf->fs);
		atomic_fetch_add(&job->parse_ns, (uint_fast64_t)((t1 - t0) * 1e9));
		atomic_fetch_add(&job->check_ns, (uint_fast64_t)((run_now() - t1) * 1e9));
		atomic_fetch_add(&job->bytes, pf->src.len);
	}
	parsers_thread_done();
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

/* ---- findings ------------------------------------------------------------ */

/* The parsed files by their source, for the findings that name one. */
struct file_index {
	struct hmap by_src; /* const struct source * -> const struct parsed_file * */
};

static void file_index_init(struct file_index *ix, struct parsed_file *const *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct source *s = &files[i]->src;

		*hmap_put(&ix->by_src, &s, sizeof(s), NULL) = (uintptr_t)files[i];
	}
}

static const struct parsed_file *file_index_get(const struct file_index *ix, const struct source *s)
{
	const uintptr_t *pf;

	if (!ix || !s)
		return NULL;
	pf = hmap_find(&ix->by_src, &s, sizeof(s));
	return pf ? (const struct parsed_file *)*pf : NULL;
}

/* Is f suppressed inline or by the config file's [suppress] section? */
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

void run_filter(struct run *r, bool (*keep)(const struct finding *f, void *ctx), void *ctx)
{
	struct findings kept = {0}, drop = {0};

	for (size_t i = 0; i < r->all.n; i++) {
		struct findings *to = keep(&r->all.v[i], ctx) ? &kept : &drop;

		VEC_GROW(to->v, to->cap, to->n + 1);
		to->v[to->n++] = r->all.v[i];
	}
	kept.next_seq = r->all.next_seq;
	free(r->all.v);
	r->all = kept;
	fnd_free(&drop);
	r->in.fs = &r->all;
}

/* ---- the run ------------------------------------------------------------- */

/* The files to check: directories walked, named files always, --vendor forcing named files. */
static void collect_paths(struct run *r, const struct check_opts *o, const struct ipl_config *cfg,
			  char *const *paths, size_t npaths, bool as_walked)
{
	struct dir_seen stack[64];

	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		enum vendor forced = VENDOR_UNKNOWN;

		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_dir(paths[i], cfg, &r->pl, stack, 0, &r->walk_errors);
		} else if (as_walked) {
			if (stat(paths[i], &st) == 0 && S_ISREG(st.st_mode) &&
			    config_file_selected(cfg, paths[i], &forced))
				path_push(&r->pl, paths[i], false, forced);
		} else {
			/* named files are always checked; vendor.GLOB still applies */
			(void)config_file_selected(cfg, paths[i], &forced);
			path_push(&r->pl, paths[i], true, forced);
		}
	}
	if (o->vendor != VENDOR_UNKNOWN) {
		for (size_t i = 0; i < r->pl.n; i++) {
			if (r->pl.explicit_path[i])
				r->pl.forced[i] = o->vendor;
		}
	}
}

/* Every file parsed and checked on its own, o->jobs at a time. */
static void parse_stage(struct run *r, const struct check_opts *o, const struct ipl_config *cfg)
{
	struct parse_job job;
	double t1 = run_now();

	r->files = xcalloc(r->pl.n ? r->pl.n : 1, sizeof(*r->files));
	r->errmsgs = xcalloc(r->pl.n ? r->pl.n : 1, sizeof(char *));
	job.pl = &r->pl;
	job.cfg = cfg;
	job.files = r->files;
	job.errmsgs = r->errmsgs;
	atomic_init(&job.next, 0);
	atomic_init(&job.parse_ns, 0);
	atomic_init(&job.check_ns, 0);
	atomic_init(&job.bytes, 0);
	parse_all(&job, o->jobs);
	r->t.parse_wall = run_now() - t1;
	r->t.parse_cpu = (double)atomic_load(&job.parse_ns) / 1e9;
	r->t.check_cpu = (double)atomic_load(&job.check_ns) / 1e9;
	r->t.bytes = atomic_load(&job.bytes);
	r->t.threads = o->jobs < (long)r->pl.n ? o->jobs : (long)r->pl.n;
}

/* The files the report covers: unreadable ones go to stderr, walked ones not ours are skipped. */
static void gather_files(struct run *r)
{
	r->in.files = xcalloc(r->pl.n ? r->pl.n : 1, sizeof(*r->in.files));
	for (size_t i = 0; i < r->pl.n; i++) {
		struct parsed_file *pf = &r->files[i];

		if (r->errmsgs[i]) {
			/* unreadable: reported on stderr, not a finding; exit 2 */
			fprintf(stderr, "%s: %s\n", progname, r->errmsgs[i]);
			r->input_errors++;
			continue;
		}
		if (pf->status == FILE_FAILED && !pf->explicit_path)
			continue; /* found by walking and not ours: skipped */
		if (pf->status == FILE_FAILED)
			r->input_errors++; /* a named file of unknown format */
		r->in.files[r->in.nfiles++] = pf;
		if (pf->dev) {
			r->in.ndevices++;
			r->in.ntunnels += pf->dev->ntunnels;
		}
	}
}

/* Every pair of devices that could negotiate. */
static void pair_stage(struct run *r, const struct check_opts *o, const struct ipl_config *cfg,
		       const struct file_index *ix)
{
	struct device **devs = xcalloc(r->in.nfiles ? r->in.nfiles : 1, sizeof(*devs));
	struct findings pf_fs = {0};
	struct pair_hints hints;
	size_t nd = 0;

	for (size_t i = 0; i < r->in.nfiles; i++) {
		if (r->in.files[i]->dev)
			devs[nd++] = r->in.files[i]->dev;
	}
	config_pair_hints(cfg, &hints);
	chk_pairs(devs, nd, &hints, &pf_fs, &r->pairs);
	move_findings(&r->all, &pf_fs, o, cfg, ix);
	free(devs);
}

/* Suppressions - inline comments, configuration entries - that suppressed nothing. */
static void unused_suppressions(struct run *r, const struct check_opts *o, const struct ipl_config *cfg,
				bool any_inline)
{
	struct findings un = {0};

	if (any_inline) {
		for (size_t i = 0; i < r->in.nfiles; i++)
			parse_inline_unused(r->in.files[i], o->enabled, &un);
		move_findings(&r->all, &un, o, cfg, NULL);
	}
	if (cfg->nsupp) {
		const char **p = xcalloc(r->in.nfiles ? r->in.nfiles : 1, sizeof(*p));

		memset(&un, 0, sizeof(un));
		for (size_t i = 0; i < r->in.nfiles; i++)
			p[i] = r->in.files[i]->src.path;
		config_report_unused(cfg, p, r->in.nfiles, o->enabled, &un);
		move_findings(&r->all, &un, o, cfg, NULL);
		free(p);
	}
}

void run_check(struct run *r, const struct check_opts *o, const struct ipl_config *cfg, char *const *paths,
	       size_t npaths, bool as_walked)
{
	struct file_index ix = {0};
	bool any_inline = false;
	double t0 = run_now(), t1;

	memset(r, 0, sizeof(*r));
	collect_paths(r, o, cfg, paths, npaths, as_walked);
	r->t.walk = run_now() - t0;
	parse_stage(r, o, cfg);
	gather_files(r);
	for (size_t i = 0; i < r->in.nfiles; i++)
		any_inline |= r->in.files[i]->nsupp > 0;
	if (cfg->nsupp || any_inline)
		file_index_init(&ix, r->in.files, r->in.nfiles);
	for (size_t i = 0; i < r->in.nfiles; i++)
		move_findings(&r->all, &r->in.files[i]->fs, o, cfg, &ix);
	t1 = run_now();
	if (!o->no_pairs)
		pair_stage(r, o, cfg, &ix);
	r->t.pairs = run_now() - t1;
	t1 = run_now();
	unused_suppressions(r, o, cfg, any_inline);
	hmap_free(&ix.by_src);
	r->in.pairs = &r->pairs;
	r->in.npairs = r->pairs.n;
	fnd_sort(&r->all);
	r->in.fs = &r->all;
	r->t.findings = run_now() - t1;
}

void run_free(struct run *r)
{
	fnd_free(&r->all);
	chk_pairs_free(&r->pairs);
	for (size_t i = 0; i < r->pl.n; i++) {
		parsed_file_free(&r->files[i]);
		free(r->pl.v[i]);
		free(r->errmsgs[i]);
	}
	free(r->files);
	free(r->errmsgs);
	free(r->in.files);
	free(r->pl.v);
	free(r->pl.explicit_path);
	free(r->pl.forced);
	memset(r, 0, sizeof(*r));
}
