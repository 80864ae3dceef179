/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_psk.c - psk-weak names what is weak about a short key:
 * its length and, when it is made of one class of characters, which class.
 * A Huawei device parsed from text, checked by chk_device().
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "tests/huawei_text.h"

static const char dev_fmt[] =
	"#\n"										   /* 1 */
	" sysname A\n"									   /* 2 */
	"acl number 3000\n"								   /* 3 */
	" rule 5 permit ip source 10.1.0.0 0.0.255.255 destination 10.2.0.0 0.0.255.255\n" /* 4 */
	HW_ESP_P1()									   /* 5-7 */
	HW_IKE_10()									   /* 8-12 */
	"ike peer PEER\n"								   /* 13 */
	" pre-shared-key simple %s\n"							   /* 14 */
	" ike-proposal 10\n"								   /* 15 */
	" remote-address 198.51.100.2\n"						   /* 16 */
	HW_POLICY_10()									   /* 17-20 */
	"interface GigabitEthernet0/0/0\n"						   /* 21 */
	" ip address 198.51.100.1 255.255.255.0\n"					   /* 22 */
	" ipsec policy VPN\n"								   /* 23 */
	"return\n" /* 24 */;
#define LN_PSK 14u
#define COL_PSK 24u

/* The psk-weak finding's message for key, "" when there is none. */
static void weak_message(const char *key, char *out, size_t n)
{
	struct parsed_file pf = {0};
	struct findings fs = {0};
	char text[1024];
	size_t nweak = 0;

	snprintf(text, sizeof(text), dev_fmt, key);
	parse_buffer(&pf, "A.cfg", text, strlen(text), VENDOR_HUAWEI);
	cr_assert_not_null(pf.dev);
	chk_device(pf.dev, &fs);
	out[0] = '\0';
	for (size_t i = 0; i < fs.n; i++) {
		if (fs.v[i].rule != R_PSK_WEAK)
			continue;
		nweak++;
		cr_expect_eq(fs.v[i].loc.line, LN_PSK, "at the key's line, not %u", fs.v[i].loc.line);
		cr_expect_eq(fs.v[i].loc.col, COL_PSK, "at the key, not column %u", fs.v[i].loc.col);
		snprintf(out, n, "%s", fs.v[i].message);
	}
	cr_expect_leq(nweak, 1, "one psk-weak per key");
	fnd_free(&fs);
	parsed_file_free(&pf);
}

static void expect_weak(const char *key, const char *why)
{
	char got[256], want[256];

	weak_message(key, got, sizeof(got));
	snprintf(want, sizeof(want), "pre-shared key of ike peer 'PEER' is weak: %s", why);
	cr_expect_str_eq(got, want, "key of %zu characters: got \"%s\"", strlen(key), got);
}

Test(psk_weak, one_class_of_characters_is_named)
{
	expect_weak("ABCDEFGHJKLM", "12 characters, upper-case letters only");
	expect_weak("abcdefghjklm", "12 characters, lower-case letters only");
	expect_weak("123456789012", "12 characters, digits only");
	expect_weak("!@#$%^&*()-+", "12 characters, symbols only");
}

Test(psk_weak, mixed_short_key_gives_its_length_only)
{
	expect_weak("aB3!xY7?", "8 characters");
}

Test(psk_weak, a_long_key_of_one_class_is_weak_for_its_class_alone)
{
	char got[256];

	/* 20 characters: long enough, so only the class is named; a mixed one is fine */
	expect_weak("ABCDEFGHJKLMNPQRSTUV", "upper-case letters only");
	weak_message("Tq7!mZ2#pL9$vR4%wK8&", got, sizeof(got));
	cr_expect_str_eq(got, "");
}

Test(psk_weak, one_character_is_singular)
{
	expect_weak("7", "1 character, digits only");
}
