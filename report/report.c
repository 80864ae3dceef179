/* SPDX-License-Identifier: MIT */
/*
 * report/report.c - the report formats by name, and one entry point that
 * renders a check in any of them.
 */
#include "report/report.h"

#include <errno.h>
#include <string.h>

static const char *const format_names[REPORT__COUNT] = {
	[REPORT_TEXT] = "text",	  [REPORT_JSON] = "json",	  [REPORT_SARIF] = "sarif",
	[REPORT_JUNIT] = "junit", [REPORT_MARKDOWN] = "markdown", [REPORT_HTML] = "html",
};

const char *report_format_name(enum report_format f)
{
	return (unsigned)f < REPORT__COUNT ? format_names[f] : "?";
}

bool report_format_parse(const char *s, enum report_format *out)
{
	for (unsigned f = 0; f < REPORT__COUNT; f++) {
		if (strcmp(s, format_names[f]) == 0) {
			*out = (enum report_format)f;
			return true;
		}
	}
	if (strcmp(s, "md") == 0) {
		*out = REPORT_MARKDOWN;
		return true;
	}
	return false;
}

int report_render(FILE *out, enum report_format f, const struct report_input *in, const struct report_opts *o)
{
	switch (f) {
	case REPORT_TEXT:
		return report_text(out, in, o);
	case REPORT_JSON:
		return report_json(out, in, o);
	case REPORT_SARIF:
		return report_sarif(out, in, o);
	case REPORT_JUNIT:
		return report_junit(out, in, o);
	case REPORT_MARKDOWN:
	case REPORT_HTML:
		return report_review(out, f, NULL, in, o);
	case REPORT__COUNT:
		break;
	}
	return -EINVAL;
}
