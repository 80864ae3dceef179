/* SPDX-License-Identifier: MIT */
/*
 * model/arena.c - a chunked bump allocator.
 *
 * Memory comes from chunks; each allocation is rounded up to ARENA_ALIGN and
 * carved from the current chunk. The first chunk is small (ARENA_FIRST, or
 * what arena_expect() says the file will need) and each new one adds half of
 * what the arena already holds, up to ARENA_CHUNK: most files are a few
 * kilobytes of text and model, and a fleet has thousands of them, so a
 * full-size first chunk per file - or a doubling one, which leaves up to half
 * of the memory unused - would cost more than the models.
 * A request larger than a quarter of a full chunk gets a chunk of its own,
 * linked behind the current one so the space left there is still used.
 * Every allocation is zeroed as it is handed out (chunks come from malloc:
 * pages never handed out are never touched), and all are released at once by
 * arena_free(). An arena is used by one thread at a time.
 *
 * Growing arrays (the rules of an ACL, the tunnels of a device) would leave
 * every outgrown copy behind: an ACL of 28 rules grown 8, 16, 32 holds 56
 * selectors' worth for 28. arena_release() files an outgrown block by its
 * size and arena_alloc_reuse() hands it out again to the next array of that
 * size (arena_resize() does both), so the waste is bounded by one block per
 * size rather than growing with the file; a block that has a chunk of its
 * own is freed with it. Under AddressSanitizer a released block is poisoned
 * until it is reused: a pointer kept into an outgrown array is reported.
 */
#include "model/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#endif
#endif
#ifndef POISON
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

enum {
	ARENA_ALIGN = 16,
	ARENA_FIRST = 4 * 1024 - 64,  /* leaves room for malloc's own header */
	ARENA_STEP = 2 * 1024 - 64,   /* the smallest chunk after the first */
	ARENA_CHUNK = 64 * 1024 - 64, /* the largest regular chunk */
	ARENA_BIG = ARENA_CHUNK / 4,
	ARENA_SIZES = 12, /* distinct sizes of released blocks kept for reuse */
	ARENA_MIN_REUSE = 64,
};

/* A released block: the first bytes of its own space link it to the next one. */
struct freed {
	struct freed *next;
};

struct chunk {
	struct chunk *next;
	unsigned char *data; /* ARENA_ALIGN-aligned start of the usable space */
	size_t cap;
	size_t used;
};

struct arena {
	struct chunk *head; /* the chunk allocations are carved from */
	size_t next_cap;    /* size of the next regular chunk */
	size_t chunk_bytes; /* of the regular chunks so far */
	size_t used;
	struct {
		size_t size; /* rounded; 0: free bucket */
		struct freed *head;
	} bin[ARENA_SIZES];
};

static struct chunk *chunk_new(size_t cap)
{
	struct chunk *c;
	uintptr_t start;

	if (cap > SIZE_MAX - sizeof(*c) - ARENA_ALIGN)
		util_die_oom();
	c = xmalloc(sizeof(*c) + ARENA_ALIGN + cap);
	c->next = NULL;
	c->used = 0;
	start = (uintptr_t)(c + 1);
	start = (start + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
	c->data = (unsigned char *)start;
	c->cap = cap;
	return c;
}

struct arena *arena_new(void)
{
	struct arena *a = xcalloc(1, sizeof(struct arena));

	a->next_cap = ARENA_FIRST;
	return a;
}

void arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/*
 * Keeps the newest regular chunk (the largest, as chunks double) and frees
 * the rest: an arena reset between files settles at the size one file needs
 * and then allocates nothing.
 */
void arena_reset(struct arena *a)
{
	struct chunk *keep = NULL, *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		if (!keep && c->cap <= ARENA_CHUNK)
			keep = c;
		else
			free(c);
	}
	if (keep) {
		UNPOISON(keep->data, keep->cap);
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->used = 0;
	a->chunk_bytes = keep ? keep->cap : 0;
	memset(a->bin, 0, sizeof(a->bin));
}

void arena_expect(struct arena *a, size_t n)
{
	if (a->head)
		return;
	n = (n + 63) & ~(size_t)63;
	a->next_cap = n < ARENA_STEP ? ARENA_STEP : n > ARENA_CHUNK ? ARENA_CHUNK : n - 64;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	void *p;

	if (n == 0)
		n = 1; /* every allocation is a distinct object */
	if (n > SIZE_MAX - ARENA_ALIGN)
		util_die_oom();
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	a->used += n;

	if (n > ARENA_BIG) {
		c = chunk_new(n);
		c->used = n;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			a->head = c;
		}
		return memset(c->data, 0, n);
	}
	if (!c || c->cap - c->used < n) {
		size_t cap = a->next_cap > n ? a->next_cap : n; /* n <= ARENA_BIG < ARENA_CHUNK */

		/* each chunk adds half of what the arena holds: at most a third is ever unused */
		a->chunk_bytes += cap;
		a->next_cap = a->chunk_bytes / 2;
		if (a->next_cap < ARENA_STEP)
			a->next_cap = ARENA_STEP;
		if (a->next_cap > ARENA_CHUNK)
			a->next_cap = ARENA_CHUNK;
		c = chunk_new(cap);
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += n;
	return memset(p, 0, n);
}

void *arena_memdup(struct arena *a, const void *s, size_t n)
{
	unsigned char *p = arena_alloc(a, n + 1);

	if (n)
		memcpy(p, s, n);
	return p; /* zeroed: already terminated */
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strnlen(s, n);
	p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	return p; /* zeroed: already terminated */
}

static size_t rounded(size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ARENA_ALIGN)
		util_die_oom();
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

/*
 * A block of a chunk of its own goes back to malloc with its chunk: found
 * among the chunks, which puts the big ones right behind the current one
 * (the newest first). Any other block: O(ARENA_SIZES).
 */
void arena_release(struct arena *a, void *p, size_t n)
{
	size_t k, free_bin = ARENA_SIZES;
	struct freed *f = p;

	if (!p || (n = rounded(n)) < ARENA_MIN_REUSE)
		return;
	if (n > ARENA_BIG) {
		for (struct chunk **pp = &a->head; *pp; pp = &(*pp)->next) {
			struct chunk *c = *pp;

			if (c->data == p && c->cap == n) {
				*pp = c->next;
				free(c);
				return;
			}
		}
	}
	for (k = 0; k < ARENA_SIZES && a->bin[k].size != n; k++)
		if (!a->bin[k].size && free_bin == ARENA_SIZES)
			free_bin = k;
	if (k == ARENA_SIZES) {
		if (free_bin == ARENA_SIZES)
			return; /* too many sizes: this one stays unused */
		k = free_bin;
		a->bin[k].size = n;
	}
	f->next = a->bin[k].head;
	a->bin[k].head = f;
	POISON(p, n);
}

void *arena_alloc_reuse(struct arena *a, size_t n)
{
	size_t r = rounded(n);

	for (size_t k = 0; r >= ARENA_MIN_REUSE && k < ARENA_SIZES; k++) {
		struct freed *f = a->bin[k].head;

		if (a->bin[k].size != r || !f)
			continue;
		UNPOISON(f, r);
		a->bin[k].head = f->next;
		return memset(f, 0, r);
	}
	return arena_alloc(a, n);
}

void *arena_resize(struct arena *a, void *p, size_t old_n, size_t new_n)
{
	void *nv = arena_alloc_reuse(a, new_n);

	if (p) {
		memcpy(nv, p, old_n < new_n ? old_n : new_n);
		arena_release(a, p, old_n);
	}
	return nv;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256], *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof(small)) {
		memcpy(p, small, (size_t)n);
	} else {
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return p;
}

size_t arena_held(const struct arena *a)
{
	size_t n = 0;

	for (const struct chunk *c = a->head; c; c = c->next)
		n += c->cap;
	return n;
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}
