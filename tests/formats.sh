#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/formats.sh - every report format and the review, rendered over a mix of
# fixtures (all vendors, pairs, syntax errors, unknown formats), in the build
# under test: run by 'make test' in the plain and the sanitizer build, so that
# ASan and UBSan see every renderer. Asserted here: each run ends with exit 0
# or 1 (2 only where a named file is of unknown format) and nothing on stderr;
# what the reports hold is tests/reports.sh's.
set -u
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup formats
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

inputs=(examples fixtures/pairs/manual-sa-mismatch--fires-aix-huawei fixtures/pairs/flow-mismatch--fires-hpux
	fixtures/aix/text fixtures/aix/xml fixtures/hpux/rules fixtures/huawei/rules/syntax-error--fires-acl-wildcard.cfg
	fixtures/unknown)
failed=0 runs=0
for fmt in text json sarif junit markdown html; do
	"$bin" check --color never --format "$fmt" "${inputs[@]}" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	runs=$((runs + 1))
	if ((rc > 2)) || [[ -s $tmp/err && $(grep -v -c '^ipseclint: ' "$tmp/err") -gt 0 ]]; then
		echo "formats: FAIL: --format $fmt: exit $rc; $(head -c 400 "$tmp/err")"
		failed=$((failed + 1))
	fi
done
for d in fixtures/review/*/; do
	for fmt in text json markdown html; do
		"$bin" review --format "$fmt" --before "$d/before" --after "$d/after" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		runs=$((runs + 1))
		if ((rc > 1)) || [[ -s $tmp/err ]]; then
			echo "formats: FAIL: review --format $fmt $d: exit $rc; $(head -c 400 "$tmp/err")"
			failed=$((failed + 1))
		fi
	done
done
echo "formats: $runs runs, $failed failed"
((failed == 0))
