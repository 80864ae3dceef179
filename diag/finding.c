/* SPDX-License-Identifier: MIT */
/*
 * diag/finding.c - the findings queue: add, annotate, fingerprint, sort, free.
 */
#include "diag/finding.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/file.h"

static char *vformat(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);

static char *vformat(const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	sb_vaddf(&sb, fmt, ap);
	return sb_detach(&sb);
}

struct finding *fnd_vadd(struct findings *fs, enum rule_id rule, const struct span *at, const char *fmt,
			 va_list ap)
{
	const struct rule_info *ri = rule_info(rule);
	struct finding *f;

	VEC_GROW(fs->v, fs->cap, fs->n + 1);
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->sev = ri ? ri->severity : SEV_ERROR;
	f->message = vformat(fmt, ap);
	f->loc = loc_from_span(at);
	f->seq = fs->next_seq++;
	return f;
}

struct finding *fnd_add(struct findings *fs, enum rule_id rule, const struct span *at, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = fnd_vadd(fs, rule, at, fmt, ap);
	va_end(ap);
	return f;
}

void fnd_related(struct finding *f, const struct span *at, const char *fmt, ...)
{
	struct loc *l;
	va_list ap;

	f->related = xrealloc(f->related, (f->nrelated + 1) * sizeof(*f->related));
	l = &f->related[f->nrelated++];
	*l = loc_from_span(at);
	va_start(ap, fmt);
	l->message = vformat(fmt, ap);
	va_end(ap);
}

/*
 * Several calls append, separated by a unit separator, so a rule can add
 * the names and values of both sides one at a time.
 */
void fnd_fp(struct finding *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (f->fp_material) {
		sb_adds(&sb, f->fp_material);
		sb_addc(&sb, '\x1f');
		free(f->fp_material);
	}
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	f->fp_material = sb_detach(&sb);
}

void fnd_set_hint(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	free(f->hint);
	va_start(ap, fmt);
	f->hint = vformat(fmt, ap);
	va_end(ap);
}

void fnd_set_devices(struct finding *f, const char *a, const char *b)
{
	f->devices[0] = a;
	f->devices[1] = b;
}

unsigned fnd_vendors(const struct finding *f)
{
	unsigned m = 0;

	if (f->loc.src && f->loc.src->vendor)
		m |= 1u << f->loc.src->vendor;
	for (size_t i = 0; i < f->nrelated; i++)
		if (f->related[i].src && f->related[i].src->vendor)
			m |= 1u << f->related[i].src->vendor;
	return m;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	static const char nul;

	if (s)
		h = util_hash64(s, strlen(s), h);
	/* a terminator, so ("ab", "c") and ("a", "bc") differ */
	return util_hash64(&nul, 1, h);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does the token that ends at msg + end look like a file name ("a.batch")? */
static bool file_name_before(const char *msg, size_t end)
{
	size_t start = end;
	bool dot = false, alpha = false;

	while (start > 0 && !strchr(" \t('\"", msg[start - 1]))
		start--;
	for (size_t i = start; i < end; i++) {
		if (msg[i] == ':')
			return false;
		dot |= msg[i] == '.';
		alpha |= (msg[i] | 0x20) >= 'a' && (msg[i] | 0x20) <= 'z';
	}
	return dot && alpha;
}

/*
 * Without explicit material, the message stands in for it, minus the
 * "file:line[:col]" references a message may carry ("28800 s (a.batch:7)"):
 * they must not make the fingerprint move.
 */
static uint64_t hash_message(uint64_t h, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	msg = msg ? msg : "";
	while (msg[i]) {
		sb_addc(&sb, msg[i]);
		if (msg[i] == ':' && is_digit(msg[i + 1]) && file_name_before(msg, i)) {
			/* line, then an optional ":col" */
			for (int part = 0; part < 2 && msg[i] == ':' && is_digit(msg[i + 1]); part++) {
				i++;
				while (is_digit(msg[i]))
					i++;
			}
			continue;
		}
		i++;
	}
	h = hash_str(h, sb_str(&sb));
	sb_free(&sb);
	return h;
}

void fnd_fingerprint(const struct finding *f, char out[17])
{
	const struct rule_info *ri = rule_info(f->rule);
	uint64_t h = UTIL_HASH_SEED;

	h = hash_str(h, ri ? ri->id : "?");
	h = hash_str(h, f->devices[0]);
	h = hash_str(h, f->devices[1]);
	/* a finding on no device (unknown format) is told apart by its file */
	if (!f->devices[0] && f->loc.src)
		h = hash_str(h, f->loc.src->path);
	if (f->fp_material)
		h = hash_str(h, f->fp_material);
	else
		h = hash_message(h, f->message);
	snprintf(out, 17, "%016" PRIx64, h);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	const struct rule_info *ra, *rb;
	int c;

	/* findings without a file come first */
	if (!a->loc.src != !b->loc.src)
		return a->loc.src ? 1 : -1;
	if (a->loc.src && b->loc.src && a->loc.src != b->loc.src) {
		c = strcmp(a->loc.src->path ? a->loc.src->path : "",
			   b->loc.src->path ? b->loc.src->path : "");
		if (c)
			return c;
	}
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	ra = rule_info(a->rule);
	rb = rule_info(b->rule);
	c = strcmp(ra ? ra->id : "", rb ? rb->id : "");
	if (c)
		return c;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

void fnd_sort(struct findings *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
}

static void finding_free(struct finding *f)
{
	free(f->message);
	free(f->hint);
	free(f->fp_material);
	for (size_t i = 0; i < f->nrelated; i++)
		free(f->related[i].message);
	free(f->related);
}

void fnd_free(struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		finding_free(&fs->v[i]);
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

static int cmp_place(const void *pa, const void *pb)
{
	const struct finding *a = *(const struct finding *const *)pa, *b = *(const struct finding *const *)pb;

	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

size_t fnd_cap(struct findings *fs, enum rule_id r, size_t max, struct loc *first)
{
	const struct finding **of = NULL;
	size_t n = 0, w = 0, dropped;

	for (size_t i = 0; i < fs->n; i++)
		n += fs->v[i].rule == r;
	if (n <= max)
		return 0;
	of = xmalloc(n * sizeof(*of));
	n = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].rule == r)
			of[n++] = &fs->v[i];
	qsort(of, n, sizeof(*of), cmp_place);
	*first = of[max]->loc;
	first->message = NULL;
	for (size_t i = max; i < n; i++)
		((struct finding *)of[i])->rule = R__COUNT; /* marked for dropping */
	free(of);
	dropped = n - max;
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->v[i].rule == R__COUNT) {
			finding_free(&fs->v[i]);
			continue;
		}
		fs->v[w++] = fs->v[i];
	}
	fs->n = w;
	return dropped;
}

const char *file_status_name(enum file_status s)
{
	switch (s) {
	case FILE_OK:
		return "ok";
	case FILE_PARTIAL:
		return "partial";
	case FILE_FAILED:
		break;
	}
	return "failed";
}
