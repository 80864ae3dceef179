/* SPDX-License-Identifier: MIT */
/*
 * model/arena.c - a chunked bump allocator.
 *
 * Memory comes from chunks; each allocation is rounded up to ARENA_ALIGN and
 * carved from the current chunk. The first chunk is small (ARENA_FIRST) and
 * each new one doubles, up to ARENA_CHUNK: most files are a few kilobytes of
 * text and model, and a fleet has thousands of them, so a full-size first
 * chunk per file would cost more memory (and page faults) than the models.
 * A request larger than a quarter of a full chunk gets a chunk of its own,
 * linked behind the current one so the space left there is still used.
 * Every allocation is zeroed as it is handed out (chunks come from malloc:
 * pages never handed out are never touched), and all are released at once by
 * arena_free(). An arena is used by one thread at a time.
 */
#include "model/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ARENA_ALIGN = 16,
	ARENA_FIRST = 4 * 1024 - 64,  /* leaves room for malloc's own header */
	ARENA_CHUNK = 64 * 1024 - 64, /* the largest regular chunk */
	ARENA_BIG = ARENA_CHUNK / 4,
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
	size_t used;
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
		size_t cap = a->next_cap;

		while (cap < n) /* n <= ARENA_BIG < ARENA_CHUNK */
			cap = cap * 2 + 64;
		if (cap * 2 + 64 <= ARENA_CHUNK)
			a->next_cap = cap * 2 + 64;
		else
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

size_t arena_used(const struct arena *a)
{
	return a->used;
}
