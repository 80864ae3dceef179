/* SPDX-License-Identifier: MIT */
/*
 * report/text.c - the gcc/clang-style text report of spec/cli.md.
 *
 *   hq.cfg:42:2: error: PFS dh-group14 here, none on branch-1 [pfs-mismatch]
 *    pfs dh-group14
 *    ^~~~~~~~~~~~~~
 *   branch1.batch:7:1: note: peer side: ...
 *    <quoted line>
 *    ^~~~
 *     symptom: <Vendor> '...'; <Vendor> '...'   (the vendors of the files it points at)
 *     hint: ...
 *   summary: 3 files, 3 devices, 2 tunnel pairs: 1 error, 2 warnings, 0 infos
 *
 * Every quoted line is masked first by its source's masker
 * (source_masked_line: with the lines it continues, so a key after a line
 * continuation is masked too), and the caret line is computed on the masked
 * text. Control characters in anything
 * printed become '?', so a hostile file cannot drive the terminal.
 */
#include "report/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

#define QUOTE_MAX 200 /* longer quoted lines are cut around the caret */

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"

static const char *sev_color(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return C_RED;
	case SEV_WARNING:
		return C_MAGENTA;
	case SEV_INFO:
	case SEV_NONE:
		break;
	}
	return C_CYAN;
}

static bool is_ctl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* Print s with control characters (tab included) shown as '?'. */
static void put_clean(FILE *out, const char *s)
{
	for (; s && *s; s++)
		fputc(is_ctl((unsigned char)*s) ? '?' : *s, out);
}

static void put_color(FILE *out, const struct report_opts *o, const char *color)
{
	if (o->color)
		fputs(color, out);
}

/*
 * "path:line:col: label: message [rule]"; without a file
 * "ipseclint: label: message [rule]".
 */
static void print_head(FILE *out, const struct report_opts *o, const struct loc *l, const char *label,
		       const char *color, const char *message, const char *rule)
{
	put_color(out, o, C_BOLD);
	if (l->src) {
		put_clean(out, l->src->path ? l->src->path : "");
		if (l->line) {
			fprintf(out, ":%u", (unsigned)l->line);
			if (l->col)
				fprintf(out, ":%u", (unsigned)l->col);
		}
		fputc(':', out);
	} else {
		fputs("ipseclint:", out);
	}
	put_color(out, o, C_RESET);
	fputc(' ', out);
	put_color(out, o, color);
	fprintf(out, "%s:", label);
	put_color(out, o, C_RESET);
	fputc(' ', out);
	put_clean(out, message ? message : "");
	if (rule) {
		fputs(" ", out);
		put_color(out, o, color);
		fprintf(out, "[%s]", rule);
		put_color(out, o, C_RESET);
	}
	fputc('\n', out);
}

static bool utf8_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

char *report_quoted_line(const struct source *src, uint32_t line)
{
	size_t len = 0;
	char *red = src && line ? source_masked_line(src, line, &len) : NULL;

	if (!red)
		return NULL;
	while (len && (red[len - 1] == '\r' || red[len - 1] == '\n'))
		red[--len] = '\0';
	for (size_t i = 0; i < len; i++) {
		if (red[i] != '\t' && is_ctl((unsigned char)red[i]))
			red[i] = '?';
	}
	return red;
}

/* The quoted source line and the caret line under the span. */
static void print_quote(FILE *out, const struct report_opts *o, const struct loc *l)
{
	char *red;
	size_t len, col0, endc0, start = 0, wend;
	bool cut_left = false, cut_right = false;

	if (!l->src || !l->line)
		return;
	red = source_masked_line(l->src, l->line, &len);
	if (!red)
		return;
	for (size_t i = 0; i < len; i++) {
		if (red[i] != '\t' && is_ctl((unsigned char)red[i]))
			red[i] = '?';
	}

	col0 = l->col ? l->col - 1 : 0;
	if (l->end_line > l->line)
		endc0 = len ? len - 1 : col0; /* several lines: to the end of the first */
	else if (l->end_line == l->line && l->end_col > l->col)
		endc0 = l->end_col - 1;
	else
		endc0 = col0;
	if (endc0 < col0)
		endc0 = col0;
	if (endc0 >= len && len > col0)
		endc0 = len - 1;

	wend = len;
	if (len > QUOTE_MAX) {
		start = col0 > QUOTE_MAX / 2 ? col0 - QUOTE_MAX / 2 : 0;
		if (start + QUOTE_MAX > len)
			start = len - QUOTE_MAX;
		while (start > 0 && start < len && utf8_cont((unsigned char)red[start]))
			start++;
		wend = start + QUOTE_MAX < len ? start + QUOTE_MAX : len;
		while (wend < len && wend > start && utf8_cont((unsigned char)red[wend]))
			wend--;
		cut_left = start > 0;
		cut_right = wend < len;
		if (endc0 >= wend)
			endc0 = wend > col0 ? wend - 1 : col0;
	}

	if (cut_left)
		fputs("...", out);
	fwrite(red + start, 1, wend - start, out);
	if (cut_right)
		fputs("...", out);
	fputc('\n', out);

	if (cut_left)
		fputs("   ", out);
	for (size_t i = start; i < col0; i++) {
		if (i >= len)
			fputc(' ', out);
		else if (red[i] == '\t')
			fputc('\t', out);
		else if (!utf8_cont((unsigned char)red[i]))
			fputc(' ', out);
	}
	put_color(out, o, C_GREEN);
	fputc('^', out);
	for (size_t i = col0 + 1; i <= endc0 && i < len; i++) {
		if (!utf8_cont((unsigned char)red[i]))
			fputc('~', out);
	}
	put_color(out, o, C_RESET);
	fputc('\n', out);
	free(red);
}

static void print_symptoms(FILE *out, const struct finding *f, const struct rule_info *ri)
{
	enum vendor v[VENDOR__COUNT];
	size_t n = report_symptoms(f, ri, v);

	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s '%s'", i ? "; " : "  symptom: ", model_vendor_display(v[i]),
			ri->sym[v[i]]);
	if (n)
		fputc('\n', out);
}

static void print_finding(FILE *out, const struct report_opts *o, const struct finding *f)
{
	const struct rule_info *ri = rule_info(f->rule);
	const char *hint = f->hint ? f->hint : ri ? ri->hint : NULL;

	print_head(out, o, &f->loc, sev_name(f->sev), sev_color(f->sev), f->message, ri ? ri->id : "?");
	print_quote(out, o, &f->loc);
	for (size_t i = 0; i < f->nrelated; i++) {
		const struct loc *r = &f->related[i];

		print_head(out, o, r, "note", C_CYAN, r->message ? r->message : "related location", NULL);
		print_quote(out, o, r);
	}
	if (ri)
		print_symptoms(out, f, ri);
	if (hint && *hint) {
		fputs("  hint: ", out);
		put_clean(out, hint);
		fputc('\n', out);
	}
}

static void put_count(FILE *out, size_t n, const char *one, const char *many)
{
	fprintf(out, "%zu %s", n, n == 1 ? one : many);
}

int report_text(FILE *out, const struct report_input *in, const struct report_opts *o)
{
	size_t nsev[3] = {0};

	for (size_t i = 0; in->fs && i < in->fs->n; i++) {
		const struct finding *f = &in->fs->v[i];

		print_finding(out, o, f);
		if ((unsigned)f->sev < ARRAY_SIZE(nsev))
			nsev[f->sev]++;
	}
	if (!o->quiet) {
		fputs("summary: ", out);
		put_count(out, in->nfiles, "file", "files");
		fputs(", ", out);
		put_count(out, in->ndevices, "device", "devices");
		fputs(", ", out);
		put_count(out, in->npairs, "tunnel pair", "tunnel pairs");
		fputs(": ", out);
		put_count(out, nsev[SEV_ERROR], "error", "errors");
		fputs(", ", out);
		put_count(out, nsev[SEV_WARNING], "warning", "warnings");
		fputs(", ", out);
		put_count(out, nsev[SEV_INFO], "info", "infos");
		fputc('\n', out);
	}
	return ferror(out) ? -EIO : 0;
}
