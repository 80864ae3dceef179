/* SPDX-License-Identifier: MIT */
/*
 * tests/test_model_defs.c - the device's definitions (model_def()): a view
 * entered again later in the file (VRP merges it) is the same definition,
 * kept at its first place, however many definitions came between; one
 * name under two kinds is two definitions.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "model/arena.h"
#include "model/model.h"

static struct source src = {.path = "dev.cfg"};

/* 300 definitions of three kinds: the index is rebuilt several times on the way */
Test(model_defs, a_view_entered_again_is_the_first_definition)
{
	static const char *const kinds[] = {"acl", "ike peer", "ipsec proposal"};
	struct arena *a = arena_new();
	struct device *d = model_device_new(a, &src);
	struct mdef *first[300];
	char name[32];

	for (uint32_t i = 0; i < 300; i++) {
		struct span sp = span_make(&src, i + 1, 1, i + 1, 10);

		snprintf(name, sizeof(name), "N%u", i / 3);
		first[i] = model_def(d, kinds[i % 3], name, &sp, false);
		cr_assert_not_null(first[i]);
	}
	cr_assert_eq(d->ndefs, 300, "%zu definitions", d->ndefs);
	/* entered again, after all the others: the same definition, its first line kept */
	for (uint32_t i = 0; i < 300; i++) {
		struct span sp = span_make(&src, 1000 + i, 1, 1000 + i, 10);
		struct mdef *m;

		snprintf(name, sizeof(name), "N%u", i / 3);
		m = model_def(d, kinds[i % 3], name, &sp, false);
		cr_assert_eq(m, first[i], "%s %s is defined twice", kinds[i % 3], name);
		cr_assert_eq(m->span.line, i + 1, "%s %s: line %u", kinds[i % 3], name, m->span.line);
		cr_assert_eq(model_find_def(d, kinds[i % 3], name), first[i]);
	}
	cr_assert_eq(d->ndefs, 300, "%zu definitions after the views were entered again", d->ndefs);
	cr_assert_null(model_find_def(d, "acl", "N100"));
	cr_assert_null(model_find_def(d, "ike proposal", "N1"));
	arena_free(a);
}

/* A built-in default stays built-in only while nothing in the file defines it too. */
Test(model_defs, a_written_view_of_a_builtin_is_not_builtin)
{
	struct arena *a = arena_new();
	struct device *d = model_device_new(a, &src);
	struct span sp = span_make(&src, 7, 1, 7, 20);
	struct mdef *m = model_def(d, "ike proposal", "default", &sp, true);

	cr_assert(m->builtin);
	cr_assert_eq(model_def(d, "ike proposal", "default", &sp, false), m);
	cr_assert_not(m->builtin);
	cr_assert_eq(model_def(d, "ike proposal", "default", &sp, true), m);
	cr_assert_not(m->builtin, "once written, always written");
	arena_free(a);
}
