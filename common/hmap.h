/* SPDX-License-Identifier: MIT */
/*
 * common/hmap.h - the one hash map: byte-string keys, compared in full.
 *
 * Every table of the program is one of these: a set (values unused), a map
 * to an index or a pointer, or the heads of chains the caller links itself
 * (several values for one key: the caller's own "next" field).
 *
 * The map copies each key into storage of its own, so a key may be built on
 * the stack (an address and its family, two pointers, a rule and a place).
 * Two keys are the same only when their bytes are: a collision of hashes
 * costs a comparison, never a lost entry.
 *
 * Open addressing with linear probing, at most half full, power-of-two
 * sizes. Storage comes from malloc, or from the allocator given to
 * hmap_init_with() (a device's arena: the map then goes with the arena).
 *
 * A pointer returned by hmap_find()/hmap_put() is valid until the next
 * hmap_put() on the same map.
 */
#ifndef IPSECLINT_COMMON_HMAP_H
#define IPSECLINT_COMMON_HMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Where a map's storage comes from: alloc returns zeroed memory; release
 * takes back what alloc gave (n is the size asked). */
struct hmap_alloc {
	void *(*alloc)(void *ctx, size_t n);
	void (*release)(void *ctx, void *p, size_t n);
	void *ctx;
};

struct hmap_slot {
	uint32_t hash; /* the key's hash: where its probe starts, a quick "not this one" */
	uint32_t klen;
	size_t koff; /* where the key is in keys; SIZE_MAX: empty */
	uintptr_t val;
};

struct hmap {
	struct hmap_slot *slot;
	size_t cap, n;
	unsigned char *keys; /* the keys, one after another */
	size_t klen, kcap;
	struct hmap_alloc al; /* all NULL: malloc */
};

/* clang-format off */
#define HMAP_INIT {NULL, 0, 0, NULL, 0, 0, {NULL, NULL, NULL}}
/* clang-format on */

/* An empty map whose storage comes from al. */
void hmap_init_with(struct hmap *m, const struct hmap_alloc *al);

/* The value stored for key, or NULL when the key is not in the map. */
uintptr_t *hmap_find(const struct hmap *m, const void *key, size_t klen);

/* The value stored for key; a new key is added with the value 0, and *added
 * (when given) says whether it was. */
uintptr_t *hmap_put(struct hmap *m, const void *key, size_t klen, bool *added);

/* A set: true when key was not in the map (and now is). */
static inline bool hmap_add(struct hmap *m, const void *key, size_t klen)
{
	bool added;

	hmap_put(m, key, klen, &added);
	return added;
}

static inline bool hmap_has(const struct hmap *m, const void *key, size_t klen)
{
	return hmap_find(m, key, klen) != NULL;
}

/* Strings as keys (without their NUL). */
static inline uintptr_t *hmap_finds(const struct hmap *m, const char *s)
{
	return hmap_find(m, s, strlen(s));
}

static inline uintptr_t *hmap_puts(struct hmap *m, const char *s, bool *added)
{
	return hmap_put(m, s, strlen(s), added);
}

/* The number of keys. */
static inline size_t hmap_count(const struct hmap *m)
{
	return m->n;
}

/* Release the map's storage; the map is empty again (same allocator). */
void hmap_free(struct hmap *m);

#endif
