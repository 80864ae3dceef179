/* SPDX-License-Identifier: MIT */
/*
 * cli/config.h - the config file .ipseclint (spec/cli.md "Config file").
 *
 * An INI file read with libinih:
 *
 *   [files]              include = GLOB, ...   exclude = GLOB, ...
 *                        vendor.GLOB = huawei|hpux|aix
 *                        exported-for-peer = GLOB, ...  (exports written for the peer,
 *                        kept as the record of the device that wrote them)
 *   [rules]              disable = RULE, ...   enable = RULE, ...   ('all' allowed)
 *                        severity.RULE = error|warning|info
 *   [device "NAME"]      addresses = IP, ...   (host addresses, IPv4 or IPv6)
 *   [peers]              NAME = NAME, ...
 *   [suppress]           FILE: OBJECT = RULE, ...
 *
 * Comments start with '#' or ';' at the start of a line, or after a blank
 * inside a line. A line that starts with a blank continues the value of the
 * key above it (list keys only), so long lists can be split.
 *
 * Globs are matched per path segment with fnmatch(3); a segment '**' matches
 * any number of segments (none included; a trailing one, at least one).
 * They are relative to the directory of the config file, like .gitignore: a
 * glob with no '/' matches a file (or a directory above it) at any depth,
 * one with a '/' is anchored at that directory. A glob also selects the
 * files below a directory it names; a trailing '/' selects only those.
 *
 * The config is read once, before the files are parsed; afterwards it is only
 * read, except for the marks config_suppressed() leaves (atomic, so findings
 * may be filtered from several threads).
 */
#ifndef IPSECLINT_CLI_CONFIG_H
#define IPSECLINT_CLI_CONFIG_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "checker/checker.h"
#include "common/util.h"
#include "diag/finding.h"
#include "model/addr.h"
#include "model/arena.h"
#include "model/model.h"
#include "model/source.h"

#define CONFIG_FILE_NAME ".ipseclint"
/* The longest line (libinih reads lines into a buffer of 200 bytes). */
#define CONFIG_MAX_LINE 197

struct config_glob {
	char *text;  /* as written, for messages */
	char **segs; /* pattern split on '/'; "**" is any number of segments */
	size_t nsegs;
	bool dir_only; /* written with a trailing '/': matches what is below only */
	unsigned line;
};

struct config_vendor_glob {
	struct config_glob glob;
	enum vendor vendor;
};

/* One "[suppress]" entry: FILE: OBJECT = RULE, RULE... */
struct config_suppress {
	struct config_glob file; /* path, basename or glob; file.text as written */
	char *object;		 /* fnmatch pattern, blanks collapsed; "*" is any object */
	enum rule_id *rules;
	size_t nrules; /* 0 with all: every rule */
	bool all;
	atomic_bool *used; /* per rule (one flag with all): something was suppressed */
	unsigned line;
};

struct ipl_config {
	struct source src; /* the file itself: unused-suppression findings point into it */
	char *base;	   /* absolute directory globs are relative to */
	char *cwd;	   /* working directory when loaded: relative paths start here */

	struct config_glob *include, *exclude;
	size_t ninclude, include_cap, nexclude, exclude_cap;
	struct config_vendor_glob *vendors; /* the last one that matches wins */
	size_t nvendors, vendors_cap;
	struct config_glob *for_peer; /* [files] exported-for-peer */
	size_t nfor_peer, for_peer_cap;

	signed char rule_state[R__COUNT]; /* -1 untouched, 0 disabled, 1 enabled */
	bool sev_set[R__COUNT];
	enum severity sev[R__COUNT];
	unsigned sev_line[R__COUNT];

	/* [device "name"] addresses: parallel arrays, one row per address */
	const char **dev_names;
	struct addrspec *dev_addrs;
	size_t ndev_addrs, dev_names_cap, dev_addrs_cap;
	/* [peers] a = b */
	const char **peer_a, **peer_b;
	size_t npeers, peer_a_cap, peer_b_cap;

	struct config_suppress *supp;
	size_t nsupp, supp_cap;

	struct arena *arena; /* strings and patterns the arrays above point to */
	char **base_segs;    /* base split on '/' */
	size_t nbase_segs;
};

/* One "[suppress]" rule that suppressed nothing. Pointers into the config. */
struct config_unused {
	unsigned line;
	const char *file;
	const char *object;
	enum rule_id rule; /* R__COUNT for an entry written with 'all' */
};

/*
 * Read the config file at path. 0, or -1 with err holding one line per
 * problem, "path:line: message" (no trailing newline); cfg is then empty but
 * safe to config_free(). A config error is a usage error (exit 2).
 */
int config_load(const char *path, struct ipl_config *cfg, struct strbuf *err);
/* Same from memory (tests): path names the file for messages and as the glob base. */
int config_load_buffer(const char *path, const char *text, size_t len, struct ipl_config *cfg,
		       struct strbuf *err);
/* An empty config: every file selected, nothing changed. */
void config_init(struct ipl_config *cfg);
void config_free(struct ipl_config *cfg);

/*
 * .ipseclint in the working directory or its nearest parent, as a relative
 * path (".ipseclint", "../.ipseclint", ...) in buf. 0 found, -1 none (or the
 * path does not fit in n bytes).
 */
int config_find(char *buf, size_t n);

/*
 * Does [files] select path (as given on the command line)? true when no
 * include glob is set or one matches, and no exclude glob matches. *forced
 * (if forced is not NULL) becomes the vendor of the last vendor.GLOB that
 * matches, or VENDOR_UNKNOWN.
 */
bool config_file_selected(const struct ipl_config *cfg, const char *path, enum vendor *forced);
/*
 * Does [files] exported-for-peer name path? Such a file is an export its
 * device wrote for its peer (AIX expfilt without -r, exptun): the parser
 * turns it back to the writer's point of view.
 */
bool config_file_for_peer(const struct ipl_config *cfg, const char *path);

/*
 * Apply [rules] in file order: enabled[r] for rules the config enables or
 * disables, sev[r] for rules with a severity.RULE; other entries are left
 * as they are (initialise sev to SEV_NONE to tell overrides apart). Apply
 * the command line's --enable/--disable after this, so they win.
 */
void config_apply_rules(const struct ipl_config *cfg, bool enabled[R__COUNT], enum severity sev[R__COUNT]);

/* [device] addresses and [peers]; the pointers stay valid until config_free(). */
void config_pair_hints(const struct ipl_config *cfg, struct pair_hints *out);

/*
 * Is a finding of rule r in file (its path as given) about object (the
 * vendor object as the user knows it, "ike peer legacy"; NULL when none)
 * suppressed by [suppress]? The file of an entry matches the path exactly,
 * by basename, or as a glob; its object as an fnmatch pattern. A match marks
 * the entry's rule as used.
 */
bool config_suppressed(const struct ipl_config *cfg, const char *file, const char *object, enum rule_id r);

/*
 * The [suppress] rules that suppressed nothing, in file order, in a malloc'd
 * array (*out, NULL when none; free() it). paths (npaths of them, the files
 * that were checked) limits the answer to entries whose file is among them
 * (NULL: no limit); enabled (NULL: all) to rules that ran.
 */
size_t config_unused_suppressions(const struct ipl_config *cfg, const char *const *paths, size_t npaths,
				  const bool *enabled, struct config_unused **out);

/*
 * Queue an unused-suppression finding (at the entry's line of the config
 * file) for each of them. cfg must outlive fs.
 */
void config_report_unused(const struct ipl_config *cfg, const char *const *paths, size_t npaths,
			  const bool *enabled, struct findings *fs);

#endif
