#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tests/html_dom.py DOM JSON - check the DOM Chromium made of an HTML report
against the JSON report of the same check.

DOM is what `chromium --headless --dump-dom` printed (scripts disabled); JSON
is `ipseclint check --format json` of the same files. Checked, as a reader of
the page would see it:

- nothing runs and nothing is fetched: no <script>, no src/href/xlink:href to
  another document, a Content-Security-Policy of default-src 'none';
- the picture: one edge per tunnel pair, coloured by the pair's verdict, and
  a dashed stub per tunnel whose peer is missing (when every device is drawn);
- the pairs table: one row per pair and unpaired tunnel, the same verdicts;
- the findings: one block per finding, the same rules, every quoted line
  present.

Exit 0 when all holds, else 1 with one line per problem.
"""
import collections
import json
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs dict)
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def classes(attrs):
    return set((attrs.get("class") or "").split())


def main():
    dom = Dom()
    dom.feed(open(sys.argv[1], encoding="utf-8", errors="replace").read())
    report = json.load(open(sys.argv[2], encoding="utf-8"))
    problems = []

    for tag, attrs in dom.tags:
        if tag == "script":
            problems.append("the page has a <script>")
        for key in ("src", "href", "xlink:href", "action", "formaction"):
            value = attrs.get(key)
            if value and not value.startswith("#"):
                problems.append(f"<{tag} {key}={value!r}> refers to another document")
    csp = [a.get("content", "") for t, a in dom.tags
           if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
    if not csp or "default-src 'none'" not in csp[0]:
        problems.append("no Content-Security-Policy of default-src 'none'")

    pairs = report["pairs"]
    want_edges = collections.Counter("v-" + p["status"] for p in pairs)
    edges = [a for t, a in dom.tags if t == "line" and "edge" in classes(a)]
    got_edges = collections.Counter(c for a in edges for c in classes(a) if c.startswith("v-"))
    nodes = [a for t, a in dom.tags if t == "g" and "node" in classes(a)]
    devices = {t["device"] for t in report["tunnels"]}
    if len(nodes) == len(devices) or len(devices) == 0:
        if got_edges != want_edges:
            problems.append(f"edges by verdict {dict(got_edges)}, the JSON report's pairs {dict(want_edges)}")
        for a in edges:
            if not a.get("data-a") or not a.get("data-b"):
                problems.append("an edge without data-a/data-b")
        unpaired = [t for t in report["tunnels"] if t["peer"] is None]
        stubs = [a for t, a in dom.tags if t == "g" and "stub" in classes(a)]
        if len(stubs) != len(unpaired):
            problems.append(f"{len(stubs)} stubs, {len(unpaired)} tunnels without a peer")
    elif "not drawn" not in "".join(dom.text):
        problems.append("devices left out of the picture, and the caption does not say so")

    rows = [a for t, a in dom.tags if t == "tr" and "pair" in classes(a)]
    unpaired = [t for t in report["tunnels"] if t["peer"] is None]
    if len(rows) != len(pairs) + len(unpaired):
        problems.append(f"{len(rows)} rows in the pairs table, {len(pairs)} pairs and {len(unpaired)} unpaired tunnels")

    blocks = [a for t, a in dom.tags if t == "div" and "finding" in classes(a)]
    got_rules = collections.Counter(a.get("data-rule") for a in blocks)
    want_rules = collections.Counter(f["rule"] for f in report["findings"])
    if got_rules != want_rules:
        problems.append(f"finding blocks by rule {dict(got_rules)}, the JSON report's {dict(want_rules)}")
    pres = [a for t, a in dom.tags if t == "pre" and "src" in classes(a)]
    want_quotes = sum(1 + len(f["related"]) for f in report["findings"] if f["location"]["file"])
    if len(pres) != want_quotes:
        problems.append(f"{len(pres)} quoted lines, {want_quotes} locations")

    for p in problems:
        print(f"html_dom: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
