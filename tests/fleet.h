/* SPDX-License-Identifier: MIT */
/*
 * tests/fleet.h - devices parsed from configuration text and paired by
 * chk_pairs(), for the pair tests: write each device's text into
 * f->text[f->n], parse it with fleet_parse(), pair with fleet_run().
 */
#ifndef IPSECLINT_TESTS_FLEET_H
#define IPSECLINT_TESTS_FLEET_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"

#define FLEET_MAX 2

struct fleet {
	struct parsed_file pf[FLEET_MAX];
	struct device *devs[FLEET_MAX];
	size_t n;
	const char *parse_note; /* words of the one parse finding a test allows (its own use) */
	struct findings fs;
	struct pair_list pairs;
	char text[FLEET_MAX][4096];
	char path[FLEET_MAX][32];
};

/* Parse f->text[f->n] as file path of vendor v; returns its index. */
static inline size_t fleet_parse(struct fleet *f, const char *path, enum vendor v)
{
	size_t i = f->n++;

	snprintf(f->path[i], sizeof(f->path[i]), "%s", path);
	memset(&f->pf[i], 0, sizeof(f->pf[i]));
	parse_buffer(&f->pf[i], f->path[i], f->text[i], strlen(f->text[i]), v);
	cr_assert_not_null(f->pf[i].dev, "%s did not parse", path);
	f->devs[i] = f->pf[i].dev;
	return i;
}

/* The pair checks over the fleet, which must make exactly one tunnel pair. */
static inline void fleet_run(struct fleet *f)
{
	chk_pairs(f->devs, f->n, NULL, &f->fs, &f->pairs);
	cr_assert_eq(f->pairs.n, 1, "one tunnel pair, got %zu", f->pairs.n);
}

static inline void fleet_free(struct fleet *f)
{
	chk_pairs_free(&f->pairs);
	fnd_free(&f->fs);
	for (size_t i = 0; i < f->n; i++)
		parsed_file_free(&f->pf[i]);
}

#endif
