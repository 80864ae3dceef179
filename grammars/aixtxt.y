/* SPDX-License-Identifier: MIT */
/*
 * grammars/aixtxt.y - grammar of the AIX IP Security text exports
 * (formats/aix-exports.md §1.2, §2.2, §2.3): one file is in one mode, which
 * the scanner hands over as the first token.
 *
 *   pipe   record := field { '|' field } NL      (fields may be empty)
 *          `#` lines are headers
 *   exp    record := word { word } NL
 *   human  [banner/text lines] { "Rule N:" NL { item NL } }
 *          item := "Label : value" | "*** ... ***" | banner | text
 *
 * The grammar fixes the shape of a record; which record a field count or a
 * label makes, and what each field holds, is the driver's table
 * (parsers/aix_text.c), so that the column maps - inferred for the export
 * files - live in one place. Errors recover per line.
 */

%require "3.8"
%define api.pure full
%define api.prefix {aixtxt_yy}
%define api.token.prefix {AXT_}
%define api.value.type {struct drv_tok}
%define api.location.type {struct drv_loc}
%define parse.error detailed
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {struct aixt_ctx *ctx}

%code requires {
#include "parsers/aix_text.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code {
int aixtxt_yylex(AIXTXT_YYSTYPE *lval, AIXTXT_YYLTYPE *lloc, yyscan_t scanner);

static void aixtxt_yyerror(AIXTXT_YYLTYPE *loc, yyscan_t scanner, struct aixt_ctx *ctx, const char *msg)
{
	(void)scanner;
	aixt_syntax_error(ctx, loc, msg);
}
}

%token MODE_PIPE "pipe-separated records"
%token MODE_EXP "export records"
%token MODE_HUMAN "lsfilt listing"
%token NL "end of line"
%token COMMENT "header line"
%token TEXT "text"
%token BAR "'|'"
%token WORD "word"
%token RULE "'Rule N:'"
%token FIELD "'Label : value' line"
%token DYNAMIC "dynamic placement line"
%token BANNER "'Beginning/End of filter rules' line"

%%

file:	  MODE_PIPE plines
	| MODE_EXP elines
	| MODE_HUMAN hpre hrules
	;

/* ---- lsfilt -O, lstun -O ---- */

plines:	  %empty
	| plines pline
	;

pline:	  fields NL		{ aixt_record_end(ctx, &@$); }
	| COMMENT NL		{ aixt_comment(ctx, &$1, &@1); }
	| error NL		{ yyerrok; aixt_record_drop(ctx); }
	;

fields:	  field
	| fields BAR field
	;

field:	  %empty		{ aixt_field(ctx, NULL, &@$); }
	| TEXT			{ aixt_field(ctx, &$1, &@1); }
	;

/* ---- ipsec_fltr_rule.exp ---- */

elines:	  %empty
	| elines eline
	;

eline:	  words NL		{ aixt_record_end(ctx, &@$); }
	| COMMENT NL		{ aixt_comment(ctx, &$1, &@1); }
	| error NL		{ yyerrok; aixt_record_drop(ctx); }
	;

words:	  WORD			{ aixt_field(ctx, &$1, &@1); }
	| words WORD		{ aixt_field(ctx, &$2, &@2); }
	;

/* ---- human lsfilt ---- */

/* what comes before the first rule: the banner, stray text */
hpre:	  %empty
	| hpre hline
	;

hline:	  BANNER NL		{ aixt_banner(ctx, &$1, &@1); }
	| TEXT NL		{ aixt_text(ctx, &$1, &@1); }
	| FIELD NL		{ aixt_label(ctx, &$1, &@1); }
	| DYNAMIC NL		{ aixt_dynamic(ctx, &$1, &@1); }
	| error NL		{ yyerrok; }
	;

hrules:	  %empty
	| hrules hrule
	;

hrule:	  RULE NL		{ aixt_rule_begin(ctx, &$1, &@1); }
	  hitems		{ aixt_rule_end(ctx); }
	;

hitems:	  %empty
	| hitems hline
	;

%%
