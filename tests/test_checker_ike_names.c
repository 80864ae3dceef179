/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_ike_names.c - phase-1 pair checks (checker/pair_ike.c)
 * at the edges of what they name and parse: the version sets a message
 * names (both versions, none at all), and a plain pre-shared key compared
 * with a hex one (the 0x/0X prefix, upper-case digits, an odd length, a
 * length that differs, a character that is no hex digit). Devices parsed
 * from text, paired by chk_pairs(); each case checks the rule, the lines on
 * both sides, the message and that nothing else fired.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/aix_xml_text.h"
#include "tests/fleet.h"
#include "tests/huawei_text.h"

/*
 * Exactly one pair finding: rule at line of path, related at rel_line of
 * rel_path, the message holding each of the words.
 */
static void assert_one(const struct fleet *f, enum rule_id rule, const char *path, uint32_t line,
		       const char *rel_path, uint32_t rel_line, const char *const *words)
{
	for (size_t i = 0; i < f->fs.n; i++)
		cr_assert(i == 0, "a second finding: %s", f->fs.v[i].message);
	cr_assert_eq(f->fs.n, 1, "no finding");
	fleet_assert_finding(&f->fs.v[0], rule, path, line, rel_path, rel_line, words);
}

/* ---- versions ------------------------------------------------------------ */

/* A Huawei device; %s after the ike peer's remote address: its version lines (line 17, 18) */
static const char hw_fmt[] = {"#\n"								     /* 1 */
			      " sysname %s\n"							     /* 2 */
			      "acl number 3000\n"						     /* 3 */
			      " rule 5 permit ip source %s 0.0.255.255 destination %s 0.0.255.255\n" /* 4 */
			      HW_ESP_P1()							     /* 5-7 */
			      HW_IKE_10()	/* 8-12 */
			      "ike peer PEER\n" /* 13 */
			      " pre-shared-key cipher %%^%%#Zq8Lm2Vx9Pw4Rt6Yu1Io3Kj5Hg7Fd0Sa%%^%%#\n" /* 14 */
			      " ike-proposal 10\n"						      /* 15 */
			      " remote-address %s\n"						      /* 16 */
			      "%s"	     /* 17, 18 */
			      HW_POLICY_10() /* 17 or 19 */
			      HW_IFACE_FMT() /* */
			      "return\n"};
#define LN_PEER 13u
#define LN_VERSION 17u

static void add_hw(struct fleet *f, const char *name, const char *local, const char *remote, const char *src,
		   const char *dst, const char *versions)
{
	char path[32];

	snprintf(path, sizeof(path), "%s.cfg", name);
	fleet_addf(f, path, VENDOR_HUAWEI, hw_fmt, name, src, dst, remote, versions, local);
}

/* Both versions (the default) against a peer with both undone: the message names both sets. */
Test(ike_names, both_versions_against_none)
{
	struct fleet f = {0};
	static const char *const w[] = {"ike peer PEER allows IKEv1 and IKEv2",
					"here, 'B' allows only no IKE version", NULL};

	add_hw(&f, "A", "198.51.100.1", "198.51.100.2", "10.1.0.0", "10.2.0.0", "");
	add_hw(&f, "B", "198.51.100.2", "198.51.100.1", "10.2.0.0", "10.1.0.0",
	       " undo version 1\n undo version 2\n");
	fleet_run(&f);
	assert_one(&f, R_IKE_VERSION_MISMATCH, "A.cfg", LN_PEER, "B.cfg", LN_VERSION, w);
	cr_assert_not_null(strstr(f.fs.v[0].related[0].message, "peer side: no IKE version"), "%s",
			   f.fs.v[0].related[0].message);
	fleet_free(&f);
}

Test(ike_names, no_version_against_both)
{
	struct fleet f = {0};
	static const char *const w[] = {
		"ike peer PEER allows no IKE version here, 'B' allows only IKEv1 and IKEv2", NULL};

	add_hw(&f, "A", "198.51.100.1", "198.51.100.2", "10.1.0.0", "10.2.0.0",
	       " undo version 2\n undo version 1\n");
	add_hw(&f, "B", "198.51.100.2", "198.51.100.1", "10.2.0.0", "10.1.0.0", "");
	fleet_run(&f);
	assert_one(&f, R_IKE_VERSION_MISMATCH, "A.cfg", LN_VERSION, "B.cfg", LN_PEER, w);
	cr_assert_not_null(strstr(f.fs.v[0].related[0].message, "peer side: IKEv1 and IKEv2"), "%s",
			   f.fs.v[0].related[0].message);
	fleet_free(&f);
}

/* ---- a plain key against a hex one ------------------------------------------------ */

/* AIX host 192.0.2.1 whose key (line 12) is declared hex: 12 bytes 5a7e9c2b41f08d63a1b2c3ff */
static const char aix_xml[] = {
	"<?xml version=\"1.0\"?>\n"								      /* 1 */
	"<!-- AIX host 192.0.2.1 -->\n"								      /* 2 */
	"<AIX_VPN Version=\"2.0\">\n"								      /* 3 */
	"  <IKEProtection IKE_ProtectionName=\"P1Pol\" IKE_Role=\"Both\" IKE_XCHGMode=\"Main\">\n"    /* 4 */
	"    <IKETransform IKE_Hash=\"SHA2-256\" IKE_Encryption=\"AES-CBC-256\" IKE_DHGroup=\"14\"\n" /* 5 */
	"        IKE_KeyRefreshMinutes=\"480\" IKE_AuthenticationMethod=\"Preshared_key\"/>\n"	      /* 6 */
	"  </IKEProtection>\n"									      /* 7 */
	AIX_IKE_TUNNEL_P1()									  /* 8-11 */
	AIX_HEX_KEY("0x5a7e9c2b41f08d63a1b2c3ff")						  /* 12-14 */
	AIX_ESP_PROPOSAL("ESP_AES_256", "HMAC-SHA2-256")					  /* 15-18 */
	AIX_IPSEC_TUNNEL_P2_FROM_10_1()								  /* 19-22 */
	"    <IPSecRemoteIdentity><IPV4_Address Value=\"198.51.100.2\"/></IPSecRemoteIdentity>\n" /* 23 */
	"  </IPSecTunnel>\n"									  /* 24 */
	"</AIX_VPN>\n"};
#define LN_AIX_KEY 12u

/* HP-UX host 198.51.100.2, which reads its key (line 6) as ASCII text */
static const char hpux_fmt[] =
	"# HP-UX host 198.51.100.2\n"
	"add tunnel t_aix -tsource 198.51.100.2 -tdestination 192.0.2.1 \\\n"
	"    -source 198.51.100.2/32 -destination 10.1.0.0/24 -action ESP_AES256_HMAC_SHA2_256/28800/0\n"
	"add host h_aix -source 198.51.100.2/32 -destination 10.1.0.0/24 -priority 10 -tunnel t_aix -action PASS\n"
	"add ikev1 ike_aix -remote 192.0.2.1/32 -priority 10 -encryption AES256 -hash SHA2-256 -group 14 -life "
	"28800\n"
	"add auth auth_aix -remote 192.0.2.1/32 -priority 10 -preshared %s\n";
#define LN_HP_KEY 6u

/* The pair of AIX (hex) and HP-UX (plain key), AIX first when aix_first. */
static void key_pair(struct fleet *f, const char *plain, bool aix_first)
{
	for (int k = 0; k < 2; k++) {
		if ((k == 0) == aix_first)
			fleet_parse_text(f, "aix.xml", aix_xml, VENDOR_AIX);
		else
			fleet_addf(f, "hp.batch", VENDOR_HPUX, hpux_fmt, plain);
	}
	fleet_run(f);
}

/* The one finding is psk-format-mismatch (same text, two readings), else psk-mismatch. */
static void expect_key(const char *plain, bool same_text)
{
	for (int order = 0; order < 2; order++) {
		struct fleet f = {0};
		bool aix_first = order == 0;
		static const char *const w_fmt_aix[] = {
			"the same key text is read as hex here and as ASCII on 'hp': the key bytes differ",
			NULL};
		static const char *const w_fmt_hp[] = {
			"the same key text is read as ASCII here and as hex on 'aix': the key bytes differ",
			NULL};
		static const char *const w_diff_aix[] = {
			"pre-shared keys differ: <psk: hex, 12 bytes> here, <psk: ascii", "on 'hp'", NULL};
		static const char *const w_diff_hp[] = {"pre-shared keys differ: <psk: ascii",
							"here, <psk: hex, 12 bytes> on 'aix'", NULL};

		key_pair(&f, plain, aix_first);
		if (aix_first)
			assert_one(&f, same_text ? R_PSK_FORMAT_MISMATCH : R_PSK_MISMATCH, "aix.xml",
				   LN_AIX_KEY, "hp.batch", LN_HP_KEY, same_text ? w_fmt_aix : w_diff_aix);
		else
			assert_one(&f, same_text ? R_PSK_FORMAT_MISMATCH : R_PSK_MISMATCH, "hp.batch",
				   LN_HP_KEY, "aix.xml", LN_AIX_KEY, same_text ? w_fmt_hp : w_diff_hp);
		fleet_free(&f);
	}
}

Test(ike_names, hex_text_without_prefix_is_the_same_text)
{
	expect_key("5a7e9c2b41f08d63a1b2c3ff", true);
}

Test(ike_names, upper_case_prefix_and_digits_are_the_same_text)
{
	expect_key("0X5A7E9C2B41F08D63A1B2C3FF", true);
	expect_key("0x5A7e9C2b41F08d63A1b2C3fF", true);
}

Test(ike_names, odd_length_is_another_key)
{
	expect_key("0x5a7e9c2b41f08d63a1b2c3d", false);
	expect_key("5a7e9c2b41f08d63a1b2c3fff", false);
}

Test(ike_names, other_length_is_another_key)
{
	expect_key("0x5a7e9c2b41f08d63a1b2c3", false);
	expect_key("0x5a7e9c2b41f08d63a1b2c3ffe5", false);
}

Test(ike_names, a_byte_that_differs_is_another_key)
{
	expect_key("0x5a7e9c2b41f08d63a1b2c3d5", false);
	expect_key("0x6a7e9c2b41f08d63a1b2c3ff", false);
}

Test(ike_names, no_hex_digit_is_another_key)
{
	/* g, G, '/' and ':' where a digit belongs, high and low nibble; '0y' and '1x' are no prefix */
	expect_key("0x5a7e9c2b41f08d63a1b2c3fg", false);
	expect_key("0x5a7e9c2b41f08d63a1b2c3Gf", false);
	expect_key("0x5a7e9c2b41f08d63a1b2c3/f", false);
	expect_key("0x5a7e9c2b41f08d63a1b2c3f:", false);
	expect_key("0y5a7e9c2b41f08d63a1b2c3ff", false);
	expect_key("1x5a7e9c2b41f08d63a1b2c3ff", false);
}

/*
 * A character that is no digit, read the careless way, would give the very
 * byte the hex key has: -1 for 'g' as the high nibble of f0 or the low one
 * of ff, 16 for 'g' after 'e' (0xe0 | 0x10), 10 for ':' as the 'a' of a1.
 */
Test(ike_names, no_hex_digit_never_reads_as_the_byte_wanted)
{
	expect_key("5a7e9c2b41g08d63a1b2c3ff", false);
	expect_key("5a7e9c2b41f08d63a1b2c3fg", false);
	expect_key("5a7e9c2b41eg8d63a1b2c3ff", false);
	expect_key("5a7e9c2b41f08d63:1b2c3ff", false);
}
