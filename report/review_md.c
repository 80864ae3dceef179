/* SPDX-License-Identifier: MIT */
/*
 * report/review_md.c - the review (or the report of one state) as
 * Markdown: a summary table, the topology as a Mermaid graph (GitHub and
 * GitLab draw it; elsewhere it reads as a list of edges), the tunnel pairs
 * with their verdicts, and the findings grouped by pair and by device, each
 * with both sides' lines quoted (keys masked).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/review.h"

#define MERMAID_MAX_EDGES 150

/* Text with the characters Markdown would read as markup escaped. */
static void md_text(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#~", *s))
			fputc('\\', out);
		fputc(*s == '\n' ? ' ' : *s, out);
	}
}

/* A code span: fenced by more backticks than any run inside. */
static void md_code(FILE *out, const char *s)
{
	size_t run = 0, max = 0;

	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > max)
			max = run;
	}
	for (size_t i = 0; i <= max; i++)
		fputc('`', out);
	fputs(max || *s == '`' ? " " : "", out);
	for (const char *p = s; *p; p++)
		fputc(*p == '\n' ? ' ' : *p, out);
	fputs(max || (*s && s[strlen(s) - 1] == '`') ? " " : "", out);
	for (size_t i = 0; i <= max; i++)
		fputc('`', out);
}

/* A quoted source line as a fenced block ('~' fences longer than any run inside). */
static void md_quote(FILE *out, const struct loc *l)
{
	char *line = report_quoted_line(l->src, l->line);
	size_t run = 0, max = 2;

	if (!line)
		return;
	for (const char *p = line; *p; p++) {
		run = *p == '~' ? run + 1 : 0;
		if (run > max)
			max = run;
	}
	/* indented to the list item's content, so that the block stays in the item */
	fputs("\n  ", out);
	for (size_t i = 0; i <= max; i++)
		fputc('~', out);
	fputs("text\n  ", out);
	fputs(line, out);
	fputs("\n  ", out);
	for (size_t i = 0; i <= max; i++)
		fputc('~', out);
	fputs("\n\n", out);
	free(line);
}

static const char *const change_names[] = {"unchanged", "introduced", "resolved"};

static void md_finding(FILE *out, const struct review *r, const struct rv_finding *rf)
{
	const struct finding *f = rf->f;
	const struct rule_info *ri = rule_info(f->rule);
	struct strbuf sb = STRBUF_INIT;
	enum vendor v[VENDOR__COUNT];
	size_t nv;

	fprintf(out, "- **%s** ", sev_name(f->sev));
	md_code(out, ri->id);
	if (r->st[0])
		fprintf(out, " (%s%s)", change_names[rf->change],
			rf->change == RV_RESOLVED ? ": the line below is the old state's" : "");
	fputs(": ", out);
	md_text(out, f->message);
	fputs("  \n  ", out);
	rv_where(&sb, &f->loc);
	md_code(out, sb_str(&sb));
	md_quote(out, &f->loc);
	for (size_t i = 0; i < f->nrelated; i++) {
		sb_reset(&sb);
		rv_where(&sb, &f->related[i]);
		fputs("  ", out);
		md_code(out, sb_str(&sb));
		fputs(": ", out);
		md_text(out, f->related[i].message);
		md_quote(out, &f->related[i]);
	}
	nv = report_symptoms(f, ri, v);
	if (nv) {
		fputs("  What the devices would log:", out);
		for (size_t i = 0; i < nv; i++) {
			fprintf(out, "%s %s ", i ? ";" : "", model_vendor_display(v[i]));
			md_code(out, ri->sym[v[i]]);
		}
		fputs("  \n", out);
	}
	fputs("  Fix: ", out);
	md_text(out, f->hint ? f->hint : ri->hint);
	fputs("\n\n", out);
	sb_free(&sb);
}

/* Mermaid: a node per device, an edge per pair, a dotted stub per unpaired tunnel. */
static void md_mermaid(FILE *out, const struct review *r)
{
	const char **names = xcalloc(2 * r->nrows + 1, sizeof(*names));
	size_t nn = 0, ne = 0;

	fputs("```mermaid\ngraph LR\n", out);
	for (size_t i = 0; i < r->nrows && ne < MERMAID_MAX_EDGES; i++) {
		const struct rv_row *row = &r->rows[i];
		const char *ends[2] = {row->dev_a ? row->dev_a : "?",
				       row->b ? (row->dev_b ? row->dev_b : "?") : NULL};
		size_t id[2] = {0, 0};
		int v = row->verdict[1] != V_ABSENT ? row->verdict[1] : V_ABSENT;

		for (int k = 0; k < 2 && ends[k]; k++) {
			size_t j;

			for (j = 0; j < nn && strcmp(names[j], ends[k]) != 0; j++)
				;
			if (j == nn) {
				names[nn++] = ends[k];
				fprintf(out, "  n%zu[\"", j);
				for (const char *p = ends[k]; *p; p++) {
					if (*p == '"')
						fputs("#quot;", out);
					else
						fputc(*p, out);
				}
				fputs("\"]\n", out);
			}
			id[k] = j;
		}
		if (row->b)
			fprintf(out, "  n%zu ---|%s| n%zu\n", id[0], rv_verdict_name(v), id[1]);
		else
			fprintf(out, "  n%zu -.-|no peer| r%zu((\"%s\"))\n", id[0], i,
				row->remote ? row->remote : "?");
		fprintf(out, "  linkStyle %zu stroke:%s,stroke-width:2px\n", ne, rv_verdict_color(v));
		ne++;
	}
	fputs("```\n\n", out);
	if (ne < r->nrows)
		fprintf(out, "(%zu more tunnels not drawn.)\n\n", r->nrows - ne);
	free(names);
}

/* The table of tunnel pairs, with before/after verdicts for a review. */
static void md_pairs(FILE *out, const struct review *r)
{
	bool two = r->st[0] != NULL;

	fputs("## Tunnel pairs\n\n", out);
	fputs(two ? "| tunnel | peer | before | after |\n|---|---|---|---|\n" :
		    "| tunnel | peer | verdict |\n|---|---|---|\n",
	      out);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct rv_row *row = &r->rows[i];

		fputs("| ", out);
		md_code(out, row->a);
		fputs(" | ", out);
		if (row->b) {
			md_code(out, row->b);
		} else {
			fputs("no peer", out);
			if (row->remote) {
				fputs(" (", out);
				md_code(out, row->remote);
				fputs(")", out);
			}
		}
		if (two)
			fprintf(out, " | %s", rv_verdict_name(row->verdict[0]));
		fprintf(out, " | %s%s%s |\n", row->verdict[1] >= SEV_WARNING ? "**" : "",
			rv_verdict_name(row->verdict[1]), row->verdict[1] >= SEV_WARNING ? "**" : "");
	}
}

/* The heading of a group of findings: the pair, the device, or "files". */
static void md_group_heading(FILE *out, const struct review *r, const struct rv_finding *rf)
{
	fputs("### ", out);
	if (rf->row >= 0) {
		md_code(out, r->rows[rf->row].a);
		if (r->rows[rf->row].b) {
			fputs(" and ", out);
			md_code(out, r->rows[rf->row].b);
		}
	} else if (rf->f->devices[0]) {
		fputs("device ", out);
		md_code(out, rf->f->devices[0]);
	} else {
		fputs("files", out);
	}
	fputs("\n\n", out);
}

/* The findings, grouped by pair, then device. */
static void md_findings(FILE *out, const struct review *r)
{
	size_t *ix = rv_order(r);

	fputs("\n## Findings\n\n", out);
	if (!r->nfs)
		fputs("None.\n", out);
	for (size_t j = 0; j < r->nfs; j++) {
		const struct rv_finding *rf = &r->fs[ix[j]];

		if (j == 0 || !rv_same_group(&r->fs[ix[j - 1]], rf))
			md_group_heading(out, r, rf);
		md_finding(out, r, rf);
	}
	free(ix);
}

int rv_markdown(FILE *out, const struct review *r, const struct report_opts *o)
{
	size_t n[3] = {0};
	bool two = r->st[0] != NULL;

	for (size_t i = 0; i < r->nfs; i++)
		n[r->fs[i].change]++;
	fputs("# ", out);
	md_text(out, o->title ? o->title : two ? "ipseclint change-window review" : "ipseclint report");
	fputs("\n\n", out);
	fprintf(out, "Made by ipseclint %s%s%s.\n\n", IPSECLINT_VERSION, o->generated ? " at " : "",
		o->generated ? o->generated : "");
	fputs(two ? "| | before | after |\n|---|---:|---:|\n" : "| | |\n|---|---:|\n", out);
	for (int k = 0; k < RV_SUMMARY_ROWS; k++) {
		fprintf(out, "| %s |", rv_summary_label(k));
		if (two)
			fprintf(out, " %zu |", rv_summary_value(r, 0, k));
		fprintf(out, " %zu |\n", rv_summary_value(r, 1, k));
	}
	if (two)
		fprintf(out,
			"\nFindings: %zu introduced, %zu resolved, %zu unchanged. Tunnels: %zu added, %zu "
			"removed.\n",
			n[RV_INTRODUCED], n[RV_RESOLVED], n[RV_UNCHANGED], r->nadded, r->nremoved);

	fputs("\n## Topology\n\n", out);
	md_mermaid(out, r);

	md_pairs(out, r);
	md_findings(out, r);
	return ferror(out) ? -EIO : 0;
}
