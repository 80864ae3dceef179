/* SPDX-License-Identifier: MIT */
/*
 * tests/test_vendors.c - the vendor descriptor table (parsers/vendors.h) is
 * whole: every vendor has one row, every row every entry point, a golden
 * folder the golden tests walk, the extensions golden.sh looks for, a fuzz
 * target, detection that recognises its own fixtures, and a rule page that
 * states each symptom the rules catalogue gives it.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag/finding.h"
#include "model/model.h"
#include "model/source.h"
#include "parsers/vendors.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

Test(vendors, every_vendor_has_one_row_with_every_entry_point)
{
	for (int v = VENDOR_UNKNOWN + 1; v < VENDOR__COUNT; v++) {
		size_t rows = 0;

		for (size_t i = 0; i < vendor_count; i++)
			rows += vendor_table[i].id == (enum vendor)v;
		cr_assert_eq(rows, 1, "%s: %zu rows", model_vendor_name((enum vendor)v), rows);
	}
	cr_assert_null(vendor_ops(VENDOR_UNKNOWN));
	for (size_t i = 0; i < vendor_count; i++) {
		const struct vendor_ops *o = &vendor_table[i];
		const char *name = model_vendor_name(o->id);

		cr_assert_eq(vendor_ops(o->id), o);
		cr_assert_str_neq(name, "unknown");
		cr_assert_not_null(o->score_line, "%s: no detection", name);
		cr_assert_not_null(o->first_chunk, "%s: no arena sizing", name);
		cr_assert_not_null(o->parse, "%s: no driver", name);
		cr_assert_not_null(o->extensions, "%s: no extensions", name);
		cr_assert_not_null(o->extensions[0], "%s: no extensions", name);
		cr_assert_not_null(o->fixtures, "%s: no golden folder", name);
		cr_assert_not_null(o->fuzz_targets, "%s: no fuzz target", name);
		cr_assert_not_null(o->fuzz_targets[0], "%s: no fuzz target", name);
	}
}

/* an extension breaks a detection tie: it must name one vendor */
Test(vendors, extensions_are_dotted_and_name_one_vendor_each)
{
	for (size_t i = 0; i < vendor_count; i++) {
		for (const char *const *e = vendor_table[i].extensions; *e; e++) {
			cr_assert_eq((*e)[0], '.', "%s", *e);
			for (size_t j = i + 1; j < vendor_count; j++)
				for (const char *const *f = vendor_table[j].extensions; *f; f++)
					cr_assert_str_neq(*e, *f, "%s is claimed by two vendors", *e);
		}
	}
}

/* the golden tests find each vendor's cases by their extensions, under its folder */
Test(vendors, golden_folders_and_extensions_are_walked)
{
	char *golden = slurp("tests/golden.sh");

	cr_assert_not_null(golden, "tests/golden.sh (the unit tests run from the top of the tree)");
	for (size_t i = 0; i < vendor_count; i++) {
		const struct vendor_ops *o = &vendor_table[i];

		cr_assert(is_dir(o->fixtures), "%s: no folder %s", model_vendor_name(o->id), o->fixtures);
		for (const char *const *e = o->extensions; *e; e++) {
			char pat[32];

			snprintf(pat, sizeof(pat), "-name '*%s'", *e);
			cr_assert_not_null(strstr(golden, pat), "tests/golden.sh does not look for %s files",
					   *e);
		}
	}
	free(golden);
}

Test(vendors, every_fuzz_target_exists)
{
	for (size_t i = 0; i < vendor_count; i++) {
		for (const char *const *t = vendor_table[i].fuzz_targets; *t; t++) {
			char path[128];
			struct stat st;

			snprintf(path, sizeof(path), "tests/fuzz/fuzz_%s.c", *t);
			cr_assert_eq(stat(path, &st), 0, "%s: no %s", model_vendor_name(vendor_table[i].id),
				     path);
			snprintf(path, sizeof(path), "tests/fuzz/corpus/%s", *t);
			cr_assert(is_dir(path), "no corpus %s (make check replays it)", path);
		}
	}
}

/* Each file below dir with one of o's extensions is detected as o's vendor; how many there were. */
static size_t detect_below(const struct vendor_ops *o, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t seen = 0;

	cr_assert_not_null(d, "%s", dir);
	while ((de = readdir(d)) != NULL) {
		const char *dot = strrchr(de->d_name, '.');
		char path[512];
		struct source src;
		char *err = NULL;
		bool ours = false;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (is_dir(path)) {
			seen += detect_below(o, path);
			continue;
		}
		for (const char *const *e = o->extensions; dot && *e; e++)
			ours |= strcmp(dot, *e) == 0;
		if (!ours)
			continue;
		cr_assert_eq(source_load(&src, path, &err), 0, "%s: %s", path, err ? err : "");
		/* a fixture of unknown or damaged input names itself so; the rest are the vendor's */
		if (!strstr(path, "unknown") && detect_vendor(&src, NULL) == o->id)
			seen++;
		source_free(&src);
	}
	closedir(d);
	return seen;
}

/* the vendor's golden folder holds files detection gives to the vendor */
Test(vendors, detection_recognises_each_vendors_fixtures)
{
	for (size_t i = 0; i < vendor_count; i++) {
		const struct vendor_ops *o = &vendor_table[i];

		cr_assert_geq(detect_below(o, o->fixtures), 3, "%s: fewer than 3 files of its own in %s",
			      model_vendor_name(o->id), o->fixtures);
	}
}

/*
 * Does the page's "- Display: ..." line hold each " / "-separated part of
 * sym? The page sets log strings in backquotes and may put its own words
 * between them ("`Main Mode processing failed` (check the key format ...)"):
 * the line is read without its backquotes, and a symptom's own remark in
 * parentheses is not looked for.
 */
static bool page_states(const char *page, const char *display, const char *sym)
{
	char head[64], plain[1024];
	const char *line, *p = sym, *end = strstr(sym, " (");
	size_t k = 0;

	snprintf(head, sizeof(head), "\n- %s: ", display);
	line = strstr(page, head);
	if (!line)
		return false;
	for (line++; *line && *line != '\n' && k + 1 < sizeof(plain); line++)
		if (*line != '`')
			plain[k++] = *line;
	plain[k] = '\0';
	if (!end)
		end = sym + strlen(sym);
	while (p < end) {
		const char *sep = strstr(p, " / ");
		size_t n = sep && sep < end ? (size_t)(sep - p) : (size_t)(end - p);
		char part[256];

		snprintf(part, sizeof(part), "%.*s", (int)n, p);
		if (!strstr(plain, part))
			return false;
		p += n + (sep && sep < end ? 3 : 0);
	}
	return true;
}

/* docs/rules/<id>.md lists what each vendor's devices log, as rules.def says */
Test(vendors, every_symptom_has_its_line_on_the_rule_page)
{
	for (int r = 0; r < R__COUNT; r++) {
		const struct rule_info *ri = rule_info((enum rule_id)r);
		char path[160], *page;

		snprintf(path, sizeof(path), "docs/rules/%s.md", ri->id);
		page = slurp(path);
		for (size_t i = 0; i < vendor_count; i++) {
			const char *sym = ri->sym[vendor_table[i].id];
			const char *display = model_vendor_display(vendor_table[i].id);

			if (!sym || !*sym)
				continue;
			cr_assert_not_null(page, "%s: no rule page for its symptoms", path);
			cr_assert(page_states(page, display, sym), "%s: no line \"- %s: `%s`\"", path,
				  display, sym);
		}
		free(page);
	}
}

/*
 * A file that names no device is named after its file, for every vendor:
 * the base name without its extension, a default placed at line 1, column 1.
 */
Test(vendors, a_device_without_a_name_is_named_after_its_file)
{
	static const struct {
		enum vendor v;
		const char *text;
	} cases[] = {
		{VENDOR_HUAWEI, "#\nike proposal 10\n encryption-algorithm aes-256\n#\nreturn\n"},
		{VENDOR_HPUX,
		 "ipsec_config add ike -remote 192.0.2.1 -authentication PSK -preshared Tq7mZ2pL9vR4wK8x\n"},
		{VENDOR_AIX, "<?xml version=\"1.0\"?>\n<AIX_VPN Version=\"2.0\">\n</AIX_VPN>\n"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed_file pf;

		parse_buffer(&pf, "configs/site-7.v1.cfg", cases[i].text, strlen(cases[i].text), cases[i].v);
		cr_assert_not_null(pf.dev, "%s: a device", model_vendor_name(cases[i].v));
		cr_assert_str_eq(pf.dev->name, "site-7.v1", "%s", model_vendor_name(cases[i].v));
		cr_assert_eq(pf.dev->name_o.prov, PROV_DEFAULT, "%s", model_vendor_name(cases[i].v));
		cr_assert_eq(pf.dev->name_o.span.line, 1, "%s", model_vendor_name(cases[i].v));
		cr_assert_eq(pf.dev->name_o.span.col, 1, "%s", model_vendor_name(cases[i].v));
		cr_assert_eq(pf.dev->name_o.span.src, &pf.src);
		parsed_file_free(&pf);
	}
}
