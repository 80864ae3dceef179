/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_groups.c - the single-device checks on the members of
 * one Huawei policy group (checker/selectors.c): an earlier member that cuts
 * across a later one and sends its traffic elsewhere (policy-order-conflict),
 * and the orders that are fine. Devices parsed from text, checked by
 * chk_device().
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "tests/huawei_text.h"
#include "tests/parse_helpers.h"

/* acl 3000 and acl 3001 of one rule each, "source S destination D" (4 lines) */
#define ACLS_3000_3001           \
	"acl number 3000\n"      \
	" rule 5 permit ip %s\n" \
	"acl number 3001\n"      \
	" rule 5 permit ip %s\n"

/* ipsec proposal P2, ike proposal 10 and the ike peers P1 (198.51.100.2) and P2 (198.51.100.3): 18 lines */
// clang-format off
#define P2_IKE_PEERS                                                          \
	"ipsec proposal P2\n"                                                 \
	" esp authentication-algorithm sha2-256\n"                            \
	" esp encryption-algorithm aes-128\n"                                 \
	"#\n"                                                                 \
	HW_IKE_10()                                                           \
	"#\n"                                                                 \
	"ike peer P1\n"                                                       \
	" pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n" \
	" ike-proposal 10\n"                                                  \
	" remote-address 198.51.100.2\n"                                      \
	"ike peer P2\n"                                                       \
	" pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n" \
	" ike-proposal 10\n"                                                  \
	" remote-address 198.51.100.3\n"
// clang-format on

/*
 * Two members of the group VPN: 10 (acl 3000, ike peer P1) and 20 (acl 3001,
 * ike peer %s, ipsec proposal %s). Each acl rule is "source S destination D"
 * in Huawei wildcard notation.
 */
static const char group_fmt[] = {"#\n"					    /* 1 */
				 " sysname A\n"				    /* 2 */
				 "#\n"					    /* 3 */
				 ACLS_3000_3001				    /* 4-7 */
				 "#\n"					    /* 8 */
				 HW_ESP_P1()				    /* 9-11 */
				 P2_IKE_PEERS				    /* 12-29 */
				 "#\n"					    /* 30 */
				 "ipsec policy VPN 10 isakmp\n"		    /* 31 */
				 " security acl 3000\n"			    /* 32 */
				 " ike-peer P1\n"			    /* 33 */
				 " proposal P1\n"			    /* 34 */
				 "ipsec policy VPN 20 isakmp\n"		    /* 35 */
				 " security acl 3001\n"			    /* 36 */
				 " ike-peer %s\n"			    /* 37 */
				 " proposal %s\n"			    /* 38 */
				 "#\n"					    /* 39 */
				 "interface GigabitEthernet0/0/0\n"	    /* 40 */
				 " ip address 198.51.100.1 255.255.255.0\n" /* 41 */
				 " ipsec policy VPN\n"			    /* 42 */
				 "#\n"					    /* 43 */
				 "return\n"};
#define LN_VPN10 31u
#define LN_VPN20 35u

/* 10.1.0.0/16 -> 10.2.0.0/24 and 10.1.1.0/24 -> 10.2.0.0/16: each holds traffic the other does not */
#define BROAD_SRC "source 10.1.0.0 0.0.255.255 destination 10.2.0.0 0.0.0.255"
#define BROAD_DST "source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255"
#define NARROW "source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.0.255"

struct checked {
	struct parsed_file pf;
	struct findings fs;
	char text[4096];
};

/* Parse c->text, which must parse clean, as A.cfg and check the device. */
static void check_text(struct checked *c)
{
	memset(&c->pf, 0, sizeof(c->pf));
	memset(&c->fs, 0, sizeof(c->fs));
	parse_buffer(&c->pf, "A.cfg", c->text, strlen(c->text), VENDOR_HUAWEI);
	cr_assert_not_null(c->pf.dev);
	cr_assert_eq(c->pf.status, FILE_OK, "the test device parses clean");
	chk_device(c->pf.dev, &c->fs);
}

static void check(struct checked *c, const char *acl10, const char *acl20, const char *peer20,
		  const char *prop20)
{
	snprintf(c->text, sizeof(c->text), group_fmt, acl10, acl20, peer20, prop20);
	check_text(c);
}

static void checked_free(struct checked *c)
{
	fnd_free(&c->fs);
	parsed_file_free(&c->pf);
}

/* The conflict, stated in full: at member 20, naming member 10 at its line. */
static void expect_conflict(const struct findings *fs, const char *how)
{
	const struct finding *f = fs_first(fs, R_POLICY_ORDER_CONFLICT);
	char want[512];

	cr_assert_eq(fs_count(fs, R_POLICY_ORDER_CONFLICT), 1);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, LN_VPN20, "at the later member, line %u", f->loc.line);
	snprintf(
		want, sizeof(want),
		"ipsec policy 'VPN 20' loses part of its traffic (e.g. source 10.1.1.0/24 destination 10.2.0.0/24) to "
		"ipsec policy 'VPN 10', which comes first and sends it %s",
		how);
	cr_expect_str_eq(f->message, want);
	cr_assert_eq(f->nrelated, 1);
	cr_expect_eq(f->related[0].line, LN_VPN10, "the earlier member's line");
	cr_expect_str_eq(f->related[0].message, "ipsec policy 'VPN 10' is here");
	cr_expect_eq(f->sev, SEV_WARNING);
}

/*
 * Member 20 crosses member 10 and goes to peer20 with prop20: the conflict,
 * sending its traffic how, the one unused definition (unused) and nothing
 * else.
 */
static void expect_crossing(const char *peer20, const char *prop20, const char *how, const char *unused)
{
	struct checked c;

	check(&c, BROAD_SRC, BROAD_DST, peer20, prop20);
	expect_conflict(&c.fs, how);
	cr_expect_eq(fs_count(&c.fs, R_UNUSED_DEFINITION), 1, "%s only", unused);
	cr_expect_eq(c.fs.n, 2, "nothing else");
	checked_free(&c);
}

Test(groups, crossing_member_with_another_peer_is_an_order_conflict)
{
	expect_crossing("P2", "P1", "to another peer", "ipsec proposal P2");
}

Test(groups, crossing_member_with_other_proposals_is_an_order_conflict)
{
	expect_crossing("P1", "P2", "with other proposals", "ike peer P2");
}

/* The group is in a fine order: no order conflict, nothing shadowed, n findings in all (the unused). */
static void expect_fine(const char *acl10, const char *acl20, const char *peer20, const char *prop20,
			size_t n, const char *unused)
{
	struct checked c;

	check(&c, acl10, acl20, peer20, prop20);
	cr_expect_eq(fs_count(&c.fs, R_POLICY_ORDER_CONFLICT), 0);
	cr_expect_eq(fs_count(&c.fs, R_POLICY_SHADOWED), 0);
	cr_expect_eq(c.fs.n, n, "%s, nothing else", unused);
	checked_free(&c);
}

Test(groups, crossing_member_with_the_same_peer_and_proposals_is_fine)
{
	/* the same tunnel either way: which member takes the traffic does not matter */
	expect_fine(BROAD_SRC, BROAD_DST, "P1", "P1", 2, "ike peer P2 and ipsec proposal P2 unused");
}

Test(groups, narrower_member_first_is_fine)
{
	/* the usual "specific first" order: 10 lies inside 20 */
	expect_fine(NARROW, BROAD_DST, "P2", "P1", 1, "ipsec proposal P2 unused");
}

Test(groups, later_member_inside_an_earlier_one_is_shadowed_not_a_conflict)
{
	struct checked c;
	const struct finding *f;

	/* 20 lies inside 10: it never gets any traffic */
	check(&c, BROAD_DST, NARROW, "P2", "P1");
	cr_expect_eq(fs_count(&c.fs, R_POLICY_ORDER_CONFLICT), 0);
	f = fs_first(&c.fs, R_POLICY_SHADOWED);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, LN_VPN20);
	cr_expect_str_eq(
		f->message,
		"ipsec policy 'VPN 20' is never used: ipsec policy 'VPN 10' selects all of its traffic first");
	cr_expect_eq(c.fs.n, 2, "policy-shadowed and ipsec proposal P2 unused, nothing else");
	checked_free(&c);
}

/* ---- overlaps across groups (flow-overlap) ------------------------------------------ */

/*
 * Three groups, one per interface: VPN1 (acl 3000, peer P1, proposal P1),
 * VPN2 (acl 3001) and VPN3 (acl 3002), each with the peer and proposal given.
 */
static const char groups3_fmt[] = {"#\n"				      /* 1 */
				   " sysname A\n"			      /* 2 */
				   "#\n"				      /* 3 */
				   ACLS_3000_3001			      /* 4-7 */
				   "acl number 3002\n"			      /* 8 */
				   " rule 5 permit ip %s\n"		      /* 9 */
				   "#\n"				      /* 10 */
				   HW_ESP_P1()				      /* 11-13 */
				   P2_IKE_PEERS				      /* 14-31 */
				   "#\n"				      /* 32 */
				   "ipsec policy VPN1 10 isakmp\n"	      /* 33 */
				   " security acl 3000\n"		      /* 34 */
				   " ike-peer P1\n"			      /* 35 */
				   " proposal P1\n"			      /* 36 */
				   "ipsec policy VPN2 10 isakmp\n"	      /* 37 */
				   " security acl 3001\n"		      /* 38 */
				   " ike-peer %s\n"			      /* 39 */
				   " proposal %s\n"			      /* 40 */
				   "ipsec policy VPN3 10 isakmp\n"	      /* 41 */
				   " security acl 3002\n"		      /* 42 */
				   " ike-peer %s\n"			      /* 43 */
				   " proposal %s\n"			      /* 44 */
				   "#\n"				      /* 45 */
				   "interface GigabitEthernet0/0/0\n"	      /* 46 */
				   " ip address 198.51.100.1 255.255.255.0\n" /* 47 */
				   " ipsec policy VPN1\n"		      /* 48 */
				   "interface GigabitEthernet0/0/1\n"	      /* 49 */
				   " ip address 198.51.101.1 255.255.255.0\n" /* 50 */
				   " ipsec policy VPN2\n"		      /* 51 */
				   "interface GigabitEthernet0/0/2\n"	      /* 52 */
				   " ip address 198.51.102.1 255.255.255.0\n" /* 53 */
				   " ipsec policy VPN3\n"		      /* 54 */
				   "#\n"				      /* 55 */
				   "return\n"} /* 56 */;
#define LN_VPN1 33u
#define LN_VPN2 37u
#define LN_VPN3 41u

/* The three groups checked, which must have made n flow-overlap findings. */
static void check3(struct checked *c, size_t n, const char *acl1, const char *acl2, const char *acl3,
		   const char *peer2, const char *prop2, const char *peer3, const char *prop3)
{
	snprintf(c->text, sizeof(c->text), groups3_fmt, acl1, acl2, acl3, peer2, prop2, peer3, prop3);
	check_text(c);
	cr_expect_eq(fs_count(&c->fs, R_FLOW_OVERLAP), n, "%zu flow-overlap findings, expected %zu",
		     fs_count(&c->fs, R_FLOW_OVERLAP), n);
}

#define ELSEWHERE "source 10.7.0.0 0.0.255.255 destination 10.8.0.0 0.0.255.255"

#define OVERLAP_WIT "both select source 10.1.1.0/24 destination 10.2.0.0/24"

/* The nth flow-overlap: at the later policy, naming the earlier one at its line. */
static void expect_overlap(const struct findings *fs, size_t nth, uint32_t line, const char *later,
			   const char *earlier, uint32_t earlier_line, const char *why)
{
	const struct finding *f = fs_nth(fs, R_FLOW_OVERLAP, nth);
	char want[512], rel[128];

	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, line, "at %s, not line %u", later, f->loc.line);
	snprintf(want, sizeof(want),
		 "traffic of ipsec policy '%s' overlaps ipsec policy '%s' (%s): " OVERLAP_WIT, later, earlier,
		 why);
	cr_expect_str_eq(f->message, want);
	cr_assert_eq(f->nrelated, 1);
	cr_expect_eq(f->related[0].line, earlier_line);
	snprintf(rel, sizeof(rel), "ipsec policy '%s' is here", earlier);
	cr_expect_str_eq(f->related[0].message, rel);
}

Test(overlap, other_proposals_in_another_group)
{
	struct checked c;

	check3(&c, 1, BROAD_SRC, BROAD_DST, ELSEWHERE, "P1", "P2", "P2", "P1");
	expect_overlap(&c.fs, 0, LN_VPN2, "VPN2 10", "VPN1 10", LN_VPN1, "different proposals");
	cr_expect_eq(c.fs.n, 1, "nothing else");
	checked_free(&c);
}

Test(overlap, same_peer_and_proposals_in_another_group_is_a_redundant_uplink)
{
	struct checked c;

	check3(&c, 0, BROAD_SRC, BROAD_DST, ELSEWHERE, "P1", "P1", "P2", "P2");
	cr_expect_eq(c.fs.n, 0, "nothing at all");
	checked_free(&c);
}

Test(overlap, three_groups_each_pair_once_in_order)
{
	struct checked c;

	/* VPN3's flow lies inside both others: three overlapping pairs, each reported once */
	check3(&c, 3, BROAD_SRC, BROAD_DST, NARROW, "P2", "P1", "P2", "P2");
	expect_overlap(&c.fs, 0, LN_VPN2, "VPN2 10", "VPN1 10", LN_VPN1, "different peers");
	expect_overlap(&c.fs, 1, LN_VPN3, "VPN3 10", "VPN1 10", LN_VPN1, "different peers and proposals");
	expect_overlap(&c.fs, 2, LN_VPN3, "VPN3 10", "VPN2 10", LN_VPN2, "different proposals");
	cr_expect_eq(c.fs.n, 3, "nothing else");
	checked_free(&c);
}

Test(overlap, a_policy_of_two_rules_overlapping_is_reported_once)
{
	struct checked c;
	const struct finding *f;

	/* both rules of acl 3000 meet acl 3001 (and shift the lines below by one) */
	/* one finding per pair of policies, not per pair of rules */
	check3(&c, 1,
	       BROAD_SRC "\n rule 10 permit ip source 10.1.0.0 0.0.255.255 destination 10.2.1.0 0.0.0.255",
	       BROAD_DST, ELSEWHERE, "P2", "P1", "P2", "P2");
	f = fs_first(&c.fs, R_FLOW_OVERLAP);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, LN_VPN2 + 1);
	cr_expect(strstr(f->message, "(different peers)"), "%s", f->message);
	checked_free(&c);
}

/* ---- a rule shadowed by earlier rules of its acl ------------------------------------ */

#define R19(n, third) \
	" rule " #n " permit ip source 10.1." #third ".0 0.0.31.255 destination 10.2.2.0 0.0.0.255\n"

/* The policy-shadowed finding of acl 3000 (VPN 10), whose rules start on line 5. */
static void expect_rule_shadowed(const char *acl10, uint32_t line, const char *msg)
{
	struct checked c;
	const struct finding *f;

	check(&c, acl10, "source 10.7.0.0 0.0.255.255 destination 10.8.0.0 0.0.255.255", "P1", "P1");
	cr_expect_eq(fs_count(&c.fs, R_POLICY_SHADOWED), 1);
	f = fs_first(&c.fs, R_POLICY_SHADOWED);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, line, "at the shadowed rule, not line %u", f->loc.line);
	cr_expect_eq(f->loc.col, 2);
	cr_expect_str_eq(f->message, msg);
	checked_free(&c);
}

Test(groups, a_rule_covered_by_two_earlier_rules_names_both)
{
	/* "rule 5 permit ip %s": the first rule's text comes from the format */
	expect_rule_shadowed(
		"source 10.1.0.0 0.0.31.255 destination 10.2.2.0 0.0.0.255\n" R19(
			10,
			32) " rule 15 permit ip source 10.1.0.0 0.0.63.255 destination 10.2.2.0 0.0.0.255",
		7, "rule 15 of acl '3000' is never matched: rules 5 and 10 match all of its traffic first");
}

Test(groups, a_rule_covered_by_eight_earlier_rules_names_five_and_counts_the_rest)
{
	expect_rule_shadowed(
		"source 10.1.0.0 0.0.31.255 destination 10.2.2.0 0.0.0.255\n" R19(10, 32) R19(15, 64) R19(
			20, 96) R19(25, 128) R19(30, 160) R19(35, 192)
			R19(40,
			    224) " rule 45 permit ip source 10.1.0.0 0.0.255.255 destination 10.2.2.0 0.0.0.255",
		13,
		"rule 45 of acl '3000' is never matched: rules 5, 10, 15, 20, 25 and 3 more match all of its "
		"traffic first");
}

/* ---- a member shadowed by two earlier members ----------------------------------------- */

static const char three_members[] =
	"#\n sysname A\n#\n" /* 1-3 */
	"acl number 3000\n rule 5 permit ip source 10.1.0.0 0.0.127.255 destination 10.2.0.0 0.0.255.255\n" /* 4-5 */
	"acl number 3001\n rule 5 permit ip source 10.1.128.0 0.0.127.255 destination 10.2.0.0 0.0.255.255\n" /* 6-7 */
	"acl number 3002\n rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.2.0.0 0.0.255.255\n" /* 8-9 */
	"ipsec proposal P1\n esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256\n" /* 10-12 */
	"ike proposal 10\n encryption-algorithm aes-256\n dh group14\n authentication-algorithm sha2-256\n" /* 13-16 */
	" authentication-method pre-share\n" /* 17 */
	"ike peer P1\n pre-shared-key cipher %^%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%^%#\n ike-proposal 10\n" /* 18-20 */
	" remote-address 198.51.100.2\n"					       /* 21 */
	"ipsec policy VPN 10 isakmp\n security acl 3000\n ike-peer P1\n proposal P1\n" /* 22-25 */
	"ipsec policy VPN 20 isakmp\n security acl 3001\n ike-peer P1\n proposal P1\n" /* 26-29 */
	"ipsec policy VPN 30 isakmp\n security acl 3002\n ike-peer P1\n proposal P1\n" /* 30-33 */
	"interface GigabitEthernet0/0/0\n ip address 198.51.100.1 255.255.255.0\n ipsec policy VPN\n#\nreturn\n";

Test(groups, a_member_covered_by_two_earlier_members_names_both)
{
	struct checked c;
	const struct finding *f;

	snprintf(c.text, sizeof(c.text), "%s", three_members);
	check_text(&c);
	cr_expect_eq(c.fs.n, 1, "the shadowed member and nothing else");
	f = fs_first(&c.fs, R_POLICY_SHADOWED);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, 30u, "at VPN 30, not line %u", f->loc.line);
	cr_expect_str_eq(f->message,
			 "ipsec policy 'VPN 30' is never used: ipsec policy 'VPN 10' and ipsec policy "
			 "'VPN 20' select all of its traffic first");
	checked_free(&c);
}
