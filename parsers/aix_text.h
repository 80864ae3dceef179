/* SPDX-License-Identifier: MIT */
/*
 * parsers/aix_text.h - the private interface between the AIX text-export
 * grammar (grammars/aixtxt.l, grammars/aixtxt.y) and its driver
 * (parsers/aix_text.c).
 *
 * One file holds records of one shape: `|`-separated (`lsfilt -O` filter
 * rules, `lstun -O` manual tunnels, or both, told apart by their field
 * counts), blank-separated (`ipsec_fltr_rule.exp`), or the human `lsfilt`
 * listing. The driver picks the mode before the scan (aixt_mode); the
 * grammar hands each record's fields over in order (aixt_field, then
 * aixt_record_end), or each line of a human rule (aixt_rule_begin,
 * aixt_label, aixt_rule_end). The driver maps fields to the model through
 * its column tables and builds the device after the parse.
 */
#ifndef IPSECLINT_PARSERS_AIX_TEXT_H
#define IPSECLINT_PARSERS_AIX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/parser.h"
#include "parsers/toolkit.h"

enum aixt_mode {
	AIXT_PIPE = 0, /* lsfilt -O / lstun -O */
	AIXT_EXP,      /* ipsec_fltr_rule.exp (and ipsec_tun_manu.exp, layout inferred) */
	AIXT_HUMAN,    /* lsfilt */
};

/* Which mode a text is in: by its first lines that say. */
enum aixt_mode aixt_mode_of(const struct source *src);

struct aixt_state; /* everything the driver records: parsers/aix_text.c */

struct aixt_ctx {
	struct parsed_file *pf;
	struct device *dev;
	struct arena *a;
	const struct source *src;
	enum aixt_mode mode;
	bool mode_sent; /* the scanner has handed the mode token over */
	/* scanner position: the scanner reads a copy of the text starting at base */
	const char *base;
	size_t line_start;	    /* offset of the current line in the text */
	uint32_t line;		    /* current line, 1-based */
	bool line_has_tok;	    /* a token was seen on the current line */
	uint32_t tok_line, tok_col; /* the last token the scanner handed over */
	struct aixt_state *st;
};

/* ---- scanner side --------------------------------------------------------- */

/* A token of kind tok (AXT_*) at text; text NULL for the mode token. */
int aixt_lex_tok(struct aixt_ctx *c, int tok, const char *text, size_t len, struct drv_tok *val,
		 struct drv_loc *lloc);
/* A line end at nl: AXT_NL when the line had tokens, else 0 (a blank line). */
int aixt_lex_newline(struct aixt_ctx *c, const char *nl, struct drv_tok *val, struct drv_loc *lloc);
/* The end of the text: NL once if the last line has no line end, then 0. */
int aixt_lex_eof(struct aixt_ctx *c, const char *text, struct drv_tok *val, struct drv_loc *lloc);

/* ---- grammar side --------------------------------------------------------- */

void aixt_syntax_error(struct aixt_ctx *c, const struct drv_loc *l, const char *msg);
/* one field of the current record (t NULL: an empty field, l at the token after it) */
void aixt_field(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
/* the record is complete (l spans it) */
void aixt_record_end(struct aixt_ctx *c, const struct drv_loc *l);
/* a syntax error dropped the line: forget its fields */
void aixt_record_drop(struct aixt_ctx *c);
/* a `#` line */
void aixt_comment(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
/* human lsfilt */
void aixt_banner(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
void aixt_text(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
void aixt_label(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
void aixt_dynamic(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
void aixt_rule_begin(struct aixt_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
void aixt_rule_end(struct aixt_ctx *c);

#endif
