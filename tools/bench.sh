#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tools/bench.sh - the scale benchmark (make bench).
#
#   IPSECLINT=build/ipseclint BENCH_SIZES="1000 2000 5000 10000" sh tools/bench.sh
#
# For each size, tools/gen-fleet.py writes a hub with N spokes (one policy,
# ACL and IKE peer per spoke on the hub; 1% of the spokes carry a fault) and
# ipseclint checks the whole fleet once, pairing the hub with every spoke.
# The table gives wall time, peak resident memory and the time per file.
#
# Targets (the numbers of the closing note of issue 3), on a 2-core machine:
#   - 10,000 spokes (10,001 files) in under 30 s wall and under 2 GiB RSS;
#   - near-linear growth: 10,000 spokes take at most 2.5x the time of 5,000.
# The exit status is 1 when a target is missed. Timing lives here, never in
# the tests.
set -u

bin=${IPSECLINT:-build/ipseclint}
sizes=${BENCH_SIZES:-"1000 2000 5000 10000"}
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x "$bin" ]; then
	echo "bench: no ipseclint binary at '$bin'" >&2
	exit 1
fi
timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time

printf '%8s %8s %8s %9s %9s %9s %10s\n' spokes files "MB in" "wall s" "RSS MiB" findings "us/file"
status=0
prev_n=
prev_t=
for n in $sizes; do
	d=$tmp/fleet-$n
	python3 "$here/gen-fleet.py" --spokes "$n" --faults $((n / 100)) "$d" || exit 1
	files=$((n + 1))
	mb=$(du -sm "$d" | cut -f1)
	if [ -n "$timer" ]; then
		$timer -f '%e %M' -o "$tmp/time" "$bin" check --format json -o "$tmp/out.json" "$d"
		tail -n 1 "$tmp/time" >"$tmp/time1"
		read -r wall rss_kb <"$tmp/time1"
	else
		start=$(date +%s.%N)
		"$bin" check --format json -o "$tmp/out.json" "$d"
		wall=$(echo "$(date +%s.%N) - $start" | bc)
		rss_kb=0
	fi
	findings=$(jq '.findings | length' "$tmp/out.json" 2>/dev/null || echo '?')
	rss=$((rss_kb / 1024))
	per=$(awk -v w="$wall" -v f="$files" 'BEGIN { printf "%.0f", w * 1e6 / f }')
	printf '%8s %8s %8s %9s %9s %9s %10s\n' "$n" "$files" "$mb" "$wall" "$rss" "$findings" "$per"
	if [ "$n" -ge 10000 ]; then
		if awk -v w="$wall" 'BEGIN { exit !(w > 30) }'; then
			echo "bench: target missed: $n spokes took $wall s (target 30 s)"
			status=1
		fi
		if [ "$rss" -gt 2048 ]; then
			echo "bench: target missed: $n spokes used $rss MiB (target 2048 MiB)"
			status=1
		fi
	fi
	if [ -n "$prev_n" ] && [ "$n" -eq $((prev_n * 2)) ]; then
		if awk -v a="$prev_t" -v b="$wall" 'BEGIN { exit !(a > 0.5 && b > 2.5 * a) }'; then
			echo "bench: target missed: doubling $prev_n to $n spokes took $prev_t s -> $wall s (over 2.5x)"
			status=1
		fi
	fi
	prev_n=$n
	prev_t=$wall
	rm -rf "$d"
done
[ -z "$timer" ] && echo "bench: /usr/bin/time is not installed: RSS unknown"
exit $status
