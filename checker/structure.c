/* SPDX-License-Identifier: MIT */
/*
 * checker/structure.c - references and structure of one device:
 * undefined-reference, unused-definition, policy-not-applied,
 * policy-disabled, and remote-is-local.
 *
 * The drivers record definitions and references (struct mdef / struct mref)
 * and resolve them after the parse (model_resolve_refs), so the rules here
 * only read the result.
 */
#include "checker/internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- undefined-reference -------------------------------------------------- */

/*
 * The definition of the same kind closest to the reference's name, within an
 * edit distance of 2 (ties: the first defined), or NULL. The distance must
 * also be smaller than the shorter name, or every two-character name would
 * "mean" every other ("99" is not a typo of "10").
 */
static const struct mdef *closest_def(const struct device *d, const struct mref *r)
{
	const struct mdef *best = NULL;
	unsigned bestd = 3;

	for (size_t i = 0; i < d->ndefs; i++) {
		const struct mdef *m = d->defs[i];
		unsigned dist;

		if (strcmp(m->kind, r->kind) != 0)
			continue;
		dist = util_edit_distance(r->name, m->name, 2);
		if (dist > 0 && dist < bestd && dist < strlen(r->name) && dist < strlen(m->name)) {
			best = m;
			bestd = dist;
		}
	}
	return best;
}

/*
 * Every unresolved reference: O(refs), plus O(defs * L^2) for the "did you
 * mean" of each unresolved one (L: name length, capped by the distance).
 */
static void check_undefined(struct chk_ctx *c)
{
	const struct device *d = c->d;

	for (size_t i = 0; i < d->nrefs; i++) {
		const struct mref *r = d->refs[i];
		const struct mdef *near;
		struct finding *f;

		if (r->target)
			continue;
		near = closest_def(d, r);
		f = chk_add(c, R_UNDEFINED_REFERENCE, &r->span, "%s '%s' is not defined", r->kind, r->name);
		if (near) {
			fnd_set_hint(f, "did you mean %s '%s'?", near->kind, near->name);
			fnd_related(f, &near->span, "%s '%s' is defined here", near->kind, near->name);
		}
		fnd_fp(f, "%s|%s", r->kind, r->name);
	}
}

/* ---- unused-definition and policy-not-applied ----------------------------- */

/*
 * Is def m the policy group (or profile) of a tunnel that is not applied? Such
 * a group is reported once, as policy-not-applied; calling it unused as well
 * would say the same thing twice. The test is generic: the group's name is
 * m->name and the tunnel's name starts with the definition's kind ("ipsec
 * policy" / "ipsec policy map1 10").
 */
static bool is_unapplied_group(const struct device *d, const struct hmap *groups, const struct mdef *m)
{
	size_t kl = strlen(m->kind);

	if (!hmap_finds(groups, m->name))
		return false;
	for (size_t i = 0; i < d->ntunnels; i++) {
		const struct tunnel *t = d->tunnels[i];

		if (t->applied || !t->group || !t->name || strcmp(t->group, m->name) != 0)
			continue;
		if (strncmp(t->name, m->kind, kl) == 0 && t->name[kl] == ' ')
			return true;
	}
	return false;
}

/*
 * policy-not-applied, once per group at its first tunnel: O(tunnels).
 * unused-definition: O(defs), a hash look-up each (and a scan of the
 * tunnels for the rare unused definition named like an unapplied group).
 */
static void check_unused_and_unapplied(struct chk_ctx *c)
{
	const struct device *d = c->d;
	struct hmap groups = HMAP_INIT, reported = HMAP_INIT;
	char name[CHK_NAME];

	for (size_t i = 0; i < d->ntunnels; i++) {
		const struct tunnel *t = d->tunnels[i];
		struct finding *f;
		char *key;
		bool added;

		if (t->applied)
			continue;
		if (t->group)
			hmap_puts(&groups, t->group, NULL);
		/* a tunnel without a group is a group of its own */
		key = xasprintf("%c%s", t->group ? 'g' : 't', t->group ? t->group : t->id);
		added = hmap_add(&reported, key, strlen(key));
		free(key);
		if (!added)
			continue;
		chk_group(t, name, sizeof(name));
		if (t->kind == TK_PROFILE)
			f = chk_add(c, R_POLICY_NOT_APPLIED, &t->span,
				    "%s is not bound to a tunnel interface", name);
		else
			f = chk_add(c, R_POLICY_NOT_APPLIED, &t->span, "%s is not applied to any interface",
				    name);
		fnd_fp(f, "%s", name);
	}

	for (size_t i = 0; i < d->ndefs; i++) {
		const struct mdef *m = d->defs[i];
		struct finding *f;

		if (m->refs || m->builtin)
			continue;
		if (is_unapplied_group(d, &groups, m))
			continue;
		if (m->unused_msg)
			f = chk_add(c,
				    m->unused_means == DEF_UNUSED_POLICY ? R_POLICY_NOT_APPLIED :
									   R_UNUSED_DEFINITION,
				    &m->span, "%s", m->unused_msg);
		else
			f = chk_add(c,
				    m->unused_means == DEF_UNUSED_POLICY ? R_POLICY_NOT_APPLIED :
									   R_UNUSED_DEFINITION,
				    &m->span, "%s '%s' is never used", m->kind, m->name);
		if (m->unused_fp)
			fnd_fp(f, "%s", m->unused_fp);
		else
			fnd_fp(f, "%s|%s", m->kind, m->name);
	}
	hmap_free(&groups);
	hmap_free(&reported);
}

/* ---- policy-disabled ------------------------------------------------------ */

/* O(tunnels). Only a written "off" counts: a default never disables. */
static void check_disabled(struct chk_ctx *c)
{
	const struct device *d = c->d;
	char name[CHK_NAME];

	for (size_t i = 0; i < d->ntunnels; i++) {
		const struct tunnel *t = d->tunnels[i];
		struct finding *f;

		if (t->enabled.v != 0 || t->enabled.o.prov != PROV_WRITTEN)
			continue;
		f = chk_add(c, R_POLICY_DISABLED, chk_at(&t->enabled.o, &t->span), "%s is disabled",
			    chk_tunnel(t, name, sizeof(name)));
		fnd_related(f, &t->span, "%s is defined here", name);
		fnd_fp(f, "%s", t->name ? t->name : t->id);
	}
}

/* ---- remote-is-local ------------------------------------------------------ */

/*
 * O(tunnels * remotes): model_device_find_addr() is a hash probe, and gives
 * the address the remote endpoint names (for its interface name). Several
 * tunnels may share one remote-address line (one ike peer): reported once.
 */
static void check_remote_is_local(struct chk_ctx *c)
{
	const struct device *d = c->d;
	char name[CHK_NAME], addr[128];

	for (size_t i = 0; i < d->ntunnels; i++) {
		const struct tunnel *t = d->tunnels[i];

		for (size_t j = 0; j < t->nremotes; j++) {
			const struct endpoint *r = &t->remotes[j];
			const struct dev_addr *own;
			const struct span *at;
			struct finding *f;

			own = model_device_find_addr(d, &r->addr);
			if (!own)
				continue;
			aspec_str(&r->addr, addr, sizeof(addr));
			at = chk_at(&r->o, &t->span);
			if (!chk_once(c, R_REMOTE_IS_LOCAL, at, addr))
				continue;
			chk_tunnel(t, name, sizeof(name));
			if (own->where)
				f = chk_add(c, R_REMOTE_IS_LOCAL, at,
					    "remote address %s of %s is the device's own address (%s)", addr,
					    name, own->where);
			else
				f = chk_add(c, R_REMOTE_IS_LOCAL, at,
					    "remote address %s of %s is the device's own address", addr,
					    name);
			if (own->o.span.src && own->o.span.line)
				fnd_related(f, &own->o.span, "%s is assigned here", addr);
			fnd_fp(f, "%s|%s", t->name ? t->name : t->id, addr);
		}
	}
}

void chk_structure(struct chk_ctx *c)
{
	check_undefined(c);
	check_unused_and_unapplied(c);
	check_disabled(c);
	check_remote_is_local(c);
}
