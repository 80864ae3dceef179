/* SPDX-License-Identifier: MIT */
/*
 * model/source.h - a loaded input file and its line table.
 *
 * Every span in the model points into a struct source, so a finding can quote
 * the line it is about. The text is kept byte-exact (CRLF, BOM and NUL bytes
 * included); the line table splits on '\n' only.
 */
#ifndef IPSECLINT_MODEL_SOURCE_H
#define IPSECLINT_MODEL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * How secrets are masked in a source's text: a copy of s[0..len) (line: of
 * source line `line`, with the lines it continues) in which every byte of
 * a key is '*', of the same length, malloc'd. Set by the step that knows
 * the file's syntax (parsers/redact.c).
 */
struct source;

struct source_masker {
	char *(*text)(const char *s, size_t len);
	char *(*line)(const struct source *src, uint32_t line, size_t *len);
};

struct source {
	char *path; /* as given on the command line */
	char *text; /* the bytes, plus a terminating NUL not counted in len */
	size_t len;
	uint32_t *line_off;		    /* byte offset of the start of each line, 0-based index */
	uint32_t nlines;		    /* a final line without '\n' counts */
	bool has_nul;			    /* NUL bytes inside the text */
	bool has_bom;			    /* UTF-8 byte order mark at the start */
	uint8_t vendor;			    /* the file's enum vendor once detected, 0 (unknown) before */
	const struct source_masker *masker; /* NULL: nothing of it is shown but blanks */
};

/* Read path. 0, or -errno with *errmsg set to a malloc'd description. */
int source_load(struct source *s, const char *path, char **errmsg);
/* Take ownership of an in-memory buffer (tests, fuzzers). */
void source_from_buffer(struct source *s, const char *path, const char *data, size_t len);
void source_free(struct source *s);
/* Line (1-based) without its '\n' or '\r'; NULL when out of range. */
const char *source_line(const struct source *s, uint32_t line, size_t *len);

/* Line (1-based) with its secrets masked (s->masker), malloc'd; NULL when out of range. */
char *source_masked_line(const struct source *s, uint32_t line, size_t *len);
/* Text of s (an identity, a rule as written) with its secrets masked, malloc'd. */
char *source_masked_text(const struct source *s, const char *text, size_t len);

#endif
