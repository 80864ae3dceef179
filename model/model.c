/* SPDX-License-Identifier: MIT */
/*
 * model/model.c - builders and small helpers of the common model.
 */
#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The vendors' names: [0] the key in reports and --vendor, [1] as people write it. */
static const char *const vendor_names[VENDOR__COUNT][2] = {
	[VENDOR_UNKNOWN] = {"unknown", "unknown"},
	[VENDOR_HUAWEI] = {"huawei", "Huawei"},
	[VENDOR_HPUX] = {"hpux", "HP-UX"},
	[VENDOR_AIX] = {"aix", "AIX"},
};

const char *model_vendor_name(enum vendor v)
{
	return (unsigned)v < VENDOR__COUNT ? vendor_names[v][0] : "unknown";
}

const char *model_vendor_display(enum vendor v)
{
	return (unsigned)v < VENDOR__COUNT ? vendor_names[v][1] : "unknown";
}

bool model_vendor_parse(const char *s, enum vendor *out)
{
	static const struct {
		const char *name;
		enum vendor v;
	} names[] = {
		{"huawei", VENDOR_HUAWEI}, {"vrp", VENDOR_HUAWEI}, {"hpux", VENDOR_HPUX},
		{"hp-ux", VENDOR_HPUX},	   {"aix", VENDOR_AIX},
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].v;
			return true;
		}
	}
	return false;
}

/* The name of value v of an enumeration whose names are names[0..n) (NULL: unset), or NULL. */
static const char *enum_name(const char *const *names, size_t n, int64_t v)
{
	return v >= 0 && (uint64_t)v < n ? names[v] : NULL;
}

const char *model_dialect_name(enum dialect d)
{
	static const char *const names[] = {
		[DIALECT_HW_AR_OLD] = "ar-old",	 [DIALECT_HW_AR_NEW] = "ar-new",
		[DIALECT_HW_USG] = "usg",	 [DIALECT_HW_USG_E] = "usg-e",
		[DIALECT_HPUX_A02] = "a.02",	 [DIALECT_HPUX_A03] = "a.03",
		[DIALECT_AIX_XML] = "xml",	 [DIALECT_AIX_LSTUN] = "lstun",
		[DIALECT_AIX_LSFILT] = "lsfilt", [DIALECT_AIX_EXP] = "exp",
	};
	const char *n = enum_name(names, ARRAY_SIZE(names), d);

	return n ? n : "";
}

const char *model_msa_policy_name(enum msa_policy p)
{
	static const char *const names[] = {
		[MSA_POL_AH] = "auth only",
		[MSA_POL_ESP] = "encr only",
		[MSA_POL_ESP_AH] = "encr/auth",
		[MSA_POL_AH_ESP] = "auth/encr",
	};
	const char *n = enum_name(names, ARRAY_SIZE(names), p);

	return n ? n : "unset";
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)(ch | 0x20);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* The digits of a hex key ("0x" dropped) when s is one: an even, non-zero number of them. */
static bool hex_body(const char **s, size_t *n)
{
	if (*n >= 2 && (*s)[0] == '0' && ((*s)[1] == 'x' || (*s)[1] == 'X')) {
		*s += 2;
		*n -= 2;
	}
	if (!*n || *n % 2)
		return false;
	for (size_t i = 0; i < *n; i++)
		if (hex_digit((*s)[i]) < 0)
			return false;
	return true;
}

bool model_key_hex(struct arena *a, const char *s, size_t n, struct key *k)
{
	uint8_t *b;

	if (!hex_body(&s, &n))
		return false;
	b = arena_alloc(a, n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++)
		b[i] = (uint8_t)((unsigned)hex_digit(s[2 * i]) << 4 | (unsigned)hex_digit(s[2 * i + 1]));
	k->form = KEY_HEX;
	k->bytes = b;
	k->len = n / 2;
	k->hex_looking = false;
	return true;
}

bool model_key_looks_hex(const char *s, size_t n)
{
	return hex_body(&s, &n);
}

const char *model_tunnel_kind_name(enum tunnel_kind k)
{
	static const char *const names[] = {[TK_ISAKMP] = "isakmp",
					    [TK_MANUAL] = "manual",
					    [TK_TEMPLATE] = "template",
					    [TK_PROFILE] = "profile"};
	const char *n = enum_name(names, ARRAY_SIZE(names), k);

	return n ? n : "isakmp";
}

const char *model_key_describe(const struct key *k, const char *what, char *buf, size_t bufsz)
{
	if (!what)
		what = "psk";
	switch (k->form) {
	case KEY_NONE:
		snprintf(buf, bufsz, "<%s: none>", what);
		break;
	case KEY_PLAIN:
		snprintf(buf, bufsz, "<%s: ascii, %zu char%s>", what, k->len, k->len == 1 ? "" : "s");
		break;
	case KEY_HEX:
		snprintf(buf, bufsz, "<%s: hex, %zu byte%s>", what, k->len, k->len == 1 ? "" : "s");
		break;
	case KEY_DEVICE_CIPHER:
		snprintf(buf, bufsz, "<%s: huawei-cipher>", what);
		break;
	}
	return buf;
}

struct span span_make(const struct source *src, uint32_t line, uint32_t col, uint32_t end_line,
		      uint32_t end_col)
{
	struct span s = {src, line, col, end_line, end_col};
	return s;
}

/* Grow an arena-held array; the outgrown block is released for reuse. */
static void arena_grow(struct arena *a, void **v, size_t *cap, size_t need, size_t sz)
{
	size_t ncap;

	if (need <= *cap)
		return;
	/* the first block is about 64 bytes: one selector, or eight pointers */
	ncap = *cap ? *cap * 2 : (sz >= 64 ? 1 : 64 / sz);
	while (ncap < need)
		ncap *= 2;
	/* nothing keeps a pointer into an outgrown array */
	*v = arena_resize(a, *cap ? *v : NULL, *cap * sz, ncap * sz);
	*cap = ncap;
}

#define ARENA_PUSH(a, v, n, cap, x)                                            \
	do {                                                                   \
		arena_grow((a), (void **)&(v), &(cap), (n) + 1, sizeof(*(v))); \
		(v)[(n)++] = (x);                                              \
	} while (0)

struct device *model_device_new(struct arena *a, const struct source *src)
{
	struct device *d = ARENA_NEW(a, struct device);

	d->arena = a;
	d->src = src;
	d->lines = src ? src->nlines : 0;
	return d;
}

/* The device's indexes live in its arena. */
static void *arena_take(void *a, size_t n)
{
	return arena_alloc_reuse(a, n);
}

static void arena_give(void *a, void *p, size_t n)
{
	arena_release(a, p, n);
}

/*
 * The address index: keyed by the address value as aspec_contains_ip()
 * compares it (IPv4 in its mapped form), so every host that a host address
 * names has the same key. A device has up to one address per interface and
 * tunnel: thousands on a route-based hub.
 */
static struct ip128 addr_key(const struct ip128 *ip, uint8_t family)
{
	struct ip128 k = *ip;

	if (family == 4) { /* ::ffff:a.b.c.d, whether stored mapped or bare */
		k.hi = 0;
		k.lo = 0xffff00000000ULL | (k.lo & 0xffffffffULL);
	}
	return k;
}

static void index_init(struct device *d, struct hmap *m)
{
	struct hmap_alloc al = {arena_take, arena_give, d->arena};

	if (!m->al.alloc)
		hmap_init_with(m, &al);
}

static bool aspec_same(const struct addrspec *x, const struct addrspec *y)
{
	return x->kind == y->kind && x->family == y->family && x->a.hi == y->a.hi && x->a.lo == y->a.lo &&
	       x->b.hi == y->b.hi && x->b.lo == y->b.lo;
}

void model_device_add_addr(struct device *d, const struct addrspec *addr, const char *where,
			   const struct origin *o)
{
	struct dev_addr da = {0};
	struct ip128 key;
	uintptr_t *head;

	if (!addr || addr->kind == ASPEC_NONE)
		return;
	index_init(d, &d->addr_index);
	key = addr_key(&addr->a, addr->family);
	head = hmap_put(&d->addr_index, &key, sizeof(key), NULL);
	for (uintptr_t i = *head; i; i = d->addrs[i - 1].same_next) {
		if (aspec_same(&d->addrs[i - 1].addr, addr))
			return;
	}
	da.addr = *addr;
	da.same_next = (uint32_t)*head;
	da.where = where ? arena_strdup(d->arena, where) : NULL;
	if (o)
		da.o = *o;
	ARENA_PUSH(d->arena, d->addrs, d->naddrs, d->addrs_cap, da);
	*head = d->naddrs;
}

struct tunnel *model_tunnel_new(struct device *d, enum tunnel_kind kind, const char *id_suffix,
				const char *name, const struct span *span)
{
	struct tunnel *t = ARENA_NEW(d->arena, struct tunnel);

	t->dev = d;
	t->kind = kind;
	t->id = arena_printf(d->arena, "%s/%s", d->name ? d->name : "?", id_suffix);
	t->name = arena_strdup(d->arena, name);
	if (span)
		t->span = *span;
	t->enabled.v = 1;
	t->enabled.o.prov = PROV_DEFAULT;
	if (span)
		t->enabled.o.span = *span;
	ARENA_PUSH(d->arena, d->tunnels, d->ntunnels, d->tunnels_cap, t);
	return t;
}

void model_tunnel_add_remote(struct tunnel *t, const struct addrspec *addr, const struct origin *o)
{
	struct endpoint *nv = ARENA_NEWV(t->dev->arena, struct endpoint, t->nremotes + 1);

	if (t->nremotes)
		memcpy(nv, t->remotes, t->nremotes * sizeof(*nv));
	nv[t->nremotes].addr = *addr;
	if (o)
		nv[t->nremotes].o = *o;
	t->remotes = nv;
	t->nremotes++;
}

struct sel_list *model_sel_list_new(struct device *d, const char *name, const struct span *span)
{
	struct sel_list *l = ARENA_NEW(d->arena, struct sel_list);

	l->name = arena_strdup(d->arena, name);
	if (span)
		l->span = *span;
	ARENA_PUSH(d->arena, d->sel_lists, d->nsel_lists, d->sel_lists_cap, l);
	return l;
}

struct selector *model_sel_list_add(struct device *d, struct sel_list *l)
{
	struct selector *s;

	arena_grow(d->arena, (void **)&l->rules, &l->cap, l->n + 1, sizeof(*l->rules));
	s = &l->rules[l->n++];
	memset(s, 0, sizeof(*s));
	s->proto = -1;
	s->sport = port_any();
	s->dport = port_any();
	return s;
}

void model_sel_list_fit(struct device *d, struct sel_list *l)
{
	if (l->cap <= l->n || !l->n)
		return;
	l->rules = arena_resize(d->arena, l->rules, l->cap * sizeof(*l->rules), l->n * sizeof(*l->rules));
	l->cap = l->n;
}

const char *model_sel_text(const struct selector *s, const struct source *src, char *buf, size_t n)
{
	size_t len, k;
	const char *line;

	if (s->text)
		return s->text;
	if (!src || !n || !s->line || s->end_line != s->line || s->end_col < s->col ||
	    !(line = source_line(src, s->line, &len)) || s->end_col > len)
		return NULL;
	k = s->end_col - s->col + 1;
	if (k >= n)
		k = n - 1;
	memcpy(buf, line + s->col - 1, k);
	buf[k] = '\0';
	return buf;
}

struct mdef *model_def(struct device *d, const char *kind, const char *name, const struct span *span,
		       bool builtin)
{
	struct mdef *m = model_find_def(d, kind, name);

	if (m) {
		/* re-entered view (VRP merges them): keep the first place */
		m->builtin = m->builtin && builtin;
		return m;
	}
	m = ARENA_NEW(d->arena, struct mdef);
	m->kind = kind;
	m->name = arena_strdup(d->arena, name);
	if (span)
		m->span = *span;
	m->builtin = builtin;
	index_init(d, &d->def_index);
	{
		struct strbuf key = STRBUF_INIT;

		sb_addn(&key, kind, strlen(kind) + 1);
		sb_adds(&key, name);
		*hmap_put(&d->def_index, key.buf, key.len, NULL) = (uintptr_t)m;
		sb_free(&key);
	}
	ARENA_PUSH(d->arena, d->defs, d->ndefs, d->defs_cap, m);
	return m;
}

/* O(1): a hash probe in the index model_def() keeps. */
struct mdef *model_find_def(const struct device *d, const char *kind, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	const uintptr_t *m;

	if (!hmap_count(&d->def_index))
		return NULL;
	sb_addn(&key, kind, strlen(kind) + 1);
	sb_adds(&key, name);
	m = hmap_find(&d->def_index, key.buf, key.len);
	sb_free(&key);
	return m ? (struct mdef *)*m : NULL;
}

struct mref *model_ref(struct device *d, const char *kind, const char *name, const struct span *span)
{
	struct mref *r = ARENA_NEW(d->arena, struct mref);

	r->kind = kind;
	r->name = arena_strdup(d->arena, name);
	if (span)
		r->span = *span;
	ARENA_PUSH(d->arena, d->refs, d->nrefs, d->refs_cap, r);
	return r;
}

/* O(defs + refs): each reference is one probe of the definition index. */
void model_resolve_refs(struct device *d)
{
	for (size_t i = 0; i < d->ndefs; i++)
		d->defs[i]->refs = 0;
	for (size_t i = 0; i < d->nrefs; i++) {
		struct mref *r = d->refs[i];

		r->target = model_find_def(d, r->kind, r->name);
		if (r->target)
			r->target->refs++;
	}
}

const struct dev_addr *model_device_find_addr(const struct device *d, const struct addrspec *a)
{
	size_t best = SIZE_MAX;
	struct ip128 key;
	const uintptr_t *head;

	if (!a || !aspec_is_host(a))
		return NULL;
	if (!hmap_count(&d->addr_index)) { /* a device not built by model_device_add_addr */
		for (size_t i = 0; i < d->naddrs; i++) {
			const struct addrspec *x = &d->addrs[i].addr;
			if (aspec_is_host(x) && aspec_contains_ip(a, &x->a, x->family))
				return &d->addrs[i];
		}
		return NULL;
	}
	/*
	 * A host names only hosts of its own value, and those share its key; the
	 * chain runs newest first, and the first in list order wins.
	 */
	key = addr_key(&a->a, a->family);
	head = hmap_find(&d->addr_index, &key, sizeof(key));
	for (uintptr_t i = head ? *head : 0; i; i = d->addrs[i - 1].same_next) {
		const struct addrspec *x = &d->addrs[i - 1].addr;

		if (aspec_is_host(x) && aspec_contains_ip(a, &x->a, x->family))
			best = i - 1;
	}
	return best == SIZE_MAX ? NULL : &d->addrs[best];
}

bool model_device_owns(const struct device *d, const struct addrspec *a)
{
	return model_device_find_addr(d, a) != NULL;
}

void algset_add(struct algset *s, unsigned v)
{
	if (v >= 32 || algset_has(s, v))
		return;
	s->bits |= 1u << v;
	if (s->n < ALGSET_MAX)
		s->order[s->n++] = (uint8_t)v;
}

const char *model_exchange_name(int64_t x)
{
	static const char *const names[] = {
		[XCHG_MAIN] = "main", [XCHG_AGGRESSIVE] = "aggressive", [XCHG_AUTO] = "auto"};

	return enum_name(names, ARRAY_SIZE(names), x);
}

const char *model_proto_name(int64_t p)
{
	static const char *const names[] = {
		[PROTO_ESP] = "esp", [PROTO_AH] = "ah", [PROTO_AH_ESP] = "ah-esp"};

	return enum_name(names, ARRAY_SIZE(names), p);
}

const char *model_mode_name(int64_t m)
{
	static const char *const names[] = {
		[ENCAP_TUNNEL] = "tunnel", [ENCAP_TRANSPORT] = "transport", [ENCAP_AUTO] = "auto"};

	return enum_name(names, ARRAY_SIZE(names), m);
}
