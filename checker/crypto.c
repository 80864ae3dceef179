/* SPDX-License-Identifier: MIT */
/*
 * checker/crypto.c - algorithms, keys, exchange modes and lifetimes of one
 * device: weak-algorithm, aggressive-mode-psk, psk-plaintext, psk-weak,
 * sm-algorithm-ikev2, lifetime-unbounded.
 *
 * Proposals are reached from the tunnels that use them (the model keeps no
 * other list of them): a proposal no tunnel uses is unused-definition's
 * business, and a device's built-in default proposal is judged only when a
 * tunnel offers it. A proposal shared by several tunnels is judged once.
 * Keys are described with model_key_describe(); their bytes are only
 * inspected for length and character classes, never copied into a message
 * or a fingerprint.
 */
#include "checker/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the proposals the tunnels use ----------------------------------------- */

struct used_prop {
	const void *p;		/* struct ike_proposal or struct ipsec_proposal */
	bool ike;		/* which of the two */
	unsigned versions;	/* union of the IKE versions of the tunnels that use it */
	bool version_unknown;	/* a tunnel using it has no version set */
	size_t first;		/* order of first use, for a stable report order */
	const struct tunnel *t; /* its first user */
};

struct used_props {
	struct used_prop *v;
	size_t n, cap;
};

static void used_push(struct used_props *u, const void *p, bool ike, const struct tunnel *t)
{
	struct used_prop *x;

	VEC_GROW(u->v, u->cap, u->n + 1);
	x = &u->v[u->n];
	x->p = p;
	x->ike = ike;
	x->versions = t->ike ? (unsigned)t->ike->versions.v & (IKE_V1 | IKE_V2) : 0;
	x->version_unknown = !t->ike || x->versions == 0;
	x->first = u->n;
	x->t = t;
	u->n++;
}

static int cmp_ptr(const void *pa, const void *pb)
{
	const struct used_prop *a = pa, *b = pb;
	uintptr_t x = (uintptr_t)a->p, y = (uintptr_t)b->p;

	if (x != y)
		return x < y ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

static int cmp_first(const void *pa, const void *pb)
{
	const struct used_prop *a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

/*
 * Every (proposal, tunnel) use, then sorted by pointer and merged:
 * O(U log U) for U uses, without a hash table. The survivors are put back in
 * order of first use.
 */
static void collect_props(const struct device *d, struct used_props *u)
{
	size_t w = 0;

	for (size_t i = 0; i < d->ntunnels; i++) {
		const struct tunnel *t = d->tunnels[i];

		if (t->ike)
			for (size_t j = 0; j < t->ike->nproposals; j++)
				if (t->ike->proposals[j])
					used_push(u, t->ike->proposals[j], true, t);
		for (size_t j = 0; j < t->ipsec.nproposals; j++)
			if (t->ipsec.proposals[j])
				used_push(u, t->ipsec.proposals[j], false, t);
	}
	if (u->n < 2)
		return;
	qsort(u->v, u->n, sizeof(*u->v), cmp_ptr);
	for (size_t r = 0; r < u->n; r++) {
		if (w && u->v[w - 1].p == u->v[r].p) {
			u->v[w - 1].versions |= u->v[r].versions;
			u->v[w - 1].version_unknown |= u->v[r].version_unknown;
			continue;
		}
		u->v[w++] = u->v[r];
	}
	u->n = w;
	qsort(u->v, u->n, sizeof(*u->v), cmp_first);
}

/* The members of an algorithm set: in the order written, then any others. */
static size_t algset_values(const struct algset *s, unsigned out[32])
{
	uint32_t done = 0;
	size_t n = 0;

	for (unsigned i = 0; i < s->n && i < ALGSET_MAX; i++) {
		unsigned v = s->order[i];

		if (v < 32 && algset_has(s, v) && !(done >> v & 1u)) {
			out[n++] = v;
			done |= 1u << v;
		}
	}
	for (unsigned v = 0; v < 32; v++)
		if (algset_has(s, v) && !(done >> v & 1u))
			out[n++] = v;
	return n;
}

/*
 * Where to report about a proposal: its own line, or, for a built-in one the
 * file does not print (no line), the first tunnel that offers it.
 */
static const struct span *prop_span(const struct span *s, const struct used_prop *u)
{
	return s->src && s->line ? s : &u->t->span;
}

/* ---- weak-algorithm --------------------------------------------------------- */

#define WEAK_MAX 16

struct weak_list {
	struct {
		char name[32];
		const struct origin *o;
	} it[WEAK_MAX];
	size_t n;
};

static void weak_add(struct weak_list *w, const char *name, const struct origin *o)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->it[i].name, name) == 0)
			return;
	if (w->n == WEAK_MAX)
		return;
	snprintf(w->it[w->n].name, sizeof(w->it[w->n].name), "%s", name);
	w->it[w->n].o = o;
	w->n++;
}

static void weak_encs(struct weak_list *w, const struct algset *s)
{
	unsigned v[32];
	size_t n = algset_values(s, v);

	for (size_t i = 0; i < n; i++)
		if (vocab_enc_is_weak((enum enc)v[i]))
			weak_add(w, vocab_enc_name((enum enc)v[i]), &s->o);
}

static void weak_integs(struct weak_list *w, const struct algset *s)
{
	unsigned v[32];
	size_t n = algset_values(s, v);

	for (size_t i = 0; i < n; i++)
		if (vocab_integ_is_weak((enum integ)v[i]))
			weak_add(w, vocab_integ_name((enum integ)v[i]), &s->o);
}

static void weak_groups(struct weak_list *w, const struct algset *s)
{
	unsigned v[32];
	size_t n = algset_values(s, v);
	char name[32];

	for (size_t i = 0; i < n; i++) {
		if (!vocab_dh_is_weak((int)v[i]))
			continue;
		snprintf(name, sizeof(name), "dh group %u", v[i]);
		weak_add(w, name, &s->o);
	}
}

/*
 * One finding for the object `what`: at the first weak value that was
 * written, else at the object; the other written values are related
 * locations. Defaults are marked as such.
 */
static void weak_report(struct chk_ctx *c, const struct weak_list *w, const char *what,
			const struct span *obj_span)
{
	struct strbuf list = STRBUF_INIT, fp = STRBUF_INIT;
	const struct span *at = NULL;
	struct finding *f;

	if (!w->n)
		return;
	for (size_t i = 0; i < w->n; i++) {
		const struct origin *o = w->it[i].o;

		sb_addf(&list, "%s%s%s", i ? ", " : "", w->it[i].name, chk_prov(o));
		sb_addf(&fp, "%s%s", i ? "," : "", w->it[i].name);
		if (!at && o->prov == PROV_WRITTEN && o->span.line)
			at = &o->span;
	}
	if (!at)
		at = obj_span;
	if (!chk_once(c, R_WEAK_ALGORITHM, at, sb_str(&fp))) {
		sb_free(&list);
		sb_free(&fp);
		return;
	}
	if (c->d->weak_refused_by)
		f = chk_add(c, R_WEAK_ALGORITHM, at,
			    "%s uses weak algorithm%s: %s; %s refuses %s unless %s is loaded", what,
			    w->n > 1 ? "s" : "", sb_str(&list), c->d->weak_refused_by,
			    w->n > 1 ? "these" : "it",
			    c->d->weak_allowed_by ? c->d->weak_allowed_by : "an option");
	else
		f = chk_add(c, R_WEAK_ALGORITHM, at, "%s uses weak algorithm%s: %s", what,
			    w->n > 1 ? "s" : "", sb_str(&list));
	for (size_t i = 0; i < w->n; i++) {
		const struct origin *o = w->it[i].o;

		if (o->prov == PROV_WRITTEN && o->span.line && &o->span != at && o->span.line != at->line)
			fnd_related(f, &o->span, "%s is set here", w->it[i].name);
	}
	fnd_fp(f, "%s|%s", what, sb_str(&fp));
	sb_free(&list);
	sb_free(&fp);
}

/*
 * An IKE proposal: encryption and DH always; the IKEv1 hash when a tunnel
 * using it may negotiate IKEv1, integrity and PRF when one may negotiate
 * IKEv2 (devices print the parameters of the other version too, and those
 * are never negotiated). With no version known, every field counts.
 */
static void weak_ike(struct chk_ctx *c, const struct used_prop *u)
{
	const struct ike_proposal *p = u->p;
	bool v1 = u->version_unknown || (u->versions & IKE_V1);
	bool v2 = u->version_unknown || (u->versions & IKE_V2);
	struct weak_list w = {0};
	char what[CHK_NAME];

	weak_encs(&w, &p->enc);
	if (v1)
		weak_integs(&w, &p->hash);
	if (v2) {
		weak_integs(&w, &p->integ);
		weak_integs(&w, &p->prf);
	}
	weak_groups(&w, &p->dh);
	snprintf(what, sizeof(what), "%s '%s'", ike_proposal_kind(p), p->name ? p->name : "?");
	weak_report(c, &w, what, prop_span(&p->span, u));
}

/* An IPsec proposal: the ESP fields when it uses ESP, the AH field when AH. */
static void weak_ipsec(struct chk_ctx *c, const struct used_prop *u)
{
	const struct ipsec_proposal *p = u->p;
	int proto = (int)p->proto.v;
	bool esp = proto == PROTO_ESP || proto == PROTO_AH_ESP || proto == PROTO_UNSET;
	bool ah = proto == PROTO_AH || proto == PROTO_AH_ESP || proto == PROTO_UNSET;
	struct weak_list w = {0};
	char what[CHK_NAME];

	if (esp) {
		weak_encs(&w, &p->esp_enc);
		weak_integs(&w, &p->esp_integ);
	}
	if (ah)
		weak_integs(&w, &p->ah_integ);
	snprintf(what, sizeof(what), "%s '%s'", ipsec_proposal_kind(p), p->name ? p->name : "?");
	weak_report(c, &w, what, prop_span(&p->span, u));
}

/* The PFS group is a tunnel's own setting, not a proposal's. */
static void weak_pfs(struct chk_ctx *c, const struct tunnel *t)
{
	struct weak_list w = {0};
	char what[CHK_NAME], name[32];

	if (t->ipsec.pfs.o.prov == PROV_UNSET || !vocab_dh_is_weak((int)t->ipsec.pfs.v))
		return;
	snprintf(name, sizeof(name), "pfs dh group %lld", (long long)t->ipsec.pfs.v);
	weak_add(&w, name, &t->ipsec.pfs.o);
	weak_report(c, &w, chk_tunnel(t, what, sizeof(what)), &t->span);
}

/* ---- lifetime-unbounded ---------------------------------------------------- */

/*
 * A time lifetime of 0. detail tells the lifetimes of one location apart for
 * the once-only test: a lifetime line shared by several tunnels (a global
 * default) is reported once.
 */
static void lifetime_report(struct chk_ctx *c, const char *what, const char *detail, const struct mint *s,
			    const struct mint *kb, const struct span *obj_span)
{
	const struct span *at;
	struct finding *f;
	char why[96];
	const char *prov;

	if (s->o.prov == PROV_UNSET || s->v != 0)
		return;
	at = chk_at(&s->o, obj_span);
	if (!chk_once(c, R_LIFETIME_UNBOUNDED, at, detail))
		return;
	if (kb && kb->o.prov != PROV_UNSET && kb->v > 0)
		snprintf(why, sizeof(why), "never rekeys by time, only after %lld kilobytes",
			 (long long)kb->v);
	else
		snprintf(why, sizeof(why), "never rekeys");
	prov = s->o.prov == PROV_DEFAULT	 ? "default; " :
	       s->o.prov == PROV_DEFAULT_ASSUMED ? "assumed default; " :
						   "";
	f = chk_add(c, R_LIFETIME_UNBOUNDED, at, "%s is 0 seconds (%s%s)", what, prov, why);
	fnd_fp(f, "%s|0", what);
}

/* ---- per tunnel: modes, keys, SM algorithms --------------------------------- */

static bool offers_psk(const struct ike *k)
{
	if (k->psk.form != KEY_NONE)
		return true;
	for (size_t i = 0; i < k->nproposals; i++)
		if (k->proposals[i] && k->proposals[i]->auth.v == AUTH_PSK)
			return true;
	return false;
}

static const struct span *peer_span(const struct tunnel *t)
{
	return t->ike && t->ike->peer_span.line ? &t->ike->peer_span : &t->span;
}

/* Aggressive mode exists in IKEv1 only: a peer limited to IKEv2 is exempt. */
static void check_aggressive(struct chk_ctx *c, const struct tunnel *t)
{
	const struct ike *k = t->ike;
	const struct span *at;
	struct finding *f;
	char peer[CHK_NAME];

	if (k->exchange.v != XCHG_AGGRESSIVE)
		return;
	if (k->versions.v && !(k->versions.v & IKE_V1))
		return;
	if (!offers_psk(k))
		return;
	at = chk_at(&k->exchange.o, peer_span(t));
	if (!chk_once(c, R_AGGRESSIVE_MODE_PSK, at, NULL))
		return;
	chk_peer(t, peer, sizeof(peer));
	f = chk_add(c, R_AGGRESSIVE_MODE_PSK, at, "%s uses aggressive mode%s with a pre-shared key", peer,
		    chk_prov(&k->exchange.o));
	fnd_fp(f, "%s", peer);
}

static bool key_visible(const struct key *k)
{
	return k->form == KEY_PLAIN || k->form == KEY_HEX;
}

static void plaintext_report(struct chk_ctx *c, const struct key *k, const char *what, const char *kind,
			     const struct span *fallback)
{
	const struct span *at;
	struct finding *f;
	char desc[64];

	if (!key_visible(k) || k->o.prov != PROV_WRITTEN)
		return;
	at = chk_at(&k->o, fallback);
	if (!chk_once(c, R_PSK_PLAINTEXT, at, what))
		return;
	f = chk_add(c, R_PSK_PLAINTEXT, at, "%s is stored in clear (%s)", what,
		    model_key_describe(k, kind, desc, sizeof(desc)));
	fnd_fp(f, "%s", what);
}

/* Which single character class a key uses, or NULL when it mixes classes. */
static const char *one_class(const uint8_t *b, size_t n)
{
	unsigned seen = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t ch = b[i];

		if (ch >= 'a' && ch <= 'z')
			seen |= 1;
		else if (ch >= 'A' && ch <= 'Z')
			seen |= 2;
		else if (ch >= '0' && ch <= '9')
			seen |= 4;
		else
			seen |= 8;
	}
	switch (seen) {
	case 1:
		return "lower-case letters only";
	case 2:
		return "upper-case letters only";
	case 4:
		return "digits only";
	case 8:
		return "symbols only";
	}
	return NULL;
}

/*
 * A visible key shorter than 16 characters (hex: 8 bytes), or of one
 * character class (ASCII keys only: the class of a hex key's text says
 * nothing about its bytes).
 */
static void check_psk_weak(struct chk_ctx *c, const struct tunnel *t)
{
	const struct key *k = &t->ike->psk;
	char what[CHK_NAME + 32], peer[CHK_NAME], why[96] = "";
	const char *cls = NULL;
	const struct span *at;
	struct finding *f;

	if (!key_visible(k))
		return;
	if (k->form == KEY_PLAIN) {
		if (k->len < 16)
			snprintf(why, sizeof(why), "%zu character%s", k->len, k->len == 1 ? "" : "s");
		cls = k->bytes ? one_class(k->bytes, k->len) : NULL;
	} else if (k->len < 8) {
		snprintf(why, sizeof(why), "%zu byte%s", k->len, k->len == 1 ? "" : "s");
	}
	if (!why[0] && !cls)
		return;
	if (cls)
		snprintf(why + strlen(why), sizeof(why) - strlen(why), "%s%s", why[0] ? ", " : "", cls);
	snprintf(what, sizeof(what), "pre-shared key of %s", chk_peer(t, peer, sizeof(peer)));
	at = chk_at(&k->o, peer_span(t));
	if (!chk_once(c, R_PSK_WEAK, at, what))
		return;
	f = chk_add(c, R_PSK_WEAK, at, "%s is weak: %s", what, why);
	fnd_fp(f, "%s|%s", what, why);
}

/*
 * The manual keys of one tunnel in clear: one finding at the first in the
 * file, naming them all (a manual tunnel has up to eight, often on one line).
 */
struct clear_key {
	const struct key *k;
	int dir, pr;
	const char *which; /* "encryption ", "authentication " or "" */
};

static int cmp_clear_key(const void *x, const void *y)
{
	const struct span *a = &((const struct clear_key *)x)->k->o.span;
	const struct span *b = &((const struct clear_key *)y)->k->o.span;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

static void plaintext_manual(struct chk_ctx *c, const struct tunnel *t)
{
	static const char *const dirs[2] = {"inbound", "outbound"};
	static const char *const protos[2] = {"esp", "ah"};
	struct clear_key keys[8];
	struct strbuf list = STRBUF_INIT;
	char name[CHK_NAME], desc[64];
	size_t n = 0;
	struct finding *f;
	const struct span *at;

	for (int dir = 0; dir < 2; dir++) {
		for (int pr = 0; pr < 2; pr++) {
			const struct manual_sa_half *h = &t->manual->h[dir][pr];
			/* one key per direction and protocol (a string the device derives both keys
			 * from) is just "the key"; with two, say which */
			bool both = h->auth_key.form != KEY_NONE && h->enc_key.form != KEY_NONE;
			const struct key *k2[2] = {&h->enc_key, &h->auth_key};

			for (int k = 0; k < 2; k++) {
				if (!key_visible(k2[k]) || k2[k]->o.prov != PROV_WRITTEN)
					continue;
				keys[n].k = k2[k];
				keys[n].dir = dir;
				keys[n].pr = pr;
				keys[n].which = both ? (k ? "authentication " : "encryption ") : "";
				n++;
			}
		}
	}
	if (!n)
		return;
	qsort(keys, n, sizeof(*keys), cmp_clear_key);
	for (size_t i = 0; i < n; i++)
		sb_addf(&list, "%s%s %s %skey %s", i ? ", " : "", dirs[keys[i].dir], protos[keys[i].pr],
			keys[i].which, model_key_describe(keys[i].k, "key", desc, sizeof(desc)));
	chk_tunnel(t, name, sizeof(name));
	at = chk_at(&keys[0].k->o, &t->span);
	if (chk_once(c, R_PSK_PLAINTEXT, at, name)) {
		if (n == 1)
			f = chk_add(c, R_PSK_PLAINTEXT, at, "the %s of %s is stored in clear", sb_str(&list),
				    name);
		else
			f = chk_add(c, R_PSK_PLAINTEXT, at, "%zu manual keys of %s are stored in clear: %s",
				    n, name, sb_str(&list));
		/* the other lines, named once (the next is quoted) */
		sb_reset(&list);
		for (size_t i = 1; i < n; i++)
			if (keys[i].k->o.span.line != keys[0].k->o.span.line &&
			    keys[i].k->o.span.line != keys[i - 1].k->o.span.line)
				sb_addf(&list, "%s%u", list.len ? ", " : "", keys[i].k->o.span.line);
		for (size_t i = 1; i < n && list.len; i++) {
			if (keys[i].k->o.span.line == keys[0].k->o.span.line)
				continue;
			if (strchr(sb_str(&list), ','))
				fnd_related(f, &keys[i].k->o.span, "more keys in clear: lines %s",
					    sb_str(&list));
			else
				fnd_related(f, &keys[i].k->o.span, "another key in clear");
			break;
		}
		fnd_fp(f, "manual|%s|%zu", name, n);
	}
	sb_free(&list);
}

static void check_keys(struct chk_ctx *c, const struct tunnel *t)
{
	char what[CHK_NAME + 64], name[CHK_NAME];

	if (t->ike) {
		snprintf(what, sizeof(what), "pre-shared key of %s", chk_peer(t, name, sizeof(name)));
		plaintext_report(c, &t->ike->psk, what, "psk", peer_span(t));
		check_psk_weak(c, t);
	}
	if (!t->manual)
		return;
	plaintext_manual(c, t);
}

/* SM algorithms of one proposal, appended to list as "sm4, sm3 in <what>". */
struct sm_found {
	struct strbuf list;
	const struct origin *first; /* where the first one was set */
};

static void sm_collect(struct sm_found *s, const char *what, const struct algset *const *sets,
		       const bool *is_enc, size_t nsets)
{
	const char *names[16];
	size_t nn = 0;

	for (size_t i = 0; i < nsets; i++) {
		unsigned v[32];
		size_t n = algset_values(sets[i], v);

		for (size_t j = 0; j < n; j++) {
			bool sm = is_enc[i] ? vocab_enc_is_sm((enum enc)v[j]) :
					      vocab_integ_is_sm((enum integ)v[j]);
			const char *nm = is_enc[i] ? vocab_enc_name((enum enc)v[j]) :
						     vocab_integ_name((enum integ)v[j]);
			bool dup = false;

			if (!sm)
				continue;
			/* sm3 may stand in several fields: name it once per proposal */
			for (size_t x = 0; x < nn; x++)
				dup |= strcmp(names[x], nm) == 0;
			if (dup || nn == ARRAY_SIZE(names))
				continue;
			names[nn++] = nm;
			if (!s->first && sets[i]->o.prov == PROV_WRITTEN && sets[i]->o.span.line)
				s->first = &sets[i]->o;
		}
	}
	if (!nn)
		return;
	sb_adds(&s->list, s->list.len ? "; " : "");
	for (size_t x = 0; x < nn; x++)
		sb_addf(&s->list, "%s%s", x ? ", " : "", names[x]);
	sb_addf(&s->list, " in %s", what);
}

/*
 * IKEv2 with an SM algorithm in any proposal the tunnel offers. A tunnel
 * with both versions enabled counts: initiators try IKEv2 first when both
 * are enabled (the vendor references). When the version set is only an
 * assumed default, the finding is at most a warning (rules.md, "Defaults and
 * provenance").
 */
static void check_sm_ikev2(struct chk_ctx *c, const struct tunnel *t)
{
	const struct ike *k = t->ike;
	struct sm_found s = {STRBUF_INIT, NULL};
	char name[CHK_NAME], what[CHK_NAME], note[96] = "";
	const char *prov;
	struct finding *f;

	if (!(k->versions.v & IKE_V2))
		return;
	for (size_t i = 0; i < k->nproposals; i++) {
		const struct ike_proposal *p = k->proposals[i];
		const struct algset *sets[3];
		bool enc[3] = {true, false, false};

		if (!p)
			continue;
		sets[0] = &p->enc;
		sets[1] = &p->integ;
		sets[2] = &p->prf;
		snprintf(what, sizeof(what), "%s '%s'", ike_proposal_kind(p), p->name ? p->name : "?");
		sm_collect(&s, what, sets, enc, 3);
	}
	for (size_t i = 0; i < t->ipsec.nproposals; i++) {
		const struct ipsec_proposal *p = t->ipsec.proposals[i];
		const struct algset *sets[3];
		bool enc[3] = {true, false, false};

		if (!p)
			continue;
		sets[0] = &p->esp_enc;
		sets[1] = &p->esp_integ;
		sets[2] = &p->ah_integ;
		snprintf(what, sizeof(what), "%s '%s'", ipsec_proposal_kind(p), p->name ? p->name : "?");
		sm_collect(&s, what, sets, enc, 3);
	}
	if (!s.list.len) {
		sb_free(&s.list);
		return;
	}
	prov = k->versions.o.prov == PROV_DEFAULT	  ? "default" :
	       k->versions.o.prov == PROV_DEFAULT_ASSUMED ? "assumed default" :
							    NULL;
	if (prov && (k->versions.v & IKE_V1))
		snprintf(note, sizeof(note), " (%s; preferred over IKEv1)", prov);
	else if (prov)
		snprintf(note, sizeof(note), " (%s)", prov);
	else if (k->versions.v & IKE_V1)
		snprintf(note, sizeof(note), " (preferred over IKEv1)");
	chk_tunnel(t, name, sizeof(name));
	f = chk_add(c, R_SM_ALGORITHM_IKEV2, &t->span,
		    "%s negotiates with IKEv2%s, which does not support sm algorithms: %s", name, note,
		    sb_str(&s.list));
	if (k->versions.o.prov == PROV_DEFAULT_ASSUMED && f->sev > SEV_WARNING)
		f->sev = SEV_WARNING;
	if (s.first)
		fnd_related(f, &s.first->span, "sm algorithm set here");
	if (k->versions.o.prov == PROV_WRITTEN && k->versions.o.span.line)
		fnd_related(f, &k->versions.o.span, "ike version set here");
	fnd_fp(f, "%s|%s", t->name ? t->name : t->id, sb_str(&s.list));
	sb_free(&s.list);
}

/*
 * Cost: O(U log U) to collect the U (tunnel, proposal) uses, then O(1) per
 * proposal and per tunnel (algorithm sets have at most 32 members; keys are
 * scanned once for their character classes).
 */
void chk_crypto(struct chk_ctx *c)
{
	const struct device *d = c->d;
	struct used_props u = {0};
	char what[CHK_NAME + 32], name[CHK_NAME];

	collect_props(d, &u);
	for (size_t i = 0; i < u.n; i++) {
		if (u.v[i].ike) {
			const struct ike_proposal *p = u.v[i].p;

			weak_ike(c, &u.v[i]);
			snprintf(what, sizeof(what), "lifetime of %s '%s'", ike_proposal_kind(p),
				 p->name ? p->name : "?");
			lifetime_report(c, what, "ike", &p->lifetime_s, &p->lifetime_kb,
					prop_span(&p->span, &u.v[i]));
		} else {
			const struct ipsec_proposal *p = u.v[i].p;

			weak_ipsec(c, &u.v[i]);
			snprintf(what, sizeof(what), "lifetime of %s '%s'", ipsec_proposal_kind(p),
				 p->name ? p->name : "?");
			lifetime_report(c, what, "ipsec proposal", &p->lifetime_s, &p->lifetime_kb,
					prop_span(&p->span, &u.v[i]));
		}
	}
	free(u.v);

	for (size_t i = 0; i < d->ntunnels; i++) {
		const struct tunnel *t = d->tunnels[i];

		weak_pfs(c, t);
		snprintf(what, sizeof(what), "ipsec sa lifetime of %s", chk_tunnel(t, name, sizeof(name)));
		lifetime_report(c, what, "ipsec sa", &t->ipsec.lifetime_s, &t->ipsec.lifetime_kb, &t->span);
		check_keys(c, t);
		if (!t->ike)
			continue;
		check_aggressive(c, t);
		check_sm_ikev2(c, t);
	}
}
