/* SPDX-License-Identifier: MIT */
/*
 * checker/device.c - the single-device rules (spec/rules.md sections 2
 * and 3) and the helpers they share.
 *
 * chk_device() runs in the parser threads, once per device: everything it
 * needs lives in a struct chk_ctx on its stack; there is no global state.
 */
#include "checker/checker.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/internal.h"

void chk_device(const struct device *d, struct findings *fs)
{
	struct chk_ctx c = {.d = d, .fs = fs};

	if (!d || !fs)
		return;
	chk_structure(&c);
	chk_selectors(&c);
	chk_crypto(&c);
	chk_set_free(&c.seen);
}

/* ---- findings ------------------------------------------------------------- */

struct finding *chk_add(struct chk_ctx *c, enum rule_id rule, const struct span *at, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	f = fnd_add(c->fs, rule, at, "%s", sb_str(&sb));
	sb_free(&sb);
	fnd_set_devices(f, c->d->name, NULL);
	return f;
}

uint64_t chk_hash_str(uint64_t h, const char *s)
{
	static const char nul;

	if (s)
		h = util_hash64(s, strlen(s), h);
	return util_hash64(&nul, 1, h);
}

uint64_t chk_hash_span(uint64_t h, const struct span *s)
{
	uintptr_t src = s ? (uintptr_t)s->src : 0;
	uint32_t lc[2] = {s ? s->line : 0, s ? s->col : 0};

	h = util_hash64(&src, sizeof(src), h);
	return util_hash64(lc, sizeof(lc), h);
}

bool chk_once(struct chk_ctx *c, enum rule_id rule, const struct span *at, const char *detail)
{
	uint64_t h = util_hash64(&rule, sizeof(rule), UTIL_HASH_SEED);

	h = chk_hash_span(h, at);
	h = chk_hash_str(h, detail);
	return chk_set_add(&c->seen, h);
}

/* ---- a set of 64-bit keys ------------------------------------------------- */

static size_t set_slot(const uint64_t *v, size_t cap, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (cap - 1);

	while (v[i] && v[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

bool chk_set_add(struct chk_set *s, uint64_t key)
{
	size_t i;

	key = key ? key : 1;
	if ((s->n + 1) * 2 > s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 64;
		uint64_t *nv = xcalloc(ncap, sizeof(*nv));

		for (size_t j = 0; j < s->cap; j++)
			if (s->v[j])
				nv[set_slot(nv, ncap, s->v[j])] = s->v[j];
		free(s->v);
		s->v = nv;
		s->cap = ncap;
	}
	i = set_slot(s->v, s->cap, key);
	if (s->v[i])
		return false;
	s->v[i] = key;
	s->n++;
	return true;
}

bool chk_set_has(const struct chk_set *s, uint64_t key)
{
	key = key ? key : 1;
	return s->cap && s->v[set_slot(s->v, s->cap, key)] == key;
}

void chk_set_free(struct chk_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* ---- names ---------------------------------------------------------------- */

/* Length of the first two words of phrase (with the space between), or 0 when
 * the phrase has fewer than three words. */
static size_t kind_len(const char *phrase)
{
	const char *sp1, *sp2;

	if (!phrase)
		return 0;
	sp1 = strchr(phrase, ' ');
	if (!sp1)
		return 0;
	sp2 = strchr(sp1 + 1, ' ');
	if (!sp2 || !sp2[1])
		return 0;
	return (size_t)(sp2 - phrase);
}

const char *chk_obj(const char *phrase, const char *fallback_kind, char *buf, size_t n)
{
	size_t k = kind_len(phrase);

	if (!phrase)
		phrase = "?";
	if (k)
		snprintf(buf, n, "%.*s '%s'", (int)k, phrase, phrase + k + 1);
	else if (fallback_kind)
		snprintf(buf, n, "%s '%s'", fallback_kind, phrase);
	else
		snprintf(buf, n, "'%s'", phrase);
	return buf;
}

const char *chk_tunnel(const struct tunnel *t, char *buf, size_t n)
{
	return chk_obj(t->name ? t->name : t->id, NULL, buf, n);
}

const char *chk_group(const struct tunnel *t, char *buf, size_t n)
{
	size_t k = kind_len(t->name);

	if (!k || !t->group)
		return chk_tunnel(t, buf, n);
	snprintf(buf, n, "%.*s '%s'", (int)k, t->name, t->group);
	return buf;
}

const char *chk_peer(const struct tunnel *t, char *buf, size_t n)
{
	if (t->ike && t->ike->peer_name && *t->ike->peer_name)
		return chk_obj(t->ike->peer_name, "ike peer", buf, n);
	return chk_tunnel(t, buf, n);
}

const char *chk_prov(const struct origin *o)
{
	switch (o->prov) {
	case PROV_DEFAULT:
		return " (default)";
	case PROV_DEFAULT_ASSUMED:
		return " (assumed default)";
	case PROV_WRITTEN:
	case PROV_UNSET:
		break;
	}
	return "";
}

const struct span *chk_at(const struct origin *o, const struct span *fallback)
{
	if (o->prov == PROV_WRITTEN && o->span.src && o->span.line)
		return &o->span;
	if (fallback && fallback->line)
		return fallback;
	return o->span.line ? &o->span : fallback;
}

struct span chk_rule_span(const struct sel_list *l, const struct selector *r)
{
	if (!r->line)
		return l->span;
	return span_make(l->span.src, r->line, r->col ? r->col : 1, r->end_line ? r->end_line : r->line,
			 r->end_col ? r->end_col : (r->col ? r->col : 1));
}
