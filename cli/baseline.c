/* SPDX-License-Identifier: MIT */
/*
 * cli/baseline.c - the fingerprints of a previous JSON report.
 *
 * The report is read with jansson (no hand-written JSON parser); only
 * .findings[].fingerprint is used, so a report of an older or newer
 * ipseclint with other keys reads the same. Fingerprints are 16 hex digits
 * (fnd_fingerprint), held as 64-bit keys in a set.
 */
#include "cli/baseline.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool fp_value(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!s || strlen(s) != 16)
		return false;
	for (int i = 0; i < 16; i++) {
		char c = s[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

int baseline_load(const char *path, struct baseline *b, struct strbuf *err)
{
	json_error_t je;
	json_t *root, *findings, *f;
	size_t i;

	memset(b, 0, sizeof(*b));
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		if (je.line > 0)
			sb_addf(err, "%s:%d:%d: not a JSON report: %s", path, je.line, je.column, je.text);
		else
			sb_addf(err, "%s: %s", path, je.text);
		return -1;
	}
	findings = json_is_object(root) ? json_object_get(root, "findings") : NULL;
	if (!json_is_array(findings)) {
		sb_addf(err,
			"%s: not an ipseclint JSON report (no \"findings\" array); make one with "
			"'ipseclint check --format json'",
			path);
		json_decref(root);
		return -1;
	}
	json_array_foreach(findings, i, f)
	{
		uint64_t k;

		if (!fp_value(json_string_value(json_object_get(f, "fingerprint")), &k)) {
			sb_addf(err, "%s: finding %zu has no fingerprint of 16 hex digits", path, i + 1);
			json_decref(root);
			baseline_free(b);
			return -1;
		}
		hmap_add(&b->fps, &k, sizeof(k));
	}
	json_decref(root);
	return 0;
}

bool baseline_has(const struct baseline *b, const struct finding *f)
{
	char fp[17];
	uint64_t k;

	if (!hmap_count(&b->fps))
		return false;
	fnd_fingerprint(f, fp);
	return fp_value(fp, &k) && hmap_has(&b->fps, &k, sizeof(k));
}

void baseline_free(struct baseline *b)
{
	hmap_free(&b->fps);
}
