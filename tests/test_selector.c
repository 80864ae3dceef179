/* SPDX-License-Identifier: MIT */
/*
 * tests/test_selector.c - the exact set algebra of model/selector.h:
 * tables for address sets, ports and whole selectors; ordered lists (deny
 * removes traffic, shadowing by several rules together); the witness text;
 * and properties checked against brute-force enumeration of a small
 * universe, with a fixed seed that every failure message prints: rerun
 * with IPSECLINT_TEST_SEED=<that seed> to reproduce, or with other seeds to
 * explore.
 */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "model/selector.h"
#include "tests/addr_text.h"

__extension__ typedef unsigned __int128 u128;

/* ---- building sets and selectors from short text -------------------------------- */

static struct portrange ports_of(const char *t)
{
	struct portrange p;
	const char *dash = strchr(t, '-');

	p.lo = (uint16_t)atoi(t);
	p.hi = dash ? (uint16_t)atoi(dash + 1) : p.lo;
	return p;
}

/*
 * "[permit|deny] PROTO SRC DST [sport P] [dport P]" where PROTO is ip, tcp,
 * udp or a number, a set is as set_of (a wildcard takes three words) and P
 * is N or N-M.
 */
static struct selector sel_of(const char *text)
{
	char tmp[256], *tok[16], *save = NULL, setbuf[128];
	size_t nt = 0, k = 0;
	struct selector s;

	memset(&s, 0, sizeof(s));
	s.action = SEL_PERMIT;
	s.proto = -1;
	s.sport = port_any();
	s.dport = port_any();
	snprintf(tmp, sizeof(tmp), "%s", text);
	for (char *w = strtok_r(tmp, " ", &save); w && nt < 16; w = strtok_r(NULL, " ", &save))
		tok[nt++] = w;
	if (k < nt && (!strcmp(tok[k], "permit") || !strcmp(tok[k], "deny")))
		s.action = !strcmp(tok[k++], "deny") ? SEL_DENY : SEL_PERMIT;
	cr_assert(k < nt, "bad test selector %s", text);
	if (!strcmp(tok[k], "ip"))
		s.proto = -1;
	else if (!strcmp(tok[k], "tcp"))
		s.proto = 6;
	else if (!strcmp(tok[k], "udp"))
		s.proto = 17;
	else
		s.proto = (int16_t)atoi(tok[k]);
	k++;
	for (int side = 0; side < 2; side++) {
		cr_assert(k < nt, "bad test selector %s", text);
		if (k + 2 < nt && !strcmp(tok[k + 1], "wildcard")) {
			snprintf(setbuf, sizeof(setbuf), "%s wildcard %s", tok[k], tok[k + 2]);
			k += 3;
		} else {
			snprintf(setbuf, sizeof(setbuf), "%s", tok[k++]);
		}
		if (side == 0)
			s.src = set_of(setbuf);
		else
			s.dst = set_of(setbuf);
	}
	while (k + 1 < nt) {
		if (!strcmp(tok[k], "sport"))
			s.sport = ports_of(tok[k + 1]);
		else if (!strcmp(tok[k], "dport"))
			s.dport = ports_of(tok[k + 1]);
		else
			cr_assert_fail("bad test selector %s", text);
		k += 2;
	}
	cr_assert_eq(k, nt, "bad test selector %s", text);
	return s;
}

static const char *sel_text(const struct selector *s, char *buf, size_t n)
{
	char a[128], b[128];

	snprintf(buf, n, "%s %d %s %s sport %u-%u dport %u-%u", s->action == SEL_DENY ? "deny" : "permit",
		 s->proto, aspec_str(&s->src, a, sizeof(a)), aspec_str(&s->dst, b, sizeof(b)), s->sport.lo,
		 s->sport.hi, s->dport.lo, s->dport.hi);
	return buf;
}

/* ---- relations -------------------------------------------------------------------- */

Test(setrel, names_and_flip)
{
	cr_assert_str_eq(setrel_name(REL_EQUAL), "equal");
	cr_assert_str_eq(setrel_name(REL_SUBSET), "subset");
	cr_assert_str_eq(setrel_name(REL_SUPERSET), "superset");
	cr_assert_str_eq(setrel_name(REL_OVERLAP), "overlap");
	cr_assert_str_eq(setrel_name(REL_DISJOINT), "disjoint");
	cr_assert_eq(setrel_flip(REL_SUBSET), REL_SUPERSET);
	cr_assert_eq(setrel_flip(REL_SUPERSET), REL_SUBSET);
	cr_assert_eq(setrel_flip(REL_EQUAL), REL_EQUAL);
	cr_assert_eq(setrel_flip(REL_OVERLAP), REL_OVERLAP);
	cr_assert_eq(setrel_flip(REL_DISJOINT), REL_DISJOINT);
}

/* ---- address sets ------------------------------------------------------------------ */

struct aset_case {
	char a[64], b[64];
	int rel;
};

ParameterizedTestParameters(aspec, compare)
{
	static struct aset_case cases[] = {
		/* prefixes */
		{"10.0.0.0/24", "10.0.0.0/24", REL_EQUAL},
		{"10.0.0.0/25", "10.0.0.0/24", REL_SUBSET},
		{"10.0.0.0/16", "10.0.5.0/24", REL_SUPERSET},
		{"10.0.0.0/24", "10.0.1.0/24", REL_DISJOINT},
		{"10.0.0.0/8", "10.0.0.5", REL_SUPERSET},
		{"10.0.0.5", "10.0.0.5", REL_EQUAL},
		{"10.0.0.5", "10.0.0.6", REL_DISJOINT},
		{"0.0.0.0/0", "any4", REL_EQUAL},
		/* ranges */
		{"10.0.0.0-10.0.0.255", "10.0.0.0/24", REL_EQUAL},
		{"10.0.0.1-10.0.0.254", "10.0.0.0/24", REL_SUBSET},
		{"10.0.0.128-10.0.1.127", "10.0.0.0/24", REL_OVERLAP},
		{"10.0.0.128-10.0.1.127", "10.0.1.0/24", REL_OVERLAP},
		{"10.0.0.0-10.0.1.255", "10.0.0.0/23", REL_EQUAL},
		{"10.0.0.1-10.0.0.9", "10.0.0.9-10.0.0.20", REL_OVERLAP},
		{"10.0.0.1-10.0.0.9", "10.0.0.10-10.0.0.20", REL_DISJOINT},
		{"10.0.0.3-10.0.0.5", "10.0.0.1-10.0.0.9", REL_SUBSET},
		{"0.0.0.0-255.255.255.255", "any4", REL_EQUAL},
		{"10.0.0.7-10.0.0.7", "10.0.0.7", REL_EQUAL},
		/* non-contiguous wildcards */
		{"10.0.0.0 wildcard 0.0.255.0", "10.0.0.0/16", REL_SUBSET},
		{"10.0.0.0 wildcard 0.255.255.0", "10.0.0.0 wildcard 0.0.255.255", REL_OVERLAP},
		{"10.0.0.1 wildcard 0.255.255.254", "10.0.0.0 wildcard 0.255.255.254", REL_DISJOINT},
		{"10.0.0.0 wildcard 0.0.0.254", "10.0.0.0/24", REL_SUBSET},
		{"10.0.0.0 wildcard 0.0.0.254", "10.0.0.0-10.0.0.255", REL_SUBSET},
		{"10.0.0.0 wildcard 0.0.0.254", "10.0.0.1-10.0.0.1", REL_DISJOINT},
		{"10.0.0.0 wildcard 0.0.0.254", "10.0.0.2-10.0.0.3", REL_OVERLAP},
		{"10.0.0.1 wildcard 0.0.0.254", "10.0.0.3-10.0.0.3", REL_SUPERSET},
		{"10.1.0.0 wildcard 0.0.255.255", "10.1.0.0/16", REL_EQUAL},
		{"10.0.1.0 wildcard 0.255.0.255", "10.0.0.0 wildcard 0.255.0.254", REL_DISJOINT},
		{"10.0.1.0 wildcard 0.255.0.255", "10.7.1.0/24", REL_SUPERSET},
		{"10.0.1.0 wildcard 0.255.0.255", "10.7.0.0/16", REL_OVERLAP},
		/* families */
		{"10.0.0.0/8", "2001:db8::/32", REL_DISJOINT},
		{"any4", "any6", REL_DISJOINT},
		{"any", "any4", REL_SUPERSET},
		{"any", "any6", REL_SUPERSET},
		{"any", "any", REL_EQUAL},
		{"::/0", "any6", REL_EQUAL},
		{"2001:db8::/32", "any6", REL_SUBSET},
		/* the IPv4-compatible block ::/96 is IPv6, apart from the mapped IPv4 ::ffff:0:0/96 */
		{"::/96", "any6", REL_SUBSET},
		{"::/96", "any4", REL_DISJOINT},
		{"::ffff:10.0.0.0/104", "10.0.0.0/8", REL_EQUAL},
		{"::ffff:10.0.0.1", "10.0.0.1", REL_EQUAL},
		{"::/64", "any4", REL_DISJOINT},
		{"::-::1:0:0:0", "::/80", REL_SUPERSET},
		{"2001:db8::-2001:db8::ffff", "2001:db8::/112", REL_EQUAL},
		{"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "any6", REL_EQUAL},
		{"2001:db8::1 wildcard ::ffff:0", "2001:db8::/96", REL_SUBSET},
		/* unset sets */
		{"none", "none", REL_EQUAL},
		{"none", "10.0.0.0/8", REL_DISJOINT},
		{"any", "none", REL_DISJOINT},
	};
	return cr_make_param_array(struct aset_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct aset_case *c, aspec, compare)
{
	struct addrspec a = set_of(c->a), b = set_of(c->b);
	enum setrel r = aspec_compare(&a, &b), f = aspec_compare(&b, &a);

	cr_assert_eq((int)r, c->rel, "%s vs %s: %s, expected %s", c->a, c->b, setrel_name(r),
		     setrel_name((enum setrel)c->rel));
	cr_assert_eq(f, setrel_flip(r), "%s vs %s: %s one way, %s the other", c->a, c->b, setrel_name(r),
		     setrel_name(f));
}

struct port_case {
	uint16_t alo, ahi, blo, bhi;
	int rel;
};

ParameterizedTestParameters(ports, compare)
{
	static struct port_case cases[] = {
		{80, 80, 80, 80, REL_EQUAL},
		{0, 1023, 0, 65535, REL_SUBSET},
		{0, 65535, 443, 443, REL_SUPERSET},
		{1000, 2000, 1500, 2500, REL_OVERLAP},
		{1, 10, 11, 20, REL_DISJOINT},
		{1, 10, 10, 20, REL_OVERLAP},
		{10, 5, 1, 2, REL_DISJOINT}, /* reversed: empty */
		{10, 5, 9, 3, REL_EQUAL},
		{10, 5, 0, 65535, REL_DISJOINT}, /* empty, though within the other's bounds */
	};
	return cr_make_param_array(struct port_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct port_case *c, ports, compare)
{
	struct portrange a = {c->alo, c->ahi}, b = {c->blo, c->bhi};

	cr_assert_eq((int)ports_compare(&a, &b), c->rel, "%u-%u vs %u-%u: %s", c->alo, c->ahi, c->blo, c->bhi,
		     setrel_name(ports_compare(&a, &b)));
	cr_assert_eq(ports_compare(&b, &a), setrel_flip((enum setrel)c->rel));
}

/* ---- whole selectors ------------------------------------------------------------------- */

struct sel_case {
	char a[128], b[128];
	int rel;
};

ParameterizedTestParameters(selector, compare)
{
	static struct sel_case cases[] = {
		{"ip 10.1.1.0/24 10.2.0.0/24", "ip 10.1.1.0/24 10.2.0.0/24", REL_EQUAL},
		{"ip 10.1.1.0/24 10.2.0.0/24", "tcp 10.1.1.0/24 10.2.0.0/24", REL_SUPERSET},
		{"0 10.1.1.0/24 10.2.0.0/24", "ip 10.1.1.0/24 10.2.0.0/24", REL_EQUAL}, /* 0 = any */
		{"tcp 10.1.1.0/24 10.2.0.0/24", "udp 10.1.1.0/24 10.2.0.0/24", REL_DISJOINT},
		{"tcp 10.1.1.0/24 10.2.0.0/24 dport 80", "tcp 10.1.1.0/24 10.2.0.0/24", REL_SUBSET},
		{"tcp 10.1.1.0/24 10.2.0.0/24 dport 80", "tcp 10.1.1.0/24 10.2.0.0/24 dport 443",
		 REL_DISJOINT},
		{"tcp any any dport 1-1023", "tcp any any dport 1000-2000", REL_OVERLAP},
		{"ip any any", "tcp 10.0.0.0/8 any sport 1024-65535", REL_SUPERSET},
		{"ip 10.1.1.0/24 10.2.0.0/16", "ip 10.1.0.0/16 10.2.0.0/24", REL_OVERLAP},
		{"ip 10.1.1.0/24 10.2.0.0/24", "ip 10.2.0.0/24 10.1.1.0/24", REL_DISJOINT},
		{"ip 10.1.1.0-10.1.1.255 10.2.0.0/24", "ip 10.1.1.0/24 10.2.0.0 wildcard 0.0.0.255",
		 REL_EQUAL},
		{"ip 10.1.1.0/24 none", "ip 10.1.1.0/24 any", REL_DISJOINT},
		{"ip any4 any4", "ip any any", REL_SUBSET},
		{"ip any4 any4", "ip any6 any6", REL_DISJOINT},
		{"ip 2001:db8::/32 any6", "ip any6 any6", REL_SUBSET},
		{"ip ::/96 any6", "ip any6 any6", REL_SUBSET},
		{"ip ::/96 ::/96", "ip any6 ::/80", REL_SUBSET},
		{"udp 10.0.0.1 10.0.0.2 sport 500 dport 500", "udp 10.0.0.1 10.0.0.2 sport 500-500 dport 500",
		 REL_EQUAL},
		{"ip 10.0.0.0 wildcard 0.255.0.255 any", "ip 10.0.0.0/16 any", REL_OVERLAP},
	};
	return cr_make_param_array(struct sel_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct sel_case *c, selector, compare)
{
	struct selector a = sel_of(c->a), b = sel_of(c->b);
	enum setrel r = sel_compare(&a, &b);

	cr_assert_eq((int)r, c->rel, "'%s' vs '%s': %s, expected %s", c->a, c->b, setrel_name(r),
		     setrel_name((enum setrel)c->rel));
	cr_assert_eq(sel_compare(&b, &a), setrel_flip(r));
}

Test(selector, action_is_ignored)
{
	struct selector a = sel_of("permit tcp 10.0.0.0/8 any"), b = sel_of("deny tcp 10.0.0.0/8 any");

	cr_assert_eq(sel_compare(&a, &b), REL_EQUAL);
}

Test(selector, mirror_swaps_sides_only)
{
	struct selector a = sel_of("deny tcp 10.1.1.0/24 10.2.0.0/16 sport 1024-65535 dport 443"), m;
	char x[128], y[128];

	a.rule_id = 15;
	a.line = 7;
	m = sel_mirror(&a);
	cr_assert_str_eq(aspec_str(&m.src, x, sizeof(x)), "10.2.0.0/16");
	cr_assert_str_eq(aspec_str(&m.dst, y, sizeof(y)), "10.1.1.0/24");
	cr_assert_eq(m.sport.lo, 443);
	cr_assert_eq(m.sport.hi, 443);
	cr_assert_eq(m.dport.lo, 1024);
	cr_assert_eq(m.dport.hi, 65535);
	cr_assert_eq(m.action, SEL_DENY);
	cr_assert_eq(m.proto, 6);
	cr_assert_eq(m.rule_id, 15);
	cr_assert_eq(m.line, 7);
	cr_assert_eq(sel_compare(&a, &m), REL_DISJOINT);
}

/* ---- regions ---------------------------------------------------------------------- */

static struct region *reg_of(const char *text)
{
	struct selector s = sel_of(text);

	return region_from_selector(&s);
}

Test(region, basic_operations)
{
	struct region *a = reg_of("ip 10.0.0.0/24 any"), *b = reg_of("ip 10.0.0.128/25 any");
	struct region *lo = reg_of("ip 10.0.0.0/25 any"), *c = region_copy(a), *e = region_new();

	cr_assert(region_is_empty(e));
	cr_assert_eq(region_compare(e, e), REL_EQUAL);
	cr_assert_eq(region_compare(e, a), REL_DISJOINT);
	region_subtract(c, b);
	cr_assert_eq(region_compare(c, lo), REL_EQUAL, "/24 minus upper /25 is the lower /25");
	region_add(c, b);
	cr_assert_eq(region_compare(c, a), REL_EQUAL);
	region_intersect(c, b);
	cr_assert_eq(region_compare(c, b), REL_EQUAL);
	region_subtract(c, c);
	cr_assert(region_is_empty(c), "r minus itself is empty");
	region_add(c, a);
	region_add(c, a);
	cr_assert_eq(region_nboxes(c), 1, "a box already held is not added twice");
	region_add(c, b);
	cr_assert_eq(region_nboxes(c), 1, "a contained box is not added");
	region_free(a);
	region_free(b);
	region_free(lo);
	region_free(c);
	region_free(e);
	region_free(NULL);
}

Test(region, range_minus_prefix_is_exact)
{
	struct region *r = reg_of("ip 10.0.0.1-10.0.0.254 any"), *all = reg_of("ip 10.0.0.0/24 any");
	struct region *ends = reg_of("ip 10.0.0.0 wildcard 0.0.0.0 any");
	struct region *top = reg_of("ip 10.0.0.255 any");

	region_add(ends, top);
	region_add(r, ends);
	cr_assert_eq(region_compare(r, all), REL_EQUAL, "1-254 plus .0 and .255 is the /24");
	region_subtract(all, ends);
	cr_assert_eq(region_nboxes(all), 14, "10.0.0.0/24 without .0 and .255: 2 * 7 prefixes");
	region_free(r);
	region_free(all);
	region_free(ends);
	region_free(top);
}

Test(region, any6_is_one_box_and_excludes_ipv4)
{
	struct region *a6 = reg_of("ip any6 any6"), *a = reg_of("ip any any"), *a4 = reg_of("ip any4 any");
	struct region *d = region_copy(a);

	cr_assert_eq(region_nboxes(a6), 1);
	cr_assert_eq(region_compare(a6, a), REL_SUBSET);
	region_subtract(d, a4);
	cr_assert_eq(region_nboxes(d), 1, "any minus any-ipv4 is one box");
	region_free(a4);
	a4 = reg_of("ip any any4");
	region_subtract(d, a4);
	cr_assert_eq(region_compare(d, a6), REL_EQUAL,
		     "any minus IPv4 on either side is any-ipv6 both sides");
	region_free(a6);
	region_free(a);
	region_free(a4);
	region_free(d);
}

Test(region, widest_ipv6_ranges_stay_exact_and_fast, .timeout = 60)
{
	struct region *r = reg_of(
		"ip ::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe ::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
	struct region *all = reg_of("ip any6 any6"), *d = region_copy(all);
	static const char *const ends[] = {
		"ip :: any6",
		"ip ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff any6",
		"ip any6 ::",
		"ip any6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
	};
	char w[256];

	/* the worst case of the cover: 2 * 127 prefixes a side, minus the IPv4 block */
	cr_assert_gt(region_nboxes(r), 250 * 250);
	cr_assert_eq(region_compare(r, all), REL_SUBSET);
	cr_assert_str_eq(region_witness(r, all, w, sizeof(w)),
			 "source ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff destination any-ipv6");
	region_subtract(d, r);
	cr_assert_not(region_is_empty(d));
	for (size_t k = 0; k < ARRAY_SIZE(ends); k++) {
		struct region *e = reg_of(ends[k]);

		region_subtract(d, e);
		region_free(e);
	}
	cr_assert(region_is_empty(d), "what the ranges miss is :: and ffff:...:ffff on either side");
	region_free(r);
	region_free(all);
	region_free(d);
}

/* ---- witness --------------------------------------------------------------------- */

struct witness_case {
	char a[128], b[128];
	char text[160];
};

ParameterizedTestParameters(region, witness)
{
	static struct witness_case cases[] = {
		{"tcp 10.1.1.0/24 10.2.0.0/24 dport 80", "tcp 10.1.1.0/25 10.2.0.0/24 dport 80",
		 "protocol 6 source 10.1.1.128/25 destination 10.2.0.0/24 destination-port 80"},
		/* b \ a when a holds nothing b lacks */
		{"ip 10.1.1.0/25 10.2.0.0/24", "ip 10.1.1.0/24 10.2.0.0/24",
		 "source 10.1.1.128/25 destination 10.2.0.0/24"},
		{"udp any any sport 500", "udp any any sport 500-501", "protocol 17 source-port 501"},
		/* a non-contiguous piece: 10.x.0.y with the top bit of x set */
		{"ip 10.0.0.0 wildcard 0.255.0.255 any", "ip 10.0.0.0/16 any",
		 "source 10.128.0.0 wildcard 0.127.0.255"},
		{"ip any4 any", "ip any any", "source any-ipv6"},
		{"ip 10.0.0.0/8 any", "ip 10.0.0.0/8 any", ""},
		{"ip 10.0.0.0/8 any", "ip none any", "source 10.0.0.0/8"},
		{"tcp any any dport 0-1023", "tcp any any dport 80", "protocol 6 destination-port 0-79"},
		{"ip any any", "tcp any any", "protocol 128-255"},
		/* port ranges that reach 65535 or start at 0 are ranges too */
		{"tcp any any dport 1024-65535", "ip none none", "protocol 6 destination-port 1024-65535"},
		{"udp any any sport 0-1023", "ip none none", "protocol 17 source-port 0-1023"},
	};
	return cr_make_param_array(struct witness_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct witness_case *c, region, witness)
{
	struct region *a = reg_of(c->a), *b = reg_of(c->b);
	char buf[256];

	cr_assert_str_eq(region_witness(a, b, buf, sizeof(buf)), c->text, "'%s' vs '%s'", c->a, c->b);
	region_free(a);
	region_free(b);
}

Test(region, witness_fits_small_buffers)
{
	struct region *a = reg_of("tcp 10.1.1.0/24 10.2.0.0/24 dport 80"), *b = region_new();
	char buf[12];

	region_witness(a, b, buf, sizeof(buf));
	cr_assert_str_eq(buf, "protocol 6 ");
	region_free(a);
	region_free(b);
}

/* ---- ordered lists ---------------------------------------------------------------- */

static struct selector *list_of(const char *const *texts, size_t n)
{
	struct selector *l = calloc(n, sizeof(*l));

	for (size_t i = 0; i < n; i++)
		l[i] = sel_of(texts[i]);
	return l;
}

Test(sel_list, deny_before_permit_removes_traffic)
{
	static const char *const acl[] = {
		"deny ip 10.1.1.0/25 10.2.0.0/24",
		"permit ip 10.1.1.0/24 10.2.0.0/24",
	};
	struct selector *l = list_of(acl, 2);
	struct region *eff = sel_list_effective(l, 2, false), *want = reg_of("ip 10.1.1.128/25 10.2.0.0/24");
	struct region *full = reg_of("ip 10.1.1.0/24 10.2.0.0/24");
	char w[256];

	cr_assert_eq(region_compare(eff, want), REL_EQUAL);
	cr_assert_eq(region_compare(eff, full), REL_SUBSET);
	cr_assert_str_eq(region_witness(eff, full, w, sizeof(w)),
			 "source 10.1.1.0/25 destination 10.2.0.0/24");
	cr_assert_not(sel_list_rule_shadowed(l, 2, 1, NULL, 0, NULL));
	region_free(eff);
	region_free(want);
	region_free(full);
	free(l);
}

/* a deny of one protocol takes that protocol, and only it, from a later permit of all */
Test(sel_list, deny_of_one_protocol_leaves_every_other)
{
	static const char *const acl[] = {
		"deny tcp 10.1.1.0/24 10.2.0.0/24",
		"permit ip 10.1.1.0/24 10.2.0.0/24",
	};
	struct selector *l = list_of(acl, 2);
	struct region *eff = sel_list_effective(l, 2, false);
	static const char *const kept[] = {"udp 10.1.1.0/24 10.2.0.0/24", "1 10.1.1.0/24 10.2.0.0/24",
					   "7 10.1.1.0/24 10.2.0.0/24",	  "255 10.1.1.0/24 10.2.0.0/24",
					   "128 10.1.1.0/24 10.2.0.0/24", "5 10.1.1.0/24 10.2.0.0/24"};

	for (size_t i = 0; i < ARRAY_SIZE(kept); i++) {
		struct region *r = reg_of(kept[i]);

		cr_assert_eq(region_compare(r, eff), REL_SUBSET, "%s is still permitted", kept[i]);
		region_free(r);
	}
	{
		struct region *tcp = reg_of("tcp 10.1.1.0/24 10.2.0.0/24");

		cr_assert_eq(region_compare(tcp, eff), REL_DISJOINT, "tcp is denied");
		region_free(tcp);
	}
	region_free(eff);
	free(l);
}

/*
 * The example a witness gives is the plainest piece of the difference: a
 * narrower source with every port, rather than the same source range with
 * a range of source ports.
 */
Test(sel_list, witness_prefers_fewer_restricted_dimensions)
{
	struct region *part = reg_of("tcp 10.0.0.0/25 10.1.0.0/24 sport 100-200");
	struct region *full = reg_of("tcp 10.0.0.0/24 10.1.0.0/24");
	char w[256];

	cr_assert_str_eq(region_witness(part, full, w, sizeof(w)),
			 "protocol 6 source 10.0.0.128/25 destination 10.1.0.0/24");
	region_free(part);
	region_free(full);
}

/* a rule of one protocol does not hold a rule of another over the same addresses */
Test(sel_list, another_protocol_does_not_shadow)
{
	static const char *const acl[] = {
		"permit udp 10.1.1.0/24 10.2.0.0/24",
		"permit tcp 10.1.1.0/24 10.2.0.0/24",
	};
	struct selector *l = list_of(acl, 2);

	cr_assert_not(sel_list_rule_shadowed(l, 2, 1, NULL, 0, NULL), "tcp is not inside udp");
	free(l);
}

/* two rules of two protocols over the same addresses protect both protocols */
Test(sel_list, two_protocols_over_the_same_addresses_are_both_kept)
{
	static const char *const acl[] = {
		"permit tcp 10.1.1.0/24 10.2.0.0/24",
		"permit udp 10.1.1.0/24 10.2.0.0/24",
	};
	struct selector *l = list_of(acl, 2);
	struct region *eff = sel_list_effective(l, 2, false);
	struct region *tcp = reg_of("tcp 10.1.1.0/24 10.2.0.0/24"),
		      *udp = reg_of("udp 10.1.1.0/24 10.2.0.0/24");

	cr_assert_eq(region_compare(tcp, eff), REL_SUBSET, "tcp is protected");
	cr_assert_eq(region_compare(udp, eff), REL_SUBSET, "udp is protected");
	region_free(eff);
	region_free(tcp);
	region_free(udp);
	free(l);
}

/*
 * A rule whose ports match nothing (AIX "lt 0" reads as the empty range
 * 1-0) takes no traffic: it is not reported as shadowed by a broad rule
 * before it, whichever of its port ranges is empty.
 */
Test(sel_list, an_empty_port_range_is_not_a_shadowed_rule)
{
	static const char *const sports[] = {
		"permit ip 10.1.1.0/24 10.2.0.0/24",
		"permit tcp 10.1.1.0/24 10.2.0.0/24 sport 1-0",
	};
	static const char *const dports[] = {
		"permit ip 10.1.1.0/24 10.2.0.0/24",
		"permit tcp 10.1.1.0/24 10.2.0.0/24 dport 1-0",
	};
	struct selector *l = list_of(sports, 2);

	cr_assert_not(sel_list_rule_shadowed(l, 2, 1, NULL, 0, NULL), "an empty source port range");
	free(l);
	l = list_of(dports, 2);
	cr_assert_not(sel_list_rule_shadowed(l, 2, 1, NULL, 0, NULL), "an empty destination port range");
	free(l);
}

/* IPv6 ranges low in the address space (below the IPv4-mapped block) shadow too */
Test(sel_list, low_ipv6_ranges_shadow)
{
	static const char *const acl[] = {
		"permit ip ::1-::ff ::1-::ff",
		"permit ip ::5-::9 ::5-::9",
	};
	struct selector *l = list_of(acl, 2);

	cr_assert(sel_list_rule_shadowed(l, 2, 1, NULL, 0, NULL), "rule 2 is inside rule 1");
	free(l);
}

/* an aligned range is its prefix, and a wide unaligned one is the few prefixes that cover it */
Test(sel_list, wide_ranges_are_their_prefixes)
{
	struct region *range = reg_of("ip 10.0.0.0-10.0.255.255 10.1.0.0/16");
	struct region *prefix = reg_of("ip 10.0.0.0/16 10.1.0.0/16");
	struct region *odd = reg_of("ip 10.0.0.1-10.3.255.254 10.1.0.0/16");
	struct region *wide = reg_of("ip 10.0.0.0/14 10.1.0.0/16");
	char w[256];

	cr_assert_eq(region_compare(range, prefix), REL_EQUAL);
	cr_assert_eq(region_compare(odd, wide), REL_SUBSET);
	cr_assert_str_eq(region_witness(wide, odd, w, sizeof(w)),
			 "source 10.3.255.255 destination 10.1.0.0/16");
	region_free(range);
	region_free(prefix);
	region_free(odd);
	region_free(wide);
}

/* the whole IPv4 space is named as such in an example of traffic */
Test(sel_list, witness_names_the_whole_ipv4_space)
{
	struct region *none = reg_of("ip any4 10.3.0.0/24");
	struct region *r = reg_of("ip any4 10.2.0.0/24");
	char w[256];

	cr_assert_str_eq(region_witness(none, r, w, sizeof(w)), "source any-ipv4 destination 10.3.0.0/24");
	region_free(none);
	region_free(r);
}

Test(sel_list, deny_after_permit_changes_nothing)
{
	static const char *const acl[] = {
		"permit ip 10.1.1.0/24 10.2.0.0/24",
		"deny ip 10.1.1.0/25 10.2.0.0/24",
	};
	struct selector *l = list_of(acl, 2);
	struct region *eff = sel_list_effective(l, 2, false), *want = reg_of("ip 10.1.1.0/24 10.2.0.0/24");
	size_t cover[4], nc = 9;

	cr_assert_eq(region_compare(eff, want), REL_EQUAL);
	cr_assert(sel_list_rule_shadowed(l, 2, 1, cover, 4, &nc), "the deny can never match");
	cr_assert_eq(nc, 1);
	cr_assert_eq(cover[0], 0);
	region_free(eff);
	region_free(want);
	free(l);
}

/*
 * IPv6 ranges written inside the IPv4-mapped space (::ffff:a.b.c.d) hold
 * those addresses: a later rule inside an earlier one is shadowed by it,
 * as with any other ranges.
 */
Test(sel_list, mapped_ipv6_ranges_shadow_like_any_other)
{
	static const char *const acl[] = {
		"permit ip ::ffff:10.0.0.1-::ffff:10.0.0.9 ::ffff:10.1.0.1-::ffff:10.1.0.9",
		"permit ip ::ffff:10.0.0.2-::ffff:10.0.0.3 ::ffff:10.1.0.2-::ffff:10.1.0.3",
	};
	struct selector *l = list_of(acl, 2);
	size_t cover[4], nc = 9;

	cr_assert(sel_list_rule_shadowed(l, 2, 1, cover, 4, &nc), "rule 2 is inside rule 1");
	cr_assert_eq(nc, 1);
	cr_assert_eq(cover[0], 0);
	free(l);
}

/* a rule covers another only for the directions it applies to (AIX filter rules) */
/* a rule for one place (an AIX filter rule's interface) covers only rules for the same place */
Test(sel_list, scope_covers_by_place)
{
	static const struct {
		const char *cov, *r;
		bool covers;
	} cases[] = {
		{NULL, NULL, true},    {NULL, "en0", true},  {"en0", "en0", true},
		{"en0", "en1", false}, {"en0", NULL, false},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct selector cov = sel_of("ip 10.0.0.0/8 10.9.0.0/16"),
				r = sel_of("ip 10.1.0.0/16 10.9.0.0/16");

		cov.scope = cases[i].cov;
		r.scope = cases[i].r;
		cr_assert_eq(sel_scope_covers(&cov, &r), cases[i].covers, "case %zu: %s over %s", i,
			     cases[i].cov ? cases[i].cov : "everywhere",
			     cases[i].r ? cases[i].r : "everywhere");
	}
}

Test(sel_list, scope_covers_by_direction)
{
	static const struct {
		uint8_t cov, r;
		bool covers;
	} cases[] = {
		{0, 0, true},
		{0, SEL_DIR_IN, true},
		{SEL_DIR_IN, SEL_DIR_IN, true},
		{SEL_DIR_OUT, SEL_DIR_OUT, true},
		{SEL_DIR_IN, SEL_DIR_OUT, false},
		{SEL_DIR_OUT, SEL_DIR_IN, false},
		{SEL_DIR_IN, 0, false},
		{SEL_DIR_IN | SEL_DIR_OUT, 0, true},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct selector cov = sel_of("ip 10.0.0.0/8 10.9.0.0/16"),
				r = sel_of("ip 10.1.0.0/16 10.9.0.0/16");

		cov.dirs = cases[i].cov;
		r.dirs = cases[i].r;
		cr_assert_eq(sel_scope_covers(&cov, &r), cases[i].covers, "case %zu: dirs %u over %u", i,
			     cases[i].cov, cases[i].r);
	}
}

/* a rule index past the list is no rule: not shadowed, whatever lies beyond */
Test(sel_list, index_past_the_list_is_not_a_rule)
{
	static const char *const acl[] = {
		"permit ip 10.0.0.0/8 10.9.0.0/16",
		"permit ip 10.1.0.0/16 10.9.0.0/16",
		"permit ip 10.1.1.0/24 10.9.1.0/24",
	};
	struct selector *l = list_of(acl, 3);
	size_t cover[4], nc = 9;

	cr_assert(sel_list_rule_shadowed(l, 3, 2, cover, 4, &nc), "the control: rule 3 is shadowed");
	cr_assert_not(sel_list_rule_shadowed(l, 2, 2, cover, 4, &nc), "a list of 2 has no rule 2");
	cr_assert_eq(nc, 0);
	free(l);
}

Test(sel_list, shadowed_by_two_rules_together)
{
	static const char *const acl[] = {
		"permit ip 10.0.0.0/25 10.9.0.0/16",
		"permit ip 10.5.0.0/16 10.9.0.0/16",
		"permit ip 10.0.0.128/25 10.9.0.0/16",
		"permit ip 10.0.0.0/24 10.9.1.0/24",
	};
	struct selector *l = list_of(acl, 4);
	size_t cover[4] = {99, 99, 99, 99}, nc = 9;

	cr_assert(sel_list_rule_shadowed(l, 4, 3, cover, 4, &nc));
	cr_assert_eq(nc, 2, "both halves are named, the unrelated rule is not");
	cr_assert_eq(cover[0], 0);
	cr_assert_eq(cover[1], 2);
	cr_assert_not(sel_list_rule_shadowed(l, 3, 2, cover, 4, &nc), "neither half covers the other");
	cr_assert_eq(nc, 0);
	free(l);
}

Test(sel_list, shadowed_by_interleaved_wildcards_and_a_range)
{
	static const char *const acl[] = {
		"permit ip 10.0.0.0 wildcard 0.0.0.254 any",
		"permit ip 10.0.0.1 wildcard 0.0.0.254 any",
		"permit ip 10.0.0.3-10.0.0.200 any",
	};
	struct selector *l = list_of(acl, 3);
	size_t cover[4], nc = 0;

	cr_assert(sel_list_rule_shadowed(l, 3, 2, cover, 4, &nc), "even and odd addresses cover the range");
	cr_assert_eq(nc, 2);
	cr_assert_eq(cover[0], 0);
	cr_assert_eq(cover[1], 1);
	free(l);
}

Test(sel_list, partly_covered_is_not_shadowed)
{
	static const char *const acl[] = {
		"permit ip 10.0.0.0/25 any",
		"permit tcp 10.0.0.0/24 any dport 80",
		"permit tcp 10.0.0.0/24 any dport 0-65535",
		"permit tcp 10.0.0.0/24 any dport 443",
	};
	struct selector *l = list_of(acl, 4);
	size_t cover[4], nc = 7;

	cr_assert_not(sel_list_rule_shadowed(l, 4, 1, cover, 4, &nc));
	cr_assert_eq(nc, 0);
	cr_assert_not(sel_list_rule_shadowed(l, 4, 2, cover, 4, &nc));
	cr_assert(sel_list_rule_shadowed(l, 4, 3, cover, 4, &nc));
	cr_assert_eq(nc, 1, "rule 2 covers it alone and is the one named");
	cr_assert_eq(cover[0], 2);
	cr_assert_not(sel_list_rule_shadowed(l, 4, 0, cover, 4, &nc), "the first rule is never shadowed");
	cr_assert_not(sel_list_rule_shadowed(l, 4, 4, cover, 4, &nc), "out of range");
	free(l);
}

Test(sel_list, one_broad_rule_is_named_alone)
{
	static const char *const acl[] = {
		"permit ip 10.0.0.0/8 any",
		"permit ip 10.1.0.0/16 any",
		"permit ip 10.1.1.0/24 any",
	};
	struct selector *l = list_of(acl, 3);
	size_t cover[4], nc = 0;

	cr_assert(sel_list_rule_shadowed(l, 3, 2, cover, 4, &nc));
	cr_assert_eq(nc, 1);
	cr_assert_eq(cover[0], 0);
	cr_assert(sel_list_rule_shadowed(l, 3, 2, cover, 0, &nc), "max 0 still answers");
	cr_assert_eq(nc, 0);
	cr_assert(sel_list_rule_shadowed(l, 3, 2, NULL, 0, NULL));
	free(l);
}

Test(sel_list, unset_rule_is_not_reported)
{
	static const char *const acl[] = {
		"permit ip any any",
		"permit ip none any",
	};
	struct selector *l = list_of(acl, 2);

	cr_assert_not(sel_list_rule_shadowed(l, 2, 1, NULL, 0, NULL));
	free(l);
}

/* the peer's view of a rule for one direction is a rule for the other direction */
Test(sel_list, mirror_swaps_directions)
{
	static const struct {
		uint8_t dirs, mirrored;
	} cases[] = {
		{0, 0},
		{SEL_DIR_IN, SEL_DIR_OUT},
		{SEL_DIR_OUT, SEL_DIR_IN},
		{SEL_DIR_IN | SEL_DIR_OUT, SEL_DIR_IN | SEL_DIR_OUT},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct selector s = sel_of("tcp 10.1.0.0/16 10.2.0.0/16 sport 1000 dport 22"), m;

		s.dirs = cases[i].dirs;
		m = sel_mirror(&s);
		cr_assert_eq(m.dirs, cases[i].mirrored, "case %zu: directions %u mirror to %u", i,
			     cases[i].dirs, m.dirs);
		cr_assert_eq(m.sport.lo, 22);
		cr_assert_eq(m.dport.lo, 1000);
	}
}

Test(sel_list, mirror_and_empty_lists)
{
	static const char *const acl[] = {
		"permit tcp 10.1.1.0/24 10.2.0.0/24 sport 1024-65535 dport 443",
		"deny ip any any",
		"permit ip any any",
	};
	struct selector *l = list_of(acl, 3);
	struct region *m = sel_list_effective(l, 3, true),
		      *want = reg_of("tcp 10.2.0.0/24 10.1.1.0/24 sport 443 dport 1024-65535");
	struct region *e = sel_list_effective(l, 0, false);

	cr_assert_eq(region_compare(m, want), REL_EQUAL);
	cr_assert(region_is_empty(e));
	region_free(m);
	region_free(want);
	region_free(e);
	free(l);
}

/* ---- property tests ------------------------------------------------------------------ */

#define SEED_DEFAULT 0x1b5ec11e7ULL

static uint64_t test_seed(void)
{
	const char *s = getenv("IPSECLINT_TEST_SEED");

	return s && *s ? strtoull(s, NULL, 0) : SEED_DEFAULT;
}

/* splitmix64: the same stream on every platform */
static uint64_t rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned rnd(uint64_t *s, unsigned n)
{
	return (unsigned)(rng(s) % n);
}

/*
 * The small universe: every set the generator makes is exact on it.
 * Addresses 10.0.0.0/28, plus one representative of "any other IPv4
 * address" and one of "any IPv6 address" (the only sets reaching outside
 * the /28 are any, any-ipv4 and any-ipv6, which treat all such addresses
 * alike); ports 0-7 plus a representative of 8-65535; protocols 6, 17 and
 * one representative of every other protocol.
 */
#define U_NA 18
#define U_NP 9
#define U_NPROTO 3
#define U_NPTS (U_NPROTO * U_NA * U_NA * U_NP * U_NP)
#define U_NW ((U_NPTS + 63) / 64)

struct bits {
	uint64_t w[U_NW];
};

static const int u_proto[U_NPROTO] = {6, 17, 50};

static struct ip128 u_addr(int k, uint8_t *fam)
{
	struct ip128 ip;

	if (k < 17) {
		ip = (struct ip128){0, 0x0000ffff0a000000ULL + (uint64_t)k};
		*fam = 4;
	} else {
		ip = (struct ip128){0x20010db800000000ULL, 1};
		*fam = 6;
	}
	return ip;
}

static void bits_of(const struct selector *s, struct bits *out)
{
	bool P[U_NPROTO], S[U_NA], D[U_NA], SP[U_NP], DP[U_NP];
	size_t idx = 0;

	for (int k = 0; k < U_NPROTO; k++)
		P[k] = s->proto <= 0 || s->proto > 255 || s->proto == u_proto[k];
	for (int k = 0; k < U_NA; k++) {
		uint8_t f;
		struct ip128 ip = u_addr(k, &f);

		S[k] = aspec_contains_ip(&s->src, &ip, f);
		D[k] = aspec_contains_ip(&s->dst, &ip, f);
	}
	for (int k = 0; k < U_NP; k++) {
		SP[k] = s->sport.lo <= k && k <= s->sport.hi;
		DP[k] = s->dport.lo <= k && k <= s->dport.hi;
	}
	memset(out, 0, sizeof(*out));
	for (int p = 0; p < U_NPROTO; p++)
		for (int a = 0; a < U_NA; a++)
			for (int b = 0; b < U_NA; b++)
				for (int sp = 0; sp < U_NP; sp++)
					for (int dp = 0; dp < U_NP; dp++, idx++)
						if (P[p] && S[a] && D[b] && SP[sp] && DP[dp])
							out->w[idx / 64] |= 1ULL << (idx % 64);
}

static bool bits_empty(const struct bits *a)
{
	for (int i = 0; i < U_NW; i++)
		if (a->w[i])
			return false;
	return true;
}

static enum setrel bits_rel(const struct bits *a, const struct bits *b)
{
	bool ea = bits_empty(a), eb = bits_empty(b), meet = false, ab = true, ba = true;

	if (ea || eb)
		return ea && eb ? REL_EQUAL : REL_DISJOINT;
	for (int i = 0; i < U_NW; i++) {
		meet |= (a->w[i] & b->w[i]) != 0;
		ab &= (a->w[i] & ~b->w[i]) == 0;
		ba &= (b->w[i] & ~a->w[i]) == 0;
	}
	if (!meet)
		return REL_DISJOINT;
	return ab && ba ? REL_EQUAL : ab ? REL_SUBSET : ba ? REL_SUPERSET : REL_OVERLAP;
}

/*
 * The mirror of a set of points, computed here and not by sel_mirror() (the
 * function under test): the point (p, a, b, sp, dp) - protocol, source,
 * destination, source port, destination port - goes to (p, b, a, dp, sp).
 */
static void bits_mirror(const struct bits *in, struct bits *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t idx = 0; idx < U_NPTS; idx++) {
		size_t dp = idx % U_NP, sp = idx / U_NP % U_NP;
		size_t b = idx / U_NP / U_NP % U_NA, a = idx / U_NP / U_NP / U_NA % U_NA;
		size_t p = idx / U_NP / U_NP / U_NA / U_NA;
		size_t m = (((p * U_NA + b) * U_NA + a) * U_NP + dp) * U_NP + sp;

		if ((in->w[idx / 64] >> (idx % 64)) & 1)
			out->w[m / 64] |= 1ULL << (m % 64);
	}
}

static void bits_effective(const struct selector *l, size_t n, bool mirror, struct bits *eff)
{
	struct bits claimed, b, m;

	memset(&claimed, 0, sizeof(claimed));
	memset(eff, 0, sizeof(*eff));
	for (size_t i = 0; i < n; i++) {
		bits_of(&l[i], &b);
		if (mirror) {
			bits_mirror(&b, &m);
			b = m;
		}
		for (int k = 0; k < U_NW; k++) {
			if (l[i].action == SEL_PERMIT)
				eff->w[k] |= b.w[k] & ~claimed.w[k];
			claimed.w[k] |= b.w[k];
		}
	}
}

/* The point with index idx as a one-packet selector. */
static struct selector point_sel(size_t idx)
{
	struct selector s;
	int dp = (int)(idx % U_NP), sp = (int)(idx / U_NP % U_NP);
	int b = (int)(idx / U_NP / U_NP % U_NA), a = (int)(idx / U_NP / U_NP / U_NA % U_NA);
	int p = (int)(idx / U_NP / U_NP / U_NA / U_NA);
	uint8_t f;
	struct ip128 ip;

	memset(&s, 0, sizeof(s));
	s.proto = (int16_t)u_proto[p];
	ip = u_addr(a, &f);
	s.src = aspec_host(&ip, f);
	ip = u_addr(b, &f);
	s.dst = aspec_host(&ip, f);
	s.sport = (struct portrange){(uint16_t)sp, (uint16_t)sp};
	s.dport = (struct portrange){(uint16_t)dp, (uint16_t)dp};
	return s;
}

static bool region_has(const struct region *r, size_t idx)
{
	struct selector s = point_sel(idx);
	struct region *p = region_from_selector(&s);
	enum setrel rel = region_compare(p, r);

	region_free(p);
	return rel == REL_EQUAL || rel == REL_SUBSET;
}

static bool bit(const struct bits *b, size_t idx)
{
	return (b->w[idx / 64] >> (idx % 64)) & 1;
}

/* Check membership on random points, half of them drawn from the set itself. */
static void check_points(const struct region *r, const struct bits *want, uint64_t *rs, uint64_t seed, int c,
			 const char *what)
{
	size_t members[64], nm = 0;

	for (int k = 0; k < 2000 && nm < 64; k++) {
		size_t idx = rnd(rs, U_NPTS);

		if (bit(want, idx))
			members[nm++] = idx;
	}
	for (int k = 0; k < 24; k++) {
		size_t idx = (k & 1) && nm ? members[rnd(rs, (unsigned)nm)] : rnd(rs, U_NPTS);

		cr_assert_eq(region_has(r, idx), bit(want, idx),
			     "seed %#llx case %d: %s: point %zu membership", (unsigned long long)seed, c,
			     what, idx);
	}
}

static struct addrspec gen_small_set(uint64_t *s)
{
	unsigned r = rnd(s, 100), lo, hi;
	struct ip128 ip = {0, 0x0000ffff0a000000ULL}, wc = {0, 0};
	uint8_t fam = 4;

	if (r < 2)
		return (struct addrspec){.kind = ASPEC_NONE};
	if (r < 10)
		return aspec_any(0);
	if (r < 16)
		return aspec_any(4);
	if (r < 20)
		return aspec_any(6);
	ip.lo += rnd(s, 16);
	if (r < 35)
		return aspec_host(&ip, fam);
	if (r < 55)
		return aspec_prefix(&ip, fam, 28 + rnd(s, 5));
	if (r < 82) {
		wc.lo = rnd(s, 16);
		if (r < 62) {
			/* IPv6 notation of an IPv4-mapped wildcard: still IPv4 */
			return aspec_wildcard(&ip, 6, &wc);
		}
		return aspec_wildcard(&ip, fam, &wc);
	}
	lo = rnd(s, 16);
	hi = rnd(s, 16);
	return aspec_range(&(struct ip128){0, 0x0000ffff0a000000ULL + lo},
			   &(struct ip128){0, 0x0000ffff0a000000ULL + hi}, fam);
}

static struct portrange gen_small_ports(uint64_t *s)
{
	unsigned a, b;

	if (rnd(s, 100) < 60)
		return port_any();
	a = rnd(s, 8);
	b = rnd(s, 8);
	return (struct portrange){(uint16_t)(a < b ? a : b), (uint16_t)(a < b ? b : a)};
}

static struct selector gen_small_sel(uint64_t *s)
{
	struct selector x;
	unsigned r = rnd(s, 100);

	memset(&x, 0, sizeof(x));
	x.action = rnd(s, 100) < 75 ? SEL_PERMIT : SEL_DENY;
	x.proto = (int16_t)(r < 45 ? -1 : r < 55 ? 0 : r < 80 ? 6 : 17);
	x.src = gen_small_set(s);
	x.dst = gen_small_set(s);
	x.sport = gen_small_ports(s);
	x.dport = gen_small_ports(s);
	return x;
}

static bool sel_same(const struct selector *a, const struct selector *b)
{
	return a->action == b->action && a->proto == b->proto && !memcmp(&a->src, &b->src, sizeof(a->src)) &&
	       !memcmp(&a->dst, &b->dst, sizeof(a->dst)) && a->sport.lo == b->sport.lo &&
	       a->sport.hi == b->sport.hi && a->dport.lo == b->dport.lo && a->dport.hi == b->dport.hi &&
	       a->rule_id == b->rule_id && a->line == b->line && a->text == b->text;
}

/* The same traffic written differently: prefixes as ranges, "any" protocol as 0. */
static struct addrspec rewrite_set(const struct addrspec *a)
{
	int plen = aspec_prefix_len(a);

	if (a->kind == ASPEC_CUBE && plen >= 0 && a->family == 4) {
		struct ip128 hi = a->a;

		hi.lo |= plen >= 32 ? 0 : 0xffffffffu >> plen;
		return aspec_range(&a->a, &hi, 4);
	}
	if (a->kind == ASPEC_ANY && a->family == 4) {
		struct ip128 z = {0, 0};

		return aspec_prefix(&z, 4, 0);
	}
	return *a;
}

static struct selector rewrite_sel(const struct selector *s)
{
	struct selector r = *s;

	r.src = rewrite_set(&s->src);
	r.dst = rewrite_set(&s->dst);
	if (s->proto <= 0)
		r.proto = s->proto == 0 ? -1 : 0;
	return r;
}

Test(algebra_prop, selectors_agree_with_enumeration)
{
	uint64_t seed = test_seed(), rs = seed;
	struct bits ba, bb;
	char x[300], y[300];
	int counts[5] = {0};

	for (int c = 0; c < 3000; c++) {
		struct selector a = gen_small_sel(&rs), b = gen_small_sel(&rs), ma, mb, mm;
		enum setrel r, want;

		if (rnd(&rs, 100) < 10)
			b = rewrite_sel(&a);
		r = sel_compare(&a, &b);

		bits_of(&a, &ba);
		bits_of(&b, &bb);
		want = bits_rel(&ba, &bb);
		cr_assert_eq(r, want, "seed %#llx case %d: '%s' vs '%s': %s, enumeration says %s",
			     (unsigned long long)seed, c, sel_text(&a, x, sizeof(x)),
			     sel_text(&b, y, sizeof(y)), setrel_name(r), setrel_name(want));
		counts[r]++;
		cr_assert_eq(sel_compare(&b, &a), setrel_flip(r),
			     "seed %#llx case %d: compare is not symmetric", (unsigned long long)seed, c);
		ma = sel_mirror(&a);
		mb = sel_mirror(&b);
		mm = sel_mirror(&ma);
		cr_assert(sel_same(&mm, &a), "seed %#llx case %d: mirror(mirror(s)) != s",
			  (unsigned long long)seed, c);
		cr_assert_eq(sel_compare(&ma, &mb), r,
			     "seed %#llx case %d: mirroring both changes the relation",
			     (unsigned long long)seed, c);
	}
	for (int k = 0; k < 5; k++)
		cr_assert_gt(counts[k], 20, "seed %#llx: relation %s seen %d times only",
			     (unsigned long long)seed, setrel_name((enum setrel)k), counts[k]);
}

static void gen_list(uint64_t *s, struct selector *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		l[i] = gen_small_sel(s);
}

/*
 * Like gen_list, but often plants a rule that two earlier rules cover
 * together and neither alone: halves of a prefix (or of a port range), or
 * the even and odd addresses of a wildcard, then the whole.
 */
static void gen_shadow_list(uint64_t *s, struct selector *l, size_t n)
{
	struct selector whole, h1, h2;
	size_t a, b, c;
	struct ip128 ip = {0, 0x0000ffff0a000000ULL}, wc = {0, 0};
	unsigned len;

	gen_list(s, l, n);
	if (n < 3 || rnd(s, 100) < 40)
		return;
	whole = gen_small_sel(s);
	whole.action = SEL_PERMIT;
	h1 = h2 = whole;
	switch (rnd(s, 3)) {
	case 0: /* prefix halves */
		len = 28 + rnd(s, 4);
		ip.lo += rnd(s, 16);
		whole.src = aspec_prefix(&ip, 4, len);
		h1.src = aspec_prefix(&ip, 4, len + 1);
		ip.lo ^= 1u << (31 - len);
		h2.src = aspec_prefix(&ip, 4, len + 1);
		break;
	case 1: /* even and odd addresses cover a range */
		wc.lo = 14;
		h1.dst = aspec_wildcard(&ip, 4, &wc);
		ip.lo += 1;
		h2.dst = aspec_wildcard(&ip, 4, &wc);
		whole.dst = aspec_range(&(struct ip128){0, 0x0000ffff0a000000ULL + rnd(s, 8)},
					&(struct ip128){0, 0x0000ffff0a000008ULL + rnd(s, 8)}, 4);
		break;
	default: /* port halves */
		whole.dport = (struct portrange){0, 7};
		h1.dport = (struct portrange){0, 3};
		h2.dport = (struct portrange){4, 7};
		break;
	}
	a = rnd(s, (unsigned)n - 2);
	b = a + 1 + rnd(s, (unsigned)(n - a - 2));
	c = b + 1 + rnd(s, (unsigned)(n - b - 1));
	if (rnd(s, 2)) {
		l[a] = h1;
		l[b] = h2;
	} else {
		l[a] = h2;
		l[b] = h1;
	}
	l[c] = whole;
}

static void track(size_t *worst, const struct region *r)
{
	if (region_nboxes(r) > *worst)
		*worst = region_nboxes(r);
}

Test(algebra_prop, lists_and_region_operations_agree_with_enumeration)
{
	uint64_t seed = test_seed(), rs = seed ^ 0x5a5a;
	struct selector l1[6], l2[6];
	struct bits e1, e2, want;
	size_t worst = 0;

	for (int c = 0; c < 1200; c++) {
		size_t n1 = 1 + rnd(&rs, 6), n2 = 1 + rnd(&rs, 6);
		bool mirror = rnd(&rs, 2);
		struct region *r1, *r2, *d, *in, *u;
		enum setrel rel;
		char w[256];

		gen_list(&rs, l1, n1);
		gen_list(&rs, l2, n2);
		r1 = sel_list_effective(l1, n1, false);
		r2 = sel_list_effective(l2, n2, mirror);
		bits_effective(l1, n1, false, &e1);
		bits_effective(l2, n2, mirror, &e2);
		rel = region_compare(r1, r2);
		cr_assert_eq(rel, bits_rel(&e1, &e2),
			     "seed %#llx case %d: effective lists: %s, enumeration says %s",
			     (unsigned long long)seed, c, setrel_name(rel), setrel_name(bits_rel(&e1, &e2)));
		check_points(r1, &e1, &rs, seed, c, "effective");
		region_witness(r1, r2, w, sizeof(w));
		cr_assert_eq(rel == REL_EQUAL, w[0] == '\0', "seed %#llx case %d: witness '%s' for %s",
			     (unsigned long long)seed, c, w, setrel_name(rel));

		d = region_copy(r1);
		region_subtract(d, r2);
		in = region_copy(r1);
		region_intersect(in, r2);
		u = region_copy(r1);
		region_add(u, r2);
		track(&worst, r1);
		track(&worst, r2);
		track(&worst, d);
		track(&worst, in);
		track(&worst, u);

		for (int k = 0; k < U_NW; k++)
			want.w[k] = e1.w[k] & ~e2.w[k];
		cr_assert_eq(region_is_empty(d), bits_empty(&want),
			     "seed %#llx case %d: difference emptiness", (unsigned long long)seed, c);
		cr_assert_eq(region_compare(d, r1), bits_rel(&want, &e1),
			     "seed %#llx case %d: difference vs r1", (unsigned long long)seed, c);
		cr_assert_eq(region_compare(d, r2), bits_rel(&want, &e2),
			     "seed %#llx case %d: difference vs r2", (unsigned long long)seed, c);
		check_points(d, &want, &rs, seed, c, "difference");

		for (int k = 0; k < U_NW; k++)
			want.w[k] = e1.w[k] & e2.w[k];
		cr_assert_eq(region_compare(in, r1), bits_rel(&want, &e1),
			     "seed %#llx case %d: intersection vs r1", (unsigned long long)seed, c);
		check_points(in, &want, &rs, seed, c, "intersection");

		for (int k = 0; k < U_NW; k++)
			want.w[k] = e1.w[k] | e2.w[k];
		cr_assert_eq(region_compare(u, r2), bits_rel(&want, &e2), "seed %#llx case %d: union vs r2",
			     (unsigned long long)seed, c);
		check_points(u, &want, &rs, seed, c, "union");

		region_free(r1);
		region_free(r2);
		region_free(d);
		region_free(in);
		region_free(u);
	}
	cr_log_info("lists: seed %#llx, largest region %zu boxes", (unsigned long long)seed, worst);
}

Test(algebra_prop, removing_shadowed_rules_changes_nothing)
{
	uint64_t seed = test_seed(), rs = seed ^ 0xa5a5;
	struct selector l[8], kept[8];
	int nshadowed = 0, nmulti = 0;

	for (int c = 0; c < 1500; c++) {
		size_t n = 2 + rnd(&rs, 7), nk = 0;
		struct bits before, bi, bj, cov, e0, e1;
		struct region *r0, *r1;

		gen_shadow_list(&rs, l, n);
		memset(&before, 0, sizeof(before));
		for (size_t i = 0; i < n; i++) {
			size_t cover[8], nc = 99;
			bool sh = sel_list_rule_shadowed(l, n, i, cover, 8, &nc), want;

			bits_of(&l[i], &bi);
			want = !bits_empty(&bi);
			for (int k = 0; k < U_NW; k++)
				want = want && (bi.w[k] & ~before.w[k]) == 0;
			cr_assert_eq(sh, want,
				     "seed %#llx case %d: rule %zu shadowed %d, enumeration says %d",
				     (unsigned long long)seed, c, i, sh, want);
			if (sh) {
				nshadowed++;
				nmulti += nc > 1;
				memset(&cov, 0, sizeof(cov));
				for (size_t k = 0; k < nc; k++) {
					cr_assert_lt(cover[k], i, "seed %#llx case %d",
						     (unsigned long long)seed, c);
					cr_assert(k == 0 || cover[k] > cover[k - 1]);
					bits_of(&l[cover[k]], &bj);
					cr_assert_neq(bits_rel(&bi, &bj), REL_DISJOINT,
						      "seed %#llx case %d: rule %zu named but disjoint",
						      (unsigned long long)seed, c, cover[k]);
					for (int w = 0; w < U_NW; w++)
						cov.w[w] |= bj.w[w];
				}
				for (int w = 0; w < U_NW; w++)
					cr_assert_eq(
						bi.w[w] & ~cov.w[w], 0,
						"seed %#llx case %d: the named rules do not cover rule %zu",
						(unsigned long long)seed, c, i);
			} else {
				cr_assert_eq(nc, 0);
				kept[nk++] = l[i];
			}
			for (int k = 0; k < U_NW; k++)
				before.w[k] |= bi.w[k];
		}
		r0 = sel_list_effective(l, n, false);
		r1 = sel_list_effective(kept, nk, false);
		cr_assert_eq(region_compare(r0, r1), REL_EQUAL,
			     "seed %#llx case %d: removing shadowed rules changed the effective region",
			     (unsigned long long)seed, c);
		bits_effective(l, n, false, &e0);
		bits_effective(kept, nk, false, &e1);
		cr_assert_eq(bits_rel(&e0, &e1), REL_EQUAL);
		for (size_t i = 0; i < nk; i++)
			cr_assert_not(sel_list_rule_shadowed(kept, nk, i, NULL, 0, NULL),
				      "seed %#llx case %d: rule %zu still shadowed after the clean-up",
				      (unsigned long long)seed, c, i);
		region_free(r0);
		region_free(r1);
	}
	cr_log_info("shadowing: seed %#llx, %d shadowed rules, %d covered by several",
		    (unsigned long long)seed, nshadowed, nmulti);
	cr_assert_gt(nshadowed, 200, "seed %#llx: only %d shadowed rules generated", (unsigned long long)seed,
		     nshadowed);
	cr_assert_gt(nmulti, 20, "seed %#llx: only %d rules covered by several", (unsigned long long)seed,
		     nmulti);
}

/* ---- the whole address space: mixed families, IPv4 block boundaries ---------------- */

static u128 u128_of(const struct ip128 *x)
{
	return ((u128)x->hi << 64) | x->lo;
}

static struct ip128 ip_from(u128 x)
{
	return (struct ip128){(uint64_t)(x >> 64), (uint64_t)x};
}

static u128 rnd128(uint64_t *s)
{
	return ((u128)rng(s) << 64) | rng(s);
}

#define V4B ((u128)0xffff << 32)

/* addresses near the places where the algebra could go wrong */
static u128 gen_wide_addr(uint64_t *s)
{
	static const u128 pool[] = {
		0,
		1,
		V4B - 1,
		V4B,
		V4B | 0x0a000000,
		V4B | 0x0a0000ff,
		V4B | 0xffffffff,
		(V4B | 0xffffffff) + 1,
		(u128)1 << 48,
		(u128)0x20010db8 << 96,
		((u128)0x20010db8 << 96) | 0xffff,
		~(u128)0,
	};
	u128 x = pool[rnd(s, ARRAY_SIZE(pool))];

	switch (rnd(s, 4)) {
	case 0:
		return x;
	case 1:
		return x + rnd(s, 300);
	case 2:
		return x - rnd(s, 300);
	default:
		return x ^ (rnd128(s) >> rnd(s, 128));
	}
}

static struct addrspec gen_wide_set(uint64_t *s)
{
	unsigned r = rnd(s, 100);
	u128 a = gen_wide_addr(s), b;
	struct ip128 x, y;
	uint8_t fam = (a >> 32) == 0xffff ? (rnd(s, 3) ? 4 : 6) : 6;

	if (r < 3)
		return (struct addrspec){.kind = ASPEC_NONE};
	if (r < 10)
		return aspec_any((uint8_t)(rnd(s, 3) == 0 ? 0 : rnd(s, 2) ? 4 : 6));
	x = ip_from(a);
	if (r < 20)
		return aspec_host(&x, fam);
	if (r < 45)
		return aspec_prefix(&x, fam, fam == 4 ? rnd(s, 33) : rnd(s, 129));
	if (r < 70) {
		u128 w = rnd128(s) & rnd128(s) & rnd128(s);

		if (rnd(s, 2))
			w &= (u128)0xffffffff;
		y = ip_from(w);
		return aspec_wildcard(&x, fam, &y);
	}
	b = rnd(s, 3) ? gen_wide_addr(s) : a + rnd(s, 70000);
	if (fam == 4 && (b >> 32) != 0xffff)
		fam = 6;
	y = ip_from(b);
	return aspec_range(&x, &y, fam);
}

static struct portrange gen_wide_ports(uint64_t *s)
{
	static const uint16_t pool[] = {0, 1, 22, 80, 443, 500, 1023, 1024, 4500, 65534, 65535};
	uint16_t a, b;

	if (rnd(s, 2))
		return port_any();
	a = pool[rnd(s, ARRAY_SIZE(pool))];
	b = rnd(s, 2) ? pool[rnd(s, ARRAY_SIZE(pool))] : a;
	return (struct portrange){a < b ? a : b, a < b ? b : a};
}

static struct selector gen_wide_sel(uint64_t *s)
{
	struct selector x;

	memset(&x, 0, sizeof(x));
	x.proto = (int16_t)(rnd(s, 2) ? -1 : (int)rnd(s, 4) * 5 + 1);
	x.src = gen_wide_set(s);
	x.dst = gen_wide_set(s);
	/* two wide ranges make 254 x 254 boxes: kept for a few cases only */
	while (x.src.kind == ASPEC_RANGE && x.dst.kind == ASPEC_RANGE && rnd(s, 100) < 95)
		x.dst = gen_wide_set(s);
	x.sport = gen_wide_ports(s);
	x.dport = gen_wide_ports(s);
	return x;
}

/* one member of the set (or any address when it has none to offer) */
static u128 gen_member(uint64_t *s, const struct addrspec *a)
{
	u128 lo = u128_of(&a->a), hi = u128_of(&a->b);

	if (a->kind == ASPEC_CUBE)
		return lo | (rnd128(s) & ~hi);
	if (a->kind == ASPEC_RANGE) {
		switch (rnd(s, 4)) {
		case 0:
			return lo;
		case 1:
			return hi;
		default:
			return hi - lo == ~(u128)0 ? rnd128(s) : lo + rnd128(s) % (hi - lo + 1);
		}
	}
	return gen_wide_addr(s);
}

static bool in_region_1d(const struct region *r, u128 p)
{
	struct ip128 ip = ip_from(p);
	struct selector s;
	struct region *pr;
	enum setrel rel;

	memset(&s, 0, sizeof(s));
	s.proto = -1;
	s.src = aspec_host(&ip, (p >> 32) == 0xffff ? 4 : 6);
	s.dst = aspec_any(0);
	s.sport = s.dport = port_any();
	pr = region_from_selector(&s);
	rel = region_compare(pr, r);
	region_free(pr);
	return rel == REL_EQUAL || rel == REL_SUBSET;
}

Test(algebra_prop, address_sets_agree_with_membership)
{
	uint64_t seed = test_seed(), rs = seed ^ 0x77;
	char x[128], y[128];

	for (int c = 0; c < 3000; c++) {
		struct addrspec a = gen_wide_set(&rs), b = gen_wide_set(&rs);
		enum setrel r = aspec_compare(&a, &b);
		struct selector sa, sb;
		struct region *ra;

		aspec_str(&a, x, sizeof(x));
		aspec_str(&b, y, sizeof(y));
		cr_assert_eq(aspec_compare(&b, &a), setrel_flip(r),
			     "seed %#llx case %d: %s vs %s not symmetric", (unsigned long long)seed, c, x, y);
		memset(&sa, 0, sizeof(sa));
		sa.proto = -1;
		sa.src = a;
		sa.dst = aspec_any(0);
		sa.sport = sa.dport = port_any();
		sb = sa;
		sb.src = b;
		cr_assert_eq(sel_compare(&sa, &sb), r, "seed %#llx case %d", (unsigned long long)seed, c);
		ra = region_from_selector(&sa);
		for (int k = 0; k < 12; k++) {
			u128 p = gen_member(&rs, k & 1 ? &b : &a);
			struct ip128 ip = ip_from(p);
			uint8_t f = (p >> 32) == 0xffff ? 4 : 6;
			bool ia = aspec_contains_ip(&a, &ip, f), ib = aspec_contains_ip(&b, &ip, f);
			char ps[64];

			addr_ip_str(&ip, f, ps, sizeof(ps));
			cr_assert_eq(in_region_1d(ra, p), ia,
				     "seed %#llx case %d: %s in %s: region and aspec_contains_ip differ",
				     (unsigned long long)seed, c, ps, x);
			if (r == REL_EQUAL || r == REL_SUBSET)
				cr_assert(!ia || ib, "seed %#llx case %d: %s %s %s but %s is in one only",
					  (unsigned long long)seed, c, x, setrel_name(r), y, ps);
			if (r == REL_EQUAL || r == REL_SUPERSET)
				cr_assert(!ib || ia, "seed %#llx case %d: %s %s %s but %s is in one only",
					  (unsigned long long)seed, c, x, setrel_name(r), y, ps);
			if (r == REL_DISJOINT)
				cr_assert(!(ia && ib),
					  "seed %#llx case %d: %s disjoint from %s but both hold %s",
					  (unsigned long long)seed, c, x, y, ps);
		}
		region_free(ra);
	}
}

/* the intervals the O(1) comparison and the AIX key index rely on */
Test(addrset, interval_shapes)
{
	static const struct {
		const char *set, *lo, *hi; /* lo NULL: not one interval */
	} cases[] = {
		{"10.1.2.3", "10.1.2.3", "10.1.2.3"},
		{"10.1.2.0/24", "10.1.2.0", "10.1.2.255"},
		{"10.1.2.9/24", "10.1.2.0", "10.1.2.255"},
		{"10.0.0.9-10.0.0.1", "10.0.0.1", "10.0.0.9"},
		{"any4", "0.0.0.0", "255.255.255.255"},
		{"0.0.0.0/0", "0.0.0.0", "255.255.255.255"},
		{"10.0.0.0 wildcard 0.0.0.255", "10.0.0.0", "10.0.0.255"},
		{"2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"},
		{"10.0.0.0 wildcard 0.255.0.255", NULL, NULL},
		{"any6", NULL, NULL},
		{"any", NULL, NULL},
		{"::/0", NULL, NULL},
		{"::1-::ffff:1.2.3.4", NULL, NULL},
		{"::1-::ffff:0.0.0.0", NULL, NULL}, /* ends on the first address of ::ffff:0:0/96 */
		{"::ffff:255.255.255.255-::1:0:0:0", NULL, NULL},    /* starts on its last */
		{"::1-::fffe:ffff:ffff", "::1", "::fffe:ffff:ffff"}, /* just below it */
		{"::1:0:0:0-::1:0:0:9", "::1:0:0:0", "::1:0:0:9"},   /* just above it */
		{"none", NULL, NULL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct addrspec a = set_of(cases[i].set);
		struct ip128 lo, hi, el, eh;
		uint8_t f;
		bool got = aspec_interval(&a, &lo, &hi);

		cr_assert_eq(got, cases[i].lo != NULL, "%s: interval %d", cases[i].set, got);
		if (!got)
			continue;
		el = ip_of(cases[i].lo, &f);
		eh = ip_of(cases[i].hi, &f);
		if (f == 4) { /* held mapped */
			el.hi = eh.hi = 0;
			el.lo = 0xffff00000000ULL | (el.lo & 0xffffffffu);
			eh.lo = 0xffff00000000ULL | (eh.lo & 0xffffffffu);
		}
		cr_assert(lo.hi == el.hi && lo.lo == el.lo && hi.hi == eh.hi && hi.lo == eh.lo,
			  "%s: wrong bounds", cases[i].set);
	}
	/* the same set written as a prefix and as a range compares equal without the algebra */
	{
		struct addrspec p = set_of("192.0.2.0/25"), r = set_of("192.0.2.0-192.0.2.127");

		cr_assert_eq(aspec_compare(&p, &r), REL_EQUAL);
		r = set_of("192.0.2.0-192.0.2.128");
		cr_assert_eq(aspec_compare(&p, &r), REL_SUBSET);
		r = set_of("192.0.2.128-192.0.2.200");
		cr_assert_eq(aspec_compare(&p, &r), REL_DISJOINT);
		r = set_of("192.0.2.100-192.0.2.200");
		cr_assert_eq(aspec_compare(&p, &r), REL_OVERLAP);
	}
}

Test(algebra_prop, region_identities_on_wide_selectors)
{
	uint64_t seed = test_seed(), rs = seed ^ 0x99;
	size_t worst = 0;
	char x[300], y[300];

	for (int c = 0; c < 1000; c++) {
		struct selector a = gen_wide_sel(&rs), b = gen_wide_sel(&rs);
		struct region *ra = region_from_selector(&a), *rb = region_from_selector(&b);
		struct region *d = region_copy(ra), *in = region_copy(ra), *back, *z;
		enum setrel r = region_compare(ra, rb);

		sel_text(&a, x, sizeof(x));
		sel_text(&b, y, sizeof(y));
		region_subtract(d, rb);
		region_intersect(in, rb);
		track(&worst, ra);
		track(&worst, d);
		back = region_copy(d);
		region_add(back, in);
		cr_assert_eq(region_compare(back, ra), REL_EQUAL,
			     "seed %#llx case %d: (a\\b) u (a n b) != a: '%s' '%s'", (unsigned long long)seed,
			     c, x, y);
		z = region_copy(d);
		region_intersect(z, rb);
		cr_assert(region_is_empty(z), "seed %#llx case %d: (a\\b) meets b", (unsigned long long)seed,
			  c);
		cr_assert_eq(region_is_empty(d), r == REL_EQUAL || r == REL_SUBSET || region_is_empty(ra),
			     "seed %#llx case %d: a\\b empty vs %s: '%s' '%s'", (unsigned long long)seed, c,
			     setrel_name(r), x, y);
		cr_assert_eq(
			region_is_empty(in), r == REL_DISJOINT || (r == REL_EQUAL && region_is_empty(ra)),
			"seed %#llx case %d: a n b empty vs %s", (unsigned long long)seed, c, setrel_name(r));
		cr_assert_eq(region_compare(rb, ra), setrel_flip(r), "seed %#llx case %d",
			     (unsigned long long)seed, c);
		region_free(ra);
		region_free(rb);
		region_free(d);
		region_free(in);
		region_free(back);
		region_free(z);
	}
	cr_log_info("wide selectors: seed %#llx, largest region %zu boxes", (unsigned long long)seed, worst);
}

/* The witness of everything against everything but cut0 and cut1 is want. */
static void assert_witness_of_cuts(const char *cut0, const char *cut1, const char *want)
{
	struct region *a = reg_of("ip any any"), *b = reg_of("ip any any");
	struct region *c0 = reg_of(cut0), *c1 = reg_of(cut1);
	char buf[128];

	region_subtract(b, c0);
	region_subtract(b, c1);
	cr_assert_str_eq(region_witness(a, b, buf, sizeof(buf)), want, "everything but %s and %s: %s", cut0,
			 cut1, buf);
	region_free(a);
	region_free(b);
	region_free(c0);
	region_free(c1);
}

/* A well-known protocol is as plain as one address prefix, not plainer: of two
 * uncovered pieces of equal weight (UDP from 10/8 against 11/8 to 20/8), the
 * first found is described. */
Test(region, witness_weighs_a_well_known_protocol_like_one_prefix)
{
	static const char *const cut[][2] = {
		{"udp any any", "ip 10.0.0.0/8 any"},
		{"ip any 10.0.0.0/8", "udp any any"},
		{"udp 10.0.0.0/8 any", "ip 11.0.0.0/8 20.0.0.0/8"},
		{"ip 11.0.0.0/8 20.0.0.0/8", "udp 10.0.0.0/8 any"},
	};
	static const char *const want[] = {"source 10.0.0.0/8", "destination 10.0.0.0/8",
					   "source 11.0.0.0/8 destination 20.0.0.0/8",
					   "source 11.0.0.0/8 destination 20.0.0.0/8"};

	for (size_t i = 0; i < ARRAY_SIZE(cut); i++)
		assert_witness_of_cuts(cut[i][0], cut[i][1], want[i]);
}

/* The witness describes the plainest uncovered piece: a well-known protocol
 * alone (UDP here) before a TCP port, before a protocol range. */
Test(region, witness_prefers_a_well_known_protocol)
{
	static const char *const cut[][2] = {
		{"tcp any any dport 80", "udp any any"}, {"tcp any any dport 80", "47 any any"},
		{"tcp any any dport 80", "50 any any"},	 {"tcp any any dport 80", "58 any any"},
		{"tcp any any dport 80", "1 any any"},
	};
	static const char *const want[] = {"protocol 17", "protocol 47", "protocol 50", "protocol 58",
					   "protocol 1"};

	for (size_t i = 0; i < ARRAY_SIZE(cut); i++)
		assert_witness_of_cuts(cut[i][0], cut[i][1], want[i]);
}
