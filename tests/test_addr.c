/* SPDX-License-Identifier: MIT */
/*
 * tests/test_addr.c - parsing and printing addresses, the address-set
 * builders (netmask, wildcard, prefix, range), membership and port helpers.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "model/addr.h"
#include "tests/addr_text.h"

/* ---- parsing ---------------------------------------------------------------- */

/*
 * Parameters are copied into the test processes: strings are held in arrays,
 * never as pointers (Criterion runs each case in a fresh process image).
 */
struct parse_case {
	char text[48];
	bool ok;
	uint8_t family;
	char canon[48]; /* addr_ip_str of the result */
};

ParameterizedTestParameters(addr, parse)
{
	static struct parse_case cases[] = {
		{"10.1.2.3", true, 4, "10.1.2.3"},
		{"0.0.0.0", true, 4, "0.0.0.0"},
		{"255.255.255.255", true, 4, "255.255.255.255"},
		/* leading zeros are decimal, never octal */
		{"01.2.3.4", true, 4, "1.2.3.4"},
		{"010.001.000.009", true, 4, "10.1.0.9"},
		{"2001:db8::1", true, 6, "2001:db8::1"},
		{"2001:DB8:0:0:0:0:0:1", true, 6, "2001:db8::1"},
		{"::", true, 6, "::"},
		{"::ffff:10.0.0.1", true, 6, "::ffff:10.0.0.1"},
		{"1.2.3", false, 0, ""},
		{"1.2.3.4.5", false, 0, ""},
		{"10.1", false, 0, ""},
		{"256.1.1.1", false, 0, ""},
		{"1.2.3.256", false, 0, ""},
		{"+1.2.3.4", false, 0, ""},
		{"1.+2.3.4", false, 0, ""},
		{"1.2.3.-4", false, 0, ""},
		{" 1.2.3.4", false, 0, ""},
		{"1.2.3.4 ", false, 0, ""},
		{"1..2.3", false, 0, ""},
		{"1.2.3.", false, 0, ""},
		{".1.2.3", false, 0, ""},
		{"0001.2.3.4", false, 0, ""},
		{"0x1.2.3.4", false, 0, ""},
		{"1.2.3.4/24", false, 0, ""},
		{"", false, 0, ""},
		{"any", false, 0, ""},
		{"2001:db8::1::2", false, 0, ""},
		{"2001:db8::g", false, 0, ""},
		{"fe80::1%eth0", false, 0, ""},
		{"2001:db8::/32", false, 0, ""},
	};
	return cr_make_param_array(struct parse_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct parse_case *c, addr, parse)
{
	struct ip128 ip = {0x1234, 0x5678};
	uint8_t fam = 99;
	char buf[64];
	bool ok = addr_parse_ip(c->text, &ip, &fam);

	cr_assert_eq(ok, c->ok, "addr_parse_ip(\"%s\") returned %d", c->text, ok);
	if (!ok)
		return;
	cr_assert_eq(fam, c->family, "\"%s\": family %u", c->text, fam);
	cr_assert_str_eq(addr_ip_str(&ip, fam, buf, sizeof(buf)), c->canon, "\"%s\"", c->text);
}

Test(addr, ipv4_is_held_mapped)
{
	struct ip128 ip;
	uint8_t fam;

	cr_assert(addr_parse_ip("192.0.2.1", &ip, &fam));
	cr_assert_eq(ip.hi, 0);
	cr_assert_eq(ip.lo, 0x0000ffffc0000201ULL);
	cr_assert(addr_parse_ip("::ffff:192.0.2.1", &ip, &fam));
	cr_assert_eq(fam, 6);
	cr_assert_eq(ip.lo, 0x0000ffffc0000201ULL, "the same bits whichever notation");
}

Test(addr, null_outputs_and_short_buffers)
{
	struct ip128 ip;
	uint8_t fam;
	char buf[8];

	cr_assert(addr_parse_ip("10.0.0.1", NULL, NULL));
	cr_assert_not(addr_parse_ip(NULL, &ip, &fam));
	cr_assert(addr_parse_ip("192.168.100.200", &ip, &fam));
	addr_ip_str(&ip, fam, buf, sizeof(buf));
	cr_assert_str_eq(buf, "192.168", "truncated, still terminated");
}

Test(addr, bounded_text_needs_no_terminator)
{
	struct ip128 ip;
	uint8_t fam;
	const char two[] = "10.1.2.3 10.9.9.9";

	cr_assert(addr_parse_ipn(two, 8, &ip, &fam), "the first word of the line");
	cr_assert_eq(fam, 4);
	cr_assert_eq(ip.lo, 0x0000ffff0a010203ULL);
	cr_assert_not(addr_parse_ipn(two, 9, &ip, &fam), "a blank is not part of an address");
	cr_assert_not(addr_parse_ipn(two, 6, &ip, &fam), "10.1.2 is three parts");
	cr_assert_not(addr_parse_ipn("10.1.2.3\0junk", 13, &ip, &fam), "a NUL inside is no address");
	cr_assert_not(addr_parse_ipn("10.1.2.3", 0, &ip, &fam));
	cr_assert(addr_parse_ipn("2001:db8::1/64", 11, &ip, &fam), "IPv6, cut before the prefix");
	cr_assert_eq(fam, 6);
	cr_assert_eq(ip.lo, 1);
	cr_assert_not(addr_parse_ipn("2001:db8::1\0:", 13, &ip, &fam));
	cr_assert_not(addr_parse_ipn("1:2:3:4:5:6:7:8:1:2:3:4:5:6:7:8:1:2:3:4:5:6:7:8", 47, &ip, &fam),
		      "longer than any IPv6 text");
}

/* ---- builders and canonical text ---------------------------------------------- */

struct mask_case {
	char ip[48], mask[48];
	bool ok; /* contiguous netmask */
	char canon[48];
	int plen;
};

ParameterizedTestParameters(aspec, netmask)
{
	static struct mask_case cases[] = {
		{"10.1.1.0", "255.255.255.0", true, "10.1.1.0/24", 24},
		{"10.1.1.77", "255.255.255.0", true, "10.1.1.0/24", 24},
		{"10.1.1.1", "255.255.255.255", true, "10.1.1.1", 32},
		{"10.1.1.0", "255.255.255.254", true, "10.1.1.0/31", 31},
		{"172.16.0.0", "255.240.0.0", true, "172.16.0.0/12", 12},
		{"0.0.0.0", "0.0.0.0", true, "0.0.0.0/0", 0},
		{"10.0.0.0", "255.0.255.0", false, "", 0},
		{"10.0.0.0", "255.255.0.255", false, "", 0},
		{"10.0.0.0", "0.255.255.255", false, "", 0},
		{"2001:db8::", "ffff:ffff::", true, "2001:db8::/32", 32},
		{"2001:db8:1:2::7", "ffff:ffff:ffff:ffff::", true, "2001:db8:1:2::/64", 64},
		{"2001:db8::", "ffff:0:ffff::", false, "", 0},
	};
	return cr_make_param_array(struct mask_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct mask_case *c, aspec, netmask)
{
	uint8_t fam, mfam;
	struct ip128 ip = ip_of(c->ip, &fam), m = ip_of(c->mask, &mfam);
	struct addrspec a = aspec_any(0);
	char buf[128];
	bool ok = aspec_netmask(&ip, fam, &m, &a);

	cr_assert_eq(ok, c->ok, "%s mask %s", c->ip, c->mask);
	if (!ok) {
		cr_assert_eq(a.kind, ASPEC_ANY, "a rejected mask leaves the output alone");
		return;
	}
	cr_assert_str_eq(aspec_str(&a, buf, sizeof(buf)), c->canon);
	cr_assert_eq(aspec_prefix_len(&a), c->plen, "%s: prefix length %d", c->canon, aspec_prefix_len(&a));
	cr_assert_null(a.text);
}

struct wc_case {
	char ip[48], wc[48];
	char canon[64];
	int plen;
	bool host;
};

ParameterizedTestParameters(aspec, wildcard)
{
	static struct wc_case cases[] = {
		{"10.1.1.0", "0.0.0.255", "10.1.1.0/24", 24, false},
		{"10.1.1.9", "0.0.0.255", "10.1.1.0/24", 24, false},
		{"10.1.1.1", "0.0.0.0", "10.1.1.1", 32, true},
		{"10.1.1.0", "0.0.0.1", "10.1.1.0/31", 31, false},
		{"0.0.0.0", "255.255.255.255", "0.0.0.0/0", 0, false},
		/* don't-care bits of the value are cleared: .1 is under the wildcard */
		{"10.0.0.1", "0.255.0.255", "10.0.0.0 wildcard 0.255.0.255", -1, false},
		{"10.3.1.4", "0.255.0.255", "10.0.1.0 wildcard 0.255.0.255", -1, false},
		/* the value is masked by the care bits */
		{"10.1.2.3", "0.255.0.255", "10.0.2.0 wildcard 0.255.0.255", -1, false},
		{"10.0.0.0", "0.0.0.254", "10.0.0.0 wildcard 0.0.0.254", -1, false},
		{"10.0.0.0", "255.0.0.0", "0.0.0.0 wildcard 255.0.0.0", -1, false},
		{"2001:db8::", "::ffff:ffff:ffff:ffff", "2001:db8::/64", 64, false},
		{"2001:db8::1", "::", "2001:db8::1", 128, true},
		{"2001:db8::1", "0:ffff::", "2001::1 wildcard 0:ffff::", -1, false},
	};
	return cr_make_param_array(struct wc_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct wc_case *c, aspec, wildcard)
{
	uint8_t fam, wfam;
	struct ip128 ip = ip_of(c->ip, &fam), wc = ip_of(c->wc, &wfam);
	struct addrspec a = aspec_wildcard(&ip, fam, &wc);
	char buf[128];

	cr_assert_eq(a.kind, ASPEC_CUBE);
	cr_assert_str_eq(aspec_str(&a, buf, sizeof(buf)), c->canon, "%s wildcard %s", c->ip, c->wc);
	cr_assert_eq(aspec_prefix_len(&a), c->plen, "%s: prefix length %d", c->canon, aspec_prefix_len(&a));
	cr_assert_eq(aspec_is_host(&a), c->host, "%s", c->canon);
	if (fam == 4)
		cr_assert_eq(a.b.hi, UINT64_MAX, "an IPv4 care mask covers the top 96 bits");
}

struct prefix_case {
	char ip[48];
	unsigned plen;
	char canon[48];
	int out_plen;
};

ParameterizedTestParameters(aspec, prefix)
{
	static struct prefix_case cases[] = {
		{"10.1.1.5", 24, "10.1.1.0/24", 24},
		{"10.1.1.5", 32, "10.1.1.5", 32},
		{"10.1.1.5", 40, "10.1.1.5", 32}, /* clamped to the family */
		{"10.255.1.5", 9, "10.128.0.0/9", 9},
		{"10.1.1.5", 0, "0.0.0.0/0", 0},
		{"2001:db8::1", 64, "2001:db8::/64", 64},
		{"2001:db8::1", 128, "2001:db8::1", 128},
		{"2001:db8::1", 0, "::/0", 0},
	};
	return cr_make_param_array(struct prefix_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct prefix_case *c, aspec, prefix)
{
	uint8_t fam;
	struct ip128 ip = ip_of(c->ip, &fam);
	struct addrspec a = aspec_prefix(&ip, fam, c->plen);
	char buf[128];

	cr_assert_str_eq(aspec_str(&a, buf, sizeof(buf)), c->canon, "%s/%u", c->ip, c->plen);
	cr_assert_eq(aspec_prefix_len(&a), c->out_plen);
}

Test(aspec, text_of_any_none_and_ranges)
{
	uint8_t f;
	struct ip128 a = ip_of("10.0.0.1", &f), b = ip_of("10.0.0.9", &f);
	struct ip128 c = ip_of("2001:db8::1", &f), d = ip_of("2001:db8::ff", &f);
	struct addrspec none = {0}, r;
	char buf[128];

	cr_assert_str_eq(aspec_str(&none, buf, sizeof(buf)), "none");
	r = aspec_any(0);
	cr_assert_str_eq(aspec_str(&r, buf, sizeof(buf)), "any");
	cr_assert_eq(aspec_prefix_len(&r), -1, "any of both families is no prefix");
	r = aspec_any(4);
	cr_assert_str_eq(aspec_str(&r, buf, sizeof(buf)), "any-ipv4");
	cr_assert_eq(aspec_prefix_len(&r), 0, "any-ipv4 is 0.0.0.0/0");
	r = aspec_any(6);
	cr_assert_str_eq(aspec_str(&r, buf, sizeof(buf)), "any-ipv6");
	cr_assert_eq(aspec_prefix_len(&r), 0, "any-ipv6 is ::/0");
	r = aspec_range(&a, &b, 4);
	cr_assert_str_eq(aspec_str(&r, buf, sizeof(buf)), "10.0.0.1-10.0.0.9");
	r = aspec_range(&b, &a, 4);
	cr_assert_str_eq(aspec_str(&r, buf, sizeof(buf)), "10.0.0.1-10.0.0.9",
			 "a reversed range is turned round");
	r = aspec_range(&c, &d, 6);
	cr_assert_str_eq(aspec_str(&r, buf, sizeof(buf)), "2001:db8::1-2001:db8::ff");
	cr_assert_eq(aspec_prefix_len(&r), -1);
	r = aspec_range(&a, &a, 4);
	cr_assert(aspec_is_host(&r), "a one-address range is a host");
	r = aspec_any(4);
	cr_assert_not(aspec_is_host(&r));
	cr_assert_eq(aspec_prefix_len(&r), 0);
	r = aspec_any(0);
	cr_assert_eq(aspec_prefix_len(&r), -1);
}

Test(aspec, ipv4_given_as_bare_32_bits_is_mapped)
{
	struct ip128 bare = {0, 0x0a000001}, mapped;
	struct addrspec a = aspec_host(&bare, 4);
	uint8_t f;
	char buf[64];

	mapped = ip_of("10.0.0.1", &f);
	cr_assert_eq(a.a.lo, mapped.lo);
	cr_assert_eq(a.a.hi, mapped.hi);
	cr_assert_str_eq(aspec_str(&a, buf, sizeof(buf)), "10.0.0.1");
}

/* ---- membership --------------------------------------------------------------- */

struct member_case {
	char set[48], ip[48];
	bool in;
};

ParameterizedTestParameters(aspec, contains)
{
	static struct member_case cases[] = {
		{"10.0.0.0/24", "10.0.0.255", true},
		{"10.0.0.0/24", "10.0.1.0", false},
		{"10.0.0.1 wildcard 0.255.0.255", "10.7.0.9", true},
		{"10.0.0.1 wildcard 0.255.0.255", "10.7.1.9", false},
		{"10.0.0.1-10.0.0.9", "10.0.0.1", true},
		{"10.0.0.1-10.0.0.9", "10.0.0.9", true},
		{"10.0.0.1-10.0.0.9", "10.0.0.10", false},
		{"10.0.0.1-10.0.0.9", "10.0.0.0", false},
		{"10.0.0.1", "10.0.0.1", true},
		{"any4", "203.0.113.7", true},
		{"any4", "2001:db8::1", false},
		{"any6", "2001:db8::1", true},
		{"any6", "10.0.0.1", false},
		{"any", "10.0.0.1", true},
		{"any", "2001:db8::1", true},
		/* an IPv6 set holds IPv6 addresses only */
		{"::/0", "10.0.0.1", false},
		{"::/0", "::1", true},
		{"::-::2:0:0:0", "10.0.0.1", false},
		{"::-::2:0:0:0", "::1:0:0:1", true},
		/* ... unless written inside the IPv4-mapped block: then it names IPv4 */
		{"::ffff:10.0.0.1", "10.0.0.1", true},
		{"::ffff:10.0.0.0/104", "10.9.9.9", true},
		{"10.0.0.0/8", "::ffff:10.0.0.1", true},
		{"2001:db8::/32", "2001:db8:ffff::1", true},
		{"2001:db8::/32", "2001:db9::1", false},
		{"2001:db8::1-2001:db8::ff", "2001:db8::80", true},
	};
	return cr_make_param_array(struct member_case, cases, ARRAY_SIZE(cases));
}

ParameterizedTest(struct member_case *c, aspec, contains)
{
	struct addrspec s = set_of(c->set);
	uint8_t f;
	struct ip128 h = ip_of(c->ip, &f);

	cr_assert_eq(aspec_contains_ip(&s, &h, f), c->in, "%s in %s", c->ip, c->set);
}

Test(aspec, none_contains_nothing)
{
	struct addrspec none = {0};
	uint8_t f;
	struct ip128 h = ip_of("10.0.0.1", &f);

	cr_assert_not(aspec_contains_ip(&none, &h, f));
}

/* ---- ports -------------------------------------------------------------------- */

Test(ports, any)
{
	struct portrange p = port_any(), q = {0, 65534}, r = {1, 65535};

	cr_assert_eq(p.lo, 0);
	cr_assert_eq(p.hi, 65535);
	cr_assert(port_is_any(&p));
	cr_assert_not(port_is_any(&q));
	cr_assert_not(port_is_any(&r));
}
