/* SPDX-License-Identifier: MIT */
/*
 * report/junit.c - JUnit XML ("--format junit"), written with libxml2's
 * xmlwriter, for CI systems that show test results.
 *
 * The layout follows the Apache Ant JUnit schema (../shared/schemas/
 * junit.xsd): <testsuites> holds one <testsuite> per file, each with its
 * <properties> (vendor, dialect, device, status), one <testcase> for the
 * device and one per tunnel pair whose first tunnel is in the file, then
 * <system-out> (every finding of the file as a text line) and <system-err>.
 * A test case with findings at or above --fail-on holds one <failure>: its
 * type is the first such finding's rule, its message that finding's, its
 * text all of them. Times are 0 (nothing is timed); the timestamp is the
 * report's (SOURCE_DATE_EPOCH when set).
 *
 * Findings and pairs are put in per-file buckets first: O(files + findings
 * + pairs). Text that XML 1.0 cannot carry (control characters, broken
 * UTF-8 in a path) is written as '?'.
 */
#include "report/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "common/hmap.h"
#include "report/internal.h"

#define X(s) ((const xmlChar *)(s))

/* ---- XML-safe text ------------------------------------------------------------ */

/* The length of the UTF-8 sequence at s (of n bytes), or 0 when it is not valid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		k = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		k = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		k = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return k;
}

static const xmlChar *safe(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);

	sb_reset(sb);
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(p + i, n - i);

		if (!k || (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n')) {
			sb_addc(sb, '?');
			i++;
			continue;
		}
		sb_addn(sb, (const char *)p + i, k);
		i += k;
	}
	sb_addn(sb, "", 0);
	return X(sb->buf ? sb->buf : "");
}

struct xw {
	xmlTextWriterPtr w;
	struct strbuf tmp;
	int err;
};

static void start(struct xw *x, const char *el)
{
	x->err |= xmlTextWriterStartElement(x->w, X(el)) < 0;
}

static void end(struct xw *x)
{
	x->err |= xmlTextWriterEndElement(x->w) < 0;
}

static void attr(struct xw *x, const char *name, const char *value)
{
	x->err |= xmlTextWriterWriteAttribute(x->w, X(name), safe(&x->tmp, value)) < 0;
}

static void attr_num(struct xw *x, const char *name, size_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	attr(x, name, num);
}

static void text(struct xw *x, const char *s)
{
	x->err |= xmlTextWriterWriteString(x->w, safe(&x->tmp, s)) < 0;
}

/* ---- buckets -------------------------------------------------------------------- */

struct bucket {
	const struct finding **v;
	size_t n, cap;
};

struct pair_bucket {
	const struct tunnel_pair **v;
	size_t n, cap;
};

struct plan {
	struct bucket *dev_fs;	   /* per file: its findings that are not about a pair */
	struct bucket *all_fs;	   /* per file: all its findings (system-out) */
	struct pair_bucket *pairs; /* per file: the pairs whose A tunnel it holds */
	struct bucket *pair_fs;	   /* per pair (in->pairs order): its findings */
};

static void push(struct bucket *b, const struct finding *f)
{
	VEC_GROW(b->v, b->cap, b->n + 1);
	b->v[b->n++] = f;
}

static void plan_build(struct plan *pl, const struct report_input *in)
{
	size_t np = in->pairs ? in->pairs->n : 0, nf = in->fs ? in->fs->n : 0;
	struct hmap files = HMAP_INIT, devs = HMAP_INIT, ids = HMAP_INIT; /* -> index */
	struct strbuf key = STRBUF_INIT;
	const uintptr_t *k;

	pl->dev_fs = xcalloc(in->nfiles + 1, sizeof(*pl->dev_fs));
	pl->all_fs = xcalloc(in->nfiles + 1, sizeof(*pl->all_fs));
	pl->pairs = xcalloc(in->nfiles + 1, sizeof(*pl->pairs));
	pl->pair_fs = xcalloc(np + 1, sizeof(*pl->pair_fs));
	for (size_t i = 0; i < in->nfiles; i++) {
		const struct source *src = &in->files[i]->src;

		*hmap_put(&files, &src, sizeof(src), NULL) = i;
		if (in->files[i]->dev)
			*hmap_put(&devs, &in->files[i]->dev, sizeof(in->files[i]->dev), NULL) = i;
	}
	for (size_t p = 0; p < np; p++) {
		const struct tunnel_pair *tp = &in->pairs->v[p];
		const struct device *d;
		uintptr_t *v;
		bool added;

		if (!tp->a || !tp->b)
			continue;
		d = tp->a->dev;
		if ((k = hmap_find(&devs, &d, sizeof(d)))) {
			VEC_GROW(pl->pairs[*k].v, pl->pairs[*k].cap, pl->pairs[*k].n + 1);
			pl->pairs[*k].v[pl->pairs[*k].n++] = tp;
		}
		report_pair_key(&key, tp->a->id, tp->b->id);
		v = hmap_put(&ids, key.buf, key.len, &added);
		if (added) /* the first pair of two tunnels takes their findings */
			*v = p;
	}
	for (size_t i = 0; i < nf; i++) {
		const struct finding *f = &in->fs->v[i];
		const uintptr_t *file =
			f->loc.src ? hmap_find(&files, &f->loc.src, sizeof(f->loc.src)) : NULL;
		const uintptr_t *pair = NULL;

		if (file)
			push(&pl->all_fs[*file], f);
		if (f->pair_a && f->pair_b) {
			report_pair_key(&key, f->pair_a, f->pair_b);
			pair = hmap_find(&ids, key.buf, key.len);
		}
		if (pair)
			push(&pl->pair_fs[*pair], f);
		else if (file)
			push(&pl->dev_fs[*file], f);
	}
	sb_free(&key);
	hmap_free(&files);
	hmap_free(&devs);
	hmap_free(&ids);
}

static void plan_free(struct plan *pl, const struct report_input *in)
{
	for (size_t i = 0; i < in->nfiles; i++) {
		free(pl->dev_fs[i].v);
		free(pl->all_fs[i].v);
		free(pl->pairs[i].v);
	}
	for (size_t p = 0; in->pairs && p < in->pairs->n; p++)
		free(pl->pair_fs[p].v);
	free(pl->dev_fs);
	free(pl->all_fs);
	free(pl->pairs);
	free(pl->pair_fs);
}

/* ---- the document ----------------------------------------------------------------- */

static void finding_line(struct strbuf *sb, const struct finding *f)
{
	const struct rule_info *ri = rule_info(f->rule);

	if (f->loc.src)
		sb_addf(sb, "%s:%u:%u: ", f->loc.src->path ? f->loc.src->path : "", f->loc.line, f->loc.col);
	sb_addf(sb, "%s: %s [%s]\n", sev_name(f->sev), f->message ? f->message : "", ri->id);
	for (size_t i = 0; i < f->nrelated; i++) {
		const struct loc *l = &f->related[i];

		if (l->src)
			sb_addf(sb, "%s:%u:%u: note: %s\n", l->src->path ? l->src->path : "", l->line, l->col,
				l->message ? l->message : "");
	}
}

static bool fails(const struct finding *f, const struct report_opts *o)
{
	return o->fail_on != SEV_NONE && f->sev >= o->fail_on;
}

static const struct finding *first_failing(const struct bucket *b, const struct report_opts *o)
{
	for (size_t i = 0; i < b->n; i++)
		if (fails(b->v[i], o))
			return b->v[i];
	return NULL;
}

static void write_case(struct xw *x, const char *classname, const char *name, const struct bucket *b,
		       const struct report_opts *o)
{
	const struct finding *first = first_failing(b, o);

	start(x, "testcase");
	attr(x, "name", name);
	attr(x, "classname", classname);
	attr(x, "time", "0");
	if (first) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < b->n; i++)
			if (fails(b->v[i], o))
				finding_line(&sb, b->v[i]);
		start(x, "failure");
		attr(x, "message", first->message);
		attr(x, "type", rule_info(first->rule)->id);
		text(x, sb_str(&sb));
		end(x);
		sb_free(&sb);
	}
	end(x);
}

static void write_suite(struct xw *x, const struct report_input *in, const struct report_opts *o,
			const struct plan *pl, size_t k, const char *host)
{
	const struct parsed_file *pf = in->files[k];
	const struct device *d = pf->dev;
	const char *dev = d && d->name ? d->name : pf->src.path ? pf->src.path : "-";
	const struct pair_bucket *pb = &pl->pairs[k];
	const char *props[][2] = {
		{"vendor", model_vendor_name(pf->vendor)},
		{"dialect", d ? model_dialect_name(d->dialect) : ""},
		{"device", d && d->name ? d->name : ""},
		{"status", file_status_name(pf->status)},
	};
	struct strbuf sb = STRBUF_INIT;
	size_t failures = first_failing(&pl->dev_fs[k], o) != NULL;

	for (size_t p = 0; p < pb->n; p++)
		failures += first_failing(&pl->pair_fs[pb->v[p] - in->pairs->v], o) != NULL;
	start(x, "testsuite");
	attr(x, "name", pf->src.path && *pf->src.path ? pf->src.path : "-");
	attr(x, "package", "ipseclint");
	attr_num(x, "id", k);
	attr(x, "timestamp", o->generated ? o->generated : "1970-01-01T00:00:00");
	attr(x, "hostname", host);
	attr_num(x, "tests", 1 + pb->n);
	attr_num(x, "failures", failures);
	attr(x, "errors", "0");
	attr(x, "time", "0");

	start(x, "properties");
	for (size_t i = 0; i < ARRAY_SIZE(props); i++) {
		if (!props[i][1] || !*props[i][1])
			continue;
		start(x, "property");
		attr(x, "name", props[i][0]);
		attr(x, "value", props[i][1]);
		end(x);
	}
	end(x);

	sb_addf(&sb, "device %s", dev);
	write_case(x, dev, sb_str(&sb), &pl->dev_fs[k], o);
	for (size_t p = 0; p < pb->n; p++) {
		const struct tunnel_pair *tp = pb->v[p];

		sb_reset(&sb);
		sb_addf(&sb, "pair %s - %s", tp->a->id, tp->b->id);
		write_case(x, dev, sb_str(&sb), &pl->pair_fs[tp - in->pairs->v], o);
	}

	sb_reset(&sb);
	for (size_t i = 0; i < pl->all_fs[k].n; i++)
		finding_line(&sb, pl->all_fs[k].v[i]);
	start(x, "system-out");
	text(x, sb_str(&sb));
	end(x);
	start(x, "system-err");
	text(x, "");
	end(x);
	end(x);
	sb_free(&sb);
}

int report_junit(FILE *out, const struct report_input *in, const struct report_opts *o)
{
	xmlBufferPtr buf = xmlBufferCreate();
	struct xw x = {0};
	struct plan pl;
	char host[256];
	size_t len;

	if (!buf)
		util_die_oom();
	x.w = xmlNewTextWriterMemory(buf, 0);
	if (!x.w)
		util_die_oom();
	if (gethostname(host, sizeof(host)) != 0 || !host[0])
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	plan_build(&pl, in);
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, X("  "));
	x.err |= xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0;
	start(&x, "testsuites");
	for (size_t k = 0; k < in->nfiles; k++)
		write_suite(&x, in, o, &pl, k, host);
	end(&x);
	x.err |= xmlTextWriterEndDocument(x.w) < 0;
	xmlFreeTextWriter(x.w);
	plan_free(&pl, in);
	sb_free(&x.tmp);
	len = (size_t)xmlBufferLength(buf);
	if (!x.err && fwrite(xmlBufferContent(buf), 1, len, out) != len)
		x.err = 1;
	xmlBufferFree(buf);
	return x.err || ferror(out) ? -EIO : 0;
}
