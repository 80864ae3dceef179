#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tools/bench.sh - the scale benchmark (make bench).
#
#   make bench
#   IPSECLINT=build/ipseclint BENCH_SIZES="100 1000 2000 5000 10000" \
#       BENCH_HUBS="policy profile" sh tools/bench.sh
#
# For each hub kind and size N, tools/gen-fleet.py writes a Huawei hub with N
# spokes into a temporary directory, 1% of the spokes carrying a fault, and
# ipseclint checks the whole fleet, pairing the hub with every spoke. Hub
# kinds (gen-fleet.py --hub): 'policy', one isakmp policy, ACL and IKE peer
# per spoke in one policy group; 'profile', route-based, one IKE peer, ipsec
# profile and GRE tunnel interface (with its own address) per spoke;
# 'template' is the third, one responder template. The run timed is:
#
#   /usr/bin/time -f '%e %M' $IPSECLINT check --format json -o /dev/null DIR
#
# BENCH_RUNS times (default 3; the machine may be shared, so the best wall
# time of the runs is the one reported, with the largest peak RSS seen; the
# load average before and after is printed to judge a missed target by).
# A second, untimed run with the JSON report on stdout gives the findings
# (.summary errors + warnings + infos) and makes sure the generated fleet
# parses without syntax-error / unknown-statement findings. The table: hub,
# spokes, files, MB of input, wall seconds, peak RSS MiB, findings,
# microseconds per file. Without /usr/bin/time the wall time comes from bash's 'time' and the
# RSS is unknown.
#
# Targets, for each hub kind, on a 2-core machine:
#   T1  10,000 spokes (10,001 files) checked in under 30 s wall;
#   T2  ... with a peak RSS under 2 GiB;
#   T3  near-linear growth: 10,000 spokes take at most 2.5x the time of 5,000.
# Each target is printed as met, MISSED or not measured (when BENCH_SIZES
# leaves its size out). Exit status: 0 all measured targets met, 1 one is
# missed (or a generated fleet has syntax findings), 2 a run failed. Timing
# lives here, never in the tests.
set -u

bin=${IPSECLINT:-build/ipseclint}
sizes=${BENCH_SIZES:-"100 1000 2000 5000 10000"}
hubs=${BENCH_HUBS:-"policy profile"}
runs=${BENCH_RUNS:-3}
case $runs in
'' | *[!0-9]* | 0) runs=1 ;;
esac
here=$(dirname "$0")

max_wall=30     # T1, seconds for 10,000 spokes
max_rss=2048    # T2, MiB for 10,000 spokes
max_growth=2.5  # T3, wall(10,000) / wall(5,000)

if [ ! -x "$bin" ]; then
	echo "bench: no ipseclint binary at '$bin'" >&2
	exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ipseclint-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# BENCH_TIMER=gnu|bash|clock forces a timer (to try the fallbacks)
timer=${BENCH_TIMER:-}
if [ -z "$timer" ]; then
	if [ -x /usr/bin/time ]; then
		timer=gnu
	elif command -v bash >/dev/null 2>&1; then
		timer=bash
	else
		timer=clock
	fi
fi

# findings FILE: "total syntax" from a JSON report (jq, else python3)
summarise() {
	if command -v jq >/dev/null 2>&1; then
		jq -r '"\(.summary.errors + .summary.warnings + .summary.infos) " +
			"\([.findings[] | select(.rule == "syntax-error" or
				.rule == "unknown-statement")] | length)"' "$1"
	else
		python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
bad = [f for f in r["findings"] if f["rule"] in ("syntax-error", "unknown-statement")]
print(s["errors"] + s["warnings"] + s["infos"], len(bad))' "$1"
	fi
}

# run DIR: time one check of DIR; sets wall and rss (MiB, or "?")
run() {
	rc=0
	case $timer in
	gnu)
		/usr/bin/time -f '%e %M' -o "$tmp/time" \
			"$bin" check --format json -o /dev/null "$1" 2>"$tmp/err" || rc=$?
		# a non-zero exit adds a "Command exited with" line before ours
		tail -n 1 "$tmp/time" >"$tmp/time.last"
		read -r wall rss_kb <"$tmp/time.last"
		rss=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
		;;
	bash)
		wall=$(TIMEFORMAT=%R bash -c 'time "$0" check --format json -o /dev/null "$1" \
			2>"$2"; echo "rc $?" >"$3"' "$bin" "$1" "$tmp/err" "$tmp/rc" 2>&1 >/dev/null)
		rc=$(cut -d' ' -f2 "$tmp/rc")
		rss='?'
		;;
	*)
		t0=$(date +%s.%N)
		"$bin" check --format json -o /dev/null "$1" 2>"$tmp/err" || rc=$?
		wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
		rss='?'
		;;
	esac
}

# ratio A B: B / A with two decimals
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "inf" }'
}

# gt A B: is A > B (numbers)?
gt() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'
}

# targets HUB: print T1-T3 for one hub kind from wall_5k, wall_10k, rss_10k
targets() {
	if [ -z "$wall_10k" ]; then
		verdict="not measured"
	elif gt "$wall_10k" "$max_wall"; then
		verdict="MISSED ($wall_10k s)"
		status=1
	else
		verdict="met ($wall_10k s)"
	fi
	printf '  T1 %-7s 10000 spokes in under %s s wall: %s\n' "$1" "$max_wall" "$verdict"

	if [ -z "$wall_10k" ]; then
		verdict="not measured"
	elif [ "$rss_10k" = '?' ]; then
		verdict="unknown (no /usr/bin/time: RSS not measured)"
	elif [ "$rss_10k" -ge "$max_rss" ]; then
		verdict="MISSED ($rss_10k MiB)"
		status=1
	else
		verdict="met ($rss_10k MiB)"
	fi
	printf '  T2 %-7s 10000 spokes under %s MiB peak RSS: %s\n' "$1" "$max_rss" "$verdict"

	if [ -z "$wall_5k" ] || [ -z "$wall_10k" ]; then
		verdict="not measured"
	else
		growth=$(ratio "$wall_5k" "$wall_10k")
		if gt "$growth" "$max_growth"; then
			verdict="MISSED (${growth}x: $wall_5k s -> $wall_10k s)"
			status=1
		else
			verdict="met (${growth}x: $wall_5k s -> $wall_10k s)"
		fi
	fi
	printf '  T3 %-7s 5000 -> 10000 spokes grows at most %sx: %s\n' "$1" "$max_growth" "$verdict"
}

# loadavg: the 1-minute load average, or "?"
loadavg() {
	if [ -r /proc/loadavg ]; then
		cut -d' ' -f1 /proc/loadavg
	else
		echo '?'
	fi
}

status=0
: >"$tmp/targets"
load_start=$(loadavg)
printf '%-8s %7s %7s %7s %8s %8s %9s %8s\n' hub spokes files "MB in" "wall s" "RSS MiB" findings "us/file"
for hub in $hubs; do
	wall_5k=
	wall_10k=
	rss_10k=
	for n in $sizes; do
		d=$tmp/fleet-$hub-$n
		if ! python3 "$here/gen-fleet.py" --hub "$hub" --spokes "$n" --faults $(((n + 99) / 100)) "$d"; then
			echo "bench: gen-fleet.py failed for a $hub hub and $n spokes" >&2
			exit 2
		fi
		files=$((n + 1))
		mb=$(cat "$d"/*.cfg | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')

		best_wall=
		best_rss=0
		i=0
		while [ "$i" -lt "$runs" ]; do
			run "$d"
			if [ "$rc" -gt 1 ]; then
				echo "bench: ipseclint failed on a $hub hub and $n spokes (exit $rc):" >&2
				head -n 5 "$tmp/err" >&2
				exit 2
			fi
			if [ -z "$best_wall" ] || gt "$best_wall" "$wall"; then
				best_wall=$wall
			fi
			if [ "$rss" = '?' ] || [ "$best_rss" = '?' ]; then
				best_rss='?'
			elif [ "$rss" -gt "$best_rss" ]; then
				best_rss=$rss
			fi
			i=$((i + 1))
		done
		wall=$best_wall
		rss=$best_rss

		"$bin" check --format json "$d" >"$tmp/report.json" 2>/dev/null
		summarise "$tmp/report.json" >"$tmp/sum" || echo "? 0" >"$tmp/sum"
		read -r findings nbad <"$tmp/sum"
		if [ "$nbad" != 0 ]; then
			echo "bench: the generated $hub fleet of $n spokes has $nbad syntax-error/unknown-statement findings" >&2
			status=1
		fi
		per=$(awk -v w="$wall" -v f="$files" 'BEGIN { printf "%.0f", w * 1e6 / f }')
		printf '%-8s %7s %7s %7s %8s %8s %9s %8s\n' "$hub" "$n" "$files" "$mb" "$wall" "$rss" \
			"$findings" "$per"

		[ "$n" -eq 5000 ] && wall_5k=$wall
		[ "$n" -eq 10000 ] && wall_10k=$wall && rss_10k=$rss
		rm -rf "$d" "$tmp/report.json"
	done
	targets "$hub" >>"$tmp/targets"
done

echo
echo "targets (2-core machine; load average $load_start before, $(loadavg) after):"
cat "$tmp/targets"
[ "$timer" = gnu ] || echo "bench: timed without /usr/bin/time (not installed): RSS unknown"
exit $status
