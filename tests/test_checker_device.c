/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_device.c - the single-device rules (rules.md sections
 * 2 and 3) on devices built in memory with the model builders.
 *
 * Every test starts from one clean device (one policy, its ACL, peer and
 * proposals, all referenced and applied: no finding at all), changes one
 * thing, and checks what a user would read: the rule, the line and the
 * message. Each rule has a firing case and a near miss that must stay
 * quiet. Line numbers follow a saved Huawei configuration:
 *
 *    2 acl number 3000            17 ike peer HQ               23 ipsec policy VPN 10 isakmp
 *    3  rule 5 permit ...         18  version 2                24  security acl 3000
 *    5 ipsec proposal P1          19  pre-shared-key ...       25  ike-peer HQ
 *    6  esp authentication-alg..  20  ike-proposal 10          26  proposal P1
 *    7  esp encryption-alg..      21  remote-address ...       28 interface GigabitEthernet0/0/1
 *    9 ike proposal 10                                         29  ip address 203.0.113.2 24
 *   10  encryption-algorithm     12 integrity-algorithm        30  ipsec policy VPN
 *   11  authentication-alg..     13 prf      14 dh group14
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "checker/internal.h"
#include "model/selector.h"
#include "tests/addr_text.h"
#include "tests/parse_helpers.h"

static struct source src = {.path = "dev.cfg"};

/* ---- building blocks --------------------------------------------------------- */

static struct span at(uint32_t line)
{
	return span_make(&src, line, 2, line, 20);
}

static struct origin written(uint32_t line)
{
	struct origin o = {at(line), PROV_WRITTEN};
	return o;
}

static struct origin deflt(uint32_t line, enum prov p)
{
	struct origin o = {at(line), p};
	return o;
}

static void algs(struct algset *s, const unsigned *v, size_t n, struct origin o)
{
	for (size_t i = 0; i < n; i++)
		algset_add(s, v[i]);
	s->o = o;
}

#define ALGS(set, o, ...)                                         \
	do {                                                      \
		const unsigned v_[] = {__VA_ARGS__};              \
		algs((set), v_, sizeof(v_) / sizeof(v_[0]), (o)); \
	} while (0)

/* the set holds these values only */
#define ONLY_ALGS(set, o, ...)                 \
	do {                                   \
		(set)->bits = 0;               \
		(set)->n = 0;                  \
		ALGS((set), (o), __VA_ARGS__); \
	} while (0)

struct fx {
	struct arena *ar;
	struct device *d;
	struct findings fs;
	/* the clean device's objects */
	struct tunnel *t;
	struct sel_list *acl;
	struct ike_proposal *p1;
	struct ipsec_proposal *p2;
};

static struct fx fx;

static struct sel_list *mk_acl(const char *name, uint32_t line)
{
	struct span s = at(line);

	model_def(fx.d, "acl", name, &s, false);
	return model_sel_list_new(fx.d, name, &s);
}

static struct selector *mk_rule(struct sel_list *l, uint32_t id, uint32_t line, bool permit, const char *from,
				const char *to)
{
	struct selector *r = model_sel_list_add(fx.d, l);

	r->action = permit ? SEL_PERMIT : SEL_DENY;
	r->src = prefix_of(from);
	r->dst = prefix_of(to);
	r->rule_id = id;
	r->line = line;
	r->col = 2;
	r->end_line = line;
	r->end_col = 60;
	return r;
}

/*
 * The policy's ACL holds just these rules, all permitting: rule 5 at line 3,
 * rule 10 at line 4 and so on, each from one prefix to the next of the list
 * (pairs, ending in NULL).
 */
static void only_rules(const char *from, ...)
{
	va_list ap;
	uint32_t i = 0;

	fx.acl->n = 0;
	va_start(ap, from);
	for (; from; from = va_arg(ap, const char *), i++)
		mk_rule(fx.acl, 5 * (i + 1), 3 + i, true, from, va_arg(ap, const char *));
	va_end(ap);
}

/* Define kind name at line (its span into *span); returns the name, copied into the arena. */
static const char *mk_def(const char *kind, const char *name, uint32_t line, struct span *span)
{
	const char *copy = arena_strdup(fx.ar, name);

	*span = at(line);
	model_def(fx.d, kind, name, span, false);
	return copy;
}

static struct ike_proposal *mk_ike_prop(const char *name, uint32_t line)
{
	struct ike_proposal *p = ARENA_NEW(fx.ar, struct ike_proposal);

	p->name = mk_def("ike proposal", name, line, &p->span);
	ALGS(&p->enc, written(line + 1), ENC_AES256);
	ALGS(&p->hash, written(line + 2), INTEG_SHA256);
	ALGS(&p->integ, written(line + 3), INTEG_SHA256);
	ALGS(&p->prf, written(line + 4), INTEG_SHA256);
	ALGS(&p->dh, written(line + 5), 14);
	p->auth.v = AUTH_PSK;
	p->auth.o = deflt(line, PROV_DEFAULT);
	p->lifetime_s.v = 86400;
	p->lifetime_s.o = deflt(line, PROV_DEFAULT);
	return p;
}

static struct ipsec_proposal *mk_ipsec_prop(const char *name, uint32_t line)
{
	struct ipsec_proposal *p = ARENA_NEW(fx.ar, struct ipsec_proposal);

	p->name = mk_def("ipsec proposal", name, line, &p->span);
	p->proto.v = PROTO_ESP;
	p->proto.o = deflt(line, PROV_DEFAULT);
	ALGS(&p->esp_integ, written(line + 1), INTEG_SHA256);
	ALGS(&p->esp_enc, written(line + 2), ENC_AES256);
	p->mode.v = ENCAP_TUNNEL;
	p->mode.o = deflt(line, PROV_DEFAULT);
	return p;
}

static void set_psk(struct key *k, enum key_form form, const char *text, struct origin o)
{
	k->form = form;
	k->len = strlen(text);
	k->bytes = (uint8_t *)arena_strdup(fx.ar, text);
	k->o = o;
}

/*
 * An isakmp policy GROUP SEQ at line, with its own ike peer (PEER at
 * peer_line, remote address) and the given proposals and ACL. It is
 * applied (the interface reference is the caller's business).
 */
static struct tunnel *mk_tunnel(const char *group, int seq, uint32_t line, const char *peer,
				uint32_t peer_line, const char *remote, struct ike_proposal *p1,
				struct ipsec_proposal *p2, struct sel_list *acl)
{
	char name[128], id[128];
	struct span s = at(line), ps = at(peer_line);
	struct tunnel *t;
	struct ike *k;

	snprintf(name, sizeof(name), "ipsec policy %s %d", group, seq);
	snprintf(id, sizeof(id), "ipsec-policy:%s:%d", group, seq);
	t = model_tunnel_new(fx.d, TK_ISAKMP, id, name, &s);
	t->group = arena_strdup(fx.ar, group);
	t->seq = seq;
	t->applied = true;
	t->applied_span = at(30);
	t->local.addr = host_of("203.0.113.2");
	t->local.o = deflt(line, PROV_DEFAULT);
	if (remote) {
		struct addrspec r = host_of(remote);
		struct origin ro = written(peer_line + 4);

		model_tunnel_add_remote(t, &r, &ro);
	}
	k = ARENA_NEW(fx.ar, struct ike);
	k->peer_name = arena_printf(fx.ar, "ike peer %s", peer);
	k->peer_span = ps;
	if (!model_find_def(fx.d, "ike peer", peer))
		model_def(fx.d, "ike peer", peer, &ps, false);
	k->versions.v = IKE_V2;
	k->versions.o = written(peer_line + 1);
	k->exchange.v = XCHG_MAIN;
	k->exchange.o = deflt(peer_line, PROV_DEFAULT_ASSUMED);
	set_psk(&k->psk, KEY_DEVICE_CIPHER, "%^%#PLACEHOLDER-CIPHER-NOT-A-REAL-KEY-00%^%#",
		written(peer_line + 2));
	k->proposals = ARENA_NEWV(fx.ar, struct ike_proposal *, 1);
	k->proposals[0] = p1;
	k->nproposals = 1;
	t->ike = k;
	{
		struct span r = at(peer_line + 3);

		model_ref(fx.d, "ike proposal", p1->name, &r);
	}
	t->ipsec.proposals = ARENA_NEWV(fx.ar, struct ipsec_proposal *, 1);
	t->ipsec.proposals[0] = p2;
	t->ipsec.nproposals = 1;
	t->ipsec.lifetime_s.v = 3600;
	t->ipsec.lifetime_s.o = deflt(line, PROV_DEFAULT_ASSUMED);
	t->ipsec.lifetime_kb.v = 1843200;
	t->ipsec.lifetime_kb.o = deflt(line, PROV_DEFAULT_ASSUMED);
	t->selectors = acl;
	{
		struct span a = at(line + 1), p = at(line + 2), q = at(line + 3);

		if (acl) {
			model_ref(fx.d, "acl", acl->name, &a);
			acl->refs++;
		}
		model_ref(fx.d, "ike peer", peer, &p);
		model_ref(fx.d, "ipsec proposal", p2->name, &q);
	}
	return t;
}

/* The policy group definition and its interface binding. */
static void bind_group(const char *group, uint32_t def_line, uint32_t if_line)
{
	struct span ds = at(def_line), is = at(if_line);

	if (!model_find_def(fx.d, "ipsec policy", group))
		model_def(fx.d, "ipsec policy", group, &ds, false);
	model_ref(fx.d, "ipsec policy", group, &is);
}

static void setup_clean(void)
{
	struct addrspec own = host_of("203.0.113.2");
	struct origin oo = written(29);

	memset(&fx, 0, sizeof(fx));
	fx.ar = arena_new();
	fx.d = model_device_new(fx.ar, &src);
	fx.d->name = "BR1";
	fx.d->vendor = VENDOR_HUAWEI;
	fx.d->dialect = DIALECT_HW_AR_NEW;
	model_device_add_addr(fx.d, &own, "GigabitEthernet0/0/1", &oo);

	fx.acl = mk_acl("3000", 2);
	mk_rule(fx.acl, 5, 3, true, "10.1.1.0/24", "10.2.0.0/16");
	fx.p2 = mk_ipsec_prop("P1", 5);
	fx.p1 = mk_ike_prop("10", 9);
	fx.t = mk_tunnel("VPN", 10, 23, "HQ", 17, "198.51.100.1", fx.p1, fx.p2, fx.acl);
	bind_group("VPN", 23, 30);
}

static void teardown_fx(void)
{
	fnd_free(&fx.fs);
	arena_free(fx.ar);
	memset(&fx, 0, sizeof(fx));
}

TestSuite(checker_device, .init = setup_clean, .fini = teardown_fx);

/* ---- running and looking ------------------------------------------------------- */

static void run(void)
{
	fnd_free(&fx.fs);
	model_resolve_refs(fx.d);
	chk_device(fx.d, &fx.fs);
}

static void dump(void)
{
	for (size_t i = 0; i < fx.fs.n; i++)
		cr_log_info("%s:%u: %s: %s", fx.fs.v[i].loc.src ? fx.fs.v[i].loc.src->path : "-",
			    fx.fs.v[i].loc.line, rule_info(fx.fs.v[i].rule)->id, fx.fs.v[i].message);
}

/* Exactly one finding of rule r, at line, with this message. */
static const struct finding *expect_one(enum rule_id r, uint32_t line, const char *msg)
{
	const struct finding *f = fs_nth(&fx.fs, r, 0);

	if (fs_count(&fx.fs, r) != 1)
		dump();
	cr_assert_eq(fs_count(&fx.fs, r), 1, "%s: %zu findings, expected 1", rule_info(r)->id,
		     fs_count(&fx.fs, r));
	cr_assert_eq(f->loc.src, &src);
	cr_assert_eq(f->loc.line, line, "%s at line %u, expected %u", rule_info(r)->id, f->loc.line, line);
	cr_assert_str_eq(f->message, msg);
	cr_assert_str_eq(f->devices[0], "BR1");
	cr_assert_null(f->devices[1]);
	return f;
}

static void expect_none(enum rule_id r)
{
	if (fs_count(&fx.fs, r))
		dump();
	cr_assert_eq(fs_count(&fx.fs, r), 0, "%s fired: %s", rule_info(r)->id, fs_nth(&fx.fs, r, 0)->message);
}

/* ---- the clean device ------------------------------------------------------------ */

Test(checker_device, clean_device_has_no_finding)
{
	run();
	if (fx.fs.n)
		dump();
	cr_assert_eq(fx.fs.n, 0);
}

Test(checker_device, null_arguments_are_ignored)
{
	chk_device(NULL, &fx.fs);
	chk_device(fx.d, NULL);
	cr_assert_eq(fx.fs.n, 0);
}

/* ---- undefined-reference ----------------------------------------------------------- */

Test(checker_device, undefined_reference_names_kind_and_suggests_close_name)
{
	struct span s = at(25);
	const struct finding *f;

	/* the policy names "HQ1": the peer is "HQ" */
	model_ref(fx.d, "ike peer", "HQ1", &s);
	run();
	f = expect_one(R_UNDEFINED_REFERENCE, 25, "ike peer 'HQ1' is not defined");
	cr_assert_eq(f->sev, SEV_ERROR);
	cr_assert_str_eq(f->hint, "did you mean ike peer 'HQ'?");
	cr_assert_eq(f->nrelated, 1);
	cr_assert_eq(f->related[0].line, 17);
}

Test(checker_device, undefined_reference_far_name_has_no_suggestion)
{
	struct span s = at(24);

	model_ref(fx.d, "acl", "3001", &s); /* one edit from "3000" */
	model_ref(fx.d, "acl", "3999", &s); /* three edits */
	model_ref(fx.d, "ipsec proposal", "MISSING-PROP", &s);
	run();
	cr_assert_eq(fs_count(&fx.fs, R_UNDEFINED_REFERENCE), 3);
	cr_assert_str_eq(fs_nth(&fx.fs, R_UNDEFINED_REFERENCE, 0)->message, "acl '3001' is not defined");
	cr_assert_str_eq(fs_nth(&fx.fs, R_UNDEFINED_REFERENCE, 0)->hint, "did you mean acl '3000'?");
	cr_assert_str_eq(fs_nth(&fx.fs, R_UNDEFINED_REFERENCE, 1)->message, "acl '3999' is not defined");
	cr_assert_null(fs_nth(&fx.fs, R_UNDEFINED_REFERENCE, 1)->hint);
	cr_assert_str_eq(fs_nth(&fx.fs, R_UNDEFINED_REFERENCE, 2)->message,
			 "ipsec proposal 'MISSING-PROP' is not defined");
	cr_assert_null(fs_nth(&fx.fs, R_UNDEFINED_REFERENCE, 2)->hint);
}

Test(checker_device, undefined_reference_near_miss_other_kind_is_no_suggestion)
{
	struct span s = at(24);

	/* an ike proposal "HQ" does not exist, an ike peer "HQ" does: wrong kind;
	 * and "10" is two edits away, as far as the name is long */
	model_ref(fx.d, "ike proposal", "HQ", &s);
	run();
	cr_assert_eq(fs_count(&fx.fs, R_UNDEFINED_REFERENCE), 1);
	cr_assert_null(fs_nth(&fx.fs, R_UNDEFINED_REFERENCE, 0)->hint);
	/* and every reference of the clean device resolves */
	fnd_free(&fx.fs);
	fx.d->nrefs--;
	run();
	expect_none(R_UNDEFINED_REFERENCE);
}

/* ---- unused-definition ---------------------------------------------------------------- */

Test(checker_device, unused_definition_fires)
{
	struct span s = at(40);

	model_def(fx.d, "ipsec proposal", "UNUSED-PROP", &s, false);
	run();
	expect_one(R_UNUSED_DEFINITION, 40, "ipsec proposal 'UNUSED-PROP' is never used");
}

Test(checker_device, unused_definition_near_miss_builtin)
{
	struct span s = at(40);

	/* "ike proposal default": printed by the device itself */
	model_def(fx.d, "ike proposal", "default", &s, true);
	run();
	expect_none(R_UNUSED_DEFINITION);
}

/* ---- policy-not-applied --------------------------------------------------------------- */

/* A driver says what an unreferenced definition means: here a policy that protects nothing. */
Test(checker_device, unreferenced_policy_definition_is_not_applied_in_the_drivers_words)
{
	struct span s = at(40);
	struct mdef *m = model_def(fx.d, "tunnel policy", "T1", &s, false);
	const struct finding *f;

	m->unused_means = DEF_UNUSED_POLICY;
	m->unused_msg =
		"tunnel policy 'T1' is named by no host policy (-tunnel T1): it never protects anything";
	run();
	f = expect_one(R_POLICY_NOT_APPLIED, 40, m->unused_msg);
	expect_none(R_UNUSED_DEFINITION);
	cr_assert_str_eq(f->fp_material, "tunnel policy|T1");
	/* named by a host policy: nothing */
	model_ref(fx.d, "tunnel policy", "T1", &(struct span){&src, 41, 2, 41, 10});
	run();
	expect_none(R_POLICY_NOT_APPLIED);
}

static void unbind(void)
{
	size_t w = 0;

	/* drop the interface bindings */
	for (size_t i = 0; i < fx.d->nrefs; i++)
		if (strcmp(fx.d->refs[i]->kind, "ipsec policy") != 0)
			fx.d->refs[w++] = fx.d->refs[i];
	fx.d->nrefs = w;
	for (size_t i = 0; i < fx.d->ntunnels; i++)
		fx.d->tunnels[i]->applied = false;
}

Test(checker_device, policy_not_applied_once_per_group)
{
	struct sel_list *l = mk_acl("3001", 32);
	const struct finding *f;

	mk_rule(l, 5, 33, true, "10.1.2.0/24", "10.2.0.0/16");
	mk_tunnel("VPN", 20, 35, "HQ", 17, "198.51.100.1", fx.p1, fx.p2, l);
	unbind();
	run();
	f = expect_one(R_POLICY_NOT_APPLIED, 23, "ipsec policy 'VPN' is not applied to any interface");
	cr_assert_eq(f->sev, SEV_WARNING);
	/* the unbound group is not also "unused" */
	expect_none(R_UNUSED_DEFINITION);
}

Test(checker_device, policy_not_applied_profile_wording)
{
	struct span s = at(50);
	struct tunnel *t =
		model_tunnel_new(fx.d, TK_PROFILE, "ipsec-profile:HQ-PROF", "ipsec profile HQ-PROF", &s);

	t->group = "HQ-PROF";
	t->ike = fx.t->ike;
	run();
	expect_one(R_POLICY_NOT_APPLIED, 50, "ipsec profile 'HQ-PROF' is not bound to a tunnel interface");
}

Test(checker_device, policy_not_applied_near_miss)
{
	struct span s = at(50);
	struct tunnel *t =
		model_tunnel_new(fx.d, TK_PROFILE, "ipsec-profile:HQ-PROF", "ipsec profile HQ-PROF", &s);

	t->group = "HQ-PROF";
	t->applied = true;
	run();
	expect_none(R_POLICY_NOT_APPLIED);
}

/* ---- policy-disabled ------------------------------------------------------------------ */

Test(checker_device, policy_disabled_fires_at_the_written_switch)
{
	fx.t->enabled.v = 0;
	fx.t->enabled.o = written(27);
	run();
	expect_one(R_POLICY_DISABLED, 27, "ipsec policy 'VPN 10' is disabled");
}

Test(checker_device, policy_disabled_near_miss)
{
	fx.t->enabled.v = 1;
	fx.t->enabled.o = written(27); /* "policy enable" written out */
	run();
	expect_none(R_POLICY_DISABLED);
}

/* ---- remote-is-local ---------------------------------------------------------------- */

Test(checker_device, remote_is_local_fires)
{
	fx.t->remotes[0].addr = host_of("203.0.113.2");
	run();
	expect_one(R_REMOTE_IS_LOCAL, 21,
		   "remote address 203.0.113.2 of ipsec policy 'VPN 10' is the device's own address "
		   "(GigabitEthernet0/0/1)");
	cr_assert_eq(fs_nth(&fx.fs, R_REMOTE_IS_LOCAL, 0)->sev, SEV_ERROR);
}

Test(checker_device, remote_is_local_near_miss_neighbour)
{
	fx.t->remotes[0].addr = host_of("203.0.113.9"); /* same /24, not the device */
	run();
	expect_none(R_REMOTE_IS_LOCAL);
}

/* only the tunnel's nremotes remotes are its remotes: a spare slot beyond them is not read */
Test(checker_device, remote_is_local_reads_only_the_remotes_counted)
{
	static struct endpoint remotes[2];

	remotes[0] = fx.t->remotes[0];
	remotes[0].addr = host_of("203.0.113.9");
	remotes[1] = remotes[0];
	remotes[1].addr = host_of("203.0.113.2"); /* the device's own, but past nremotes */
	fx.t->remotes = remotes;
	fx.t->nremotes = 1;
	run();
	expect_none(R_REMOTE_IS_LOCAL);
}

Test(checker_device, remote_is_local_shared_peer_reported_once)
{
	struct sel_list *l = mk_acl("3001", 32);

	mk_rule(l, 5, 33, true, "10.1.2.0/24", "10.2.0.0/16");
	fx.t->remotes[0].addr = host_of("203.0.113.2");
	mk_tunnel("VPN", 20, 35, "HQ", 17, "203.0.113.2", fx.p1, fx.p2, l);
	run();
	cr_assert_eq(fs_count(&fx.fs, R_REMOTE_IS_LOCAL), 1);
}

/* a route-based hub has an address per tunnel interface: hundreds, found by value */
Test(checker_device, remote_is_local_among_many_addresses)
{
	for (int i = 1; i <= 600; i++) {
		char ip[32], ifname[32];
		struct addrspec a;
		struct origin o = written(40);

		snprintf(ip, sizeof(ip), "172.16.%d.%d", i / 250, i % 250 + 1);
		snprintf(ifname, sizeof(ifname), "Tunnel0/0/%d", i);
		a = host_of(ip);
		model_device_add_addr(fx.d, &a, ifname, &o);
	}
	cr_assert_eq(fx.d->naddrs, 601);
	fx.t->remotes[0].addr = host_of("172.16.2.1"); /* i = 500 */
	run();
	expect_one(R_REMOTE_IS_LOCAL, 21,
		   "remote address 172.16.2.1 of ipsec policy 'VPN 10' is the device's own address "
		   "(Tunnel0/0/500)");
	fx.t->remotes[0].addr = host_of("172.16.2.251"); /* past the last one */
	run();
	expect_none(R_REMOTE_IS_LOCAL);
}

/* six hundred addresses given twice are kept once each, whatever their slots in the index */
Test(checker_device, many_addresses_given_twice_are_kept_once)
{
	for (int round = 0; round < 2; round++) {
		for (int i = 1; i <= 600; i++) {
			char ip[32];
			struct addrspec a;
			struct origin o = written(40);

			snprintf(ip, sizeof(ip), "172.16.%d.%d", i / 250, i % 250 + 1);
			a = host_of(ip);
			model_device_add_addr(fx.d, &a, "Tunnel", &o);
		}
		cr_assert_eq(fx.d->naddrs, 601, "round %d: %zu addresses", round, fx.d->naddrs);
	}
}

/* an address given twice is kept once; its first place names it, in either notation */
Test(checker_device, device_address_kept_once_and_first_place_wins)
{
	struct addrspec own = host_of("203.0.113.2"), mapped = host_of("::ffff:203.0.113.2");
	struct addrspec net = prefix_of("203.0.113.0/24");
	struct origin o = written(40);
	const struct dev_addr *da;

	model_device_add_addr(fx.d, &own, "LoopBack1", &o);
	cr_assert_eq(fx.d->naddrs, 1, "the same address again adds nothing");
	model_device_add_addr(fx.d, &mapped, "Tunnel0/0/1", &o);
	cr_assert_eq(fx.d->naddrs, 2, "the IPv4-mapped notation is an entry of its own");
	da = model_device_find_addr(fx.d, &mapped);
	cr_assert_not_null(da);
	cr_assert_str_eq(da->where, "GigabitEthernet0/0/1");
	cr_assert(model_device_owns(fx.d, &own));
	cr_assert_not(model_device_owns(fx.d, &net), "a prefix is no address of the device");
	cr_assert_null(model_device_find_addr(fx.d, NULL));
}

/* the index finds an IPv4 address whether it was stored mapped or as a bare 32-bit value */
Test(checker_device, device_address_found_in_either_ipv4_form)
{
	struct addrspec bare = host_of("198.51.100.7"), parsed = host_of("198.51.100.7");
	struct origin o = written(40);
	const struct dev_addr *da;

	bare.a.hi = 0;
	bare.a.lo &= 0xffffffffu; /* as a driver building it from a 32-bit integer would */
	model_device_add_addr(fx.d, &bare, "LoopBack7", &o);
	da = model_device_find_addr(fx.d, &parsed);
	cr_assert_not_null(da, "the parsed (mapped) form finds the bare one");
	cr_assert_str_eq(da->where, "LoopBack7");
	da = model_device_find_addr(fx.d, &bare);
	cr_assert_not_null(da);
	cr_assert_str_eq(da->where, "LoopBack7");
}

/* ---- policy-shadowed: ACL rules -------------------------------------------------------- */

Test(checker_device, shadowed_acl_rule_names_the_covering_rule)
{
	const struct finding *f;

	only_rules("10.1.0.0/16", "10.2.0.0/16", "10.1.1.0/24", "10.2.1.0/24", NULL);
	run();
	f = expect_one(R_POLICY_SHADOWED, 4,
		       "rule 10 of acl '3000' is never matched: rule 5 matches all of its traffic first");
	cr_assert_eq(f->nrelated, 1);
	cr_assert_eq(f->related[0].line, 3);
}

/* protocol 0 is any protocol, as -1 is: a later TCP rule inside it is shadowed */
Test(checker_device, shadowed_acl_rule_under_protocol_zero)
{
	only_rules("10.1.0.0/16", "10.2.0.0/16", "10.1.1.0/24", "10.2.1.0/24", NULL);
	fx.acl->rules[0].proto = 0;
	fx.acl->rules[1].proto = 6;
	run();
	expect_one(R_POLICY_SHADOWED, 4,
		   "rule 10 of acl '3000' is never matched: rule 5 matches all of its traffic first");
}

Test(checker_device, shadowed_acl_rule_covered_by_two)
{
	only_rules("10.1.0.0/17", "10.2.0.0/16", "10.1.128.0/17", "10.2.0.0/16", "10.1.0.0/16", "10.2.1.0/24",
		   NULL);
	fx.acl->rules[1].action = SEL_DENY;
	run();
	expect_one(R_POLICY_SHADOWED, 5,
		   "rule 15 of acl '3000' is never matched: rules 5 and 10 match all of its traffic first");
}

/*
 * Covered by two broad rules, with a narrower rule before them that lies
 * inside the first: the broad rules are taken first, so the narrow one
 * takes nothing away and is not named.
 */
Test(checker_device, shadowed_acl_rule_names_the_broad_rules_not_a_narrow_one_inside_them)
{
	const struct finding *f;

	only_rules("10.1.0.0/18", "10.2.0.0/16", "10.1.0.0/17", "10.2.0.0/16", "10.1.128.0/17", "10.2.0.0/16",
		   "10.1.0.0/16", "10.2.1.0/24", NULL);
	run();
	f = expect_one(
		R_POLICY_SHADOWED, 6,
		"rule 20 of acl '3000' is never matched: rules 10 and 15 match all of its traffic first");
	cr_assert_eq(f->nrelated, 2);
	cr_assert_eq(f->related[0].line, 4);
	cr_assert_eq(f->related[1].line, 5);
}

/*
 * IPv6: ::/64 holds the IPv4-mapped block, ::/96 (IPv4-compatible) does not;
 * rule 5 holds rule 15 alone and is the one named, though rule 10 is broader.
 */
Test(checker_device, shadowed_ipv6_rule_names_the_first_rule_that_holds_it)
{
	only_rules("::/64", "::/0", "::/0", "::/0", "::/96", "::/0", NULL);
	run();
	expect_one(R_POLICY_SHADOWED, 5,
		   "rule 15 of acl '3000' is never matched: rule 5 matches all of its traffic first");
}

Test(checker_device, shadowed_acl_rule_near_miss_partial)
{
	only_rules("10.1.1.0/24", "10.2.0.0/16", "10.1.0.0/16", "10.2.1.0/24", NULL);
	run();
	expect_none(R_POLICY_SHADOWED);
}

Test(checker_device, shadowed_acl_rule_near_miss_other_protocol)
{
	only_rules("10.1.0.0/16", "10.2.0.0/16", "10.1.1.0/24", "10.2.1.0/24", NULL);
	fx.acl->rules[0].proto = 6;
	fx.acl->rules[1].proto = 17;
	run();
	expect_none(R_POLICY_SHADOWED);
}

/* A list no tunnel uses is checked too: a dead rule is dead either way. */
Test(checker_device, shadowed_rule_in_unused_list)
{
	struct sel_list *l = mk_acl("3100", 40);
	struct span s = at(24);

	mk_rule(l, 5, 41, true, "any", "any");
	mk_rule(l, 10, 42, true, "10.9.0.0/16", "any");
	model_ref(fx.d, "acl", "3100", &s); /* used by something else (nat) */
	run();
	expect_one(R_POLICY_SHADOWED, 42,
		   "rule 10 of acl '3100' is never matched: rule 5 matches all of its traffic first");
}

/* ---- policy-shadowed: policies of a group ------------------------------------------------ */

static struct tunnel *second_policy(const char *group, int seq, const char *from, const char *to)
{
	struct sel_list *l = mk_acl("3001", 32);

	mk_rule(l, 5, 33, true, from, to);
	return mk_tunnel(group, seq, 35, "DR", 45, "198.51.100.129", fx.p1, fx.p2, l);
}

Test(checker_device, shadowed_policy_in_group)
{
	const struct finding *f;

	only_rules("10.1.0.0/16", "10.2.0.0/16", NULL);
	second_policy("VPN", 20, "10.1.5.0/24", "10.2.5.0/24");
	run();
	f = expect_one(
		R_POLICY_SHADOWED, 35,
		"ipsec policy 'VPN 20' is never used: ipsec policy 'VPN 10' selects all of its traffic first");
	cr_assert_eq(f->related[0].line, 23);
	/* overlap inside one group is the first-match mechanism, not flow-overlap */
	expect_none(R_FLOW_OVERLAP);
}

Test(checker_device, shadowed_policy_order_is_seq_not_file_order)
{
	/* the broad policy is written later but has the lower sequence number */
	fx.t->seq = 30;
	fx.t->name = "ipsec policy VPN 30";
	only_rules("10.1.5.0/24", "10.2.5.0/24", NULL);
	second_policy("VPN", 20, "10.1.0.0/16", "10.2.0.0/16");
	run();
	expect_one(
		R_POLICY_SHADOWED, 23,
		"ipsec policy 'VPN 30' is never used: ipsec policy 'VPN 20' selects all of its traffic first");
}

Test(checker_device, shadowed_policy_near_miss_outside)
{
	only_rules("10.1.0.0/16", "10.2.0.0/16", NULL);
	second_policy("VPN", 20, "10.1.5.0/24", "10.3.5.0/24");
	run();
	expect_none(R_POLICY_SHADOWED);
}

Test(checker_device, shadowed_policy_near_miss_disabled_cover)
{
	only_rules("10.1.0.0/16", "10.2.0.0/16", NULL);
	fx.t->enabled.v = 0;
	fx.t->enabled.o = written(27);
	second_policy("VPN", 20, "10.1.5.0/24", "10.2.5.0/24");
	run();
	expect_none(R_POLICY_SHADOWED);
}

/* ---- flow-overlap ------------------------------------------------------------------------ */

Test(checker_device, flow_overlap_across_groups)
{
	const struct finding *f;

	second_policy("VPN-ISP2", 10, "10.1.1.0/24", "10.2.5.0/24");
	bind_group("VPN-ISP2", 35, 38);
	run();
	f = expect_one(
		R_FLOW_OVERLAP, 35,
		"traffic of ipsec policy 'VPN-ISP2 10' overlaps ipsec policy 'VPN 10' (different peers): "
		"both select source 10.1.1.0/24 destination 10.2.5.0/24");
	cr_assert_eq(f->nrelated, 1);
	cr_assert_eq(f->related[0].line, 23);
	expect_none(R_POLICY_SHADOWED);
}

Test(checker_device, flow_overlap_near_miss_disjoint)
{
	second_policy("VPN-ISP2", 10, "10.1.1.0/24", "10.3.5.0/24");
	bind_group("VPN-ISP2", 35, 38);
	run();
	expect_none(R_FLOW_OVERLAP);
}

Test(checker_device, flow_overlap_near_miss_same_peer_and_proposals)
{
	/* two uplinks, one peer, same proposals: the overlap is the redundancy */
	struct tunnel *t = second_policy("VPN-ISP2", 10, "10.1.1.0/24", "10.2.5.0/24");

	t->remotes[0].addr = host_of("198.51.100.1");
	bind_group("VPN-ISP2", 35, 38);
	run();
	expect_none(R_FLOW_OVERLAP);
}

Test(checker_device, flow_overlap_near_miss_same_peer_and_two_proposals)
{
	/* the same with two IKE proposals on each uplink, in the same order */
	struct tunnel *t = second_policy("VPN-ISP2", 10, "10.1.1.0/24", "10.2.5.0/24");
	struct tunnel *ts[2] = {fx.t, t};
	struct ike_proposal *p1b = mk_ike_prop("20", 12);

	t->remotes[0].addr = host_of("198.51.100.1");
	for (int i = 0; i < 2; i++) {
		ts[i]->ike->proposals = ARENA_NEWV(fx.ar, struct ike_proposal *, 2);
		ts[i]->ike->proposals[0] = fx.p1;
		ts[i]->ike->proposals[1] = p1b;
		ts[i]->ike->nproposals = 2;
	}
	bind_group("VPN-ISP2", 35, 38);
	run();
	expect_none(R_FLOW_OVERLAP);
	/* in another order they are other proposals: the overlap is reported */
	t->ike->proposals[0] = p1b;
	t->ike->proposals[1] = fx.p1;
	run();
	cr_assert_eq(fs_count(&fx.fs, R_FLOW_OVERLAP), 1);
	cr_assert_not_null(strstr(fs_nth(&fx.fs, R_FLOW_OVERLAP, 0)->message, "(different proposals)"));
}

Test(checker_device, flow_overlap_near_miss_unapplied_group)
{
	struct tunnel *t = second_policy("VPN-ISP2", 10, "10.1.1.0/24", "10.2.5.0/24");

	t->applied = false;
	run();
	expect_none(R_FLOW_OVERLAP);
	cr_assert_eq(fs_count(&fx.fs, R_POLICY_NOT_APPLIED), 1);
}

/* ---- weak-algorithm ---------------------------------------------------------------------- */

Test(checker_device, weak_algorithm_lists_every_weak_value_of_a_proposal)
{
	const struct finding *f;

	fx.t->ike->versions.v = IKE_V1;
	ONLY_ALGS(&fx.p1->enc, written(10), ENC_3DES);
	ONLY_ALGS(&fx.p1->hash, written(11), INTEG_SHA1);
	ONLY_ALGS(&fx.p1->dh, written(14), 2);
	run();
	f = expect_one(R_WEAK_ALGORITHM, 10,
		       "ike proposal '10' uses weak algorithms: 3des, sha1, dh group 2");
	cr_assert_eq(f->sev, SEV_WARNING);
	cr_assert_eq(f->nrelated, 2);
}

Test(checker_device, weak_algorithm_default_value_is_marked)
{
	ONLY_ALGS(&fx.p2->esp_integ, deflt(5, PROV_DEFAULT_ASSUMED), INTEG_MD5);
	run();
	/* no written weak value: the finding is at the proposal */
	expect_one(R_WEAK_ALGORITHM, 5, "ipsec proposal 'P1' uses weak algorithm: md5 (assumed default)");
}

Test(checker_device, weak_algorithm_pfs_group)
{
	fx.t->ipsec.pfs.v = 1;
	fx.t->ipsec.pfs.o = written(27);
	run();
	expect_one(R_WEAK_ALGORITHM, 27, "ipsec policy 'VPN 10' uses weak algorithm: pfs dh group 1");
}

/* a device that refuses weak algorithms (the driver says which and what allows them) */
Test(checker_device, weak_algorithm_usg_e_mentions_weakea)
{
	fx.d->dialect = DIALECT_HW_USG_E;
	fx.d->weak_refused_by = "USG-E";
	fx.d->weak_allowed_by = "the WEAKEA module";
	ONLY_ALGS(&fx.p2->esp_enc, written(7), ENC_DES);
	run();
	expect_one(
		R_WEAK_ALGORITHM, 7,
		"ipsec proposal 'P1' uses weak algorithm: des; USG-E refuses it unless the WEAKEA module is loaded");
}

/* an AH proposal: its AH integrity is what is weak; its ESP fields are not used */
Test(checker_device, weak_algorithm_ah_proposal_reports_its_ah_integrity)
{
	fx.p2->proto.v = PROTO_AH;
	fx.p2->proto.o = written(6);
	ONLY_ALGS(&fx.p2->ah_integ, written(8), INTEG_MD5);
	ONLY_ALGS(&fx.p2->esp_enc, written(7), ENC_DES);
	run();
	expect_one(R_WEAK_ALGORITHM, 8, "ipsec proposal 'P1' uses weak algorithm: md5");
}

Test(checker_device, weak_algorithm_shared_proposal_once)
{
	ONLY_ALGS(&fx.p2->esp_enc, written(7), ENC_DES);
	second_policy("VPN", 20, "10.1.2.0/24", "10.2.0.0/16");
	run();
	cr_assert_eq(fs_count(&fx.fs, R_WEAK_ALGORITHM), 1);
}

Test(checker_device, weak_algorithm_near_miss_ikev1_hash_unused_by_ikev2)
{
	/* the IKEv1 hash of an IKEv2-only tunnel is never negotiated */
	ONLY_ALGS(&fx.p1->hash, written(11), INTEG_SHA1);
	run();
	expect_none(R_WEAK_ALGORITHM);
	/* with IKEv1 enabled too, it is */
	fx.t->ike->versions.v = IKE_V1 | IKE_V2;
	run();
	expect_one(R_WEAK_ALGORITHM, 11, "ike proposal '10' uses weak algorithm: sha1");
}

/*
 * One IKE proposal offered by an IKEv2 tunnel and by an IKEv1 one (their only
 * proposals): both versions count: the IKEv1 hash and the IKEv2 integrity, in
 * one finding.
 */
Test(checker_device, weak_algorithm_of_a_proposal_two_tunnels_of_two_versions_offer)
{
	struct tunnel *t2 = second_policy("VPN2", 10, "10.1.9.0/24", "10.2.9.0/24");

	ONLY_ALGS(&fx.p1->hash, written(11), INTEG_SHA1);
	ONLY_ALGS(&fx.p1->integ, written(12), INTEG_MD5);
	fx.t->ipsec.nproposals = 0;
	t2->ipsec.nproposals = 0;
	t2->ike->versions.v = IKE_V1;
	run();
	expect_one(R_WEAK_ALGORITHM, 11, "ike proposal '10' uses weak algorithms: sha1, md5");
	/* the IKEv1 tunnel first: the same */
	fx.t->ike->versions.v = IKE_V1;
	t2->ike->versions.v = IKE_V2;
	run();
	expect_one(R_WEAK_ALGORITHM, 11, "ike proposal '10' uses weak algorithms: sha1, md5");
	/* a tunnel whose version is unknown may negotiate either: the same */
	fx.t->ike->versions.v = IKE_V2;
	t2->ike->versions.v = 0;
	run();
	expect_one(R_WEAK_ALGORITHM, 11, "ike proposal '10' uses weak algorithms: sha1, md5");
}

Test(checker_device, weak_algorithm_near_miss_unused_builtin_proposal)
{
	/* a weak built-in proposal no tunnel offers is not judged */
	struct ike_proposal *p = mk_ike_prop("default", 40);

	fx.d->defs[fx.d->ndefs - 1]->builtin = true;
	ONLY_ALGS(&p->enc, deflt(40, PROV_DEFAULT), ENC_DES);
	run();
	expect_none(R_WEAK_ALGORITHM);
	expect_none(R_UNUSED_DEFINITION);
}

Test(checker_device, weak_algorithm_unprinted_builtin_proposal_at_the_tunnel)
{
	/* a built-in proposal the file does not print has no line: the finding
	 * goes to the tunnel that offers it */
	struct ike_proposal *p = ARENA_NEW(fx.ar, struct ike_proposal);

	p->name = "default";
	p->builtin = true;
	ALGS(&p->enc, deflt(0, PROV_DEFAULT), ENC_DES);
	p->enc.o.span = span_make(NULL, 0, 0, 0, 0);
	fx.t->ike->proposals[0] = p;
	fx.t->ike->versions.v = IKE_V1;
	run();
	expect_one(R_WEAK_ALGORITHM, 23, "ike proposal 'default' uses weak algorithm: des (default)");
}

/* ---- aggressive-mode-psk ----------------------------------------------------------------- */

/* The peer offers IKE versions (a mask of IKE_V1 and IKE_V2) with exchange mode xchg, from origin o. */
static void peer_exchange(int64_t versions, int64_t xchg, struct origin o)
{
	fx.t->ike->versions.v = versions;
	fx.t->ike->exchange.v = xchg;
	fx.t->ike->exchange.o = o;
}

Test(checker_device, aggressive_mode_psk_fires)
{
	peer_exchange(IKE_V1, XCHG_AGGRESSIVE, written(22));
	run();
	expect_one(R_AGGRESSIVE_MODE_PSK, 22, "ike peer 'HQ' uses aggressive mode with a pre-shared key");
}

/* a peer without a line of its own and a default exchange mode: the finding is at the tunnel */
Test(checker_device, aggressive_mode_psk_without_a_peer_line_is_at_the_tunnel)
{
	const struct finding *f;

	peer_exchange(IKE_V1, XCHG_AGGRESSIVE, (struct origin){.prov = PROV_DEFAULT});
	memset(&fx.t->ike->peer_span, 0, sizeof(fx.t->ike->peer_span));
	run();
	cr_assert_neq(fx.t->span.line, 0);
	f = expect_one(R_AGGRESSIVE_MODE_PSK, fx.t->span.line,
		       "ike peer 'HQ' uses aggressive mode (default) with a pre-shared key");
	cr_assert_eq(f->loc.src, fx.t->span.src);
}

Test(checker_device, aggressive_mode_psk_near_miss_main_mode)
{
	peer_exchange(IKE_V1, XCHG_MAIN, written(22));
	run();
	expect_none(R_AGGRESSIVE_MODE_PSK);
}

Test(checker_device, aggressive_mode_psk_near_miss_certificates)
{
	peer_exchange(IKE_V1, XCHG_AGGRESSIVE, written(22));
	fx.t->ike->psk.form = KEY_NONE;
	fx.p1->auth.v = AUTH_RSA_SIG;
	run();
	expect_none(R_AGGRESSIVE_MODE_PSK);
}

Test(checker_device, aggressive_mode_psk_near_miss_ikev2_only)
{
	peer_exchange(IKE_V2, XCHG_AGGRESSIVE, written(22));
	run();
	expect_none(R_AGGRESSIVE_MODE_PSK);
}

/* a version set the driver could not tell: aggressive mode, written, is IKEv1's and still reported */
Test(checker_device, aggressive_mode_psk_fires_with_versions_unknown)
{
	peer_exchange(0, XCHG_AGGRESSIVE, written(22));
	run();
	expect_one(R_AGGRESSIVE_MODE_PSK, 22, "ike peer 'HQ' uses aggressive mode with a pre-shared key");
}

/* a written value whose origin has no line (a driver that could not place it) is reported at its peer */
Test(checker_device, a_written_value_without_a_line_is_reported_at_its_object)
{
	const struct finding *f;

	peer_exchange(IKE_V1, XCHG_AGGRESSIVE, written(0));
	run();
	f = fs_nth(&fx.fs, R_AGGRESSIVE_MODE_PSK, 0);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, fx.t->ike->peer_span.line ? fx.t->ike->peer_span.line : fx.t->span.line);
	cr_assert_gt(f->loc.line, 0, "never line 0");
}

/* ---- psk-plaintext and psk-weak ------------------------------------------------------------ */

static void no_key_text_in_findings(const char *key)
{
	for (size_t i = 0; i < fx.fs.n; i++) {
		cr_assert_null(strstr(fx.fs.v[i].message, key), "key text in: %s", fx.fs.v[i].message);
		if (fx.fs.v[i].hint)
			cr_assert_null(strstr(fx.fs.v[i].hint, key));
		if (fx.fs.v[i].fp_material)
			cr_assert_null(strstr(fx.fs.v[i].fp_material, key));
	}
}

Test(checker_device, psk_plaintext_fires_without_printing_the_key)
{
	set_psk(&fx.t->ike->psk, KEY_PLAIN, "Br4nch-Tunnel.2019", written(19));
	run();
	expect_one(R_PSK_PLAINTEXT, 19,
		   "pre-shared key of ike peer 'HQ' is stored in clear (<psk: ascii, 18 chars>)");
	expect_none(R_PSK_WEAK);
	no_key_text_in_findings("Br4nch");
}

Test(checker_device, psk_plaintext_near_miss_cipher)
{
	run();
	expect_none(R_PSK_PLAINTEXT);
	expect_none(R_PSK_WEAK);
}

Test(checker_device, psk_plaintext_near_miss_not_written_in_the_file)
{
	/* a key that does not come from the file (no written origin) */
	set_psk(&fx.t->ike->psk, KEY_PLAIN, "Br4nch-Tunnel.2019", deflt(17, PROV_DEFAULT));
	run();
	expect_none(R_PSK_PLAINTEXT);
}

Test(checker_device, psk_plaintext_manual_keys)
{
	struct span s = at(50);
	struct tunnel *t = model_tunnel_new(fx.d, TK_MANUAL, "ipsec-policy:M:10", "ipsec policy M 10", &s);

	t->group = "M";
	t->applied = true;
	t->manual = ARENA_NEW(fx.ar, struct manual_sa);
	set_psk(&t->manual->h[SA_IN][SA_ESP].enc_key, KEY_PLAIN, "s3cr3t!!", written(53));
	set_psk(&t->manual->h[SA_OUT][SA_ESP].enc_key, KEY_DEVICE_CIPHER, "%^%#PLACEHOLDER%^%#", written(54));
	set_psk(&t->manual->h[SA_OUT][SA_ESP].auth_key, KEY_HEX, "\x6a\x8f\x01\x02", written(55));
	run();
	/* one finding for the tunnel, at its first key in the file, naming every key in clear (the
	 * device cipher is not one); one key for inbound esp is "the key", two for outbound: which */
	cr_assert_eq(fs_count(&fx.fs, R_PSK_PLAINTEXT), 1);
	cr_assert_eq(fs_nth(&fx.fs, R_PSK_PLAINTEXT, 0)->loc.line, 53);
	cr_assert_str_eq(
		fs_nth(&fx.fs, R_PSK_PLAINTEXT, 0)->message,
		"2 manual keys of ipsec policy 'M 10' are stored in clear: inbound esp key <key: ascii, 8 "
		"chars>, outbound esp authentication key <key: hex, 4 bytes>");
	cr_assert_eq(fs_nth(&fx.fs, R_PSK_PLAINTEXT, 0)->nrelated, 1, "the other key's line is named");
	cr_assert_eq(fs_nth(&fx.fs, R_PSK_PLAINTEXT, 0)->related[0].line, 55);
	no_key_text_in_findings("s3cr3t");
	/* manual keys are not pre-shared keys: no psk-weak */
	expect_none(R_PSK_WEAK);
}

/*
 * The peer's pre-shared key (line 19) is text of form: checked, it is weak
 * for the reason why, or (why NULL) not weak.
 */
static void weak_psk(enum key_form form, const char *text, const char *why)
{
	char msg[128];

	set_psk(&fx.t->ike->psk, form, text, written(19));
	run();
	if (!why) {
		expect_none(R_PSK_WEAK);
		return;
	}
	snprintf(msg, sizeof(msg), "pre-shared key of ike peer 'HQ' is weak: %s", why);
	expect_one(R_PSK_WEAK, 19, msg);
}

Test(checker_device, psk_weak_short)
{
	weak_psk(KEY_PLAIN, "abc123", "6 characters");
	cr_assert_eq(fs_count(&fx.fs, R_PSK_PLAINTEXT), 1);
	no_key_text_in_findings("abc123");
}

Test(checker_device, psk_weak_one_class)
{
	weak_psk(KEY_PLAIN, "abcdefghijklmnopqrstu", "lower-case letters only");
}

Test(checker_device, psk_weak_short_and_digits)
{
	weak_psk(KEY_PLAIN, "123456", "6 characters, digits only");
}

Test(checker_device, psk_weak_hex_counts_bytes)
{
	weak_psk(KEY_HEX, "\x01\x02\x03\x04", "4 bytes");
	fnd_free(&fx.fs);
	weak_psk(KEY_HEX, "\x01\x02\x03\x04\x05\x06\x07\x08", NULL);
}

/* the length edge: 15 characters are short, 16 are not (four classes each: only the length counts) */
Test(checker_device, psk_weak_15_characters)
{
	weak_psk(KEY_PLAIN, "Kx9-Vbn2.Qwe7-L", "15 characters");
	no_key_text_in_findings("Kx9-Vbn2");
}

Test(checker_device, psk_weak_near_miss_16_characters)
{
	weak_psk(KEY_PLAIN, "Kx9-Vbn2.Qwe7-Lo", NULL);
	cr_assert_eq(fs_count(&fx.fs, R_PSK_PLAINTEXT), 1);
}

/* a hex key: 7 bytes are short, 8 are not */
Test(checker_device, psk_weak_hex_7_bytes)
{
	weak_psk(KEY_HEX, "\x01\x02\x03\x04\x05\x06\x07", "7 bytes");
}

Test(checker_device, psk_weak_near_miss_strong)
{
	weak_psk(KEY_PLAIN, "Kx9-Vbn2.Qwe7-Lop4!z", NULL);
	cr_assert_eq(fs_count(&fx.fs, R_PSK_PLAINTEXT), 1);
}

/* ---- sm-algorithm-ikev2 ----------------------------------------------------------------------- */

Test(checker_device, sm_algorithm_ikev2_fires)
{
	const struct finding *f;

	ONLY_ALGS(&fx.p2->esp_enc, written(7), ENC_SM4);
	run();
	f = expect_one(R_SM_ALGORITHM_IKEV2, 23,
		       "ipsec policy 'VPN 10' negotiates with IKEv2, which does not support sm algorithms: "
		       "sm4 in ipsec proposal 'P1'");
	cr_assert_eq(f->sev, SEV_ERROR);
	cr_assert_eq(f->nrelated, 2);
	cr_assert_eq(f->related[0].line, 7);
	cr_assert_eq(f->related[1].line, 18);
}

/* sm3 as both integrity and PRF of one proposal is named once */
Test(checker_device, sm_algorithm_ikev2_names_sm3_once_per_proposal)
{
	ONLY_ALGS(&fx.p1->integ, written(11), INTEG_SM3);
	ONLY_ALGS(&fx.p1->prf, written(12), INTEG_SM3);
	run();
	expect_one(R_SM_ALGORITHM_IKEV2, 23,
		   "ipsec policy 'VPN 10' negotiates with IKEv2, which does not support sm algorithms: "
		   "sm3 in ike proposal '10'");
}

Test(checker_device, sm_algorithm_ikev2_both_versions_assumed_default)
{
	const struct finding *f;

	fx.t->ike->versions.v = IKE_V1 | IKE_V2;
	fx.t->ike->versions.o = deflt(17, PROV_DEFAULT_ASSUMED);
	ONLY_ALGS(&fx.p2->esp_integ, written(6), INTEG_SM3);
	ONLY_ALGS(&fx.p1->enc, written(10), ENC_SM4);
	run();
	f = expect_one(
		R_SM_ALGORITHM_IKEV2, 23,
		"ipsec policy 'VPN 10' negotiates with IKEv2 (assumed default; preferred over IKEv1), which "
		"does not support sm algorithms: sm4 in ike proposal '10'; sm3 in ipsec proposal 'P1'");
	/* an assumed default makes the finding at most a warning */
	cr_assert_eq(f->sev, SEV_WARNING);
}

Test(checker_device, sm_algorithm_ikev2_near_miss_ikev1)
{
	fx.t->ike->versions.v = IKE_V1;
	ONLY_ALGS(&fx.p2->esp_enc, written(7), ENC_SM4);
	run();
	expect_none(R_SM_ALGORITHM_IKEV2);
}

/* ---- lifetime-unbounded ----------------------------------------------------------------------- */

Test(checker_device, lifetime_unbounded_phase2)
{
	fx.t->ipsec.lifetime_s.v = 0;
	fx.t->ipsec.lifetime_s.o = written(27);
	fx.t->ipsec.lifetime_kb.v = 0;
	run();
	expect_one(R_LIFETIME_UNBOUNDED, 27,
		   "ipsec sa lifetime of ipsec policy 'VPN 10' is 0 seconds (never rekeys)");
}

Test(checker_device, lifetime_unbounded_with_volume_limit)
{
	fx.p2->lifetime_s.v = 0;
	fx.p2->lifetime_s.o = written(8);
	fx.p2->lifetime_kb.v = 102400;
	fx.p2->lifetime_kb.o = written(8);
	run();
	expect_one(
		R_LIFETIME_UNBOUNDED, 8,
		"lifetime of ipsec proposal 'P1' is 0 seconds (never rekeys by time, only after 102400 kilobytes)");
}

Test(checker_device, lifetime_unbounded_phase1_default)
{
	fx.p1->lifetime_s.v = 0;
	fx.p1->lifetime_s.o = deflt(9, PROV_DEFAULT);
	run();
	expect_one(R_LIFETIME_UNBOUNDED, 9,
		   "lifetime of ike proposal '10' is 0 seconds (default; never rekeys)");
}

Test(checker_device, lifetime_unbounded_near_miss_traffic_zero)
{
	/* no volume limit, but a time limit: fine */
	fx.t->ipsec.lifetime_s.v = 3600;
	fx.t->ipsec.lifetime_s.o = written(27);
	fx.t->ipsec.lifetime_kb.v = 0;
	fx.t->ipsec.lifetime_kb.o = written(28);
	run();
	expect_none(R_LIFETIME_UNBOUNDED);
}

/* ---- fingerprints survive line moves ------------------------------------------------------------ */

static void fingerprints(char out[][17], size_t max, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < fx.fs.n && *n < max; i++)
		fnd_fingerprint(&fx.fs.v[i], out[(*n)++]);
}

Test(checker_device, fingerprints_do_not_depend_on_lines)
{
	char a[16][17], b[16][17];
	size_t na, nb;
	struct span s = at(40);

	model_def(fx.d, "ipsec proposal", "UNUSED-PROP", &s, false);
	set_psk(&fx.t->ike->psk, KEY_PLAIN, "abc123", written(19));
	ONLY_ALGS(&fx.p2->esp_enc, written(7), ENC_DES);
	only_rules("10.1.0.0/16", "10.2.0.0/16", "10.1.1.0/24", "10.2.1.0/24", NULL);
	run();
	fingerprints(a, 16, &na);
	cr_assert_eq(na, 5);

	/* the same configuration, every line moved down by 100 */
	fx.d->defs[fx.d->ndefs - 1]->span.line += 100;
	fx.t->ike->psk.o.span.line += 100;
	fx.p2->esp_enc.o.span.line += 100;
	fx.acl->rules[0].line += 100;
	fx.acl->rules[1].line += 100;
	run();
	fingerprints(b, 16, &nb);
	cr_assert_eq(nb, na);
	for (size_t i = 0; i < na; i++) {
		cr_assert_str_eq(a[i], b[i], "finding %zu: %s", i, fx.fs.v[i].message);
		cr_assert_neq(fx.fs.v[i].loc.line, 0);
	}
}

/* ---- the shadow prefilter is exact, and fast ------------------------------------------------------ */

static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

static struct addrspec rnd_addr(void)
{
	struct ip128 a = {0, 0}, wc = {0, 0};
	uint8_t fam = 4;
	char buf[32];

	snprintf(buf, sizeof(buf), "10.%u.%u.%u", rnd() % 3, rnd() % 4, rnd() % 256);
	addr_parse_ip(buf, &a, &fam);
	switch (rnd() % 5) {
	case 0:
		return aspec_any(4);
	case 1:
		/* a non-contiguous wildcard */
		addr_parse_ip("0.1.0.255", &wc, &fam);
		return aspec_wildcard(&a, 4, &wc);
	case 2: {
		struct ip128 b = a;

		b.lo += rnd() % 700;
		return aspec_range(&a, &b, 4);
	}
	default:
		return aspec_prefix(&a, 4, 14 + rnd() % 19);
	}
}

Test(checker_device, shadow_prefilter_agrees_with_the_exact_algebra)
{
	for (int round = 0; round < 12; round++) {
		struct sel_list *l;
		char name[16];
		size_t expected = 0;

		teardown_fx();
		setup_clean();
		snprintf(name, sizeof(name), "39%02d", round);
		l = mk_acl(name, 100);
		for (uint32_t i = 0; i < 60; i++) {
			struct selector *r = model_sel_list_add(fx.d, l);

			r->action = rnd() % 4 ? SEL_PERMIT : SEL_DENY;
			r->src = rnd_addr();
			r->dst = rnd_addr();
			r->proto = rnd() % 3 ? -1 : (int16_t)(rnd() % 2 ? 6 : 17);
			if (rnd() % 3 == 0) {
				r->dport.lo = (uint16_t)(rnd() % 2000);
				r->dport.hi = (uint16_t)(r->dport.lo + rnd() % 3000);
			}
			r->rule_id = (i + 1) * 5;
			r->line = 101 + i;
		}
		run();
		for (size_t i = 1; i < l->n; i++) {
			bool exact = sel_list_rule_shadowed(l->rules, l->n, i, NULL, 0, NULL);
			bool got = false;

			for (size_t k = 0; k < fx.fs.n; k++)
				got |= fx.fs.v[k].rule == R_POLICY_SHADOWED &&
				       fx.fs.v[k].loc.line == l->rules[i].line;
			cr_assert_eq(got, exact, "round %d, rule %u: reported %d, exact %d", round,
				     l->rules[i].rule_id, got, exact);
			expected += exact;
		}
		cr_assert_eq(fs_count(&fx.fs, R_POLICY_SHADOWED), expected);
	}
}

Test(checker_device, shadow_check_finds_one_shadowed_rule_among_20000)
{
	struct sel_list *l = mk_acl("3500", 100);

	/* 20,000 disjoint /24 -> /24 rules, then one rule inside rule 10000; how fast the
	 * index finds it is measured by make bench, not here */
	for (uint32_t i = 0; i < 20000; i++) {
		char from[32], to[32];

		snprintf(from, sizeof(from), "10.%u.%u.0/24", i / 256, i % 256);
		snprintf(to, sizeof(to), "172.%u.%u.0/24", 16 + i / 256 % 16, i % 256);
		mk_rule(l, (i + 1) * 5, 101 + i, true, from, to);
	}
	mk_rule(l, 100005, 20101, true, "10.39.15.128/25", "172.23.15.0/25");
	run();
	expect_one(R_POLICY_SHADOWED, 20101,
		   "rule 100005 of acl '3500' is never matched: rule 50000 matches all of its traffic first");
}

/* Object names in messages: the first two words are the kind, the rest the
 * quoted name; a phrase of fewer than three words is a name by itself. */
Test(checker_device, object_names_split_the_kind_from_the_name)
{
	char buf[CHK_NAME];

	cr_assert_str_eq(chk_obj("ipsec policy map1 10", NULL, buf, sizeof(buf)), "ipsec policy 'map1 10'");
	cr_assert_str_eq(chk_obj("ike peer rut", "ike peer", buf, sizeof(buf)), "ike peer 'rut'");
	cr_assert_str_eq(chk_obj("rut", "ike peer", buf, sizeof(buf)), "ike peer 'rut'");
	cr_assert_str_eq(chk_obj("tunnel 3", NULL, buf, sizeof(buf)), "'tunnel 3'");
	cr_assert_str_eq(chk_obj("tunnel 3", "IKE tunnel", buf, sizeof(buf)), "IKE tunnel 'tunnel 3'");
	cr_assert_str_eq(chk_obj("ipsec policy ", NULL, buf, sizeof(buf)), "'ipsec policy '");
	cr_assert_str_eq(chk_obj(NULL, NULL, buf, sizeof(buf)), "'?'");
}
