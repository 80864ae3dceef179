/* SPDX-License-Identifier: MIT */
/*
 * report/review.c - the change-window review: rows (tunnel pairs and
 * unpaired tunnels) with a verdict per state, findings matched across the
 * states by fingerprint, tunnels added and removed; and its text and JSON
 * renderers. Cost: O(rows + findings) with hash maps on ids and
 * fingerprints, plus the sorts.
 */
#include "report/review.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/hmap.h"

const char *rv_verdict_name(int v)
{
	if (v == V_ABSENT)
		return "-";
	if (v == V_OK)
		return "ok";
	return sev_name((enum severity)v);
}

const char *rv_verdict_color(int v)
{
	switch (v) {
	case SEV_ERROR:
		return "#c62828";
	case SEV_WARNING:
		return "#ef6c00";
	case SEV_INFO:
		return "#1565c0";
	case V_OK:
		return "#2e7d32";
	}
	return "#9e9e9e";
}

const char *rv_summary_label(int k)
{
	static const char *const labels[RV_SUMMARY_ROWS] = {"files",  "devices",  "tunnels", "tunnel pairs",
							    "errors", "warnings", "infos"};

	return k >= 0 && k < RV_SUMMARY_ROWS ? labels[k] : "";
}

size_t rv_summary_value(const struct review *r, int state, int k)
{
	const struct report_input *in = r->st[state];

	if (!in)
		return 0;
	switch (k) {
	case 0:
		return in->nfiles;
	case 1:
		return in->ndevices;
	case 2:
		return in->ntunnels;
	case 3:
		return in->npairs;
	case 4:
		return r->count[state][SEV_ERROR];
	case 5:
		return r->count[state][SEV_WARNING];
	default:
		return r->count[state][SEV_INFO];
	}
}

void rv_where(struct strbuf *sb, const struct loc *l)
{
	if (!l->src) {
		sb_adds(sb, "ipseclint");
		return;
	}
	sb_addf(sb, "%s:%u:%u", l->src->path ? l->src->path : "", l->line ? l->line : 1, l->col ? l->col : 1);
}

/* ---- a string map (row keys, tunnel ids) ------------------------------------------ */

/* The index under k, or (when absent) v, which is then stored. */
static size_t smap_get_or_put(struct hmap *m, const char *k, size_t v, bool *found)
{
	bool added;
	uintptr_t *p = hmap_puts(m, k, &added);

	if (added)
		*p = v;
	*found = !added;
	return *p;
}

static bool smap_get(const struct hmap *m, const char *k, size_t *v)
{
	const uintptr_t *p = hmap_finds(m, k);

	if (p)
		*v = *p;
	return p != NULL;
}

/* ---- building -------------------------------------------------------------------- */

/* "a\x1fb" with a <= b, or "a\x1f" for an unpaired tunnel */
static void row_key(struct strbuf *sb, const char *a, const char *b)
{
	sb_reset(sb);
	if (b && strcmp(a, b) > 0) {
		const char *t = a;

		a = b;
		b = t;
	}
	sb_addf(sb, "%s\x1f%s", a, b ? b : "");
}

/* The row of (a, b), made when there is none yet. */
static struct rv_row *row_of(struct review *r, struct hmap *m, struct strbuf *key, const char *a,
			     const char *b, size_t *cap)
{
	bool found;
	size_t i;

	row_key(key, a, b);
	i = smap_get_or_put(m, sb_str(key), r->nrows, &found);
	if (!found) {
		struct rv_row *row;

		row = VEC_NEW(r->rows, r->nrows, *cap);
		row->a = a;
		row->b = b;
		row->verdict[0] = row->verdict[1] = V_ABSENT;
	}
	if (!r->rows || i >= r->nrows)
		abort(); /* the map holds indexes of rows made: cannot happen */
	return &r->rows[i];
}

static void add_state(struct review *r, int s, const struct report_input *in, struct hmap *rows, size_t *cap)
{
	struct pair_verdicts *pv = report_verdicts_new(in->fs);
	struct hmap unpaired = HMAP_INIT; /* tunnel id -> worst of its pair-less findings */
	struct hmap partners = report_partners(in);
	struct strbuf key = STRBUF_INIT;

	for (size_t i = 0; in->fs && i < in->fs->n; i++) {
		const struct finding *f = &in->fs->v[i];
		bool found;
		size_t k;

		if ((unsigned)f->sev < 3)
			r->count[s][f->sev]++;
		if (!f->pair_a || f->pair_b)
			continue;
		k = smap_get_or_put(&unpaired, f->pair_a, (size_t)f->sev, &found);
		if (found && (size_t)f->sev > k)
			*hmap_finds(&unpaired, f->pair_a) = (size_t)f->sev;
	}
	for (size_t i = 0; in->pairs && i < in->pairs->n; i++) {
		const struct tunnel_pair *p = &in->pairs->v[i];
		struct rv_row *row;

		if (!p->a || !p->b)
			continue;
		row = row_of(r, rows, &key, p->a->id, p->b->id, cap);
		row->verdict[s] = report_verdict(pv, p->a->id, p->b->id);
		row->ta = p->a;
		row->tb = p->b;
		row->a = p->a->id;
		row->b = p->b->id;
		row->dev_a = p->a->dev ? p->a->dev->name : NULL;
		row->dev_b = p->b->dev ? p->b->dev->name : NULL;
	}
	for (size_t f = 0; f < in->nfiles; f++) {
		const struct device *d = in->files[f]->dev;

		for (size_t i = 0; d && i < d->ntunnels; i++) {
			const struct tunnel *t = d->tunnels[i];
			struct rv_row *row;
			size_t worst;
			char buf[128];

			if (report_partner(&partners, t))
				continue;
			row = row_of(r, rows, &key, t->id, NULL, cap);
			row->verdict[s] = smap_get(&unpaired, t->id, &worst) ? (int)worst : V_OK;
			row->ta = t;
			row->dev_a = d->name;
			row->remote = NULL;
			if (t->nremotes) {
				const char *ra = report_addr_text(&t->remotes[0].addr, buf, sizeof(buf));

				row->remote = ra ? arena_strdup(d->arena, ra) : NULL;
			}
		}
	}
	sb_free(&key);
	hmap_free(&unpaired);
	hmap_free(&partners);
	report_verdicts_free(pv);
}

static int worst_verdict(const struct rv_row *row)
{
	return row->verdict[1] != V_ABSENT ? row->verdict[1] : row->verdict[0];
}

static int cmp_row(const void *x, const void *y)
{
	const struct rv_row *a = x, *b = y;
	int va = worst_verdict(a), vb = worst_verdict(b), c;

	if (va != vb)
		return va > vb ? -1 : 1;
	c = strcmp(a->a, b->a);
	if (c)
		return c;
	return strcmp(a->b ? a->b : "", b->b ? b->b : "");
}

static void tunnel_ids(const struct report_input *in, struct hmap *m)
{
	for (size_t f = 0; in && f < in->nfiles; f++) {
		const struct device *d = in->files[f]->dev;

		for (size_t i = 0; d && i < d->ntunnels; i++) {
			bool found;

			smap_get_or_put(m, d->tunnels[i]->id, 0, &found);
		}
	}
}

static void tunnel_diff(const struct report_input *x, const struct hmap *other, const char ***out, size_t *n)
{
	size_t cap = 0, v;

	for (size_t f = 0; x && f < x->nfiles; f++) {
		const struct device *d = x->files[f]->dev;

		for (size_t i = 0; d && i < d->ntunnels; i++) {
			if (smap_get(other, d->tunnels[i]->id, &v))
				continue;
			VEC_GROW(*out, cap, *n + 1);
			(*out)[(*n)++] = d->tunnels[i]->id;
		}
	}
}

static int finding_row(struct hmap *rows, struct strbuf *key, const struct finding *f)
{
	size_t i;

	if (!f->pair_a)
		return -1;
	row_key(key, f->pair_a, f->pair_b);
	return smap_get(rows, sb_str(key), &i) ? (int)i : -1;
}

void rv_build(struct review *r, const struct report_input *before, const struct report_input *after)
{
	struct hmap rows = HMAP_INIT, fps = HMAP_INIT, ids_before = HMAP_INIT, ids_after = HMAP_INIT;
	struct strbuf key = STRBUF_INIT;
	size_t cap = 0, fcap = 0;
	char fp[17];

	memset(r, 0, sizeof(*r));
	r->st[0] = before;
	r->st[1] = after;
	if (before)
		add_state(r, 0, before, &rows, &cap);
	add_state(r, 1, after, &rows, &cap);
	if (r->nrows > 1)
		qsort(r->rows, r->nrows, sizeof(*r->rows), cmp_row);
	/* the keys' indexes changed with the sort: build the map again */
	hmap_free(&rows);
	for (size_t i = 0; i < r->nrows; i++) {
		bool found;

		row_key(&key, r->rows[i].a, r->rows[i].b);
		smap_get_or_put(&rows, sb_str(&key), i, &found);
	}

	for (size_t i = 0; before && before->fs && i < before->fs->n; i++) {
		bool found;

		fnd_fingerprint(&before->fs->v[i], fp);
		smap_get_or_put(&fps, fp, i, &found);
	}
	for (size_t i = 0; after->fs && i < after->fs->n; i++) {
		const struct finding *f = &after->fs->v[i];
		size_t v;

		fnd_fingerprint(f, fp);
		VEC_GROW(r->fs, fcap, r->nfs + 1);
		r->fs[r->nfs].f = f;
		r->fs[r->nfs].change = !before		      ? RV_UNCHANGED :
				       smap_get(&fps, fp, &v) ? RV_UNCHANGED :
								RV_INTRODUCED;
		r->fs[r->nfs].row = finding_row(&rows, &key, f);
		r->nfs++;
	}
	if (before) {
		struct hmap now = HMAP_INIT;

		for (size_t i = 0; after->fs && i < after->fs->n; i++) {
			bool found;

			fnd_fingerprint(&after->fs->v[i], fp);
			smap_get_or_put(&now, fp, i, &found);
		}
		for (size_t i = 0; before->fs && i < before->fs->n; i++) {
			const struct finding *f = &before->fs->v[i];
			size_t v;

			fnd_fingerprint(f, fp);
			if (smap_get(&now, fp, &v))
				continue;
			VEC_GROW(r->fs, fcap, r->nfs + 1);
			r->fs[r->nfs].f = f;
			r->fs[r->nfs].change = RV_RESOLVED;
			r->fs[r->nfs].row = finding_row(&rows, &key, f);
			r->nfs++;
		}
		hmap_free(&now);
		tunnel_ids(before, &ids_before);
		tunnel_ids(after, &ids_after);
		tunnel_diff(after, &ids_before, &r->added, &r->nadded);
		tunnel_diff(before, &ids_after, &r->removed, &r->nremoved);
	}
	sb_free(&key);
	hmap_free(&rows);
	hmap_free(&fps);
	hmap_free(&ids_before);
	hmap_free(&ids_after);
}

void rv_free(struct review *r)
{
	free(r->rows);
	free(r->fs);
	free(r->added);
	free(r->removed);
	memset(r, 0, sizeof(*r));
}

bool report_review_introduces(const struct report_input *before, const struct report_input *after,
			      enum severity fail_on)
{
	struct review r;
	bool hit = false;

	rv_build(&r, before, after);
	for (size_t i = 0; i < r.nfs && !hit; i++)
		hit = r.fs[i].change == RV_INTRODUCED && r.fs[i].f->sev >= fail_on;
	rv_free(&r);
	return hit;
}

bool rv_same_device(const struct finding *x, const struct finding *y)
{
	const char *a = x->devices[0], *b = y->devices[0];

	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const struct review *order_ctx;

static int change_rank(enum rv_change c)
{
	return c == RV_INTRODUCED ? 0 : c == RV_RESOLVED ? 1 : 2;
}

static int cmp_group(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct rv_finding *p = &order_ctx->fs[i], *q = &order_ctx->fs[j];
	const char *a = p->f->devices[0], *b = q->f->devices[0];
	int c;

	if ((p->row < 0) != (q->row < 0))
		return p->row < 0 ? 1 : -1;
	if (p->row >= 0 && p->row != q->row)
		return p->row < q->row ? -1 : 1;
	if (p->row < 0) {
		c = !a || !b ? (a ? -1 : b ? 1 : 0) : strcmp(a, b);
		if (c)
			return c;
	}
	/* in a group: what the change does first, then the worst */
	if (p->change != q->change)
		return change_rank(p->change) < change_rank(q->change) ? -1 : 1;
	if (p->f->sev != q->f->sev)
		return p->f->sev > q->f->sev ? -1 : 1;
	return i < j ? -1 : i > j;
}

size_t *rv_order(const struct review *r)
{
	size_t *ix = xcalloc(r->nfs + 1, sizeof(*ix));

	for (size_t i = 0; i < r->nfs; i++)
		ix[i] = i;
	order_ctx = r; /* the renderers run on one thread */
	if (r->nfs > 1)
		qsort(ix, r->nfs, sizeof(*ix), cmp_group);
	order_ctx = NULL;
	return ix;
}

bool rv_same_group(const struct rv_finding *x, const struct rv_finding *y)
{
	if (x->row >= 0 || y->row >= 0)
		return x->row == y->row;
	return rv_same_device(x->f, y->f);
}

/* ---- text -------------------------------------------------------------------------- */

static void text_finding(FILE *out, const struct finding *f)
{
	struct strbuf sb = STRBUF_INIT;

	rv_where(&sb, &f->loc);
	fprintf(out, "  %s: %s: %s [%s]\n", sb_str(&sb), sev_name(f->sev), f->message ? f->message : "",
		rule_info(f->rule)->id);
	for (size_t i = 0; i < f->nrelated; i++) {
		sb_reset(&sb);
		rv_where(&sb, &f->related[i]);
		fprintf(out, "    %s: note: %s\n", sb_str(&sb),
			f->related[i].message ? f->related[i].message : "");
	}
	sb_free(&sb);
}

static void state_line(FILE *out, const char *what, const struct report_input *in, const size_t *count)
{
	fprintf(out,
		"%s: %zu file%s, %zu device%s, %zu tunnel pair%s: %zu error%s, %zu warning%s, %zu info%s\n",
		what, in->nfiles, in->nfiles == 1 ? "" : "s", in->ndevices, in->ndevices == 1 ? "" : "s",
		in->npairs, in->npairs == 1 ? "" : "s", count[SEV_ERROR], count[SEV_ERROR] == 1 ? "" : "s",
		count[SEV_WARNING], count[SEV_WARNING] == 1 ? "" : "s", count[SEV_INFO],
		count[SEV_INFO] == 1 ? "" : "s");
}

static int review_text(FILE *out, const struct review *r, const struct report_opts *o)
{
	static const char *const heads[] = {"unchanged", "introduced", "resolved"};
	size_t n[3] = {0};

	for (size_t i = 0; i < r->nfs; i++)
		n[r->fs[i].change]++;
	if (r->st[0])
		state_line(out, "before", r->st[0], r->count[0]);
	state_line(out, r->st[0] ? "after" : "state", r->st[1], r->count[1]);
	fputs("\ntunnels (before -> after):\n", out);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct rv_row *row = &r->rows[i];

		if (r->st[0])
			fprintf(out, "  %-7s -> %-7s  ", rv_verdict_name(row->verdict[0]),
				rv_verdict_name(row->verdict[1]));
		else
			fprintf(out, "  %-7s  ", rv_verdict_name(row->verdict[1]));
		if (row->b)
			fprintf(out, "%s <-> %s\n", row->a, row->b);
		else
			fprintf(out, "%s (no peer%s%s)\n", row->a, row->remote ? ": " : "",
				row->remote ? row->remote : "");
	}
	for (int c = RV_INTRODUCED; c <= RV_RESOLVED && r->st[0]; c++) {
		fprintf(out, "\n%s (%zu):\n", heads[c], n[c]);
		for (size_t i = 0; i < r->nfs; i++)
			if (r->fs[i].change == (enum rv_change)c)
				text_finding(out, r->fs[i].f);
	}
	if (!r->st[0]) {
		fprintf(out, "\nfindings (%zu):\n", r->nfs);
		for (size_t i = 0; i < r->nfs; i++)
			text_finding(out, r->fs[i].f);
	} else {
		fprintf(out, "\nunchanged: %zu finding%s\n", n[RV_UNCHANGED],
			n[RV_UNCHANGED] == 1 ? "" : "s");
		fprintf(out, "tunnels added (%zu):%s", r->nadded, r->nadded ? "\n" : " none\n");
		for (size_t i = 0; i < r->nadded; i++)
			fprintf(out, "  %s\n", r->added[i]);
		fprintf(out, "tunnels removed (%zu):%s", r->nremoved, r->nremoved ? "\n" : " none\n");
		for (size_t i = 0; i < r->nremoved; i++)
			fprintf(out, "  %s\n", r->removed[i]);
	}
	(void)o;
	return ferror(out) ? -EIO : 0;
}

/* ---- JSON -------------------------------------------------------------------------- */

static void json_state(struct jw *w, const char *key, const struct report_input *in, const size_t *count)
{
	jw_key(w, key);
	if (!in) {
		jw_null(w);
		return;
	}
	jw_obj_open(w);
	jw_kint(w, "files", (int64_t)in->nfiles);
	jw_kint(w, "devices", (int64_t)in->ndevices);
	jw_kint(w, "tunnels", (int64_t)in->ntunnels);
	jw_kint(w, "pairs", (int64_t)in->npairs);
	jw_kint(w, "errors", (int64_t)count[SEV_ERROR]);
	jw_kint(w, "warnings", (int64_t)count[SEV_WARNING]);
	jw_kint(w, "infos", (int64_t)count[SEV_INFO]);
	jw_obj_close(w);
}

static const char *row_change(const struct rv_row *row)
{
	if (row->verdict[0] == V_ABSENT)
		return "added";
	if (row->verdict[1] == V_ABSENT)
		return "removed";
	if (row->verdict[1] > row->verdict[0])
		return "worse";
	if (row->verdict[1] < row->verdict[0])
		return "better";
	return "same";
}

static int review_json(FILE *out, const struct review *r)
{
	static const char *const keys[] = {"unchanged", "introduced", "resolved"};
	struct jw w;

	jw_init(&w, out);
	jw_obj_open(&w);
	report_json_head(&w);
	json_state(&w, "before", r->st[0], r->count[0]);
	json_state(&w, "after", r->st[1], r->count[1]);
	jw_key(&w, "pairs");
	jw_arr_open(&w);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct rv_row *row = &r->rows[i];

		jw_obj_open(&w);
		jw_kstr(&w, "a", row->a);
		jw_kstr(&w, "b", row->b);
		jw_kstr(&w, "before",
			r->st[0] && row->verdict[0] != V_ABSENT ? rv_verdict_name(row->verdict[0]) : NULL);
		jw_kstr(&w, "after", row->verdict[1] != V_ABSENT ? rv_verdict_name(row->verdict[1]) : NULL);
		jw_kstr(&w, "change", r->st[0] ? row_change(row) : NULL);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "findings");
	jw_obj_open(&w);
	for (int c = 0; c < 3; c++) {
		jw_key(&w, keys[c]);
		jw_arr_open(&w);
		for (size_t i = 0; i < r->nfs; i++)
			if (r->fs[i].change == (enum rv_change)c)
				report_json_finding(&w, r->fs[i].f);
		jw_arr_close(&w);
	}
	jw_obj_close(&w);
	for (int k = 0; k < 2; k++) {
		jw_key(&w, k ? "tunnels_removed" : "tunnels_added");
		jw_arr_open(&w);
		for (size_t i = 0; i < (k ? r->nremoved : r->nadded); i++)
			jw_str(&w, k ? r->removed[i] : r->added[i]);
		jw_arr_close(&w);
	}
	jw_obj_close(&w);
	return jw_finish(&w);
}

int report_review(FILE *out, enum report_format f, const struct report_input *before,
		  const struct report_input *after, const struct report_opts *o)
{
	struct review r;
	int rc;

	rv_build(&r, before, after);
	switch (f) {
	case REPORT_JSON:
		rc = review_json(out, &r);
		break;
	case REPORT_MARKDOWN:
		rc = rv_markdown(out, &r, o);
		break;
	case REPORT_HTML:
		rc = rv_html(out, &r, o);
		break;
	default:
		rc = review_text(out, &r, o);
		break;
	}
	rv_free(&r);
	return rc;
}
