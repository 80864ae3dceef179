#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/golden.sh - golden tests: each fixture's report, byte for byte.
#
#   tests/golden.sh [--update]
#
# A fixture is a file fixtures/**/<case>.{cfg,vrp,conf,batch,xml,lsfilt,lstun,exp,txt}
# (compared when <case>.expected is next to it) or a directory
# fixtures/pairs/<case>/ (compared when it holds a file named expected), or a
# directory fixtures/review/<case>/ with before/ and after/. Each is run from
# the repository root as
#
#   $IPSECLINT check --color never fixtures/...
#
# (for a pair directory: its files in name order, but expected* and README*;
# for a review directory: review --before .../before --after .../after)
#
# and stdout and stderr together, then a last line "exit: N", must equal the
# expected file. --update writes the expected files instead (for every
# fixture: review the diff like code).
#
# A pair directory with an expected report also has expected.json,
# expected.sarif and expected.md: the same files checked with --format json,
# sarif and markdown (-j 1, the three run side by side), compared byte for
# byte, with stderr empty and the exit status of the text report. Two things
# are normalised, nothing else (the reports carry no run time, and the tool
# version is report.h's IPSECLINT_VERSION, which changes only on a release):
#   - markdown's "Made by ipseclint V at TIME": SOURCE_DATE_EPOCH is set for
#     these runs (2025-12-01T00:00:00), as a user gets reproducible reports;
#   - SARIF, through jq: originalUriBaseIds' %SRCROOT% is the absolute working
#     directory (written as file:///SRCROOT/), and tool.driver.rules is the
#     whole rule catalogue with each rule's page (about 220 kB, the same for
#     every input, helpUri under the install prefix): kept as the list of its
#     rule IDs, which is what each result's ruleIndex points into.
#
# The file names carry a meaning that is checked in both modes: a fixture
# named <rule-id>--fires* must report [rule-id], one named
# <rule-id>--near-miss* must not.
#
# IPSECLINT names the binary (default build/ipseclint, relative to the
# current directory or to the repository root).
set -u
shopt -s nullglob

update=0
# GOLDEN_FAIL_FAST=1: stop at the first fixture that fails (make mutate)
fail_fast=${GOLDEN_FAIL_FAST:-0}
case ${1:-} in
--update) update=1 ;;
"") ;;
*)
	echo "usage: tests/golden.sh [--update]" >&2
	exit 2
	;;
esac

# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup golden

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

timeout_cmd=()
command -v timeout >/dev/null && timeout_cmd=(timeout 60)

passed=0
failed=0
updated=0
unchecked=0

# run PATH: the report and the exit status, as the expected file holds them.
# A pair directory is checked as the list of its files, without the expected
# report and the README (a report quotes configuration lines, so it would
# read as a configuration itself). A review directory (before/ and after/)
# is the review of the two.
run() {
	local rc args=("$1")

	if [[ -d $1/before && -d $1/after ]]; then
		"${timeout_cmd[@]}" "$bin" review --color never --before "$1/before" --after "$1/after" >"$tmp/out" 2>&1
		rc=$?
		echo "exit: $rc" >>"$tmp/out"
		return
	fi
	if [[ -d $1 ]]; then
		mapfile -t args < <(find "$1" -maxdepth 1 -type f ! -name 'expected*' ! -name 'README*' | LC_ALL=C sort)
	fi
	"${timeout_cmd[@]}" "$bin" check --color never "${args[@]}" >"$tmp/out" 2>&1
	rc=$?
	if [[ -s $tmp/out && $(tail -c 1 "$tmp/out" | od -An -tx1) != *0a* ]]; then
		echo >>"$tmp/out"
	fi
	echo "exit: $rc" >>"$tmp/out"
}

# run_formats PATH: a pair directory's JSON, SARIF and markdown reports in
# $tmp/out.{json,sarif,md}, their stderr in $tmp/err.FMT and their exit
# status in $tmp/rc.FMT (the three run at once: one pass over the fixture)
run_formats() {
	local args fmt ext

	mapfile -t args < <(find "$1" -maxdepth 1 -type f ! -name 'expected*' ! -name 'README*' | LC_ALL=C sort)
	for fmt in json sarif markdown; do
		ext=$fmt
		[[ $fmt == markdown ]] && ext=md
		(
			SOURCE_DATE_EPOCH=1764547200 "${timeout_cmd[@]}" "$bin" check --color never -j 1 --format "$fmt" \
				"${args[@]}" >"$tmp/out.$ext" 2>"$tmp/err.$ext"
			echo $? >"$tmp/rc.$ext"
		) &
	done
	wait
	# shellcheck disable=SC2016 # jq's $root, not the shell's
	# any absolute directory (the real path, percent-encoded: a symlink or a '@' in the
	# checkout's path must not matter), but only a directory URI
	if jq '.runs[] |= ((.originalUriBaseIds."%SRCROOT%".uri
		|= if startswith("file:///") and endswith("/") then "file:///SRCROOT/" else . end)
		| .tool.driver.rules |= map(.id))' "$tmp/out.sarif" >"$tmp/norm.sarif" 2>"$tmp/err.jq"; then
		mv "$tmp/norm.sarif" "$tmp/out.sarif"
	else
		echo "jq: $(head -c 200 "$tmp/err.jq")" >>"$tmp/err.sarif"
	fi
}

# check_formats PATH NAME: the other formats of a pair directory whose text
# report was just run; prints a problem per line, if any
check_formats() {
	local path=$1 ext want

	want=$(tail -n 1 "$tmp/out")
	want=${want#exit: }
	run_formats "$path"
	for ext in json sarif md; do
		if [[ -s $tmp/err.$ext ]]; then
			echo "expected.$ext: stderr is not empty: $(head -c 300 "$tmp/err.$ext")"
		fi
		if [[ $(<"$tmp/rc.$ext") != "$want" ]]; then
			echo "expected.$ext: exit $(<"$tmp/rc.$ext"), the text report's is $want"
		fi
		if ((update)); then
			if ! cmp -s "$tmp/out.$ext" "$path/expected.$ext"; then
				cp "$tmp/out.$ext" "$path/expected.$ext"
				echo "updated" >>"$tmp/updated"
			fi
		elif [[ ! -f $path/expected.$ext ]]; then
			echo "expected.$ext is missing (make golden-update)"
		elif ! cmp -s "$path/expected.$ext" "$tmp/out.$ext"; then
			echo "the report differs from $path/expected.$ext"
			diff -u --label "$path/expected.$ext" --label "$path --format $ext (actual)" \
				"$path/expected.$ext" "$tmp/out.$ext" | head -n 60
		fi
	done
}

# meaning NAME: what the fixture's name promises; prints a problem, if any
meaning() {
	local name=$1 rule

	case $name in
	*--fires*)
		rule=${name%%--fires*}
		grep -q -F -e "[$rule]" "$tmp/out" || echo "named '--fires' but reports no [$rule]"
		;;
	*--near-miss*)
		rule=${name%%--near-miss*}
		! grep -q -F -e "[$rule]" "$tmp/out" || echo "named '--near-miss' but reports [$rule]"
		;;
	esac
}

# check PATH EXPECTED NAME: one fixture
check() {
	local path=$1 expected=$2 name=$3 problem ok=1 compared=0

	run "$path"
	problem=$(meaning "$name")
	if [[ -n $problem ]]; then
		echo "golden: FAIL $path: $problem"
		ok=0
	fi
	if [[ $path == fixtures/pairs/* && (-f $expected || $update == 1) ]]; then
		problem=$(check_formats "$path")
		if [[ -n $problem ]]; then
			printf 'golden: FAIL %s: %s\n' "$path" "$problem"
			ok=0
		fi
	fi
	if ((update)); then
		if ! cmp -s "$tmp/out" "$expected"; then
			cp "$tmp/out" "$expected"
			updated=$((updated + 1))
		fi
		compared=1
	elif [[ -f $expected ]]; then
		compared=1
		if ! cmp -s "$expected" "$tmp/out"; then
			echo "golden: FAIL $path: the report differs from $expected"
			diff -u --label "$expected" --label "$path (actual)" "$expected" "$tmp/out"
			ok=0
		fi
	fi
	if ((!compared && !ok)); then
		failed=$((failed + 1))
	elif ((!compared)); then
		# nothing to compare; a name with a meaning that held still counts
		case $name in
		*--fires* | *--near-miss*) passed=$((passed + 1)) ;;
		*) unchecked=$((unchecked + 1)) ;;
		esac
	elif ((ok)); then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

mapfile -t files < <(find fixtures \( -path fixtures/pairs -o -path fixtures/review \) -prune -o -type f \
	\( -name '*.cfg' -o -name '*.vrp' -o -name '*.conf' -o -name '*.batch' -o -name '*.xml' \
	-o -name '*.lsfilt' -o -name '*.lstun' -o -name '*.exp' -o -name '*.txt' \) -print 2>/dev/null | LC_ALL=C sort)

for f in "${files[@]}"; do
	base=${f##*/}
	check "$f" "${f%.*}.expected" "${base%.*}"
	((failed && fail_fast)) && break
done

for d in fixtures/pairs/*/ fixtures/review/*/; do
	d=${d%/}
	((failed && fail_fast)) && break
	check "$d" "$d/expected" "${d##*/}"
done

[[ -f $tmp/updated ]] && updated=$((updated + $(wc -l <"$tmp/updated")))
((updated)) && echo "golden: updated $updated expected file(s); review them with git diff"
((unchecked)) && echo "golden: $unchecked fixture(s) have no expected report (make golden-update)"
echo "golden: $passed passed, $failed failed"
((failed == 0))
