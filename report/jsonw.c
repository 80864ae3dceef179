/* SPDX-License-Identifier: MIT */
/*
 * report/jsonw.c - the pretty-printing JSON writer of report/internal.h.
 */
#include "report/internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { JW_FLUSH = 64 * 1024 };

void jw_init(struct jw *w, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

static void flush(struct jw *w)
{
	if (w->sb.len && fwrite(w->sb.buf, 1, w->sb.len, w->out) != w->sb.len && !w->err)
		w->err = -EIO;
	w->sb.len = 0;
	if (w->sb.buf)
		w->sb.buf[0] = '\0';
}

int jw_finish(struct jw *w)
{
	sb_addc(&w->sb, '\n');
	flush(w);
	sb_free(&w->sb);
	return w->err;
}

static void newline(struct jw *w)
{
	sb_addc(&w->sb, '\n');
	for (int i = 0; i < w->depth; i++)
		sb_adds(&w->sb, "  ");
}

/* Before a value: a separator and a new line, unless it follows its key. */
static void before_value(struct jw *w)
{
	if (w->sb.len >= JW_FLUSH)
		flush(w);
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->has_items[w->depth])
		sb_addc(&w->sb, ',');
	w->has_items[w->depth] = true;
	newline(w);
}

static void container_open(struct jw *w, char c)
{
	before_value(w);
	sb_addc(&w->sb, c);
	if (w->depth + 1 < JW_MAX_DEPTH)
		w->depth++;
	w->has_items[w->depth] = false;
}

static void container_close(struct jw *w, char c)
{
	bool items = w->has_items[w->depth];

	if (w->depth > 0)
		w->depth--;
	if (items)
		newline(w);
	sb_addc(&w->sb, c);
}

void jw_obj_open(struct jw *w)
{
	container_open(w, '{');
}

void jw_obj_close(struct jw *w)
{
	container_close(w, '}');
}

void jw_arr_open(struct jw *w)
{
	container_open(w, '[');
}

void jw_arr_close(struct jw *w)
{
	container_close(w, ']');
}

void jw_key(struct jw *w, const char *key)
{
	w->after_key = false;
	before_value(w);
	sb_add_json_str(&w->sb, key);
	sb_adds(&w->sb, ": ");
	w->after_key = true;
}

void jw_str(struct jw *w, const char *s)
{
	before_value(w);
	if (s)
		sb_add_json_str(&w->sb, s);
	else
		sb_adds(&w->sb, "null");
}

void jw_int(struct jw *w, int64_t v)
{
	before_value(w);
	sb_addf(&w->sb, "%" PRId64, v);
}

void jw_bool(struct jw *w, bool v)
{
	before_value(w);
	sb_adds(&w->sb, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	before_value(w);
	sb_adds(&w->sb, "null");
}

void jw_kstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_kint(struct jw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_kbool(struct jw *w, const char *key, bool v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

void jw_knull(struct jw *w, const char *key)
{
	jw_key(w, key);
	jw_null(w);
}
