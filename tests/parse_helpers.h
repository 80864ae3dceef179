/* SPDX-License-Identifier: MIT */
/*
 * tests/parse_helpers.h - what the tests ask of a set of findings (or of a
 * parsed file's): how many of a rule it has, the first (or nth) of them, and
 * how many are errors; need_rule() and rule_at() assert the first is there
 * (and at its line), only_tunnel() that the device has one tunnel.
 */
#ifndef IPSECLINT_TESTS_PARSE_HELPERS_H
#define IPSECLINT_TESTS_PARSE_HELPERS_H

#include <criterion/criterion.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/parser.h"

/* How many findings of rule r fs holds. */
static inline size_t fs_count(const struct findings *fs, enum rule_id r)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		n += fs->v[i].rule == r;
	return n;
}

/* The nth (from 0) finding of rule r in fs, or NULL. */
static inline const struct finding *fs_nth(const struct findings *fs, enum rule_id r, size_t nth)
{
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->v[i].rule == r && nth-- == 0)
			return &fs->v[i];
	}
	return NULL;
}

static inline const struct finding *fs_first(const struct findings *fs, enum rule_id r)
{
	return fs_nth(fs, r, 0);
}

/* How many findings of fs are errors. */
static inline size_t fs_errors(const struct findings *fs)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		n += fs->v[i].sev == SEV_ERROR;
	return n;
}

static inline size_t count_rule(const struct parsed_file *pf, enum rule_id r)
{
	return fs_count(&pf->fs, r);
}

static inline const struct finding *nth_rule(const struct parsed_file *pf, enum rule_id r, size_t nth)
{
	return fs_nth(&pf->fs, r, nth);
}

static inline const struct finding *first_rule(const struct parsed_file *pf, enum rule_id r)
{
	return fs_nth(&pf->fs, r, 0);
}

/* The first finding of rule r in pf, which must be there. */
static inline const struct finding *need_rule(const struct parsed_file *pf, enum rule_id r)
{
	const struct finding *f = first_rule(pf, r);

	cr_assert_not_null(f, "no %s finding", rule_info(r)->id);
	return f;
}

/* The first finding of rule r in pf, which must be there, expected at line. */
static inline const struct finding *rule_at(const struct parsed_file *pf, enum rule_id r, uint32_t line)
{
	const struct finding *f = need_rule(pf, r);

	cr_expect_eq(f->loc.line, line, "%s at line %u, expected %u: %s", rule_info(r)->id, f->loc.line, line,
		     f->message);
	return f;
}

/* The one tunnel of pf's device, which must have exactly one. */
static inline const struct tunnel *only_tunnel(const struct parsed_file *pf)
{
	cr_assert_eq(pf->dev->ntunnels, 1, "expected one tunnel, got %zu", pf->dev->ntunnels);
	return pf->dev->tunnels[0];
}

#endif
