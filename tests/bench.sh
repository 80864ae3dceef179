#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/bench.sh - the benchmark harness itself (make bench), on inputs a
# hundredth of the size, once each: it must generate every input, find each
# of them clean (no syntax-error), read the figures 'check --timings' prints
# and write the table and the targets. No timing is asserted: a figure only
# has to be there.
set -u
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup bench
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() {
	echo "bench: FAIL: $*"
	failed=$((failed + 1))
}

if [[ ! -x /usr/bin/time ]]; then
	echo "bench: GNU time is missing (sh tools/deps.sh installs it)"
	exit 1
fi
python3 tools/bench.py --bin "$bin" --small --runs 1 --sizes 1000,10000,100000 --out "$tmp/R.md" >"$tmp/out" 2>"$tmp/err"
rc=$?
if ((rc == 0 || rc == 1)); then pass; else fail "exit $rc: $(tail -n 5 "$tmp/err")"; fi
cmp -s "$tmp/out" "$tmp/R.md" && pass || fail "standard output and --out differ"
grep -q '^- CPU: .*online CPUs' "$tmp/R.md" && pass || fail "no machine description"
grep -q -- '--small: the inputs, fleets too, are a hundredth' "$tmp/R.md" && pass || fail "a small run does not say so"

# a row per input: files, MB, -j1 wall, CPU, MB/s, parse MB/s, RSS, limit, -j2 wall, then the
# parse ratio ('-' when the phase took under a millisecond), wc -w and the ratio to it
num='[0-9]+(\.[0-9]+)?'
for input in huawei-50mb acl-10k acl-20k aix-10k fleet-1k fleet-10k fleet-100k; do
	row=$(grep -E "^\| $input \|" "$tmp/R.md")
	if [[ -z $row ]]; then
		fail "no row for $input"
		continue
	fi
	if [[ $row =~ ^\|\ $input(\ \|\ $num){9}\ \|\ ($num|-)(\ \|\ $num){2}\ \| ]]; then
		pass
	else
		fail "$input: a figure is missing: $row"
	fi
done
# the AIX database is timed next to xmllint, and the fleets find their faulty spokes
grep -E '^\| aix-10k \|' "$tmp/R.md" | grep -qE "\| $num \([0-9]+\) \|" && pass || fail "aix-10k: no xmllint figure"
grep -E '^\| fleet-10k \|' "$tmp/R.md" | grep -qE '\| [1-9][0-9]* \|$' && pass || fail "fleet-10k: no findings"
# every target has a verdict
for t in "Huawei text parse" "whole check of the 10,000-device fleet" "peak RSS" \
	"10k -> 100k devices" "-j 2 parsing" "not quadratic"; do
	grep -E "^\| [^|]*$t[^|]* \| (met|MISSED \(\[why\]\(PROFILE.md#[a-z-]+\)\)) \| " "$tmp/R.md" >/dev/null &&
		pass || fail "no verdict for '$t'"
done
# each anchor a verdict links to is in bench/PROFILE.md
for a in $(grep -oE 'PROFILE.md#[a-z-]+' "$tmp/R.md" | sort -u | cut -d'#' -f2); do
	grep -q "<a id=\"$a\"></a>" bench/PROFILE.md && pass || fail "bench/PROFILE.md has no anchor '$a'"
done

echo "bench: $passed passed, $failed failed"
((failed == 0))
