/* SPDX-License-Identifier: MIT */
/*
 * model/addr.c - parsing, building and printing addresses, address sets and
 * port ranges.
 *
 * IPv4 is held IPv4-mapped (::ffff:a.b.c.d). An IPv4 cube always cares about
 * the top 96 bits, so every IPv4 set lies inside ::ffff:0:0/96. The set
 * algebra itself lives in model/selector.c; the membership rule here
 * (aspec_contains_ip) is the same one the algebra uses:
 *
 *   - family 4 sets and "any-ipv4" are inside ::ffff:0:0/96;
 *   - family 6 sets hold IPv6 addresses only: the IPv4-mapped block is not
 *     part of "any-ipv6", of "::/0" or of any other family 6 set that is not
 *     written entirely inside ::ffff:0:0/96 (such a set, e.g. a host
 *     "::ffff:10.0.0.1", names the IPv4 addresses it spells);
 *   - "any" of no family is the whole space.
 */
#include "model/addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

#define ONES128 (~(u128)0)
#define V4_CARE (ONES128 << 32)		     /* the top 96 bits */
#define V4_VAL ((u128)0xffff << 32)	     /* ::ffff:0:0 */
#define V4_LAST (V4_VAL | (u128)0xffffffffu) /* ::ffff:255.255.255.255 */

static inline u128 to128(const struct ip128 *x)
{
	return ((u128)x->hi << 64) | x->lo;
}

static inline struct ip128 from128(u128 x)
{
	struct ip128 r = {(uint64_t)(x >> 64), (uint64_t)x};
	return r;
}

/* An IPv4 address, whether passed mapped or as a bare 32-bit value in lo. */
static inline u128 v4_norm(const struct ip128 *ip)
{
	return V4_VAL | (ip->lo & 0xffffffffu);
}

static inline u128 ip_norm(const struct ip128 *ip, uint8_t family)
{
	return family == 4 ? v4_norm(ip) : to128(ip);
}

static inline bool in_v4_block(u128 x)
{
	return x >= V4_VAL && x <= V4_LAST;
}

/* ---- parsing and printing ------------------------------------------------ */

/*
 * Strict dotted quad in s[0..n): exactly four decimal parts of 1-3 digits,
 * each 0-255. Leading zeros are decimal ("010" is 10, never octal); no sign,
 * no space, no shortened forms ("10.1" or "1.2.3").
 */
static bool parse_v4(const char *s, size_t n, uint32_t *out)
{
	const char *e = s + n;
	uint32_t v = 0;

	for (int part = 0; part < 4; part++) {
		unsigned x = 0, digits = 0;

		while (s < e && *s >= '0' && *s <= '9') {
			if (++digits > 3)
				return false;
			x = x * 10 + (unsigned)(*s - '0');
			s++;
		}
		if (!digits || x > 255)
			return false;
		v = (v << 8) | x;
		if (part < 3 && (s == e || *s++ != '.'))
			return false;
	}
	if (s != e)
		return false;
	*out = v;
	return true;
}

bool addr_parse_ipn(const char *s, size_t n, struct ip128 *out, uint8_t *family)
{
	struct ip128 r;
	uint8_t fam;

	if (!s || !n)
		return false;
	if (memchr(s, ':', n)) {
		char buf[INET6_ADDRSTRLEN + 1];
		struct in6_addr a6;
		u128 x = 0;

		if (n >= sizeof(buf) || memchr(s, '\0', n))
			return false;
		memcpy(buf, s, n);
		buf[n] = '\0';
		if (inet_pton(AF_INET6, buf, &a6) != 1)
			return false;
		for (int i = 0; i < 16; i++)
			x = (x << 8) | a6.s6_addr[i];
		r = from128(x);
		fam = 6;
	} else {
		uint32_t v4;

		if (!parse_v4(s, n, &v4))
			return false;
		r = from128(V4_VAL | v4);
		fam = 4;
	}
	if (out)
		*out = r;
	if (family)
		*family = fam;
	return true;
}

bool addr_parse_ip(const char *s, struct ip128 *out, uint8_t *family)
{
	return s && addr_parse_ipn(s, strlen(s), out, family);
}

const char *addr_ip_str(const struct ip128 *ip, uint8_t family, char *buf, size_t bufsz)
{
	char tmp[INET6_ADDRSTRLEN];

	if (!bufsz)
		return buf;
	if (family == 4) {
		uint32_t v = (uint32_t)ip->lo;

		snprintf(buf, bufsz, "%u.%u.%u.%u", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
	} else {
		struct in6_addr a6;
		u128 x = to128(ip);

		for (int i = 15; i >= 0; i--, x >>= 8)
			a6.s6_addr[i] = (uint8_t)x;
		if (!inet_ntop(AF_INET6, &a6, tmp, sizeof(tmp)))
			snprintf(tmp, sizeof(tmp), "?");
		snprintf(buf, bufsz, "%s", tmp);
	}
	return buf;
}

/* ---- builders ------------------------------------------------------------ */

static struct addrspec mk(uint8_t kind, uint8_t family, u128 a, u128 b)
{
	struct addrspec r = {.kind = kind, .family = family, .a = from128(a), .b = from128(b), .text = NULL};
	return r;
}

static inline uint8_t fam_fix(uint8_t family)
{
	return family == 4 ? 4 : 6;
}

/* A cube of the given family; an IPv4 care mask always includes the top 96 bits. */
static struct addrspec mk_cube(u128 v, u128 care, uint8_t family)
{
	if (family == 4) {
		care |= V4_CARE;
		v = V4_VAL | (v & care & 0xffffffffu);
	}
	return mk(ASPEC_CUBE, family, v & care, care);
}

/* The mask of the first plen bits of a 128-bit word. */
static inline u128 prefix_mask(unsigned plen)
{
	return plen == 0 ? 0 : plen >= 128 ? ONES128 : ONES128 << (128 - plen);
}

struct addrspec aspec_any(uint8_t family)
{
	return mk(ASPEC_ANY, family == 4 || family == 6 ? family : 0, 0, 0);
}

struct addrspec aspec_host(const struct ip128 *ip, uint8_t family)
{
	family = fam_fix(family);
	return mk_cube(ip_norm(ip, family), ONES128, family);
}

struct addrspec aspec_prefix(const struct ip128 *ip, uint8_t family, unsigned plen)
{
	family = fam_fix(family);
	if (family == 4)
		plen = (plen > 32 ? 32 : plen) + 96;
	return mk_cube(ip_norm(ip, family), prefix_mask(plen), family);
}

struct addrspec aspec_wildcard(const struct ip128 *ip, uint8_t family, const struct ip128 *wc)
{
	u128 care;

	family = fam_fix(family);
	if (family == 4)
		care = V4_CARE | (~(u128)wc->lo & 0xffffffffu);
	else
		care = ~to128(wc);
	return mk_cube(ip_norm(ip, family), care, family);
}

/* A mask is contiguous when its complement is 2^k - 1. */
bool aspec_netmask(const struct ip128 *ip, uint8_t family, const struct ip128 *mask, struct addrspec *out)
{
	u128 m, inv;

	family = fam_fix(family);
	m = family == 4 ? V4_CARE | (mask->lo & 0xffffffffu) : to128(mask);
	inv = ~m;
	if (inv & (inv + 1))
		return false;
	if (out)
		*out = mk_cube(ip_norm(ip, family), m, family);
	return true;
}

/* A reversed range (hi below lo) is taken as written the other way round. */
struct addrspec aspec_range(const struct ip128 *lo, const struct ip128 *hi, uint8_t family)
{
	u128 l, h;

	family = fam_fix(family);
	l = ip_norm(lo, family);
	h = ip_norm(hi, family);
	if (l > h) {
		u128 t = l;
		l = h;
		h = t;
	}
	return mk(ASPEC_RANGE, family, l, h);
}

/* ---- queries ------------------------------------------------------------- */

static int popcount128(u128 x)
{
	return __builtin_popcountll((uint64_t)(x >> 64)) + __builtin_popcountll((uint64_t)x);
}

/* ASPEC_ANY of one family is its /0; a range or "any" of both families has none. */
int aspec_prefix_len(const struct addrspec *a)
{
	u128 care, inv;

	if (a->kind == ASPEC_ANY)
		return a->family == 4 || a->family == 6 ? 0 : -1;
	if (a->kind != ASPEC_CUBE)
		return -1;
	care = to128(&a->b);
	if (a->family == 4)
		care |= V4_CARE; /* only the low 32 bits speak for IPv4 */
	inv = ~care;
	if (inv & (inv + 1))
		return -1;
	return a->family == 4 ? popcount128(care) - 96 : popcount128(care);
}

bool aspec_is_host(const struct addrspec *a)
{
	if (a->kind == ASPEC_CUBE)
		return a->family == 4 ? (uint32_t)a->b.lo == UINT32_MAX :
					a->b.hi == UINT64_MAX && a->b.lo == UINT64_MAX;
	if (a->kind == ASPEC_RANGE)
		return a->a.hi == a->b.hi && a->a.lo == a->b.lo;
	return false;
}

const char *aspec_str(const struct addrspec *a, char *buf, size_t bufsz)
{
	char x[INET6_ADDRSTRLEN], y[INET6_ADDRSTRLEN];
	int plen;

	if (!bufsz)
		return buf;
	switch (a->kind) {
	case ASPEC_ANY:
		snprintf(buf, bufsz, "%s", a->family == 4 ? "any-ipv4" : a->family == 6 ? "any-ipv6" : "any");
		break;
	case ASPEC_CUBE:
		addr_ip_str(&a->a, a->family, x, sizeof(x));
		if (aspec_is_host(a)) {
			snprintf(buf, bufsz, "%s", x);
		} else if ((plen = aspec_prefix_len(a)) >= 0) {
			snprintf(buf, bufsz, "%s/%d", x, plen);
		} else {
			struct ip128 wc = from128(~to128(&a->b));

			addr_ip_str(&wc, a->family, y, sizeof(y));
			snprintf(buf, bufsz, "%s wildcard %s", x, y);
		}
		break;
	case ASPEC_RANGE:
		addr_ip_str(&a->a, a->family, x, sizeof(x));
		addr_ip_str(&a->b, a->family, y, sizeof(y));
		snprintf(buf, bufsz, "%s-%s", x, y);
		break;
	default:
		snprintf(buf, bufsz, "none");
		break;
	}
	return buf;
}

bool aspec_contains_ip(const struct addrspec *a, const struct ip128 *h, uint8_t family)
{
	u128 x = ip_norm(h, family == 4 ? 4 : 6), v, c, lo, hi;

	switch (a->kind) {
	case ASPEC_ANY:
		if (a->family == 4)
			return in_v4_block(x);
		if (a->family == 6)
			return !in_v4_block(x);
		return true;
	case ASPEC_CUBE:
		v = to128(&a->a);
		c = to128(&a->b);
		if (a->family == 4) {
			c |= V4_CARE;
			v = V4_VAL | (v & 0xffffffffu);
		}
		if ((x & c) != (v & c))
			return false;
		/* a family 6 cube reaching outside the mapped block holds no IPv4 */
		if (a->family != 4 && !((c & V4_CARE) == V4_CARE && (v & V4_CARE) == V4_VAL))
			return !in_v4_block(x);
		return true;
	case ASPEC_RANGE:
		lo = a->family == 4 ? v4_norm(&a->a) : to128(&a->a);
		hi = a->family == 4 ? v4_norm(&a->b) : to128(&a->b);
		if (lo > hi) {
			u128 t = lo;
			lo = hi;
			hi = t;
		}
		if (x < lo || x > hi)
			return false;
		if (a->family != 4 && !(in_v4_block(lo) && in_v4_block(hi)))
			return !in_v4_block(x);
		return true;
	default:
		return false;
	}
}

struct portrange port_any(void)
{
	struct portrange p = {0, 65535};
	return p;
}

bool port_is_any(const struct portrange *p)
{
	return p->lo == 0 && p->hi == 65535;
}
