/* SPDX-License-Identifier: MIT */
/*
 * checker/pair.h - private to the pairwise checks (pairing.c, pair_ike.c,
 * pair_ipsec.c).
 */
#ifndef IPSECLINT_CHECKER_PAIR_H
#define IPSECLINT_CHECKER_PAIR_H

#include "checker/checker.h"
#include "checker/internal.h"

/* One pair under check, with what both phases need to know. */
struct pair_ctx {
	struct tunnel *a, *b;
	struct findings *fs;
	unsigned version; /* negotiated IKE version (1 or 2); 0 when none in common */
};

/* Phase 1: versions, exchange mode, authentication, proposals, DH, keys, identities, lifetimes. */
void chk_pair_ike(struct pair_ctx *pc);
/* Phase 2: transforms, encapsulation, PFS, lifetimes, traffic selectors; manual SAs. */
void chk_pair_ipsec(struct pair_ctx *pc);

/* After all pairs are made: policy-order-mismatch between the pairs of two devices. */
void chk_pair_order(struct pair_list *pairs, struct findings *fs);

/* Start a pairwise finding: primary location on A's span, devices and pair filled in. */
struct finding *pair_finding(struct pair_ctx *pc, enum rule_id rule, const struct span *at_a, const char *fmt,
			     ...) PRINTF_LIKE(4, 5);
/* "aes-256, aes-128" for an enc set; "sha2-256" for integ; "14, 2" for dh. */
const char *pair_encs(const struct algset *s, char *buf, size_t n);
const char *pair_integs(const struct algset *s, char *buf, size_t n);
const char *pair_groups(const struct algset *s, char *buf, size_t n);
/* A span to point at for a value: where written, else the object's line. */
const struct span *pair_at(const struct origin *o, const struct span *fallback);

#endif
