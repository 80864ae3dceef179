/* SPDX-License-Identifier: MIT */
/*
 * grammars/hpux.y - grammar of HP-UX ipsec_config operations
 * (formats/hpux-ipsec_config.md §1.1-§1.10).
 *
 * A batch file is a list of operations, one per (logical) line:
 *
 *     [ipsec_config] add    OBJECT [NAME ...] [-flag [value ...]] ...
 *     [ipsec_config] delete OBJECT [NAME ...] [-flag [value ...]] ...
 *
 * and a transcript may also hold other ipsec_config commands (show, export,
 * batch), which configure nothing. The grammar fixes that shape; which
 * objects exist, what each flag takes and which values are valid is the
 * driver's table (parsers/hpux.c), so that a misspelt object or flag is an
 * `unknown-statement` warning with a suggestion rather than a bare syntax
 * error. Words are handed over in order; the driver attaches the words
 * after a flag to that flag.
 *
 * Errors recover per operation: `error NEWLINE` drops the rest of it.
 */

%require "3.8"
%define api.pure full
%define api.prefix {hpux_yy}
%define api.token.prefix {HPT_}
%define api.value.type {struct drv_tok}
%define api.location.type {struct drv_loc}
%define parse.error detailed
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {struct hp_ctx *ctx}

%code requires {
#include "parsers/hpux.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code {
int hpux_yylex(HPUX_YYSTYPE *lval, HPUX_YYLTYPE *lloc, yyscan_t scanner);

static void hpux_yyerror(HPUX_YYLTYPE *loc, yyscan_t scanner, struct hp_ctx *ctx, const char *msg)
{
	(void)scanner;
	hp_syntax_error(ctx, loc, msg);
}
}

%token NEWLINE "end of operation"
%token IPSEC_CONFIG "'ipsec_config'"
%token ADD "'add'"
%token DELETE "'delete'"
%token COMMAND "ipsec_config command"
%token WORD "word"
%token QUOTED "quoted string"
%token FLAG "flag"

%%

file:	  %empty
	| file line
	;

line:	  NEWLINE
	| op NEWLINE
	| error NEWLINE		{ yyerrok; }
	;

op:	  verb WORD		{ hp_op_begin(ctx, &$1, &@1, &$2, &@2); }
	  items			{ hp_op_end(ctx, &@$); }
	| IPSEC_CONFIG verb WORD { hp_op_begin(ctx, &$2, &@2, &$3, &@3); }
	  items			{ hp_op_end(ctx, &@$); }
	| IPSEC_CONFIG COMMAND words { hp_other_command(ctx, &$2, &@2, &@$); }
	;

verb:	  ADD
	| DELETE
	;

items:	  %empty
	| items WORD		{ hp_op_word(ctx, &$2, &@2, false); }
	| items QUOTED		{ hp_op_word(ctx, &$2, &@2, true); }
	| items FLAG		{ hp_op_flag(ctx, &$2, &@2); }
	;

/* the arguments of a command that configures nothing */
words:	  %empty
	| words WORD
	| words QUOTED
	| words FLAG
	;

%%
