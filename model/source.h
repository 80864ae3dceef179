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

struct source {
	char *path; /* as given on the command line */
	char *text; /* the bytes, plus a terminating NUL not counted in len */
	size_t len;
	uint32_t *line_off; /* byte offset of the start of each line, 0-based index */
	uint32_t nlines;    /* a final line without '\n' counts */
	bool has_nul;	    /* NUL bytes inside the text */
	bool has_bom;	    /* UTF-8 byte order mark at the start */
	uint8_t vendor;	    /* the file's enum vendor once detected, 0 (unknown) before */
};

/* Read path. 0, or -errno with *errmsg set to a malloc'd description. */
int source_load(struct source *s, const char *path, char **errmsg);
/* Take ownership of an in-memory buffer (tests, fuzzers). */
void source_from_buffer(struct source *s, const char *path, const char *data, size_t len);
void source_free(struct source *s);
/* Line (1-based) without its '\n' or '\r'; NULL when out of range. */
const char *source_line(const struct source *s, uint32_t line, size_t *len);

#endif
