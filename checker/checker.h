/* SPDX-License-Identifier: MIT */
/*
 * checker/checker.h - the rules that read the model.
 *
 * Vendor-neutral: the checker sees only the common model. Vendor names
 * appear only in symptom tables (diag/rules.def).
 */
#ifndef IPSECLINT_CHECKER_CHECKER_H
#define IPSECLINT_CHECKER_CHECKER_H

#include "diag/finding.h"
#include "model/model.h"

/* Section 2 and 3 rules of spec/rules.md on one device. */
void chk_device(const struct device *d, struct findings *fs);

#endif
