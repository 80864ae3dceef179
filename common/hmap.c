/* SPDX-License-Identifier: MIT */
/*
 * common/hmap.c - the one hash map (see hmap.h).
 *
 * Written here rather than taken from a package: Debian's uthash puts a
 * 56-byte handle inside every stored object, and the tables here index
 * objects that live in arenas without touching them; klib's khash is not
 * packaged. This one is 24 bytes a slot plus the key bytes.
 */
#include "common/hmap.h"

#include "common/util.h"

#include <stdlib.h>

#define EMPTY SIZE_MAX

static void *m_alloc(const struct hmap *m, size_t n)
{
	if (m->al.alloc)
		return m->al.alloc(m->al.ctx, n);
	return xcalloc(1, n);
}

static void m_release(const struct hmap *m, void *p, size_t n)
{
	if (!p)
		return;
	if (m->al.release)
		m->al.release(m->al.ctx, p, n);
	else if (!m->al.alloc)
		free(p);
}

void hmap_init_with(struct hmap *m, const struct hmap_alloc *al)
{
	memset(m, 0, sizeof(*m));
	if (al)
		m->al = *al;
}

/* 32 bits of the key's hash, folded from all 64: both the slot a probe starts
 * at and the quick "not this one" test, so keys that share them meet in one
 * probe run and are told apart there by their bytes. */
static uint32_t key_hash(const void *key, size_t klen)
{
	uint64_t h = util_hash64(key, klen, UTIL_HASH_SEED);

	return (uint32_t)(h ^ (h >> 32));
}

/* The slot of key in m (cap > 0), or the empty slot where it would go. */
static size_t probe(const struct hmap *m, const void *key, size_t klen, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		const struct hmap_slot *s = &m->slot[i];

		if (s->koff == EMPTY)
			return i;
		if (s->hash == h && s->klen == klen && memcmp(m->keys + s->koff, key, klen) == 0)
			return i;
	}
}

static void grow_slots(struct hmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 8;
	struct hmap_slot *old = m->slot;
	size_t ocap = m->cap;

	m->slot = m_alloc(m, ncap * sizeof(*m->slot));
	m->cap = ncap;
	for (size_t i = 0; i < ncap; i++)
		m->slot[i].koff = EMPTY;
	for (size_t i = 0; i < ocap; i++) {
		const struct hmap_slot *s = &old[i];
		size_t j;

		if (s->koff == EMPTY)
			continue;
		j = probe(m, m->keys + s->koff, s->klen, s->hash);
		m->slot[j] = *s;
	}
	m_release(m, old, ocap * sizeof(*old));
}

static size_t store_key(struct hmap *m, const void *key, size_t klen)
{
	size_t off = m->klen;

	if (m->klen + klen > m->kcap) {
		size_t ncap = m->kcap ? m->kcap : 64;
		unsigned char *nk;

		while (ncap < m->klen + klen)
			ncap *= 2;
		nk = m_alloc(m, ncap);
		if (m->klen)
			memcpy(nk, m->keys, m->klen);
		m_release(m, m->keys, m->kcap);
		m->keys = nk;
		m->kcap = ncap;
	}
	if (klen)
		memcpy(m->keys + off, key, klen);
	m->klen += klen;
	return off;
}

uintptr_t *hmap_find(const struct hmap *m, const void *key, size_t klen)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = probe(m, key, klen, key_hash(key, klen));
	return m->slot[i].koff == EMPTY ? NULL : &m->slot[i].val;
}

uintptr_t *hmap_put(struct hmap *m, const void *key, size_t klen, bool *added)
{
	uint32_t h = key_hash(key, klen);
	struct hmap_slot *s;
	size_t i;

	if (klen > UINT32_MAX)
		util_die_oom(); /* no key of this program comes near */
	if ((m->n + 1) * 2 > m->cap)
		grow_slots(m);
	i = probe(m, key, klen, h);
	s = &m->slot[i];
	if (added)
		*added = s->koff == EMPTY;
	if (s->koff != EMPTY)
		return &s->val;
	s->hash = h;
	s->klen = (uint32_t)klen;
	s->koff = store_key(m, key, klen);
	s->val = 0;
	m->n++;
	return &s->val;
}

void hmap_free(struct hmap *m)
{
	struct hmap_alloc al = m->al;

	m_release(m, m->slot, m->cap * sizeof(*m->slot));
	m_release(m, m->keys, m->kcap);
	memset(m, 0, sizeof(*m));
	m->al = al;
}
