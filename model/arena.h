/* SPDX-License-Identifier: MIT */
/*
 * model/arena.h - one arena per parsed file.
 *
 * The model of a file (device, tunnels, strings, selectors) lives in one
 * arena; freeing the model is arena_free(). Allocations are zeroed and never
 * fail (out of memory exits through util_die_oom()).
 */
#ifndef IPSECLINT_MODEL_ARENA_H
#define IPSECLINT_MODEL_ARENA_H

#include <stddef.h>

#include "common/util.h"

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* A hint before the first allocation: about n bytes will be needed (the first chunk's size). */
void arena_expect(struct arena *a, size_t n);
/* Hands everything back for reuse, keeping the largest chunk: the arena is empty again. */
void arena_reset(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* n bytes exactly (NULs included), then a NUL: for keys, whose bytes all count. */
void *arena_memdup(struct arena *a, const void *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
/*
 * For growing arrays: arena_release() takes back a block of n bytes (as
 * allocated) that nothing points into any more; arena_alloc_reuse() is
 * arena_alloc() that hands out such a block of the same size first.
 */
void arena_release(struct arena *a, void *p, size_t n);
void *arena_alloc_reuse(struct arena *a, size_t n);
/* A block of old_n bytes moved to one of new_n (the rest zeroed), the old one released. */
void *arena_resize(struct arena *a, void *p, size_t old_n, size_t new_n);
/* Bytes handed out so far (for benchmarks and bounds tests). */
size_t arena_used(const struct arena *a);
/* Bytes the arena's chunks hold now: O(chunks), for tests. */
size_t arena_held(const struct arena *a);

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_NEWV(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (n)))

#endif
