/* SPDX-License-Identifier: MIT */
/*
 * report/dump.c - "ipseclint dump FILE": the common model of one file as
 * JSON, for people writing parsers and for anyone asking "what did
 * ipseclint understand?".
 *
 * Every model value is written as {"value": ..., "line": N, "source": S}
 * where S is "written", "default" or "assumed-default"; a value that is not
 * set at all is null. Keys are written as their description
 * ("<psk: ascii, 12 chars>"), never their bytes, and free text taken from
 * the file (rule text, identities) passes through its source's masker
 * (source_masked_text).
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

static const char *prov_name(enum prov p)
{
	switch (p) {
	case PROV_WRITTEN:
		return "written";
	case PROV_DEFAULT:
		return "default";
	case PROV_DEFAULT_ASSUMED:
		return "assumed-default";
	case PROV_UNSET:
		break;
	}
	return "unset";
}

static void write_line(struct jw *w, const char *key, const struct span *s)
{
	if (s->line)
		jw_kint(w, key, s->line);
	else
		jw_knull(w, key);
}

/* The "line" and "source" members that follow a value. */
static void write_origin(struct jw *w, const struct origin *o)
{
	write_line(w, "line", &o->span);
	jw_kstr(w, "source", prov_name(o->prov));
}

static void write_redacted(struct jw *w, const struct source *src, const char *key, const char *text)
{
	char *red;

	if (!text) {
		jw_knull(w, key);
		return;
	}
	red = source_masked_text(src, text, strlen(text));
	jw_kstr(w, key, red);
	free(red);
}

/* Start {"value": ... ; the caller writes the value, then end_value(). */
static bool begin_value(struct jw *w, const char *key, const struct origin *o)
{
	jw_key(w, key);
	if (o->prov == PROV_UNSET) {
		jw_null(w);
		return false;
	}
	jw_obj_open(w);
	jw_key(w, "value");
	return true;
}

static void end_value(struct jw *w, const struct origin *o)
{
	write_origin(w, o);
	jw_obj_close(w);
}

static void write_mint(struct jw *w, const char *key, const struct mint *m)
{
	if (!begin_value(w, key, &m->o))
		return;
	jw_int(w, m->v);
	end_value(w, &m->o);
}

static void write_mbool(struct jw *w, const char *key, const struct mint *m)
{
	if (!begin_value(w, key, &m->o))
		return;
	jw_bool(w, m->v != 0);
	end_value(w, &m->o);
}

static void write_mname(struct jw *w, const char *key, const struct mint *m, const char *name)
{
	if (!begin_value(w, key, &m->o))
		return;
	jw_str(w, name);
	end_value(w, &m->o);
}

enum alg_kind { ALG_ENC, ALG_INTEG, ALG_DH };

static void write_algset(struct jw *w, const char *key, const struct algset *s, enum alg_kind k)
{
	/* an algorithm list without provenance but with members still shows */
	if (s->o.prov == PROV_UNSET && s->n == 0) {
		jw_knull(w, key);
		return;
	}
	jw_key(w, key);
	jw_obj_open(w);
	jw_key(w, "value");
	jw_arr_open(w);
	for (size_t i = 0; i < s->n; i++) {
		switch (k) {
		case ALG_ENC:
			jw_str(w, vocab_enc_name((enum enc)s->order[i]));
			break;
		case ALG_INTEG:
			jw_str(w, vocab_integ_name((enum integ)s->order[i]));
			break;
		case ALG_DH:
			jw_int(w, s->order[i]);
			break;
		}
	}
	jw_arr_close(w);
	write_origin(w, &s->o);
	jw_obj_close(w);
}

static void write_key(struct jw *w, const char *key, const struct key *k, const char *what)
{
	char buf[64];

	jw_key(w, key);
	jw_obj_open(w);
	jw_kstr(w, "value", model_key_describe(k, what, buf, sizeof(buf)));
	write_origin(w, &k->o);
	jw_obj_close(w);
}

static void write_endpoint(struct jw *w, const struct source *src, const char *key, const struct endpoint *e)
{
	char buf[128];

	if (e->addr.kind == ASPEC_NONE && e->o.prov == PROV_UNSET) {
		jw_knull(w, key);
		return;
	}
	jw_key(w, key);
	jw_obj_open(w);
	jw_kstr(w, "value", report_addr_text(&e->addr, buf, sizeof(buf)));
	if (e->addr.text)
		write_redacted(w, src, "text", e->addr.text);
	write_origin(w, &e->o);
	jw_obj_close(w);
}

static void write_ident(struct jw *w, const struct source *src, const char *key, const struct ident *id)
{
	if (id->type == ID_NONE && id->o.prov == PROV_UNSET) {
		jw_knull(w, key);
		return;
	}
	jw_key(w, key);
	jw_obj_open(w);
	jw_kstr(w, "type", id->type == ID_NONE ? NULL : vocab_id_type_name(id->type));
	write_redacted(w, src, "value", id->value);
	write_origin(w, &id->o);
	jw_obj_close(w);
}

static void write_ike_proposal(struct jw *w, const struct ike_proposal *p)
{
	jw_obj_open(w);
	jw_kstr(w, "name", p->name);
	write_line(w, "line", &p->span);
	jw_kbool(w, "builtin", p->builtin);
	write_algset(w, "encryption", &p->enc, ALG_ENC);
	write_algset(w, "hash", &p->hash, ALG_INTEG);
	write_algset(w, "integrity", &p->integ, ALG_INTEG);
	write_algset(w, "prf", &p->prf, ALG_INTEG);
	write_algset(w, "dh", &p->dh, ALG_DH);
	write_mname(w, "auth_method", &p->auth, vocab_auth_name((enum auth_method)p->auth.v));
	write_mint(w, "lifetime_s", &p->lifetime_s);
	write_mint(w, "lifetime_kb", &p->lifetime_kb);
	jw_obj_close(w);
}

static void write_versions(struct jw *w, const struct mint *m)
{
	if (!begin_value(w, "versions", &m->o))
		return;
	jw_arr_open(w);
	if (m->v & IKE_V1)
		jw_int(w, 1);
	if (m->v & IKE_V2)
		jw_int(w, 2);
	jw_arr_close(w);
	end_value(w, &m->o);
}

static void write_ike(struct jw *w, const struct source *src, const struct ike *ike)
{
	jw_key(w, "ike");
	if (!ike) {
		jw_null(w);
		return;
	}
	jw_obj_open(w);
	jw_kstr(w, "peer", ike->peer_name);
	write_line(w, "peer_line", &ike->peer_span);
	write_versions(w, &ike->versions);
	write_mname(w, "exchange", &ike->exchange, model_exchange_name(ike->exchange.v));
	jw_key(w, "proposals");
	jw_arr_open(w);
	for (size_t i = 0; i < ike->nproposals; i++) {
		if (ike->proposals[i])
			write_ike_proposal(w, ike->proposals[i]);
	}
	jw_arr_close(w);
	write_key(w, "psk", &ike->psk, "psk");
	write_ident(w, src, "local_id", &ike->local_id);
	write_ident(w, src, "remote_id", &ike->remote_id);
	write_mbool(w, "nat_traversal", &ike->nat_traversal);
	jw_obj_close(w);
}

static void write_ipsec_proposal(struct jw *w, const struct ipsec_proposal *p)
{
	jw_obj_open(w);
	jw_kstr(w, "name", p->name);
	write_line(w, "line", &p->span);
	write_mname(w, "protocol", &p->proto, model_proto_name(p->proto.v));
	write_algset(w, "esp_encryption", &p->esp_enc, ALG_ENC);
	write_algset(w, "esp_integrity", &p->esp_integ, ALG_INTEG);
	write_algset(w, "ah_integrity", &p->ah_integ, ALG_INTEG);
	write_mname(w, "mode", &p->mode, model_mode_name(p->mode.v));
	write_mint(w, "lifetime_s", &p->lifetime_s);
	write_mint(w, "lifetime_kb", &p->lifetime_kb);
	jw_obj_close(w);
}

static void write_pfs(struct jw *w, const struct mint *m)
{
	if (!begin_value(w, "pfs", &m->o))
		return;
	if (m->v == 0)
		jw_str(w, "none");
	else
		jw_int(w, m->v);
	end_value(w, &m->o);
}

static void write_ipsec(struct jw *w, const struct ipsec *ip)
{
	jw_key(w, "ipsec");
	jw_obj_open(w);
	jw_key(w, "proposals");
	jw_arr_open(w);
	for (size_t i = 0; i < ip->nproposals; i++) {
		if (ip->proposals[i])
			write_ipsec_proposal(w, ip->proposals[i]);
	}
	jw_arr_close(w);
	write_pfs(w, &ip->pfs);
	write_mint(w, "lifetime_s", &ip->lifetime_s);
	write_mint(w, "lifetime_kb", &ip->lifetime_kb);
	jw_obj_close(w);
}

static void write_manual(struct jw *w, const struct manual_sa *m)
{
	static const char *const dirs[] = {"inbound", "outbound"};
	static const char *const protos[] = {"esp", "ah"};

	jw_key(w, "manual_sa");
	if (!m) {
		jw_null(w);
		return;
	}
	jw_obj_open(w);
	for (size_t d = 0; d < 2; d++) {
		jw_key(w, dirs[d]);
		jw_obj_open(w);
		for (size_t p = 0; p < 2; p++) {
			const struct manual_sa_half *h = &m->h[d][p];

			jw_key(w, protos[p]);
			jw_obj_open(w);
			write_mint(w, "spi", &h->spi);
			write_key(w, "auth_key", &h->auth_key, "key");
			write_key(w, "enc_key", &h->enc_key, "key");
			/* per direction where the driver sets them so, else null: the proposal's */
			write_mname(w, "algorithm", &h->alg,
				    p == SA_ESP ? vocab_enc_name((enum enc)h->alg.v) :
						  vocab_integ_name((enum integ)h->alg.v));
			if (p == SA_ESP)
				write_mname(w, "auth_algorithm", &h->auth_alg,
					    vocab_integ_name((enum integ)h->auth_alg.v));
			jw_obj_close(w);
		}
		write_mname(w, "policy", &m->policy[d],
			    model_msa_policy_name((enum msa_policy)m->policy[d].v));
		jw_obj_close(w);
	}
	write_mbool(w, "replay", &m->replay);
	write_mbool(w, "new_header", &m->new_header);
	jw_obj_close(w);
}

static void write_selector(struct jw *w, const struct selector *s, const struct source *src);

static void write_tunnel(struct jw *w, const struct tunnel *t)
{
	jw_obj_open(w);
	jw_kstr(w, "id", t->id);
	jw_kstr(w, "name", t->name);
	jw_kstr(w, "kind", model_tunnel_kind_name(t->kind));
	write_line(w, "line", &t->span);
	jw_kstr(w, "group", t->group);
	jw_kint(w, "seq", t->seq);
	write_endpoint(w, t->dev->src, "local", &t->local);
	jw_key(w, "remotes");
	jw_arr_open(w);
	for (size_t i = 0; i < t->nremotes; i++) {
		char buf[128];

		jw_obj_open(w);
		jw_kstr(w, "value", report_addr_text(&t->remotes[i].addr, buf, sizeof(buf)));
		if (t->remotes[i].addr.text)
			write_redacted(w, t->dev->src, "text", t->remotes[i].addr.text);
		write_origin(w, &t->remotes[i].o);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	write_mbool(w, "enabled", &t->enabled);
	jw_kbool(w, "applied", t->applied);
	write_line(w, "applied_line", &t->applied_span);
	jw_kstr(w, "selectors", t->selectors ? t->selectors->name : NULL);
	if (t->selectors && t->selectors->view) {
		/* a tunnel's own copy of rules of a device list (the filter rules naming it) */
		jw_key(w, "selector_rules");
		jw_arr_open(w);
		for (size_t j = 0; j < t->selectors->n; j++)
			write_selector(w, &t->selectors->rules[j], t->selectors->span.src);
		jw_arr_close(w);
	}
	write_ike(w, t->dev->src, t->ike);
	write_ipsec(w, &t->ipsec);
	write_manual(w, t->manual);
	jw_knull(w, "peer"); /* dump reads one file: nothing is paired */
	jw_obj_close(w);
}

static void write_addrset(struct jw *w, const struct source *src, const char *key, const struct addrspec *a)
{
	char buf[128];

	jw_key(w, key);
	jw_obj_open(w);
	write_redacted(w, src, "text", a->text);
	jw_kstr(w, "canonical", a->kind == ASPEC_NONE ? NULL : aspec_str(a, buf, sizeof(buf)));
	jw_obj_close(w);
}

static void write_ports(struct jw *w, const char *key, const struct portrange *p)
{
	jw_key(w, key);
	jw_obj_open(w);
	jw_kint(w, "lo", p->lo);
	jw_kint(w, "hi", p->hi);
	jw_obj_close(w);
}

static void write_selector(struct jw *w, const struct selector *s, const struct source *src)
{
	char text[512];

	jw_obj_open(w);
	jw_kint(w, "rule_id", s->rule_id);
	jw_kstr(w, "action", s->action == SEL_DENY ? "deny" : "permit");
	if (s->proto < 0)
		jw_kstr(w, "protocol", "any");
	else
		jw_kint(w, "protocol", s->proto);
	write_addrset(w, src, "source", &s->src);
	write_addrset(w, src, "destination", &s->dst);
	write_ports(w, "source_ports", &s->sport);
	write_ports(w, "destination_ports", &s->dport);
	jw_kstr(w, "direction",
		s->dirs == SEL_DIR_IN  ? "inbound" :
		s->dirs == SEL_DIR_OUT ? "outbound" :
					 "both");
	jw_kstr(w, "scope", s->scope);
	jw_kbool(w, "widened", s->widened);
	if (s->line)
		jw_kint(w, "line", s->line);
	else
		jw_knull(w, "line");
	jw_kint(w, "column", s->col);
	write_redacted(w, src, "text", model_sel_text(s, src, text, sizeof(text)));
	jw_obj_close(w);
}

static void write_sel_lists(struct jw *w, const struct device *d)
{
	jw_key(w, "selector_lists");
	jw_arr_open(w);
	for (size_t i = 0; i < d->nsel_lists; i++) {
		const struct sel_list *l = d->sel_lists[i];

		jw_obj_open(w);
		jw_kstr(w, "name", l->name);
		jw_kstr(w, "kind", l->list_kind ? l->list_kind : "acl");
		write_line(w, "line", &l->span);
		jw_kint(w, "refs", l->refs);
		jw_key(w, "rules");
		jw_arr_open(w);
		for (size_t j = 0; j < l->n; j++)
			write_selector(w, &l->rules[j], l->span.src);
		jw_arr_close(w);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void write_defs_refs(struct jw *w, const struct device *d)
{
	jw_key(w, "definitions");
	jw_arr_open(w);
	for (size_t i = 0; i < d->ndefs; i++) {
		const struct mdef *m = d->defs[i];

		jw_obj_open(w);
		jw_kstr(w, "kind", m->kind);
		jw_kstr(w, "name", m->name);
		write_line(w, "line", &m->span);
		jw_kbool(w, "builtin", m->builtin);
		jw_kint(w, "refs", m->refs);
		jw_obj_close(w);
	}
	jw_arr_close(w);

	jw_key(w, "references");
	jw_arr_open(w);
	for (size_t i = 0; i < d->nrefs; i++) {
		const struct mref *r = d->refs[i];

		jw_obj_open(w);
		jw_kstr(w, "kind", r->kind);
		jw_kstr(w, "name", r->name);
		write_line(w, "line", &r->span);
		jw_kint(w, "column", r->span.col);
		jw_kbool(w, "resolved", r->target != NULL);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void write_device(struct jw *w, const struct device *d)
{
	const char *dialect = model_dialect_name(d->dialect);

	jw_key(w, "device");
	jw_obj_open(w);
	jw_key(w, "name");
	jw_obj_open(w);
	jw_kstr(w, "value", d->name);
	write_origin(w, &d->name_o);
	jw_obj_close(w);
	jw_kstr(w, "vendor", model_vendor_name(d->vendor));
	jw_kstr(w, "dialect", dialect && *dialect ? dialect : NULL);
	jw_kint(w, "lines", d->lines);
	jw_kint(w, "skipped_lines", d->skipped_lines);
	jw_key(w, "addresses");
	jw_arr_open(w);
	for (size_t i = 0; i < d->naddrs; i++) {
		char buf[128];

		jw_obj_open(w);
		jw_kstr(w, "value", report_addr_text(&d->addrs[i].addr, buf, sizeof(buf)));
		jw_kstr(w, "where", d->addrs[i].where);
		write_origin(w, &d->addrs[i].o);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
}

static void write_findings(struct jw *w, const struct findings *fs)
{
	jw_key(w, "findings");
	jw_arr_open(w);
	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		const struct rule_info *ri = rule_info(f->rule);

		jw_obj_open(w);
		jw_kstr(w, "rule", ri ? ri->id : "?");
		jw_kstr(w, "severity", sev_name(f->sev));
		jw_kint(w, "line", f->loc.line);
		jw_kint(w, "column", f->loc.col);
		jw_kstr(w, "message", f->message ? f->message : "");
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

int report_dump(FILE *out, const struct parsed_file *pf)
{
	const struct device *d = pf->dev;
	struct jw w;

	jw_init(&w, out);
	jw_obj_open(&w);
	jw_kint(&w, "version", 1);
	jw_kstr(&w, "file", pf->src.path ? pf->src.path : "");
	jw_kstr(&w, "vendor", model_vendor_name(pf->vendor));
	jw_kstr(&w, "status", file_status_name(pf->status));
	if (d) {
		write_device(&w, d);
		jw_key(&w, "tunnels");
		jw_arr_open(&w);
		for (size_t i = 0; i < d->ntunnels; i++)
			write_tunnel(&w, d->tunnels[i]);
		jw_arr_close(&w);
		write_sel_lists(&w, d);
		write_defs_refs(&w, d);
	} else {
		jw_knull(&w, "device");
		jw_key(&w, "tunnels");
		jw_arr_open(&w);
		jw_arr_close(&w);
	}
	write_findings(&w, &pf->fs);
	jw_obj_close(&w);
	return jw_finish(&w);
}
