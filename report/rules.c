/* SPDX-License-Identifier: MIT */
/*
 * report/rules.c - "ipseclint rules" (the catalogue as a table or JSON) and
 * "ipseclint explain RULE" (the rule's page from docs/rules/<id>.md).
 */
#include "report/report.h"

#include <errno.h>
#include <string.h>

#include "report/internal.h"

static void write_rule_json(struct jw *w, const struct rule_info *ri)
{
	jw_obj_open(w);
	jw_kstr(w, "id", ri->id);
	jw_kstr(w, "severity", sev_name(ri->severity));
	jw_kstr(w, "summary", ri->summary);
	report_json_symptoms(w, NULL, ri);
	jw_kstr(w, "hint", ri->hint);
	jw_obj_close(w);
}

int report_rules(FILE *out, bool json)
{
	size_t idw = strlen("ID");

	if (json) {
		struct jw w;

		jw_init(&w, out);
		jw_obj_open(&w);
		jw_key(&w, "rules");
		jw_arr_open(&w);
		for (size_t i = 0; i < R__COUNT; i++)
			write_rule_json(&w, rule_info((enum rule_id)i));
		jw_arr_close(&w);
		jw_obj_close(&w);
		return jw_finish(&w);
	}

	for (size_t i = 0; i < R__COUNT; i++) {
		size_t n = strlen(rule_info((enum rule_id)i)->id);

		if (n > idw)
			idw = n;
	}
	fprintf(out, "%-*s  %-8s  %s\n", (int)idw, "ID", "SEVERITY", "SUMMARY");
	for (size_t i = 0; i < R__COUNT; i++) {
		const struct rule_info *ri = rule_info((enum rule_id)i);

		fprintf(out, "%-*s  %-8s  %s\n", (int)idw, ri->id, sev_name(ri->severity), ri->summary);
	}
	return ferror(out) ? -EIO : 0;
}

int report_explain(FILE *out, enum rule_id r)
{
	const struct rule_info *ri = rule_info(r);
	const char *page;

	if (!ri)
		return -EINVAL;
	fprintf(out, "%s (%s): %s\n\n", ri->id, sev_name(ri->severity), ri->summary);
	page = rule_explain(r);
	if (page) {
		size_t n = strlen(page);

		fputs(page, out);
		if (n && page[n - 1] != '\n')
			fputc('\n', out);
	} else {
		enum vendor v[VENDOR__COUNT];
		size_t n = report_symptoms(NULL, ri, v);

		if (n)
			fputs("Vendor symptoms:\n", out);
		for (size_t i = 0; i < n; i++)
			fprintf(out, "  %s:%*s%s\n", model_vendor_display(v[i]),
				(int)(7 - strlen(model_vendor_display(v[i]))), "", ri->sym[v[i]]);
		if (n)
			fputc('\n', out);
		fprintf(out, "Fix: %s\n", ri->hint);
	}
	return ferror(out) ? -EIO : 0;
}
