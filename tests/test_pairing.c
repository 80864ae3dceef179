/* SPDX-License-Identifier: MIT */
/*
 * tests/test_pairing.c - which device faces a tunnel when the addresses alone
 * do not say: two devices claiming one address (a copied configuration, an
 * HA pair), and the config file's hints ([device] addresses for a NAT
 * address no interface carries, [peers] to break a tie). Huawei devices
 * parsed from text, paired by chk_pairs().
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "common/util.h"
#include "parsers/parser.h"
#include "tests/addr_text.h"

#define FLEET_MAX 4
#define FLEET_TEXT 2048
#include "tests/fleet.h"
#include "tests/huawei_text.h"
#include "tests/parse_helpers.h"

/*
 * A Huawei device: sysname on line 2, the remote address on line 19, the
 * ipsec policy on line 21, the interface address on line 27. Its flow is
 * src -> dst (10.x.0.0/16 given as "10.x").
 */
static const char dev_fmt[] = {
	"#\n"							   /* 1 */
	" sysname %s\n"						   /* 2 */
	"#\n"							   /* 3 */
	"acl number 3000\n"					   /* 4 */
	" rule 5 permit ip source %s.0.0 0.0.255.255 destination " /* 5 */
	"%s.0.0 0.0.255.255\n"
	"#\n"		      /* 6 */
	"ipsec proposal P1\n" /* 7 */
	"%s\n"		      /* 8, 9: the proposal's body */
	"#\n"		      /* 10 */
	HW_IKE_10()	      /* 11-15 */
	"#\n"		      /* 16 */
	"ike peer PEER\n"     /* 17 */
	" pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n" /* 18 */
	" remote-address %s\n"							/* 19 */
	"#\n"									/* 20 */
	HW_POLICY_10()								/* 21-24 */
	"#\n"									/* 25 */
	HW_IFACE_FMT()								/* 26-28 */
	"#\n"									/* 29 */
	"return\n"};
#define LN_PROPOSAL 7u
#define LN_REMOTE 19u
#define LN_POLICY 21u

#define ESP_BODY " esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256"

/* A device whose ipsec proposal P1 has body (two lines). */
static void add_dev_p2(struct fleet *f, const char *name, const char *local, const char *remote,
		       const char *src, const char *dst, const char *body)
{
	char path[32];

	snprintf(path, sizeof(path), "%s.cfg", name);
	fleet_addf(f, path, VENDOR_HUAWEI, dev_fmt, name, src, dst, body, remote, local);
}

/* A device from the text of its file, NAME.cfg. */
static void add_text(struct fleet *f, const char *name, const char *text)
{
	char path[32];

	snprintf(path, sizeof(path), "%s.cfg", name);
	fleet_addf(f, path, VENDOR_HUAWEI, "%s", text);
}

static void run(struct fleet *f, const struct pair_hints *h)
{
	chk_pairs(f->devs, f->n, h, &f->fs, &f->pairs);
}

/* Is there a pair of the tunnels of devices named a and b (either order)? */
static bool paired(const struct fleet *f, const char *a, const char *b)
{
	for (size_t i = 0; i < f->pairs.n; i++) {
		const struct tunnel_pair *p = &f->pairs.v[i];

		if (!p->a || !p->b)
			continue;
		if ((strcmp(p->a->dev->name, a) == 0 && strcmp(p->b->dev->name, b) == 0) ||
		    (strcmp(p->a->dev->name, b) == 0 && strcmp(p->b->dev->name, a) == 0))
			return true;
	}
	return false;
}

static void add_dev(struct fleet *f, const char *name, const char *local, const char *remote, const char *src,
		    const char *dst)
{
	add_dev_p2(f, name, local, remote, src, dst, ESP_BODY);
}

/* The first finding of rule r, which is there, at line of path. */
static const struct finding *first_at(const struct fleet *f, enum rule_id r, const char *path, uint32_t line)
{
	const struct finding *x = fs_first(&f->fs, r);

	cr_assert_not_null(x, "no %s finding", rule_info(r)->id);
	cr_expect_str_eq(x->loc.src->path, path);
	cr_expect_eq(x->loc.line, line, "%s at %s line %u, expected %u", rule_info(r)->id, x->loc.src->path,
		     x->loc.line, line);
	return x;
}

/* ---- two devices own the remote address ------------------------------------------ */

/*
 * A (198.51.100.1) points at 198.51.100.2, which B and C both carry; B
 * points at b_remote and C at c_remote.
 */
static void two_owners(struct fleet *f, const char *b_remote, const char *c_remote)
{
	add_dev(f, "A", "198.51.100.1", "198.51.100.2", "10.1", "10.2");
	add_dev(f, "B", "198.51.100.2", b_remote, "10.2", "10.1");
	add_dev(f, "C", "198.51.100.2", c_remote, "10.2", "10.1");
}

Test(pairing, two_owners_the_one_that_points_back_is_the_peer)
{
	struct fleet f = {0};

	/* B and C both carry 198.51.100.2; only C points at A */
	two_owners(&f, "203.0.113.9", "198.51.100.1");
	run(&f, NULL);
	cr_expect(paired(&f, "A", "C"), "A pairs with C, the owner that points back");
	cr_expect_not(paired(&f, "A", "B"), "B does not point at A");
	cr_expect_eq(fs_count(&f.fs, R_PEER_ONE_SIDED), 0);
	cr_expect_eq(fs_errors(&f.fs), 0, "a clean pair: no error");
	cr_expect_eq(fs_count(&f.fs, R_PEER_MISSING), 1, "B's own peer is missing");
	fleet_free(&f);
}

/*
 * The same, with a third device E listed first that owns an IPv6 address
 * sharing the last 64 bits and the hash bucket of 198.51.100.2 (::ffff:
 * c633:6402 in its low half), and points back at A too: an address that
 * only collides is no owner, so C is still the one peer.
 */
Test(pairing, an_address_in_the_same_hash_bucket_is_no_owner)
{
	struct fleet f = {0};
	struct ip128 x, y;
	uint8_t fam;
	char ys[64];

	cr_assert(addr_parse_ip("198.51.100.2", &x, &fam));
	y.lo = x.lo;
	/* the pairing index masks the hash with its size, a power of two up to 4096 here */
	for (y.hi = 0x20010db800000001ULL;; y.hi++) {
		if (((util_hash64(&y, sizeof(y), UTIL_HASH_SEED) ^
		      util_hash64(&x, sizeof(x), UTIL_HASH_SEED)) &
		     0xfff) == 0)
			break;
	}
	addr_ip_str(&y, 6, ys, sizeof(ys));
	fleet_addf(
		&f, "E.batch", VENDOR_HPUX,
		"add host v6 -source %s/128 -destination 2001:db8::9/128 -priority 10 -action ESP_AES128_HMAC_SHA1\n"
		"add host back -source 203.0.113.50/32 -destination 198.51.100.1/32 -priority 20 "
		"-action ESP_AES128_HMAC_SHA1\n",
		ys);
	two_owners(&f, "203.0.113.9", "198.51.100.1");
	run(&f, NULL);
	cr_expect(paired(&f, "A", "C"), "A pairs with C, the owner that points back");
	for (size_t k = 0; k < f.fs.n; k++)
		cr_expect(f.fs.v[k].rule != R_PEER_ONE_SIDED || !strstr(f.fs.v[k].message, "198.51.100.2"),
			  "%s", f.fs.v[k].message);
	fleet_free(&f);
}

Test(pairing, two_owners_none_points_back_is_ambiguous)
{
	struct fleet f = {0};
	const struct finding *x;

	two_owners(&f, "203.0.113.9", "203.0.113.10");
	run(&f, NULL);
	cr_expect_eq(fs_count(&f.fs, R_PEER_ONE_SIDED), 1);
	x = first_at(&f, R_PEER_ONE_SIDED, "A.cfg", LN_REMOTE);
	cr_expect_str_eq(
		x->message,
		"ipsec policy VPN 10 points at 198.51.100.2, which 2 devices own; name the peer in .ipseclint [peers]");
	cr_expect_not(paired(&f, "A", "B"));
	cr_expect_not(paired(&f, "A", "C"));
	fleet_free(&f);
}

Test(pairing, two_owners_both_point_back_without_a_hint_is_ambiguous)
{
	struct fleet f = {0};
	const struct finding *x;

	two_owners(&f, "198.51.100.1", "198.51.100.1");
	run(&f, NULL);
	x = first_at(&f, R_PEER_ONE_SIDED, "A.cfg",
		     LN_REMOTE); /* A's tunnel: two owners point back, none chosen */
	cr_expect(strstr(x->message, "which 2 devices own"), "%s", x->message);
	fleet_free(&f);
}

Test(pairing, two_owners_both_point_back_the_peers_hint_decides)
{
	struct fleet f = {0};
	static const char *const pa[] = {"C"}, *const pb[] = {"A"};
	struct pair_hints h = {.peer_a = pa, .peer_b = pb, .npeers = 1};

	two_owners(&f, "198.51.100.1", "198.51.100.1");
	run(&f, &h); /* [peers] C = A: either side of the hint names A */
	cr_expect(paired(&f, "A", "C"), "the hint names C");
	cr_expect_eq(fs_count(&f.fs, R_PEER_ONE_SIDED), 0);
	cr_expect_eq(fs_errors(&f.fs), 0);
	fleet_free(&f);
}

/* ---- a NAT address no interface carries ------------------------------------------- */

Test(pairing, device_address_hint_pairs_a_nat_address)
{
	struct fleet f = {0};
	static const char *const names[] = {"C", "B"};
	struct addrspec addrs[2] = {host_of("203.0.113.60"), host_of("203.0.113.50")};
	struct pair_hints h = {.dev_names = names, .dev_addrs = addrs, .ndev_addrs = 2};

	/* A talks to B's public (NAT) address; B talks to A's own */
	add_dev(&f, "A", "198.51.100.1", "203.0.113.50", "10.1", "10.2");
	add_dev(&f, "B", "192.168.0.2", "198.51.100.1", "10.2", "10.1");
	run(&f, &h);
	cr_expect(paired(&f, "A", "B"), "[device B] addresses = 203.0.113.50 makes B the peer");
	cr_expect_eq(fs_count(&f.fs, R_PEER_MISSING), 0);
	cr_expect_eq(fs_count(&f.fs, R_PEER_ONE_SIDED), 0);
	cr_expect_eq(fs_errors(&f.fs), 0);
	fleet_free(&f);
}

Test(pairing, without_the_hint_the_nat_address_has_no_owner)
{
	struct fleet f = {0};
	const struct finding *x;

	add_dev(&f, "A", "198.51.100.1", "203.0.113.50", "10.1", "10.2");
	add_dev(&f, "B", "192.168.0.2", "198.51.100.1", "10.2", "10.1");
	run(&f, NULL);
	cr_expect_not(paired(&f, "A", "B"));
	x = first_at(&f, R_PEER_MISSING, "A.cfg", LN_REMOTE);
	cr_expect(strstr(x->message, "203.0.113.50"), "%s", x->message);
	fleet_free(&f);
}

/* ---- AH ------------------------------------------------------------------------- */

#define AH_SHA256 " transform ah\n ah authentication-algorithm sha2-256"
#define AH_SHA512 " transform ah\n ah authentication-algorithm sha2-512"

Test(pairing, ah_integrity_mismatch_is_an_ipsec_proposal_mismatch)
{
	struct fleet f = {0};
	const struct finding *x;

	add_dev_p2(&f, "A", "198.51.100.1", "198.51.100.2", "10.1", "10.2", AH_SHA256);
	add_dev_p2(&f, "B", "198.51.100.2", "198.51.100.1", "10.2", "10.1", AH_SHA512);
	run(&f, NULL);
	cr_expect(paired(&f, "A", "B"));
	cr_expect_eq(fs_errors(&f.fs), 1, "the proposal mismatch and nothing else");
	x = first_at(&f, R_IPSEC_PROPOSAL_MISMATCH, "A.cfg", LN_PROPOSAL);
	cr_expect_str_eq(
		x->message,
		"no ipsec proposal is acceptable to 'B': ah integrity sha2-256 here, sha2-512 there");
	cr_assert_eq(x->nrelated, 1);
	cr_expect_str_eq(x->related[0].src->path, "B.cfg");
	cr_expect_eq(x->related[0].line, LN_PROPOSAL);
	cr_expect_str_eq(x->related[0].message, "peer side: ipsec proposal 'P1' has ah integrity sha2-512");
	fleet_free(&f);
}

Test(pairing, ah_with_the_same_integrity_matches)
{
	struct fleet f = {0};

	add_dev_p2(&f, "A", "198.51.100.1", "198.51.100.2", "10.1", "10.2", AH_SHA256);
	add_dev_p2(&f, "B", "198.51.100.2", "198.51.100.1", "10.2", "10.1", AH_SHA256);
	run(&f, NULL);
	cr_expect(paired(&f, "A", "B"));
	cr_expect_eq(fs_count(&f.fs, R_IPSEC_PROPOSAL_MISMATCH), 0);
	cr_expect_eq(fs_errors(&f.fs), 0);
	fleet_free(&f);
}

Test(pairing, ah_against_esp_is_an_ipsec_proposal_mismatch)
{
	struct fleet f = {0};
	const struct finding *x;

	add_dev_p2(&f, "A", "198.51.100.1", "198.51.100.2", "10.1", "10.2", AH_SHA256);
	add_dev(&f, "B", "198.51.100.2", "198.51.100.1", "10.2", "10.1");
	run(&f, NULL);
	cr_expect_eq(fs_errors(&f.fs), 1);
	x = fs_first(&f.fs, R_IPSEC_PROPOSAL_MISMATCH);
	cr_assert_not_null(x);
	cr_expect_eq(x->loc.line, LN_PROPOSAL + 1, "at 'transform ah', not line %u", x->loc.line);
	cr_expect_str_eq(x->message,
			 "no ipsec proposal is acceptable to 'B': protocol ah here, esp (default) there");
	fleet_free(&f);
}

/* ---- manual SAs ------------------------------------------------------------------ */

/* A manual policy (line 11), its inbound ESP SPI on line 16, the outbound one on line 18 when given. */
#define MANUAL_HEAD(name, local, remote, src, dst)                                                                \
	"#\n sysname " name "\n#\nacl number 3101\n rule 5 permit ip source " src                                 \
	" 0.0.0.255 destination " dst                                                                             \
	" 0.0.0.255\n#\nipsec proposal tran1\n esp authentication-algorithm sha2-256\n esp encryption-algorithm " \
	"aes-128\n#\nipsec policy map1 10 manual\n security acl 3101\n proposal tran1\n tunnel local " local      \
	"\n tunnel remote " remote "\n"
#define MANUAL_IN(spi) " sa spi inbound esp " spi "\n sa string-key inbound esp simple Manual-Key-000001\n"
#define MANUAL_OUT(spi) " sa spi outbound esp " spi "\n sa string-key outbound esp simple Manual-Key-000001\n"
#define MANUAL_TAIL(local)                                      \
	"#\ninterface GigabitEthernet1/0/0\n ip address " local \
	" 255.255.255.0\n ipsec policy map1\n#\nreturn\n"
#define LN_MANUAL_POLICY 11u
#define LN_MANUAL_IN 16u

static const char manual_a[] = MANUAL_HEAD("A", "192.0.2.1", "192.0.2.2", "10.1.1.0", "10.1.2.0")
	MANUAL_IN("54321") MANUAL_OUT("12345") MANUAL_TAIL("192.0.2.1");
/* B: its inbound SA is A's outbound one; it has no outbound SA for A's inbound one */
static const char manual_b_in_only[] = MANUAL_HEAD("B", "192.0.2.2", "192.0.2.1", "10.1.2.0", "10.1.1.0")
	MANUAL_IN("12345") MANUAL_TAIL("192.0.2.2");

static const struct finding *manual_finding(const struct fleet *f)
{
	const struct finding *x = NULL;

	for (size_t i = 0; i < f->fs.n; i++) {
		if (f->fs.v[i].rule != R_MANUAL_SA_MISMATCH)
			continue;
		cr_expect_null(x, "one manual-sa-mismatch");
		x = &f->fs.v[i];
	}
	cr_assert_not_null(x);
	return x;
}

Test(pairing, manual_sa_set_here_missing_on_the_peer)
{
	struct fleet f = {0};
	const struct finding *x;

	add_text(&f, "A", manual_a);
	add_text(&f, "B", manual_b_in_only);
	run(&f, NULL);
	x = manual_finding(&f);
	cr_expect_str_eq(x->loc.src->path, "A.cfg");
	cr_expect_eq(x->loc.line, LN_MANUAL_IN, "at A's inbound SPI, not line %u", x->loc.line);
	cr_expect_str_eq(x->message, "inbound esp SA on one side only: here set, on 'B' outbound missing");
	cr_expect_eq(x->nrelated, 0, "nothing to show on B");
	fleet_free(&f);
}

Test(pairing, manual_sa_missing_here_set_on_the_peer)
{
	struct fleet f = {0};
	const struct finding *x;

	/* the same two devices, B first: the finding is B's, the peer side A's SPI */
	add_text(&f, "B", manual_b_in_only);
	add_text(&f, "A", manual_a);
	run(&f, NULL);
	x = manual_finding(&f);
	cr_expect_str_eq(x->loc.src->path, "B.cfg");
	cr_expect_eq(x->loc.line, LN_MANUAL_POLICY, "at B's policy, not line %u", x->loc.line);
	cr_expect_str_eq(x->message, "outbound esp SA on one side only: here missing, on 'A' inbound set");
	cr_assert_eq(x->nrelated, 1);
	cr_expect_str_eq(x->related[0].src->path, "A.cfg");
	cr_expect_eq(x->related[0].line, LN_MANUAL_IN);
	cr_expect_str_eq(x->related[0].message, "peer side: inbound esp SPI 54321");
	fleet_free(&f);
}

Test(pairing, manual_sa_on_both_sides_matches)
{
	struct fleet f = {0};
	static const char b[] = MANUAL_HEAD("B", "192.0.2.2", "192.0.2.1", "10.1.2.0", "10.1.1.0")
		MANUAL_IN("12345") MANUAL_OUT("54321") MANUAL_TAIL("192.0.2.2");

	add_text(&f, "A", manual_a);
	add_text(&f, "B", b);
	run(&f, NULL);
	cr_expect(paired(&f, "A", "B"));
	cr_expect_eq(fs_count(&f.fs, R_MANUAL_SA_MISMATCH), 0);
	fleet_free(&f);
}

/* ---- several tunnels face one: the selectors decide ------------------------------- */

/*
 * B: two members of VPN, both towards A; one protects exactly the mirror of
 * A's flow 10.1.0.0/16 -> 10.2.0.0/16, the other a part of it (10.2.5.0/24).
 */
#define B_TWO_FMT                                                                                                        \
	"#\n sysname B\n#\nacl number 3000\n rule 5 permit ip source %s destination 10.1.0.0 0.0.255.255\n"              \
	"acl number 3001\n rule 5 permit ip source %s destination 10.1.0.0 0.0.255.255\n#\nipsec proposal P1\n" ESP_BODY \
	"\n#\nike proposal 10\n encryption-algorithm aes-256\n dh group14\n authentication-algorithm sha2-256\n"         \
	" authentication-method pre-share\n#\nike peer PEER\n"                                                           \
	" pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n remote-address 198.51.100.1\n#\n"         \
	"ipsec policy VPN 10 isakmp\n security acl 3000\n ike-peer PEER\n proposal P1\n"                                 \
	"ipsec policy VPN 20 isakmp\n security acl 3001\n ike-peer PEER\n proposal P1\n#\n"                              \
	"interface GigabitEthernet0/0/0\n ip address 198.51.100.2 255.255.255.0\n ipsec policy VPN\n#\nreturn\n"
#define WHOLE "10.2.0.0 0.0.255.255"
#define PART "10.2.5.0 0.0.0.255"

/*
 * A's tunnel pairs first, with the member of B that mirrors it exactly (want);
 * then B's other member, which points at A too, with A's tunnel.
 */
static void pair_with_two(const char *acl10, const char *acl20, const char *want, const char *other)
{
	struct fleet f = {0};
	char b[2048];

	snprintf(b, sizeof(b), B_TWO_FMT, acl10, acl20);
	add_dev(&f, "A", "198.51.100.1", "198.51.100.2", "10.1", "10.2");
	add_text(&f, "B", b);
	run(&f, NULL);
	cr_assert_eq(f.pairs.n, 2);
	cr_assert_not_null(f.pairs.v[0].b);
	cr_assert_not_null(f.pairs.v[1].b);
	cr_expect_str_eq(f.pairs.v[0].a->dev->name, "A");
	cr_expect_str_eq(f.pairs.v[0].b->name, want, "A's tunnel pairs with B's exact mirror");
	cr_expect_str_eq(f.pairs.v[1].b->name, other);
	fleet_free(&f);
}

Test(pairing, of_two_facing_tunnels_the_exact_mirror_wins_first_or_second)
{
	pair_with_two(WHOLE, PART, "ipsec policy VPN 10", "ipsec policy VPN 20");
	pair_with_two(PART, WHOLE, "ipsec policy VPN 20", "ipsec policy VPN 10");
}

/* ---- a responder template that names its peer ------------------------------------- */

#define B_TEMPLATE_FMT                                                                                                   \
	"#\n sysname B\n#\nipsec proposal P1\n" ESP_BODY                                                                 \
	"\n#\nike proposal 10\n encryption-algorithm aes-256\n dh group14\n authentication-algorithm sha2-256\n"         \
	" authentication-method pre-share\n#\nike peer PEER\n"                                                           \
	" pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n ike-proposal 10\n remote-address %s\n#\n" \
	"ipsec policy-template TPL 10\n ike-peer PEER\n proposal P1\n#\n"                                                \
	"ipsec policy VPN 10 isakmp template TPL\n#\n"                                                                   \
	"interface GigabitEthernet0/0/0\n ip address 198.51.100.2 255.255.255.0\n ipsec policy VPN\n#\nreturn\n"

#define LN_B_TEMPLATE_REMOTE 17u

static void with_template(struct fleet *f, const char *remote)
{
	char b[2048];

	snprintf(b, sizeof(b), B_TEMPLATE_FMT, remote);
	add_dev(f, "A", "198.51.100.1", "198.51.100.2", "10.1", "10.2");
	add_text(f, "B", b);
	run(f, NULL);
}

Test(pairing, a_template_that_names_the_initiator_accepts_it)
{
	struct fleet f = {0};

	with_template(&f, "198.51.100.1");
	cr_assert_eq(f.pairs.n, 1);
	cr_assert_not_null(f.pairs.v[0].b);
	cr_expect_str_eq(f.pairs.v[0].a->dev->name, "A");
	cr_expect_str_eq(f.pairs.v[0].b->dev->name, "B");
	cr_expect_str_eq(f.pairs.v[0].b->name, "ipsec policy VPN 10");
	cr_expect_eq(fs_errors(&f.fs), 0);
	cr_expect_eq(fs_count(&f.fs, R_PEER_MISSING), 0);
	fleet_free(&f);
}

Test(pairing, a_template_that_names_another_peer_does_not)
{
	struct fleet f = {0};
	const struct finding *x;

	with_template(&f, "198.51.100.9");
	cr_expect_not(paired(&f, "A", "B"));
	x = first_at(&f, R_PEER_ONE_SIDED, "A.cfg", LN_REMOTE);
	cr_expect_str_eq(x->message,
			 "ipsec policy VPN 10 points at 198.51.100.2 on 'B', but 'B' has no tunnel back to "
			 "'A' (nearest: ipsec policy VPN 10)");
	x = first_at(&f, R_PEER_MISSING, "B.cfg", LN_B_TEMPLATE_REMOTE);
	cr_expect(strstr(x->message, "198.51.100.9"), "%s", x->message);
	fleet_free(&f);
}
