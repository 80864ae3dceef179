/* SPDX-License-Identifier: MIT */
/*
 * parsers/aix_text.c - the AIX IP Security text exports into the common
 * model (formats/aix-exports.md §1.2, §1.3, §2, §4, §5).
 *
 * Inputs, one per file, told apart by aixt_mode_of():
 *
 *   lsfilt -O        filter rules, 22 `|` fields (and the 3-field dynamic
 *                    placement line) [C];
 *   lstun -O         manual tunnels, 27 `|` fields in IBM's order [C-code];
 *                    both may share one file (`lstun -O; lsfilt -O`), the
 *                    field count tells each record;
 *   lsfilt           the human listing: `Rule N:` and `Label : value` [C];
 *   ipsec_fltr_rule.exp  blank-separated filter records, IP version first;
 *                    the column map past the 13th word is inferred [I], and
 *                    so is reading ipsec_tun_manu.exp as the lstun fields
 *                    after the IP version [I] (its layout is unpublished).
 *
 * Every column map is a table (filt_pipe, filt_exp, tun_fields, labels):
 * a real sample corrects the model in one place.
 *
 * The model: the filter rules of each IP version are one ordered list, the
 * filter table (first match wins [I, strongly implied]); a rule's
 * direction, scope, interface, fragment control and source routing go into
 * the selector's dirs and scope, so that a rule only shadows another where
 * it meets every packet the other meets. Each manual tunnel is a manual
 * tunnel of the model: its source is the device's address, its destination
 * (or firewall) the remote endpoint, the source fields the outbound SAs and
 * the destination fields the inbound ones (lowercase gentun flags describe
 * this host's outbound side [C]); its traffic selectors are the permit rules
 * that name its tunnel ID, each turned to face outbound. Lifetimes in
 * minutes become seconds; keys are hex [C].
 *
 * Perspective: a file is read as the configuration of the host that has it
 * (an export file: of the host that imports it, as impfilt and imptun read
 * it unchanged). pf->for_peer says the file is an export kept as the record
 * of the host that wrote it, written for its peer (expfilt without -r flips
 * inbound and outbound [C]; exptun writes tunnels from the partner's point
 * of view [C for IBM tunnels, I for manual ones]): directions and tunnel
 * source/destination are turned back.
 */
#include "parsers/aix_text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/util.h"
#include "grammars/aixtxt.tab.h"
/* flex's header names the parser's types YYSTYPE and YYLTYPE */
#define YYSTYPE AIXTXT_YYSTYPE
#define YYLTYPE AIXTXT_YYLTYPE
#include "grammars/aixtxt.lex.h"
#include "model/selector.h"

/* ---- the column maps ----------------------------------------------------------- */

enum ff { /* a filter rule's fields */
	  FF_ID,
	  FF_ACTION,
	  FF_SRC,
	  FF_SMASK,
	  FF_DST,
	  FF_DMASK,
	  FF_SROUTE,
	  FF_PROTO,
	  FF_SOP,
	  FF_SPORT,
	  FF_DOP,
	  FF_DPORT,
	  FF_SCOPE,
	  FF_DIR,
	  FF_LOG,
	  FF_FRAG,
	  FF_TUNNEL,
	  FF_IFACE,
	  FF_EXPIRE,
	  FF_PATTYPE,
	  FF_PATTERN,
	  FF_DESC,
	  FF_AUTOGEN,
	  FF_VERSION,
	  FF__N
};

enum tf { /* a manual tunnel's fields, lstun -O order [C-code: IBM mktun.py] */
	  TF_ID,
	  TF_SRC,
	  TF_DST,
	  TF_POLICY,
	  TF_DPOLICY,
	  TF_MASK,
	  TF_FW,
	  TF_EMODE,
	  TF_LIFE,
	  TF_SSPIA,
	  TF_DSPIA,
	  TF_AALGO,
	  TF_DAALGO,
	  TF_SAKEY,
	  TF_DAKEY,
	  TF_SSPIE,
	  TF_DSPIE,
	  TF_EALGO,
	  TF_DEALGO,
	  TF_SEKEY,
	  TF_DEKEY,
	  TF_EAALGO,
	  TF_DEAALGO,
	  TF_SEAKEY,
	  TF_DEAKEY,
	  TF_REPLAY,
	  TF_HEADER,
	  TF__N
};

#define LSFILT_FIELDS 22
#define LSTUN_FIELDS 27
#define EXP_FILTER_MIN 22
#define EXP_TUNNEL_WORDS (1 + LSTUN_FIELDS)

/* lsfilt -O: field i is filt_pipe[i] [C] */
static const enum ff filt_pipe[LSFILT_FIELDS] = {
	FF_ID,	   FF_ACTION, FF_SRC,	 FF_SMASK,   FF_DST,	 FF_DMASK, FF_SROUTE, FF_PROTO,
	FF_SOP,	   FF_SPORT,  FF_DOP,	 FF_DPORT,   FF_SCOPE,	 FF_DIR,   FF_LOG,    FF_FRAG,
	FF_TUNNEL, FF_IFACE,  FF_EXPIRE, FF_PATTYPE, FF_PATTERN, FF_DESC,
};

/* ipsec_fltr_rule.exp: words 0-12 [I-high], 13-21 [I-low/med]; a pattern follows the type */
static const enum ff filt_exp[EXP_FILTER_MIN] = {
	FF_VERSION, FF_ID,   FF_ACTION, FF_SRC,	    FF_SMASK,  FF_DST,	   FF_DMASK, FF_SROUTE,
	FF_PROTO,   FF_SOP,  FF_SPORT,	FF_DOP,	    FF_DPORT,  FF_IFACE,   FF_SCOPE, FF_DIR,
	FF_LOG,	    FF_FRAG, FF_TUNNEL, FF_AUTOGEN, FF_EXPIRE, FF_PATTYPE,
};

/* human lsfilt labels [C: DISA STIG and formats/aix-exports.md §2.2] */
static const struct label {
	const char *name;
	enum ff f;
	bool port; /* "op value" in one field */
} labels[] = {
	{"Rule action", FF_ACTION, false},     {"Source Address", FF_SRC, false},
	{"Source Mask", FF_SMASK, false},      {"Destination Address", FF_DST, false},
	{"Destination Mask", FF_DMASK, false}, {"Source Routing", FF_SROUTE, false},
	{"Protocol", FF_PROTO, false},	       {"Source Port", FF_SPORT, true},
	{"ICMP type", FF_SPORT, true},	       {"Destination Port", FF_DPORT, true},
	{"ICMP code", FF_DPORT, true},	       {"Scope", FF_SCOPE, false},
	{"Direction", FF_DIR, false},	       {"Logging control", FF_LOG, false},
	{"Fragment control", FF_FRAG, false},  {"Tunnel ID number", FF_TUNNEL, false},
	{"Interface", FF_IFACE, false},	       {"Auto-Generated", FF_AUTOGEN, false},
	{"Expiration Time", FF_EXPIRE, false}, {"Description", FF_DESC, false},
};

static const char *const tf_names[TF__N] = {
	"tunnel ID",
	"source",
	"destination",
	"source policy",
	"destination policy",
	"destination mask",
	"firewall",
	"mode",
	"lifetime",
	"source AH SPI",
	"destination AH SPI",
	"source AH algorithm",
	"destination AH algorithm",
	"source AH key",
	"destination AH key",
	"source ESP SPI",
	"destination ESP SPI",
	"source ESP algorithm",
	"destination ESP algorithm",
	"source ESP key",
	"destination ESP key",
	"source ESP authentication algorithm",
	"destination ESP authentication algorithm",
	"source ESP authentication key",
	"destination ESP authentication key",
	"replay prevention",
	"new header",
};

/* ---- state ------------------------------------------------------------------- */

struct fval {
	const char *s; /* trimmed, not NUL-terminated; NULL: absent */
	uint32_t len;
	struct span sp;
};

struct frule {
	struct fval f[FF__N];
	struct span span; /* the record (its first line for a human rule) */
	uint8_t family;	  /* 4 or 6 once known; 0: from the addresses */
	bool dynamic;	  /* the dynamic filter placement rule */
	bool human;
};

struct trec {
	struct fval f[TF__N];
	struct span span;
	bool inferred; /* read from an export line whose layout is inferred */
};

struct aixt_state {
	struct fval *cur; /* fields of the record being read */
	size_t ncur, curcap;
	struct fval *pend; /* a short record held back: maybe wrapped onto the next line */
	size_t npend, pendcap;
	struct span pend_span;
	struct frule *rules;
	size_t nrules, rulecap;
	struct trec *tuns;
	size_t ntuns, tuncap;
	struct frule *hcur; /* human: the rule being read (in rules[]), or NULL */
	uint8_t hfamily;    /* human: the family of the last banner */
	unsigned nsyntax;
	bool warned_inferred;
};

#define at_fnd(c, r, at, ...) fnd_add(&(c)->pf->fs, (r), (at), __VA_ARGS__)
#define SHOW(v, buf) parse_show((v)->s, (v)->len, (buf), sizeof(buf))
#define SYNTAX(c, at, ...)                                      \
	do {                                                    \
		at_fnd((c), R_SYNTAX_ERROR, (at), __VA_ARGS__); \
		(c)->st->nsyntax++;                             \
	} while (0)

/* ---- scanner callbacks ----------------------------------------------------------- */

int aixt_lex_tok(struct aixt_ctx *c, int tok, const char *text, size_t len, struct drv_tok *val,
		 struct drv_loc *lloc)
{
	uint32_t col = 1;

	if (text) {
		col = (uint32_t)((size_t)(text - c->base) - c->line_start) + 1;
		val->s = c->src->text + (text - c->base); /* the source outlives the scanner's copy */
		c->line_has_tok = true;
	} else {
		val->s = c->src->text;
	}
	val->len = (uint32_t)len;
	lloc->first_line = lloc->last_line = c->line;
	lloc->first_column = col;
	lloc->last_column = col + (uint32_t)(len ? len - 1 : 0);
	c->tok_line = c->line;
	c->tok_col = col;
	return tok;
}

int aixt_lex_newline(struct aixt_ctx *c, const char *nl, struct drv_tok *val, struct drv_loc *lloc)
{
	int t = 0;

	if (c->line_has_tok) {
		aixt_lex_tok(c, AXT_NL, nl, 1, val, lloc);
		val->len = 0;
		t = AXT_NL;
	}
	c->line++;
	c->line_start = (size_t)(nl - c->base) + 1;
	c->line_has_tok = false;
	return t;
}

int aixt_lex_eof(struct aixt_ctx *c, const char *text, struct drv_tok *val, struct drv_loc *lloc)
{
	if (!c->line_has_tok)
		return 0;
	aixt_lex_tok(c, AXT_NL, text, 0, val, lloc);
	c->line_has_tok = false;
	return AXT_NL;
}

/* ---- helpers ---------------------------------------------------------------------- */

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* A token, trimmed of blanks, as a field value with its span. */
static struct fval fval_of(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	struct fval v = {0};
	uint32_t a = 0, b = t ? t->len : 0;

	if (!t || !t->s) {
		v.sp = span_make(c->src, c->tok_line, c->tok_col, c->tok_line, c->tok_col);
		return v;
	}
	while (a < b && is_blank(t->s[a]))
		a++;
	while (b > a && is_blank(t->s[b - 1]))
		b--;
	v.s = t->s + a;
	v.len = b - a;
	if (a == b)
		v.sp = span_make(c->src, l->first_line, l->first_column, l->first_line, l->first_column);
	else
		v.sp = span_make(c->src, l->first_line, l->first_column + a, l->first_line,
				 l->first_column + b - 1);
	return v;
}

static bool fv_set(const struct fval *v)
{
	return v->s && v->len;
}

static bool fv_is(const struct fval *v, const char *w)
{
	size_t n = strlen(w);

	return v->s && v->len == n && strncasecmp(v->s, w, n) == 0;
}

static const char *fv_dup(struct aixt_ctx *c, const struct fval *v)
{
	return v->s ? arena_strndup(c->a, v->s, v->len) : NULL;
}

/* v as a C string in buf; false when absent or too long */
static bool fv_cstr(const struct fval *v, char *buf, size_t n)
{
	if (!fv_set(v) || v->len >= n)
		return false;
	memcpy(buf, v->s, v->len);
	buf[v->len] = '\0';
	return true;
}

static bool fv_uint(const struct fval *v, uint64_t max, uint64_t *out)
{
	return fv_set(v) && drv_uint(v->s, v->len, max, out);
}

static struct span line_span(const struct aixt_ctx *c, uint32_t line)
{
	size_t len = 0;
	const char *text = source_line(c->src, line, &len);
	uint32_t a = 1;

	while (text && len && is_blank(text[len - 1]))
		len--;
	while (text && a <= len && is_blank(text[a - 1]))
		a++;
	return span_make(c->src, line, a, line, len >= a ? (uint32_t)len : a);
}

static struct span loc_span(const struct aixt_ctx *c, const struct drv_loc *l)
{
	struct span s = line_span(c, l->first_line);

	if (l->last_line > l->first_line) {
		struct span e = line_span(c, l->last_line);
		s.end_line = e.end_line;
		s.end_col = e.end_col;
	}
	return s;
}

/* "yes"/"no", "Y"/"N" (either case): 1, 0, or -1 */
static int yes_no(const struct fval *v)
{
	if (fv_is(v, "yes") || fv_is(v, "y"))
		return 1;
	if (fv_is(v, "no") || fv_is(v, "n"))
		return 0;
	return -1;
}

static void bad(struct aixt_ctx *c, const struct fval *v, const char *what, const char *expect)
{
	char sh[48];

	at_fnd(c, R_INVALID_VALUE, &v->sp, "%s '%s' is not %s", what, SHOW(v, sh), expect);
}

/* ---- grammar callbacks: records ---------------------------------------------------- */

void aixt_syntax_error(struct aixt_ctx *c, const struct drv_loc *l, const char *msg)
{
	struct span at = span_make(c->src, l->first_line, l->first_column, l->last_line, l->last_column);

	SYNTAX(c, &at, "%s", msg);
}

void aixt_field(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	struct aixt_state *st = c->st;

	VEC_GROW(st->cur, st->curcap, st->ncur + 1);
	st->cur[st->ncur++] = fval_of(c, t, l);
}

void aixt_record_drop(struct aixt_ctx *c)
{
	c->st->ncur = 0;
}

static void add_filter(struct aixt_ctx *c, const struct fval *v, size_t n, const enum ff *map, size_t nmap,
		       const struct span *span)
{
	struct aixt_state *st = c->st;
	struct frule *r;

	r = VEC_NEW(st->rules, st->nrules, st->rulecap);
	r->span = *span;
	for (size_t i = 0; i < n && i < nmap; i++)
		r->f[map[i]] = v[i];
	if (map == filt_exp && n > nmap) { /* the pattern after its type, as one value */
		r->f[FF_PATTERN] = v[nmap];
		r->f[FF_PATTERN].len = (uint32_t)((v[n - 1].s + v[n - 1].len) - v[nmap].s);
		r->f[FF_PATTERN].sp.end_col = v[n - 1].sp.end_col;
	}
}

static void add_dynamic(struct aixt_ctx *c, const struct fval *v, const struct span *span)
{
	struct aixt_state *st = c->st;
	struct frule *r;

	r = VEC_NEW(st->rules, st->nrules, st->rulecap);
	r->span = *span;
	r->dynamic = true;
	r->f[FF_ID] = v[0];
	r->f[FF_DESC] = v[1];
	r->f[FF_LOG] = v[2];
}

static void add_tunnel(struct aixt_ctx *c, const struct fval *v, const struct span *span, bool inferred)
{
	struct aixt_state *st = c->st;
	struct trec *t;

	t = VEC_NEW(st->tuns, st->ntuns, st->tuncap);
	t->span = *span;
	t->inferred = inferred;
	for (size_t i = 0; i < LSTUN_FIELDS; i++) {
		t->f[i] = v[i];
		/* blank-separated words cannot be empty: '-' stands for an empty field */
		if (inferred && v[i].len == 1 && v[i].s[0] == '-')
			t->f[i].len = 0;
	}
}

static bool is_dynamic(const struct fval *v, size_t n)
{
	return n == 3 && v[1].len >= 3 && memcmp(v[1].s, "***", 3) == 0;
}

/* A pipe record of n fields: a filter rule, a tunnel or the dynamic placement line. */
static bool pipe_record(struct aixt_ctx *c, const struct fval *v, size_t n, const struct span *span)
{
	if (n == LSFILT_FIELDS)
		add_filter(c, v, n, filt_pipe, LSFILT_FIELDS, span);
	else if (n == LSTUN_FIELDS)
		add_tunnel(c, v, span, false);
	else if (is_dynamic(v, n))
		add_dynamic(c, v, span);
	else
		return false;
	return true;
}

static void pend_report(struct aixt_ctx *c)
{
	struct aixt_state *st = c->st;

	if (!st->npend)
		return;
	SYNTAX(c, &st->pend_span,
	       "a record of %zu field%s: lsfilt -O records have 22 fields, lstun -O records 27, the dynamic "
	       "placement line 3",
	       st->npend, st->npend == 1 ? "" : "s");
	st->npend = 0;
}

/*
 * A record cut by a terminal or an editor (IBM's own docstring sample wraps
 * `all packets` onto the next line): the short record before and this one
 * add up to a whole one, the cut field joined with a blank. One diagnostic
 * at the cut; the record is read as one.
 */
static bool pend_join(struct aixt_ctx *c, const struct span *span)
{
	struct aixt_state *st = c->st;
	size_t total = st->npend + st->ncur - 1;
	struct fval *v, *cut;
	char *joined;
	struct span at, whole;

	if (!st->npend || span->line != st->pend_span.end_line + 1 ||
	    (total != LSFILT_FIELDS && total != LSTUN_FIELDS))
		return false;
	v = xcalloc(total, sizeof(*v));
	memcpy(v, st->pend, (st->npend - 1) * sizeof(*v));
	memcpy(v + st->npend, st->cur + 1, (st->ncur - 1) * sizeof(*v));
	cut = &v[st->npend - 1];
	*cut = st->pend[st->npend - 1];
	joined = arena_printf(c->a, "%.*s %.*s", (int)cut->len, cut->s ? cut->s : "", (int)st->cur[0].len,
			      st->cur[0].s ? st->cur[0].s : "");
	cut->s = joined;
	cut->len = (uint32_t)strlen(joined);
	cut->sp.end_line = st->cur[0].sp.end_line;
	cut->sp.end_col = st->cur[0].sp.end_col;
	at = st->pend[st->npend - 1].sp;
	{
		struct finding *f =
			at_fnd(c, R_SYNTAX_ERROR, &at,
			       "the record is cut after field %zu and goes on at line %u (wrapped "
			       "text, not lsfilt/lstun output): read as one record",
			       st->npend, span->line);

		fnd_set_hint(f, "join the two lines: lsfilt -O and lstun -O print one record per line");
		st->nsyntax++;
	}
	whole = st->pend_span;
	whole.end_line = span->end_line;
	whole.end_col = span->end_col;
	pipe_record(c, v, total, &whole);
	free(v);
	st->npend = 0;
	return true;
}

static void pend_keep(struct aixt_ctx *c, const struct span *span)
{
	struct aixt_state *st = c->st;

	VEC_GROW(st->pend, st->pendcap, st->ncur);
	memcpy(st->pend, st->cur, st->ncur * sizeof(*st->cur));
	st->npend = st->ncur;
	st->pend_span = *span;
}

static bool looks_like_ip(const struct fval *v)
{
	char buf[64];

	return fv_cstr(v, buf, sizeof(buf)) && addr_parse_ip(buf, NULL, NULL);
}

static void exp_record(struct aixt_ctx *c, const struct fval *v, size_t n, const struct span *span)
{
	struct aixt_state *st = c->st;
	bool ver = fv_is(&v[0], "4") || fv_is(&v[0], "6");

	if (ver && n == EXP_TUNNEL_WORDS && looks_like_ip(&v[2]) && looks_like_ip(&v[3])) {
		if (!st->warned_inferred) {
			struct finding *f = at_fnd(
				c, R_UNKNOWN_STATEMENT, span,
				"manual tunnel export line: its layout is not published; read as the IP version "
				"followed by the 27 lstun -O fields (inferred)");
			fnd_set_hint(
				f, "check the model with 'ipseclint dump'; a real ipsec_tun_manu.exp sample "
				   "(keys replaced) corrects the reading");
			st->warned_inferred = true;
		}
		add_tunnel(c, v + 1, span, true);
		return;
	}
	if (ver && n >= EXP_FILTER_MIN) {
		add_filter(c, v, n, filt_exp, EXP_FILTER_MIN, span);
		return;
	}
	SYNTAX(c, span,
	       "an export line of %zu word%s: an ipsec_fltr_rule.exp line holds the IP version (4 or 6), "
	       "the rule ID and 20 more words",
	       n, n == 1 ? "" : "s");
}

void aixt_record_end(struct aixt_ctx *c, const struct drv_loc *l)
{
	struct aixt_state *st = c->st;
	struct span span = loc_span(c, l);

	if (c->mode == AIXT_EXP) {
		exp_record(c, st->cur, st->ncur, &span);
	} else if (!pend_join(c, &span)) {
		pend_report(c);
		if (!pipe_record(c, st->cur, st->ncur, &span)) {
			if (st->ncur < LSFILT_FIELDS)
				pend_keep(c, &span); /* maybe the next line completes it */
			else
				SYNTAX(c, &span,
				       "a record of %zu fields: lsfilt -O records have 22 fields, lstun -O "
				       "records 27, the dynamic placement line 3",
				       st->ncur);
		}
	}
	st->ncur = 0;
}

void aixt_comment(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	(void)t;
	(void)l;
	pend_report(c); /* a header line ends what was held back */
}

/* ---- grammar callbacks: human lsfilt ------------------------------------------------ */

void aixt_banner(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	const char *v = memchr(t->s, 'v', t->len);

	(void)l;
	c->st->hcur = NULL;
	if (v && (size_t)(v - t->s) + 1 < t->len && t->s[0] != 'E')
		c->st->hfamily = v[1] == '6' ? 6 : 4;
	else if (t->len >= 3 && memcmp(t->s, "End", 3) == 0)
		c->st->hfamily = 0;
}

void aixt_text(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	struct fval v = fval_of(c, t, l);
	char sh[48];

	SYNTAX(c, &v.sp, "'%s' is not a line of lsfilt output", SHOW(&v, sh));
}

void aixt_rule_begin(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	struct aixt_state *st = c->st;
	struct fval v = fval_of(c, t, l);
	struct frule *r;
	uint32_t a = 0;

	r = VEC_NEW(st->rules, st->nrules, st->rulecap);
	r->human = true;
	r->family = st->hfamily;
	r->span = v.sp;
	/* "Rule 12:": the number */
	while (a < v.len && !isdigit((unsigned char)v.s[a]))
		a++;
	r->f[FF_ID].s = v.s + a;
	while (a < v.len && isdigit((unsigned char)v.s[a]))
		a++;
	r->f[FF_ID].len = (uint32_t)(v.s + a - r->f[FF_ID].s);
	r->f[FF_ID].sp = v.sp;
	st->hcur = r;
}

void aixt_rule_end(struct aixt_ctx *c)
{
	c->st->hcur = NULL;
}

void aixt_dynamic(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	struct fval v = fval_of(c, t, l);

	if (!c->st->hcur) {
		SYNTAX(c, &v.sp,
		       "the dynamic placement line is outside a rule (no 'Rule N:' line before it)");
		return;
	}
	c->st->hcur->dynamic = true;
	c->st->hcur->f[FF_DESC] = v;
}

static const struct label *label_find(const char *s, size_t n, bool nocase)
{
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
		size_t m = strlen(labels[i].name);

		if (m == n &&
		    (nocase ? strncasecmp(labels[i].name, s, n) : strncmp(labels[i].name, s, n)) == 0)
			return &labels[i];
	}
	return NULL;
}

static const char *label_suggest(const char *s, size_t n)
{
	char buf[64];
	const char *best = NULL;
	unsigned bd = 4;

	if (n >= sizeof(buf))
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
		unsigned d = util_edit_distance(buf, labels[i].name, bd);

		if (d < bd) {
			bd = d;
			best = labels[i].name;
		}
	}
	return best;
}

/* "eq  4001" / "any 0": the operator and the number */
static void split_port(struct aixt_ctx *c, const struct fval *v, struct fval *op, struct fval *num)
{
	uint32_t a = 0;

	(void)c;
	*op = *v;
	*num = *v;
	while (a < v->len && !is_blank(v->s[a]))
		a++;
	op->len = a;
	op->sp.end_col = v->sp.col + (a ? a - 1 : 0);
	while (a < v->len && is_blank(v->s[a]))
		a++;
	num->s = v->s + a;
	num->len = v->len - a;
	num->sp.col = v->sp.col + a;
	if (!num->len)
		num->sp.end_col = num->sp.col;
}

void aixt_label(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	struct aixt_state *st = c->st;
	struct fval line = fval_of(c, t, l), name = line, val = line;
	const char *colon = line.s ? memchr(line.s, ':', line.len) : NULL;
	const struct label *lb;
	uint32_t k, a;

	if (!colon) /* the scanner's FIELD has one: never here */
		return;
	k = (uint32_t)(colon - line.s);
	name.len = k;
	while (name.len && is_blank(name.s[name.len - 1]))
		name.len--;
	name.sp.end_col = name.sp.col + (name.len ? name.len - 1 : 0);
	a = k + 1;
	while (a < line.len && is_blank(line.s[a]))
		a++;
	val.s = line.s + a;
	val.len = line.len - a;
	val.sp.col = line.sp.col + a;
	if (!val.len)
		val.sp.end_col = val.sp.col = line.sp.col + k;
	if (!st->hcur) {
		char sh[48];

		SYNTAX(c, &name.sp, "'%s' is outside a rule (no 'Rule N:' line before it)", SHOW(&name, sh));
		return;
	}
	lb = label_find(name.s, name.len, false);
	if (!lb) {
		char sh[48];
		const char *near;
		struct finding *f;

		lb = label_find(name.s, name.len, true);
		near = lb ? lb->name : label_suggest(name.s, name.len);
		f = at_fnd(c, R_UNKNOWN_STATEMENT, &name.sp, "'%s' is not a field of an lsfilt rule%s",
			   SHOW(&name, sh), lb ? "; read as its field all the same" : "");
		if (near)
			fnd_set_hint(f, "did you mean '%s'?", near);
		if (!lb)
			return;
	}
	if (lb->port) {
		split_port(c, &val, &st->hcur->f[lb->f == FF_SPORT ? FF_SOP : FF_DOP], &st->hcur->f[lb->f]);
		return;
	}
	if (fv_set(&st->hcur->f[lb->f])) {
		char sh[48];

		at_fnd(c, R_UNKNOWN_STATEMENT, &name.sp,
		       "'%s' appears twice in rule %.*s: the last one is read", SHOW(&name, sh),
		       (int)st->hcur->f[FF_ID].len, st->hcur->f[FF_ID].s);
	}
	st->hcur->f[lb->f] = val;
}

/* ---- filter rules into selectors ------------------------------------------------------ */

struct tokmap {
	const char *tok;
	int v;
};

static int tok_lookup(const struct tokmap *t, size_t n, const struct fval *v)
{
	for (size_t i = 0; i < n; i++)
		if (fv_is(v, t[i].tok))
			return t[i].v;
	return -1;
}

enum { ACT_PERMIT, ACT_DENY, ACT_IF, ACT_ELSE, ACT_ENDIF, ACT_SHUN };

static const struct tokmap actions[] = {
	{"permit", ACT_PERMIT},	 {"deny", ACT_DENY},   {"if", ACT_IF},
	{"else", ACT_ELSE},	 {"endif", ACT_ENDIF}, {"shun_host", ACT_SHUN},
	{"shun_port", ACT_SHUN}, {"p", ACT_PERMIT},    {"d", ACT_DENY},
};

/* protocol names [C: lsfilt -O field 7]; tcp/ack is TCP ACK packets only */
static const struct tokmap protos[] = {
	{"all", -1},	{"udp", 17},  {"tcp", 6},  {"tcp/ack", 6}, {"icmp", 1},
	{"icmpv6", 58}, {"ospf", 89}, {"ipip", 4}, {"esp", 50},	   {"ah", 51},
};

enum { OP_ANY, OP_EQ, OP_NEQ, OP_LT, OP_LE, OP_GT, OP_GE };

static const struct tokmap port_ops[] = {
	{"any", OP_ANY}, {"eq", OP_EQ}, {"neq", OP_NEQ}, {"lt", OP_LT},
	{"le", OP_LE},	 {"gt", OP_GT}, {"ge", OP_GE},
};

/* field 15 and genfilt -f [C] */
static const struct tokmap frags[] = {
	{"all packets", 'Y'},
	{"unfragmented packets only", 'N'},
	{"fragments and fragment headers only", 'O'},
	{"fragment headers and unfragmented packets only", 'H'},
	{"Y", 'Y'},
	{"N", 'N'},
	{"O", 'O'},
	{"H", 'H'},
	{"yes", 'Y'},
	{"no", 'N'},
};

static const struct tokmap scopes[] = {
	{"both", 'B'}, {"local", 'L'}, {"route", 'R'}, {"B", 'B'}, {"L", 'L'}, {"R", 'R'},
};

static const struct tokmap dirs[] = {
	{"both", 0}, {"inbound", SEL_DIR_IN}, {"outbound", SEL_DIR_OUT},
	{"B", 0},    {"I", SEL_DIR_IN},	      {"O", SEL_DIR_OUT},
};

/* An address and its mask: IPv4 dotted masks (any bit pattern), IPv6 prefix lengths. */
static bool rule_addr(struct aixt_ctx *c, const struct fval *av, const struct fval *mv, const char *what,
		      uint8_t *family, struct addrspec *out)
{
	char buf[64];
	struct ip128 ip, mask, wc;
	uint8_t fam, mfam;
	uint64_t plen;

	if (!fv_cstr(av, buf, sizeof(buf)) || !addr_parse_ip(buf, &ip, &fam)) {
		if (fv_set(av))
			bad(c, av, what, "an IP address");
		else
			at_fnd(c, R_MISSING_MANDATORY, &av->sp, "the filter rule has no %s", what);
		return false;
	}
	if (*family && fam != *family) {
		bad(c, av, what,
		    *family == 4 ? "an IPv4 address (the rule is IPv4)" :
				   "an IPv6 address (the rule is IPv6)");
		return false;
	}
	*family = fam;
	if (fam == 6) {
		if (!fv_uint(mv, 128, &plen)) {
			bad(c, mv, "IPv6 mask", "a prefix length 0-128");
			return false;
		}
		*out = aspec_prefix(&ip, 6, (unsigned)plen);
		return true;
	}
	if (!fv_cstr(mv, buf, sizeof(buf)) || !addr_parse_ip(buf, &mask, &mfam) || mfam != 4) {
		bad(c, mv, "mask", "a dotted IPv4 mask");
		return false;
	}
	/* the mask's set bits are the ones that count: the wildcard is its complement */
	wc.hi = 0;
	wc.lo = ~mask.lo & 0xffffffffULL;
	*out = aspec_wildcard(&ip, 4, &wc);
	return true;
}

/* "eq 4001": a range; ICMP type/code share the fields [C] */
static bool rule_port(struct aixt_ctx *c, const struct fval *opv, const struct fval *nv, const char *what,
		      struct portrange *out, bool *widened)
{
	int op = fv_set(opv) ? tok_lookup(port_ops, ARRAY_SIZE(port_ops), opv) : OP_ANY;
	uint64_t n = 0;

	*out = port_any();
	if (op < 0) {
		char w[64];

		snprintf(w, sizeof(w), "%s operator", what);
		bad(c, opv, w, "one of lt, le, gt, ge, eq, neq, any");
		return false;
	}
	if (op == OP_ANY)
		return true; /* the number is 0 by convention; ignored */
	if (!fv_uint(nv, 65535, &n)) {
		bad(c, nv, what, "a number 0-65535");
		return false;
	}
	switch (op) {
	case OP_EQ:
		out->lo = out->hi = (uint16_t)n;
		break;
	case OP_NEQ: /* two ranges: the selector holds all, and says it holds more */
		*widened = true;
		break;
	case OP_LT:
		if (!n) {
			out->lo = 1;
			out->hi = 0; /* matches nothing */
			break;
		}
		out->hi = (uint16_t)(n - 1);
		break;
	case OP_LE:
		out->hi = (uint16_t)n;
		break;
	case OP_GT:
		if (n == 65535) {
			out->lo = 1;
			out->hi = 0;
			break;
		}
		out->lo = (uint16_t)(n + 1);
		break;
	case OP_GE:
		out->lo = (uint16_t)n;
		break;
	default:
		break;
	}
	return true;
}

static const char *rule_id_text(const struct frule *r, char *buf, size_t n)
{
	snprintf(buf, n, "%.*s", (int)(r->f[FF_ID].len > 20 ? 20 : r->f[FF_ID].len),
		 r->f[FF_ID].s ? r->f[FF_ID].s : "?");
	return buf;
}

/*
 * What narrows a rule beyond its selector - scope, fragment control,
 * interface, source routing - as a text that keeps such rules apart.
 */
static void rule_scope(struct aixt_ctx *c, struct frule *r, int action, struct selector *s)
{
	char scope[160];
	size_t sl = 0;
	int v;

	scope[0] = '\0';
	if (fv_set(&r->f[FF_SCOPE])) {
		v = tok_lookup(scopes, ARRAY_SIZE(scopes), &r->f[FF_SCOPE]);
		if (v < 0)
			bad(c, &r->f[FF_SCOPE], "scope", "both, local or route");
		else if (v != 'B')
			sl += (size_t)snprintf(scope + sl, sizeof(scope) - sl, "scope=%c;", v);
	}
	if (fv_set(&r->f[FF_FRAG])) {
		v = tok_lookup(frags, ARRAY_SIZE(frags), &r->f[FF_FRAG]);
		if (v < 0)
			bad(c, &r->f[FF_FRAG], "fragment control",
			    "all packets, unfragmented packets only, fragments and fragment headers only, or "
			    "fragment headers and unfragmented packets only");
		else if (v != 'Y')
			sl += (size_t)snprintf(scope + sl, sizeof(scope) - sl, "frag=%c;", v);
	}
	if (fv_set(&r->f[FF_IFACE]) && !fv_is(&r->f[FF_IFACE], "all"))
		sl += (size_t)snprintf(scope + sl, sizeof(scope) - sl, "if=%.*s;",
				       (int)(r->f[FF_IFACE].len > 60 ? 60 : r->f[FF_IFACE].len),
				       r->f[FF_IFACE].s);
	/* source routing applies to permit rules only [C]: "no" leaves source-routed packets out */
	if (fv_set(&r->f[FF_SROUTE])) {
		v = yes_no(&r->f[FF_SROUTE]);
		if (v < 0)
			bad(c, &r->f[FF_SROUTE], "source routing", "yes or no");
		else if (!v && action == ACT_PERMIT)
			sl += (size_t)snprintf(scope + sl, sizeof(scope) - sl, "srcroute=no;");
	}
	if (sl)
		s->scope = arena_strdup(c->a, scope);
}

/* Fields that do not change what a rule matches: only checked. */
static void rule_unmodelled(struct aixt_ctx *c, struct frule *r)
{
	uint64_t x;

	if (fv_set(&r->f[FF_LOG]) && yes_no(&r->f[FF_LOG]) < 0)
		bad(c, &r->f[FF_LOG], "logging", "yes or no");
	if (fv_set(&r->f[FF_AUTOGEN]) && yes_no(&r->f[FF_AUTOGEN]) < 0)
		bad(c, &r->f[FF_AUTOGEN], "auto-generated", "yes or no");
	if (fv_set(&r->f[FF_EXPIRE]) && !fv_uint(&r->f[FF_EXPIRE], 0xffffffffULL, &x))
		bad(c, &r->f[FF_EXPIRE], "expiration time", "a number of seconds");
}

/* One filter rule of the table, or false when it cannot be modelled (a finding says why). */
static bool rule_selector(struct aixt_ctx *c, struct frule *r, struct selector *s, int *action,
			  uint64_t *tunnel)
{
	int v;
	uint8_t fam = r->family;
	uint64_t id = 0, x;
	bool ok = true;

	for (int i = 0; i < FF__N; i++) /* a field the listing leaves out is found at its rule */
		if (!r->f[i].s)
			r->f[i].sp = r->span;
	if (!fv_uint(&r->f[FF_ID], 0xffffffffULL, &id))
		bad(c, &r->f[FF_ID], "rule ID", "a number");
	*action = tok_lookup(actions, ARRAY_SIZE(actions), &r->f[FF_ACTION]);
	if (*action < 0) {
		if (fv_set(&r->f[FF_ACTION]))
			bad(c, &r->f[FF_ACTION], "action",
			    "permit, deny, if, else, endif, shun_host or shun_port");
		else
			at_fnd(c, R_MISSING_MANDATORY, &r->span, "filter rule %.*s has no action",
			       (int)r->f[FF_ID].len, r->f[FF_ID].s);
		return false;
	}
	if (fv_set(&r->f[FF_VERSION])) {
		if (fv_is(&r->f[FF_VERSION], "4") || fv_is(&r->f[FF_VERSION], "6"))
			fam = r->f[FF_VERSION].s[0] == '4' ? 4 : 6;
		else
			bad(c, &r->f[FF_VERSION], "IP version", "4 or 6");
	}
	memset(s, 0, sizeof(*s));
	s->rule_id = (uint32_t)id;
	s->action = *action == ACT_PERMIT ? SEL_PERMIT : SEL_DENY;
	ok &= rule_addr(c, &r->f[FF_SRC], &r->f[FF_SMASK], "source address", &fam, &s->src);
	ok &= rule_addr(c, &r->f[FF_DST], &r->f[FF_DMASK], "destination address", &fam, &s->dst);
	s->proto = -1;
	if (fv_set(&r->f[FF_PROTO])) {
		v = tok_lookup(protos, ARRAY_SIZE(protos), &r->f[FF_PROTO]);
		if (v != -1 || fv_is(&r->f[FF_PROTO], "all")) {
			s->proto = (int16_t)v;
			s->widened |= fv_is(&r->f[FF_PROTO], "tcp/ack");
		} else if (fv_uint(&r->f[FF_PROTO], 255, &x)) {
			s->proto = (int16_t)x;
		} else {
			bad(c, &r->f[FF_PROTO], "protocol", "a protocol name or number");
			ok = false;
		}
	}
	ok &= rule_port(c, &r->f[FF_SOP], &r->f[FF_SPORT],
			s->proto == 1 || s->proto == 58 ? "ICMP type" : "source port", &s->sport,
			&s->widened);
	ok &= rule_port(c, &r->f[FF_DOP], &r->f[FF_DPORT],
			s->proto == 1 || s->proto == 58 ? "ICMP code" : "destination port", &s->dport,
			&s->widened);
	if (fv_set(&r->f[FF_DIR])) {
		v = tok_lookup(dirs, ARRAY_SIZE(dirs), &r->f[FF_DIR]);
		if (v < 0)
			bad(c, &r->f[FF_DIR], "direction", "both, inbound or outbound");
		else if (c->pf->for_peer && v) /* expfilt wrote it for the peer: turned back */
			s->dirs = (uint8_t)(v == SEL_DIR_IN ? SEL_DIR_OUT : SEL_DIR_IN);
		else
			s->dirs = (uint8_t)v;
	}
	rule_scope(c, r, *action, s);
	rule_unmodelled(c, r);
	/* a content pattern matches fewer packets than the selector says */
	if (fv_set(&r->f[FF_PATTYPE]) && !fv_is(&r->f[FF_PATTYPE], "patt_none"))
		s->widened = true;
	if (fv_set(&r->f[FF_PATTERN]))
		s->widened = true;
	*tunnel = 0;
	if (fv_set(&r->f[FF_TUNNEL]) && !fv_uint(&r->f[FF_TUNNEL], 0xffffffffULL, tunnel))
		bad(c, &r->f[FF_TUNNEL], "tunnel ID", "a number (0: no tunnel)");
	s->line = r->span.line;
	s->col = r->span.col;
	s->end_line = r->span.end_line;
	s->end_col = r->span.end_col;
	if (fv_set(&r->f[FF_DESC]))
		s->text = fv_dup(c, &r->f[FF_DESC]);
	return ok;
}

/* ---- manual tunnels ----------------------------------------------------------------- */

/* AH / ESP authentication: HMAC_MD5, KEYED_MD5 [C]; HMAC_SHA and the rest [I, ipsecstat -A] */
static const struct tokmap auth_algs[] = {
	{"HMAC_MD5", INTEG_MD5},	  {"KEYED_MD5", INTEG_KEYED_MD5},
	{"HMAC_SHA", INTEG_SHA1},	  {"HMAC_SHA1", INTEG_SHA1},
	{"HMAC_SHA256", INTEG_SHA256},	  {"HMAC_SHA2_256", INTEG_SHA256},
	{"HMAC_SHA384", INTEG_SHA384},	  {"HMAC_SHA2_384", INTEG_SHA384},
	{"HMAC_SHA512", INTEG_SHA512},	  {"HMAC_SHA2_512", INTEG_SHA512},
	{"AES_XCBC_MAC", INTEG_AES_XCBC}, {"AES_XCBC_MAC_96", INTEG_AES_XCBC},
};

/* ESP encryption: DES_CBC_8 [C]; the others [I, ipsecstat -E] */
static const struct tokmap enc_algs[] = {
	{"DES_CBC_8", ENC_DES},
	{"DES_CBC_4", ENC_DES},
	{"DES_CBC", ENC_DES},
	{"CDMF", ENC_CDMF},
	{"3DES_CBC", ENC_3DES},
	{"TRIPLE_DES", ENC_3DES},
	{"TRIPLE_DES_CBC", ENC_3DES},
	{"NULL", ENC_NULL},
	{"ESP_NULL", ENC_NULL},
	{"AES_CBC", ENC_AES128},
	{"AES_CBC_128", ENC_AES128},
	{"AES_CBC_192", ENC_AES192},
	{"AES_CBC_256", ENC_AES256},
	{"AES_GCM_128", ENC_AES128_GCM},
	{"AES_GCM_192", ENC_AES192_GCM},
	{"AES_GCM_256", ENC_AES256_GCM},
};

/* -p / -P: lstun -O words [C-code], gentun letters [C] */
static const struct tokmap policies[] = {
	{"auth only", MSA_POL_AH},
	{"encr only", MSA_POL_ESP},
	{"encr/auth", MSA_POL_ESP_AH},
	{"auth/encr", MSA_POL_AH_ESP},
	{"auth", MSA_POL_AH},
	{"encr", MSA_POL_ESP},
	{"a", MSA_POL_AH},
	{"e", MSA_POL_ESP},
	{"ea", MSA_POL_ESP_AH},
	{"ae", MSA_POL_AH_ESP},
	{"auth_only", MSA_POL_AH},
	{"encr_only", MSA_POL_ESP},
};

/* An algorithm token: case and '-'/'_' alike; the lists are host-dependent, so unknown is a warning. */
static int alg_lookup(struct aixt_ctx *c, const struct fval *v, const struct tokmap *t, size_t n,
		      const char *what)
{
	char sh[48];
	struct finding *f;

	if (!fv_set(v))
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t m = strlen(t[i].tok);
		bool eq = m == v->len;

		for (size_t k = 0; eq && k < m; k++) {
			char a = (char)toupper((unsigned char)v->s[k]), b = t[i].tok[k];
			eq = a == b || ((a == '-' || a == '_') && (b == '-' || b == '_'));
		}
		if (eq)
			return t[i].v;
	}
	f = at_fnd(c, R_INVALID_VALUE, &v->sp, "%s '%s' is not an algorithm ipseclint knows", what,
		   SHOW(v, sh));
	f->sev = SEV_WARNING; /* the host's own list (ipsecstat -A / -E) decides [U] */
	fnd_set_hint(f, "'ipsecstat -A' and 'ipsecstat -E' list the algorithms the host has");
	return -1;
}

static void tun_key(struct aixt_ctx *c, const struct fval *v, const char *what, struct key *k)
{
	if (!fv_set(v))
		return;
	memset(k, 0, sizeof(*k));
	if (!model_key_hex(c->a, v->s, v->len, k)) {
		/* never quote it: it is a key */
		at_fnd(c, R_INVALID_VALUE, &v->sp, "%s is not a hex string (AIX manual keys are hex, 0x...)",
		       what);
		k->form = KEY_PLAIN;
		k->bytes = arena_memdup(c->a, v->s, v->len);
		k->len = v->len;
	}
	k->o = origin_written(&v->sp);
}

static void tun_spi(struct aixt_ctx *c, const struct fval *v, const char *what, struct mint *m)
{
	uint64_t x;

	if (!fv_set(v))
		return;
	if (!fv_uint(v, 0xffffffffULL, &x)) {
		bad(c, v, what, "a number");
		return;
	}
	if (!x)
		return; /* 0: not used */
	if (x < 256)
		bad(c, v, what, "a valid SPI (1-255 are reserved)");
	m->v = (int64_t)x;
	m->o = origin_written(&v->sp);
}

static void tun_alg(struct aixt_ctx *c, const struct fval *v, bool enc, const char *what, struct mint *m,
		    struct algset *into)
{
	int a = alg_lookup(c, v, enc ? enc_algs : auth_algs,
			   enc ? ARRAY_SIZE(enc_algs) : ARRAY_SIZE(auth_algs), what);

	if (a < 0)
		return;
	m->v = a;
	m->o = origin_written(&v->sp);
	if (!algset_has(into, (unsigned)a)) {
		algset_add(into, (unsigned)a);
		if (into->o.prov == PROV_UNSET)
			into->o = origin_written(&v->sp);
	}
}

static void tun_flag(struct aixt_ctx *c, const struct fval *v, const char *what, struct mint *m)
{
	int yn;

	if (!fv_set(v))
		return;
	yn = yes_no(v);
	if (yn < 0) {
		bad(c, v, what, "Y or N");
		return;
	}
	m->v = yn;
	m->o = origin_written(&v->sp);
}

static bool tun_addr(struct aixt_ctx *c, const struct fval *v, const char *what, struct addrspec *out)
{
	char buf[64];
	struct ip128 ip;
	uint8_t fam;

	if (!fv_set(v))
		return false;
	if (!fv_cstr(v, buf, sizeof(buf)) || !addr_parse_ip(buf, &ip, &fam)) {
		bad(c, v, what, "an IP address");
		return false;
	}
	*out = aspec_host(&ip, fam);
	out->text = fv_dup(c, v);
	return true;
}

/* The fields of one side: [0] source (outbound), [1] destination (inbound). */
static const enum tf side_f[2][9] = {
	{TF_SSPIA, TF_AALGO, TF_SAKEY, TF_SSPIE, TF_EALGO, TF_SEKEY, TF_EAALGO, TF_SEAKEY, TF_POLICY},
	{TF_DSPIA, TF_DAALGO, TF_DAKEY, TF_DSPIE, TF_DEALGO, TF_DEKEY, TF_DEAALGO, TF_DEAKEY, TF_DPOLICY},
};

struct aixt_tunnel {
	struct tunnel *t;
	uint64_t id;
	uint8_t family;
	struct addrspec src, dst;
	bool src_ok, dst_ok;
	struct span span;
};

/* One side's SPIs, algorithms, keys and policy: [0] source (outbound), [1] destination (inbound). */
static void tunnel_side(struct aixt_ctx *c, struct trec *r, int side, struct manual_sa *m,
			struct ipsec_proposal *p)
{
	/* source fields are this host's outbound SAs; turned round for a peer's export */
	int dir = (side == 0) != c->pf->for_peer ? SA_OUT : SA_IN;
	const enum tf *f = side_f[side];
	struct manual_sa_half *ah = &m->h[dir][SA_AH], *esp = &m->h[dir][SA_ESP];
	int pol;

	tun_spi(c, &r->f[f[0]], tf_names[f[0]], &ah->spi);
	tun_alg(c, &r->f[f[1]], false, tf_names[f[1]], &ah->alg, &p->ah_integ);
	tun_key(c, &r->f[f[2]], tf_names[f[2]], &ah->auth_key);
	tun_spi(c, &r->f[f[3]], tf_names[f[3]], &esp->spi);
	tun_alg(c, &r->f[f[4]], true, tf_names[f[4]], &esp->alg, &p->esp_enc);
	tun_key(c, &r->f[f[5]], tf_names[f[5]], &esp->enc_key);
	tun_alg(c, &r->f[f[6]], false, tf_names[f[6]], &esp->auth_alg, &p->esp_integ);
	tun_key(c, &r->f[f[7]], tf_names[f[7]], &esp->auth_key);
	if (!fv_set(&r->f[f[8]]))
		return;
	pol = tok_lookup(policies, ARRAY_SIZE(policies), &r->f[f[8]]);
	if (pol < 0) {
		bad(c, &r->f[f[8]], tf_names[f[8]], "auth only, encr only, encr/auth or auth/encr");
	} else {
		m->policy[dir].v = pol;
		m->policy[dir].o = origin_written(&r->f[f[8]].sp);
	}
}

/* The protocol the policy implies, and the encapsulation mode (tunnel by default [C: chtun 4.3]). */
static void tunnel_proto_mode(struct aixt_ctx *c, struct trec *r, const struct manual_sa *m,
			      struct ipsec_proposal *p)
{
	/* the AH algorithm defaults to HMAC_MD5, -A to -a [C: gentun] */
	int pol = (int)(m->policy[SA_OUT].o.prov ? m->policy[SA_OUT].v : m->policy[SA_IN].v);

	p->proto.v = pol == MSA_POL_AH	? PROTO_AH :
		     pol == MSA_POL_ESP ? PROTO_ESP :
		     pol		? PROTO_AH_ESP :
					  PROTO_UNSET;
	p->proto.o = m->policy[SA_OUT].o.prov ? m->policy[SA_OUT].o : m->policy[SA_IN].o;
	if (fv_set(&r->f[TF_EMODE])) {
		if (fv_is(&r->f[TF_EMODE], "tunnel") || fv_is(&r->f[TF_EMODE], "transport")) {
			p->mode.v = (r->f[TF_EMODE].s[1] | 0x20) == 'u' ? ENCAP_TUNNEL : ENCAP_TRANSPORT;
			p->mode.o = origin_written(&r->f[TF_EMODE].sp);
		} else {
			bad(c, &r->f[TF_EMODE], "mode", "Tunnel or Transport");
		}
	}
	if (p->mode.o.prov == PROV_UNSET) {
		p->mode.v = ENCAP_TUNNEL;
		p->mode.o = (struct origin){r->span, PROV_DEFAULT};
	}
}

/* The SA lifetime in minutes, 0 never expires; 480 by default [C: mktun]. */
static void tunnel_lifetime(struct aixt_ctx *c, struct trec *r, struct tunnel *t)
{
	uint64_t life;

	if (!fv_set(&r->f[TF_LIFE])) {
		t->ipsec.lifetime_s.v = (int64_t)480 * 60;
		t->ipsec.lifetime_s.o = (struct origin){r->span, PROV_DEFAULT};
	} else if (fv_uint(&r->f[TF_LIFE], 0xffffffffULL / 60, &life)) {
		t->ipsec.lifetime_s.v = (int64_t)life * 60;
		t->ipsec.lifetime_s.o = origin_written(&r->f[TF_LIFE].sp);
	} else {
		bad(c, &r->f[TF_LIFE], "lifetime", "a number of minutes");
	}
}

static void build_tunnel(struct aixt_ctx *c, struct trec *r, struct aixt_tunnel *out)
{
	struct device *d = c->dev;
	struct manual_sa *m;
	struct ipsec_proposal *p;
	struct tunnel *t;
	uint64_t id = 0;
	bool flip = c->pf->for_peer;
	const struct fval *fsrc = &r->f[flip ? TF_DST : TF_SRC], *fdst = &r->f[flip ? TF_SRC : TF_DST];

	memset(out, 0, sizeof(*out));
	if (!fv_uint(&r->f[TF_ID], 0xffffffffULL, &id))
		bad(c, &r->f[TF_ID], "tunnel ID", "a number");
	out->id = id;
	out->span = r->span;
	out->src_ok = tun_addr(c, fsrc, "tunnel source", &out->src);
	if (!fv_set(fsrc))
		at_fnd(c, R_MISSING_MANDATORY, &r->span, "manual tunnel '%llu' has no source address",
		       (unsigned long long)id);
	out->dst_ok = tun_addr(c, fdst, "tunnel destination", &out->dst);
	if (!fv_set(fdst))
		at_fnd(c, R_MISSING_MANDATORY, &r->span, "manual tunnel '%llu' has no destination address",
		       (unsigned long long)id);
	out->family = out->src_ok ? out->src.family : out->dst_ok ? out->dst.family : 4;

	t = model_tunnel_new(d, TK_MANUAL,
			     arena_printf(c->a, "manual-tunnel:%s%llu", out->family == 6 ? "v6:" : "",
					  (unsigned long long)id),
			     arena_printf(c->a, "manual tunnel %s%llu", out->family == 6 ? "v6 " : "",
					  (unsigned long long)id),
			     &r->span);
	out->t = t;
	t->seq = (int64_t)id;
	t->applied = true;
	t->applied_span = r->span;
	if (out->src_ok) {
		t->local.addr = out->src;
		t->local.o = origin_written(&fsrc->sp);
		model_device_add_addr(d, &out->src,
				      arena_printf(c->a, "manual tunnel %llu source", (unsigned long long)id),
				      &t->local.o);
	}
	/* host-firewall-host: the SAs end at the firewall [C: gentun -f] */
	if (fv_set(&r->f[TF_FW])) {
		struct addrspec fw;

		if (tun_addr(c, &r->f[TF_FW], "firewall address", &fw))
			model_tunnel_add_remote(t, &fw, &(struct origin){r->f[TF_FW].sp, PROV_WRITTEN});
	} else if (out->dst_ok) {
		model_tunnel_add_remote(t, &out->dst, &(struct origin){fdst->sp, PROV_WRITTEN});
	}

	m = ARENA_NEW(c->a, struct manual_sa);
	t->manual = m;
	p = ARENA_NEW(c->a, struct ipsec_proposal);
	p->name = arena_printf(c->a, "%llu", (unsigned long long)id);
	p->kind = "manual tunnel";
	p->span = r->span;
	for (int side = 0; side < 2; side++)
		tunnel_side(c, r, side, m, p);
	tunnel_proto_mode(c, r, m, p);
	t->ipsec.proposals = ARENA_NEWV(c->a, struct ipsec_proposal *, 1);
	t->ipsec.proposals[0] = p;
	t->ipsec.nproposals = 1;
	tunnel_lifetime(c, r, t);
	tun_flag(c, &r->f[TF_REPLAY], "replay prevention", &m->replay);
	tun_flag(c, &r->f[TF_HEADER], "new header", &m->new_header);
	if (m->replay.v && m->new_header.o.prov != PROV_UNSET && !m->new_header.v)
		at_fnd(c, R_INVALID_VALUE, &r->f[TF_REPLAY].sp,
		       "replay prevention needs the new header format (the new header field is N)");
	model_def(d, "manual tunnel",
		  arena_printf(c->a, "%s%llu", out->family == 6 ? "v6 " : "", (unsigned long long)id),
		  &r->span, true);
}

/* ---- the tables and the tunnels' selectors --------------------------------------------- */

static struct span sel_span(const struct aixt_ctx *c, const struct selector *s)
{
	return span_make(c->src, s->line, s->col, s->end_line, s->end_col);
}

static struct aixt_tunnel *tunnel_by_id(struct aixt_tunnel *v, size_t n, uint8_t family, uint64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id && v[i].family == family)
			return &v[i];
	return NULL;
}

/*
 * A permit rule naming a tunnel, facing outbound: an outbound rule as it is,
 * an inbound rule mirrored, a rule for both directions as it is unless it
 * runs from the tunnel's far end to its near end.
 */
static struct selector facing_out(const struct selector *s, const struct aixt_tunnel *at)
{
	struct selector o = *s;
	bool mirror = s->dirs == SEL_DIR_IN;

	if (!s->dirs && at->src_ok && at->dst_ok) {
		bool src_near = aspec_contains_ip(&s->src, &at->src.a, at->src.family);
		bool dst_near = aspec_contains_ip(&s->dst, &at->src.a, at->src.family);
		bool src_far = aspec_contains_ip(&s->src, &at->dst.a, at->dst.family);

		mirror = !src_near && dst_near && src_far;
	}
	if (mirror)
		o = sel_mirror(s);
	o.dirs = 0;
	return o;
}

static bool same_selector(const struct selector *a, const struct selector *b)
{
	return sel_compare(a, b) == REL_EQUAL && a->action == b->action;
}

/* Manual tunnel i has the ID and family of an earlier one. */
static void check_dup_tunnel(struct aixt_ctx *c, const struct aixt_tunnel *tv, size_t i)
{
	for (size_t k = 0; k < i; k++) {
		if (tv[k].id == tv[i].id && tv[k].family == tv[i].family) {
			struct finding *f =
				at_fnd(c, R_DUPLICATE_DEFINITION, &tv[i].span,
				       "manual tunnel '%llu' is defined twice", (unsigned long long)tv[i].id);

			fnd_related(f, &tv[k].span, "manual tunnel '%llu' is defined here first",
				    (unsigned long long)tv[k].id);
			return;
		}
	}
}

/* The filter table of the rule's family (made on first use); a second rule of the same ID is reported. */
static struct sel_list *table_of(struct aixt_ctx *c, struct sel_list **tables, const struct selector *s,
				 const struct frule *r)
{
	bool v6 = s->src.family == 6;
	struct sel_list *l = tables[v6];

	if (!l) {
		l = model_sel_list_new(c->dev, v6 ? "ipv6" : "ipv4", &r->span);
		l->list_kind = "filter table";
		l->refs = 1; /* the table is in force: never unused */
		tables[v6] = l;
	}
	for (size_t k = 0; k < l->n; k++) {
		if (l->rules[k].rule_id == s->rule_id && s->rule_id != 0) {
			struct span at = sel_span(c, s);
			struct span first = sel_span(c, &l->rules[k]);
			struct finding *f =
				at_fnd(c, R_DUPLICATE_DEFINITION, &at,
				       "rule %u of filter table '%s' is defined twice", s->rule_id, l->name);

			fnd_related(f, &first, "rule %u is defined here first", s->rule_id);
			break;
		}
	}
	return l;
}

/* A permit rule naming manual tunnel tid: a reference, and (once) a selector of the tunnel. */
static void attach_to_tunnel(struct aixt_ctx *c, struct aixt_tunnel *tv, const struct selector *s,
			     const struct frule *r, uint64_t tid)
{
	uint8_t fam = s->src.family == 6 ? 6 : 4;
	struct aixt_tunnel *at = tunnel_by_id(tv, c->st->ntuns, fam, tid);
	struct span ts = r->f[FF_TUNNEL].sp;
	struct selector fo;
	struct sel_list *l;

	model_ref(c->dev, "manual tunnel",
		  arena_printf(c->a, "%s%llu", fam == 6 ? "v6 " : "", (unsigned long long)tid), &ts);
	if (!at)
		return;
	l = at->t->selectors;
	if (!l) {
		l = at->t->selectors = ARENA_NEW(c->a, struct sel_list);
		l->name = arena_printf(c->a, "%llu", (unsigned long long)tid);
		l->list_kind = "manual tunnel";
		l->span = r->span;
		l->view = true;
		l->refs = 1;
	}
	fo = facing_out(s, at);
	for (size_t k = 0; k < l->n; k++)
		if (same_selector(&l->rules[k], &fo))
			return;
	*model_sel_list_add(c->dev, l) = fo;
}

static void build(struct aixt_ctx *c)
{
	struct aixt_state *st = c->st;
	struct device *d = c->dev;
	struct sel_list *tables[2] = {NULL, NULL};
	struct aixt_tunnel *tv = xcalloc(st->ntuns ? st->ntuns : 1, sizeof(*tv));
	size_t nfilters = 0;
	const struct frule *if_open = NULL;
	unsigned depth = 0;

	d->dialect = st->ntuns		 ? DIALECT_AIX_LSTUN :
		     c->mode == AIXT_EXP ? DIALECT_AIX_EXP :
					   DIALECT_AIX_LSFILT;
	for (size_t i = 0; i < st->ntuns; i++) {
		build_tunnel(c, &st->tuns[i], &tv[i]);
		check_dup_tunnel(c, tv, i);
	}

	for (size_t i = 0; i < st->nrules; i++) {
		struct frule *r = &st->rules[i];
		struct selector s;
		struct sel_list *l;
		int action;
		uint64_t tid;
		char idt[24], idt2[24];

		if (r->dynamic)
			continue; /* where IKE inserts its rules: no traffic of its own */
		nfilters++;
		if (!rule_selector(c, r, &s, &action, &tid))
			continue;
		/* IF/ELSE/ENDIF: conditional evaluation the first-match model does not follow */
		if (action == ACT_IF) {
			if (!depth++)
				if_open = r;
			continue;
		}
		if (action == ACT_ENDIF && depth) {
			if (!--depth) {
				struct finding *f = at_fnd(
					c, R_UNKNOWN_STATEMENT, &if_open->span,
					"IF/ELSE/ENDIF rules %s to %s are not modelled: they are left out of the "
					"shadowing and traffic-selector checks",
					rule_id_text(if_open, idt, sizeof(idt)),
					rule_id_text(r, idt2, sizeof(idt2)));
				fnd_set_hint(f, "ipseclint reads filter tables as first-match lists");
			}
			continue;
		}
		if (depth || action == ACT_ELSE || action == ACT_ENDIF)
			continue;
		l = table_of(c, tables, &s, r);
		*model_sel_list_add(d, l) = s;
		if (tid && action == ACT_PERMIT && st->ntuns)
			attach_to_tunnel(c, tv, &s, r, tid);
	}
	if (depth) {
		char idt[24];
		struct finding *f = at_fnd(c, R_UNKNOWN_STATEMENT, &if_open->span,
					   "IF rule %s has no ENDIF: the rules after it are not modelled",
					   rule_id_text(if_open, idt, sizeof(idt)));
		fnd_set_hint(f, "mkfilt refuses IF/ELSE/ENDIF rules that do not nest");
	}
	/* a file of filter rules and tunnels: a tunnel no rule names carries no traffic */
	if (nfilters && st->ntuns) {
		for (size_t i = 0; i < d->ndefs; i++)
			if (strcmp(d->defs[i]->kind, "manual tunnel") == 0)
				d->defs[i]->builtin = false;
	}
	model_resolve_refs(d);
	free(tv);
}

/* ---- mode, and the parse ----------------------------------------------------------------- */

enum aixt_mode aixt_mode_of(const struct source *src)
{
	const char *t = src->text, *end = src->text + src->len;
	unsigned lines = 0;

	while (t < end && lines < 200) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		const char *e = nl ? nl : end, *p = t;

		while (p < e && is_blank(*p))
			p++;
		if (p < e && *p != '#') {
			if (memchr(p, '|', (size_t)(e - p)))
				return AIXT_PIPE;
			if ((e - p > 5 && memcmp(p, "Rule ", 5) == 0) ||
			    (e - p > 10 && memcmp(p, "Beginning ", 10) == 0))
				return AIXT_HUMAN;
			return AIXT_EXP;
		}
		lines++;
		t = nl ? nl + 1 : end;
	}
	return AIXT_PIPE;
}

void aix_text_parse(struct parsed_file *pf)
{
	struct aixt_state st;
	struct aixt_ctx c;
	yyscan_t sc;

	memset(&st, 0, sizeof(st));
	DRV_BEGIN(c, pf, VENDOR_AIX);
	c.st = &st;
	c.line = 1;
	c.mode = aixt_mode_of(&pf->src);
	parse_name_from_file(pf, c.dev, "aix");

	if (aixtxt_yylex_init_extra(&c, &sc) != 0)
		util_die_oom();
	aixtxt_yy_scan_bytes(pf->src.text, (int)pf->src.len, sc);
	aixtxt_yyparse(sc, &c);
	aixtxt_yylex_destroy(sc);
	pend_report(&c);

	build(&c);
	pf->dev = c.dev;
	pf->status = st.nsyntax ? FILE_PARTIAL : FILE_OK;

	free(st.cur);
	free(st.pend);
	free(st.rules);
	free(st.tuns);
}
