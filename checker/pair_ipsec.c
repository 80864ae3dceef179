/* SPDX-License-Identifier: MIT */
/*
 * checker/pair_ipsec.c - phase 2 across a pair: transforms, encapsulation
 * mode, PFS, IPsec SA lifetimes, traffic selectors, and manual SAs.
 *
 * Cost per pair: O(proposals(A) x proposals(B)) for transforms; the traffic
 * selector comparison is region algebra over both ordered lists (see
 * model/selector.h for its bounds).
 */
#include <stdio.h>
#include <string.h>

#include "checker/pair.h"
#include "model/selector.h"

static const char *proto_name(int64_t p)
{
	const char *n = model_proto_name(p);

	return n ? n : "esp";
}

static const char *mode_name(int64_t m)
{
	const char *n = model_mode_name(m);

	return n ? n : "tunnel";
}

static int64_t proto_of(const struct ipsec_proposal *p)
{
	return p->proto.v ? p->proto.v : PROTO_ESP;
}

/* Transform agreement, encapsulation aside: 0 when acceptable, else what differs. */
enum p2_diff {
	P2_PROTO = 1,
	P2_ENC = 2,
	P2_INTEG = 4,
	P2_AH = 8,
};

static unsigned p2_compare(const struct ipsec_proposal *x, const struct ipsec_proposal *y)
{
	int64_t px = proto_of(x), py = proto_of(y);
	unsigned d = 0;

	if (px != py)
		return P2_PROTO;
	if (px == PROTO_ESP || px == PROTO_AH_ESP) {
		if (!(x->esp_enc.bits & y->esp_enc.bits))
			d |= P2_ENC;
		/* combined-mode ciphers (GCM) carry no separate integrity */
		if ((x->esp_integ.bits || y->esp_integ.bits) && !(x->esp_integ.bits & y->esp_integ.bits))
			d |= P2_INTEG;
	}
	if ((px == PROTO_AH || px == PROTO_AH_ESP) && !(x->ah_integ.bits & y->ah_integ.bits))
		d |= P2_AH;
	return d;
}

static bool modes_agree(const struct ipsec_proposal *x, const struct ipsec_proposal *y)
{
	int64_t mx = x->mode.v ? x->mode.v : ENCAP_TUNNEL, my = y->mode.v ? y->mode.v : ENCAP_TUNNEL;

	return mx == my || mx == ENCAP_AUTO || my == ENCAP_AUTO;
}

static unsigned popcount(unsigned x)
{
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/*
 * modes_only: the transforms are compared elsewhere (per direction, for
 * manual SAs that set them so); only the encapsulation mode is.
 */
static void check_transforms(struct pair_ctx *pc, bool modes_only)
{
	const struct ipsec *a = &pc->a->ipsec, *b = &pc->b->ipsec;
	const struct ipsec_proposal *ba = NULL, *bb = NULL, *ma = NULL, *mb = NULL;
	unsigned best = ~0u, bestn = ~0u;
	char x[128], y[128];
	struct strbuf msg = STRBUF_INIT, rel = STRBUF_INIT;
	const char *side = pc->b->dev->name;
	const struct span *at, *at_b;
	struct finding *f;

	if (!a->nproposals || !b->nproposals)
		return;
	for (size_t i = 0; i < a->nproposals; i++) {
		for (size_t k = 0; k < b->nproposals; k++) {
			unsigned d = modes_only ? 0 : p2_compare(a->proposals[i], b->proposals[k]);
			if (d == 0) {
				if (modes_agree(a->proposals[i], b->proposals[k]))
					return;
				if (!ma) {
					ma = a->proposals[i];
					mb = b->proposals[k];
				}
				continue;
			}
			if (popcount(d) < bestn) {
				best = d;
				bestn = popcount(d);
				ba = a->proposals[i];
				bb = b->proposals[k];
			}
		}
	}
	if (ma) {
		/* the transforms agree; only the encapsulation mode does not */
		f = pair_finding(pc, R_ENCAPSULATION_MISMATCH, pair_at(&ma->mode.o, &ma->span),
				 "%s mode%s here, %s mode%s on '%s'", mode_name(ma->mode.v),
				 chk_prov(&ma->mode.o), mode_name(mb->mode.v), chk_prov(&mb->mode.o), side);
		fnd_related(f, pair_at(&mb->mode.o, &mb->span), "peer side: %s '%s' uses %s mode%s",
			    ipsec_proposal_kind(mb), mb->name, mode_name(mb->mode.v), chk_prov(&mb->mode.o));
		fnd_fp(f, "%s|%s", mode_name(ma->mode.v), mode_name(mb->mode.v));
		return;
	}
	sb_addf(&msg, "no ipsec proposal is acceptable to '%s':", side);
	/* both sides point at the first differing value where written, else at the proposal */
	at = &ba->span;
	at_b = &bb->span;
	if (best & P2_PROTO) {
		sb_addf(&msg, " protocol %s%s here, %s%s there;", proto_name(proto_of(ba)),
			chk_prov(&ba->proto.o), proto_name(proto_of(bb)), chk_prov(&bb->proto.o));
		sb_addf(&rel, " protocol %s%s;", proto_name(proto_of(bb)), chk_prov(&bb->proto.o));
		at = pair_at(&ba->proto.o, &ba->span);
		at_b = pair_at(&bb->proto.o, &bb->span);
	}
	if (best & P2_ENC) {
		sb_addf(&msg, " esp encryption %s%s here, %s%s there;", pair_encs(&ba->esp_enc, x, sizeof(x)),
			chk_prov(&ba->esp_enc.o), pair_encs(&bb->esp_enc, y, sizeof(y)),
			chk_prov(&bb->esp_enc.o));
		sb_addf(&rel, " esp encryption %s%s;", y, chk_prov(&bb->esp_enc.o));
		at = pair_at(&ba->esp_enc.o, &ba->span);
		at_b = pair_at(&bb->esp_enc.o, &bb->span);
	}
	if (best & P2_INTEG) {
		sb_addf(&msg, " esp integrity %s%s here, %s%s there;",
			pair_integs(&ba->esp_integ, x, sizeof(x)), chk_prov(&ba->esp_integ.o),
			pair_integs(&bb->esp_integ, y, sizeof(y)), chk_prov(&bb->esp_integ.o));
		sb_addf(&rel, " esp integrity %s%s;", y, chk_prov(&bb->esp_integ.o));
		if (!(best & P2_ENC)) {
			at = pair_at(&ba->esp_integ.o, &ba->span);
			at_b = pair_at(&bb->esp_integ.o, &bb->span);
		}
	}
	if (best & P2_AH) {
		sb_addf(&msg, " ah integrity %s%s here, %s%s there;",
			pair_integs(&ba->ah_integ, x, sizeof(x)), chk_prov(&ba->ah_integ.o),
			pair_integs(&bb->ah_integ, y, sizeof(y)), chk_prov(&bb->ah_integ.o));
		sb_addf(&rel, " ah integrity %s%s;", y, chk_prov(&bb->ah_integ.o));
	}
	msg.buf[msg.len - 1] = '\0';
	rel.buf[rel.len - 1] = '\0';
	f = pair_finding(pc, R_IPSEC_PROPOSAL_MISMATCH, at, "%s", msg.buf);
	fnd_related(f, at_b, "peer side: %s '%s' has%s", ipsec_proposal_kind(bb), bb->name, rel.buf);
	fnd_fp(f, "%s", msg.buf);
	sb_free(&msg);
	sb_free(&rel);
}

static void pfs_text(int64_t g, char *buf, size_t n)
{
	if (g)
		snprintf(buf, n, "group %lld", (long long)g);
	else
		snprintf(buf, n, "none");
}

static void check_pfs(struct pair_ctx *pc)
{
	const struct mint *a = &pc->a->ipsec.pfs, *b = &pc->b->ipsec.pfs;
	char x[32], y[32];
	struct finding *f;

	if (a->v == b->v)
		return;
	pfs_text(a->v, x, sizeof(x));
	pfs_text(b->v, y, sizeof(y));
	f = pair_finding(pc, R_PFS_MISMATCH, pair_at(&a->o, &pc->a->span), "PFS %s%s here, %s%s on '%s'%s", x,
			 chk_prov(&a->o), y, chk_prov(&b->o), pc->b->dev->name,
			 pc->version == 2 ?
				 ": with IKEv2 the first child SA comes up and the tunnel fails at the "
				 "first rekey" :
				 "");
	fnd_related(f, pair_at(&b->o, &pc->b->span), "peer side: PFS %s%s in %s", y, chk_prov(&b->o),
		    pc->b->name);
	fnd_fp(f, "%lld|%lld", (long long)a->v, (long long)b->v);
}

/* Phase-2 lifetimes: per-transform values, where a driver sets them, win over per-tunnel ones. */
static const struct mint *p2_life(const struct tunnel *t, bool kb)
{
	if (t->ipsec.nproposals) {
		const struct ipsec_proposal *p = t->ipsec.proposals[0];
		const struct mint *m = kb ? &p->lifetime_kb : &p->lifetime_s;
		if (m->o.prov != PROV_UNSET)
			return m;
	}
	return kb ? &t->ipsec.lifetime_kb : &t->ipsec.lifetime_s;
}

static void check_p2_lifetime(struct pair_ctx *pc)
{
	for (int kb = 0; kb <= 1; kb++) {
		const struct mint *a = p2_life(pc->a, kb), *b = p2_life(pc->b, kb);
		const char *unit = kb ? "KB" : "s";
		struct finding *f;

		if (a->o.prov == PROV_UNSET || b->o.prov == PROV_UNSET || a->v == b->v)
			continue;
		f = pair_finding(pc, R_LIFETIME_MISMATCH, pair_at(&a->o, &pc->a->span),
				 "IPsec SA lifetime %lld %s%s here, %lld %s%s on '%s'", (long long)a->v, unit,
				 chk_prov(&a->o), (long long)b->v, unit, chk_prov(&b->o), pc->b->dev->name);
		fnd_related(f, pair_at(&b->o, &pc->b->span), "peer side: %s lifetime %lld %s%s", pc->b->name,
			    (long long)b->v, unit, chk_prov(&b->o));
		fnd_fp(f, "p2|%s|%lld|%lld", unit, (long long)a->v, (long long)b->v);
	}
}

/* ---- traffic selectors --------------------------------------------------- */

static const char *rel_words(enum setrel r)
{
	switch (r) {
	case REL_SUBSET:
		return "a strict subset of";
	case REL_SUPERSET:
		return "a strict superset of";
	case REL_OVERLAP:
		return "only partly overlapping";
	case REL_DISJOINT:
		return "disjoint from";
	case REL_EQUAL:
		break;
	}
	return "equal to";
}

static const char *list_kind(const struct sel_list *l)
{
	return l->list_kind ? l->list_kind : "acl";
}

static void check_flows(struct pair_ctx *pc)
{
	const struct sel_list *la = pc->a->selectors, *lb = pc->b->selectors;
	struct region *ra, *rb;
	enum setrel rel;
	char w[256];
	struct finding *f;
	bool narrowed;

	/* a responder template without ACL takes the initiator's flows */
	if (!la || !lb || !la->n || !lb->n)
		return;
	ra = sel_list_effective(la->rules, la->n, false);
	rb = sel_list_effective(lb->rules, lb->n, true);
	rel = region_compare(ra, rb);
	if (rel == REL_EQUAL)
		goto out;
	narrowed = pc->version == 2 && (rel == REL_SUBSET || rel == REL_SUPERSET);
	region_witness(ra, rb, w, sizeof(w));
	f = pair_finding(pc, narrowed ? R_FLOW_NARROWED : R_FLOW_MISMATCH, &la->span,
			 "traffic selectors of %s '%s' are %s the mirror of '%s' %s '%s'%s: e.g. %s",
			 list_kind(la), la->name, rel_words(rel), pc->b->dev->name, list_kind(lb), lb->name,
			 narrowed ? " (IKEv2 narrows; traffic outside the subset is not protected)" :
				    (pc->version == 1 ? " (IKEv1 requires mirror images)" : ""),
			 w);
	fnd_related(f, &lb->span, "peer side: %s '%s' (%zu rule%s), mirrored for the comparison",
		    list_kind(lb), lb->name, lb->n, lb->n == 1 ? "" : "s");
	fnd_fp(f, "%s|%s|%s", la->name, lb->name, setrel_name(rel));
out:
	region_free(ra);
	region_free(rb);
}

/* ---- manual SAs ---------------------------------------------------------- */

static bool key_eq(const struct key *x, const struct key *y)
{
	return x->len == y->len && (x->len == 0 || memcmp(x->bytes, y->bytes, x->len) == 0);
}

static bool policy_differs(const struct pair_ctx *pc, int dir);

static void check_manual(struct pair_ctx *pc)
{
	const struct manual_sa *a = pc->a->manual, *b = pc->b->manual;
	static const char *const dirs[] = {"inbound", "outbound"};
	static const char *const protos[] = {"esp", "ah"};

	if (!a || !b)
		return;
	for (int dir = 0; dir < 2; dir++) {
		for (int pr = 0; pr < 2; pr++) {
			const struct manual_sa_half *x = &a->h[dir][pr];
			const struct manual_sa_half *y = &b->h[1 - dir][pr];
			struct finding *f;

			if (x->spi.o.prov == PROV_UNSET && y->spi.o.prov == PROV_UNSET)
				continue;
			if (x->spi.o.prov != PROV_UNSET && y->spi.o.prov != PROV_UNSET &&
			    x->spi.v != y->spi.v) {
				f = pair_finding(pc, R_MANUAL_SA_MISMATCH, pair_at(&x->spi.o, &pc->a->span),
						 "%s %s SPI %lld here, but '%s' uses %s %s SPI %lld",
						 dirs[dir], protos[pr], (long long)x->spi.v, pc->b->dev->name,
						 dirs[1 - dir], protos[pr], (long long)y->spi.v);
				fnd_related(f, pair_at(&y->spi.o, &pc->b->span), "peer side: %s %s SPI %lld",
					    dirs[1 - dir], protos[pr], (long long)y->spi.v);
				fnd_fp(f, "spi|%d|%d|%lld|%lld", dir, pr, (long long)x->spi.v,
				       (long long)y->spi.v);
			} else if ((x->spi.o.prov == PROV_UNSET) != (y->spi.o.prov == PROV_UNSET) &&
				   !policy_differs(pc, dir)) {
				/* A's side first: its SA, else its tunnel; B's SA as the peer side */
				f = pair_finding(
					pc, R_MANUAL_SA_MISMATCH,
					x->spi.o.prov != PROV_UNSET ? pair_at(&x->spi.o, &pc->a->span) :
								      &pc->a->span,
					"%s %s SA on one side only: here %s, on '%s' %s %s", dirs[dir],
					protos[pr], x->spi.o.prov != PROV_UNSET ? "set" : "missing",
					pc->b->dev->name, dirs[1 - dir],
					y->spi.o.prov != PROV_UNSET ? "set" : "missing");
				if (y->spi.o.prov != PROV_UNSET)
					fnd_related(f, pair_at(&y->spi.o, &pc->b->span),
						    "peer side: %s %s SPI %lld", dirs[1 - dir], protos[pr],
						    (long long)y->spi.v);
				fnd_fp(f, "side|%d|%d", dir, pr);
			}
			/* keys: compare only what is visible on both sides */
			for (int k = 0; k < 2; k++) {
				const struct key *kx = k ? &x->enc_key : &x->auth_key;
				const struct key *ky = k ? &y->enc_key : &y->auth_key;
				char dx[48], dy[48];
				if (!(kx->form == KEY_PLAIN || kx->form == KEY_HEX) ||
				    !(ky->form == KEY_PLAIN || ky->form == KEY_HEX) || key_eq(kx, ky))
					continue;
				model_key_describe(kx, "key", dx, sizeof(dx));
				model_key_describe(ky, "key", dy, sizeof(dy));
				f = pair_finding(pc, R_MANUAL_SA_MISMATCH, pair_at(&kx->o, &pc->a->span),
						 "%s %s %s key %s here differs from '%s' %s %s key %s",
						 dirs[dir], protos[pr], k ? "encryption" : "authentication",
						 dx, pc->b->dev->name, dirs[1 - dir], protos[pr], dy);
				fnd_related(f, pair_at(&ky->o, &pc->b->span), "peer side: %s %s key %s",
					    dirs[1 - dir], protos[pr], dy);
				fnd_fp(f, "key|%d|%d|%d|%s|%s", dir, pr, k, dx, dy);
			}
		}
	}
}

/*
 * A direction's algorithm: the SA half's own where the vendor sets one per
 * direction, else the first of the tunnel's proposal (one transform for both
 * directions). which: 0 the ESP cipher or AH integrity, 1 ESP integrity.
 */
static const struct mint *half_alg(const struct tunnel *t, int dir, int pr, int which, struct mint *tmp)
{
	const struct manual_sa_half *h = &t->manual->h[dir][pr];
	const struct mint *m = which ? &h->auth_alg : &h->alg;
	const struct ipsec_proposal *p = t->ipsec.nproposals ? t->ipsec.proposals[0] : NULL;
	const struct algset *set;

	if (m->o.prov != PROV_UNSET)
		return m;
	if (!p)
		return NULL;
	set = pr == SA_AH ? &p->ah_integ : which ? &p->esp_integ : &p->esp_enc;
	if (!set->n)
		return NULL;
	tmp->v = set->order[0];
	tmp->o = set->o.prov != PROV_UNSET ? set->o : (struct origin){p->span, PROV_WRITTEN};
	return tmp;
}

/* A direction's protocols: the SA's own, else what the tunnel's first proposal applies. */
static const struct mint *half_policy(const struct tunnel *t, int dir, struct mint *tmp)
{
	const struct mint *m = &t->manual->policy[dir];
	const struct ipsec_proposal *p = t->ipsec.nproposals ? t->ipsec.proposals[0] : NULL;

	if (m->o.prov != PROV_UNSET)
		return m;
	if (!p)
		return NULL;
	tmp->v = proto_of(p) == PROTO_AH  ? MSA_POL_AH :
		 proto_of(p) == PROTO_ESP ? MSA_POL_ESP :
					    MSA_POL_ESP_AH;
	tmp->o = p->proto.o.prov != PROV_UNSET ? p->proto.o : (struct origin){p->span, PROV_WRITTEN};
	return tmp;
}

/*
 * Do A's dir and B's opposite direction apply different protocols, as one
 * side's own per-direction policy says? check_manual_algs() reports that;
 * an SA present on one side only is its consequence.
 */
static bool policy_differs(const struct pair_ctx *pc, int dir)
{
	struct mint tx, ty;
	const struct mint *x, *y;

	if (!pc->a->manual || !pc->b->manual)
		return false;
	x = half_policy(pc->a, dir, &tx);
	y = half_policy(pc->b, 1 - dir, &ty);
	if (!x || !y || (x == &tx && y == &ty))
		return false;
	return x->v != y->v && !(x->v >= MSA_POL_ESP_AH && y->v >= MSA_POL_ESP_AH && (x == &tx || y == &ty));
}

/* Does a side set its manual SAs' transforms per direction? */
static bool per_direction(const struct manual_sa *m)
{
	for (int dir = 0; dir < 2; dir++) {
		if (m->policy[dir].o.prov != PROV_UNSET)
			return true;
		for (int pr = 0; pr < 2; pr++)
			if (m->h[dir][pr].alg.o.prov != PROV_UNSET ||
			    m->h[dir][pr].auth_alg.o.prov != PROV_UNSET)
				return true;
	}
	return false;
}

/* Does a direction's policy apply protocol pr? Unknown: assume it does. */
static bool pol_has(const struct mint *p, int pr)
{
	if (!p || p->v == MSA_POL_UNSET)
		return true;
	if (p->v == MSA_POL_AH)
		return pr == SA_AH;
	if (p->v == MSA_POL_ESP)
		return pr == SA_ESP;
	return true;
}

static const char *alg_name(int pr, int which, int64_t v)
{
	return pr == SA_ESP && !which ? vocab_enc_name((enum enc)v) : vocab_integ_name((enum integ)v);
}

/*
 * Per-direction algorithms, the protocols applied (and their order) and the
 * header options, where at least one side sets them per direction: A's
 * outbound must be B's inbound. Where both sides hold one proposal for both
 * directions, check_transforms() compares them.
 */
/*
 * Do A's algorithm of (dir, pr, which) and B's of the opposite direction
 * disagree, where one of them is set per direction and both sides apply the
 * protocol? *x and *y are the two values (tx, ty their storage).
 */
static bool alg_differs(const struct pair_ctx *pc, int dir, int pr, int which, const struct mint **x,
			const struct mint **y, struct mint *tx, struct mint *ty)
{
	struct mint tpx, tpy;
	const struct mint *px = half_policy(pc->a, dir, &tpx), *py = half_policy(pc->b, 1 - dir, &tpy);

	*x = half_alg(pc->a, dir, pr, which, tx);
	*y = half_alg(pc->b, 1 - dir, pr, which, ty);
	if (!*x || !*y || (*x)->v == (*y)->v)
		return false;
	if (*x == tx && *y == ty)
		return false; /* both from proposals: check_transforms() */
	if (!(pol_has(px, pr) && pol_has(py, pr)))
		return false; /* the protocol is not applied on both: the policy says it */
	/* the protocol is used in neither */
	return pc->a->manual->h[dir][pr].spi.o.prov != PROV_UNSET ||
	       pc->b->manual->h[1 - dir][pr].spi.o.prov != PROV_UNSET;
}

static bool same_place(const struct origin *x, const struct origin *y)
{
	return x->span.src == y->span.src && x->span.line == y->span.line && x->span.col == y->span.col;
}

/*
 * Per-direction algorithms, the protocols applied (and their order) and the
 * header options, where at least one side sets them per direction: A's
 * outbound must be B's inbound. Where both sides hold one proposal for both
 * directions, check_transforms() compares them.
 */
static void check_manual_algs(struct pair_ctx *pc)
{
	static const char *const dirs[] = {"inbound", "outbound"};
	static const char *const protos[] = {"esp", "ah"};
	static const char *const what[2][2] = {{"encryption", "authentication"}, {"authentication", ""}};
	const struct manual_sa *a = pc->a->manual, *b = pc->b->manual;
	const char *side = pc->b->dev->name;
	struct finding *f;

	for (int dir = 0; dir < 2; dir++) {
		struct mint tpx, tpy;
		const struct mint *px = half_policy(pc->a, dir, &tpx),
				  *py = half_policy(pc->b, 1 - dir, &tpy);

		if (!policy_differs(pc, dir))
			continue;
		f = pair_finding(pc, R_MANUAL_SA_MISMATCH, pair_at(&px->o, &pc->a->span),
				 "%s policy %s here, but '%s' applies %s %s", dirs[dir],
				 model_msa_policy_name((enum msa_policy)px->v), side, dirs[1 - dir],
				 model_msa_policy_name((enum msa_policy)py->v));
		fnd_related(f, pair_at(&py->o, &pc->b->span), "peer side: %s policy %s", dirs[1 - dir],
			    model_msa_policy_name((enum msa_policy)py->v));
		fnd_fp(f, "policy|%d|%lld|%lld", dir, (long long)px->v, (long long)py->v);
	}
	for (int pr = 0; pr < 2; pr++) {
		for (int which = 0; which < (pr == SA_ESP ? 2 : 1); which++) {
			struct mint tx[2], ty[2];
			const struct mint *x[2], *y[2];
			bool d[2];

			for (int dir = 0; dir < 2; dir++)
				d[dir] =
					alg_differs(pc, dir, pr, which, &x[dir], &y[dir], &tx[dir], &ty[dir]);
			/* the same value both ways against one proposal of the peer: one finding */
			if (d[0] && d[1] && x[0]->v == x[1]->v && y[0]->v == y[1]->v &&
			    same_place(&y[0]->o, &y[1]->o)) {
				f = pair_finding(
					pc, R_MANUAL_SA_MISMATCH, pair_at(&x[1]->o, &pc->a->span),
					"%s %s algorithm %s here in both directions, but '%s' uses %s",
					protos[pr], what[pr][which], alg_name(pr, which, x[1]->v), side,
					alg_name(pr, which, y[1]->v));
				fnd_related(f, pair_at(&y[1]->o, &pc->b->span),
					    "peer side: %s %s algorithm %s", protos[pr], what[pr][which],
					    alg_name(pr, which, y[1]->v));
				fnd_fp(f, "alg|both|%d|%d|%lld|%lld", pr, which, (long long)x[1]->v,
				       (long long)y[1]->v);
				continue;
			}
			for (int dir = 1; dir >= 0; dir--) {
				if (!d[dir])
					continue;
				f = pair_finding(pc, R_MANUAL_SA_MISMATCH, pair_at(&x[dir]->o, &pc->a->span),
						 "%s %s %s algorithm %s here, but '%s' uses %s for %s %s",
						 dirs[dir], protos[pr], what[pr][which],
						 alg_name(pr, which, x[dir]->v), side,
						 alg_name(pr, which, y[dir]->v), dirs[1 - dir], protos[pr]);
				fnd_related(f, pair_at(&y[dir]->o, &pc->b->span),
					    "peer side: %s %s %s algorithm %s", dirs[1 - dir], protos[pr],
					    what[pr][which], alg_name(pr, which, y[dir]->v));
				fnd_fp(f, "alg|%d|%d|%d|%lld|%lld", dir, pr, which, (long long)x[dir]->v,
				       (long long)y[dir]->v);
			}
		}
	}
	for (int k = 0; k < 2; k++) {
		const struct mint *x = k ? &a->new_header : &a->replay, *y = k ? &b->new_header : &b->replay;
		const char *nm = k ? "new header format" : "replay prevention";

		if (x->o.prov == PROV_UNSET || y->o.prov == PROV_UNSET || !x->v == !y->v)
			continue;
		f = pair_finding(pc, R_MANUAL_SA_MISMATCH, pair_at(&x->o, &pc->a->span),
				 "%s %s here, %s on '%s'", nm, x->v ? "on" : "off", y->v ? "on" : "off",
				 side);
		fnd_related(f, pair_at(&y->o, &pc->b->span), "peer side: %s %s", nm, y->v ? "on" : "off");
		fnd_fp(f, "%s|%d|%d", nm, !!x->v, !!y->v);
	}
}

void chk_pair_ipsec(struct pair_ctx *pc)
{
	if (pc->a->kind == TK_MANUAL || pc->b->kind == TK_MANUAL) {
		bool per_dir = pc->a->manual && pc->b->manual &&
			       (per_direction(pc->a->manual) || per_direction(pc->b->manual));

		check_manual(pc);
		if (per_dir)
			check_manual_algs(pc);
		check_transforms(pc, per_dir);
		check_p2_lifetime(pc);
		check_flows(pc);
		return;
	}
	if (pc->a->ike && pc->b->ike && !pc->version)
		return; /* phase 1 cannot complete: phase 2 findings would be noise */
	check_transforms(pc, false);
	check_pfs(pc);
	check_p2_lifetime(pc);
	check_flows(pc);
}
