#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/valgrind.sh - the fixture corpus under valgrind's memcheck: every
# fixture in one check per report format (in one thread and in two), the
# reviews, and a dump of a file of each kind. Any invalid read or write, use of
# uninitialised memory or definite leak fails (exit 99 from valgrind). Run by
# 'make check' on the plain build (valgrind and ASan do not mix).
set -u
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup valgrind
if ! command -v valgrind >/dev/null; then
	echo "valgrind: needs valgrind (sh tools/deps.sh installs it)"
	exit 1
fi
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite)
failed=0 runs=0
one() { # one ARGS...: ipseclint ARGS under memcheck
	local rc
	"${vg[@]}" "$bin" "$@" >/dev/null 2>"$tmpf"
	rc=$?
	runs=$((runs + 1))
	if ((rc == 99 || rc > 2)); then
		echo "valgrind: FAIL: ipseclint $*: exit $rc"
		head -n 40 "$tmpf"
		failed=$((failed + 1))
	fi
}
tmpf=$(mktemp) || exit 1
trap 'rm -f "$tmpf"' EXIT
for fmt in text json sarif junit markdown html; do
	one check --color never --format $fmt -j 1 fixtures/
done
one check --color never -j 2 fixtures/ examples/
for d in fixtures/review/*/; do
	one review --format html --before "$d/before" --after "$d/after"
done
for f in examples/hq.cfg fixtures/hpux/examples/4.1-hostA.batch fixtures/aix/text/psk-plaintext--fires.lstun \
	fixtures/pairs/aix-clean-aix-to-aix/a-aix1.xml; do
	one dump "$f"
done
one explain pfs-mismatch
echo "valgrind: $runs runs, $failed failed"
((failed == 0))
