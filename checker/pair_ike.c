/* SPDX-License-Identifier: MIT */
/*
 * checker/pair_ike.c - phase 1 across a pair: IKE versions, exchange mode,
 * authentication method, proposals and DH groups, pre-shared keys,
 * identities and IKE SA lifetimes.
 *
 * Proposal lists are sets: the pair fails phase 1 only when no proposal of
 * one side is acceptable to the other. Cost: O(proposals(A) x proposals(B))
 * per pair; both are a handful.
 */
#include <stdio.h>
#include <string.h>

#include "checker/pair.h"
#include "model/selector.h"

static bool ike_has(const struct tunnel *t)
{
	return t->ike != NULL;
}

static unsigned versions(const struct tunnel *t)
{
	return (unsigned)t->ike->versions.v & (IKE_V1 | IKE_V2);
}

static const char *version_set(unsigned v)
{
	switch (v & (IKE_V1 | IKE_V2)) {
	case IKE_V1:
		return "IKEv1";
	case IKE_V2:
		return "IKEv2";
	case IKE_V1 | IKE_V2:
		return "IKEv1 and IKEv2";
	}
	return "no IKE version";
}

static void check_versions(struct pair_ctx *pc)
{
	const struct ike *a = pc->a->ike, *b = pc->b->ike;
	unsigned common = versions(pc->a) & versions(pc->b);
	struct finding *f;

	if (common) {
		/* an initiator with both enabled starts with IKEv2 */
		pc->version = (common & IKE_V2) ? 2 : 1;
		return;
	}
	pc->version = 0;
	f = pair_finding(pc, R_IKE_VERSION_MISMATCH, pair_at(&a->versions.o, &a->peer_span),
			 "%s allows %s%s here, '%s' allows only %s%s",
			 a->peer_name ? a->peer_name : pc->a->name, version_set(versions(pc->a)),
			 chk_prov(&a->versions.o), pc->b->dev->name, version_set(versions(pc->b)),
			 chk_prov(&b->versions.o));
	fnd_related(f, pair_at(&b->versions.o, &b->peer_span), "peer side: %s%s",
		    version_set(versions(pc->b)), chk_prov(&b->versions.o));
	fnd_fp(f, "%u|%u", versions(pc->a), versions(pc->b));
}

static const char *xchg_name(int64_t x)
{
	const char *n = model_exchange_name(x);

	return n ? n : "main";
}

static void check_exchange(struct pair_ctx *pc)
{
	const struct ike *a = pc->a->ike, *b = pc->b->ike;
	int64_t xa = a->exchange.v ? a->exchange.v : XCHG_MAIN;
	int64_t xb = b->exchange.v ? b->exchange.v : XCHG_MAIN;
	struct finding *f;

	if (pc->version != 1 || xa == xb || xa == XCHG_AUTO || xb == XCHG_AUTO)
		return;
	f = pair_finding(pc, R_EXCHANGE_MODE_MISMATCH, pair_at(&a->exchange.o, &a->peer_span),
			 "IKEv1 %s mode%s here, %s mode%s on '%s'", xchg_name(xa), chk_prov(&a->exchange.o),
			 xchg_name(xb), chk_prov(&b->exchange.o), pc->b->dev->name);
	fnd_related(f, pair_at(&b->exchange.o, &b->peer_span), "peer side: %s mode%s", xchg_name(xb),
		    chk_prov(&b->exchange.o));
	fnd_fp(f, "%s|%s", xchg_name(xa), xchg_name(xb));
}

static uint32_t auth_set(const struct ike *k)
{
	uint32_t s = 0;

	for (size_t i = 0; i < k->nproposals; i++)
		s |= 1u << (unsigned)(k->proposals[i]->auth.v ? k->proposals[i]->auth.v : AUTH_PSK);
	return s;
}

static const char *auth_names(uint32_t s, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned m = 1; m < AUTH__COUNT && used < n; m++) {
		if (s & (1u << m)) {
			int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", vocab_auth_name(m));
			if (w < 0)
				break;
			used += (size_t)w;
		}
	}
	return buf;
}

/* returns false when the pair fails on authentication method already */
static bool check_auth(struct pair_ctx *pc)
{
	const struct ike *a = pc->a->ike, *b = pc->b->ike;
	uint32_t sa = auth_set(a), sb = auth_set(b);
	char ba[64], bb[64];
	struct finding *f;

	if (!a->nproposals || !b->nproposals || (sa & sb))
		return true;
	/* point at the authentication-method lines where written, else at the proposals */
	f = pair_finding(pc, R_AUTH_METHOD_MISMATCH,
			 pair_at(&a->proposals[0]->auth.o, &a->proposals[0]->span),
			 "authentication by %s here, by %s on '%s'", auth_names(sa, ba, sizeof(ba)),
			 auth_names(sb, bb, sizeof(bb)), pc->b->dev->name);
	fnd_related(f, pair_at(&b->proposals[0]->auth.o, &b->proposals[0]->span),
		    "peer side: authentication by %s", bb);
	fnd_fp(f, "%s|%s", ba, bb);
	return false;
}

/* The hash / integrity set the negotiated version compares. */
static const struct algset *p1_integ(const struct ike_proposal *p, unsigned version)
{
	return version == 2 ? &p->integ : &p->hash;
}

enum p1_diff {
	P1_ENC = 1,
	P1_INTEG = 2,
	P1_PRF = 4,
	P1_AUTH = 8,
	P1_DH = 16,
};

static unsigned p1_compare(const struct ike_proposal *x, const struct ike_proposal *y, unsigned version)
{
	unsigned d = 0;
	int64_t ax = x->auth.v ? x->auth.v : AUTH_PSK, ay = y->auth.v ? y->auth.v : AUTH_PSK;

	if (!(x->enc.bits & y->enc.bits))
		d |= P1_ENC;
	if (!(p1_integ(x, version)->bits & p1_integ(y, version)->bits))
		d |= P1_INTEG;
	if (version == 2 && x->prf.bits && y->prf.bits && !(x->prf.bits & y->prf.bits))
		d |= P1_PRF;
	if (ax != ay)
		d |= P1_AUTH;
	if (!(x->dh.bits & y->dh.bits))
		d |= P1_DH;
	return d;
}

static unsigned popcount(unsigned x)
{
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/*
 * Phase-1 proposals: acceptable when some pair of proposals agrees on every
 * parameter. When none does, the closest pair (fewest differing parameters)
 * names what differs; DH is its own rule when it is the only obstacle.
 * Returns the matching pair through *ma / *mb (NULL when none).
 */
static void check_proposals(struct pair_ctx *pc, const struct ike_proposal **ma,
			    const struct ike_proposal **mb)
{
	const struct ike *a = pc->a->ike, *b = pc->b->ike;
	const struct ike_proposal *ba = NULL, *bb = NULL;
	unsigned best = ~0u, bestn = ~0u;
	const char *side = pc->b->dev->name;
	char x[128], y[128];
	struct strbuf msg = STRBUF_INIT, rel = STRBUF_INIT;
	struct finding *f;
	const struct span *at, *at_b;
	bool same_kind;

	*ma = *mb = NULL;
	for (size_t i = 0; i < a->nproposals; i++) {
		for (size_t k = 0; k < b->nproposals; k++) {
			unsigned d = p1_compare(a->proposals[i], b->proposals[k], pc->version);
			if (d == 0) {
				*ma = a->proposals[i];
				*mb = b->proposals[k];
				return;
			}
			if (popcount(d) < bestn) {
				best = d;
				bestn = popcount(d);
				ba = a->proposals[i];
				bb = b->proposals[k];
			}
		}
	}
	if (!ba)
		return;
	if (best == P1_DH) {
		at = pair_at(&ba->dh.o, &ba->span);
		f = pair_finding(pc, R_DH_GROUP_MISMATCH, at,
				 "%s '%s' would match '%s' but for the DH group: group %s%s here, group %s%s "
				 "on '%s'",
				 ike_proposal_kind(ba), ba->name, side, pair_groups(&ba->dh, x, sizeof(x)),
				 chk_prov(&ba->dh.o), pair_groups(&bb->dh, y, sizeof(y)), chk_prov(&bb->dh.o),
				 side);
		fnd_related(f, pair_at(&bb->dh.o, &bb->span), "peer side: %s '%s' uses DH group %s%s",
			    ike_proposal_kind(bb), bb->name, y, chk_prov(&bb->dh.o));
		fnd_fp(f, "dh|%s|%s", x, y);
		return;
	}
	sb_addf(&msg, "no ike proposal is acceptable to '%s':", side);
	/* both sides point at the first differing value where written, else at the proposal */
	at = &ba->span;
	at_b = &bb->span;
	if (best & P1_ENC) {
		sb_addf(&msg, " encryption %s%s here, %s%s there;", pair_encs(&ba->enc, x, sizeof(x)),
			chk_prov(&ba->enc.o), pair_encs(&bb->enc, y, sizeof(y)), chk_prov(&bb->enc.o));
		sb_addf(&rel, " encryption %s%s;", y, chk_prov(&bb->enc.o));
		at = pair_at(&ba->enc.o, &ba->span);
		at_b = pair_at(&bb->enc.o, &bb->span);
	}
	if (best & P1_INTEG) {
		const struct algset *ia = p1_integ(ba, pc->version), *ib = p1_integ(bb, pc->version);
		const char *what = pc->version == 2 ? "integrity" : "hash";
		sb_addf(&msg, " %s %s%s here, %s%s there;", what, pair_integs(ia, x, sizeof(x)),
			chk_prov(&ia->o), pair_integs(ib, y, sizeof(y)), chk_prov(&ib->o));
		sb_addf(&rel, " %s %s%s;", what, y, chk_prov(&ib->o));
		if (!(best & P1_ENC)) {
			at = pair_at(&ia->o, &ba->span);
			at_b = pair_at(&ib->o, &bb->span);
		}
	}
	if (best & P1_PRF) {
		sb_addf(&msg, " prf %s%s here, %s%s there;", pair_integs(&ba->prf, x, sizeof(x)),
			chk_prov(&ba->prf.o), pair_integs(&bb->prf, y, sizeof(y)), chk_prov(&bb->prf.o));
		sb_addf(&rel, " prf %s%s;", y, chk_prov(&bb->prf.o));
		if (!(best & (P1_ENC | P1_INTEG))) {
			at = pair_at(&ba->prf.o, &ba->span);
			at_b = pair_at(&bb->prf.o, &bb->span);
		}
	}
	if (best & P1_AUTH) {
		sb_addf(&msg, " authentication %s here, %s there;",
			vocab_auth_name((enum auth_method)ba->auth.v),
			vocab_auth_name((enum auth_method)bb->auth.v));
		sb_addf(&rel, " authentication %s;", vocab_auth_name((enum auth_method)bb->auth.v));
	}
	if (best & P1_DH) {
		sb_addf(&msg, " DH group %s here, %s there;", pair_groups(&ba->dh, x, sizeof(x)),
			pair_groups(&bb->dh, y, sizeof(y)));
		sb_addf(&rel, " DH group %s;", y);
	}
	msg.buf[msg.len - 1] = '\0'; /* drop the last ';' */
	rel.buf[rel.len - 1] = '\0';
	same_kind = strcmp(ike_proposal_kind(ba), ike_proposal_kind(bb)) == 0;
	f = pair_finding(pc, R_IKE_PROPOSAL_MISMATCH, at, "%s (closest: %s '%s' vs %s%s'%s')", msg.buf,
			 ike_proposal_kind(ba), ba->name, same_kind ? "" : ike_proposal_kind(bb),
			 same_kind ? "" : " ", bb->name);
	fnd_related(f, at_b, "peer side: %s '%s' has%s", ike_proposal_kind(bb), bb->name, rel.buf);
	fnd_fp(f, "%s", msg.buf);
	sb_free(&msg);
	sb_free(&rel);
}

static void check_ike_lifetime(struct pair_ctx *pc, const struct ike_proposal *x,
			       const struct ike_proposal *y)
{
	struct finding *f;

	if (!x || !y || x->lifetime_s.o.prov == PROV_UNSET || y->lifetime_s.o.prov == PROV_UNSET)
		return;
	if (x->lifetime_s.v == y->lifetime_s.v)
		return;
	f = pair_finding(pc, R_LIFETIME_MISMATCH, pair_at(&x->lifetime_s.o, &x->span),
			 "IKE SA lifetime %lld s%s here, %lld s%s on '%s'", (long long)x->lifetime_s.v,
			 chk_prov(&x->lifetime_s.o), (long long)y->lifetime_s.v, chk_prov(&y->lifetime_s.o),
			 pc->b->dev->name);
	fnd_related(f, pair_at(&y->lifetime_s.o, &y->span), "peer side: %s '%s' lifetime %lld s%s",
		    ike_proposal_kind(y), y->name, (long long)y->lifetime_s.v, chk_prov(&y->lifetime_s.o));
	fnd_fp(f, "p1|%lld|%lld", (long long)x->lifetime_s.v, (long long)y->lifetime_s.v);
}

/* ---- keys ---------------------------------------------------------------- */

static bool key_visible(const struct key *k)
{
	return k->form == KEY_PLAIN || k->form == KEY_HEX;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Would the ASCII text of plain key p, read as hex, give hex key h's bytes? */
static bool plain_reads_as(const struct key *p, const struct key *h)
{
	const uint8_t *s = p->bytes;
	size_t n = p->len, out = 0;

	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		n -= 2;
	}
	if (n == 0 || n % 2 || n / 2 != h->len)
		return false;
	for (size_t i = 0; i < n; i += 2, out++) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0 || (uint8_t)(hi << 4 | lo) != h->bytes[out])
			return false;
	}
	return true;
}

static bool uses_psk(const struct ike *k)
{
	for (size_t i = 0; i < k->nproposals; i++) {
		if (k->proposals[i]->auth.v == AUTH_PSK || k->proposals[i]->auth.v == AUTH_UNSET)
			return true;
	}
	return k->nproposals == 0;
}

static void check_keys(struct pair_ctx *pc)
{
	const struct key *ka = &pc->a->ike->psk, *kb = &pc->b->ike->psk;
	const struct span *sa = pair_at(&ka->o, &pc->a->ike->peer_span);
	const struct span *sb = pair_at(&kb->o, &pc->b->ike->peer_span);
	char da[48], db[48];
	struct finding *f;

	if (!uses_psk(pc->a->ike) || !uses_psk(pc->b->ike))
		return;
	model_key_describe(ka, "psk", da, sizeof(da));
	model_key_describe(kb, "psk", db, sizeof(db));
	if ((ka->form == KEY_NONE) != (kb->form == KEY_NONE)) {
		f = pair_finding(pc, R_PSK_FORMAT_MISMATCH, sa, "pre-shared key %s here, %s on '%s'", da, db,
				 pc->b->dev->name);
		fnd_related(f, sb, "peer side: pre-shared key %s", db);
		fnd_fp(f, "presence|%d|%d", ka->form, kb->form);
		return;
	}
	if (ka->form == KEY_NONE)
		return;
	if (ka->form == KEY_DEVICE_CIPHER || kb->form == KEY_DEVICE_CIPHER) {
		f = pair_finding(pc, R_PSK_UNVERIFIABLE, sa,
				 "pre-shared keys cannot be compared offline: %s here, %s on '%s'", da, db,
				 pc->b->dev->name);
		fnd_related(f, sb, "peer side: pre-shared key %s", db);
		fnd_fp(f, "cipher|%d|%d", ka->form, kb->form);
		return;
	}
	if (!key_visible(ka) || !key_visible(kb))
		return;
	if (ka->len == kb->len && memcmp(ka->bytes, kb->bytes, ka->len) == 0)
		return;
	if ((ka->form == KEY_HEX && kb->form == KEY_PLAIN && plain_reads_as(kb, ka)) ||
	    (kb->form == KEY_HEX && ka->form == KEY_PLAIN && plain_reads_as(ka, kb))) {
		f = pair_finding(
			pc, R_PSK_FORMAT_MISMATCH, sa,
			"the same key text is read as %s here and as %s on '%s': the key bytes differ",
			ka->form == KEY_HEX ? "hex" : "ASCII", kb->form == KEY_HEX ? "hex" : "ASCII",
			pc->b->dev->name);
		fnd_related(f, sb, "peer side: pre-shared key %s", db);
		fnd_fp(f, "encoding|%d|%d", ka->form, kb->form);
		return;
	}
	f = pair_finding(pc, R_PSK_MISMATCH, sa, "pre-shared keys differ: %s here, %s on '%s'", da, db,
			 pc->b->dev->name);
	fnd_related(f, sb, "peer side: pre-shared key %s", db);
	/* forms and lengths only: a digest of the keys would let anyone test guesses offline */
	fnd_fp(f, "psk|%s|%s", da, db);
}

/* ---- identities ---------------------------------------------------------- */

/* The identity t sends: its local ID, by default its local endpoint address. */
static struct ident effective_local_id(const struct tunnel *t)
{
	struct ident id = t->ike->local_id;

	if (id.type == ID_NONE || ((id.type == ID_IPV4 || id.type == ID_IPV6) && !id.value)) {
		id.type = t->local.addr.family == 6 ? ID_IPV6 : ID_IPV4;
		id.addr = t->local.addr;
		id.value = NULL;
		if (id.o.prov == PROV_UNSET) {
			id.o.prov = PROV_DEFAULT;
			id.o.span = t->ike->peer_span;
		}
	}
	return id;
}

static bool id_is_addr(enum id_type t)
{
	return t == ID_IPV4 || t == ID_IPV6;
}

static const char *id_text(const struct ident *id, char *buf, size_t n)
{
	if (id_is_addr(id->type) && id->addr.kind != ASPEC_NONE) {
		char a[64];
		snprintf(buf, n, "%s %s", vocab_id_type_name(id->type), aspec_str(&id->addr, a, sizeof(a)));
	} else {
		snprintf(buf, n, "%s '%s'", vocab_id_type_name(id->type), id->value ? id->value : "?");
	}
	return buf;
}

static bool id_equal(const struct ident *x, const struct ident *y)
{
	if (id_is_addr(x->type) && id_is_addr(y->type)) {
		if (x->addr.kind == ASPEC_NONE || y->addr.kind == ASPEC_NONE)
			return true; /* unknown address: cannot tell */
		return aspec_compare(&x->addr, &y->addr) == REL_EQUAL;
	}
	if (x->type != y->type)
		return false;
	if (!x->value || !y->value)
		return true;
	return strcmp(x->value, y->value) == 0;
}

/* What `to` expects as remote identity is compared with what `from` sends. */
static void check_id_dir(struct pair_ctx *pc, const struct tunnel *from, const struct tunnel *to,
			 bool from_is_a)
{
	struct ident sent = effective_local_id(from);
	const struct ident *want = &to->ike->remote_id;
	char s[160], w[160];
	struct finding *f;
	const struct span *at_from = pair_at(&sent.o, &from->ike->peer_span);
	const struct span *at_to = pair_at(&want->o, &to->ike->peer_span);

	if (want->type == ID_NONE || want->type == ID_ANY)
		return;
	if (id_is_addr(sent.type) && sent.addr.kind == ASPEC_NONE)
		return;
	if (id_equal(&sent, want))
		return;
	id_text(&sent, s, sizeof(s));
	id_text(want, w, sizeof(w));
	if (from_is_a) {
		f = pair_finding(pc, R_ID_MISMATCH, at_from, "local identity %s%s here, but '%s' expects %s",
				 s, chk_prov(&sent.o), to->dev->name, w);
		fnd_related(f, at_to, "peer side: remote identity %s expected", w);
	} else {
		f = pair_finding(pc, R_ID_MISMATCH, pair_at(&want->o, &to->ike->peer_span),
				 "remote identity %s expected here, but '%s' sends %s%s", w, from->dev->name,
				 s, chk_prov(&sent.o));
		fnd_related(f, at_from, "peer side: local identity %s%s", s, chk_prov(&sent.o));
	}
	fnd_fp(f, "%s|%s", s, w);
}

void chk_pair_ike(struct pair_ctx *pc)
{
	const struct ike_proposal *ma, *mb;

	if (!ike_has(pc->a) || !ike_has(pc->b))
		return;
	check_versions(pc);
	if (!pc->version)
		return;
	check_exchange(pc);
	if (check_auth(pc)) {
		check_proposals(pc, &ma, &mb);
		check_ike_lifetime(pc, ma, mb);
	}
	check_keys(pc);
	check_id_dir(pc, pc->a, pc->b, true);
	check_id_dir(pc, pc->b, pc->a, false);
}
