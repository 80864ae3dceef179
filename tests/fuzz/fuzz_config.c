/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_config.c - libFuzzer target: the .ipseclint config parser
 * on arbitrary bytes, then the questions the CLI asks of a loaded config
 * (file selection, rule overrides, pair hints, suppressions).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "checker/checker.h"
#include "cli/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {"/proj/hq.cfg", "/proj/sites/a/b.batch", "/other/x.xml",
					    "/proj/.ipseclint"};
	struct ipl_config cfg;
	struct strbuf err = STRBUF_INIT;
	struct pair_hints hints;
	struct config_unused *unused = NULL;
	bool enabled[R__COUNT];
	enum severity sev[R__COUNT];
	enum vendor v;

	if (config_load_buffer("/proj/.ipseclint", (const char *)data, size, &cfg, &err) == 0) {
		for (size_t i = 0; i < R__COUNT; i++) {
			enabled[i] = true;
			sev[i] = SEV_NONE;
		}
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			(void)config_file_selected(&cfg, paths[i], &v);
			(void)config_suppressed(&cfg, paths[i], "ike peer hq", R_PSK_PLAINTEXT);
			(void)config_suppressed(&cfg, paths[i], NULL, R_PFS_MISMATCH);
		}
		config_apply_rules(&cfg, enabled, sev);
		config_pair_hints(&cfg, &hints);
		(void)config_unused_suppressions(&cfg, paths, 2, enabled, &unused);
		free(unused);
	}
	config_free(&cfg);
	sb_free(&err);
	return 0;
}
