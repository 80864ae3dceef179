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
#include "tests/parse_helpers.h"

/*
 * Two members of the group VPN: 10 (acl 3000, ike peer P1) and 20 (acl 3001,
 * ike peer %s, ipsec proposal %s). Each acl rule is "source S destination D"
 * in Huawei wildcard notation.
 */
static const char group_fmt[] =
	"#\n"									/* 1 */
	" sysname A\n"								/* 2 */
	"#\n"									/* 3 */
	"acl number 3000\n"							/* 4 */
	" rule 5 permit ip %s\n"						/* 5 */
	"acl number 3001\n"							/* 6 */
	" rule 5 permit ip %s\n"						/* 7 */
	"#\n"									/* 8 */
	"ipsec proposal P1\n"							/* 9 */
	" esp authentication-algorithm sha2-256\n"				/* 10 */
	" esp encryption-algorithm aes-256\n"					/* 11 */
	"ipsec proposal P2\n"							/* 12 */
	" esp authentication-algorithm sha2-256\n"				/* 13 */
	" esp encryption-algorithm aes-128\n"					/* 14 */
	"#\n"									/* 15 */
	"ike proposal 10\n"							/* 16 */
	" encryption-algorithm aes-256\n"					/* 17 */
	" dh group14\n"								/* 18 */
	" authentication-algorithm sha2-256\n"					/* 19 */
	" authentication-method pre-share\n"					/* 20 */
	"#\n"									/* 21 */
	"ike peer P1\n"								/* 22 */
	" pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n" /* 23 */
	" ike-proposal 10\n"							/* 24 */
	" remote-address 198.51.100.2\n"					/* 25 */
	"ike peer P2\n"								/* 26 */
	" pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n" /* 27 */
	" ike-proposal 10\n"							/* 28 */
	" remote-address 198.51.100.3\n"					/* 29 */
	"#\n"									/* 30 */
	"ipsec policy VPN 10 isakmp\n"						/* 31 */
	" security acl 3000\n"							/* 32 */
	" ike-peer P1\n"							/* 33 */
	" proposal P1\n"							/* 34 */
	"ipsec policy VPN 20 isakmp\n"						/* 35 */
	" security acl 3001\n"							/* 36 */
	" ike-peer %s\n"							/* 37 */
	" proposal %s\n"							/* 38 */
	"#\n"									/* 39 */
	"interface GigabitEthernet0/0/0\n"					/* 40 */
	" ip address 198.51.100.1 255.255.255.0\n"				/* 41 */
	" ipsec policy VPN\n"							/* 42 */
	"#\n"									/* 43 */
	"return\n";
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

static void check(struct checked *c, const char *acl10, const char *acl20, const char *peer20,
		  const char *prop20)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->text, sizeof(c->text), group_fmt, acl10, acl20, peer20, prop20);
	parse_buffer(&c->pf, "A.cfg", c->text, strlen(c->text), VENDOR_HUAWEI);
	cr_assert_not_null(c->pf.dev);
	cr_assert_eq(c->pf.status, FILE_OK, "the test device parses clean");
	chk_device(c->pf.dev, &c->fs);
}

static void checked_free(struct checked *c)
{
	fnd_free(&c->fs);
	parsed_file_free(&c->pf);
}

static size_t count(const struct findings *fs, enum rule_id r)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		n += fs->v[i].rule == r;
	return n;
}

static const struct finding *first(const struct findings *fs, enum rule_id r)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].rule == r)
			return &fs->v[i];
	return NULL;
}

/* The conflict, stated in full: at member 20, naming member 10 at its line. */
static void expect_conflict(const struct findings *fs, const char *how)
{
	const struct finding *f = first(fs, R_POLICY_ORDER_CONFLICT);
	char want[512];

	cr_assert_eq(count(fs, R_POLICY_ORDER_CONFLICT), 1);
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

Test(groups, crossing_member_with_another_peer_is_an_order_conflict)
{
	struct checked c;

	check(&c, BROAD_SRC, BROAD_DST, "P2", "P1");
	expect_conflict(&c.fs, "to another peer");
	cr_expect_eq(count(&c.fs, R_UNUSED_DEFINITION), 1, "ipsec proposal P2 only");
	cr_expect_eq(c.fs.n, 2, "nothing else");
	checked_free(&c);
}

Test(groups, crossing_member_with_other_proposals_is_an_order_conflict)
{
	struct checked c;

	check(&c, BROAD_SRC, BROAD_DST, "P1", "P2");
	expect_conflict(&c.fs, "with other proposals");
	cr_expect_eq(count(&c.fs, R_UNUSED_DEFINITION), 1, "ike peer P2 only");
	cr_expect_eq(c.fs.n, 2, "nothing else");
	checked_free(&c);
}

Test(groups, crossing_member_with_the_same_peer_and_proposals_is_fine)
{
	struct checked c;

	/* the same tunnel either way: which member takes the traffic does not matter */
	check(&c, BROAD_SRC, BROAD_DST, "P1", "P1");
	cr_expect_eq(count(&c.fs, R_POLICY_ORDER_CONFLICT), 0);
	cr_expect_eq(count(&c.fs, R_POLICY_SHADOWED), 0);
	cr_expect_eq(c.fs.n, 2, "ike peer P2 and ipsec proposal P2 unused, nothing else");
	checked_free(&c);
}

Test(groups, narrower_member_first_is_fine)
{
	struct checked c;

	/* the usual "specific first" order: 10 lies inside 20 */
	check(&c, NARROW, BROAD_DST, "P2", "P1");
	cr_expect_eq(count(&c.fs, R_POLICY_ORDER_CONFLICT), 0);
	cr_expect_eq(count(&c.fs, R_POLICY_SHADOWED), 0);
	cr_expect_eq(c.fs.n, 1, "ipsec proposal P2 unused, nothing else");
	checked_free(&c);
}

Test(groups, later_member_inside_an_earlier_one_is_shadowed_not_a_conflict)
{
	struct checked c;
	const struct finding *f;

	/* 20 lies inside 10: it never gets any traffic */
	check(&c, BROAD_DST, NARROW, "P2", "P1");
	cr_expect_eq(count(&c.fs, R_POLICY_ORDER_CONFLICT), 0);
	f = first(&c.fs, R_POLICY_SHADOWED);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, LN_VPN20);
	cr_expect_str_eq(
		f->message,
		"ipsec policy 'VPN 20' is never used: ipsec policy 'VPN 10' selects all of its traffic first");
	cr_expect_eq(c.fs.n, 2, "policy-shadowed and ipsec proposal P2 unused, nothing else");
	checked_free(&c);
}
