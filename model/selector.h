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
 * Cost: subtracting a box from a box yields at most (128+128+8+2+2) boxes;
 * regions are kept small by dropping empty and contained boxes.
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
	REL_DISJOINT, /* no common element (also: both empty counts as EQUAL) */
};

const char *setrel_name(enum setrel r); /* "equal", "subset", "superset", "overlap", "disjoint" */
/* The relation of b to a, given the relation of a to b. */
enum setrel setrel_flip(enum setrel r);

enum setrel aspec_compare(const struct addrspec *a, const struct addrspec *b);
enum setrel ports_compare(const struct portrange *a, const struct portrange *b);
/* Compares the traffic two selectors match (action ignored). */
enum setrel sel_compare(const struct selector *a, const struct selector *b);
/* Source and destination (addresses and ports) swapped. */
struct selector sel_mirror(const struct selector *s);

struct region; /* heap-allocated; free with region_free() */

struct region *region_new(void);
void region_free(struct region *r);
struct region *region_copy(const struct region *r);
/* The traffic one selector matches (action ignored). */
struct region *region_from_selector(const struct selector *s);
void region_add(struct region *r, const struct region *other);		 /* r := r ∪ other */
void region_subtract(struct region *r, const struct region *other);	 /* r := r \ other */
void region_intersect(struct region *r, const struct region *other);	 /* r := r ∩ other */
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
 * rules that intersect it are written to cover (at most max), and their
 * count to *ncover.
 */
bool sel_list_rule_shadowed(const struct selector *rules, size_t n, size_t i, size_t *cover,
			    size_t max, size_t *ncover);

/*
 * When region_compare(a, b) is not EQUAL: one box of the symmetric difference
 * described in words, e.g. "source 10.1.1.0/25 destination 10.2.0.0/24" -
 * a witness the messages can name.
 */
const char *region_witness(const struct region *a, const struct region *b, char *buf, size_t bufsz);

#endif
