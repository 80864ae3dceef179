/* SPDX-License-Identifier: MIT */
/*
 * tests/test_hmap.c - the one hash map (common/hmap.h): keys compared in
 * full, copied, kept across growth; storage from a given allocator.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hmap.h"
#include "common/util.h"

Test(hmap, a_set_says_whether_a_key_is_new)
{
	struct hmap m = HMAP_INIT;

	cr_expect(!hmap_has(&m, "ike", 3), "an empty map has no key");
	cr_expect(hmap_add(&m, "ike", 3));
	cr_expect(!hmap_add(&m, "ike", 3), "the second add of a key is not new");
	cr_expect(hmap_add(&m, "ik", 2), "a prefix is another key");
	cr_expect(hmap_add(&m, "", 0), "the empty key is a key");
	cr_expect(!hmap_add(&m, "", 0));
	cr_expect_eq(hmap_count(&m), 3);
	cr_expect(hmap_has(&m, "ik", 2));
	cr_expect(!hmap_has(&m, "i", 1));
	hmap_free(&m);
	cr_expect_eq(hmap_count(&m), 0);
	cr_expect(!hmap_has(&m, "ike", 3), "a freed map is empty");
}

Test(hmap, keys_are_bytes_so_a_nul_inside_counts)
{
	struct hmap m = HMAP_INIT;
	const char a[] = {'p', 0, 'x'}, b[] = {'p', 0, 'y'};

	*hmap_put(&m, a, sizeof(a), NULL) = 1;
	*hmap_put(&m, b, sizeof(b), NULL) = 2;
	cr_expect_eq(*hmap_find(&m, a, sizeof(a)), 1);
	cr_expect_eq(*hmap_find(&m, b, sizeof(b)), 2);
	cr_expect_null(hmap_find(&m, "p", 1));
	hmap_free(&m);
}

Test(hmap, a_key_is_copied_so_a_stack_buffer_can_be_reused)
{
	struct hmap m = HMAP_INIT;
	char buf[32];

	for (int i = 0; i < 100; i++) {
		int n = snprintf(buf, sizeof(buf), "peer-%d", i);

		*hmap_put(&m, buf, (size_t)n, NULL) = (uintptr_t)i + 1;
	}
	memset(buf, 'x', sizeof(buf));
	cr_expect_eq(*hmap_finds(&m, "peer-0"), 1);
	cr_expect_eq(*hmap_finds(&m, "peer-99"), 100);
	cr_expect_null(hmap_finds(&m, "peer-100"));
	hmap_free(&m);
}

/*
 * 300,000 keys: a slot keeps 32 bits of a hash, and keys that share them
 * start their probes at the same slot; among this many keys some do (about
 * ten, by the birthday bound). Each must still be its own entry with its
 * own value, after every growth of the table.
 */
Test(hmap, every_key_keeps_its_own_value_through_growth_and_shared_hash_bits)
{
	struct hmap m = HMAP_INIT;
	const uint64_t n = 300000;
	bool added;

	for (uint64_t i = 0; i < n; i++) {
		uint64_t k = i * 0x9e3779b97f4a7c15ULL;

		*hmap_put(&m, &k, sizeof(k), &added) = (uintptr_t)i;
		cr_assert(added, "key %llu is new", (unsigned long long)i);
	}
	cr_assert_eq(hmap_count(&m), n);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t k = i * 0x9e3779b97f4a7c15ULL;
		uintptr_t *v = hmap_find(&m, &k, sizeof(k));

		cr_assert_not_null(v, "key %llu is found", (unsigned long long)i);
		cr_assert_eq(*v, i);
	}
	for (uint64_t i = n; i < n + 1000; i++) {
		uint64_t k = i * 0x9e3779b97f4a7c15ULL;

		cr_assert_null(hmap_find(&m, &k, sizeof(k)));
	}
	hmap_free(&m);
}

Test(hmap, put_keeps_the_value_of_a_key_already_there)
{
	struct hmap m = HMAP_INIT;
	bool added = true;

	*hmap_puts(&m, "acl 3000", NULL) = 7;
	cr_expect_eq(*hmap_puts(&m, "acl 3000", &added), 7);
	cr_expect(!added);
	hmap_free(&m);
}

/* A counting allocator: what the map takes it gives back. */
struct counting {
	size_t live, calls;
};

static void *count_alloc(void *ctx, size_t n)
{
	struct counting *c = ctx;

	c->live += n;
	c->calls++;
	return xcalloc(1, n);
}

static void count_release(void *ctx, void *p, size_t n)
{
	struct counting *c = ctx;

	c->live -= n;
	free(p);
}

Test(hmap, storage_comes_from_the_given_allocator_and_goes_back_to_it)
{
	struct counting c = {0};
	struct hmap_alloc al = {count_alloc, count_release, &c};
	struct hmap m;

	hmap_init_with(&m, &al);
	for (int i = 0; i < 1000; i++)
		hmap_add(&m, &i, sizeof(i));
	cr_expect_gt(c.calls, 2, "slots and keys grew through the allocator");
	cr_expect_gt(c.live, 1000 * sizeof(int));
	hmap_free(&m);
	cr_expect_eq(c.live, 0, "everything given back");
	hmap_add(&m, "again", 5);
	cr_expect_gt(c.live, 0, "a freed map keeps its allocator");
	hmap_free(&m);
	cr_expect_eq(c.live, 0);
}
