/* SPDX-License-Identifier: MIT */
/*
 * report/sarif.c - SARIF 2.1.0 ("--format sarif") for code-scanning tools.
 *
 * One run. tool.driver.rules is the whole catalogue, in rule-ID order, each
 * with its summary, the "What it means" section of its page as the full
 * description, the page itself as help (text and markdown), the default
 * level, and a helpUri to the page as installed (make install). A result
 * points at A's line; the peer side (B's line) and any other related line
 * are relatedLocations. partialFingerprints carries the report's
 * fingerprint (rule, devices, objects, values; never lines), so code
 * scanning follows a finding across unrelated edits. Levels: error, warning;
 * info is "note". Paths relative to the current directory are URIs relative
 * to %SRCROOT% (given in originalUriBaseIds); absolute ones file:// URIs.
 * SARIF columns are 1-based and a region's endColumn is exclusive.
 */
#include "report/report.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/internal.h"

#ifndef IPSECLINT_DOCDIR
#define IPSECLINT_DOCDIR "/usr/local/share/doc/ipseclint"
#endif

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *level_of(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_INFO:
	case SEV_NONE:
		break;
	}
	return "note";
}

/* RFC 3986: unreserved characters and '/' as they are, the rest percent-encoded. */
static void uri_path(struct strbuf *sb, const char *p)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *c = (const unsigned char *)p; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    *c == '-' || *c == '.' || *c == '_' || *c == '~' || *c == '/') {
			sb_addc(sb, (char)*c);
		} else {
			sb_addc(sb, '%');
			sb_addc(sb, hex[*c >> 4]);
			sb_addc(sb, hex[*c & 15]);
		}
	}
}

static void artifact_location(struct jw *w, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = path;

	jw_key(w, "artifactLocation");
	jw_obj_open(w);
	if (p[0] == '/') {
		sb_adds(&sb, "file://");
		uri_path(&sb, p);
		jw_kstr(w, "uri", sb_str(&sb));
	} else {
		while (p[0] == '.' && p[1] == '/')
			p += 2;
		uri_path(&sb, p);
		jw_kstr(w, "uri", sb_str(&sb));
		jw_kstr(w, "uriBaseId", "%SRCROOT%");
	}
	jw_obj_close(w);
	sb_free(&sb);
}

static void physical_location(struct jw *w, const struct loc *l)
{
	struct loc_range r = report_loc_range(l);

	jw_key(w, "physicalLocation");
	jw_obj_open(w);
	artifact_location(w, l->src->path ? l->src->path : "");
	jw_key(w, "region");
	jw_obj_open(w);
	jw_kint(w, "startLine", r.line);
	jw_kint(w, "startColumn", r.col);
	jw_kint(w, "endLine", r.end_line);
	jw_kint(w, "endColumn", (int64_t)r.end_col + 1);
	jw_obj_close(w);
	jw_obj_close(w);
}

static void message(struct jw *w, const char *key, const char *text)
{
	jw_key(w, key);
	jw_obj_open(w);
	jw_kstr(w, "text", text && *text ? text : "-");
	jw_obj_close(w);
}

/* The "What it means" section of a rule page, as one paragraph of text. */
static void full_description(struct strbuf *sb, const char *page, const char *fallback)
{
	const char *s = page ? strstr(page, "## What it means") : NULL, *e;

	if (!s) {
		sb_adds(sb, fallback);
		return;
	}
	s = strchr(s, '\n');
	s = s ? s + 1 : page;
	while (*s == '\n')
		s++;
	e = strstr(s, "\n## ");
	if (!e)
		e = s + strlen(s);
	while (e > s && (e[-1] == '\n' || e[-1] == ' '))
		e--;
	for (const char *p = s; p < e; p++)
		sb_addc(sb, *p == '\n' ? ' ' : *p);
}

static void write_rule(struct jw *w, const struct rule_info *ri)
{
	const char *page = rule_explain(ri->rule);
	struct strbuf sb = STRBUF_INIT;

	jw_obj_open(w);
	jw_kstr(w, "id", ri->id);
	jw_kstr(w, "name", ri->id);
	message(w, "shortDescription", ri->summary);
	full_description(&sb, page, ri->summary);
	message(w, "fullDescription", sb_str(&sb));
	sb_reset(&sb);
	jw_key(w, "help");
	jw_obj_open(w);
	jw_kstr(w, "text", page ? page : ri->hint);
	jw_kstr(w, "markdown", page ? page : ri->hint);
	jw_obj_close(w);
	sb_addf(&sb, "file://%s/rules/%s.md", IPSECLINT_DOCDIR, ri->id);
	jw_kstr(w, "helpUri", sb_str(&sb));
	jw_key(w, "defaultConfiguration");
	jw_obj_open(w);
	jw_kstr(w, "level", level_of(ri->severity));
	jw_obj_close(w);
	jw_key(w, "properties");
	jw_obj_open(w);
	jw_key(w, "tags");
	jw_arr_open(w);
	jw_str(w, "ipsec");
	jw_str(w, ri->scope == SCOPE_PAIR ? "cross-peer" : "device");
	jw_arr_close(w);
	jw_obj_close(w);
	jw_obj_close(w);
	sb_free(&sb);
}

static void write_result(struct jw *w, const struct finding *f)
{
	const struct rule_info *ri = rule_info(f->rule);
	char fp[17];

	fnd_fingerprint(f, fp);
	jw_obj_open(w);
	jw_kstr(w, "ruleId", ri->id);
	jw_kint(w, "ruleIndex", (int64_t)f->rule);
	jw_kstr(w, "level", level_of(f->sev));
	message(w, "message", f->message);
	if (f->loc.src) {
		jw_key(w, "locations");
		jw_arr_open(w);
		jw_obj_open(w);
		physical_location(w, &f->loc);
		jw_obj_close(w);
		jw_arr_close(w);
	}
	if (f->nrelated) {
		int64_t id = 1;

		jw_key(w, "relatedLocations");
		jw_arr_open(w);
		for (size_t i = 0; i < f->nrelated; i++) {
			if (!f->related[i].src)
				continue;
			jw_obj_open(w);
			jw_kint(w, "id", id++);
			physical_location(w, &f->related[i]);
			message(w, "message", f->related[i].message);
			jw_obj_close(w);
		}
		jw_arr_close(w);
	}
	jw_key(w, "partialFingerprints");
	jw_obj_open(w);
	jw_kstr(w, "ipseclint/v1", fp);
	jw_obj_close(w);
	jw_key(w, "properties");
	jw_obj_open(w);
	report_json_devices_pair(w, f, false);
	report_json_symptoms(w, f, ri);
	jw_kstr(w, "hint", f->hint ? f->hint : ri->hint);
	jw_obj_close(w);
	jw_obj_close(w);
}

int report_sarif(FILE *out, const struct report_input *in, const struct report_opts *o)
{
	struct jw w;
	char cwd[PATH_MAX];
	struct strbuf root = STRBUF_INIT;

	(void)o;
	jw_init(&w, out);
	jw_obj_open(&w);
	jw_kstr(&w, "$schema", SARIF_SCHEMA);
	jw_kstr(&w, "version", "2.1.0");
	jw_key(&w, "runs");
	jw_arr_open(&w);
	jw_obj_open(&w);

	jw_key(&w, "tool");
	jw_obj_open(&w);
	jw_key(&w, "driver");
	jw_obj_open(&w);
	jw_kstr(&w, "name", "ipseclint");
	jw_kstr(&w, "version", IPSECLINT_VERSION);
	jw_kstr(&w, "semanticVersion", IPSECLINT_VERSION);
	jw_key(&w, "rules");
	jw_arr_open(&w);
	for (size_t i = 0; i < R__COUNT; i++)
		write_rule(&w, rule_info((enum rule_id)i));
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);

	if (getcwd(cwd, sizeof(cwd))) {
		sb_adds(&root, "file://");
		uri_path(&root, cwd);
		if (root.len && root.buf[root.len - 1] != '/')
			sb_addc(&root, '/');
		jw_key(&w, "originalUriBaseIds");
		jw_obj_open(&w);
		jw_key(&w, "%SRCROOT%");
		jw_obj_open(&w);
		jw_kstr(&w, "uri", sb_str(&root));
		jw_obj_close(&w);
		jw_obj_close(&w);
	}
	jw_key(&w, "results");
	jw_arr_open(&w);
	for (size_t i = 0; in->fs && i < in->fs->n; i++)
		write_result(&w, &in->fs->v[i]);
	jw_arr_close(&w);

	jw_key(&w, "invocations");
	jw_arr_open(&w);
	jw_obj_open(&w);
	jw_kbool(&w, "executionSuccessful", true);
	jw_obj_close(&w);
	jw_arr_close(&w);

	jw_obj_close(&w);
	jw_arr_close(&w);
	jw_obj_close(&w);
	sb_free(&root);
	return jw_finish(&w);
}
