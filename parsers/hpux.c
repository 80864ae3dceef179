/* SPDX-License-Identifier: MIT */
/*
 * parsers/hpux.c - HP-UX IPSec ipsec_config batch files and transcripts
 * into the common model (formats/hpux-ipsec_config.md).
 *
 * Three steps:
 *
 *  1. The scanner and grammar (grammars/hpux.l, hpux.y) hand over each
 *     operation word by word; hp_op_end() checks it against the object's
 *     flag table (struct hp_flagdef) and applies it at once: `add` records
 *     the object (or, for the built-in `default` policies, changes them),
 *     `delete` removes one, and an omitted -priority becomes the category's
 *     highest priority + 10, exactly as ipsec_config numbers a batch.
 *  2. hp_build() turns what is left into the model. HP-UX negotiates per
 *     host policy: a host policy whose action is a transform list is a
 *     transport tunnel to its -destination; one with -tunnel is a
 *     tunnel-mode tunnel to the tunnel policy's -tdestination, with the
 *     tunnel policy's proxy selectors and transforms. The IKE policy and the
 *     auth record for a tunnel are chosen the way HP-UX chooses them (§3.1):
 *     IKE policies by priority, the first whose -remote holds the remote
 *     endpoint, else the built-in default; auth records by longest prefix
 *     (A.02) or by priority (A.03). Every value not written comes from the
 *     defaults table (§2) with its provenance.
 *  3. The device's policy lists - host policies by priority, with the
 *     bypass entries ahead of them; IKE policies by priority - become
 *     ordered selector lists the checker reads for policy-shadowed and
 *     policy-order-conflict.
 *
 * Tolerance: the reference marks many spellings unconfirmed ([U]). Flag
 * aliases (-dh, -enc, -lifetime) are read silently and shown in the
 * canonical spelling; lower-case keywords, abbreviated flags and trailing
 * comments are read and reported once as unknown-statement warnings; only
 * what HP documents as rejected (a comment line inside an operation,
 * -nocommit in a batch, -profile inside a statement, DES in A.03) is an
 * error.
 */
#include "parsers/hpux.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "grammars/hpux.tab.h"
/* flex's header names the parser's types YYSTYPE and YYLTYPE */
#define YYSTYPE HPUX_YYSTYPE
#define YYLTYPE HPUX_YYLTYPE
#include "grammars/hpux.lex.h"
#include "model/selector.h"

/* ---- what the driver records ---------------------------------------------- */

enum hp_obj {
	OBJ_HOST = 0,
	OBJ_TUNNEL,
	OBJ_IKE,   /* A.02 `ike` */
	OBJ_IKEV1, /* A.03 */
	OBJ_IKEV2, /* A.03 */
	OBJ_AUTH,
	OBJ_BYPASS,
	OBJ_STARTUP,
	OBJ_GATEWAY,
	OBJ__COUNT
};

static const char *const obj_names[OBJ__COUNT] = {"host", "tunnel", "ike",     "ikev1",	 "ikev2",
						  "auth", "bypass", "startup", "gateway"};

/* what a model message calls each object */
static const char *const obj_kinds[OBJ__COUNT] = {"host policy",  "tunnel policy", "IKE policy",
						  "IKEv1 policy", "IKEv2 policy",  "auth record",
						  "bypass entry", "startup",	   "gateway policy"};

/* One value word after a flag. */
struct hp_word {
	struct drv_tok t;
	struct drv_loc l;
	bool quoted;
};

/* A flag of the operation and its values. */
struct hp_arg {
	const struct hp_flagdef *def; /* NULL: unknown flag */
	struct drv_tok flag;
	struct drv_loc fl;
	size_t first, n; /* values: op words [first, first + n) */
};

/* An address filter: ip[/prefix[/port|service]] or lo-hi. */
struct hp_filter {
	struct addrspec addr;
	struct portrange port;
	int16_t svc_proto; /* protocol a service name implies, -1 none */
	struct origin o;
	bool set;
};

/* One transform of an -action list. */
struct hp_xform {
	const char *name; /* canonical spelling */
	struct span span;
	uint8_t proto; /* enum ipsec_proto */
	uint8_t enc;   /* enum enc (ESP) */
	uint8_t integ; /* enum integ (ESP integrity or AH) */
	uint8_t ah_integ;
	struct mint life_s, life_kb;
};

enum hp_action { ACT_UNSET = 0, ACT_PASS, ACT_DISCARD, ACT_XFORMS };

struct hp_manual {
	struct span span;
	const char *proto; /* "ESP", "AH" */
	struct mint spi;
	struct key auth_key, enc_key;
	bool set;
};

#define HP_FILTERS 20 /* -source / -destination addresses of one operation [C:S5] */

/* Every object kind in one record: the flags decide which fields are used. */
struct hp_rec {
	enum hp_obj obj;
	const char *name;
	struct span span;      /* the whole operation */
	struct span name_span; /* the name (or the object word) */
	bool deleted;
	bool is_default; /* the built-in `default` (host, ikev1, ikev2, ike) */
	struct mint priority;
	bool auto_priority;

	/* host, tunnel */
	struct hp_filter *src, *dst; /* at most HP_FILTERS each, allocated as given */
	unsigned nsrc, ndst;
	struct mint proto; /* -1 = ALL */
	enum hp_action action;
	struct span action_span;
	struct hp_xform *xf;
	size_t nxf;
	const char *tunnel; /* host -tunnel */
	struct span tunnel_span;
	struct endpoint tsource, tdest;
	struct hp_manual in, out;

	/* ike, ikev1, ikev2, auth */
	struct hp_filter remote;
	struct algset enc, hash, prf, dh;
	struct mint life_s, life_kb;
	struct mint auth;  /* A.02 -auth */
	struct mint maxqm; /* A.02 */
	struct mint pfs;   /* A.03 ON/OFF */

	/* auth */
	struct key psk;
	struct mint exchange;
	struct ident lid, rid;
	struct mint kmp; /* IKE_V1 | IKE_V2 */
	struct mint local_method, remote_method;
	bool used; /* chosen for some tunnel */

	/* bypass */
	struct endpoint bypass;
};

struct hp_state {
	struct hp_word *words;
	size_t nwords, words_cap;
	struct hp_arg *args;
	size_t nargs, args_cap;
	struct drv_tok verb, objw;
	struct drv_loc vl, ol;
	bool op_bad;

	struct hp_rec **recs;
	size_t nrecs, recs_cap;
	enum dialect dialect;
	struct span dialect_at;
	bool a02_seen, a03_seen;
	struct span a02_at, a03_at;

	unsigned nsyntax;
	bool warned_case, warned_comment, warned_abbrev, warned_quote;
	bool line_has_word; /* a word was seen on the current line */
	struct ike_proposal
		*builtin_prop[OBJ__COUNT][2]; /* the built-in default IKE policies [category][psk] */
	struct span last_comment;
	long pending_supp; /* index + 1 of a suppression comment waiting for its statement */
};

/* ---- small helpers ----------------------------------------------------------- */

static void set_mint(struct mint *m, int64_t v, const struct origin *o)
{
	m->v = v;
	m->o = *o;
}

#define SHOW(t, buf) parse_show((t)->s, (t)->len, (buf), sizeof(buf))

/* A finding of this file (printf-like, as fnd_add). */
#define hp_fnd(c, r, at, ...) fnd_add(&(c)->pf->fs, (r), (at), __VA_ARGS__)

/* Case-insensitive equality of a token and a word. */
static bool tok_is(const struct drv_tok *t, const char *w)
{
	size_t n = strlen(w);

	return t->len == n && strncasecmp(t->s, w, n) == 0;
}

/* The token into buf (NUL-terminated, truncated to n - 1); false when it did not fit. */
static bool tok_copy(const struct drv_tok *t, char *buf, size_t n)
{
	size_t k = t->len < n ? t->len : n - 1;

	memcpy(buf, t->s, k);
	buf[k] = '\0';
	return t->len < n;
}

/* A token with its surrounding quotes removed. */
static struct drv_tok unquote(const struct drv_tok *t)
{
	struct drv_tok u = *t;

	if (u.len >= 1 && u.s[0] == '"') {
		u.s++;
		u.len--;
		if (u.len && u.s[u.len - 1] == '"')
			u.len--;
	}
	return u;
}

/* A keyword written in lower case where HP documents upper case: read, reported once per file. */
static void note_case(struct hp_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	char sh[64];
	struct finding *f;
	struct span at;
	bool lower = false;

	for (uint32_t i = 0; i < t->len; i++)
		lower |= t->s[i] >= 'a' && t->s[i] <= 'z';
	if (!lower || c->st->warned_case)
		return;
	c->st->warned_case = true;
	at = drv_span(c->src, l);
	f = hp_fnd(
		c, R_UNKNOWN_STATEMENT, &at,
		"keyword '%s' is not in upper case: HP documents only upper-case keywords; ipseclint reads it "
		"as upper case",
		SHOW(t, sh));
	fnd_set_hint(f, "write keywords in upper case as HP does (reported once per file)");
}

/* ---- scanner callbacks ---------------------------------------------------------- */

static void lex_loc(struct hp_ctx *c, const char *text, size_t len, struct drv_loc *l)
{
	size_t off = (size_t)(text - c->base);
	uint32_t col = (uint32_t)(off - c->line_start) + 1;

	l->first_line = l->last_line = c->line;
	l->first_column = col;
	l->last_column = col + (uint32_t)(len ? len - 1 : 0);
}

static void lex_val(struct hp_ctx *c, const char *text, size_t len, struct drv_tok *val)
{
	/* values point into the source text, which outlives the scanner's copy */
	val->s = c->src->text + (text - c->base);
	val->len = (uint32_t)len;
}

static bool is_ipsec_config(const char *s, size_t n)
{
	static const char w[] = "ipsec_config";
	size_t k = sizeof(w) - 1;

	return n >= k && memcmp(s + n - k, w, k) == 0 && (n == k || s[n - k - 1] == '/');
}

int hp_lex_word(struct hp_ctx *c, const char *text, size_t len, bool quoted, struct drv_tok *val,
		struct drv_loc *lloc)
{
	bool first = c->op_start;
	int tok = quoted ? HPT_QUOTED : HPT_WORD;

	lex_loc(c, text, len, lloc);
	lex_val(c, text, len, val);
	c->st->line_has_word = true;
	c->in_op = true;
	c->op_start = false;
	if (quoted && (len < 2 || text[len - 1] != '"')) {
		/* the value may be a key: only its place is said */
		struct span at = span_make(c->src, lloc->first_line, lloc->first_column, lloc->first_line,
					   lloc->first_column);

		hp_fnd(c, R_SYNTAX_ERROR, &at, "the quote opened here is not closed on its line");
		c->st->nsyntax++;
	}
	if (!first || quoted)
		return tok;
	if (is_ipsec_config(text, len)) {
		c->op_start = true; /* the verb or command follows */
		c->after_prog = true;
		c->cmdline = true;
		return HPT_IPSEC_CONFIG;
	}
	if (!c->after_prog)
		c->cmdline = false;
	if (tok_is(val, "add"))
		tok = HPT_ADD;
	else if (tok_is(val, "delete"))
		tok = HPT_DELETE;
	else if (c->after_prog)
		tok = HPT_COMMAND;
	c->after_prog = false;
	return tok;
}

int hp_lex_flag(struct hp_ctx *c, const char *text, size_t len, struct drv_tok *val, struct drv_loc *lloc)
{
	lex_loc(c, text, len, lloc);
	lex_val(c, text, len, val);
	c->st->line_has_word = true;
	c->in_op = true;
	c->op_start = false;
	c->after_prog = false;
	return HPT_FLAG;
}

static void next_line(struct hp_ctx *c, const char *nl)
{
	c->line++;
	c->line_start = (size_t)(nl - c->base) + 1;
	c->st->line_has_word = false;
}

int hp_lex_newline(struct hp_ctx *c, const char *text, bool ends_op, struct drv_tok *val,
		   struct drv_loc *lloc)
{
	bool had = c->in_op;

	lex_loc(c, text, 1, lloc);
	lex_val(c, text, 0, val);
	next_line(c, text);
	c->continued = false;
	if (!had || !ends_op)
		return 0;
	c->in_op = false;
	c->op_start = true;
	c->after_prog = false;
	return HPT_NEWLINE;
}

int hp_lex_eof(struct hp_ctx *c, const char *text, struct drv_tok *val, struct drv_loc *lloc)
{
	if (!c->in_op)
		return 0;
	lex_loc(c, text, 1, lloc);
	lex_val(c, text, 0, val);
	c->in_op = false;
	c->op_start = true;
	return HPT_NEWLINE;
}

void hp_lex_continue(struct hp_ctx *c, const char *text, size_t len)
{
	next_line(c, text + len - 1);
	c->continued = true;
}

void hp_lex_comment(struct hp_ctx *c, const char *text, size_t len, bool line)
{
	struct drv_loc l;
	struct span at;

	(void)line;
	lex_loc(c, text, len, &l);
	at = drv_span(c->src, &l);
	if (!c->st->line_has_word) {
		/* a whole comment line; a suppression comment covers the next operation */
		long k = parse_supp_comment(c->pf, text + 1, len - 1, l.first_line, l.first_column + 1);

		if (k >= 0)
			c->st->pending_supp = k + 1;
		c->st->last_comment = at;
		if (c->continued) {
			hp_fnd(c, R_SYNTAX_ERROR, &at,
			       "comment line inside an operation: ipsec_config rejects the whole batch");
			c->st->nsyntax++;
		}
		return;
	}
	if (!c->st->warned_comment) {
		struct finding *f =
			hp_fnd(c, R_UNKNOWN_STATEMENT, &at,
			       "comment after an operation: HP documents only whole comment lines");

		fnd_set_hint(f, "move the comment to a line of its own (reported once per file)");
		c->st->warned_comment = true;
	}
}

/* ---- grammar callbacks: collecting an operation ---------------------------------- */

void hp_syntax_error(struct hp_ctx *c, const struct drv_loc *l, const char *msg)
{
	struct span at = drv_span(c->src, l);
	const char *m = msg;

	if (strncmp(m, "syntax error, ", 14) == 0)
		m += 14;
	else if (strcmp(m, "syntax error") == 0)
		m = "the operation is malformed";
	hp_fnd(c, R_SYNTAX_ERROR, &at, "%s", m);
	c->st->nsyntax++;
	c->st->op_bad = true;
}

/* ---- flag tables ----------------------------------------------------------------- */

enum hp_val {
	V_NONE = 0,  /* no value (-nocommit) */
	V_FILTER,    /* ip[/prefix[/port|service]] or a range */
	V_REMOTE,    /* ip[/prefix] */
	V_IP,	     /* a bare address */
	V_PROTO,     /* protocol */
	V_PRIO,	     /* priority */
	V_ACTION,    /* PASS | DISCARD | transform list */
	V_XFORMS,    /* transform list (tunnel) */
	V_NAME,	     /* an object name */
	V_FLAGS,     /* flag+flag */
	V_MANUAL,    /* ESP/spi/authkey/enckey[/iv] */
	V_AUTH,	     /* PSK | RSASIG */
	V_HASH,	     /* hash list */
	V_PRF,	     /* prf list */
	V_GROUP,     /* DH group list */
	V_ENC,	     /* encryption list */
	V_SECONDS,   /* lifetime */
	V_KBYTES,    /* lifetime */
	V_NUMBER,    /* -maxqm */
	V_ONOFF,     /* -pfs */
	V_KEY,	     /* -preshared */
	V_EXCHANGE,  /* MM | AM */
	V_IDTYPE,    /* -ltype / -rtype */
	V_ID,	     /* -lid / -rid */
	V_KMP,	     /* IKEV1,IKEV2 */
	V_ANY,	     /* accepted, not modelled (ICMP types, startup options) */
	V_FORBIDDEN, /* valid on the command line only (-profile): an error in a batch */
};

enum hp_field {
	F_NONE = 0,
	F_SOURCE,
	F_DEST,
	F_PROTO,
	F_PRIO,
	F_ACTION,
	F_FLAGS,
	F_TUNNEL,
	F_IN,
	F_OUT,
	F_TSOURCE,
	F_TDEST,
	F_REMOTE,
	F_AUTH,
	F_HASH,
	F_PRF,
	F_GROUP,
	F_ENC,
	F_LIFE,
	F_LIFE_KB,
	F_MAXQM,
	F_PFS,
	F_PRESHARED,
	F_EXCHANGE,
	F_LTYPE,
	F_LID,
	F_RTYPE,
	F_RID,
	F_KMP,
	F_LMETHOD,
	F_RMETHOD,
	F_NOCOMMIT,
	F_PROFILE,
	F_IGNORED,
};

/* object bits */
#define B(o) (1u << (o))
#define B_HOSTTUN (B(OBJ_HOST) | B(OBJ_TUNNEL))
#define B_IKES (B(OBJ_IKE) | B(OBJ_IKEV1) | B(OBJ_IKEV2))
#define B_ALL 0x1ffu

/* dialect marks: which version a flag shows */
enum { D_ANY = 0, D_A02, D_A03 };

struct hp_flagdef {
	const char *name;    /* canonical, without '-' */
	const char *aliases; /* space-separated, unconfirmed or documented abbreviations */
	unsigned objs;	     /* object bits it applies to */
	enum hp_val val;
	enum hp_field field;
	bool repeat; /* may be given more than once */
	int dialect;
};

static const struct hp_flagdef flagdefs[] = {
	{"source", "src", B_HOSTTUN, V_FILTER, F_SOURCE, true, D_ANY},
	{"destination", "dst dest", B_HOSTTUN, V_FILTER, F_DEST, true, D_ANY},
	{"protocol", "proto", B_HOSTTUN, V_PROTO, F_PROTO, false, D_ANY},
	{"priority", "", B_HOSTTUN | B_IKES | B(OBJ_AUTH), V_PRIO, F_PRIO, false, D_ANY},
	{"action", "", B(OBJ_HOST), V_ACTION, F_ACTION, false, D_ANY},
	{"action", "", B(OBJ_TUNNEL), V_XFORMS, F_ACTION, false, D_ANY},
	{"flags", "", B(OBJ_HOST) | B(OBJ_AUTH), V_FLAGS, F_FLAGS, false, D_ANY},
	{"tunnel", "", B(OBJ_HOST), V_NAME, F_TUNNEL, false, D_ANY},
	{"in", "", B_HOSTTUN, V_MANUAL, F_IN, false, D_ANY},
	{"out", "", B_HOSTTUN, V_MANUAL, F_OUT, false, D_ANY},
	{"tsource", "", B(OBJ_TUNNEL), V_IP, F_TSOURCE, false, D_ANY},
	{"tdestination", "tdest", B(OBJ_TUNNEL), V_IP, F_TDEST, false, D_ANY},
	{"src_icmp_type", "", B(OBJ_HOST), V_ANY, F_IGNORED, false, D_A03},
	{"dst_icmp_type", "", B(OBJ_HOST), V_ANY, F_IGNORED, false, D_A03},
	{"src_icmpv6_type", "", B(OBJ_HOST), V_ANY, F_IGNORED, false, D_A03},
	{"dst_icmpv6_type", "", B(OBJ_HOST), V_ANY, F_IGNORED, false, D_A03},
	{"src_mh_type", "", B(OBJ_HOST), V_ANY, F_IGNORED, false, D_A03},
	{"dst_mh_type", "", B(OBJ_HOST), V_ANY, F_IGNORED, false, D_A03},
	{"remote", "rem", B_IKES | B(OBJ_AUTH), V_REMOTE, F_REMOTE, false, D_ANY},
	{"auth", "", B(OBJ_IKE), V_AUTH, F_AUTH, false, D_A02},
	{"hash", "", B_IKES, V_HASH, F_HASH, false, D_ANY},
	{"prf", "", B(OBJ_IKEV2), V_PRF, F_PRF, false, D_A03},
	{"group", "dh", B_IKES, V_GROUP, F_GROUP, false, D_ANY},
	{"encryption", "enc", B_IKES, V_ENC, F_ENC, false, D_ANY},
	{"life", "lifetime", B_IKES, V_SECONDS, F_LIFE, false, D_ANY},
	{"lifekb", "", B_IKES, V_KBYTES, F_LIFE_KB, false, D_ANY},
	{"maxqm", "", B(OBJ_IKE), V_NUMBER, F_MAXQM, false, D_A02},
	{"pfs", "", B(OBJ_IKEV1) | B(OBJ_IKEV2), V_ONOFF, F_PFS, false, D_A03},
	{"preshared", "", B(OBJ_AUTH), V_KEY, F_PRESHARED, false, D_ANY},
	{"exchange", "", B(OBJ_AUTH), V_EXCHANGE, F_EXCHANGE, false, D_ANY},
	{"ltype", "", B(OBJ_AUTH), V_IDTYPE, F_LTYPE, false, D_ANY},
	{"lid", "", B(OBJ_AUTH), V_ID, F_LID, false, D_ANY},
	{"rtype", "", B(OBJ_AUTH), V_IDTYPE, F_RTYPE, false, D_ANY},
	{"rid", "", B(OBJ_AUTH), V_ID, F_RID, false, D_ANY},
	{"kmp", "", B(OBJ_AUTH), V_KMP, F_KMP, false, D_A03},
	{"local_method", "", B(OBJ_AUTH), V_AUTH, F_LMETHOD, false, D_A03},
	{"remote_method", "", B(OBJ_AUTH), V_AUTH, F_RMETHOD, false, D_A03},
	{"nocommit", "nc", B_ALL, V_NONE, F_NOCOMMIT, false, D_ANY},
	{"profile", "", B_ALL, V_FORBIDDEN, F_PROFILE, false, D_ANY},
	{"autoboot", "", B(OBJ_STARTUP), V_ANY, F_IGNORED, true, D_ANY},
};

/* Flags other tools use that HP-UX spells differently (§1.7 note). */
static const struct {
	const char *name, *hint;
} foreign_flags[] = {
	{"transform", "transforms go in -action"},
	{"tran", "transforms go in -action"},
	{"authentication",
	 "the IKE authentication method is -auth (A.02) or -local_method/-remote_method (A.03)"},
	{"ike_version", "the IKE version is -kmp on the A.03 auth record"},
	{"id", "identities are -ltype/-lid and -rtype/-rid"},
	{"tunnelsource", "tunnel endpoints are -tsource/-tdestination"},
	{"tunneldest", "tunnel endpoints are -tsource/-tdestination"},
	{"dir", "HP-UX policies have no direction: they are mirrored"},
};

static bool alias_has(const char *aliases, const char *s, size_t n)
{
	const char *p = aliases;

	while (*p) {
		const char *e = strchr(p, ' ');
		size_t k = e ? (size_t)(e - p) : strlen(p);

		if (k == n && strncasecmp(p, s, n) == 0)
			return true;
		p += k;
		while (*p == ' ')
			p++;
	}
	return false;
}

/*
 * The definition of flag f (without '-') for object obj: exact name or alias,
 * else a unique abbreviation of at least three letters (*abbrev set).
 */
static const struct hp_flagdef *flag_lookup(enum hp_obj obj, const char *s, size_t n, bool *abbrev)
{
	const struct hp_flagdef *hit = NULL;
	unsigned nhit = 0;

	*abbrev = false;
	for (size_t i = 0; i < ARRAY_SIZE(flagdefs); i++) {
		const struct hp_flagdef *d = &flagdefs[i];

		if (!(d->objs & B(obj)))
			continue;
		if ((strlen(d->name) == n && strncasecmp(d->name, s, n) == 0) || alias_has(d->aliases, s, n))
			return d;
	}
	if (n < 3)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(flagdefs); i++) {
		const struct hp_flagdef *d = &flagdefs[i];

		if ((d->objs & B(obj)) && strlen(d->name) > n && strncasecmp(d->name, s, n) == 0) {
			if (!hit || strcmp(hit->name, d->name) != 0)
				nhit++;
			hit = d;
		}
	}
	if (nhit != 1)
		return NULL;
	*abbrev = true;
	return hit;
}

/* The closest flag of obj to an unknown one, for "did you mean". */
static const char *flag_suggest(enum hp_obj obj, const char *s)
{
	const char *best = NULL;
	unsigned bd = 3;

	for (size_t i = 0; i < ARRAY_SIZE(flagdefs); i++) {
		unsigned d;

		if (!(flagdefs[i].objs & B(obj)) || flagdefs[i].val == V_FORBIDDEN)
			continue;
		d = util_edit_distance(s, flagdefs[i].name, bd);
		if (d < bd) {
			bd = d;
			best = flagdefs[i].name;
		}
	}
	return best;
}

/* ---- dialect ---------------------------------------------------------------------- */

static void mark_dialect(struct hp_ctx *c, int d, const struct span *at)
{
	struct hp_state *st = c->st;

	if (d == D_A02 && !st->a02_seen) {
		st->a02_seen = true;
		st->a02_at = *at;
	} else if (d == D_A03 && !st->a03_seen) {
		st->a03_seen = true;
		st->a03_at = *at;
	}
}

/* ---- records ------------------------------------------------------------------------ */

static bool rec_is_policy_obj(enum hp_obj o)
{
	return o == OBJ_HOST || o == OBJ_TUNNEL || o == OBJ_IKE || o == OBJ_IKEV1 || o == OBJ_IKEV2 ||
	       o == OBJ_AUTH;
}

/* The live record of kind obj named name (NULL when none). */
static struct hp_rec *rec_find(const struct hp_ctx *c, enum hp_obj obj, const char *name)
{
	for (size_t i = c->st->nrecs; i-- > 0;) {
		struct hp_rec *r = c->st->recs[i];

		if (!r->deleted && r->obj == obj && r->name && strcmp(r->name, name) == 0)
			return r;
	}
	return NULL;
}

/* Priority categories: host, tunnel, IKE (A.02 ike, ikev1, ikev2 each), auth. */
static bool same_category(enum hp_obj a, enum hp_obj b)
{
	return a == b;
}

static int64_t highest_priority(const struct hp_ctx *c, enum hp_obj obj, const struct hp_rec *except)
{
	int64_t hi = 0;

	for (size_t i = 0; i < c->st->nrecs; i++) {
		const struct hp_rec *r = c->st->recs[i];

		if (r == except || r->deleted || r->is_default || !same_category(r->obj, obj))
			continue;
		if (r->priority.o.prov != PROV_UNSET && r->priority.v > hi)
			hi = r->priority.v;
	}
	return hi;
}

/* ---- value parsers -------------------------------------------------------------------- */

struct svc {
	const char *name;
	uint16_t port;
	int16_t proto;
};

/* Table 3-1 (partial in the sources [C:S1b p76]; the rest of the table is [U]). */
static const struct svc services[] = {
	{"DNS-TCP", 53, 6}, {"DNS-UDP", 53, 17},  {"FTP-DATA", 20, 6}, {"FTP", 21, 6},	   {"TELNET", 23, 6},
	{"SMTP", 25, 6},    {"HTTP", 80, 6},	  {"HTTPS", 443, 6},   {"SSH", 22, 6},	   {"SNMP", 161, 17},
	{"NTP", 123, 17},   {"TFTP", 69, 17},	  {"BOOTPS", 67, 17},  {"BOOTPC", 68, 17}, {"LDAP", 389, 6},
	{"IKE", 500, 17},   {"KERBEROS", 88, 17},
};

static struct finding *bad_value(struct hp_ctx *c, const struct hp_word *w, const char *flag, const char *fmt,
				 ...) PRINTF_LIKE(4, 5);

static struct finding *bad_value(struct hp_ctx *c, const struct hp_word *w, const char *flag, const char *fmt,
				 ...)
{
	char why[256], sh[64];
	struct span at = drv_span(c->src, &w->l);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return hp_fnd(c, R_INVALID_VALUE, &at, "-%s '%s': %s", flag, SHOW(&w->t, sh), why);
}

static bool all_zero(const struct ip128 *ip, uint8_t fam)
{
	return fam == 4 ? (ip->lo & 0xffffffffu) == 0 : (ip->hi | ip->lo) == 0;
}

/* The address of a filter: lo-hi (A.03, alone) or ip[/prefix]. */
static bool filter_addr(struct hp_ctx *c, const struct hp_word *w, const char *flag, char *const *parts,
			unsigned np, const struct span *at, struct hp_filter *out)
{
	char *dash = strchr(parts[0], '-');
	struct ip128 ip, hi;
	uint8_t fam, fam2;
	unsigned plen;
	uint64_t v;

	if (dash && !strchr(parts[0], ':')) {
		*dash = '\0';
		if (!addr_parse_ip(parts[0], &ip, &fam) || !addr_parse_ip(dash + 1, &hi, &fam2) ||
		    fam != fam2) {
			bad_value(c, w, flag, "not an address range");
			return false;
		}
		if (np > 1) {
			bad_value(c, w, flag, "an address range takes no prefix or port");
			return false;
		}
		mark_dialect(c, D_A03, at);
		out->addr = aspec_range(&ip, &hi, fam);
		return true;
	}
	if (!addr_parse_ip(parts[0], &ip, &fam)) {
		bad_value(c, w, flag, "not an IP address");
		return false;
	}
	plen = all_zero(&ip, fam) ? 0 : (fam == 4 ? 32 : 128);
	if (np > 1) {
		if (!drv_uint(parts[1], strlen(parts[1]), fam == 4 ? 32 : 128, &v)) {
			bad_value(c, w, flag, "prefix length must be 0..%u", fam == 4 ? 32 : 128);
			return false;
		}
		plen = (unsigned)v;
	}
	out->addr = aspec_prefix(&ip, fam, plen);
	return true;
}

/* A filter's port: a number (0: any) or a service name from the table. */
static void filter_port(struct hp_ctx *c, const char *flag, const char *part, const struct span *at,
			struct hp_filter *out)
{
	uint64_t v;
	char sh[64];
	struct finding *f;

	if (drv_uint(part, strlen(part), 65535, &v)) {
		if (v)
			out->port.lo = out->port.hi = (uint16_t)v;
		return;
	}
	for (size_t k = 0; k < ARRAY_SIZE(services); k++) {
		if (strcasecmp(services[k].name, part) == 0) {
			out->port.lo = out->port.hi = services[k].port;
			out->svc_proto = services[k].proto;
			return;
		}
	}
	f = hp_fnd(c, R_UNKNOWN_STATEMENT, at,
		   "-%s: service name '%s' is not in ipseclint's table of ipsec_config service names; its "
		   "port is taken as any",
		   flag, parse_show(part, strlen(part), sh, sizeof(sh)));
	fnd_set_hint(f, "write the port number instead of the service name");
}

/*
 * ip[/prefix[/port|service]] (with_port), ip[/prefix], or lo-hi (A.03).
 * Prefix default: 32/128 for a non-zero address, 0 for the all-zeros one.
 */
static bool parse_filter(struct hp_ctx *c, const struct hp_word *w, const char *flag, bool with_port,
			 struct hp_filter *out)
{
	char buf[128], *parts[3] = {NULL, NULL, NULL};
	unsigned np = 0;
	struct span at = drv_span(c->src, &w->l);

	memset(out, 0, sizeof(*out));
	out->port = port_any();
	out->svc_proto = -1;
	out->o = origin_written(&at);
	if (!tok_copy(&w->t, buf, sizeof(buf))) {
		bad_value(c, w, flag, "not an address");
		return false;
	}
	for (char *p = buf, *save = NULL; np < 3 && (p = strtok_r(np ? NULL : p, "/", &save)) != NULL;)
		parts[np++] = p;
	if (!np || (w->t.len && (w->t.s[w->t.len - 1] == '/' || w->t.s[0] == '/'))) {
		bad_value(c, w, flag, "not an address");
		return false;
	}
	if (!filter_addr(c, w, flag, parts, np, &at, out))
		return false;
	out->addr.text = arena_strndup(c->a, w->t.s, w->t.len);
	if (np > 2) {
		if (!with_port) {
			bad_value(c, w, flag, "this address takes no port");
			return false;
		}
		filter_port(c, flag, parts[2], &at, out);
	}
	out->set = true;
	return true;
}

static bool parse_ip(struct hp_ctx *c, const struct hp_word *w, const char *flag, struct endpoint *ep)
{
	char buf[64];
	struct ip128 ip;
	uint8_t fam;
	struct span at = drv_span(c->src, &w->l);

	if (!tok_copy(&w->t, buf, sizeof(buf)) || !addr_parse_ip(buf, &ip, &fam)) {
		bad_value(c, w, flag, "not an IP address");
		return false;
	}
	ep->addr = aspec_host(&ip, fam);
	ep->addr.text = arena_strndup(c->a, w->t.s, w->t.len);
	ep->o = origin_written(&at);
	return true;
}

static const struct {
	const char *name;
	int proto;
} protos[] = {
	{"ALL", -1}, {"TCP", 6}, {"UDP", 17}, {"ICMP", 1}, {"ICMPV6", 58}, {"IGMP", 2}, {"MH", 135},
};

static bool parse_proto(struct hp_ctx *c, const struct hp_word *w, const char *flag, struct mint *m)
{
	struct span at = drv_span(c->src, &w->l);
	uint64_t v;

	for (size_t i = 0; i < ARRAY_SIZE(protos); i++) {
		if (tok_is(&w->t, protos[i].name)) {
			note_case(c, &w->t, &w->l);
			set_mint(m, protos[i].proto, &(struct origin){at, PROV_WRITTEN});
			return true;
		}
	}
	if (drv_uint(w->t.s, w->t.len, 255, &v)) {
		set_mint(m, v == 0 ? -1 : (int64_t)v, &(struct origin){at, PROV_WRITTEN});
		return true;
	}
	bad_value(c, w, flag, "not a protocol (0..255, TCP, UDP, ICMP, ICMPV6, IGMP, MH or ALL)");
	return false;
}

/* ---- transforms ------------------------------------------------------------------------- */

static const struct {
	const char *name;
	uint8_t enc;
} esp_encs[] = {
	{"AES128", ENC_AES128}, {"AES192", ENC_AES192}, {"AES256", ENC_AES256},
	{"3DES", ENC_3DES},	{"DES", ENC_DES},	{"NULL", ENC_NULL},
};

static const struct {
	const char *name;
	uint8_t integ;
} hmacs[] = {
	{"MD5", INTEG_MD5},	    {"SHA1", INTEG_SHA1},	{"SHA2_256", INTEG_SHA256},
	{"SHA2_384", INTEG_SHA384}, {"SHA2_512", INTEG_SHA512},
};

/* One transform name (canonical: upper case, '_'); false when unknown. */
static bool xform_name(const char *s, struct hp_xform *x)
{
	x->proto = PROTO_UNSET;
	x->enc = ENC_UNSET;
	x->integ = INTEG_UNSET;
	x->ah_integ = INTEG_UNSET;
	if (strncmp(s, "AH_", 3) == 0) {
		for (size_t i = 0; i < ARRAY_SIZE(hmacs); i++) {
			if (strcmp(s + 3, hmacs[i].name) == 0) {
				x->proto = PROTO_AH;
				x->ah_integ = hmacs[i].integ;
				return true;
			}
		}
		return false;
	}
	if (strncmp(s, "ESP_", 4) != 0)
		return false;
	s += 4;
	for (size_t i = 0; i < ARRAY_SIZE(esp_encs); i++) {
		size_t k = strlen(esp_encs[i].name);

		if (strncmp(s, esp_encs[i].name, k) != 0)
			continue;
		if (s[k] == '\0' && esp_encs[i].enc != ENC_NULL) {
			x->proto = PROTO_ESP; /* unauthenticated ESP (A.02) */
			x->enc = esp_encs[i].enc;
			return true;
		}
		if (strncmp(s + k, "_HMAC_", 6) != 0)
			continue;
		for (size_t j = 0; j < ARRAY_SIZE(hmacs); j++) {
			if (strcmp(s + k + 6, hmacs[j].name) == 0) {
				x->proto = PROTO_ESP;
				x->enc = esp_encs[i].enc;
				x->integ = hmacs[j].integ;
				return true;
			}
		}
	}
	return false;
}

static bool parse_lifetime(struct hp_ctx *c, const struct hp_word *w, const char *flag, const char *s,
			   size_t n, bool kb, const struct span *at, struct mint *m)
{
	uint64_t v;
	uint64_t min = kb ? 5120 : 600;

	if (!drv_uint(s, n, 4294967294ULL, &v) || (v != 0 && v < min)) {
		bad_value(c, w, flag, "%s lifetime must be 0 (infinite) or %llu..4294967294",
			  kb ? "kilobyte" : "second", (unsigned long long)min);
		return false;
	}
	set_mint(m, (int64_t)v, &(struct origin){*at, PROV_WRITTEN});
	return true;
}

/*
 * One transform's name (upper case, '_' for '-'): a single transform, or
 * a nested AH_x+ESP_y (A.02). Marks the dialect its algorithms imply.
 */
static bool xform_read(struct hp_ctx *c, const struct hp_word *w, const char *flag, char *name,
		       const struct span *at, struct hp_xform *x)
{
	char *plus = strchr(name, '+');

	if (plus) {
		struct hp_xform ah, esp;

		*plus = '\0';
		if (!xform_name(name, &ah) || ah.proto != PROTO_AH || !xform_name(plus + 1, &esp) ||
		    esp.proto != PROTO_ESP) {
			*plus = '+';
			bad_value(c, w, flag, "'%s' is not a nested AH+ESP transform", name);
			return false;
		}
		*plus = '+';
		mark_dialect(c, D_A02, at);
		x->proto = PROTO_AH_ESP;
		x->enc = esp.enc;
		x->integ = esp.integ;
		x->ah_integ = ah.ah_integ;
	} else if (!xform_name(name, x)) {
		struct finding *f = bad_value(c, w, flag, "unknown transform '%s'", name);

		fnd_set_hint(f,
			     "HP-UX transforms are AH_MD5, AH_SHA1, ESP_<enc>_HMAC_<hash> with enc "
			     "AES128, AES256, 3DES, NULL (DES in A.02) and hash MD5, SHA1, SHA2_256/384/512");
		return false;
	}
	/* unauthenticated ESP is A.02 only; so is DES, but DES is reported in A.03 files instead */
	if (x->proto == PROTO_ESP && x->integ == INTEG_UNSET)
		mark_dialect(c, D_A02, at);
	if (x->integ >= INTEG_SHA256 && x->integ <= INTEG_SHA512)
		mark_dialect(c, D_A03, at);
	return true;
}

/* A transform's /seconds[/kbytes] (slash: NULL or the text after the name), else the defaults. */
static bool xform_lifetimes(struct hp_ctx *c, const struct hp_word *w, const char *flag, char *slash,
			    const struct span *at, struct hp_xform *x)
{
	char *kb;

	x->life_s.o = origin_at(at, PROV_DEFAULT);
	x->life_s.v = 28800;
	x->life_kb.o = origin_at(at, PROV_DEFAULT);
	x->life_kb.v = 0;
	if (!slash)
		return true;
	kb = strchr(slash + 1, '/');
	if (kb)
		*kb = '\0';
	if (!parse_lifetime(c, w, flag, slash + 1, strlen(slash + 1), false, at, &x->life_s))
		return false;
	return !kb || parse_lifetime(c, w, flag, kb + 1, strlen(kb + 1), true, at, &x->life_kb);
}

/* A transform list: name[/seconds[/kbytes]] (, ...), nested AH_x+ESP_y (A.02). */
static bool parse_xforms(struct hp_ctx *c, const struct hp_word *w, const char *flag, bool tunnel,
			 struct hp_rec *r)
{
	char buf[512];
	const char *p, *end;
	size_t nah = 0, nesp = 0, nnested = 0;
	if (!tok_copy(&w->t, buf, sizeof(buf))) {
		bad_value(c, w, flag, "transform list too long");
		return false;
	}
	r->nxf = 0;
	r->xf = NULL;
	for (p = buf; *p; p = *end ? end + 1 : end) {
		char item[128], *slash, name[128];
		struct hp_xform x;
		size_t n, col = (size_t)(p - buf);
		struct span at;

		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		n = (size_t)(end - p);
		at = span_make(c->src, w->l.first_line, w->l.first_column + (uint32_t)col, w->l.first_line,
			       w->l.first_column + (uint32_t)(col + (n ? n - 1 : 0)));
		if (!n || n >= sizeof(item)) {
			bad_value(c, w, flag, "empty or overlong transform in the list");
			return false;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		memset(&x, 0, sizeof(x));
		x.span = at;
		slash = strchr(item, '/');
		if (slash)
			*slash = '\0';
		/* canonical spelling: upper case, '-' as '_' (the A.02 product spec writes ESP-3DES-HMAC-MD5) */
		for (size_t i = 0; item[i]; i++) {
			item[i] = (char)toupper((unsigned char)item[i]);
			if (item[i] == '-')
				item[i] = '_';
		}
		snprintf(name, sizeof(name), "%s", item);
		if (!xform_read(c, w, flag, name, &at, &x))
			return false;
		nnested += x.proto == PROTO_AH_ESP;
		nah += x.proto == PROTO_AH;
		nesp += x.proto == PROTO_ESP;
		x.name = arena_strdup(c->a, name);
		if (!xform_lifetimes(c, w, flag, slash, &at, &x))
			return false;
		{
			/* lists are short: a new arena block per transform (arena blocks are never freed) */
			struct hp_xform *nv = arena_alloc(c->a, (r->nxf + 1) * sizeof(*nv));

			if (r->nxf)
				memcpy(nv, r->xf, r->nxf * sizeof(*nv));
			r->xf = nv;
		}
		r->xf[r->nxf++] = x;
	}
	if (nesp > (tunnel ? 25u : 8u)) {
		bad_value(c, w, flag, "at most %u ESP transforms are allowed in a %s policy",
			  tunnel ? 25u : 8u, tunnel ? "tunnel" : "host");
		return false;
	}
	if (nnested > 1 || (nnested && (nah || nesp))) {
		bad_value(c, w, flag, "a nested AH+ESP transform must be the only one in the list");
		return false;
	}
	if (nah > 2) {
		bad_value(c, w, flag, "at most 2 AH transforms are allowed");
		return false;
	}
	return true;
}

/* ---- IKE and auth values ------------------------------------------------------------ */

/* Upper case without '-', '_' and a leading "HMAC": the shape value tables compare. */
static void squash(const char *s, size_t n, char *out, size_t outsz)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 1 < outsz; i++) {
		if (s[i] == '-' || s[i] == '_')
			continue;
		out[o++] = (char)toupper((unsigned char)s[i]);
	}
	out[o] = '\0';
	if (strncmp(out, "HMAC", 4) == 0)
		memmove(out, out + 4, strlen(out + 4) + 1);
}

static const struct {
	const char *name;
	uint8_t v;
} ike_encs[] = {
	{"DES", ENC_DES},	{"3DES", ENC_3DES},	{"TRIPLEDES", ENC_3DES}, {"AES", ENC_AES128},
	{"AES128", ENC_AES128}, {"AES192", ENC_AES192}, {"AES256", ENC_AES256},
};

static const struct {
	const char *name;
	uint8_t v;
} ike_hashes[] = {
	{"MD5", INTEG_MD5},	   {"SHA", INTEG_SHA1},	      {"SHA1", INTEG_SHA1},
	{"SHA2256", INTEG_SHA256}, {"SHA256", INTEG_SHA256},  {"SHA2384", INTEG_SHA384},
	{"SHA384", INTEG_SHA384},  {"SHA2512", INTEG_SHA512}, {"SHA512", INTEG_SHA512},
};

/*
 * A comma-separated algorithm list (A.03.02.02 allows several values; A.02
 * one). kind: 'e' encryption, 'h' hash/PRF, 'g' DH group.
 */
static bool parse_alglist(struct hp_ctx *c, const struct hp_word *w, const char *flag, int kind,
			  struct algset *set)
{
	struct span at = drv_span(c->src, &w->l);
	const char *p = w->t.s, *end = w->t.s + w->t.len;
	struct algset s = {0};

	while (p < end) {
		const char *q = memchr(p, ',', (size_t)(end - p));
		size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
		char sq[32] = "";
		bool ok = false;

		squash(p, n, sq, sizeof(sq));
		if (kind == 'g') {
			uint64_t v;
			const char *d = sq;

			if (strncmp(d, "GROUP", 5) == 0)
				d += 5;
			else if (strncmp(d, "DH", 2) == 0)
				d += 2;
			else if (strncmp(d, "MODP", 4) == 0)
				d = "";
			if (drv_uint(d, strlen(d), 31, &v) && v > 0) {
				algset_add(&s, (unsigned)v);
				ok = true;
			}
		} else if (kind == 'e') {
			for (size_t i = 0; i < ARRAY_SIZE(ike_encs) && !ok; i++) {
				if (strcmp(sq, ike_encs[i].name) == 0) {
					algset_add(&s, ike_encs[i].v);
					ok = true;
				}
			}
		} else {
			for (size_t i = 0; i < ARRAY_SIZE(ike_hashes) && !ok; i++) {
				if (strcmp(sq, ike_hashes[i].name) == 0) {
					algset_add(&s, ike_hashes[i].v);
					ok = true;
				}
			}
		}
		if (!ok) {
			char sh[64];

			bad_value(
				c, w, flag, "'%s' is not a known %s", parse_show(p, n, sh, sizeof(sh)),
				kind == 'g' ? "Diffie-Hellman group" :
				kind == 'e' ? "IKE encryption algorithm (DES, 3DES, AES128, AES192, AES256)" :
					      "hash (MD5, SHA1, SHA2-256, SHA2-384, SHA2-512)");
			return false;
		}
		if (s.n > 1)
			mark_dialect(c, D_A03, &at);
		p = q ? q + 1 : end;
	}
	if (!s.n) {
		bad_value(c, w, flag, "empty list");
		return false;
	}
	s.o = origin_written(&at);
	*set = s;
	return true;
}

static bool parse_word_enum(struct hp_ctx *c, const struct hp_word *w, const char *flag,
			    const char *const *names, const int *vals, size_t n, const char *expect,
			    struct mint *m)
{
	struct span at = drv_span(c->src, &w->l);
	struct drv_tok u = unquote(&w->t);

	for (size_t i = 0; i < n; i++) {
		if (tok_is(&u, names[i])) {
			note_case(c, &u, &w->l);
			set_mint(m, vals[i], &(struct origin){at, PROV_WRITTEN});
			return true;
		}
	}
	bad_value(c, w, flag, "expected %s", expect);
	return false;
}

static bool parse_auth_method(struct hp_ctx *c, const struct hp_word *w, const char *flag, struct mint *m)
{
	static const char *const names[] = {"PSK", "RSASIG", "RSA_SIG", "RSA-SIG"};
	static const int vals[] = {AUTH_PSK, AUTH_RSA_SIG, AUTH_RSA_SIG, AUTH_RSA_SIG};

	return parse_word_enum(c, w, flag, names, vals, ARRAY_SIZE(names), "PSK or RSASIG", m);
}

static const struct {
	const char *name;
	uint8_t type;
} id_types[] = {
	{"IPV4", ID_IPV4},
	{"IPV6", ID_IPV6},
	{"FQDN", ID_FQDN},
	{"USER-FQDN", ID_USER_FQDN},
	{"USER_FQDN", ID_USER_FQDN},
	{"X500-DN", ID_DN},
	{"X500_DN", ID_DN},
	{"DN", ID_DN},
	{"ASN1-DN", ID_DN},
	{"IPV4-SUBNET", ID_IPV4_SUBNET},
	{"IPV4_SUBNET", ID_IPV4_SUBNET},
	{"IPV4-RANGE", ID_IPV4_RANGE},
	{"IPV4_RANGE", ID_IPV4_RANGE},
	{"IPV6-SUBNET", ID_IPV6_SUBNET},
	{"IPV6-RANGE", ID_IPV6_RANGE},
};

static bool parse_idtype(struct hp_ctx *c, const struct hp_word *w, const char *flag, struct ident *id)
{
	struct span at = drv_span(c->src, &w->l);

	for (size_t i = 0; i < ARRAY_SIZE(id_types); i++) {
		if (tok_is(&w->t, id_types[i].name)) {
			note_case(c, &w->t, &w->l);
			id->type = id_types[i].type;
			id->o = origin_written(&at);
			return true;
		}
	}
	bad_value(c, w, flag, "not an IKE ID type (IPV4, IPV6, FQDN, USER-FQDN, X500-DN)");
	return false;
}

/*
 * -preshared: always ASCII on HP-UX [C:S13], even when it reads 0x...; quotes
 * are stripped (their rules are [U]).
 */
static void parse_psk(struct hp_ctx *c, const struct hp_word *w, struct key *k)
{
	struct span at = drv_span(c->src, &w->l);
	struct drv_tok u = unquote(&w->t);

	memset(k, 0, sizeof(*k));
	k->form = KEY_PLAIN;
	k->bytes = arena_memdup(c->a, u.s, u.len);
	k->len = u.len;
	k->o = origin_written(&at);
	k->hex_looking = model_key_looks_hex(u.s, u.len);
	if (w->quoted && !c->st->warned_quote) {
		struct finding *f =
			hp_fnd(c, R_UNKNOWN_STATEMENT, &at,
			       "quoted pre-shared key: HP documents quotes for DNs only; ipseclint "
			       "takes the key without the quotes");

		fnd_set_hint(f, "check how ipsec_config stores this key on the host");
		c->st->warned_quote = true;
	}
}

/* 0x-prefixed hex (manual keys): decoded into k; false when malformed. */
static bool parse_hexkey(struct hp_ctx *c, const char *s, size_t n, const struct span *at, struct key *k)
{
	struct key hk = {0};

	if (n < 4 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || !model_key_hex(c->a, s, n, &hk))
		return false;
	*k = hk;
	k->o = origin_written(at);
	return true;
}

/*
 * -in/-out: ESP/spi/auth_key/enc_key[/iv] or AH/spi/auth_key [C:S5 p216].
 * The message never quotes the value (it holds keys).
 */
static bool parse_manual(struct hp_ctx *c, const struct hp_word *w, const char *flag, bool inbound,
			 struct hp_manual *m)
{
	struct span at = drv_span(c->src, &w->l);
	const char *p = w->t.s, *end = w->t.s + w->t.len;
	const char *part[5];
	size_t plen[5], np = 0;
	uint64_t spi;

	while (p <= end && np < 5) {
		const char *q = memchr(p, '/', (size_t)(end - p));

		part[np] = p;
		plen[np++] = q ? (size_t)(q - p) : (size_t)(end - p);
		if (!q)
			break;
		p = q + 1;
	}
	memset(m, 0, sizeof(*m));
	m->span = at;
	if (np < 3) {
		hp_fnd(c, R_INVALID_VALUE, &at, "-%s: a manual SA is PROTOCOL/spi/auth_key[/enc_key[/iv]]",
		       flag);
		return false;
	}
	if (plen[0] == 3 && strncasecmp(part[0], "ESP", 3) == 0)
		m->proto = "ESP";
	else if (plen[0] == 2 && strncasecmp(part[0], "AH", 2) == 0)
		m->proto = "AH";
	else {
		hp_fnd(c, R_INVALID_VALUE, &at, "-%s: a manual SA starts with ESP or AH", flag);
		return false;
	}
	if (!drv_uint(part[1], plen[1], 4294967295ULL, &spi) || spi == 0) {
		hp_fnd(c, R_INVALID_VALUE, &at, "-%s: the SPI must be a number 1..4294967295", flag);
		return false;
	}
	if (inbound && spi >= 300 && spi <= 2500000) {
		struct finding *f =
			hp_fnd(c, R_INVALID_VALUE, &at,
			       "-%s: inbound manual SPI %llu is in the dynamic SPI range 300..2500000", flag,
			       (unsigned long long)spi);

		fnd_set_hint(f, "use an inbound SPI in 1..299 or 2500001..4294967295");
	}
	set_mint(&m->spi, (int64_t)spi, &(struct origin){at, PROV_WRITTEN});
	if (!parse_hexkey(c, part[2], plen[2], &at, &m->auth_key) ||
	    (np > 3 && plen[3] && !parse_hexkey(c, part[3], plen[3], &at, &m->enc_key))) {
		hp_fnd(c, R_INVALID_VALUE, &at,
		       "-%s: manual keys are 0x-prefixed hex with an even number of digits", flag);
		return false;
	}
	m->set = true;
	return true;
}

static bool parse_flags_value(struct hp_ctx *c, const struct hp_word *w, const char *flag)
{
	static const char *const known[] = {"EXCLUSIVE", "MIPV6", "NONE", "AUTOCONF"};
	const char *p = w->t.s, *end = w->t.s + w->t.len;

	while (p < end) {
		const char *q = memchr(p, '+', (size_t)(end - p));
		size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
		bool ok = false;

		for (size_t i = 0; i < ARRAY_SIZE(known) && !ok; i++)
			ok = strlen(known[i]) == n && strncasecmp(known[i], p, n) == 0;
		if (!ok) {
			char sh[64];

			bad_value(c, w, flag, "unknown flag '%s' (EXCLUSIVE, MIPV6, AUTOCONF, NONE)",
				  parse_show(p, n, sh, sizeof(sh)));
			return false;
		}
		p = q ? q + 1 : end;
	}
	return true;
}

/* ---- operations ----------------------------------------------------------------------- */

void hp_op_begin(struct hp_ctx *c, const struct drv_tok *verb, const struct drv_loc *vl,
		 const struct drv_tok *obj, const struct drv_loc *ol)
{
	struct hp_state *st = c->st;

	st->verb = *verb;
	st->vl = *vl;
	st->objw = *obj;
	st->ol = *ol;
	st->nwords = 0;
	st->nargs = 0;
	st->op_bad = false;
}

void hp_op_word(struct hp_ctx *c, const struct drv_tok *w, const struct drv_loc *l, bool quoted)
{
	struct hp_state *st = c->st;

	VEC_GROW(st->words, st->words_cap, st->nwords + 1);
	st->words[st->nwords++] = (struct hp_word){*w, *l, quoted};
	if (st->nargs)
		st->args[st->nargs - 1].n++;
}

void hp_op_flag(struct hp_ctx *c, const struct drv_tok *f, const struct drv_loc *l)
{
	struct hp_state *st = c->st;

	VEC_GROW(st->args, st->args_cap, st->nargs + 1);
	st->args[st->nargs++] = (struct hp_arg){NULL, *f, *l, st->nwords, 0};
}

void hp_other_command(struct hp_ctx *c, const struct drv_tok *cmd, const struct drv_loc *cl,
		      const struct drv_loc *l)
{
	(void)cmd;
	(void)cl;
	/* show, export, batch...: they configure nothing; their lines count as skipped */
	if (c->dev)
		c->dev->skipped_lines += l->last_line - l->first_line + 1;
}

static struct hp_rec *rec_new(struct hp_ctx *c, enum hp_obj obj, const char *name, const struct span *op,
			      const struct span *ns)
{
	struct hp_rec *r = arena_alloc(c->scratch, sizeof(*r));

	r->obj = obj;
	r->name = name;
	r->span = *op;
	r->name_span = *ns;
	r->proto.v = -1;
	VEC_GROW(c->st->recs, c->st->recs_cap, c->st->nrecs + 1);
	c->st->recs[c->st->nrecs++] = r;
	return r;
}

/* Apply one value to the record; false when the value was rejected. */
/* -source/-destination: one more filter of the list (A.03 takes up to 20). */
static bool add_filter(struct hp_ctx *c, const struct hp_word *w, const char *fl, struct hp_filter **list,
		       unsigned *n)
{
	struct span at = drv_span(c->src, &w->l);
	struct hp_filter f;

	if (*n >= HP_FILTERS) {
		bad_value(c, w, fl, "at most 20 addresses are allowed");
		return false;
	}
	if (*n)
		mark_dialect(c, D_A03, &at);
	memset(&f, 0, sizeof(f));
	if (!parse_filter(c, w, fl, true, &f))
		return false;
	/* one allocation per operation and list: 1, then the whole HP_FILTERS */
	if (*n == 0) {
		*list = arena_alloc(c->a, sizeof(**list));
	} else if (*n == 1) {
		struct hp_filter *all = arena_alloc(c->a, HP_FILTERS * sizeof(**list));

		all[0] = (*list)[0];
		*list = all;
	}
	(*list)[(*n)++] = f;
	return true;
}

/* A number 1..max (-priority, -maxqm). */
static bool parse_positive(struct hp_ctx *c, const struct hp_word *w, const char *fl, uint64_t max,
			   const char *why, struct mint *out)
{
	uint64_t v;

	if (!drv_uint(w->t.s, w->t.len, max, &v) || v == 0) {
		bad_value(c, w, fl, "%s", why);
		return false;
	}
	set_mint(out, (int64_t)v, &(struct origin){drv_span(c->src, &w->l), PROV_WRITTEN});
	return true;
}

/* -action: PASS or DISCARD (host policies), else a transform list. */
static bool parse_action(struct hp_ctx *c, const struct hp_word *w, const char *fl, struct hp_rec *r)
{
	r->action_span = drv_span(c->src, &w->l);
	if (r->obj == OBJ_HOST && (tok_is(&w->t, "PASS") || tok_is(&w->t, "DISCARD"))) {
		note_case(c, &w->t, &w->l);
		r->action = tok_is(&w->t, "PASS") ? ACT_PASS : ACT_DISCARD;
		return true;
	}
	if (!parse_xforms(c, w, fl, r->obj == OBJ_TUNNEL, r))
		return false;
	r->action = ACT_XFORMS;
	return true;
}

/* The words of -pfs, -exchange and -kmp, and what each means. */
static const char *const pfs_words[] = {"ON", "OFF", "YES", "NO"};
static const int pfs_vals[] = {1, 0, 1, 0};
static const char *const xchg_words[] = {"MM", "AM", "MAIN", "AGGRESSIVE"};
static const int xchg_vals[] = {XCHG_MAIN, XCHG_AGGRESSIVE, XCHG_MAIN, XCHG_AGGRESSIVE};
static const char *const kmp_words[] = {"IKEV1", "IKEV2", "IKEV1,IKEV2", "IKEV2,IKEV1"};
static const int kmp_vals[] = {IKE_V1, IKE_V2, IKE_V1 | IKE_V2, IKE_V1 | IKE_V2 | 8}; /* 8: IKEv2 first */

/* -localid/-remoteid: the identity's value (its type may come from -localidtype). */
static bool set_ident(struct hp_ctx *c, const struct hp_word *w, struct ident *id)
{
	struct drv_tok u = unquote(&w->t);
	struct span at = drv_span(c->src, &w->l);

	id->value = arena_strndup(c->a, u.s, u.len);
	if (id->o.prov == PROV_UNSET)
		id->o = origin_written(&at);
	return true;
}

static bool apply_value(struct hp_ctx *c, struct hp_rec *r, const struct hp_arg *a, const struct hp_word *w)
{
	const char *fl = a->def->name;
	struct span at = drv_span(c->src, &w->l);

	switch (a->def->field) {
	case F_SOURCE:
		return add_filter(c, w, fl, &r->src, &r->nsrc);
	case F_DEST:
		return add_filter(c, w, fl, &r->dst, &r->ndst);
	case F_PROTO:
		return parse_proto(c, w, fl, &r->proto);
	case F_PRIO:
		return parse_positive(c, w, fl, 2147483647, "a priority is 1..2147483647", &r->priority);
	case F_ACTION:
		return parse_action(c, w, fl, r);
	case F_FLAGS:
		return parse_flags_value(c, w, fl);
	case F_TUNNEL:
		r->tunnel = arena_strndup(c->a, w->t.s, w->t.len);
		r->tunnel_span = at;
		return true;
	case F_IN:
		return parse_manual(c, w, fl, true, &r->in);
	case F_OUT:
		return parse_manual(c, w, fl, false, &r->out);
	case F_TSOURCE:
		return parse_ip(c, w, fl, &r->tsource);
	case F_TDEST:
		return parse_ip(c, w, fl, &r->tdest);
	case F_REMOTE:
		return parse_filter(c, w, fl, false, &r->remote);
	case F_AUTH:
		return parse_auth_method(c, w, fl, &r->auth);
	case F_HASH:
		return parse_alglist(c, w, fl, 'h', &r->hash);
	case F_PRF:
		return parse_alglist(c, w, fl, 'h', &r->prf);
	case F_GROUP:
		return parse_alglist(c, w, fl, 'g', &r->dh);
	case F_ENC:
		return parse_alglist(c, w, fl, 'e', &r->enc);
	case F_LIFE:
		return parse_lifetime(c, w, fl, w->t.s, w->t.len, false, &at, &r->life_s);
	case F_LIFE_KB:
		return parse_lifetime(c, w, fl, w->t.s, w->t.len, true, &at, &r->life_kb);
	case F_MAXQM:
		return parse_positive(c, w, fl, 1000000, "not a positive number", &r->maxqm);
	case F_PFS:
		return parse_word_enum(c, w, fl, pfs_words, pfs_vals, ARRAY_SIZE(pfs_words), "ON or OFF",
				       &r->pfs);
	case F_PRESHARED:
		parse_psk(c, w, &r->psk);
		return true;
	case F_EXCHANGE:
		return parse_word_enum(c, w, fl, xchg_words, xchg_vals, ARRAY_SIZE(xchg_words), "MM or AM",
				       &r->exchange);
	case F_LTYPE:
		return parse_idtype(c, w, fl, &r->lid);
	case F_RTYPE:
		return parse_idtype(c, w, fl, &r->rid);
	case F_LID:
		return set_ident(c, w, &r->lid);
	case F_RID:
		return set_ident(c, w, &r->rid);
	case F_KMP:
		return parse_word_enum(c, w, fl, kmp_words, kmp_vals, ARRAY_SIZE(kmp_words),
				       "IKEV1, IKEV2 or both", &r->kmp);
	case F_LMETHOD:
		return parse_auth_method(c, w, fl, &r->local_method);
	case F_RMETHOD:
		return parse_auth_method(c, w, fl, &r->remote_method);
	case F_NONE:
	case F_NOCOMMIT:
	case F_PROFILE:
	case F_IGNORED:
		return true;
	}
	return true;
}

static bool name_ok(const struct drv_tok *t)
{
	if (!t->len || t->len > 63)
		return false;
	for (uint32_t i = 0; i < t->len; i++) {
		char ch = t->s[i];

		if (!isalnum((unsigned char)ch) && ch != '-' && ch != '_')
			return false;
	}
	return true;
}

static bool obj_lookup(const struct drv_tok *t, enum hp_obj *out)
{
	for (unsigned i = 0; i < OBJ__COUNT; i++) {
		if (tok_is(t, obj_names[i])) {
			*out = (enum hp_obj)i;
			return true;
		}
	}
	return false;
}

static void unknown_object(struct hp_ctx *c)
{
	struct hp_state *st = c->st;
	struct span at = drv_span(c->src, &st->ol);
	char sh[64], w[64];
	const char *best = NULL;
	unsigned bd = 3;
	struct finding *f;

	tok_copy(&st->objw, w, sizeof(w));
	for (unsigned i = 0; i < OBJ__COUNT; i++) {
		unsigned d = util_edit_distance(w, obj_names[i], bd);

		if (d < bd) {
			bd = d;
			best = obj_names[i];
		}
	}
	f = hp_fnd(c, R_UNKNOWN_STATEMENT, &at,
		   "unknown object type '%s' in '%s' operation; the operation is ignored",
		   SHOW(&st->objw, sh), st->verb.len && (st->verb.s[0] | 0x20) == 'd' ? "delete" : "add");
	if (best)
		fnd_set_hint(f, "did you mean '%s'?", best);
	else
		fnd_set_hint(f, "ipseclint models host, tunnel, ike, ikev1, ikev2, auth, bypass, startup and "
				"gateway (certificate objects are not modelled)");
}

/* Is this flag given to the object a second time (and not repeatable)? */
static const struct hp_arg *earlier_same(const struct hp_state *st, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (st->args[j].def && st->args[j].def == st->args[i].def)
			return &st->args[j];
	return NULL;
}

static void op_delete(struct hp_ctx *c, enum hp_obj obj, const struct span *op)
{
	struct hp_state *st = c->st;
	char name[128];
	struct hp_rec *r;

	(void)op;
	if (!st->nwords || (st->nargs && st->args[0].first == 0))
		return; /* delete of a whole category or by flags: nothing this file defines is known gone */
	tok_copy(&st->words[0].t, name, sizeof(name));
	if (strcmp(name, "default") == 0) {
		struct span at = drv_span(c->src, &st->words[0].l);

		hp_fnd(c, R_INVALID_VALUE, &at, "the built-in default %s cannot be deleted", obj_kinds[obj]);
		return;
	}
	r = rec_find(c, obj, name);
	if (r)
		r->deleted = true;
}

/* An inline suppression comment just before the operation covers all its lines. */
static void close_pending_supp(struct hp_ctx *c, const struct drv_loc *l)
{
	struct hp_state *st = c->st;
	struct inline_supp *sp;

	if (!st->pending_supp)
		return;
	sp = &c->pf->supp[st->pending_supp - 1];
	sp->first = l->first_line;
	sp->last = l->last_line;
	st->pending_supp = 0;
}

/*
 * The words before the first flag: the object's name (none for startup),
 * nothing more. Sets *name and *ns; false when the operation is refused.
 */
static bool read_name(struct hp_ctx *c, enum hp_obj obj, const struct span *op, const char **name,
		      struct span *ns)
{
	struct hp_state *st = c->st;
	size_t npos = st->nargs ? st->args[0].first : st->nwords;
	char sh[64];

	*name = NULL;
	*ns = drv_span(c->src, &st->ol);
	if (obj != OBJ_STARTUP) {
		if (!npos) {
			hp_fnd(c, R_SYNTAX_ERROR, op, "'add %s' needs a %s", obj_names[obj],
			       obj == OBJ_BYPASS ? "local IP address" : "name");
			st->nsyntax++;
			return false;
		}
		*ns = drv_span(c->src, &st->words[0].l);
		*name = arena_strndup(c->a, st->words[0].t.s, st->words[0].t.len);
		if (obj != OBJ_BYPASS && !name_ok(&st->words[0].t))
			hp_fnd(c, R_INVALID_VALUE, ns,
			       "%s name '%s': names are 1-63 letters, digits, '-' or '_'", obj_kinds[obj],
			       SHOW(&st->words[0].t, sh));
	}
	if (npos > (obj == OBJ_STARTUP ? 0u : 1u)) {
		struct hp_word *w = &st->words[obj == OBJ_STARTUP ? 0 : 1];
		struct span at = drv_span(c->src, &w->l);

		hp_fnd(c, R_SYNTAX_ERROR, &at, "unexpected word '%s' after the %s: flags start with '-'",
		       SHOW(&w->t, sh), obj == OBJ_STARTUP ? "object type" : "name");
		st->nsyntax++;
		return false;
	}
	return true;
}

/*
 * The record an `add` writes into: a new one, or the built-in default it
 * changes. NULL when the name is already taken (a collision ipsec_config
 * rejects) or a bypass address does not read.
 */
static struct hp_rec *add_record(struct hp_ctx *c, enum hp_obj obj, const char *name, const struct span *op,
				 const struct span *ns)
{
	struct hp_state *st = c->st;
	bool is_default = name && strcmp(name, "default") == 0;
	struct hp_rec *r = NULL, *dup = NULL;

	if (rec_is_policy_obj(obj) && name && !is_default)
		dup = rec_find(c, obj, name);
	if (dup) {
		struct finding *f =
			hp_fnd(c, R_DUPLICATE_DEFINITION, ns,
			       "%s '%s' is defined twice: ipsec_config rejects the batch as a collision",
			       obj_kinds[obj], name);

		fnd_related(f, &dup->name_span, "first defined here");
		fnd_fp(f, "%s|%s", obj_names[obj], name);
		return NULL;
	}
	if (is_default && (obj == OBJ_HOST || obj == OBJ_IKE || obj == OBJ_IKEV1 || obj == OBJ_IKEV2)) {
		r = rec_find(c, obj, "default"); /* a second `add ... default` changes it again */
		if (r)
			r->span = *op;
	}
	if (!r) {
		r = rec_new(c, obj, name, op, ns);
		r->is_default = is_default && obj != OBJ_AUTH && obj != OBJ_TUNNEL && obj != OBJ_BYPASS &&
				obj != OBJ_GATEWAY && obj != OBJ_STARTUP;
	}
	if (obj == OBJ_BYPASS && !parse_ip(c, &st->words[0], "bypass", &r->bypass)) {
		r->deleted = true;
		return NULL;
	}
	return r;
}

/* A flag the object's table lacks: unknown-statement, with a hint. */
static void unknown_flag(struct hp_ctx *c, enum hp_obj obj, const struct hp_arg *a, const char *fname,
			 const struct span *fat)
{
	const char *dym = flag_suggest(obj, fname + 1);
	char sh[64];
	struct finding *f;

	f = hp_fnd(c, R_UNKNOWN_STATEMENT, fat, "unknown flag '%s' for '%s' %s", SHOW(&a->flag, sh),
		   obj_names[obj], a->n ? "(its value is ignored)" : "");
	for (size_t k = 0; k < ARRAY_SIZE(foreign_flags); k++)
		if (strcasecmp(foreign_flags[k].name, fname + 1) == 0)
			dym = NULL, fnd_set_hint(f, "HP-UX has no such flag: %s", foreign_flags[k].hint);
	if (dym)
		fnd_set_hint(f, "did you mean '-%s'?", dym);
}

/*
 * Checks the i-th flag of the operation against its table entry: known,
 * allowed here (dialect, batch or command line), not repeated, with the
 * number of values it takes. True when its value is to be applied.
 */
static bool flag_valid(struct hp_ctx *c, enum hp_obj obj, const struct hp_rec *r, size_t i)
{
	struct hp_state *st = c->st;
	struct hp_arg *a = &st->args[i];
	struct span fat = drv_span(c->src, &a->fl);
	char fname[64], sh[64];
	bool abbrev;
	struct finding *f;

	tok_copy(&a->flag, fname, sizeof(fname));
	a->def = flag_lookup(obj, fname + 1, strlen(fname + 1), &abbrev);
	if (!a->def) {
		unknown_flag(c, obj, a, fname, &fat);
		return false;
	}
	if (abbrev && strcasecmp(fname + 1, "rem") != 0 && !st->warned_abbrev) {
		f = hp_fnd(c, R_UNKNOWN_STATEMENT, &fat,
			   "abbreviated flag '%s' read as '-%s': HP documents only -rem[ote] and -nc",
			   SHOW(&a->flag, sh), a->def->name);
		fnd_set_hint(f, "write the flag in full (reported once per file)");
		st->warned_abbrev = true;
	}
	mark_dialect(c, a->def->dialect, &fat);
	if (a->def->val == V_FORBIDDEN) {
		if (!c->cmdline) {
			hp_fnd(c, R_SYNTAX_ERROR, &fat,
			       "'-%s' is not allowed inside a batch file: give it on the ipsec_config batch "
			       "command line",
			       a->def->name);
			st->nsyntax++;
		}
		return false;
	}
	if (a->def->field == F_NOCOMMIT && !c->cmdline && obj == OBJ_AUTH) {
		hp_fnd(c, R_INVALID_VALUE, &fat, "'-nocommit' is not valid for 'add auth' in a batch file");
		return false;
	}
	if (!a->def->repeat && earlier_same(st, i)) {
		struct span first = drv_span(c->src, &earlier_same(st, i)->fl);

		f = hp_fnd(c, R_SYNTAX_ERROR, &fat, "'-%s' is given twice", a->def->name);
		fnd_related(f, &first, "first given here");
		st->nsyntax++;
		return false;
	}
	if (a->def->val == V_NONE) {
		if (a->n) {
			struct span at = drv_span(c->src, &st->words[a->first].l);

			hp_fnd(c, R_SYNTAX_ERROR, &at, "'-%s' takes no value", a->def->name);
			st->nsyntax++;
		}
		return false;
	}
	if (a->def->val == V_ANY)
		return false;
	if (!a->n) {
		hp_fnd(c, R_SYNTAX_ERROR, &fat, "'-%s' needs a value", a->def->name);
		st->nsyntax++;
		return false;
	}
	if (a->n > 1) {
		struct span at = drv_span(c->src, &st->words[a->first + 1].l);

		if (a->def->field == F_PRESHARED)
			hp_fnd(c, R_SYNTAX_ERROR, &at, "'-%s' takes one value; the key holds a blank",
			       a->def->name);
		else
			hp_fnd(c, R_SYNTAX_ERROR, &at, "'-%s' takes one value; unexpected '%s'", a->def->name,
			       SHOW(&st->words[a->first + 1].t, sh));
		st->nsyntax++;
		return false;
	}
	if (r->is_default && obj == OBJ_HOST && a->def->field != F_ACTION) {
		hp_fnd(c, R_INVALID_VALUE, &fat, "only -action can be changed on the default host policy");
		return false;
	}
	return true;
}

/*
 * Automatic priority: the category's highest + 10 (the profile's
 * increment) [C:S2 p107]; a written priority another policy of the
 * category already has is a collision.
 */
static void assign_priority(struct hp_ctx *c, enum hp_obj obj, struct hp_rec *r, const struct span *op)
{
	struct hp_state *st = c->st;

	if (!rec_is_policy_obj(obj) || obj == OBJ_TUNNEL || r->is_default)
		return;
	if (r->priority.o.prov == PROV_UNSET) {
		set_mint(&r->priority, highest_priority(c, obj, r) + 10, &(struct origin){*op, PROV_DEFAULT});
		r->auto_priority = true;
		return;
	}
	for (size_t i = 0; i < st->nrecs; i++) {
		struct hp_rec *o = st->recs[i];
		struct finding *f;

		if (o == r || o->deleted || o->is_default || o->obj != obj ||
		    o->priority.o.prov == PROV_UNSET || o->priority.v != r->priority.v)
			continue;
		f = hp_fnd(c, R_DUPLICATE_DEFINITION, &r->priority.o.span,
			   "%s '%s' has priority %lld, as %s '%s' has: ipsec_config rejects the batch "
			   "as a collision",
			   obj_kinds[obj], r->name, (long long)r->priority.v, obj_kinds[obj], o->name);
		fnd_related(f, &o->priority.o.span, "%s '%s' has priority %lld%s", obj_kinds[obj], o->name,
			    (long long)o->priority.v, o->auto_priority ? " (assigned automatically)" : "");
		fnd_fp(f, "%s|%s|%lld", obj_names[obj], r->name, (long long)r->priority.v);
		break;
	}
}

/*
 * The end of one operation: look the object up, then for `add` read its
 * name, make its record, validate and apply each flag, number it.
 */
void hp_op_end(struct hp_ctx *c, const struct drv_loc *l)
{
	struct hp_state *st = c->st;
	struct span op = drv_span(c->src, l), ns;
	enum hp_obj obj;
	struct hp_rec *r;
	size_t nargs;
	const char *name;

	close_pending_supp(c, l);
	if (st->op_bad)
		return;
	if (!obj_lookup(&st->objw, &obj)) {
		unknown_object(c);
		return;
	}
	if (obj == OBJ_IKE)
		mark_dialect(c, D_A02, &op);
	else if (obj == OBJ_IKEV1 || obj == OBJ_IKEV2)
		mark_dialect(c, D_A03, &op);
	if (st->verb.len && (st->verb.s[0] == 'd' || st->verb.s[0] == 'D')) {
		op_delete(c, obj, &op);
		return;
	}
	if (!read_name(c, obj, &op, &name, &ns))
		return;
	r = add_record(c, obj, name, &op, &ns);
	if (!r)
		return;
	/* startup and gateway (MIPv6 home agent) arguments are undocumented [U]: accepted, not modelled */
	nargs = obj == OBJ_STARTUP || obj == OBJ_GATEWAY ? 0 : st->nargs;
	for (size_t i = 0; i < nargs; i++)
		if (flag_valid(c, obj, r, i))
			apply_value(c, r, &st->args[i], &st->words[st->args[i].first]);
	assign_priority(c, obj, r, &op);
	if (obj == OBJ_AUTH && r->remote.o.prov == PROV_UNSET) {
		hp_fnd(c, R_MISSING_MANDATORY, &op, "auth record '%s' has no -remote address", r->name);
		r->deleted = true;
	}
}

/* ---- building the model ------------------------------------------------------------------ */

static int cmp_prio(const void *pa, const void *pb)
{
	const struct hp_rec *a = *(const struct hp_rec *const *)pa, *b = *(const struct hp_rec *const *)pb;

	if (a->priority.v != b->priority.v)
		return a->priority.v < b->priority.v ? -1 : 1;
	return a->span.line < b->span.line ? -1 : a->span.line > b->span.line;
}

/* Live records of one object kind (defaults excluded), in priority order. */
static struct hp_rec **live(const struct hp_ctx *c, enum hp_obj obj, size_t *n)
{
	struct hp_rec **v = xcalloc(c->st->nrecs + 1, sizeof(*v));
	size_t k = 0;

	for (size_t i = 0; i < c->st->nrecs; i++) {
		struct hp_rec *r = c->st->recs[i];

		if (!r->deleted && !r->is_default && r->obj == obj)
			v[k++] = r;
	}
	if (obj != OBJ_BYPASS && obj != OBJ_STARTUP && obj != OBJ_GATEWAY && k > 1)
		qsort(v, k, sizeof(*v), cmp_prio);
	*n = k;
	return v;
}

static const struct hp_rec *live_default(const struct hp_ctx *c, enum hp_obj obj)
{
	for (size_t i = c->st->nrecs; i-- > 0;) {
		const struct hp_rec *r = c->st->recs[i];

		if (!r->deleted && r->is_default && r->obj == obj)
			return r;
	}
	return NULL;
}

static bool filter_holds(const struct hp_filter *f, const struct addrspec *a)
{
	if (!f->set)
		return false;
	if (a->kind != ASPEC_CUBE || !aspec_is_host(a))
		return false;
	return aspec_contains_ip(&f->addr, &a->a, a->family);
}

/* A.02: the auth record with the longest prefix holding addr; A.03: the first by priority. */
static struct hp_rec *choose_auth(struct hp_ctx *c, const struct addrspec *addr, bool a02)
{
	size_t n;
	struct hp_rec **v = live(c, OBJ_AUTH, &n), *best = NULL;
	int best_len = -1;

	for (size_t i = 0; i < n; i++) {
		int plen;

		if (!filter_holds(&v[i]->remote, addr))
			continue;
		if (!a02) {
			best = v[i];
			break;
		}
		plen = aspec_prefix_len(&v[i]->remote.addr);
		if (plen > best_len) {
			best_len = plen;
			best = v[i];
		}
	}
	free(v);
	return best;
}

/* The IKE policy of category obj for addr: first by priority, else the (changed) default. */
static const struct hp_rec *choose_ike(struct hp_ctx *c, enum hp_obj obj, const struct addrspec *addr)
{
	size_t n;
	struct hp_rec **v = live(c, obj, &n);
	const struct hp_rec *hit = NULL;

	for (size_t i = 0; i < n && !hit; i++)
		if (filter_holds(&v[i]->remote, addr))
			hit = v[i];
	free(v);
	return hit ? hit : live_default(c, obj);
}

static void def_algset(struct algset *dst, const struct algset *written, unsigned dflt, const struct span *at,
		       bool assumed)
{
	if (written->n) {
		*dst = *written;
		return;
	}
	memset(dst, 0, sizeof(*dst));
	algset_add(dst, dflt);
	dst->o = origin_at(at, assumed ? PROV_DEFAULT_ASSUMED : PROV_DEFAULT);
}

static void def_mint(struct mint *dst, const struct mint *written, int64_t dflt, const struct span *at,
		     bool assumed)
{
	if (written && written->o.prov != PROV_UNSET) {
		*dst = *written;
		return;
	}
	dst->v = dflt;
	dst->o = origin_at(at, assumed ? PROV_DEFAULT_ASSUMED : PROV_DEFAULT);
}

/*
 * IKE versions: A.02 speaks IKEv1; A.03 as the auth record's -kmp says
 * (default IKEV1). Returns the category of IKE policy that applies.
 */
static enum hp_obj ike_versions(struct ike *ike, const struct hp_rec *auth, const struct hp_rec *h, bool a02)
{
	if (!a02 && auth && auth->kmp.o.prov != PROV_UNSET) {
		ike->versions = auth->kmp;
		ike->versions.v &= IKE_V1 | IKE_V2;
		return auth->kmp.v == IKE_V2 || (auth->kmp.v & 8) ? OBJ_IKEV2 : OBJ_IKEV1;
	}
	def_mint(&ike->versions, NULL, IKE_V1, auth ? &auth->span : &h->span, false);
	return a02 ? OBJ_IKE : OBJ_IKEV1;
}

/* What the checker calls the IKE peer: the auth record, else the IKE policy. */
static void ike_peer_name(struct hp_ctx *c, struct ike *ike, const struct hp_rec *auth,
			  const struct hp_rec *pol, enum hp_obj cat, const struct hp_rec *h)
{
	if (auth) {
		/* the key, identities, exchange mode and (A.03) IKE version live in the auth record */
		ike->peer_name = arena_printf(c->a, "auth record %s", auth->name);
		ike->peer_span = auth->name_span;
	} else if (pol && !pol->is_default) {
		ike->peer_name = arena_printf(c->a, "%s %s", obj_kinds[pol->obj], pol->name);
		ike->peer_span = pol->name_span;
	} else {
		ike->peer_name = arena_printf(c->a, "%s default", obj_kinds[cat]);
		ike->peer_span = pol ? pol->name_span : h->span;
	}
}

/* The proposal of IKE policy pol (NULL: the built-in default), each value not written a default. */
static void ike_proposal_fill(struct ike_proposal *p, const struct hp_rec *pol, enum hp_obj cat,
			      const struct span *at, const struct hp_rec *h, bool a02)
{
	static const struct algset none;

	p->name = pol && pol->name ? pol->name : "default";
	p->kind = obj_kinds[pol ? pol->obj : cat];
	p->span = pol ? pol->span : h->span;
	p->builtin = !pol;
	def_algset(&p->enc, pol ? &pol->enc : &none, ENC_3DES, at, false);
	if (cat == OBJ_IKEV2) {
		def_algset(&p->integ, pol ? &pol->hash : &none, INTEG_SHA1, at, false);
		def_algset(&p->prf, pol ? &pol->prf : &none, INTEG_SHA1, at, false);
	} else {
		def_algset(&p->hash, pol ? &pol->hash : &none, INTEG_MD5, at, false);
	}
	def_algset(&p->dh, pol ? &pol->dh : &none, 2, at, false);
	/* the A.02 IKE SA lifetime default is [U] */
	def_mint(&p->lifetime_s, pol ? &pol->life_s : NULL, 28800, at, a02);
	if (pol && pol->life_kb.o.prov != PROV_UNSET)
		p->lifetime_kb = pol->life_kb;
}

/* An identity of type IPv4/IPv6 also carries its address. */
static void ident_addr(struct ident *id, const struct ident *written, size_t maxlen)
{
	struct ip128 ip;
	uint8_t fam;

	if ((written->type == ID_IPV4 || written->type == ID_IPV6) && written->value &&
	    strlen(written->value) < maxlen && addr_parse_ip(written->value, &ip, &fam))
		id->addr = aspec_host(&ip, fam);
}

/* PFS: A.02 -maxqm 1 is PFS for keys and identities; A.03 -pfs ON. Either uses the IKE group. */
static void ike_pfs(struct tunnel *t, const struct ike_proposal *p, const struct hp_rec *pol,
		    const struct span *at, bool a02)
{
	int64_t group = p->dh.n ? p->dh.order[0] : 2;

	if (a02 && pol && pol->maxqm.o.prov != PROV_UNSET)
		set_mint(&t->ipsec.pfs, pol->maxqm.v == 1 ? group : 0, &pol->maxqm.o);
	else if (!a02 && pol && pol->pfs.o.prov != PROV_UNSET)
		set_mint(&t->ipsec.pfs, pol->pfs.v ? group : 0, &pol->pfs.o);
	else
		def_mint(&t->ipsec.pfs, NULL, 0, at, false);
}

/* PSK authentication written, but the auth record has no key (or there is no record at all). */
static void check_psk_record(struct hp_ctx *c, const struct ike_proposal *p, const struct hp_rec *auth,
			     const struct hp_rec *h, const struct addrspec *remote)
{
	char rb[64];
	struct finding *f;

	if (p->auth.v != AUTH_PSK || p->auth.o.prov != PROV_WRITTEN || (auth && auth->psk.form != KEY_NONE))
		return;
	if (auth)
		f = hp_fnd(
			c, R_MISSING_MANDATORY, &auth->span,
			"auth record '%s' has no -preshared key, but %s '%s' authenticates with a pre-shared key",
			auth->name, p->kind, p->name);
	else
		f = hp_fnd(
			c, R_MISSING_MANDATORY, &h->span,
			"no auth record holds %s: %s '%s' authenticates with a pre-shared key, which lives in "
			"an auth record",
			remote ? aspec_str(remote, rb, sizeof(rb)) : "the remote endpoint", p->kind, p->name);
	fnd_related(f, &p->auth.o.span, "PSK authentication is chosen here");
	fnd_fp(f, "psk-record|%s", h->name);
}

/* Phase 1 of a tunnel to remote (a host address, or ASPEC_NONE when unknown). */
static struct ike *build_ike(struct hp_ctx *c, struct tunnel *t, const struct hp_rec *h, bool a02)
{
	struct ike *ike = arena_alloc(c->a, sizeof(*ike));
	struct ike_proposal *p = NULL;
	const struct addrspec *remote = t->nremotes ? &t->remotes[0].addr : NULL;
	struct hp_rec *auth = remote ? choose_auth(c, remote, a02) : NULL;
	const struct hp_rec *pol;
	enum hp_obj cat;
	const struct span *at;
	struct mint am;

	memset(ike, 0, sizeof(*ike));
	if (auth)
		auth->used = true;
	cat = ike_versions(ike, auth, h, a02);
	pol = remote ? choose_ike(c, cat, remote) : live_default(c, cat);
	if (pol)
		((struct hp_rec *)pol)->used = true;
	at = pol ? &pol->span : &h->span;
	ike_peer_name(c, ike, auth, pol, cat, h);

	/* authentication method: A.02 the IKE policy's -auth; A.03 the auth record's -local_method */
	if (a02 && pol && pol->auth.o.prov != PROV_UNSET)
		am = pol->auth;
	else if (!a02 && auth && auth->local_method.o.prov != PROV_UNSET)
		am = auth->local_method;
	else
		def_mint(&am, NULL, auth && auth->psk.form != KEY_NONE ? AUTH_PSK : AUTH_RSA_SIG,
			 auth ? &auth->span : at, a02);

	/* the built-in default: one proposal for every tunnel that falls back to it */
	if (!pol)
		p = c->st->builtin_prop[cat][am.v == AUTH_PSK];
	if (!p) {
		p = arena_alloc(c->a, sizeof(*p));
		memset(p, 0, sizeof(*p));
		ike_proposal_fill(p, pol, cat, at, h, a02);
		p->auth = am;
		if (!pol)
			c->st->builtin_prop[cat][am.v == AUTH_PSK] = p;
	}
	ike->proposals = arena_alloc(c->a, sizeof(*ike->proposals));
	ike->proposals[0] = p;
	ike->nproposals = 1;

	if (auth) {
		ike->psk = auth->psk;
		def_mint(&ike->exchange, &auth->exchange, XCHG_MAIN, &auth->span, false);
		ike->local_id = auth->lid;
		ike->remote_id = auth->rid;
		ident_addr(&ike->local_id, &auth->lid, 64);
		ident_addr(&ike->remote_id, &auth->rid, SIZE_MAX);
	} else {
		def_mint(&ike->exchange, NULL, XCHG_MAIN, &h->span, false);
	}
	ike_pfs(t, p, pol, at, a02);
	check_psk_record(c, p, auth, h, remote);
	return ike;
}

static void add_proposals(struct hp_ctx *c, struct tunnel *t, const struct hp_xform *xf, size_t n,
			  bool tunnel_mode, const struct span *at)
{
	t->ipsec.proposals = arena_alloc(c->a, (n ? n : 1) * sizeof(*t->ipsec.proposals));
	for (size_t i = 0; i < n; i++) {
		struct ipsec_proposal *p = arena_alloc(c->a, sizeof(*p));

		memset(p, 0, sizeof(*p));
		p->name = xf[i].name;
		p->kind = "transform";
		p->span = xf[i].span;
		set_mint(&p->proto, xf[i].proto, &(struct origin){xf[i].span, PROV_WRITTEN});
		if (xf[i].enc) {
			algset_add(&p->esp_enc, xf[i].enc);
			p->esp_enc.o = origin_written(&xf[i].span);
		}
		if (xf[i].proto == PROTO_ESP || xf[i].proto == PROTO_AH_ESP) {
			if (xf[i].integ)
				algset_add(&p->esp_integ, xf[i].integ);
			p->esp_integ.o = origin_written(&xf[i].span);
		}
		if (xf[i].ah_integ) {
			algset_add(&p->ah_integ, xf[i].ah_integ);
			p->ah_integ.o = origin_written(&xf[i].span);
		}
		set_mint(&p->mode, tunnel_mode ? ENCAP_TUNNEL : ENCAP_TRANSPORT,
			 &(struct origin){*at, tunnel_mode ? PROV_WRITTEN : PROV_DEFAULT});
		p->lifetime_s = xf[i].life_s;
		p->lifetime_kb = xf[i].life_kb;
		t->ipsec.proposals[t->ipsec.nproposals++] = p;
	}
}

/* The selector of one filter pair. */
static void add_rule(struct hp_ctx *c, struct sel_list *l, const struct hp_filter *s,
		     const struct hp_filter *d, const struct mint *proto, uint32_t id, const struct span *at,
		     const char *text)
{
	struct selector *r = model_sel_list_add(c->dev, l);

	r->action = SEL_PERMIT;
	r->proto = (int16_t)(proto->o.prov != PROV_UNSET ? proto->v : -1);
	if (r->proto < 0 && s && s->svc_proto >= 0)
		r->proto = s->svc_proto;
	if (r->proto < 0 && d && d->svc_proto >= 0)
		r->proto = d->svc_proto;
	r->src = s && s->set ? s->addr : aspec_any(4);
	r->dst = d && d->set ? d->addr : aspec_any(4);
	if (r->src.kind == ASPEC_ANY && r->dst.kind != ASPEC_ANY)
		r->src = aspec_any(r->dst.family);
	if (r->dst.kind == ASPEC_ANY && r->src.kind != ASPEC_ANY)
		r->dst = aspec_any(r->src.family);
	r->sport = s && s->set ? s->port : port_any();
	r->dport = d && d->set ? d->port : port_any();
	r->rule_id = id;
	r->line = at->line;
	r->col = at->col;
	r->end_line = at->end_line;
	r->end_col = at->end_col;
	r->text = text;
}

static void add_filters(struct hp_ctx *c, struct sel_list *l, const struct hp_rec *r, uint32_t id,
			const char *text)
{
	unsigned ns = r->nsrc ? r->nsrc : 1, nd = r->ndst ? r->ndst : 1;

	for (unsigned i = 0; i < ns; i++)
		for (unsigned j = 0; j < nd; j++)
			add_rule(c, l, r->nsrc ? &r->src[i] : NULL, r->ndst ? &r->dst[j] : NULL, &r->proto,
				 id, &r->span, text);
}

static bool endpoint_from_filter(const struct hp_filter *f, unsigned n, struct endpoint *ep)
{
	if (n != 1 || !f->set || f->addr.kind != ASPEC_CUBE || !aspec_is_host(&f->addr))
		return false;
	ep->addr = f->addr;
	ep->o = f->o;
	return true;
}

static void add_manual(struct hp_ctx *c, struct tunnel *t, const struct hp_rec *r)
{
	struct manual_sa *m = arena_alloc(c->a, sizeof(*m));

	memset(m, 0, sizeof(*m));
	for (int dir = 0; dir < 2; dir++) {
		const struct hp_manual *hm = dir == SA_IN ? &r->in : &r->out;
		int proto;

		if (!hm->set)
			continue;
		proto = strcmp(hm->proto, "AH") == 0 ? SA_AH : SA_ESP;
		m->h[dir][proto].spi = hm->spi;
		m->h[dir][proto].auth_key = hm->auth_key;
		m->h[dir][proto].enc_key = hm->enc_key;
	}
	t->manual = m;
}

/* A tunnel policy without -action: the TunnelPolicy-Defaults action [C:S5 p83]. */
static void add_default_proposal(struct hp_ctx *c, struct tunnel *t, const struct hp_rec *tp)
{
	struct hp_xform dflt;

	memset(&dflt, 0, sizeof(dflt));
	dflt.name = "ESP_AES128_HMAC_SHA1";
	dflt.span = tp->span;
	dflt.proto = PROTO_ESP;
	dflt.enc = ENC_AES128;
	dflt.integ = INTEG_SHA1;
	dflt.life_s.v = 28800;
	dflt.life_s.o = origin_at(&tp->span, PROV_DEFAULT);
	dflt.life_kb.v = 0;
	dflt.life_kb.o = origin_at(&tp->span, PROV_DEFAULT);
	add_proposals(c, t, &dflt, 1, true, &tp->span);
	for (size_t i = 0; i < t->ipsec.nproposals; i++) {
		t->ipsec.proposals[i]->proto.o.prov = PROV_DEFAULT;
		t->ipsec.proposals[i]->esp_enc.o.prov = PROV_DEFAULT;
		t->ipsec.proposals[i]->esp_integ.o.prov = PROV_DEFAULT;
	}
}

/* One host policy that protects traffic: a transport or tunnel-mode tunnel. */
static void build_host(struct hp_ctx *c, struct hp_rec *h, bool a02)
{
	struct hp_rec *tp = NULL;
	const struct hp_rec *carrier; /* the record with the selectors, transforms and keys */
	struct tunnel *t;
	struct endpoint ep;
	bool manual;

	if (h->tunnel) {
		model_ref(c->dev, "tunnel policy", h->tunnel, &h->tunnel_span);
		tp = rec_find(c, OBJ_TUNNEL, h->tunnel);
		if (!tp)
			return; /* undefined-reference, from the checker */
		if (h->action == ACT_XFORMS && h->ndst == 1 && tp->tdest.addr.kind != ASPEC_NONE &&
		    endpoint_from_filter(h->dst, h->ndst, &ep) &&
		    aspec_compare(&ep.addr, &tp->tdest.addr) == REL_EQUAL) {
			struct finding *f =
				hp_fnd(c, R_INVALID_VALUE, &h->action_span,
				       "host policy '%s' uses transforms inside the end-to-end tunnel '%s': "
				       "its action must be PASS",
				       h->name, tp->name);

			fnd_related(f, &tp->tdest.o.span, "the tunnel ends at the same host as the policy");
		}
	} else if (h->action != ACT_XFORMS && !h->in.set && !h->out.set) {
		return; /* PASS or DISCARD: no SA */
	}
	carrier = tp ? tp : h;
	manual = carrier->in.set || carrier->out.set;
	t = model_tunnel_new(c->dev, manual ? TK_MANUAL : TK_ISAKMP, arena_printf(c->a, "host:%s", h->name),
			     arena_printf(c->a, "host policy %s", h->name), &h->span);
	t->group = "host";
	t->seq = h->priority.v;
	t->applied = true;
	t->applied_span = h->span;

	/* endpoints: the tunnel policy's, else the packet's own (a host filter) */
	if (tp && tp->tsource.addr.kind != ASPEC_NONE)
		t->local = tp->tsource;
	else if (endpoint_from_filter(h->src, h->nsrc, &ep))
		t->local = ep;
	if (tp && tp->tdest.addr.kind != ASPEC_NONE)
		model_tunnel_add_remote(t, &tp->tdest.addr, &tp->tdest.o);
	else if (endpoint_from_filter(h->dst, h->ndst, &ep))
		model_tunnel_add_remote(t, &ep.addr, &ep.o);

	t->selectors = model_sel_list_new(c->dev, carrier->name, &carrier->span);
	t->selectors->list_kind = obj_kinds[carrier->obj];
	t->selectors->refs++;
	add_filters(c, t->selectors, carrier, (uint32_t)(tp ? 1 : h->priority.v),
		    arena_printf(c->a, "%s '%s'", obj_kinds[carrier->obj], carrier->name));

	if (carrier->action == ACT_XFORMS) {
		add_proposals(c, t, carrier->xf, carrier->nxf, tp != NULL, &carrier->span);
	} else if (tp) {
		add_default_proposal(c, t, tp);
	}
	if (manual)
		add_manual(c, t, carrier);
	else
		t->ike = build_ike(c, t, h, a02);
}

/* The device's own addresses: host sources, tunnel sources and bypass entries. */
static void add_addrs(struct hp_ctx *c)
{
	for (size_t i = 0; i < c->st->nrecs; i++) {
		const struct hp_rec *r = c->st->recs[i];
		struct endpoint ep;

		if (r->deleted)
			continue;
		if (r->obj == OBJ_HOST && endpoint_from_filter(r->src, r->nsrc, &ep))
			model_device_add_addr(c->dev, &ep.addr,
					      arena_printf(c->a, "host policy %s -source", r->name), &ep.o);
		else if (r->obj == OBJ_TUNNEL && r->tsource.addr.kind != ASPEC_NONE)
			model_device_add_addr(c->dev, &r->tsource.addr,
					      arena_printf(c->a, "tunnel policy %s -tsource", r->name),
					      &r->tsource.o);
		else if (r->obj == OBJ_BYPASS)
			model_device_add_addr(c->dev, &r->bypass.addr, "bypass", &r->bypass.o);
	}
}

/* Does the host policy put its traffic into an SA (transport, tunnel or manual keys)? */
static bool protects(const struct hp_rec *h)
{
	return h->action == ACT_XFORMS || h->tunnel || h->in.set || h->out.set;
}

/*
 * The host policies in evaluation order as one selector list: bypass entries
 * first (an open PASS policy for the local address [C:S6 p95]), then every
 * host policy by priority, PASS and DISCARD as deny rules. The checker reports
 * a policy this list never lets a packet reach.
 */
static void build_spd(struct hp_ctx *c, struct hp_rec **hosts, size_t nh)
{
	size_t nb;
	struct hp_rec **byp = live(c, OBJ_BYPASS, &nb);
	struct sel_list *l;

	if (nh + nb < 2) {
		free(byp);
		return;
	}
	/* bypass entries alone (no host policy) still make a list */
	l = model_sel_list_new(c->dev, "host policies", nh ? &hosts[0]->span : &byp[0]->span);
	l->rule_kind = "host policy";
	/* a protecting host policy is also a tunnel of group "host" in priority order: one
	 * shadowed by another is said once, by the tunnels' check */
	l->permits_are_tunnels = true;
	for (size_t i = 0; i < nb; i++) {
		struct hp_filter f = {
			.addr = byp[i]->bypass.addr, .port = port_any(), .svc_proto = -1, .set = true};
		struct mint any = {-1, {byp[i]->span, PROV_DEFAULT}};

		add_rule(c, l, &f, NULL, &any, 0, &byp[i]->span,
			 arena_printf(c->a, "bypass entry %s", byp[i]->name));
		l->rules[l->n - 1].action = SEL_DENY;
	}
	for (size_t i = 0; i < nh; i++) {
		const struct hp_rec *h = hosts[i];
		size_t first = l->n;

		add_filters(c, l, h, (uint32_t)h->priority.v,
			    arena_printf(c->a, "host policy '%s' (priority %lld%s)", h->name,
					 (long long)h->priority.v, h->auto_priority ? ", automatic" : ""));
		for (size_t k = first; k < l->n; k++)
			l->rules[k].action = protects(h) ? SEL_PERMIT : SEL_DENY;
	}
	free(byp);
}

/* IKE policies by priority: the first whose -remote holds the peer wins (§3.1). */
static void build_ike_order(struct hp_ctx *c, enum hp_obj obj)
{
	size_t n;
	struct hp_rec **v = live(c, obj, &n);
	struct sel_list *l;

	if (n < 2) {
		free(v);
		return;
	}
	l = model_sel_list_new(c->dev, obj_kinds[obj], &v[0]->span);
	l->rule_kind = obj_kinds[obj];
	for (size_t i = 0; i < n; i++) {
		struct hp_filter any = {.addr = aspec_any(v[i]->remote.addr.family),
					.port = port_any(),
					.svc_proto = -1,
					.set = true};
		struct mint all = {-1, {v[i]->span, PROV_DEFAULT}};

		if (!v[i]->remote.set)
			continue;
		add_rule(c, l, &any, &v[i]->remote, &all, (uint32_t)v[i]->priority.v, &v[i]->span,
			 arena_printf(c->a, "%s '%s' (priority %lld%s)", obj_kinds[obj], v[i]->name,
				      (long long)v[i]->priority.v, v[i]->auto_priority ? ", automatic" : ""));
	}
	free(v);
}

static void finish_dialect(struct hp_ctx *c)
{
	struct hp_state *st = c->st;

	if (st->a02_seen && st->a03_seen) {
		struct finding *f =
			hp_fnd(c, R_UNKNOWN_STATEMENT, &st->a02_at,
			       "this is A.02 syntax, but the file also uses A.03 syntax (line %u): "
			       "ipseclint reads the file as A.03",
			       st->a03_at.line);

		fnd_related(f, &st->a03_at, "A.03 syntax");
		fnd_set_hint(f, "one file configures one host: use the syntax of its IPSec version");
		st->a02_seen = false;
	}
	c->dev->dialect = st->a02_seen ? DIALECT_HPUX_A02 : DIALECT_HPUX_A03;
	if (c->dev->dialect != DIALECT_HPUX_A03)
		return;
	/* DES is gone in A.03 [C:S7] */
	for (size_t i = 0; i < st->nrecs; i++) {
		const struct hp_rec *r = st->recs[i];

		if (r->deleted)
			continue;
		for (size_t k = 0; k < r->nxf; k++)
			if (r->xf[k].enc == ENC_DES)
				hp_fnd(c, R_INVALID_VALUE, &r->xf[k].span,
				       "transform %s uses DES, which HP-UX IPSec A.03 no longer supports",
				       r->xf[k].name);
		if (algset_has(&r->enc, ENC_DES))
			hp_fnd(c, R_INVALID_VALUE, &r->enc.o.span,
			       "-encryption DES: HP-UX IPSec A.03 no longer supports DES");
	}
}

/* Device name: the file name without directories and extension. */
static void hp_build(struct hp_ctx *c)
{
	struct hp_state *st = c->st;
	struct device *d = c->dev;
	size_t nh, nt;
	struct hp_rec **hosts, **tuns;
	bool a02;

	parse_name_from_file(c->pf, d, "hpux");
	finish_dialect(c);
	a02 = d->dialect == DIALECT_HPUX_A02;

	add_addrs(c);
	tuns = live(c, OBJ_TUNNEL, &nt);
	for (size_t i = 0; i < nt; i++)
		model_def(d, "tunnel policy", tuns[i]->name, &tuns[i]->name_span, false);
	hosts = live(c, OBJ_HOST, &nh);
	for (size_t i = 0; i < nh; i++)
		build_host(c, hosts[i], a02);
	build_spd(c, hosts, nh);
	build_ike_order(c, a02 ? OBJ_IKE : OBJ_IKEV1);
	if (!a02)
		build_ike_order(c, OBJ_IKEV2);
	model_resolve_refs(d);

	/* a tunnel policy no host policy names never protects anything (the checker says so) */
	for (size_t i = 0; i < d->ndefs; i++) {
		struct mdef *m = d->defs[i];

		if (strcmp(m->kind, "tunnel policy") != 0)
			continue;
		m->unused_means = DEF_UNUSED_POLICY;
		m->unused_msg = arena_printf(
			c->a,
			"tunnel policy '%s' is named by no host policy (-tunnel %s): it never protects anything",
			m->name, m->name);
	}
	/* IKE policies and auth records no tunnel chooses */
	for (size_t i = 0; i < st->nrecs; i++) {
		struct hp_rec *r = st->recs[i];
		struct mdef *m;

		if (r->deleted || r->is_default ||
		    (r->obj != OBJ_AUTH && r->obj != OBJ_IKE && r->obj != OBJ_IKEV1 && r->obj != OBJ_IKEV2))
			continue;
		m = model_def(d, obj_kinds[r->obj], r->name, &r->name_span, false);
		m->refs = r->used ? 1 : 0;
	}
	free(hosts);
	free(tuns);
}

void hpux_parse(struct parsed_file *pf)
{
	struct hp_state st;
	struct hp_ctx c;
	yyscan_t sc;

	memset(&st, 0, sizeof(st));
	DRV_BEGIN(c, pf, VENDOR_HPUX);
	c.scratch = parse_scratch();
	c.st = &st;
	c.line = 1;
	c.op_start = true;

	if (hpux_yylex_init_extra(&c, &sc) != 0)
		util_die_oom();
	hpux_yy_scan_bytes(pf->src.text, (int)pf->src.len, sc);
	hpux_yyparse(sc, &c);
	hpux_yylex_destroy(sc);

	hp_build(&c);
	pf->dev = c.dev;
	pf->status = st.nsyntax ? FILE_PARTIAL : FILE_OK;

	free(st.words);
	free(st.args);
	free(st.recs);
}
