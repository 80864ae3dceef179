/* SPDX-License-Identifier: MIT */
/*
 * tests/test_finding.c - the findings queue, fingerprints, the rule
 * catalogue and its documentation pages.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "diag/finding.h"

extern const char *const rule_docs_ids[];
extern const char *const rule_docs_text[];
extern const size_t rule_docs_count;

static struct source src_a = {.path = "a.cfg"};
static struct source src_b = {.path = "b.cfg"};
static struct source src_b2 = {.path = "b.cfg"}; /* same path, another load */

static struct span at(const struct source *s, uint32_t line, uint32_t col)
{
	struct span sp = {s, line, col, line, col + 3};
	return sp;
}

static const char *id_of(const struct finding *f)
{
	return rule_info(f->rule)->id;
}

Test(finding, add_formats_message_and_takes_rule_severity)
{
	struct findings fs = {0};
	struct span s = at(&src_a, 7, 2);
	struct finding *f =
		fnd_add(&fs, R_PFS_MISMATCH, &s, "PFS dh-group%d here, none on %s", 14, "branch-1");

	cr_assert_str_eq(f->message, "PFS dh-group14 here, none on branch-1");
	cr_assert_eq(f->sev, SEV_ERROR);
	cr_assert_eq(f->loc.src, &src_a);
	cr_assert_eq(f->loc.line, 7);
	cr_assert_eq(f->loc.col, 2);
	cr_assert_eq(f->loc.end_col, 5);
	cr_assert_null(f->hint);

	f = fnd_add(&fs, R_PEER_MISSING, NULL, "no peer");
	cr_assert_eq(f->sev, SEV_INFO);
	cr_assert_null(f->loc.src);
	cr_assert_eq(fs.n, 2);
	cr_assert_neq(fs.v[0].seq, fs.v[1].seq);
	fnd_free(&fs);
	cr_assert_eq(fs.n, 0);
	cr_assert_null(fs.v);
}

Test(finding, related_hint_devices)
{
	struct findings fs = {0};
	struct span s = at(&src_a, 1, 1), r = at(&src_b, 9, 4);
	struct finding *f = fnd_add(&fs, R_PFS_MISMATCH, &s, "m");

	fnd_related(f, &r, "peer side: %s", "no pfs");
	fnd_related(f, NULL, "config file");
	fnd_set_hint(f, "set pfs %s", "dh-group14");
	fnd_set_hint(f, "set pfs %s on both", "dh-group14");
	fnd_set_devices(f, "HQ", "BR1");
	cr_assert_eq(f->nrelated, 2);
	cr_assert_str_eq(f->related[0].message, "peer side: no pfs");
	cr_assert_eq(f->related[0].src, &src_b);
	cr_assert_eq(f->related[0].line, 9);
	cr_assert_null(f->related[1].src);
	cr_assert_str_eq(f->hint, "set pfs dh-group14 on both");
	cr_assert_str_eq(f->devices[0], "HQ");
	cr_assert_str_eq(f->devices[1], "BR1");
	fnd_free(&fs);
}

Test(finding, sort_by_file_line_column_rule_then_insertion)
{
	struct findings fs = {0};
	struct span s;

	s = at(&src_b, 3, 1);
	fnd_add(&fs, R_WEAK_ALGORITHM, &s, "b3 weak");
	s = at(&src_a, 10, 5);
	fnd_add(&fs, R_PSK_WEAK, &s, "a10:5");
	s = at(&src_a, 10, 2);
	fnd_add(&fs, R_PSK_WEAK, &s, "a10:2");
	s = at(&src_a, 2, 9);
	fnd_add(&fs, R_UNUSED_DEFINITION, &s, "a2");
	s = at(&src_b2, 3, 1);
	fnd_add(&fs, R_AGGRESSIVE_MODE_PSK, &s, "b3 aggressive");
	fnd_add(&fs, R_UNKNOWN_FORMAT, NULL, "no file");
	s = at(&src_b, 3, 1);
	fnd_add(&fs, R_WEAK_ALGORITHM, &s, "b3 weak second");
	s = at(&src_a, 10, 2);
	fnd_add(&fs, R_PSK_PLAINTEXT, &s, "a10:2 plaintext");

	fnd_sort(&fs);
	cr_assert_eq(fs.n, 8);
	cr_assert_str_eq(fs.v[0].message, "no file");
	cr_assert_str_eq(fs.v[1].message, "a2");
	/* same place: rule id string order, psk-plaintext < psk-weak */
	cr_assert_str_eq(fs.v[2].message, "a10:2 plaintext");
	cr_assert_str_eq(fs.v[3].message, "a10:2");
	cr_assert_str_eq(fs.v[4].message, "a10:5");
	/* b.cfg from two loads sorts as one file; aggressive-mode-psk < weak-algorithm */
	cr_assert_str_eq(fs.v[5].message, "b3 aggressive");
	cr_assert_str_eq(fs.v[6].message, "b3 weak");
	cr_assert_str_eq(fs.v[7].message, "b3 weak second");
	cr_assert_str_eq(id_of(&fs.v[7]), "weak-algorithm");
	fnd_free(&fs);
}

static void fingerprint_of(const struct finding *f, char out[17])
{
	fnd_fingerprint(f, out);
	cr_assert_eq(strlen(out), 16);
	cr_assert_eq(strspn(out, "0123456789abcdef"), 16, "fingerprint '%s' is not 16 hex digits", out);
}

/*
 * Add a finding of rule at s (or none) with message msg between devices a
 * and b, of fingerprint material fp (or none); its fingerprint into out,
 * which is returned.
 */
static const char *add_fp(struct findings *fs, enum rule_id rule, const struct span *s, const char *msg,
			  const char *a, const char *b, const char *fp, char out[17])
{
	struct finding *f = fnd_add(fs, rule, s, "%s", msg);

	fnd_set_devices(f, a, b);
	if (fp)
		fnd_fp(f, "%s", fp);
	fingerprint_of(f, out);
	return out;
}

#define PFS14 "PFS dh-group14 here, none on BR1"
#define FP14 "map1:10 pfs=14 | h1 pfs=none"

/* The cap keeps the first findings of a rule by place, whatever order they were queued in. */
Test(finding, cap_keeps_the_first_by_place_and_counts_the_rest)
{
	struct findings fs = {0};
	struct loc first = {0};
	static const uint32_t lines[] = {9, 3, 7, 1, 5};
	struct span w = at(&src_a, 4, 1);

	for (size_t i = 0; i < 5; i++) {
		struct span s = at(&src_a, lines[i], 2);
		struct finding *f = fnd_add(&fs, R_SYNTAX_ERROR, &s, "bad line %u", lines[i]);

		fnd_related(f, &s, "here");
	}
	fnd_add(&fs, R_UNKNOWN_STATEMENT, &w, "not capped");
	cr_assert_eq(fnd_cap(&fs, R_SYNTAX_ERROR, 5, &first), 0, "five of five: nothing dropped");
	cr_assert_eq(fs.n, 6);
	cr_assert_eq(fnd_cap(&fs, R_SYNTAX_ERROR, 3, &first), 2);
	cr_assert_eq(first.line, 7, "the first dropped is line 7, got %u", first.line);
	cr_assert_eq(first.col, 2);
	cr_assert_null(first.message);
	cr_assert_eq(fs.n, 4);
	/* lines 1, 3, 5 and the other rule stay, in the order they were queued */
	cr_assert_str_eq(fs.v[0].message, "bad line 3");
	cr_assert_str_eq(fs.v[1].message, "bad line 1");
	cr_assert_str_eq(fs.v[2].message, "bad line 5");
	cr_assert_str_eq(fs.v[3].message, "not capped");
	fnd_free(&fs);
}

Test(finding, fingerprint_survives_line_moves_not_value_changes)
{
	struct findings fs = {0};
	struct span s1 = at(&src_a, 12, 2), s2 = at(&src_a, 40, 7), r = at(&src_b, 3, 1);
	struct finding *f;
	char fp1[17], fp2[17], fp3[17], fp4[17], fp5[17];

	f = fnd_add(&fs, R_PFS_MISMATCH, &s1, PFS14);
	fnd_set_devices(f, "HQ", "BR1");
	fnd_fp(f, FP14);
	fnd_related(f, &r, "peer side");
	fingerprint_of(f, fp1);

	/* the same finding after an unrelated edit moved it */
	cr_assert_str_eq(fp1, add_fp(&fs, R_PFS_MISMATCH, &s2, PFS14, "HQ", "BR1", FP14, fp2));
	/* another value */
	cr_assert_str_neq(fp1, add_fp(&fs, R_PFS_MISMATCH, &s1, "PFS dh-group19 here, none on BR1", "HQ",
				      "BR1", "map1:10 pfs=19 | h1 pfs=none", fp3));
	/* another device */
	cr_assert_str_neq(fp1, add_fp(&fs, R_PFS_MISMATCH, &s1, "PFS dh-group14 here, none on BR2", "HQ",
				      "BR2", FP14, fp4));
	/* another rule, same material */
	cr_assert_str_neq(fp1, add_fp(&fs, R_LIFETIME_MISMATCH, &s1, "x", "HQ", "BR1", FP14, fp5));
	fnd_free(&fs);
}

Test(finding, fingerprint_material_appends_and_field_bounds_count)
{
	struct findings fs = {0};
	struct finding *f;
	char a[17], b[17];

	add_fp(&fs, R_ID_MISMATCH, NULL, "m", "ab", "c", "x", a);
	add_fp(&fs, R_ID_MISMATCH, NULL, "m", "a", "bc", "x", b);
	cr_assert_str_neq(a, b, "device names must not run into each other");

	f = &fs.v[0];
	fnd_fp(f, "y");
	cr_assert_str_eq(f->fp_material, "x\x1fy");
	fnd_free(&fs);
}

Test(finding, fingerprint_without_material_ignores_file_line_references)
{
	struct findings fs = {0};
	struct span s = at(&src_a, 5, 1);
	char a[17], b[17], c[17];

	add_fp(&fs, R_LIFETIME_MISMATCH, &s, "lifetime 86400 s (Huawei default) vs 28800 s (b.batch:7)", "HQ",
	       "BR1", NULL, a);
	add_fp(&fs, R_LIFETIME_MISMATCH, &s, "lifetime 86400 s (Huawei default) vs 28800 s (b.batch:19:3)",
	       "HQ", "BR1", NULL, b);
	cr_assert_str_eq(a, b);
	add_fp(&fs, R_LIFETIME_MISMATCH, &s, "lifetime 86400 s (Huawei default) vs 3600 s (b.batch:7)", "HQ",
	       "BR1", NULL, c);
	cr_assert_str_neq(a, c);
	fnd_free(&fs);
}

Test(finding, fingerprint_of_deviceless_findings_tells_files_apart)
{
	struct findings fs = {0};
	struct span sa = at(&src_a, 1, 1), sb = at(&src_b, 1, 1);
	char a[17], b[17];

	fnd_add(&fs, R_UNKNOWN_FORMAT, &sa, "cannot tell which vendor wrote this file");
	fnd_add(&fs, R_UNKNOWN_FORMAT, &sb, "cannot tell which vendor wrote this file");
	fingerprint_of(&fs.v[0], a);
	fingerprint_of(&fs.v[1], b);
	cr_assert_str_neq(a, b);
	fnd_free(&fs);
}

/* ---- the catalogue -------------------------------------------------------- */

struct rule_case {
	enum rule_id sym;
	const char *id;
	enum severity sev;
	enum rule_scope scope;
};

static const struct rule_case all_rules[] = {
#define RULE(sym, id, sev, scope, summary, hint) {sym, id, sev, scope},
#define SYMPTOM(rule, vendor, text)
#include "diag/rules.def"
#undef SYMPTOM
#undef RULE
};

struct symptom_case {
	enum rule_id rule;
	enum vendor vendor;
	const char *text;
};

static const struct symptom_case all_symptoms[] = {
#define RULE(sym, id, sev, scope, summary, hint)
#define SYMPTOM(rule, vendor, text) {rule, vendor, text},
#include "diag/rules.def"
#undef SYMPTOM
#undef RULE
};

/* each SYMPTOM line of rules.def is the rule's symptom for its vendor; no vendor has two */
Test(rules, every_symptom_line_is_its_rules_symptom)
{
	for (size_t i = 0; i < ARRAY_SIZE(all_symptoms); i++) {
		const struct symptom_case *c = &all_symptoms[i];

		cr_assert(c->vendor > VENDOR_UNKNOWN && c->vendor < VENDOR__COUNT);
		cr_assert(c->text && *c->text, "an empty SYMPTOM line for %s", rule_info(c->rule)->id);
		cr_assert_not_null(rule_info(c->rule)->sym[c->vendor]);
		/* the same text: an ASan build does not merge equal literals of two files */
		cr_assert_str_eq(rule_info(c->rule)->sym[c->vendor], c->text);
		for (size_t j = i + 1; j < ARRAY_SIZE(all_symptoms); j++)
			cr_assert(all_symptoms[j].rule != c->rule || all_symptoms[j].vendor != c->vendor,
				  "%s has two symptoms for %s", rule_info(c->rule)->id,
				  model_vendor_name(c->vendor));
	}
	cr_assert_null(rule_info(R_SYNTAX_ERROR)->sym[VENDOR_HUAWEI], "no SYMPTOM line: none");
	cr_assert_str_eq(rule_info(R_PFS_MISMATCH)->sym[VENDOR_HUAWEI], "phase2 proposal or pfs mismatch");
}

Test(rules, every_id_of_rules_def_round_trips)
{
	cr_assert_eq(ARRAY_SIZE(all_rules), R__COUNT);
	for (size_t i = 0; i < ARRAY_SIZE(all_rules); i++) {
		enum rule_id r = R__COUNT;
		const struct rule_info *ri;

		cr_assert(rule_by_id(all_rules[i].id, &r), "rule_by_id(\"%s\") failed", all_rules[i].id);
		cr_assert_eq(r, all_rules[i].sym, "%s", all_rules[i].id);
		ri = rule_info(r);
		cr_assert_not_null(ri);
		cr_assert_eq(ri->rule, r);
		cr_assert_str_eq(ri->id, all_rules[i].id);
		cr_assert_eq(ri->severity, all_rules[i].sev);
		cr_assert_eq(ri->scope, all_rules[i].scope, "%s", ri->id);
		cr_assert(ri->summary && *ri->summary, "%s has no summary", ri->id);
		cr_assert(ri->hint && *ri->hint, "%s has no hint", ri->id);
	}
}

/* the scope column: what the findings of a rule are about */
Test(rules, scopes_say_file_device_or_pair)
{
	static const struct {
		enum rule_id r;
		enum rule_scope scope;
	} cases[] = {
		{R_SYNTAX_ERROR, SCOPE_FILE},	    {R_FOREIGN_DIALECT, SCOPE_FILE},
		{R_UNUSED_SUPPRESSION, SCOPE_FILE}, {R_UNUSED_DEFINITION, SCOPE_DEVICE},
		{R_WEAK_ALGORITHM, SCOPE_DEVICE},   {R_LIFETIME_UNBOUNDED, SCOPE_DEVICE},
		{R_PEER_MISSING, SCOPE_PAIR},	    {R_PSK_MISMATCH, SCOPE_PAIR},
		{R_MANUAL_SA_MISMATCH, SCOPE_PAIR},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(rule_info(cases[i].r)->scope, cases[i].scope, "%s", rule_info(cases[i].r)->id);
}

Test(rules, unknown_ids_and_out_of_range)
{
	enum rule_id r = R_SYNTAX_ERROR;

	cr_assert_not(rule_by_id("pfs-mismatc", &r));
	cr_assert_not(rule_by_id("PFS-MISMATCH", &r));
	cr_assert_not(rule_by_id("", &r));
	cr_assert_not(rule_by_id(NULL, &r));
	cr_assert_eq(r, R_SYNTAX_ERROR, "a failed lookup must not write *out");
	cr_assert_null(rule_info(R__COUNT));
	cr_assert_null(rule_explain(R__COUNT));
}

Test(rules, severities_parse_and_print)
{
	static const char *const names[] = {"info", "warning", "error", "none"};
	enum severity s;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		cr_assert(sev_parse(names[i], &s), "%s", names[i]);
		cr_assert_eq(s, (enum severity)i);
		cr_assert_str_eq(sev_name(s), names[i]);
	}
	cr_assert_not(sev_parse("fatal", &s));
	cr_assert_not(sev_parse("Error", &s));
	cr_assert_not(sev_parse("", &s));
}

Test(rules, every_rule_has_a_docs_page_and_every_page_a_rule)
{
	for (size_t i = 0; i < R__COUNT; i++) {
		const struct rule_info *ri = rule_info((enum rule_id)i);

		cr_assert_not_null(rule_explain((enum rule_id)i), "docs/rules/%s.md is missing", ri->id);
	}
	for (size_t i = 0; i < rule_docs_count; i++) {
		enum rule_id r;

		cr_assert(rule_by_id(rule_docs_ids[i], &r), "docs/rules/%s.md documents no rule",
			  rule_docs_ids[i]);
		cr_assert_eq(rule_explain(r), rule_docs_text[i]);
	}
}

/*
 * One symptom of rules.def must appear on the page. "a / b" lists two log
 * strings; a trailing "(remark)" is ipseclint's comment, except that an
 * "(IKEv2: x)" remark names one more log string, x.
 */
static void expect_symptom(const char *page, const char *id, const char *sym)
{
	while (*sym) {
		const char *sep = strstr(sym, " / ");
		size_t n = sep ? (size_t)(sep - sym) : strlen(sym);
		char *part = strndup(sym, n);
		char *paren = strstr(part, " (");

		if (paren) {
			char *close = strrchr(paren, ')');

			if (strncmp(paren, " (IKEv2: ", 9) == 0 && close) {
				*close = '\0';
				cr_assert(strstr(page, paren + 9), "the page of %s lacks the symptom '%s'",
					  id, paren + 9);
			}
			*paren = '\0';
		}
		cr_assert(strstr(page, part), "the page of %s lacks the symptom '%s'", id, part);
		free(part);
		sym = sep ? sep + 3 : sym + n;
	}
}

/* The page quotes each vendor symptom exactly as rules.def (and the devices) spell it. */
Test(rules, docs_pages_quote_the_catalogue_symptoms)
{
	for (size_t i = 0; i < ARRAY_SIZE(all_rules); i++) {
		const struct rule_case *c = &all_rules[i];
		const char *page = rule_explain(c->sym);

		cr_assert_not_null(page);
		cr_assert(strstr(page, c->id), "the page of %s does not name it", c->id);
		for (int v = VENDOR_UNKNOWN + 1; v < VENDOR__COUNT; v++)
			if (rule_info(c->sym)->sym[v])
				expect_symptom(page, c->id, rule_info(c->sym)->sym[v]);
		cr_assert(strstr(page, "## How to fix"), "the page of %s has no fix section", c->id);
		cr_assert(strstr(page, "## Vendor symptoms"), "the page of %s has no symptoms section",
			  c->id);
	}
}

Test(rules, docs_pages_show_no_plain_key)
{
	/* example keys in the pages are placeholders, never realistic plain text */
	for (size_t i = 0; i < rule_docs_count; i++) {
		const char *p = rule_docs_text[i];

		while ((p = strstr(p, "pre-shared-key simple ")) != NULL) {
			p += strlen("pre-shared-key simple ");
			cr_assert(strncmp(p, "EXAMPLE-", 8) == 0 || strncmp(p, "KEY`", 4) == 0,
				  "docs/rules/%s.md: a plain example key must be an obvious placeholder",
				  rule_docs_ids[i]);
		}
	}
}
