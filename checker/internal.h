/* SPDX-License-Identifier: MIT */
/*
 * checker/internal.h - private to the single-device checks (device.c,
 * structure.c, selectors.c, crypto.c).
 *
 * The single-device rules read only the model. Objects are named in
 * messages the way the model names them: a tunnel by its t->name ("ipsec
 * policy map1 10" becomes "ipsec policy 'map1 10'"), a policy group by the
 * first two words of t->name and t->group, proposals and peers by their
 * kind and name. No vendor text is ever read here.
 */
#ifndef IPSECLINT_CHECKER_INTERNAL_H
#define IPSECLINT_CHECKER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "checker/checker.h"
#include "common/hmap.h"

/* One run of chk_device(): the device, where findings go, what was reported. */
struct chk_ctx {
	const struct device *d;
	struct findings *fs;
	struct hmap seen; /* (rule, location, detail) already reported */
};

/* fnd_add() on the device: the device name is filled in. */
struct finding *chk_add(struct chk_ctx *c, enum rule_id rule, const struct span *at, const char *fmt, ...)
	PRINTF_LIKE(4, 5);

/*
 * Several tunnels often share one object (one ike peer, one proposal, one
 * global lifetime line): a finding about that object is made once. true the
 * first time (rule, at, detail) is seen.
 */
bool chk_once(struct chk_ctx *c, enum rule_id rule, const struct span *at, const char *detail);

/* Names for messages (buffers of CHK_NAME bytes are enough). */
#define CHK_NAME 256
/* "ike peer rut" -> "ike peer 'rut'"; a phrase of fewer than three words is
 * quoted whole after fallback_kind (if not NULL): "ike peer 'rut'". */
const char *chk_obj(const char *phrase, const char *fallback_kind, char *buf, size_t n);
/* "ipsec policy 'map1 10'" */
const char *chk_tunnel(const struct tunnel *t, char *buf, size_t n);
/* "ipsec policy 'map1'" (the group of t); the tunnel itself when it has no group */
const char *chk_group(const struct tunnel *t, char *buf, size_t n);
/* "ike peer 'rut'" for a tunnel's phase 1; the tunnel when the peer has no name */
const char *chk_peer(const struct tunnel *t, char *buf, size_t n);

/* " (default)" / " (assumed default)" / "" */
const char *chk_prov(const struct origin *o);
/* Where a value was written, else fallback (the object it belongs to). */
const struct span *chk_at(const struct origin *o, const struct span *fallback);
/* The span of rule r of list l (rules carry lines, the list carries the file). */
struct span chk_rule_span(const struct sel_list *l, const struct selector *r);

/* The rule families. */
void chk_structure(struct chk_ctx *c); /* undefined, unused, not applied, disabled, remote-is-local */
void chk_selectors(struct chk_ctx *c); /* policy-shadowed, flow-overlap */
void chk_crypto(struct chk_ctx *c);    /* algorithms, keys, modes, lifetimes */

#endif
