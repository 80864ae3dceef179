/* SPDX-License-Identifier: MIT */
/*
 * parsers/redact.c - mask every secret in a source line before a renderer
 * quotes it: the masker (struct source_masker) the parsing step gives each
 * source, so that the renderers know no vendor's syntax.
 *
 * The line may be anything a user put in a file: malformed statements,
 * unterminated quotes, NUL bytes, keys glued to their keyword. The rules
 * below therefore err on the side of masking: where a key may start, the
 * rest of the statement is masked. Masking replaces each byte by '*' and
 * never changes the length, so columns and carets stay valid.
 *
 * Passes, in order:
 *  1. device cipher strings anywhere (%^%#...%^%#, %$%$...%$%$, %@%@...%@%@,
 *     @%@%...@%@%, %#%#...%#%#): the body between the delimiters; a cipher
 *     without its closing delimiter is masked to the end of the line;
 *  2. Huawei keywords: after pre-shared-key, sa string-key,
 *     authentication-hex, encryption-hex, password (and the simple / cipher
 *     words that may follow them), and after any stand-alone simple / cipher
 *     keyword: the rest of the line;
 *  3. command-line flags: HP-UX -preshared / -authkey / -espkey (the next
 *     argument), -in / -out ESP/spi/auth_key/enc_key (the keys), AIX gentun /
 *     chtun -k -K -h -H -c -C (the next argument);
 *  4. XML: Value="..." of pre-shared key elements (and of any element or
 *     continuation line that carries Format="ASCII|Hex"), and any attribute
 *     whose name ends in "Key" or "Secret";
 *  5. hex keys anywhere: 0x followed by 16 or more hex digits;
 *  6. AIX lstun -O records (27 '|'-separated fields): the six key fields; a
 *     shorter '|' record (cut by a wrap): every field of 8 or more hex digits;
 *  7. AIX manual-tunnel export lines (the IP version and the 27 lstun fields,
 *     blank-separated): the six key words.
 */
#include "parsers/parser.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct line {
	char *s;
	size_t len;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static void mask(struct line *l, size_t from, size_t to)
{
	if (to > l->len)
		to = l->len;
	for (size_t i = from; i < to; i++)
		l->s[i] = '*';
}

/* The end of the line without trailing white space. */
static size_t content_end(const struct line *l)
{
	size_t e = l->len;

	while (e > 0 && is_space(l->s[e - 1]))
		e--;
	return e;
}

static void mask_rest(struct line *l, size_t from)
{
	size_t e = content_end(l);

	if (from < e)
		mask(l, from, e);
}

static size_t skip_space(const struct line *l, size_t i)
{
	while (i < l->len && is_space(l->s[i]))
		i++;
	return i;
}

static size_t token_end(const struct line *l, size_t i)
{
	while (i < l->len && !is_space(l->s[i]))
		i++;
	return i;
}

static bool token_is(const struct line *l, size_t s, size_t e, const char *word)
{
	size_t n = strlen(word);

	return e - s == n && strncasecmp(l->s + s, word, n) == 0;
}

static bool token_starts(const struct line *l, size_t s, size_t e, const char *word)
{
	size_t n = strlen(word);

	return e - s >= n && strncasecmp(l->s + s, word, n) == 0;
}

/* ---- 1. device ciphers --------------------------------------------------- */

static const char *const cipher_delims[] = {"%^%#", "%$%$", "%@%@", "@%@%", "%#%#"};

static const char *cipher_delim_at(const struct line *l, size_t i)
{
	if (i + 4 > l->len)
		return NULL;
	for (size_t d = 0; d < ARRAY_SIZE(cipher_delims); d++) {
		if (memcmp(l->s + i, cipher_delims[d], 4) == 0)
			return cipher_delims[d];
	}
	return NULL;
}

static size_t find_delim(const struct line *l, size_t from, size_t to, const char *d, bool last)
{
	size_t found = SIZE_MAX;

	for (size_t j = from; j + 4 <= to; j++) {
		if (memcmp(l->s + j, d, 4) == 0) {
			found = j;
			if (!last)
				break;
		}
	}
	return found;
}

static void redact_ciphers(struct line *l)
{
	size_t i = 0;

	while (i + 4 <= l->len) {
		const char *d = cipher_delim_at(l, i);
		size_t body, close;

		if (!d) {
			i++;
			continue;
		}
		body = i + 4;
		/*
		 * The body is printable and may itself contain the delimiter's
		 * characters: close at the last delimiter of the same word, else
		 * (a body with a blank in it) at the next one on the line.
		 */
		close = find_delim(l, body, token_end(l, body), d, true);
		if (close == SIZE_MAX)
			close = find_delim(l, body, l->len, d, false);
		if (close == SIZE_MAX) {
			mask_rest(l, body);
			return;
		}
		mask(l, body, close);
		i = close + 4;
	}
}

/* ---- 2. keywords followed by a key --------------------------------------- */

static bool is_key_form_word(const struct line *l, size_t s, size_t e)
{
	return token_is(l, s, e, "simple") || token_is(l, s, e, "cipher") ||
	       token_is(l, s, e, "irreversible-cipher");
}

/*
 * Mask from s to the end of the line. A cipher at s was masked by the first
 * pass; its delimiters stay visible so the reader sees what kind of key it
 * is, and anything after the cipher is masked too.
 */
static void mask_key_rest(struct line *l, size_t s)
{
	const char *d = cipher_delim_at(l, s);
	size_t close;

	if (d) {
		close = find_delim(l, s + 4, l->len, d, false);
		if (close != SIZE_MAX) {
			mask(l, s + 4, close);
			mask_rest(l, close + 4);
			return;
		}
		s += 4;
	}
	mask_rest(l, s);
}

/* Skip the optional words between a keyword and its key, then mask the rest. */
static void mask_after_words(struct line *l, size_t i, const char *const *words, size_t nwords)
{
	for (;;) {
		size_t s = skip_space(l, i), e = token_end(l, s);
		bool skip = false;

		if (s >= l->len)
			return;
		for (size_t w = 0; w < nwords && !skip; w++)
			skip = token_is(l, s, e, words[w]);
		if (!skip) {
			mask_key_rest(l, s);
			return;
		}
		i = e;
	}
}

static void redact_keywords(struct line *l)
{
	static const char *const form_words[] = {"simple", "cipher", "irreversible-cipher"};
	static const char *const sa_words[] = {"inbound", "outbound", "ah", "esp", "simple", "cipher"};
	static const struct {
		const char *kw;
		bool glue; /* text glued to the keyword is taken as a key */
		const char *const *words;
		size_t nwords;
	} kws[] = {
		{"pre-shared-key", true, form_words, ARRAY_SIZE(form_words)},
		{"password", false, form_words, ARRAY_SIZE(form_words)},
		{"string-key", true, sa_words, ARRAY_SIZE(sa_words)},
		{"authentication-hex", true, sa_words, ARRAY_SIZE(sa_words)},
		{"encryption-hex", true, sa_words, ARRAY_SIZE(sa_words)},
	};
	size_t i = 0;

	while ((i = skip_space(l, i)) < l->len) {
		size_t s = i, e = token_end(l, s);

		for (size_t k = 0; k < ARRAY_SIZE(kws); k++) {
			size_t n = strlen(kws[k].kw);

			if (kws[k].glue ? !token_starts(l, s, e, kws[k].kw) : !token_is(l, s, e, kws[k].kw))
				continue;
			if (s + n < e) {
				/* something glued to the keyword: take it as the key */
				mask_rest(l, s + n);
			} else {
				mask_after_words(l, e, kws[k].words, kws[k].nwords);
			}
			return;
		}
		if (is_key_form_word(l, s, e)) {
			mask_key_rest(l, skip_space(l, e));
			return;
		}
		i = e;
	}
}

/* ---- 3. command-line flags ----------------------------------------------- */

/* Mask one argument that starts at i: a quoted string or a word. */
static size_t mask_argument(struct line *l, size_t i)
{
	char q;
	const char *close;

	if (i >= l->len)
		return i;
	q = l->s[i];
	if (q == '"' || q == '\'') {
		close = memchr(l->s + i + 1, q, l->len - i - 1);
		if (!close) {
			mask_rest(l, i + 1);
			return l->len;
		}
		mask(l, i + 1, (size_t)(close - l->s));
		return (size_t)(close - l->s) + 1;
	}
	mask(l, i, token_end(l, i));
	return token_end(l, i);
}

/* ESP/spi/auth_key/enc_key[/iv]: everything after the second '/'. */
static void mask_manual_sa(struct line *l, size_t s)
{
	size_t e = token_end(l, s), slashes = 0;

	for (size_t j = s; j < e; j++) {
		if (l->s[j] == '/' && ++slashes == 2) {
			mask(l, j + 1, e);
			return;
		}
	}
}

/* Does token [s, e) hold word, in any case? */
static bool token_has(const struct line *l, size_t s, size_t e, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = s; i + n <= e; i++)
		if (strncasecmp(l->s + i, word, n) == 0)
			return true;
	return false;
}

static void redact_flags(struct line *l)
{
	static const char *const hpux_key_flags[] = {"-preshared", "-authkey", "-espkey"};
	static const char *const aix_key_flags[] = {"-k", "-K", "-h", "-H", "-c", "-C"};
	bool aix_tun = false;
	size_t i = 0;

	while ((i = skip_space(l, i)) < l->len) {
		size_t s = i, e = token_end(l, s);
		size_t base = s;

		/* gentun / chtun, with or without a directory in front */
		for (size_t j = s; j < e; j++) {
			if (l->s[j] == '/')
				base = j + 1;
		}
		if (token_is(l, base, e, "gentun") || token_is(l, base, e, "chtun"))
			aix_tun = true;
		i = e;
	}

	i = 0;
	while ((i = skip_space(l, i)) < l->len) {
		size_t s = i, e = token_end(l, s);
		bool done = false;

		for (size_t k = 0; k < ARRAY_SIZE(hpux_key_flags) && !done; k++) {
			size_t n = strlen(hpux_key_flags[k]);

			if (!token_starts(l, s, e, hpux_key_flags[k]))
				continue;
			if (s + n < e) /* -preshared=KEY, -presharedKEY, or a misspelt -presharedd KEY */
				mask(l, s + n, e);
			if (skip_space(l, e) < l->len && l->s[skip_space(l, e)] != '-')
				e = mask_argument(l, skip_space(l, e));
			done = true;
		}
		/* an abbreviated or misspelt key flag (-pre, -presh, -preshard, -espky): its argument */
		if (!done && e - s >= 4 && l->s[s] == '-' && !aix_tun &&
		    (strncasecmp(l->s + s, "-pre", 4) == 0 || token_has(l, s, e, "key") ||
		     token_has(l, s, e, "ky"))) {
			size_t a = skip_space(l, e);

			if (a < l->len && l->s[a] != '-')
				e = mask_argument(l, a);
			done = true;
		}
		if (!done && (token_is(l, s, e, "-in") || token_is(l, s, e, "-out"))) {
			size_t a = skip_space(l, e);

			mask_manual_sa(l, a);
			e = token_end(l, a);
			done = true;
		}
		for (size_t k = 0; aix_tun && k < ARRAY_SIZE(aix_key_flags) && !done; k++) {
			if (e - s == 2 && memcmp(l->s + s, aix_key_flags[k], 2) == 0) {
				e = mask_argument(l, skip_space(l, e));
				done = true;
			}
		}
		i = e;
	}
}

/* ---- 4. XML attributes --------------------------------------------------- */

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '-' || c == ':' || c == '.';
}

static bool contains(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; i + m <= n; i++) {
		if (memcmp(s + i, needle, m) == 0)
			return true;
	}
	return false;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Is the Value attribute at position v a key? */
static bool value_is_key(const struct line *l, size_t v)
{
	size_t lt = v, ns, ne;

	while (lt > 0 && l->s[lt - 1] != '<' && l->s[lt - 1] != '>')
		lt--;
	if (lt == 0 || l->s[lt - 1] == '>') {
		/* a continuation line of an element opened earlier */
		return contains(l->s, l->len, "Format=");
	}
	ns = lt;
	ne = ns;
	while (ne < l->len && is_name_char(l->s[ne]))
		ne++;
	if (contains(l->s + ns, ne - ns, "RemoteID") || contains(l->s + ns, ne - ns, "LocalID"))
		return false;
	if (contains(l->s + ns, ne - ns, "PresharedKey") || ends_with(l->s + ns, ne - ns, "Key"))
		return true;
	/* an element carrying a key format is a key element */
	for (size_t j = ns; j < l->len && l->s[j] != '>'; j++) {
		if (j + 7 <= l->len && memcmp(l->s + j, "Format=", 7) == 0)
			return true;
	}
	return false;
}

static void redact_xml(struct line *l)
{
	for (size_t i = 0; i + 2 < l->len; i++) {
		size_t ns, q;
		bool key;

		if (l->s[i] != '=' || (l->s[i + 1] != '"' && l->s[i + 1] != '\''))
			continue;
		ns = i;
		while (ns > 0 && is_name_char(l->s[ns - 1]))
			ns--;
		if (ns == i)
			continue;
		if (ns > 0 && !is_space(l->s[ns - 1]) && l->s[ns - 1] != '<')
			continue;
		if (i - ns == 5 && memcmp(l->s + ns, "Value", 5) == 0)
			key = value_is_key(l, ns);
		else
			key = ends_with(l->s + ns, i - ns, "Key") || ends_with(l->s + ns, i - ns, "Secret");
		q = i + 1;
		if (key) {
			i = mask_argument(l, q);
			if (i > 0)
				i--;
		}
	}
}

/* ---- 5. hex keys ---------------------------------------------------------- */

static void redact_hex(struct line *l)
{
	for (size_t i = 0; i + 2 < l->len; i++) {
		size_t j;

		if (l->s[i] != '0' || (l->s[i + 1] | 0x20) != 'x')
			continue;
		if (i > 0 && (is_hex(l->s[i - 1]) || is_name_char(l->s[i - 1])) && l->s[i - 1] != ':')
			continue;
		j = i + 2;
		while (j < l->len && is_hex(l->s[j]))
			j++;
		if (j - (i + 2) >= 16)
			mask(l, i + 2, j);
		i = j - 1;
	}
}

/* ---- 6. AIX lstun -O records ----------------------------------------------- */

static bool field_is(const struct line *l, size_t s, size_t e, const char *w)
{
	while (s < e && is_space(l->s[s]))
		s++;
	while (e > s && is_space(l->s[e - 1]))
		e--;
	return e - s == strlen(w) && strncasecmp(l->s + s, w, e - s) == 0;
}

static bool field_starts(const struct line *l, size_t s, size_t e, const char *w)
{
	size_t n = strlen(w);

	while (s < e && is_space(l->s[s]))
		s++;
	return e - s >= n && strncasecmp(l->s + s, w, n) == 0;
}

static void redact_lstun(struct line *l)
{
	static const unsigned key_fields[] = {13, 14, 19, 20, 23, 24};
	size_t start[32], end[32];
	unsigned nf = 0;
	size_t s = 0;

	for (size_t i = 0; i <= l->len && nf < ARRAY_SIZE(start); i++) {
		if (i == l->len || l->s[i] == '|') {
			start[nf] = s;
			end[nf] = i;
			nf++;
			s = i + 1;
		}
	}
	if (nf < 3)
		return;
	/*
	 * An lstun record however many fields it has (cut by a wrap, or with a field
	 * too many): its mode in field 7, or a policy in field 3, says so.
	 */
	if (nf >= 8 &&
	    (field_is(l, start[7], end[7], "Tunnel") || field_is(l, start[7], end[7], "Transport") ||
	     field_starts(l, start[3], end[3], "encr") || field_starts(l, start[3], end[3], "auth"))) {
		for (size_t k = 0; k < ARRAY_SIZE(key_fields); k++)
			if (key_fields[k] < nf)
				mask(l, start[key_fields[k]], end[key_fields[k]]);
		return;
	}
	if (nf < 25) {
		/* a record cut by a wrap, or of unknown shape: every field that may be a key */
		for (unsigned k = 0; k < nf; k++) {
			size_t a = start[k], e = end[k], h;

			while (a < e && is_space(l->s[a]))
				a++;
			if (e - a >= 2 && l->s[a] == '0' && (l->s[a + 1] | 0x20) == 'x')
				a += 2;
			for (h = a; h < e && is_hex(l->s[h]); h++)
				;
			if (h == e && e - a >= 8)
				mask(l, a, e);
		}
		return;
	}
	for (size_t k = 0; k < ARRAY_SIZE(key_fields); k++) {
		if (key_fields[k] < nf)
			mask(l, start[key_fields[k]], end[key_fields[k]]);
	}
}

/* ---- 7. AIX manual-tunnel export lines ---------------------------------------------- */

/*
 * "4 ID SRC DST ..." with the 27 lstun fields after the IP version, blank
 * separated (ipsec_tun_manu.exp as ipseclint reads it): the six key words.
 */
static void redact_tun_export(struct line *l)
{
	static const unsigned key_words[] = {14, 15, 20, 21, 24, 25};
	size_t start[32], end[32];
	unsigned nw = 0;

	for (size_t i = 0; i < l->len && nw < ARRAY_SIZE(start);) {
		while (i < l->len && is_space(l->s[i]))
			i++;
		if (i >= l->len)
			break;
		start[nw] = i;
		while (i < l->len && !is_space(l->s[i]))
			i++;
		end[nw++] = i;
	}
	if (nw != 28 || end[0] - start[0] != 1 || (l->s[start[0]] != '4' && l->s[start[0]] != '6'))
		return;
	for (size_t k = 0; k < ARRAY_SIZE(key_words); k++)
		mask(l, start[key_words[k]], end[key_words[k]]);
}

static char *mask_text(const char *line, size_t len)
{
	struct line l;

	l.s = xmalloc(len + 1);
	l.len = len;
	if (len)
		memcpy(l.s, line, len);
	l.s[len] = '\0';
	redact_ciphers(&l);
	redact_keywords(&l);
	redact_flags(&l);
	redact_xml(&l);
	redact_hex(&l);
	redact_lstun(&l);
	redact_tun_export(&l);
	return l.s;
}

static bool is_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/*
 * Does a statement go on after this line ("\\" at the end, an XML
 * element left open)? Elements are looked for in the redacted line, so that
 * the characters of a masked cipher cannot open one.
 */
static bool continues(const char *line, size_t len)
{
	size_t e = len;
	const char *lt = NULL, *gt = NULL;
	char *text;
	bool more;

	while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t'))
		e--;
	if (e > 0 && line[e - 1] == '\\')
		return true;
	text = mask_text(line, len);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '<' && i + 1 < len && is_alpha(text[i + 1]))
			lt = text + i;
		else if (text[i] == '>')
			gt = text + i;
	}
	more = lt && (!gt || gt < lt);
	free(text);
	return more;
}

/*
 * The line, redacted together with the lines it continues: a key may be on
 * the line after its keyword ("-preshared \\" then the key; an XML element
 * whose Value= is on the next line). Redaction keeps lengths, so the current
 * line is cut back out of the joined text. malloc'd, *len set.
 */
static char *mask_line(const struct source *src, uint32_t line, size_t *len)
{
	enum { MAX_JOIN = 8 };
	const char *text = source_line(src, line, len);
	struct strbuf sb = STRBUF_INIT;
	uint32_t first = line;
	size_t off;
	char *joined, *out;

	if (!text)
		return NULL;
	while (first > 1 && line - first < MAX_JOIN) {
		size_t plen;
		const char *prev = source_line(src, first - 1, &plen);

		if (!prev || !continues(prev, plen))
			break;
		first--;
	}
	if (first == line)
		return mask_text(text, *len);
	for (uint32_t l = first; l < line; l++) {
		size_t plen;
		const char *prev = source_line(src, l, &plen);
		size_t start = sb.len;

		sb_addn(&sb, prev, plen);
		/* the continuation backslash is no argument: blank it */
		for (size_t i = sb.len; i > start; i--) {
			if (sb.buf[i - 1] == '\\') {
				sb.buf[i - 1] = ' ';
				break;
			}
			if (sb.buf[i - 1] != ' ' && sb.buf[i - 1] != '\t')
				break;
		}
		sb_addc(&sb, ' ');
	}
	off = sb.len;
	sb_addn(&sb, text, *len);
	joined = mask_text(sb.buf, sb.len);
	out = xmalloc(*len + 1);
	memcpy(out, joined + off, *len);
	out[*len] = '\0';
	free(joined);
	sb_free(&sb);
	return out;
}

const struct source_masker parse_masker = {mask_text, mask_line};
