/* SPDX-License-Identifier: MIT */
/*
 * checker/pair_order.c - policy-order-mismatch: two devices that share
 * several tunnels order the overlapping ones differently, so one packet is
 * taken by one tunnel on A and by another on B (rules.md §4).
 *
 * For two pairs (a1,b1) and (a2,b2) between the same two devices, with a1
 * and a2 in one evaluation group on A and b1 and b2 in one group on B: a
 * packet p (in A's orientation) that all four selector sets hold goes into
 * the earlier of a1/a2 on A and into the earlier of b1/b2 on B (mirrored).
 * When A's earlier one is a1 and B's is b2, the two ends disagree on p.
 * The region algebra answers whether such a packet exists and names one.
 */
#include <stdlib.h>
#include <string.h>

#include "checker/pair.h"
#include "model/selector.h"

static bool takes_part(const struct tunnel *t)
{
	if (!t->selectors || !t->selectors->n || t->kind == TK_PROFILE)
		return false;
	if (t->enabled.o.prov && !t->enabled.v)
		return false;
	return true;
}

static bool same_group(const struct tunnel *x, const struct tunnel *y)
{
	if (!x->group || !y->group)
		return x->group == y->group;
	return strcmp(x->group, y->group) == 0;
}

/* x before y in its device's evaluation order (same group: lower seq first) */
static bool before(const struct tunnel *x, const struct tunnel *y)
{
	return x->seq < y->seq;
}

static int cmp_pair_dev(const void *pa, const void *pb)
{
	const struct tunnel_pair *x = *(const struct tunnel_pair *const *)pa;
	const struct tunnel_pair *y = *(const struct tunnel_pair *const *)pb;
	uintptr_t xa = (uintptr_t)x->a->dev, ya = (uintptr_t)y->a->dev;
	uintptr_t xb = (uintptr_t)x->b->dev, yb = (uintptr_t)y->b->dev;

	if (xa != ya)
		return xa < ya ? -1 : 1;
	if (xb != yb)
		return xb < yb ? -1 : 1;
	return x->a->seq < y->a->seq ? -1 : x->a->seq > y->a->seq;
}

/* The traffic a tunnel protects, in A's orientation (B's side mirrored). */
static struct region *effective(const struct tunnel *t, bool mirror)
{
	return sel_list_effective(t->selectors->rules, t->selectors->n, mirror);
}

static void check_two(struct findings *fs, struct tunnel_pair *p1, struct tunnel_pair *p2,
		      struct region *const ra[2], struct region *const rb[2])
{
	struct tunnel_pair *first, *second;
	struct pair_ctx pc = {0};
	struct region *both, *none;
	struct finding *f;
	char witness[256];
	size_t before_n = fs->n;

	if (!same_group(p1->a, p2->a) || !same_group(p1->b, p2->b) || p1->a->seq == p2->a->seq ||
	    p1->b->seq == p2->b->seq)
		return;
	if (before(p1->a, p2->a) == before(p1->b, p2->b))
		return; /* the same order on both sides */

	both = region_copy(ra[0]);
	region_intersect(both, ra[1]);
	region_intersect(both, rb[0]);
	region_intersect(both, rb[1]);
	if (region_is_empty(both)) {
		region_free(both);
		return;
	}
	none = region_new();
	region_witness(both, none, witness, sizeof(witness));
	region_free(none);
	region_free(both);

	/* primary: the tunnel A evaluates first */
	first = before(p1->a, p2->a) ? p1 : p2;
	second = first == p1 ? p2 : p1;
	pc.a = first->a;
	pc.b = first->b;
	pc.fs = fs;
	f = pair_finding(&pc, R_POLICY_ORDER_MISMATCH, &first->a->span,
			 "%s is evaluated before %s here, but '%s' evaluates their partners the other "
			 "way round (%s, facing %s, first): traffic such as %s takes a different tunnel "
			 "on each side",
			 first->a->name, second->a->name, first->b->dev->name, second->b->name,
			 second->a->name, witness[0] ? witness : "any traffic");
	fnd_related(f, &second->b->span, "peer side: %s (faces %s) is evaluated first", second->b->name,
		    second->a->name);
	fnd_related(f, &first->b->span, "peer side: %s (faces %s) comes after it", first->b->name,
		    first->a->name);
	fnd_fp(f, "|%s|%s", second->a->id, second->b->id);
	for (size_t i = before_n; i < fs->n; i++) {
		enum severity s = fs->v[i].sev;

		for (struct tunnel_pair *tp = p1;; tp = p2) {
			if (!tp->has_finding || s > tp->status)
				tp->status = s;
			tp->has_finding = true;
			if (tp == p2)
				break;
		}
	}
}

void chk_pair_order(struct pair_list *pairs, struct findings *fs)
{
	struct tunnel_pair **v;
	size_t n = 0;

	if (pairs->n < 2)
		return;
	v = xcalloc(pairs->n, sizeof(*v));
	for (size_t i = 0; i < pairs->n; i++) {
		struct tunnel_pair *tp = &pairs->v[i];

		if (tp->a->dev != tp->b->dev && takes_part(tp->a) && takes_part(tp->b))
			v[n++] = tp;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_pair_dev);
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		struct region **ra, **rb;

		for (hi = lo + 1; hi < n && v[hi]->a->dev == v[lo]->a->dev && v[hi]->b->dev == v[lo]->b->dev;)
			hi++;
		if (hi - lo < 2)
			continue;
		ra = xcalloc(hi - lo, sizeof(*ra));
		rb = xcalloc(hi - lo, sizeof(*rb));
		for (size_t i = lo; i < hi; i++) {
			ra[i - lo] = effective(v[i]->a, false);
			rb[i - lo] = effective(v[i]->b, true);
		}
		for (size_t i = lo; i < hi; i++) {
			for (size_t k = i + 1; k < hi; k++) {
				struct region *xa[2] = {ra[i - lo], ra[k - lo]};
				struct region *xb[2] = {rb[i - lo], rb[k - lo]};

				check_two(fs, v[i], v[k], xa, xb);
			}
		}
		for (size_t i = 0; i < hi - lo; i++) {
			region_free(ra[i]);
			region_free(rb[i]);
		}
		free(ra);
		free(rb);
	}
	free(v);
}
