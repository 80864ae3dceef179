/* SPDX-License-Identifier: MIT */
/*
 * model/source.c - loading an input file and indexing its lines.
 *
 * Only regular files are read: a directory, FIFO, socket or device named as
 * a file is refused with a message instead of blocking on it or reading
 * forever. Offsets are 32-bit, so a file must stay below 4 GiB.
 */
#include "model/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/util.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

/* The largest text whose offsets (and end offset) fit the line table. */
#define SOURCE_MAX_LEN ((size_t)UINT32_MAX - 1)

/* strerror() is not thread-safe and files are loaded in threads. */
static const char *err_text(int err, char *buf, size_t n)
{
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
	return strerror_r(err, buf, n);
#else
	if (strerror_r(err, buf, n) != 0)
		snprintf(buf, n, "error %d", err);
	return buf;
#endif
}

static int fail(const char *path, int err, const char *why, char **errmsg)
{
	char buf[128];

	if (errmsg)
		*errmsg = xasprintf("%s: %s", path, why ? why : err_text(err, buf, sizeof(buf)));
	return -err;
}

static const char *file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "not a regular file (a FIFO)";
	if (S_ISSOCK(m))
		return "not a regular file (a socket)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "not a regular file (a device)";
	return "not a regular file";
}

/* Build the line table and the flags for s->text[0..len). */
static void source_index(struct source *s)
{
	const char *p = s->text, *end = s->text + s->len;
	uint32_t n = 0, i = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	if (s->len && s->text[s->len - 1] != '\n')
		n++; /* a last line without '\n' */

	/* one more entry: the end of the text, so each line's end is known */
	s->line_off = xmalloc(((size_t)n + 1) * sizeof(*s->line_off));
	s->nlines = n;
	if (n)
		s->line_off[i++] = 0;
	for (p = s->text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL && i < n;)
		s->line_off[i++] = (uint32_t)(++p - s->text);
	s->line_off[n] = (uint32_t)s->len;

	s->has_nul = memchr(s->text, '\0', s->len) != NULL;
	s->has_bom = s->len >= 3 && memcmp(s->text, "\xef\xbb\xbf", 3) == 0;
}

int source_load(struct source *s, const char *path, char **errmsg)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap;
	ssize_t got;
	int fd, err;

	memset(s, 0, sizeof(*s));
	if (errmsg)
		*errmsg = NULL;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return fail(path, errno, NULL, errmsg);
	if (fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		return fail(path, err, NULL, errmsg);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(path, EISDIR, NULL, errmsg);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail(path, EINVAL, file_kind(st.st_mode), errmsg);
	}
	if ((uintmax_t)st.st_size > SOURCE_MAX_LEN) {
		close(fd);
		return fail(path, EFBIG, "file too large (4 GiB at most)", errmsg);
	}

	/*
	 * st_size is a hint: the file may grow or shrink while it is read. One
	 * byte more than expected lets the first reads see the end of file.
	 * read(2) straight into the text: no stdio buffer per file (a fleet has
	 * thousands of small files).
	 */
	cap = (size_t)st.st_size + 2;
	buf = xmalloc(cap);
	for (;;) {
		got = read(fd, buf + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = errno ? errno : EIO;
			free(buf);
			close(fd);
			return fail(path, err, NULL, errmsg);
		}
		if (got == 0)
			break; /* end of file */
		len += (size_t)got;
		if (len < cap - 1)
			continue;
		if (cap - 1 >= SOURCE_MAX_LEN) {
			free(buf);
			close(fd);
			return fail(path, EFBIG, "file too large (4 GiB at most)", errmsg);
		}
		cap = cap - 1 > SOURCE_MAX_LEN / 2 ? SOURCE_MAX_LEN + 1 : 2 * cap;
		buf = xrealloc(buf, cap);
	}
	close(fd);

	buf[len] = '\0';
	s->path = xstrdup(path);
	s->text = buf;
	s->len = len;
	source_index(s);
	return 0;
}

void source_from_buffer(struct source *s, const char *path, const char *data, size_t len)
{
	memset(s, 0, sizeof(*s));
	if (len > SOURCE_MAX_LEN)
		util_die_oom(); /* no test or fuzzer hands in 4 GiB */
	s->path = xstrdup(path ? path : "<buffer>");
	s->text = xmalloc(len + 1);
	if (len)
		memcpy(s->text, data, len);
	s->text[len] = '\0';
	s->len = len;
	source_index(s);
}

void source_free(struct source *s)
{
	free(s->path);
	free(s->text);
	free(s->line_off);
	memset(s, 0, sizeof(*s));
}

const char *source_line(const struct source *s, uint32_t line, size_t *len)
{
	uint32_t start, end;

	if (!s->line_off || line == 0 || line > s->nlines) {
		if (len)
			*len = 0;
		return NULL;
	}
	start = s->line_off[line - 1];
	end = s->line_off[line];
	if (end > start && s->text[end - 1] == '\n')
		end--;
	if (end > start && s->text[end - 1] == '\r')
		end--;
	if (len)
		*len = end - start;
	return s->text + start;
}

/* Without a masker nothing of the text can be told safe: all but blanks is masked. */
static char *mask_all(const char *text, size_t len)
{
	char *out = xmalloc(len + 1);

	for (size_t i = 0; i < len; i++)
		out[i] = text[i] == ' ' || text[i] == '\t' ? text[i] : '*';
	out[len] = '\0';
	return out;
}

char *source_masked_line(const struct source *s, uint32_t line, size_t *len)
{
	const char *text;

	if (s->masker)
		return s->masker->line(s, line, len);
	text = source_line(s, line, len);
	return text ? mask_all(text, *len) : NULL;
}

char *source_masked_text(const struct source *s, const char *text, size_t len)
{
	return s && s->masker ? s->masker->text(text, len) : mask_all(text, len);
}
