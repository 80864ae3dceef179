/* SPDX-License-Identifier: MIT */
/*
 * common/util.h - allocation that never returns NULL, growable strings.
 *
 * Allocation failure is not recoverable in a linter: xmalloc() and friends
 * print "ipseclint: out of memory" and exit with status 2 (internal error, see
 * spec/cli.md). Tests can make the Nth allocation fail with util_fail_alloc_at().
 */
#ifndef IPSECLINT_COMMON_UTIL_H
#define IPSECLINT_COMMON_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

NORETURN void util_die_oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Test hook: make the nth allocation from now fail (0 = never). */
void util_fail_alloc_at(unsigned long nth);

/* Grow *v (element size sz) so that it holds at least need elements. */
void util_grow(void **v, size_t *cap, size_t need, size_t sz);
#define VEC_GROW(v, cap, need) util_grow((void **)&(v), &(cap), (need), sizeof(*(v)))
/* One more element at the end of v (count n), zeroed: its address. */
#define VEC_NEW(v, n, cap) (VEC_GROW((v), (cap), (n) + 1), memset(&(v)[(n)], 0, sizeof(*(v))), &(v)[(n)++])

struct strbuf {
	char *buf; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

/* clang-format off */
#define STRBUF_INIT {NULL, 0, 0}
/* clang-format on */

void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
/* Append s as a JSON string literal, quotes included. */
void sb_add_json_str(struct strbuf *sb, const char *s);
void sb_reset(struct strbuf *sb);
/* Hand the buffer to the caller ("" when empty); sb is reset. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);
static inline const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

/* FNV-1a, 64 bit: fingerprints and hash tables. */
uint64_t util_hash64(const void *data, size_t n, uint64_t seed);
#define UTIL_HASH_SEED 0xcbf29ce484222325ULL

/* Case-sensitive Damerau-free Levenshtein distance, capped at cap+1. */
unsigned util_edit_distance(const char *a, const char *b, unsigned cap);

#endif
