/* SPDX-License-Identifier: MIT */
/*
 * checker/pairing.c - which tunnels face each other (spec/rules.md "Pairing").
 *
 * 1. Every device's own addresses go into one hash index: O(addresses).
 * 2. For each tunnel T of device D and each remote endpoint R (primary, then
 *    backups), the owner E of R is an O(1) look-up. No owner: peer-missing.
 * 3. In E, the partner of T is a tunnel whose remote endpoint is an address of
 *    D (preferring one whose local endpoint is R), else a responder template
 *    that accepts D, else T is one-sided (peer-one-sided).
 * 4. Each pair is checked once: a hash set of (A, B) keys.
 *
 * Scanning E's tunnels for the partner would cost O(tunnels of E) per (T, R),
 * O(N^2) for a hub with N spokes; instead a second index maps (device E,
 * remote address) -> E's tunnels pointing there, and each device keeps its
 * list of responder templates. A partner look-up then costs O(addresses of
 * D + templates of E), and the whole pairing O(addresses + remotes + pairs).
 */
#include "checker/checker.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/pair.h"
#include "common/hmap.h"
#include "model/selector.h"

/* ---- helpers shared by the pair checks ----------------------------------- */

struct finding *pair_finding(struct pair_ctx *pc, enum rule_id rule, const struct span *at_a, const char *fmt,
			     ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = fnd_vadd(pc->fs, rule, at_a, fmt, ap);
	va_end(ap);
	fnd_set_devices(f, pc->a->dev->name, pc->b->dev->name);
	f->pair_a = pc->a->id;
	f->pair_b = pc->b->id;
	fnd_fp(f, "%s|%s", pc->a->id, pc->b->id);
	return f;
}

static const char *join_set(const struct algset *s, const char *(*name)(unsigned), char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	if (s->n == 0) {
		snprintf(buf, n, "none");
		return buf;
	}
	for (unsigned i = 0; i < s->n && used < n; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", name(s->order[i]));
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

static const char *enc_name(unsigned v)
{
	return vocab_enc_name((enum enc)v);
}

static const char *integ_name(unsigned v)
{
	return vocab_integ_name((enum integ)v);
}

static const char *group_name(unsigned v)
{
	static const char *const names[32] = {
		"0",  "1",  "2",  "3",	"4",  "5",  "6",  "7",	"8",  "9",  "10",
		"11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21",
		"22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
	};
	return v < 32 ? names[v] : "?";
}

const char *pair_encs(const struct algset *s, char *buf, size_t n)
{
	return join_set(s, enc_name, buf, n);
}

const char *pair_integs(const struct algset *s, char *buf, size_t n)
{
	return join_set(s, integ_name, buf, n);
}

const char *pair_groups(const struct algset *s, char *buf, size_t n)
{
	return join_set(s, group_name, buf, n);
}

const struct span *pair_at(const struct origin *o, const struct span *fallback)
{
	if (o->span.src && o->span.line)
		return &o->span;
	return fallback;
}

/* ---- the address index --------------------------------------------------- */

struct owner {
	struct device *dev;
	size_t pos;	    /* where the address first is in dev's list (config file ones after) */
	struct owner *next; /* same address, another device */
};

/* host address (its 128 bits) -> the devices that own it, most recently added first */
struct addr_index {
	struct hmap map; /* ip128 -> index in pool + 1 of the chain's head */
	struct owner *pool;
	size_t npool, poolcap;
};

static void index_init(struct addr_index *ix, size_t expect)
{
	memset(&ix->map, 0, sizeof(ix->map));
	ix->poolcap = expect ? expect : 1;
	ix->pool = xcalloc(ix->poolcap, sizeof(*ix->pool));
	ix->npool = 0;
}

static void index_add(struct addr_index *ix, const struct addrspec *a, struct device *d, size_t pos)
{
	uintptr_t *head;
	struct owner *o;

	if (!aspec_is_host(a))
		return;
	head = hmap_put(&ix->map, &a->a, sizeof(a->a), NULL);
	for (o = *head ? &ix->pool[*head - 1] : NULL; o; o = o->next) {
		if (o->dev == d)
			return;
	}
	if (!ix->pool || ix->npool == ix->poolcap)
		return; /* made and sized from the address count by index_init(): cannot happen */
	o = &ix->pool[ix->npool++];
	o->dev = d;
	o->pos = pos;
	o->next = *head ? &ix->pool[*head - 1] : NULL;
	*head = ix->npool;
}

/* Owners of a host address, the most recently added first; NULL when none. */
static struct owner *index_find(const struct addr_index *ix, const struct addrspec *a)
{
	const uintptr_t *head;

	if (!aspec_is_host(a))
		return NULL;
	head = hmap_find(&ix->map, &a->a, sizeof(a->a));
	return head ? &ix->pool[*head - 1] : NULL;
}

static void index_free(struct addr_index *ix)
{
	hmap_free(&ix->map);
	free(ix->pool);
}

/* (device, remote address) -> tunnels of that device pointing there, in its own order */
struct remote_ent {
	struct tunnel *t;
	struct remote_ent *next;
};

struct remote_key {
	const struct device *dev;
	struct ip128 ip;
};

struct remote_index {
	struct hmap map; /* remote_key -> index in pool + 1 of the chain's head */
	struct remote_ent *pool;
	size_t npool;
};

static struct remote_key remote_key(const struct device *d, const struct ip128 *ip)
{
	struct remote_key k;

	memset(&k, 0, sizeof(k)); /* padding is part of the key */
	k.dev = d;
	k.ip = *ip;
	return k;
}

static void remote_index_build(struct remote_index *rx, struct device *const *devs, size_t ndevs)
{
	size_t n = 0;

	for (size_t i = 0; i < ndevs; i++) {
		for (size_t k = 0; k < devs[i]->ntunnels; k++)
			n += devs[i]->tunnels[k]->nremotes;
	}
	memset(&rx->map, 0, sizeof(rx->map));
	rx->pool = xcalloc(n ? n : 1, sizeof(*rx->pool));
	rx->npool = 0;
	for (size_t i = 0; i < ndevs; i++) {
		/* backwards, so each chain lists a device's tunnels in its own order */
		for (size_t k = devs[i]->ntunnels; k-- > 0;) {
			struct tunnel *t = devs[i]->tunnels[k];
			for (size_t r = 0; r < t->nremotes; r++) {
				struct remote_key key;
				struct remote_ent *e;
				uintptr_t *head;

				if (!aspec_is_host(&t->remotes[r].addr))
					continue;
				key = remote_key(devs[i], &t->remotes[r].addr.a);
				head = hmap_put(&rx->map, &key, sizeof(key), NULL);
				e = &rx->pool[rx->npool++];
				e->t = t;
				e->next = *head ? &rx->pool[*head - 1] : NULL;
				*head = rx->npool;
			}
		}
	}
}

/* The tunnels of d pointing at ip, in d's order; NULL when none. */
static struct remote_ent *remote_find(const struct remote_index *rx, const struct device *d,
				      const struct ip128 *ip)
{
	struct remote_key key = remote_key(d, ip);
	const uintptr_t *head = hmap_find(&rx->map, &key, sizeof(key));

	return head ? &rx->pool[*head - 1] : NULL;
}

static void remote_index_free(struct remote_index *rx)
{
	hmap_free(&rx->map);
	free(rx->pool);
}

/*
 * Findings already reported, by content. Several tunnel pairs between two
 * devices usually share one IKE peer pair: its phase-1 findings are the same
 * for each, and are reported once (each pair's status still counts them).
 */
static bool first_report(struct hmap *emitted, const struct finding *f)
{
	const struct loc *locs[2] = {&f->loc, f->nrelated ? &f->related[0] : NULL};
	struct strbuf key = STRBUF_INIT;
	bool added;

	sb_addn(&key, (const char *)&f->rule, sizeof(f->rule));
	for (size_t i = 0; i < 2 && locs[i]; i++) {
		sb_addn(&key, (const char *)&locs[i]->src, sizeof(locs[i]->src));
		sb_addn(&key, (const char *)&locs[i]->line, sizeof(locs[i]->line));
		sb_addn(&key, (const char *)&locs[i]->col, sizeof(locs[i]->col));
	}
	sb_adds(&key, f->message);
	added = hmap_add(emitted, key.buf, key.len);
	sb_free(&key);
	return added;
}

/* ---- pairing ------------------------------------------------------------- */

/* A tunnel of E facing D, and the order find_partner() weighs it in. */
struct cand {
	size_t pos; /* the address of D it points at: its place in D's list */
	size_t k;   /* the tunnel's place in E's order */
	struct tunnel *t;
};

struct pairing {
	struct hmap rank; /* device -> command-line rank */
	struct device *const *devs;
	size_t ndevs;
	const struct pair_hints *hints;
	struct addr_index ix;
	struct remote_index rx;
	struct tunnel ***templates; /* per device rank: responder templates, NULL-terminated */
	size_t *walk;		    /* per device rank: its tunnels + their remote endpoints */
	const struct tunnel **near; /* per device rank: one_sided()'s nearest tunnel, once known */
	bool *near_done;
	struct cand *cands; /* find_partner()'s scratch */
	size_t cands_cap;
	struct hmap seen;    /* tunnel pairs already checked */
	struct hmap emitted; /* findings already reported, by content */
	struct findings *fs;
	struct pair_list *out;
};

/*
 * Ranks are looked up often; devices and tunnels carry no index field, so
 * the pairing keeps a pointer-keyed table (device -> rank) built once.
 */
static void rank_build(struct pairing *p)
{
	for (size_t i = 0; i < p->ndevs; i++)
		*hmap_put(&p->rank, &p->devs[i], sizeof(p->devs[i]), NULL) = i;
}

static size_t dev_rank(const struct pairing *p, const struct device *d)
{
	const uintptr_t *r = hmap_find(&p->rank, &d, sizeof(d));

	return r ? *r : p->ndevs;
}

static size_t tunnel_rank(const struct tunnel *t)
{
	/* tunnels of a device are few compared with devices; seq orders them */
	for (size_t i = 0; i < t->dev->ntunnels; i++) {
		if (t->dev->tunnels[i] == t)
			return i;
	}
	return 0;
}

static bool owns_hint(const struct pairing *p, const struct device *d, const struct addrspec *a)
{
	if (!p->hints)
		return false;
	for (size_t i = 0; i < p->hints->ndev_addrs; i++) {
		const struct addrspec *x = &p->hints->dev_addrs[i];
		if (strcmp(p->hints->dev_names[i], d->name) == 0 && x->a.hi == a->a.hi && x->a.lo == a->a.lo)
			return true;
	}
	return false;
}

static bool dev_owns(const struct pairing *p, const struct device *d, const struct addrspec *a)
{
	return model_device_owns(d, a) || owns_hint(p, d, a);
}

/* Does tunnel c (on E) point back at device d? */
static bool points_at(const struct pairing *p, const struct tunnel *c, const struct device *d)
{
	for (size_t i = 0; i < c->nremotes; i++) {
		if (dev_owns(p, d, &c->remotes[i].addr))
			return true;
	}
	return false;
}

static bool same_host(const struct addrspec *x, const struct addrspec *y)
{
	return aspec_is_host(x) && aspec_is_host(y) && x->a.hi == y->a.hi && x->a.lo == y->a.lo;
}

/* Score a candidate partner c of t (t points at r): higher is better. */
static int partner_score(const struct tunnel *t, const struct addrspec *r, const struct tunnel *c)
{
	int score = 0;

	if (same_host(&c->local.addr, r))
		score += 2;
	for (size_t k = 0; k < c->nremotes; k++) {
		if (same_host(&c->remotes[k].addr, &t->local.addr))
			score += 1;
	}
	if ((c->kind == TK_MANUAL) == (t->kind == TK_MANUAL))
		score += 1;
	return score;
}

/*
 * Among several tunnels of e that face D, the one whose traffic selectors are
 * the mirror of t's is the partner: equal beats a subset, a subset beats an
 * overlap, disjoint scores nothing. rt is t's region (NULL: no selectors).
 */
static int selector_score(const struct region *rt, const struct tunnel *c)
{
	struct region *rc;
	int score = 0;

	if (!rt || !c->selectors || !c->selectors->n)
		return 0;
	rc = sel_list_effective(c->selectors->rules, c->selectors->n, true);
	switch (region_compare(rt, rc)) {
	case REL_EQUAL:
		score = 8;
		break;
	case REL_SUBSET:
	case REL_SUPERSET:
		score = 6;
		break;
	case REL_OVERLAP:
		score = 4;
		break;
	default:
		break;
	}
	region_free(rc);
	return score;
}

static void cand_push(struct pairing *p, size_t *n, size_t pos, size_t k, struct tunnel *t)
{
	VEC_GROW(p->cands, p->cands_cap, *n + 1);
	p->cands[*n].pos = pos;
	p->cands[*n].k = k;
	p->cands[*n].t = t;
	(*n)++;
}

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	return 0;
}

/*
 * The tunnels of e that point at an address of d, in the order: d's address
 * (its list, then the config file's), then e's own tunnel order. Two ways to
 * the same list: probe (e, address) for each address of d, or go through the
 * remote endpoints of e's tunnels and keep those d owns. Whichever side is
 * smaller is walked, so that a hub with thousands of addresses (one per
 * tunnel interface) pairing with a spoke, or a spoke pairing with a hub of
 * thousands of tunnels, costs what the small side has, not the large one.
 */
static size_t facing_tunnels(struct pairing *p, const struct device *d, const struct device *e, size_t rank)
{
	size_t n = 0, nhints = p->hints ? p->hints->ndev_addrs : 0;

	if (rank < p->ndevs && p->walk[rank] < d->naddrs + nhints) {
		for (size_t k = 0; k < e->ntunnels; k++) {
			struct tunnel *c = e->tunnels[k];
			for (size_t j = c->nremotes; j-- > 0;) {
				const struct owner *o = index_find(&p->ix, &c->remotes[j].addr);
				for (; o; o = o->next) {
					if (o->dev == d) {
						cand_push(p, &n, o->pos, k, c);
						break;
					}
				}
			}
		}
		if (n > 1)
			qsort(p->cands, n, sizeof(*p->cands), cmp_cand);
		return n;
	}
	for (size_t i = 0; i < d->naddrs + nhints; i++) {
		const struct addrspec *own;

		if (i < d->naddrs) {
			own = &d->addrs[i].addr;
		} else {
			size_t k = i - d->naddrs;
			if (strcmp(p->hints->dev_names[k], d->name) != 0)
				continue;
			own = &p->hints->dev_addrs[k];
		}
		if (!aspec_is_host(own))
			continue;
		for (struct remote_ent *x = remote_find(&p->rx, e, &own->a); x; x = x->next)
			cand_push(p, &n, i, 0, x->t);
	}
	return n;
}

/*
 * The partner of t (on its device D, towards remote r) among e's tunnels: one
 * pointing back at an address of D, preferring the one whose local endpoint
 * is r and whose remote is t's local endpoint, then the one whose selectors
 * mirror t's; else a responder template that accepts D. Ties go to the first
 * in facing_tunnels() order. O(min(addresses of D, tunnels and remotes of
 * e) + templates of e).
 */
static struct tunnel *find_partner(struct pairing *p, const struct tunnel *t, const struct addrspec *r,
				   const struct device *e)
{
	const struct device *d = t->dev;
	struct tunnel *best = NULL;
	struct region *rt = NULL;
	bool rt_done = false, tied = false;
	int best_score = -1;
	size_t rank = dev_rank(p, e);
	size_t n = facing_tunnels(p, d, e, rank);

	for (size_t i = 0; i < n; i++) {
		struct tunnel *xt = p->cands[i].t;
		int score;

		if (xt == best)
			continue;
		score = partner_score(t, r, xt) * 16;
		if (best && score + 15 >= best_score) {
			/* several tunnels face D: let the selectors decide */
			if (!rt_done && t->selectors && t->selectors->n)
				rt = sel_list_effective(t->selectors->rules, t->selectors->n, false);
			rt_done = true;
			if (!tied)
				best_score += selector_score(rt, best);
			tied = true;
			score += selector_score(rt, xt);
		}
		if (score > best_score) {
			best = xt;
			best_score = score;
		}
	}
	region_free(rt);
	if (best)
		return best;
	for (struct tunnel **tp = rank < p->ndevs ? p->templates[rank] : NULL; tp && *tp; tp++) {
		if ((*tp)->nremotes == 0 || points_at(p, *tp, d))
			return *tp;
	}
	return NULL;
}

/* The device a [peers] line names for t's device, if any. */
static struct device *hinted_peer(const struct pairing *p, const struct device *d)
{
	if (!p->hints)
		return NULL;
	for (size_t i = 0; i < p->hints->npeers; i++) {
		const char *other = NULL;
		if (strcmp(p->hints->peer_a[i], d->name) == 0)
			other = p->hints->peer_b[i];
		else if (strcmp(p->hints->peer_b[i], d->name) == 0)
			other = p->hints->peer_a[i];
		if (!other)
			continue;
		for (size_t k = 0; k < p->ndevs; k++) {
			if (strcmp(p->devs[k]->name, other) == 0)
				return p->devs[k];
		}
	}
	return NULL;
}

static void check_pair(struct pairing *p, struct tunnel *x, struct tunnel *y)
{
	struct pair_ctx pc = {0};
	struct tunnel_pair tp = {0};
	struct findings found = {0}, dup = {0};
	size_t rx = dev_rank(p, x->dev), ry = dev_rank(p, y->dev);

	/* A is the tunnel of the device named first */
	if (ry < rx || (ry == rx && tunnel_rank(y) < tunnel_rank(x))) {
		struct tunnel *tmp = x;
		x = y;
		y = tmp;
	}
	{
		const struct tunnel *key[2] = {x, y};

		if (!hmap_add(&p->seen, key, sizeof(key)))
			return;
	}
	pc.a = x;
	pc.b = y;
	pc.fs = &found;
	if (x->kind == TK_MANUAL || y->kind == TK_MANUAL) {
		chk_pair_ipsec(&pc);
	} else {
		chk_pair_ike(&pc);
		chk_pair_ipsec(&pc);
	}
	tp.a = x;
	tp.b = y;
	for (size_t i = 0; i < found.n; i++) {
		struct finding *f = &found.v[i];
		struct findings *to = first_report(&p->emitted, f) ? p->fs : &dup;

		if (!tp.has_finding || f->sev > tp.status)
			tp.status = f->sev;
		tp.has_finding = true;
		VEC_GROW(to->v, to->cap, to->n + 1);
		to->v[to->n] = *f;
		to->v[to->n].seq = to->next_seq++;
		to->n++;
	}
	free(found.v);
	fnd_free(&dup);
	VEC_GROW(p->out->v, p->out->cap, p->out->n + 1);
	p->out->v[p->out->n++] = tp;
}

/* A tunnel of e that points at no device given, else e's first: once per e. */
static const struct tunnel *nearest_unmatched(struct pairing *p, const struct device *e)
{
	const struct tunnel *near = NULL;
	size_t rank = dev_rank(p, e);

	if (rank < p->ndevs && p->near_done[rank])
		return p->near[rank];
	for (size_t i = 0; i < e->ntunnels && !near; i++) {
		const struct tunnel *c = e->tunnels[i];
		bool known = false;
		for (size_t k = 0; k < c->nremotes; k++)
			known = known || index_find(&p->ix, &c->remotes[k].addr);
		if (!known && c->kind != TK_TEMPLATE)
			near = c;
	}
	if (!near && e->ntunnels)
		near = e->tunnels[0];
	if (rank < p->ndevs) {
		p->near[rank] = near;
		p->near_done[rank] = true;
	}
	return near;
}

static void one_sided(struct pairing *p, struct tunnel *t, const struct endpoint *r, struct device *e)
{
	const struct tunnel *near = nearest_unmatched(p, e);
	char ra[64];
	struct finding *f;

	aspec_str(&r->addr, ra, sizeof(ra));
	f = fnd_add(p->fs, R_PEER_ONE_SIDED, pair_at(&r->o, &t->span),
		    "%s points at %s on '%s', but '%s' has no tunnel back to '%s'%s%s%s", t->name, ra,
		    e->name, e->name, t->dev->name, near ? " (nearest: " : "", near ? near->name : "",
		    near ? ")" : "");
	fnd_set_devices(f, t->dev->name, e->name);
	f->pair_a = t->id;
	fnd_fp(f, "%s|%s|%s", t->id, ra, e->name);
	if (near) {
		char na[64] = "no remote";
		if (near->nremotes)
			aspec_str(&near->remotes[0].addr, na, sizeof(na));
		fnd_related(f, &near->span, "nearest unmatched tunnel on '%s': %s, remote %s", e->name,
			    near->name, na);
	}
}

static void pair_tunnel(struct pairing *p, struct tunnel *t)
{
	bool any_owner = false;

	for (size_t i = 0; i < t->nremotes; i++) {
		const struct endpoint *r = &t->remotes[i];
		struct owner *o = index_find(&p->ix, &r->addr);
		struct device *e = NULL;
		struct tunnel *partner;
		unsigned nowners = 0;

		for (struct owner *x = o; x; x = x->next) {
			if (x->dev != t->dev) {
				nowners++;
				e = x->dev;
			}
		}
		if (nowners == 0)
			continue;
		any_owner = true;
		if (nowners > 1) {
			/* several devices own the address: [peers], else one that points back */
			struct device *h = hinted_peer(p, t->dev);
			struct device *back = NULL;
			unsigned nback = 0;
			e = NULL;
			for (struct owner *x = o; x; x = x->next) {
				if (x->dev == t->dev)
					continue;
				if (h == x->dev)
					e = h;
				if (find_partner(p, t, &r->addr, x->dev)) {
					back = x->dev;
					nback++;
				}
			}
			if (!e && nback == 1)
				e = back;
			if (!e) {
				char ra[64];
				struct finding *f;
				aspec_str(&r->addr, ra, sizeof(ra));
				f = fnd_add(
					p->fs, R_PEER_ONE_SIDED, pair_at(&r->o, &t->span),
					"%s points at %s, which %u devices own; name the peer in .ipseclint [peers]",
					t->name, ra, nowners);
				fnd_set_devices(f, t->dev->name, NULL);
				f->pair_a = t->id;
				fnd_fp(f, "%s|%s|ambiguous", t->id, ra);
				continue;
			}
		}
		partner = find_partner(p, t, &r->addr, e);
		if (partner)
			check_pair(p, t, partner);
		else
			one_sided(p, t, r, e);
	}
	if (t->nremotes && !any_owner && !model_device_owns(t->dev, &t->remotes[0].addr)) {
		char ra[64];
		struct finding *f;
		aspec_str(&t->remotes[0].addr, ra, sizeof(ra));
		f = fnd_add(p->fs, R_PEER_MISSING, pair_at(&t->remotes[0].o, &t->span),
			    "%s: no device given owns the remote endpoint %s", t->name, ra);
		fnd_set_devices(f, t->dev->name, NULL);
		f->pair_a = t->id;
		fnd_fp(f, "%s|%s", t->id, ra);
	}
}

void chk_pairs(struct device *const *devs, size_t ndevs, const struct pair_hints *hints, struct findings *fs,
	       struct pair_list *pairs)
{
	struct pairing p = {0};
	size_t naddr = 0;

	p.devs = devs;
	p.ndevs = ndevs;
	p.hints = hints;
	p.fs = fs;
	p.out = pairs;
	for (size_t i = 0; i < ndevs; i++)
		naddr += devs[i]->naddrs;
	if (hints)
		naddr += hints->ndev_addrs;
	rank_build(&p);
	index_init(&p.ix, naddr);
	for (size_t i = 0; i < ndevs; i++) {
		for (size_t k = 0; k < devs[i]->naddrs; k++)
			index_add(&p.ix, &devs[i]->addrs[k].addr, devs[i], k);
	}
	for (size_t i = 0; hints && i < hints->ndev_addrs; i++) {
		for (size_t k = 0; k < ndevs; k++) {
			if (strcmp(devs[k]->name, hints->dev_names[i]) == 0)
				index_add(&p.ix, &hints->dev_addrs[i], devs[k], devs[k]->naddrs + i);
		}
	}
	remote_index_build(&p.rx, devs, ndevs);
	p.walk = xcalloc(ndevs ? ndevs : 1, sizeof(*p.walk));
	p.near = xcalloc(ndevs ? ndevs : 1, sizeof(*p.near));
	p.near_done = xcalloc(ndevs ? ndevs : 1, sizeof(*p.near_done));
	for (size_t i = 0; i < ndevs; i++) {
		for (size_t k = 0; k < devs[i]->ntunnels; k++)
			p.walk[i] += 1 + devs[i]->tunnels[k]->nremotes;
	}
	p.templates = xcalloc(ndevs ? ndevs : 1, sizeof(*p.templates));
	for (size_t i = 0; i < ndevs; i++) {
		size_t nt = 0;
		for (size_t k = 0; k < devs[i]->ntunnels; k++)
			nt += devs[i]->tunnels[k]->kind == TK_TEMPLATE;
		if (!nt)
			continue;
		p.templates[i] = xcalloc(nt + 1, sizeof(**p.templates));
		nt = 0;
		for (size_t k = 0; k < devs[i]->ntunnels; k++) {
			if (devs[i]->tunnels[k]->kind == TK_TEMPLATE)
				p.templates[i][nt++] = devs[i]->tunnels[k];
		}
	}
	for (size_t i = 0; i < ndevs; i++) {
		for (size_t k = 0; k < devs[i]->ntunnels; k++)
			pair_tunnel(&p, devs[i]->tunnels[k]);
	}
	chk_pair_order(pairs, fs);
	for (size_t i = 0; i < ndevs; i++)
		free(p.templates[i]);
	free(p.templates);
	free(p.walk);
	free(p.near);
	free(p.near_done);
	free(p.cands);
	hmap_free(&p.seen);
	hmap_free(&p.emitted);
	hmap_free(&p.rank);
	remote_index_free(&p.rx);
	index_free(&p.ix);
}

void chk_pairs_free(struct pair_list *pairs)
{
	free(pairs->v);
	memset(pairs, 0, sizeof(*pairs));
}
