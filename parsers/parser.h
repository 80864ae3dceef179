/* SPDX-License-Identifier: MIT */
/*
 * parsers/parser.h - from a file to the model.
 *
 * Each vendor driver runs its grammar over the text, builds the device of the
 * common model in the file's arena, applies the vendor's defaults with their
 * provenance, and queues input-level findings (syntax-error,
 * unknown-statement, invalid-value, foreign-dialect, missing-mandatory,
 * duplicate-definition) in the file's own findings list. Drivers never print.
 */
#ifndef IPSECLINT_PARSERS_PARSER_H
#define IPSECLINT_PARSERS_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/file.h"
#include "diag/finding.h"
#include "model/model.h"

/*
 * Vendor detection from content (the file name is a tie-breaker only).
 * VENDOR_UNKNOWN when nothing fits; *reason then says why ("binary data",
 * "no Huawei, HP-UX or AIX statement found").
 */
enum vendor detect_vendor(const struct source *src, const char **reason);

/*
 * Process-wide set-up and tear-down of the parsing libraries (libxml2): call
 * parsers_init() once from the main thread before any parse runs in another
 * thread (libxml2's lazy initialisation is not thread-safe), and
 * parsers_cleanup() once after the last.
 */
void parsers_init(void);
void parsers_cleanup(void);

/*
 * The calling thread's scratch arena, emptied: for what a driver needs only
 * while it reads one file (its records of views and operations). It is
 * reused by the thread's next file, so that a fleet's parse does not churn
 * the heap; parsers_thread_done() frees it (each parsing thread, as it ends).
 */
struct arena *parse_scratch(void);
void parsers_thread_done(void);

/*
 * A driver's first step: pf's arena (made when it has none), pf->vendor,
 * and the device the driver fills, of vendor v and from pf's source.
 */
struct device *parse_begin(struct parsed_file *pf, enum vendor v);

/*
 * The masker of every source the parsing step reads (parsers/redact.c): the
 * keys of every vendor's syntax, whatever the file was taken for.
 */
extern const struct source_masker parse_masker;

/* Drivers: fill pf->dev, pf->status and pf->fs from pf->src. */
void huawei_parse(struct parsed_file *pf);
void hpux_parse(struct parsed_file *pf);
void aix_xml_parse(struct parsed_file *pf);
void aix_text_parse(struct parsed_file *pf); /* lsfilt [-O], lstun -O, ipsec_fltr_rule.exp */
void aix_xml_init(void);
void aix_xml_cleanup(void);

/*
 * Load, detect (or use forced) and parse one file. pf is initialised here.
 * Returns 0, or -errno when the file cannot be read (pf->status FAILED and a
 * message in *errmsg, malloc'd).
 */
int parse_file(struct parsed_file *pf, const char *path, enum vendor forced, char **errmsg);
/* The same, for a file the config file names an export written for the peer (pf->for_peer). */
int parse_file_for_peer(struct parsed_file *pf, const char *path, enum vendor forced, char **errmsg);
/* Same on an in-memory buffer (tests, fuzzers). */
void parse_buffer(struct parsed_file *pf, const char *path, const char *data, size_t len, enum vendor forced);
void parsed_file_free(struct parsed_file *pf);

/*
 * The vendor object source line `line` of pf belongs to, as the user names it
 * ("ike peer legacy", "ipsec policy VPN 10", "acl 3000"), into buf (n bytes):
 * what the config file's [suppress] entries match. false when none.
 */
bool parse_object_at(const struct parsed_file *pf, uint32_t line, char *buf, size_t n);

/*
 * Inline suppressions. parse_supp_comment() reads a comment's text (without
 * the comment marker) at line; when it is a suppression it is recorded
 * (unknown rule IDs are reported as unknown-statement) and its index is
 * returned, else -1. The driver then sets first/last to the statement that
 * follows. parse_inline_suppressed() tells whether a finding at line for
 * rule is suppressed, and marks the suppression used; parse_inline_unused()
 * reports each enabled rule of a suppression that suppressed nothing.
 */
/*
 * A device that names none itself takes its file's: d->name becomes the
 * base name without the extension ("configs/hq.cfg" -> "hq", fallback when
 * the path has none), a default placed at the file's first character.
 */
void parse_name_from_file(struct parsed_file *pf, struct device *d, const char *fallback);

/*
 * A token as a message may quote it: printable ASCII only ('?' for the rest),
 * at most 40 characters then "...". Never used on a key. Returns buf.
 */
const char *parse_show(const char *s, size_t n, char *buf, size_t bufsz);

long parse_supp_comment(struct parsed_file *pf, const char *text, size_t len, uint32_t line, uint32_t col);
bool parse_inline_suppressed(struct parsed_file *pf, uint32_t line, enum rule_id rule);
void parse_inline_unused(const struct parsed_file *pf, const bool *enabled, struct findings *fs);

#endif
