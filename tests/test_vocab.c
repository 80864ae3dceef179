/* SPDX-License-Identifier: MIT */
/*
 * tests/test_vocab.c - canonical names round-trip, and the weak / SM / known
 * predicates match spec/rules.md (weak-algorithm, sm-algorithm-ikev2).
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "common/util.h"
#include "model/vocab.h"

struct enc_case {
	int e;
	char name[24];
	bool weak, sm;
};

ParameterizedTestParameters(vocab, enc)
{
	static struct enc_case cases[] = {
		{ENC_DES, "des", true, false},
		{ENC_3DES, "3des", true, false},
		{ENC_CDMF, "cdmf", true, false},
		{ENC_AES128, "aes-128", false, false},
		{ENC_AES192, "aes-192", false, false},
		{ENC_AES256, "aes-256", false, false},
		{ENC_AES128_GCM, "aes-128-gcm", false, false},
		{ENC_AES192_GCM, "aes-192-gcm", false, false},
		{ENC_AES256_GCM, "aes-256-gcm", false, false},
		{ENC_AES128_GMAC, "aes-128-gmac", false, false},
		{ENC_AES192_GMAC, "aes-192-gmac", false, false},
		{ENC_AES256_GMAC, "aes-256-gmac", false, false},
		{ENC_SM1, "sm1", false, true},
		{ENC_SM4, "sm4", false, true},
		{ENC_NULL, "null", true, false},
	};
	return cr_make_param_array(struct enc_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct enc_case *c, vocab, enc)
{
	enum enc back = ENC_UNSET;

	cr_assert_str_eq(vocab_enc_name((enum enc)c->e), c->name);
	cr_assert(vocab_enc_parse(c->name, &back), "%s", c->name);
	cr_assert_eq((int)back, c->e, "%s parses back", c->name);
	cr_assert_eq(vocab_enc_is_weak((enum enc)c->e), c->weak, "%s weak", c->name);
	cr_assert_eq(vocab_enc_is_sm((enum enc)c->e), c->sm, "%s sm", c->name);
}

struct integ_case {
	int i;
	char name[24];
	bool weak, sm;
};

ParameterizedTestParameters(vocab, integ)
{
	static struct integ_case cases[] = {
		{INTEG_MD5, "md5", true, false},	  {INTEG_KEYED_MD5, "keyed-md5", true, false},
		{INTEG_SHA1, "sha1", true, false},	  {INTEG_SHA256, "sha2-256", false, false},
		{INTEG_SHA384, "sha2-384", false, false}, {INTEG_SHA512, "sha2-512", false, false},
		{INTEG_SM3, "sm3", false, true},	  {INTEG_AES_XCBC, "aes-xcbc", false, false},
	};
	return cr_make_param_array(struct integ_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct integ_case *c, vocab, integ)
{
	enum integ back = INTEG_UNSET;

	cr_assert_str_eq(vocab_integ_name((enum integ)c->i), c->name);
	cr_assert(vocab_integ_parse(c->name, &back), "%s", c->name);
	cr_assert_eq((int)back, c->i, "%s parses back", c->name);
	cr_assert_eq(vocab_integ_is_weak((enum integ)c->i), c->weak, "%s weak", c->name);
	cr_assert_eq(vocab_integ_is_sm((enum integ)c->i), c->sm, "%s sm", c->name);
}

Test(vocab, every_value_has_a_distinct_name)
{
	for (int a = 1; a < ENC__COUNT; a++)
		for (int b = a + 1; b < ENC__COUNT; b++)
			cr_assert_str_neq(vocab_enc_name((enum enc)a), vocab_enc_name((enum enc)b));
	for (int a = 1; a < INTEG__COUNT; a++)
		for (int b = a + 1; b < INTEG__COUNT; b++)
			cr_assert_str_neq(vocab_integ_name((enum integ)a), vocab_integ_name((enum integ)b));
	for (int a = 0; a < AUTH__COUNT; a++)
		cr_assert_str_neq(vocab_auth_name((enum auth_method)a), "unknown", "auth %d", a);
	for (int a = 0; a < ID__COUNT; a++)
		cr_assert_str_neq(vocab_id_type_name((enum id_type)a), "unknown", "id type %d", a);
}

Test(vocab, other_names)
{
	static const struct {
		int v;
		const char *name;
	} auths[] = {{AUTH_PSK, "psk"},
		     {AUTH_RSA_SIG, "rsa-sig"},
		     {AUTH_ECDSA, "ecdsa"},
		     {AUTH_DIGITAL_ENVELOPE, "digital-envelope"}},
	  ids[] = {{ID_IPV4, "ipv4"},
		   {ID_USER_FQDN, "user-fqdn"},
		   {ID_KEY_ID, "key-id"},
		   {ID_IPV6_RANGE, "ipv6-range"}};

	for (size_t i = 0; i < ARRAY_SIZE(auths); i++)
		cr_assert_str_eq(vocab_auth_name((enum auth_method)auths[i].v), auths[i].name);
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
		cr_assert_str_eq(vocab_id_type_name((enum id_type)ids[i].v), ids[i].name);
}

Test(vocab, out_of_range_values_print_safely)
{
	cr_assert_str_eq(vocab_enc_name((enum enc)ENC__COUNT), "unknown");
	cr_assert_str_eq(vocab_enc_name((enum enc) - 1), "unknown");
	cr_assert_str_eq(vocab_integ_name((enum integ)99), "unknown");
	cr_assert_str_eq(vocab_auth_name((enum auth_method)99), "unknown");
	cr_assert_str_eq(vocab_id_type_name((enum id_type)99), "unknown");
	cr_assert_not(vocab_enc_is_weak(ENC_UNSET));
	cr_assert_not(vocab_integ_is_weak(INTEG_UNSET));
}

Test(vocab, parse_takes_canonical_names_only)
{
	enum enc e = ENC_AES128;
	enum integ i = INTEG_SHA256;

	/* vendor spellings belong to the parsers' tables */
	cr_assert_not(vocab_enc_parse("aes-cbc-256", &e));
	cr_assert_not(vocab_enc_parse("AES-256", &e));
	cr_assert_not(vocab_enc_parse("unset", &e));
	cr_assert_not(vocab_enc_parse("", &e));
	cr_assert_not(vocab_enc_parse(NULL, &e));
	cr_assert_eq(e, ENC_AES128, "a failed parse leaves the output alone");
	cr_assert_not(vocab_integ_parse("hmac-sha2-256", &i));
	cr_assert_not(vocab_integ_parse("sha", &i));
	cr_assert_not(vocab_integ_parse("sha256", &i));
	cr_assert_eq(i, INTEG_SHA256);
}

Test(vocab, dh_groups)
{
	static const int weak[] = {1, 2, 5};
	static const int known[] = {1,	2,  5,	14, 15, 16, 17, 18, 19, 20, 21, 22,
				    23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34};
	static const int unknown[] = {-1, 0, 3, 4, 6, 7, 13, 35, 100, 1024};

	for (size_t k = 0; k < ARRAY_SIZE(weak); k++)
		cr_assert(vocab_dh_is_weak(weak[k]), "group %d is weak", weak[k]);
	for (int g = 0; g < 64; g++)
		if (g != 1 && g != 2 && g != 5)
			cr_assert_not(vocab_dh_is_weak(g), "group %d is not weak by rules.md", g);
	for (size_t k = 0; k < ARRAY_SIZE(known); k++)
		cr_assert(vocab_dh_is_known(known[k]), "group %d is registered", known[k]);
	for (size_t k = 0; k < ARRAY_SIZE(unknown); k++)
		cr_assert_not(vocab_dh_is_known(unknown[k]), "group %d is not a DH group", unknown[k]);
}
