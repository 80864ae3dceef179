/* SPDX-License-Identifier: MIT */
/*
 * cli/baseline.h - a baseline: the fingerprints of a previous JSON report
 * (check --format json), read with jansson. A finding whose fingerprint the
 * baseline holds is known already: --baseline leaves it out.
 */
#ifndef IPSECLINT_CLI_BASELINE_H
#define IPSECLINT_CLI_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/hmap.h"
#include "common/util.h"
#include "diag/finding.h"

struct baseline {
	struct hmap fps; /* the fingerprints, as 64-bit values */
};

/*
 * Read path. 0, or -1 with a message in err ("base.json:3:14: ..." for bad
 * JSON, or what is missing): a report without a findings array, a finding
 * without a 16-hex-digit fingerprint.
 */
int baseline_load(const char *path, struct baseline *b, struct strbuf *err);
bool baseline_has(const struct baseline *b, const struct finding *f);
void baseline_free(struct baseline *b);

#endif
