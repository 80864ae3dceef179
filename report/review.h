/* SPDX-License-Identifier: MIT */
/*
 * report/review.h - the change-window review as data, private to report/:
 * built once from one or two states of a fleet (review.c), rendered as
 * text and JSON (review.c), markdown (review_md.c) and HTML with a picture
 * of the topology (review_html.c).
 *
 * A row is a tunnel pair, or a tunnel that pairs with nobody; rows of the
 * two states are the same row when their tunnel ids are (ids name the
 * device and the object, not the file, so they survive a move). Findings
 * of the two states are matched by fingerprint.
 */
#ifndef IPSECLINT_REPORT_REVIEW_H
#define IPSECLINT_REPORT_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "report/internal.h"
#include "report/report.h"

/* A verdict: V_ABSENT in a state that has no such row, V_OK, else the enum severity. */
enum { V_ABSENT = -2, V_OK = -1 };

const char *rv_verdict_name(int v);  /* "-", "ok", "info", "warning", "error" */
const char *rv_verdict_color(int v); /* the colour the picture and the graph draw it in */

enum rv_change { RV_UNCHANGED = 0, RV_INTRODUCED, RV_RESOLVED };

struct rv_finding {
	const struct finding *f;
	enum rv_change change;
	int row; /* the row it belongs to, or -1 (a device's or a file's own finding) */
};

struct rv_row {
	const char *a, *b;	      /* tunnel ids; b NULL: a tunnel that pairs with nobody */
	const char *dev_a, *dev_b;    /* device names (dev_b NULL when b is) */
	const struct tunnel *ta, *tb; /* from the latest state that has the row */
	int verdict[2];		      /* [0] before, [1] after */
	const char *remote;	      /* unpaired: its first remote endpoint, or NULL */
};

struct review {
	const struct report_input *st[2]; /* [0] before (NULL: one state), [1] after */
	struct rv_row *rows;		  /* worst after-verdict first, then by ids */
	size_t nrows;
	struct rv_finding *fs; /* after's findings (introduced or unchanged), then resolved ones */
	size_t nfs;
	const char **added, **removed; /* tunnel ids */
	size_t nadded, nremoved;
	size_t count[2][3]; /* per state, findings by severity */
};

/* The summary table: RV_SUMMARY_ROWS rows, each a label and a number per state. */
#define RV_SUMMARY_ROWS 7
const char *rv_summary_label(int k);
size_t rv_summary_value(const struct review *r, int state, int k);

void rv_build(struct review *r, const struct report_input *before, const struct report_input *after);
void rv_free(struct review *r);

/*
 * The findings in the order the markdown and HTML reports group them: by
 * row (in row order), then those of no row (a device's own, a file's) by
 * device (devices[0], NULL last); in a group, introduced before resolved
 * before unchanged, then the worst first, then report order. Indexes
 * into r->fs, malloc'd. rv_same_group(): do two findings share a group?
 */
size_t *rv_order(const struct review *r);
bool rv_same_group(const struct rv_finding *x, const struct rv_finding *y);
bool rv_same_device(const struct finding *x, const struct finding *y);

/* How a finding's location is written: "file:line:col". */
void rv_where(struct strbuf *sb, const struct loc *l);

int rv_markdown(FILE *out, const struct review *r, const struct report_opts *o);
int rv_html(FILE *out, const struct review *r, const struct report_opts *o);

#endif
