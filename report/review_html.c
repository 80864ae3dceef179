/* SPDX-License-Identifier: MIT */
/*
 * report/review_html.c - the review (or the report of one state) as one
 * self-contained HTML file: inline CSS, an inline SVG picture of the
 * topology (devices as nodes, tunnel pairs as edges coloured by verdict, a
 * dashed stub for a tunnel whose peer is not in the fleet), the tunnel
 * pairs, and the findings grouped by pair with both sides' lines quoted
 * (keys masked, the span marked). No script, no external resource: a
 * Content-Security-Policy of default-src 'none' says so to the browser.
 *
 * Layout of the picture: a hub (a device on at least 3 and 40 % of the
 * edges) in the middle, the other devices on a circle around it in row
 * order, each stub outside its device. At most HTML_MAX_NODES devices are
 * drawn, those with the worst verdicts first; the caption says how many
 * were left out. O(rows + devices).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/review.h"

#define HTML_MAX_NODES 120

/* ---- escaping --------------------------------------------------------------------- */

static void esc(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(*p < 0x20 && *p != '\t' && *p != '\n' ? '?' : *p, out);
		}
	}
}

static void esc_n(FILE *out, const char *s, size_t n)
{
	char *c = xstrndup(s, n);

	esc(out, c);
	free(c);
}

static const char *vclass(int v)
{
	switch (v) {
	case SEV_ERROR:
		return "v-error";
	case SEV_WARNING:
		return "v-warning";
	case SEV_INFO:
		return "v-info";
	case V_OK:
		return "v-ok";
	}
	return "v-absent";
}

/* ---- the picture -------------------------------------------------------------------- */

struct node {
	const char *name;
	int worst; /* worst verdict of its edges */
	size_t degree;
	double x, y;
	bool drawn;
};

static size_t node_of(struct node **v, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, name) == 0)
			return i;
	VEC_GROW(*v, *cap, *n + 1);
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].name = name;
	(*v)[*n].worst = V_ABSENT;
	return (*n)++;
}

static int row_verdict(const struct rv_row *row)
{
	return row->verdict[1] != V_ABSENT ? row->verdict[1] : V_ABSENT;
}

static int cmp_node(const void *x, const void *y)
{
	const struct node *a = x, *b = y;

	if (a->worst != b->worst)
		return a->worst > b->worst ? -1 : 1;
	if (a->degree != b->degree)
		return a->degree > b->degree ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void svg(FILE *out, const struct review *r)
{
	struct node *nodes = NULL;
	size_t nn = 0, cap = 0, hub = (size_t)-1, ndrawn = 0, edges = 0, left = 0;
	double radius, cx, cy, w, h;

	/* the devices of the rows (a linear look-up: the candidates are capped) */
	for (size_t i = 0; i < r->nrows; i++) {
		const struct rv_row *row = &r->rows[i];
		int v = row_verdict(row);
		size_t a;

		if (!row->dev_a)
			continue;
		a = node_of(&nodes, &nn, &cap, row->dev_a);
		nodes[a].degree++;
		if (v > nodes[a].worst)
			nodes[a].worst = v;
		if (row->b && row->dev_b) {
			size_t b = node_of(&nodes, &nn, &cap, row->dev_b);

			nodes[b].degree++;
			if (v > nodes[b].worst)
				nodes[b].worst = v;
			edges++;
		}
		if (nn > (size_t)4 * HTML_MAX_NODES)
			break; /* enough to choose from */
	}
	if (nn > 1)
		qsort(nodes, nn, sizeof(*nodes), cmp_node);
	ndrawn = nn < HTML_MAX_NODES ? nn : HTML_MAX_NODES;
	for (size_t i = 0; i < ndrawn; i++)
		nodes[i].drawn = true;
	for (size_t i = 0; i < ndrawn; i++)
		if (nodes[i].degree >= 3 && (double)nodes[i].degree >= 0.4 * (double)edges &&
		    (hub == (size_t)-1 || nodes[i].degree > nodes[hub].degree))
			hub = i;

	radius = ndrawn <= 1 ? 0 : fmax(150.0, 18.0 * (double)ndrawn / 3.0);
	w = 2 * radius + 360;
	h = 2 * radius + 200;
	cx = w / 2;
	cy = h / 2;
	for (size_t i = 0, k = 0, ring = ndrawn - (hub != (size_t)-1); i < ndrawn; i++) {
		double a;

		if (i == hub || ndrawn == 1) {
			nodes[i].x = cx;
			nodes[i].y = cy;
			continue;
		}
		a = 2 * M_PI * (double)k++ / (double)(ring ? ring : 1) - M_PI / 2;
		nodes[i].x = cx + radius * cos(a);
		nodes[i].y = cy + radius * sin(a);
	}

	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"topology\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
		"height=\"%.0f\" role=\"img\" aria-label=\"topology: devices and tunnel pairs\">\n",
		w, h, w, h);
	fputs("<g class=\"edges\">\n", out);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct rv_row *row = &r->rows[i];
		int v = row_verdict(row);
		struct node *a = NULL, *b = NULL;

		for (size_t k = 0; k < ndrawn && (!a || (row->b && !b)); k++) {
			if (row->dev_a && strcmp(nodes[k].name, row->dev_a) == 0)
				a = &nodes[k];
			if (row->b && row->dev_b && strcmp(nodes[k].name, row->dev_b) == 0)
				b = &nodes[k];
		}
		if (!a || (row->b && !b)) {
			left++;
			continue;
		}
		if (row->b) {
			fprintf(out, "<line class=\"edge %s%s\" data-a=\"", vclass(v),
				v == V_ABSENT ? " removed" : "");
			esc(out, row->a);
			fputs("\" data-b=\"", out);
			esc(out, row->b);
			fprintf(out,
				"\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s>",
				a->x, a->y, b->x, b->y, rv_verdict_color(v),
				v == V_ABSENT ? " stroke-dasharray=\"6 4\"" : "");
			fputs("<title>", out);
			esc(out, row->a);
			fputs(" and ", out);
			esc(out, row->b);
			fprintf(out, ": %s</title></line>\n", v == V_ABSENT ? "removed" : rv_verdict_name(v));
		} else {
			/* outward from the middle, or to the right of a lone device */
			double dx = a->x - cx, dy = a->y - cy, len = sqrt(dx * dx + dy * dy);
			double ux = len > 1 ? dx / len : 1, uy = len > 1 ? dy / len : 0;
			double sx = a->x + 70 * ux, sy = a->y + 70 * uy;

			fprintf(out, "<g class=\"stub %s\" data-a=\"", vclass(v));
			esc(out, row->a);
			fprintf(out,
				"\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
				"stroke-dasharray=\"4 4\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#bdbdbd\"/>",
				a->x, a->y, sx, sy, rv_verdict_color(v), sx, sy);
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"remote\">", sx + 8 * ux,
				sy + 4 + 10 * uy);
			esc(out, row->remote ? row->remote : "?");
			fputs("</text><title>", out);
			esc(out, row->a);
			fputs(": no peer in the fleet", out);
			if (row->remote) {
				fputs(" (", out);
				esc(out, row->remote);
				fputs(")", out);
			}
			fputs("</title></g>\n", out);
		}
	}
	fputs("</g>\n<g class=\"nodes\">\n", out);
	for (size_t i = 0; i < ndrawn; i++) {
		fprintf(out, "<g class=\"node %s\" data-device=\"", vclass(nodes[i].worst));
		esc(out, nodes[i].name);
		fprintf(out,
			"\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"16\" fill=\"#eceff1\" stroke=\"%s\" stroke-width=\"3\"/>"
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			nodes[i].x, nodes[i].y, rv_verdict_color(nodes[i].worst), nodes[i].x,
			nodes[i].y + 32);
		esc(out, nodes[i].name);
		fputs("</text><title>", out);
		esc(out, nodes[i].name);
		fprintf(out, ": %zu tunnel%s</title></g>\n", nodes[i].degree,
			nodes[i].degree == 1 ? "" : "s");
	}
	fputs("</g>\n</svg>\n", out);
	fputs("<figcaption><span class=\"key v-ok\">ok</span> <span class=\"key v-info\">info</span> "
	      "<span class=\"key v-warning\">warning</span> <span class=\"key v-error\">error</span> "
	      "<span class=\"key v-absent\">removed</span>; dashed stubs: tunnels whose peer is not in the fleet.",
	      out);
	if (nn > ndrawn || left)
		fprintf(out, " %zu device%s and %zu tunnel%s not drawn.", nn - ndrawn,
			nn - ndrawn == 1 ? "" : "s", left, left == 1 ? "" : "s");
	fputs("</figcaption>\n", out);
	free(nodes);
}

/* ---- findings ------------------------------------------------------------------------ */

/* The quoted line with the span marked (keys are masked first, lengths kept). */
static void quote(FILE *out, const struct loc *l)
{
	char *line = report_quoted_line(l->src, l->line);
	size_t len, a, b;

	if (!line)
		return;
	len = strlen(line);
	a = l->col ? l->col - 1 : 0;
	b = l->end_line == l->line && l->end_col >= l->col ? l->end_col : len;
	if (a > len)
		a = len;
	if (b > len || b < a)
		b = len;
	fputs("<pre class=\"src\">", out);
	esc_n(out, line, a);
	fputs("<mark>", out);
	esc_n(out, line + a, b - a);
	fputs("</mark>", out);
	esc(out, line + b);
	fputs("</pre>\n", out);
	free(line);
}

static void where(FILE *out, const struct loc *l)
{
	struct strbuf sb = STRBUF_INIT;

	rv_where(&sb, l);
	fputs("<code class=\"where\">", out);
	esc(out, sb_str(&sb));
	fputs("</code>", out);
	sb_free(&sb);
}

static const char *const change_names[] = {"unchanged", "introduced", "resolved"};

static void finding(FILE *out, const struct review *r, const struct rv_finding *rf)
{
	const struct finding *f = rf->f;
	const struct rule_info *ri = rule_info(f->rule);
	enum vendor v[VENDOR__COUNT];
	size_t nv;

	fprintf(out, "<div class=\"finding sev-%s change-%s\" data-rule=\"%s\">\n", sev_name(f->sev),
		change_names[rf->change], ri->id);
	fprintf(out, "<p class=\"head\"><span class=\"sev\">%s</span> <code class=\"rule\">%s</code>",
		sev_name(f->sev), ri->id);
	if (r->st[0])
		fprintf(out, " <span class=\"change\">%s</span>", change_names[rf->change]);
	fputs("</p>\n<p class=\"msg\">", out);
	esc(out, f->message);
	fputs("</p>\n<p>", out);
	where(out, &f->loc);
	fputs("</p>\n", out);
	quote(out, &f->loc);
	for (size_t i = 0; i < f->nrelated; i++) {
		fputs("<p class=\"related\">", out);
		where(out, &f->related[i]);
		fputs(" ", out);
		esc(out, f->related[i].message);
		fputs("</p>\n", out);
		quote(out, &f->related[i]);
	}
	nv = report_symptoms(f, ri, v);
	if (nv) {
		fputs("<p class=\"symptoms\">What the devices would log:", out);
		for (size_t i = 0; i < nv; i++) {
			fprintf(out, " %s <q>", model_vendor_display(v[i]));
			esc(out, ri->sym[v[i]]);
			fputs("</q>", out);
		}
		fputs("</p>\n", out);
	}
	fputs("<p class=\"fix\">Fix: ", out);
	esc(out, f->hint ? f->hint : ri->hint);
	fputs("</p>\n</div>\n", out);
}

static const char css[] =
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:72em;"
	"padding:0 1em;color:#212121}\n"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}\n"
	"table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .6em;"
	"text-align:left;vertical-align:top}th{background:#f5f5f5}td.num{text-align:right}\n"
	"code,pre{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.92em}\n"
	"pre.src{background:#fafafa;border:1px solid #e0e0e0;padding:.4em .6em;overflow-x:auto;margin:.2em 0 .6em}\n"
	"mark{background:#fff59d}\n"
	".meta{color:#616161;margin-top:0}\n"
	".v-error{color:#c62828}.v-warning{color:#ef6c00}.v-info{color:#1565c0}.v-ok{color:#2e7d32}"
	".v-absent{color:#9e9e9e}\n"
	"td.verdict{font-weight:600}\n"
	".finding{border-left:4px solid #9e9e9e;padding:.1em .9em;margin:.8em 0}\n"
	".finding.sev-error{border-color:#c62828}.finding.sev-warning{border-color:#ef6c00}"
	".finding.sev-info{border-color:#1565c0}\n"
	".finding .head{margin:.3em 0 0}.finding .sev{font-weight:700;text-transform:uppercase;font-size:.8em}\n"
	".change{font-size:.8em;padding:0 .4em;border-radius:.6em;background:#eeeeee}\n"
	".change-introduced .change{background:#ffcdd2}.change-resolved .change{background:#c8e6c9}\n"
	".finding.change-resolved{opacity:.75}\n"
	"p.msg{margin:.2em 0;font-weight:500}p.related{margin:.2em 0 0 1em}p.symptoms,p.fix{color:#424242;"
	"margin:.3em 0}\n"
	"figure{margin:0}svg.topology{max-width:100%;height:auto;border:1px solid #e0e0e0;background:#fff}\n"
	"svg text{font:12px sans-serif;fill:#212121}svg text.remote{fill:#757575;font-size:11px}\n"
	".key{font-weight:600}\n";

static void summary_row(FILE *out, const char *label, const size_t *v, bool two)
{
	fprintf(out, "<tr><th>%s</th>", label);
	if (two)
		fprintf(out, "<td class=\"num\">%zu</td>", v[0]);
	fprintf(out, "<td class=\"num\">%zu</td></tr>\n", v[1]);
}

int rv_html(FILE *out, const struct review *r, const struct report_opts *o)
{
	const char *title = o->title ? o->title :
			    r->st[0] ? "ipseclint change-window review" :
				       "ipseclint report";
	bool two = r->st[0] != NULL;
	size_t n[3] = {0}, v[2] = {0, 0};
	size_t *ix;

	for (size_t i = 0; i < r->nfs; i++)
		n[r->fs[i].change]++;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	      out);
	esc(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", css);
	esc(out, title);
	fprintf(out, "</h1>\n<p class=\"meta\">Made by ipseclint %s", IPSECLINT_VERSION);
	if (o->generated) {
		fputs(" at ", out);
		esc(out, o->generated);
	}
	fputs(".</p>\n</header>\n", out);

	fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n", out);
	fputs(two ? "<tr><th></th><th>before</th><th>after</th></tr>\n" : "", out);
	for (int k = 0; k < RV_SUMMARY_ROWS; k++) {
		v[0] = rv_summary_value(r, 0, k);
		v[1] = rv_summary_value(r, 1, k);
		summary_row(out, rv_summary_label(k), v, two);
	}
	fputs("</table>\n", out);
	if (two)
		fprintf(out,
			"<p id=\"changes\">Findings: <span class=\"introduced\">%zu introduced</span>, "
			"<span class=\"resolved\">%zu resolved</span>, %zu unchanged. Tunnels: %zu added, %zu "
			"removed.</p>\n",
			n[RV_INTRODUCED], n[RV_RESOLVED], n[RV_UNCHANGED], r->nadded, r->nremoved);
	fputs("</section>\n", out);

	fputs("<section id=\"topology\">\n<h2>Topology</h2>\n<figure>\n", out);
	svg(out, r);
	fputs("</figure>\n</section>\n", out);

	fputs("<section id=\"pairs\">\n<h2>Tunnel pairs</h2>\n<table class=\"pairs\">\n<thead><tr><th>tunnel</th>"
	      "<th>peer</th>",
	      out);
	fputs(two ? "<th>before</th><th>after</th>" : "<th>verdict</th>", out);
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct rv_row *row = &r->rows[i];

		fprintf(out, "<tr class=\"pair %s\"><td><code>", vclass(row->verdict[1]));
		esc(out, row->a);
		fputs("</code></td><td>", out);
		if (row->b) {
			fputs("<code>", out);
			esc(out, row->b);
			fputs("</code>", out);
		} else {
			fputs("no peer", out);
			if (row->remote) {
				fputs(" (<code>", out);
				esc(out, row->remote);
				fputs("</code>)", out);
			}
		}
		fputs("</td>", out);
		if (two)
			fprintf(out, "<td class=\"verdict %s\">%s</td>", vclass(row->verdict[0]),
				rv_verdict_name(row->verdict[0]));
		fprintf(out, "<td class=\"verdict %s\">%s</td></tr>\n", vclass(row->verdict[1]),
			rv_verdict_name(row->verdict[1]));
	}
	fputs("</tbody>\n</table>\n</section>\n", out);

	fputs("<section id=\"findings\">\n<h2>Findings</h2>\n", out);
	if (!r->nfs)
		fputs("<p>None.</p>\n", out);
	ix = rv_order(r);
	for (size_t j = 0; j < r->nfs; j++) {
		const struct rv_finding *rf = &r->fs[ix[j]];

		if (j == 0 || !rv_same_group(&r->fs[ix[j - 1]], rf)) {
			if (j)
				fputs("</article>\n", out);
			fputs("<article class=\"group\">\n<h3>", out);
			if (rf->row >= 0) {
				fputs("<code>", out);
				esc(out, r->rows[rf->row].a);
				fputs("</code>", out);
				if (r->rows[rf->row].b) {
					fputs(" and <code>", out);
					esc(out, r->rows[rf->row].b);
					fputs("</code>", out);
				}
			} else if (rf->f->devices[0]) {
				fputs("device <code>", out);
				esc(out, rf->f->devices[0]);
				fputs("</code>", out);
			} else {
				fputs("files", out);
			}
			fputs("</h3>\n", out);
		}
		finding(out, r, rf);
	}
	if (r->nfs)
		fputs("</article>\n", out);
	free(ix);
	fputs("</section>\n", out);
	if (two && (r->nadded || r->nremoved)) {
		fputs("<section id=\"tunnels\">\n<h2>Tunnels added and removed</h2>\n<ul>\n", out);
		for (size_t i = 0; i < r->nadded; i++) {
			fputs("<li class=\"added\">added <code>", out);
			esc(out, r->added[i]);
			fputs("</code></li>\n", out);
		}
		for (size_t i = 0; i < r->nremoved; i++) {
			fputs("<li class=\"removed\">removed <code>", out);
			esc(out, r->removed[i]);
			fputs("</code></li>\n", out);
		}
		fputs("</ul>\n</section>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? -EIO : 0;
}
