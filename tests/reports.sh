#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/reports.sh - where users meet ipseclint, tested with the real tools:
#
#   - SARIF of every fixture is valid against the SARIF 2.1.0 schema
#     (python3-jsonschema) and carries what code scanning needs;
#   - JUnit of every fixture is valid against the Ant JUnit schema (xmllint);
#   - the HTML report, rendered by headless Chromium, shows
#     the same pairs, verdicts and findings as the JSON report, and fetches
#     nothing; markdown holds the same; keys appear in no format;
#   - review: verdicts, introduced / resolved findings and the exit status;
#   - --baseline and --changed; 'ipseclint pre-commit' through Debian's
#     pre-commit on a scratch git repository with .pre-commit-hooks.yaml;
#   - the man page is clean under mandoc -Tlint; make install installs it all.
#
# Run by `make check`; IPSECLINT names the binary (default build/ipseclint).
set -u

# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
test_setup reports
SHARED=${SHARED:-../shared}
PY=/usr/bin/python3
for tool in jq xmllint chromium pre-commit git mandoc; do
	if ! command -v $tool >/dev/null; then
		echo "reports: needs $tool (sh tools/deps.sh installs it)"
		exit 1
	fi
done
if ! $PY -c 'import jsonschema' 2>/dev/null; then
	echo "reports: needs python3-jsonschema (sh tools/deps.sh installs it)"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1764547200 # reports carry this time: 2025-12-01T00:00:00

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "reports: FAIL: $*"
}
check() { # check WHAT COMMAND...: passes when the command succeeds
	local what=$1
	shift
	if "$@" >"$tmp/check.out" 2>&1; then
		pass
	else
		fail "$what: $(head -c 600 "$tmp/check.out")"
	fi
}

# the fixtures, each as check sees it (a pair directory: its files)
mapfile -t single < <(find fixtures \( -path fixtures/pairs -o -path fixtures/review \) -prune -o -type f \
	\( -name '*.cfg' -o -name '*.batch' -o -name '*.xml' -o -name '*.lsfilt' -o -name '*.lstun' -o -name '*.exp' \) \
	-print | LC_ALL=C sort)
mapfile -t pairdirs < <(find fixtures/pairs -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort)
inputs() { # inputs N: the arguments of fixture N
	local i=$1
	if ((i < ${#single[@]})); then
		printf '%s\n' "${single[i]}"
	else
		find "${pairdirs[i - ${#single[@]}]}" -maxdepth 1 -type f ! -name 'expected*' ! -name 'README*' | LC_ALL=C sort
	fi
}
ncases=$((${#single[@]} + ${#pairdirs[@]}))

# ---- SARIF and JUnit over every fixture ------------------------------------------

mkdir -p "$tmp/sarif" "$tmp/junit"
for ((i = 0; i < ncases; i++)); do
	mapfile -t args < <(inputs $i)
	"$bin" check --format sarif "${args[@]}" >"$tmp/sarif/$i.json" 2>/dev/null
	"$bin" check --format junit "${args[@]}" >"$tmp/junit/$i.xml" 2>/dev/null
done
cat >"$tmp/sarif.py" <<'EOF'
import glob, json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft4Validator(schema)
bad = 0
for path in sorted(glob.glob(sys.argv[2] + "/*.json")):
    doc = json.load(open(path))
    errors = list(validator.iter_errors(doc))
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for res in run["results"]:
        if ids[res["ruleIndex"]] != res["ruleId"]:
            errors.append("ruleIndex %d is not %s" % (res["ruleIndex"], res["ruleId"]))
        if "ipseclint/v1" not in res.get("partialFingerprints", {}):
            errors.append("a result without partialFingerprints")
    for e in errors[:3]:
        print("%s: %s" % (path, getattr(e, "message", e)))
    bad += bool(errors)
print("sarif: %d documents, %d invalid" % (len(glob.glob(sys.argv[2] + "/*.json")), bad))
sys.exit(1 if bad else 0)
EOF
check "the SARIF of every fixture is valid SARIF 2.1.0" $PY "$tmp/sarif.py" "$SHARED/schemas/sarif-schema-2.1.0.json" "$tmp/sarif"
if xmllint --noout --schema "$SHARED/schemas/junit.xsd" "$tmp"/junit/*.xml >"$tmp/xmllint.out" 2>&1; then
	pass
else
	fail "the JUnit of every fixture is valid: $(grep -v validates "$tmp/xmllint.out" | head -5)"
fi

P=fixtures/pairs/pfs-mismatch--fires
"$bin" check --format sarif "$P"/* >"$tmp/p.sarif" 2>/dev/null
check "SARIF: the peer side is a related location, levels are mapped" jq -e \
	'.runs[0].results | map(select(.ruleId == "pfs-mismatch"))[0] |
	 .level == "error" and (.relatedLocations | length) >= 1 and
	 .relatedLocations[0].physicalLocation.artifactLocation.uriBaseId == "%SRCROOT%" and
	 .locations[0].physicalLocation.region.startLine >= 1' "$tmp/p.sarif"
check "SARIF: every rule has a help page and a helpUri" jq -e \
	'.runs[0].tool.driver.rules | length > 40 and all(.help.markdown | length > 100) and all(.helpUri | startswith("file://"))' \
	"$tmp/p.sarif"
"$bin" check --format junit --fail-on warning "$P"/* >"$tmp/p.xml" 2>/dev/null
check "JUnit: the failing pair is a failure of its rule" \
	grep -q '<failure message="PFS .*type="pfs-mismatch"' "$tmp/p.xml"

# ---- HTML in a browser, markdown ---------------------------------------------------

# Headless Chromium, no network. Its --dump-dom and --screenshot need the
# browser's own scripts, so scripts stay on in the browser; the page has none
# and its Content-Security-Policy forbids any (tests/html_dom.py checks both):
# what is seen is what a reader with scripts disabled sees.
chrome() { # chrome URL ARGS...
	local url=$1
	shift
	timeout 120 chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --user-data-dir="$tmp/chrome" "$@" "$url" 2>/dev/null
}

html_case() { # html_case NAME PATH...: the HTML against the JSON of the same check
	local name=$1
	shift
	"$bin" check --format html -o "$tmp/$name.html" "$@" 2>/dev/null
	"$bin" check --format json "$@" >"$tmp/$name.json" 2>/dev/null
	chrome "file://$tmp/$name.html" --dump-dom >"$tmp/$name.dom"
	if [[ ! -s $tmp/$name.dom ]]; then
		fail "html $name: Chromium rendered nothing"
		return
	fi
	check "html $name: what the browser shows is what the JSON report says" $PY tests/html_dom.py \
		"$tmp/$name.dom" "$tmp/$name.json"
}
html_case examples examples/
html_case aix-manual fixtures/pairs/manual-sa-mismatch--fires-aix-huawei/a-aix1.lstun \
	fixtures/pairs/manual-sa-mismatch--fires-aix-huawei/b-huawei.cfg
html_case hpux-huawei fixtures/pairs/flow-mismatch--fires-hpux/a-hpux.batch fixtures/pairs/flow-mismatch--fires-hpux/b-gw.cfg
# a fleet larger than the picture: the caption says what was left out
python3 tools/gen-fleet.py --spokes 300 --faults 3 "$tmp/fleet" >/dev/null 2>&1
if [[ -d $tmp/fleet ]]; then
	html_case fleet300 "$tmp/fleet"
	check "html fleet300: devices left out are counted in the caption" grep -q 'devices\? and [0-9]* tunnels\? not drawn' "$tmp/fleet300.dom"
fi
chrome "file://$tmp/examples.html" --screenshot="$tmp/examples.png" --window-size=1200,1600 >/dev/null
check "html: Chromium draws the page (a screenshot of it)" test -s "$tmp/examples.png"

"$bin" check --format markdown examples/ >"$tmp/ex.md" 2>/dev/null
check "markdown: the topology as a mermaid graph" grep -q '^```mermaid' "$tmp/ex.md"
check "markdown: a table row per pair" test "$(grep -c '^| `' "$tmp/ex.md")" -eq "$(jq '(.pairs | length) + ([.tunnels[] | select(.peer == null)] | length)' "$tmp/examples.json")"
check "markdown: a finding per finding" test "$(grep -c '^- \*\*' "$tmp/ex.md")" -eq "$(jq '.findings | length' "$tmp/examples.json")"

# ---- keys never appear, in any format ----------------------------------------------

KEYFILES=(fixtures/huawei/rules/psk-plaintext--fires-simple.cfg fixtures/hpux/examples/4.1-hostA.batch
	fixtures/aix/text/psk-plaintext--fires.lstun fixtures/pairs/psk-format-mismatch--fires-aix-hpux/a-aix.xml
	fixtures/huawei/rules/psk-plaintext--fires-manual-string-key.cfg)
KEYS=(Br4nch-Tunnel.2019 Xq7bZ2mK9pLw4 3f1e2d3c4b5a69788796a5b4c3d2e1f0 5a7e9c2b41f08d63a1b2c3d4 In.Manual-Key-7731)
# each key's masked form, as every format of check writes it (HTML escapes the
# angle brackets, markdown backslashes them: the words between are the same)
MASKS=("psk: ascii, 18 chars" "psk: ascii, 13 chars" "psk: hex" "key: hex" "key: ascii, 18 chars" "key: ascii, 19 chars")
# keys_ok WHAT FILE RC [MASK...]: exit 0 (warnings only), a report, no key,
# and every masked form given
keys_ok() {
	local what=$1 file=$2 rc=$3 k m leaked='' missing=''
	shift 3
	for k in "${KEYS[@]}"; do
		grep -q -i -F -e "$k" "$file" && leaked="$leaked $k"
	done
	for m in "$@"; do
		grep -q -F -e "$m" "$file" || missing="$missing '$m'"
	done
	if ((rc != 0)); then
		fail "$what: exit $rc, expected 0: $(head -c 300 "$file")"
	elif [[ ! -s $file ]]; then
		fail "$what: the report is empty"
	elif [[ -n $leaked ]]; then
		fail "$what: a key appears in the report:$leaked"
	elif [[ -n $missing ]]; then
		fail "$what: the masked form of a key is missing:$missing"
	else
		pass
	fi
}
for fmt in text json sarif junit markdown html; do
	"$bin" check --format $fmt "${KEYFILES[@]}" >"$tmp/keys.$fmt" 2>&1
	keys_ok "$fmt" "$tmp/keys.$fmt" $? "${MASKS[@]}"
done
mkdir -p "$tmp/kb" "$tmp/ka"
cp "${KEYFILES[@]}" "$tmp/kb/"
cp "${KEYFILES[@]}" "$tmp/ka/"
# what check finds in the same files: the text review counts them as unchanged
nkeyfindings=$("$bin" check --format json "$tmp/ka" 2>/dev/null | jq -e '.findings | length')
for fmt in text json markdown html; do
	"$bin" review --format $fmt --before "$tmp/kb" --after "$tmp/ka" >"$tmp/keys.review.$fmt" 2>&1
	rc=$?
	if [[ $fmt == text ]]; then
		# the text review lists changes only: the same files change nothing
		keys_ok "review $fmt" "$tmp/keys.review.$fmt" $rc
		if ! [[ $nkeyfindings =~ ^[1-9][0-9]*$ ]]; then
			fail "review text: check --format json of the same files gave no finding count: '$nkeyfindings'"
		elif ! grep -q -x -F -e "unchanged: $nkeyfindings findings" "$tmp/keys.review.$fmt"; then
			fail "review text: no line 'unchanged: $nkeyfindings findings' (the findings of check --format json on the same files), got: $(grep -e '^unchanged' "$tmp/keys.review.$fmt" || echo none)"
		else
			pass
		fi
	else
		keys_ok "review $fmt" "$tmp/keys.review.$fmt" $rc "${MASKS[@]}"
	fi
done

# ---- review -------------------------------------------------------------------------

R=fixtures/review/pfs-weakened
"$bin" review --format json --before $R/before --after $R/after >"$tmp/r.json" 2>&1
rc=$?
check "review: a change that breaks a pair exits 1" test $rc -eq 1
check "review: the broken pair goes from info to error" jq -e \
	'.pairs[] | select(.a == "BR1/ipsec-policy:VPN:10") | .before == "info" and .after == "error" and .change == "worse"' "$tmp/r.json"
check "review: the PFS finding is introduced, nothing resolved" jq -e \
	'(.findings.introduced | map(.rule) | sort) == ["pfs-mismatch", "weak-algorithm"] and (.findings.resolved | length) == 0' "$tmp/r.json"
"$bin" review --fail-on none --before $R/before --after $R/after >/dev/null 2>&1
check "review --fail-on none exits 0" test $? -eq 0
"$bin" review --format json --before fixtures/review/branch-added/before --after fixtures/review/branch-added/after >"$tmp/r2.json" 2>&1
check "review: a new branch is a tunnel added and a pair added" jq -e \
	'.tunnels_added == ["BR2-FW/ipsec-policy:VPN:10"] and ([.pairs[] | select(.change == "added")] | length) == 1' "$tmp/r2.json"
"$bin" review --format html -o "$tmp/r.html" --before $R/before --after $R/after 2>/dev/null
chrome "file://$tmp/r.html" --dump-dom >"$tmp/r.dom"
check "review html: the introduced findings are marked" test "$(grep -c 'class="finding sev-[a-z]* change-introduced"' "$tmp/r.dom")" -eq 2
check "review html: the pair that broke is drawn red" grep -q '<line class="edge v-error"' "$tmp/r.dom"
"$bin" review --before $R/before >/dev/null 2>&1
check "review without --after is a usage error" test $? -eq 2

# ---- --baseline, --changed ------------------------------------------------------------

"$bin" check --format json examples/ >"$tmp/base.json" 2>/dev/null
"$bin" check --baseline "$tmp/base.json" examples/ >"$tmp/b.out" 2>&1
rc=$?
check "--baseline: a known state has nothing to report and exits 0" test $rc -eq 0 -a "$(grep -c '\[' "$tmp/b.out")" -eq 0
mkdir -p "$tmp/fleet2"
cp examples/*.cfg "$tmp/fleet2/"
sed -i 's/pfs dh-group14/pfs dh-group5/' "$tmp/fleet2/branch1.cfg"
(cd "$tmp/fleet2" && "$bin" check --format json --baseline "$tmp/base.json" .) >"$tmp/b2.json" 2>/dev/null
check "--baseline: only the new findings are reported (paths may differ)" jq -e \
	'(.findings | map(.rule) | sort) == ["pfs-mismatch", "weak-algorithm"]' "$tmp/b2.json"
echo '{"findings": [{"fingerprint": "nope"}]}' >"$tmp/badbase.json"
"$bin" check --baseline "$tmp/badbase.json" examples/ >/dev/null 2>"$tmp/bb.err"
check "--baseline: a file that is no report is a usage error with its reason" \
	test $? -eq 2 -a "$(grep -c 'fingerprint' "$tmp/bb.err")" -eq 1

# the pfs-mismatch of the BR1 pair lives on branch1.cfg (named first), its peer side on hq.cfg
(cd "$tmp/fleet2" && "$bin" check --format json --changed hq.cfg .) >"$tmp/c.json" 2>/dev/null
check "--changed: a pair finding counts for the file of either side" jq -e \
	'[.findings[] | select(.rule == "pfs-mismatch" and (.devices | index("BR1")))] | length == 1' "$tmp/c.json"
(cd "$tmp/fleet2" && "$bin" check --format json --changed branch2-usg.cfg .) >"$tmp/c2.json" 2>/dev/null
check "--changed: findings of other files are left out" jq -e \
	'[.findings[] | select(.rule == "pfs-mismatch" or .rule == "weak-algorithm")] | length == 0' "$tmp/c2.json"

# ---- pre-commit ---------------------------------------------------------------------------

hooks=$tmp/hooks
mkdir -p "$hooks"
cp .pre-commit-hooks.yaml "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" -c user.email=ci@example.invalid -c user.name=ci add .pre-commit-hooks.yaml
git -C "$hooks" -c user.email=ci@example.invalid -c user.name=ci commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)
repo=$tmp/repo
mkdir -p "$repo/configs"
cp examples/hq.cfg examples/branch1.cfg examples/branch2-usg.cfg "$repo/configs/"
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: ipseclint\n' "$hooks" "$rev" >"$repo/.pre-commit-config.yaml"
echo "# fleet" >"$repo/README.md"
gitc() { git -C "$repo" -c user.email=ci@example.invalid -c user.name=ci "$@"; }
export PRE_COMMIT_HOME=$tmp/pre-commit-home
bindir=$(dirname "$bin")
gitc init -q
(cd "$repo" && PATH=$bindir:$PATH pre-commit install >/dev/null 2>&1)
gitc add .
(cd "$repo" && PATH=$bindir:$PATH git -c user.email=ci@example.invalid -c user.name=ci commit -q -m fleet) >"$tmp/pc1.out" 2>&1
check "pre-commit: a clean fleet is committed" test $? -eq 0 -a -n "$(git -C "$repo" log --oneline 2>/dev/null)"
sed -i 's/pfs dh-group14/pfs dh-group5/' "$repo/configs/branch1.cfg"
gitc add configs/branch1.cfg
(cd "$repo" && PATH=$bindir:$PATH git -c user.email=ci@example.invalid -c user.name=ci commit -q -m "weaker PFS") >"$tmp/pc2.out" 2>&1
rc=$?
check "pre-commit: a commit that breaks a tunnel is refused" test $rc -ne 0
check "pre-commit: ... naming the rule, found against the unchanged hub" grep -q 'pfs-mismatch' "$tmp/pc2.out"
check "pre-commit: ... and nothing was committed" test "$(git -C "$repo" log --oneline | wc -l)" -eq 1
gitc reset -q -- configs/branch1.cfg
gitc checkout -q -- configs/branch1.cfg
echo "more notes" >>"$repo/README.md"
gitc add README.md
(cd "$repo" && PATH=$bindir:$PATH git -c user.email=ci@example.invalid -c user.name=ci commit -q -m notes) >"$tmp/pc3.out" 2>&1
check "pre-commit: a commit of other files passes" test $? -eq 0

# ---- the man page, completion, make install ------------------------------------------------

check "the man page is clean under mandoc -Tlint" bash -c "test -z \"\$(mandoc -Tlint -W warning docs/ipseclint.1 2>&1)\""
check "bash completion loads and completes the commands" bash -c \
	"source docs/ipseclint.bash-completion && COMP_WORDS=(ipseclint re) COMP_CWORD=1 && _ipseclint && [[ \${COMPREPLY[*]} == review ]]"
make --no-print-directory -s install DESTDIR="$tmp/dest" PREFIX=/usr O="$(dirname "$bin")" >/dev/null 2>&1
check "make install: binary, man page, rule pages, completion" test -x "$tmp/dest/usr/bin/ipseclint" \
	-a -f "$tmp/dest/usr/share/man/man1/ipseclint.1" -a -f "$tmp/dest/usr/share/doc/ipseclint/rules/pfs-mismatch.md" \
	-a -f "$tmp/dest/usr/share/bash-completion/completions/ipseclint"

echo "reports: $passed passed, $failed failed"
((failed == 0))
