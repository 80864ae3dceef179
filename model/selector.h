/* SPDX-License-Identifier: MIT */
/*
 * model/selector.h - exact set algebra on address sets, port ranges,
 * selectors and ordered selector lists.
 *
 * A region is a finite union of boxes; a box is the product of a protocol
 * cube (8 bits, value + care), a source and a destination address cube
 * (128 bits each, value + care), and a source and a destination port interval.
 * Every addrspec maps exactly onto cubes (a range lo..hi becomes at most 2*128
 * prefix cubes; a wildcard is one cube), so all answers are exact: no address
 * is ever enumerated.
 *
 * Cost: subtracting a box from a box yields at most (130+130+8+2+2) boxes;
 * regions are kept small by dropping empty and contained boxes, and region
 * operations find the boxes that may meet a box through an index instead
 * of scanning. The complexity of each operation is noted where it is
 * implemented (model/selector.c).
 *
 * Families: an IPv4 set never meets an IPv6 one. "any-ipv6" and every
 * IPv6 set leave out the IPv4-mapped block ::ffff:0:0/96 (which holds the
 * IPv4 addresses), unless written entirely inside it: "::ffff:10.0.0.0/104"
 * equals 10.0.0.0/8. "any" of no family is everything. ASPEC_NONE is the
 * empty set; a protocol outside 1..255 (-1, or 0) is any protocol; a port
 * range with lo > hi is empty.
 */
#ifndef IPSECLINT_MODEL_SELECTOR_H
#define IPSECLINT_MODEL_SELECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "model/addr.h"

enum setrel {
	REL_EQUAL = 0,
	REL_SUBSET,   /* a is a strict subset of b */
	REL_SUPERSET, /* a is a strict superset of b */
	REL_OVERLAP,  /* they intersect, neither contains the other */
	REL_DISJOINT, /* no common element; both empty counts as EQUAL, and an empty
		       * set is DISJOINT from (never a SUBSET of) a non-empty one */
};

const char *setrel_name(enum setrel r); /* "equal", "subset", "superset", "overlap", "disjoint" */
/* The relation of b to a, given the relation of a to b. */
enum setrel setrel_flip(enum setrel r);

enum setrel aspec_compare(const struct addrspec *a, const struct addrspec *b);
/*
 * Is the set one interval lo..hi of its family (IPv4 held mapped)? True for
 * hosts, prefixes, ranges and IPv4 "any"; false for a wildcard with holes, an
 * "any" of IPv6 or of both families, and an IPv6 set reaching into the
 * IPv4-mapped block. Two such sets of one family are equal iff lo and hi are.
 */
bool aspec_interval(const struct addrspec *a, struct ip128 *lo, struct ip128 *hi);
enum setrel ports_compare(const struct portrange *a, const struct portrange *b);
/* Compares the traffic two selectors match (action ignored). */
enum setrel sel_compare(const struct selector *a, const struct selector *b);
/* Source and destination (addresses and ports) swapped, and inbound with outbound. */
struct selector sel_mirror(const struct selector *s);
/*
 * Where the algebra above cannot look (direction, scope, widened; see
 * struct selector): does cov meet every packet context r meets, and does
 * it stand for exactly the traffic it matches? Only then may cov count
 * towards covering r.
 */
bool sel_scope_covers(const struct selector *cov, const struct selector *r);

struct region; /* heap-allocated; free with region_free() */

struct region *region_new(void);
void region_free(struct region *r);
struct region *region_copy(const struct region *r);
/* The traffic one selector matches (action ignored). */
struct region *region_from_selector(const struct selector *s);
void region_add(struct region *r, const struct region *other);	     /* r := r ∪ other */
void region_subtract(struct region *r, const struct region *other);  /* r := r \ other */
void region_intersect(struct region *r, const struct region *other); /* r := r ∩ other */
bool region_is_empty(const struct region *r);
enum setrel region_compare(const struct region *a, const struct region *b);
size_t region_nboxes(const struct region *r);

/*
 * The traffic an ordered list protects: first match wins, permit rules add
 * what earlier rules have not claimed, deny rules claim traffic and protect
 * none of it. With mirror, every selector is mirrored first.
 */
struct region *sel_list_effective(const struct selector *rules, size_t n, bool mirror);
/*
 * Is rule i of the list unreachable (everything it matches is matched by
 * rules 0..i-1)? When it is and cover is not NULL, the indexes of the earlier
 * rules that cover it are written to cover (at most max, in list order), and
 * their count (at most max) to *ncover; *ncover is 0 when it is not. The
 * rules named all intersect rule i and together cover it: the first single
 * rule that covers it alone when there is one, else those that took part in
 * covering it. A rule that matches nothing (an unset address) is never
 * reported.
 */
bool sel_list_rule_shadowed(const struct selector *rules, size_t n, size_t i, size_t *cover, size_t max,
			    size_t *ncover);

/*
 * When region_compare(a, b) is not EQUAL: one box of the symmetric difference
 * described in words, e.g. "protocol 6 source 10.1.1.0/25 destination
 * 10.2.0.0/24 destination-port 80" - a witness the messages can name. Taken
 * from a \ b when that is not empty, else from b \ a; dimensions that are
 * "any" are left out ("any traffic" when all are). Returns buf; "" when the
 * regions are equal.
 */
const char *region_witness(const struct region *a, const struct region *b, char *buf, size_t bufsz);

#endif
