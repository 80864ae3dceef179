/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_pairing_more.c - pairing (checker/pairing.c) at scale
 * and with hints that do not help: forty tunnel pairs between two devices,
 * each paired with its mirror and each reporting its own finding (the set of
 * findings already reported grows past its first size), one shared finding
 * reported once for all forty; a [peers] hint that names a device owning
 * nothing there, or no device given, leaves two owners ambiguous. Huawei
 * devices parsed from text, paired by chk_pairs().
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"

#define FLEET_MAX 4
#include "tests/fleet.h"
#include "tests/huawei_text.h"

#define NPOL 40

/* A Huawei device from its text (from malloc(), freed with the fleet), NAME.cfg, with no parse finding. */
static void add_text(struct fleet *f, const char *name, char *text)
{
	char path[32];
	size_t i;

	snprintf(path, sizeof(path), "%s.cfg", name);
	i = fleet_adopt(f, path, VENDOR_HUAWEI, text);
	cr_assert_eq(f->pf[i].fs.n, 0, "%s: a parse finding: %s", name,
		     f->pf[i].fs.n ? f->pf[i].fs.v[0].message : "");
}

/* ---- forty pairs ------------------------------------------------------------------ */

/*
 * A Huawei device with NPOL policies VPN 1..NPOL, policy i protecting
 * 10.<mine>.i.0/24 <-> 10.<theirs>.i.0/24 with its own proposal Pi (cipher
 * enc; when shared, each policy names P1). Proposal Pi on lines 4i to
 * 4i + 3, its cipher on 4i + 2; the rest after.
 */
static char *many(const char *name, const char *local, const char *remote, int mine, int theirs, bool shared,
		  const char *enc, const char *psk)
{
	size_t cap = 64 * 1024, used = 0;
	char *s = malloc(cap);

	cr_assert_not_null(s);
#define OUT(...) (used += (size_t)snprintf(s + used, cap - used, __VA_ARGS__))
	OUT("#\n sysname %s\n", name); /* 1, 2 */
	OUT("#\n");		       /* 3 */
	for (int i = 1; i <= NPOL; i++) {
		/* lines 4i, 4i+1, 4i+2, 4i+3 */
		OUT("ipsec proposal P%d\n esp authentication-algorithm sha2-256\n esp encryption-algorithm %s\n#\n",
		    i, enc);
	}
	for (int i = 1; i <= NPOL; i++)
		OUT("acl number %d\n rule 5 permit ip source 10.%d.%d.0 0.0.0.255 destination 10.%d.%d.0 "
		    "0.0.0.255\n",
		    3000 + i, mine, i, theirs, i);
	OUT("#\nike proposal 10\n encryption-algorithm aes-256\n dh group14\n authentication-algorithm "
	    "sha2-256\n#\n");
	OUT("ike peer X\n pre-shared-key simple %s\n ike-proposal 10\n remote-address %s\n#\n", psk, remote);
	for (int i = 1; i <= NPOL; i++)
		OUT("ipsec policy VPN %d isakmp\n security acl %d\n ike-peer X\n proposal P%d\n", i, 3000 + i,
		    shared ? 1 : i);
	OUT("#\ninterface GigabitEthernet0/0/0\n ip address %s 255.255.255.0\n ipsec policy VPN\n#\nreturn\n",
	    local);
#undef OUT
	cr_assert_lt(used, cap);
	return s;
}
#define LN_ENC(i) (4u * (unsigned)(i) + 2u) /* proposal Pi's encryption-algorithm line */

#define PSK "Tq7!mZ2#pL9$vR4%wK8&"
#define PSK_OTHER "Tq7!mZ2#pL9$vR4%wK8*"

static void forty(struct fleet *f, bool shared, const char *enc_b, const char *psk_b)
{
	add_text(f, "A", many("A", "198.51.100.1", "198.51.100.2", 1, 2, shared, "aes-256", PSK));
	add_text(f, "B", many("B", "198.51.100.2", "198.51.100.1", 2, 1, shared, enc_b, psk_b));
	chk_pairs(f->devs, f->n, NULL, &f->fs, &f->pairs);
	cr_assert_eq(f->pairs.n, NPOL, "%d pairs, got %zu", NPOL, f->pairs.n);
	/* each policy pairs with the one of the same number: the mirror of its flow */
	for (size_t i = 0; i < f->pairs.n; i++) {
		const struct tunnel_pair *p = &f->pairs.v[i];

		cr_assert_not_null(p->a);
		cr_assert_not_null(p->b);
		cr_assert_str_eq(p->a->dev->name, "A");
		cr_assert_str_eq(p->b->dev->name, "B");
		cr_assert_eq(p->a->seq, p->b->seq, "%s paired with %s", p->a->name, p->b->name);
	}
}

Test(pairing_more, forty_mirrors_pair_cleanly)
{
	struct fleet f = {0};

	forty(&f, false, "aes-256", PSK);
	for (size_t i = 0; i < f.fs.n; i++)
		cr_assert_fail("unexpected: %s", f.fs.v[i].message);
	for (size_t i = 0; i < f.pairs.n; i++)
		cr_assert_not(f.pairs.v[i].has_finding);
	fleet_free(&f);
}

/* forty proposals, forty findings: each at its own proposal's cipher on both sides */
Test(pairing_more, forty_pairs_each_report_their_own_proposal)
{
	struct fleet f = {0};
	bool seen[NPOL + 1] = {false};

	forty(&f, false, "aes-128", PSK);
	cr_assert_eq(f.fs.n, NPOL, "one finding a pair, got %zu", f.fs.n);
	for (size_t i = 0; i < f.fs.n; i++) {
		const struct finding *g = &f.fs.v[i];
		unsigned k = g->loc.line / 4;

		cr_assert_eq(g->rule, R_IPSEC_PROPOSAL_MISMATCH, "%s", g->message);
		cr_assert_str_eq(g->loc.src->path, "A.cfg");
		cr_assert(k >= 1 && k <= NPOL && g->loc.line == LN_ENC(k), "line %u", g->loc.line);
		cr_assert_not(seen[k], "proposal P%u reported twice", k);
		seen[k] = true;
		cr_assert_not_null(strstr(g->message, "no ipsec proposal is acceptable to 'B'"), "%s",
				   g->message);
		cr_assert_not_null(strstr(g->message, "aes-256 here, aes-128 there"), "%s", g->message);
		cr_assert_eq(g->nrelated, 1);
		cr_assert_str_eq(g->related[0].src->path, "B.cfg");
		cr_assert_eq(g->related[0].line, LN_ENC(k), "related line %u", g->related[0].line);
	}
	for (size_t i = 0; i < f.pairs.n; i++) {
		cr_assert(f.pairs.v[i].has_finding);
		cr_assert_eq(f.pairs.v[i].status, SEV_ERROR);
	}
	fleet_free(&f);
}

/* one proposal for all forty: one finding, and every pair counts it */
Test(pairing_more, a_shared_proposal_is_reported_once_for_forty_pairs)
{
	struct fleet f = {0};
	const struct finding *g;

	forty(&f, true, "aes-128", PSK);
	cr_assert_eq(f.fs.n, 1, "one finding, got %zu", f.fs.n);
	g = &f.fs.v[0];
	cr_assert_eq(g->rule, R_IPSEC_PROPOSAL_MISMATCH, "%s", g->message);
	cr_assert_eq(g->loc.line, LN_ENC(1));
	cr_assert_eq(g->related[0].line, LN_ENC(1));
	for (size_t i = 0; i < f.pairs.n; i++) {
		cr_assert(f.pairs.v[i].has_finding, "pair %zu", i);
		cr_assert_eq(f.pairs.v[i].status, SEV_ERROR);
	}
	fleet_free(&f);
}

/* ---- [peers] hints that do not decide ---------------------------------------------- */

/* A Huawei device with one policy: its remote address on line 16 */
static char *one(const char *name, const char *local, const char *remote, const char *src, const char *dst)
{
	char *s = malloc(2048);

	cr_assert_not_null(s);
	snprintf(s, 2048,
		 "#\n"										/* 1 */
		 " sysname %s\n"								/* 2 */
		 "acl number 3000\n"								/* 3 */
		 " rule 5 permit ip source %s.0.0 0.0.255.255 destination %s.0.0 0.0.255.255\n" /* 4 */
		 HW_ESP_P1()									/* 5-7 */
		 HW_IKE_10()									/* 8-12 */
		 "ike peer PEER\n"								/* 13 */
		 " pre-shared-key simple Tq7!mZ2#pL9$vR4%%wK8&\n"				/* 14 */
		 " ike-proposal 10\n"								/* 15 */
		 " remote-address %s\n"								/* 16 */
		 HW_POLICY_10()									/* 17-20 */
		 HW_IFACE_FMT()									/* 21-23 */
		 "return\n",
		 name, src, dst, remote, local);
	return s;
}
#define LN_REMOTE 16u

/*
 * B and C both carry 198.51.100.2 and both point back at A; D is elsewhere.
 * The hints given (an unrelated line first) cannot choose between B and C.
 */
static void ambiguous_with(const char *const *pa, const char *const *pb, size_t n)
{
	struct fleet f = {0};
	struct pair_hints h = {.peer_a = pa, .peer_b = pb, .npeers = n};
	const struct finding *g = NULL;

	add_text(&f, "A", one("A", "198.51.100.1", "198.51.100.2", "10.1", "10.2"));
	add_text(&f, "B", one("B", "198.51.100.2", "198.51.100.1", "10.2", "10.1"));
	add_text(&f, "C", one("C", "198.51.100.2", "198.51.100.1", "10.2", "10.1"));
	add_text(&f, "D", one("D", "203.0.113.4", "198.51.100.1", "10.4", "10.1"));
	chk_pairs(f.devs, f.n, &h, &f.fs, &f.pairs);
	for (size_t i = 0; i < f.fs.n; i++) {
		if (f.fs.v[i].rule != R_PEER_ONE_SIDED || strcmp(f.fs.v[i].loc.src->path, "A.cfg"))
			continue;
		cr_assert_null(g, "a second peer-one-sided at A: %s", f.fs.v[i].message);
		g = &f.fs.v[i];
	}
	cr_assert_not_null(g, "A's tunnel: two owners, the hint names neither");
	cr_assert_eq(g->loc.line, LN_REMOTE);
	cr_assert_str_eq(g->message,
			 "ipsec policy VPN 10 points at 198.51.100.2, which 2 devices own; name the "
			 "peer in .ipseclint [peers]");
	fleet_free(&f);
}

/* [peers] A = D: D is a device given, but it does not own the address */
Test(pairing_more, a_hint_naming_a_non_owner_leaves_it_ambiguous)
{
	static const char *const pa[] = {"B", "A"}, *const pb[] = {"C", "D"};

	ambiguous_with(pa, pb, 2);
}

/* [peers] Z = A: no device Z was given */
Test(pairing_more, a_hint_naming_no_device_given_leaves_it_ambiguous)
{
	static const char *const pa[] = {"Z"}, *const pb[] = {"A"};

	ambiguous_with(pa, pb, 1);
}

/* the control: a [peers] line that names C decides, whichever side of it A is on */
static void decided_by(const char *const *pa, const char *const *pb)
{
	struct fleet f = {0};
	struct pair_hints h = {.peer_a = pa, .peer_b = pb, .npeers = 2};
	bool ac = false;

	add_text(&f, "A", one("A", "198.51.100.1", "198.51.100.2", "10.1", "10.2"));
	add_text(&f, "B", one("B", "198.51.100.2", "198.51.100.1", "10.2", "10.1"));
	add_text(&f, "C", one("C", "198.51.100.2", "198.51.100.1", "10.2", "10.1"));
	add_text(&f, "D", one("D", "203.0.113.4", "198.51.100.1", "10.4", "10.1"));
	chk_pairs(f.devs, f.n, &h, &f.fs, &f.pairs);
	for (size_t i = 0; i < f.fs.n; i++)
		cr_assert(f.fs.v[i].rule != R_PEER_ONE_SIDED || strcmp(f.fs.v[i].loc.src->path, "A.cfg"),
			  "A is not ambiguous: %s", f.fs.v[i].message);
	for (size_t i = 0; i < f.pairs.n; i++)
		ac |= f.pairs.v[i].a && f.pairs.v[i].b && !strcmp(f.pairs.v[i].a->dev->name, "A") &&
		      !strcmp(f.pairs.v[i].b->dev->name, "C");
	cr_assert(ac, "A pairs with C");
	fleet_free(&f);
}

Test(pairing_more, a_hint_naming_an_owner_decides)
{
	static const char *const pa[] = {"B", "A"}, *const pb[] = {"D", "C"};
	static const char *const qa[] = {"B", "C"}, *const qb[] = {"D", "A"};

	decided_by(pa, pb); /* [peers] A = C */
	decided_by(qa, qb); /* [peers] C = A */
}

/*
 * Forty findings of their own and one of the IKE peer pair all forty share:
 * the shared one, reported with the first pair, is not reported again after
 * the set of reported findings has grown.
 */
Test(pairing_more, a_shared_finding_stays_reported_once_past_forty_others)
{
	struct fleet f = {0};
	size_t npsk = 0, nprop = 0;

	forty(&f, false, "aes-128", PSK_OTHER);
	for (size_t i = 0; i < f.fs.n; i++) {
		const struct finding *g = &f.fs.v[i];

		if (g->rule == R_PSK_MISMATCH) {
			npsk++;
			cr_assert_str_eq(g->loc.src->path, "A.cfg");
			cr_assert_not_null(strstr(g->message, "pre-shared keys differ"), "%s", g->message);
			continue;
		}
		cr_assert_eq(g->rule, R_IPSEC_PROPOSAL_MISMATCH, "%s", g->message);
		nprop++;
	}
	cr_assert_eq(npsk, 1, "the psk-mismatch once, got %zu", npsk);
	cr_assert_eq(nprop, NPOL, "a proposal mismatch a pair, got %zu", nprop);
	fleet_free(&f);
}
