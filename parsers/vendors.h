/* SPDX-License-Identifier: MIT */
/*
 * parsers/vendors.h - the vendor descriptor: one row a vendor, everything
 * the parsing step needs to know of it. parse.c, detect.c and object.c
 * iterate the table instead of naming vendors; a structural test
 * (tests/test_vendors.c) fails when a row lacks an entry point, a golden
 * folder, a fuzz target or a rule page. docs/adding-a-vendor.md says how a
 * fourth vendor joins.
 */
#ifndef IPSECLINT_PARSERS_VENDORS_H
#define IPSECLINT_PARSERS_VENDORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/parser.h"

struct vendor_ops {
	enum vendor id; /* its name and display name: model_vendor_name(), model_vendor_display() */
	/* file endings that decide a detection tie (NULL-terminated) */
	const char *const *extensions;
	/*
	 * Detection: a line prefix only this vendor writes (a device prompt),
	 * scored here and skipped before the line is scored for every vendor;
	 * 0 when there is none. NULL: the vendor has no such prefix.
	 */
	size_t (*line_prefix)(const char *line, size_t n, int *score);
	/* Detection: points for one line (blanks trimmed) that looks like this vendor's syntax. */
	void (*score_line)(const char *line, size_t n, int *score);
	/* The first arena chunk's size for a source: about what its model takes. */
	size_t (*first_chunk)(const struct source *src);
	/* The driver: fills pf->dev, pf->fs and pf->status. */
	void (*parse)(struct parsed_file *pf);
	/*
	 * The object a line belongs to, named as the user knows it ("ike peer
	 * legacy"): what a [suppress] entry matches. NULL: files only.
	 */
	bool (*object_at)(const struct source *src, uint32_t line, char *buf, size_t n);
	const char *fixtures;		 /* the golden cases' folder */
	const char *const *fuzz_targets; /* tests/fuzz/fuzz_NAME.c (NULL-terminated) */
};

extern const struct vendor_ops vendor_table[];
extern const size_t vendor_count;

/* The row of vendor v, or NULL (VENDOR_UNKNOWN). */
const struct vendor_ops *vendor_ops(enum vendor v);

/* The per-vendor parts of detection (detect.c), and of object naming (object.c). */
size_t huawei_prompt_len(const char *p, size_t n, int *score);
void huawei_score_line(const char *p, size_t n, int *score);
void hpux_score_line(const char *p, size_t n, int *score);
void aix_score_line(const char *p, size_t n, int *score);
bool huawei_object(const struct source *src, uint32_t line, char *buf, size_t n);

#endif
