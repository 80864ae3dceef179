/* SPDX-License-Identifier: MIT */
/*
 * parsers/huawei.h - the private interface between the Huawei VRP grammar
 * (grammars/huawei.l, grammars/huawei.y) and its driver (parsers/huawei.c).
 *
 * The scanner reads one line at a time. At the start of each line it asks
 * the driver (hw_lex_bol) what the line is: an artefact to drop (`#`,
 * `return`, prompts, pager text, blank), a line of a view ipseclint does
 * not model (dropped and counted), or a statement the grammar parses. For
 * a statement it returns a line-start token naming the view the line
 * belongs to (HWT_L_TOP for a system-view line, HWT_L_PEER for a line of an
 * `ike peer` view, ...), and the grammar has one production per view:
 * `line: L_PEER peer_stmt NEWLINE`. Views are decided by indentation
 * relative to the current view header, so the decision needs no lookahead
 * from the parser at all.
 *
 * Grammar actions are one call into a builder below. Builders record what
 * was written in the driver's own objects; references are resolved and the
 * common model is built after the parse (hw_build in huawei.c).
 */
#ifndef IPSECLINT_PARSERS_HUAWEI_H
#define IPSECLINT_PARSERS_HUAWEI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/parser.h"
#include "parsers/toolkit.h"

/* The view a body line belongs to. */
enum hw_view {
	HV_NONE = 0, /* no view open (or a one-liner) */
	HV_SKIP,     /* a view ipseclint does not model (aaa, bgp, ...) */
	HV_IKEP,     /* ike proposal */
	HV_PEER,     /* ike peer */
	HV_IPSP,     /* ipsec proposal */
	HV_POL,	     /* ipsec policy (isakmp, manual), ipsec policy-template */
	HV_PROF,     /* ipsec profile */
	HV_ACL,	     /* acl */
	HV_IFACE,    /* interface */
};

/* Field selectors for the list statements. */
enum hw_field {
	HW_F_ENC = 0, /* ike proposal encryption-algorithm */
	HW_F_HASH,    /* ike proposal authentication-algorithm */
	HW_F_INTEG,   /* ike proposal integrity-algorithm */
	HW_F_PRF,     /* ike proposal prf */
	HW_F_ESP_ENC, /* ipsec proposal esp encryption-algorithm */
	HW_F_ESP_AUTH,
	HW_F_AH_AUTH,
};

enum hw_pol_kind {
	HW_PK_ISAKMP = 0, /* ipsec policy NAME SEQ isakmp */
	HW_PK_MANUAL,	  /* ipsec policy NAME SEQ manual */
	HW_PK_TPLREF,	  /* ipsec policy NAME SEQ isakmp template TPL */
	HW_PK_TEMPLATE,	  /* ipsec policy-template TPL SEQ */
	HW_PK_PROFILE,	  /* ipsec profile NAME */
};

enum hw_keytype {
	HW_KT_STRING = 0, /* sa string-key */
	HW_KT_AUTH_HEX,	  /* sa authentication-hex */
	HW_KT_ENC_HEX,	  /* sa encryption-hex */
};

enum hw_keyform {
	HW_KF_BARE = 0, /* no keyword: the token's shape decides */
	HW_KF_SIMPLE,
	HW_KF_CIPHER,
};

/* Scanner position, kept by the driver so that columns are exact. */
struct hw_lexstate {
	const char *base;	/* start of the scanner's buffer (a copy of one chunk of the text) */
	size_t chunk_off;	/* offset of that chunk in the source text */
	size_t next_off;	/* offset of the next chunk */
	const char *line_start; /* scanner buffer position of the current line */
	const char *line_src;	/* the same line in the source text */
	char *buf;		/* the scanner's buffer, reused for every chunk */
	size_t buf_cap;
	size_t adv;	       /* bytes the scanner still skips before the statement */
	int adv_tok;	       /* the line-start token returned after them */
	uint32_t line;	       /* current line, 1-based */
	uint32_t last_end_col; /* last column of the previous token on this line */
};

#define HW_MAX_WORDS 32

struct hw_word {
	struct drv_tok t;
	struct drv_loc l;
};

struct hw_state; /* everything else the driver records: parsers/huawei.c */

struct hw_ctx {
	struct parsed_file *pf;
	struct device *dev;
	struct arena *a;       /* the model's: everything the device points to */
	struct arena *scratch; /* the parser's own views (hw_peer, hw_pol...), freed once built */
	const struct source *src;
	struct hw_lexstate ls;
	/* view tracking (the scanner's side) */
	enum hw_view view;
	unsigned top_indent; /* indentation of the current view header */
	bool after_hash;     /* the previous non-blank line was a `#` separator */
	struct drv_tok head; /* first word of the current line, for messages */
	/* scratch list of words for list statements (algorithms, proposals) */
	struct hw_word words[HW_MAX_WORDS];
	unsigned nwords;
	bool words_overflow;
	struct hw_state *st;
};

/* ---- scanner side --------------------------------------------------------- */

/*
 * Classify the line that starts at lex, a position in the scanner's buffer;
 * the driver reads the whole line from the source text (the scanner has
 * matched only its first word). Returns 0 when the line is consumed
 * (artefact, skipped view, unknown statement already reported), else a
 * line-start token (HWT_L_*) with *off set to the offset of the first word
 * and *lloc to its location.
 */
int hw_lex_bol(struct hw_ctx *c, const char *lex, size_t *off, struct drv_loc *lloc);
void hw_lex_blank(struct hw_ctx *c, const char *text);
/* The next chunk to scan (it ends at a line end or at the end of the text); false at the end. */
bool hw_lex_chunk(struct hw_ctx *c, const char **p, size_t *n);
/* The n bytes at p copied into the scanner's buffer, with the two NULs flex's yy_scan_buffer wants. */
char *hw_lex_buffer(struct hw_ctx *c, const char *p, size_t n);
/* Value and location of a token the scanner matched at text. */
void hw_lex_token(struct hw_ctx *c, const char *text, size_t len, struct drv_tok *val, struct drv_loc *lloc);
/* The end of a statement line (or of the file). */
void hw_lex_newline(struct hw_ctx *c, const char *text, struct drv_tok *val, struct drv_loc *lloc, bool eof);
/* A `//` comment: reported once, dropped; the statement before it is kept. */
void hw_lex_comment(struct hw_ctx *c, const char *text, size_t len);

/* ---- grammar side: syntax errors and scratch words ------------------------ */

void hw_syntax_error(struct hw_ctx *c, const struct drv_loc *l, const char *msg);
void hw_words_begin(struct hw_ctx *c);
void hw_words_add(struct hw_ctx *c, const struct drv_tok *t, const struct drv_loc *l);
/* A statement whose first word is known but whose second is not (e.g. `esp encryption-algoritm`). */
void hw_unknown_sub(struct hw_ctx *c, const struct drv_loc *head, const struct drv_tok *sub,
		    const struct drv_loc *subl);

/* ---- system view ---------------------------------------------------------- */

void hw_sysname(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *l);
void hw_local_name(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *l);
void hw_ikep_begin(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_loc *line);
void hw_peer_begin(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_tok *ver, const struct drv_loc *vl, const struct drv_loc *line);
void hw_ipsp_begin(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_loc *line);
/* ipsec policy G SEQ [isakmp [template T] | manual], ipsec policy-template T SEQ, ipsec profile P */
void hw_pol_begin(struct hw_ctx *c, enum hw_pol_kind kind, const struct drv_tok *name,
		  const struct drv_loc *nl, const struct drv_tok *seq, const struct drv_loc *sl,
		  const struct drv_tok *tpl, const struct drv_loc *tl, const struct drv_loc *line);
void hw_pol_shared(struct hw_ctx *c, const struct drv_tok *group, const struct drv_loc *gl,
		   const struct drv_tok *ifname, const struct drv_loc *il, const struct drv_loc *line);
void hw_global_duration(struct hw_ctx *c, bool time_based, const struct drv_tok *v, const struct drv_loc *vl,
			const struct drv_loc *line);
/* acl ... (the words after `acl` are in the scratch list) */
void hw_acl_begin(struct hw_ctx *c, const struct drv_loc *line);
/* interface ... (the words after `interface` are in the scratch list) */
void hw_iface_begin(struct hw_ctx *c, const struct drv_loc *line);

/* ---- ike proposal --------------------------------------------------------- */

/* encryption-algorithm / authentication-algorithm / integrity-algorithm / prf (scratch list) */
void hw_ikep_algs(struct hw_ctx *c, enum hw_field f, const struct drv_loc *line);
void hw_ikep_auth_method(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_ikep_dh(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_ikep_duration(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);

/* ---- ike peer ------------------------------------------------------------- */

void hw_peer_version(struct hw_ctx *c, bool undo, const struct drv_tok *v, const struct drv_loc *vl,
		     const struct drv_loc *line);
void hw_peer_exchange(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_peer_psk(struct hw_ctx *c, enum hw_keyform form, const struct drv_tok *key, const struct drv_loc *kl,
		 const struct drv_loc *line);
void hw_peer_ike_proposal(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
/* H3C Comware `proposal N ...` inside ike peer (scratch list) */
void hw_peer_h3c_proposal(struct hw_ctx *c, const struct drv_loc *line);
void hw_peer_local_address(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
/* vrf is the vpn-instance name, host true for remote-address host-name */
void hw_peer_remote_address(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl,
			    const struct drv_tok *vrf, bool host, const struct drv_loc *line);
void hw_peer_id_type(struct hw_ctx *c, bool local, const struct drv_tok *v, const struct drv_loc *vl,
		     const struct drv_tok *v2, const struct drv_loc *vl2);
void hw_peer_id(struct hw_ctx *c, bool local, const struct drv_tok *v, const struct drv_loc *vl);
void hw_peer_nat(struct hw_ctx *c, bool on, const struct drv_loc *line);

/* ---- ipsec proposal ------------------------------------------------------- */

void hw_ipsp_transform(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_ipsp_mode(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
/* esp/ah algorithm lists (scratch list) */
void hw_ipsp_algs(struct hw_ctx *c, enum hw_field f, const struct drv_loc *line);

/* ---- ipsec policy, policy-template, profile ------------------------------- */

/* security acl N [dynamic-source] | security acl name X (scratch list) */
void hw_pol_acl(struct hw_ctx *c, const struct drv_loc *line);
void hw_pol_peer(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
/* proposal A [B ...] (scratch list) */
void hw_pol_proposals(struct hw_ctx *c, const struct drv_loc *line);
void hw_pol_pfs(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_pol_duration(struct hw_ctx *c, bool time_based, const struct drv_tok *v, const struct drv_loc *vl,
		     const struct drv_loc *line);
void hw_pol_trigger(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
/* local-address X | tunnel local X; v NULL for applied-interface */
void hw_pol_local(struct hw_ctx *c, bool tunnel_kw, const struct drv_tok *v, const struct drv_loc *vl,
		  const struct drv_loc *line);
/* tunnel remote X (h3c: remote-address X inside the policy) */
void hw_pol_remote(struct hw_ctx *c, bool h3c, const struct drv_tok *v, const struct drv_loc *vl,
		   const struct drv_loc *line);
void hw_pol_disable(struct hw_ctx *c, const struct drv_loc *line);
void hw_pol_route_inject(struct hw_ctx *c, const struct drv_loc *line);
void hw_pol_spi(struct hw_ctx *c, const struct drv_tok *dir, const struct drv_tok *proto,
		const struct drv_tok *v, const struct drv_loc *vl);
void hw_pol_key(struct hw_ctx *c, enum hw_keytype type, const struct drv_tok *dir,
		const struct drv_tok *proto, enum hw_keyform form, const struct drv_tok *key,
		const struct drv_loc *kl);

/* ---- acl ------------------------------------------------------------------ */

void hw_rule_begin(struct hw_ctx *c, const struct drv_tok *id, const struct drv_loc *il, bool permit,
		   const struct drv_loc *kw);
void hw_rule_proto(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
/* addr NULL: any */
void hw_rule_addr(struct hw_ctx *c, bool src, const struct drv_tok *addr, const struct drv_loc *al,
		  const struct drv_tok *wc, const struct drv_loc *wl);
/* op: 'e' eq, 'g' gt, 'l' lt, 'r' range, other: unknown operator word opw */
void hw_rule_port(struct hw_ctx *c, bool src, int op, const struct drv_tok *opw, const struct drv_loc *opl,
		  const struct drv_tok *p1, const struct drv_loc *l1, const struct drv_tok *p2,
		  const struct drv_loc *l2);
void hw_rule_word(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_rule_end(struct hw_ctx *c, const struct drv_loc *stmt);
void hw_acl_step(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);

/* ---- interface ------------------------------------------------------------ */

/* ip address A MASK|PLEN [sub] */
void hw_if_address(struct hw_ctx *c, const struct drv_tok *a, const struct drv_loc *al,
		   const struct drv_tok *m, const struct drv_loc *ml, bool sub, const struct drv_loc *line);
/* ip address WORD ... (unnumbered, dhcp-alloc, or a malformed address) */
void hw_if_address_other(struct hw_ctx *c, const struct drv_tok *w, const struct drv_loc *wl);
/* ipsec policy NAME [mode] (mode words in the scratch list) */
void hw_if_policy(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		  const struct drv_loc *line);
void hw_if_profile(struct hw_ctx *c, const struct drv_tok *name, const struct drv_loc *nl,
		   const struct drv_loc *line);
void hw_if_tunnel_protocol(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_if_source(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);
void hw_if_destination(struct hw_ctx *c, const struct drv_tok *v, const struct drv_loc *vl);

#endif
