/* SPDX-License-Identifier: MIT */
/*
 * diag/finding.h - rules and findings.
 *
 * Diagnostics are data: parsers, drivers and the checker queue findings here
 * while they work; renderers print them once, in a deterministic order
 * (file, line, column, rule). Messages follow git's wording: lower case, no
 * trailing period, the object in quotes, the problem first. A message never
 * contains a key: describe keys with model_key_describe().
 */
#ifndef IPSECLINT_DIAG_FINDING_H
#define IPSECLINT_DIAG_FINDING_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/util.h"
#include "model/model.h"

enum severity {
	SEV_INFO = 0,
	SEV_WARNING = 1,
	SEV_ERROR = 2,
	SEV_NONE = 3, /* only as a --fail-on level: nothing fails */
};

const char *sev_name(enum severity s); /* "error", "warning", "info" */
bool sev_parse(const char *s, enum severity *out);

/* What a rule's findings are about (the scope column of rules.def). */
enum rule_scope {
	SCOPE_FILE,
	SCOPE_DEVICE,
	SCOPE_PAIR,
};

enum rule_id {
#define RULE(sym, id, sev, scope, summary, hint) sym,
#define SYMPTOM(rule, vendor, text)
#include "diag/rules.def"
#undef SYMPTOM
#undef RULE
	R__COUNT
};

struct rule_info {
	enum rule_id rule;
	const char *id;
	enum severity severity; /* default */
	enum rule_scope scope;
	const char *summary;
	const char
		*sym[VENDOR__COUNT]; /* what each vendor's devices log, by enum vendor; NULL when nothing */
	const char *hint;
};

const struct rule_info *rule_info(enum rule_id r);
/* Look up by ID string; false when unknown. */
bool rule_by_id(const char *id, enum rule_id *out);
/* Long text for "ipseclint explain" (docs/rules/<id>.md), or NULL. */
const char *rule_explain(enum rule_id r);

/*
 * Every finding the checker and the parsers make has a file. A location
 * without one (src NULL) is for usage-level problems only: the text report
 * prints it as "ipseclint: severity: ...", the JSON report with file "" and
 * line 1 (consumers may rely on .location.file being a string and line >= 1).
 */
struct loc {
	const struct source *src; /* NULL: no file (usage-level, see above) */
	uint32_t line, col, end_line, end_col;
	char *message; /* related locations only; malloc'd */
};

struct finding {
	enum rule_id rule;
	enum severity sev;
	char *message; /* malloc'd */
	char *hint;    /* malloc'd override, NULL = the rule's hint */
	struct loc loc;
	struct loc *related;
	size_t nrelated;
	const char *devices[2];	     /* device names (not owned); [1] NULL for single-device */
	const char *pair_a, *pair_b; /* tunnel ids for pairwise findings (not owned) */
	char *fp_material;	     /* malloc'd: normalised values for the fingerprint */
	uint64_t seq;		     /* insertion order, last sort key */
};

struct findings {
	struct finding *v;
	size_t n, cap;
	uint64_t next_seq;
};

/*
 * Queue a finding at span (NULL: no location) with the rule's default
 * severity. The message is printf-formatted. The pointer returned is valid
 * until the next fnd_add() on the same list.
 */
struct finding *fnd_add(struct findings *fs, enum rule_id rule, const struct span *at, const char *fmt, ...)
	PRINTF_LIKE(4, 5);
/* The same with a va_list, for a driver's own finding helper. */
struct finding *fnd_vadd(struct findings *fs, enum rule_id rule, const struct span *at, const char *fmt,
			 va_list ap) PRINTF_LIKE(4, 0);
void fnd_related(struct finding *f, const struct span *at, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* Fingerprint material: object names and normalised values, never lines. Calls append. */
void fnd_fp(struct finding *f, const char *fmt, ...) PRINTF_LIKE(2, 3);
void fnd_set_hint(struct finding *f, const char *fmt, ...) PRINTF_LIKE(2, 3);
void fnd_set_devices(struct finding *f, const char *a, const char *b);
/* The vendors of the files a finding points at (its location and related ones), one bit
 * (1u << enum vendor) each; 0 when none is known. */
unsigned fnd_vendors(const struct finding *f);

/* Hex fingerprint of rule + devices + material (16 hex digits + NUL). */
void fnd_fingerprint(const struct finding *f, char out[17]);
/* Sort by file (as given), line, column, rule, insertion order. */
void fnd_sort(struct findings *fs);
void fnd_free(struct findings *fs);
/*
 * Keep the first max findings of rule r (by line, then column) and drop the
 * others; returns how many were dropped, *first the place of the first of
 * them (when any).
 */
size_t fnd_cap(struct findings *fs, enum rule_id r, size_t max, struct loc *first);

static inline struct loc loc_from_span(const struct span *s)
{
	struct loc l = {0};
	if (s) {
		l.src = s->src;
		l.line = s->line;
		l.col = s->col;
		l.end_line = s->end_line;
		l.end_col = s->end_col;
	}
	return l;
}

#endif
