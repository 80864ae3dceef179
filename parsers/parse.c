/* SPDX-License-Identifier: MIT */
/*
 * parsers/parse.c - load a file, detect its vendor, run its driver.
 */
#include "parsers/parser.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "parsers/vendors.h"

static void unknown_format(struct parsed_file *pf, const char *why)
{
	struct span at = span_make(&pf->src, 1, 1, 1, 1);

	pf->status = FILE_FAILED;
	fnd_add(&pf->fs, R_UNKNOWN_FORMAT, &at, "cannot tell which vendor wrote this file: %s", why);
}

void parsers_init(void)
{
	aix_xml_init();
}

void parsers_cleanup(void)
{
	parsers_thread_done();
	aix_xml_cleanup();
}

static _Thread_local struct arena *scratch;

struct arena *parse_scratch(void)
{
	if (scratch)
		arena_reset(scratch);
	else
		scratch = arena_new();
	return scratch;
}

void parsers_thread_done(void)
{
	arena_free(scratch);
	scratch = NULL;
}

struct device *parse_begin(struct parsed_file *pf, enum vendor v)
{
	struct device *d;

	if (!pf->arena)
		pf->arena = arena_new();
	pf->vendor = v;
	d = model_device_new(pf->arena, &pf->src);
	d->vendor = v;
	return d;
}

/*
 * A NUL byte is no text: said once per file, at the first, before the driver
 * reads around it (the grammars take it as a blank or a word character).
 */
static void nul_finding(struct parsed_file *pf)
{
	const char *nul = memchr(pf->src.text, '\0', pf->src.len);
	uint32_t line = 1, col = 1;
	struct span at;

	if (!nul)
		return;
	for (const char *p = pf->src.text; p < nul; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	at = span_make(&pf->src, line, col, line, col);
	fnd_add(&pf->fs, R_SYNTAX_ERROR, &at,
		"a NUL byte is no configuration text: the file is damaged or binary");
}

/*
 * A file that is not configuration text at all (a binary, the wrong file)
 * would give a syntax error a line: the first SYNTAX_ERROR_MAX are shown,
 * then one finding says how many more there were.
 */
#define SYNTAX_ERROR_MAX 100

static void cap_syntax_errors(struct parsed_file *pf)
{
	struct loc first;
	size_t dropped = fnd_cap(&pf->fs, R_SYNTAX_ERROR, SYNTAX_ERROR_MAX, &first);
	struct span at;

	if (!dropped)
		return;
	at = span_make(first.src, first.line, first.col, first.end_line, first.end_col);
	fnd_add(&pf->fs, R_SYNTAX_ERROR, &at,
		"%zu more syntax errors from here on are not shown: a file reports its first %d", dropped,
		SYNTAX_ERROR_MAX);
}

/* Everything after the source is loaded: detection and the driver. */
static void parse_loaded(struct parsed_file *pf, enum vendor forced)
{
	const char *why = "no Huawei, HP-UX or AIX statement found";
	enum vendor v = forced;
	const struct vendor_ops *ops;

	if (v == VENDOR_UNKNOWN)
		v = detect_vendor(&pf->src, &why);
	pf->vendor = v;
	pf->src.vendor = (uint8_t)v;
	if (v == VENDOR_UNKNOWN) {
		unknown_format(pf, why);
		return;
	}
	ops = vendor_ops(v);
	pf->arena = arena_new();
	/* the first chunk holds the whole model of most files */
	arena_expect(pf->arena, ops->first_chunk(&pf->src));
	ops->parse(pf);
	if (pf->src.has_nul) {
		nul_finding(pf);
		if (pf->status == FILE_OK)
			pf->status = FILE_PARTIAL;
	}
	cap_syntax_errors(pf);
}

static int parse_path(struct parsed_file *pf, const char *path, enum vendor forced, bool for_peer,
		      char **errmsg)
{
	int rc;

	memset(pf, 0, sizeof(*pf));
	pf->for_peer = for_peer;
	rc = source_load(&pf->src, path, errmsg);
	pf->src.masker = &parse_masker;
	if (rc < 0) {
		pf->status = FILE_FAILED;
		if (!pf->src.path)
			pf->src.path = xstrdup(path);
		return rc;
	}
	parse_loaded(pf, forced);
	return 0;
}

int parse_file(struct parsed_file *pf, const char *path, enum vendor forced, char **errmsg)
{
	return parse_path(pf, path, forced, false, errmsg);
}

int parse_file_for_peer(struct parsed_file *pf, const char *path, enum vendor forced, char **errmsg)
{
	return parse_path(pf, path, forced, true, errmsg);
}

void parse_buffer(struct parsed_file *pf, const char *path, const char *data, size_t len, enum vendor forced)
{
	memset(pf, 0, sizeof(*pf));
	source_from_buffer(&pf->src, path, data, len);
	pf->src.masker = &parse_masker;
	parse_loaded(pf, forced);
}

void parsed_file_free(struct parsed_file *pf)
{
	fnd_free(&pf->fs);
	free(pf->supp);
	if (pf->arena)
		arena_free(pf->arena);
	source_free(&pf->src);
	memset(pf, 0, sizeof(*pf));
}

/* ---- inline suppressions ------------------------------------------------------ */

long parse_supp_comment(struct parsed_file *pf, const char *text, size_t len, uint32_t line, uint32_t col)
{
	static const char kw[] = "ipseclint";
	const char *p = text, *end = text + len;
	struct inline_supp sp;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '#'))
		p++;
	if ((size_t)(end - p) < sizeof(kw) - 1 || memcmp(p, kw, sizeof(kw) - 1) != 0)
		return -1;
	p += sizeof(kw) - 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) < 8 || memcmp(p, "disable=", 8) != 0)
		return -1;
	p += 8;
	memset(&sp, 0, sizeof(sp));
	sp.line = line;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\r') {
		const char *q = p;
		char id[64];
		enum rule_id r;

		while (q < end && *q != ',' && *q != ' ' && *q != '\t' && *q != '\r')
			q++;
		if (q > p && (size_t)(q - p) < sizeof(id)) {
			memcpy(id, p, (size_t)(q - p));
			id[q - p] = '\0';
			if (strcmp(id, "all") == 0) {
				r = R__COUNT;
			} else if (!rule_by_id(id, &r)) {
				struct span at = span_make(&pf->src, line, col + (uint32_t)(p - text), line,
							   col + (uint32_t)(q - text) - 1);

				struct finding *f =
					fnd_add(&pf->fs, R_UNKNOWN_STATEMENT, &at,
						"'%s' in a suppression comment is no rule ID", id);

				fnd_set_hint(f, "'ipseclint rules' lists the rule IDs");
				r = R__COUNT + 1;
			}
			if (r <= R__COUNT && sp.nrules < SUPP_RULES_MAX)
				sp.rules[sp.nrules++] = (uint16_t)r;
		}
		p = q < end && *q == ',' ? q + 1 : q;
	}
	if (!sp.nrules)
		return -1;
	VEC_GROW(pf->supp, pf->supp_cap, pf->nsupp + 1);
	pf->supp[pf->nsupp] = sp;
	return (long)pf->nsupp++;
}

bool parse_inline_suppressed(struct parsed_file *pf, uint32_t line, enum rule_id rule)
{
	for (size_t i = 0; i < pf->nsupp; i++) {
		struct inline_supp *sp = &pf->supp[i];

		if (!sp->first || line < sp->first || line > sp->last)
			continue;
		for (unsigned k = 0; k < sp->nrules; k++) {
			if (sp->rules[k] == rule || sp->rules[k] == R__COUNT) {
				sp->used[k] = true;
				return true;
			}
		}
	}
	return false;
}

void parse_inline_unused(const struct parsed_file *pf, const bool *enabled, struct findings *fs)
{
	for (size_t i = 0; i < pf->nsupp; i++) {
		const struct inline_supp *sp = &pf->supp[i];
		size_t len = 0;
		const char *text = source_line(&pf->src, sp->line, &len);

		for (unsigned k = 0; k < sp->nrules; k++) {
			const char *id = sp->rules[k] == R__COUNT ? "all" : rule_info(sp->rules[k])->id;
			struct span at =
				span_make(&pf->src, sp->line, 1, sp->line, text && len ? (uint32_t)len : 1);
			struct finding *f;

			if (sp->used[k] || (sp->rules[k] != R__COUNT && enabled && !enabled[sp->rules[k]]))
				continue;
			if (sp->first && sp->last > sp->first)
				f = fnd_add(
					fs, R_UNUSED_SUPPRESSION, &at,
					"suppression of '%s' suppresses nothing in the statement on lines %u-%u",
					id, sp->first, sp->last);
			else if (sp->first)
				f = fnd_add(
					fs, R_UNUSED_SUPPRESSION, &at,
					"suppression of '%s' suppresses nothing in the statement on line %u",
					id, sp->first);
			else
				f = fnd_add(fs, R_UNUSED_SUPPRESSION, &at,
					    "suppression of '%s' is followed by no statement", id);
			fnd_fp(f, "inline|%s|%u", id, sp->first);
		}
	}
}

/* ---- messages ------------------------------------------------------------------ */

void parse_name_from_file(struct parsed_file *pf, struct device *d, const char *fallback)
{
	const char *p = pf->src.path ? pf->src.path : "";
	const char *b = strrchr(p, '/'), *dot;

	b = b ? b + 1 : p;
	dot = strrchr(b, '.');
	d->name =
		*b ? arena_strndup(pf->arena, b, dot && dot != b ? (size_t)(dot - b) : strlen(b)) : fallback;
	d->name_o.prov = PROV_DEFAULT;
	d->name_o.span = span_make(&pf->src, 1, 1, 1, 1);
}

const char *parse_show(const char *s, size_t n, char *buf, size_t bufsz)
{
	size_t o = 0, max = bufsz > 44 ? 40 : bufsz - 4;

	for (size_t i = 0; i < n && o < max; i++) {
		unsigned char ch = (unsigned char)s[i];
		buf[o++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
	}
	if (n > max) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
