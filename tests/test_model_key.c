/* SPDX-License-Identifier: MIT */
/*
 * tests/test_model_key.c - model_key_hex(), the one reader of hex keys every
 * driver uses: an optional 0x/0X prefix, an even number of hex digits of
 * either case, the bytes they spell; anything else is not a hex key.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "model/arena.h"
#include "model/model.h"

static bool hex(struct arena *a, const char *s, struct key *k)
{
	memset(k, 0, sizeof(*k));
	return model_key_hex(a, s, strlen(s), k);
}

Test(model_key, hex_digits_become_bytes)
{
	static const struct {
		const char *text;
		size_t len;
		uint8_t bytes[4];
	} ok[] = {
		{"0102", 2, {0x01, 0x02}},   {"0x0a0B", 2, {0x0a, 0x0b}},
		{"0XfF00", 2, {0xff, 0x00}}, {"deadBEEF", 4, {0xde, 0xad, 0xbe, 0xef}},
		{"00", 1, {0x00}},
	};
	struct arena *a = arena_new();
	struct key k;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		cr_assert(hex(a, ok[i].text, &k), "'%s' is a hex key", ok[i].text);
		cr_assert_eq(k.form, KEY_HEX, "'%s'", ok[i].text);
		cr_assert_eq(k.len, ok[i].len, "'%s': %zu bytes", ok[i].text, k.len);
		cr_assert_arr_eq(k.bytes, ok[i].bytes, ok[i].len, "'%s': its bytes", ok[i].text);
	}
	arena_free(a);
}

Test(model_key, not_hex_is_refused_and_leaves_the_key)
{
	/* "1x0102": only 0x is a prefix; "0x" alone and odd counts hold no bytes */
	static const char *const bad[] = {"",	   "0x", "0X", "1x0102", "xx0102", "abc",
					  "0x123", "zz", "0g", "12 34",	 "0x0x12"};
	struct arena *a = arena_new();
	struct key k;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_not(hex(a, bad[i], &k), "'%s' is not a hex key", bad[i]);
		cr_assert_eq(k.form, KEY_NONE, "'%s' leaves the key as it was", bad[i]);
		cr_assert_null(k.bytes, "'%s'", bad[i]);
	}
	arena_free(a);
}

/* What looks like hex is exactly what model_key_hex() would read. */
Test(model_key, looks_hex_is_what_reads_as_hex)
{
	static const char *const texts[] = {"0102", "0x0a0B", "0XfF00", "deadBEEF", "00", "0xabc",
					    "abc",  "0x",     "",	"0x0g",	    "g0", "Key-1234"};
	struct arena *a = arena_new();
	struct key k;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		cr_assert_eq(model_key_looks_hex(texts[i], strlen(texts[i])), hex(a, texts[i], &k), "'%s'",
			     texts[i]);
	cr_assert(model_key_looks_hex("0x6a8f00aa11bb22cc", 18));
	cr_assert_not(model_key_looks_hex("0xabc", 5), "an odd number of digits is no hex key");
	arena_free(a);
}
