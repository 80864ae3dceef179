/* SPDX-License-Identifier: MIT */
/*
 * report/internal.h - helpers shared by the renderers; private to report/.
 *
 * A small pretty-printing JSON writer for the JSON renderers (report, dump,
 * rule catalogue), and the model-to-text helpers they share.
 *
 * Output is indented by two spaces, one member or element per line; empty
 * containers print as {} and []. Strings go through sb_add_json_str(), so
 * the result is valid JSON whatever bytes a name holds.
 */
#ifndef IPSECLINT_REPORT_INTERNAL_H
#define IPSECLINT_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/util.h"
#include "diag/finding.h"
#include "model/model.h"

#define JW_MAX_DEPTH 32

struct jw {
	struct strbuf sb; /* what is not written yet: flushed to out every JW_FLUSH bytes */
	FILE *out;
	int err; /* the first write error, -errno */
	int depth;
	bool has_items[JW_MAX_DEPTH]; /* the container at this depth has a member already */
	bool after_key;		      /* a key was written; its value comes next */
};

/* A document streamed to out: memory stays bounded however large the report. */
void jw_init(struct jw *w, FILE *out);
/* Write the rest (plus a final newline) to the stream and free the buffer; 0 or -errno. */
int jw_finish(struct jw *w);

void jw_obj_open(struct jw *w);
void jw_obj_close(struct jw *w);
void jw_arr_open(struct jw *w);
void jw_arr_close(struct jw *w);
void jw_key(struct jw *w, const char *key);

void jw_str(struct jw *w, const char *s); /* null when s is NULL */
void jw_int(struct jw *w, int64_t v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);

/* key + value in one call */
void jw_kstr(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, int64_t v);
void jw_kbool(struct jw *w, const char *key, bool v);
void jw_knull(struct jw *w, const char *key);

/* ---- model values as text (report/json.c) ------------------------------ */

/* A host as a bare address, any other set canonical (aspec_str); NULL when unset. */
const char *report_addr_text(const struct addrspec *a, char *buf, size_t bufsz);

/* One finding as the JSON report writes it (report/json.c): the review's JSON reuses it. */
void report_json_finding(struct jw *w, const struct finding *f);
/* "devices": [...] and "pair": {"a", "b"} of a finding; without a pair, "pair": null when
 * null_pair, else nothing. */
void report_json_devices_pair(struct jw *w, const struct finding *f, bool null_pair);
/* "version": 1 and "tool": {...}, the head of every JSON report. */
void report_json_head(struct jw *w);
/*
 * The vendors whose symptoms are shown for rule ri, in enum order, into out; returns how
 * many. For a finding f, only the vendors of the files it points at (every vendor when it
 * points at no file of a known vendor); f NULL (the catalogue): every vendor.
 */
size_t report_symptoms(const struct finding *f, const struct rule_info *ri, enum vendor out[VENDOR__COUNT]);
/* "symptoms": {"<vendor>": ..., ...} of report_symptoms(f, ri). */
void report_json_symptoms(struct jw *w, const struct finding *f, const struct rule_info *ri);

/* A location made whole: line and column at least 1, the end not before the start. */
struct loc_range {
	uint32_t line, col, end_line, end_col;
};
struct loc_range report_loc_range(const struct loc *l);

/*
 * "ok", or the worst severity among the findings of each tunnel pair in a
 * report (after --severity, --disable and configured severities), so that a
 * verdict agrees with the findings listed next to it: report/json.c.
 */
/* Each paired tunnel -> its peer, the other end of the first pair it is in (in->pairs order). */
struct report_input;
struct hmap report_partners(const struct report_input *in);
/* t's peer in partners; NULL when t is in no pair. */
const struct tunnel *report_partner(const struct hmap *partners, const struct tunnel *t);

/* The key of the pair of tunnels a and b (their ids), whichever is given first. */
void report_pair_key(struct strbuf *k, const char *a, const char *b);

struct pair_verdicts;
struct pair_verdicts *report_verdicts_new(const struct findings *fs);
/* -1 for ok, else enum severity */
int report_verdict(const struct pair_verdicts *v, const char *a, const char *b);
void report_verdicts_free(struct pair_verdicts *v);

/* A copy of source line `line` of src, masked (source_masked_line), without its line end;
 * NULL when there is none. malloc'd. */
char *report_quoted_line(const struct source *src, uint32_t line);

#endif
