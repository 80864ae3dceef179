/* SPDX-License-Identifier: MIT */
/*
 * report/json.c - the JSON report of spec/cli.md ("--format json").
 *
 * Keys appear in the order of cli.md; keys are never removed, new ones may
 * be added. Every location has a file string and a line >= 1: a finding
 * without a file (usage-level) is written with file "" and line 1.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "common/hmap.h"
#include "report/internal.h"

const char *report_addr_text(const struct addrspec *a, char *buf, size_t bufsz)
{
	if (!a || a->kind == ASPEC_NONE)
		return NULL;
	if (aspec_is_host(a))
		return addr_ip_str(&a->a, a->family, buf, bufsz);
	return aspec_str(a, buf, bufsz);
}

static void write_files(struct jw *w, const struct report_input *in)
{
	jw_key(w, "files");
	jw_arr_open(w);
	for (size_t i = 0; i < in->nfiles; i++) {
		const struct parsed_file *pf = in->files[i];
		const struct device *d = pf->dev;
		const char *dialect = d ? model_dialect_name(d->dialect) : NULL;

		jw_obj_open(w);
		jw_kstr(w, "path", pf->src.path ? pf->src.path : "");
		jw_kstr(w, "vendor", model_vendor_name(pf->vendor));
		jw_kstr(w, "dialect", dialect && *dialect ? dialect : NULL);
		jw_kstr(w, "device", d ? d->name : NULL);
		jw_kstr(w, "status", file_status_name(pf->status));
		jw_kint(w, "lines", d ? d->lines : pf->src.nlines);
		jw_kint(w, "skipped_lines", d ? d->skipped_lines : 0);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void write_tunnel(struct jw *w, const struct tunnel *t, const struct hmap *partners)
{
	const struct source *src = t->span.src ? t->span.src : t->dev ? t->dev->src : NULL;
	const char *file = src ? src->path : NULL;
	const char *mode = NULL;
	char buf[128];

	if (t->ipsec.nproposals && t->ipsec.proposals[0])
		mode = model_mode_name(t->ipsec.proposals[0]->mode.v);

	jw_obj_open(w);
	jw_kstr(w, "id", t->id);
	jw_kstr(w, "device", t->dev ? t->dev->name : NULL);
	jw_kstr(w, "file", file ? file : "");
	jw_kint(w, "line", t->span.line);
	jw_kstr(w, "local", report_addr_text(&t->local.addr, buf, sizeof(buf)));
	jw_key(w, "remote");
	jw_arr_open(w);
	for (size_t i = 0; i < t->nremotes; i++) {
		const char *r = report_addr_text(&t->remotes[i].addr, buf, sizeof(buf));

		if (r)
			jw_str(w, r);
	}
	jw_arr_close(w);
	jw_kstr(w, "mode", mode);
	{
		const struct tunnel *peer = report_partner(partners, t);

		jw_kstr(w, "peer", peer ? peer->id : NULL);
	}
	jw_obj_close(w);
}

static void write_tunnels(struct jw *w, const struct report_input *in)
{
	struct hmap partners = report_partners(in);

	jw_key(w, "tunnels");
	jw_arr_open(w);
	for (size_t i = 0; i < in->nfiles; i++) {
		const struct device *d = in->files[i]->dev;

		for (size_t j = 0; d && j < d->ntunnels; j++)
			write_tunnel(w, d->tunnels[j], &partners);
	}
	jw_arr_close(w);
	hmap_free(&partners);
}

struct hmap report_partners(const struct report_input *in)
{
	struct hmap m = HMAP_INIT;

	for (size_t i = 0; in->pairs && i < in->pairs->n; i++) {
		const struct tunnel_pair *tp = &in->pairs->v[i];
		const struct tunnel *ends[2] = {tp->a, tp->b};

		if (!tp->a || !tp->b)
			continue;
		for (int k = 0; k < 2; k++) {
			bool added;
			uintptr_t *v = hmap_put(&m, &ends[k], sizeof(ends[k]), &added);

			if (added) /* the first pair a tunnel is in names its peer */
				*v = (uintptr_t)ends[1 - k];
		}
	}
	return m;
}

const struct tunnel *report_partner(const struct hmap *partners, const struct tunnel *t)
{
	const uintptr_t *v = hmap_find(partners, &t, sizeof(t));

	return v ? (const struct tunnel *)*v : NULL;
}

/* (tunnel id, tunnel id), either order -> the worst severity of the pair's findings + 1 */
struct pair_verdicts {
	struct hmap worst;
};

void report_pair_key(struct strbuf *k, const char *a, const char *b)
{
	if (strcmp(a, b) > 0) {
		const char *t = a;

		a = b;
		b = t;
	}
	sb_reset(k);
	sb_addn(k, a, strlen(a) + 1);
	sb_adds(k, b);
}

/* The worst severity of each pair's findings: one pass over the findings, O(findings + pairs). */
struct pair_verdicts *report_verdicts_new(const struct findings *fs)
{
	struct pair_verdicts *t = xcalloc(1, sizeof(*t));
	struct strbuf k = STRBUF_INIT;

	for (size_t i = 0; fs && i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		uintptr_t *w;

		if (!f->pair_a || !f->pair_b)
			continue;
		report_pair_key(&k, f->pair_a, f->pair_b);
		w = hmap_put(&t->worst, k.buf, k.len, NULL);
		if ((uintptr_t)f->sev + 1 > *w)
			*w = (uintptr_t)f->sev + 1;
	}
	sb_free(&k);
	return t;
}

int report_verdict(const struct pair_verdicts *v, const char *a, const char *b)
{
	struct strbuf k = STRBUF_INIT;
	const uintptr_t *w;

	report_pair_key(&k, a, b);
	w = hmap_find(&v->worst, k.buf, k.len);
	sb_free(&k);
	return w ? (int)*w - 1 : -1;
}

void report_verdicts_free(struct pair_verdicts *v)
{
	if (!v)
		return;
	hmap_free(&v->worst);
	free(v);
}

/* The pairs of the pairing step, each once; [] without pairing (--no-pairs). */
static void write_pairs(struct jw *w, const struct report_input *in)
{
	struct pair_verdicts *t = report_verdicts_new(in->fs);

	jw_key(w, "pairs");
	jw_arr_open(w);
	for (size_t i = 0; in->pairs && i < in->pairs->n; i++) {
		const struct tunnel_pair *p = &in->pairs->v[i];

		if (!p->a || !p->b)
			continue;
		jw_obj_open(w);
		jw_kstr(w, "a", p->a->id);
		jw_kstr(w, "b", p->b->id);
		int worst = report_verdict(t, p->a->id, p->b->id);

		jw_kstr(w, "status", worst < 0 ? "ok" : sev_name((enum severity)worst));
		jw_obj_close(w);
	}
	jw_arr_close(w);
	report_verdicts_free(t);
}

struct loc_range report_loc_range(const struct loc *l)
{
	struct loc_range r;

	r.line = l->line ? l->line : 1;
	r.col = l->col ? l->col : 1;
	r.end_line = l->end_line >= r.line ? l->end_line : r.line;
	r.end_col = l->end_col ? l->end_col : r.col;
	if (r.end_line == r.line && r.end_col < r.col)
		r.end_col = r.col;
	return r;
}

static void write_loc_fields(struct jw *w, const struct loc *l)
{
	struct loc_range r = report_loc_range(l);

	jw_kstr(w, "file", l->src && l->src->path ? l->src->path : "");
	jw_kint(w, "line", r.line);
	jw_kint(w, "column", r.col);
	jw_kint(w, "end_line", r.end_line);
	jw_kint(w, "end_column", r.end_col);
}

void report_json_devices_pair(struct jw *w, const struct finding *f, bool null_pair)
{
	jw_key(w, "devices");
	jw_arr_open(w);
	for (size_t i = 0; i < ARRAY_SIZE(f->devices); i++) {
		if (f->devices[i])
			jw_str(w, f->devices[i]);
	}
	jw_arr_close(w);
	if (f->pair_a && f->pair_b) {
		jw_key(w, "pair");
		jw_obj_open(w);
		jw_kstr(w, "a", f->pair_a);
		jw_kstr(w, "b", f->pair_b);
		jw_obj_close(w);
	} else if (null_pair) {
		jw_knull(w, "pair");
	}
}

void report_json_head(struct jw *w)
{
	jw_kint(w, "version", 1);
	jw_key(w, "tool");
	jw_obj_open(w);
	jw_kstr(w, "name", "ipseclint");
	jw_kstr(w, "version", IPSECLINT_VERSION);
	jw_obj_close(w);
}

size_t report_symptoms(const struct finding *f, const struct rule_info *ri, enum vendor out[VENDOR__COUNT])
{
	unsigned m = f ? fnd_vendors(f) : 0;
	size_t n = 0;

	if (!ri)
		return 0;
	for (int v = VENDOR_UNKNOWN + 1; v < VENDOR__COUNT; v++)
		if (ri->sym[v] && *ri->sym[v] && (!m || (m & (1u << v))))
			out[n++] = (enum vendor)v;
	return n;
}

void report_json_symptoms(struct jw *w, const struct finding *f, const struct rule_info *ri)
{
	enum vendor v[VENDOR__COUNT];
	size_t n = report_symptoms(f, ri, v);

	jw_key(w, "symptoms");
	jw_obj_open(w);
	for (size_t i = 0; i < n; i++)
		jw_kstr(w, model_vendor_name(v[i]), ri->sym[v[i]]);
	jw_obj_close(w);
}

void report_json_finding(struct jw *w, const struct finding *f)
{
	const struct rule_info *ri = rule_info(f->rule);
	char fp[17];

	fnd_fingerprint(f, fp);
	jw_obj_open(w);
	jw_kstr(w, "rule", ri ? ri->id : "?");
	jw_kstr(w, "severity", sev_name(f->sev));
	jw_kstr(w, "message", f->message ? f->message : "");
	jw_key(w, "location");
	jw_obj_open(w);
	write_loc_fields(w, &f->loc);
	jw_obj_close(w);
	jw_key(w, "related");
	jw_arr_open(w);
	for (size_t i = 0; i < f->nrelated; i++) {
		jw_obj_open(w);
		write_loc_fields(w, &f->related[i]);
		jw_kstr(w, "message", f->related[i].message ? f->related[i].message : "");
		jw_obj_close(w);
	}
	jw_arr_close(w);
	report_json_devices_pair(w, f, true);
	report_json_symptoms(w, f, ri);
	jw_kstr(w, "hint", f->hint ? f->hint : ri ? ri->hint : "");
	jw_kstr(w, "fingerprint", fp);
	jw_obj_close(w);
}

int report_json(FILE *out, const struct report_input *in, const struct report_opts *o)
{
	size_t nsev[3] = {0};
	struct jw w;

	(void)o;
	jw_init(&w, out);
	jw_obj_open(&w);
	report_json_head(&w);
	write_files(&w, in);
	write_tunnels(&w, in);
	write_pairs(&w, in);

	jw_key(&w, "findings");
	jw_arr_open(&w);
	for (size_t i = 0; in->fs && i < in->fs->n; i++) {
		report_json_finding(&w, &in->fs->v[i]);
		if ((unsigned)in->fs->v[i].sev < ARRAY_SIZE(nsev))
			nsev[in->fs->v[i].sev]++;
	}
	jw_arr_close(&w);

	jw_key(&w, "summary");
	jw_obj_open(&w);
	jw_kint(&w, "files", (int64_t)in->nfiles);
	jw_kint(&w, "devices", (int64_t)in->ndevices);
	jw_kint(&w, "tunnels", (int64_t)in->ntunnels);
	jw_kint(&w, "pairs", (int64_t)in->npairs);
	jw_kint(&w, "errors", (int64_t)nsev[SEV_ERROR]);
	jw_kint(&w, "warnings", (int64_t)nsev[SEV_WARNING]);
	jw_kint(&w, "infos", (int64_t)nsev[SEV_INFO]);
	jw_obj_close(&w);
	jw_obj_close(&w);
	return jw_finish(&w);
}
