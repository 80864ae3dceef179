#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/golden.sh - golden tests: each fixture's report, byte for byte.
#
#   tests/golden.sh [--update]
#
# A fixture is a file fixtures/**/<case>.{cfg,batch,xml,lsfilt,lstun,exp,txt}
# (compared when <case>.expected is next to it) or a directory
# fixtures/pairs/<case>/ (compared when it holds a file named expected), or a
# directory fixtures/review/<case>/ with before/ and after/. Each is run from
# the repository root as
#
#   $IPSECLINT check --color never fixtures/...
#
# (for a pair directory: its files in name order, but expected and README*;
# for a review directory: review --before .../before --after .../after)
#
# and stdout and stderr together, then a last line "exit: N", must equal the
# expected file. --update writes the expected files instead (for every
# fixture: review the diff like code).
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
		mapfile -t args < <(find "$1" -maxdepth 1 -type f ! -name expected ! -name 'README*' | LC_ALL=C sort)
	fi
	"${timeout_cmd[@]}" "$bin" check --color never "${args[@]}" >"$tmp/out" 2>&1
	rc=$?
	if [[ -s $tmp/out && $(tail -c 1 "$tmp/out" | od -An -tx1) != *0a* ]]; then
		echo >>"$tmp/out"
	fi
	echo "exit: $rc" >>"$tmp/out"
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
	\( -name '*.cfg' -o -name '*.batch' -o -name '*.xml' -o -name '*.lsfilt' \
	-o -name '*.lstun' -o -name '*.exp' -o -name '*.txt' \) -print 2>/dev/null | LC_ALL=C sort)

for f in "${files[@]}"; do
	base=${f##*/}
	check "$f" "${f%.*}.expected" "${base%.*}"
done

for d in fixtures/pairs/*/ fixtures/review/*/; do
	d=${d%/}
	check "$d" "$d/expected" "${d##*/}"
done

((updated)) && echo "golden: updated $updated expected file(s); review them with git diff"
((unchecked)) && echo "golden: $unchecked fixture(s) have no expected report (make golden-update)"
echo "golden: $passed passed, $failed failed"
((failed == 0))
