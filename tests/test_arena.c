/* SPDX-License-Identifier: MIT */
/*
 * tests/test_arena.c - the per-file arena (model/arena.c): zeroed, aligned,
 * non-overlapping allocations of any size, strings, and the byte count.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

struct piece {
	unsigned char *p;
	size_t n;
};

/*
 * Many allocations of mixed sizes (some far larger than a chunk): each is
 * zeroed and 16-byte aligned when handed out, and after every one was filled
 * with its own byte, all still hold it, so none overlaps another.
 */
Test(arena, allocations_are_zeroed_aligned_and_disjoint)
{
	enum { N = 20000 };
	struct arena *a = arena_new();
	struct piece *v = calloc(N, sizeof(*v));
	unsigned long seed = 7;

	for (int i = 0; i < N; i++) {
		size_t n;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = (seed >> 33) % 200;
		if (i % 1000 == 999)
			n = 100000 + (size_t)i; /* big: a chunk of its own */
		v[i].p = arena_alloc(a, n);
		v[i].n = n;
		cr_assert_eq((uintptr_t)v[i].p % 16, 0, "allocation %d of %zu bytes is not aligned", i, n);
		cr_assert(all_zero(v[i].p, n), "allocation %d of %zu bytes is not zeroed", i, n);
		memset(v[i].p, i & 0xff, n);
	}
	for (int i = 0; i < N; i++) {
		for (size_t j = 0; j < v[i].n; j++)
			cr_assert_eq(v[i].p[j], (unsigned char)(i & 0xff),
				     "allocation %d was overwritten at byte %zu", i, j);
	}
	free(v);
	arena_free(a);
}

Test(arena, zero_byte_allocations_are_distinct)
{
	struct arena *a = arena_new();
	void *p = arena_alloc(a, 0), *q = arena_alloc(a, 0);

	cr_assert_not_null(p);
	cr_assert_neq(p, q);
	arena_free(a);
}

Test(arena, a_big_allocation_leaves_the_current_chunk_in_use)
{
	struct arena *a = arena_new();
	char *small1 = arena_alloc(a, 16);
	char *big = arena_alloc(a, 1 << 20);
	char *small2 = arena_alloc(a, 16);

	cr_assert(all_zero(big, 1 << 20));
	/* the small ones come one after the other from the first chunk */
	cr_assert_eq(small2, small1 + 16);
	arena_free(a);
}

Test(arena, used_counts_aligned_bytes)
{
	struct arena *a = arena_new();

	cr_assert_eq(arena_used(a), 0);
	arena_alloc(a, 1);
	cr_assert_eq(arena_used(a), 16);
	arena_alloc(a, 17);
	cr_assert_eq(arena_used(a), 48);
	arena_alloc(a, 100000);
	cr_assert_eq(arena_used(a), 48 + 100000);
	arena_free(a);
}

Test(arena, strings)
{
	struct arena *a = arena_new();
	char long_name[600];
	char *s;

	cr_assert_str_eq(arena_strdup(a, "ike peer hq"), "ike peer hq");
	cr_assert_str_eq(arena_strndup(a, "ike peer hq", 3), "ike");
	cr_assert_str_eq(arena_strndup(a, "ab", 99), "ab");
	cr_assert_str_eq(arena_strdup(a, ""), "");
	cr_assert_null(arena_strdup(a, NULL));
	cr_assert_str_eq(arena_printf(a, "%s:%d", "map1", 10), "map1:10");

	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	s = arena_printf(a, "<%s>", long_name);
	cr_assert_eq(strlen(s), 601);
	cr_assert_eq(s[0], '<');
	cr_assert_eq(s[600], '>');
	cr_assert_eq(strncmp(s + 1, long_name, 599), 0);
	arena_free(a);
}

Test(arena, typed_helpers)
{
	struct pt {
		int x, y;
		double w;
	};
	struct arena *a = arena_new();
	struct pt *p = ARENA_NEW(a, struct pt);
	uint32_t *v = ARENA_NEWV(a, uint32_t, 1000);

	cr_assert_eq(p->x, 0);
	cr_assert_eq(p->w, 0.0);
	cr_assert(all_zero(v, 1000 * sizeof(*v)));
	v[999] = 1;
	cr_assert_eq(p->y, 0);
	arena_free(a);
	arena_free(NULL);
}

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISONED(p) __asan_address_is_poisoned(p)
#else
#define POISONED(p) 1
#endif

/* outgrown arrays are handed out again, zeroed, to the next array of their size */
Test(arena, released_blocks_are_reused_by_size)
{
	struct arena *a = arena_new();
	unsigned char *b1 = arena_alloc_reuse(a, 200), *b2, *b3, *small;
	size_t used;

	memset(b1, 0xab, 200);
	arena_release(a, b1, 200);
	cr_assert(POISONED(b1 + 100), "a released block is poisoned under ASan");
	used = arena_used(a);
	b2 = arena_alloc_reuse(a, 500);
	cr_assert_neq(b2, b1, "a block of another size is not reused");
	b3 = arena_alloc_reuse(a, 199); /* rounds to the same 208 bytes */
	cr_assert_eq(b3, b1, "the released block of that size comes back");
	cr_assert(all_zero(b3, 199), "and zeroed");
	cr_assert_eq(arena_used(a), used + 512, "only the 500-byte block was new");
	cr_assert_neq(arena_alloc_reuse(a, 200), b1, "a block is handed out once");
	small = arena_alloc(a, 16);
	arena_release(a, small, 16); /* too small to file: ignored */
	cr_assert_neq(arena_alloc_reuse(a, 16), small);
	arena_release(a, NULL, 64);
	arena_free(a);
}

Test(arena, a_released_block_with_a_chunk_of_its_own_goes_back_to_malloc)
{
	struct arena *a = arena_new();
	unsigned char *small = arena_alloc(a, 100), *big1, *big2;
	size_t held = arena_held(a);

	big1 = arena_alloc(a, 200000);
	big2 = arena_alloc(a, 300000);
	cr_assert_geq(arena_held(a), held + 500000);
	memset(big1, 1, 200000);
	arena_release(a, big1, 200000);
	cr_assert_lt(arena_held(a), held + 300100, "the 200,000-byte chunk was freed");
	cr_assert_geq(arena_held(a), held + 300000, "the other one is still held");
	big2[299999] = 2; /* still usable */
	small[99] = 3;
	arena_release(a, big2, 300000);
	cr_assert_eq(arena_held(a), held, "only the first chunk is left");
	cr_assert(all_zero(arena_alloc(a, 200000), 200000), "a new big block is zeroed as ever");
	arena_free(a);
}

Test(arena, resize_keeps_the_contents_and_releases_the_old_block)
{
	struct arena *a = arena_new();
	unsigned char *p = arena_resize(a, NULL, 0, 100), *q, *r;

	cr_assert(all_zero(p, 100), "a new block is zeroed");
	memset(p, 7, 100);
	q = arena_resize(a, p, 100, 300);
	cr_assert_neq(q, p);
	cr_assert_eq(q[0], 7);
	cr_assert_eq(q[99], 7);
	cr_assert(all_zero(q + 100, 200), "the grown part is zeroed");
	r = arena_resize(a, q, 300, 100);
	cr_assert_eq(r, p, "the first block, released, is the one of that size reused");
	cr_assert_eq(r[99], 7, "a shrunk block keeps what fits");
	arena_free(a);
}
