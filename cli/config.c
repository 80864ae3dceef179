/* SPDX-License-Identifier: MIT */
/*
 * cli/config.c - .ipseclint: read with libinih, then answer the questions
 * of the CLI (which files, which rules, which pairs, which suppressions).
 *
 * libinih does the INI syntax and calls on_value() for every key. Before it
 * runs, one pass over the lines repeats the classification inih makes
 * (comment, section header, key, continuation) for three things inih does
 * not give: the full section header (inih cuts its copy at 49 bytes, too
 * short for some device names), which lines continue the one above, and a
 * check that every line fits inih's line buffer - a longer line would be
 * split in two and every later line number would be off by one.
 */
#include "cli/config.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Debian's libinih (55) is built with INI_HANDLER_LINENO: the handler gets
 * the line number as a fifth argument. The header needs to be told.
 */
#define INI_HANDLER_LINENO 1
#include <ini.h>

#include "parsers/parser.h"

/* inih's line buffer also holds "\r\n" and the NUL. */
#if CONFIG_MAX_LINE > INI_MAX_LINE - 3
#error "CONFIG_MAX_LINE does not fit libinih's line buffer"
#endif

enum sec_kind {
	SEC_UNKNOWN = 0,
	SEC_FILES,
	SEC_RULES,
	SEC_DEVICE,
	SEC_PEERS,
	SEC_SUPPRESS,
};

static const char *const section_names[] = {"files", "rules", "device", "peers", "suppress"};

enum line_kind {
	LK_BLANK = 0,
	LK_COMMENT,
	LK_HEADER,
	LK_BAD_HEADER, /* '[' without ']' */
	LK_KEY,
	LK_CONT, /* starts with a blank: continues the value of the key above */
	LK_BAD,	 /* neither: no '=' or ':' */
};

struct section {
	unsigned line;
	enum sec_kind kind;
	const char *title;    /* "[device \"edge-1\"]" as it reads in messages */
	const char *dev_name; /* SEC_DEVICE */
};

struct load_err {
	unsigned line;
	size_t seq; /* messages of one line keep their order */
	char *msg;
};

struct load_ctx {
	struct ipl_config *cfg;
	const char *path;
	struct load_err *errs;
	size_t nerrs, errs_cap;
	unsigned char *kinds; /* enum line_kind of line i at [i], 1-based */
	unsigned nlines;
	struct section *secs;
	size_t nsecs, secs_cap;
	size_t next_sec;      /* sections [0, next_sec) start before the current line */
	const char *last_key; /* key of the last key line, for continuation lines */
};

static void ctx_err(struct load_ctx *c, unsigned line, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void ctx_err(struct load_ctx *c, unsigned line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	VEC_GROW(c->errs, c->errs_cap, c->nerrs + 1);
	c->errs[c->nerrs].line = line;
	c->errs[c->nerrs].seq = c->nerrs;
	c->errs[c->nerrs].msg = sb_detach(&sb);
	c->nerrs++;
}

/* ---- small string helpers ------------------------------------------------ */

static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/*
 * inih strips comments after ';' (with a blank before it); '#' too, as the
 * example in spec/cli.md writes them. A '#' that starts the value or follows
 * a blank starts a comment.
 */
static void cut_hash_comment(char *v)
{
	for (char *p = v; *p; p++) {
		if (*p == '#' && (p == v || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	}
}

/* Collapse runs of blanks into one space, drop leading and trailing ones. */
static char *collapse_blanks(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	bool blank = false;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t') {
			blank = true;
			continue;
		}
		if (blank && sb.len)
			sb_addc(&sb, ' ');
		blank = false;
		sb_addc(&sb, *s);
	}
	return sb_detach(&sb);
}

/* The next comma-separated item of *cur, trimmed; NULL at the end. Empty items are skipped. */
static char *next_item(char **cur)
{
	char *item;

	while (*cur) {
		item = trim(strsep(cur, ","));
		if (*item)
			return item;
	}
	return NULL;
}

static bool starts_with_ci(const char *s, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);

	if (strncasecmp(s, prefix, n) != 0)
		return false;
	*rest = s + n;
	return true;
}

/* " (did you mean 'x'?)" for the closest candidate, or "". */
static const char *suggest(const char *word, const char *const *cands, size_t n, char *buf, size_t bufsz,
			   const char *quote_l, const char *quote_r)
{
	unsigned best = UINT_MAX, cap;
	const char *pick = NULL;

	cap = strlen(word) <= 4 ? 1 : strlen(word) <= 8 ? 2 : 3;
	for (size_t i = 0; i < n; i++) {
		unsigned d = util_edit_distance(word, cands[i], cap);

		if (d <= cap && d < best) {
			best = d;
			pick = cands[i];
		}
	}
	if (!pick)
		return "";
	snprintf(buf, bufsz, " (did you mean %s%s%s?)", quote_l, pick, quote_r);
	return buf;
}

static const char *suggest_rule(const char *word, char *buf, size_t bufsz)
{
	const char *ids[R__COUNT + 1];

	for (size_t i = 0; i < R__COUNT; i++)
		ids[i] = rule_info((enum rule_id)i)->id;
	ids[R__COUNT] = "all";
	return suggest(word, ids, R__COUNT + 1, buf, bufsz, "'", "'");
}

/* ---- paths and globs ----------------------------------------------------- */

struct path_segs {
	char *buf;
	char **v;
	size_t n, cap;
};

/* Split path on '/', dropping "." and empty segments; ".." takes one back (kept at the start). */
static void path_split(const char *path, struct path_segs *ps)
{
	char *cur, *seg;

	memset(ps, 0, sizeof(*ps));
	ps->buf = xstrdup(path);
	cur = ps->buf;
	while ((seg = strsep(&cur, "/")) != NULL) {
		if (!*seg || strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0 && ps->n && strcmp(ps->v[ps->n - 1], "..") != 0) {
			ps->n--;
			continue;
		}
		if (strcmp(seg, "..") == 0 && path[0] == '/')
			continue; /* "/.." is "/" */
		VEC_GROW(ps->v, ps->cap, ps->n + 1);
		ps->v[ps->n++] = seg;
	}
}

static void path_segs_free(struct path_segs *ps)
{
	free(ps->buf);
	free(ps->v);
}

/* ps, holding an absolute path, relative to the config's directory: drop the base. */
static bool path_strip_base(const struct ipl_config *cfg, struct path_segs *ps)
{
	if (!cfg->base_segs || ps->n < cfg->nbase_segs)
		return false;
	for (size_t i = 0; i < cfg->nbase_segs; i++) {
		if (strcmp(ps->v[i], cfg->base_segs[i]) != 0)
			return false;
	}
	if (cfg->nbase_segs)
		memmove(ps->v, ps->v + cfg->nbase_segs, (ps->n - cfg->nbase_segs) * sizeof(*ps->v));
	ps->n -= cfg->nbase_segs;
	return true;
}

/*
 * The segments of path (as given on the command line) relative to the
 * config's directory: lexically first, then through realpath() for paths
 * that reach it through a symbolic link. A file outside the directory keeps
 * the path as given, so globs without '/' (basenames) still apply.
 */
static void path_rel(const struct ipl_config *cfg, const char *path, struct path_segs *ps)
{
	char *abs, *real;

	if (path[0] == '/' || cfg->cwd) {
		abs = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", cfg->cwd, path);
		path_split(abs, ps);
		free(abs);
		if (path_strip_base(cfg, ps))
			return;
		path_segs_free(ps);
	}
	real = realpath(path, NULL);
	if (real) {
		path_split(real, ps);
		free(real);
		if (path_strip_base(cfg, ps))
			return;
		path_segs_free(ps);
	}
	path_split(path, ps);
}

static bool segs_match(char *const *p, size_t np, char *const *s, size_t ns, bool dir_only)
{
	while (np) {
		if (strcmp(p[0], "**") == 0) {
			/* a trailing '**' is what is below: one segment at least */
			for (size_t k = np == 1 ? 1 : 0; k <= ns; k++) {
				if (segs_match(p + 1, np - 1, s + k, ns - k, dir_only))
					return true;
			}
			return false;
		}
		if (!ns || fnmatch(p[0], s[0], 0) != 0)
			return false;
		p++, np--;
		s++, ns--;
	}
	/* the glob named the file itself, or a directory above it */
	return ns > 0 || !dir_only;
}

static bool glob_match(const struct config_glob *g, const struct path_segs *ps)
{
	return segs_match(g->segs, g->nsegs, ps->v, ps->n, g->dir_only);
}

/*
 * Compile text into g (strings in the config's arena). A glob with a '/'
 * before its last character is anchored at the config's directory; one
 * without matches at any depth, like .gitignore.
 */
static bool glob_compile(struct load_ctx *c, const char *text, unsigned line, const char *where,
			 struct config_glob *g)
{
	struct arena *a = c->cfg->arena;
	struct path_segs ps;
	const char *p = text;
	bool anchored = false;
	size_t len, skip;

	memset(g, 0, sizeof(*g));
	g->text = arena_strdup(a, text);
	g->line = line;
	while (p[0] == '.' && p[1] == '/') {
		p += 2;
		anchored = true;
	}
	while (*p == '/') {
		p++;
		anchored = true;
	}
	len = strlen(p);
	while (len && p[len - 1] == '/') {
		len--;
		g->dir_only = true;
	}
	if (!len || (len == 1 && p[0] == '.')) {
		ctx_err(c, line, "empty glob '%s' in %s", text, where);
		return false;
	}
	if (memchr(p, '/', len))
		anchored = true;

	memset(&ps, 0, sizeof(ps));
	ps.buf = xstrndup(p, len);
	for (char *cur = ps.buf, *seg; (seg = strsep(&cur, "/")) != NULL;) {
		if (!*seg || strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			ctx_err(c, line, "glob '%s' in %s leaves the directory of the config file", text,
				where);
			path_segs_free(&ps);
			return false;
		}
		/* "**" twice in a row is "**" once */
		if (strcmp(seg, "**") == 0 && ps.n && strcmp(ps.v[ps.n - 1], "**") == 0)
			continue;
		VEC_GROW(ps.v, ps.cap, ps.n + 1);
		ps.v[ps.n++] = seg;
	}
	if (ps.n == 0) {
		ctx_err(c, line, "glob '%s' in %s names no file", text, where);
		path_segs_free(&ps);
		return false;
	}
	skip = !anchored && strcmp(ps.v[0], "**") != 0 ? 1 : 0;
	g->nsegs = ps.n + skip;
	g->segs = ARENA_NEWV(a, char *, g->nsegs);
	if (skip)
		g->segs[0] = arena_strdup(a, "**");
	for (size_t i = 0; i < ps.n; i++)
		g->segs[i + skip] = arena_strdup(a, ps.v[i]);
	path_segs_free(&ps);
	return true;
}

/* ---- the pass over the lines ---------------------------------------------- */

static const char *lskip(const char *s, const char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

/* Classify a header "[...]" (the text between the brackets) into sec. */
static void section_parse(struct load_ctx *c, unsigned line, const char *text, size_t len,
			  struct section *sec)
{
	struct arena *a = c->cfg->arena;
	char *t = xstrndup(text, len), *name = trim(t), *rest;
	char buf[80];

	memset(sec, 0, sizeof(*sec));
	sec->line = line;
	sec->title = arena_printf(a, "[%s]", name);
	for (size_t i = 0; i < ARRAY_SIZE(section_names); i++) {
		if (i + 1 != SEC_DEVICE && strcasecmp(name, section_names[i]) == 0) {
			sec->kind = (enum sec_kind)(i + 1);
			goto out;
		}
	}
	if (strncasecmp(name, "device", 6) == 0 && (name[6] == '\0' || isspace((unsigned char)name[6]))) {
		rest = trim(name + 6);
		len = strlen(rest);
		if (len >= 2 && rest[0] == '"' && rest[len - 1] == '"') {
			rest[len - 1] = '\0';
			rest++;
		} else if (strpbrk(rest, "\" \t")) {
			ctx_err(c, line, "bad device section '[%s]' (write [device \"NAME\"])", name);
			goto out;
		}
		if (!*rest) {
			ctx_err(c, line, "device section without a name (write [device \"NAME\"])");
			goto out;
		}
		sec->kind = SEC_DEVICE;
		sec->dev_name = arena_strdup(a, rest);
		sec->title = arena_printf(a, "[device \"%s\"]", rest);
		goto out;
	}
	ctx_err(c, line, "unknown section '[%s]'%s", name,
		suggest(name, section_names, ARRAY_SIZE(section_names), buf, sizeof(buf), "'[", "]'"));
out:
	free(t);
}

/*
 * What inih will make of each line (ini_parse_stream of inih 55 with
 * Debian's defaults: comments ";#", inline ";", multi-line values on).
 * Returns false when the text cannot be given to inih.
 */
static bool scan_lines(struct load_ctx *c)
{
	const struct source *src = &c->cfg->src;
	bool have_key = false, ok = true;

	c->nlines = src->nlines;
	c->kinds = xcalloc(src->nlines + 2, 1);
	for (unsigned i = 1; i <= src->nlines; i++) {
		size_t len;
		const char *line = source_line(src, i, &len), *end, *s, *p;

		if (!line)
			break;
		end = line + len;
		if (i == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
			line += 3;
		if (memchr(line, '\0', (size_t)(end - line))) {
			ctx_err(c, i, "NUL byte in the config file");
			ok = false;
			continue;
		}
		if (len > CONFIG_MAX_LINE) {
			ctx_err(c, i,
				"line longer than %d characters (continue a list on the next line, indented)",
				CONFIG_MAX_LINE);
			ok = false;
			continue;
		}
		s = lskip(line, end);
		if (s == end) {
			c->kinds[i] = LK_BLANK;
		} else if (*s == ';' || *s == '#') {
			c->kinds[i] = LK_COMMENT;
		} else if (have_key && s > line) {
			c->kinds[i] = LK_CONT;
		} else if (*s == '[') {
			/* inih: the first ']', unless an inline ';' comment comes first */
			for (p = s + 1; p < end && *p != ']'; p++) {
				if (*p == ';' && p > s + 1 && isspace((unsigned char)p[-1]))
					break;
			}
			if (p < end && *p == ']') {
				struct section sec;

				c->kinds[i] = LK_HEADER;
				have_key = false;
				section_parse(c, i, s + 1, (size_t)(p - s - 1), &sec);
				VEC_GROW(c->secs, c->secs_cap, c->nsecs + 1);
				c->secs[c->nsecs++] = sec;
			} else {
				c->kinds[i] = LK_BAD_HEADER;
			}
		} else {
			c->kinds[i] = LK_BAD;
			for (p = s; p < end; p++) {
				if (*p == ';' && p > s && isspace((unsigned char)p[-1]))
					break;
				if (*p == '=' || *p == ':') {
					c->kinds[i] = LK_KEY;
					have_key = p > s; /* inih continues named keys only */
					break;
				}
			}
		}
		if (c->kinds[i] == LK_BAD)
			ctx_err(c, i, "expected 'key = value', '[section]' or a comment");
		else if (c->kinds[i] == LK_BAD_HEADER)
			ctx_err(c, i, "section header without ']'");
	}
	return ok;
}

/* ---- the sections -------------------------------------------------------- */

static void add_glob(struct load_ctx *c, struct config_glob **v, size_t *n, size_t *cap, char *value,
		     unsigned line, const char *where)
{
	char *cur = value, *item;

	while ((item = next_item(&cur)) != NULL) {
		struct config_glob g;

		if (!glob_compile(c, item, line, where, &g))
			continue;
		VEC_GROW(*v, *cap, *n + 1);
		(*v)[(*n)++] = g;
	}
}

static void on_files(struct load_ctx *c, const char *key, char *value, unsigned line, bool cont)
{
	struct ipl_config *cfg = c->cfg;
	static const char *const keys[] = {"include", "exclude", "exported-for-peer"};
	const char *glob;
	char buf[80];

	if (strcasecmp(key, "exported-for-peer") == 0) {
		add_glob(c, &cfg->for_peer, &cfg->nfor_peer, &cfg->for_peer_cap, value, line,
			 "[files] exported-for-peer");
	} else if (strcasecmp(key, "include") == 0) {
		add_glob(c, &cfg->include, &cfg->ninclude, &cfg->include_cap, value, line, "[files] include");
	} else if (strcasecmp(key, "exclude") == 0) {
		add_glob(c, &cfg->exclude, &cfg->nexclude, &cfg->exclude_cap, value, line, "[files] exclude");
	} else if (starts_with_ci(key, "vendor.", &glob)) {
		struct config_vendor_glob vg;
		char *v = trim(value);

		if (cont) {
			ctx_err(c, line, "'%s' in [files] takes one vendor", key);
			return;
		}
		if (!model_vendor_parse(v, &vg.vendor)) {
			ctx_err(c, line, "unknown vendor '%s' in [files] %s (huawei, hpux or aix)", v, key);
			return;
		}
		for (size_t i = 0; i < cfg->nvendors; i++) {
			if (strcmp(cfg->vendors[i].glob.text, glob) == 0) {
				ctx_err(c, line, "'%s' is set twice in [files] (first on line %u)", key,
					cfg->vendors[i].glob.line);
				return;
			}
		}
		if (!glob_compile(c, glob, line, "[files] vendor.GLOB", &vg.glob))
			return;
		VEC_GROW(cfg->vendors, cfg->vendors_cap, cfg->nvendors + 1);
		cfg->vendors[cfg->nvendors++] = vg;
	} else {
		ctx_err(c, line, "unknown key '%s' in [files]%s", key,
			suggest(key, keys, ARRAY_SIZE(keys), buf, sizeof(buf), "'", "'"));
	}
}

static void on_rules(struct load_ctx *c, const char *key, char *value, unsigned line, bool cont)
{
	struct ipl_config *cfg = c->cfg;
	static const char *const keys[] = {"disable", "enable"};
	const char *id;
	char buf[80];
	enum rule_id r;

	if (strcasecmp(key, "disable") == 0 || strcasecmp(key, "enable") == 0) {
		signed char on = strcasecmp(key, "enable") == 0;
		char *cur = value, *item;

		while ((item = next_item(&cur)) != NULL) {
			if (strcmp(item, "all") == 0) {
				memset(cfg->rule_state, on, sizeof(cfg->rule_state));
			} else if (rule_by_id(item, &r)) {
				cfg->rule_state[r] = on;
			} else {
				ctx_err(c, line, "unknown rule '%s' in [rules] %s%s", item,
					on ? "enable" : "disable", suggest_rule(item, buf, sizeof(buf)));
			}
		}
	} else if (starts_with_ci(key, "severity.", &id)) {
		enum severity sev;
		char *v = trim(value);

		if (!rule_by_id(id, &r)) {
			ctx_err(c, line, "unknown rule '%s' in [rules] %s%s", id, key,
				suggest_rule(id, buf, sizeof(buf)));
			return;
		}
		if (cont) {
			ctx_err(c, line, "'%s' in [rules] takes one severity", key);
			return;
		}
		if (!sev_parse(v, &sev) || sev == SEV_NONE) {
			ctx_err(c, line, "bad severity '%s' in [rules] %s (error, warning or info)", v, key);
			return;
		}
		if (cfg->sev_set[r]) {
			ctx_err(c, line, "'%s' is set twice in [rules] (first on line %u)", key,
				cfg->sev_line[r]);
			return;
		}
		cfg->sev_set[r] = true;
		cfg->sev[r] = sev;
		cfg->sev_line[r] = line;
	} else {
		ctx_err(c, line, "unknown key '%s' in [rules]%s", key,
			suggest(key, keys, ARRAY_SIZE(keys), buf, sizeof(buf), "'", "'"));
	}
}

/* A host address: IPv4 or IPv6, a /32 or /128 suffix allowed. */
static bool parse_host(const char *text, struct addrspec *out)
{
	char *t = xstrdup(text), *slash = strchr(t, '/');
	struct ip128 ip;
	uint8_t family = 0;
	bool ok;

	if (slash)
		*slash++ = '\0';
	ok = addr_parse_ip(t, &ip, &family);
	if (ok && slash)
		ok = strcmp(slash, family == 4 ? "32" : "128") == 0;
	free(t);
	if (ok)
		*out = aspec_host(&ip, family);
	return ok;
}

static void on_device(struct load_ctx *c, const struct section *sec, const char *key, char *value,
		      unsigned line)
{
	struct ipl_config *cfg = c->cfg;
	static const char *const keys[] = {"addresses"};
	char *cur = value, *item;
	char buf[80];

	if (strcasecmp(key, "addresses") != 0) {
		ctx_err(c, line, "unknown key '%s' in %s%s", key, sec->title,
			suggest(key, keys, ARRAY_SIZE(keys), buf, sizeof(buf), "'", "'"));
		return;
	}
	while ((item = next_item(&cur)) != NULL) {
		struct addrspec as;

		if (!parse_host(item, &as)) {
			ctx_err(c, line, "bad address '%s' in %s addresses (an IPv4 or IPv6 host address)",
				item, sec->title);
			continue;
		}
		as.text = arena_strdup(cfg->arena, item);
		VEC_GROW(cfg->dev_names, cfg->dev_names_cap, cfg->ndev_addrs + 1);
		VEC_GROW(cfg->dev_addrs, cfg->dev_addrs_cap, cfg->ndev_addrs + 1);
		cfg->dev_names[cfg->ndev_addrs] = sec->dev_name;
		cfg->dev_addrs[cfg->ndev_addrs] = as;
		cfg->ndev_addrs++;
	}
}

static void on_peers(struct load_ctx *c, const char *key, char *value, unsigned line)
{
	struct ipl_config *cfg = c->cfg;
	char *cur = value, *item;
	const char *a;
	bool any = false;

	if (strpbrk(key, " \t")) {
		ctx_err(c, line, "bad device name '%s' in [peers]", key);
		return;
	}
	a = arena_strdup(cfg->arena, key);
	while ((item = next_item(&cur)) != NULL) {
		any = true;
		if (strpbrk(item, " \t=:")) {
			ctx_err(c, line, "bad device name '%s' in [peers] %s", item, key);
			continue;
		}
		if (strcmp(item, key) == 0) {
			ctx_err(c, line, "device '%s' is paired with itself in [peers]", key);
			continue;
		}
		VEC_GROW(cfg->peer_a, cfg->peer_a_cap, cfg->npeers + 1);
		VEC_GROW(cfg->peer_b, cfg->peer_b_cap, cfg->npeers + 1);
		cfg->peer_a[cfg->npeers] = a;
		cfg->peer_b[cfg->npeers] = arena_strdup(cfg->arena, item);
		cfg->npeers++;
	}
	if (!any)
		ctx_err(c, line, "no peer for '%s' in [peers] (write NAME = NAME)", key);
}

/* inih splits "FILE: OBJECT = RULE" at the ':' - key FILE, value "OBJECT = RULE". */
static void on_suppress(struct load_ctx *c, const char *key, char *value, unsigned line, bool cont)
{
	struct ipl_config *cfg = c->cfg;
	struct config_suppress s;
	char *eq = strrchr(value, '='), *object, *cur, *item;
	enum rule_id *rules = NULL;
	size_t nrules = 0, cap = 0;
	char buf[80];
	bool all = false, bad = false;

	if (cont || !eq) {
		ctx_err(c, line, "expected 'FILE: OBJECT = RULE[, RULE...]' in [suppress]");
		return;
	}
	*eq = '\0';
	object = collapse_blanks(value);
	if (!*object) {
		ctx_err(c, line, "no object in [suppress] '%s' (write FILE: OBJECT = RULE, '*' for any)",
			key);
		goto out_free;
	}
	cur = eq + 1;
	while ((item = next_item(&cur)) != NULL) {
		enum rule_id r;

		if (strcmp(item, "all") == 0) {
			all = true;
		} else if (rule_by_id(item, &r)) {
			VEC_GROW(rules, cap, nrules + 1);
			rules[nrules++] = r;
		} else {
			ctx_err(c, line, "unknown rule '%s' in [suppress] %s%s", item, key,
				suggest_rule(item, buf, sizeof(buf)));
			bad = true;
		}
	}
	if (bad)
		goto out_free;
	if (!all && !nrules) {
		ctx_err(c, line, "no rule in [suppress] '%s: %s'", key, object);
		goto out_free;
	}
	memset(&s, 0, sizeof(s));
	if (!glob_compile(c, key, line, "[suppress]", &s.file))
		goto out_free;
	s.object = arena_strdup(cfg->arena, object);
	s.all = all;
	if (!all) {
		s.nrules = nrules;
		s.rules = ARENA_NEWV(cfg->arena, enum rule_id, nrules);
		memcpy(s.rules, rules, nrules * sizeof(*rules));
	}
	s.used = ARENA_NEWV(cfg->arena, atomic_bool, all ? 1 : nrules);
	for (size_t i = 0; i < (all ? 1 : nrules); i++)
		atomic_init(&s.used[i], false);
	s.line = line;
	VEC_GROW(cfg->supp, cfg->supp_cap, cfg->nsupp + 1);
	cfg->supp[cfg->nsupp++] = s;
out_free:
	free(rules);
	free(object);
}

static int on_value(void *user, const char *section, const char *name, const char *value, int lineno)
{
	struct load_ctx *c = user;
	unsigned line = lineno > 0 ? (unsigned)lineno : 0;
	const struct section *sec;
	bool cont = line && line <= c->nlines && c->kinds[line] == LK_CONT;
	char *v, *val;

	(void)section; /* cut at 49 bytes: the scan has the whole header */
	while (c->next_sec < c->nsecs && c->secs[c->next_sec].line < line)
		c->next_sec++;
	sec = c->next_sec ? &c->secs[c->next_sec - 1] : NULL;
	if (cont) {
		name = c->last_key; /* inih passes its copy, cut at 49 bytes */
		if (!name)
			return 1;
	} else {
		c->last_key = arena_strdup(c->cfg->arena, name);
	}
	if (!sec) {
		ctx_err(c, line, "'%s' is outside a section (such as [files] or [rules])", name);
		return 1;
	}
	v = xstrdup(value ? value : "");
	cut_hash_comment(v);
	val = trim(v);
	switch (sec->kind) {
	case SEC_FILES:
		on_files(c, name, val, line, cont);
		break;
	case SEC_RULES:
		on_rules(c, name, val, line, cont);
		break;
	case SEC_DEVICE:
		on_device(c, sec, name, val, line);
		break;
	case SEC_PEERS:
		on_peers(c, name, val, line);
		break;
	case SEC_SUPPRESS:
		on_suppress(c, name, val, line, cont);
		break;
	case SEC_UNKNOWN:
		break; /* the header is reported */
	}
	free(v);
	/* problems are collected in c; never stop inih */
	return 1;
}

/* ---- loading ------------------------------------------------------------- */

void config_init(struct ipl_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	memset(cfg->rule_state, -1, sizeof(cfg->rule_state));
}

void config_free(struct ipl_config *cfg)
{
	if (cfg->src.path || cfg->src.text)
		source_free(&cfg->src);
	free(cfg->include);
	free(cfg->exclude);
	free(cfg->vendors);
	free(cfg->for_peer);
	free(cfg->dev_names);
	free(cfg->dev_addrs);
	free(cfg->peer_a);
	free(cfg->peer_b);
	free(cfg->supp);
	if (cfg->arena)
		arena_free(cfg->arena);
	config_init(cfg);
}

/* The config's directory, absolute: globs are relative to it. */
static void set_base(struct ipl_config *cfg, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real, *abs;
	struct path_segs ps;
	struct strbuf sb = STRBUF_INIT;
	char *cwd = getcwd(NULL, 0);

	if (cwd) {
		cfg->cwd = arena_strdup(cfg->arena, cwd);
		free(cwd);
	}
	if (!slash)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	real = realpath(dir, NULL);
	if (real)
		abs = real;
	else if (dir[0] == '/' || !cfg->cwd)
		abs = xstrdup(dir);
	else
		abs = xasprintf("%s/%s", cfg->cwd, dir);
	free(dir);

	if (abs[0] != '/') {
		/* no working directory: paths are matched as given */
		cfg->base = arena_strdup(cfg->arena, abs);
		free(abs);
		return;
	}
	path_split(abs, &ps);
	cfg->nbase_segs = ps.n;
	cfg->base_segs = ARENA_NEWV(cfg->arena, char *, ps.n ? ps.n : 1);
	for (size_t i = 0; i < ps.n; i++) {
		cfg->base_segs[i] = arena_strdup(cfg->arena, ps.v[i]);
		sb_addc(&sb, '/');
		sb_adds(&sb, ps.v[i]);
	}
	cfg->base = arena_strdup(cfg->arena, sb.len ? sb_str(&sb) : "/");
	sb_free(&sb);
	path_segs_free(&ps);
	free(abs);
}

static int cmp_err(const void *a, const void *b)
{
	const struct load_err *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int parse_loaded(struct ipl_config *cfg, struct strbuf *err)
{
	struct load_ctx c;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.path = cfg->src.path;
	cfg->arena = arena_new();
	set_base(cfg, cfg->src.path);

	if (scan_lines(&c)) {
		/* the text is NUL-free and every line fits: inih sees what the scan saw */
		int ini_rc = ini_parse_string(cfg->src.text, on_value, &c);
		bool known = false;

		if (ini_rc < 0) {
			ctx_err(&c, 0, "out of memory in libinih");
		} else if (ini_rc > 0) {
			for (size_t i = 0; i < c.nerrs; i++)
				known |= c.errs[i].line == (unsigned)ini_rc;
			if (!known)
				ctx_err(&c, (unsigned)ini_rc,
					"expected 'key = value', '[section]' or a comment");
		}
	}

	if (c.nerrs && err) {
		qsort(c.errs, c.nerrs, sizeof(*c.errs), cmp_err);
		for (size_t i = 0; i < c.nerrs; i++) {
			if (i)
				sb_addc(err, '\n');
			if (c.errs[i].line)
				sb_addf(err, "%s:%u: %s", c.path, c.errs[i].line, c.errs[i].msg);
			else
				sb_addf(err, "%s: %s", c.path, c.errs[i].msg);
		}
	}
	if (c.nerrs)
		rc = -1;
	for (size_t i = 0; i < c.nerrs; i++)
		free(c.errs[i].msg);
	free(c.errs);
	free(c.kinds);
	free(c.secs);
	if (rc < 0)
		config_free(cfg);
	return rc;
}

int config_load(const char *path, struct ipl_config *cfg, struct strbuf *err)
{
	char *msg = NULL;

	config_init(cfg);
	if (source_load(&cfg->src, path, &msg) < 0) {
		if (err)
			sb_adds(err, msg ? msg : path);
		free(msg);
		config_free(cfg);
		return -1;
	}
	cfg->src.masker = &parse_masker; /* a config file holds no key, but may be another file */
	return parse_loaded(cfg, err);
}

int config_load_buffer(const char *path, const char *text, size_t len, struct ipl_config *cfg,
		       struct strbuf *err)
{
	config_init(cfg);
	source_from_buffer(&cfg->src, path, text, len);
	cfg->src.masker = &parse_masker;
	return parse_loaded(cfg, err);
}

int config_find(char *buf, size_t n)
{
	char *cwd = getcwd(NULL, 0);
	struct strbuf up = STRBUF_INIT;
	size_t len;
	int rc = -1;

	if (!cwd)
		return -1;
	len = strlen(cwd);
	while (len && cwd[len - 1] == '/')
		len--;
	for (;;) {
		char *cand = xasprintf("%.*s/%s", (int)len, cwd, CONFIG_FILE_NAME);
		struct stat st;
		bool found = stat(cand, &st) == 0 && S_ISREG(st.st_mode);

		free(cand);
		if (found) {
			int w = snprintf(buf, n, "%s%s", sb_str(&up), CONFIG_FILE_NAME);

			if (w >= 0 && (size_t)w < n)
				rc = 0;
			else
				errno = ENAMETOOLONG;
			break;
		}
		if (!len)
			break;
		while (len && cwd[len - 1] != '/')
			len--;
		while (len && cwd[len - 1] == '/')
			len--;
		sb_adds(&up, "../");
	}
	sb_free(&up);
	free(cwd);
	return rc;
}

/* ---- questions ----------------------------------------------------------- */

bool config_file_selected(const struct ipl_config *cfg, const char *path, enum vendor *forced)
{
	struct path_segs ps;
	bool sel;

	if (forced)
		*forced = VENDOR_UNKNOWN;
	if (!cfg->ninclude && !cfg->nexclude && !cfg->nvendors)
		return true;
	path_rel(cfg, path, &ps);
	sel = cfg->ninclude == 0;
	for (size_t i = 0; i < cfg->ninclude && !sel; i++)
		sel = glob_match(&cfg->include[i], &ps);
	for (size_t i = 0; i < cfg->nexclude && sel; i++)
		sel = !glob_match(&cfg->exclude[i], &ps);
	for (size_t i = 0; i < cfg->nvendors && forced; i++) {
		if (glob_match(&cfg->vendors[i].glob, &ps))
			*forced = cfg->vendors[i].vendor;
	}
	path_segs_free(&ps);
	return sel;
}

bool config_file_for_peer(const struct ipl_config *cfg, const char *path)
{
	struct path_segs ps;
	bool hit = false;

	if (!cfg->nfor_peer)
		return false;
	path_rel(cfg, path, &ps);
	for (size_t i = 0; i < cfg->nfor_peer && !hit; i++)
		hit = glob_match(&cfg->for_peer[i], &ps);
	path_segs_free(&ps);
	return hit;
}

void config_apply_rules(const struct ipl_config *cfg, bool enabled[R__COUNT], enum severity sev[R__COUNT])
{
	for (size_t i = 0; i < R__COUNT; i++) {
		if (enabled && cfg->rule_state[i] >= 0)
			enabled[i] = cfg->rule_state[i] == 1;
		if (sev && cfg->sev_set[i])
			sev[i] = cfg->sev[i];
	}
}

void config_pair_hints(const struct ipl_config *cfg, struct pair_hints *out)
{
	memset(out, 0, sizeof(*out));
	out->dev_names = cfg->dev_names;
	out->dev_addrs = cfg->dev_addrs;
	out->ndev_addrs = cfg->ndev_addrs;
	out->peer_a = cfg->peer_a;
	out->peer_b = cfg->peer_b;
	out->npeers = cfg->npeers;
}

static bool supp_file_match(const struct config_suppress *s, const char *path, const struct path_segs *ps)
{
	return strcmp(s->file.text, path) == 0 || glob_match(&s->file, ps);
}

/* Index of r in s's used[] (0 for 'all'), or -1. */
static long supp_rule_slot(const struct config_suppress *s, enum rule_id r)
{
	if (s->all)
		return 0;
	for (size_t i = 0; i < s->nrules; i++) {
		if (s->rules[i] == r)
			return (long)i;
	}
	return -1;
}

bool config_suppressed(const struct ipl_config *cfg, const char *file, const char *object, enum rule_id r)
{
	struct path_segs ps;
	char *obj;
	bool have_ps = false, hit = false;

	if (!cfg->nsupp || !file)
		return false;
	obj = collapse_blanks(object ? object : "");
	for (size_t i = 0; i < cfg->nsupp && !hit; i++) {
		const struct config_suppress *s = &cfg->supp[i];
		long slot = supp_rule_slot(s, r);

		if (slot < 0)
			continue;
		if (object ? fnmatch(s->object, obj, 0) != 0 : strcmp(s->object, "*") != 0)
			continue;
		if (!have_ps) {
			path_rel(cfg, file, &ps);
			have_ps = true;
		}
		if (!supp_file_match(s, file, &ps))
			continue;
		atomic_store_explicit(&s->used[slot], true, memory_order_relaxed);
		hit = true;
	}
	if (have_ps)
		path_segs_free(&ps);
	free(obj);
	return hit;
}

static bool supp_file_checked(const struct ipl_config *cfg, const struct config_suppress *s,
			      const char *const *paths, size_t npaths)
{
	if (!paths)
		return true;
	for (size_t i = 0; i < npaths; i++) {
		struct path_segs ps;
		bool m;

		path_rel(cfg, paths[i], &ps);
		m = supp_file_match(s, paths[i], &ps);
		path_segs_free(&ps);
		if (m)
			return true;
	}
	return false;
}

size_t config_unused_suppressions(const struct ipl_config *cfg, const char *const *paths, size_t npaths,
				  const bool *enabled, struct config_unused **out)
{
	struct config_unused *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < cfg->nsupp; i++) {
		const struct config_suppress *s = &cfg->supp[i];
		size_t nslots = s->all ? 1 : s->nrules;
		bool checked = false, checked_known = false;

		for (size_t k = 0; k < nslots; k++) {
			enum rule_id r = s->all ? R__COUNT : s->rules[k];

			if (atomic_load_explicit(&s->used[k], memory_order_relaxed))
				continue;
			if (enabled && r != R__COUNT && !enabled[r])
				continue;
			if (!checked_known) {
				checked = supp_file_checked(cfg, s, paths, npaths);
				checked_known = true;
			}
			if (!checked)
				break;
			VEC_GROW(v, cap, n + 1);
			v[n].line = s->line;
			v[n].file = s->file.text;
			v[n].object = s->object;
			v[n].rule = r;
			n++;
		}
	}
	*out = v;
	return n;
}

void config_report_unused(const struct ipl_config *cfg, const char *const *paths, size_t npaths,
			  const bool *enabled, struct findings *fs)
{
	struct config_unused *u;
	size_t n = config_unused_suppressions(cfg, paths, npaths, enabled, &u);

	for (size_t i = 0; i < n; i++) {
		const char *id = u[i].rule == R__COUNT ? "all" : rule_info(u[i].rule)->id;
		size_t len = 0;
		const char *text = source_line(&cfg->src, u[i].line, &len);
		struct span sp = {&cfg->src, u[i].line, 1, u[i].line, text && len ? (uint32_t)len : 1};
		struct finding *f;

		f = fnd_add(fs, R_UNUSED_SUPPRESSION, &sp, "suppression '%s: %s = %s' suppresses nothing",
			    u[i].file, u[i].object, id);
		fnd_fp(f, "%s: %s = %s", u[i].file, u[i].object, id);
	}
	free(u);
}
