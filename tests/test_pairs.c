/* SPDX-License-Identifier: MIT */
/*
 * tests/test_pairs.c - pairing and the cross-peer rules on models built in
 * memory: each rule fires on a firing case and stays quiet on its near miss,
 * and the properties of rules.md hold (symmetry, mirror images, unrelated
 * devices change nothing).
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "model/selector.h"
#include "parsers/parser.h"

/* ---- a small device factory ---------------------------------------------- */

struct spec {
	const char *name;
	const char *local;     /* own address */
	const char *remote;    /* peer address, NULL for a template */
	const char *src, *dst; /* protected flow: prefixes "10.1.1.0/24" */
	unsigned versions;
	int exchange;
	int enc, hash, integ, dh;
	int auth;
	int psk_form;
	const char *psk;
	int esp_enc, esp_integ;
	int mode;
	int pfs;
	int64_t p1_life, p2_life;
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
		.versions = IKE_V1 | IKE_V2,
		.exchange = XCHG_MAIN,
		.enc = ENC_AES256,
		.hash = INTEG_SHA256,
		.integ = INTEG_SHA256,
		.dh = 14,
		.auth = AUTH_PSK,
		.psk_form = KEY_PLAIN,
		.psk = "Correct-Horse-Battery-9",
		.esp_enc = ENC_AES256,
		.esp_integ = INTEG_SHA256,
		.mode = ENCAP_TUNNEL,
		.pfs = 0,
		.p1_life = 86400,
		.p2_life = 3600,
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

static struct addrspec host(const char *ip)
{
	struct ip128 a;
	uint8_t fam;

	cr_assert(addr_parse_ip(ip, &a, &fam), "bad test address %s", ip);
	return aspec_host(&a, fam);
}

static struct addrspec prefix(const char *text)
{
	char buf[64];
	char *slash;
	struct ip128 a;
	uint8_t fam;

	strncpy(buf, text, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	slash = strchr(buf, '/');
	cr_assert(slash);
	*slash = '\0';
	cr_assert(addr_parse_ip(buf, &a, &fam));
	return aspec_prefix(&a, fam, (unsigned)atoi(slash + 1));
}

static struct device *build(struct arena *ar, const struct spec *s)
{
	struct device *d = model_device_new(ar, &fake_src);
	struct addrspec own = host(s->local);
	struct tunnel *t;
	struct ike *k;
	struct ike_proposal *p1;
	struct ipsec_proposal *p2;
	struct sel_list *l;
	struct selector *r;
	struct origin o = written(1);

	d->name = arena_strdup(ar, s->name);
	d->vendor = VENDOR_HUAWEI;
	model_device_add_addr(d, &own, "GigabitEthernet0/0/1", &o);
	t = model_tunnel_new(d, s->kind, "ipsec-policy:map:10", "ipsec policy map 10", &o.span);
	t->group = "map";
	t->seq = 10;
	t->applied = true;
	t->local.addr = own;
	t->local.o = o;
	if (s->remote) {
		struct addrspec rem = host(s->remote);
		struct origin ro = written(2);
		model_tunnel_add_remote(t, &rem, &ro);
	}

	k = ARENA_NEW(ar, struct ike);
	k->peer_name = "peer";
	k->peer_span = at(3);
	k->versions.v = s->versions;
	k->versions.o = written(4);
	k->exchange.v = s->exchange;
	k->exchange.o = written(5);
	p1 = ARENA_NEW(ar, struct ike_proposal);
	p1->name = "10";
	p1->span = at(6);
	algset_add(&p1->enc, (unsigned)s->enc);
	p1->enc.o = written(7);
	algset_add(&p1->hash, (unsigned)s->hash);
	p1->hash.o = written(8);
	algset_add(&p1->integ, (unsigned)s->integ);
	p1->integ.o = written(8);
	algset_add(&p1->prf, INTEG_SHA256);
	algset_add(&p1->dh, (unsigned)s->dh);
	p1->dh.o = written(9);
	p1->auth.v = s->auth;
	p1->auth.o = written(10);
	p1->lifetime_s.v = s->p1_life;
	p1->lifetime_s.o = written(11);
	k->proposals = ARENA_NEWV(ar, struct ike_proposal *, 1);
	k->proposals[0] = p1;
	k->nproposals = 1;
	k->psk.form = (enum key_form)s->psk_form;
	if (s->psk) {
		k->psk.len = strlen(s->psk);
		k->psk.bytes = (uint8_t *)arena_strdup(ar, s->psk);
	}
	k->psk.o = written(12);
	t->ike = k;

	p2 = ARENA_NEW(ar, struct ipsec_proposal);
	p2->name = "prop";
	p2->span = at(13);
	p2->proto.v = PROTO_ESP;
	p2->proto.o.prov = PROV_DEFAULT;
	algset_add(&p2->esp_enc, (unsigned)s->esp_enc);
	p2->esp_enc.o = written(14);
	algset_add(&p2->esp_integ, (unsigned)s->esp_integ);
	p2->esp_integ.o = written(15);
	p2->mode.v = s->mode;
	p2->mode.o = written(16);
	t->ipsec.proposals = ARENA_NEWV(ar, struct ipsec_proposal *, 1);
	t->ipsec.proposals[0] = p2;
	t->ipsec.nproposals = 1;
	t->ipsec.pfs.v = s->pfs;
	t->ipsec.pfs.o = written(17);
	t->ipsec.lifetime_s.v = s->p2_life;
	t->ipsec.lifetime_s.o = written(18);

	if (s->src) {
		struct span ls = at(19);
		l = model_sel_list_new(d, "3000", &ls);
		r = model_sel_list_add(d, l);
		r->action = SEL_PERMIT;
		r->src = prefix(s->src);
		r->dst = prefix(s->dst);
		r->line = 20;
		t->selectors = l;
	}
	return d;
}

struct run {
	struct arena *ar;
	struct findings fs;
	struct pair_list pairs;
	struct device *devs[8];
	size_t n;
};

static void run_specs(struct run *r, const struct spec *specs, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->ar = arena_new();
	for (size_t i = 0; i < n; i++)
		r->devs[i] = build(r->ar, &specs[i]);
	r->n = n;
	chk_pairs(r->devs, n, NULL, &r->fs, &r->pairs);
}

static void run_free(struct run *r)
{
	fnd_free(&r->fs);
	chk_pairs_free(&r->pairs);
	arena_free(r->ar);
}

static size_t count_rule(const struct run *r, const char *id)
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

static size_t count_errors(const struct run *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->fs.n; i++)
		n += r->fs.v[i].sev == SEV_ERROR;
	return n;
}

#define HQ "198.51.100.1"
#define BR "203.0.113.7"
#define HQ_NET "10.1.0.0/24"
#define BR_NET "10.2.0.0/24"

/* ---- pairing --------------------------------------------------------------- */

Test(pairs, mirror_images_pair_cleanly)
{
	struct spec s[2] = {base("HQ", HQ, BR, HQ_NET, BR_NET), base("BR1", BR, HQ, BR_NET, HQ_NET)};
	struct run r;

	run_specs(&r, s, 2);
	cr_assert_eq(r.pairs.n, 1, "one pair, got %zu", r.pairs.n);
	cr_assert_eq(r.pairs.v[0].a->dev, r.devs[0], "A is the device named first");
	cr_assert_eq(r.fs.n, 0, "no finding, got %zu (first: %s)", r.fs.n, r.fs.n ? r.fs.v[0].message : "");
	cr_assert_eq(r.devs[0]->tunnels[0]->peer, r.devs[1]->tunnels[0]);
	run_free(&r);
}

Test(pairs, peer_missing_is_info)
{
	struct spec s[1] = {base("HQ", HQ, BR, HQ_NET, BR_NET)};
	struct run r;

	run_specs(&r, s, 1);
	cr_assert_eq(count_rule(&r, "peer-missing"), 1);
	cr_assert_eq(find_rule(&r, "peer-missing")->sev, SEV_INFO);
	cr_assert_eq(r.pairs.n, 0);
	run_free(&r);
}

Test(pairs, one_sided_names_nearest)
{
	struct spec s[2] = {base("HQ", HQ, BR, HQ_NET, BR_NET),
			    base("BR1", BR, "192.0.2.99", BR_NET, HQ_NET)};
	struct run r;
	const struct finding *f;

	run_specs(&r, s, 2);
	f = find_rule(&r, "peer-one-sided");
	cr_assert_not_null(f);
	cr_assert(strstr(f->message, "'BR1' has no tunnel back to 'HQ'"), "message: %s", f->message);
	cr_assert_eq(f->nrelated, 1, "names the nearest unmatched tunnel");
	run_free(&r);
}

Test(pairs, responder_template_accepts)
{
	struct spec s[2] = {base("HQ", HQ, NULL, NULL, NULL), base("BR1", BR, HQ, BR_NET, HQ_NET)};
	struct run r;

	s[0].kind = TK_TEMPLATE;
	run_specs(&r, s, 2);
	cr_assert_eq(r.pairs.n, 1);
	cr_assert_eq(count_rule(&r, "peer-one-sided"), 0);
	cr_assert_eq(count_errors(&r), 0);
	run_free(&r);
}

/* ---- every rule: firing and near miss ------------------------------------- */

struct rule_case {
	const char *rule;
	void (*mutate)(struct spec *a, struct spec *b);
	bool fires;
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
static void m_enc(struct spec *a, struct spec *b)
{
	(void)b;
	a->enc = ENC_AES128;
}
static void m_hash_v2(struct spec *a, struct spec *b)
{
	(void)b;
	a->hash = INTEG_SHA1; /* IKEv1 hash differs but IKEv2 is negotiated */
}
static void m_dh(struct spec *a, struct spec *b)
{
	(void)b;
	a->dh = 19;
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
static void m_psk_cipher(struct spec *a, struct spec *b)
{
	(void)b;
	a->psk_form = KEY_DEVICE_CIPHER;
}
static void m_psk_none(struct spec *a, struct spec *b)
{
	(void)b;
	a->psk_form = KEY_NONE;
	a->psk = NULL;
}
static void m_esp(struct spec *a, struct spec *b)
{
	(void)b;
	a->esp_enc = ENC_3DES;
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
static void m_nothing(struct spec *a, struct spec *b)
{
	(void)a;
	(void)b;
}

static const struct rule_case cases[] = {
	{"ike-version-mismatch", m_versions, true},
	{"ike-version-mismatch", m_versions_near, false},
	{"exchange-mode-mismatch", m_exchange, true},
	{"exchange-mode-mismatch", m_exchange_v2, false},
	{"auth-method-mismatch", m_auth, true},
	{"auth-method-mismatch", m_nothing, false},
	{"ike-proposal-mismatch", m_enc, true},
	{"ike-proposal-mismatch", m_hash_v2, false},
	{"dh-group-mismatch", m_dh, true},
	{"dh-group-mismatch", m_enc, false},
	{"psk-mismatch", m_psk, true},
	{"psk-mismatch", m_psk_hex, false},
	{"psk-format-mismatch", m_psk_hex, true},
	{"psk-format-mismatch", m_psk_none, true},
	{"psk-format-mismatch", m_psk, false},
	{"psk-unverifiable", m_psk_cipher, true},
	{"psk-unverifiable", m_nothing, false},
	{"ipsec-proposal-mismatch", m_esp, true},
	{"ipsec-proposal-mismatch", m_mode, false},
	{"encapsulation-mismatch", m_mode, true},
	{"encapsulation-mismatch", m_mode_auto, false},
	{"pfs-mismatch", m_pfs, true},
	{"pfs-mismatch", m_pfs_same, false},
	{"lifetime-mismatch", m_life, true},
	{"lifetime-mismatch", m_nothing, false},
	{"flow-mismatch", m_flow, true},
	{"flow-mismatch", m_flow_v1_subset, true},
	{"flow-mismatch", m_flow_v2_subset, false},
	{"flow-narrowed", m_flow_v2_subset, true},
	{"flow-narrowed", m_flow_v1_subset, false},
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
	struct spec s[2] = {base("HQ", HQ, BR, HQ_NET, BR_NET), base("BR1", BR, HQ, BR_NET, HQ_NET)};
	struct run r;
	const struct finding *f;

	c->mutate(&s[0], &s[1]);
	run_specs(&r, s, 2);
	f = find_rule(&r, c->rule);
	if (c->fires) {
		cr_assert_not_null(f, "%s should fire (%zu findings)", c->rule, r.fs.n);
		cr_assert_eq(f->loc.src, &fake_src);
		cr_assert_geq(f->nrelated, 1, "%s names the peer side", c->rule);
		cr_assert_str_eq(f->devices[0], "HQ");
		cr_assert_str_eq(f->devices[1], "BR1");
		cr_assert(strstr(f->message, "BR1"), "%s message names the peer: %s", c->rule, f->message);
		cr_assert_not(strstr(f->message, "Horse"), "never a key in a message: %s", f->message);
	} else {
		cr_assert_null(f, "%s should not fire: %s", c->rule, f ? f->message : "");
	}
	run_free(&r);
}

Test(pairs, pfs_ikev2_says_rekey)
{
	struct spec s[2] = {base("HQ", HQ, BR, HQ_NET, BR_NET), base("BR1", BR, HQ, BR_NET, HQ_NET)};
	struct run r;
	const struct finding *f;

	s[0].pfs = 14;
	s[0].versions = s[1].versions = IKE_V2;
	run_specs(&r, s, 2);
	f = find_rule(&r, "pfs-mismatch");
	cr_assert_not_null(f);
	cr_assert(strstr(f->message, "first child SA comes up"), "message: %s", f->message);
	cr_assert(strstr(f->message, "PFS group 14 here, none on 'BR1'"), "message: %s", f->message);
	run_free(&r);
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
		struct spec ab[2] = {base("HQ", HQ, BR, HQ_NET, BR_NET), base("BR1", BR, HQ, BR_NET, HQ_NET)};
		struct spec ba[2];
		struct run r1, r2;
		bool s1[R__COUNT], s2[R__COUNT];

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
		struct spec s[4] = {base("HQ", HQ, BR, HQ_NET, BR_NET), base("BR1", BR, HQ, BR_NET, HQ_NET),
				    base("X1", "192.0.2.1", "192.0.2.2", "10.7.0.0/24", "10.8.0.0/24"),
				    base("X2", "192.0.2.2", "192.0.2.1", "10.8.0.0/24", "10.7.0.0/24")};
		struct run r1, r2;
		size_t n2 = 0;

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

/* a device against its generated mirror image: no error, whatever the algorithms */
Test(pairs, generated_mirror_has_no_error)
{
	static const int encs[] = {ENC_AES128, ENC_AES256, ENC_3DES, ENC_AES256_GCM};
	static const int hashes[] = {INTEG_SHA1, INTEG_SHA256, INTEG_SHA512};
	static const int groups[] = {2, 14, 19, 20};
	unsigned seed = 12345;

	for (int i = 0; i < 200; i++) {
		struct spec s[2];
		struct run r;

		seed = seed * 1103515245u + 12345u;
		s[0] = base("HQ", HQ, BR, HQ_NET, BR_NET);
		s[0].enc = encs[(seed >> 8) % 4];
		s[0].hash = s[0].integ = hashes[(seed >> 12) % 3];
		s[0].dh = groups[(seed >> 16) % 4];
		s[0].pfs = (seed >> 20) % 2 ? groups[(seed >> 22) % 4] : 0;
		s[0].versions = 1u + (seed >> 24) % 3;
		s[0].mode = (seed >> 26) % 2 ? ENCAP_TRANSPORT : ENCAP_TUNNEL;
		s[1] = s[0];
		s[1].name = "BR1";
		s[1].local = BR;
		s[1].remote = HQ;
		s[1].src = BR_NET;
		s[1].dst = HQ_NET;
		run_specs(&r, s, 2);
		cr_assert_eq(count_errors(&r), 0, "seed step %d: %s", i, r.fs.n ? r.fs.v[0].message : "");
		cr_assert_eq(r.pairs.n, 1);
		run_free(&r);
	}
}

/* a hub with many spokes pairs each spoke once, linear in the spokes */
Test(pairs, hub_and_spokes)
{
	struct arena *ar = arena_new();
	struct device *devs[65];
	struct findings fs = {0};
	struct pair_list pl = {0};
	struct device *hub = model_device_new(ar, &fake_src);
	struct addrspec hub_ip = host(HQ);
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
		devs[i + 1] = build(ar, &s);
		s = base("HUB", HQ, ip, HQ_NET, br_net);
		/* the hub's tunnel to this spoke */
		{
			struct device *tmp = build(ar, &s);
			t = tmp->tunnels[0];
			t->dev = hub;
			t->id = arena_printf(ar, "HUB/ipsec-policy:map:%d", i + 10);
			rem = host(ip);
			(void)rem;
			t->seq = i + 10;
			if (hub->ntunnels == hub->tunnels_cap) {
				size_t nc = hub->tunnels_cap ? hub->tunnels_cap * 2 : 8;
				struct tunnel **nv = ARENA_NEWV(ar, struct tunnel *, nc);
				if (hub->ntunnels)
					memcpy(nv, hub->tunnels, hub->ntunnels * sizeof(*nv));
				hub->tunnels = nv;
				hub->tunnels_cap = nc;
			}
			hub->tunnels[hub->ntunnels++] = t;
		}
	}
	chk_pairs(devs, 65, NULL, &fs, &pl);
	cr_assert_eq(pl.n, 64, "every spoke paired once, got %zu", pl.n);
	for (size_t i = 0; i < fs.n; i++)
		cr_assert_neq(fs.v[i].sev, SEV_ERROR, "unexpected error: %s", fs.v[i].message);
	fnd_free(&fs);
	chk_pairs_free(&pl);
	arena_free(ar);
}

/*
 * A hub with an address of its own per spoke (a tunnel interface each, as a
 * route-based hub has): whether the pairing starts from the hub (many
 * addresses) or from a spoke (one), each hub tunnel pairs with its spoke.
 */
Test(pairs, hub_with_an_address_per_spoke)
{
	enum { N = 48 };
	struct arena *ar = arena_new();
	struct device *devs[N + 1];
	struct tunnel *hub_t[N];
	struct findings fs = {0};
	struct pair_list pl = {0};
	struct device *hub = model_device_new(ar, &fake_src);
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
		devs[i + 1] = build(ar, &s);
		s = base("HUB", hub_ip, br_ip, HQ_NET, br_net);
		hub_t[i] = build(ar, &s)->tunnels[0];
		hub_t[i]->dev = hub;
		hub_t[i]->id = arena_printf(ar, "HUB/ipsec-profile:BR%d", i);
		a = host(hub_ip);
		model_device_add_addr(hub, &a, "Tunnel", &o);
	}
	hub->tunnels = hub_t;
	hub->ntunnels = hub->tunnels_cap = N;
	chk_pairs(devs, N + 1, NULL, &fs, &pl);
	cr_assert_eq(pl.n, N, "every spoke paired once, got %zu", pl.n);
	for (size_t i = 0; i < pl.n; i++) {
		const struct tunnel_pair *tp = &pl.v[i];
		int k;

		cr_assert_eq(tp->a->dev, hub, "the hub, named first, is A");
		cr_assert_eq(sscanf(tp->a->id, "HUB/ipsec-profile:BR%d", &k), 1);
		cr_assert_eq(tp->b->dev, devs[k + 1], "%s pairs with BR%d, not %s", tp->a->id, k,
			     tp->b->dev->name);
	}
	for (size_t i = 0; i < fs.n; i++)
		cr_assert_neq(fs.v[i].sev, SEV_ERROR, "unexpected error: %s", fs.v[i].message);
	fnd_free(&fs);
	chk_pairs_free(&pl);
	arena_free(ar);
}

/* ---- the real hub and spokes of ../shared/realworld/huawei ------------------ */

Test(pairs_realworld, luschaev_hub_and_two_spokes)
{
	static const char *const paths[] = {
		"../shared/realworld/huawei/luschaev-ar1000v-hub-hq01.cfg",
		"../shared/realworld/huawei/luschaev-ar1000v-spoke-br01.cfg",
		"../shared/realworld/huawei/luschaev-ar1000v-spoke-br02.cfg",
	};
	struct parsed_file pf[3];
	struct device *devs[3];
	struct findings fs = {0};
	struct pair_list pl = {0};

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
		cr_assert_eq(tp->a->peer, tp->b);
		cr_assert_eq(tp->b->peer, tp->a);
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
