/* SPDX-License-Identifier: MIT */
/*
 * parsers/parse.c - load a file, detect its vendor, run its driver.
 */
#include "parsers/parser.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *file_status_name(enum file_status s)
{
	switch (s) {
	case FILE_OK:
		return "ok";
	case FILE_PARTIAL:
		return "partial";
	case FILE_FAILED:
		break;
	}
	return "failed";
}

static void unknown_format(struct parsed_file *pf, const char *why)
{
	struct span at = span_make(&pf->src, 1, 1, 1, 1);

	pf->status = FILE_FAILED;
	fnd_add(&pf->fs, R_UNKNOWN_FORMAT, &at, "cannot tell which vendor wrote this file: %s", why);
}

/* Everything after the source is loaded: detection and the driver. */
static void parse_loaded(struct parsed_file *pf, enum vendor forced)
{
	const char *why = "no Huawei, HP-UX or AIX statement found";
	enum vendor v = forced;

	if (v == VENDOR_UNKNOWN)
		v = detect_vendor(&pf->src, &why);
	pf->vendor = v;
	switch (v) {
	case VENDOR_HUAWEI:
		pf->arena = arena_new();
		huawei_parse(pf);
		return;
	case VENDOR_HPUX:
		pf->arena = arena_new();
		hpux_parse(pf);
		return;
	case VENDOR_AIX:
		unknown_format(pf,
			       "it looks like an AIX IP Security export, which this version cannot read yet");
		return;
	case VENDOR_UNKNOWN:
		break;
	}
	unknown_format(pf, why);
}

int parse_file(struct parsed_file *pf, const char *path, enum vendor forced, char **errmsg)
{
	int rc;

	memset(pf, 0, sizeof(*pf));
	rc = source_load(&pf->src, path, errmsg);
	if (rc < 0) {
		pf->status = FILE_FAILED;
		if (!pf->src.path)
			pf->src.path = xstrdup(path);
		return rc;
	}
	parse_loaded(pf, forced);
	return 0;
}

void parse_buffer(struct parsed_file *pf, const char *path, const char *data, size_t len, enum vendor forced)
{
	memset(pf, 0, sizeof(*pf));
	source_from_buffer(&pf->src, path, data, len);
	parse_loaded(pf, forced);
}

void parsed_file_free(struct parsed_file *pf)
{
	fnd_free(&pf->fs);
	if (pf->arena)
		arena_free(pf->arena);
	source_free(&pf->src);
	memset(pf, 0, sizeof(*pf));
}
