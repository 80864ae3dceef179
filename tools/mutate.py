#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tools/mutate.py - mutation testing of the checker, the model algebra and
the drivers' defaults: do the tests notice when the code is wrong?

    python3 tools/mutate.py [--mutants N] [--seed S] [--jobs J]
                            [--timeout SECONDS] [--list] [--only FILE]
                            [--rev COMMIT] [--resume LOG]

Each mutant is one small change to one C source: a relational operator
flipped (< <=, > >=), an equality flipped (== !=), && and || swapped, one
operand of && or || dropped, a ! dropped, an integer constant off by one, an
enumeration constant replaced by its neighbour, an early return at the top
of a function, or the first two arguments of a call swapped. It applies to
every function of checker/ and model/ (the selector and address algebra,
the model's indexes) and, in parsers/, to the constants of the functions that
apply a vendor's defaults (those that write PROV_DEFAULT provenance). A mutant
that does not compile (the build rejects incompatible pointer and integer
conversions, so most ill-typed argument swaps are not run) is set aside and
another is drawn.

Mutants are drawn at random with SEED from all that exist, so two runs with
the same SEED and the same sources test the same mutants. Each is built in a
private copy of the tree (build-mutate/wN/, one per job; only the mutated
object is recompiled) and run against what 'make check' runs first:
'make test' (unit, golden, formats, hostile, secrets, fuzz replays), then
tests/cli.sh and tests/reports.sh, stopping at the first failure. A mutant
is killed when a test fails or the run exceeds the time budget (a mutant
that loops); it survived when everything passes. Mutants listed in
tests/mutants-equivalent.txt (by the ID printed for each survivor, with the
reason it cannot change behaviour) are counted as equivalent, not run.

A run stopped before the end (two hours do not always fit) is continued
with --resume LOG, LOG being what the stopped run printed: with the same
--seed, --mutants and --rev the sample is the same, and each mutant the log
gives a result for (killed, survived, or did not compile) keeps it instead of
being run again; one the equivalents file lists by now counts as equivalent.

The summary line is

    mutation: N mutants, K killed, S survived, E equivalent (score K/(K+S) %)

followed by each survivor with its ID, file:line, operator and diff. The
whole result is also written to build-mutate/report.txt. Exit status 0 when
the run completed (whatever the score), 2 when the unmutated tree fails its
own tests or the tool is used wrongly.
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EQUIV_FILE = "tests/mutants-equivalent.txt"
WORK = "build-mutate"
# seconds one unit test may take in a mutant (the slowest takes 5 unmutated)
UNIT_TIMEOUT = 60

# the objects of a mutant build: the same warnings as a normal build, but an
# ill-typed swap does not compile instead of crashing at run time
MUT_CFLAGS = ("-O1 -g0 -Werror=incompatible-pointer-types -Werror=int-conversion "
              "-Werror=discarded-qualifiers -Werror=implicit-function-declaration")

KEYWORDS = {
    "if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "default",
    "break", "continue", "goto", "static", "const", "struct", "union", "enum", "typeof",
    "__typeof__", "_Alignof", "alignof", "offsetof", "va_arg", "_Static_assert",
}

# ---- a C tokenizer -----------------------------------------------------------------

TOKEN_RE = re.compile(r"""
    (?P<pp>(?:\A|(?<=\n))[ \t]*\#(?:[^\n\\]|\\.)*(?:\\\n(?:[^\n\\]|\\.)*)*)
  | (?P<ws>[ \t\r\f\v]+|\n)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<char>'(?:[^'\\\n]|\\.)*')
  | (?P<number>(?:0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)[uUlLfF]*)
  | (?P<ident>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|[][{}();:,.?~!<>=+\-*/%&|^])
""", re.S | re.X)


class Tok:
    __slots__ = ("kind", "text", "start", "end", "line")

    def __init__(self, kind, text, start, end, line):
        self.kind, self.text, self.start, self.end, self.line = kind, text, start, end, line


def tokenize(src):
    toks = []
    pos = 0
    line = 1
    n = len(src)
    while pos < n:
        m = TOKEN_RE.match(src, pos)
        if not m:
            # something the tokenizer does not know (a stray backslash): skip it
            pos += 1
            continue
        kind = m.lastgroup
        text = m.group()
        if kind not in ("ws", "comment", "pp"):
            toks.append(Tok(kind, text, pos, m.end(), line))
        line += text.count("\n")
        pos = m.end()
    return toks


class Func:
    def __init__(self, name, rettype, open_i, close_i):
        self.name, self.rettype, self.open_i, self.close_i = name, rettype, open_i, close_i


def functions(toks):
    """Function definitions at file level: NAME ( ... ) { ... }"""
    out = []
    depth = 0
    stmt_start = 0
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.text == "{" and depth == 0:
            # a body when the token before is ')' (after attributes, none here)
            j = i - 1
            if j >= 0 and toks[j].text == ")":
                pd = 0
                k = j
                while k >= 0:
                    if toks[k].text == ")":
                        pd += 1
                    elif toks[k].text == "(":
                        pd -= 1
                        if pd == 0:
                            break
                    k -= 1
                name_i = k - 1
                # find the matching close brace
                d = 0
                m = i
                while m < len(toks):
                    if toks[m].text == "{":
                        d += 1
                    elif toks[m].text == "}":
                        d -= 1
                        if d == 0:
                            break
                    m += 1
                if name_i >= 0 and toks[name_i].kind == "ident":
                    rettype = " ".join(x.text for x in toks[stmt_start:name_i])
                    out.append(Func(toks[name_i].text, rettype, i, m))
                i = m + 1
                stmt_start = i
                continue
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
            if depth == 0:
                stmt_start = i + 1
        elif t.text == ";" and depth == 0:
            stmt_start = i + 1
        i += 1
    return out


# ---- enumerations: the neighbour of a constant --------------------------------------

def enum_groups(root):
    groups = {}
    hdrs = []
    for d in ("model", "checker", "diag", "common", "parsers"):
        p = os.path.join(root, d)
        hdrs += [os.path.join(p, f) for f in sorted(os.listdir(p)) if f.endswith(".h")]
    for h in hdrs:
        with open(h, encoding="utf-8", errors="replace") as fh:
            toks = tokenize(fh.read())
        i = 0
        while i < len(toks):
            if toks[i].text == "enum":
                j = i + 1
                if j < len(toks) and toks[j].kind == "ident":
                    j += 1
                if j < len(toks) and toks[j].text == "{":
                    names = []
                    k = j + 1
                    expect = True
                    d = 0
                    while k < len(toks) and toks[k].text != "}":
                        tx = toks[k].text
                        if tx == "(":
                            d += 1
                        elif tx == ")":
                            d -= 1
                        elif tx == "," and d == 0:
                            expect = True
                        elif expect and toks[k].kind == "ident":
                            names.append(tx)
                            expect = False
                        k += 1
                    # a counter such as R__COUNT or ENC__N is no value
                    names = [x for x in names if "__" not in x]
                    if len(names) >= 2:
                        for idx, nm in enumerate(names):
                            groups[nm] = names[(idx + 1) % len(names)]
                    i = k
            i += 1
    return groups


# ---- the mutants of one file ---------------------------------------------------------

class Mutant:
    __slots__ = ("file", "func", "line", "op", "start", "end", "repl", "orig", "id", "linetext")

    def __init__(self, file, func, line, op, start, end, repl, orig, linetext, occ):
        self.file, self.func, self.line, self.op = file, func, line, op
        self.start, self.end, self.repl, self.orig = start, end, repl, orig
        self.linetext = linetext
        key = "|".join((file, func, " ".join(linetext.split()), op, orig, repl, str(occ)))
        self.id = hashlib.sha1(key.encode()).hexdigest()[:12]

    def describe(self):
        o = " ".join(self.orig.split())
        r = " ".join(self.repl.split())
        if len(o) > 60:
            o = o[:57] + "..."
        if len(r) > 60:
            r = r[:57] + "..."
        return "%s: '%s' -> '%s'" % (self.op, o, r)


REL = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
EQ = {"==": "!=", "!=": "=="}
LOGIC = {"&&": "||", "||": "&&"}
BOUNDARY = {"&&", "||", "(", ",", "?", ":", ";", "=", "return", "{", "}",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}
# calls whose first two arguments commute, and comparisons whose sign is not
# read when compared with 0 by == or != (a swap there cannot change anything)
COMMUTATIVE = {"xcalloc", "calloc", "MIN", "MAX", "min", "max"}
SIGN_ONLY = {"strcmp", "strcasecmp", "strncmp", "strncasecmp", "memcmp", "streq"}


def is_decl_bracket(toks, i):
    """Is the number at i an array size in a declaration (char buf[64])?"""
    if i == 0 or toks[i - 1].text != "[" or i + 1 >= len(toks) or toks[i + 1].text != "]":
        return False
    j = i - 2
    if j >= 0 and toks[j].kind == "ident":
        k = j - 1
        return k >= 0 and (toks[k].kind == "ident" or toks[k].text in ("*", ","))
    return False


def operand_span(toks, i, direction, lo, hi):
    """The operand of the && or || at i, to the left (-1) or right (+1)."""
    d = 0
    j = i + direction
    last = i
    while lo <= j <= hi:
        tx = toks[j].text
        if tx in ("(", "["):
            if direction < 0 and d == 0:
                break
            d += 1 if direction > 0 else -1
        elif tx in (")", "]"):
            if direction > 0 and d == 0:
                break
            d -= 1 if direction > 0 else -1
        elif d == 0 and tx in BOUNDARY:
            break
        last = j
        j += direction
    if last == i:
        return None
    return (last, i - 1) if direction < 0 else (i + 1, last)


def early_return(rettype):
    words = rettype.replace("static", "").replace("inline", "").split()
    if not words:
        return None
    if words == ["void"]:
        return "return;"
    if "*" in rettype:
        return "return NULL;"
    if words[-1] == "bool":
        return "return false;"
    if words[0] in ("struct", "union"):
        return None
    return "return 0;"


def file_mutants(rel, src, groups, consts_only):
    toks = tokenize(src)
    lines = src.split("\n")
    out = []
    occ = {}

    def add(func, i, op, start, end, repl):
        orig = src[start:end]
        if orig == repl:
            return
        ln = toks[i].line
        lt = lines[ln - 1] if ln - 1 < len(lines) else ""
        key = (func.name, " ".join(lt.split()), op, orig, repl)
        occ[key] = occ.get(key, 0) + 1
        out.append(Mutant(rel, func.name, ln, op, start, end, repl, orig, lt, occ[key]))

    for fn in functions(toks):
        if consts_only and not any(t.text in ("PROV_DEFAULT", "PROV_DEFAULT_ASSUMED", "default_at")
                                   for t in toks[fn.open_i:fn.close_i]):
            continue
        lo, hi = fn.open_i + 1, fn.close_i - 1
        if not consts_only:
            er = early_return(fn.rettype)
            if er and lo <= hi:
                t = toks[fn.open_i]
                add(fn, fn.open_i, "early-return", t.end, t.end, " " + er)
        for i in range(lo, hi + 1):
            t = toks[i]
            tx = t.text
            if (t.kind == "number" and re.fullmatch(r"(?:0|[1-9][0-9]*)[uUlL]*", tx)
                    and not is_decl_bracket(toks, i)):
                digits = re.match(r"[0-9]+", tx).group()
                suffix = tx[len(digits):]
                v = int(digits)
                add(fn, i, "constant", t.start, t.end, str(v + 1) + suffix)
                if v > 0:
                    add(fn, i, "constant", t.start, t.end, str(v - 1) + suffix)
                continue
            if t.kind == "ident" and tx in groups:
                add(fn, i, "enum-constant", t.start, t.end, groups[tx])
                continue
            if consts_only:
                continue
            if t.kind == "punct" and tx in REL:
                add(fn, i, "relational", t.start, t.end, REL[tx])
            elif t.kind == "punct" and tx in EQ:
                add(fn, i, "equality", t.start, t.end, EQ[tx])
            elif t.kind == "punct" and tx in LOGIC:
                add(fn, i, "logic-swap", t.start, t.end, LOGIC[tx])
                left = operand_span(toks, i, -1, lo, hi)
                right = operand_span(toks, i, +1, lo, hi)
                if left and right:
                    # drop the left operand (and the operator), or the right one
                    add(fn, i, "drop-condition", toks[left[0]].start, toks[right[0]].start, "")
                    add(fn, i, "drop-condition", toks[left[1]].end, toks[right[1]].end, "")
            elif t.kind == "punct" and tx == "!":
                add(fn, i, "drop-negation", t.start, t.end, "")
            elif (t.kind == "ident" and tx not in KEYWORDS and i + 1 <= hi and toks[i + 1].text == "("
                  and (i == 0 or toks[i - 1].text not in (".", "->"))):
                # a call: swap its first two arguments
                args = []
                d = 0
                j = i + 2
                a0 = j
                while j <= hi:
                    x = toks[j].text
                    if x in ("(", "[", "{"):
                        d += 1
                    elif x in (")", "]", "}"):
                        if d == 0:
                            args.append((a0, j - 1))
                            break
                        d -= 1
                    elif x == "," and d == 0:
                        args.append((a0, j - 1))
                        a0 = j + 1
                    j += 1
                after = toks[j + 1].text if j + 1 <= hi else ""
                before = toks[i - 1].text if i > 0 else ""
                if tx in COMMUTATIVE or (tx in SIGN_ONLY and (after in ("==", "!=") or before == "!")):
                    continue
                if len(args) >= 2 and args[0][0] <= args[0][1] and args[1][0] <= args[1][1]:
                    s0, e0 = toks[args[0][0]].start, toks[args[0][1]].end
                    s1, e1 = toks[args[1][0]].start, toks[args[1][1]].end
                    a, b = src[s0:e0], src[s1:e1]
                    if a != b:
                        add(fn, i, "swap-arguments", s0, e1, b + src[e0:s1] + a)
    return out


def all_mutants(root, only=None):
    groups = enum_groups(root)
    res = []
    targets = []
    for d, consts in (("checker", False), ("model", False), ("parsers", True)):
        p = os.path.join(root, d)
        for f in sorted(os.listdir(p)):
            if f.endswith(".c"):
                targets.append((d + "/" + f, consts))
    for rel, consts in targets:
        if rel == "model/arena.c" or rel == "model/source.c":
            continue  # memory and file plumbing: a fault there crashes every test
        if only and rel not in only:
            continue
        with open(os.path.join(root, rel), encoding="utf-8", newline="") as fh:
            src = fh.read()
        res += file_mutants(rel, src, groups, consts)
    return res


# "[12/200  830s] killed    0123456789ab checker/x.c:10 relational: ... [make test]"
RESUME_LINE = re.compile(r"^\[\d+/\d+\s+\d+s\] (killed|survived|stillborn)\s+([0-9a-f]{12}) .*?(?: \[([^\]]+)\])?$")


def load_resume(path):
    """{mutant ID: (status, stage)} from the output of an earlier run."""
    done = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = RESUME_LINE.match(line.rstrip("\n"))
            if m:
                done[m.group(2)] = (m.group(1), m.group(3))
    return done


def load_equivalents():
    eq = {}
    path = os.path.join(ROOT, EQUIV_FILE)
    if not os.path.exists(path):
        return eq
    with open(path, encoding="utf-8") as fh:
        for ln in fh:
            ln = ln.strip()
            if not ln or ln.startswith("#"):
                continue
            mid = ln.split()[0]
            eq[mid] = ln
    return eq


# ---- running -------------------------------------------------------------------------

STOP = threading.Event()
CHILDREN = set()
CHILD_LOCK = threading.Lock()


def reap(cwd):
    """Kill what a stage left running in cwd: Criterion's workers (boxfort) start
    sessions of their own, so a killed or timed-out unit test can leave one spinning
    outside the process group, for hours."""
    top = os.path.realpath(cwd)
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            where = os.readlink("/proc/%s/cwd" % pid)
        except OSError:
            continue
        if where == top or where.startswith(top + os.sep):
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass


def sh(cmd, cwd, timeout, env=None, log=None):
    """Run cmd in its own process group; (returncode or 'timeout', seconds)."""
    t0 = time.monotonic()
    if STOP.is_set():
        return "stopped", 0.0
    p = subprocess.Popen(cmd, cwd=cwd, shell=True, stdout=log or subprocess.DEVNULL,
                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                         start_new_session=True)
    with CHILD_LOCK:
        CHILDREN.add(p.pid)
    try:
        rc = p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        rc = "timeout"
    finally:
        with CHILD_LOCK:
            CHILDREN.discard(p.pid)
    reap(cwd)
    if STOP.is_set():
        rc = "stopped"
    return rc, time.monotonic() - t0


def stop_all(*_):
    """Ctrl-C or SIGTERM: no new mutant, the running ones' process groups ended."""
    STOP.set()
    with CHILD_LOCK:
        for pid in list(CHILDREN):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


class Worker:
    def __init__(self, n, shared):
        self.dir = os.path.join(ROOT, WORK, "w%d" % n)
        self.shared = shared
        self.env = dict(os.environ)
        self.env.pop("MAKEFLAGS", None)
        self.env.pop("MFLAGS", None)
        self.env.pop("MAKELEVEL", None)
        self.env["IPSECLINT"] = "build/ipseclint"
        self.env["SHARED"] = shared
        # a mutant is killed by its first failing test: no need for the others
        self.env["CRITERION_FAIL_FAST"] = "1"
        self.env["GOLDEN_FAIL_FAST"] = "1"

    def prepare(self, rev):
        """A private copy of the sources: the work tree's tracked and new files,
        or the tree of commit rev; no build output. A file that differs from the
        copy's is copied with a new time, so the copy's build remakes what it
        holds; a file gone from the sources goes from the copy."""
        if rev:
            tmp = self.dir + ".rev"
            shutil.rmtree(tmp, ignore_errors=True)
            os.makedirs(tmp)
            subprocess.run("git archive --format=tar '%s' | tar -x -C '%s'" % (rev, tmp),
                           shell=True, cwd=ROOT, check=True)
            base = tmp
            files = []
            for d, _, fs in os.walk(tmp):
                files += [os.path.relpath(os.path.join(d, f), tmp) for f in fs]
        else:
            base = ROOT
            out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                                 check=True, capture_output=True).stdout.split(b"\0")
            files = [f.decode() for f in out if f and not f.startswith(WORK.encode() + b"/")]
        # what the copy's build was made from: without that record, build afresh
        manifest = os.path.join(self.dir, "build", ".mutate-sources")
        if not os.path.exists(manifest):
            shutil.rmtree(os.path.join(self.dir, "build"), ignore_errors=True)
        keep = set()
        self.digest = hashlib.sha1()
        for f in sorted(files):
            src = os.path.join(base, f)
            if not os.path.isfile(src) or os.path.islink(src):
                continue
            keep.add(f)
            self.digest.update(f.encode() + b"\0")
            with open(src, "rb") as fh:
                self.digest.update(fh.read())
            dst = os.path.join(self.dir, f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if not os.path.exists(dst) or not filecmp_same(src, dst):
                shutil.copy(src, dst)
        for d, _, fs in os.walk(self.dir):
            rel = os.path.relpath(d, self.dir)
            if rel == "build" or rel.startswith("build" + os.sep):
                continue
            for f in fs:
                r = os.path.normpath(os.path.join(rel, f))
                if r not in keep and not f.endswith(".log"):
                    os.remove(os.path.join(d, f))
        if rev:
            shutil.rmtree(tmp, ignore_errors=True)

    def make(self, goals, timeout, log=None):
        cmd = "make -s --no-print-directory O=build CFLAGS='%s' SHARED='%s' %s" % (
            MUT_CFLAGS, self.shared, goals)
        return sh(cmd, self.dir, timeout, self.env, log)

    def build(self, timeout, log=None):
        return self.make("all build/tests/unit " + " ".join(self.replays()), timeout, log)

    def replays(self):
        fz = os.path.join(self.dir, "tests", "fuzz")
        return ["build/tests/fuzz/replay-" + f[5:-2] for f in sorted(os.listdir(fz))
                if f.startswith("fuzz_") and f.endswith(".c")]

    def stages(self):
        return [
            ("make test", "make -s --no-print-directory O=build CFLAGS='%s' SHARED='%s' "
             "UNIT_FLAGS='--fail-fast --timeout %d' test" % (MUT_CFLAGS, self.shared, UNIT_TIMEOUT)),
            ("cli.sh", "bash tests/cli.sh"),
            ("reports.sh", "bash tests/reports.sh"),
        ]

    def run_tests(self, budget, log=None):
        """(stage that failed or None, seconds)"""
        t0 = time.monotonic()
        for name, cmd in self.stages():
            left = budget - (time.monotonic() - t0)
            if left <= 0:
                return name + " (time budget)", time.monotonic() - t0
            rc, _ = sh(cmd, self.dir, left, self.env, log)
            if rc == "stopped":
                return "stopped", time.monotonic() - t0
            if rc == "timeout":
                return name + " (time budget)", time.monotonic() - t0
            if rc != 0:
                return name, time.monotonic() - t0
        return None, time.monotonic() - t0


def filecmp_same(a, b):
    sa, sb = os.stat(a), os.stat(b)
    if sa.st_size != sb.st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def run_mutant(w, m, budget, logpath):
    """'killed', 'survived' or 'stillborn', with the failing stage."""
    path = os.path.join(w.dir, m.file)
    obj = os.path.join(w.dir, "build", m.file[:-2] + ".o")
    with open(path, "rb") as fh:
        orig = fh.read()
    st = os.stat(path)
    saved_obj = obj + ".pristine"
    shutil.copy2(obj, saved_obj)
    # the object goes: the mutant is compiled whatever the clock's resolution
    os.remove(obj)
    text = orig.decode("utf-8")
    mutated = text[:m.start] + m.repl + text[m.end:]
    try:
        with open(path, "wb") as fh:
            fh.write(mutated.encode("utf-8"))
        with open(logpath, "w") as log:
            rc, _ = w.build(600, log)
            if rc != 0:
                return "stillborn", "build"
            stage, _ = w.run_tests(budget, log)
        if stage == "stopped" or STOP.is_set():
            return "stopped", None
        return ("killed", stage) if stage else ("survived", None)
    finally:
        # the pristine source with its old time, the pristine object with a new one:
        # the next build recompiles nothing but re-links
        with open(path, "wb") as fh:
            fh.write(orig)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        shutil.move(saved_obj, obj)
        os.utime(obj, None)


def diff_of(root, m):
    with open(os.path.join(root, m.file), encoding="utf-8") as fh:
        src = fh.read()
    ls = src.rfind("\n", 0, m.start) + 1
    le = src.find("\n", m.end)
    le = len(src) if le < 0 else le
    before = src[ls:le]
    after = src[ls:m.start] + m.repl + src[m.end:le]
    b = "\n".join("-" + x for x in before.split("\n"))
    a = "\n".join("+" + x for x in after.split("\n"))
    return "    --- %s:%d\n    %s\n    %s" % (m.file, m.line, b.replace("\n", "\n    "),
                                              a.replace("\n", "\n    "))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mutants", type=int, default=int(os.environ.get("MUTANTS", "200")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("SEED", "1")))
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATE_JOBS", "0") or 0))
    ap.add_argument("--timeout", type=float, default=0,
                    help="seconds one mutant's tests may take (default: 1.5x the unmutated run + 60)")
    ap.add_argument("--shared", default=os.environ.get("SHARED", "../shared"))
    ap.add_argument("--list", action="store_true", help="list the sample, run nothing")
    ap.add_argument("--only", action="append", help="mutate only this file (repeatable)")
    ap.add_argument("--ids", default=os.environ.get("IDS", ""),
                    help="run these mutants (IDs separated by commas or blanks, or @FILE of "
                         "report lines), not a random sample")
    ap.add_argument("--rev", default=os.environ.get("REV", ""),
                    help="test the tree of this commit, not the work tree")
    ap.add_argument("--resume", default=os.environ.get("RESUME", ""),
                    help="the output of a stopped run (same --seed, --mutants and --rev): "
                         "the mutants it gives a result for are not run again")
    args = ap.parse_args()
    os.chdir(ROOT)
    signal.signal(signal.SIGINT, stop_all)
    signal.signal(signal.SIGTERM, stop_all)

    jobs = args.jobs or max(1, min(2, os.cpu_count() or 1))
    shared = os.path.abspath(args.shared)
    os.makedirs(os.path.join(ROOT, WORK), exist_ok=True)
    # one run at a time: the copies are the run's
    import fcntl
    lockf = open(os.path.join(ROOT, WORK, ".lock"), "w")
    try:
        fcntl.flock(lockf, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print("mutate: another run is using %s/" % WORK, file=sys.stderr)
        return 2
    # the unit tests read ../shared relative to the tree
    link = os.path.join(ROOT, WORK, "shared")
    if os.path.islink(link):
        os.remove(link)
    os.symlink(shared, link)
    workers = [Worker(i, shared) for i in range(jobs)]
    for w in workers:
        w.prepare(args.rev)
    src_root = workers[0].dir

    muts = all_mutants(src_root, args.only)
    if not muts:
        print("mutate: no mutant in the chosen files", file=sys.stderr)
        return 2
    equiv = load_equivalents()
    done = load_resume(args.resume) if args.resume else {}
    rng = random.Random(args.seed)
    order = list(range(len(muts)))
    rng.shuffle(order)
    if args.ids:
        text = args.ids
        if text.startswith("@"):
            with open(text[1:], encoding="utf-8") as fh:
                text = fh.read()
        want = re.findall(r"\b[0-9a-f]{12}\b", text)
        index = {m.id: k for k, m in enumerate(muts)}
        missing = [x for x in want if x not in index]
        if missing:
            print("mutate: no such mutant in these sources: " + " ".join(missing), file=sys.stderr)
        order = [index[x] for x in dict.fromkeys(want) if x in index]
        args.mutants = len(order)
    per_op = {}
    for m in muts:
        per_op[m.op] = per_op.get(m.op, 0) + 1
    print("mutate: %d mutants exist (%s); seed %d, drawing %d" % (
        len(muts), ", ".join("%s %d" % kv for kv in sorted(per_op.items())), args.seed, args.mutants))

    if args.list:
        for k in order[:args.mutants]:
            m = muts[k]
            tag = " (equivalent)" if m.id in equiv else ""
            print("%s %s:%d %s%s" % (m.id, m.file, m.line, m.describe(), tag))
        return 0

    # every copy built and its tests passing before any mutant (the copies side by side)

    base = [None] * jobs

    def baseline(i):
        w = workers[i]
        logp = os.path.join(w.dir, "baseline.log")
        with open(logp, "w") as log:
            rc, _ = w.build(1800, log)
            if rc != 0:
                base[i] = ("the unmutated tree does not build (see %s)" % logp, 0)
                return
            with open(os.path.join(w.dir, "build", ".mutate-sources"), "w") as fh:
                fh.write("built by tools/mutate.py from the copy's sources\n")
            # the same sources passed before (IDS= reruns): their time, not a second run
            stamp = os.path.join(w.dir, "build", ".mutate-baseline")
            key = w.digest.hexdigest() + " " + args.shared
            if os.path.exists(stamp):
                with open(stamp) as fh:
                    old = fh.read().split("\t")
                if len(old) == 2 and old[0] == key:
                    base[i] = (None, float(old[1]))
                    return
            stage, secs = w.run_tests(3600, log)
        base[i] = (("the unmutated tree fails %s (see %s)" % (stage, logp)) if stage else None, secs)
        if not stage:
            with open(stamp, "w") as fh:
                fh.write("%s\t%.1f" % (key, secs))

    threads = [threading.Thread(target=baseline, args=(i,)) for i in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for err, _ in base:
        if err:
            print("mutate: " + err, file=sys.stderr)
            return 2
    t_base = max(secs for _, secs in base)
    budget = args.timeout or 1.5 * t_base + 60
    print("mutate: the unmutated tests take %.0f s; each mutant may take %.0f s" % (t_base, budget))

    results = []  # (mutant, status, stage)
    queue = list(order)
    running = {}  # worker index -> (mutant, thread state)

    lock = threading.Lock()
    t_start = time.monotonic()

    def take(wi):
        with lock:
            while queue and not STOP.is_set():
                if len(results) + len(running) >= args.mutants:
                    return None
                m = muts[queue.pop(0)]
                if m.id in equiv:
                    results.append((m, "equivalent", None))
                    continue
                if m.id in done:
                    # printed as a run prints it, so that this output resumes too
                    status, stage = done[m.id]
                    if status == "stillborn":
                        nonlocal_stillborn[0] += 1
                    else:
                        results.append((m, status, stage))
                    print("[%d/%d %4.0fs] %-9s %s %s:%d %s%s" % (
                        len(results), args.mutants, 0, status, m.id, m.file, m.line,
                        m.describe(), " [%s]" % stage if stage else ""), flush=True)
                    continue
                running[wi] = m
                return m
            return None

    def work(wi):
        w = workers[wi]
        while True:
            m = take(wi)
            if m is None:
                return
            status, stage = run_mutant(w, m, budget, os.path.join(w.dir, "mutant.log"))
            with lock:
                del running[wi]
                if status == "stopped":
                    return
                if status == "stillborn":
                    nonlocal_stillborn[0] += 1
                else:
                    results.append((m, status, stage))
                n = len(results)
                print("[%d/%d %4.0fs] %-9s %s %s:%d %s%s" % (
                    n, args.mutants, time.monotonic() - t_start, status, m.id, m.file, m.line,
                    m.describe(), " [%s]" % stage if stage else ""), flush=True)

    nonlocal_stillborn = [0]
    threads = [threading.Thread(target=work, args=(i,)) for i in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        while t.is_alive():
            t.join(0.5)
    stillborn = nonlocal_stillborn[0]

    killed = [r for r in results if r[1] == "killed"]
    survived = [r for r in results if r[1] == "survived"]
    equivalent = [r for r in results if r[1] == "equivalent"]
    n = len(killed) + len(survived) + len(equivalent)
    score = 100.0 * len(killed) / max(1, len(killed) + len(survived))
    lines = []
    lines.append("mutation: %d mutants, %d killed, %d survived, %d equivalent (score %.1f%%, seed %d)"
                 % (n, len(killed), len(survived), len(equivalent), score, args.seed))
    lines.append("mutate: %d did not compile and were replaced; %.0f s%s" % (
        stillborn, time.monotonic() - t_start,
        "; STOPPED before the end: a partial result" if STOP.is_set() else ""))
    by_op = {}
    for m, st, _ in results:
        if st in ("killed", "survived"):
            k, s = by_op.get(m.op, (0, 0))
            by_op[m.op] = (k + (st == "killed"), s + (st == "survived"))
    lines.append("mutate: per operator: " + ", ".join(
        "%s %d/%d" % (op, k, k + s) for op, (k, s) in sorted(by_op.items())))
    if survived:
        lines.append("survivors (add a test, or list the ID in %s with the reason):" % EQUIV_FILE)
        for m, _, _ in sorted(survived, key=lambda r: (r[0].file, r[0].line)):
            lines.append("  %s %s:%d %s() %s" % (m.id, m.file, m.line, m.func, m.describe()))
            lines.append(diff_of(src_root, m))
    if equivalent:
        lines.append("equivalent (not run):")
        for m, _, _ in equivalent:
            lines.append("  %s %s:%d %s" % (m.id, m.file, m.line, m.describe()))
    text = "\n".join(lines)
    with open(os.path.join(ROOT, WORK, "report.txt"), "w") as fh:
        fh.write(text + "\n")
    # the summary line last but one, so a glance at the end finds it
    print(text)
    print(lines[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
