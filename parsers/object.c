/* SPDX-License-Identifier: MIT */
/*
 * parsers/object.c - the vendor object a source line belongs to, named as
 * the user knows it ("ike peer legacy", "ipsec policy VPN 10", "acl 3000"):
 * what a [suppress] entry of the config file matches.
 */
#include "parsers/vendors.h"

#include <string.h>

#include "model/source.h"

#define MAX_WORDS 6

struct words {
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t n;
};

static void split_words(const char *s, size_t len, struct words *out)
{
	size_t i = 0;

	out->n = 0;
	while (i < len && out->n < MAX_WORDS) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i >= len)
			break;
		out->w[out->n] = s + i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			i++;
		out->len[out->n] = (size_t)(s + i - out->w[out->n]);
		out->n++;
	}
}

static bool word_is(const struct words *w, size_t k, const char *s)
{
	return k < w->n && w->len[k] == strlen(s) && memcmp(w->w[k], s, w->len[k]) == 0;
}

/* Append words [from, to) of w to buf, separated by one space. */
static void put_words(const struct words *w, size_t from, size_t to, char *buf, size_t n, size_t *at)
{
	for (size_t k = from; k < to && k < w->n; k++) {
		size_t need = w->len[k] + (*at ? 1 : 0);

		if (*at + need + 1 > n)
			return;
		if (*at)
			buf[(*at)++] = ' ';
		memcpy(buf + *at, w->w[k], w->len[k]);
		*at += w->len[k];
		buf[*at] = '\0';
	}
}

/*
 * Huawei: the view a line belongs to is the nearest unindented line at or
 * above it (views are not nested in a saved configuration). Its header is
 * named without the trailing mode words: "ike peer A v1" is "ike peer A",
 * "ipsec policy P 10 isakmp template T" is "ipsec policy P 10", "acl number
 * 3000 match-order auto" and "acl name N advanced" are "acl 3000", "acl N".
 */
bool huawei_object(const struct source *src, uint32_t line, char *buf, size_t n)
{
	struct words w;
	const char *text = NULL;
	size_t len = 0, at = 0;

	for (uint32_t l = line; l >= 1; l--) {
		text = source_line(src, l, &len);
		if (text && len && text[0] != ' ' && text[0] != '\t' && text[0] != '#' && text[0] != '\r')
			break;
		text = NULL;
	}
	if (!text)
		return false;
	split_words(text, len, &w);
	if (w.n == 0)
		return false;
	buf[0] = '\0';
	if (word_is(&w, 0, "acl") && (word_is(&w, 1, "number") || word_is(&w, 1, "name"))) {
		put_words(&w, 0, 1, buf, n, &at);
		put_words(&w, 2, 3, buf, n, &at);
	} else if (word_is(&w, 0, "ipsec") &&
		   (word_is(&w, 1, "policy") || word_is(&w, 1, "policy-template"))) {
		put_words(&w, 0, 4, buf, n, &at);
	} else if (word_is(&w, 0, "ike") || word_is(&w, 0, "ipsec") || word_is(&w, 0, "acl")) {
		put_words(&w, 0, 3, buf, n, &at);
	} else if (word_is(&w, 0, "interface")) {
		put_words(&w, 0, 2, buf, n, &at);
	} else {
		put_words(&w, 0, w.n < 3 ? w.n : 3, buf, n, &at);
	}
	return at > 0;
}

bool parse_object_at(const struct parsed_file *pf, uint32_t line, char *buf, size_t n)
{
	const struct vendor_ops *ops = pf ? vendor_ops(pf->vendor) : NULL;

	if (!ops || !ops->object_at || !line || n == 0 || line > pf->src.nlines)
		return false;
	return ops->object_at(&pf->src, line, buf, n);
}
