/* SPDX-License-Identifier: MIT */
/*
 * tests/addr_text.h - addresses and address sets written as short text, for
 * the tests that build selectors and tunnels by hand: ip_of() one address,
 * host_of() and prefix_of() a host and a prefix, set_of() any of the forms
 * of an address set. A malformed text fails the test.
 */
#ifndef IPSECLINT_TESTS_ADDR_TEXT_H
#define IPSECLINT_TESTS_ADDR_TEXT_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/addr.h"

static inline struct ip128 ip_of(const char *s, uint8_t *fam)
{
	struct ip128 ip;

	cr_assert(addr_parse_ip(s, &ip, fam), "bad test address %s", s);
	return ip;
}

/* "10.0.0.1", "2001:db8::1" */
static inline struct addrspec host_of(const char *ip)
{
	uint8_t fam;
	struct ip128 a = ip_of(ip, &fam);

	return aspec_host(&a, fam);
}

/* "10.1.0.0/16", or "any": any IPv4 address */
static inline struct addrspec prefix_of(const char *text)
{
	char buf[64];
	char *slash;
	struct ip128 a;
	uint8_t fam;

	if (strcmp(text, "any") == 0)
		return aspec_any(4);
	snprintf(buf, sizeof(buf), "%s", text);
	slash = strchr(buf, '/');
	cr_assert(slash, "bad test prefix %s", text);
	*slash = '\0';
	a = ip_of(buf, &fam);
	return aspec_prefix(&a, fam, (unsigned)atoi(slash + 1));
}

/* "any" (either family) "any4" "any6" "none" "10.0.0.1" "10.0.0.0/24" "a-b" "a wildcard w" */
static inline struct addrspec set_of(const char *t)
{
	char tmp[128], *p;
	uint8_t f, g;
	struct ip128 a, b;

	if (!strcmp(t, "none"))
		return (struct addrspec){.kind = ASPEC_NONE};
	if (!strcmp(t, "any"))
		return aspec_any(0);
	if (!strcmp(t, "any4"))
		return aspec_any(4);
	if (!strcmp(t, "any6"))
		return aspec_any(6);
	snprintf(tmp, sizeof(tmp), "%s", t);
	if ((p = strstr(tmp, " wildcard "))) {
		*p = '\0';
		a = ip_of(tmp, &f);
		b = ip_of(p + 10, &g);
		return aspec_wildcard(&a, f, &b);
	}
	if ((p = strchr(tmp, '/'))) {
		*p = '\0';
		a = ip_of(tmp, &f);
		return aspec_prefix(&a, f, (unsigned)atoi(p + 1));
	}
	if ((p = strchr(tmp, '-'))) {
		*p = '\0';
		a = ip_of(tmp, &f);
		b = ip_of(p + 1, &g);
		return aspec_range(&a, &b, f);
	}
	a = ip_of(tmp, &f);
	return aspec_host(&a, f);
}

#endif
