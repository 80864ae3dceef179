/* SPDX-License-Identifier: MIT */
/*
 * checker/selectors.c - traffic selectors of one device: policy-shadowed
 * (ACL rules within a list, policies within a policy group) and
 * flow-overlap (tunnels of different groups).
 *
 * The answers come from the exact set algebra of model/selector.h. That
 * algebra is costly per call, and a list of N rules has N^2/2 rule pairs, so
 * every check first narrows the candidates with a cheap, conservative filter:
 *
 *   Each selector gets a bounding box: an interval per dimension (source and
 *   destination address as 128-bit integers, ports, protocol). A cube,
 *   prefix or range lies inside its interval, so two selectors whose boxes
 *   do not meet cannot share a packet. Boxes go into a static interval index
 *   on the source and on the destination dimension (sorted by low end, with
 *   a max-high segment tree). For each query the number of boxes meeting it
 *   in each dimension is counted exactly by two binary searches, and the
 *   sparser dimension is enumerated: O(log N + k log N) for k hits. On real
 *   ACLs (rules that differ in source or in destination), k is the handful
 *   of rules that really overlap, so the shadow check over N rules costs
 *   O(N log N) plus the exact algebra on the few candidates, instead of
 *   N^2/2 exact calls. Rules that overlap in every dimension (a list of
 *   "any" rules) stay quadratic: there the pairs are the answer.
 *
 * Dropping an earlier rule that cannot meet rule i never changes whether
 * rule i is covered, so the filtered exact call gives the same answer as the
 * exact call on the whole list.
 */
#include "checker/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/selector.h"

__extension__ typedef unsigned __int128 u128;

static inline u128 u128_of(const struct ip128 *x)
{
	return (u128)x->hi << 64 | x->lo;
}

/* ---- bounding boxes -------------------------------------------------------- */

struct box {
	u128 lo[2], hi[2]; /* [0] source, [1] destination address */
	uint16_t splo, sphi, dplo, dphi;
	uint8_t plo, phi;
	bool empty;
};

/* An interval holding every address of a; the whole space when unknown. */
static void aspec_bounds(const struct addrspec *a, u128 *lo, u128 *hi)
{
	u128 v, care;

	switch (a->kind) {
	case ASPEC_CUBE:
		v = u128_of(&a->a);
		care = u128_of(&a->b);
		*lo = v & care;
		*hi = v | ~care;
		return;
	case ASPEC_RANGE:
		*lo = u128_of(&a->a);
		*hi = u128_of(&a->b);
		if (*lo > *hi) {
			v = *lo;
			*lo = *hi;
			*hi = v;
		}
		return;
	case ASPEC_ANY:
		if (a->family == 4) {
			*lo = (u128)0xffff << 32;
			*hi = *lo | 0xffffffffu;
			return;
		}
		break;
	default:
		break;
	}
	*lo = 0;
	*hi = ~(u128)0;
}

static struct box box_of(const struct selector *s)
{
	struct box b;

	aspec_bounds(&s->src, &b.lo[0], &b.hi[0]);
	aspec_bounds(&s->dst, &b.lo[1], &b.hi[1]);
	b.splo = s->sport.lo;
	b.sphi = s->sport.hi;
	b.dplo = s->dport.lo;
	b.dphi = s->dport.hi;
	if (s->proto <= 0 || s->proto > 255) { /* 0 and -1 both mean any protocol */
		b.plo = 0;
		b.phi = 255;
	} else {
		b.plo = b.phi = (uint8_t)s->proto;
	}
	b.empty = b.splo > b.sphi || b.dplo > b.dphi;
	return b;
}

static bool box_meet(const struct box *a, const struct box *b)
{
	if (a->empty || b->empty)
		return false;
	for (int k = 0; k < 2; k++)
		if (a->hi[k] < b->lo[k] || b->hi[k] < a->lo[k])
			return false;
	return a->sphi >= b->splo && b->sphi >= a->splo && a->dphi >= b->dplo && b->dphi >= a->dplo &&
	       a->phi >= b->plo && b->phi >= a->plo;
}

/* ---- a static interval index over boxes ---------------------------------------- */

struct dim_idx {
	size_t *ord; /* box indexes sorted by low end */
	u128 *lo;    /* their low ends, in that order */
	u128 *his;   /* every high end, sorted (for counting) */
	u128 *tree;  /* max high end over ranges of ord; leaves at m.. */
	size_t m;
};

struct box_idx {
	const struct box *b;
	size_t n;
	struct dim_idx dim[2];
};

struct idx_vec {
	size_t *v;
	size_t n, cap;
};

static void vec_push(struct idx_vec *v, size_t x)
{
	VEC_GROW(v->v, v->cap, v->n + 1);
	v->v[v->n++] = x;
}

/* qsort has no context argument: sort (key, index) pairs instead. */
struct keyed {
	u128 key;
	size_t i;
};

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int cmp_u128(const void *pa, const void *pb)
{
	u128 a = *(const u128 *)pa, b = *(const u128 *)pb;

	return a < b ? -1 : a > b;
}

static int cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return a < b ? -1 : a > b;
}

/* O(n log n). Empty boxes are indexed too (they never meet anything). */
static void idx_build(struct box_idx *x, const struct box *b, size_t n)
{
	struct keyed *tmp = xcalloc(n ? n : 1, sizeof(*tmp));

	x->b = b;
	x->n = n;
	for (int k = 0; k < 2; k++) {
		struct dim_idx *di = &x->dim[k];

		for (size_t i = 0; i < n; i++) {
			tmp[i].key = b[i].lo[k];
			tmp[i].i = i;
		}
		qsort(tmp, n, sizeof(*tmp), cmp_keyed);
		di->ord = xcalloc(n ? n : 1, sizeof(*di->ord));
		di->lo = xcalloc(n ? n : 1, sizeof(*di->lo));
		di->his = xcalloc(n ? n : 1, sizeof(*di->his));
		for (size_t i = 0; i < n; i++) {
			di->ord[i] = tmp[i].i;
			di->lo[i] = tmp[i].key;
			di->his[i] = b[i].hi[k];
		}
		qsort(di->his, n, sizeof(*di->his), cmp_u128);
		di->m = 1;
		while (di->m < n)
			di->m *= 2;
		di->tree = xcalloc(2 * di->m, sizeof(*di->tree));
		for (size_t i = 0; i < n; i++)
			di->tree[di->m + i] = b[di->ord[i]].hi[k];
		for (size_t i = di->m - 1; i >= 1; i--)
			di->tree[i] =
				di->tree[2 * i] > di->tree[2 * i + 1] ? di->tree[2 * i] : di->tree[2 * i + 1];
	}
	free(tmp);
}

static void idx_free(struct box_idx *x)
{
	for (int k = 0; k < 2; k++) {
		free(x->dim[k].ord);
		free(x->dim[k].lo);
		free(x->dim[k].his);
		free(x->dim[k].tree);
	}
	memset(x, 0, sizeof(*x));
}

/* Number of elements of v[0..n) below key (lower bound). */
static size_t count_below(const u128 *v, size_t n, u128 key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Number of elements of v[0..n) at or below key (upper bound). */
static size_t count_upto(const u128 *v, size_t n, u128 key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void tree_visit(const struct dim_idx *di, size_t node, size_t nl, size_t nr, size_t ub, u128 qlo,
		       struct idx_vec *out)
{
	if (nl >= ub || di->tree[node] < qlo)
		return;
	if (node >= di->m) {
		vec_push(out, di->ord[node - di->m]);
		return;
	}
	tree_visit(di, 2 * node, nl, (nl + nr) / 2, ub, qlo, out);
	tree_visit(di, 2 * node + 1, (nl + nr) / 2, nr, ub, qlo, out);
}

/*
 * Indexes of the boxes meeting q in every dimension, ascending. The sparser
 * address dimension is enumerated (counted exactly first: boxes meeting
 * [lo, hi] are all but those ending below lo and those starting above hi),
 * and its hits are checked in full.
 */
static void idx_query(const struct box_idx *x, const struct box *q, struct idx_vec *out)
{
	size_t cnt[2], ub;
	int k;

	out->n = 0;
	if (q->empty || !x->n)
		return;
	for (k = 0; k < 2; k++) {
		const struct dim_idx *di = &x->dim[k];
		size_t end_below = count_below(di->his, x->n, q->lo[k]);
		size_t start_above = x->n - count_upto(di->lo, x->n, q->hi[k]);

		cnt[k] = x->n - end_below - start_above;
	}
	k = cnt[1] < cnt[0] ? 1 : 0;
	if (!cnt[k])
		return;
	ub = count_upto(x->dim[k].lo, x->n, q->hi[k]);
	tree_visit(&x->dim[k], 1, 0, x->dim[k].m, ub, q->lo[k], out);
	/* keep the boxes that meet q in every dimension */
	{
		size_t w = 0;

		for (size_t i = 0; i < out->n; i++)
			if (box_meet(&x->b[out->v[i]], q))
				out->v[w++] = out->v[i];
		out->n = w;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_size);
}

/* ---- names --------------------------------------------------------------------- */

/*
 * "rule 5 matches" / "rules 5 and 10 match" / "rules 5, 10, 15, 20, 25 and 3
 * more match"; in a policy list the rules by their own names: "host policy
 * 'h1' (priority 10) matches".
 */
static void rule_list(struct strbuf *sb, const struct sel_list *l, const size_t *idx, size_t n)
{
	size_t shown = n > 5 ? 5 : n;
	bool named = l->rule_kind != NULL;

	if (!named)
		sb_addf(sb, "rule%s ", n > 1 ? "s" : "");
	for (size_t i = 0; i < shown; i++) {
		const char *sep = i == 0 ? "" : (i == shown - 1 && shown == n) ? " and " : ", ";
		const struct selector *r = &l->rules[idx[i]];

		if (named)
			sb_addf(sb, "%s%s", sep, r->text ? r->text : "?");
		else
			sb_addf(sb, "%s%u", sep, r->rule_id);
	}
	if (shown < n)
		sb_addf(sb, " and %zu more", n - shown);
	sb_adds(sb, n > 1 ? " match" : " matches");
}

/* How a message names one rule of l: "rule 5 of acl '3000'", or the rule's own name in a policy list. */
static const char *rule_name(const struct sel_list *l, const struct selector *r, char *buf, size_t n)
{
	if (l->rule_kind)
		snprintf(buf, n, "%s", r->text ? r->text : "?");
	else
		snprintf(buf, n, "rule %u of %s '%s'", r->rule_id, l->list_kind ? l->list_kind : "acl",
			 l->name ? l->name : "?");
	return buf;
}

/* ---- policy-shadowed: rules of one list ------------------------------------------ */

#define COVER_MAX 64

/*
 * policy-order-conflict in a policy list: rule i is not shadowed, but an
 * earlier rule with the other action (protect vs. pass/discard) that cuts
 * across it (neither holds the other) takes part of its traffic first. ACL rules are left alone: there a deny carved out of a
 * later permit is how ACLs are written. cand holds the rules whose boxes meet
 * rule i (ascending); the first earlier one that really overlaps is named.
 */
static void order_conflict(struct chk_ctx *c, const struct sel_list *l, size_t i, const struct idx_vec *cand)
{
	const struct selector *r = &l->rules[i];
	char rn[CHK_NAME], on[CHK_NAME];

	if (!l->rule_kind)
		return;
	for (size_t j = 0; j < cand->n && cand->v[j] < i; j++) {
		const struct selector *o = &l->rules[cand->v[j]];
		enum setrel rel;
		struct span at, os;
		struct finding *f;

		if (o->action == r->action)
			continue;
		/* only a partial overlap: an earlier rule inside this one is the usual "specific
		 * first" order, and one that holds all of it shadows it */
		rel = sel_compare(r, o);
		if (rel != REL_OVERLAP)
			continue;
		at = chk_rule_span(l, r);
		os = chk_rule_span(l, o);
		f = chk_add(c, R_POLICY_ORDER_CONFLICT, &at,
			    "%s loses part of its traffic to %s, which comes first and %s it",
			    rule_name(l, r, rn, sizeof(rn)), rule_name(l, o, on, sizeof(on)),
			    o->action == SEL_PERMIT ? "protects" : "passes or discards");
		fnd_related(f, &os, "%s is here", on);
		fnd_fp(f, "%s|%s|%s", l->name ? l->name : "?", r->text ? r->text : "?",
		       o->text ? o->text : "?");
		return;
	}
}

/*
 * For each rule i, the earlier rules whose boxes meet it are the only ones
 * that can cover it: the exact test runs on them and rule i alone.
 * Cost: O(N log N) for the index, O(log N + k log N) per rule for its k
 * box neighbours, plus one exact call on k + 1 rules per rule that has any.
 */
static void shadow_list(struct chk_ctx *c, const struct sel_list *l)
{
	struct box *boxes;
	struct box_idx x = {0};
	struct idx_vec cand = {0};
	struct selector *tmp;
	size_t *tmap, cover[COVER_MAX];

	if (l->n < 2)
		return;
	boxes = xcalloc(l->n, sizeof(*boxes));
	for (size_t i = 0; i < l->n; i++)
		boxes[i] = box_of(&l->rules[i]);
	idx_build(&x, boxes, l->n);
	tmp = xcalloc(l->n, sizeof(*tmp));
	tmap = xcalloc(l->n, sizeof(*tmap));

	for (size_t i = 1; i < l->n; i++) {
		const struct selector *r = &l->rules[i];
		struct strbuf msg = STRBUF_INIT, fp = STRBUF_INIT;
		size_t k = 0, ncover = 0, covers[COVER_MAX];
		struct span at;
		struct finding *f;
		char rn[CHK_NAME];

		if (boxes[i].empty)
			continue;
		idx_query(&x, &boxes[i], &cand);
		/* an earlier rule for other directions or places, or one that stands for less
		 * than its selector says, cannot take this one's traffic for certain */
		for (size_t j = 0; j < cand.n && cand.v[j] < i; j++) {
			if (!sel_scope_covers(&l->rules[cand.v[j]], r))
				continue;
			tmap[k] = cand.v[j];
			tmp[k++] = l->rules[cand.v[j]];
		}
		if (!k) {
			order_conflict(c, l, i, &cand);
			continue;
		}
		tmp[k] = *r;
		if (!sel_list_rule_shadowed(tmp, k + 1, k, cover, COVER_MAX, &ncover)) {
			order_conflict(c, l, i, &cand);
			continue;
		}
		for (size_t j = 0; j < ncover && j < COVER_MAX; j++)
			covers[j] = tmap[cover[j]];
		if (ncover > COVER_MAX)
			ncover = COVER_MAX;
		if (!ncover) /* an empty rule: nothing to name, nothing that matters */
			continue;
		if (l->permits_are_tunnels && r->action == SEL_PERMIT) {
			bool all_permit = true;

			for (size_t j = 0; j < ncover; j++)
				all_permit &= l->rules[covers[j]].action == SEL_PERMIT;
			if (all_permit)
				continue; /* tunnels covered by tunnels: shadow_group says it */
		}
		rule_list(&msg, l, covers, ncover);
		at = chk_rule_span(l, r);
		f = chk_add(c, R_POLICY_SHADOWED, &at, "%s is never matched: %s all of its traffic first",
			    rule_name(l, r, rn, sizeof(rn)), sb_str(&msg));
		for (size_t j = 0; j < ncover && j < 5; j++) {
			struct span cs = chk_rule_span(l, &l->rules[covers[j]]);

			if (l->rule_kind)
				fnd_related(f, &cs, "%s is here", l->rules[covers[j]].text);
			else
				fnd_related(f, &cs, "rule %u is here", l->rules[covers[j]].rule_id);
		}
		sb_addf(&fp, "%s|%u|", l->name ? l->name : "?", r->rule_id);
		for (size_t j = 0; j < ncover; j++)
			sb_addf(&fp, "%s%u", j ? "," : "", l->rules[covers[j]].rule_id);
		fnd_fp(f, "%s", sb_str(&fp));
		sb_free(&msg);
		sb_free(&fp);
	}
	free(tmp);
	free(tmap);
	free(cand.v);
	idx_free(&x);
	free(boxes);
}

/* Every list of the device once, used or not (a dead rule is dead either way). */
static void shadow_lists(struct chk_ctx *c)
{
	const struct device *d = c->d;
	struct hmap done = HMAP_INIT;

	for (size_t i = 0; i < d->nsel_lists; i++) {
		const struct sel_list *l = d->sel_lists[i];

		if (hmap_add(&done, &l, sizeof(l)))
			shadow_list(c, d->sel_lists[i]);
	}
	/* a list a driver attached to a tunnel only */
	for (size_t i = 0; i < d->ntunnels; i++) {
		const struct sel_list *l = d->tunnels[i]->selectors;

		if (l && !l->view && hmap_add(&done, &l, sizeof(l)))
			shadow_list(c, d->tunnels[i]->selectors);
	}
	hmap_free(&done);
}

/* ---- tunnels: effective regions and their boxes ------------------------------------ */

struct tun_info {
	const struct tunnel *t;
	size_t pos;	    /* index in d->tunnels */
	struct region *eff; /* what it protects (computed on first use) */
	bool eff_done;
};

static struct region *tun_eff(struct tun_info *ti)
{
	if (!ti->eff_done) {
		const struct sel_list *l = ti->t->selectors;

		ti->eff = sel_list_effective(l->rules, l->n, false);
		ti->eff_done = true;
	}
	return ti->eff;
}

/* Boxes of the permit rules of a set of tunnels; owner[b] = tunnel number. */
struct tun_boxes {
	struct box *b;
	size_t *owner;
	size_t n, cap, ocap;
};

static void tun_boxes_add(struct tun_boxes *tb, const struct tunnel *t, size_t owner)
{
	const struct sel_list *l = t->selectors;

	for (size_t i = 0; i < l->n; i++) {
		/* deny rules protect nothing: the effective region lies inside the
		 * union of the permit rules */
		if (l->rules[i].action != SEL_PERMIT)
			continue;
		VEC_GROW(tb->b, tb->cap, tb->n + 1);
		VEC_GROW(tb->owner, tb->ocap, tb->n + 1);
		tb->b[tb->n] = box_of(&l->rules[i]);
		tb->owner[tb->n] = owner;
		tb->n++;
	}
}

static void tun_boxes_free(struct tun_boxes *tb)
{
	free(tb->b);
	free(tb->owner);
	memset(tb, 0, sizeof(*tb));
}

static bool has_selectors(const struct tunnel *t)
{
	return t->selectors && t->selectors->n > 0;
}

/*
 * Tunnels that select traffic for outbound packets by the group order:
 * enabled, with selectors, and not responder-only templates (a template is
 * chosen by the initiator that calls it, not by the order of the group, so it
 * neither shadows nor is shadowed).
 */
static bool in_group_order(const struct tunnel *t)
{
	return t->enabled.v != 0 && has_selectors(t) && t->kind != TK_TEMPLATE && t->group;
}

struct grp_ent {
	const struct tunnel *t;
	size_t pos;
};

static int cmp_grp(const void *pa, const void *pb)
{
	const struct grp_ent *a = pa, *b = pb;
	int c = strcmp(a->t->group, b->t->group);

	if (c)
		return c;
	if (a->t->seq != b->t->seq)
		return a->t->seq < b->t->seq ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* "ipsec policy 'map1 10' selects" / "ipsec policy 'map1 10' and ipsec policy 'map1 15' select" */
static void tunnel_list(struct strbuf *sb, struct tun_info *ti, const size_t *idx, size_t n)
{
	char name[CHK_NAME];
	size_t shown = n > 5 ? 5 : n;

	for (size_t i = 0; i < shown; i++) {
		const char *sep = i == 0 ? "" : (i == shown - 1 && shown == n) ? " and " : ", ";

		sb_addf(sb, "%s%s", sep, chk_tunnel(ti[idx[i]].t, name, sizeof(name)));
	}
	if (shown < n)
		sb_addf(sb, " and %zu more", n - shown);
	sb_adds(sb, n > 1 ? " select" : " selects");
}

static bool same_remotes(const struct tunnel *a, const struct tunnel *b);
static bool same_proposals(const struct tunnel *a, const struct tunnel *b);

/*
 * policy-order-conflict between members of one group: member i keeps some of
 * its traffic, but an earlier member that overlaps it partly (neither holds
 * the other: a broader policy cutting across a more specific one) takes the
 * rest, and sends it to another peer or with other proposals. An earlier,
 * narrower member inside i is the usual "specific first" order and is left
 * alone. covering holds the earlier members that meet i.
 */
static void group_conflict(struct chk_ctx *c, struct tun_info *ti, size_t i, const struct idx_vec *covering)
{
	const struct tunnel *t = ti[i].t;
	char name[CHK_NAME], other[CHK_NAME], wit[160];

	for (size_t j = 0; j < covering->n; j++) {
		struct tun_info *o = &ti[covering->v[j]];
		bool peer = !same_remotes(o->t, t), props = !same_proposals(o->t, t);
		struct finding *f;

		if (!peer && !props)
			continue;
		if (region_compare(tun_eff(o), tun_eff(&ti[i])) != REL_OVERLAP)
			continue;
		{
			/* a box of the traffic the earlier member takes */
			struct region *meet = region_copy(tun_eff(&ti[i])), *none = region_new();

			region_intersect(meet, tun_eff(o));
			region_witness(meet, none, wit, sizeof(wit));
			region_free(meet);
			region_free(none);
		}
		chk_tunnel(t, name, sizeof(name));
		chk_tunnel(o->t, other, sizeof(other));
		f = chk_add(c, R_POLICY_ORDER_CONFLICT, &t->span,
			    "%s loses part of its traffic (e.g. %s) to %s, which comes first and sends it %s",
			    name, wit, other, peer ? "to another peer" : "with other proposals");
		fnd_related(f, &o->t->span, "%s is here", other);
		fnd_fp(f, "%s|%s", t->name ? t->name : t->id, o->t->name ? o->t->name : o->t->id);
		return;
	}
}

/*
 * One policy group, members in evaluation order (seq ascending). A member is
 * shadowed when its effective region minus the effective regions of the
 * earlier members is empty. Only earlier members whose permit boxes meet one
 * of its own can take any of its traffic: an index over the group's boxes
 * finds them. Cost: O(R log R) for the R permit rules of the group, plus one
 * region subtraction per (member, overlapping earlier member).
 *
 * Deny rules of an earlier member's list are not taken to claim traffic for
 * the group: what a deny rule does in a policy ACL (clear text, or fall
 * through to the next policy) is unconfirmed in the vendor references, and
 * counting only what earlier policies protect is the choice that never
 * reports a policy that might be used.
 */
static void shadow_group(struct chk_ctx *c, struct tun_info *ti, size_t n)
{
	struct tun_boxes tb = {0};
	struct box_idx x = {0};
	struct idx_vec cand = {0}, earlier = {0};
	struct hmap seen = HMAP_INIT;

	if (n < 2)
		return;
	for (size_t i = 0; i < n; i++)
		tun_boxes_add(&tb, ti[i].t, i);
	idx_build(&x, tb.b, tb.n);

	for (size_t b0 = 0, i = 0; i < n; i++) {
		struct region *rest;
		struct idx_vec covering = {0};
		size_t b1 = b0;

		/* boxes of member i are tb.b[b0..b1) */
		while (b1 < tb.n && tb.owner[b1] == i)
			b1++;
		earlier.n = 0;
		hmap_free(&seen);
		for (size_t b = b0; b < b1; b++) {
			idx_query(&x, &tb.b[b], &cand);
			for (size_t j = 0; j < cand.n; j++) {
				size_t o = tb.owner[cand.v[j]];

				if (o < i && hmap_add(&seen, &o, sizeof(o)))
					vec_push(&earlier, o);
			}
		}
		b0 = b1;
		if (!earlier.n || region_is_empty(tun_eff(&ti[i])))
			continue;
		qsort(earlier.v, earlier.n, sizeof(*earlier.v), cmp_size);
		rest = region_copy(tun_eff(&ti[i]));
		for (size_t j = 0; j < earlier.n && !region_is_empty(rest); j++) {
			struct region *meet = region_copy(tun_eff(&ti[i]));

			region_intersect(meet, tun_eff(&ti[earlier.v[j]]));
			if (!region_is_empty(meet)) {
				vec_push(&covering, earlier.v[j]);
				region_subtract(rest, tun_eff(&ti[earlier.v[j]]));
			}
			region_free(meet);
		}
		if (!region_is_empty(rest) && covering.n)
			group_conflict(c, ti, i, &covering);
		if (region_is_empty(rest) && covering.n) {
			struct strbuf msg = STRBUF_INIT, fp = STRBUF_INIT;
			char name[CHK_NAME], other[CHK_NAME];
			struct finding *f;

			tunnel_list(&msg, ti, covering.v, covering.n);
			chk_tunnel(ti[i].t, name, sizeof(name));
			f = chk_add(c, R_POLICY_SHADOWED, &ti[i].t->span,
				    "%s is never used: %s all of its traffic first", name, sb_str(&msg));
			sb_addf(&fp, "%s|", ti[i].t->name ? ti[i].t->name : ti[i].t->id);
			for (size_t j = 0; j < covering.n; j++) {
				const struct tunnel *o = ti[covering.v[j]].t;

				if (j < 5)
					fnd_related(f, &o->span, "%s is here",
						    chk_tunnel(o, other, sizeof(other)));
				sb_addf(&fp, "%s%s", j ? "," : "", o->name ? o->name : o->id);
			}
			fnd_fp(f, "%s", sb_str(&fp));
			sb_free(&msg);
			sb_free(&fp);
		}
		region_free(rest);
		free(covering.v);
	}
	hmap_free(&seen);
	free(cand.v);
	free(earlier.v);
	idx_free(&x);
	tun_boxes_free(&tb);
}

/* Groups by name, then seq: O(T log T) to sort, then shadow_group per group. */
static void shadow_groups(struct chk_ctx *c, struct tun_info *all)
{
	const struct device *d = c->d;
	struct grp_ent *g = xcalloc(d->ntunnels ? d->ntunnels : 1, sizeof(*g));
	struct tun_info *ti = xcalloc(d->ntunnels ? d->ntunnels : 1, sizeof(*ti));
	size_t n = 0;

	for (size_t i = 0; i < d->ntunnels; i++) {
		if (!in_group_order(d->tunnels[i]))
			continue;
		g[n].t = d->tunnels[i];
		g[n].pos = i;
		n++;
	}
	qsort(g, n, sizeof(*g), cmp_grp);
	for (size_t s = 0; s < n;) {
		size_t e = s;

		while (e < n && strcmp(g[e].t->group, g[s].t->group) == 0)
			e++;
		/* the group's members, sharing the device-wide region cache */
		for (size_t i = s; i < e; i++)
			ti[i - s] = all[g[i].pos];
		shadow_group(c, ti, e - s);
		for (size_t i = s; i < e; i++)
			all[g[i].pos] = ti[i - s];
		s = e;
	}
	free(ti);
	free(g);
}

/* ---- flow-overlap ------------------------------------------------------------------ */

static bool same_group(const struct tunnel *a, const struct tunnel *b)
{
	return a->group && b->group && strcmp(a->group, b->group) == 0;
}

static bool same_aspec(const struct addrspec *a, const struct addrspec *b)
{
	return a->kind == b->kind && a->family == b->family && a->a.hi == b->a.hi && a->a.lo == b->a.lo &&
	       a->b.hi == b->b.hi && a->b.lo == b->b.lo;
}

static bool same_remotes(const struct tunnel *a, const struct tunnel *b)
{
	if (a->nremotes != b->nremotes)
		return false;
	for (size_t i = 0; i < a->nremotes; i++)
		if (!same_aspec(&a->remotes[i].addr, &b->remotes[i].addr))
			return false;
	return true;
}

static bool same_proposals(const struct tunnel *a, const struct tunnel *b)
{
	if (!a->ike != !b->ike)
		return false;
	if (a->ike) {
		if (a->ike->nproposals != b->ike->nproposals)
			return false;
		for (size_t i = 0; i < a->ike->nproposals; i++)
			if (a->ike->proposals[i] != b->ike->proposals[i])
				return false;
	}
	if (a->ipsec.nproposals != b->ipsec.nproposals)
		return false;
	for (size_t i = 0; i < a->ipsec.nproposals; i++)
		if (a->ipsec.proposals[i] != b->ipsec.proposals[i])
			return false;
	return true;
}

/* Active: enabled and applied, with selectors. */
static bool overlap_candidate(const struct tunnel *t)
{
	return t->enabled.v != 0 && t->applied && has_selectors(t);
}

struct tpair {
	size_t a, b; /* a < b: positions in d->tunnels */
};

static int cmp_tpair(const void *pa, const void *pb)
{
	const struct tpair *a = pa, *b = pb;

	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	return a->a < b->a ? -1 : a->a > b->a;
}

/*
 * Two tunnels of different policy groups whose traffic intersects. Within one
 * group, overlapping policies are the normal first-match mechanism (the
 * earlier one takes the packet; a full cover is policy-shadowed): only
 * overlaps across groups (different interfaces) and across profiles, which
 * each are a group of their own, are reported. Tunnels that go to the same
 * remotes with the same proposals carry the overlap identically (redundant
 * uplinks to one peer), so they are left alone too.
 *
 * Cost: the permit-rule boxes of all active tunnels go into one index; each
 * box is queried once, giving the candidate tunnel pairs (sorted and made
 * unique): O(R log R + K log R) for R rules and K box hits, plus one exact
 * region intersection per candidate pair of different groups.
 */
static void check_overlap(struct chk_ctx *c, struct tun_info *all)
{
	const struct device *d = c->d;
	struct tun_boxes tb = {0};
	struct box_idx x = {0};
	struct idx_vec cand = {0};
	struct tpair *pairs = NULL;
	size_t npairs = 0, pcap = 0, w = 0;
	struct region *none;

	for (size_t i = 0; i < d->ntunnels; i++)
		if (overlap_candidate(d->tunnels[i]))
			tun_boxes_add(&tb, d->tunnels[i], i);
	if (tb.n < 2) {
		tun_boxes_free(&tb);
		return;
	}
	idx_build(&x, tb.b, tb.n);
	for (size_t b = 0; b < tb.n; b++) {
		size_t later = tb.owner[b];

		idx_query(&x, &tb.b[b], &cand);
		for (size_t j = 0; j < cand.n; j++) {
			size_t earlier = tb.owner[cand.v[j]];

			if (earlier >= later || same_group(d->tunnels[earlier], d->tunnels[later]))
				continue;
			VEC_GROW(pairs, pcap, npairs + 1);
			pairs[npairs].a = earlier;
			pairs[npairs].b = later;
			npairs++;
		}
	}
	if (npairs)
		qsort(pairs, npairs, sizeof(*pairs), cmp_tpair);
	for (size_t i = 0; i < npairs; i++)
		if (!w || pairs[w - 1].a != pairs[i].a || pairs[w - 1].b != pairs[i].b)
			pairs[w++] = pairs[i];
	npairs = w;

	none = region_new();
	for (size_t i = 0; i < npairs; i++) {
		struct tun_info *ea = &all[pairs[i].a], *lb = &all[pairs[i].b];
		const struct tunnel *ta = ea->t, *tl = lb->t;
		bool rem = same_remotes(ta, tl), prop = same_proposals(ta, tl);
		struct region *meet;
		char wit[256], na[CHK_NAME], nl[CHK_NAME];
		const char *why;
		struct finding *f;

		if (rem && prop)
			continue;
		meet = region_copy(tun_eff(lb));
		region_intersect(meet, tun_eff(ea));
		if (region_is_empty(meet)) {
			region_free(meet);
			continue;
		}
		region_witness(meet, none, wit, sizeof(wit));
		region_free(meet);
		why = !rem && !prop ? "different peers and proposals" :
		      !rem	    ? "different peers" :
				      "different proposals";
		chk_tunnel(tl, nl, sizeof(nl));
		chk_tunnel(ta, na, sizeof(na));
		f = chk_add(c, R_FLOW_OVERLAP, &tl->span, "traffic of %s overlaps %s (%s): both select %s",
			    nl, na, why, wit);
		fnd_related(f, &ta->span, "%s is here", na);
		fnd_fp(f, "%s|%s", ta->name ? ta->name : ta->id, tl->name ? tl->name : tl->id);
	}
	region_free(none);
	free(pairs);
	free(cand.v);
	idx_free(&x);
	tun_boxes_free(&tb);
}

void chk_selectors(struct chk_ctx *c)
{
	const struct device *d = c->d;
	struct tun_info *all;

	shadow_lists(c);
	if (!d->ntunnels)
		return;
	all = xcalloc(d->ntunnels, sizeof(*all));
	for (size_t i = 0; i < d->ntunnels; i++) {
		all[i].t = d->tunnels[i];
		all[i].pos = i;
	}
	shadow_groups(c, all);
	check_overlap(c, all);
	for (size_t i = 0; i < d->ntunnels; i++)
		if (all[i].eff)
			region_free(all[i].eff);
	free(all);
}
