#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/hostile.sh - bad and hostile input, as CI meets it unattended: each
# case asserts the diagnostic a user reads and the exit status, and that
# ipseclint neither crashes (no exit above 2) nor hangs (each run under a
# timeout). Run by 'make test' in the plain and the sanitizer build; the
# memory bounds are asserted in the plain build only (ASan's own shadow
# memory would be counted).
#
#   empty, binary and NUL-laden files; a 10 MB line; a million lines; 50,000
#   syntax errors (100 shown, then a count); CRLF,
#   a UTF-8 BOM and invalid UTF-8 read like clean text; truncated views and
#   operations; a backslash or an open quote at the end of the file; XML
#   10,000 levels deep, "billion laughs", an external entity naming a local
#   file (never read), a DOCTYPE naming a remote DTD (no network call); a
#   directory walk with a symbolic link loop, an unreadable file and a FIFO;
#   the Nth allocation failing, for every N, ends with a clean error.
set -u
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup hostile

tmp=$(mktemp -d) || exit 1
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

asan=no
ldd "$bin" 2>/dev/null | grep -q asan && asan=yes
export ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0 # exit(2) mid-run leaves memory behind
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "hostile: FAIL: $*"
}

# run ARGS...: output in $tmp/out (stdout and stderr), status in $rc, peak RSS (KiB) in $rss
run() {
	if [[ -x /usr/bin/time ]]; then
		timeout 120 /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" "$@" >"$tmp/out" 2>&1
		rc=$?
		rss=$(tail -n 1 "$tmp/rss" 2>/dev/null)
		[[ $rss =~ ^[0-9]+$ ]] || rss=0
	else
		timeout 120 "$bin" "$@" >"$tmp/out" 2>&1
		rc=$?
		rss=0
	fi
	if ((rc > 2)); then
		fail "$*: exit $rc (a crash or a hang): $(head -c 300 "$tmp/out")"
		rc=-1
	fi
}
expect() { # expect WHAT RC PATTERN
	local what=$1 want=$2 pattern=$3

	((rc == -1)) && return
	if ((rc != want)); then
		fail "$what: exit $rc, expected $want: $(head -c 300 "$tmp/out")"
	elif [[ -n $pattern ]] && ! grep -q -e "$pattern" "$tmp/out"; then
		fail "$what: '$pattern' not in: $(head -c 300 "$tmp/out")"
	else
		pass
	fi
}
rss_below() { # rss_below WHAT MIB
	[[ $asan == yes || $rss == 0 ]] && return
	if ((rss > $2 * 1024)); then
		fail "$1: peak RSS $((rss / 1024)) MiB, expected under $2 MiB"
	else
		pass
	fi
}

# ---- files that are no configuration ----------------------------------------------------

: >"$tmp/empty.cfg"
run check --color never "$tmp/empty.cfg"
expect "an empty file named is unknown-format" 2 'empty.cfg:1:1: error: cannot tell which vendor wrote this file: the file is empty \[unknown-format\]'
mkdir -p "$tmp/walk-empty"
: >"$tmp/walk-empty/a.cfg"
run check --color never "$tmp/walk-empty"
expect "an empty file found by walking is skipped" 0 'summary: 0 files'
printf 'ike peer x\n\0\0\001\002binary' >"$tmp/bin.cfg"
run check --color never "$tmp/bin.cfg"
expect "binary data is unknown-format" 2 'binary data \[unknown-format\]'
printf '#\n sysname R1\n#\nike peer P\0\n pre-shared-key cipher %%^%%#abc%%^%%#\n#\n' >"$tmp/nul.cfg"
run check --color never --vendor huawei "$tmp/nul.cfg"
expect "a NUL byte in a file read as Huawei is a diagnostic, not an end" 1 'nul.cfg:4:11: error: a NUL byte is no configuration text'

# ---- size ---------------------------------------------------------------------------------

python3 - "$tmp" <<'EOF'
import sys
d = sys.argv[1]
with open(d + "/long.cfg", "w") as f:
    f.write("#\n sysname R1\n#\nike peer P\n remote-address " + "A" * (10 << 20) + "\n#\n")
with open(d + "/many.cfg", "w") as f:
    f.write("#\n sysname R1\n#\nacl number 3000\n" + " rule 5 permit ip\n" * 1000000)
EOF
run check --color never "$tmp/long.cfg"
expect "a 10 MB line: the value is named, cut" 1 "remote-address 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\.\.\.' in ike peer 'P' is not an IP address"
rss_below "a 10 MB line" 150
if (($(awk '{ if (length($0) > n) n = length($0) } END { print n }' "$tmp/out") < 400)); then pass; else fail "a 10 MB line is quoted whole"; fi
run check --color never --format json "$tmp/many.cfg"
expect "a million lines are read" 0 '"lines": 1000004'
rss_below "a million lines" 400
# a wrong file read as a batch file: a syntax error a line, the first 100 shown, then one count
python3 -c 'import sys; sys.stdout.write("".join("add host h%d stray-word\n" % i for i in range(50000)))' >"$tmp/bad.batch"
run check --color never --vendor hpux "$tmp/bad.batch"
expect "50,000 syntax errors: the first 100, then a count" 1 \
	'bad.batch:101:15: error: 49900 more syntax errors from here on are not shown: a file reports its first 100 \[syntax-error\]'
if (($(grep -c '\[syntax-error\]' "$tmp/out") == 101)) && grep -q 'bad.batch:100:14: error: unexpected word' "$tmp/out"; then
	pass
else
	fail "50,000 syntax errors: $(grep -c '\[syntax-error\]' "$tmp/out") shown, not 100 and the count"
fi

# ---- encodings ------------------------------------------------------------------------------

base='#\n sysname R1\n#\nike proposal 10\n encryption-algorithm des\n#\nike peer P\n ike-proposal 10\n pre-shared-key simple Key-Of-Sixteen-1\n remote-address 192.0.2.2\n#\nacl number 3000\n rule 5 permit ip source 10.1.0.0 0.0.0.255 destination 10.2.0.0 0.0.0.255\n#\nipsec proposal p\n esp encryption-algorithm aes-256\n#\nipsec policy M 10 isakmp\n security acl 3000\n ike-peer P\n proposal p\n#\ninterface GigabitEthernet0/0/1\n ip address 192.0.2.1 255.255.255.0\n ipsec policy M\n#\nreturn\n'
printf "$base" >"$tmp/lf.cfg"
printf "$base" | sed 's/$/\r/' >"$tmp/crlf.cfg"
{ printf '\357\273\277'; printf "$base"; } >"$tmp/bom.cfg"
shape() { jq -c '[.findings[] | [.rule, .location.line, .location.column, .message]]' "$1"; }
"$bin" check --format json "$tmp/lf.cfg" >"$tmp/lf.json" 2>/dev/null
for v in crlf bom; do
	run check --format json "$tmp/$v.cfg"
	if ((rc >= 0)) && [[ "$(shape "$tmp/out")" == "$(shape "$tmp/lf.json")" && -n "$(shape "$tmp/lf.json")" ]]; then
		pass
	else
		fail "$v: the findings differ from the LF file's"
	fi
done
printf '#\n sysname R\377\3761\n#\nike peer P\303\050\n pre-shared-key simple abc\n#\n' >"$tmp/utf.cfg"
run check --format json "$tmp/utf.cfg"
if ((rc >= 0)) && jq -e '.files[0].device | test("^R\ufffd\ufffd1$")' "$tmp/out" >/dev/null 2>&1; then pass; else fail "invalid UTF-8: the JSON report is not valid or the name not replaced"; fi

# ---- truncated input ------------------------------------------------------------------------

printf '#\n sysname R1\n#\nipsec policy M 10 isakmp\n security acl 3000\n ike-peer' >"$tmp/cut.cfg"
run check --color never "$tmp/cut.cfg"
expect "a Huawei view cut off mid-statement" 1 'cut.cfg:6:'
printf 'add host h -source 192.0.2.1 -destination' >"$tmp/cut.batch"
run check --color never "$tmp/cut.batch"
expect "an HP-UX operation cut off" 1 'cut.batch:1:'
printf 'add host h -source 192.0.2.1 \\' >"$tmp/bs.batch"
run check --color never "$tmp/bs.batch"
expect "a backslash at the end of the file" 1 'bs.batch:1:'
printf 'add auth a -remote 198.51.100.7 -preshared "Unclosed-Key-Quote' >"$tmp/quote.batch"
run check --color never "$tmp/quote.batch"
expect "an open quote at the end of the file" 1 'quote.batch:1:44: error: the quote opened here is not closed'
if grep -q 'Unclosed-Key-Quote' "$tmp/out"; then fail "the key of the open quote is shown"; else pass; fi
head -n 3 fixtures/aix/text/weak-algorithm--near-miss.lstun >"$tmp/cut.lstun"
printf '4|192.0.2.1|198.51.100.9|encr only|encr only|||Tunnel|480|0|0|||||1100|1101|AES_CBC_256' >>"$tmp/cut.lstun"
run check --color never "$tmp/cut.lstun"
expect "an lstun record cut off" 1 'cut.lstun:4:1: error: a record of 18 fields'
if grep -q -i '3f1e2d3c4b5a6978' "$tmp/out"; then fail "a key of the cut lstun file is shown"; else pass; fi

# ---- hostile XML ------------------------------------------------------------------------------

echo "TOP-SECRET-MARKER-42" >"$tmp/secret.txt"
chmod 644 "$tmp/secret.txt"
python3 - "$tmp" <<'EOF'
import sys
d = sys.argv[1]
open(d + "/deep.xml", "w").write('<?xml version="1.0"?>\n<AIX_VPN>' + "<a>" * 10000 + "</a>" * 10000 + "</AIX_VPN>\n")
lol = '<?xml version="1.0"?>\n<!DOCTYPE AIX_VPN [\n <!ENTITY lol "lol">\n'
for i in range(1, 10):
    lol += ' <!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
lol += ']>\n<AIX_VPN Version="&lol9;"><IKETunnel IKE_TunnelName="&lol9;"/></AIX_VPN>\n'
open(d + "/lol.xml", "w").write(lol)
open(d + "/xxe.xml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE AIX_VPN [ <!ENTITY xxe SYSTEM "file://%s/secret.txt"> ]>\n'
                                '<AIX_VPN><IKETunnel IKE_TunnelName="&xxe;"/><IKETunnel IKE_TunnelName="x">&xxe;</IKETunnel></AIX_VPN>\n' % d)
open(d + "/dtd.xml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE AIX_VPN SYSTEM "http://203.0.113.99/ike.dtd">\n'
                                '<AIX_VPN><IKETunnel IKE_TunnelName="T"/></AIX_VPN>\n')
EOF
run check --color never --no-pairs "$tmp/deep.xml"
expect "XML 10,000 levels deep: libxml2's limit, as a syntax error" 1 'deep.xml:2:[0-9]*: error: XML: Excessive depth in document'
run check --color never --no-pairs "$tmp/lol.xml"
expect "billion laughs: refused" 1 'lol.xml:14:[0-9]*: error: XML: Detected an entity reference loop'
rss_below "billion laughs" 100
for fmt in text json html; do
	run check --color never --format $fmt "$tmp/xxe.xml"
	if ((rc >= 0)) && ! grep -q TOP-SECRET "$tmp/out"; then pass; else fail "an external entity was read ($fmt)"; fi
done
run dump "$tmp/xxe.xml"
if ((rc >= 0)) && ! grep -q TOP-SECRET "$tmp/out"; then pass; else fail "an external entity was read (dump)"; fi
if command -v strace >/dev/null; then
	strace -f -qq -e trace=socket,connect -o "$tmp/strace" "$bin" check "$tmp/dtd.xml" >/dev/null 2>&1
	if grep -q -E 'socket\(|connect\(' "$tmp/strace"; then
		fail "a DOCTYPE naming a remote DTD made a network call: $(head -n 2 "$tmp/strace")"
	else
		pass
	fi
else
	fail "strace is missing: the no-network case is not checked (sh tools/deps.sh installs it)"
fi

# ---- a directory walk with a loop, an unreadable file and a FIFO --------------------------------

w=$tmp/walk
mkdir -p "$w/fleet/sub"
cp examples/hq.cfg examples/branch1.cfg "$w/fleet/"
cp examples/branch2-usg.cfg "$w/fleet/locked.cfg"
ln -s .. "$w/fleet/sub/loop"
mkfifo "$w/fleet/pipe.cfg"
chmod -R a+rX "$w"
chmod 000 "$w/fleet/locked.cfg"
as_user=()
if (($(id -u) == 0)) && command -v setpriv >/dev/null; then
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups) # root reads any file
fi
walk_run() {
	timeout 60 "${as_user[@]}" "$bin" "$@" >"$tmp/out" 2>&1
	rc=$?
	((rc > 2)) && fail "walk: exit $rc: $(head -c 300 "$tmp/out")" && rc=-1
}
walk_run check --color never "$w/fleet"
expect "walk: the unreadable file is reported, exit 2" 2 'locked.cfg: Permission denied'
expect "walk: the others are checked, each once (the loop is not followed)" 2 'summary: 2 files, 2 devices, 1 tunnel pair'
walk_run check --color never "$w/fleet/pipe.cfg"
expect "a FIFO named: not a regular file, no wait for a writer" 2 'pipe.cfg: not a regular file (a FIFO)'

# ---- allocation failure, for every N ------------------------------------------------------------

last=0
for ((n = 1; n <= 4000; n++)); do
	IPSECLINT_FAIL_ALLOC=$n timeout 60 "$bin" check --color never -j 2 fixtures/pairs/pfs-mismatch--fires/a.cfg \
		fixtures/pairs/pfs-mismatch--fires/b.cfg >"$tmp/out" 2>&1
	rc=$?
	if ((rc == 2)); then
		if ! grep -q '^ipseclint: out of memory$' "$tmp/out"; then
			fail "allocation $n failing: exit 2 without 'out of memory': $(head -c 200 "$tmp/out")"
			break
		fi
		last=$n
		continue
	fi
	if ((rc == 1)); then
		break # past the last allocation: the run is whole
	fi
	fail "allocation $n failing: exit $rc: $(head -c 300 "$tmp/out")"
	break
done
if ((last > 10 && rc == 1)); then pass; else fail "allocation failure: only $last allocations tried"; fi
echo "hostile: the first $last allocations, each failing in turn, ended in a clean error"

echo "hostile: $passed passed, $failed failed"
((failed == 0))
