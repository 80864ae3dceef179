/* SPDX-License-Identifier: MIT */
/*
 * tests/test_util.c - allocation failure, growable strings, JSON string
 * escaping, FNV-1a and edit distance (common/util.c).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/util.h"

/* ---- out of memory --------------------------------------------------------- */

enum alloc_kind { A_MALLOC, A_CALLOC, A_REALLOC, A_STRDUP, A_STRNDUP, A_ASPRINTF, A_SB };

static void *alloc_one(enum alloc_kind k)
{
	struct strbuf sb = STRBUF_INIT;

	switch (k) {
	case A_MALLOC:
		return xmalloc(32);
	case A_CALLOC:
		return xcalloc(4, 8);
	case A_REALLOC:
		return xrealloc(NULL, 32);
	case A_STRDUP:
		return xstrdup("peer");
	case A_STRNDUP:
		return xstrndup("peer", 2);
	case A_ASPRINTF:
		return xasprintf("ike peer %s", "hq");
	case A_SB:
		sb_adds(&sb, "ipsec policy");
		return sb_detach(&sb);
	}
	return NULL;
}

#define OOM_LINE "ipseclint: out of memory\n"

struct child_result {
	int status;    /* exit status, -1 when killed */
	int done;      /* allocations that came back before the process ended */
	char err[256]; /* what it wrote on stderr */
};

/*
 * Run, in a child: arm the hook at nth, then allocate with kind up to 10
 * times, reporting each success on a pipe. The parent sees what a user of
 * the program would: the exit status and the message.
 */
static struct child_result run_failing(unsigned long nth, enum alloc_kind kind)
{
	struct child_result r = {0};
	int out[2], err[2], st;
	ssize_t n;
	size_t got = 0;
	char c;
	pid_t pid;

	cr_assert_eq(pipe(out), 0);
	cr_assert_eq(pipe(err), 0);
	fflush(NULL);
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		close(out[0]);
		close(err[0]);
		dup2(err[1], 2);
		util_fail_alloc_at(nth);
		for (int i = 0; i < 10; i++) {
			free(alloc_one(kind));
			if (write(out[1], "+", 1) != 1)
				_exit(99);
		}
		_exit(0);
	}
	close(out[1]);
	close(err[1]);
	while (read(out[0], &c, 1) == 1)
		r.done++;
	while (got < sizeof(r.err) - 1 && (n = read(err[0], r.err + got, sizeof(r.err) - 1 - got)) > 0)
		got += (size_t)n;
	r.err[got] = '\0';
	close(out[0]);
	close(err[0]);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return r;
}

Test(util, the_nth_allocation_fails_with_exit_2_and_a_message)
{
	static const enum alloc_kind kinds[] = {A_MALLOC,  A_CALLOC,   A_REALLOC, A_STRDUP,
						A_STRNDUP, A_ASPRINTF, A_SB};

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		struct child_result r = run_failing(3, kinds[i]);

		cr_assert_eq(r.status, 2, "allocation kind %zu: exit %d, expected 2", i, r.status);
		/* the first line: a sanitizer build may add its own lines at exit */
		cr_assert_eq(strncmp(r.err, OOM_LINE, strlen(OOM_LINE)), 0, "allocation kind %zu: stderr: %s",
			     i, r.err);
		/* xasprintf and strbufs may allocate more than once per call */
		if (kinds[i] != A_ASPRINTF && kinds[i] != A_SB)
			cr_assert_eq(r.done, 2, "allocation kind %zu: %d allocations before the failure", i,
				     r.done);
		else
			cr_assert_lt(r.done, 3);
	}
}

Test(util, the_first_allocation_can_fail)
{
	struct child_result r = run_failing(1, A_MALLOC);

	cr_assert_eq(r.status, 2);
	cr_assert_eq(r.done, 0);
	cr_assert_eq(strncmp(r.err, OOM_LINE, strlen(OOM_LINE)), 0, "stderr: %s", r.err);
}

Test(util, unarmed_and_disarmed_hooks_fail_nothing)
{
	struct child_result r = run_failing(0, A_STRDUP);

	cr_assert_eq(r.status, 0);
	cr_assert_eq(r.done, 10);
	cr_assert_str_eq(r.err, "");

	/* armed beyond what is allocated: nothing fails either */
	r = run_failing(11, A_CALLOC);
	cr_assert_eq(r.status, 0);
	cr_assert_eq(r.done, 10);

	/* disarming in this process: many allocations later, still alive */
	util_fail_alloc_at(2);
	util_fail_alloc_at(0);
	for (int i = 0; i < 100; i++)
		free(xmalloc(8));
}

Test(util, zero_sizes_give_usable_pointers)
{
	void *p = xmalloc(0), *q = xcalloc(0, 16), *r = xmalloc(8);

	cr_assert_not_null(p);
	cr_assert_not_null(q);
	r = xrealloc(r, 0);
	cr_assert_not_null(r);
	free(p);
	free(q);
	free(r);
}

Test(util, strdup_family)
{
	char *a = xstrdup("ike peer hq"), *b = xstrndup("ike peer hq", 3), *c = xstrndup("ab", 10);
	char *d = xasprintf("%s:%d", "map1", 10);

	cr_assert_str_eq(a, "ike peer hq");
	cr_assert_str_eq(b, "ike");
	cr_assert_str_eq(c, "ab");
	cr_assert_str_eq(d, "map1:10");
	free(a);
	free(b);
	free(c);
	free(d);
}

Test(util, vec_grow_keeps_contents)
{
	int *v = NULL;
	size_t cap = 0;

	for (int i = 0; i < 1000; i++) {
		VEC_GROW(v, cap, (size_t)i + 1);
		cr_assert_geq(cap, (size_t)i + 1);
		v[i] = i * 7;
	}
	for (int i = 0; i < 1000; i++)
		cr_assert_eq(v[i], i * 7);
	free(v);
}

/* ---- strbuf ---------------------------------------------------------------- */

Test(strbuf, an_empty_buffer_reads_as_the_empty_string)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	cr_assert_str_eq(sb_str(&sb), "");
	s = sb_detach(&sb);
	cr_assert_str_eq(s, "");
	free(s);
	sb_free(&sb);
	cr_assert_null(sb.buf);
}

Test(strbuf, appends_in_order)
{
	struct strbuf sb = STRBUF_INIT;

	sb_adds(&sb, "ipsec ");
	sb_addn(&sb, "policy map1", 6);
	sb_addc(&sb, ' ');
	sb_addf(&sb, "%d %s", 10, "isakmp");
	cr_assert_str_eq(sb_str(&sb), "ipsec policy 10 isakmp");
	cr_assert_eq(sb.len, strlen("ipsec policy 10 isakmp"));
	sb_free(&sb);
}

Test(strbuf, long_formatted_text_is_complete)
{
	struct strbuf sb = STRBUF_INIT;
	char big[3000];

	memset(big, 'k', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sb_adds(&sb, "<");
	sb_addf(&sb, "%s|%05d", big, 42);
	cr_assert_eq(sb.len, 1 + 2999 + 6);
	cr_assert_eq(sb.buf[0], '<');
	cr_assert_str_eq(sb.buf + 3000, "|00042");
	cr_assert_eq(sb.buf[sb.len], '\0');
	sb_free(&sb);
}

Test(strbuf, reset_empties_and_detach_hands_over)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	sb_adds(&sb, "stale text");
	sb_reset(&sb);
	cr_assert_str_eq(sb_str(&sb), "");
	cr_assert_eq(sb.len, 0);
	sb_adds(&sb, "fresh");
	cr_assert_str_eq(sb_str(&sb), "fresh");
	s = sb_detach(&sb);
	cr_assert_str_eq(s, "fresh");
	cr_assert_null(sb.buf);
	cr_assert_eq(sb.len, 0);
	sb_adds(&sb, "again");
	cr_assert_str_eq(sb_str(&sb), "again");
	free(s);
	sb_free(&sb);
}

/* ---- JSON strings ---------------------------------------------------------- */

static char *json(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add_json_str(&sb, s);
	return sb_detach(&sb);
}

struct json_case {
	const char *in, *out;
};

Test(json, escapes_what_json_requires)
{
	static const struct json_case cases[] = {
		{"", "\"\""},
		{"ike peer hq", "\"ike peer hq\""},
		{"say \"hi\"", "\"say \\\"hi\\\"\""},
		{"C:\\cfg", "\"C:\\\\cfg\""},
		{"a/b", "\"a/b\""},
		{"l1\nl2\r\n\tx", "\"l1\\nl2\\r\\n\\tx\""},
		{"\b\f", "\"\\b\\f\""},
		{"\x01", "\"\\u0001\""},
		{"esc\x1b[31m", "\"esc\\u001b[31m\""},
		{"\x1f", "\"\\u001f\""},
		{"del\x7f", "\"del\\u007f\""},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = json(cases[i].in);

		cr_assert_str_eq(got, cases[i].out, "case %zu", i);
		free(got);
	}
}

#define FFFD "\xef\xbf\xbd"

Test(json, keeps_valid_utf8_and_replaces_each_invalid_byte)
{
	static const struct json_case cases[] = {
		{"caf\xc3\xa9", "\"caf\xc3\xa9\""},		      /* é */
		{"\xe2\x82\xac 5", "\"\xe2\x82\xac 5\""},	      /* € */
		{"\xf0\x9f\x94\x91", "\"\xf0\x9f\x94\x91\""},	      /* U+1F511 */
		{"\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""},	      /* U+10FFFF */
		{"a\x80z", "\"a" FFFD "z\""},			      /* lone continuation */
		{"\xff\xfe", "\"" FFFD FFFD "\""},		      /* never UTF-8 */
		{"\xc0\xaf", "\"" FFFD FFFD "\""},		      /* overlong '/' */
		{"\xe0\x80\xaf", "\"" FFFD FFFD FFFD "\""},	      /* overlong '/' */
		{"\xed\xa0\x80", "\"" FFFD FFFD FFFD "\""},	      /* a surrogate */
		{"\xf4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD "\""},  /* above U+10FFFF */
		{"x\xe2\x82", "\"x" FFFD FFFD "\""},		      /* cut short at the end */
		{"\xc3(", "\"" FFFD "(\""},			      /* cut short */
		{"\xe2\x80\xa8|\xe2\x80\xa9", "\"\\u2028|\\u2029\""}, /* JS line breaks */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = json(cases[i].in);

		cr_assert_str_eq(got, cases[i].out, "case %zu", i);
		free(got);
	}
}

Test(json, null_is_the_empty_string)
{
	char *got = json(NULL);

	cr_assert_str_eq(got, "\"\"");
	free(got);
}

/*
 * An independent check of the output: one JSON string (RFC 8259) in
 * well-formed UTF-8 (code points decoded and range-checked here).
 */
static bool valid_json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p++ != '"')
		return false;
	for (;;) {
		unsigned c = *p;

		if (c == '"')
			return p[1] == '\0';
		if (c < 0x20)
			return false; /* includes the NUL: unterminated */
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return false;
				p += 5;
			} else if (*p && strchr("\"\\/bfnrt", *p)) {
				p++;
			} else {
				return false;
			}
			continue;
		}
		if (c < 0x80) {
			p++;
			continue;
		}
		int n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
		unsigned cp = c & (0x7f >> n);
		static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};

		if (n == 0 || c > 0xf7)
			return false;
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n;
	}
}

Test(json, any_bytes_make_valid_json)
{
	static const unsigned char alphabet[] = {'a',  '"',  '\\', '\n', 0x01, 0x1f, 0x7f, 0x80,
						 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef,
						 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f};
	unsigned long seed = 12345;
	char in[24];

	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(round % (int)sizeof(in));
		char *got;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			in[i] = (char)alphabet[(seed >> 33) % sizeof(alphabet)];
		}
		in[n] = '\0';
		got = json(in);
		cr_assert(valid_json_string(got), "round %d: not a valid JSON string: %s", round, got);
		free(got);
	}
}

/* ---- FNV-1a and edit distance --------------------------------------------- */

Test(hash, fnv1a_64_reference_values)
{
	/* the published FNV-1a 64-bit test vectors */
	cr_assert_eq(util_hash64("", 0, UTIL_HASH_SEED), 0xcbf29ce484222325ULL);
	cr_assert_eq(util_hash64("a", 1, UTIL_HASH_SEED), 0xaf63dc4c8601ec8cULL);
	cr_assert_eq(util_hash64("foobar", 6, UTIL_HASH_SEED), 0x85944171f73967e8ULL);
}

Test(hash, chaining_equals_hashing_the_concatenation)
{
	uint64_t h = util_hash64("ike peer ", 9, UTIL_HASH_SEED);

	cr_assert_eq(util_hash64("hq", 2, h), util_hash64("ike peer hq", 11, UTIL_HASH_SEED));
	cr_assert_neq(util_hash64("hq", 2, UTIL_HASH_SEED), util_hash64("qh", 2, UTIL_HASH_SEED));
}

struct dist_case {
	const char *a, *b;
	unsigned cap, want;
};

Test(edit_distance, levenshtein_capped)
{
	static const struct dist_case cases[] = {
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3}, /* capped: cap + 1 */
		{"kitten", "sitting", 0, 1},
		{"sha2-256", "sha2-256", 3, 0},
		{"", "", 0, 0},
		{"", "abc", 5, 3},
		{"abc", "", 5, 3},
		{"abc", "", 1, 2},	/* the length difference alone exceeds the cap */
		{"ab", "ba", 5, 2},	/* no transpositions */
		{"Peer", "peer", 3, 1}, /* case-sensitive */
		{"encapsulation-mode", "encapsulaton-mode", 3, 1},
		{"pre-shared-key", "pre-share-key", 2, 1},
		{"aes-256", "aes-128", 2, 3},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned d = util_edit_distance(cases[i].a, cases[i].b, cases[i].cap);

		cr_assert_eq(d, cases[i].want, "'%s' '%s' cap %u: %u, expected %u", cases[i].a, cases[i].b,
			     cases[i].cap, d, cases[i].want);
		cr_assert_eq(util_edit_distance(cases[i].b, cases[i].a, cases[i].cap), d,
			     "not symmetric: '%s' '%s'", cases[i].a, cases[i].b);
	}
}

Test(edit_distance, long_words)
{
	char a[301], b[301];

	memset(a, 'a', 300);
	a[300] = '\0';
	memcpy(b, a, sizeof(b));
	b[150] = 'b';
	cr_assert_eq(util_edit_distance(a, b, 3), 1);
	b[299] = '\0';
	cr_assert_eq(util_edit_distance(a, b, 3), 2);
	memset(b, 'z', 300);
	b[300] = '\0';
	cr_assert_eq(util_edit_distance(a, b, 3), 4);
	cr_assert_eq(util_edit_distance(a, b, 1000), 300);
}
