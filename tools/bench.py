#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""bench.py - the performance benchmark of ipseclint (make bench).

    tools/bench.py [--bin build/ipseclint] [--runs 3] [--out bench/RESULTS.md]
                   [--sizes 1000,10000,100000] [--keep DIR]

Generates its inputs with tools/gen-bench.py (seeded: the same bytes on every
machine) into a temporary directory:

  huawei-50mb   one Huawei file of 20,000 isakmp policies, peers and ACLs
  acl-10k/20k   one Huawei policy whose ACL has 10,000 / 20,000 overlapping
                rules (the single-device shadow and overlap checks)
  aix-10k       one AIX IKE database XML document of 10,000 tunnels
  fleet-N       hub-and-spoke fleets of N devices mixing the three vendors
                (--sizes; 10,000 is the fleet of the targets)

and times, on each, after one untimed run, 'ipseclint check -j 1 --timings'
(wall, CPU, peak RSS, the parse speed the tool reports for its read+parse
phase), the same with
'-j 2', and, on the same bytes in the same run, 'wc -w' and, for XML,
'xmllint --noout': the physical limit next to the tool. Every figure is the
median of --runs runs (peak RSS too). The table and the verdict on each
target go to standard output and to --out (Markdown, with the machine's
description); the explanation of a missed target is in bench/PROFILE.md,
written by hand from perf and callgrind profiles.

Exit status: 0 every target met, 1 one or more missed (make bench still
succeeds then: the table is the result), 2 a run failed or an input did not
parse cleanly (a generated input must give no syntax-error or
unknown-statement finding). Timing lives here, never in the tests.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1e6  # MB/s and the RSS target are in decimal megabytes, like the "50 MB"
MiB = 1 << 20

# The targets of issue 8 (single core unless noted)
PARSE_MBPS = 100.0      # Huawei text parse, MB/s on one core
FLEET_WALL = 2.0        # whole check of the 10,000-device fleet, seconds, one core
RSS_FACTOR, RSS_PLUS = 3.0, 50.0  # peak RSS <= 3 x input + 50 MB
GROWTH = 1.3            # 10k -> 100k devices within 1.3x of linear
SPEEDUP = 1.7           # -j 2 parsing at least 1.7x faster than -j 1
ACL_GROWTH = 2.6        # 10k -> 20k ACL rules: device checks within 1.3x of linear


class Failed(Exception):
    pass


GNU_TIME = "/usr/bin/time"


def measure(argv, stdout=subprocess.DEVNULL, ok=(0,)):
    """Run argv once: (wall s, CPU s, peak RSS bytes, stderr text).

    The peak RSS and CPU come from GNU time, which forks argv from its own
    small process: a child forked from this Python process would count
    Python's pages in its ru_maxrss (Linux keeps the high-water mark across
    exec)."""
    err = tempfile.TemporaryFile()
    res = tempfile.NamedTemporaryFile(mode="r")
    t0 = time.perf_counter()
    p = subprocess.run([GNU_TIME, "-o", res.name, "-f", "%U %S %M"] + argv, stdout=stdout, stderr=err)
    wall = time.perf_counter() - t0
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    err.close()
    if p.returncode not in ok:
        raise Failed("%s exited %d:\n%s" % (" ".join(argv[:3]), p.returncode, text[:2000]))
    # a non-zero exit puts "Command exited with non-zero status" before the figures
    user, sys_, rss_kb = res.read().split()[-3:]
    res.close()
    return wall, float(user) + float(sys_), int(rss_kb) * 1024, text


def median_of(runs, argv, **kw):
    """Medians of wall, CPU and RSS over runs; the stderr of the median-wall run."""
    got = [measure(argv, **kw) for _ in range(runs)]
    by_wall = sorted(got, key=lambda g: g[0])
    return (statistics.median(g[0] for g in got), statistics.median(g[1] for g in got),
            statistics.median(g[2] for g in got), by_wall[len(by_wall) // 2][3])


def timings(text):
    """What 'check --timings' said: parse MB/s per thread, parse wall, device checks."""
    t = {}
    m = re.search(r"read\+parse [0-9.]+ s in all threads \(([0-9.]+) MB/s per thread\)", text)
    if m:
        t["parse_mbps"] = float(m.group(1))
    m = re.search(r"read\+parse\+device checks ([0-9.]+) s wall", text)
    if m:
        t["parse_wall"] = float(m.group(1))
    m = re.search(r"device checks ([0-9.]+) s in all threads", text)
    if m:
        t["device_checks"] = float(m.group(1))
    return t


def files_of(path):
    if os.path.isfile(path):
        return [path]
    return sorted(os.path.join(path, f) for f in os.listdir(path))


def gen(tmp, name, *args):
    path = os.path.join(tmp, name)
    r = subprocess.run([sys.executable, os.path.join(HERE, "gen-bench.py")] + list(args) + [path],
                       capture_output=True, text=True)
    if r.returncode:
        raise Failed("gen-bench.py %s: %s" % (" ".join(args), r.stderr.strip()))
    return path


def bench_one(cfg, name, path, xml):
    files = files_of(path)
    size = sum(os.path.getsize(f) for f in files)
    row = {"name": name, "files": len(files), "bytes": size}
    report = os.path.join(cfg.tmp, "report.json")
    base = [cfg.bin, "check", "--timings", "--format", "json", "-o", report]
    # one untimed run first: the files in the page cache, the process's memory pages
    # already handed to this machine by its host (a first touch costs a third more here)
    measure(base + ["-j", "1", path], ok=(0, 1))
    wall, cpu, rss, err = median_of(cfg.runs, base + ["-j", "1", path], ok=(0, 1))
    row.update(wall1=wall, cpu1=cpu, rss1=rss, **{k + "1": v for k, v in timings(err).items()})
    with open(report, encoding="utf-8") as f:
        rep = json.load(f)
    bad = [x for x in rep["findings"] if x["rule"] in ("syntax-error", "unknown-statement")]
    if bad:
        loc = bad[0].get("location") or {}
        raise Failed("%s: %d syntax-error/unknown-statement findings, the first: %s:%s %s"
                     % (name, len(bad), loc.get("file"), loc.get("line"), bad[0].get("message")))
    s = rep["summary"]
    row["findings"] = s["errors"] + s["warnings"] + s["infos"]
    row["devices"], row["pairs"] = s["devices"], s["pairs"]
    wall, cpu, rss, err = median_of(cfg.runs, base + ["-j", "2", path], ok=(0, 1))
    row.update(wall2=wall, cpu2=cpu, rss2=rss, **{k + "2": v for k, v in timings(err).items()})

    # the physical limit: the same bytes read and split into words
    lst = os.path.join(cfg.tmp, "files0")
    with open(lst, "wb") as f:
        f.write(b"".join(os.fsencode(x) + b"\0" for x in files))
    row["wc"] = median_of(cfg.runs, ["wc", "-w", "--files0-from=" + lst])[0]
    if xml:
        if shutil.which("xmllint"):
            w, _, r, _ = median_of(cfg.runs, ["xmllint", "--noout"] + files)
            row["xmllint"], row["xmllint_rss"] = w, r
        else:
            row["xmllint"] = None
    return row


def fmt(x, spec="%.3f"):
    return "-" if x is None else spec % x


def machine(binary, build):
    lines = []
    model, extra = "?", ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"^Model name:\s*(.+)$", out, re.M)
        if m:
            model = m.group(1).strip()
        m = re.search(r"^L3 cache:\s*(.+)$", out, re.M)
        if m:
            extra += ", L3 %s" % m.group(1).strip()
        m = re.search(r"^Hypervisor vendor:\s*(.+)$", out, re.M)
        if m:
            extra += ", a virtual machine (%s)" % m.group(1).strip()
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            m = re.search(r"MemTotal:\s+(\d+) kB", f.read())
            mem = "%.1f GiB" % (int(m.group(1)) / (1 << 20))
    except (OSError, AttributeError):
        pass
    cc = subprocess.run([os.environ.get("CC", "cc"), "--version"], capture_output=True, text=True).stdout
    ver = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    try:
        rev = subprocess.run(["git", "-C", os.path.dirname(HERE), "describe", "--always", "--dirty"],
                             capture_output=True, text=True).stdout.strip()
    except OSError:
        rev = ""
    lines.append("- CPU: %s, %d online CPUs (`nproc`)%s" % (model, os.cpu_count() or 0, extra))
    lines.append("- memory: %s; kernel: %s %s" % (mem, platform.system(), platform.release()))
    lines.append("- compiler: %s%s" % (cc.splitlines()[0] if cc else "?", "; built with `%s`" % build if build else ""))
    lines.append("- ipseclint: %s%s" % (ver.splitlines()[0] if ver else "?", " (%s)" % rev if rev else ""))
    lines.append("- load average before the run: %s" % " ".join("%.2f" % x for x in os.getloadavg()))
    return lines


def main():
    ap = argparse.ArgumentParser(description="the ipseclint benchmark")
    ap.add_argument("--bin", default=os.environ.get("IPSECLINT", "build/ipseclint"))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    ap.add_argument("--out", default=os.environ.get("BENCH_OUT", "bench/RESULTS.md"))
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000,100000"))
    ap.add_argument("--keep", help="generate into DIR and leave the inputs there")
    ap.add_argument("--build", default="", help="how the binary was built, for the machine description")
    ap.add_argument("--small", action="store_true",
                    help="inputs, fleets too, a hundredth of the size (the harness's test; the verdicts mean nothing)")
    cfg = ap.parse_args()
    cfg.runs = max(1, cfg.runs)
    cfg.bin = os.path.abspath(cfg.bin)
    if not os.access(cfg.bin, os.X_OK):
        print("bench: no ipseclint binary at '%s'" % cfg.bin, file=sys.stderr)
        return 2
    if not os.access(GNU_TIME, os.X_OK):
        print("bench: GNU time (%s, Debian package 'time') measures the peak RSS; "
              "'sh tools/deps.sh bench' installs it" % GNU_TIME, file=sys.stderr)
        return 2
    sizes = [int(x) for x in cfg.sizes.split(",") if x.strip()]
    cfg.tmp = cfg.keep or tempfile.mkdtemp(prefix="ipseclint-bench.")
    os.makedirs(cfg.tmp, exist_ok=True)
    started = time.time()
    desc = machine(cfg.bin, cfg.build)
    rows = {}
    try:
        print("bench: generating the inputs in %s" % cfg.tmp, file=sys.stderr)
        # --small: a hundredth of each, for the harness's own test (tests/bench.sh)
        div = 100 if cfg.small else 1
        inputs = [("huawei-50mb", gen(cfg.tmp, "huawei-50mb.cfg", "big-huawei", "--policies", str(20000 // div)),
                   False),
                  ("acl-10k", gen(cfg.tmp, "acl-10k.cfg", "big-acl", "--rules", str(10000 // div)), False),
                  ("acl-20k", gen(cfg.tmp, "acl-20k.cfg", "big-acl", "--rules", str(20000 // div)), False),
                  ("aix-10k", gen(cfg.tmp, "aix-10k.xml", "aix-db", "--tunnels", str(10000 // div)), True)]
        for n in sizes:
            m = max(2, n // div)
            inputs.append(("fleet-%dk" % (n // 1000) if n % 1000 == 0 else "fleet-%d" % n,
                           gen(cfg.tmp, "fleet-%d" % n, "fleet", "--devices", str(m),
                               "--faults", str(max(1, m // 100))), False))
        # the generator's writes reach the disk before anything is timed (writeback of
        # 100,000 new files slows the first runs by a quarter otherwise)
        os.sync()
        for name, path, xml in inputs:
            print("bench: %s" % name, file=sys.stderr)
            rows[name] = bench_one(cfg, name, path, xml)
            if os.path.isdir(path) and not cfg.keep:
                shutil.rmtree(path)
    except Failed as e:
        print("bench: %s" % e, file=sys.stderr)
        return 2
    finally:
        if not cfg.keep:
            shutil.rmtree(cfg.tmp, ignore_errors=True)

    table = ["| input | files | MB | -j1 wall s | -j1 CPU s | MB/s | parse MB/s | peak RSS MB | "
             "RSS limit MB | -j2 wall s | parse -j1/-j2 | `wc -w` s | x wc | `xmllint` s (RSS MB) | x xmllint | findings |",
             "|" + "---|" * 16]
    for r in rows.values():
        mb = r["bytes"] / MB
        xl = r.get("xmllint")
        table.append("| %s | %d | %.1f | %.3f | %.3f | %.0f | %s | %.0f | %.0f | %.3f | %s | %.3f | %.1f | %s | %s | %d |" % (
            r["name"], r["files"], mb, r["wall1"], r["cpu1"], mb / r["wall1"],
            fmt(r.get("parse_mbps1"), "%.0f"), r["rss1"] / MB, RSS_FACTOR * mb + RSS_PLUS, r["wall2"],
            fmt(r["parse_wall1"] / r["parse_wall2"] if r.get("parse_wall2") else None, "%.2f"),  # "-": too fast to tell
            r["wc"], r["wall1"] / r["wc"] if r["wc"] > 0 else 0,
            "-" if not xl else "%.3f (%.0f)" % (xl, r["xmllint_rss"] / MB),
            fmt(r["wall1"] / xl if xl else None, "%.1f"), r["findings"]))

    verdicts = []

    def verdict(what, ok, got, anchor):
        verdicts.append((what, ok, got, anchor))

    h = rows["huawei-50mb"]
    verdict("Huawei text parse >= %.0f MB/s (one core, huawei-50mb)" % PARSE_MBPS,
            h.get("parse_mbps1", 0) >= PARSE_MBPS, "%.0f MB/s" % h.get("parse_mbps1", 0), "parse-speed")
    f10 = rows.get("fleet-10k")
    if f10:
        verdict("whole check of the 10,000-device fleet under %.0f s (one core)" % FLEET_WALL,
                f10["wall1"] < FLEET_WALL, "%.2f s" % f10["wall1"], "fleet-wall")
    for r in rows.values():
        limit = RSS_FACTOR * r["bytes"] / MB + RSS_PLUS
        verdict("peak RSS <= 3 x input + 50 MB (%s, one core)" % r["name"], r["rss1"] / MB <= limit,
                "%.0f MB of %.0f" % (r["rss1"] / MB, limit), "memory")
    f100 = rows.get("fleet-100k")
    if f10 and f100:
        g = f100["wall1"] / max(f10["wall1"], 1e-3)
        lin = f100["files"] / f10["files"]
        verdict("10k -> 100k devices within %.1fx of linear (one core)" % GROWTH, g <= GROWTH * lin,
                "%.1fx for %.0fx the devices (%.2fx of linear)" % (g, lin, g / lin), "growth")
    if f10 and f10.get("parse_wall2") is not None:
        s = f10["parse_wall1"] / max(f10["parse_wall2"], 1e-3)
        verdict("-j 2 parsing >= %.1fx faster than -j 1 (fleet-10k, 2 cores)" % SPEEDUP, s >= SPEEDUP,
                "%.2fx" % s, "threads")
    a, b = rows["acl-10k"], rows["acl-20k"]
    if a.get("device_checks1") is not None and b.get("device_checks1") is not None:
        g = b["device_checks1"] / max(a["device_checks1"], 1e-3)
        verdict("shadow and overlap checks not quadratic: 10k -> 20k ACL rules within %.1fx" % ACL_GROWTH,
                g <= ACL_GROWTH, "%.2fx (%.3f s -> %.3f s)" % (g, a["device_checks1"], b["device_checks1"]),
                "acl")

    out = []
    out.append("# ipseclint benchmark results\n")
    out.append("Written by `make bench` (tools/bench.py) on %s in %.0f s; every figure is the median of %d runs "
               "after one untimed run."
               % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  time.time() - started, cfg.runs))
    out.append("The inputs come from tools/gen-bench.py with its default seed; MB are 10^6 bytes.\n")
    if cfg.small:
        out.append("**--small: the inputs, fleets too, are a hundredth of their names' size; "
                   "the verdicts mean nothing.**\n")
    out.append("## Machine\n")
    out += desc
    out.append("\n## Results\n")
    out.append("MB/s is the input over the whole `check -j 1` wall time; parse MB/s is what `--timings` "
               "reports for reading and parsing alone, per thread. `x wc` and `x xmllint` are the `-j 1` "
               "wall time over the wall time of `wc -w` (or `xmllint --noout`) on the same files.\n")
    out += table
    out.append("\n## Targets\n")
    out.append("| target | verdict | measured |")
    out.append("|---|---|---|")
    for what, ok, got, anchor in verdicts:
        out.append("| %s | %s | %s |" % (what, "met" if ok else "MISSED ([why](PROFILE.md#%s))" % anchor, got))
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if cfg.out and cfg.out != "-":
        os.makedirs(os.path.dirname(cfg.out) or ".", exist_ok=True)
        with open(cfg.out, "w", encoding="utf-8") as f:
            f.write(text)
        print("bench: written to %s" % cfg.out, file=sys.stderr)
    return 0 if all(v[1] for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
