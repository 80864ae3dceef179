/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_shadow_tunnels.c - policy-shadowed in a policy list
 * whose permit rules are tunnels of one group (sel_list.permits_are_tunnels,
 * checker/selectors.c shadow_list): a tunnel behind other tunnels is the
 * group check's finding, said once ("is never used"); a tunnel behind a
 * PASS or DISCARD rule, or a DISCARD behind a tunnel, is the list's ("is
 * never matched"). An HP-UX host policy list parsed from text, the flag set
 * on it as the model describes it, checked by chk_device().
 *
 * No driver sets the flag today: without it, the HP-UX host list reports a
 * tunnel behind a tunnel twice, once by each check.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"

#define ESP "-action ESP_AES256_HMAC_SHA2_256"

struct checked {
	struct parsed_file pf;
	struct findings fs;
};

/* Parse text; set permits_are_tunnels on its one policy list when flag; run chk_device. */
static void check(struct checked *c, const char *text, bool flag)
{
	size_t nlists = 0;

	memset(c, 0, sizeof(*c));
	parse_buffer(&c->pf, "host.batch", text, strlen(text), VENDOR_HPUX);
	cr_assert_not_null(c->pf.dev);
	for (size_t i = 0; i < c->pf.dev->nsel_lists; i++) {
		struct sel_list *l = c->pf.dev->sel_lists[i];

		if (l->n < 2)
			continue;
		nlists++;
		l->permits_are_tunnels = flag;
	}
	cr_assert_eq(nlists, 1, "one policy list of two rules or more, got %zu", nlists);
	chk_device(c->pf.dev, &c->fs);
}

static void checked_free(struct checked *c)
{
	fnd_free(&c->fs);
	parsed_file_free(&c->pf);
}

/* The policy-shadowed findings: exactly n, each at line[i] holding words[i] (any order). */
static void assert_shadowed(const struct checked *c, size_t n, const uint32_t *line, const char *const *words)
{
	size_t got = 0;

	for (size_t i = 0; i < c->fs.n; i++) {
		const struct finding *f = &c->fs.v[i];
		size_t hits = 0;

		if (f->rule != R_POLICY_SHADOWED) {
			/* the IKE defaults of a batch without an ikev1 policy are weak: not this test's */
			cr_assert_eq(f->rule, R_WEAK_ALGORITHM, "unexpected: %s", f->message);
			continue;
		}
		got++;
		for (size_t k = 0; k < n; k++)
			hits += f->loc.line == line[k] && strstr(f->message, words[k]) != NULL;
		cr_assert_eq(hits, 1, "unexpected (line %u): %s", f->loc.line, f->message);
	}
	cr_assert_eq(got, n, "%zu policy-shadowed, %zu expected", got, n);
}

/* The policy list of text (its permits tunnels) has one policy-shadowed finding, at line, holding words. */
static void expect_shadowed(const char *text, uint32_t line, const char *words)
{
	struct checked c;

	check(&c, text, true);
	assert_shadowed(&c, 1, &line, &words);
	checked_free(&c);
}

/* two tunnels, the broad one first: once, by the group check */
Test(shadow_tunnels, a_tunnel_behind_a_tunnel_is_said_once)
{
	static const char text[] =
		"add host broad -source 192.0.2.10 -destination 10.0.0.0/8 -priority 10 " ESP "\n"
		"add host specific -source 192.0.2.10 -destination 10.1.2.3 -priority 20 " ESP "\n";

	expect_shadowed(
		text, 2u,
		"host policy 'specific' is never used: host policy 'broad' selects all of its traffic first");
}

/* a tunnel behind a PASS rule: the list says it (the PASS is no tunnel) */
Test(shadow_tunnels, a_tunnel_behind_a_pass_rule_is_the_lists)
{
	static const char text[] =
		"add host broad -source 192.0.2.10 -destination 10.0.0.0/8 -priority 10 -action PASS\n"
		"add host specific -source 192.0.2.10 -destination 10.1.2.3 -priority 20 " ESP "\n";

	expect_shadowed(text, 2u,
			"host policy 'specific' (priority 20) is never matched: host policy "
			"'broad' (priority 10) matches all of its traffic first");
}

/* a tunnel behind a tunnel and a DISCARD rule together: not all tunnels, the list says it */
Test(shadow_tunnels, a_tunnel_behind_a_tunnel_and_a_discard_is_the_lists)
{
	static const char text[] =
		"add host low -source 192.0.2.10 -destination 10.0.0.0/9 -priority 10 " ESP "\n"
		"add host high -source 192.0.2.10 -destination 10.128.0.0/9 -priority 20 -action DISCARD\n"
		"add host all -source 192.0.2.10 -destination 10.0.0.0/8 -priority 30 " ESP "\n";

	expect_shadowed(text, 3u,
			"host policy 'all' (priority 30) is never matched: host policy 'low' "
			"(priority 10) and host policy 'high' (priority 20)");
}

/* the same with the DISCARD rule first: every rule that covers counts, not the last one */
Test(shadow_tunnels, a_tunnel_behind_a_discard_and_a_tunnel_is_the_lists)
{
	static const char text[] =
		"add host low -source 192.0.2.10 -destination 10.0.0.0/9 -priority 10 -action DISCARD\n"
		"add host high -source 192.0.2.10 -destination 10.128.0.0/9 -priority 20 " ESP "\n"
		"add host all -source 192.0.2.10 -destination 10.0.0.0/8 -priority 30 " ESP "\n";

	expect_shadowed(text, 3u,
			"host policy 'all' (priority 30) is never matched: host policy 'low' "
			"(priority 10) and host policy 'high' (priority 20)");
}

/* a DISCARD rule behind a tunnel: not a tunnel itself, the list says it */
Test(shadow_tunnels, a_discard_behind_a_tunnel_is_the_lists)
{
	static const char text[] =
		"add host broad -source 192.0.2.10 -destination 10.0.0.0/8 -priority 10 " ESP "\n"
		"add host drop -source 192.0.2.10 -destination 10.1.2.3 -priority 20 -action DISCARD\n";

	expect_shadowed(text, 2u,
			"host policy 'drop' (priority 20) is never matched: host policy "
			"'broad' (priority 10) matches all of its traffic first");
}

/* IPv6: a policy with no -destination (any IPv6 address) covers a later, specific one */
Test(shadow_tunnels, an_ipv6_policy_to_any_destination_covers_a_later_one)
{
	static const char text[] = "add host broad -source 2001:db8::10 -priority 10 " ESP "\n"
				   "add host specific -source 2001:db8::10 -destination 2001:db8:2::5 "
				   "-priority 20 " ESP "\n";

	expect_shadowed(
		text, 2u,
		"host policy 'specific' is never used: host policy 'broad' selects all of its traffic first");
}
