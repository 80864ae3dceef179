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
	hmap_free(&c.seen);
}

/* ---- findings ------------------------------------------------------------- */

struct finding *chk_add(struct chk_ctx *c, enum rule_id rule, const struct span *at, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = fnd_vadd(c->fs, rule, at, fmt, ap);
	va_end(ap);
	fnd_set_devices(f, c->d->name, NULL);
	return f;
}

bool chk_once(struct chk_ctx *c, enum rule_id rule, const struct span *at, const char *detail)
{
	struct {
		enum rule_id rule;
		const void *src;
		uint32_t line, col;
	} k;
	struct strbuf key = STRBUF_INIT;
	bool added;

	memset(&k, 0, sizeof(k)); /* padding is part of the key */
	k.rule = rule;
	k.src = at ? at->src : NULL;
	k.line = at ? at->line : 0;
	k.col = at ? at->col : 0;
	sb_addn(&key, (const char *)&k, sizeof(k));
	if (detail)
		sb_adds(&key, detail);
	added = hmap_add(&c->seen, key.buf, key.len);
	sb_free(&key);
	return added;
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
