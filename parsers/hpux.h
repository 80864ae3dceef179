/* SPDX-License-Identifier: MIT */
/*
 * parsers/hpux.h - the private interface between the HP-UX ipsec_config
 * grammar (grammars/hpux.l, grammars/hpux.y) and its driver (parsers/hpux.c).
 *
 * The input is a batch file (`add host ...`, `delete ...`, `#` comment lines,
 * backslash continuation) or a transcript of `ipsec_config add ...` command
 * lines (formats/hpux-ipsec_config.md §1.1, §1.2). An operation is
 *
 *     [ipsec_config] add|delete OBJECT [NAME ...] [-flag [value ...]] ...
 *
 * and ends at a line end that is neither escaped by a backslash nor followed
 * by a line whose first word is a flag (newlines are whitespace to
 * ipsec_config, so an operation may run over several lines).
 *
 * The grammar fixes the shape of an operation only; what each flag takes is
 * the driver's table, because HP-UX flags are spelled and abbreviated in
 * more ways than a token per flag could follow. Grammar actions hand each
 * word over in order (hp_op_begin, hp_op_word, hp_op_flag, hp_op_end); the
 * driver applies each operation to its object tables as it ends, because
 * `delete` and automatic priorities depend on the order of operations, and
 * builds the common model after the parse (hp_build in hpux.c).
 */
#ifndef IPSECLINT_PARSERS_HPUX_H
#define IPSECLINT_PARSERS_HPUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/parser.h"
#include "parsers/toolkit.h"

struct hp_state; /* everything the driver records: parsers/hpux.c */

struct hp_ctx {
	struct parsed_file *pf;
	struct device *dev;
	struct arena *a;       /* the model's: everything the device points to */
	struct arena *scratch; /* the parser's own records, freed when the model is built */
	const struct source *src;
	/* scanner position: the scanner reads a copy of the text starting at base */
	const char *base;
	size_t line_start; /* offset of the current line in the text */
	uint32_t line;	   /* current line, 1-based */
	bool op_start;	   /* the next word is the first word of an operation */
	bool in_op;	   /* words were seen since the last operation ended */
	bool continued;	   /* the last line ended with a backslash */
	bool after_prog;   /* the last word was `ipsec_config`: a command follows */
	bool cmdline;	   /* the operation started with `ipsec_config` (not a batch line) */
	struct hp_state *st;
};

/* ---- scanner side --------------------------------------------------------- */

/* A word or quoted string: its value, location and token kind (HPT_*). */
int hp_lex_word(struct hp_ctx *c, const char *text, size_t len, bool quoted, struct drv_tok *val,
		struct drv_loc *lloc);
/* A word that starts with '-' and a letter. */
int hp_lex_flag(struct hp_ctx *c, const char *text, size_t len, struct drv_tok *val, struct drv_loc *lloc);
/*
 * A line end at text. ends_op: it ends the operation (an unescaped line end
 * whose next line does not start with a flag). Returns the NEWLINE token to
 * pass on, or 0 when the line end is only whitespace.
 */
int hp_lex_newline(struct hp_ctx *c, const char *text, bool ends_op, struct drv_tok *val,
		   struct drv_loc *lloc);
/* The end of the text: NEWLINE once if an operation is open, then 0. */
int hp_lex_eof(struct hp_ctx *c, const char *text, struct drv_tok *val, struct drv_loc *lloc);
/* A backslash-newline: the operation goes on. */
void hp_lex_continue(struct hp_ctx *c, const char *text, size_t len);
/* A '#' comment: a whole line (line true), or after the words of an operation. */
void hp_lex_comment(struct hp_ctx *c, const char *text, size_t len, bool line);

/* ---- grammar side --------------------------------------------------------- */

void hp_syntax_error(struct hp_ctx *c, const struct drv_loc *l, const char *msg);
/* add/delete OBJECT: starts an operation */
void hp_op_begin(struct hp_ctx *c, const struct drv_tok *verb, const struct drv_loc *vl,
		 const struct drv_tok *obj, const struct drv_loc *ol);
void hp_op_word(struct hp_ctx *c, const struct drv_tok *w, const struct drv_loc *l, bool quoted);
void hp_op_flag(struct hp_ctx *c, const struct drv_tok *f, const struct drv_loc *l);
/* the operation is complete (l spans all of it): apply it */
void hp_op_end(struct hp_ctx *c, const struct drv_loc *l);
/* ipsec_config show|export|batch|...: not configuration; l spans the command */
void hp_other_command(struct hp_ctx *c, const struct drv_tok *cmd, const struct drv_loc *cl,
		      const struct drv_loc *l);

#endif
