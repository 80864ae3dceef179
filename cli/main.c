/* SPDX-License-Identifier: MIT */
/*
 * cli/main.c - the commands (spec/cli.md) and their dispatch.
 *
 *   check       paths -> walk -> parse (N threads) -> check -> filter -> render
 *   pre-commit  the same over the current directory, reporting the files named
 *   review      check twice (before, after) -> compare -> render
 *   dump        one file -> model as JSON
 *   rules       the catalogue
 *   explain     one rule's page
 *
 * Exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage
 * error, unreadable file, a named file of unknown format, or internal error.
 */
#include <getopt.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"

static void print_help(FILE *out)
{
	fputs("usage: ipseclint check [OPTIONS] PATH...\n"
	      "       ipseclint pre-commit [OPTIONS] FILE...\n"
	      "       ipseclint review --before PATH --after PATH [OPTIONS]\n"
	      "       ipseclint dump [--vendor V] FILE\n"
	      "       ipseclint rules [--format text|json]\n"
	      "       ipseclint explain RULE\n"
	      "       ipseclint --version | --help\n"
	      "\n"
	      "Checks IPsec VPN configurations (Huawei VRP, HP-UX ipsec_config, AIX IP\n"
	      "Security) before they are deployed: per device, and across every pair of peers.\n"
	      "\n"
	      "Commands:\n"
	      "  check       lint files and directories, report findings\n"
	      "  pre-commit  check the repository, report the findings of the files named\n"
	      "  review      compare two states of a fleet for a change window\n"
	      "  dump        print the common model of FILE as JSON (keys are never shown)\n"
	      "  rules       list the rule catalogue\n"
	      "  explain     print what a rule means, what the devices log, how to fix it\n"
	      "\n"
	      "Run 'ipseclint COMMAND --help' for the options of a command.\n"
	      "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.\n",
	      out);
}

/* ---- dump, rules, explain ------------------------------------------------ */

static int cmd_dump(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"vendor", required_argument, NULL, 'V'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum vendor v = VENDOR_UNKNOWN;
	struct parsed_file pf;
	char *err = NULL;
	int c, rc = EXIT_CLEAN;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'V':
			if (!model_vendor_parse(optarg, &v)) {
				usage_error("unknown vendor '%s' (huawei, hpux or aix)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs("usage: ipseclint dump [--vendor V] FILE\n\n"
			      "Print the common model of FILE as JSON. Keys are described, never shown.\n",
			      stdout);
			return EXIT_CLEAN;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		usage_error("dump takes exactly one file");
		return EXIT_USAGE;
	}
	if (parse_file(&pf, argv[optind], v, &err) < 0) {
		fprintf(stderr, "%s: %s\n", progname, err);
		free(err);
		parsed_file_free(&pf);
		return EXIT_USAGE;
	}
	if (!pf.dev) {
		fprintf(stderr, "%s: %s: cannot tell which vendor wrote this file (try --vendor)\n", progname,
			argv[optind]);
		rc = EXIT_USAGE;
	} else {
		report_dump(stdout, &pf);
		rc = output_close(stdout, NULL);
	}
	parsed_file_free(&pf);
	return rc;
}

static int cmd_rules(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool json = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				json = true;
			} else if (strcmp(optarg, "text") != 0) {
				usage_error("unknown format '%s' (text or json)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs("usage: ipseclint rules [--format text|json]\n\nList the rule catalogue.\n",
			      stdout);
			return EXIT_CLEAN;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage_error("rules takes no arguments");
		return EXIT_USAGE;
	}
	if (report_rules(stdout, json) != 0)
		return EXIT_USAGE;
	return output_close(stdout, NULL);
}

static int cmd_explain(int argc, char **argv)
{
	enum rule_id r;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs("usage: ipseclint explain RULE\n\nWhat a rule means, what the devices log, how to fix it.\n",
		      stdout);
		return EXIT_CLEAN;
	}
	if (argc != 2) {
		usage_error("explain takes one rule ID (see 'ipseclint rules')");
		return EXIT_USAGE;
	}
	if (!rule_by_id(argv[1], &r)) {
		usage_error("unknown rule '%s' (see 'ipseclint rules')", argv[1]);
		return EXIT_USAGE;
	}
	if (report_explain(stdout, r) != 0)
		return EXIT_USAGE;
	return output_close(stdout, NULL);
}

int main(int argc, char **argv)
{
	const char *cmd, *fail_at;

	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
#if defined(M_TOP_PAD)
	/*
	 * glibc extends a heap 64 MiB at a time instead of 128 KiB: each
	 * extension (brk, or mprotect in a thread's heap) takes the address-space
	 * lock that the other parse thread's page faults wait for. Pages are still
	 * touched only when used. make bench, 10,000 devices: -j 2 parses 1.94
	 * times as fast as -j 1 instead of 1.77 times.
	 */
	mallopt(M_TOP_PAD, 64 << 20);
#endif
	/* a testing hook: make the Nth allocation fail (tests/hostile.sh) */
	if ((fail_at = getenv("IPSECLINT_FAIL_ALLOC")) != NULL)
		util_fail_alloc_at(strtoul(fail_at, NULL, 10));
	cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("ipseclint %s\n", IPSECLINT_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		print_help(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "check") == 0 || strcmp(cmd, "dump") == 0 || strcmp(cmd, "review") == 0 ||
	    strcmp(cmd, "pre-commit") == 0) {
		int rc;

		parsers_init(); /* before any parse thread starts */
		if (strcmp(cmd, "check") == 0)
			rc = cmd_check(argc - 1, argv + 1);
		else if (strcmp(cmd, "review") == 0)
			rc = cmd_review(argc - 1, argv + 1);
		else if (strcmp(cmd, "pre-commit") == 0)
			rc = cmd_precommit(argc - 1, argv + 1);
		else
			rc = cmd_dump(argc - 1, argv + 1);
		parsers_cleanup();
		return rc;
	}
	if (strcmp(cmd, "rules") == 0)
		return cmd_rules(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(argc - 1, argv + 1);
	usage_error("unknown command '%s'", cmd);
	return EXIT_USAGE;
}
