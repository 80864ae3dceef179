/* SPDX-License-Identifier: MIT */
/*
 * tests/test_pairs.c - pairing and the cross-peer rules on models built in
 * memory: each rule fires on a firing case and stays quiet on its near miss,
 * and the properties of rules.md hold (symmetry, mirror images, unrelated
 * devices change nothing).
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "model/selector.h"
#include "parsers/parser.h"
#include "tests/addr_text.h"
#include "tests/parse_helpers.h"
#include "tests/shared_dir.h"

/* ---- a small device factory ---------------------------------------------- */

/*
 * Every object a spec builds has a line of its own, at line0 + one of these:
 * a finding's line says which value it points at. The second device of a
 * pair starts at line 100 (B_LINES), so a line also says which side.
 */
enum {
	LN_ADDR = 1,
	LN_REMOTE,
	LN_PEER,
	LN_VERS,
	LN_XCHG,
	LN_P1, /* the ike proposal's view line; then its values, in this order */
	LN_ENC,
	LN_HASH,
	LN_INTEG,
	LN_PRF,
	LN_DH,
	LN_AUTH,
	LN_P1LIFE,
	LN_PSK,
	LN_P2, /* the ipsec proposal's view line */
	LN_ESPENC,
	LN_ESPINT,
	LN_MODE,
	LN_PFS,
	LN_P2LIFE,
	LN_P2KB,
	LN_TUN,
	LN_ACL,
	LN_RULE,
	LN_LID,
	LN_RID,
	LN_P2PLIFE,  /* a per-transform lifetime of the first ipsec proposal (HP-UX) */
	LN_XP2 = 30, /* further ipsec proposals: the j-th (from 0) at LN_XP2 + 10 * j */
};
#define B_LINES 100u

struct spec {
	const char *name;
	const char *local;     /* own address */
	const char *remote;    /* peer address, NULL for a template */
	const char *src, *dst; /* protected flow: prefixes "10.1.1.0/24" */
	uint32_t line0;	       /* the lines of this device's objects start here */
	int vendor;
	unsigned versions;
	int exchange;
	int enc, hash, integ, prf, dh;
	int auth;
	int psk_form;
	const char *psk; /* NULL: no key (and no line) */
	int esp_enc;
	int esp_integ; /* INTEG_UNSET: none (a combined-mode cipher) */
	int mode;
	int pfs;
	int64_t p1_life;
	int p1_life_prov; /* PROV_WRITTEN, a default (at the proposal's line) or PROV_UNSET */
	int64_t p2_life;
	int p2_life_prov;     /* PROV_WRITTEN or a default (at the tunnel's line) */
	int64_t p2_life_prop; /* the first ipsec proposal's own lifetime (s), 0: none */
	int64_t p2_kb;	      /* 0: not set */
	/* further ipsec proposals after the first: their ESP transforms, the spec's mode */
	size_t nxp2;
	int xp2_enc[2], xp2_integ[2];
	int local_id_type, remote_id_type;
	const char *local_id, *remote_id; /* values as written; an address for ID_IPV4 */
	int kind;
};

static struct spec base(const char *name, const char *local, const char *remote, const char *src,
			const char *dst)
{
	struct spec s = {
		.name = name,
		.local = local,
		.remote = remote,
		.src = src,
		.dst = dst,
		.vendor = VENDOR_HUAWEI,
		.versions = IKE_V1 | IKE_V2,
		.exchange = XCHG_MAIN,
		.enc = ENC_AES256,
		.hash = INTEG_SHA256,
		.integ = INTEG_SHA256,
		.prf = INTEG_SHA256,
		.dh = 14,
		.auth = AUTH_PSK,
		.psk_form = KEY_PLAIN,
		.psk = "Correct-Horse-Battery-9",
		.esp_enc = ENC_AES256,
		.esp_integ = INTEG_SHA256,
		.mode = ENCAP_TUNNEL,
		.pfs = 0,
		.p1_life = 86400,
		.p1_life_prov = PROV_WRITTEN,
		.p2_life = 3600,
		.p2_life_prov = PROV_WRITTEN,
		.kind = TK_ISAKMP,
	};
	return s;
}

static struct source fake_src;

static struct span at(uint32_t line)
{
	return span_make(&fake_src, line, 1, line, 10);
}

static struct origin written(uint32_t line)
{
	struct origin o = {at(line), PROV_WRITTEN};
	return o;
}

/*
 * An ike proposal NAME of spec s, its view at line, its values on the lines
 * after it (enc, hash, integ, prf, dh, auth, lifetime: as LN_ENC.. follow LN_P1).
 */
static struct ike_proposal *mk_p1(struct arena *ar, const struct spec *s, const char *name, uint32_t line)
{
	struct ike_proposal *p1 = ARENA_NEW(ar, struct ike_proposal);

	p1->name = arena_strdup(ar, name);
	p1->span = at(line);
	algset_add(&p1->enc, (unsigned)s->enc);
	p1->enc.o = written(line + LN_ENC - LN_P1);
	algset_add(&p1->hash, (unsigned)s->hash);
	p1->hash.o = written(line + LN_HASH - LN_P1);
	algset_add(&p1->integ, (unsigned)s->integ);
	p1->integ.o = written(line + LN_INTEG - LN_P1);
	algset_add(&p1->prf, (unsigned)s->prf);
	p1->prf.o = written(line + LN_PRF - LN_P1);
	algset_add(&p1->dh, (unsigned)s->dh);
	p1->dh.o = written(line + LN_DH - LN_P1);
	p1->auth.v = s->auth;
	p1->auth.o = written(line + LN_AUTH - LN_P1);
	if (s->p1_life_prov != PROV_UNSET) {
		p1->lifetime_s.v = s->p1_life;
		/* a default points at the object it was applied to, as the drivers do */
		p1->lifetime_s.o = s->p1_life_prov == PROV_WRITTEN ?
					   written(line + LN_P1LIFE - LN_P1) :
					   (struct origin){at(line), (enum prov)s->p1_life_prov};
	}
	return p1;
}

/*
 * An ipsec proposal NAME, ESP only, its view at line, its values on the lines
 * after it (encryption, integrity, mode: as LN_ESPENC.. follow LN_P2).
 */
static struct ipsec_proposal *mk_p2(struct arena *ar, const char *name, uint32_t line, int esp_enc,
				    int esp_integ, int mode)
{
	struct ipsec_proposal *p2 = ARENA_NEW(ar, struct ipsec_proposal);

	p2->name = arena_strdup(ar, name);
	p2->span = at(line);
	p2->proto.v = PROTO_ESP;
	p2->proto.o.prov = PROV_DEFAULT;
	algset_add(&p2->esp_enc, (unsigned)esp_enc);
	p2->esp_enc.o = written(line + LN_ESPENC - LN_P2);
	if (esp_integ != INTEG_UNSET) {
		algset_add(&p2->esp_integ, (unsigned)esp_integ);
		p2->esp_integ.o = written(line + LN_ESPINT - LN_P2);
	}
	p2->mode.v = mode;
	p2->mode.o = written(line + LN_MODE - LN_P2);
	return p2;
}

static void set_ident(struct ident *id, int type, const char *value, uint32_t line)
{
	if (type == ID_NONE)
		return;
	id->type = (enum id_type)type;
	id->value = value;
	if (value && (type == ID_IPV4 || type == ID_IPV6))
		id->addr = host_of(value);
	id->o = written(line);
}

static struct device *build(struct arena *ar, const struct spec *s)
{
	struct device *d = model_device_new(ar, &fake_src);
	struct addrspec own = host_of(s->local);
	struct tunnel *t;
	struct ike *k;
	struct ipsec_proposal *p2;
	struct sel_list *l;
	struct selector *r;
	const uint32_t L = s->line0;
	struct origin o = written(L + LN_ADDR);
	struct span ts = at(L + LN_TUN);

	d->name = arena_strdup(ar, s->name);
	d->vendor = (enum vendor)s->vendor;
	model_device_add_addr(d, &own, "GigabitEthernet0/0/1", &o);
	t = model_tunnel_new(d, s->kind, "ipsec-policy:map:10", "ipsec policy map 10", &ts);
	t->group = "map";
	t->seq = 10;
	t->applied = true;
	t->local.addr = own;
	t->local.o = o;
	if (s->remote) {
		struct addrspec rem = host_of(s->remote);
		struct origin ro = written(L + LN_REMOTE);
		model_tunnel_add_remote(t, &rem, &ro);
	}

	k = ARENA_NEW(ar, struct ike);
	k->peer_name = "peer";
	k->peer_span = at(L + LN_PEER);
	k->versions.v = s->versions;
	k->versions.o = written(L + LN_VERS);
	k->exchange.v = s->exchange;
	k->exchange.o = written(L + LN_XCHG);
	k->proposals = ARENA_NEWV(ar, struct ike_proposal *, 1);
	k->proposals[0] = mk_p1(ar, s, "10", L + LN_P1);
	k->nproposals = 1;
	k->psk.form = (enum key_form)s->psk_form;
	if (s->psk) {
		k->psk.len = strlen(s->psk);
		k->psk.bytes = (uint8_t *)arena_strdup(ar, s->psk);
		k->psk.o = written(L + LN_PSK);
	}
	set_ident(&k->local_id, s->local_id_type, s->local_id, L + LN_LID);
	set_ident(&k->remote_id, s->remote_id_type, s->remote_id, L + LN_RID);
	t->ike = k;

	p2 = mk_p2(ar, "prop", L + LN_P2, s->esp_enc, s->esp_integ, s->mode);
	if (s->p2_life_prop) {
		p2->lifetime_s.v = s->p2_life_prop;
		p2->lifetime_s.o = written(L + LN_P2PLIFE);
	}
	t->ipsec.proposals = ARENA_NEWV(ar, struct ipsec_proposal *, 1 + s->nxp2);
	t->ipsec.proposals[0] = p2;
	for (size_t j = 0; j < s->nxp2; j++) {
		char name[16];

		snprintf(name, sizeof(name), "prop%zu", j + 2);
		t->ipsec.proposals[1 + j] = mk_p2(ar, name, L + LN_XP2 + 10 * (uint32_t)j, s->xp2_enc[j],
						  s->xp2_integ[j], s->mode);
	}
	t->ipsec.nproposals = 1 + s->nxp2;
	t->ipsec.pfs.v = s->pfs;
	t->ipsec.pfs.o = written(L + LN_PFS);
	t->ipsec.lifetime_s.v = s->p2_life;
	t->ipsec.lifetime_s.o = s->p2_life_prov == PROV_WRITTEN ?
					written(L + LN_P2LIFE) :
					(struct origin){at(L + LN_TUN), (enum prov)s->p2_life_prov};
	if (s->p2_kb) {
		t->ipsec.lifetime_kb.v = s->p2_kb;
		t->ipsec.lifetime_kb.o = written(L + LN_P2KB);
	}

	if (s->src) {
		struct span ls = at(L + LN_ACL);
		l = model_sel_list_new(d, "3000", &ls);
		r = model_sel_list_add(d, l);
		r->action = SEL_PERMIT;
		r->src = prefix_of(s->src);
		r->dst = prefix_of(s->dst);
		r->line = L + LN_RULE;
		t->selectors = l;
	}
	return d;
}

/* what a property test is at, for the assertion messages ("" elsewhere) */
static char ctx[160];

struct run {
	struct arena *ar;
	struct findings fs;
	struct pair_list pairs;
	struct device *devs[8];
	size_t n;
	/* every device's key as it could leak: the text, a hex key's bytes and digits */
	char keys[8 * 3][64];
	size_t nkeys;
};

static void add_key(struct run *r, const char *text)
{
	cr_assert_lt(r->nkeys, ARRAY_SIZE(r->keys));
	cr_assert_lt(strlen(text), sizeof(r->keys[0]));
	strcpy(r->keys[r->nkeys++], text);
}

/* a hex key's bytes as digits, in lower (up 0) or upper case (up 16) */
static const char hexdig[] = "0123456789abcdef0123456789ABCDEF";

static void hex_text(const char *bytes, unsigned up, char *out)
{
	const uint8_t *b = (const uint8_t *)bytes;
	size_t n = 0;

	for (; *b; b++) {
		out[n++] = hexdig[up + (*b >> 4)];
		out[n++] = hexdig[up + (*b & 15)];
	}
	out[n] = '\0';
}

static void run_build(struct run *r, const struct spec *specs, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->ar = arena_new();
	for (size_t i = 0; i < n; i++) {
		r->devs[i] = build(r->ar, &specs[i]);
		if (!specs[i].psk)
			continue;
		add_key(r, specs[i].psk);
		if (specs[i].psk_form == KEY_HEX) {
			char t[64];

			hex_text(specs[i].psk, 0, t);
			add_key(r, t);
			hex_text(specs[i].psk, 16, t);
			add_key(r, t);
		}
	}
	r->n = n;
}

/* no key of any device of r, in any form, in message m */
static void assert_no_key(const struct run *r, const char *id, const char *m)
{
	for (size_t i = 0; i < r->nkeys; i++)
		cr_assert_null(strstr(m, r->keys[i]), "%s%s: a key (%s) in a message: %s", ctx, id,
			       r->keys[i], m);
}

static void run_check(struct run *r)
{
	chk_pairs(r->devs, r->n, NULL, &r->fs, &r->pairs);
}

static void run_specs(struct run *r, const struct spec *specs, size_t n)
{
	run_build(r, specs, n);
	run_check(r);
}

static void run_free(struct run *r)
{
	fnd_free(&r->fs);
	chk_pairs_free(&r->pairs);
	arena_free(r->ar);
}

static size_t count_id(const struct run *r, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < r->fs.n; i++)
		n += strcmp(rule_info(r->fs.v[i].rule)->id, id) == 0;
	return n;
}

static const struct finding *find_rule(const struct run *r, const char *id)
{
	for (size_t i = 0; i < r->fs.n; i++) {
		if (strcmp(rule_info(r->fs.v[i].rule)->id, id) == 0)
			return &r->fs.v[i];
	}
	return NULL;
}

static void dump(const struct run *r)
{
	for (size_t i = 0; i < r->fs.n; i++)
		cr_log_info("line %u (related %u): %s: %s", r->fs.v[i].loc.line,
			    r->fs.v[i].nrelated ? r->fs.v[i].related[0].line : 0,
			    rule_info(r->fs.v[i].rule)->id, r->fs.v[i].message);
}

#define HQ "198.51.100.1"
#define BR "203.0.113.7"
#define HQ_NET "10.1.0.0/24"
#define BR_NET "10.2.0.0/24"

/* The pair every test starts from: HQ (lines from 0) and its mirror image BR1 (lines from 100). */
static void pair2(struct spec s[2])
{
	s[0] = base("HQ", HQ, BR, HQ_NET, BR_NET);
	s[1] = base("BR1", BR, HQ, BR_NET, HQ_NET);
	s[1].line0 = B_LINES;
}

/*
 * Exactly one finding of rule id between HQ and BR1: at HQ's line la, its
 * peer side at BR1's line lb, its message containing want; and no other
 * error.
 */
static const struct finding *expect_only(const struct run *r, const char *id, uint32_t la, uint32_t lb,
					 const char *want)
{
	const struct finding *f = find_rule(r, id);
	size_t n = count_id(r, id);

	if (n != 1)
		dump(r);
	cr_assert_eq(n, 1, "%s%s: %zu findings, expected 1", ctx, id, n);
	cr_assert_eq(f->loc.src, &fake_src);
	if (f->loc.line != la || !f->nrelated || f->related[0].line != lb)
		dump(r);
	cr_assert_eq(f->loc.line, la, "%s%s at line %u, expected %u: %s", ctx, id, f->loc.line, la,
		     f->message);
	cr_assert_geq(f->nrelated, 1, "%s names the peer side", id);
	cr_assert_eq(f->related[0].src, &fake_src);
	cr_assert_eq(f->related[0].line, lb, "%s%s: peer side at line %u, expected %u: %s", ctx, id,
		     f->related[0].line, lb, f->related[0].message);
	cr_assert(strncmp(f->related[0].message, "peer side: ", 11) == 0, "related: %s",
		  f->related[0].message);
	cr_assert(strstr(f->message, want), "%s%s: message lacks \"%s\": %s", ctx, id, want, f->message);
	cr_assert_str_eq(f->devices[0], "HQ");
	cr_assert_str_eq(f->devices[1], "BR1");
	cr_assert(strstr(f->message, "BR1"), "%s message names the peer: %s", id, f->message);
	/* never a key, in any form, in the finding or what it relates */
	assert_no_key(r, id, f->message);
	for (size_t i = 0; i < f->nrelated; i++)
		assert_no_key(r, id, f->related[i].message);
	if (fs_errors(&r->fs) != (f->sev == SEV_ERROR))
		dump(r);
	cr_assert_eq(fs_errors(&r->fs), f->sev == SEV_ERROR, "%s%s: another error fired too", ctx, id);
	return f;
}

/* ---- pairing --------------------------------------------------------------- */

Test(pairs, mirror_images_pair_cleanly)
{
	struct spec s[2];
	struct run r;

	pair2(s);
	run_specs(&r, s, 2);
	cr_assert_eq(r.pairs.n, 1, "one pair, got %zu", r.pairs.n);
	cr_assert_eq(r.pairs.v[0].a->dev, r.devs[0], "A is the device named first");
	cr_assert_eq(r.fs.n, 0, "no finding, got %zu (first: %s)", r.fs.n, r.fs.n ? r.fs.v[0].message : "");
	cr_assert_eq(r.pairs.v[0].a, r.devs[0]->tunnels[0]);
	cr_assert_eq(r.pairs.v[0].b, r.devs[1]->tunnels[0]);
	run_free(&r);
}

/* a pair's status is its worst finding, whichever the checks found first */
Test(pairs, pair_status_is_the_worst_finding)
{
	struct spec s[2];
	struct run r;

	pair2(s);
	s[1].p1_life = 28800; /* an IKE lifetime-mismatch warning, found first */
	s[1].esp_enc = ENC_AES128;
	run_specs(&r, s, 2);
	cr_assert_eq(r.fs.n, 2, "two findings, got %zu", r.fs.n);
	cr_assert_str_eq(rule_info(r.fs.v[0].rule)->id, "lifetime-mismatch");
	cr_assert_eq(r.fs.v[0].sev, SEV_WARNING);
	cr_assert_str_eq(rule_info(r.fs.v[1].rule)->id, "ipsec-proposal-mismatch");
	cr_assert_eq(r.pairs.n, 1);
	cr_assert(r.pairs.v[0].has_finding);
	cr_assert_eq(r.pairs.v[0].status, SEV_ERROR, "the error, not the first finding's warning");
	run_free(&r);
}

Test(pairs, peer_missing_is_info)
{
	struct spec s[1] = {base("HQ", HQ, BR, HQ_NET, BR_NET)};
	struct run r;

	run_specs(&r, s, 1);
	cr_assert_eq(count_id(&r, "peer-missing"), 1);
	cr_assert_eq(find_rule(&r, "peer-missing")->sev, SEV_INFO);
	cr_assert_eq(r.pairs.n, 0);
	run_free(&r);
}

/*
 * A responder template that names its remotes accepts a device by the
 * addresses .ipseclint gives it ([device] addresses): the same address,
 * not one that only ends alike (2001:db8:2::1 is not 2001:db8:3::1).
 */
static size_t template_pairs_with_hint(const char *hint_addr)
{
	static const char *const names[] = {"BR1"};
	struct spec s[2];
	struct run r;
	struct addrspec a = host_of(hint_addr);
	struct pair_hints h = {.dev_names = names, .dev_addrs = &a, .ndev_addrs = 1};
	size_t n;

	pair2(s);
	s[0].remote = "2001:db8:3::1";
	s[0].src = s[0].dst = NULL;
	s[0].kind = TK_TEMPLATE;
	run_build(&r, s, 2);
	chk_pairs(r.devs, r.n, &h, &r.fs, &r.pairs);
	n = r.pairs.n;
	run_free(&r);
	return n;
}

/* [device "HQ"] addresses naming an address HQ's configuration has already: one owner, not two */
Test(pairs, a_hinted_address_the_device_has_already_is_one_owner)
{
	static const char *const names[] = {"HQ"};
	struct spec s[2];
	struct run r;
	struct addrspec a = host_of(HQ);
	struct pair_hints h = {.dev_names = names, .dev_addrs = &a, .ndev_addrs = 1};

	pair2(s);
	run_build(&r, s, 2);
	chk_pairs(r.devs, r.n, &h, &r.fs, &r.pairs);
	if (r.fs.n)
		dump(&r);
	cr_assert_eq(r.fs.n, 0, "no finding: %s", r.fs.n ? r.fs.v[0].message : "");
	cr_assert_eq(r.pairs.n, 1);
	run_free(&r);
}

Test(pairs, template_remote_matches_a_hinted_address_exactly)
{
	cr_assert_eq(template_pairs_with_hint("2001:db8:3::1"), 1, "the control: the hint decides");
	cr_assert_eq(template_pairs_with_hint("2001:db8:2::1"), 0,
		     "the same last 64 bits are not the same address");
}

/*
 * A value whose origin names the file but no line (a driver's default
 * with no statement to point at) is reported at its object instead: the
 * finding never points at line 0.
 */
static void m_versions(struct spec *a, struct spec *b);

Test(pairs, a_value_without_a_line_is_reported_at_its_object)
{
	struct spec s[2];
	struct run r;

	pair2(s);
	m_versions(&s[0], &s[1]);
	run_build(&r, s, 2);
	r.devs[0]->tunnels[0]->ike->versions.o.span.line = 0;
	r.devs[1]->tunnels[0]->ike->versions.o.span.line = 0;
	run_check(&r);
	expect_only(&r, "ike-version-mismatch", LN_PEER, B_LINES + LN_PEER, "only IKEv2");
	run_free(&r);
}

/* Over IPv6, the identity a side sends by default is its IPv6 address, as the peer expects it */
Test(pairs, default_identity_over_ipv6_is_an_ipv6_address)
{
	struct spec s[2];
	struct run r;
	const struct finding *f;

	s[0] = base("HQ", "2001:db8:1::1", "2001:db8:2::1", "2001:db8:10::/64", "2001:db8:20::/64");
	s[1] = base("BR1", "2001:db8:2::1", "2001:db8:1::1", "2001:db8:20::/64", "2001:db8:10::/64");
	s[1].line0 = B_LINES;
	s[1].remote_id_type = ID_IPV6;
	s[1].remote_id = "2001:db8:1::1";
	run_specs(&r, s, 2);
	if (r.fs.n)
		dump(&r);
	cr_assert_eq(r.fs.n, 0, "no finding: %s", r.fs.n ? r.fs.v[0].message : "");
	cr_assert_eq(r.pairs.n, 1);
	run_free(&r);
	s[1].remote_id = "2001:db8:1::9"; /* the control: another address is an id-mismatch */
	run_specs(&r, s, 2);
	f = expect_only(&r, "id-mismatch", LN_PEER, B_LINES + LN_RID, "2001:db8:1::9");
	cr_assert_str_eq(f->message, "local identity ipv6 2001:db8:1::1 (default) here, but 'BR1' expects "
				     "ipv6 2001:db8:1::9");
	run_free(&r);
}

/* A tunnel built from s, put first in d's order (d's own tunnel second). */
static struct tunnel *tunnel_first(struct arena *ar, struct device *d, const struct spec *s, const char *id)
{
	struct tunnel *t = build(ar, s)->tunnels[0], *own = d->tunnels[0];

	t->dev = d;
	t->id = id;
	d->tunnels = ARENA_NEWV(ar, struct tunnel *, 2);
	d->tunnels[0] = t;
	d->tunnels[1] = own;
	d->ntunnels = d->tunnels_cap = 2;
	return t;
}

/* The tunnel that devs[0]'s tunnel pairs with (NULL: none). */
static const struct tunnel *partner_of_first(struct device **devs, size_t n)
{
	struct findings fs = {0};
	struct pair_list pl = {0};
	const struct tunnel *b = NULL;

	chk_pairs(devs, n, NULL, &fs, &pl);
	for (size_t i = 0; i < pl.n && !b; i++)
		if (pl.v[i].a == devs[0]->tunnels[0])
			b = pl.v[i].b;
	fnd_free(&fs);
	chk_pairs_free(&pl);
	return b;
}

/*
 * Of two tunnels of HQ that point back at BR1, BR1's pairs with the one
 * whose own address is the one BR1 points at - all 128 bits of it: HQ's
 * other address ends alike (::1) in another prefix.
 */
Test(pairs, the_partner_is_the_tunnel_on_the_address_pointed_at)
{
	struct arena *ar = arena_new();
	struct device *devs[2];
	struct spec s = base("BR1", "2001:db8:2::1", "2001:db8:1::1", "2001:db8:20::/64", "2001:db8:10::/64");
	struct addrspec a = host_of("2001:db8:9::1");
	struct origin o = written(1);
	struct tunnel *right;

	devs[0] = build(ar, &s);
	s = base("HQ", "2001:db8:1::1", "2001:db8:2::1", "2001:db8:10::/64", "2001:db8:20::/64");
	devs[1] = build(ar, &s);
	right = devs[1]->tunnels[0];
	s = base("HQ", "2001:db8:9::1", "2001:db8:2::1", "2001:db8:10::/64", "2001:db8:20::/64");
	tunnel_first(ar, devs[1], &s, "HQ/ipsec-policy:map:5");
	model_device_add_addr(devs[1], &a, "LoopBack9", &o);
	cr_assert_eq(partner_of_first(devs, 2), right);
	arena_free(ar);
}

static const char *const br5[] = {"203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"};

/*
 * BR1 with the five addresses br5, its tunnel to HQ without a local
 * endpoint (no score from it), and HQ with its tunnel to br5[0] and, first
 * in its order, one to other: the tunnel HQ's own builds pair BR1's with.
 */
static struct tunnel *br1_and_hq(struct arena *ar, struct device **devs, const char *other)
{
	struct spec s = base("BR1", br5[0], HQ, BR_NET, HQ_NET);
	struct origin o = written(1);
	struct tunnel *to_br1;

	devs[0] = build(ar, &s);
	for (int i = 1; i < 5; i++) {
		struct addrspec a = host_of(br5[i]);

		model_device_add_addr(devs[0], &a, "LoopBack", &o);
	}
	devs[0]->tunnels[0]->local.addr.kind = ASPEC_NONE;
	s = base("HQ", HQ, br5[0], HQ_NET, BR_NET);
	devs[1] = build(ar, &s);
	to_br1 = devs[1]->tunnels[0];
	s = base("HQ", HQ, other, HQ_NET, BR_NET);
	tunnel_first(ar, devs[1], &s, "HQ/ipsec-policy:map:5");
	return to_br1;
}

/*
 * Two tunnels of HQ point back at BR1, at two of its five addresses, and
 * nothing else tells them apart: BR1's tunnel pairs with the one at BR1's
 * first address, whatever HQ's own order (the candidates are sorted by
 * BR1's address list even when there are only two).
 */
Test(pairs, candidates_are_taken_in_the_order_of_the_device_addresses)
{
	struct arena *ar = arena_new();
	struct device *devs[2];
	struct tunnel *to_first = br1_and_hq(ar, devs, br5[1]);

	cr_assert_eq(partner_of_first(devs, 2), to_first);
	arena_free(ar);
}

/* of two candidates that tie, one without selectors: the one whose selectors mirror BR1's wins */
Test(pairs, a_candidate_without_selectors_scores_nothing)
{
	struct arena *ar = arena_new();
	struct device *devs[2];
	struct tunnel *to_first = br1_and_hq(ar, devs, br5[1]);

	devs[1]->tunnels[0]->selectors = NULL; /* HQ's tunnel to br5[1] */
	cr_assert_eq(partner_of_first(devs, 2), to_first);
	arena_free(ar);
}

/*
 * HQ's tunnel to BR2 does not face BR1, whatever index bucket BR2's address
 * shares: BR1 (probed by walking HQ's tunnels, as BR1 has more addresses
 * than HQ has remotes) pairs with HQ's tunnel to BR1, even when that one
 * comes second and nothing else tells the two apart.
 */
Test(pairs, a_tunnel_to_another_device_does_not_face_this_one)
{
	struct arena *ar = arena_new();
	struct device *devs[3];
	struct tunnel *to_br1 = br1_and_hq(ar, devs, "192.0.2.99");
	struct spec s = base("BR2", "192.0.2.99", HQ, BR_NET, HQ_NET);

	devs[2] = build(ar, &s);
	cr_assert_eq(partner_of_first(devs, 3), to_br1);
	arena_free(ar);
}

/* n scattered IPv4 host addresses of 10/8 added to d (x: the generator's state) */
static void add_scattered(struct device *d, int n, uint64_t *x)
{
	struct origin o = written(1);

	for (int i = 0; i < n; i++) {
		char ip[32];
		struct addrspec a;

		*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
		snprintf(ip, sizeof(ip), "10.%u.%u.%u", (unsigned)(*x >> 56), (unsigned)(*x >> 48) & 0xff,
			 (unsigned)(*x >> 40) % 254 + 1);
		a = host_of(ip);
		model_device_add_addr(d, &a, "LoopBack", &o);
	}
}

/*
 * HQ's tunnel points at 300 addresses of BR2 and none of BR1's 400, some of
 * which share an index bucket with BR2's: it does not face BR1, so BR1's
 * tunnel to HQ has no partner.
 */
Test(pairs, a_tunnel_to_addresses_in_the_same_buckets_does_not_face_this_one)
{
	struct arena *ar = arena_new();
	struct device *devs[3];
	struct spec s = base("BR1", BR, HQ, BR_NET, HQ_NET);
	struct origin o = written(1);
	uint64_t x = 7;

	devs[0] = build(ar, &s);
	add_scattered(devs[0], 400, &x);
	s = base("HQ", HQ, "192.0.2.99", HQ_NET, BR_NET);
	devs[1] = build(ar, &s);
	s = base("BR2", "192.0.2.99", HQ, BR_NET, HQ_NET);
	devs[2] = build(ar, &s);
	add_scattered(devs[2], 300, &x);
	for (size_t i = 1; i < devs[2]->naddrs; i++)
		model_tunnel_add_remote(devs[1]->tunnels[0], &devs[2]->addrs[i].addr, &o);
	cr_assert_null(partner_of_first(devs, 3));
	arena_free(ar);
}

/*
 * A tunnel with manual keys facing one that negotiates: no IKE version is
 * agreed between them, but their transforms are still compared.
 */
Test(pairs, manual_facing_isakmp_still_compares_transforms)
{
	struct spec s[2];
	struct run r;

	pair2(s);
	s[0].kind = TK_MANUAL;
	s[1].esp_enc = ENC_AES128;
	run_specs(&r, s, 2);
	expect_only(&r, "ipsec-proposal-mismatch", LN_ESPENC, B_LINES + LN_ESPENC,
		    "esp encryption aes-256 here, aes-128 there");
	run_free(&r);
}

Test(pairs, one_sided_names_nearest)
{
	struct spec s[2];
	struct run r;
	const struct finding *f;

	pair2(s);
	s[1].remote = "192.0.2.99";
	run_specs(&r, s, 2);
	f = find_rule(&r, "peer-one-sided");
	cr_assert_not_null(f);
	cr_assert(strstr(f->message, "'BR1' has no tunnel back to 'HQ'"), "message: %s", f->message);
	cr_assert_eq(f->nrelated, 1, "names the nearest unmatched tunnel");
	run_free(&r);
}

Test(pairs, responder_template_accepts)
{
	struct spec s[2];
	struct run r;

	pair2(s);
	s[0].remote = s[0].src = s[0].dst = NULL;
	s[0].kind = TK_TEMPLATE;
	run_specs(&r, s, 2);
	cr_assert_eq(r.pairs.n, 1);
	cr_assert_eq(count_id(&r, "peer-one-sided"), 0);
	cr_assert_eq(fs_errors(&r.fs), 0);
	run_free(&r);
}

/* ---- every rule: firing and near miss ------------------------------------- */

/*
 * A firing case: exactly one finding of rule, at HQ's line `line`, its peer
 * side at BR1's B_LINES + rel, the message containing msg, no other error.
 * A near miss: the rule does not fire and no error does, except `instead`
 * (exactly once) where the near miss is another rule's firing case.
 */
struct rule_case {
	const char *rule;
	void (*mutate)(struct spec *a, struct spec *b);
	bool fires;
	uint32_t line, rel;
	const char *msg;
	const char *instead;
};

static void m_versions(struct spec *a, struct spec *b)
{
	a->versions = IKE_V1;
	b->versions = IKE_V2;
}
static void m_versions_near(struct spec *a, struct spec *b)
{
	a->versions = IKE_V1;
	b->versions = IKE_V1 | IKE_V2;
}
static void m_exchange(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->exchange = XCHG_AGGRESSIVE;
}
/* an exchange mode nobody wrote is main mode, on either side */
static void m_exchange_unset(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->exchange = 0;
	b->exchange = XCHG_AGGRESSIVE;
}
static void m_exchange_unset_peer(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	b->exchange = 0;
}
/* "auto" (USG-E) answers either mode, on either side */
static void m_exchange_auto_here(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->exchange = XCHG_AUTO;
	b->exchange = XCHG_AGGRESSIVE;
}
static void m_exchange_auto_peer(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->exchange = XCHG_AGGRESSIVE;
	b->exchange = XCHG_AUTO;
}
static void m_exchange_v2(struct spec *a, struct spec *b)
{
	(void)b;
	a->exchange = XCHG_AGGRESSIVE; /* IKEv2 negotiated: no exchange mode */
}
static void m_auth(struct spec *a, struct spec *b)
{
	(void)b;
	a->auth = AUTH_RSA_SIG;
}
/* one method, not the default one, on both sides */
static void m_auth_both_rsa(struct spec *a, struct spec *b)
{
	a->auth = b->auth = AUTH_RSA_SIG;
}
static void m_enc(struct spec *a, struct spec *b)
{
	(void)b;
	a->enc = ENC_AES128;
}
static void m_enc_dh(struct spec *a, struct spec *b)
{
	(void)b;
	a->enc = ENC_AES128; /* DH is not the only obstacle: no dh-group-mismatch */
	a->dh = 19;
}
static void m_hash_v2(struct spec *a, struct spec *b)
{
	(void)b;
	a->hash = INTEG_SHA1; /* IKEv1 hash differs but IKEv2 is negotiated */
}
static void m_hash_v1(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->hash = INTEG_SHA1;
}
static void m_integ_v1(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->integ = INTEG_SHA1; /* IKEv2 integrity differs but IKEv1 is negotiated */
}
static void m_prf_v1(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->prf = INTEG_SHA1; /* IKEv1 has no PRF of its own to compare */
}
static void m_prf_v2(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V2;
	a->prf = INTEG_SHA1;
}
static void m_dh(struct spec *a, struct spec *b)
{
	(void)b;
	a->dh = 19;
}
static void m_dh_31(struct spec *a, struct spec *b)
{
	(void)b;
	a->dh = 31; /* curve25519: the highest group the names reach */
}
static void m_psk(struct spec *a, struct spec *b)
{
	(void)b;
	a->psk = "Another-Horse-Battery-7";
}
static void m_psk_hex(struct spec *a, struct spec *b)
{
	static const char bytes[] = "\x6a\x8f\x01\x02";
	a->psk_form = KEY_HEX;
	a->psk = bytes;
	b->psk = "0x6a8f0102";
}
/* hex digits in upper case, the hex form here and the plain text on BR1 */
static void m_psk_hex_upper(struct spec *a, struct spec *b)
{
	static const char bytes[] = "\x6a\x8f\xab\xcd\xef\x10";
	a->psk_form = KEY_HEX;
	a->psk = bytes;
	b->psk = "6A8FABCDEF10";
}
/* and the other way round, with an upper-case 0X */
static void m_psk_upper_hex(struct spec *a, struct spec *b)
{
	static const char bytes[] = "\xfe\xdc\xba\x98\x76\x54\x32\x10";
	a->psk = "0XFEDCBA9876543210";
	b->psk_form = KEY_HEX;
	b->psk = bytes;
}
static void m_psk_cipher(struct spec *a, struct spec *b)
{
	(void)b;
	a->psk_form = KEY_DEVICE_CIPHER;
}
/* the same key in hex on both sides: visible, equal, nothing to say */
static void m_psk_hex_same(struct spec *a, struct spec *b)
{
	static const char bytes[] = "\x6a\x8f\xab\xcd\xef\x10\x32\x54";
	a->psk_form = b->psk_form = KEY_HEX;
	a->psk = b->psk = bytes;
}
/* device ciphers on both sides, but certificates authenticate: the keys are not used */
static void m_psk_cipher_rsa(struct spec *a, struct spec *b)
{
	a->auth = b->auth = AUTH_RSA_SIG;
	a->psk_form = b->psk_form = KEY_DEVICE_CIPHER;
}
static void m_psk_none(struct spec *a, struct spec *b)
{
	(void)b;
	a->psk_form = KEY_NONE;
	a->psk = NULL;
}
/* local-id-type ip without a value sends the local address, which BR1 does not expect */
static void m_id_ip(struct spec *a, struct spec *b)
{
	a->local_id_type = ID_IPV4;
	b->remote_id_type = ID_IPV4;
	b->remote_id = "192.0.2.50";
}
static void m_id_ip_near(struct spec *a, struct spec *b)
{
	a->local_id_type = ID_IPV4;
	b->remote_id_type = ID_IPV4;
	b->remote_id = HQ;
}
/* BR1 expects an IP identity whose address nobody wrote: it cannot be told apart */
static void m_id_ip_unknown(struct spec *a, struct spec *b)
{
	a->local_id_type = ID_IPV4;
	b->remote_id_type = ID_IPV4;
	b->remote_id = NULL;
}
/* BR1 sends its address by local-id-type ip; HQ expects another */
static void m_id_ip_b(struct spec *a, struct spec *b)
{
	b->local_id_type = ID_IPV4;
	a->remote_id_type = ID_IPV4;
	a->remote_id = "192.0.2.60";
}
static void m_esp(struct spec *a, struct spec *b)
{
	(void)b;
	a->esp_enc = ENC_3DES;
}
static void m_esp_integ(struct spec *a, struct spec *b)
{
	(void)b;
	a->esp_integ = INTEG_SHA1;
}
static void m_mode(struct spec *a, struct spec *b)
{
	(void)b;
	a->mode = ENCAP_TRANSPORT;
}
static void m_mode_auto(struct spec *a, struct spec *b)
{
	(void)b;
	a->mode = ENCAP_AUTO;
}
static void m_mode_auto_b(struct spec *a, struct spec *b)
{
	a->mode = ENCAP_TRANSPORT;
	b->mode = ENCAP_AUTO;
}
static void m_pfs(struct spec *a, struct spec *b)
{
	(void)b;
	a->pfs = 14;
}
static void m_pfs_same(struct spec *a, struct spec *b)
{
	a->pfs = b->pfs = 14;
}
static void m_life(struct spec *a, struct spec *b)
{
	(void)b;
	a->p2_life = 28800;
}
/* HQ's first transform has a lifetime of its own (HP-UX): it wins over the tunnel's */
static void m_life_per_transform(struct spec *a, struct spec *b)
{
	(void)b;
	a->p2_life = 3600;
	a->p2_life_prop = 28800;
}
static void m_life_per_transform_same(struct spec *a, struct spec *b)
{
	(void)b;
	a->p2_life = 28800; /* would differ from BR1's 3600 s, but the transform's 3600 s wins */
	a->p2_life_prop = 3600;
}
/* the vendor's default IPsec SA lifetime on HQ, the same value written on BR1 */
static void m_life_default_same(struct spec *a, struct spec *b)
{
	(void)b;
	a->p2_life_prov = PROV_DEFAULT; /* 3600 s */
}
static void m_life_kb(struct spec *a, struct spec *b)
{
	a->p2_kb = 4608000;
	b->p2_kb = 1843200;
}
static void m_life_kb_one_side(struct spec *a, struct spec *b)
{
	(void)b;
	a->p2_kb = 4608000; /* nothing known of BR1's: nothing to compare */
}
static void m_life_kb_same(struct spec *a, struct spec *b)
{
	a->p2_kb = b->p2_kb = 4608000;
}
static void m_p1_life(struct spec *a, struct spec *b)
{
	(void)b;
	a->p1_life = 28800;
}
/* HQ keeps the vendor's default IKE SA lifetime, BR1 writes another */
static void m_p1_life_default(struct spec *a, struct spec *b)
{
	a->p1_life_prov = PROV_DEFAULT_ASSUMED;
	b->p1_life = 28800;
}
static void m_p1_life_default_b(struct spec *a, struct spec *b)
{
	a->p1_life = 28800;
	b->p1_life_prov = PROV_DEFAULT;
}
static void m_p1_life_default_same(struct spec *a, struct spec *b)
{
	(void)b;
	a->p1_life_prov = PROV_DEFAULT; /* 86400 s by default, 86400 s written on BR1 */
}
static void m_p1_life_unset(struct spec *a, struct spec *b)
{
	a->p1_life_prov = PROV_UNSET;
	b->p1_life = 28800;
}
static void m_flow(struct spec *a, struct spec *b)
{
	(void)b;
	a->dst = "10.9.0.0/24";
}
static void m_flow_v1_subset(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V1;
	a->dst = "10.2.0.0/25";
}
static void m_flow_v2_subset(struct spec *a, struct spec *b)
{
	a->versions = b->versions = IKE_V2;
	a->dst = "10.2.0.0/25";
}
#define FIRES(rule, m, line, rel, msg)              \
	{                                           \
		rule, m, true, line, rel, msg, NULL \
	}
#define QUIET(rule, m)                           \
	{                                        \
		rule, m, false, 0, 0, NULL, NULL \
	}
#define QUIET_BUT(rule, m, instead)                 \
	{                                           \
		rule, m, false, 0, 0, NULL, instead \
	}

static const struct rule_case cases[] = {
	FIRES("ike-version-mismatch", m_versions, LN_VERS, LN_VERS,
	      "peer allows IKEv1 here, 'BR1' allows only IKEv2"),
	QUIET("ike-version-mismatch", m_versions_near),
	FIRES("exchange-mode-mismatch", m_exchange, LN_XCHG, LN_XCHG,
	      "IKEv1 aggressive mode here, main mode on 'BR1'"),
	QUIET("exchange-mode-mismatch", m_exchange_v2),
	FIRES("exchange-mode-mismatch", m_exchange_unset, LN_XCHG, LN_XCHG,
	      "IKEv1 main mode here, aggressive mode on 'BR1'"),
	QUIET("exchange-mode-mismatch", m_exchange_unset_peer),
	QUIET("exchange-mode-mismatch", m_exchange_auto_here),
	QUIET("exchange-mode-mismatch", m_exchange_auto_peer),
	FIRES("auth-method-mismatch", m_auth, LN_AUTH, LN_AUTH,
	      "authentication by rsa-sig here, by psk on 'BR1'"),
	QUIET("auth-method-mismatch", m_auth_both_rsa),
	FIRES("ike-proposal-mismatch", m_enc, LN_ENC, LN_ENC,
	      "no ike proposal is acceptable to 'BR1': encryption aes-128 here, aes-256 there"),
	FIRES("ike-proposal-mismatch", m_enc_dh, LN_ENC, LN_ENC, "; DH group 19 here, 14 there"),
	FIRES("ike-proposal-mismatch", m_hash_v1, LN_HASH, LN_HASH, ": hash sha1 here, sha2-256 there"),
	FIRES("ike-proposal-mismatch", m_prf_v2, LN_PRF, LN_PRF, ": prf sha1 here, sha2-256 there"),
	QUIET("ike-proposal-mismatch", m_hash_v2),
	QUIET("ike-proposal-mismatch", m_integ_v1),
	QUIET("ike-proposal-mismatch", m_prf_v1),
	FIRES("dh-group-mismatch", m_dh, LN_DH, LN_DH,
	      "ike proposal '10' would match 'BR1' but for the DH group: group 19 here, group 14 on 'BR1'"),
	FIRES("dh-group-mismatch", m_dh_31, LN_DH, LN_DH, "group 31 here, group 14 on 'BR1'"),
	QUIET_BUT("dh-group-mismatch", m_enc, "ike-proposal-mismatch"),
	QUIET_BUT("dh-group-mismatch", m_enc_dh, "ike-proposal-mismatch"),
	FIRES("psk-mismatch", m_psk, LN_PSK, LN_PSK, "pre-shared keys differ: <psk: ascii, 23 chars> here"),
	QUIET_BUT("psk-mismatch", m_psk_hex, "psk-format-mismatch"),
	QUIET_BUT("psk-mismatch", m_psk_hex_upper, "psk-format-mismatch"),
	QUIET_BUT("psk-mismatch", m_psk_upper_hex, "psk-format-mismatch"),
	FIRES("psk-format-mismatch", m_psk_hex, LN_PSK, LN_PSK,
	      "the same key text is read as hex here and as ASCII on 'BR1'"),
	FIRES("psk-format-mismatch", m_psk_hex_upper, LN_PSK, LN_PSK,
	      "the same key text is read as hex here and as ASCII on 'BR1'"),
	FIRES("psk-format-mismatch", m_psk_upper_hex, LN_PSK, LN_PSK,
	      "the same key text is read as ASCII here and as hex on 'BR1'"),
	/* no key at all: HQ's finding is at its peer */
	FIRES("psk-format-mismatch", m_psk_none, LN_PEER, LN_PSK, "pre-shared key <psk: none> here"),
	QUIET_BUT("psk-format-mismatch", m_psk, "psk-mismatch"),
	FIRES("psk-unverifiable", m_psk_cipher, LN_PSK, LN_PSK, "pre-shared keys cannot be compared offline"),
	QUIET("psk-unverifiable", m_psk_hex_same),
	QUIET("psk-unverifiable", m_psk_cipher_rsa),
	FIRES("id-mismatch", m_id_ip, LN_LID, LN_RID,
	      "local identity ipv4 198.51.100.1 here, but 'BR1' expects ipv4 192.0.2.50"),
	QUIET("id-mismatch", m_id_ip_unknown),
	FIRES("id-mismatch", m_id_ip_b, LN_RID, LN_LID,
	      "remote identity ipv4 192.0.2.60 expected here, but 'BR1' sends ipv4 203.0.113.7"),
	QUIET("id-mismatch", m_id_ip_near),
	FIRES("ipsec-proposal-mismatch", m_esp, LN_ESPENC, LN_ESPENC,
	      "no ipsec proposal is acceptable to 'BR1': esp encryption 3des here, aes-256 there"),
	FIRES("ipsec-proposal-mismatch", m_esp_integ, LN_ESPINT, LN_ESPINT,
	      ": esp integrity sha1 here, sha2-256 there"),
	QUIET_BUT("ipsec-proposal-mismatch", m_mode, "encapsulation-mismatch"),
	FIRES("encapsulation-mismatch", m_mode, LN_MODE, LN_MODE,
	      "transport mode here, tunnel mode on 'BR1'"),
	QUIET("encapsulation-mismatch", m_mode_auto),
	QUIET("encapsulation-mismatch", m_mode_auto_b),
	FIRES("pfs-mismatch", m_pfs, LN_PFS, LN_PFS, "PFS group 14 here, none on 'BR1'"),
	QUIET("pfs-mismatch", m_pfs_same),
	FIRES("lifetime-mismatch", m_life, LN_P2LIFE, LN_P2LIFE,
	      "IPsec SA lifetime 28800 s here, 3600 s on 'BR1'"),
	FIRES("lifetime-mismatch", m_life_kb, LN_P2KB, LN_P2KB,
	      "IPsec SA lifetime 4608000 KB here, 1843200 KB on 'BR1'"),
	FIRES("lifetime-mismatch", m_p1_life, LN_P1LIFE, LN_P1LIFE,
	      "IKE SA lifetime 28800 s here, 86400 s on 'BR1'"),
	/* a default points at the proposal it applies to */
	FIRES("lifetime-mismatch", m_p1_life_default, LN_P1, LN_P1LIFE,
	      "IKE SA lifetime 86400 s (assumed default) here, 28800 s on 'BR1'"),
	FIRES("lifetime-mismatch", m_p1_life_default_b, LN_P1LIFE, LN_P1,
	      "IKE SA lifetime 28800 s here, 86400 s (default) on 'BR1'"),
	FIRES("lifetime-mismatch", m_life_per_transform, LN_P2PLIFE, LN_P2LIFE,
	      "IPsec SA lifetime 28800 s here, 3600 s on 'BR1'"),
	QUIET("lifetime-mismatch", m_life_per_transform_same),
	QUIET("lifetime-mismatch", m_life_default_same),
	QUIET("lifetime-mismatch", m_life_kb_one_side),
	QUIET("lifetime-mismatch", m_life_kb_same),
	QUIET("lifetime-mismatch", m_p1_life_default_same),
	QUIET("lifetime-mismatch", m_p1_life_unset),
	FIRES("flow-mismatch", m_flow, LN_ACL, LN_ACL,
	      "traffic selectors of acl '3000' are disjoint from the mirror of 'BR1' acl '3000'"),
	FIRES("flow-mismatch", m_flow_v1_subset, LN_ACL, LN_ACL,
	      "a strict subset of the mirror of 'BR1' acl '3000' (IKEv1 requires mirror images)"),
	QUIET("flow-mismatch", m_flow_v2_subset),
	FIRES("flow-narrowed", m_flow_v2_subset, LN_ACL, LN_ACL,
	      "a strict subset of the mirror of 'BR1' acl '3000' (IKEv2 narrows"),
	QUIET_BUT("flow-narrowed", m_flow_v1_subset, "flow-mismatch"),
};

/*
 * The parameter is an index into cases[]: Criterion hands each worker a copy
 * of the parameter bytes, and a function pointer does not survive that trip.
 */
ParameterizedTestParameters(pairs, rule_cases)
{
	static size_t idx[ARRAY_SIZE(cases)];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		idx[i] = i;
	return cr_make_param_array(size_t, idx, ARRAY_SIZE(idx));
}

ParameterizedTest(size_t *i, pairs, rule_cases)
{
	const struct rule_case *c = &cases[*i];
	struct spec s[2];
	struct run r;

	pair2(s);
	c->mutate(&s[0], &s[1]);
	run_specs(&r, s, 2);
	cr_assert_eq(r.pairs.n, 1, "case %zu: the two still pair", *i);
	if (c->fires) {
		expect_only(&r, c->rule, c->line, B_LINES + c->rel, c->msg);
	} else {
		const struct finding *f = find_rule(&r, c->rule);
		size_t errs = fs_errors(&r.fs);

		if (f || errs > (c->instead != NULL))
			dump(&r);
		cr_assert_null(f, "case %zu: %s should not fire: %s", *i, c->rule, f ? f->message : "");
		if (c->instead) {
			cr_assert_eq(count_id(&r, c->instead), 1, "case %zu: %s fires instead", *i,
				     c->instead);
			cr_assert_eq(errs, find_rule(&r, c->instead)->sev == SEV_ERROR,
				     "case %zu: no error but %s", *i, c->instead);
		} else {
			cr_assert_eq(errs, 0, "case %zu (%s near miss): %zu errors", *i, c->rule, errs);
		}
	}
	run_free(&r);
}

Test(pairs, pfs_ikev2_says_rekey)
{
	struct spec s[2];
	struct run r;

	pair2(s);
	s[0].pfs = 14;
	s[0].versions = s[1].versions = IKE_V2;
	run_specs(&r, s, 2);
	expect_only(&r, "pfs-mismatch", LN_PFS, B_LINES + LN_PFS,
		    "PFS group 14 here, none on 'BR1': with IKEv2 the first child SA comes up and the tunnel "
		    "fails at the first rekey");
	run_free(&r);
}

/* ---- the closest proposal ----------------------------------------------------- */

/* Replace device dev's ike proposals by n proposals of the given specs, named and placed. */
static void set_p1s(struct run *r, size_t dev, const struct spec *const *specs, const char *const *names,
		    const uint32_t *lines, size_t n)
{
	struct ike *k = r->devs[dev]->tunnels[0]->ike;

	k->proposals = ARENA_NEWV(r->ar, struct ike_proposal *, n);
	for (size_t i = 0; i < n; i++)
		k->proposals[i] = mk_p1(r->ar, specs[i], names[i], lines[i]);
	k->nproposals = n;
}

/*
 * Two proposals of device dev (0: HQ, 1: BR1) from x1 and x2, set by set
 * (set_p1s or set_p2s): HQ's a1 and a2 at lines 30 and 40, BR1's b1 and b2
 * at 130 and 140.
 */
static void set_two(struct run *r,
		    void (*set)(struct run *, size_t, const struct spec *const *, const char *const *,
				const uint32_t *, size_t),
		    size_t dev, const struct spec *x1, const struct spec *x2)
{
	set(r, dev, (const struct spec *const[]){x1, x2},
	    dev ? (const char *const[]){"b1", "b2"} : (const char *const[]){"a1", "a2"},
	    dev ? (const uint32_t[]){130, 140} : (const uint32_t[]){30, 40}, 2);
}

/* Check the pair s with HQ's proposals a1 and a2 and BR1's b1 and b2, set by set (set_two()). */
static void check_two_each(struct run *r, struct spec s[2],
			   void (*set)(struct run *, size_t, const struct spec *const *, const char *const *,
				       const uint32_t *, size_t),
			   const struct spec *a1, const struct spec *a2, const struct spec *b1,
			   const struct spec *b2)
{
	run_build(r, s, 2);
	set_two(r, set, 0, a1, a2);
	set_two(r, set, 1, b1, b2);
	run_check(r);
}

/* the int field of struct spec at offset off */
#define SPEC_INT(sp, off) (*(int *)((char *)(sp) + (off)))

/*
 * Check the pair s with a tie of two proposals on each side, set by set
 * (set_p1s or set_p2s): HQ's a1 and a2 at lines 30 and 40, BR1's b1 and
 * b2 at 130 and 140, from s with the int fields enc and integ (offsets in
 * struct spec) changed: a1 aes-128 sha2-256, a2 aes-256 sha1, b1 aes-256
 * sha2-512, b2 aes-128 sha2-384. (a1,b1) have 2 differences, (a1,b2) 1,
 * (a2,b1) 1, (a2,b2) 2: (a1,b2) comes first.
 */
static void check_tie(struct run *r, struct spec s[2], size_t enc, size_t integ,
		      void (*set)(struct run *, size_t, const struct spec *const *, const char *const *,
				  const uint32_t *, size_t))
{
	struct spec a1 = s[0], a2 = s[0], b1 = s[1], b2 = s[1];

	SPEC_INT(&a1, enc) = ENC_AES128;
	SPEC_INT(&a2, integ) = INTEG_SHA1;
	SPEC_INT(&b1, integ) = INTEG_SHA512;
	SPEC_INT(&b2, enc) = ENC_AES128;
	SPEC_INT(&b2, integ) = INTEG_SHA384;
	check_two_each(r, s, set, &a1, &a2, &b1, &b2);
}

/*
 * Two pairs of proposals are equally close (one difference each): the
 * message names the first in HQ's order, then BR1's, and points at its lines.
 */
Test(pairs, closest_proposal_is_the_first_of_a_tie)
{
	struct spec s[2];
	struct run r;
	const struct finding *f;

	pair2(s);
	s[0].versions = s[1].versions = IKE_V2;
	check_tie(&r, s, offsetof(struct spec, enc), offsetof(struct spec, integ), set_p1s);
	f = expect_only(&r, "ike-proposal-mismatch", 30 + LN_INTEG - LN_P1, 140 + LN_INTEG - LN_P1,
			"no ike proposal is acceptable to 'BR1': integrity sha2-256 here, sha2-384 there "
			"(closest: ike proposal 'a1' vs 'b2')");
	cr_assert_str_eq(f->related[0].message, "peer side: ike proposal 'b2' has integrity sha2-384");
	run_free(&r);
}

/* A tie whose first pair differs in the DH group alone: that is the DH rule's case. */
Test(pairs, closest_proposal_tie_dh_first)
{
	struct spec s[2], a1, a2;
	struct run r;

	pair2(s);
	a1 = a2 = s[0];
	a1.dh = 19;
	a2.enc = ENC_AES128;
	run_build(&r, s, 2);
	set_two(&r, set_p1s, 0, &a1, &a2);
	run_check(&r);
	expect_only(&r, "dh-group-mismatch", 30 + LN_DH - LN_P1, B_LINES + LN_DH,
		    "ike proposal 'a1' would match 'BR1' but for the DH group: group 19 here, group 14");
	cr_assert_eq(count_id(&r, "ike-proposal-mismatch"), 0);
	run_free(&r);
}

/* A proposal list matches when any pair of proposals does, not only the first two. */
Test(pairs, proposal_lists_match_on_any_pair)
{
	struct spec s[2], a1, a2, b1, b2;
	struct run r;

	pair2(s);
	a1 = a2 = s[0];
	b1 = b2 = s[1];
	a1.enc = ENC_AES128;
	b1.dh = 19;
	check_two_each(&r, s, set_p1s, &a1, &a2, &b1, &b2);
	cr_assert_eq(r.fs.n, 0, "a2 and b2 agree");
	run_free(&r);
}

/* Replace device dev's ipsec proposals by n proposals of the specs' ESP transforms and modes. */
static void set_p2s(struct run *r, size_t dev, const struct spec *const *specs, const char *const *names,
		    const uint32_t *lines, size_t n)
{
	struct ipsec *p = &r->devs[dev]->tunnels[0]->ipsec;

	p->proposals = ARENA_NEWV(r->ar, struct ipsec_proposal *, n);
	for (size_t i = 0; i < n; i++)
		p->proposals[i] = mk_p2(r->ar, names[i], lines[i], specs[i]->esp_enc, specs[i]->esp_integ,
					specs[i]->mode);
	p->nproposals = n;
}

/*
 * Phase 2 as phase 1: of two pairs of ipsec proposals equally close (one
 * difference each), the finding is at the first in HQ's order, then BR1's.
 */
Test(pairs, closest_ipsec_proposal_is_the_first_of_a_tie)
{
	static const char want[] =
		"no ipsec proposal is acceptable to 'BR1': esp integrity sha2-256 here, sha2-384 there";
	struct spec s[2];
	struct run r;
	const struct finding *f;

	pair2(s);
	check_tie(&r, s, offsetof(struct spec, esp_enc), offsetof(struct spec, esp_integ), set_p2s);
	f = expect_only(&r, "ipsec-proposal-mismatch", 30 + LN_ESPINT - LN_P2, 140 + LN_ESPINT - LN_P2, want);
	cr_assert_str_eq(f->message, want);
	cr_assert_str_eq(f->related[0].message, "peer side: ipsec proposal 'b2' has esp integrity sha2-384");
	run_free(&r);
}

/*
 * An ipsec proposal list matches when any pair of proposals does, modes
 * included: a pair whose transforms agree but whose modes do not, or whose
 * transforms differ, is no finding while another pair agrees.
 */
Test(pairs, ipsec_proposal_lists_match_on_any_pair)
{
	struct spec s[2], a1, a2, b1, b2;
	struct run r;

	/* a1 aes-128, b1 sha1: only a2 and b2 agree */
	pair2(s);
	a1 = a2 = s[0];
	b1 = b2 = s[1];
	a1.esp_enc = ENC_AES128;
	b1.esp_integ = INTEG_SHA1;
	check_two_each(&r, s, set_p2s, &a1, &a2, &b1, &b2);
	if (r.fs.n)
		dump(&r);
	cr_assert_eq(r.fs.n, 0, "a2 and b2 agree");
	run_free(&r);

	/* (a1,b1) agree in transforms, not in mode; (a2,b2) agree in both */
	a1 = a2 = s[0];
	b1 = b2 = s[1];
	a1.esp_enc = b1.esp_enc = ENC_AES128;
	b1.mode = ENCAP_TRANSPORT;
	check_two_each(&r, s, set_p2s, &a1, &a2, &b1, &b2);
	if (r.fs.n)
		dump(&r);
	cr_assert_eq(r.fs.n, 0, "a2 and b2 agree, modes too: no encapsulation-mismatch for (a1,b1)");
	run_free(&r);
}

/*
 * Two pairs agree in transforms and neither in mode: the finding names the
 * first (HQ's order, then BR1's), its mode and lines on both sides.
 */
Test(pairs, encapsulation_mismatch_names_the_first_pair)
{
	struct spec s[2], a1, a2, b1, b2;
	struct run r;
	const struct finding *f;

	pair2(s);
	a1 = a2 = s[0];
	b1 = b2 = s[1];
	a1.esp_enc = b2.esp_enc = ENC_AES128; /* a1 = b2 and a2 = b1 in transforms */
	a1.mode = ENCAP_TRANSPORT;	      /* a1 transport, b2 tunnel */
	b1.mode = ENCAP_TRANSPORT;	      /* a2 tunnel, b1 transport */
	check_two_each(&r, s, set_p2s, &a1, &a2, &b1, &b2);
	f = expect_only(&r, "encapsulation-mismatch", 30 + LN_MODE - LN_P2, 140 + LN_MODE - LN_P2,
			"transport mode here, tunnel mode on 'BR1'");
	cr_assert_str_eq(f->message, "transport mode here, tunnel mode on 'BR1'");
	cr_assert_str_eq(f->related[0].message, "peer side: ipsec proposal 'b2' uses tunnel mode");
	cr_assert_eq(count_id(&r, "ipsec-proposal-mismatch"), 0);
	run_free(&r);
}

/* ---- encapsulation auto --------------------------------------------------------- */

/* auto on either side takes what the other proposes: tunnel, transport or auto */
Test(pairs, encapsulation_auto_takes_either_mode)
{
	static const int modes[] = {ENCAP_TUNNEL, ENCAP_TRANSPORT, ENCAP_AUTO};

	for (int side = 0; side < 2; side++) {
		for (size_t m = 0; m < ARRAY_SIZE(modes); m++) {
			struct spec s[2];
			struct run r;

			pair2(s);
			s[side].mode = ENCAP_AUTO;
			s[1 - side].mode = modes[m];
			run_specs(&r, s, 2);
			if (r.fs.n)
				dump(&r);
			cr_assert_eq(r.fs.n, 0, "auto on side %d, mode %d on the other: no finding", side,
				     modes[m]);
			run_free(&r);
		}
	}
}

/* auto settles the mode only: different transforms still fail, as transforms */
Test(pairs, encapsulation_auto_does_not_hide_transforms)
{
	struct spec s[2];
	struct run r;

	pair2(s);
	s[0].mode = ENCAP_TRANSPORT;
	s[1].mode = ENCAP_AUTO;
	s[1].esp_enc = ENC_AES128;
	run_specs(&r, s, 2);
	expect_only(&r, "ipsec-proposal-mismatch", LN_ESPENC, B_LINES + LN_ESPENC,
		    "esp encryption aes-256 here, aes-128 there");
	cr_assert_eq(count_id(&r, "encapsulation-mismatch"), 0);
	run_free(&r);
}

/* ---- the default IKE SA lifetime ------------------------------------------------ */

/* Unset is not a value: HQ's lifetime unknown, BR1's anything, no finding; a default is one. */
Test(pairs, ike_lifetime_default_is_compared_unset_is_not)
{
	static const int provs[] = {PROV_DEFAULT, PROV_DEFAULT_ASSUMED};

	for (size_t i = 0; i < ARRAY_SIZE(provs); i++) {
		struct spec s[2];
		struct run r;
		char want[96];

		pair2(s);
		s[0].p1_life_prov = provs[i];
		s[0].p1_life = 86400;
		s[1].p1_life = 3600;
		run_specs(&r, s, 2);
		snprintf(want, sizeof(want), "IKE SA lifetime 86400 s%s here, 3600 s on 'BR1'",
			 provs[i] == PROV_DEFAULT ? " (default)" : " (assumed default)");
		expect_only(&r, "lifetime-mismatch", LN_P1, B_LINES + LN_P1LIFE, want);
		cr_assert_str_eq(find_rule(&r, "lifetime-mismatch")->related[0].message,
				 "peer side: ike proposal '10' lifetime 3600 s");
		run_free(&r);

		s[0].p1_life = 3600; /* a default equal to the written value */
		run_specs(&r, s, 2);
		cr_assert_eq(r.fs.n, 0, "default 3600 s against written 3600 s");
		run_free(&r);

		s[0].p1_life_prov = PROV_UNSET;
		s[0].p1_life = 0;
		run_specs(&r, s, 2);
		cr_assert_eq(r.fs.n, 0, "nothing known of HQ's lifetime");
		run_free(&r);
	}
}

/*
 * The Huawei driver's default IKE SA lifetime, 86400 s (assumed): an ike
 * proposal without "sa duration" against one that writes 28800 s, and
 * against one that writes 86400 s.
 */
static const char hw_br1[] = "sysname BR1\n"
			     "acl number 3000\n"
			     " rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n"
			     "ipsec proposal P\n"
			     " esp authentication-algorithm sha2-256\n"
			     " esp encryption-algorithm aes-256\n"
			     "ike proposal 10\n"
			     " encryption-algorithm aes-256\n"
			     " dh group14\n"
			     " authentication-algorithm sha2-256\n"
			     " authentication-method pre-share\n"
			     " integrity-algorithm hmac-sha2-256\n"
			     " prf hmac-sha2-256\n"
			     " sa duration %d\n"
			     "ike peer HQ\n"
			     " version 1\n"
			     " pre-shared-key cipher %%^%%#PLACEHOLDER-CIPHER-A%%^%%#\n"
			     " ike-proposal 10\n"
			     " remote-address 198.51.100.1\n"
			     "ipsec policy VPN 10 isakmp\n"
			     " security acl 3000\n"
			     " ike-peer HQ\n"
			     " proposal P\n"
			     "interface GigabitEthernet0/0/1\n"
			     " ip address 203.0.113.2 255.255.255.0\n"
			     " ipsec policy VPN\n"
			     "return\n";
static const char hw_hq[] = "sysname HQ\n"
			    "acl number 3000\n"
			    " rule 5 permit ip source 10.2.1.0 0.0.0.255 destination 10.1.1.0 0.0.0.255\n"
			    "ipsec proposal P\n"
			    " esp authentication-algorithm sha2-256\n"
			    " esp encryption-algorithm aes-256\n"
			    "ike proposal 10\n"
			    " encryption-algorithm aes-256\n"
			    " dh group14\n"
			    " authentication-algorithm sha2-256\n"
			    " authentication-method pre-share\n"
			    " integrity-algorithm hmac-sha2-256\n"
			    " prf hmac-sha2-256\n"
			    "ike peer BR1\n"
			    " version 1\n"
			    " pre-shared-key cipher %^%#PLACEHOLDER-CIPHER-B%^%#\n"
			    " ike-proposal 10\n"
			    " remote-address 203.0.113.2\n"
			    "ipsec policy VPN 10 isakmp\n"
			    " security acl 3000\n"
			    " ike-peer BR1\n"
			    " proposal P\n"
			    "interface GigabitEthernet0/0/1\n"
			    " ip address 198.51.100.1 255.255.255.0\n"
			    " ipsec policy VPN\n"
			    "return\n";

static void hw_pair(int duration, struct findings *fs, struct parsed_file pf[2], struct pair_list *pl)
{
	char br1[sizeof(hw_br1) + 16];
	struct device *devs[2];

	snprintf(br1, sizeof(br1), hw_br1, duration);
	parse_buffer(&pf[0], "br1.cfg", br1, strlen(br1), VENDOR_HUAWEI);
	parse_buffer(&pf[1], "hq.cfg", hw_hq, strlen(hw_hq), VENDOR_HUAWEI);
	for (int i = 0; i < 2; i++) {
		cr_assert_not_null(pf[i].dev, "%s is modelled", pf[i].src.path);
		cr_assert_eq(pf[i].fs.n, 0, "%s parses clean: %s", pf[i].src.path,
			     pf[i].fs.n ? pf[i].fs.v[0].message : "");
		devs[i] = pf[i].dev;
	}
	memset(fs, 0, sizeof(*fs));
	memset(pl, 0, sizeof(*pl));
	chk_pairs(devs, 2, NULL, fs, pl);
	cr_assert_eq(pl->n, 1);
}

Test(pairs_parsed, huawei_default_ike_lifetime_is_86400_s)
{
	struct parsed_file pf[2];
	struct findings fs;
	struct pair_list pl;
	const struct finding *f = NULL;
	size_t n = 0;

	hw_pair(28800, &fs, pf, &pl);
	for (size_t i = 0; i < fs.n; i++) {
		cr_assert_neq(fs.v[i].sev, SEV_ERROR, "no error: %s", fs.v[i].message);
		if (fs.v[i].rule == R_LIFETIME_MISMATCH) {
			f = &fs.v[i];
			n++;
		}
	}
	cr_assert_eq(n, 1, "one lifetime-mismatch, got %zu", n);
	cr_assert_str_eq(f->message, "IKE SA lifetime 28800 s here, 86400 s (assumed default) on 'HQ'");
	cr_assert_eq(f->loc.src, &pf[0].src);
	cr_assert_eq(f->loc.line, 14, "at BR1's sa duration");
	cr_assert_eq(f->nrelated, 1);
	cr_assert_eq(f->related[0].src, &pf[1].src);
	cr_assert_eq(f->related[0].line, 7, "at HQ's ike proposal, where the default applies");
	fnd_free(&fs);
	chk_pairs_free(&pl);
	for (int i = 0; i < 2; i++)
		parsed_file_free(&pf[i]);

	hw_pair(86400, &fs, pf, &pl);
	for (size_t i = 0; i < fs.n; i++)
		cr_assert_neq(fs.v[i].rule, R_LIFETIME_MISMATCH, "86400 s is the default: %s",
			      fs.v[i].message);
	fnd_free(&fs);
	chk_pairs_free(&pl);
	for (int i = 0; i < 2; i++)
		parsed_file_free(&pf[i]);
}

/* ---- properties ------------------------------------------------------------ */

static void rule_set(const struct run *r, bool out[R__COUNT])
{
	memset(out, 0, sizeof(bool) * R__COUNT);
	for (size_t i = 0; i < r->fs.n; i++)
		out[r->fs.v[i].rule] = true;
}

/* (A,B) and (B,A) give the same rule IDs, for every mutation above */
Test(pairs, symmetric_rule_ids)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct spec ab[2];
		struct spec ba[2];
		struct run r1, r2;
		bool s1[R__COUNT], s2[R__COUNT];

		pair2(ab);
		cases[i].mutate(&ab[0], &ab[1]);
		ba[0] = ab[1];
		ba[1] = ab[0];
		run_specs(&r1, ab, 2);
		run_specs(&r2, ba, 2);
		rule_set(&r1, s1);
		rule_set(&r2, s2);
		for (size_t k = 0; k < R__COUNT; k++)
			cr_assert_eq(s1[k], s2[k], "case %zu (%s): rule %s differs between (A,B) and (B,A)",
				     i, cases[i].rule, rule_info((enum rule_id)k)->id);
		run_free(&r1);
		run_free(&r2);
	}
}

/* an unrelated device changes no finding of an existing pair */
Test(pairs, unrelated_device_changes_nothing)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct spec s[4];
		struct run r1, r2;
		size_t n2 = 0;

		pair2(s);
		s[2] = base("X1", "192.0.2.1", "192.0.2.2", "10.7.0.0/24", "10.8.0.0/24");
		s[3] = base("X2", "192.0.2.2", "192.0.2.1", "10.8.0.0/24", "10.7.0.0/24");
		cases[i].mutate(&s[0], &s[1]);
		run_specs(&r1, s, 2);
		run_specs(&r2, s, 4);
		for (size_t k = 0; k < r2.fs.n; k++) {
			const char *d0 = r2.fs.v[k].devices[0];
			if (strcmp(d0, "X1") != 0 && strcmp(d0, "X2") != 0)
				n2++;
		}
		cr_assert_eq(r1.fs.n, n2, "case %zu: %zu findings alone, %zu with an unrelated pair", i,
			     r1.fs.n, n2);
		for (size_t k = 0; k < r1.fs.n; k++)
			cr_assert_str_eq(r1.fs.v[k].message, r2.fs.v[k].message);
		run_free(&r1);
		run_free(&r2);
	}
}

/* ---- the planted-fault property ---------------------------------------------- */

/*
 * A device and its mirror image, every compared parameter drawn from the
 * values the three vendors write: no error. Then exactly one parameter of
 * one side changes, and exactly the rule that compares it fires, at that
 * parameter's line on HQ's side and on BR1's (or, where the change cannot
 * matter, nothing fires: a hash under IKEv2, auto encapsulation, ...).
 */
enum fault {
	F_VERSIONS,
	F_EXCHANGE,
	F_AUTH,
	F_ENC,
	F_HASH,
	F_INTEG,
	F_PRF,
	F_DH,
	F_PSK,
	F_PSK_FORM,
	F_ESP_ENC,
	F_ESP_INTEG,
	F_MODE,
	F_PFS,
	F_P1_LIFE,
	F_P2_LIFE,
	F_P2_KB,
	F_FLOW,
	F__COUNT
};

static const char *const fault_names[F__COUNT] = {
	"versions", "exchange", "auth",	     "enc",  "hash", "integ",	"prf",	   "dh",    "psk",
	"psk-form", "esp-enc",	"esp-integ", "mode", "pfs",  "p1-life", "p2-life", "p2-kb", "flow",
};

static const int g_vendors[] = {VENDOR_HUAWEI, VENDOR_HPUX, VENDOR_AIX};
static const int g_versions[] = {IKE_V1, IKE_V2, IKE_V1 | IKE_V2};
static const int g_exchanges[] = {XCHG_MAIN, XCHG_AGGRESSIVE};
static const int g_encs[] = {ENC_DES, ENC_3DES, ENC_AES128, ENC_AES192, ENC_AES256};
static const int g_integs[] = {INTEG_MD5, INTEG_SHA1, INTEG_SHA256, INTEG_SHA384, INTEG_SHA512};
static const int g_prfs[] = {INTEG_SHA1, INTEG_SHA256, INTEG_SHA384};
static const int g_groups[] = {1, 2, 5, 14, 19, 20, 21};
static const int g_auths[] = {AUTH_PSK, AUTH_RSA_SIG};
static const int g_forms[] = {KEY_PLAIN, KEY_HEX, KEY_DEVICE_CIPHER};
static const int g_esp_encs[] = {ENC_DES, ENC_3DES, ENC_AES128, ENC_AES256, ENC_AES128_GCM, ENC_AES256_GCM};
static const int g_esp_integs[] = {INTEG_MD5, INTEG_SHA1, INTEG_SHA256, INTEG_SHA512};
static const int g_modes[] = {ENCAP_TUNNEL, ENCAP_TRANSPORT, ENCAP_AUTO};
static const int g_pfs[] = {0, 2, 5, 14, 19};
static const int g_p1_lives[] = {3600, 28800, 86400};
static const int g_p2_lives[] = {1800, 3600, 28800};
static const int g_p2_kbs[] = {0, 1843200, 4608000};
static const char *const g_plain_keys[] = {"Correct-Horse-Battery-9", "Kx9-Vbn2.Qwe7-Lop4!z",
					   "vpn-Branch.2024#7"};
static const char *const g_hex_keys[] = {"\x6a\x8f\xab\xcd\xef\x01\x23\x45",
					 "\x10\x20\x30\x40\x50\x60\x70\x80\x90",
					 "\xfe\xdc\xba\x98\x76\x54\x32\x10\x0f\x1e"};
static const char *const g_cipher_keys[] = {"%^%#PLACEHOLDER-CIPHER-ONE%^%#",
					    "%^%#PLACEHOLDER-CIPHER-TWO%^%#"};

static uint32_t rnd(uint64_t *st)
{
	*st = *st * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*st >> 33);
}

#define PICK(st, arr) ((arr)[rnd(st) % ARRAY_SIZE(arr)])

/* another value of the domain than cur */
static int other_int(uint64_t *st, const int *dom, size_t n, int cur)
{
	int v;

	do
		v = dom[rnd(st) % n];
	while (v == cur);
	return v;
}

#define OTHER(st, arr, cur) other_int((st), (arr), ARRAY_SIZE(arr), (cur))

/* a value of the domain that none of the n values of not[] is */
static int none_of(uint64_t *st, const int *dom, size_t n, const int * not, size_t nnot)
{
	for (;;) {
		int v = dom[rnd(st) % n];
		size_t k = 0;

		while (k < nnot && not [k] != v)
			k++;
		if (k == nnot)
			return v;
	}
}

#define NONE_OF(st, arr, not, nnot) none_of((st), (arr), ARRAY_SIZE(arr), (not ), (nnot))

static const char *other_key(uint64_t *st, const char *const *dom, size_t n, const char *cur)
{
	const char *v;

	do
		v = dom[rnd(st) % n];
	while (strcmp(v, cur) == 0);
	return v;
}

static const char *key_of(uint64_t *st, int form)
{
	if (form == KEY_PLAIN)
		return PICK(st, g_plain_keys);
	if (form == KEY_HEX)
		return PICK(st, g_hex_keys);
	return PICK(st, g_cipher_keys);
}

static int gcm(int enc)
{
	return enc >= ENC_AES128_GCM && enc <= ENC_AES256_GCM;
}

/* HQ's parameters at random, one to three ipsec proposals; BR1 its mirror image */
static void gen_mirror(uint64_t *st, struct spec s[2])
{
	struct spec *a = &s[0];

	pair2(s);
	a->vendor = PICK(st, g_vendors);
	a->versions = (unsigned)PICK(st, g_versions);
	a->exchange = PICK(st, g_exchanges);
	a->enc = PICK(st, g_encs);
	a->hash = PICK(st, g_integs);
	a->integ = PICK(st, g_integs);
	a->prf = PICK(st, g_prfs);
	a->dh = PICK(st, g_groups);
	a->auth = PICK(st, g_auths);
	a->psk_form = PICK(st, g_forms);
	a->psk = key_of(st, a->psk_form);
	a->esp_enc = PICK(st, g_esp_encs);
	/* a combined-mode cipher carries no integrity */
	a->esp_integ = gcm(a->esp_enc) ? INTEG_UNSET : PICK(st, g_esp_integs);
	a->nxp2 = rnd(st) % 3;
	for (size_t j = 0; j < a->nxp2; j++) {
		a->xp2_enc[j] = PICK(st, g_esp_encs);
		a->xp2_integ[j] = gcm(a->xp2_enc[j]) ? INTEG_UNSET : PICK(st, g_esp_integs);
	}
	a->mode = g_modes[rnd(st) % 2]; /* tunnel or transport; auto below */
	a->pfs = PICK(st, g_pfs);
	a->p1_life = PICK(st, g_p1_lives);
	a->p2_life = PICK(st, g_p2_lives);
	a->p2_kb = PICK(st, g_p2_kbs);
	s[1] = *a;
	s[1].name = "BR1";
	s[1].local = BR;
	s[1].remote = HQ;
	s[1].src = BR_NET;
	s[1].dst = HQ_NET;
	s[1].line0 = B_LINES;
	s[1].vendor = PICK(st, g_vendors);
	/* 86400 s is the Huawei default: either side may leave it to the vendor */
	for (int i = 0; i < 2; i++)
		if (s[i].p1_life == 86400 && rnd(st) % 2)
			s[i].p1_life_prov = rnd(st) % 2 ? PROV_DEFAULT : PROV_DEFAULT_ASSUMED;
	/* auto on one side takes the other's mode */
	if (rnd(st) % 4 == 0)
		s[rnd(st) % 2].mode = ENCAP_AUTO;
}

struct expect {
	const char *rule; /* NULL: nothing fires */
	uint32_t la, lb;  /* HQ's line, BR1's line (without B_LINES) */
	const char *kw;
};

static unsigned negotiated(const struct spec s[2])
{
	unsigned common = s[0].versions & s[1].versions;

	return common & IKE_V2 ? 2 : common ? 1 : 0;
}

/*
 * The faults that change one int field of a side (versions is unsigned) to
 * another value of its domain: the rule fires, at the field's line on both
 * sides, when the IKE version both negotiate is need (0: none), whatever it
 * is when need is -1.
 */
struct field_fault {
	enum fault f;
	size_t off; /* of the field in struct spec */
	const int *dom;
	size_t ndom;
	int need;
	struct expect e;
};

#define FIELD_FAULT(f, field, dom, need, rule, ln, kw)                       \
	{                                                                    \
		f, offsetof(struct spec, field), dom, ARRAY_SIZE(dom), need, \
		{                                                            \
			rule, ln, ln, kw                                     \
		}                                                            \
	}

static const struct field_fault field_faults[] = {
	FIELD_FAULT(F_VERSIONS, versions, g_versions, 0, "ike-version-mismatch", LN_VERS, "only"),
	FIELD_FAULT(F_EXCHANGE, exchange, g_exchanges, 1, "exchange-mode-mismatch", LN_XCHG, "IKEv1 "),
	FIELD_FAULT(F_AUTH, auth, g_auths, -1, "auth-method-mismatch", LN_AUTH, "authentication by "),
	FIELD_FAULT(F_ENC, enc, g_encs, -1, "ike-proposal-mismatch", LN_ENC, ": encryption "),
	FIELD_FAULT(F_HASH, hash, g_integs, 1, "ike-proposal-mismatch", LN_HASH, ": hash "),
	FIELD_FAULT(F_INTEG, integ, g_integs, 2, "ike-proposal-mismatch", LN_INTEG, ": integrity "),
	FIELD_FAULT(F_PRF, prf, g_prfs, 2, "ike-proposal-mismatch", LN_PRF, ": prf "),
	FIELD_FAULT(F_DH, dh, g_groups, -1, "dh-group-mismatch", LN_DH, "but for the DH group"),
	FIELD_FAULT(F_PFS, pfs, g_pfs, -1, "pfs-mismatch", LN_PFS, "PFS "),
};

/* Plant fault f on side x of s; what should fire. */
static struct expect plant(uint64_t *st, struct spec s[2], enum fault f, int x, char *keybuf)
{
	struct spec *c = &s[x], *o = &s[1 - x];
	struct expect e = {0};
	bool psk = c->auth == AUTH_PSK;

	for (size_t i = 0; i < ARRAY_SIZE(field_faults); i++) {
		const struct field_fault *ff = &field_faults[i];
		int *v = (int *)((char *)c + ff->off);

		if (ff->f != f)
			continue;
		*v = other_int(st, ff->dom, ff->ndom, *v);
		if (ff->need < 0 || (int)negotiated(s) == ff->need)
			e = ff->e;
		return e;
	}
	switch (f) {
	case F_PSK:
		/* another key of the same form: a device cipher stays unverifiable */
		c->psk = other_key(st,
				   c->psk_form == KEY_PLAIN ? g_plain_keys :
				   c->psk_form == KEY_HEX   ? g_hex_keys :
							      g_cipher_keys,
				   c->psk_form == KEY_DEVICE_CIPHER ? ARRAY_SIZE(g_cipher_keys) : 3, c->psk);
		if (psk && c->psk_form != KEY_DEVICE_CIPHER)
			e = (struct expect){"psk-mismatch", LN_PSK, LN_PSK, "pre-shared keys differ"};
		break;
	case F_PSK_FORM:
		if (c->psk_form == KEY_HEX) {
			/* the hex key's digits as plain text, in either case, with or without 0x */
			const uint8_t *b = (const uint8_t *)c->psk;
			unsigned up = rnd(st) % 2 ? 16 : 0;
			size_t n = 0;

			if (rnd(st) % 2) {
				keybuf[n++] = '0';
				keybuf[n++] = up ? 'X' : 'x';
			}
			for (; *b; b++) {
				keybuf[n++] = hexdig[up + (*b >> 4)];
				keybuf[n++] = hexdig[up + (*b & 15)];
			}
			keybuf[n] = '\0';
			c->psk_form = KEY_PLAIN;
			c->psk = keybuf;
			if (psk)
				e = (struct expect){"psk-format-mismatch", LN_PSK, LN_PSK,
						    "the same key text is read as"};
		} else {
			/* the key left out: that side's finding is at its peer */
			c->psk_form = KEY_NONE;
			c->psk = NULL;
			if (psk)
				e = (struct expect){"psk-format-mismatch", x == 0 ? LN_PEER : LN_PSK,
						    x == 1 ? LN_PEER : LN_PSK, "<psk: none>"};
		}
		break;
	/*
	 * An ipsec transform changes in every proposal of the side, to a value
	 * none of the other side's proposals has: no pair agrees, and the first
	 * pair (the first proposals) is among the closest, one difference.
	 */
	case F_ESP_ENC: {
		int not [3] = {o->esp_enc, o->xp2_enc[0], o->xp2_enc[1]};
		int v = NONE_OF(st, g_esp_encs, not, 1 + o->nxp2);

		c->esp_enc = v;
		for (size_t j = 0; j < c->nxp2; j++)
			c->xp2_enc[j] = v;
		e = (struct expect){"ipsec-proposal-mismatch", LN_ESPENC, LN_ESPENC, ": esp encryption "};
		break;
	}
	case F_ESP_INTEG: {
		int not [3] = {o->esp_integ, o->xp2_integ[0], o->xp2_integ[1]};
		int v = NONE_OF(st, g_esp_integs, not, 1 + o->nxp2);

		c->esp_integ = v;
		for (size_t j = 0; j < c->nxp2; j++)
			c->xp2_integ[j] = v;
		/* integrity against none: the side without points at its proposal */
		e = (struct expect){"ipsec-proposal-mismatch", s[0].esp_integ ? LN_ESPINT : LN_P2,
				    s[1].esp_integ ? LN_ESPINT : LN_P2, ": esp integrity "};
		break;
	}
	case F_MODE:
		c->mode = OTHER(st, g_modes, c->mode);
		if (c->mode != o->mode && c->mode != ENCAP_AUTO && o->mode != ENCAP_AUTO)
			e = (struct expect){"encapsulation-mismatch", LN_MODE, LN_MODE, " mode here, "};
		break;
	case F_P1_LIFE:
		if (rnd(st) % 4 == 0) {
			c->p1_life_prov = PROV_UNSET; /* unknown: nothing to compare */
			break;
		}
		c->p1_life = OTHER(st, g_p1_lives, (int)c->p1_life);
		c->p1_life_prov = PROV_WRITTEN;
		e = (struct expect){
			"lifetime-mismatch", s[0].p1_life_prov == PROV_WRITTEN ? LN_P1LIFE : LN_P1,
			s[1].p1_life_prov == PROV_WRITTEN ? LN_P1LIFE : LN_P1, "IKE SA lifetime "};
		break;
	case F_P2_LIFE:
		c->p2_life = OTHER(st, g_p2_lives, (int)c->p2_life);
		e = (struct expect){"lifetime-mismatch", LN_P2LIFE, LN_P2LIFE, " s here, "};
		break;
	case F_P2_KB:
		c->p2_kb = OTHER(st, g_p2_kbs, (int)c->p2_kb);
		if (c->p2_kb && o->p2_kb)
			e = (struct expect){"lifetime-mismatch", LN_P2KB, LN_P2KB, " KB here, "};
		break;
	case F_FLOW:
		/* one side protects half of what the other does */
		c->dst = x == 0 ? "10.2.0.0/25" : "10.1.0.0/25";
		e = (struct expect){negotiated(s) == 2 ? "flow-narrowed" : "flow-mismatch", LN_ACL, LN_ACL,
				    x == 0 ? "a strict subset of the mirror" :
					     "a strict superset of the mirror"};
		break;
	case F_VERSIONS:
	case F_EXCHANGE:
	case F_AUTH:
	case F_ENC:
	case F_HASH:
	case F_INTEG:
	case F_PRF:
	case F_DH:
	case F_PFS: /* field_faults[] */
	case F__COUNT:
		break;
	}
	return e;
}

/*
 * psk-unverifiable: both sides authenticate by key, a version is negotiated,
 * both have a key and one of them is a device cipher.
 */
static bool unverifiable(const struct spec s[2])
{
	return s[0].auth == AUTH_PSK && s[1].auth == AUTH_PSK && negotiated(s) && s[0].psk_form != KEY_NONE &&
	       s[1].psk_form != KEY_NONE &&
	       (s[0].psk_form == KEY_DEVICE_CIPHER || s[1].psk_form == KEY_DEVICE_CIPHER);
}

/* findings neither of the expected rule nor psk-unverifiable (info), counted apart */
static size_t count_others(const struct run *r, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < r->fs.n; i++) {
		const char *id = rule_info(r->fs.v[i].rule)->id;
		n += strcmp(id, "psk-unverifiable") != 0 && (!rule || strcmp(id, rule) != 0);
	}
	return n;
}

Test(pairs, planted_fault_fires_exactly_its_rule)
{
	uint64_t st = 20240611;
	size_t fired[F__COUNT] = {0};

	for (int i = 0; i < 540; i++) {
		enum fault f = (enum fault)(i % F__COUNT);
		int x = (int)(rnd(&st) % 2);
		struct spec s[2];
		struct run r;
		struct expect e;
		char keybuf[64];
		bool unver;

		gen_mirror(&st, s);
		unver = s[0].auth == AUTH_PSK && s[0].psk_form == KEY_DEVICE_CIPHER && negotiated(s);
		cr_assert_eq(unverifiable(s), unver);
		run_specs(&r, s, 2);
		if (r.fs.n != unver)
			dump(&r);
		cr_assert_eq(r.pairs.n, 1, "step %d: the mirror pairs", i);
		cr_assert_eq(count_others(&r, NULL), 0, "step %d: a mirror image has no finding", i);
		cr_assert_eq(count_id(&r, "psk-unverifiable"), unver, "step %d: device ciphers", i);
		run_free(&r);

		e = plant(&st, s, f, x, keybuf);
		run_specs(&r, s, 2);
		snprintf(ctx, sizeof(ctx), "step %d, %s changed on %s, IKEv%u: ", i, fault_names[f],
			 s[x].name, negotiated(s));
		if (e.rule) {
			expect_only(&r, e.rule, e.la, B_LINES + e.lb, e.kw);
			fired[f]++;
		}
		if (count_others(&r, e.rule))
			dump(&r);
		cr_assert_eq(count_others(&r, e.rule), 0, "%snothing but %s", ctx,
			     e.rule ? e.rule : "(nothing)");
		/* what the planted sides imply: the key kept, left out, or no longer used */
		if (count_id(&r, "psk-unverifiable") != unverifiable(s))
			dump(&r);
		cr_assert_eq(count_id(&r, "psk-unverifiable"), unverifiable(s), "%spsk-unverifiable %s", ctx,
			     unverifiable(s) ? "expected once" : "not expected");
		run_free(&r);
	}
	ctx[0] = '\0';
	/* every kind of fault was caught at least once: the draws reach every rule */
	for (int f = 0; f < F__COUNT; f++)
		cr_assert_gt(fired[f], 0, "fault %s never fired", fault_names[f]);
}

/* An arena for devices built by hand, and what chk_pairs() makes of them. */
struct hand {
	struct arena *ar;
	struct findings fs;
	struct pair_list pl;
};

static struct hand hand_new(void)
{
	return (struct hand){.ar = arena_new()};
}

static void hand_free(struct hand *h)
{
	fnd_free(&h->fs);
	chk_pairs_free(&h->pl);
	arena_free(h->ar);
}

/* a hub with many spokes pairs each spoke once, linear in the spokes */
Test(pairs, hub_and_spokes)
{
	struct hand h = hand_new();
	struct device *devs[65];
	struct device *hub = model_device_new(h.ar, &fake_src);
	struct addrspec hub_ip = host_of(HQ);
	struct origin o = written(1);

	hub->name = "HUB";
	model_device_add_addr(hub, &hub_ip, "if", &o);
	devs[0] = hub;
	for (int i = 0; i < 64; i++) {
		char ip[32], name[16], br_net[32];
		struct spec s;
		struct tunnel *t;
		struct addrspec rem;

		snprintf(ip, sizeof(ip), "203.0.113.%d", i + 1);
		snprintf(name, sizeof(name), "BR%d", i);
		snprintf(br_net, sizeof(br_net), "10.%d.0.0/24", i + 10);
		s = base(name, ip, HQ, br_net, HQ_NET);
		devs[i + 1] = build(h.ar, &s);
		s = base("HUB", HQ, ip, HQ_NET, br_net);
		/* the hub's tunnel to this spoke */
		{
			struct device *tmp = build(h.ar, &s);
			t = tmp->tunnels[0];
			t->dev = hub;
			t->id = arena_printf(h.ar, "HUB/ipsec-policy:map:%d", i + 10);
			rem = host_of(ip);
			(void)rem;
			t->seq = i + 10;
			if (hub->ntunnels == hub->tunnels_cap) {
				size_t nc = hub->tunnels_cap ? hub->tunnels_cap * 2 : 8;
				struct tunnel **nv = ARENA_NEWV(h.ar, struct tunnel *, nc);
				if (hub->ntunnels)
					memcpy(nv, hub->tunnels, hub->ntunnels * sizeof(*nv));
				hub->tunnels = nv;
				hub->tunnels_cap = nc;
			}
			hub->tunnels[hub->ntunnels++] = t;
		}
	}
	chk_pairs(devs, 65, NULL, &h.fs, &h.pl);
	cr_assert_eq(h.pl.n, 64, "every spoke paired once, got %zu", h.pl.n);
	for (size_t i = 0; i < h.fs.n; i++)
		cr_assert_neq(h.fs.v[i].sev, SEV_ERROR, "unexpected error: %s", h.fs.v[i].message);
	hand_free(&h);
}

/*
 * A hub with an address of its own per spoke (a tunnel interface each, as a
 * route-based hub has): whether the pairing starts from the hub (many
 * addresses) or from a spoke (one), each hub tunnel pairs with its spoke.
 */
Test(pairs, hub_with_an_address_per_spoke)
{
	enum { N = 48 };
	struct hand h = hand_new();
	struct device *devs[N + 1];
	struct tunnel *hub_t[N];
	struct device *hub = model_device_new(h.ar, &fake_src);
	struct origin o = written(1);

	hub->name = "HUB";
	devs[0] = hub;
	for (int i = 0; i < N; i++) {
		char hub_ip[32], br_ip[32], name[16], br_net[32];
		struct spec s;
		struct addrspec a;

		snprintf(hub_ip, sizeof(hub_ip), "198.51.100.%d", i + 1);
		snprintf(br_ip, sizeof(br_ip), "203.0.113.%d", i + 1);
		snprintf(name, sizeof(name), "BR%d", i);
		snprintf(br_net, sizeof(br_net), "10.%d.0.0/24", i + 10);
		s = base(name, br_ip, hub_ip, br_net, HQ_NET);
		devs[i + 1] = build(h.ar, &s);
		s = base("HUB", hub_ip, br_ip, HQ_NET, br_net);
		hub_t[i] = build(h.ar, &s)->tunnels[0];
		hub_t[i]->dev = hub;
		hub_t[i]->id = arena_printf(h.ar, "HUB/ipsec-profile:BR%d", i);
		a = host_of(hub_ip);
		model_device_add_addr(hub, &a, "Tunnel", &o);
	}
	hub->tunnels = hub_t;
	hub->ntunnels = hub->tunnels_cap = N;
	chk_pairs(devs, N + 1, NULL, &h.fs, &h.pl);
	cr_assert_eq(h.pl.n, N, "every spoke paired once, got %zu", h.pl.n);
	for (size_t i = 0; i < h.pl.n; i++) {
		const struct tunnel_pair *tp = &h.pl.v[i];
		int k;

		cr_assert_eq(tp->a->dev, hub, "the hub, named first, is A");
		cr_assert_eq(sscanf(tp->a->id, "HUB/ipsec-profile:BR%d", &k), 1);
		cr_assert_eq(tp->b->dev, devs[k + 1], "%s pairs with BR%d, not %s", tp->a->id, k,
			     tp->b->dev->name);
	}
	for (size_t i = 0; i < h.fs.n; i++)
		cr_assert_neq(h.fs.v[i].sev, SEV_ERROR, "unexpected error: %s", h.fs.v[i].message);
	hand_free(&h);
}

/*
 * A spoke whose hub has no tunnel back to it pairs with nothing, however
 * many of the hub's remote addresses share a bucket of the remote index
 * with the spoke's own addresses: only an equal address points back. (The
 * spoke has 200 addresses and the hub 300 remotes, so the spoke's side is
 * the one probed, and some of its addresses land in a bucket of the hub's.)
 */
Test(pairs, a_remote_in_the_same_bucket_is_not_a_partner)
{
	struct hand h = hand_new();
	struct device *devs[2];
	struct spec s = base("HUB", HQ, "198.51.99.1", HQ_NET, BR_NET);
	struct origin o = written(1);
	struct tunnel *t;

	devs[0] = build(h.ar, &s);
	t = devs[0]->tunnels[0];
	for (int i = 2; i <= 300; i++) {
		char ip[32];
		struct addrspec a;

		snprintf(ip, sizeof(ip), "198.51.%d.%d", 100 + i / 250, i % 250 + 1);
		a = host_of(ip);
		model_tunnel_add_remote(t, &a, &o);
	}
	cr_assert_eq(t->nremotes, 300);
	s = base("BR1", BR, HQ, BR_NET, HQ_NET);
	devs[1] = build(h.ar, &s);
	for (int i = 1; i < 200; i++) {
		char ip[32];
		struct addrspec a;

		snprintf(ip, sizeof(ip), "192.0.%d.%d", 2 + i / 250, i % 250 + 1);
		a = host_of(ip);
		model_device_add_addr(devs[1], &a, "LoopBack", &o);
	}
	cr_assert_eq(devs[1]->naddrs, 200);
	chk_pairs(devs, 2, NULL, &h.fs, &h.pl);
	for (size_t i = 0; i < h.pl.n; i++)
		cr_assert(!h.pl.v[i].a || !h.pl.v[i].b, "%s paired with %s, which does not point back",
			  h.pl.v[i].a->id, h.pl.v[i].b->id);
	hand_free(&h);
}

/*
 * Every address of a device with many is in the owner index, whichever
 * share a bucket: 300 spokes point at 300 addresses of one hub that has no
 * tunnel back, and each is told the hub owns its peer address.
 */
Test(pairs, every_address_of_a_device_with_many_is_owned)
{
	enum { N = 300 };
	struct hand h = hand_new();
	struct device *devs[N + 1];
	struct device *hub = model_device_new(h.ar, &fake_src);
	struct origin o = written(1);
	size_t one_sided = 0;
	uint64_t x = 1;

	hub->name = "HUB";
	devs[0] = hub;
	for (int i = 0; i < N; i++) {
		char hub_ip[32], br_ip[32], name[16];
		struct spec s;
		struct addrspec a;

		/* scattered, as a real hub's are, not consecutive (that hashes apart too easily) */
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		snprintf(hub_ip, sizeof(hub_ip), "10.%u.%u.%u", (unsigned)(x >> 56),
			 (unsigned)(x >> 48) & 0xff, (unsigned)(x >> 40) % 254 + 1);
		snprintf(br_ip, sizeof(br_ip), "203.0.%d.%d", 113 + i / 250, i % 250 + 1);
		snprintf(name, sizeof(name), "BR%d", i);
		s = base(name, br_ip, hub_ip, BR_NET, HQ_NET);
		devs[i + 1] = build(h.ar, &s);
		a = host_of(hub_ip);
		model_device_add_addr(hub, &a, "Tunnel", &o);
	}
	chk_pairs(devs, N + 1, NULL, &h.fs, &h.pl);
	for (size_t i = 0; i < h.fs.n; i++) {
		cr_assert_eq(h.fs.v[i].rule, R_PEER_ONE_SIDED, "%s", h.fs.v[i].message);
		cr_assert_not_null(strstr(h.fs.v[i].message, "HUB"), "%s", h.fs.v[i].message);
		one_sided++;
	}
	cr_assert_eq(one_sided, N, "one peer-one-sided a spoke, got %zu", one_sided);
	hand_free(&h);
}

/* ---- the real hub and spokes of ../shared/realworld/huawei ------------------ */

Test(pairs_realworld, luschaev_hub_and_two_spokes)
{
	static const char *const paths[] = {
		RW "huawei/luschaev-ar1000v-hub-hq01.cfg",
		RW "huawei/luschaev-ar1000v-spoke-br01.cfg",
		RW "huawei/luschaev-ar1000v-spoke-br02.cfg",
	};
	struct parsed_file pf[3];
	struct device *devs[3];
	struct findings fs = {0};
	struct pair_list pl = {0};

	NEED_REALWORLD();
	for (size_t i = 0; i < 3; i++) {
		char *err = NULL;

		cr_assert_eq(parse_file(&pf[i], paths[i], VENDOR_UNKNOWN, &err), 0, "%s: %s", paths[i],
			     err ? err : "");
		cr_assert_not_null(pf[i].dev, "%s is modelled", paths[i]);
		devs[i] = pf[i].dev;
	}
	chk_pairs(devs, 3, NULL, &fs, &pl);
	cr_assert_eq(pl.n, 2, "each spoke pairs with the hub once (%zu pairs)", pl.n);
	for (size_t i = 0; i < pl.n; i++) {
		const struct tunnel_pair *tp = &pl.v[i];
		const char *want_b = strstr(tp->a->id, "BR-01") ? "Border01-BR01" : "Border01-BR02";

		cr_assert_str_eq(tp->a->dev->name, "Border01-HQ01", "the hub, named first, is A");
		cr_assert_str_eq(tp->b->dev->name, want_b, "%s faces %s", tp->a->id, want_b);
	}
	cr_assert_neq(strcmp(pl.v[0].b->dev->name, pl.v[1].b->dev->name), 0, "two different spokes");
	for (size_t i = 0; i < fs.n; i++) {
		cr_assert_neq(fs.v[i].sev, SEV_ERROR, "no error between the real hub and spokes: %s [%s]",
			      fs.v[i].message, rule_info(fs.v[i].rule)->id);
		cr_assert_neq(fs.v[i].rule, R_PEER_ONE_SIDED);
		cr_assert_neq(fs.v[i].rule, R_PEER_MISSING);
	}
	fnd_free(&fs);
	chk_pairs_free(&pl);
	for (size_t i = 0; i < 3; i++)
		parsed_file_free(&pf[i]);
}
