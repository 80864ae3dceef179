/* SPDX-License-Identifier: MIT */
/*
 * diag/file.h - one input file as the checker's callers and the reports
 * see it: its source, the device modelled from it, its status, its own
 * findings and its inline suppressions. The parsers fill it
 * (parsers/parser.h); the reports read it without knowing any parser.
 */
#ifndef IPSECLINT_DIAG_FILE_H
#define IPSECLINT_DIAG_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/finding.h"
#include "model/model.h"
#include "model/source.h"

enum file_status {
	FILE_OK = 0,  /* parsed without syntax errors */
	FILE_PARTIAL, /* parsed, with syntax errors */
	FILE_FAILED,  /* nothing could be modelled (unknown format, unreadable) */
};

const char *file_status_name(enum file_status s); /* "ok", "partial", "failed" */

/*
 * An inline suppression: a comment "ipseclint disable=rule-id[,rule-id]" (or
 * "disable=all") in the file's own comment syntax, on the line before a
 * statement. It covers the statement's lines.
 */
#define SUPP_RULES_MAX 8
struct inline_supp {
	uint32_t line;			/* the comment */
	uint32_t first, last;		/* the statement it covers; 0 when none followed */
	uint16_t rules[SUPP_RULES_MAX]; /* enum rule_id; R__COUNT for "all" */
	bool used[SUPP_RULES_MAX];
	uint8_t nrules;
};

struct parsed_file {
	struct source src;
	struct arena *arena;
	struct device *dev; /* NULL when failed */
	enum vendor vendor;
	enum file_status status;
	struct findings fs;	  /* this file's input-level findings */
	bool explicit_path;	  /* named on the command line (not found by walking) */
	bool for_peer;		  /* an export written for the peer, kept as the writer's record: the
				   * driver turns it round (AIX expfilt without -r, exptun) */
	struct inline_supp *supp; /* inline suppressions, in file order (malloc'd) */
	size_t nsupp, supp_cap;
};

#endif
