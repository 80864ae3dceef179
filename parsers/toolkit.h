/* SPDX-License-Identifier: MIT */
/*
 * parsers/toolkit.h - what every vendor's grammar and driver share: the
 * token and location types of the Bison grammars (api.value.type and
 * api.location.type), the span a location covers, and the readers of
 * values every vendor writes alike.
 */
#ifndef IPSECLINT_PARSERS_TOOLKIT_H
#define IPSECLINT_PARSERS_TOOLKIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/model.h"
#include "parsers/parser.h"

/* A token's text: points into the source (stable for the whole parse), not NUL-terminated. */
struct drv_tok {
	const char *s;
	uint32_t len;
};

/* A grammar's location: 1-based lines and columns, last inclusive. */
struct drv_loc {
	uint32_t first_line, first_column;
	uint32_t last_line, last_column;
};

/* The span of src that l covers; NULL: no place (line 0). */
static inline struct span drv_span(const struct source *src, const struct drv_loc *l)
{
	if (!l)
		return span_make(src, 0, 0, 0, 0);
	return span_make(src, l->first_line, l->first_column, l->last_line, l->last_column);
}

/*
 * A driver's context c (any struct with the members pf, src, dev and a)
 * emptied and set for pf: the device made by parse_begin(), of vendor v.
 */
#define DRV_BEGIN(c, pf_, v)                       \
	do {                                       \
		memset(&(c), 0, sizeof(c));        \
		(c).pf = (pf_);                    \
		(c).src = &(pf_)->src;             \
		(c).dev = parse_begin((pf_), (v)); \
		(c).a = (pf_)->arena;              \
	} while (0)

/* The decimal number s[0..n) (digits only), when it is at most max. */
bool drv_uint(const char *s, size_t n, uint64_t max, uint64_t *out);

static inline bool drv_tok_uint(const struct drv_tok *t, uint64_t max, uint64_t *out)
{
	return drv_uint(t->s, t->len, max, out);
}

#endif
