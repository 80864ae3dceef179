/* SPDX-License-Identifier: MIT */
/*
 * parsers/vendors.c - the vendor descriptor table (parsers/vendors.h).
 *
 * The first chunk sizes: a model takes about 5 times its Huawei text, 7
 * times an HP-UX batch file and 3 times an AIX XML database (arena_used()
 * over a 10,000-device fleet of make bench). Too small a guess costs a
 * second chunk half the size of the first, too large one an unused tail; on
 * small files either is most of the model's memory.
 */
#include "parsers/vendors.h"

#include "common/util.h"
#include "model/arena.h"

/* ---- Huawei VRP ---------------------------------------------------------- */

static const char *const huawei_ext[] = {".cfg", ".vrp", ".conf", NULL};
static const char *const huawei_fuzz[] = {"huawei", NULL};

static size_t huawei_chunk(const struct source *src)
{
	return 5 * src->len + src->len / 2 + 512;
}

/* ---- HP-UX ipsec_config -------------------------------------------------- */

static const char *const hpux_ext[] = {".batch", NULL};
static const char *const hpux_fuzz[] = {"hpux", NULL};

static size_t hpux_chunk(const struct source *src)
{
	return 7 * src->len + src->len / 2 + 512;
}

/* ---- AIX: the IKE database XML, or filter and tunnel listings ------------ */

static const char *const aix_ext[] = {".xml", ".exp", ".lsfilt", ".lstun", NULL};
static const char *const aix_fuzz[] = {"aix_xml", "aix_text", NULL};

/* Does the text start (after a BOM and blanks) with '<'? */
static bool looks_like_xml(const struct source *s)
{
	size_t i = s->has_bom ? 3 : 0;

	while (i < s->len &&
	       (s->text[i] == ' ' || s->text[i] == '\t' || s->text[i] == '\r' || s->text[i] == '\n'))
		i++;
	return i < s->len && s->text[i] == '<';
}

static size_t aix_chunk(const struct source *src)
{
	return looks_like_xml(src) ? 3 * src->len + src->len / 8 + 256 : 4 * src->len + 1024;
}

static void aix_parse(struct parsed_file *pf)
{
	if (looks_like_xml(&pf->src))
		aix_xml_parse(pf);
	else
		aix_text_parse(pf);
}

/* ---- the table ----------------------------------------------------------- */

/* Detection scores every row; on equal best scores a file's extension decides, else it is a tie. */
const struct vendor_ops vendor_table[] = {
	{VENDOR_HUAWEI, huawei_ext, huawei_prompt_len, huawei_score_line, huawei_chunk, huawei_parse,
	 huawei_object, "fixtures/huawei", huawei_fuzz},
	{VENDOR_HPUX, hpux_ext, NULL, hpux_score_line, hpux_chunk, hpux_parse, NULL, "fixtures/hpux",
	 hpux_fuzz},
	{VENDOR_AIX, aix_ext, NULL, aix_score_line, aix_chunk, aix_parse, NULL, "fixtures/aix", aix_fuzz},
};
const size_t vendor_count = ARRAY_SIZE(vendor_table);

const struct vendor_ops *vendor_ops(enum vendor v)
{
	for (size_t i = 0; i < vendor_count; i++)
		if (vendor_table[i].id == v)
			return &vendor_table[i];
	return NULL;
}
