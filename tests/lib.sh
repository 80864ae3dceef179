# SPDX-License-Identifier: MIT
# tests/lib.sh - sourced by the test scripts: the binary under test and the
# repository root.
#
#   . "${0%/*}/lib.sh"; test_setup NAME
#
# sets bin (IPSECLINT, default build/ipseclint, made absolute), changes to the
# repository root, and exits 1 with "NAME: ..." when there is no binary.
# Then test_needs TOOL... exits 1 the same way when a tool is missing, and
# test_tmpdir makes a scratch directory $tmp, removed on exit.

test_setup() {
	local name=$1 here

	test_name=$name
	bin=${IPSECLINT:-build/ipseclint}
	case $bin in
	/*) ;;
	*) [[ -e $bin ]] && bin=$PWD/$bin ;;
	esac
	here=${BASH_SOURCE[1]%/*}
	[[ $here == "${BASH_SOURCE[1]}" ]] && here=.
	cd "$here/.." || exit 1
	if [[ ! -x $bin ]]; then
		echo "$name: no ipseclint binary at '$bin' (build it, or set IPSECLINT)"
		exit 1
	fi
}

test_needs() {
	local tool

	for tool; do
		if ! command -v "$tool" >/dev/null; then
			echo "$test_name: needs $tool"
			exit 1
		fi
	done
}

test_tmpdir() {
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT
}
