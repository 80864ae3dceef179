/* SPDX-License-Identifier: MIT */
/*
 * tests/test_source.c - loading input files and quoting their lines
 * (model/source.c): what gets read, what is refused and with which message.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/util.h"
#include "model/source.h"

static char tmpdir[64];

static void make_tmpdir(void)
{
	strcpy(tmpdir, "/tmp/ipseclint-source-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", tmpdir);
}

static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static char *write_file(const char *name, const char *data, size_t n)
{
	char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, n, f), n);
	cr_assert_eq(fclose(f), 0);
	return path;
}

/* line (1-based) as a string, for assertions */
static char *line_str(const struct source *s, uint32_t line)
{
	size_t n;
	const char *p = source_line(s, line, &n);

	return p ? xstrndup(p, n) : NULL;
}

static void expect_line(const struct source *s, uint32_t line, const char *want)
{
	char *got = line_str(s, line);

	cr_assert_not_null(got, "line %u is missing", line);
	cr_assert_str_eq(got, want, "line %u", line);
	free(got);
}

/* s has exactly these lines, from line 1 (a list ending in NULL) */
static void expect_lines(const struct source *s, ...)
{
	va_list ap;
	uint32_t n = 0;
	const char *want;

	va_start(ap, s);
	while ((want = va_arg(ap, const char *)))
		expect_line(s, ++n, want);
	va_end(ap);
	cr_assert_eq(s->nlines, n, "%u lines, expected %u", s->nlines, n);
}

/* ---- the line table -------------------------------------------------------- */

Test(source, lines_split_on_newline_with_cr_stripped)
{
	struct source s;
	static const char text[] = "sysname HQ\r\n#\r\nike peer hq\n\n pre-shared-key cipher X";

	source_from_buffer(&s, "hq.cfg", text, sizeof(text) - 1);
	cr_assert_str_eq(s.path, "hq.cfg");
	cr_assert_eq(s.len, sizeof(text) - 1);
	/* a last line without newline counts */
	expect_lines(&s, "sysname HQ", "#", "ike peer hq", "", " pre-shared-key cipher X", NULL);
	cr_assert_null(source_line(&s, 0, NULL));
	cr_assert_null(source_line(&s, 6, NULL));
	cr_assert_eq(s.line_off[2], 15);
	cr_assert(!s.has_bom);
	cr_assert(!s.has_nul);
	source_free(&s);
	cr_assert_null(s.text);
	cr_assert_eq(s.nlines, 0);
}

Test(source, a_final_newline_ends_the_last_line)
{
	struct source s;

	source_from_buffer(&s, "a.cfg", "a\nb\n", 4);
	expect_lines(&s, "a", "b", NULL);
	cr_assert_null(source_line(&s, 3, NULL));
	source_free(&s);

	source_from_buffer(&s, "b.cfg", "\n\n", 2);
	expect_lines(&s, "", "", NULL);
	source_free(&s);
}

Test(source, an_empty_text_has_no_lines)
{
	struct source s;

	source_from_buffer(&s, "empty.cfg", "", 0);
	cr_assert_eq(s.nlines, 0);
	cr_assert_not_null(s.text);
	cr_assert_str_eq(s.text, "");
	cr_assert_null(source_line(&s, 1, NULL));
	source_free(&s);
}

Test(source, only_one_cr_is_stripped_and_lone_crs_stay)
{
	struct source s;
	static const char text[] = "a\r\r\nb\rc\n";

	source_from_buffer(&s, "cr.cfg", text, sizeof(text) - 1);
	expect_lines(&s, "a\r", "b\rc", NULL);
	source_free(&s);
}

Test(source, bom_and_nul_are_detected_and_kept)
{
	struct source s;
	static const char bom[] = "\xef\xbb\xbfsysname HQ\n";
	static const char nul[] = "ike\0peer\n";
	size_t n;
	const char *p;

	source_from_buffer(&s, "bom.cfg", bom, sizeof(bom) - 1);
	cr_assert(s.has_bom);
	cr_assert(!s.has_nul);
	p = source_line(&s, 1, &n);
	cr_assert_eq(n, 13, "the text stays byte-exact, BOM included");
	cr_assert_eq(memcmp(p, bom, 13), 0);
	source_free(&s);

	source_from_buffer(&s, "nul.cfg", nul, sizeof(nul) - 1);
	cr_assert(s.has_nul);
	cr_assert(!s.has_bom);
	p = source_line(&s, 1, &n);
	cr_assert_eq(n, 8);
	cr_assert_eq(memcmp(p, "ike\0peer", 8), 0);
	source_free(&s);

	source_from_buffer(&s, "short.cfg", "\xef\xbb", 2);
	cr_assert(!s.has_bom);
	source_free(&s);
}

Test(source, a_buffer_is_copied)
{
	struct source s;
	char text[] = "ike peer hq\n";

	source_from_buffer(&s, "t.cfg", text, sizeof(text) - 1);
	memset(text, 'X', sizeof(text) - 1);
	expect_line(&s, 1, "ike peer hq");
	cr_assert_eq(s.text[s.len], '\0');
	source_free(&s);
}

/* ---- loading files --------------------------------------------------------- */

TestSuite(source_load, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 10);

Test(source_load, reads_the_bytes_exactly)
{
	static const char text[] = "\xef\xbb\xbfsysname HQ\r\nike peer hq\r\n remote-address 203.0.113.7";
	char *path = write_file("hq.cfg", text, sizeof(text) - 1);
	char *err = NULL;
	struct source s;

	cr_assert_eq(source_load(&s, path, &err), 0);
	cr_assert_null(err);
	cr_assert_str_eq(s.path, path);
	cr_assert_eq(s.len, sizeof(text) - 1);
	cr_assert_eq(memcmp(s.text, text, s.len), 0);
	cr_assert_eq(s.text[s.len], '\0');
	cr_assert(s.has_bom);
	cr_assert_eq(s.nlines, 3);
	expect_line(&s, 2, "ike peer hq");
	expect_line(&s, 3, " remote-address 203.0.113.7");
	source_free(&s);
	free(path);
}

Test(source_load, an_empty_file)
{
	char *path = write_file("empty.cfg", "", 0);
	struct source s;

	cr_assert_eq(source_load(&s, path, NULL), 0);
	cr_assert_eq(s.len, 0);
	cr_assert_eq(s.nlines, 0);
	cr_assert_str_eq(s.text, "");
	source_free(&s);
	free(path);
}

Test(source_load, a_large_file_with_many_lines)
{
	enum { LINES = 100000 };
	struct strbuf sb = STRBUF_INIT;
	struct source s;
	char *path, want[32];

	for (int i = 1; i <= LINES; i++)
		sb_addf(&sb, "rule %d permit ip\n", i);
	path = write_file("big.cfg", sb.buf, sb.len);
	cr_assert_eq(source_load(&s, path, NULL), 0);
	cr_assert_eq(s.len, sb.len);
	cr_assert_eq(s.nlines, LINES);
	snprintf(want, sizeof(want), "rule %d permit ip", LINES);
	expect_line(&s, LINES, want);
	expect_line(&s, 5000, "rule 5000 permit ip");
	source_free(&s);
	sb_free(&sb);
	free(path);
}

Test(source_load, a_missing_file_says_so)
{
	char *path = tmp_path("does-not-exist.cfg"), *want;
	char *err = NULL;
	struct source s;

	cr_assert_eq(source_load(&s, path, &err), -ENOENT);
	want = xasprintf("%s: No such file or directory", path);
	cr_assert_str_eq(err, want);
	cr_assert_null(s.text);
	source_free(&s); /* safe on a failed load */
	free(err);
	free(want);
	free(path);
}

Test(source_load, a_directory_is_refused)
{
	char *err = NULL;
	struct source s;

	cr_assert_eq(source_load(&s, tmpdir, &err), -EISDIR);
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, tmpdir), "the message names the path: %s", err);
	cr_assert_not_null(strstr(err, "directory"), "the message says why: %s", err);
	free(err);
}

Test(source_load, a_fifo_is_refused_without_waiting_for_a_writer)
{
	char *path = tmp_path("pipe"), *err = NULL;
	struct source s;
	int rc;

	cr_assert_eq(mkfifo(path, 0600), 0);
	rc = source_load(&s, path, &err); /* a blocking open would hit the timeout */
	cr_assert_lt(rc, 0);
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, path), "%s", err);
	cr_assert_not_null(strstr(err, "not a regular file (a FIFO)"), "%s", err);
	free(err);
	free(path);
}

Test(source_load, a_device_is_refused)
{
	char *err = NULL;
	struct source s;

	cr_assert_lt(source_load(&s, "/dev/zero", &err), 0, "reading /dev/zero would never end");
	cr_assert_str_eq(err, "/dev/zero: not a regular file (a device)");
	free(err);
}

/* a source that no parsing step gave a masker shows nothing but its blanks */
Test(source, without_a_masker_nothing_but_blanks_is_shown)
{
	struct source s;
	size_t len = 0;
	char *line, *text;

	source_from_buffer(&s, "x.cfg", "ike peer X\n pre-shared-key simple abc\n", 39);
	line = source_masked_line(&s, 2, &len);
	cr_assert_not_null(line);
	cr_assert_eq(len, 26);
	cr_assert_str_eq(line, " ************** ****** ***");
	text = source_masked_text(&s, "a b", 3);
	cr_assert_str_eq(text, "* *");
	cr_assert_null(source_masked_line(&s, 99, &len), "no line 99");
	free(line);
	free(text);
	source_free(&s);
}
