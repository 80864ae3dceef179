/* SPDX-License-Identifier: MIT */
/*
 * checker/checker.h - the rules that read the model.
 *
 * Vendor-neutral: the checker sees only the common model. Vendor names
 * appear only in the SYMPTOM lines of diag/rules.def.
 */
#ifndef IPSECLINT_CHECKER_CHECKER_H
#define IPSECLINT_CHECKER_CHECKER_H

#include "diag/finding.h"
#include "model/model.h"

/* Section 2 and 3 rules of spec/rules.md on one device. */
void chk_device(const struct device *d, struct findings *fs);

/* Two tunnels that face each other; a is on the device named first. */
struct tunnel_pair {
	struct tunnel *a, *b;
	bool has_finding;
	enum severity status; /* highest severity among its findings (valid when has_finding) */
};

struct pair_list {
	struct tunnel_pair *v;
	size_t n, cap;
};

/* Extra pairing input from the config file ([device] addresses, [peers]). */
struct pair_hints {
	const char *const *dev_names; /* [device "name"] addresses = ... */
	const struct addrspec *dev_addrs;
	size_t ndev_addrs;
	const char *const *peer_a; /* [peers] a = b */
	const char *const *peer_b;
	size_t npeers;
};

/*
 * Section 4 of spec/rules.md: index every device's addresses, pair every
 * tunnel with the tunnel (or responder template) that faces it, and compare
 * the two ends. devs are in command-line order: the first of a pair is A.
 * Findings go to fs; pairs (each once) to pairs, their status filled in.
 */
void chk_pairs(struct device *const *devs, size_t ndevs, const struct pair_hints *hints, struct findings *fs,
	       struct pair_list *pairs);
void chk_pairs_free(struct pair_list *pairs);

#endif
