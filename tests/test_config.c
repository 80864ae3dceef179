/* SPDX-License-Identifier: MIT */
/*
 * tests/test_config.c - the config file .ipseclint: every section, globs,
 * errors with their line, suppressions and what they leave unused, comments,
 * CRLF, continuation lines, and finding the file.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/config.h"

/* The config lives in /proj; globs are relative to it. */
#define CFG_PATH "/proj/.ipseclint"

static struct ipl_config cfg;
static struct strbuf err = STRBUF_INIT;

static void setup(void)
{
	config_init(&cfg);
}

static void teardown(void)
{
	config_free(&cfg);
	sb_free(&err);
}

TestSuite(config, .init = setup, .fini = teardown);

static int load(const char *text)
{
	config_free(&cfg);
	sb_reset(&err);
	return config_load_buffer(CFG_PATH, text, strlen(text), &cfg, &err);
}

/* Load text that must be accepted. */
static void load_ok(const char *text)
{
	int rc = load(text);

	cr_assert_eq(rc, 0, "config rejected: %s", sb_str(&err));
	cr_assert_str_eq(sb_str(&err), "");
}

/* Load text that must be rejected with exactly this message (lines joined by '\n'). */
static void load_fails(const char *text, const char *want)
{
	cr_assert_eq(load(text), -1, "config accepted, expected: %s", want);
	cr_assert_str_eq(sb_str(&err), want);
}

static bool selected(const char *path)
{
	return config_file_selected(&cfg, path, NULL);
}

static enum vendor forced_vendor(const char *path)
{
	enum vendor v = VENDOR_AIX; /* must be overwritten */

	config_file_selected(&cfg, path, &v);
	return v;
}

static enum rule_id rule(const char *id)
{
	enum rule_id r;

	cr_assert(rule_by_id(id, &r), "no rule %s", id);
	return r;
}

static const char spec_example[] =
	"[files]\n"
	"include = configs/**/*.cfg, hpux/*.batch, aix/*.xml\n"
	"exclude = archive/**\n"
	"vendor.hpux/legacy/*.txt = hpux\n"
	"\n"
	"[rules]\n"
	"disable = psk-plaintext\n"
	"severity.lifetime-mismatch = error\n"
	"\n"
	"[device \"edge-fw-1\"]\n"
	"addresses = 203.0.113.10, 198.51.100.1     # e.g. public NAT addresses the config does not show\n"
	"\n"
	"[peers]\n"
	"edge-fw-1 = branch-17                        # explicit pairing where addresses do not tell\n"
	"\n"
	"[suppress]\n"
	"huawei-hub.cfg: ike peer legacy = weak-algorithm\n";

/* ---- empty and the example of spec/cli.md --------------------------------- */

Test(config, empty_file_changes_nothing)
{
	bool enabled[R__COUNT];
	enum severity sev[R__COUNT];
	struct pair_hints h;

	load_ok("");
	for (size_t i = 0; i < R__COUNT; i++) {
		enabled[i] = i % 2;
		sev[i] = SEV_NONE;
	}
	config_apply_rules(&cfg, enabled, sev);
	for (size_t i = 0; i < R__COUNT; i++) {
		cr_assert_eq(enabled[i], (bool)(i % 2));
		cr_assert_eq(sev[i], SEV_NONE);
	}
	cr_assert(selected("/anywhere/x.cfg"));
	cr_assert(selected("x.txt"));
	cr_assert_eq(forced_vendor("x.cfg"), VENDOR_UNKNOWN);
	config_pair_hints(&cfg, &h);
	cr_assert_eq(h.ndev_addrs, 0);
	cr_assert_eq(h.npeers, 0);
	cr_assert_not(config_suppressed(&cfg, "a.cfg", "ike peer x", rule("weak-algorithm")));
}

Test(config, only_comments_and_blank_lines)
{
	load_ok("# ipseclint settings\n; nothing yet\n\n   \n[rules]\n# disable = psk-weak\n");
	cr_assert(selected("x.cfg"));
}

Test(config, spec_example_is_accepted_and_means_what_it_says)
{
	bool enabled[R__COUNT];
	enum severity sev[R__COUNT];
	struct pair_hints h;
	char buf[64];

	load_ok(spec_example);

	cr_assert(selected("/proj/configs/hq.cfg"));
	cr_assert(selected("/proj/configs/branches/br1.cfg"));
	cr_assert(selected("/proj/hpux/branch1.batch"));
	cr_assert(selected("/proj/aix/a.xml"));
	cr_assert_not(selected("/proj/configs/notes.txt"));
	cr_assert_not(selected("/proj/hpux/legacy/old.txt"), "vendor.GLOB does not include");
	cr_assert_eq(forced_vendor("/proj/hpux/legacy/old.txt"), VENDOR_HPUX);
	cr_assert_eq(forced_vendor("/proj/configs/hq.cfg"), VENDOR_UNKNOWN);

	for (size_t i = 0; i < R__COUNT; i++) {
		enabled[i] = true;
		sev[i] = SEV_NONE;
	}
	config_apply_rules(&cfg, enabled, sev);
	cr_assert_not(enabled[rule("psk-plaintext")]);
	cr_assert(enabled[rule("psk-weak")]);
	cr_assert_eq(sev[rule("lifetime-mismatch")], SEV_ERROR);
	cr_assert_eq(sev[rule("psk-weak")], SEV_NONE);

	config_pair_hints(&cfg, &h);
	cr_assert_eq(h.ndev_addrs, 2);
	cr_assert_str_eq(h.dev_names[0], "edge-fw-1");
	cr_assert_str_eq(h.dev_names[1], "edge-fw-1");
	cr_assert(aspec_is_host(&h.dev_addrs[0]));
	cr_assert_eq(h.dev_addrs[0].family, 4);
	cr_assert_str_eq(addr_ip_str(&h.dev_addrs[0].a, 4, buf, sizeof(buf)), "203.0.113.10");
	cr_assert_str_eq(addr_ip_str(&h.dev_addrs[1].a, 4, buf, sizeof(buf)), "198.51.100.1");
	cr_assert_str_eq(h.dev_addrs[1].text, "198.51.100.1");
	cr_assert_eq(h.npeers, 1);
	cr_assert_str_eq(h.peer_a[0], "edge-fw-1");
	cr_assert_str_eq(h.peer_b[0], "branch-17", "the inline comment is not part of the name");

	cr_assert(
		config_suppressed(&cfg, "configs/huawei-hub.cfg", "ike peer legacy", rule("weak-algorithm")));
}

/* ---- [files] -------------------------------------------------------------- */

Test(config, double_star_matches_any_number_of_directories)
{
	load_ok("[files]\ninclude = configs/**/*.cfg\n");
	cr_assert(selected("/proj/configs/x.cfg"), "'**' matches no directory");
	cr_assert(selected("/proj/configs/a/x.cfg"));
	cr_assert(selected("/proj/configs/a/b/x.cfg"));
	cr_assert_not(selected("/proj/configs/a/b/x.txt"));
	cr_assert_not(selected("/proj/other/configs/x.cfg"), "a glob with '/' is anchored");
	cr_assert_not(selected("/proj/x.cfg"));
}

Test(config, star_does_not_cross_directories)
{
	load_ok("[files]\ninclude = hpux/*.batch\n");
	cr_assert(selected("/proj/hpux/a.batch"));
	cr_assert_not(selected("/proj/hpux/sub/a.batch"));
}

Test(config, exclude_wins_over_include)
{
	load_ok("[files]\ninclude = configs/**\nexclude = configs/archive/**, *.bak\n");
	cr_assert(selected("/proj/configs/hq.cfg"));
	cr_assert_not(selected("/proj/configs/archive/hq.cfg"));
	cr_assert_not(selected("/proj/configs/archive/2019/hq.cfg"));
	cr_assert_not(selected("/proj/configs/deep/hq.cfg.bak"));
}

Test(config, exclude_alone_keeps_everything_else)
{
	load_ok("[files]\nexclude = archive/**\n");
	cr_assert(selected("/proj/hq.cfg"));
	cr_assert(selected("/proj/sub/archive.cfg"));
	cr_assert_not(selected("/proj/archive/hq.cfg"));
}

Test(config, glob_without_slash_matches_at_any_depth)
{
	load_ok("[files]\ninclude = *.cfg\nexclude = old\n");
	cr_assert(selected("/proj/hq.cfg"));
	cr_assert(selected("/proj/a/b/c/hq.cfg"));
	cr_assert_not(selected("/proj/a/old/hq.cfg"), "a directory name excludes what is below it");
	cr_assert_not(selected("/proj/old/hq.cfg"));
	cr_assert(selected("/proj/a/older/hq.cfg"));
}

Test(config, directory_globs)
{
	load_ok("[files]\ninclude = configs, ./hpux/\n");
	cr_assert(selected("/proj/configs/hq.cfg"), "naming a directory takes what is below it");
	cr_assert(selected("/proj/configs/a/b/hq.cfg"));
	cr_assert(selected("/proj/hpux/a.batch"));
	cr_assert_not(selected("/proj/hpux"), "a trailing '/' is for what is below only");
	cr_assert_not(selected("/proj/other/hq.cfg"));
}

Test(config, paths_as_given_relative_to_the_working_directory)
{
	char tmpl[] = "/tmp/ipseclint-cfg-XXXXXX";
	char *dir = mkdtemp(tmpl);
	char *cfgpath, *sub, abs[PATH_MAX];
	const char *text = "[files]\ninclude = configs/**/*.cfg\nexclude = configs/archive/**\n";

	cr_assert_not_null(dir);
	sub = xasprintf("%s/configs", dir);
	cr_assert_eq(mkdir(sub, 0700), 0);
	cr_assert_eq(chdir(sub), 0);
	/* the config one level up, named relatively, as config_find() returns it */
	cfgpath = xasprintf("../%s", CONFIG_FILE_NAME);
	config_free(&cfg);
	cr_assert_eq(config_load_buffer(cfgpath, text, strlen(text), &cfg, &err), 0, "%s", sb_str(&err));
	cr_assert(selected("hq.cfg"));
	cr_assert(selected("./a/b/hq.cfg"));
	cr_assert(selected("../configs/hq.cfg"));
	cr_assert_not(selected("archive/hq.cfg"));
	cr_assert_not(selected("../hq.cfg"));
	snprintf(abs, sizeof(abs), "%s/configs/x/hq.cfg", dir);
	cr_assert(selected(abs), "absolute paths work as well");
	cr_assert_eq(chdir("/"), 0);
	rmdir(sub);
	rmdir(dir);
	free(sub);
	free(cfgpath);
}

Test(config, files_outside_the_config_directory_match_by_name)
{
	load_ok("[files]\ninclude = *.cfg, configs/*.cfg\n");
	cr_assert(selected("/elsewhere/hq.cfg"));
	cr_assert_not(selected("/elsewhere/hq.txt"));
}

Test(config, vendor_globs_force_a_vendor_and_the_last_match_wins)
{
	load_ok("[files]\n"
		"vendor.legacy/** = hpux\n"
		"vendor.legacy/aix/*.xml = aix\n"
		"vendor.*.vrp = huawei\n");
	cr_assert_eq(forced_vendor("/proj/legacy/a.txt"), VENDOR_HPUX);
	cr_assert_eq(forced_vendor("/proj/legacy/aix/a.xml"), VENDOR_AIX);
	cr_assert_eq(forced_vendor("/proj/x/y/core.vrp"), VENDOR_HUAWEI);
	cr_assert_eq(forced_vendor("/proj/other.txt"), VENDOR_UNKNOWN);
	cr_assert(selected("/proj/legacy/a.txt"), "no include: every file is selected");
}

Test(config, vendor_glob_errors)
{
	load_fails("[files]\nvendor.*.txt = cisco\n",
		   CFG_PATH ":2: unknown vendor 'cisco' in [files] vendor.*.txt (huawei, hpux or aix)");
	load_fails("[files]\nvendor.*.txt = hpux\nvendor.*.txt = aix\n",
		   CFG_PATH ":3: 'vendor.*.txt' is set twice in [files] (first on line 2)");
}

Test(config, glob_errors)
{
	load_fails("[files]\ninclude = ../other/*.cfg\n",
		   CFG_PATH ":2: glob '../other/*.cfg' in [files] include leaves the directory of the "
			    "config file");
	load_fails("[files]\nexclude = /\n", CFG_PATH ":2: empty glob '/' in [files] exclude");
}

/* ---- [rules] -------------------------------------------------------------- */

Test(config, rules_apply_in_file_order_and_all_is_allowed)
{
	bool enabled[R__COUNT];

	load_ok("[rules]\ndisable = all\nenable = psk-weak, pfs-mismatch\n");
	for (size_t i = 0; i < R__COUNT; i++)
		enabled[i] = true;
	config_apply_rules(&cfg, enabled, NULL);
	for (size_t i = 0; i < R__COUNT; i++) {
		bool want = i == rule("psk-weak") || i == rule("pfs-mismatch");

		cr_assert_eq(enabled[i], want, "rule %s", rule_info((enum rule_id)i)->id);
	}

	load_ok("[rules]\nenable = psk-weak\ndisable = all\n");
	for (size_t i = 0; i < R__COUNT; i++)
		enabled[i] = true;
	config_apply_rules(&cfg, enabled, NULL);
	cr_assert_not(enabled[rule("psk-weak")], "a later 'disable = all' wins");
}

Test(config, rules_leave_untouched_rules_alone)
{
	bool enabled[R__COUNT];

	load_ok("[rules]\nenable = psk-weak\n");
	for (size_t i = 0; i < R__COUNT; i++)
		enabled[i] = false;
	config_apply_rules(&cfg, enabled, NULL);
	cr_assert(enabled[rule("psk-weak")]);
	cr_assert_not(enabled[rule("pfs-mismatch")], "--disable given before stays");
}

Test(config, severities)
{
	enum severity sev[R__COUNT];

	load_ok("[rules]\nseverity.weak-algorithm = error\nseverity.pfs-mismatch = info\n"
		"severity.psk-weak=warning\n");
	for (size_t i = 0; i < R__COUNT; i++)
		sev[i] = SEV_NONE;
	config_apply_rules(&cfg, NULL, sev);
	cr_assert_eq(sev[rule("weak-algorithm")], SEV_ERROR);
	cr_assert_eq(sev[rule("pfs-mismatch")], SEV_INFO);
	cr_assert_eq(sev[rule("psk-weak")], SEV_WARNING);
	cr_assert_eq(sev[rule("lifetime-mismatch")], SEV_NONE);
}

Test(config, unknown_rule_is_reported_with_its_line)
{
	load_fails("[rules]\n\ndisable = psk-plaintext, psk-plaintxt\n",
		   CFG_PATH ":3: unknown rule 'psk-plaintxt' in [rules] disable (did you mean "
			    "'psk-plaintext'?)");
	load_fails("[rules]\nenable = frobnicate\n",
		   CFG_PATH ":2: unknown rule 'frobnicate' in [rules] enable");
	load_fails("[rules]\nseverity.no-such-rule = error\n",
		   CFG_PATH ":2: unknown rule 'no-such-rule' in [rules] severity.no-such-rule");
}

Test(config, bad_severity_is_reported_with_its_line)
{
	load_fails("[rules]\nseverity.psk-weak = fatal\n",
		   CFG_PATH ":2: bad severity 'fatal' in [rules] severity.psk-weak (error, warning or info)");
	load_fails("[rules]\nseverity.psk-weak = none\n",
		   CFG_PATH ":2: bad severity 'none' in [rules] severity.psk-weak (error, warning or info)");
	load_fails("[rules]\nseverity.psk-weak = error\nseverity.psk-weak = info\n",
		   CFG_PATH ":3: 'severity.psk-weak' is set twice in [rules] (first on line 2)");
}

/* ---- [device] and [peers] ------------------------------------------------- */

Test(config, device_addresses_ipv4_and_ipv6)
{
	struct pair_hints h;
	char buf[64];

	load_ok("[device \"hq\"]\naddresses = 192.0.2.1, 2001:db8::1, 198.51.100.7/32\n"
		"[device \"br1\"]\naddresses = 203.0.113.5\n"
		"[device \"hq\"]\naddresses = 192.0.2.2\n");
	config_pair_hints(&cfg, &h);
	cr_assert_eq(h.ndev_addrs, 5);
	cr_assert_str_eq(h.dev_names[0], "hq");
	cr_assert_str_eq(h.dev_names[1], "hq");
	cr_assert_eq(h.dev_addrs[1].family, 6);
	cr_assert_str_eq(addr_ip_str(&h.dev_addrs[1].a, 6, buf, sizeof(buf)), "2001:db8::1");
	cr_assert(aspec_is_host(&h.dev_addrs[1]));
	cr_assert_str_eq(addr_ip_str(&h.dev_addrs[2].a, 4, buf, sizeof(buf)), "198.51.100.7");
	cr_assert_str_eq(h.dev_names[3], "br1");
	cr_assert_str_eq(h.dev_names[4], "hq");
	cr_assert_str_eq(addr_ip_str(&h.dev_addrs[4].a, 4, buf, sizeof(buf)), "192.0.2.2");
}

Test(config, long_device_names_are_kept_whole)
{
	struct pair_hints h;
	const char *name = "AR6300-branch-office-shanghai-pudong-district-01-backup";

	load_ok("[device \"AR6300-branch-office-shanghai-pudong-district-01-backup\"]\n"
		"addresses = 192.0.2.1\n");
	config_pair_hints(&cfg, &h);
	cr_assert_eq(h.ndev_addrs, 1);
	cr_assert_str_eq(h.dev_names[0], name);
}

Test(config, bad_address_is_reported_with_its_line)
{
	load_fails("[device \"hq\"]\n\naddresses = 192.0.2.1, 192.0.2.300\n",
		   CFG_PATH ":3: bad address '192.0.2.300' in [device \"hq\"] addresses (an IPv4 or IPv6 "
			    "host address)");
	load_fails("[device \"hq\"]\naddresses = 10.0.0.0/24\n",
		   CFG_PATH ":2: bad address '10.0.0.0/24' in [device \"hq\"] addresses (an IPv4 or IPv6 "
			    "host address)");
	load_fails("[device \"hq\"]\naddress = 10.0.0.1\n",
		   CFG_PATH ":2: unknown key 'address' in [device \"hq\"] (did you mean 'addresses'?)");
}

Test(config, device_section_needs_a_name)
{
	load_fails("[device]\naddresses = 10.0.0.1\n",
		   CFG_PATH ":1: device section without a name (write [device \"NAME\"])");
	load_fails("[device \"\"]\n", CFG_PATH ":1: device section without a name (write [device \"NAME\"])");
}

Test(config, peers_one_to_many)
{
	struct pair_hints h;

	load_ok("[peers]\nhq = br1, br2\nbr3 = hq\n");
	config_pair_hints(&cfg, &h);
	cr_assert_eq(h.npeers, 3);
	cr_assert_str_eq(h.peer_a[0], "hq");
	cr_assert_str_eq(h.peer_b[0], "br1");
	cr_assert_str_eq(h.peer_a[1], "hq");
	cr_assert_str_eq(h.peer_b[1], "br2");
	cr_assert_str_eq(h.peer_a[2], "br3");
	cr_assert_str_eq(h.peer_b[2], "hq");
}

Test(config, peer_errors)
{
	load_fails("[peers]\nhq = hq\n", CFG_PATH ":2: device 'hq' is paired with itself in [peers]");
	load_fails("[peers]\nhq =\n", CFG_PATH ":2: no peer for 'hq' in [peers] (write NAME = NAME)");
}

/* ---- structure errors ----------------------------------------------------- */

Test(config, unknown_section_is_reported_at_its_header)
{
	load_fails("[files]\ninclude = *.cfg\n\n[rule]\ndisable = psk-weak\n",
		   CFG_PATH ":4: unknown section '[rule]' (did you mean '[rules]'?)");
	load_fails("[empty]\n", CFG_PATH ":1: unknown section '[empty]'");
}

Test(config, unknown_key_is_reported_with_its_line)
{
	load_fails("[files]\ninclude = *.cfg\ninclde = *.batch\n",
		   CFG_PATH ":3: unknown key 'inclde' in [files] (did you mean 'include'?)");
	load_fails("[rules]\nignore = psk-weak\n", CFG_PATH ":2: unknown key 'ignore' in [rules]");
}

Test(config, syntax_errors)
{
	load_fails("[files\ninclude = *.cfg\n",
		   CFG_PATH ":1: section header without ']'\n" CFG_PATH
			    ":2: 'include' is outside a section (such as [files] or [rules])");
	load_fails("[rules]\ndisable psk-weak\n",
		   CFG_PATH ":2: expected 'key = value', '[section]' or a comment");
	load_fails("include = *.cfg\n",
		   CFG_PATH ":1: 'include' is outside a section (such as [files] or [rules])");
}

Test(config, every_error_is_reported_in_line_order)
{
	load_fails("[rules]\n"
		   "disable = nope\n"
		   "severity.psk-weak = loud\n"
		   "[files]\n"
		   "vendor.*.x = cisco\n"
		   "[device \"hq\"]\n"
		   "addresses = 1.2.3\n",
		   CFG_PATH
		   ":2: unknown rule 'nope' in [rules] disable\n" CFG_PATH
		   ":3: bad severity 'loud' in [rules] severity.psk-weak (error, warning or info)\n" CFG_PATH
		   ":5: unknown vendor 'cisco' in [files] vendor.*.x (huawei, hpux or aix)\n" CFG_PATH
		   ":7: bad address '1.2.3' in [device \"hq\"] addresses (an IPv4 or IPv6 host address)");
}

Test(config, failed_load_leaves_an_empty_config)
{
	cr_assert_eq(load("[files]\ninclude = *.cfg\n[rules]\ndisable = nope\n"), -1);
	cr_assert(selected("/proj/x.txt"), "nothing of a rejected config applies");
}

Test(config, line_too_long_for_inih)
{
	struct strbuf text = STRBUF_INIT;
	char want[300];

	sb_adds(&text, "[files]\n# fine\nexclude = ");
	for (int i = 0; i < 40; i++)
		sb_addf(&text, "dir%02d/**, ", i);
	sb_adds(&text, "\ninclude = *.cfg\nbad line\n");
	snprintf(want, sizeof(want),
		 CFG_PATH ":3: line longer than %d characters (continue a list on the next line, "
			  "indented)\n" CFG_PATH ":5: expected 'key = value', '[section]' or a comment",
		 CONFIG_MAX_LINE);
	/* the line after the long one keeps its number */
	load_fails(text.buf, want);
	sb_free(&text);
}

/* A line of exactly n characters: "include = xxx...x". */
static char *include_line(size_t n, const char *eol)
{
	struct strbuf sb = STRBUF_INIT;

	sb_adds(&sb, "[files]");
	sb_adds(&sb, eol);
	sb_adds(&sb, "include = ");
	while (sb.len < strlen("[files]") + strlen(eol) + n)
		sb_addc(&sb, 'x');
	sb_adds(&sb, eol);
	return sb_detach(&sb);
}

Test(config, longest_line_that_fits)
{
	char *text;

	text = include_line(CONFIG_MAX_LINE, "\n");
	load_ok(text);
	free(text);
	text = include_line(CONFIG_MAX_LINE, "\r\n");
	load_ok(text);
	free(text);
	text = include_line(CONFIG_MAX_LINE + 1, "\r\n");
	cr_assert_eq(load(text), -1);
	cr_assert(strstr(sb_str(&err), CFG_PATH ":2: line longer than"), "%s", sb_str(&err));
	free(text);
}

Test(config, nul_byte)
{
	static const char text[] = "[files]\ninclude = a\0b\n";

	config_free(&cfg);
	cr_assert_eq(config_load_buffer(CFG_PATH, text, sizeof(text) - 1, &cfg, &err), -1);
	cr_assert_str_eq(sb_str(&err), CFG_PATH ":2: NUL byte in the config file");
}

/* ---- comments, CRLF, continuation, BOM ------------------------------------ */

Test(config, inline_comments_after_hash_and_semicolon)
{
	bool enabled[R__COUNT];

	load_ok("[rules] ; the rules\n"
		"disable = psk-weak # too noisy here\n"
		"enable = pfs-mismatch ; keep\n"
		"  # an indented comment line\n"
		"[files]\n"
		"include = a#b.cfg\n");
	for (size_t i = 0; i < R__COUNT; i++)
		enabled[i] = true;
	enabled[rule("pfs-mismatch")] = false;
	config_apply_rules(&cfg, enabled, NULL);
	cr_assert_not(enabled[rule("psk-weak")]);
	cr_assert(enabled[rule("pfs-mismatch")]);
	cr_assert(selected("/proj/a#b.cfg"), "'#' inside a word is not a comment");
}

Test(config, crlf_files_read_like_lf_files)
{
	bool enabled[R__COUNT];
	struct pair_hints h;

	load_ok("[files]\r\n"
		"include = configs/**/*.cfg\r\n"
		"vendor.hpux/*.txt = hpux\r\n"
		"\r\n"
		"[rules]\r\n"
		"disable = psk-weak\r\n"
		"[device \"hq\"]\r\n"
		"addresses = 192.0.2.1 # nat\r\n"
		"[peers]\r\n"
		"hq = br1\r\n"
		"[suppress]\r\n"
		"hub.cfg: ike peer legacy = weak-algorithm\r\n");
	cr_assert(selected("/proj/configs/a.cfg"));
	cr_assert_eq(forced_vendor("/proj/hpux/a.txt"), VENDOR_HPUX);
	for (size_t i = 0; i < R__COUNT; i++)
		enabled[i] = true;
	config_apply_rules(&cfg, enabled, NULL);
	cr_assert_not(enabled[rule("psk-weak")]);
	config_pair_hints(&cfg, &h);
	cr_assert_eq(h.ndev_addrs, 1);
	cr_assert_str_eq(h.peer_b[0], "br1");
	cr_assert(config_suppressed(&cfg, "hub.cfg", "ike peer legacy", rule("weak-algorithm")));
}

Test(config, crlf_errors_keep_their_line)
{
	load_fails("[rules]\r\n\r\ndisable = nope\r\n",
		   CFG_PATH ":3: unknown rule 'nope' in [rules] disable");
}

Test(config, byte_order_mark)
{
	load_ok("\xef\xbb\xbf[rules]\ndisable = psk-weak\n");
}

Test(config, lists_continue_on_indented_lines)
{
	struct pair_hints h;

	load_ok("[files]\n"
		"include = configs/**/*.cfg,\n"
		"          hpux/*.batch\n"
		"\n"
		"          aix/*.xml  # after a blank line too\n"
		"[device \"hq\"]\n"
		"addresses = 192.0.2.1,\n"
		"\t192.0.2.2\n");
	cr_assert(selected("/proj/configs/a.cfg"));
	cr_assert(selected("/proj/hpux/a.batch"));
	cr_assert(selected("/proj/aix/a.xml"));
	cr_assert_not(selected("/proj/x.txt"));
	config_pair_hints(&cfg, &h);
	cr_assert_eq(h.ndev_addrs, 2);
}

Test(config, continuation_of_a_single_value_is_an_error)
{
	load_fails("[rules]\nseverity.psk-weak = error\n    info\n",
		   CFG_PATH ":3: 'severity.psk-weak' in [rules] takes one severity");
	load_fails("[rules]\ndisable = psk-weak\n    nope\n",
		   CFG_PATH ":3: unknown rule 'nope' in [rules] disable");
}

Test(config, continuation_after_a_long_key_names_the_whole_key)
{
	/* inih keeps only 49 bytes of the key for continuation lines */
	load_fails("[files]\n"
		   "vendor.very/long/directory/name/for/legacy/hp-ux/configs/*.txt = hpux\n"
		   "    aix\n",
		   CFG_PATH ":3: 'vendor.very/long/directory/name/for/legacy/hp-ux/configs/*.txt' in "
			    "[files] takes one vendor");
}

/* ---- [suppress] ----------------------------------------------------------- */

Test(config, suppress_matches_path_basename_or_glob)
{
	enum rule_id weak = rule("weak-algorithm");

	load_ok("[suppress]\n"
		"huawei-hub.cfg: ike peer legacy = weak-algorithm\n"
		"sites/*/br?.cfg: ipsec policy map1 * = pfs-mismatch, weak-algorithm\n"
		"/proj/exact/path.cfg: ike proposal 5 = weak-algorithm\n");
	/* by basename, wherever the file is */
	cr_assert(config_suppressed(&cfg, "huawei-hub.cfg", "ike peer legacy", weak));
	cr_assert(config_suppressed(&cfg, "configs/huawei-hub.cfg", "ike peer legacy", weak));
	cr_assert(config_suppressed(&cfg, "/proj/a/b/huawei-hub.cfg", "ike peer legacy", weak));
	cr_assert_not(config_suppressed(&cfg, "huawei-hub2.cfg", "ike peer legacy", weak));
	/* only that object, only that rule */
	cr_assert_not(config_suppressed(&cfg, "huawei-hub.cfg", "ike peer legacy2", weak));
	cr_assert_not(config_suppressed(&cfg, "huawei-hub.cfg", "ike peer legacy", rule("pfs-mismatch")));
	cr_assert_not(config_suppressed(&cfg, "huawei-hub.cfg", NULL, weak));
	/* blanks in the object do not matter */
	cr_assert(config_suppressed(&cfg, "huawei-hub.cfg", "ike  peer\tlegacy", weak));
	/* a glob, and an object pattern */
	cr_assert(config_suppressed(&cfg, "/proj/sites/east/br1.cfg", "ipsec policy map1 10",
				    rule("pfs-mismatch")));
	cr_assert_not(config_suppressed(&cfg, "/proj/sites/east/br10.cfg", "ipsec policy map1 10",
					rule("pfs-mismatch")));
	cr_assert_not(config_suppressed(&cfg, "/proj/sites/east/br1.cfg", "ipsec policy map2 10",
					rule("pfs-mismatch")));
	/* the path exactly as written */
	cr_assert(config_suppressed(&cfg, "/proj/exact/path.cfg", "ike proposal 5", weak));
	cr_assert_not(config_suppressed(&cfg, "/proj/other/path.cfg", "ike proposal 5", weak));
}

Test(config, suppress_any_object_and_all_rules)
{
	load_ok("[suppress]\nlab.cfg: * = all\nhq.cfg: ike peer x = all\n");
	cr_assert(config_suppressed(&cfg, "lab.cfg", "ike peer x", rule("psk-weak")));
	cr_assert(config_suppressed(&cfg, "lab.cfg", NULL, rule("peer-missing")));
	cr_assert(config_suppressed(&cfg, "hq.cfg", "ike peer x", rule("psk-weak")));
	cr_assert_not(config_suppressed(&cfg, "hq.cfg", "ike peer y", rule("psk-weak")));
}

Test(config, suppress_errors)
{
	load_fails("[suppress]\nhub.cfg: ike peer legacy = weak-algoritm\n",
		   CFG_PATH ":2: unknown rule 'weak-algoritm' in [suppress] hub.cfg (did you mean "
			    "'weak-algorithm'?)");
	load_fails("[suppress]\nhub.cfg: ike peer legacy\n",
		   CFG_PATH ":2: expected 'FILE: OBJECT = RULE[, RULE...]' in [suppress]");
	load_fails("[suppress]\nhub.cfg: = weak-algorithm\n",
		   CFG_PATH ":2: no object in [suppress] 'hub.cfg' (write FILE: OBJECT = RULE, '*' for "
			    "any)");
	load_fails("[suppress]\nhub.cfg: ike peer x =\n",
		   CFG_PATH ":2: no rule in [suppress] 'hub.cfg: ike peer x'");
}

static size_t unused(const char *const *paths, size_t npaths, const bool *enabled, struct config_unused **u)
{
	return config_unused_suppressions(&cfg, paths, npaths, enabled, u);
}

Test(config, unused_suppressions_are_listed_with_their_line)
{
	struct config_unused *u;
	size_t n;

	load_ok("[suppress]\n"
		"# reviewed 2024-03\n"
		"hub.cfg: ike peer legacy = weak-algorithm, pfs-mismatch\n"
		"br1.cfg: ike peer hq = psk-weak\n"
		"lab.cfg: * = all\n");
	n = unused(NULL, 0, NULL, &u);
	cr_assert_eq(n, 4, "nothing used yet");
	free(u);

	cr_assert(config_suppressed(&cfg, "hub.cfg", "ike peer legacy", rule("weak-algorithm")));
	cr_assert(config_suppressed(&cfg, "lab.cfg", "ike peer z", rule("psk-weak")));
	n = unused(NULL, 0, NULL, &u);
	cr_assert_eq(n, 2);
	cr_assert_eq(u[0].line, 3);
	cr_assert_str_eq(u[0].file, "hub.cfg");
	cr_assert_str_eq(u[0].object, "ike peer legacy");
	cr_assert_eq(u[0].rule, rule("pfs-mismatch"), "the entry's other rule is unused");
	cr_assert_eq(u[1].line, 4);
	cr_assert_eq(u[1].rule, rule("psk-weak"));
	free(u);
}

Test(config, unused_only_for_files_checked_and_rules_that_ran)
{
	struct config_unused *u;
	const char *paths[] = {"configs/hub.cfg", "configs/br2.cfg"};
	bool enabled[R__COUNT];
	size_t n;

	load_ok("[suppress]\n"
		"hub.cfg: ike peer legacy = weak-algorithm, pfs-mismatch\n"
		"br1.cfg: ike peer hq = psk-weak\n");
	for (size_t i = 0; i < R__COUNT; i++)
		enabled[i] = true;
	enabled[rule("pfs-mismatch")] = false;
	n = unused(paths, 2, enabled, &u);
	cr_assert_eq(n, 1, "br1.cfg was not checked, pfs-mismatch did not run");
	cr_assert_eq(u[0].rule, rule("weak-algorithm"));
	free(u);
}

Test(config, a_second_entry_that_matches_the_same_finding_is_unused)
{
	struct config_unused *u;
	size_t n;

	load_ok("[suppress]\nhub.cfg: * = weak-algorithm\nhub.cfg: ike peer a = weak-algorithm\n");
	cr_assert(config_suppressed(&cfg, "hub.cfg", "ike peer a", rule("weak-algorithm")));
	n = unused(NULL, 0, NULL, &u);
	cr_assert_eq(n, 1);
	cr_assert_eq(u[0].line, 3);
	free(u);
}

Test(config, unused_suppressions_become_findings_in_the_config_file)
{
	struct findings fs = {0};
	char fp[17];

	load_ok("[rules]\n"
		"disable = psk-weak\n"
		"[suppress]\n"
		"hub.cfg: ike peer legacy = weak-algorithm\n");
	config_report_unused(&cfg, NULL, 0, NULL, &fs);
	cr_assert_eq(fs.n, 1);
	cr_assert_eq(fs.v[0].rule, rule("unused-suppression"));
	cr_assert_eq(fs.v[0].sev, SEV_INFO);
	cr_assert_str_eq(fs.v[0].loc.src->path, CFG_PATH);
	cr_assert_eq(fs.v[0].loc.line, 4);
	cr_assert_eq(fs.v[0].loc.col, 1);
	cr_assert_eq(fs.v[0].loc.end_col, strlen("hub.cfg: ike peer legacy = weak-algorithm"));
	cr_assert_str_eq(fs.v[0].message,
			 "suppression 'hub.cfg: ike peer legacy = weak-algorithm' suppresses nothing");
	fnd_fingerprint(&fs.v[0], fp);
	cr_assert_eq(strlen(fp), 16);
	fnd_free(&fs);

	cr_assert(config_suppressed(&cfg, "hub.cfg", "ike peer legacy", rule("weak-algorithm")));
	config_report_unused(&cfg, NULL, 0, NULL, &fs);
	cr_assert_eq(fs.n, 0);
	fnd_free(&fs);
}

/* ---- files on disk -------------------------------------------------------- */

/* Write text to dir/name; the path is left in path. */
static void write_temp(char *path, size_t n, const char *dir, const char *name, const char *text)
{
	FILE *f;

	snprintf(path, n, "%s/%s", dir, name);
	f = fopen(path, "wb");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

Test(config, load_from_a_file)
{
	char tmpl[] = "/tmp/ipseclint-cfg-XXXXXX";
	char *dir = mkdtemp(tmpl);
	char path[PATH_MAX], want[PATH_MAX + 100], file[PATH_MAX];

	cr_assert_not_null(dir);
	write_temp(path, sizeof(path), dir, CONFIG_FILE_NAME,
		   "[files]\r\ninclude = *.cfg\r\n[rules]\r\ndisable = nope\r\n");
	config_free(&cfg);
	cr_assert_eq(config_load(path, &cfg, &err), -1);
	snprintf(want, sizeof(want), "%s:4: unknown rule 'nope' in [rules] disable", path);
	cr_assert_str_eq(sb_str(&err), want);
	unlink(path);

	write_temp(path, sizeof(path), dir, CONFIG_FILE_NAME, "[files]\ninclude = *.cfg\n");
	sb_reset(&err);
	cr_assert_eq(config_load(path, &cfg, &err), 0, "%s", sb_str(&err));
	snprintf(file, sizeof(file), "%s/sub/x.cfg", dir);
	cr_assert(selected(file));
	snprintf(file, sizeof(file), "%s/sub/x.txt", dir);
	cr_assert_not(selected(file));
	config_free(&cfg);
	unlink(path);

	sb_reset(&err);
	cr_assert_eq(config_load(path, &cfg, &err), -1, "a missing file is an error");
	cr_assert(strstr(sb_str(&err), path), "the message names the file: %s", sb_str(&err));
	rmdir(dir);
}

Test(config, find_in_the_working_directory_or_a_parent)
{
	char tmpl[] = "/tmp/ipseclint-cfg-XXXXXX";
	char *dir = mkdtemp(tmpl);
	char a[256], ab[256], cfgfile[PATH_MAX], nearer[PATH_MAX], buf[PATH_MAX], tiny[4];

	cr_assert_not_null(dir);
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(ab, sizeof(ab), "%s/a/b", dir);
	cr_assert_eq(mkdir(a, 0700), 0);
	cr_assert_eq(mkdir(ab, 0700), 0);

	/* none anywhere up to / (assumes no /tmp/.ipseclint or /.ipseclint) */
	cr_assert_eq(chdir(ab), 0);
	cr_assert_eq(config_find(buf, sizeof(buf)), -1);

	/* a directory of that name is not a config file */
	snprintf(cfgfile, sizeof(cfgfile), "%s/%s", ab, CONFIG_FILE_NAME);
	cr_assert_eq(mkdir(cfgfile, 0700), 0);
	cr_assert_eq(config_find(buf, sizeof(buf)), -1);
	rmdir(cfgfile);

	write_temp(cfgfile, sizeof(cfgfile), dir, CONFIG_FILE_NAME, "[rules]\n");
	cr_assert_eq(config_find(buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "../../.ipseclint");
	cr_assert_eq(config_find(tiny, sizeof(tiny)), -1, "does not fit");

	cr_assert_eq(chdir(dir), 0);
	cr_assert_eq(config_find(buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, ".ipseclint");

	/* the nearest one wins */
	write_temp(nearer, sizeof(nearer), a, CONFIG_FILE_NAME, "[rules]\n");
	cr_assert_eq(chdir(ab), 0);
	cr_assert_eq(config_find(buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "../.ipseclint");

	cr_assert_eq(chdir("/"), 0);
	unlink(nearer);
	unlink(cfgfile);
	rmdir(ab);
	rmdir(a);
	rmdir(dir);
}
