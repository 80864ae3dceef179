/* SPDX-License-Identifier: MIT */
/*
 * parsers/parser.h - from a file to the model.
 *
 * Each vendor driver runs its grammar over the text, builds the device of the
 * common model in the file's arena, applies the vendor's defaults with their
 * provenance, and queues input-level findings (syntax-error,
 * unknown-statement, invalid-value, foreign-dialect, missing-mandatory,
 * duplicate-definition) in the file's own findings list. Drivers never print.
 */
#ifndef IPSECLINT_PARSERS_PARSER_H
#define IPSECLINT_PARSERS_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/finding.h"
#include "model/model.h"

enum file_status {
	FILE_OK = 0,  /* parsed without syntax errors */
	FILE_PARTIAL, /* parsed, with syntax errors */
	FILE_FAILED,  /* nothing could be modelled (unknown format, unreadable) */
};

const char *file_status_name(enum file_status s); /* "ok", "partial", "failed" */

struct parsed_file {
	struct source src;
	struct arena *arena;
	struct device *dev; /* NULL when failed */
	enum vendor vendor;
	enum file_status status;
	struct findings fs; /* this file's input-level findings */
	bool explicit_path; /* named on the command line (not found by walking) */
};

/*
 * Vendor detection from content (the file name is a tie-breaker only).
 * VENDOR_UNKNOWN when nothing fits; *reason then says why ("binary data",
 * "no Huawei, HP-UX or AIX statement found").
 */
enum vendor detect_vendor(const struct source *src, const char **reason);

/* Drivers: fill pf->dev, pf->status and pf->fs from pf->src. */
void huawei_parse(struct parsed_file *pf);
void hpux_parse(struct parsed_file *pf);

/*
 * Load, detect (or use forced) and parse one file. pf is initialised here.
 * Returns 0, or -errno when the file cannot be read (pf->status FAILED and a
 * message in *errmsg, malloc'd).
 */
int parse_file(struct parsed_file *pf, const char *path, enum vendor forced, char **errmsg);
/* Same on an in-memory buffer (tests, fuzzers). */
void parse_buffer(struct parsed_file *pf, const char *path, const char *data, size_t len, enum vendor forced);
void parsed_file_free(struct parsed_file *pf);

/*
 * The vendor object source line `line` of pf belongs to, as the user names it
 * ("ike peer legacy", "ipsec policy VPN 10", "acl 3000"), into buf (n bytes):
 * what the config file's [suppress] entries match. false when none.
 */
bool parse_object_at(const struct parsed_file *pf, uint32_t line, char *buf, size_t n);

#endif
