#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/formats.sh - every report format and the review, rendered over a mix of
# fixtures (all vendors, pairs, syntax errors, unknown formats), in the build
# under test: run by 'make test' in the plain and the sanitizer build, so that
# ASan and UBSan see every renderer. Asserted here, per format: the exact exit
# status (1 for the mix, which holds errors; 2 when a named file is of unknown
# format), nothing on stderr, and the content: the JSON report's vendors and
# the rule IDs it must hold, and every other format rendering findings of
# exactly the JSON report's set of rule IDs; each review's exit
# status is its golden file's, and each format names the rules the review
# introduces. What the reports hold in detail is tests/reports.sh's and the
# goldens'.
set -u
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup formats
test_needs jq
test_tmpdir

MSA=fixtures/pairs/manual-sa-mismatch--fires-aix-huawei
FHP=fixtures/pairs/flow-mismatch--fires-hpux
SYNTAX=fixtures/huawei/rules/syntax-error--fires-acl-wildcard.cfg
# pair directories by their files (a directory would also read the expected reports)
inputs=(examples "$MSA/a-aix1.lstun" "$MSA/b-huawei.cfg" "$FHP/a-hpux.batch" "$FHP/b-gw.cfg"
	fixtures/aix/text fixtures/aix/xml fixtures/hpux/rules "$SYNTAX" fixtures/unknown)
# rule IDs the mix must report, whatever fixtures are added to its directories:
# examples/ (README.md), the two pairs and the syntax-error fixture
RULES=(flow-mismatch pfs-mismatch psk-plaintext psk-unverifiable peer-missing manual-sa-mismatch syntax-error)

failed=0 runs=0
fail() {
	echo "formats: FAIL: $*"
	failed=$((failed + 1))
}
# ids FMT FILE: the rule IDs of the findings a report renders, one a line
ids() {
	# shellcheck disable=SC2016 # backquotes of markdown
	case $1 in
	sarif) jq -r '.runs[].results[].ruleId' "$2" 2>&1 ;;
	text | junit) sed -n -E 's/^[^ ].*: (error|warning|info): .* \[([a-z0-9-]+)\]$/\2/p' "$2" ;;
	markdown) sed -n -E 's/^- \*\*(error|warning|info)\*\* `([a-z0-9-]+)`.*/\2/p' "$2" ;;
	html) sed -n -E 's/.* data-rule="([a-z0-9-]+)".*/\1/p' "$2" ;;
	esac | LC_ALL=C sort -u
}

# ---- check over the mix ------------------------------------------------------

"$bin" check --color never --format json "${inputs[@]}" >"$tmp/json" 2>"$tmp/err"
rc=$?
runs=$((runs + 1))
((rc == 1)) || fail "--format json: exit $rc, expected 1; $(head -c 400 "$tmp/err")"
[[ -s $tmp/err ]] && fail "--format json: stderr: $(head -c 400 "$tmp/err")"
# every file is detected as its folder's vendor; README.md and the unknown files are skipped
# shellcheck disable=SC2016 # jq, not the shell
if ! jq -e '(.files | length > 0) and all(.files[];
		(.path | test("^(fixtures/(aix|unknown)|fixtures/hpux|.*\\.cfg$|.*\\.lstun$|.*\\.batch$)")) and
		.vendor == (if (.path | test("^fixtures/aix/|\\.lstun$")) then "aix"
			elif (.path | test("^fixtures/hpux/|\\.batch$")) then "hpux" else "huawei" end))
	and ([.files[].path | select(test("README|^fixtures/unknown/"))] | length == 0)
	and ([.files[] | select(.path | startswith("examples/"))] | length == 4)
	and .summary.files == (.files | length) and .summary.pairs >= 4 and .summary.errors > 0' \
	"$tmp/json" >/dev/null; then
	fail "--format json: files, vendors or summary not as expected: $(jq -c '[.files[] | [.path, .vendor]] | .[:6], .summary' "$tmp/json" 2>&1 | head -c 600)"
fi
jq -r '.findings[].rule' "$tmp/json" | LC_ALL=C sort -u >"$tmp/rules.json"
for r in "${RULES[@]}"; do
	grep -q -x -F -e "$r" "$tmp/rules.json" || fail "--format json: no [$r] finding"
done
# the finding of each named fixture is located in it
for loc in "$SYNTAX:syntax-error" "$MSA/a-aix1.lstun:manual-sa-mismatch" "$FHP/a-hpux.batch:flow-mismatch"; do
	jq -e --arg f "${loc%:*}" --arg r "${loc##*:}" 'any(.findings[]; .rule == $r and .location.file == $f)' \
		"$tmp/json" >/dev/null || fail "--format json: no ${loc##*:} located in ${loc%:*}"
done

for fmt in text sarif junit markdown html; do
	"$bin" check --color never --format "$fmt" "${inputs[@]}" >"$tmp/out.$fmt" 2>"$tmp/err"
	rc=$?
	runs=$((runs + 1))
	((rc == 1)) || fail "--format $fmt: exit $rc, expected 1; $(head -c 400 "$tmp/err")"
	[[ -s $tmp/err ]] && fail "--format $fmt: stderr: $(head -c 400 "$tmp/err")"
	ids "$fmt" "$tmp/out.$fmt" >"$tmp/rules.$fmt"
	if ! cmp -s "$tmp/rules.json" "$tmp/rules.$fmt"; then
		fail "--format $fmt: the rule IDs of its findings differ from the JSON report's: $(diff "$tmp/rules.json" "$tmp/rules.$fmt" | grep '^[<>]' | tr '\n' ' ' | head -c 400)"
	fi
	grep -q -F -e "$FHP/a-hpux.batch" "$tmp/out.$fmt" || fail "--format $fmt: $FHP/a-hpux.batch is not named"
done
grep -q -E '^summary: [0-9]+ files, ' "$tmp/out.text" || fail "--format text: no summary line"

# a named file of unknown format: exit 2 in every format, said as unknown-format
for fmt in text json sarif junit markdown html; do
	"$bin" check --color never --format "$fmt" "$SYNTAX" fixtures/unknown/unknown-format--notes.txt >"$tmp/out" 2>"$tmp/err"
	rc=$?
	runs=$((runs + 1))
	((rc == 2)) || fail "--format $fmt with a named unknown file: exit $rc, expected 2"
	grep -q -v '^ipseclint: ' "$tmp/err" && fail "--format $fmt with a named unknown file: stderr: $(head -c 400 "$tmp/err")"
	grep -q 'unknown-format' "$tmp/out" || fail "--format $fmt with a named unknown file: no unknown-format in the report"
	grep -q 'syntax-error' "$tmp/out" || fail "--format $fmt with a named unknown file: the other file's syntax-error is missing"
done

# ---- review --------------------------------------------------------------------

for d in fixtures/review/*/; do
	d=${d%/}
	want=$(tail -n 1 "$d/expected")
	want=${want#exit: }
	# the rules the review introduces, from its golden text report
	mapfile -t intro < <(sed -n '/^introduced (/,/^resolved (/p' "$d/expected" | grep -o -E '\[[a-z0-9-]+\]$' | tr -d '[]' | sort -u)
	for fmt in text json markdown html; do
		"$bin" review --format "$fmt" --before "$d/before" --after "$d/after" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		runs=$((runs + 1))
		[[ $rc == "$want" ]] || fail "review --format $fmt $d: exit $rc, expected $want (its golden's)"
		[[ -s $tmp/err ]] && fail "review --format $fmt $d: stderr: $(head -c 400 "$tmp/err")"
		[[ -s $tmp/out ]] || fail "review --format $fmt $d: empty report"
		for r in "${intro[@]}"; do
			grep -q -F -e "$r" "$tmp/out" || fail "review --format $fmt $d: the introduced $r is not named"
		done
		if [[ $fmt == json ]]; then
			jq -e --argjson n ${#intro[@]} '[.findings.introduced[].rule] | unique | length == $n' "$tmp/out" >/dev/null ||
				fail "review --format json $d: introduced rules differ from the golden's (${intro[*]})"
		fi
	done
done
echo "formats: $runs runs, $failed failed"
((failed == 0))
