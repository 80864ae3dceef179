/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_order.c - policy-order-mismatch (checker/pair_order.c)
 * between two Huawei devices sharing two tunnels that overlap: it fires
 * when B evaluates the partners the other way round, and not when one of
 * the four tunnels is disabled ("undo policy enable") or when no packet is
 * held by all four. Devices parsed from text, paired by chk_pairs(); each
 * case checks the rule, the lines on both sides, the message and that
 * nothing else fired.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "tests/fleet.h"

/*
 * A Huawei device with the two members FIRST and SECOND of group VPN (acl
 * 3000 and 3001); %s after each member: an extra line ("" or " undo policy
 * enable\n", the 5th line of the member).
 */
static const char dev_fmt[] = "#\n"					       /* 1 */
			      " sysname %s\n"				       /* 2 */
			      "#\n"					       /* 3 */
			      "acl number 3000\n"			       /* 4 */
			      " rule 5 permit ip %s\n"			       /* 5 */
			      "#\n"					       /* 6 */
			      "acl number 3001\n"			       /* 7 */
			      " rule 5 permit ip %s\n"			       /* 8 */
			      "#\n"					       /* 9 */
			      "ipsec proposal P\n"			       /* 10 */
			      " esp authentication-algorithm sha2-256\n"       /* 11 */
			      " esp encryption-algorithm aes-256\n"	       /* 12 */
			      "#\n"					       /* 13 */
			      "ike proposal 10\n"			       /* 14 */
			      " encryption-algorithm aes-256\n"		       /* 15 */
			      " dh group14\n"				       /* 16 */
			      " authentication-algorithm sha2-256\n"	       /* 17 */
			      "#\n"					       /* 18 */
			      "ike peer X\n"				       /* 19 */
			      " version 2\n"				       /* 20 */
			      " pre-shared-key simple Tq7!mZ2#pL9$vR4%%wK8&\n" /* 21 */
			      " ike-proposal 10\n"			       /* 22 */
			      " remote-address %s\n"			       /* 23 */
			      "#\n"					       /* 24 */
			      "ipsec policy VPN %d isakmp\n"		       /* 25 */
			      " security acl 3000\n"			       /* 26 */
			      " ike-peer X\n"				       /* 27 */
			      " proposal P\n"				       /* 28 */
			      "%s"					       /* 29 */
			      "#\n"					       /* 29 or 30 */
			      "ipsec policy VPN %d isakmp\n"		       /* 30 or 31 */
			      " security acl 3001\n"			       /* */
			      " ike-peer X\n"				       /* */
			      " proposal P\n"				       /* */
			      "%s"					       /* */
			      "#\n"					       /* */
			      "interface GigabitEthernet0/0/0\n"	       /* */
			      " ip address %s 255.255.255.252\n"	       /* */
			      " ipsec policy VPN\n"			       /* */
			      "#\n"					       /* */
			      "return\n";
#define LN_FIRST 25u
#define LN_SECOND 30u /* when the first member has no extra line */
#define OFF " undo policy enable\n"

/* A: 10.1.0.0/24 -> 10.0.0.0/16 (VPN 10), 10.1.0.0/16 -> 10.0.1.0/24 (VPN 20): they overlap */
#define A_WIDE_DST "source 10.1.0.0 0.0.0.255 destination 10.0.0.0 0.0.255.255"
#define A_WIDE_SRC "source 10.1.0.0 0.0.255.255 destination 10.0.1.0 0.0.0.255"
#define B_WIDE_DST "source 10.0.0.0 0.0.255.255 destination 10.1.0.0 0.0.0.255"
#define B_WIDE_SRC "source 10.0.1.0 0.0.0.255 destination 10.1.0.0 0.0.255.255"

/*
 * A device: acl 3000 and 3001 rules, the sequence numbers of the members
 * using them (acl 3000 first in the file), their extra lines.
 */
static void add(struct fleet *f, const char *name, const char *local, const char *remote, const char *acl0,
		const char *acl1, int seq0, int seq1, const char *extra0, const char *extra1)
{
	char path[32];

	snprintf(path, sizeof(path), "%s.cfg", name);
	fleet_addf(f, path, VENDOR_HUAWEI, dev_fmt, name, acl0, acl1, remote, seq0, extra0, seq1, extra1,
		   local);
}

static void run(struct fleet *f, size_t npairs)
{
	chk_pairs(f->devs, f->n, NULL, &f->fs, &f->pairs);
	cr_assert_eq(f->pairs.n, npairs, "%zu tunnel pairs, got %zu", npairs, f->pairs.n);
}

static void assert_none(const struct fleet *f)
{
	for (size_t i = 0; i < f->fs.n; i++)
		cr_assert_fail("unexpected (%s:%u): %s", f->fs.v[i].loc.src ? f->fs.v[i].loc.src->path : "-",
			       f->fs.v[i].loc.line, f->fs.v[i].message);
}

/*
 * A with acl rules a0 and a1 in its VPN 10 and 20, B with b0 and b1 in its
 * VPN bseq0 and bseq1, the members of both without extra lines.
 */
static void add_ab(struct fleet *f, const char *a0, const char *a1, const char *b0, const char *b1, int bseq0,
		   int bseq1)
{
	add(f, "A", "203.0.113.2", "198.51.100.1", a0, a1, 10, 20, "", "");
	add(f, "B", "198.51.100.1", "203.0.113.2", b0, b1, bseq0, bseq1, "", "");
}

/* B evaluates VPN 20 (acl 3000, facing A's VPN 10) after VPN 10 (acl 3001, facing A's VPN 20) */
static void add_pair(struct fleet *f, const char *a0, const char *a1, const char *b0, const char *b1)
{
	add(f, "A", "203.0.113.2", "198.51.100.1", A_WIDE_DST, A_WIDE_SRC, 10, 20, a0, a1);
	add(f, "B", "198.51.100.1", "203.0.113.2", B_WIDE_DST, B_WIDE_SRC, 20, 10, b0, b1);
}

/* add_pair() with these extra lines makes two tunnel pairs and no finding at all */
static void assert_quiet_pair(const char *a0, const char *a1, const char *b0, const char *b1)
{
	struct fleet f = {0};

	add_pair(&f, a0, a1, b0, b1);
	run(&f, 2);
	assert_none(&f);
	fleet_free(&f);
}

Test(order, opposite_order_fires_at_the_first_member)
{
	struct fleet f = {0};
	const struct finding *g;

	add_pair(&f, "", "", "", "");
	run(&f, 2);
	cr_assert_eq(f.fs.n, 1, "%zu findings", f.fs.n);
	g = &f.fs.v[0];
	cr_assert_eq(g->rule, R_POLICY_ORDER_MISMATCH, "%s", g->message);
	cr_assert_str_eq(g->loc.src->path, "A.cfg");
	cr_assert_eq(g->loc.line, LN_FIRST);
	cr_assert_not_null(strstr(g->message, "ipsec policy VPN 10 is evaluated before ipsec policy VPN 20 "
					      "here, but 'B' evaluates their partners the other way round"),
			   "%s", g->message);
	cr_assert_not_null(strstr(g->message, "source 10.1.0.0/24 destination 10.0.1.0/24"), "%s",
			   g->message);
	cr_assert_eq(g->nrelated, 2);
	cr_assert_str_eq(g->related[0].src->path, "B.cfg");
	cr_assert_eq(g->related[0].line, LN_SECOND, "%s", g->related[0].message);
	cr_assert_eq(g->related[1].line, LN_FIRST, "%s", g->related[1].message);
	fleet_free(&f);
}

/* a disabled member takes no part: nothing, wherever it is */
Test(order, a_disabled_member_on_a_takes_no_part)
{
	assert_quiet_pair("", OFF, "", "");
}

Test(order, a_disabled_first_member_on_a_takes_no_part)
{
	assert_quiet_pair(OFF, "", "", "");
}

Test(order, a_disabled_member_on_b_takes_no_part)
{
	assert_quiet_pair("", "", OFF, "");
}

/* A's two members hold no common packet: the orders cannot disagree on one */
Test(order, disjoint_members_never_disagree)
{
	struct fleet f = {0};

	add_ab(&f, "source 10.1.0.0 0.0.0.255 destination 10.0.0.0 0.0.0.255",
	       "source 10.1.1.0 0.0.0.255 destination 10.0.1.0 0.0.0.255",
	       "source 10.0.0.0 0.0.0.255 destination 10.1.0.0 0.0.0.255",
	       "source 10.0.1.0 0.0.0.255 destination 10.1.1.0 0.0.0.255", 20, 10);
	run(&f, 2);
	assert_none(&f);
	fleet_free(&f);
}

/*
 * One tunnel of A faced by two of B (B's second is inside its first): the
 * two pairs share A's member, which has no order against itself.
 */
Test(order, one_member_facing_two_has_no_order_against_itself)
{
	struct fleet f = {0};

	add_ab(&f, "source 10.1.0.0 0.0.255.255 destination 10.0.0.0 0.0.255.255",
	       "source 10.9.0.0 0.0.255.255 destination 10.8.0.0 0.0.255.255",
	       "source 10.0.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255",
	       "source 10.0.1.0 0.0.0.255 destination 10.1.0.0 0.0.255.255", 10, 20);
	chk_pairs(f.devs, f.n, NULL, &f.fs, &f.pairs);
	cr_assert_geq(f.pairs.n, 2, "%zu tunnel pairs", f.pairs.n);
	for (size_t i = 0; i < f.fs.n; i++)
		cr_assert_neq(f.fs.v[i].rule, R_POLICY_ORDER_MISMATCH, "%s", f.fs.v[i].message);
	fleet_free(&f);
}

/*
 * A pair's status is its worst finding: a pair that already has an error
 * (A's VPN 10 asks for PFS, B's partner does not) stays an error when the
 * order warning is added to it; the other pair, with only the warning, is
 * a warning.
 */
Test(order, the_order_warning_does_not_lower_a_pair_with_an_error)
{
	struct fleet f = {0};
	size_t nerr = 0, nwarn = 0, norder = 0;

	add_pair(&f, " pfs dh-group14\n", "", "", "");
	run(&f, 2);
	for (size_t i = 0; i < f.fs.n; i++) {
		norder += f.fs.v[i].rule == R_POLICY_ORDER_MISMATCH;
		cr_assert(f.fs.v[i].rule == R_POLICY_ORDER_MISMATCH || f.fs.v[i].rule == R_PFS_MISMATCH,
			  "unexpected: %s", f.fs.v[i].message);
	}
	cr_assert_eq(norder, 1);
	for (size_t i = 0; i < f.pairs.n; i++) {
		const struct tunnel_pair *tp = &f.pairs.v[i];

		cr_assert(tp->has_finding, "%s <-> %s has its finding", tp->a->name, tp->b->name);
		if (strcmp(tp->a->name, "ipsec policy VPN 10") == 0) {
			cr_assert_eq(tp->status, SEV_ERROR, "the PFS pair stays an error");
			nerr++;
		} else {
			cr_assert_eq(tp->status, SEV_WARNING, "%s <-> %s", tp->a->name, tp->b->name);
			nwarn++;
		}
	}
	cr_assert_eq(nerr, 1);
	cr_assert_eq(nwarn, 1);
	fleet_free(&f);
}

/*
 * Three devices: A's policies face B, then C, then B again. The order of
 * the two that face B is compared though A's pair with C lies between them
 * in A's order (the pairs are grouped by their two devices first).
 */
static const char three_a[] =
	"#\n sysname A\n#\n"
	"acl number 3000\n"
	" rule 5 permit ip " A_WIDE_DST "\n#\n"
	"acl number 3001\n"
	" rule 5 permit ip " A_WIDE_SRC "\n#\n"
	"acl number 3002\n"
	" rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.9.0.0 0.0.255.255\n#\n"
	"ipsec proposal P\n esp authentication-algorithm sha2-256\n"
	" esp encryption-algorithm aes-256\n#\n"
	"ike proposal 10\n encryption-algorithm aes-256\n dh group14\n"
	" authentication-algorithm sha2-256\n#\n"
	"ike peer X\n version 2\n pre-shared-key simple Tq7!mZ2#pL9$vR4%wK8&\n ike-proposal 10\n"
	" remote-address 198.51.100.1\n#\n"
	"ike peer Y\n version 2\n pre-shared-key simple Tq7!mZ2#pL9$vR4%wK8&\n ike-proposal 10\n"
	" remote-address 192.0.2.1\n#\n"
	"ipsec policy VPN 10 isakmp\n security acl 3000\n ike-peer X\n proposal P\n#\n"
	"ipsec policy VPN 20 isakmp\n security acl 3002\n ike-peer Y\n proposal P\n#\n"
	"ipsec policy VPN 30 isakmp\n security acl 3001\n ike-peer X\n proposal P\n#\n"
	"interface GigabitEthernet0/0/0\n ip address 203.0.113.2 255.255.255.252\n"
	" ipsec policy VPN\n#\nreturn\n";
#define THREE_A_VPN10 34u

static const char three_c[] =
	"#\n sysname C\n#\n"
	"acl number 3000\n"
	" rule 5 permit ip source 10.9.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255\n#\n"
	"ipsec proposal P\n esp authentication-algorithm sha2-256\n"
	" esp encryption-algorithm aes-256\n#\n"
	"ike proposal 10\n encryption-algorithm aes-256\n dh group14\n"
	" authentication-algorithm sha2-256\n#\n"
	"ike peer X\n version 2\n pre-shared-key simple Tq7!mZ2#pL9$vR4%wK8&\n ike-proposal 10\n"
	" remote-address 203.0.113.2\n#\n"
	"ipsec policy VPN 10 isakmp\n security acl 3000\n ike-peer X\n proposal P\n#\n"
	"interface GigabitEthernet0/0/0\n ip address 192.0.2.1 255.255.255.252\n"
	" ipsec policy VPN\n#\nreturn\n";

Test(order, pairs_with_a_third_device_between_them_are_still_compared)
{
	struct parsed_file pf[3];
	struct device *devs[3];
	struct findings fs = {0};
	struct pair_list pairs = {0};
	char b[4096];
	size_t norder = 0;
	const struct finding *g = NULL;

	snprintf(b, sizeof(b), dev_fmt, "B", B_WIDE_DST, B_WIDE_SRC, "203.0.113.2", 20, "", 10, "",
		 "198.51.100.1");
	memset(pf, 0, sizeof(pf));
	parse_buffer(&pf[0], "A.cfg", three_a, strlen(three_a), VENDOR_HUAWEI);
	parse_buffer(&pf[1], "B.cfg", b, strlen(b), VENDOR_HUAWEI);
	parse_buffer(&pf[2], "C.cfg", three_c, strlen(three_c), VENDOR_HUAWEI);
	for (size_t i = 0; i < 3; i++) {
		cr_assert_not_null(pf[i].dev, "device %zu did not parse", i);
		cr_assert_eq(pf[i].fs.n, 0, "device %zu: %s", i, pf[i].fs.n ? pf[i].fs.v[0].message : "");
		devs[i] = pf[i].dev;
	}
	chk_pairs(devs, 3, NULL, &fs, &pairs);
	cr_assert_eq(pairs.n, 3, "3 tunnel pairs, got %zu", pairs.n);
	for (size_t i = 0; i < fs.n; i++) {
		cr_assert_eq(fs.v[i].rule, R_POLICY_ORDER_MISMATCH, "unexpected: %s", fs.v[i].message);
		g = &fs.v[i];
		norder++;
	}
	cr_assert_eq(norder, 1, "one policy-order-mismatch, got %zu", norder);
	cr_assert_str_eq(g->loc.src->path, "A.cfg");
	cr_assert_eq(g->loc.line, THREE_A_VPN10);
	cr_assert_not_null(strstr(g->message, "ipsec policy VPN 10 is evaluated before ipsec policy VPN 30 "
					      "here, but 'B' evaluates their partners the other way round"),
			   "%s", g->message);
	chk_pairs_free(&pairs);
	fnd_free(&fs);
	for (size_t i = 0; i < 3; i++)
		parsed_file_free(&pf[i]);
}
