#!/usr/bin/env bash
# tests/cli.sh - the command-line contract of spec/cli.md, as a user meets it:
# exit codes, where messages go, report options, the rule catalogue and the
# secrets policy. Run by `make check`; IPSECLINT names the binary
# (default build/ipseclint). Needs bash, grep and jq (and mktemp, mkdir,
# cp, rm for a scratch directory).
set -u

# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup cli
test_needs jq
test_tmpdir

F=fixtures/huawei/rules
CLEAN=$F/psk-plaintext--near-miss.cfg           # AR-new, cipher key, nothing wrong
ERR=$F/undefined-reference--fires-security-acl.cfg # an error (and an unused acl: a warning)
WARN=$F/weak-algorithm--fires-esp-des.cfg         # warnings only
SYNTAX=$F/syntax-error--fires-acl-wildcard.cfg
SIMPLE=$F/psk-plaintext--fires-simple.cfg        # pre-shared-key simple KEY
SIMPLE_KEY=Br4nch-Tunnel.2019
TYPED=$F/psk-plaintext--fires-cipher-keyword-clear.cfg # pre-shared-key cipher CLEAR-KEY
TYPED_KEY=Hq-Uplink.Key-42x
MANUAL=$F/psk-plaintext--fires-manual-string-key.cfg
MANUAL_KEYS=(In.Manual-Key-7731 Out.Manual-Key-1377)
UNKNOWN=fixtures/unknown/unknown-format--notes.txt

# every rule ID of spec/rules.md
RULE_IDS=(syntax-error unknown-statement invalid-value unknown-format foreign-dialect
	undefined-reference unused-definition policy-not-applied duplicate-definition
	policy-disabled missing-mandatory policy-shadowed policy-order-conflict flow-overlap
	remote-is-local weak-algorithm aggressive-mode-psk psk-plaintext psk-weak
	sm-algorithm-ikev2 lifetime-unbounded peer-missing peer-one-sided ike-version-mismatch
	exchange-mode-mismatch auth-method-mismatch ike-proposal-mismatch dh-group-mismatch
	psk-mismatch psk-format-mismatch psk-unverifiable id-mismatch ipsec-proposal-mismatch
	encapsulation-mismatch pfs-mismatch lifetime-mismatch flow-mismatch flow-narrowed
	policy-order-mismatch manual-sa-mismatch)

for f in "$CLEAN" "$ERR" "$WARN" "$SYNTAX" "$SIMPLE" "$TYPED" "$MANUAL" "$UNKNOWN"; do
	if [[ ! -f $f ]]; then
		echo "cli: fixture $f is missing"
		exit 1
	fi
done

passed=0
failed=0
ESC=$'\033'
OUT=$tmp/out
ERRF=$tmp/err
rc=0

pass() { passed=$((passed + 1)); }
# the first 300 characters of a file, for messages
snip() {
	local s

	s=$(<"$1")
	printf '%s' "${s:0:300}"
}
fail() {
	failed=$((failed + 1))
	echo "cli: FAIL: $*"
}

# run ARGS...: the binary's stdout in $OUT, stderr in $ERRF, status in $rc
run() {
	"$bin" "$@" >"$OUT" 2>"$ERRF"
	rc=$?
}

# verdict STATUS MESSAGE: pass when STATUS (a test's) is 0, else fail with MESSAGE
verdict() {
	if (($1 == 0)); then
		pass
	else
		fail "$2"
	fi
}

# what: a short description of the case
expect_rc() {
	local want=$1 what=$2

	((rc == want))
	verdict $? "$what: exit $rc, expected $want; stderr: $(snip "$ERRF")"
}

expect_grep() {
	local file=$1 pattern=$2 what=$3

	grep -q -e "$pattern" "$file"
	verdict $? "$what: '$pattern' not found; got: $(snip "$file")"
}

expect_no_grep() {
	local file=$1 pattern=$2 what=$3

	! grep -q -e "$pattern" "$file"
	verdict $? "$what: '$pattern' found: $(grep -m1 -e "$pattern" "$file")"
}

expect_no_fixed() {
	local file=$1 text=$2 what=$3

	! grep -q -F -e "$text" "$file"
	verdict $? "$what: the secret appears in the output"
}

# expect_masked FILE KEY MASK WHAT: a report that is there, says the key's
# masked form MASK (fixed text) and not the key itself
expect_masked() {
	local file=$1 key=$2 mask=$3 what=$4

	if [[ ! -s $file ]]; then
		fail "$what: the output is empty"
	elif grep -q -F -e "$key" "$file"; then
		fail "$what: the secret appears in the output"
	elif ! grep -q -F -e "$mask" "$file"; then
		fail "$what: the masked form '$mask' is not in the output: $(snip "$file")"
	else
		pass
	fi
}

# expect_usage WHAT PATTERN: a usage error: exit 2, nothing on stdout, the
# diagnostic PATTERN on stderr as "ipseclint: ..." and the pointer to --help
expect_usage() {
	local what=$1 pattern=$2

	expect_rc 2 "$what"
	if [[ -s $OUT ]]; then
		fail "$what: prints on stdout: $(snip "$OUT")"
	else
		pass
	fi
	expect_grep "$ERRF" "^ipseclint: $pattern" "$what: the diagnostic on stderr"
	expect_grep "$ERRF" "^Try 'ipseclint --help' for more information\.$" "$what: points to --help"
}

expect_jq() {
	local file=$1 filter=$2 what=$3

	if jq -e "$filter" "$file" >/dev/null 2>&1; then
		pass
	else
		fail "$what: jq -e '$filter' does not hold"
	fi
}

# ---- version and help ----------------------------------------------------

run --version
expect_rc 0 "--version"
expect_grep "$OUT" '^ipseclint [0-9][0-9.]*' "--version prints the name and version"

run --help
expect_rc 0 "--help"
expect_grep "$OUT" 'check' "--help lists the check command"
expect_grep "$OUT" 'explain' "--help lists the explain command"

run check --help
expect_rc 0 "check --help"
expect_grep "$OUT" '--fail-on' "check --help lists --fail-on"

# ---- usage errors: exit 2 and a usage message on stderr ------------------

run check --no-such-option "$CLEAN"
expect_rc 2 "check --no-such-option"
expect_grep "$ERRF" '--help\|[Uu]sage' "check --no-such-option: usage message on stderr"
if [[ -s $OUT ]]; then
	fail "check --no-such-option: prints a report on stdout"
else
	pass
fi

run --no-such-option
expect_rc 2 "--no-such-option"
expect_grep "$ERRF" '--help\|[Uu]sage' "--no-such-option: usage message on stderr"

run no-such-command
expect_usage "unknown command" "unknown command 'no-such-command'$"

run check
expect_usage "check without a path" "check needs at least one file or directory$"

run check --fail-on sometimes "$CLEAN"
expect_usage "--fail-on with a bad level" "--fail-on takes error, warning, info or none, not 'sometimes'$"

run check --format yaml "$CLEAN"
expect_usage "--format with an unknown format" "unknown report format 'yaml' (text, json, sarif, junit, markdown or html)$"

run check --vendor cisco "$CLEAN"
expect_usage "--vendor with an unknown vendor" "unknown vendor 'cisco' (huawei, hpux or aix)$"

run check --enable no-such-rule "$CLEAN"
expect_rc 2 "--enable of an unknown rule"
expect_grep "$ERRF" 'no-such-rule' "--enable of an unknown rule names it on stderr"

run check --disable no-such-rule "$CLEAN"
expect_usage "--disable of an unknown rule" "unknown rule 'no-such-rule' (see 'ipseclint rules')$"

# ---- exit status and --fail-on -------------------------------------------

run check "$CLEAN"
expect_rc 0 "check on a clean fixture"
expect_no_grep "$OUT" ': error: \|: warning: ' "check on a clean fixture: no error or warning"

run check "$ERR"
expect_rc 1 "check on a fixture with an error finding"
expect_grep "$OUT" 'error: .*\[undefined-reference\]' "the error is reported gcc-style with its rule ID"
expect_grep "$OUT" "^$ERR:[0-9][0-9]*:[0-9][0-9]*: error: " "the error carries file:line:col"

run check --fail-on none "$ERR"
expect_rc 0 "--fail-on none on an error fixture"

run check --fail-on error "$ERR"
expect_rc 1 "--fail-on error on an error fixture"

run check "$SYNTAX"
expect_rc 1 "syntax errors are findings (exit 1)"
expect_grep "$OUT" '\[syntax-error\]' "a syntax error is reported"

run check --format json "$WARN"
expect_rc 0 "check on a warnings-only fixture (default --fail-on error)"
expect_jq "$OUT" '([.findings[] | select(.severity == "warning")] | length > 0) and
	([.findings[] | select(.severity == "error")] | length == 0)' \
	"the warnings-only fixture has warnings and no error"

run check --fail-on warning "$WARN"
expect_rc 1 "--fail-on warning on a warnings-only fixture"

run check --fail-on warning "$CLEAN"
expect_rc 0 "--fail-on warning on a clean fixture"

run check "$CLEAN" "$ERR"
expect_rc 1 "two files, one with an error"
expect_grep "$OUT" '^summary: 2 files' "the summary counts both files"

# ---- --severity, --disable ------------------------------------------------

run check --format json "$ERR"
expect_jq "$OUT" '[.findings[] | select(.severity == "warning")] | length > 0' \
	"the error fixture also has a warning (premise of the --severity case)"

run check --severity error --format json "$ERR"
expect_rc 1 "--severity error keeps the error"
expect_jq "$OUT" '(.findings | length > 0) and all(.findings[]; .severity == "error")' \
	"--severity error hides warnings and infos (json)"

run check --severity error "$ERR"
expect_no_grep "$OUT" ': warning: \|: info: ' "--severity error hides warnings and infos (text)"
expect_grep "$OUT" ': error: ' "--severity error still shows the error (text)"

run check --format json "$WARN"
expect_jq "$OUT" 'any(.findings[]; .rule == "weak-algorithm")' "weak-algorithm fires on $WARN"

run check --disable weak-algorithm --format json "$WARN"
expect_jq "$OUT" 'all(.findings[]; .rule != "weak-algorithm")' "--disable weak-algorithm removes it"

run check --disable undefined-reference "$ERR"
expect_no_grep "$OUT" '\[undefined-reference\]' "--disable removes the rule from the text report"

run check --disable all --format json "$ERR"
expect_rc 0 "--disable all: nothing left to fail on"
expect_jq "$OUT" '.findings | length == 0' "--disable all: no findings"

run check --disable all --enable undefined-reference --format json "$ERR"
expect_rc 1 "--disable all --enable RULE: the rule is back"
expect_jq "$OUT" '(.findings | length > 0) and all(.findings[]; .rule == "undefined-reference")' \
	"--disable all --enable RULE: only that rule"

# ---- unreadable and unknown inputs ---------------------------------------

run check "$tmp/does-not-exist.cfg"
expect_rc 2 "a missing file"
expect_grep "$ERRF" 'does-not-exist\.cfg: No such file' "a missing file: 'path: No such file' on stderr"

run check "$CLEAN" "$tmp/does-not-exist.cfg"
expect_rc 2 "a missing file next to a good one"

run check "$UNKNOWN"
expect_rc 2 "a named file of unknown format"
if grep -q 'unknown-format' "$OUT" "$ERRF"; then
	pass
else
	fail "a named file of unknown format: no unknown-format in the output"
fi

printf 'ike\000\001\002\003peer\377\376 binary\000\n' >"$tmp/blob.bin"
run check --color never "$tmp/blob.bin"
expect_rc 2 "a named binary file"
expect_grep "$OUT" "^$tmp/blob\.bin:1:1: error: cannot tell which vendor wrote this file: binary data \[unknown-format\]$" \
	"a named binary file: an unknown-format error at file:1:1 that says binary data"
expect_grep "$OUT" '^summary: 1 file, 0 devices, 0 tunnel pairs: 1 error, 0 warnings, 0 infos$' \
	"a named binary file: no device read from it"

run check --format json "$UNKNOWN"
expect_rc 2 "a named file of unknown format (json)"
if jq -e . "$OUT" >/dev/null 2>&1; then
	expect_jq "$OUT" 'any(.findings[]; .rule == "unknown-format" and .severity == "error")' \
		"unknown-format is an error finding in the json report"
else
	fail "check --format json on an unknown file: stdout is not JSON"
fi

# ---- directories ----------------------------------------------------------

mkdir -p "$tmp/walk/site/a/b"
cp "$CLEAN" "$tmp/walk/site/a/b/branch.cfg"
cp "$UNKNOWN" "$tmp/walk/site/notes.txt"
cp "$tmp/blob.bin" "$tmp/walk/site/a/photo.bin"
run check --format json "$tmp/walk/site"
expect_rc 0 "a walked directory with undetectable files is not an error"
expect_jq "$OUT" '[.files[].path] == ["'"$tmp/walk/site/a/b/branch.cfg"'"]' \
	"the walk is recursive and skips undetectable files"
expect_jq "$OUT" 'all(.findings[]; .rule != "unknown-format")' "skipped files are not unknown-format findings"

cp "$ERR" "$tmp/walk/site/a/hq.cfg"
run check "$tmp/walk/site"
expect_rc 1 "a walked directory with an error finding"

run check --color never "$tmp/walk/no-such-dir"
expect_rc 2 "a missing directory"
expect_grep "$ERRF" "^ipseclint: $tmp/walk/no-such-dir: No such file or directory$" \
	"a missing directory: 'ipseclint: path: No such file or directory' on stderr"
expect_grep "$OUT" '^summary: 0 files, ' "a missing directory: nothing read"

# ---- JSON report ----------------------------------------------------------

run check --format json "$ERR"
expect_rc 1 "check --format json keeps the exit status"
if jq -e . "$OUT" >/dev/null 2>&1; then
	pass
else
	fail "check --format json: stdout is not JSON: $(snip "$OUT")"
fi
expect_jq "$OUT" '.version == 1 and .tool.name == "ipseclint" and (.tool.version | type == "string")' \
	"json: version and tool"
expect_jq "$OUT" '(.files | length == 1) and (.files[0] | .path == "'"$ERR"'" and .vendor == "huawei"
	and has("dialect") and has("device") and (.status | IN("ok", "partial", "failed"))
	and (.lines | type == "number") and (.skipped_lines | type == "number"))' \
	"json: files[] with path as given, vendor, dialect, device, status, lines, skipped_lines"
expect_jq "$OUT" '(.tunnels | type == "array" and length > 0) and all(.tunnels[];
	has("id") and has("device") and has("file") and has("line") and has("local")
	and (.remote | type == "array") and has("mode") and has("peer"))' \
	"json: tunnels[] with id, device, file, line, local, remote[], mode, peer"
PAIR=fixtures/pairs/pfs-mismatch--fires
run check --format json "$PAIR/a.cfg" "$PAIR/b.cfg"
expect_rc 1 "check --format json on a pair with an error"
expect_jq "$OUT" '.pairs == [{"a": "A/ipsec-policy:VPN:10", "b": "B/ipsec-policy:VPN:10", "status": "error"}]
	and .summary.pairs == 1' "json: pairs[] holds the pair, its two tunnels and its verdict"
expect_jq "$OUT" '[.tunnels[] | [.id, .peer]] == [["A/ipsec-policy:VPN:10", "B/ipsec-policy:VPN:10"],
	["B/ipsec-policy:VPN:10", "A/ipsec-policy:VPN:10"]]' "json: each tunnel of the pair names the other as peer"
expect_jq "$OUT" '[.findings[] | select(.rule == "pfs-mismatch")] | length == 1 and (.[0] |
	.pair == {"a": "A/ipsec-policy:VPN:10", "b": "B/ipsec-policy:VPN:10"} and .devices == ["A", "B"]
	and .location.file == "'"$PAIR/a.cfg"'" and .location.line == 27
	and .related[0].file == "'"$PAIR/b.cfg"'" and .related[0].line == 23)' \
	"json: the pair's finding names the pair, both devices, and both sides' lines"
run check --format json "$ERR"
expect_jq "$OUT" '(.findings | length > 0) and all(.findings[];
	(.rule | type == "string") and (.severity | IN("error", "warning", "info"))
	and (.message | type == "string" and length > 0)
	and (.location | (.file | type == "string") and (.line >= 1) and (.column >= 1)
		and (.end_line >= .line) and (.end_column | type == "number"))
	and (.related | type == "array") and (.devices | type == "array") and has("pair")
	and (.symptoms | type == "object") and has("hint")
	and (.fingerprint | type == "string" and length > 0))' \
	"json: findings[] with rule, severity, message, location, related, devices, pair, symptoms, hint, fingerprint"
expect_jq "$OUT" 'any(.findings[]; .rule == "undefined-reference" and .location.file == "'"$ERR"'")' \
	"json: the finding is located in the file as named"
expect_jq "$OUT" '.summary | (.files == 1) and (.devices == 1) and (.tunnels | type == "number")
	and (.pairs | type == "number") and (has("errors") and has("warnings") and has("infos"))' \
	"json: summary with files, devices, tunnels, pairs, errors, warnings, infos"
expect_jq "$OUT" '.summary.errors == ([.findings[] | select(.severity == "error")] | length)
	and .summary.warnings == ([.findings[] | select(.severity == "warning")] | length)
	and .summary.infos == ([.findings[] | select(.severity == "info")] | length)' \
	"json: summary counts agree with the findings"
# shellcheck disable=SC2016 # jq variables, not shell
expect_jq "$OUT" '[.findings[] | [.location.file, .location.line, .location.column, .rule]] as $k
	| $k == ($k | sort)' "json: findings ordered by file, line, column, rule"

run check --format json -j 1 examples
cp "$OUT" "$tmp/j1.json"
run check --format json -j 8 examples
if [[ "$(<"$OUT")" == "$(<"$tmp/j1.json")" ]]; then
	pass
else
	fail "check --format json: -j 1 and -j 8 give different reports on examples/"
fi
expect_jq "$OUT" '(.files | length) == 4' "examples/: four devices, README.md skipped"

# ---- -o FILE ---------------------------------------------------------------

run check --format json -o "$tmp/report.json" "$ERR"
expect_rc 1 "-o FILE keeps the exit status"
if [[ -s $OUT ]]; then
	fail "-o FILE: the report also went to stdout"
else
	pass
fi
if [[ -f $tmp/report.json ]] && jq -e '.findings | length > 0' "$tmp/report.json" >/dev/null 2>&1; then
	pass
else
	fail "-o FILE: $tmp/report.json does not hold the JSON report"
fi

run check --output "$tmp/report.txt" "$ERR"
expect_grep "$tmp/report.txt" '\[undefined-reference\]' "--output FILE writes the text report"

run check -o "$tmp/no-such-dir/report.txt" "$ERR"
expect_rc 2 "-o into a missing directory"
expect_grep "$ERRF" "^ipseclint: $tmp/no-such-dir/report\.txt: No such file or directory$" \
	"-o into a missing directory: the file and the reason on stderr"
if [[ -s $OUT ]]; then fail "-o into a missing directory: the report went to stdout"; else pass; fi

# a report that cannot be written in full is an error, whatever the format and the findings
if [[ -w /dev/full ]]; then
	for fmt in text json sarif junit markdown html; do
		run check --format "$fmt" -o /dev/full "$ERR"
		expect_rc 2 "--format $fmt -o /dev/full"
		expect_grep "$ERRF" 'the report could not be written: No space left on device' \
			"--format $fmt -o /dev/full: said on stderr, with the reason"
	done
	"$bin" check --format json "$ERR" >/dev/full 2>"$ERRF"
	rc=$?
	expect_rc 2 "the JSON report on a full standard output"
	"$bin" dump "$ERR" >/dev/full 2>"$ERRF"
	rc=$?
	expect_rc 2 "dump on a full standard output"
	expect_grep "$ERRF" 'standard output: the report could not be written: No space left on device' \
		"dump on a full standard output: the reason is the write's, not a generic I/O error"
fi

# ---- colour ----------------------------------------------------------------

NO_COLOR=1 "$bin" check "$ERR" >"$OUT" 2>"$ERRF"
expect_no_grep "$OUT" "$ESC" "NO_COLOR: no escape sequences"

"$bin" check --color never "$ERR" >"$OUT" 2>"$ERRF"
expect_no_grep "$OUT" "$ESC" "--color never: no escape sequences"

"$bin" check --color always "$ERR" >"$OUT" 2>"$ERRF"
expect_grep "$OUT" "$ESC" "--color always: escape sequences"

"$bin" check --color always --format json "$ERR" >"$OUT" 2>"$ERRF"
expect_no_grep "$OUT" "$ESC" "--color always does not colour JSON"

run check --color sometimes "$ERR"
expect_usage "--color with a bad value" "--color takes auto, always or never, not 'sometimes'$"

# ---- quiet -----------------------------------------------------------------

run check "$ERR"
expect_grep "$OUT" '^summary: ' "the text report ends with a summary line"

run check -q "$ERR"
expect_rc 1 "-q keeps the exit status"
expect_no_grep "$OUT" '^summary: ' "-q drops the summary line"
expect_grep "$OUT" '\[undefined-reference\]' "-q keeps the findings"

run check --quiet "$ERR"
expect_no_grep "$OUT" '^summary: ' "--quiet drops the summary line"

# ---- --timings ---------------------------------------------------------------

run check --color never --format json "$ERR"
cp "$OUT" "$tmp/untimed.json"
run check --color never --format json --timings -j 1 "$ERR"
expect_rc 1 "--timings keeps the exit status"
expect_grep "$ERRF" '^timings: 1 files, [0-9.]* MB, 1 thread$' "--timings: files, size and threads on stderr"
expect_grep "$ERRF" '^timings: read+parse [0-9.]* s in all threads ([0-9.]* MB/s per thread)$' \
	"--timings: the parse rate"
expect_grep "$ERRF" '^timings: total [0-9.]* s$' "--timings: the total"
if cmp -s "$OUT" "$tmp/untimed.json"; then pass; else fail "--timings changes the report on stdout"; fi

# ---- rules and explain -----------------------------------------------------

run rules --format json
expect_rc 0 "rules --format json"
if jq -e . "$OUT" >/dev/null 2>&1; then
	missing=()
	for id in "${RULE_IDS[@]}"; do
		jq -e --arg id "$id" '[.. | strings] | index($id) != null' "$OUT" >/dev/null || missing+=("$id")
	done
	if ((${#missing[@]})); then
		fail "rules --format json lacks: ${missing[*]}"
	else
		pass
	fi
else
	fail "rules --format json: stdout is not JSON"
fi

run rules
expect_rc 0 "rules"
missing=()
for id in "${RULE_IDS[@]}"; do
	grep -q -w -e "$id" "$OUT" || missing+=("$id")
done
if ((${#missing[@]})); then
	fail "rules (text) lacks: ${missing[*]}"
else
	pass
fi

run explain psk-mismatch
expect_rc 0 "explain psk-mismatch"
expect_grep "$OUT" 'authentication fail' "explain psk-mismatch: the Huawei symptom"
expect_grep "$OUT" 'Main Mode processing failed' "explain psk-mismatch: the HP-UX symptom"
expect_grep "$OUT" 'isakmpd: negotiation timed out' "explain psk-mismatch: the AIX symptom"

run explain no-such-rule
expect_rc 2 "explain no-such-rule"
expect_grep "$ERRF" 'no-such-rule' "explain no-such-rule names it on stderr"

run explain
expect_rc 2 "explain without a rule"

# ---- secrets ---------------------------------------------------------------

run dump "$SIMPLE"
expect_rc 0 "dump on a fixture with a simple key"
# the model as spec/cli.md has it: the file, its vendor, the device, the tunnel and its IKE peer
expect_jq "$OUT" '.version == 1 and .file == "'"$SIMPLE"'" and .vendor == "huawei" and .status == "ok"
	and .device.name.value == "PSK-PLAINTEXT-FIRES-SIMPLE" and .device.name.line == 2
	and .device.dialect == "ar-old" and ([.device.addresses[].value] == ["203.0.113.2", "10.1.1.1"])
	and (.tunnels | length == 1) and (.tunnels[0] | .id == "PSK-PLAINTEXT-FIRES-SIMPLE/ipsec-policy:VPN:10"
		and .kind == "isakmp" and .line == 21 and .local.value == "203.0.113.2"
		and [.remotes[].value] == ["198.51.100.1"] and .selectors == "3000"
		and .ike.peer == "ike peer HQ" and .ike.versions.value == [1]
		and .ike.proposals[0].dh == {"value": [14], "line": 14, "source": "written"})
	and (.findings | type == "array")' "dump prints the model: file, vendor, device, tunnel, IKE"
expect_jq "$OUT" '.tunnels[0].ike.psk == {"value": "<psk: ascii, 18 chars>", "line": 17, "source": "written"}' \
	"dump describes the simple key by form and length, at its line"
expect_masked "$OUT" "$SIMPLE_KEY" '<psk: ascii, 18 chars>' "dump never prints the simple key"

# an HP-UX host policy with -tunnel: tunnel mode is written (by the tunnel policy), not a default
run dump fixtures/hpux/examples/4.2-host-to-gateway.batch
expect_rc 0 "dump on an HP-UX batch file with a tunnel policy"
expect_jq "$OUT" '.tunnels[0].ipsec.proposals[0].mode == {"value": "tunnel", "line": 4, "source": "written"}' \
	"an HP-UX tunnel policy's transforms are in tunnel mode, as written"

# HP-UX IKE policies in priority order: a selector list of their remotes, any protocol
{
	cat fixtures/hpux/examples/4.1-hostA.batch
	printf 'add ike ike_other -remote 203.0.113.0/24 -priority 20 -auth PSK\n'
} >"$tmp/two-ike.batch"
run dump "$tmp/two-ike.batch"
expect_rc 0 "dump on an HP-UX batch file with two IKE policies"
expect_jq "$OUT" '([.selector_lists[] | select(.rules | length == 2)] | length == 1)
	and ([.selector_lists[] | select(.rules | length == 2) | .rules[].protocol] == ["any", "any"])' \
	"the IKE policies' order list matches any protocol"

# a USG peer's exchange-mode auto is read and named as written
sed 's/^ exchange-mode aggressive$/ exchange-mode auto/' fixtures/pairs/id-mismatch--near-miss/a.cfg >"$tmp/auto.cfg"
run dump "$tmp/auto.cfg"
expect_rc 0 "dump on a Huawei peer with exchange-mode auto"
expect_jq "$OUT" '.tunnels[0].ike.exchange == {"value": "auto", "line": 19, "source": "written"}' \
	"exchange-mode auto is dumped as auto, at its line"

# a listing names no device: the file's stem names it, by default, at line 1
run dump fixtures/aix/text/duplicate-definition--fires-rule.lsfilt
expect_rc 0 "dump on an AIX filter listing"
expect_jq "$OUT" '.vendor == "aix" and .device.name == {"value": "duplicate-definition--fires-rule", "line": 1,
	"source": "default"}' "an AIX listing's device is named by the file, by default, at line 1"

for fmt in text json; do
	run check --format "$fmt" "$SIMPLE"
	expect_grep "$OUT" 'psk-plaintext' "check --format $fmt reports the clear key"
	expect_masked "$OUT" "$SIMPLE_KEY" "pre-shared key of ike peer 'HQ' is stored in clear (<psk: ascii, 18 chars>)" \
		"check --format $fmt never prints the simple key"
	expect_no_fixed "$ERRF" "$SIMPLE_KEY" "check --format $fmt never prints the simple key on stderr"
done
run check --color never "$SIMPLE"
expect_grep "$OUT" '^ pre-shared-key simple \*\{18\}$' "check --format text quotes the key's line with the key masked"

for fmt in text json; do
	run check --format "$fmt" "$TYPED"
	expect_masked "$OUT" "$TYPED_KEY" "pre-shared key of ike peer 'HQ' is stored in clear (<psk: ascii, 17 chars>)" \
		"check --format $fmt never prints a clear key typed after 'cipher'"
done
run dump "$TYPED"
expect_masked "$OUT" "$TYPED_KEY" '"value": "<psk: ascii, 17 chars>"' "dump never prints a clear key typed after 'cipher'"

for fmt in text json; do
	run check --format "$fmt" "$MANUAL"
	for k in "${MANUAL_KEYS[@]}"; do
		expect_masked "$OUT" "$k" "inbound esp key <key: ascii, 18 chars>, outbound esp key <key: ascii, 19 chars>" \
			"check --format $fmt never prints a manual SA key"
	done
done
run dump "$MANUAL"
for k in "${MANUAL_KEYS[@]}"; do
	expect_masked "$OUT" "$k" '"value": "<key: ascii, 18 chars>"' "dump never prints a manual SA key"
done

cipher=$(grep -o -m1 '%^%#.*%^%#' "$CLEAN")
if [[ -n $cipher ]]; then
	run dump "$CLEAN"
	expect_no_fixed "$OUT" "$cipher" "dump never prints a device cipher string"
	run check --format json "$CLEAN"
	expect_no_fixed "$OUT" "$cipher" "check never prints a device cipher string"
else
	fail "no cipher key found in $CLEAN"
fi

run dump "$tmp/does-not-exist.cfg"
expect_rc 2 "dump on a missing file"

run dump "$UNKNOWN"
expect_rc 2 "dump on a file of unknown format"

# ---- the config file .ipseclint -------------------------------------------

cdir=$tmp/cfg
mkdir -p "$cdir/configs" "$cdir/archive"
cp examples/hq.cfg examples/branch1.cfg examples/branch3-bad.cfg "$cdir/configs/"
cp "$ERR" "$cdir/archive/old.cfg"
cat >"$cdir/.ipseclint" <<'INI'
[files]
exclude = archive/**

[rules]
severity.psk-plaintext = error

[suppress]
branch3-bad.cfg: ipsec policy VPN 10 = pfs-mismatch
hq.cfg: ike peer nosuch = weak-algorithm
INI
(cd "$cdir" && "$bin" check --color never --format json . >"$OUT" 2>"$ERRF")
rc=$?
expect_rc 1 "check with a config file"
expect_jq "$OUT" '[.files[].path | select(test("archive"))] | length == 0' "[files] exclude skips archive/"
expect_jq "$OUT" '[.findings[] | select(.rule == "psk-plaintext")] | all(.severity == "error")' \
	"[rules] severity.RULE overrides the severity"
expect_jq "$OUT" '[.findings[] | select(.rule == "pfs-mismatch")] | length == 0' \
	"[suppress] FILE: OBJECT = RULE suppresses the finding of that object"
expect_jq "$OUT" '[.findings[] | select(.rule == "flow-mismatch")] | length == 1' \
	"[suppress] leaves other rules of the object alone"
expect_jq "$OUT" '[.findings[] | select(.rule == "unused-suppression")] | length == 1 and
	(.[0].location.file | endswith(".ipseclint")) and .[0].location.line == 9' \
	"a suppression that suppresses nothing is an unused-suppression at its line"

(cd "$cdir" && "$bin" check --color never --disable psk-plaintext --format json . >"$OUT" 2>"$ERRF")
expect_jq "$OUT" '[.findings[] | select(.rule == "psk-plaintext")] | length == 0' \
	"--disable wins over the config file"

(cd "$cdir/configs" && "$bin" check --color never . >"$OUT" 2>"$ERRF")
rc=$?
expect_rc 1 "the config file of a parent directory is found"
expect_no_grep "$OUT" 'pfs-mismatch' "the parent's [suppress] applies"

printf '[rules]\ndisable = psk-plaintxt\n' >"$tmp/bad.ini"
run check --config "$tmp/bad.ini" "$CLEAN"
expect_rc 2 "a config file with an unknown rule is a usage error"
expect_grep "$ERRF" "bad.ini:2: .*psk-plaintxt" "config errors name file and line"

run check --config "$tmp/no-such.ini" "$CLEAN"
expect_rc 2 "a missing --config file is a usage error"

# ---- HP-UX and AIX: detection, inline suppression, secrets -----------------

HPUX=fixtures/hpux/examples/4.1-hostA.batch
run check --color never --format json "$HPUX"
expect_rc 0 "an HP-UX batch file with warnings only exits 0"
expect_jq "$OUT" '.files[0].vendor == "hpux" and .files[0].status == "ok"' "an HP-UX batch file is detected"
expect_no_fixed "$OUT" "Xq7bZ2mK9pLw4" "an HP-UX -preshared key is never printed (json)"
run check --color never "$HPUX"
expect_no_fixed "$OUT" "Xq7bZ2mK9pLw4" "an HP-UX -preshared key is never printed (text)"
run dump "$HPUX"
expect_no_fixed "$OUT" "Xq7bZ2mK9pLw4" "an HP-UX -preshared key is never dumped"

printf '# ipseclint disable=psk-plaintext,psk-weak
add auth a -remote 198.51.100.7 -preshared Short-Key
# ipseclint disable=flow-mismatch
add host h -source 192.0.2.10 -destination 198.51.100.7 -action ESP_AES256_HMAC_SHA2_256
' >"$tmp/supp.batch"
run check --color never --format json --no-pairs "$tmp/supp.batch"
expect_jq "$OUT" '[.findings[] | select(.rule == "psk-plaintext" or .rule == "psk-weak")] | length == 0' \
	"an inline suppression comment suppresses the next operation's findings"
expect_jq "$OUT" '[.findings[] | select(.rule == "unused-suppression")] | length == 1 and .[0].location.line == 3' \
	"an inline suppression that suppresses nothing is an unused-suppression at its comment"
expect_no_fixed "$OUT" "Short-Key" "a suppressed key is not printed either"

AIXP=fixtures/pairs/psk-format-mismatch--fires-aix-hpux
run check --color never --format json "$AIXP/a-aix.xml" "$AIXP/b-hpux.batch"
expect_rc 1 "an AIX hex key against the same text on HP-UX fails the check"
expect_jq "$OUT" '.files[0].vendor == "aix" and .files[1].vendor == "hpux"' "AIX XML and HP-UX are detected"
expect_jq "$OUT" '[.findings[] | select(.rule == "psk-format-mismatch")] | length == 1' \
	"the seed's key-format case is psk-format-mismatch"
expect_no_fixed "$OUT" "5a7e9c2b41f08d63a1b2c3d4" "the AIX hex key is never printed"

# ---- AIX text exports: detection, perspective, secrets -----------------------

for f in ../shared/realworld/aix/*; do
	[[ -f $f ]] || continue
	run check --color never --format json "$f"
	expect_jq "$OUT" '.files[0].vendor == "aix" and .files[0].status == "ok"' "${f##*/} is detected as AIX and parses"
	expect_jq "$OUT" '[.findings[] | select(.rule == "syntax-error" or .rule == "unknown-format")] | length == 0' \
		"${f##*/}: no syntax-error or unknown-format"
done
for f in ../shared/realworld/aix-annotated/*; do
	[[ -f $f ]] || continue
	run check --color never --format json "$f"
	expect_jq "$OUT" '.files[0].vendor == "aix" and .files[0].status == "partial"' \
		"${f##*/}: the annotated file is read, with its annotations as syntax errors"
	expect_jq "$OUT" '(.findings | length) > 0 and all(.findings[]; .rule == "syntax-error")' \
		"${f##*/}: only the annotations are findings"
done

AT=fixtures/aix/text
run check --color never --format json "$AT/psk-plaintext--fires.lstun" "$AT/policy-shadowed--near-miss-exp.exp" \
	"$AT/unknown-statement--near-miss.lsfilt"
expect_jq "$OUT" '[.files[].dialect] == ["lstun", "exp", "lsfilt"]' "lstun -O, export and human lsfilt files are told apart"

# every key of the lstun fixtures (fields 13, 14, 19, 20, 23, 24), in every output
mapfile -t AKEYS < <(cat "$AT"/*.lstun fixtures/pairs/*aix*/*.lstun | grep -v '^#' |
	awk -F'|' 'NF == 27 { print $14; print $15; print $20; print $21; print $24; print $25 }' |
	sed 's/^0[xX]//' | grep -E '^[0-9A-Za-z!]{6,}$' | sort -u)
if ((${#AKEYS[@]} < 8)); then
	fail "the AIX key list is too short (${#AKEYS[@]}): the test would prove nothing"
fi
: >"$tmp/aix-all"
for f in "$AT"/*.lstun "$AT"/*.exp fixtures/pairs/*aix*/; do
	for fmt in text json; do
		if [[ -d $f ]]; then
			"$bin" check --color never --format $fmt "$f" >>"$tmp/aix-all" 2>&1
		else
			"$bin" check --color never --format $fmt "$f" >>"$tmp/aix-all" 2>&1
			"$bin" dump "$f" >>"$tmp/aix-all" 2>&1
		fi
	done
done
leaked=0
for k in "${AKEYS[@]}"; do
	grep -q -i -F -e "$k" "$tmp/aix-all" && leaked=$((leaked + 1))
done
if ((leaked)); then
	fail "$leaked AIX manual key(s) of the fixtures appear in the output"
else
	pass
fi

# an export written for the peer and kept as the writer's record: turned back by the config file
mkdir -p "$tmp/peer"
cp fixtures/pairs/aix-clean-manual-aix-to-aix/a-aix1.lstun "$tmp/peer/a.lstun"
cp fixtures/pairs/aix-clean-manual-aix-to-aix/b-aix2.lstun "$tmp/peer/b.lstun"
(cd "$tmp/peer" && "$bin" check --color never --format json a.lstun b.lstun) >"$OUT" 2>"$ERRF"
expect_jq "$OUT" '.summary.pairs == 1 and .summary.errors == 0' "two mirrored AIX hosts pair cleanly"
printf '[files]\nexported-for-peer = b.lstun\n' >"$tmp/peer/.ipseclint"
(cd "$tmp/peer" && "$bin" check --color never --format json a.lstun b.lstun) >"$OUT" 2>"$ERRF"
expect_jq "$OUT" '.tunnels[1].local == "192.0.2.1" and .tunnels[1].remote == ["198.51.100.2"]' \
	"[files] exported-for-peer turns an export's source and destination round"
expect_jq "$OUT" '.summary.pairs == 0' "... so that the file no longer faces its peer"
printf '[files]\nexported-for-peers = b.lstun\n' >"$tmp/peer/.ipseclint"
(cd "$tmp/peer" && "$bin" check --color never a.lstun) >"$OUT" 2>"$ERRF"
rc=$?
expect_rc 2 "a misspelt [files] key is a config error"
expect_grep "$ERRF" "did you mean 'exported-for-peer'" "... with a suggestion"

echo "cli: $passed passed, $failed failed"
((failed == 0))
