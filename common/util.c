/* SPDX-License-Identifier: MIT */
/*
 * common/util.c - allocation that never returns NULL, growable strings,
 * JSON string escaping, hashing and edit distance.
 */
#include "common/util.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The allocation failure hook. Zero (the normal case) costs one relaxed load
 * per allocation; once armed, every allocation counts down and the one that
 * brings the counter to zero fails. Atomic because files are parsed in threads.
 */
static atomic_ulong fail_countdown;

void util_fail_alloc_at(unsigned long nth)
{
	atomic_store(&fail_countdown, nth);
}

static bool alloc_should_fail(void)
{
	unsigned long n = atomic_load_explicit(&fail_countdown, memory_order_relaxed);

	while (n != 0) {
		if (atomic_compare_exchange_weak(&fail_countdown, &n, n - 1))
			return n == 1;
	}
	return false;
}

void util_die_oom(void)
{
	fputs("ipseclint: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p;

	if (alloc_should_fail())
		util_die_oom();
	p = malloc(n ? n : 1);
	if (!p)
		util_die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p;

	if (alloc_should_fail())
		util_die_oom();
	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size); /* calloc checks n * size for overflow */
	if (!p)
		util_die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q;

	if (alloc_should_fail())
		util_die_oom();
	/* realloc(p, 0) may free p and return NULL: never ask for 0 bytes */
	q = realloc(p, n ? n : 1);
	if (!q)
		util_die_oom();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	return sb_detach(&sb);
}

void util_grow(void **v, size_t *cap, size_t need, size_t sz)
{
	size_t ncap = *cap;

	if (need <= *cap)
		return;
	if (ncap < 8)
		ncap = 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			util_die_oom();
		ncap *= 2;
	}
	if (sz && ncap > SIZE_MAX / sz)
		util_die_oom();
	*v = xrealloc(*v, ncap * sz);
	*cap = ncap;
}

/* ---- strbuf -------------------------------------------------------------- */

/* Room for n more bytes and the terminating NUL. */
static void sb_reserve(struct strbuf *sb, size_t n)
{
	size_t ncap;

	if (n >= SIZE_MAX - sb->len)
		util_die_oom();
	if (sb->buf && sb->len + n < sb->cap)
		return;
	ncap = sb->cap ? sb->cap : 64;
	while (ncap <= sb->len + n) {
		if (ncap > SIZE_MAX / 2)
			util_die_oom();
		ncap *= 2;
	}
	sb->buf = xrealloc(sb->buf, ncap);
	sb->cap = ncap;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	sb_reserve(sb, 0);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0) {
		/* an encoding error: add nothing, keep the string terminated */
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= sb->cap - sb->len) {
		sb_reserve(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

/*
 * Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0 when s does not start one.
 */
static size_t utf8_seq_len(const unsigned char *s)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;

		if (s[1] < lo || s[1] > hi || (s[2] & 0xc0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;

		if (s[1] < lo || s[1] > hi || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

/*
 * Control characters become \uXXXX (or their short escapes), so does DEL; each
 * byte that is not part of well-formed UTF-8 becomes U+FFFD, so the result is
 * always valid JSON whatever the input file held. U+2028/U+2029 are escaped
 * for JSON embedded in HTML scripts. The checks never read past the NUL: a
 * NUL byte fails every continuation test.
 */
void sb_add_json_str(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	sb_addc(sb, '"');
	while (*p) {
		const unsigned char *run = p;
		size_t n;

		/* the common case: printable ASCII that needs no escape */
		while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			sb_addn(sb, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"':
			sb_adds(sb, "\\\"");
			p++;
			continue;
		case '\\':
			sb_adds(sb, "\\\\");
			p++;
			continue;
		case '\b':
			sb_adds(sb, "\\b");
			p++;
			continue;
		case '\f':
			sb_adds(sb, "\\f");
			p++;
			continue;
		case '\n':
			sb_adds(sb, "\\n");
			p++;
			continue;
		case '\r':
			sb_adds(sb, "\\r");
			p++;
			continue;
		case '\t':
			sb_adds(sb, "\\t");
			p++;
			continue;
		default:
			break;
		}
		if (*p < 0x20 || *p == 0x7f) {
			char esc[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], '\0'};

			sb_adds(sb, esc);
			p++;
			continue;
		}
		n = utf8_seq_len(p);
		if (n == 0) {
			sb_adds(sb, "\xef\xbf\xbd"); /* U+FFFD */
			p++;
		} else if (n == 3 && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			sb_adds(sb, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 3;
		} else {
			sb_addn(sb, (const char *)p, n);
			p += n;
		}
	}
	sb_addc(sb, '"');
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

/* ---- hashing and distance ------------------------------------------------ */

uint64_t util_hash64(const void *data, size_t n, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL; /* the 64-bit FNV prime */
	}
	return h;
}

unsigned util_edit_distance(const char *a, const char *b, unsigned cap)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned small[2][64], *prev, *cur, *t, result;
	unsigned *heap = NULL;

	if (cap > UINT_MAX - 2)
		cap = UINT_MAX - 2; /* cap + 2 must not wrap */
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	if (lb < ARRAY_SIZE(small[0])) {
		prev = small[0];
		cur = small[1];
	} else {
		if (lb >= SIZE_MAX / (2 * sizeof(*heap)))
			util_die_oom();
		heap = xmalloc(2 * (lb + 1) * sizeof(*heap));
		prev = heap;
		cur = heap + lb + 1;
	}
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j > cap ? cap + 1 : (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned row_min;

		cur[0] = i > cap ? cap + 1 : (unsigned)i;
		row_min = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			unsigned d = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (d > cap + 1)
				d = cap + 1;
			cur[j] = d;
			if (d < row_min)
				row_min = d;
		}
		if (row_min > cap) {
			/* every later row can only be larger */
			free(heap);
			return cap + 1;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	result = prev[lb] > cap ? cap + 1 : prev[lb];
	free(heap);
	return result;
}
