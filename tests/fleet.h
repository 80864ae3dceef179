/* SPDX-License-Identifier: MIT */
/*
 * tests/fleet.h - devices parsed from configuration text and paired by
 * chk_pairs(), for the pair tests: write each device's text with
 * fleet_addf() (or into f->text[f->n], then fleet_parse()), or hand over one
 * from malloc() with fleet_adopt(); pair with fleet_run().
 */
#ifndef IPSECLINT_TESTS_FLEET_H
#define IPSECLINT_TESTS_FLEET_H

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"

/* how many devices a fleet holds, and the size of each text: a test file may set them first */
#ifndef FLEET_MAX
#define FLEET_MAX 2
#endif
#ifndef FLEET_TEXT
#define FLEET_TEXT 4096
#endif

struct fleet {
	struct parsed_file pf[FLEET_MAX];
	struct device *devs[FLEET_MAX];
	size_t n;
	const char *parse_note; /* words of the one parse finding a test allows (its own use) */
	struct findings fs;
	struct pair_list pairs;
	char text[FLEET_MAX][FLEET_TEXT];
	char *owned[FLEET_MAX]; /* a text of fleet_adopt(), freed by fleet_free() */
	char path[FLEET_MAX][32];
};

/* Parse text, which must live as long as f, as file path of vendor v; returns its index. */
static inline size_t fleet_parse_text(struct fleet *f, const char *path, const char *text, enum vendor v)
{
	size_t i = f->n++;

	cr_assert_lt(i, FLEET_MAX, "more than %d devices", FLEET_MAX);
	snprintf(f->path[i], sizeof(f->path[i]), "%s", path);
	memset(&f->pf[i], 0, sizeof(f->pf[i]));
	parse_buffer(&f->pf[i], f->path[i], text, strlen(text), v);
	cr_assert_not_null(f->pf[i].dev, "%s did not parse", path);
	f->devs[i] = f->pf[i].dev;
	return i;
}

/* Parse f->text[f->n] as file path of vendor v; returns its index. */
static inline size_t fleet_parse(struct fleet *f, const char *path, enum vendor v)
{
	cr_assert_lt(f->n, FLEET_MAX, "more than %d devices", FLEET_MAX);
	return fleet_parse_text(f, path, f->text[f->n], v);
}

/* Write the next device's text from fmt and parse it as file path of vendor v; returns its index. */
static inline size_t __attribute__((format(printf, 4, 5)))
fleet_addf(struct fleet *f, const char *path, enum vendor v, const char *fmt, ...)
{
	va_list ap;
	int len;

	cr_assert_lt(f->n, FLEET_MAX, "more than %d devices", FLEET_MAX);
	va_start(ap, fmt);
	len = vsnprintf(f->text[f->n], sizeof(f->text[f->n]), fmt, ap);
	va_end(ap);
	cr_assert_lt((size_t)len, sizeof(f->text[f->n]), "%s: a text of %d bytes is cut", path, len);
	return fleet_parse(f, path, v);
}

/* Parse text from malloc() as file path of vendor v, freed with the fleet; returns its index. */
static inline size_t fleet_adopt(struct fleet *f, const char *path, enum vendor v, char *text)
{
	cr_assert_lt(f->n, FLEET_MAX, "more than %d devices", FLEET_MAX);
	f->owned[f->n] = text;
	return fleet_parse_text(f, path, text, v);
}

/* The pair checks over the fleet, which must make exactly one tunnel pair. */
static inline void fleet_run(struct fleet *f)
{
	chk_pairs(f->devs, f->n, NULL, &f->fs, &f->pairs);
	cr_assert_eq(f->pairs.n, 1, "one tunnel pair, got %zu", f->pairs.n);
}

/*
 * Finding g is rule at line of path, with one related note at rel_line of
 * rel_path, its message holding each of words (a list ending in NULL).
 */
static inline void fleet_assert_finding(const struct finding *g, enum rule_id rule, const char *path,
					uint32_t line, const char *rel_path, uint32_t rel_line,
					const char *const *words)
{
	cr_assert_eq(g->rule, rule, "rule %d: %s", (int)g->rule, g->message);
	cr_assert_not_null(g->loc.src);
	cr_assert_str_eq(g->loc.src->path, path);
	cr_assert_eq(g->loc.line, line, "line %u: %s", g->loc.line, g->message);
	for (size_t i = 0; words[i]; i++)
		cr_assert_not_null(strstr(g->message, words[i]), "'%s' not in: %s", words[i], g->message);
	cr_assert_eq(g->nrelated, 1, "%zu related", g->nrelated);
	cr_assert_str_eq(g->related[0].src->path, rel_path);
	cr_assert_eq(g->related[0].line, rel_line, "related line %u: %s", g->related[0].line,
		     g->related[0].message);
}

static inline void fleet_free(struct fleet *f)
{
	chk_pairs_free(&f->pairs);
	fnd_free(&f->fs);
	for (size_t i = 0; i < f->n; i++) {
		parsed_file_free(&f->pf[i]);
		free(f->owned[i]);
	}
}

#endif
