/* SPDX-License-Identifier: MIT */
/*
 * model/addr.h - addresses, address sets, port ranges and traffic selectors
 * as written, plus the exact set algebra over them.
 *
 * IPv4 addresses are held IPv4-mapped (::ffff:a.b.c.d) so that one 128-bit
 * type covers both families and an IPv4 set never meets an IPv6 one.
 *
 * An address set is one of: nothing, any, a cube (value + care mask: hosts,
 * prefixes and non-contiguous wildcards alike - a bit pattern, never expanded
 * into addresses), or a range lo..hi. The algebra in model/selector.h turns
 * these into unions of cubes and answers equal / subset / disjoint / overlap
 * exactly.
 */
#ifndef IPSECLINT_MODEL_ADDR_H
#define IPSECLINT_MODEL_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct span;

struct ip128 {
	uint64_t hi, lo;
};

enum aspec_kind {
	ASPEC_NONE = 0, /* unknown / not set */
	ASPEC_ANY,	/* every address (of family, or of both when family is 0) */
	ASPEC_CUBE,	/* {x : (x & care) == value}; a host has care all-ones */
	ASPEC_RANGE,	/* lo..hi inclusive */
};

struct addrspec {
	uint8_t kind;	  /* enum aspec_kind */
	uint8_t family;	  /* 4, 6, or 0 (any family; only with ASPEC_ANY) */
	struct ip128 a;	  /* CUBE: value (already masked); RANGE: lo */
	struct ip128 b;	  /* CUBE: care mask; RANGE: hi */
	const char *text; /* as written in the vendor's notation, for messages; may be NULL */
};

struct portrange {
	uint16_t lo, hi; /* inclusive; 0..65535 is "any" */
};

enum sel_action {
	SEL_PERMIT = 0,
	SEL_DENY,
};

/* The packets a selector meets by direction: both when 0 (or both bits). */
enum sel_dir {
	SEL_DIR_IN = 1,
	SEL_DIR_OUT = 2,
};

struct selector {
	uint8_t action; /* enum sel_action */
	int16_t proto;	/* IP protocol number, -1 = any */
	struct addrspec src, dst;
	struct portrange sport, dport;
	/*
	 * What the five dimensions above do not say. dirs: enum sel_dir bits (0:
	 * both). scope: where else the rule is restricted (an interface, routed
	 * or local packets, fragments only), one canonical string; NULL: nowhere.
	 * widened: the five dimensions hold more than the rule matches (a "neq"
	 * port, a content pattern, TCP ACK packets only): the selector is a
	 * superset of the rule. A rule can cover (shadow) another only when its
	 * dirs and scope hold the other's and it is not widened.
	 */
	uint8_t dirs;
	bool widened;
	const char *scope;
	uint32_t rule_id;		       /* Huawei rule number, AIX rule id, HP-UX priority */
	uint32_t line, col, end_line, end_col; /* where it was written */
	const char *text;		       /* the rule as written (trimmed), for messages */
};

/* ---- parsing and printing ------------------------------------------------ */

/*
 * Parse dotted IPv4 (exactly four decimal parts 0-255, leading zeros are
 * decimal, no sign or space) or IPv6 text (inet_pton; no zone, no prefix).
 * true on success; out and family may be NULL.
 */
bool addr_parse_ip(const char *s, struct ip128 *out, uint8_t *family);
/* The same for the n bytes at s (no NUL needed; a NUL among them is no address). */
bool addr_parse_ipn(const char *s, size_t n, struct ip128 *out, uint8_t *family);
/* "10.1.2.3" / "2001:db8::1" into buf; returns buf. */
const char *addr_ip_str(const struct ip128 *ip, uint8_t family, char *buf, size_t bufsz);

/* Builders; they all set text to NULL (callers keep their own notation). */
struct addrspec aspec_any(uint8_t family);
struct addrspec aspec_host(const struct ip128 *ip, uint8_t family);
struct addrspec aspec_prefix(const struct ip128 *ip, uint8_t family, unsigned plen);
/* Huawei/Cisco wildcard: bits set in wc are "don't care"; may be non-contiguous. */
struct addrspec aspec_wildcard(const struct ip128 *ip, uint8_t family, const struct ip128 *wc);
/* Dotted netmask 255.255.255.0; false when the mask is not contiguous. */
bool aspec_netmask(const struct ip128 *ip, uint8_t family, const struct ip128 *mask, struct addrspec *out);
/* lo..hi inclusive; a reversed range is turned round. */
struct addrspec aspec_range(const struct ip128 *lo, const struct ip128 *hi, uint8_t family);
/* A contiguous cube's prefix length (0 for "any" of one family), or -1. */
int aspec_prefix_len(const struct addrspec *a);
/* One address: a cube caring about every bit, or a range lo == hi. */
bool aspec_is_host(const struct addrspec *a);
/*
 * Canonical text ("10.1.1.0/24", host "10.1.1.1", "10.0.0.0 wildcard
 * 0.255.0.255", "1.2.3.4-1.2.3.9", "any", "any-ipv4", "any-ipv6", "none").
 * A cube's value is printed masked: 10.0.0.1 wildcard 0.255.0.255 prints as
 * "10.0.0.0 wildcard 0.255.0.255".
 */
const char *aspec_str(const struct addrspec *a, char *buf, size_t bufsz);
/* Is host address h a member of set a? (Family rules: model/selector.h.) */
bool aspec_contains_ip(const struct addrspec *a, const struct ip128 *h, uint8_t family);

struct portrange port_any(void);
bool port_is_any(const struct portrange *p);

#endif
