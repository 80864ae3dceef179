#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/secrets.sh - keys never appear: every report format, dump, the review
# and explain, over files whose keys sit on lines that go wrong in every way a
# line can (syntax errors, misspelt keywords and flags, bad values, broken
# XML, short AIX records), over the fixtures with known keys, and with a config
# file and suppressions that name those lines. Run by 'make test' in the plain
# and the sanitizer build.
set -u
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup secrets
root_dir=$PWD

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

d=$tmp/fleet
mkdir -p "$d"
# Huawei: keys after misspelt and overlong statements, and inside a view cut short
cat >"$d/hw.cfg" <<'EOF'
#
 sysname HW
#
ike peer P1
 pre-shared-key simple Sekr1t-Key-01 trailing words
 pre-shared-key simpel Sekr1t-Key-02
 pre-shared-key cipher Sekr1t-Key-03
 remote-address 198.51.100.9
#
ipsec policy M 10 manual
 sa string-key inbound esp Sekr1t-Key-04 extra
 sa string-key outbound esp cipher Sekr1t-Key-05
 sa authentication-hex inbound esp simple 0xZZSekr1tKey06
 sa encryption-hex outbound esp simple Sekr1t-Key-07
 sa spi inbound esp notanumber
#
ike peer P2
 pre-shared-key Sekr1t-Key-08
EOF
# HP-UX: misspelt flags before keys, an unclosed quote, a key that is a flag's value twice
cat >"$d/hp.batch" <<'EOF'
add auth a1 -remote 198.51.100.7 -preshared Sekr1t-Key-11 -bogusflag x
add auth a2 -remote 198.51.100.8 -presharedd Sekr1t-Key-12
add auth a3 -remote 198.51.100.9 -preshared "Sekr1t-Key-13
add host h1 -source 192.0.2.1 -destination 198.51.100.7 -action ESP_AES128_HMAC_SHA1 \
    -in ESP/300/Sekr1t-Key-14/Sekr1t-Key-15 -out ESP/301/0xSekr1tKey16
add auth a4 -remote 198.51.100.10 -preshared
EOF
# AIX XML: a key in a bad format, in a tag left open
cat >"$d/aix.xml" <<'EOF'
<?xml version="1.0"?>
<AIX_VPN Version="2.0">
  <IKEPresharedKey Value="Sekr1t-Key-21" Format="Sideways">
    <IKEPresharedKeyRemoteID><IPV4_Address Value="198.51.100.2"/></IKEPresharedKeyRemoteID>
  </IKEPresharedKey>
  <IKEPresharedKey Value="0xSekr1tKey22" Format="Hex">
  <IKEPresharedKey Value="Sekr1t-Key-23" Format="ASCII"
EOF
# AIX lstun: keys in a record of the wrong size, a wrapped record, keys that are not hex
cat >"$d/aix.lstun" <<'EOF'
3|192.0.2.1|198.51.100.2|encr only|encr only|||Tunnel|480|0|0|||||1000|1001|AES_CBC_256|AES_CBC_256|Sekr1t-Key-31|0x5ec7e75ec7e7|||Sekr1t-Key-32||Y|Y|extra
4|192.0.2.1|198.51.100.3|encr only|encr only|||Tunnel|480|0|0|||||1100|1101|AES_CBC_256|AES_CBC_256|Sekr1t-Key-33|Sekr1t-Key-34|||
|||Y|Y
5|192.0.2.1|198.51.100.4|encr only|encr only|||Tunnel|480|0|0|||||1200|1201|AES_CBC_256|AES_CBC_256|0x5ec7e7|Sekr1t-Key-35|||0xab|0xcd|Y|Y
EOF
# the config file names those lines' objects and suppresses their findings
cat >"$d/.ipseclint" <<'EOF'
[suppress]
hw.cfg: ike peer P1 = psk-weak
hp.batch: * = duplicate-definition
[device "HW"]
addresses = 192.0.2.77
EOF
printf '# ipseclint disable=psk-plaintext\nadd auth a9 -remote 198.51.100.20 -preshared Sekr1t-Key-41\n' >"$d/supp.batch"

keys=(Sekr1t-Key-01 Sekr1t-Key-02 Sekr1t-Key-03 Sekr1t-Key-04 Sekr1t-Key-05 Sekr1tKey06 Sekr1t-Key-07
	Sekr1t-Key-08 Sekr1t-Key-11 Sekr1t-Key-12 Sekr1t-Key-13 Sekr1t-Key-14 Sekr1t-Key-15 Sekr1tKey16
	Sekr1t-Key-21 Sekr1tKey22 Sekr1t-Key-23 Sekr1t-Key-31 5ec7e75ec7e7 Sekr1t-Key-32 Sekr1t-Key-33
	Sekr1t-Key-34 Sekr1t-Key-35 Sekr1t-Key-41
	# the fixtures' own
	Br4nch-Tunnel.2019 Xq7bZ2mK9pLw4 3f1e2d3c4b5a69788796a5b4c3d2e1f0 5a7e9c2b41f08d63a1b2c3d4 In.Manual-Key-7731)
fixtures=("$root_dir/fixtures/huawei/rules/psk-plaintext--fires-simple.cfg" "$root_dir/fixtures/hpux/examples/4.1-hostA.batch"
	"$root_dir/fixtures/aix/text/psk-plaintext--fires.lstun" "$root_dir/fixtures/pairs/psk-format-mismatch--fires-aix-hpux/a-aix.xml"
	"$root_dir/fixtures/huawei/rules/psk-plaintext--fires-manual-string-key.cfg")

out=$tmp/all
: >"$out"
runs=0
# r WANT CMD...: one run, from $d; its stdout and stderr go to $out; its exit
# status must be WANT and its output must not be empty (a run that did not
# happen, or said nothing, proves nothing about keys)
r() {
	local want=$1 rc
	shift
	(cd "$d" && "$@") >"$tmp/run" 2>&1
	rc=$?
	runs=$((runs + 1))
	cat "$tmp/run" >>"$out"
	if [[ $rc != "$want" ]]; then
		echo "secrets: FAIL: exit $rc, expected $want: ${*/#$bin/ipseclint}"
		failed=$((failed + 1))
	elif [[ ! -s $tmp/run ]]; then
		echo "secrets: FAIL: no output: ${*/#$bin/ipseclint}"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}
for fmt in text json sarif junit markdown html; do
	r 1 "$bin" check --color always --format "$fmt" . "${fixtures[@]}"
	# read as the wrong vendor: no line is a Huawei statement it knows, no finding
	r 0 "$bin" check --format "$fmt" --vendor huawei hp.batch aix.xml aix.lstun
	r 1 "$bin" check --format "$fmt" --vendor aix hw.cfg hp.batch
done
for f in hw.cfg hp.batch aix.xml aix.lstun supp.batch "${fixtures[@]}"; do
	r 0 "$bin" dump "$f"
	r 0 "$bin" dump --vendor huawei "$f"
done
for fmt in text json markdown html; do
	r 0 "$bin" review --format "$fmt" --before . --after .
done
for rule in $("$bin" rules | awk 'NR > 1 { print $1 }'); do
	r 0 "$bin" explain "$rule"
done
r 2 "$bin" check --config /nonexistent .
printf '[rules]\ndisable = Sekr1t-Key-51\n[suppress]\nSekr1t-Key-52\n' >"$d/bad.ini"
r 2 "$bin" check --config bad.ini .

# the bad config file's own values are its, not keys; they may be quoted: take them out of the list
found=()
for k in "${keys[@]}"; do
	grep -q -i -F -e "$k" "$out" && found+=("$k")
done
if ((${#found[@]})); then
	echo "secrets: FAIL: keys in the output: ${found[*]}"
	for k in "${found[@]}"; do
		grep -m 1 -i -F -e "$k" "$out" | cut -c1-200
	done
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
# the test sees what it looks for: the files do hold every key
missing=()
for k in "${keys[@]}"; do
	cat "$d"/* "${fixtures[@]}" | grep -q -i -F -e "$k" || missing+=("$k")
done
if ((${#missing[@]})); then
	echo "secrets: FAIL: keys the test looks for are not in its files: ${missing[*]}"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
lines=$(wc -l <"$out")
nrules=$("$bin" rules | awk 'NR > 1' | wc -l)
if ((runs < 40 + nrules || nrules < 40)); then
	echo "secrets: FAIL: only $runs runs ($nrules rules): the runs did not happen"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
echo "secrets: $passed passed, $failed failed ($runs runs, $lines lines of output, ${#keys[@]} keys)"
((failed == 0))
