#!/bin/sh
# SPDX-License-Identifier: MIT
# tools/deps.sh - make sure the build and test dependencies are installed.
#
#   sh tools/deps.sh [build|bench|coverage]
#
# Silent when everything is there. Otherwise, as root with apt-get, installs
# exactly the missing Debian packages; as anybody else, prints them and
# exits 1. 'build': only what building and 'make run' need; 'bench': that
# and what 'make bench' measures with (GNU time for the peak RSS, xmllint);
# 'coverage': building and gcovr, for 'make coverage'; without any, what the
# tests need too (a browser, pre-commit, schema validators). Run by 'make
# run' (build), 'make bench' (bench), 'make coverage' (coverage), 'make
# check' and .ci/run.
set -eu

mode=${1:-all}

missing=""

want() {
	case " $missing " in
	*" $1 "*) ;;
	*) missing="${missing:+$missing }$1" ;;
	esac
}

have_cmd() {
	command -v "$1" >/dev/null 2>&1
}

# a -dev package: asked through pkg-config when there is one, else dpkg
have_lib() {
	pc=$1 pkg=$2
	if have_cmd pkg-config && pkg-config --exists "$pc" 2>/dev/null; then
		return 0
	fi
	if have_cmd dpkg && dpkg -s "$pkg" 2>/dev/null | grep -q '^Status:.* installed'; then
		return 0
	fi
	return 1
}

# "bison (GNU Bison) 3.8.2" -> 0 when at least 3.8
bison_ok() {
	v=$(bison --version 2>/dev/null | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
	[ -n "$v" ] || return 1
	major=${v%%.*}
	minor=${v#*.}
	[ "$major" -gt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -ge 8 ]; }
}

scan() {
	missing=""
	have_cmd cc || have_cmd gcc || want gcc
	have_cmd bison || want bison
	have_cmd flex || want flex
	have_cmd pkg-config || want pkg-config
	have_lib libxml-2.0 libxml2-dev || want libxml2-dev
	have_lib criterion libcriterion-dev || want libcriterion-dev
	have_lib inih libinih-dev || want libinih-dev
	have_lib jansson libjansson-dev || want libjansson-dev
	have_cmd jq || want jq
	have_cmd python3 || want python3
	[ "$mode" = build ] && return 0
	# make coverage: gcovr reads what the --coverage build wrote
	if [ "$mode" = coverage ]; then
		have_cmd gcovr || want gcovr
		return 0
	fi
	# the benchmark: GNU time measures the peak RSS of ipseclint alone
	[ -x /usr/bin/time ] || want time
	have_cmd xmllint || want libxml2-utils
	[ "$mode" = bench ] && return 0
	# the report tests: SARIF schema, JUnit schema (xmllint, above), HTML in a browser, pre-commit, the man page
	/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || want python3-jsonschema
	have_cmd chromium || want chromium
	have_cmd pre-commit || want pre-commit
	have_cmd git || want git
	have_cmd mandoc || want mandoc
	# the hardening tests: memcheck, and the no-network check of a remote DTD
	have_cmd valgrind || want valgrind
	have_cmd strace || want strace
	have_cmd clang-format || want clang-format
	have_cmd cppcheck || want cppcheck
	have_cmd clang-tidy || want clang-tidy
}

check_bison() {
	if have_cmd bison && ! bison_ok; then
		echo "deps: bison 3.8 or newer is needed; found: $(bison --version | sed -n 1p)" >&2
		exit 1
	fi
}

scan
if [ -z "$missing" ]; then
	check_bison
	exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! have_cmd apt-get; then
	echo "deps: missing: $missing" >&2
	echo "deps: install them as root: apt-get install -y --no-install-recommends $missing" >&2
	exit 1
fi

echo "deps: installing $missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086 # one word per package
apt-get install -y -q --no-install-recommends $missing

scan
if [ -n "$missing" ]; then
	echo "deps: still missing after apt-get install: $missing" >&2
	exit 1
fi
check_bison
