/* SPDX-License-Identifier: MIT */
/*
 * model/arena.c - a chunked bump allocator.
 *
 * Memory comes from chunks of ARENA_CHUNK bytes; each allocation is rounded
 * up to ARENA_ALIGN and carved from the current chunk. A request larger than
 * a quarter of a chunk gets a chunk of its own, linked behind the current one
 * so the space left there is still used. All memory is zeroed (the chunks
 * come from calloc) and released at once by arena_free(). An arena is used
 * by one thread at a time.
 */
#include "model/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ARENA_ALIGN = 16,
	ARENA_CHUNK = 64 * 1024 - 64, /* leaves room for malloc's own header */
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
	size_t used;
};

static struct chunk *chunk_new(size_t cap)
{
	struct chunk *c;
	uintptr_t start;

	if (cap > SIZE_MAX - sizeof(*c) - ARENA_ALIGN)
		util_die_oom();
	c = xcalloc(1, sizeof(*c) + ARENA_ALIGN + cap);
	start = (uintptr_t)(c + 1);
	start = (start + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
	c->data = (unsigned char *)start;
	c->cap = cap;
	return c;
}

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
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
		return c->data;
	}
	if (!c || c->cap - c->used < n) {
		c = chunk_new(ARENA_CHUNK);
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
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
