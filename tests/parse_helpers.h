/* SPDX-License-Identifier: MIT */
/*
 * tests/parse_helpers.h - what the parser tests ask of a parsed file: how
 * many findings of a rule it has, and the first (or nth) of them.
 */
#ifndef IPSECLINT_TESTS_PARSE_HELPERS_H
#define IPSECLINT_TESTS_PARSE_HELPERS_H

#include <stddef.h>

#include "parsers/parser.h"

static inline size_t count_rule(const struct parsed_file *pf, enum rule_id r)
{
	size_t n = 0;

	for (size_t i = 0; i < pf->fs.n; i++)
		n += pf->fs.v[i].rule == r;
	return n;
}

static inline const struct finding *nth_rule(const struct parsed_file *pf, enum rule_id r, size_t nth)
{
	for (size_t i = 0; i < pf->fs.n; i++) {
		if (pf->fs.v[i].rule == r && nth-- == 0)
			return &pf->fs.v[i];
	}
	return NULL;
}

static inline const struct finding *first_rule(const struct parsed_file *pf, enum rule_id r)
{
	return nth_rule(pf, r, 0);
}

#endif
