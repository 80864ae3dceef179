/* SPDX-License-Identifier: MIT */
/*
 * parsers/huawei.c - the Huawei VRP driver: line classification for the
 * scanner, the builders the grammar calls, and the model built after the
 * parse with the defaults of each dialect (formats/huawei-vrp.md).
 *
 * Three passes over nothing but the driver's own records:
 *   1. while parsing, builders record what each view wrote (struct hw_peer,
 *      hw_pol, ...) and queue input-level findings (invalid-value, ...);
 *   2. after the parse the dialect is decided from the evidence collected
 *      (AR-old, AR-new, USG, USG-E; VRP8 and H3C Comware lookalikes);
 *   3. hw_build() applies the dialect's defaults, resolves names, records
 *      definitions and references and builds one struct tunnel per
 *      `ipsec policy NAME SEQ` and per bound `ipsec profile`.
 *
 * Secrets: keys are copied into the model only; no message built here
 * contains a key, and a word that could be one is never quoted.
 */
#include "parsers/huawei.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hmap.h"
#include "grammars/huawei.tab.h"

/* flex's header names the parser's types YYSTYPE and YYLTYPE */
#define YYSTYPE HUAWEI_YYSTYPE
#define YYLTYPE HUAWEI_YYLTYPE
#include "grammars/huawei.lex.h"

/* ---- driver records ------------------------------------------------------- */

struct hw_name {
	const char *name;
	struct span span;
};

struct hw_ikep {
	struct ike_proposal *p;
	bool numeric;
	uint64_t num;
	bool printed_default; /* `ike proposal default` written in the file */
};

struct hw_peer {
	const char *name;
	struct span span;
	int hdr_ver; /* AR-old `ike peer NAME v1|v2`: 1 or 2, 0 none */
	struct span hdr_span;
	unsigned ver_on, ver_off; /* `version N` / `undo version N` lines */
	struct span ver_span;
	struct mint exchange;
	struct key psk;
	struct hw_name ikep; /* ike-proposal N */
	struct endpoint local;
	bool local_bad;
	struct endpoint *remotes;
	size_t nremotes, remotes_cap;
	enum id_type lid_type, rid_type;
	bool lid_type_set, rid_type_set;
	struct span lid_type_span, rid_type_span;
	struct hw_name lid, rid, rid_type_val;
	struct mint nat;
	struct ike *ike; /* built once, shared by the tunnels using the peer */
};

struct hw_ipsp {
	struct ipsec_proposal *p;
};

struct hw_pol {
	enum hw_pol_kind kind;
	const char *group;
	uint64_t seq;
	struct span span;
	struct hw_name tpl;  /* isakmp template T */
	struct hw_name acl;  /* security acl */
	struct hw_name peer; /* ike-peer */
	struct hw_name *props;
	size_t nprops, props_cap;
	struct mint pfs, life_s, life_kb;
	bool local_applied;
	struct span local_span;
	struct endpoint local;
	bool local_bad;
	struct endpoint *remotes; /* tunnel remote */
	size_t nremotes, remotes_cap;
	bool remote_bad;
	bool disabled;
	struct span disabled_span;
	struct manual_sa *msa;
	bool msa_key[2][2]; /* a key was written for [dir][proto] */
};

struct hw_iface {
	const char *name;
	struct span span;
	bool has_addr;
	struct addrspec addr; /* primary host address */
	struct span addr_span;
	struct hw_name pol, prof;
	struct hw_iface *prof_next; /* the next interface bound to the same profile */
	bool src_set, src_is_if, src_bad;
	const char *src_if;
	struct addrspec src;
	struct span src_span;
	bool dst_set, dst_bad;
	struct addrspec dst;
	struct span dst_span;
};

struct hw_acl {
	struct sel_list *l;
	unsigned step;
	uint32_t max_id;
};

struct hw_shared {
	struct hw_name ifname;
	struct span span;
};

struct hw_rule {
	bool active, bad;
	struct selector s;
	bool id_given;
	struct span kw_span;
};

/* Evidence for a lookalike dialect: a score and the first place it was seen. */
struct hw_evidence {
	int score;
	bool seen;
	struct span at;
	char what[80];
};

enum { FOREIGN_VRP8 = 0, FOREIGN_H3C = 1 };

enum hw_mkind {
	HM_IKEP = 1,
	HM_PEER,
	HM_IPSP,
	HM_ACL,
	HM_POL,
	HM_TPL,
	HM_TPLNAME,
	HM_PROF,
	HM_IFACE,
	HM_SHARED,
	HM_BIND,
	HM_GROUP,
	HM_PROF_IFACES, /* profile name -> first interface bound to it (hw_build) */
	HM_NKINDS
};

#define VEC(type, name) \
	type *name;     \
	size_t n##name, name##_cap

struct hw_state {
	struct hmap map[HM_NKINDS]; /* name -> object, one map per kind */
	struct hmap texts;	    /* text -> the model's copy, for intern_pair() */
	VEC(struct hw_ikep *, ikeps);
	VEC(struct hw_peer *, peers);
	VEC(struct hw_ipsp *, ipsps);
	VEC(struct hw_pol *, pols);
	VEC(struct hw_iface *, ifaces);
	VEC(struct hw_acl *, acls);
	/* the open view */
	struct hw_ikep *ikep;
	struct hw_peer *peer;
	struct hw_ipsp *ipsp;
	struct hw_pol *pol;
	struct hw_acl *acl;
	struct hw_iface *iface;
	/* the open view, for messages: kind, name and sequence number (-1: none) */
	const char *desc_kind, *desc_name;
	int64_t desc_seq;
	char descbuf[160];
	struct hw_rule rule;
	/* system view */
	struct hw_name sysname, local_name;
	struct mint gdur_s, gdur_kb;
	/* prompts of CLI transcripts */
	char prompt_base[64];
	size_t prompt_base_len;
	/* dialect evidence */
	int dl[DIALECT_HW_USG_E + 1];
	struct hw_evidence foreign[2];
	unsigned nsyntax;
	struct ike_proposal *builtin_default; /* the unprinted `ike proposal default` */
};

/* ---- small helpers -------------------------------------------------------- */

static struct span line_span(const struct hw_ctx *c, uint32_t line, size_t col0, size_t len)
{
	return span_make(c->src, line, (uint32_t)col0 + 1, line, (uint32_t)(col0 + (len ? len : 1)));
}

/*
 * A token as a C string of its own length: a NUL byte inside (a damaged
 * file) becomes '?', so that the name keeps the length the maps were given.
 */
static char *tokdup(struct hw_ctx *c, const struct drv_tok *t)
{
	char *p = arena_alloc(c->a, (size_t)t->len + 1);

	for (size_t i = 0; i < t->len; i++)
		p[i] = t->s[i] ? t->s[i] : '?';
	return p;
}

static bool tok_is(const struct drv_tok *t, const char *s)
{
	size_t n = strlen(s);
	return t->len == n && memcmp(t->s, s, n) == 0;
}

static bool mem_is(const char *p, size_t n, const char *s)
{
	size_t m = strlen(s);
	return n == m && memcmp(p, s, m) == 0;
}

static bool mem_starts(const char *p, size_t n, const char *s)
{
	size_t m = strlen(s);
	return n >= m && memcmp(p, s, m) == 0;
}

/* Is needle (NUL-terminated) somewhere in p[0..n)? */
static bool mem_find(const char *p, size_t n, const char *needle, size_t m)
{
	if (!m)
		return true;
	for (size_t i = 0; i + m <= n; i++) {
		const char *q = memchr(p + i, needle[0], n - m + 1 - i);
		if (!q)
			return false;
		i = (size_t)(q - p);
		if (memcmp(q, needle, m) == 0)
			return true;
	}
	return false;
}

#define SHOW(t, buf) parse_show((t)->s, (t)->len, (buf), sizeof(buf))

/* Keyword-shaped: letters, digits and '-', starting with a letter (safe to quote). */
static bool keyword_shaped(const char *s, size_t n)
{
	if (!n || n > 40 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '-' || ch == '_'))
			return false;
	}
	return true;
}

#define hw_fnd(c, r, at, ...) fnd_add(&(c)->pf->fs, (r), (at), __VA_ARGS__)

static void set_desc(struct hw_ctx *c, const char *kind, const char *name, int64_t seq)
{
	c->st->desc_kind = kind;
	c->st->desc_name = name;
	c->st->desc_seq = seq;
}

/* "ike peer 'HQ'", "ipsec policy 'VPN 10'": the open view, formatted only for a message */
static const char *desc(const struct hw_ctx *c)
{
	struct hw_state *st = c->st;
	char sh[64];

	if (!st->desc_kind)
		return "this view";
	if (!st->desc_name)
		return st->desc_kind;
	parse_show(st->desc_name, strlen(st->desc_name), sh, sizeof(sh));
	if (st->desc_seq >= 0)
		snprintf(st->descbuf, sizeof(st->descbuf), "%s '%s %lld'", st->desc_kind, sh,
			 (long long)st->desc_seq);
	else
		snprintf(st->descbuf, sizeof(st->descbuf), "%s '%s'", st->desc_kind, sh);
	return st->descbuf;
}

/* Grow an arena-held array (an outgrown block is released for reuse). */
static void *agrow(struct arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	size_t ncap;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : (sz >= 64 ? 1 : 64 / sz);
	v = arena_resize(a, *cap ? v : NULL, *cap * sz, ncap * sz);
	*cap = ncap;
	return v;
}

#define APUSH(a, v, n, cap, x)                                    \
	do {                                                      \
		(v) = agrow((a), (v), (n), &(cap), sizeof(*(v))); \
		(v)[(n)++] = (x);                                 \
	} while (0)

#define XPUSH(v, n, cap, x)                    \
	do {                                   \
		VEC_GROW((v), (cap), (n) + 1); \
		(v)[(n)++] = (x);              \
	} while (0)

/* ---- name map ------------------------------------------------------------- */

static void *map_get(const struct hmap *m, unsigned kind, const char *k, size_t n)
{
	const uintptr_t *v = hmap_find(&m[kind], k, n);

	return v ? (void *)*v : NULL;
}

static void map_put(struct hmap *m, unsigned kind, const char *k, size_t n, void *val)
{
	*hmap_put(&m[kind], k, n, NULL) = (uintptr_t)val;
}

static void *map_gets(const struct hmap *m, unsigned kind, const char *s)
{
	return s ? map_get(m, kind, s, strlen(s)) : NULL;
}

/* ---- dialect and lookalike evidence --------------------------------------- */

static void dl_note(struct hw_ctx *c, enum dialect d, int weight)
{
	c->st->dl[d] += weight;
}

static void foreign_note(struct hw_ctx *c, int fam, int weight, const struct span *at, const char *what)
{
	struct hw_evidence *e = &c->st->foreign[fam];

	e->score += weight;
	if (!e->seen) {
		e->seen = true;
		e->at = *at;
		snprintf(e->what, sizeof(e->what), "%s", what);
	}
}

/* ---- vocabulary ----------------------------------------------------------- */

struct vmap {
	const char *word;
	int v;
};

static bool vlookup(const struct vmap *m, size_t n, const char *s, size_t len, int *out)
{
	for (size_t i = 0; i < n; i++) {
		if (mem_is(s, len, m[i].word)) {
			*out = m[i].v;
			return true;
		}
	}
	return false;
}

static const struct vmap ike_enc_words[] = {
	{"des-cbc", ENC_DES},
	{"3des-cbc", ENC_3DES},
	{"aes-cbc-128", ENC_AES128},
	{"aes-cbc-192", ENC_AES192},
	{"aes-cbc-256", ENC_AES256},
	{"des", ENC_DES},
	{"3des", ENC_3DES},
	{"aes-128", ENC_AES128},
	{"aes-192", ENC_AES192},
	{"aes-256", ENC_AES256},
	{"sm4", ENC_SM4},
	{"sm1", ENC_SM1},
	{"aes-gcm-128", ENC_AES128_GCM},
	{"aes-gcm-192", ENC_AES192_GCM},
	{"aes-gcm-256", ENC_AES256_GCM},
	{"aes-128-gcm", ENC_AES128_GCM},
	{"aes-192-gcm", ENC_AES192_GCM},
	{"aes-256-gcm", ENC_AES256_GCM},
};

static const struct vmap hash_words[] = {
	{"md5", INTEG_MD5},
	{"sha1", INTEG_SHA1},
	{"sha2-256", INTEG_SHA256},
	{"sha2-384", INTEG_SHA384},
	{"sha2-512", INTEG_SHA512},
	{"sm3", INTEG_SM3},
	{"aes-xcbc-mac-96", INTEG_AES_XCBC},
};

static const struct vmap integ_words[] = {
	{"hmac-md5-96", INTEG_MD5},	 {"hmac-sha1-96", INTEG_SHA1},
	{"hmac-sha2-256", INTEG_SHA256}, {"hmac-sha2-384", INTEG_SHA384},
	{"hmac-sha2-512", INTEG_SHA512}, {"aes-xcbc-mac-96", INTEG_AES_XCBC},
	{"hmac-sm3", INTEG_SM3},	 {"sm3", INTEG_SM3},
};

static const struct vmap prf_words[] = {
	{"hmac-md5", INTEG_MD5},
	{"hmac-sha1", INTEG_SHA1},
	{"hmac-sha2-256", INTEG_SHA256},
	{"hmac-sha2-384", INTEG_SHA384},
	{"hmac-sha2-512", INTEG_SHA512},
	{"aes-xcbc-128", INTEG_AES_XCBC},
	{"aes-xcbc-mac-96", INTEG_AES_XCBC},
	{"hmac-sm3", INTEG_SM3},
};

static const struct vmap esp_enc_words[] = {
	{"des", ENC_DES},
	{"3des", ENC_3DES},
	{"aes-128", ENC_AES128},
	{"aes-192", ENC_AES192},
	{"aes-256", ENC_AES256},
	{"aes-cbc-128", ENC_AES128},
	{"aes-cbc-192", ENC_AES192},
	{"aes-cbc-256", ENC_AES256},
	{"sm1", ENC_SM1},
	{"sm4", ENC_SM4},
	{"aes-128-gcm-128", ENC_AES128_GCM},
	{"aes-192-gcm-128", ENC_AES192_GCM},
	{"aes-256-gcm-128", ENC_AES256_GCM},
	{"aes-128-gmac", ENC_AES128_GMAC},
	{"aes-192-gmac", ENC_AES192_GMAC},
	{"aes-256-gmac", ENC_AES256_GMAC},
};

static const struct vmap esp_auth_words[] = {
	{"md5", INTEG_MD5},	    {"sha1", INTEG_SHA1},	{"sha2-256", INTEG_SHA256},
	{"sha2-384", INTEG_SHA384}, {"sha2-512", INTEG_SHA512}, {"sm3", INTEG_SM3},
};

static const struct vmap auth_method_words[] = {
	{"pre-share", AUTH_PSK},	 {"rsa-signature", AUTH_RSA_SIG},
	{"rsa-sig", AUTH_RSA_SIG},	 {"digital-envelope", AUTH_DIGITAL_ENVELOPE},
	{"ecdsa-signature", AUTH_ECDSA},
};

static const struct vmap id_type_words[] = {
	{"ip", ID_IPV4},       {"ipv4", ID_IPV4},	    {"ipv6", ID_IPV6},
	{"fqdn", ID_FQDN},     {"user-fqdn", ID_USER_FQDN}, {"dn", ID_DN},
	{"key-id", ID_KEY_ID}, {"name", ID_FQDN}, /* AR-old `local-id-type name`: the ike local-name, sent as FQDN [I] */
};

static const struct vmap port_names[] = {
	{"bgp", 179},	      {"biff", 512},	   {"bootpc", 68},	 {"bootps", 67}, {"chargen", 19},
	{"cmd", 514},	      {"daytime", 13},	   {"discard", 9},	 {"dns", 53},	 {"domain", 53},
	{"echo", 7},	      {"exec", 512},	   {"finger", 79},	 {"ftp", 21},	 {"ftp-data", 20},
	{"gopher", 70},	      {"hostname", 101},   {"http", 80},	 {"https", 443}, {"irc", 194},
	{"klogin", 543},      {"kshell", 544},	   {"login", 513},	 {"lpd", 515},	 {"nameserver", 42},
	{"netbios-dgm", 138}, {"netbios-ns", 137}, {"netbios-ssn", 139}, {"nntp", 119},	 {"ntp", 123},
	{"pop2", 109},	      {"pop3", 110},	   {"rip", 520},	 {"smtp", 25},	 {"snmp", 161},
	{"snmptrap", 162},    {"sunrpc", 111},	   {"syslog", 514},	 {"tacacs", 49}, {"tacacs-ds", 65},
	{"talk", 517},	      {"telnet", 23},	   {"tftp", 69},	 {"time", 37},	 {"uucp", 540},
	{"who", 513},	      {"whois", 43},	   {"www", 80},		 {"xdmcp", 177},
};

/* "group14", "dh-group14" (pfs) or a bare number */
static bool parse_dh(const struct drv_tok *t, const char *prefix, int *out)
{
	struct drv_tok n = *t;
	size_t pl = strlen(prefix);
	uint64_t v;

	if (t->len > pl && memcmp(t->s, prefix, pl) == 0) {
		n.s += pl;
		n.len -= (uint32_t)pl;
	}
	if (!drv_tok_uint(&n, 64, &v) || !vocab_dh_is_known((int)v))
		return false;
	*out = (int)v;
	return true;
}

/* ---- keys ----------------------------------------------------------------- */

static bool is_device_cipher(const char *s, size_t n)
{
	static const char *const delims[] = {"%^%#", "%$%$", "%@%@", "@%@%", "%#%#"};

	for (size_t i = 0; i < ARRAY_SIZE(delims); i++) {
		if (n >= 8 && memcmp(s, delims[i], 4) == 0 && memcmp(s + n - 4, delims[i], 4) == 0)
			return true;
	}
	return false;
}

static bool is_base64ish(const char *s, size_t n)
{
	if (n < 16 || n % 4 || s[n - 1] != '=')
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '+' || ch == '/' || ch == '='))
			return false;
	}
	return true;
}

/*
 * A key token into struct key: quotes stripped; the Huawei cipher shapes (and
 * H3C's) are device ciphers whatever keyword came before them.
 */
static void make_key(struct hw_ctx *c, struct key *k, const struct drv_tok *t, const struct span *at,
		     enum hw_keyform form, bool hex)
{
	const char *s = t->s;
	size_t n = t->len;

	memset(k, 0, sizeof(*k));
	k->o = origin_written(at);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
	}
	if (is_device_cipher(s, n)) {
		k->form = KEY_DEVICE_CIPHER;
	} else if (n > 5 && memcmp(s, "$c$3$", 5) == 0) {
		k->form = KEY_DEVICE_CIPHER;
		foreign_note(c, FOREIGN_H3C, 2, at, "H3C '$c$3$' key cipher");
	} else if (form == HW_KF_CIPHER && is_base64ish(s, n)) {
		k->form = KEY_DEVICE_CIPHER;
		foreign_note(c, FOREIGN_H3C, 2, at, "H3C base64 key cipher after 'cipher'");
	} else if (hex && model_key_hex(c->a, s, n, k)) {
		return;
	} else {
		k->form = KEY_PLAIN;
		k->hex_looking = model_key_looks_hex(s, n);
	}
	k->len = n;
	k->bytes = arena_memdup(c->a, s, n);
}

/* ---- addresses ------------------------------------------------------------ */

/* An address token: false (and an invalid-value at the token) when it is not one. */
static bool parse_addr(struct hw_ctx *c, const struct drv_tok *t, const struct drv_loc *l, const char *what,
		       struct ip128 *ip, uint8_t *fam)
{
	char sh[64];
	struct span at;
	struct finding *f;

	if (addr_parse_ipn(t->s, t->len, ip, fam))
		return true;
	at = drv_span(c->src, l);
	f = hw_fnd(c, R_INVALID_VALUE, &at, "%s '%s' in %s is not an IP address", what, SHOW(t, sh), desc(c));
	if (memchr(t->s, 'x', t->len) || memchr(t->s, '*', t->len))
		fnd_set_hint(f,
			     "the address is masked: give the real address, or the tunnel cannot be paired");
	return false;
}

static bool parse_endpoint(struct hw_ctx *c, const struct drv_tok *t, const struct drv_loc *l,
			   const char *what, struct endpoint *ep)
{
	struct ip128 ip;
	uint8_t fam;
	struct span at = drv_span(c->src, l);

	memset(ep, 0, sizeof(*ep));
	if (!parse_addr(c, t, l, what, &ip, &fam))
		return false;
	ep->addr = aspec_host(&ip, fam);
	ep->addr.text = tokdup(c, t);
	ep->o = origin_written(&at);
	return true;
}

/* ---- scanner support ------------------------------------------------------ */

static const char *src_ptr(const struct hw_ctx *c, const char *lexp)
{
	return c->src->text + c->ls.chunk_off + (size_t)(lexp - c->ls.base);
}

#define HW_CHUNK ((size_t)1 << 20)

bool hw_lex_chunk(struct hw_ctx *c, const char **p, size_t *n)
{
	size_t len = c->src->len, off = c->ls.next_off, end;
	const char *nl;

	if (len > (size_t)INT32_MAX - 2)
		len = (size_t)INT32_MAX - 2; /* flex buffer sizes are int */
	if (off >= len || !c->src->text)
		return false;
	end = len - off > HW_CHUNK ? off + HW_CHUNK : len;
	if (end < len) {
		nl = memchr(c->src->text + end, '\n', len - end);
		end = nl ? (size_t)(nl - c->src->text) + 1 : len;
	}
	c->ls.chunk_off = off;
	c->ls.next_off = end;
	*p = c->src->text + off;
	*n = end - off;
	return true;
}

char *hw_lex_buffer(struct hw_ctx *c, const char *p, size_t n)
{
	if (c->ls.buf_cap < n + 2) {
		/* a file of one chunk needs no more; the chunks of a larger one are a
		 * line longer or shorter than HW_CHUNK, the last one shorter */
		size_t cap = c->ls.next_off < c->src->len ? HW_CHUNK + HW_CHUNK / 8 : 0;

		free(c->ls.buf);
		c->ls.buf_cap = n + 2 > cap ? n + 2 : cap;
		c->ls.buf = xmalloc(c->ls.buf_cap);
	}
	memcpy(c->ls.buf, p, n);
	c->ls.buf[n] = c->ls.buf[n + 1] = '\0';
	return c->ls.buf;
}

void hw_lex_token(struct hw_ctx *c, const char *text, size_t len, struct drv_tok *val, struct drv_loc *lloc)
{
	uint32_t col = (uint32_t)(text - c->ls.line_start) + 1;

	val->s = src_ptr(c, text);
	val->len = (uint32_t)len;
	lloc->first_line = lloc->last_line = c->ls.line;
	lloc->first_column = col;
	lloc->last_column = col + (uint32_t)len - 1;
	c->ls.last_end_col = lloc->last_column;
}

void hw_lex_newline(struct hw_ctx *c, const char *text, struct drv_tok *val, struct drv_loc *lloc, bool eof)
{
	(void)eof;
	(void)text;
	val->s = "";
	val->len = 0;
	lloc->first_line = lloc->last_line = c->ls.line;
	lloc->first_column = lloc->last_column = c->ls.last_end_col + 1;
}

void hw_lex_blank(struct hw_ctx *c, const char *text)
{
	c->ls.line++;
	c->ls.line_start = text;
	c->ls.last_end_col = 0;
}

void hw_lex_comment(struct hw_ctx *c, const char *text, size_t len)
{
	uint32_t col = (uint32_t)(text - c->ls.line_start);
	struct span at = line_span(c, c->ls.line, col, 2);
	struct finding *f;

	(void)len;
	f = hw_fnd(c, R_SYNTAX_ERROR, &at, "'//' comment is not VRP syntax; the comment is ignored");
	fnd_set_hint(f, "remove the comment: the device rejects the whole line");
	c->st->nsyntax++;
}

/* A word of the current line: offsets into the line. */
struct lw {
	size_t off, len;
};

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

static size_t next_word(const char *t, size_t n, size_t i, struct lw *w)
{
	while (i < n && is_blank(t[i]))
		i++;
	w->off = i;
	while (i < n && !is_blank(t[i]))
		i++;
	w->len = i - w->off;
	return i;
}

#define W_IS(text, w, s) mem_is((text) + (w).off, (w).len, (s))

/*
 * Statement heads of each view: HA_PARSE heads go to the grammar, HA_IGNORE
 * heads are known commands ipseclint does not model, anything else inside an
 * IPsec view is an unknown-statement.
 */
enum head_act {
	HA_UNKNOWN = 0,
	HA_PARSE,
	HA_IGNORE,
};

struct head {
	const char *word;
	enum head_act act;
};

static const struct head ikep_heads[] = {
	{"encryption-algorithm", HA_PARSE},
	{"authentication-algorithm", HA_PARSE},
	{"authentication-method", HA_PARSE},
	{"integrity-algorithm", HA_PARSE},
	{"prf", HA_PARSE},
	{"dh", HA_PARSE},
	{"sa", HA_PARSE},
	{"description", HA_IGNORE},
};

static const struct head peer_heads[] = {
	{"version", HA_PARSE},
	{"undo", HA_PARSE},
	{"exchange-mode", HA_PARSE},
	{"pre-shared-key", HA_PARSE},
	{"ike-proposal", HA_PARSE},
	{"proposal", HA_PARSE},
	{"local-address", HA_PARSE},
	{"remote-address", HA_PARSE},
	{"local-id-type", HA_PARSE},
	{"local-id", HA_PARSE},
	{"remote-id-type", HA_PARSE},
	{"remote-id", HA_PARSE},
	{"nat", HA_PARSE},
	{"dpd", HA_IGNORE},
	{"service-scheme", HA_IGNORE},
	{"rsa", HA_IGNORE},
	{"ikev2", HA_IGNORE},
	{"sa", HA_IGNORE},
	{"description", HA_IGNORE},
	{"pki", HA_IGNORE},
	{"certificate", HA_IGNORE},
	{"inband", HA_IGNORE},
	{"aaa-authorization", HA_IGNORE},
	{"config-exchange", HA_IGNORE},
	{"lifetime-notification-message", HA_IGNORE},
	{"peer-id-type", HA_IGNORE},
	{"local-id-preference", HA_IGNORE},
	{"remote-id-preference", HA_IGNORE},
	{"vpn-instance", HA_IGNORE},
};

static const struct head ipsp_heads[] = {
	{"transform", HA_PARSE}, {"encapsulation-mode", HA_PARSE}, {"esp", HA_PARSE},
	{"ah", HA_PARSE},	 {"description", HA_IGNORE},
};

static const struct head pol_heads[] = {
	{"security", HA_PARSE},	    {"ike-peer", HA_PARSE},
	{"proposal", HA_PARSE},	    {"pfs", HA_PARSE},
	{"sa", HA_PARSE},	    {"local-address", HA_PARSE},
	{"tunnel", HA_PARSE},	    {"remote-address", HA_PARSE},
	{"alias", HA_PARSE},	    {"undo", HA_PARSE},
	{"route", HA_PARSE},	    {"description", HA_IGNORE},
	{"qos", HA_IGNORE},	    {"respond-only", HA_IGNORE},
	{"anti-replay", HA_IGNORE}, {"transform-set", HA_IGNORE},
	{"ike-profile", HA_IGNORE}, {"policy", HA_IGNORE},
	{"match", HA_IGNORE},	    {"smart-link", HA_IGNORE},
	{"sqm", HA_IGNORE},
};

static const struct head prof_heads[] = {
	{"ike-peer", HA_PARSE}, {"proposal", HA_PARSE},	    {"pfs", HA_PARSE},
	{"sa", HA_PARSE},	{"undo", HA_PARSE},	    {"description", HA_IGNORE},
	{"qos", HA_IGNORE},	{"anti-replay", HA_IGNORE}, {"match", HA_IGNORE},
};

static const struct head acl_heads[] = {
	{"rule", HA_PARSE},
	{"step", HA_PARSE},
	{"description", HA_IGNORE},
};

static void view_heads(enum hw_view v, const struct head **h, size_t *n)
{
	switch (v) {
	case HV_IKEP:
		*h = ikep_heads, *n = ARRAY_SIZE(ikep_heads);
		return;
	case HV_PEER:
		*h = peer_heads, *n = ARRAY_SIZE(peer_heads);
		return;
	case HV_IPSP:
		*h = ipsp_heads, *n = ARRAY_SIZE(ipsp_heads);
		return;
	case HV_POL:
		*h = pol_heads, *n = ARRAY_SIZE(pol_heads);
		return;
	case HV_PROF:
		*h = prof_heads, *n = ARRAY_SIZE(prof_heads);
		return;
	case HV_ACL:
		*h = acl_heads, *n = ARRAY_SIZE(acl_heads);
		return;
	default:
		*h = NULL, *n = 0;
		return;
	}
}

static enum head_act head_act(enum hw_view v, const char *s, size_t n)
{
	const struct head *h;
	size_t nh;

	view_heads(v, &h, &nh);
	for (size_t i = 0; i < nh; i++) {
		if (mem_is(s, n, h[i].word))
			return h[i].act;
	}
	return HA_UNKNOWN;
}

static bool is_ipsec_view(enum hw_view v)
{
	return v == HV_IKEP || v == HV_PEER || v == HV_IPSP || v == HV_POL || v == HV_PROF || v == HV_ACL;
}

static int view_token(enum hw_view v)
{
	switch (v) {
	case HV_IKEP:
		return HWT_L_IKEP;
	case HV_PEER:
		return HWT_L_PEER;
	case HV_IPSP:
		return HWT_L_IPSP;
	case HV_POL:
	case HV_PROF:
		return HWT_L_POL;
	case HV_ACL:
		return HWT_L_ACL;
	case HV_IFACE:
		return HWT_L_IFACE;
	default:
		return HWT_L_TOP;
	}
}

/* The closest known word within a small edit distance, or NULL. */
static const char *did_you_mean(const char *s, size_t n, const char *const *cands, size_t ncands)
{
	char w[64];
	const char *best = NULL;
	unsigned bestd = 0, maxd;

	if (n == 0 || n >= sizeof(w))
		return NULL;
	memcpy(w, s, n);
	w[n] = '\0';
	maxd = n >= 8 ? 3 : n >= 4 ? 2 : 1;
	for (size_t i = 0; i < ncands; i++) {
		unsigned d = util_edit_distance(w, cands[i], maxd);
		if (d <= maxd && (!best || d < bestd)) {
			best = cands[i];
			bestd = d;
		}
	}
	return best;
}

static void unknown_head(struct hw_ctx *c, enum hw_view v, const char *text, const struct lw *w,
			 bool one_word)
{
	const struct head *h;
	const char *cands[40], *dym;
	size_t nh, nc = 0;
	struct span at = line_span(c, c->ls.line, w->off, w->len);
	struct finding *f;
	char sh[64];

	view_heads(v, &h, &nh);
	for (size_t i = 0; i < nh && nc < ARRAY_SIZE(cands); i++)
		cands[nc++] = h[i].word;
	if (!one_word && keyword_shaped(text + w->off, w->len)) {
		f = hw_fnd(c, R_UNKNOWN_STATEMENT, &at, "unknown statement '%s' in %s",
			   parse_show(text + w->off, w->len, sh, sizeof(sh)), desc(c));
		dym = did_you_mean(text + w->off, w->len, cands, nc);
		if (dym)
			fnd_set_hint(f, "did you mean '%s'?", dym);
	} else {
		/* a lone word may be the tail of a wrapped key line: never quote it */
		hw_fnd(c, R_UNKNOWN_STATEMENT, &at, "unrecognised line in %s", desc(c));
	}
}

void hw_unknown_sub(struct hw_ctx *c, const struct drv_loc *head, const struct drv_tok *sub,
		    const struct drv_loc *subl)
{
	static const struct {
		const char *head;
		const char *sub;
		bool known; /* known but not modelled: silent */
	} subs[] = {
		{"esp", "encryption-algorithm", false},
		{"esp", "authentication-algorithm", false},
		{"ah", "authentication-algorithm", false},
		{"sa", "duration", false},
		{"sa", "trigger-mode", false},
		{"sa", "spi", false},
		{"sa", "string-key", false},
		{"sa", "authentication-hex", false},
		{"sa", "encryption-hex", false},
		{"sa", "anti-replay", true},
		{"sa", "binding", true},
		{"sa", "soft-duration", true},
		{"sa", "aging", true},
		{"undo", "version", false},
		{"undo", "nat", false},
		{"undo", "policy", false},
		{"undo", "dpd", true},
		{"undo", "description", true},
		{"undo", "alias", true},
		{"undo", "local-address", true},
		{"undo", "remote-address", true},
		{"undo", "pfs", true},
		{"undo", "sa", true},
		{"undo", "exchange-mode", true},
		{"undo", "local-id-type", true},
		{"undo", "remote-id", true},
		{"undo", "remote-id-type", true},
		{"undo", "local-id", true},
		{"undo", "service-scheme", true},
		{"undo", "route", true},
		{"undo", "ikev2", true},
		{"undo", "rsa", true},
		{"nat", "traversal", false},
		{"security", "acl", false},
		{"tunnel", "local", false},
		{"tunnel", "remote", false},
		{"route", "inject", false},
	};
	const char *hs = c->head.s;
	size_t hn = c->head.len;
	const char *cands[ARRAY_SIZE(subs)], *dym;
	size_t nc = 0;
	struct span at =
		span_make(c->src, head->first_line, head->first_column, subl->last_line, subl->last_column);
	struct finding *f;
	char sh[64], hh[32];

	for (size_t i = 0; i < ARRAY_SIZE(subs); i++) {
		if (!mem_is(hs, hn, subs[i].head))
			continue;
		if (tok_is(sub, subs[i].sub) && subs[i].known)
			return;
		if (!subs[i].known)
			cands[nc++] = subs[i].sub;
	}
	if (!keyword_shaped(sub->s, sub->len)) {
		hw_fnd(c, R_UNKNOWN_STATEMENT, &at, "unknown '%s' statement in %s",
		       parse_show(hs, hn, hh, sizeof(hh)), desc(c));
		return;
	}
	f = hw_fnd(c, R_UNKNOWN_STATEMENT, &at, "unknown statement '%s %s' in %s",
		   parse_show(hs, hn, hh, sizeof(hh)), SHOW(sub, sh), desc(c));
	dym = did_you_mean(sub->s, sub->len, cands, nc);
	if (dym)
		fnd_set_hint(f, "did you mean '%s %s'?", hh, dym);
}

/* References to an ACL from lines ipseclint otherwise skips (nat outbound 2000, traffic-filter ... acl 3001). */
static void acl_ref_scan(struct hw_ctx *c, const char *t, size_t n)
{
	struct lw w[12];
	size_t nw = 0, i = 0;

	if (!mem_find(t, n, "acl", 3) && !mem_find(t, n, "outbound", 8) &&
	    !mem_find(t, n, "packet-filter", 13))
		return;
	while (nw < ARRAY_SIZE(w)) {
		i = next_word(t, n, i, &w[nw]);
		if (!w[nw].len)
			break;
		nw++;
	}
	for (size_t k = 0; k + 1 < nw; k++) {
		struct lw *v = NULL;
		if (W_IS(t, w[k], "acl")) {
			if ((W_IS(t, w[k + 1], "number") || W_IS(t, w[k + 1], "name")) && k + 2 < nw)
				v = &w[k + 2];
			else if (t[w[k + 1].off] >= '0' && t[w[k + 1].off] <= '9')
				v = &w[k + 1];
		} else if ((W_IS(t, w[k], "outbound") && k > 0 && W_IS(t, w[k - 1], "nat")) ||
			   W_IS(t, w[k], "packet-filter")) {
			if (t[w[k + 1].off] >= '0' && t[w[k + 1].off] <= '9')
				v = &w[k + 1];
		}
		if (v) {
			struct span at =
				line_span(c, c->ls.line, (size_t)(t - c->ls.line_src) + v->off, v->len);
			model_ref(c->dev, "acl", arena_strndup(c->a, t + v->off, v->len), &at);
		}
	}
}

static void skipped_line(struct hw_ctx *c, const char *t, size_t n)
{
	c->dev->skipped_lines++;
	acl_ref_scan(c, t, n);
}

static void view_close(struct hw_ctx *c)
{
	struct hw_state *st = c->st;

	st->ikep = NULL;
	st->peer = NULL;
	st->ipsp = NULL;
	st->pol = NULL;
	if (st->acl)
		model_sel_list_fit(c->dev, st->acl->l); /* its rules, without the doubling's slack */
	st->acl = NULL;
	st->iface = NULL;
	st->rule.active = false;
	st->desc_kind = NULL;
}

/* The view a system-view line opens, and whether the grammar parses the line. */
static enum hw_view top_view(struct hw_ctx *c, const char *t, size_t n, const struct lw *w1,
			     const struct lw *w2, bool *parse)
{
	struct span at = line_span(c, c->ls.line, (size_t)(t - c->ls.line_src) + w1->off, w1->len);

	*parse = false;
	if (W_IS(t, *w1, "sysname")) {
		*parse = true;
		return HV_NONE;
	}
	if (W_IS(t, *w1, "ike")) {
		if (W_IS(t, *w2, "proposal"))
			return *parse = true, HV_IKEP;
		if (W_IS(t, *w2, "peer"))
			return *parse = true, HV_PEER;
		if (W_IS(t, *w2, "local-name"))
			return *parse = true, HV_NONE;
		if (W_IS(t, *w2, "keychain") || W_IS(t, *w2, "profile"))
			foreign_note(c, FOREIGN_H3C, 2, &at,
				     W_IS(t, *w2, "keychain") ? "'ike keychain'" : "'ike profile'");
		if (W_IS(t, *w2, "dpd") && mem_find(t, n, " type ", 6))
			dl_note(c, DIALECT_HW_USG_E, 1);
		return HV_SKIP;
	}
	if (W_IS(t, *w1, "ipsec")) {
		if (W_IS(t, *w2, "proposal"))
			return *parse = true, HV_IPSP;
		if (W_IS(t, *w2, "policy") || W_IS(t, *w2, "policy-template"))
			return *parse = true, HV_POL;
		if (W_IS(t, *w2, "profile"))
			return *parse = true, HV_PROF;
		if (W_IS(t, *w2, "sa"))
			return *parse = true, HV_NONE;
		if (W_IS(t, *w2, "transform-set"))
			foreign_note(c, FOREIGN_H3C, 2, &at, "'ipsec transform-set'");
		if (W_IS(t, *w2, "sha2"))
			dl_note(c, DIALECT_HW_USG, 1);
		return HV_SKIP;
	}
	if (W_IS(t, *w1, "acl")) {
		if (W_IS(t, *w2, "ipv6"))
			return HV_SKIP;
		*parse = true;
		return HV_ACL;
	}
	if (W_IS(t, *w1, "interface")) {
		*parse = true;
		return HV_IFACE;
	}
	if (W_IS(t, *w1, "security-policy"))
		dl_note(c, DIALECT_HW_USG, 3);
	else if (W_IS(t, *w1, "firewall") && W_IS(t, *w2, "zone") &&
		 (mem_find(t, n, "trust", 5) || mem_find(t, n, "dmz", 3)))
		dl_note(c, DIALECT_HW_USG, 1);
	else if (W_IS(t, *w1, "version") && mem_find(t, n, "Release", 7))
		foreign_note(c, FOREIGN_H3C, 2, &at, "Comware 'version ..., Release' line");
	else if (W_IS(t, *w1, "service-instance-group") || W_IS(t, *w1, "service-location"))
		foreign_note(c, FOREIGN_VRP8, 1, &at, "VRP8 service-location view");
	return HV_SKIP;
}

/* Heads that are also system-view commands: never taken as a stray body line. */
static bool orphan_excluded(const char *s, size_t n)
{
	static const char *const ex[] = {"undo", "version",   "nat",	 "ip",		"ipsec", "ike",
					 "acl",	 "interface", "sysname", "description", "policy"};

	for (size_t i = 0; i < ARRAY_SIZE(ex); i++) {
		if (mem_is(s, n, ex[i]))
			return true;
	}
	return false;
}

static bool is_timestamp(const char *t, size_t n)
{
	/* 14:38:43 ... or 2017-08-02 14:38:43 */
	if (n >= 8 && t[0] >= '0' && t[0] <= '9' &&
	    (t[1] == ':' || (t[2] == ':' && t[1] >= '0' && t[1] <= '9'))) {
		size_t i = 0;
		while (i < n && ((t[i] >= '0' && t[i] <= '9') || t[i] == ':'))
			i++;
		return i >= 5 && (i == n || is_blank(t[i]));
	}
	return n >= 10 && t[4] == '-' && t[7] == '-' && t[0] >= '0' && t[0] <= '9' && t[5] >= '0' &&
	       t[5] <= '9' && (n == 10 || is_blank(t[10]));
}

/* Pager artefacts: "---- More ----" and the ANSI cursor moves around it. */
static size_t skip_pager(const char *t, size_t n, size_t i)
{
	for (;;) {
		size_t j = i;
		while (j < n && is_blank(t[j]))
			j++;
		if (j < n && t[j] == 0x1b) {
			j++;
			if (j < n && t[j] == '[') {
				j++;
				while (j < n && ((t[j] >= '0' && t[j] <= '9') || t[j] == ';'))
					j++;
				if (j < n)
					j++;
			}
			i = j;
			continue;
		}
		if (mem_starts(t + j, n - j, "---- More ----")) {
			i = j + 14;
			continue;
		}
		if (mem_starts(t + j, n - j, "  ---- More ----")) {
			i = j + 16;
			continue;
		}
		return i;
	}
}

/*
 * Prompt lines of CLI transcripts: "<R1>display ..." (user view, dropped),
 * "[R1] ike peer x" (system view), "[R1-ike-peer-x] version 2" (body of the
 * open view), "[~HUAWEI]" / "[*HUAWEI]" (VRP8). Returns the offset of the
 * command, n when nothing follows, or (size_t)-1 when the line is no prompt.
 * *body is set for a view prompt.
 */
static size_t prompt(struct hw_ctx *c, const char *t, size_t n, size_t i, bool *body)
{
	struct hw_state *st = c->st;
	const char *close = memchr(t + i, t[i] == '<' ? '>' : ']', n - i);
	size_t name0, name1;
	struct span at;

	if (!close)
		return (size_t)-1;
	name0 = i + 1;
	name1 = (size_t)(close - t);
	if (name1 == name0 || name1 - name0 > 60)
		return (size_t)-1;
	at = line_span(c, c->ls.line, i, name1 - i + 1);
	if (t[i] == '<') {
		memcpy(st->prompt_base, t + name0, name1 - name0);
		st->prompt_base_len = name1 - name0;
		if (mem_starts(t + name0, name1 - name0, "USG"))
			dl_note(c, DIALECT_HW_USG, 3);
		return n; /* a user-view command (display ...): never configuration */
	}
	/* [V300R019C00SPC300]: the version header of AR V300 dumps */
	if (t[name0] == 'V' && name1 - name0 >= 4 && t[name0 + 1] >= '0' && t[name0 + 1] <= '9' &&
	    memchr(t + name0, 'R', name1 - name0)) {
		if (t[name0 + 1] == '3')
			dl_note(c, DIALECT_HW_AR_NEW, 3);
		return n;
	}
	if (t[name0] == '~' || t[name0] == '*') {
		foreign_note(c, FOREIGN_VRP8, 2, &at, "'[~device]' / '[*device]' prompt");
		name0++;
	}
	if (name1 == name0)
		return (size_t)-1;
	/* a view prompt extends the system prompt: [R1] -> [R1-ike-peer-x]; anything else is a
	 * system prompt, which also follows a `sysname` change */
	*body = st->prompt_base_len && name1 - name0 > st->prompt_base_len &&
		memcmp(t + name0, st->prompt_base, st->prompt_base_len) == 0 &&
		t[name0 + st->prompt_base_len] == '-';
	if (!*body) {
		memcpy(st->prompt_base, t + name0, name1 - name0);
		st->prompt_base_len = name1 - name0;
	}
	i = name1 + 1;
	while (i < n && is_blank(t[i]))
		i++;
	return i;
}

int hw_lex_bol(struct hw_ctx *c, const char *lex, size_t *off, struct drv_loc *lloc)
{
	/* the line in the source text: the scanner's copy holds a NUL after its match */
	const char *text = src_ptr(c, lex), *end = c->src->text + c->ls.next_off;
	const char *nl = memchr(text, '\n', (size_t)(end - text));
	size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text), i = 0, ind0;
	unsigned indent;
	int force = 0; /* 1: system view (prompt), 2: body of the open view (prompt) */
	bool body, parse;
	struct lw w1, w2;
	enum hw_view v;
	int tok;

	c->ls.line++;
	c->ls.line_start = lex;
	c->ls.line_src = text;
	c->ls.last_end_col = 0;
	c->nwords = 0;
	while (n && is_blank(text[n - 1]))
		n--;
	if (c->ls.line == 1 && n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	i = skip_pager(text, n, i);
	ind0 = i;
	while (i < n && (text[i] == ' ' || text[i] == '\t'))
		i++;
	indent = (unsigned)(i - ind0);
	if (i >= n)
		return 0;

	switch (text[i]) {
	case '#':
		if (c->view == HV_NONE || indent <= c->top_indent)
			c->after_hash = true;
		return 0;
	case '!':
		if (mem_starts(text + i, n - i, "!Software Version V8")) {
			struct span at = line_span(c, c->ls.line, i, n - i);
			foreign_note(c, FOREIGN_VRP8, 2, &at, "'!Software Version V8...' header");
		}
		return 0;
	case '/':
		if (i + 1 < n && text[i + 1] == '/') {
			hw_lex_comment(c, lex + i, n - i);
			return 0;
		}
		break;
	case '<':
	case '[': {
		bool pbody = false;
		size_t k = prompt(c, text, n, i, &pbody);
		if (k == (size_t)-1)
			break;
		if (k >= n)
			return 0;
		i = k;
		force = pbody ? 2 : 1;
		break;
	}
	default:
		break;
	}
	if (is_timestamp(text + i, n - i))
		return 0;

	next_word(text, n, next_word(text, n, i, &w1), &w2);
	c->head.s = text + w1.off;
	c->head.len = (uint32_t)w1.len;
	if ((W_IS(text, w1, "return") || W_IS(text, w1, "quit") || W_IS(text, w1, "system-view")) && !w2.len)
		return 0;
	if (W_IS(text, w1, "commit") && (!w2.len || force)) {
		struct span at = line_span(c, c->ls.line, w1.off, w1.len);
		foreign_note(c, FOREIGN_VRP8, 2, &at, "'commit'");
		return 0;
	}

	if (force)
		body = force == 2;
	else
		body = !c->after_hash && c->view != HV_NONE && indent > c->top_indent;

	if (!body) {
		/* an unindented statement of the view above: VRP takes it, but it is no dump layout */
		if (!force && !c->after_hash && is_ipsec_view(c->view) &&
		    head_act(c->view, text + w1.off, w1.len) == HA_PARSE &&
		    !orphan_excluded(text + w1.off, w1.len)) {
			struct span at = line_span(c, c->ls.line, w1.off, w1.len);
			struct finding *f;
			char sh[64];

			f = hw_fnd(c, R_UNKNOWN_STATEMENT, &at,
				   "'%s' is not indented; taken as part of %s above",
				   parse_show(text + w1.off, w1.len, sh, sizeof(sh)), desc(c));
			fnd_set_hint(
				f, "indent the statements of a view by one space, as the device prints them");
		} else {
			view_close(c);
			c->top_indent = indent;
			c->after_hash = false;
			c->view = top_view(c, text, n, &w1, &w2, &parse);
			if (!parse) {
				skipped_line(c, text + i, n - i);
				return 0;
			}
			tok = HWT_L_TOP;
			goto emit;
		}
	}

	/* a body line of the open view */
	v = c->view;
	tok = view_token(v);
	switch (v) {
	case HV_NONE:
	case HV_SKIP:
		skipped_line(c, text + i, n - i);
		return 0;
	case HV_IFACE:
		if ((W_IS(text, w1, "ip") && W_IS(text, w2, "address")) ||
		    (W_IS(text, w1, "ipsec") && (W_IS(text, w2, "policy") || W_IS(text, w2, "profile"))) ||
		    W_IS(text, w1, "tunnel-protocol") || W_IS(text, w1, "source") ||
		    W_IS(text, w1, "destination"))
			goto emit;
		if (W_IS(text, w1, "ipsec") && W_IS(text, w2, "apply")) {
			struct span at = line_span(c, c->ls.line, w1.off, w2.off + w2.len - w1.off);
			foreign_note(c, FOREIGN_H3C, 2, &at, "'ipsec apply policy'");
		} else if (W_IS(text, w1, "port") && W_IS(text, w2, "link-mode")) {
			struct span at = line_span(c, c->ls.line, w1.off, w2.off + w2.len - w1.off);
			foreign_note(c, FOREIGN_H3C, 1, &at, "'port link-mode'");
		}
		skipped_line(c, text + i, n - i);
		return 0;
	default:
		switch (head_act(v, text + w1.off, w1.len)) {
		case HA_PARSE:
			goto emit;
		case HA_IGNORE:
			if (v == HV_PEER && (W_IS(text, w1, "rsa") || W_IS(text, w1, "ikev2")))
				dl_note(c, DIALECT_HW_AR_NEW, 1);
			if (v == HV_POL &&
			    (W_IS(text, w1, "transform-set") || W_IS(text, w1, "ike-profile"))) {
				struct span at = line_span(c, c->ls.line, w1.off, w1.len);
				foreign_note(c, FOREIGN_H3C, 2, &at,
					     W_IS(text, w1, "ike-profile") ? "'ike-profile'" :
									     "'transform-set'");
			}
			return 0;
		case HA_UNKNOWN:
			unknown_head(c, v, text, &w1, w2.len == 0);
			return 0;
		}
	}
	return 0;

emit:
	*off = w1.off;
	lloc->first_line = lloc->last_line = c->ls.line;
	lloc->first_column = lloc->last_column = (uint32_t)w1.off + 1;
	return tok;
}

/* ---- syntax errors and scratch words -------------------------------------- */

void hw_syntax_error(struct hw_ctx *c, const struct drv_loc *l, const char *msg)
{
	struct span at = drv_span(c->src, l);
	char hh[64];
	const char *m = msg;

	if (strncmp(m, "syntax error, ", 14) == 0)
		m += 14;
	else if (strcmp(m, "syntax error") == 0)
		m = "the statement is malformed";
	if (keyword_shaped(c->head.s, c->head.len))
		hw_fnd(c, R_SYNTAX_ERROR, &at, "bad '%s' statement: %s",
		       parse_show(c->head.s, c->head.len, hh, sizeof(hh)), m);
	else
		hw_fnd(c, R_SYNTAX_ERROR, &at, "%s", m);
	c->st->nsyntax++;
}

void hw_words_begin(struct hw_ctx *c)
{
	c->nwords = 0;
	c->words_overflow = false;
}

void hw_words_add(struct hw_ctx *c, const struct drv_tok *t, const struct drv_loc *l)
{
	if (c->nwords >= HW_MAX_WORDS) {
		c->words_overflow = true;
		return;
	}
	c->words[c->nwords].t = *t;
	c->words[c->nwords].l = *l;
	c->nwords++;
}

/* ---- system view ---------------------------------------------------------- */

void hw_sysname(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *l)
{
	c->st->sysname.name = tokdup(c, name);
	c->st->sysname.span = drv_span(c->src, l);
}

void hw_local_name(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *l)
{
	c->st->local_name.name = tokdup(c, name);
	c->st->local_name.span = drv_span(c->src, l);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

void hw_ikep_begin(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_loc *line)
{
	struct hw_state *st = c->st;
	struct hw_ikep *k = map_get(st->map, HM_IKEP, name->s, name->len);
	struct span sp = drv_span(c->src, line);
	char sh[64];

	if (!k) {
		k = ARENA_NEW(c->scratch, struct hw_ikep);
		k->p = ARENA_NEW(c->a, struct ike_proposal);
		k->p->name = tokdup(c, name);
		k->p->span = sp;
		k->printed_default = tok_is(name, "default");
		k->p->builtin = k->printed_default;
		k->numeric = drv_tok_uint(name, UINT32_MAX, &k->num);
		if (!k->numeric && !k->printed_default) {
			struct span at = drv_span(c->src, nl);
			hw_fnd(c, R_INVALID_VALUE, &at,
			       "ike proposal '%s': the name must be a number or 'default'", SHOW(name, sh));
		}
		if (k->printed_default)
			dl_note(c, DIALECT_HW_AR_NEW, 2);
		map_put(st->map, HM_IKEP, k->p->name, name->len, k);
		XPUSH(st->ikeps, st->nikeps, st->ikeps_cap, k);
		model_def(c->dev, "ike proposal", k->p->name, &sp, k->printed_default);
	}
	st->ikep = k;
	set_desc(c, "ike proposal", k->p->name, -1);
}

void hw_peer_begin(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_tok *ver, const struct drv_loc *vl, const struct drv_loc *line)
{
	struct hw_state *st = c->st;
	struct hw_peer *p = map_get(st->map, HM_PEER, name->s, name->len);
	struct span sp = drv_span(c->src, line);
	char sh[64];

	(void)nl;
	if (!p) {
		p = ARENA_NEW(c->scratch, struct hw_peer);
		p->name = tokdup(c, name);
		p->span = sp;
		map_put(st->map, HM_PEER, p->name, name->len, p);
		XPUSH(st->peers, st->npeers, st->peers_cap, p);
		model_def(c->dev, "ike peer", p->name, &sp, false);
	}
	st->peer = p;
	set_desc(c, "ike peer", p->name, -1);
	if (ver) {
		struct span at = drv_span(c->src, vl);
		if (tok_is(ver, "v1") || tok_is(ver, "v2")) {
			p->hdr_ver = ver->s[1] - '0';
			p->hdr_span = at;
			dl_note(c, DIALECT_HW_AR_OLD, 3);
		} else {
			hw_fnd(c, R_INVALID_VALUE, &at,
			       "'%s' after ike peer '%s' is not an IKE version (v1 or v2)", SHOW(ver, sh),
			       p->name);
		}
	}
}

void hw_ipsp_begin(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_loc *line)
{
	struct hw_state *st = c->st;
	struct hw_ipsp *p = map_get(st->map, HM_IPSP, name->s, name->len);
	struct span sp = drv_span(c->src, line);

	(void)nl;
	if (!p) {
		p = ARENA_NEW(c->scratch, struct hw_ipsp);
		p->p = ARENA_NEW(c->a, struct ipsec_proposal);
		p->p->name = tokdup(c, name);
		p->p->span = sp;
		map_put(st->map, HM_IPSP, p->p->name, name->len, p);
		XPUSH(st->ipsps, st->nipsps, st->ipsps_cap, p);
		model_def(c->dev, "ipsec proposal", p->p->name, &sp, false);
	}
	st->ipsp = p;
	set_desc(c, "ipsec proposal", p->p->name, -1);
}

static bool parse_seq(struct hw_ctx *c, const struct drv_tok *seq, const struct drv_loc *sl, uint64_t *out)
{
	char sh[64];
	struct span at = drv_span(c->src, sl);

	if (drv_tok_uint(seq, 10000, out) && *out >= 1)
		return true;
	hw_fnd(c, R_INVALID_VALUE, &at, "sequence number %s is out of range 1-10000", SHOW(seq, sh));
	if (!drv_tok_uint(seq, UINT32_MAX, out))
		*out = UINT32_MAX;
	return false;
}

void hw_pol_begin(struct hw_ctx *c, enum hw_pol_kind kind, const struct drv_tok *name,
		  const struct drv_loc *nl, const struct drv_tok *seq, const struct drv_loc *sl,
		  const struct drv_tok *tpl, const struct drv_loc *tl, const struct drv_loc *line)
{
	struct hw_state *st = c->st;
	struct span sp = drv_span(c->src, line);
	uint64_t s = 0;
	char kbuf[160];
	const char *key = name->s;
	size_t klen = name->len;
	unsigned mk = HM_PROF;
	struct hw_pol *p;

	(void)nl;
	if (kind != HW_PK_PROFILE) {
		parse_seq(c, seq, sl, &s);
		/* "group\x1fseq": one entry per policy or template sequence number */
		klen = (size_t)snprintf(kbuf, sizeof(kbuf), "%.*s\x1f%llu", (int)name->len, name->s,
					(unsigned long long)s);
		key = kbuf;
		mk = kind == HW_PK_TEMPLATE ? HM_TPL : HM_POL;
		if (klen >= sizeof(kbuf))
			klen = sizeof(kbuf) - 1;
	}
	p = map_get(st->map, mk, key, klen);
	if (!p) {
		p = ARENA_NEW(c->scratch, struct hw_pol);
		p->kind = kind;
		p->group = tokdup(c, name);
		p->seq = s;
		p->span = sp;
		map_put(st->map, mk, kind == HW_PK_PROFILE ? p->group : arena_strndup(c->a, key, klen), klen,
			p);
		XPUSH(st->pols, st->npols, st->pols_cap, p);
		switch (kind) {
		case HW_PK_PROFILE:
			model_def(c->dev, "ipsec profile", p->group, &sp, false);
			break;
		case HW_PK_TEMPLATE:
			if (!map_gets(st->map, HM_TPLNAME, p->group)) {
				map_put(st->map, HM_TPLNAME, p->group, name->len, p);
				model_def(c->dev, "ipsec policy-template", p->group, &sp, false);
			}
			break;
		default:
			if (!map_gets(st->map, HM_GROUP, p->group)) {
				map_put(st->map, HM_GROUP, p->group, name->len, p);
				model_def(c->dev, "ipsec policy", p->group, &sp, false);
			}
			break;
		}
	} else if (kind != p->kind && !(kind == HW_PK_ISAKMP && p->kind == HW_PK_TPLREF)) {
		p->kind = kind; /* re-entered with another mode: the last one counts */
	}
	if (kind == HW_PK_TEMPLATE) {
		struct hw_pol *first = map_gets(st->map, HM_TPLNAME, p->group);
		if (first && s < first->seq)
			map_put(st->map, HM_TPLNAME, p->group, name->len, p);
	}
	if (tpl) {
		p->tpl.name = tokdup(c, tpl);
		p->tpl.span = drv_span(c->src, tl);
	}
	if (kind == HW_PK_MANUAL && !p->msa)
		p->msa = ARENA_NEW(c->a, struct manual_sa);
	st->pol = p;
	set_desc(c,
		 kind == HW_PK_PROFILE	? "ipsec profile" :
		 kind == HW_PK_TEMPLATE ? "ipsec policy-template" :
					  "ipsec policy",
		 p->group, kind == HW_PK_PROFILE ? -1 : (int64_t)p->seq);
}

void hw_pol_shared(struct hw_ctx *c, const struct drv_tok *group, const struct drv_loc *gl,
		   const struct drv_tok *ifname, const struct drv_loc *il, const struct drv_loc *line)
{
	struct hw_shared *sh = ARENA_NEW(c->scratch, struct hw_shared);
	char *g = tokdup(c, group);

	(void)gl;
	sh->ifname.name = tokdup(c, ifname);
	sh->ifname.span = drv_span(c->src, il);
	sh->span = drv_span(c->src, line);
	map_put(c->st->map, HM_SHARED, g, strlen(g), sh);
	model_ref(c->dev, "ipsec policy", g, &sh->span);
}

/* IKE: 60-604800 s; IPsec time-based 30-604800 s; traffic-based 0 or 256-200000000 KB [C:S2] */
static bool lifetime_ok(struct hw_ctx *c, bool ike, bool time_based, const struct drv_tok *v,
			const struct drv_loc *vl, int64_t *out)
{
	uint64_t x = 0;
	bool ok;
	char sh[64];
	struct span at = drv_span(c->src, vl);

	if (!drv_tok_uint(v, UINT64_MAX / 2, &x))
		ok = false;
	else if (ike)
		ok = x >= 60 && x <= 604800;
	else if (time_based)
		ok = x >= 30 && x <= 604800;
	else
		ok = x == 0 || (x >= 256 && x <= 200000000);
	if (!ok) {
		if (ike)
			hw_fnd(c, R_INVALID_VALUE, &at,
			       "IKE SA lifetime %s s in %s is out of range 60-604800", SHOW(v, sh), desc(c));
		else if (time_based)
			hw_fnd(c, R_INVALID_VALUE, &at,
			       "IPsec SA lifetime %s s in %s is out of range 30-604800", SHOW(v, sh),
			       desc(c));
		else
			hw_fnd(c, R_INVALID_VALUE, &at,
			       "IPsec SA lifetime %s KB in %s is out of range (0 or 256-200000000)",
			       SHOW(v, sh), desc(c));
		return false;
	}
	*out = (int64_t)x;
	return true;
}

void hw_global_duration(struct hw_ctx *c, bool time_based, const struct drv_tok *v, const struct drv_loc *vl,
			const struct drv_loc *line)
{
	int64_t x;
	struct span sp = drv_span(c->src, line);
	struct mint *m = time_based ? &c->st->gdur_s : &c->st->gdur_kb;

	set_desc(c, "ipsec sa global-duration", NULL, -1);
	if (!lifetime_ok(c, false, time_based, v, vl, &x))
		return;
	m->v = x;
	m->o = origin_written(&sp);
}

void hw_acl_begin(struct hw_ctx *c, const struct drv_loc *line)
{
	struct hw_state *st = c->st;
	struct span sp = drv_span(c->src, line);
	const struct hw_word *w = c->words;
	unsigned nw = c->nwords, i = 0;
	const struct drv_tok *nm = NULL;
	struct hw_acl *a;
	uint64_t num;
	char sh[64];

	if (i < nw && (tok_is(&w[i].t, "advanced") || tok_is(&w[i].t, "basic"))) {
		struct span at = drv_span(c->src, &w[i].l);
		foreign_note(c, FOREIGN_H3C, 2, &at, "Comware 'acl advanced|basic'");
		i++;
	}
	if (i < nw && (tok_is(&w[i].t, "number") || tok_is(&w[i].t, "name")))
		i++;
	if (i < nw)
		nm = &w[i].t;
	if (!nm) {
		hw_fnd(c, R_SYNTAX_ERROR, &sp, "bad 'acl' statement: no ACL number or name");
		st->nsyntax++;
		return;
	}
	if (drv_tok_uint(nm, UINT32_MAX, &num)) {
		if (num < 2000 || num > 9999) {
			struct span at = drv_span(c->src, &w[i].l);
			hw_fnd(c, R_INVALID_VALUE, &at, "acl number %s is out of range 2000-9999",
			       SHOW(nm, sh));
		}
	}
	a = map_get(st->map, HM_ACL, nm->s, nm->len);
	if (!a) {
		char *name = tokdup(c, nm);
		a = ARENA_NEW(c->scratch, struct hw_acl);
		a->l = model_sel_list_new(c->dev, name, &sp);
		a->step = 5;
		map_put(st->map, HM_ACL, a->l->name, nm->len, a);
		XPUSH(st->acls, st->nacls, st->acls_cap, a);
		model_def(c->dev, "acl", a->l->name, &sp, false);
	}
	st->acl = a;
	set_desc(c, "acl", a->l->name, -1);
}

void hw_iface_begin(struct hw_ctx *c, const struct drv_loc *line)
{
	struct hw_state *st = c->st;
	struct hw_iface *f;
	char nbuf[128];
	size_t nl;

	if (!c->nwords)
		return;
	if (c->nwords >= 2) /* "interface GigabitEthernet 0/0/1": one name */
		nl = (size_t)snprintf(nbuf, sizeof(nbuf), "%.*s%.*s", (int)c->words[0].t.len, c->words[0].t.s,
				      (int)c->words[1].t.len, c->words[1].t.s);
	else
		nl = (size_t)snprintf(nbuf, sizeof(nbuf), "%.*s", (int)c->words[0].t.len, c->words[0].t.s);
	if (nl >= sizeof(nbuf))
		nl = sizeof(nbuf) - 1;
	f = map_get(st->map, HM_IFACE, nbuf, nl);
	if (!f) {
		f = ARENA_NEW(c->scratch, struct hw_iface);
		f->name = arena_strndup(c->a, nbuf, nl);
		f->span = drv_span(c->src, line);
		map_put(st->map, HM_IFACE, f->name, nl, f);
		XPUSH(st->ifaces, st->nifaces, st->ifaces_cap, f);
	}
	st->iface = f;
	set_desc(c, "interface", f->name, -1);
}

/* ---- ike proposal --------------------------------------------------------- */

/* Parse an algorithm list into s; VRP8 writes "aes-cbc 256" and "aes 256" as two words. */
static void alg_list(struct hw_ctx *c, struct algset *s, const struct vmap *m, size_t nm, const char *what,
		     const struct drv_loc *line, bool ike_enc)
{
	struct span sp = drv_span(c->src, line);
	char sh[64];

	memset(s, 0, sizeof(*s));
	for (unsigned i = 0; i < c->nwords; i++) {
		const struct drv_tok *t = &c->words[i].t;
		struct span at = drv_span(c->src, &c->words[i].l);
		int v;

		if ((tok_is(t, "aes-cbc") || tok_is(t, "aes")) && i + 1 < c->nwords &&
		    (tok_is(&c->words[i + 1].t, "128") || tok_is(&c->words[i + 1].t, "192") ||
		     tok_is(&c->words[i + 1].t, "256"))) {
			const struct drv_tok *b = &c->words[i + 1].t;
			foreign_note(c, FOREIGN_VRP8, 2, &at,
				     "'aes-cbc 256' / 'aes 256' written with a space");
			algset_add(s, tok_is(b, "128") ? ENC_AES128 :
				      tok_is(b, "192") ? ENC_AES192 :
							 ENC_AES256);
			i++;
			continue;
		}
		if (!vlookup(m, nm, t->s, t->len, &v)) {
			hw_fnd(c, R_INVALID_VALUE, &at, "unknown %s '%s' in %s", what, SHOW(t, sh), desc(c));
			continue;
		}
		if (ike_enc && mem_find(t->s, t->len, "-cbc", 4))
			dl_note(c, DIALECT_HW_AR_OLD, 3);
		if (!ike_enc && m == esp_enc_words &&
		    (v == ENC_SM4 || v == ENC_AES128_GCM || v == ENC_AES192_GCM || v == ENC_AES256_GCM ||
		     v == ENC_AES128_GMAC || v == ENC_AES192_GMAC || v == ENC_AES256_GMAC))
			dl_note(c, DIALECT_HW_USG_E, 2);
		algset_add(s, (unsigned)v);
	}
	if (s->n)
		s->o = origin_written(&sp);
}

void hw_ikep_algs(struct hw_ctx *c, enum hw_field f, const struct drv_loc *line)
{
	struct ike_proposal *p = c->st->ikep ? c->st->ikep->p : NULL;

	if (!p)
		return;
	switch (f) {
	case HW_F_ENC:
		alg_list(c, &p->enc, ike_enc_words, ARRAY_SIZE(ike_enc_words), "encryption algorithm", line,
			 true);
		break;
	case HW_F_HASH:
		alg_list(c, &p->hash, hash_words, ARRAY_SIZE(hash_words), "authentication algorithm", line,
			 false);
		break;
	case HW_F_INTEG:
		alg_list(c, &p->integ, integ_words, ARRAY_SIZE(integ_words), "integrity algorithm", line,
			 false);
		break;
	case HW_F_PRF:
		alg_list(c, &p->prf, prf_words, ARRAY_SIZE(prf_words), "prf", line, false);
		break;
	default:
		break;
	}
}

void hw_ikep_auth_method(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct ike_proposal *p = c->st->ikep ? c->st->ikep->p : NULL;
	struct span at = drv_span(c->src, vl);
	int m;
	char sh[64];

	if (!p)
		return;
	if (!vlookup(auth_method_words, ARRAY_SIZE(auth_method_words), v->s, v->len, &m)) {
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown authentication method '%s' in %s", SHOW(v, sh),
		       desc(c));
		return;
	}
	p->auth.v = m;
	p->auth.o = origin_written(&at);
}

void hw_ikep_dh(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct ike_proposal *p = c->st->ikep ? c->st->ikep->p : NULL;
	struct span at = drv_span(c->src, vl);
	int g;
	char sh[64];

	if (!p)
		return;
	if (!parse_dh(v, "group", &g)) {
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown DH group '%s' in %s", SHOW(v, sh), desc(c));
		return;
	}
	memset(&p->dh, 0, sizeof(p->dh));
	algset_add(&p->dh, (unsigned)g);
	p->dh.o = origin_written(&at);
}

void hw_ikep_duration(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct ike_proposal *p = c->st->ikep ? c->st->ikep->p : NULL;
	struct span at = drv_span(c->src, vl);
	int64_t x;

	if (!p || !lifetime_ok(c, true, true, v, vl, &x))
		return;
	p->lifetime_s.v = x;
	p->lifetime_s.o = origin_written(&at);
}

/* ---- ike peer ------------------------------------------------------------- */

void hw_peer_version(struct hw_ctx *c, bool undo, const struct drv_tok *v, const struct drv_loc *vl,
		     const struct drv_loc *line)
{
	struct hw_peer *p = c->st->peer;
	struct span at = drv_span(c->src, vl);
	uint64_t n = 0;
	char sh[64];

	if (!p)
		return;
	if (!drv_tok_uint(v, 2, &n) || n < 1) {
		hw_fnd(c, R_INVALID_VALUE, &at, "IKE version %s in %s is not 1 or 2", SHOW(v, sh), desc(c));
		return;
	}
	if (!p->ver_on && !p->ver_off)
		p->ver_span = drv_span(c->src, line);
	if (undo) {
		p->ver_off |= n == 1 ? IKE_V1 : IKE_V2;
		p->ver_on &= ~(n == 1 ? IKE_V1 : IKE_V2);
		dl_note(c, DIALECT_HW_USG, 2);
	} else {
		p->ver_on |= n == 1 ? IKE_V1 : IKE_V2;
		p->ver_off &= ~(n == 1 ? IKE_V1 : IKE_V2);
		dl_note(c, DIALECT_HW_AR_NEW, 3);
	}
}

void hw_peer_exchange(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_peer *p = c->st->peer;
	struct span at = drv_span(c->src, vl);
	char sh[64];

	if (!p)
		return;
	if (tok_is(v, "main")) {
		p->exchange.v = XCHG_MAIN;
	} else if (tok_is(v, "aggressive")) {
		p->exchange.v = XCHG_AGGRESSIVE;
	} else if (tok_is(v, "auto")) {
		p->exchange.v = XCHG_AUTO;
		dl_note(c, DIALECT_HW_USG_E, 3);
	} else {
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown exchange mode '%s' in %s (main, aggressive or auto)",
		       SHOW(v, sh), desc(c));
		return;
	}
	p->exchange.o = origin_written(&at);
}

void hw_peer_psk(struct hw_ctx *c, enum hw_keyform form, const struct drv_tok *key, const struct drv_loc *kl,
		 const struct drv_loc *line)
{
	struct hw_peer *p = c->st->peer;
	struct span at = drv_span(c->src, kl);

	(void)line;
	if (!p)
		return;
	make_key(c, &p->psk, key, &at, form, false);
	if (form == HW_KF_BARE)
		dl_note(c, DIALECT_HW_USG, 3);
	else if (form == HW_KF_SIMPLE)
		dl_note(c, DIALECT_HW_AR_OLD, 1);
	if (p->psk.form == KEY_PLAIN && p->psk.len == 0)
		hw_fnd(c, R_INVALID_VALUE, &at, "empty pre-shared key in %s", desc(c));
	else if (p->psk.form == KEY_PLAIN && p->psk.len > 128)
		hw_fnd(c, R_INVALID_VALUE, &at, "pre-shared key in %s is longer than 128 characters",
		       desc(c));
}

void hw_peer_ike_proposal(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_peer *p = c->st->peer;

	if (!p)
		return;
	p->ikep.name = tokdup(c, v);
	p->ikep.span = drv_span(c->src, vl);
}

void hw_peer_h3c_proposal(struct hw_ctx *c, const struct drv_loc *line)
{
	struct hw_peer *p = c->st->peer;
	struct span sp = drv_span(c->src, line);

	foreign_note(c, FOREIGN_H3C, 2, &sp, "'proposal' inside 'ike peer'");
	if (!p || !c->nwords)
		return;
	p->ikep.name = tokdup(c, &c->words[0].t);
	p->ikep.span = drv_span(c->src, &c->words[0].l);
}

void hw_peer_local_address(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_peer *p = c->st->peer;
	struct endpoint ep;

	if (!p)
		return;
	if (!parse_endpoint(c, v, vl, "local-address", &ep)) {
		p->local_bad = true;
		return;
	}
	p->local = ep;
	p->local_bad = false;
}

void hw_peer_remote_address(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl,
			    const struct drv_tok *vrf, bool host, const struct drv_loc *line)
{
	struct hw_peer *p = c->st->peer;
	struct endpoint ep;

	(void)line;
	if (!p || host)
		return; /* a host name: no address to pair with */
	if (vrf)
		dl_note(c, DIALECT_HW_AR_NEW, 1);
	if (!parse_endpoint(c, v, vl, "remote-address", &ep))
		return;
	APUSH(c->scratch, p->remotes, p->nremotes, p->remotes_cap, ep);
}

void hw_peer_id_type(struct hw_ctx *c, bool local, const struct drv_tok *v, const struct drv_loc *vl,
		     const struct drv_tok *v2, const struct drv_loc *vl2)
{
	struct hw_peer *p = c->st->peer;
	struct span at = drv_span(c->src, vl);
	int t;
	char sh[64];

	if (!p)
		return;
	if (!local && (tok_is(v, "any") || tok_is(v, "none"))) {
		t = ID_ANY;
	} else if (!vlookup(id_type_words, ARRAY_SIZE(id_type_words), v->s, v->len, &t)) {
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown identity type '%s' in %s", SHOW(v, sh), desc(c));
		return;
	}
	if (local) {
		p->lid_type = (enum id_type)t;
		p->lid_type_set = true;
		p->lid_type_span = at;
	} else {
		p->rid_type = (enum id_type)t;
		p->rid_type_set = true;
		p->rid_type_span = at;
		memset(&p->rid_type_val, 0, sizeof(p->rid_type_val));
		if (v2) {
			p->rid_type_val.name = tokdup(c, v2);
			p->rid_type_val.span = drv_span(c->src, vl2);
		}
	}
}

void hw_peer_id(struct hw_ctx *c, bool local, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_peer *p = c->st->peer;
	struct hw_name *n;

	if (!p)
		return;
	n = local ? &p->lid : &p->rid;
	n->name = tokdup(c, v);
	n->span = drv_span(c->src, vl);
}

void hw_peer_nat(struct hw_ctx *c, bool on, const struct drv_loc *line)
{
	struct hw_peer *p = c->st->peer;
	struct span sp = drv_span(c->src, line);

	if (!p)
		return;
	p->nat.v = on;
	p->nat.o = origin_written(&sp);
}

/* ---- ipsec proposal ------------------------------------------------------- */

void hw_ipsp_transform(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct ipsec_proposal *p = c->st->ipsp ? c->st->ipsp->p : NULL;
	struct span at = drv_span(c->src, vl);
	char sh[64];

	if (!p)
		return;
	if (tok_is(v, "esp"))
		p->proto.v = PROTO_ESP;
	else if (tok_is(v, "ah"))
		p->proto.v = PROTO_AH;
	else if (tok_is(v, "ah-esp"))
		p->proto.v = PROTO_AH_ESP;
	else {
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown transform '%s' in %s (esp, ah or ah-esp)",
		       SHOW(v, sh), desc(c));
		return;
	}
	p->proto.o = origin_written(&at);
}

void hw_ipsp_mode(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct ipsec_proposal *p = c->st->ipsp ? c->st->ipsp->p : NULL;
	struct span at = drv_span(c->src, vl);
	char sh[64];

	if (!p)
		return;
	if (tok_is(v, "tunnel")) {
		p->mode.v = ENCAP_TUNNEL;
	} else if (tok_is(v, "transport")) {
		p->mode.v = ENCAP_TRANSPORT;
	} else if (tok_is(v, "auto")) {
		p->mode.v = ENCAP_AUTO;
		dl_note(c, DIALECT_HW_USG, 1);
	} else {
		hw_fnd(c, R_INVALID_VALUE, &at,
		       "unknown encapsulation mode '%s' in %s (tunnel, transport or auto)", SHOW(v, sh),
		       desc(c));
		return;
	}
	p->mode.o = origin_written(&at);
}

void hw_ipsp_algs(struct hw_ctx *c, enum hw_field f, const struct drv_loc *line)
{
	struct ipsec_proposal *p = c->st->ipsp ? c->st->ipsp->p : NULL;

	if (!p)
		return;
	switch (f) {
	case HW_F_ESP_ENC:
		alg_list(c, &p->esp_enc, esp_enc_words, ARRAY_SIZE(esp_enc_words), "ESP encryption algorithm",
			 line, false);
		break;
	case HW_F_ESP_AUTH:
		alg_list(c, &p->esp_integ, esp_auth_words, ARRAY_SIZE(esp_auth_words),
			 "ESP authentication algorithm", line, false);
		break;
	case HW_F_AH_AUTH:
		alg_list(c, &p->ah_integ, esp_auth_words, ARRAY_SIZE(esp_auth_words),
			 "AH authentication algorithm", line, false);
		break;
	default:
		break;
	}
}

/* ---- ipsec policy, policy-template, profile ------------------------------- */

void hw_pol_acl(struct hw_ctx *c, const struct drv_loc *line)
{
	struct hw_pol *p = c->st->pol;
	const struct hw_word *w = c->words;
	unsigned i = 0;
	struct span at;
	uint64_t n;
	char sh[64];

	(void)line;
	if (!p || !c->nwords)
		return;
	if (c->nwords >= 2 && tok_is(&w[0].t, "name"))
		i = 1;
	at = drv_span(c->src, &w[i].l);
	if (!i && drv_tok_uint(&w[i].t, UINT32_MAX, &n) && (n < 3000 || n > 3999))
		hw_fnd(c, R_INVALID_VALUE, &at, "security acl %s in %s is not an advanced ACL (3000-3999)",
		       SHOW(&w[i].t, sh), desc(c));
	p->acl.name = tokdup(c, &w[i].t);
	p->acl.span = at;
	for (unsigned k = i + 1; k < c->nwords; k++) {
		struct span ak = drv_span(c->src, &w[k].l);
		if (!tok_is(&w[k].t, "dynamic-source")) /* AR: the source is learnt from the peer */
			hw_fnd(c, R_INVALID_VALUE, &ak, "unknown option '%s' after security acl in %s",
			       SHOW(&w[k].t, sh), desc(c));
	}
}

void hw_pol_peer(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_pol *p = c->st->pol;

	if (!p)
		return;
	p->peer.name = tokdup(c, v);
	p->peer.span = drv_span(c->src, vl);
}

void hw_pol_proposals(struct hw_ctx *c, const struct drv_loc *line)
{
	struct hw_pol *p = c->st->pol;
	struct span sp = drv_span(c->src, line);

	if (!p)
		return;
	if (c->nwords > 1)
		foreign_note(c, FOREIGN_H3C, 1, &sp, "several proposals on one 'proposal' line");
	p->nprops = 0; /* a new proposal line replaces the list */
	for (unsigned i = 0; i < c->nwords; i++) {
		struct hw_name n = {tokdup(c, &c->words[i].t), drv_span(c->src, &c->words[i].l)};
		APUSH(c->scratch, p->props, p->nprops, p->props_cap, n);
	}
}

void hw_pol_pfs(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_pol *p = c->st->pol;
	struct span at = drv_span(c->src, vl);
	int g;
	char sh[64];

	if (!p)
		return;
	if (!parse_dh(v, "dh-group", &g)) {
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown PFS group '%s' in %s", SHOW(v, sh), desc(c));
		return;
	}
	p->pfs.v = g;
	p->pfs.o = origin_written(&at);
}

void hw_pol_duration(struct hw_ctx *c, bool time_based, const struct drv_tok *v, const struct drv_loc *vl,
		     const struct drv_loc *line)
{
	struct hw_pol *p = c->st->pol;
	struct span sp = drv_span(c->src, line);
	int64_t x;

	if (!p || !lifetime_ok(c, false, time_based, v, vl, &x))
		return;
	if (time_based) {
		p->life_s.v = x;
		p->life_s.o = origin_written(&sp);
	} else {
		p->life_kb.v = x;
		p->life_kb.o = origin_written(&sp);
	}
}

void hw_pol_trigger(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct span at = drv_span(c->src, vl);
	char sh[64];

	if (!tok_is(v, "auto") && !tok_is(v, "traffic-based"))
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown SA trigger mode '%s' in %s (auto or traffic-based)",
		       SHOW(v, sh), desc(c));
}

void hw_pol_local(struct hw_ctx *c, bool tunnel_kw, const struct drv_tok *v, const struct drv_loc *vl,
		  const struct drv_loc *line)
{
	struct hw_pol *p = c->st->pol;
	struct endpoint ep;

	if (!p)
		return;
	if (tunnel_kw && p->kind != HW_PK_MANUAL)
		dl_note(c, DIALECT_HW_USG, 1);
	p->local_span = drv_span(c->src, line);
	if (!v) {
		p->local_applied = true;
		memset(&p->local, 0, sizeof(p->local));
		p->local_bad = false;
		return;
	}
	p->local_applied = false;
	if (!parse_endpoint(c, v, vl, tunnel_kw ? "tunnel local" : "local-address", &ep)) {
		p->local_bad = true;
		return;
	}
	p->local = ep;
	p->local_bad = false;
}

void hw_pol_remote(struct hw_ctx *c, bool h3c, const struct drv_tok *v, const struct drv_loc *vl,
		   const struct drv_loc *line)
{
	struct hw_pol *p = c->st->pol;
	struct endpoint ep;
	struct span sp = drv_span(c->src, line);

	if (!p)
		return;
	if (h3c)
		foreign_note(c, FOREIGN_H3C, 1, &sp, "'remote-address' inside 'ipsec policy'");
	if (!parse_endpoint(c, v, vl, h3c ? "remote-address" : "tunnel remote", &ep)) {
		p->remote_bad = true;
		return;
	}
	if (!h3c)
		p->nremotes = 0; /* tunnel remote: one value, the last one counts */
	APUSH(c->scratch, p->remotes, p->nremotes, p->remotes_cap, ep);
}

void hw_pol_disable(struct hw_ctx *c, const struct drv_loc *line)
{
	struct hw_pol *p = c->st->pol;

	if (!p)
		return;
	p->disabled = true;
	p->disabled_span = drv_span(c->src, line);
}

void hw_pol_route_inject(struct hw_ctx *c, const struct drv_loc *line)
{
	(void)line;
	dl_note(c, DIALECT_HW_USG, 1);
}

static int dir_of(const struct drv_tok *d)
{
	return d->s[0] == 'i' ? SA_IN : SA_OUT;
}

static int proto_of(const struct drv_tok *p)
{
	return p->s[0] == 'e' ? SA_ESP : SA_AH;
}

void hw_pol_spi(struct hw_ctx *c, const struct drv_tok *dir, const struct drv_tok *proto,
		const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_pol *p = c->st->pol;
	struct span at = drv_span(c->src, vl);
	struct manual_sa_half *h;
	uint64_t spi;
	char sh[64];

	if (!p)
		return;
	if (!p->msa)
		p->msa = ARENA_NEW(c->a, struct manual_sa);
	if (!drv_tok_uint(v, UINT32_MAX, &spi) || spi < 256) {
		hw_fnd(c, R_INVALID_VALUE, &at, "SPI %s in %s is out of range 256-4294967295", SHOW(v, sh),
		       desc(c));
		return;
	}
	h = &p->msa->h[dir_of(dir)][proto_of(proto)];
	h->spi.v = (int64_t)spi;
	h->spi.o = origin_written(&at);
}

void hw_pol_key(struct hw_ctx *c, enum hw_keytype type, const struct drv_tok *dir,
		const struct drv_tok *proto, enum hw_keyform form, const struct drv_tok *key,
		const struct drv_loc *kl)
{
	struct hw_pol *p = c->st->pol;
	struct span at = drv_span(c->src, kl);
	struct manual_sa_half *h;
	struct key *k;
	bool hex = type != HW_KT_STRING;
	int d = dir_of(dir), pr = proto_of(proto);

	if (!p)
		return;
	if (!p->msa)
		p->msa = ARENA_NEW(c->a, struct manual_sa);
	h = &p->msa->h[d][pr];
	/* a string key derives both keys of the SA: it is recorded as the SA's key */
	k = type == HW_KT_ENC_HEX ? &h->enc_key : &h->auth_key;
	if (hex && !is_device_cipher(key->s, key->len)) {
		if (!model_key_looks_hex(key->s, key->len)) {
			hw_fnd(c, R_INVALID_VALUE, &at,
			       "malformed hex key in %s: an even number of hex digits is expected", desc(c));
			return;
		}
	}
	make_key(c, k, key, &at, form, hex);
	if (type == HW_KT_STRING && k->form == KEY_PLAIN && (k->len < 1 || k->len > 127))
		hw_fnd(c, R_INVALID_VALUE, &at, "string key in %s must have 1-127 characters", desc(c));
	p->msa_key[d][pr] = true;
}

/* ---- acl ------------------------------------------------------------------ */

void hw_rule_begin(struct hw_ctx *c, const struct drv_tok *id, const struct drv_loc *il, bool permit,
		   const struct drv_loc *kw)
{
	struct hw_state *st = c->st;
	struct hw_rule *r = &st->rule;
	uint64_t v;
	char sh[64];

	memset(r, 0, sizeof(*r));
	if (!st->acl)
		return;
	r->active = true;
	r->kw_span = drv_span(c->src, kw);
	r->s.action = permit ? SEL_PERMIT : SEL_DENY;
	r->s.proto = -1;
	r->s.src = aspec_any(4);
	r->s.src.text = "any";
	r->s.dst = aspec_any(4);
	r->s.dst.text = "any";
	r->s.sport = port_any();
	r->s.dport = port_any();
	if (id) {
		struct span at = drv_span(c->src, il);
		if (!drv_tok_uint(id, UINT32_MAX - 1, &v)) {
			hw_fnd(c, R_INVALID_VALUE, &at, "rule ID %s in %s is out of range", SHOW(id, sh),
			       desc(c));
			r->bad = true;
			return;
		}
		r->s.rule_id = (uint32_t)v;
		r->id_given = true;
	}
}

void hw_rule_proto(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	static const struct vmap protos[] = {
		{"ip", -1},  {"tcp", 6},  {"udp", 17},	 {"icmp", 1},
		{"gre", 47}, {"igmp", 2}, {"ipinip", 4}, {"ospf", 89},
	};
	struct hw_rule *r = &c->st->rule;
	struct span at = drv_span(c->src, vl);
	uint64_t n;
	int p;
	char sh[64];

	if (!r->active)
		return;
	if (vlookup(protos, ARRAY_SIZE(protos), v->s, v->len, &p)) {
		r->s.proto = (int16_t)p;
	} else if (drv_tok_uint(v, 255, &n)) {
		r->s.proto = n ? (int16_t)n : -1;
	} else {
		hw_fnd(c, R_INVALID_VALUE, &at, "protocol %s in %s is out of range 0-255", SHOW(v, sh),
		       desc(c));
		r->bad = true;
	}
}

/*
 * "ADDRESS WILDCARD" as written, one copy per distinct text in the file: the
 * rules of a big ACL repeat a handful of networks thousands of times.
 */
static const char *intern_pair(struct hw_ctx *c, const struct drv_tok *a, const struct drv_tok *b)
{
	struct hmap *t = &c->st->texts;
	char buf[160];
	size_t n = (size_t)a->len + 1 + b->len;
	uintptr_t *v;
	bool added;

	if (n >= sizeof(buf))
		return arena_printf(c->a, "%.*s %.*s", (int)a->len, a->s, (int)b->len, b->s);
	memcpy(buf, a->s, a->len);
	buf[a->len] = ' ';
	memcpy(buf + a->len + 1, b->s, b->len);
	buf[n] = '\0';
	v = hmap_put(t, buf, n, &added);
	if (added)
		*v = (uintptr_t)arena_strndup(c->a, buf, n);
	return (const char *)*v;
}

void hw_rule_addr(struct hw_ctx *c, bool src, const struct drv_tok *addr, const struct drv_loc *al,
		  const struct drv_tok *wc, const struct drv_loc *wl)
{
	struct hw_rule *r = &c->st->rule;
	struct addrspec *as = src ? &r->s.src : &r->s.dst;
	struct ip128 ip, w;
	uint8_t fam, wfam;
	uint64_t plen;
	char sh[64];

	if (!r->active)
		return;
	if (!addr) {
		*as = aspec_any(4);
		as->text = "any";
		return;
	}
	if (!parse_addr(c, addr, al, src ? "source" : "destination", &ip, &fam) || fam != 4) {
		r->bad = true;
		return;
	}
	if (tok_is(wc, "0")) {
		*as = aspec_host(&ip, 4);
	} else if (wc->len <= 2 && drv_tok_uint(wc, 32, &plen)) {
		*as = aspec_prefix(&ip, 4,
				   (unsigned)plen); /* a mask length, as later VRP5 versions accept [I] */
	} else {
		bool ok = addr_parse_ipn(wc->s, wc->len, &w, &wfam) && wfam == 4;

		if (!ok) {
			struct span at = drv_span(c->src, wl);
			hw_fnd(c, R_INVALID_VALUE, &at, "'%s' in %s is not a wildcard mask", SHOW(wc, sh),
			       desc(c));
			r->bad = true;
			return;
		}
		*as = aspec_wildcard(&ip, 4, &w);
	}
	as->text = intern_pair(c, addr, wc);
}

static bool parse_port(struct hw_ctx *c, const struct drv_tok *t, const struct drv_loc *l, uint16_t *out)
{
	uint64_t v;
	int p;
	char sh[64];
	struct span at = drv_span(c->src, l);

	if (drv_tok_uint(t, 65535, &v)) {
		*out = (uint16_t)v;
		return true;
	}
	if (vlookup(port_names, ARRAY_SIZE(port_names), t->s, t->len, &p)) {
		*out = (uint16_t)p;
		return true;
	}
	hw_fnd(c, R_INVALID_VALUE, &at,
	       "port '%s' in %s is not a port number 0-65535 or a known service name", SHOW(t, sh), desc(c));
	return false;
}

void hw_rule_port(struct hw_ctx *c, bool src, int op, const struct drv_tok *opw, const struct drv_loc *opl,
		  const struct drv_tok *p1, const struct drv_loc *l1, const struct drv_tok *p2,
		  const struct drv_loc *l2)
{
	struct hw_rule *r = &c->st->rule;
	struct portrange *pr = src ? &r->s.sport : &r->s.dport;
	uint16_t a = 0, b = 0;
	char sh[64];

	if (!r->active)
		return;
	if (!op) {
		struct span at = drv_span(c->src, opl);
		hw_fnd(c, R_INVALID_VALUE, &at, "unknown port operator '%s' in %s (eq, gt, lt or range)",
		       SHOW(opw, sh), desc(c));
		r->bad = true;
		return;
	}
	if (!parse_port(c, p1, l1, &a) || (p2 && !parse_port(c, p2, l2, &b))) {
		r->bad = true;
		return;
	}
	switch (op) {
	case 'e':
		pr->lo = pr->hi = a;
		break;
	case 'g':
		if (a == 65535) {
			struct span at = drv_span(c->src, l1);
			hw_fnd(c, R_INVALID_VALUE, &at, "'gt 65535' in %s matches no port", desc(c));
			r->bad = true;
			return;
		}
		pr->lo = (uint16_t)(a + 1);
		pr->hi = 65535;
		break;
	case 'l':
		if (a == 0) {
			struct span at = drv_span(c->src, l1);
			hw_fnd(c, R_INVALID_VALUE, &at, "'lt 0' in %s matches no port", desc(c));
			r->bad = true;
			return;
		}
		pr->lo = 0;
		pr->hi = (uint16_t)(a - 1);
		break;
	default:
		pr->lo = a < b ? a : b;
		pr->hi = a < b ? b : a;
		break;
	}
}

void hw_rule_word(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	static const char *const flags[] = {"logging",
					    "fragment",
					    "none-first-fragment",
					    "ttl-expired",
					    "tcp-flag",
					    "syn",
					    "ack",
					    "fin",
					    "psh",
					    "rst",
					    "urg",
					    "established",
					    "match-order",
					    "first-fragment",
					    "counting"};
	struct hw_rule *r = &c->st->rule;
	struct span at = drv_span(c->src, vl);
	char sh[64];

	if (!r->active)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
		if (tok_is(v, flags[i]))
			return;
	}
	/* the word right after permit/deny where a protocol belongs */
	hw_fnd(c, R_INVALID_VALUE, &at, "unknown protocol or rule option '%s' in %s", SHOW(v, sh), desc(c));
	r->bad = true;
}

static int cmp_rules(const void *x, const void *y)
{
	const struct selector *a = x, *b = y;

	if (a->rule_id != b->rule_id)
		return a->rule_id < b->rule_id ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return 0;
}

void hw_rule_end(struct hw_ctx *c, const struct drv_loc *stmt)
{
	struct hw_state *st = c->st;
	struct hw_rule *r = &st->rule;
	struct hw_acl *a = st->acl;
	struct selector *s = NULL;

	if (!r->active || !a || r->bad) {
		r->active = false;
		return;
	}
	r->active = false;
	if (!r->id_given) /* the next multiple of the step above the highest ID [C:S2] */
		r->s.rule_id = (a->max_id / a->step + 1) * a->step;
	/* an ID above every one so far is new: the scan is only for a rule written again, O(n) then */
	for (size_t i = 0; r->s.rule_id <= a->max_id && i < a->l->n; i++) {
		if (a->l->rules[i].rule_id ==
		    r->s.rule_id) { /* re-entered rule ID: the new rule replaces it */
			s = &a->l->rules[i];
			break;
		}
	}
	if (r->s.rule_id > a->max_id)
		a->max_id = r->s.rule_id;
	if (!s)
		s = model_sel_list_add(c->dev, a->l);
	*s = r->s;
	s->line = stmt->first_line;
	s->col = stmt->first_column;
	s->end_line = stmt->last_line;
	s->end_col = stmt->last_column;
	/* no copy of the rule's text: model_sel_text() finds it on its line */
}

void hw_acl_step(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_acl *a = c->st->acl;
	struct span at = drv_span(c->src, vl);
	uint64_t n;
	char sh[64];

	if (!a)
		return;
	if (!drv_tok_uint(v, 20, &n) || n < 1) {
		hw_fnd(c, R_INVALID_VALUE, &at, "ACL step %s in %s is out of range 1-20", SHOW(v, sh),
		       desc(c));
		return;
	}
	a->step = (unsigned)n;
}

/* ---- interface ------------------------------------------------------------ */

void hw_if_address(struct hw_ctx *c, const struct drv_tok *a, const struct drv_loc *al,
		   const struct drv_tok *m, const struct drv_loc *ml, bool sub, const struct drv_loc *line)
{
	struct hw_iface *f = c->st->iface;
	struct span sp = drv_span(c->src, line), mat = drv_span(c->src, ml);
	struct ip128 ip, mask;
	uint8_t fam, mfam;
	uint64_t plen;
	struct addrspec host, net;
	char buf[20], sh[64];

	if (!f || !parse_addr(c, a, al, "ip address", &ip, &fam))
		return;
	if (m->len <= 2 && drv_tok_uint(m, UINT32_MAX, &plen)) {
		if (plen > 32) {
			hw_fnd(c, R_INVALID_VALUE, &mat, "prefix length %s in %s is longer than 32",
			       SHOW(m, sh), desc(c));
			return;
		}
	} else {
		bool ok = m->len < sizeof(buf);
		if (ok) {
			memcpy(buf, m->s, m->len);
			buf[m->len] = '\0';
			ok = addr_parse_ip(buf, &mask, &mfam) && mfam == 4 &&
			     aspec_netmask(&ip, 4, &mask, &net);
		}
		if (!ok) {
			hw_fnd(c, R_INVALID_VALUE, &mat, "'%s' in %s is not a contiguous netmask",
			       SHOW(m, sh), desc(c));
			return;
		}
	}
	host = aspec_host(&ip, 4);
	host.text = tokdup(c, a);
	{
		struct origin o = origin_written(&sp);
		model_device_add_addr(c->dev, &host, f->name, &o);
	}
	if (!sub && !f->has_addr) {
		f->has_addr = true;
		f->addr = host;
		f->addr_span = drv_span(c->src, al);
	} else if (!sub) {
		f->addr = host; /* a second primary address replaces the first */
		f->addr_span = drv_span(c->src, al);
	}
}

void hw_if_address_other(struct hw_ctx *c, const struct drv_tok *w, const struct drv_loc *wl)
{
	struct ip128 ip;
	uint8_t fam;

	if (!c->st->iface)
		return;
	/* unnumbered, dhcp-alloc, negotiate, ...: no address here; a dotted word is a broken address */
	if (memchr(w->s, '.', w->len) || memchr(w->s, ':', w->len))
		parse_addr(c, w, wl, "ip address", &ip, &fam);
}

void hw_if_policy(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		  const struct drv_loc *line)
{
	struct hw_iface *f = c->st->iface;
	char sh[64];

	if (!f)
		return;
	f->pol.name = tokdup(c, name);
	f->pol.span = drv_span(c->src, line);
	(void)nl;
	for (unsigned i = 0; i < c->nwords; i++) {
		const struct drv_tok *t = &c->words[i].t;
		struct span at = drv_span(c->src, &c->words[i].l);
		if (tok_is(t, "auto-neg")) {
			dl_note(c, DIALECT_HW_USG, 3);
		} else if (tok_is(t, "alone") || tok_is(t, "master") || tok_is(t, "slave")) {
			dl_note(c, DIALECT_HW_USG_E, 3);
		} else if (tok_is(t, "service-instance-group")) {
			foreign_note(c, FOREIGN_VRP8, 2, &at, "'service-instance-group'");
			break;
		} else {
			hw_fnd(c, R_INVALID_VALUE, &at,
			       "unknown binding option '%s' in %s (auto-neg, alone, master or slave)",
			       SHOW(t, sh), desc(c));
			break;
		}
	}
}

void hw_if_profile(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_loc *line)
{
	struct hw_iface *f = c->st->iface;

	(void)nl;
	if (!f)
		return;
	f->prof.name = tokdup(c, name);
	f->prof.span = drv_span(c->src, line);
}

void hw_if_tunnel_protocol(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	(void)c;
	(void)v;
	(void)vl;
}

void hw_if_source(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_iface *f = c->st->iface;
	struct ip128 ip;
	uint8_t fam;
	char buf[64];

	if (!f)
		return;
	f->src_set = true;
	f->src_bad = false;
	f->src_is_if = false;
	f->src_span = drv_span(c->src, vl);
	if (v->len < sizeof(buf)) {
		memcpy(buf, v->s, v->len);
		buf[v->len] = '\0';
		if (addr_parse_ip(buf, &ip, &fam)) {
			f->src = aspec_host(&ip, fam);
			f->src.text = tokdup(c, v);
			return;
		}
	}
	if (memchr(v->s, '.', v->len) && !memchr(v->s, '/', v->len) && !(v->s[0] >= 'A' && v->s[0] <= 'Z')) {
		parse_addr(c, v, vl, "tunnel source", &ip, &fam); /* reports it */
		f->src_bad = true;
		return;
	}
	f->src_is_if = true;
	f->src_if = tokdup(c, v);
}

void hw_if_destination(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl)
{
	struct hw_iface *f = c->st->iface;
	struct ip128 ip;
	uint8_t fam;

	if (!f)
		return;
	f->dst_set = true;
	f->dst_span = drv_span(c->src, vl);
	if (!parse_addr(c, v, vl, "tunnel destination", &ip, &fam)) {
		f->dst_bad = true;
		return;
	}
	f->dst_bad = false;
	f->dst = aspec_host(&ip, fam);
	f->dst.text = tokdup(c, v);
}

/* ---- after the parse: dialect --------------------------------------------- */

static enum dialect decide_dialect(const struct hw_state *st)
{
	int usg = st->dl[DIALECT_HW_USG] + st->dl[DIALECT_HW_USG_E];
	int ar = st->dl[DIALECT_HW_AR_OLD] + st->dl[DIALECT_HW_AR_NEW];

	if (usg > ar)
		return st->dl[DIALECT_HW_USG_E] > 0 ? DIALECT_HW_USG_E : DIALECT_HW_USG;
	if (st->dl[DIALECT_HW_AR_OLD] > st->dl[DIALECT_HW_AR_NEW])
		return DIALECT_HW_AR_OLD;
	return DIALECT_HW_AR_NEW; /* the current AR family when nothing tells [I] */
}

static bool is_usg(enum dialect d)
{
	return d == DIALECT_HW_USG || d == DIALECT_HW_USG_E;
}

/* ---- after the parse: defaults -------------------------------------------- */

/* §2 of formats/huawei-vrp.md: a created `ike proposal N` and the built-in default proposal. */
struct p1_defaults {
	uint8_t enc[3], nenc;
	uint8_t hash[3], nhash;
	uint8_t integ, prf, dh;
	enum prov algs; /* encryption, hash, PRF, DH, authentication method */
	enum prov integ_prov;
	enum prov life;
};

static struct p1_defaults p1_defaults(enum dialect d, bool builtin)
{
	struct p1_defaults x = {{ENC_AES256},
				1,
				{INTEG_SHA256},
				1,
				INTEG_SHA256,
				INTEG_SHA256,
				14,
				PROV_DEFAULT_ASSUMED,
				PROV_DEFAULT_ASSUMED,
				PROV_DEFAULT_ASSUMED};

	if (builtin && d != DIALECT_HW_AR_OLD) {
		/* printed by AR V300 [O:E2], displayed by USG [O:E6], documented for USG-E [C:S1] */
		x.enc[0] = ENC_AES256, x.enc[1] = ENC_AES192, x.enc[2] = ENC_AES128, x.nenc = 3;
		x.hash[0] = INTEG_SHA512, x.hash[1] = INTEG_SHA384, x.hash[2] = INTEG_SHA256, x.nhash = 3;
		x.algs = x.integ_prov = PROV_DEFAULT;
		x.life = is_usg(d) ? PROV_DEFAULT : PROV_DEFAULT_ASSUMED;
		return x;
	}
	switch (d) {
	case DIALECT_HW_AR_OLD: /* AR500 V200R007 command reference [C:S3] */
		if (builtin) {
			x.enc[0] = ENC_DES;
			x.hash[0] = INTEG_SHA1;
			x.integ = INTEG_SHA1;
			x.prf = INTEG_SHA1;
			x.dh = 1;
		} else {
			x.dh = 2;
		}
		x.algs = PROV_DEFAULT;
		x.integ_prov = PROV_DEFAULT_ASSUMED; /* integrity not documented [U] */
		x.life = PROV_DEFAULT;
		break;
	case DIALECT_HW_USG_E: /* [C:S1] */
		x.algs = x.integ_prov = x.life = PROV_DEFAULT;
		break;
	default: /* AR-new: as printed, probably the defaults [I]; USG: as USG-E [I] */
		break;
	}
	return x;
}

static void set_algs(struct algset *s, const uint8_t *v, unsigned n, const struct span *at, enum prov p)
{
	if (s->o.prov != PROV_UNSET || s->n)
		return;
	memset(s, 0, sizeof(*s));
	for (unsigned i = 0; i < n; i++)
		algset_add(s, v[i]);
	s->o = origin_at(at, p);
}

static void set_mint(struct mint *m, int64_t v, const struct span *at, enum prov p)
{
	if (m->o.prov != PROV_UNSET)
		return;
	m->v = v;
	m->o = origin_at(at, p);
}

static void ike_proposal_defaults(struct ike_proposal *p, enum dialect d, bool builtin)
{
	struct p1_defaults x = p1_defaults(d, builtin);

	set_algs(&p->enc, x.enc, x.nenc, &p->span, x.algs);
	set_algs(&p->hash, x.hash, x.nhash, &p->span, x.algs);
	set_algs(&p->integ, &x.integ, 1, &p->span, x.integ_prov);
	set_algs(&p->prf, &x.prf, 1, &p->span, x.algs);
	set_algs(&p->dh, &x.dh, 1, &p->span, x.algs);
	set_mint(&p->auth, AUTH_PSK, &p->span, x.algs);
	set_mint(&p->lifetime_s, 86400, &p->span, x.life);
}

static void ipsec_proposal_defaults(struct ipsec_proposal *p, enum dialect d)
{
	/* ESP and tunnel mode [C:S1,S4; O:E1,E5,E6]; ESP/AH algorithms [C:S1] for USG-E, else [U] */
	enum prov alg = d == DIALECT_HW_USG_E ? PROV_DEFAULT : PROV_DEFAULT_ASSUMED;
	uint8_t aes = ENC_AES256, sha = INTEG_SHA256;

	set_mint(&p->proto, PROTO_ESP, &p->span, PROV_DEFAULT);
	set_mint(&p->mode, ENCAP_TUNNEL, &p->span, PROV_DEFAULT);
	if (p->proto.v == PROTO_ESP || p->proto.v == PROTO_AH_ESP) {
		set_algs(&p->esp_enc, &aes, 1, &p->span, alg);
		set_algs(&p->esp_integ, &sha, 1, &p->span, alg);
	}
	if (p->proto.v == PROTO_AH || p->proto.v == PROTO_AH_ESP)
		set_algs(&p->ah_integ, &sha, 1, &p->span, alg);
}

/* ---- after the parse: the model ------------------------------------------- */

static int cmp_ikep(const void *x, const void *y)
{
	const struct hw_ikep *a = *(struct hw_ikep *const *)x, *b = *(struct hw_ikep *const *)y;

	if (a->printed_default != b->printed_default)
		return a->printed_default ? 1 : -1;
	if (a->numeric != b->numeric)
		return a->numeric ? -1 : 1;
	if (a->numeric && a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return cmp_str(a->p->name, b->p->name);
}

static struct ike_proposal *builtin_default(struct hw_ctx *c, const struct span *at)
{
	struct hw_state *st = c->st;

	if (!st->builtin_default) {
		struct ike_proposal *p = ARENA_NEW(c->a, struct ike_proposal);
		p->name = "default";
		p->span = *at; /* not printed: the first peer that offers it */
		p->builtin = true;
		ike_proposal_defaults(p, c->dev->dialect, true);
		st->builtin_default = p;
	}
	return st->builtin_default;
}

static bool endpoint_of_iface(struct hw_ctx *c, const char *ifname, struct endpoint *out)
{
	struct hw_iface *f = map_gets(c->st->map, HM_IFACE, ifname);

	if (!f || !f->has_addr)
		return false;
	out->addr = f->addr;
	out->o = origin_written(&f->addr_span);
	return true;
}

static void ident_value(struct hw_ctx *c, struct ident *id, const struct hw_name *v)
{
	struct ip128 ip;
	uint8_t fam;

	id->value = v->name;
	if ((id->type == ID_IPV4 || id->type == ID_IPV6) && v->name && addr_parse_ip(v->name, &ip, &fam)) {
		id->addr = aspec_host(&ip, fam);
		id->addr.text = v->name;
		id->type = fam == 6 ? ID_IPV6 : ID_IPV4;
	}
	(void)c;
}

static enum id_type id_type_of_value(const char *s)
{
	struct ip128 ip;
	uint8_t fam;

	if (addr_parse_ip(s, &ip, &fam))
		return fam == 6 ? ID_IPV6 : ID_IPV4;
	return ID_FQDN;
}

static struct ike *peer_ike(struct hw_ctx *c, struct hw_peer *p)
{
	struct hw_state *st = c->st;
	enum dialect d = c->dev->dialect;
	struct ike *k;
	unsigned v;

	if (p->ike)
		return p->ike;
	k = ARENA_NEW(c->a, struct ike);
	p->ike = k;
	k->peer_name = arena_printf(c->a, "ike peer %s", p->name);
	k->peer_span = p->span;

	/* versions: AR-old header, else version lines, else the dialect's default minus undo lines */
	if (p->hdr_ver) {
		v = p->hdr_ver == 1 ? IKE_V1 : IKE_V2;
		if (p->ver_on)
			v = p->ver_on;
		k->versions.v = v & ~p->ver_off;
		k->versions.o = origin_written(&p->hdr_span);
	} else if (p->ver_on) {
		k->versions.v = p->ver_on & ~p->ver_off;
		k->versions.o = origin_written(&p->ver_span);
	} else if (p->ver_off) {
		k->versions.v = (IKE_V1 | IKE_V2) & ~p->ver_off;
		k->versions.o = origin_written(&p->ver_span);
	} else {
		/* both versions: observed on USG [O:E6]; AR and USG-E [U]/[I] */
		k->versions.v = IKE_V1 | IKE_V2;
		k->versions.o =
			origin_at(&p->span, d == DIALECT_HW_USG ? PROV_DEFAULT : PROV_DEFAULT_ASSUMED);
	}

	/* exchange mode: main, observed on USG [O:E6], documented for USG-E [C:S1], inferred for AR [I] */
	k->exchange = p->exchange;
	set_mint(&k->exchange, XCHG_MAIN, &p->span, is_usg(d) ? PROV_DEFAULT : PROV_DEFAULT_ASSUMED);

	/* proposals: the named one, else all of them in number order, the default one last */
	if (p->ikep.name) {
		struct hw_ikep *x = map_gets(st->map, HM_IKEP, p->ikep.name);
		if (x) {
			k->proposals = ARENA_NEWV(c->a, struct ike_proposal *, 1);
			k->proposals[0] = x->p;
			k->nproposals = 1;
		}
	} else {
		bool printed = false;
		k->proposals = ARENA_NEWV(c->a, struct ike_proposal *, st->nikeps + 1);
		for (size_t i = 0; i < st->nikeps; i++) {
			k->proposals[k->nproposals++] = st->ikeps[i]->p;
			printed = printed || st->ikeps[i]->printed_default;
		}
		if (!printed)
			k->proposals[k->nproposals++] = builtin_default(c, &p->span);
	}

	k->psk = p->psk;

	/* local identity: type as written; the value from local-id, ike local-name, else the sysname */
	if (p->lid_type_set) {
		k->local_id.type = p->lid_type;
		k->local_id.o = origin_written(&p->lid_type_span);
		if (p->lid.name) {
			ident_value(c, &k->local_id, &p->lid);
		} else if (p->lid_type != ID_IPV4 && p->lid_type != ID_IPV6) {
			if (st->local_name.name) {
				k->local_id.value = st->local_name.name;
			} else if (st->sysname.name) {
				k->local_id.value =
					st->sysname.name; /* the device name is the default local name [I] */
				k->local_id.o = origin_at(&st->sysname.span, PROV_DEFAULT_ASSUMED);
			}
		}
	} else if (p->lid.name) {
		k->local_id.type = id_type_of_value(p->lid.name);
		k->local_id.o = origin_written(&p->lid.span);
		ident_value(c, &k->local_id, &p->lid);
	}

	/* remote identity */
	if (p->rid_type_set) {
		k->remote_id.type = p->rid_type;
		k->remote_id.o = origin_written(&p->rid_type_span);
		if (p->rid_type != ID_ANY) {
			if (p->rid_type_val.name)
				ident_value(c, &k->remote_id, &p->rid_type_val);
			else if (p->rid.name)
				ident_value(c, &k->remote_id, &p->rid);
		}
	} else if (p->rid.name) {
		k->remote_id.type = id_type_of_value(p->rid.name);
		k->remote_id.o = origin_written(&p->rid.span);
		ident_value(c, &k->remote_id, &p->rid);
	}

	/* NAT traversal: probably on by default on AR-new [I from E1]; unknown elsewhere [U] */
	k->nat_traversal = p->nat;
	if (d == DIALECT_HW_AR_NEW)
		set_mint(&k->nat_traversal, 1, &p->span, PROV_DEFAULT_ASSUMED);
	return k;
}

/* The IPsec SA lifetimes: the policy's, else the global ones, else the dialect's default. */
static void ipsec_lifetimes(struct hw_ctx *c, const struct hw_pol *src, struct ipsec *ip)
{
	enum dialect d = c->dev->dialect;
	enum prov ps, pk;
	int64_t kb;

	ip->lifetime_s = src->life_s.o.prov ? src->life_s : c->st->gdur_s;
	ip->lifetime_kb = src->life_kb.o.prov ? src->life_kb : c->st->gdur_kb;
	switch (d) {
	case DIALECT_HW_AR_OLD:
	case DIALECT_HW_AR_NEW: /* 3600 s / 1843200 KB [O:E5,E9; C:S2] */
		ps = pk = PROV_DEFAULT;
		kb = 1843200;
		break;
	case DIALECT_HW_USG: /* 3600 s [O:E6]; 10485760 KB inferred from a display [I] */
		ps = PROV_DEFAULT;
		pk = PROV_DEFAULT_ASSUMED;
		kb = 10485760;
		break;
	default: /* USG-E [U] */
		ps = pk = PROV_DEFAULT_ASSUMED;
		kb = 10485760;
		break;
	}
	set_mint(&ip->lifetime_s, 3600, &src->span, ps);
	set_mint(&ip->lifetime_kb, kb, &src->span, pk);
}

static void ipsec_of(struct hw_ctx *c, const struct hw_pol *src, struct ipsec *ip)
{
	struct hw_state *st = c->st;

	ip->proposals = ARENA_NEWV(c->a, struct ipsec_proposal *, src->nprops ? src->nprops : 1);
	for (size_t i = 0; i < src->nprops; i++) {
		struct hw_ipsp *x = map_gets(st->map, HM_IPSP, src->props[i].name);
		if (x)
			ip->proposals[ip->nproposals++] = x->p;
	}
	ip->pfs = src->pfs;
	set_mint(&ip->pfs, 0, &src->span, PROV_DEFAULT_ASSUMED); /* no PFS [I] */
	ipsec_lifetimes(c, src, ip);
}

static struct sel_list *acl_of(struct hw_ctx *c, const struct hw_pol *src)
{
	struct hw_acl *a = map_gets(c->st->map, HM_ACL, src->acl.name);

	if (!a)
		return NULL;
	a->l->refs++;
	return a->l;
}

static void add_remotes(struct tunnel *t, const struct endpoint *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		model_tunnel_add_remote(t, &v[i].addr, &v[i].o);
}

static void build_policy_tunnel(struct hw_ctx *c, struct hw_pol *p)
{
	struct hw_state *st = c->st;
	const struct hw_pol *src = p;
	struct hw_peer *peer;
	struct hw_iface *bind = map_gets(st->map, HM_BIND, p->group);
	struct hw_shared *shared = map_gets(st->map, HM_SHARED, p->group);
	struct tunnel *t;
	enum tunnel_kind kind;
	char *idsfx, *name;
	bool local_written_bad = false;

	if (p->kind == HW_PK_TPLREF) {
		const struct hw_pol *tpl = map_gets(st->map, HM_TPLNAME, p->tpl.name);
		if (tpl)
			src = tpl; /* the template's lowest sequence number [I] */
		kind = TK_TEMPLATE;
	} else {
		kind = p->kind == HW_PK_MANUAL ? TK_MANUAL : TK_ISAKMP;
	}
	idsfx = arena_printf(c->a, "ipsec-policy:%s:%llu", p->group, (unsigned long long)p->seq);
	name = arena_printf(c->a, "ipsec policy %s %llu", p->group, (unsigned long long)p->seq);
	t = model_tunnel_new(c->dev, kind, idsfx, name, &p->span);
	t->group = p->group;
	t->seq = (int64_t)p->seq;
	if (p->disabled || (src != p && src->disabled)) {
		t->enabled.v = 0;
		t->enabled.o = origin_written(p->disabled ? &p->disabled_span : &src->disabled_span);
	}
	if (bind) {
		t->applied = true;
		t->applied_span = bind->pol.span;
	}
	peer = kind == TK_MANUAL ? NULL : map_gets(st->map, HM_PEER, src->peer.name);

	/* local endpoint */
	if (peer && peer->local.addr.kind != ASPEC_NONE) {
		t->local = peer->local;
	} else if (src->local.addr.kind != ASPEC_NONE) {
		t->local = src->local;
	} else {
		local_written_bad = (peer && peer->local_bad) || src->local_bad;
		if (!local_written_bad) {
			if (!(shared && endpoint_of_iface(c, shared->ifname.name, &t->local)) && bind &&
			    bind->has_addr) {
				t->local.addr = bind->addr;
				t->local.o = origin_written(&bind->addr_span);
			}
		}
	}

	/* remote endpoints: the peer's remote-address lines, else tunnel remote */
	if (peer && peer->nremotes)
		add_remotes(t, peer->remotes, peer->nremotes);
	else
		add_remotes(t, src->remotes, src->nremotes);

	if (peer)
		t->ike = peer_ike(c, peer);
	ipsec_of(c, src, &t->ipsec);
	if (kind == TK_MANUAL) {
		t->manual = p->msa ? p->msa : ARENA_NEW(c->a, struct manual_sa);
		/* manual SAs never expire: the sa duration lines are for negotiated ones */
		memset(&t->ipsec.lifetime_s, 0, sizeof(t->ipsec.lifetime_s));
		memset(&t->ipsec.lifetime_kb, 0, sizeof(t->ipsec.lifetime_kb));
	}
	if (src->acl.name)
		t->selectors = acl_of(c, src);
}

static void build_profile_tunnel(struct hw_ctx *c, struct hw_pol *p, struct hw_iface *f, unsigned nth)
{
	struct hw_peer *peer = map_gets(c->st->map, HM_PEER, p->peer.name);
	struct tunnel *t;
	char *idsfx;

	idsfx = nth && f ? arena_printf(c->a, "ipsec-profile:%s:%s", p->group, f->name) :
			   arena_printf(c->a, "ipsec-profile:%s", p->group);
	t = model_tunnel_new(c->dev, TK_PROFILE, idsfx, arena_printf(c->a, "ipsec profile %s", p->group),
			     &p->span);
	t->group = p->group;
	t->seq = 0;
	if (p->disabled) {
		t->enabled.v = 0;
		t->enabled.o = origin_written(&p->disabled_span);
	}
	if (f) {
		t->applied = true;
		t->applied_span = f->prof.span;
		if (f->src_set && !f->src_is_if && !f->src_bad) {
			t->local.addr = f->src;
			t->local.o = origin_written(&f->src_span);
		} else if (f->src_set && f->src_is_if) {
			endpoint_of_iface(c, f->src_if, &t->local);
		}
		if (f->dst_set && !f->dst_bad) {
			struct origin o = origin_written(&f->dst_span);
			model_tunnel_add_remote(t, &f->dst, &o);
		}
	}
	if (peer) {
		if (t->local.addr.kind == ASPEC_NONE && peer->local.addr.kind != ASPEC_NONE)
			t->local = peer->local;
		if (!t->nremotes && !(f && f->dst_set))
			add_remotes(t, peer->remotes, peer->nremotes);
		t->ike = peer_ike(c, peer);
	}
	ipsec_of(c, p, &t->ipsec);
}

static int cmp_tunnels(const void *x, const void *y)
{
	const struct tunnel *a = *(struct tunnel *const *)x, *b = *(struct tunnel *const *)y;
	int r = cmp_str(a->group, b->group);

	if (r)
		return r;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind == TK_PROFILE ? 1 : b->kind == TK_PROFILE ? -1 : 0;
	return cmp_str(a->id, b->id);
}

static void add_device_addresses(struct hw_ctx *c)
{
	struct hw_state *st = c->st;

	for (size_t i = 0; i < st->npeers; i++) {
		struct hw_peer *p = st->peers[i];
		if (p->local.addr.kind != ASPEC_NONE)
			model_device_add_addr(c->dev, &p->local.addr, "local-address", &p->local.o);
	}
	for (size_t i = 0; i < st->nifaces; i++) {
		struct hw_iface *f = st->ifaces[i];
		if (f->src_set && !f->src_is_if && !f->src_bad) {
			struct origin o = origin_written(&f->src_span);
			model_device_add_addr(c->dev, &f->src, "tunnel source", &o);
		}
	}
	for (size_t i = 0; i < st->npols; i++) {
		struct hw_pol *p = st->pols[i];
		if (p->local.addr.kind != ASPEC_NONE)
			model_device_add_addr(c->dev, &p->local.addr, "tunnel local", &p->local.o);
	}
}

static void record_refs(struct hw_ctx *c)
{
	struct hw_state *st = c->st;

	for (size_t i = 0; i < st->npeers; i++) {
		struct hw_peer *p = st->peers[i];
		if (p->ikep.name) {
			model_ref(c->dev, "ike proposal", p->ikep.name, &p->ikep.span);
		} else {
			/* a peer without ike-proposal offers every proposal of the device */
			for (size_t k = 0; k < st->nikeps; k++)
				model_ref(c->dev, "ike proposal", st->ikeps[k]->p->name, &p->span);
		}
	}
	for (size_t i = 0; i < st->npols; i++) {
		struct hw_pol *p = st->pols[i];
		if (p->peer.name)
			model_ref(c->dev, "ike peer", p->peer.name, &p->peer.span);
		for (size_t k = 0; k < p->nprops; k++)
			model_ref(c->dev, "ipsec proposal", p->props[k].name, &p->props[k].span);
		if (p->acl.name)
			model_ref(c->dev, "acl", p->acl.name, &p->acl.span);
		if (p->tpl.name)
			model_ref(c->dev, "ipsec policy-template", p->tpl.name, &p->tpl.span);
	}
	for (size_t i = 0; i < st->nifaces; i++) {
		struct hw_iface *f = st->ifaces[i];
		if (f->pol.name) {
			model_ref(c->dev, "ipsec policy", f->pol.name, &f->pol.span);
			if (!map_gets(st->map, HM_BIND, f->pol.name))
				map_put(st->map, HM_BIND, f->pol.name, strlen(f->pol.name), f);
		}
		if (f->prof.name)
			model_ref(c->dev, "ipsec profile", f->prof.name, &f->prof.span);
	}
}

/* A manual policy: the SPI and key of each SA its protocol uses, and the tunnel remote. */
static void check_manual_parts(struct hw_ctx *c, const struct hw_pol *p, const char *obj)
{
	static const char *const dirs[] = {"inbound", "outbound"};
	static const char *const protos[] = {"esp", "ah"};
	struct strbuf miss = STRBUF_INIT;
	struct hw_ipsp *x = p->nprops ? map_gets(c->st->map, HM_IPSP, p->props[0].name) : NULL;
	int64_t proto = x ? x->p->proto.v : PROTO_ESP;

	for (int d = 0; d < 2; d++) {
		for (int pr = 0; pr < 2; pr++) {
			bool used = pr == SA_ESP ? proto != PROTO_AH : proto != PROTO_ESP;
			const struct manual_sa_half *h = p->msa ? &p->msa->h[d][pr] : NULL;

			if (!used)
				continue;
			if (!h || h->spi.o.prov == PROV_UNSET)
				sb_addf(&miss, "%s%s %s SPI", miss.len ? ", " : "", dirs[d], protos[pr]);
			if (!p->msa_key[d][pr])
				sb_addf(&miss, "%s%s %s key", miss.len ? ", " : "", dirs[d], protos[pr]);
		}
	}
	if (!p->nremotes && !p->remote_bad)
		sb_addf(&miss, "%s'tunnel remote'", miss.len ? ", " : "");
	if (miss.len)
		hw_fnd(c, R_MISSING_MANDATORY, &p->span, "manual %s has no %s", obj, sb_str(&miss));
	sb_free(&miss);
}

/* ---- after the parse: missing mandatory parts ----------------------------- */

static void check_mandatory(struct hw_ctx *c)
{
	struct hw_state *st = c->st;

	for (size_t i = 0; i < st->npols; i++) {
		struct hw_pol *p = st->pols[i];
		const char *what;
		char obj[160], sh[64];
		bool need_acl = false, need_peer = false, need_prop = true;

		switch (p->kind) {
		case HW_PK_ISAKMP:
			need_acl = need_peer = true;
			what = "ipsec policy";
			break;
		case HW_PK_MANUAL:
			need_acl = true;
			what = "ipsec policy";
			break;
		case HW_PK_TEMPLATE:
			need_peer = true; /* the ACL is optional in a template [C:S9] */
			what = "ipsec policy-template";
			break;
		case HW_PK_PROFILE:
			need_peer = true;
			what = "ipsec profile";
			break;
		default:
			continue; /* template reference: the template carries the parts */
		}
		parse_show(p->group, strlen(p->group), sh, sizeof(sh));
		if (p->kind == HW_PK_PROFILE)
			snprintf(obj, sizeof(obj), "%s '%s'", what, sh);
		else
			snprintf(obj, sizeof(obj), "%s '%s %llu'", what, sh, (unsigned long long)p->seq);
		if (need_acl && !p->acl.name)
			hw_fnd(c, R_MISSING_MANDATORY, &p->span, "%s has no 'security acl'", obj);
		if (need_peer && !p->peer.name)
			hw_fnd(c, R_MISSING_MANDATORY, &p->span, "%s has no 'ike-peer'", obj);
		if (need_prop && !p->nprops)
			hw_fnd(c, R_MISSING_MANDATORY, &p->span, "%s has no 'proposal'", obj);
		if (p->kind == HW_PK_MANUAL)
			check_manual_parts(c, p, obj);
	}
	/* a peer whose proposals authenticate with a pre-shared key but has none */
	for (size_t i = 0; i < st->npeers; i++) {
		struct hw_peer *p = st->peers[i];
		bool psk = false;
		char sh[64];
		if (p->psk.form != KEY_NONE || !p->ike)
			continue;
		for (size_t k = 0; k < p->ike->nproposals; k++)
			psk = psk || p->ike->proposals[k]->auth.v == AUTH_PSK;
		if (psk)
			hw_fnd(c, R_MISSING_MANDATORY, &p->span, "ike peer '%s' has no pre-shared-key",
			       parse_show(p->name, strlen(p->name), sh, sizeof(sh)));
	}
}

static void report_foreign(struct hw_ctx *c)
{
	static const char *const fam[] = {"Huawei VRP8 (NE/CE routers)", "H3C Comware"};
	const struct hw_evidence *e = c->st->foreign;
	int w = e[FOREIGN_H3C].score > e[FOREIGN_VRP8].score ? FOREIGN_H3C : FOREIGN_VRP8;

	if (e[w].score < 2) {
		w = 1 - w;
		if (e[w].score < 2)
			return;
	}
	if (e[0].score == e[1].score && e[0].seen && e[1].seen)
		w = e[0].at.line <= e[1].at.line ? 0 : 1;
	hw_fnd(c, R_FOREIGN_DIALECT, &e[w].at,
	       "%s: this looks like %s, not Huawei AR/USG VRP5; parsed best-effort", e[w].what, fam[w]);
}

static void hw_build(struct hw_ctx *c)
{
	struct hw_state *st = c->st;
	struct device *d = c->dev;

	d->dialect = decide_dialect(st);
	if (d->dialect == DIALECT_HW_USG_E) {
		/* formats/huawei-vrp.md sections 0 and 3.1 */
		d->weak_refused_by = "USG-E";
		d->weak_allowed_by = "the WEAKEA module";
	}
	if (st->sysname.name) {
		d->name = st->sysname.name;
		d->name_o = origin_written(&st->sysname.span);
	} else {
		parse_name_from_file(c->pf, d, "huawei");
	}
	add_device_addresses(c);

	if (st->nikeps)
		qsort(st->ikeps, st->nikeps, sizeof(*st->ikeps), cmp_ikep);
	for (size_t i = 0; i < st->nikeps; i++)
		ike_proposal_defaults(st->ikeps[i]->p, d->dialect, st->ikeps[i]->printed_default);
	for (size_t i = 0; i < st->nipsps; i++)
		ipsec_proposal_defaults(st->ipsps[i]->p, d->dialect);
	for (size_t i = 0; i < st->nacls; i++)
		if (st->acls[i]->l->n)
			qsort(st->acls[i]->l->rules, st->acls[i]->l->n, sizeof(struct selector), cmp_rules);

	record_refs(c);
	for (size_t i = 0; i < st->npeers; i++)
		peer_ike(c, st->peers[i]);
	/* the interfaces of each profile, in file order: one pass, not one per profile */
	for (size_t k = st->nifaces; k-- > 0;) {
		struct hw_iface *f = st->ifaces[k];
		if (!f->prof.name)
			continue;
		f->prof_next = map_gets(st->map, HM_PROF_IFACES, f->prof.name);
		map_put(st->map, HM_PROF_IFACES, f->prof.name, strlen(f->prof.name), f);
	}
	for (size_t i = 0; i < st->npols; i++) {
		struct hw_pol *p = st->pols[i];
		if (p->kind == HW_PK_ISAKMP || p->kind == HW_PK_MANUAL || p->kind == HW_PK_TPLREF) {
			build_policy_tunnel(c, p);
		} else if (p->kind == HW_PK_PROFILE) {
			unsigned nth = 0;
			for (struct hw_iface *f = map_gets(st->map, HM_PROF_IFACES, p->group); f;
			     f = f->prof_next)
				build_profile_tunnel(c, p, f, nth++);
			if (!nth)
				build_profile_tunnel(c, p, NULL, 0);
		}
	}
	if (d->ntunnels)
		qsort(d->tunnels, d->ntunnels, sizeof(*d->tunnels), cmp_tunnels);
	check_mandatory(c);
	model_resolve_refs(d);
	report_foreign(c);
}

/* ---- entry ---------------------------------------------------------------- */

void huawei_parse(struct parsed_file *pf)
{
	struct hw_state st;
	struct hw_ctx c;
	yyscan_t sc;
	const char *p = "";
	size_t n = 0;

	memset(&st, 0, sizeof(st));
	DRV_BEGIN(c, pf, VENDOR_HUAWEI);
	c.scratch = parse_scratch();
	c.st = &st;

	if (huawei_yylex_init_extra(&c, &sc) != 0)
		util_die_oom();
	hw_lex_chunk(&c, &p, &n);
	huawei_yy_scan_buffer(hw_lex_buffer(&c, p, n), n + 2, sc);
	huawei_yyparse(sc, &c);
	huawei_yylex_destroy(sc); /* the buffer's state; its bytes are ours */
	free(c.ls.buf);
	view_close(&c); /* the last view: its ACL shrinks to fit too */

	hw_build(&c);
	pf->dev = c.dev;
	pf->status = st.nsyntax ? FILE_PARTIAL : FILE_OK;

	for (size_t k = 0; k < HM_NKINDS; k++)
		hmap_free(&st.map[k]);
	free(st.ikeps);
	free(st.peers);
	free(st.ipsps);
	free(st.pols);
	free(st.ifaces);
	free(st.acls);
	hmap_free(&st.texts);
}
