#!/usr/bin/env python3
"""Runs every vibeguard check over real projects from Debian source packages
and holds the findings to the verdicts people wrote after reading the code.

Usage:
  realworld.py --clang-tidy CT --load PLUGIN [--projects A,B | --ci]
               [--jobs N] [--cache DIR] [--work DIR] [--verdicts FILE]
               [--report FILE] [--findings FILE] [--fetch-only]

The corpus is test/realworld/projects.json: for each project a Debian source
package at a pinned version, the first-party files in scope (no vendored
copies, no generated code), the include paths and defines a build would
use, the few generated headers it needs (written from the manifest), and
the Debian -dev packages whose headers it includes. The upstream tarball
(`*.orig.tar.*`, without Debian's patches) is fetched with `apt-get source
--download-only` into the cache and unpacked once; each translation unit's
result is cached by the plugin, the command and the file's contents, so a
second run with the same plugin only re-reads results.

Every finding must have a row in test/realworld/verdicts.tsv:
  project  file  line  check  verdict  reason
with verdict TP (worth acting on), TP-low (right, of little value) or FP.
The run fails when a finding has no verdict, when a TP row is no longer
reported (a lost true positive), or when a project's FP findings exceed
--max-fp-per-kloc (0.2). It prints per project and per check: findings,
findings per KLOC, translation units that failed to parse, and time.
"""

import argparse
import collections
import concurrent.futures
import fnmatch
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = ("TP", "TP-low", "FP")
DIAGNOSTIC = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<kind>warning|error): (?P<message>.*?)(?: \[(?P<check>[\w.,-]+)\])?$",
    re.MULTILINE)
TIMEOUT_SECONDS = 900


def fail(message):
    sys.stderr.write("realworld: error: " + message + "\n")
    sys.exit(2)


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kwargs)


# ---- Fetching ---------------------------------------------------------------

def as_root(command):
    return command if os.geteuid() == 0 else ["sudo"] + command


def write_system_file(path, text):
    result = subprocess.run(as_root(["tee", path]), input=text, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        fail("could not write %s: %s" % (path, result.stderr.strip()))


def ensure_deb_src():
    """apt-get source needs deb-src entries; add them for the machine's own
    Debian sources when there are none, and say so."""
    listing = run(["apt-get", "indextargets", "--format", "$(CREATED_BY)"])
    if "Sources" in listing.stdout:
        return
    changed = []
    for path in glob.glob("/etc/apt/sources.list.d/*.sources"):
        with open(path) as f:
            text = f.read()
        new = re.sub(r"^Types:\s*deb\s*$", "Types: deb deb-src", text,
                     flags=re.MULTILINE)
        if new != text:
            write_system_file(path, new)
            changed.append(path)
    if os.path.exists("/etc/apt/sources.list"):
        with open("/etc/apt/sources.list") as f:
            lines = f.read().splitlines()
        extra = [re.sub(r"^deb\s", "deb-src ", l) for l in lines
                 if re.match(r"^deb\s", l) and "deb-src" + l[3:] not in lines]
        if extra:
            write_system_file("/etc/apt/sources.list",
                              "\n".join(lines + extra) + "\n")
            changed.append("/etc/apt/sources.list")
    if not changed:
        fail("no deb-src entries and no Debian sources to add them to")
    print("realworld: enabled deb-src in " + ", ".join(changed) +
          " (apt-get source needs it); running apt-get update", flush=True)
    result = run(as_root(["apt-get", "update", "-qq"]))
    if result.returncode != 0:
        fail("apt-get update failed:\n" + result.stdout)


def fetch(project, cache):
    """Unpacks the project's upstream tarball under the cache once."""
    root = os.path.join(cache, project["name"] + "_" + project["version"])
    source = os.path.join(root, "src")
    if os.path.exists(os.path.join(source, ".unpacked")):
        return source
    os.makedirs(root, exist_ok=True)
    tarballs = glob.glob(os.path.join(root, "*.orig.tar.*"))
    tarballs = [t for t in tarballs if not t.endswith(".asc")]
    if not tarballs:
        ensure_deb_src()
        spec = project["package"] + "=" + project["version"]
        result = run(["apt-get", "source", "--download-only", "-qq", spec],
                     cwd=root)
        tarballs = [t for t in glob.glob(os.path.join(root, "*.orig.tar.*"))
                    if not t.endswith(".asc")]
        # A missing Debian tarball is fine: only the upstream one is used.
        if not tarballs:
            fail("could not download the source of %s:\n%s" %
                 (spec, result.stdout))
    shutil.rmtree(source, ignore_errors=True)
    os.makedirs(source)
    result = run(["tar", "-xf", tarballs[0], "-C", source,
                  "--strip-components=1"])
    if result.returncode != 0:
        fail("could not unpack %s:\n%s" % (tarballs[0], result.stdout))
    open(os.path.join(source, ".unpacked"), "w").close()
    return source


def missing_packages(projects):
    wanted = sorted({p for project in projects
                     for p in project.get("packages", [])})
    missing = []
    for package in wanted:
        result = run(["dpkg-query", "-W", "-f=${Status}", package])
        if "install ok installed" not in result.stdout:
            missing.append(package)
    return missing


# ---- The compile database ---------------------------------------------------

def glob_files(source, patterns):
    files = set()
    for pattern in patterns:
        files.update(glob.glob(os.path.join(source, pattern), recursive=True))
    return files


def in_scope(project, source):
    """(translation units, every first-party file counted in KLOC)."""
    exclude = [re.compile(e) for e in project.get("exclude", [])]

    def keep(path):
        relative = os.path.relpath(path, source)
        return not any(e.search(relative) for e in exclude)

    units = sorted(f for f in glob_files(source, project["sources"])
                   if keep(f))
    counted = sorted(f for f in glob_files(
        source, project["sources"] + project.get("headers", [])) if keep(f))
    return units, counted


def write_stubs(project, work):
    """The generated headers a configure step would write."""
    stub_dir = os.path.join(work, "generated")
    for relative, lines in project.get("generated", {}).items():
        path = os.path.join(stub_dir, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = "\n".join(lines) + "\n"
        if not os.path.exists(path) or open(path).read() != text:
            with open(path, "w") as f:
                f.write(text)
    return stub_dir


def compile_command(project, source, stub_dir, unit):
    c = unit.endswith(".c")
    compiler = "clang" if c else "clang++"
    flags = ["-std=" + (project.get("c_std", "gnu11") if c else
                        project.get("std", "c++17"))]
    flags += ["-I" + stub_dir]
    flags += ["-I" + os.path.join(source, i) for i in project.get("include", [])]
    flags += ["-isystem" + i for i in project.get("system_include", [])]
    flags += ["-D" + d for d in project.get("defines", [])]
    relative = os.path.relpath(unit, source)
    for group in project.get("unit_defines", []):
        if re.search(group["match"], relative):
            flags += ["-D" + d for d in group["defines"]]
    flags += project.get("flags", [])
    return [compiler] + flags + ["-c", unit]


# ---- Running ----------------------------------------------------------------

def file_digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def analyse(args, plugin_digest, project, source, unit, command, cache_dir):
    key = hashlib.sha256("\0".join(
        [plugin_digest, args.checks, project["header_filter"], " ".join(command),
         file_digest(unit)]).encode()).hexdigest()
    cached = os.path.join(cache_dir, key + ".json")
    if os.path.exists(cached):
        with open(cached) as f:
            return json.load(f)
    header_filter = "^" + re.escape(source + "/") + project["header_filter"]
    invocation = [args.clang_tidy, "--load=" + args.load, "--quiet",
                  "-checks=-*," + args.checks,
                  "--header-filter=" + header_filter,
                  "--system-headers=false", unit, "--"] + command[1:-2]
    started = time.monotonic()
    try:
        result = run(invocation, cwd=source, timeout=TIMEOUT_SECONDS)
        output, status = result.stdout, result.returncode
    except subprocess.TimeoutExpired:
        output, status = "timed out after %d s" % TIMEOUT_SECONDS, -1
    seconds = time.monotonic() - started
    findings, errors = [], []
    for m in DIAGNOSTIC.finditer(output):
        path = os.path.normpath(os.path.join(source, m.group("file")))
        if m.group("kind") == "error":
            errors.append("%s:%s: %s" % (os.path.relpath(path, source),
                                         m.group("line"), m.group("message")))
            continue
        check = m.group("check") or ""
        if not check.startswith("vibeguard-"):
            continue
        findings.append({"file": os.path.relpath(path, source),
                         "line": int(m.group("line")), "check": check,
                         "message": m.group("message")})
    crashed = status < 0 or "Stack dump:" in output
    if status > 0 and not errors and not crashed:
        # clang-tidy failed before it read the file (a plugin that does not
        # load, a bad option): that is a broken run, not a clean one.
        crashed = True
    record = {"findings": findings, "errors": errors, "crashed": crashed,
              "seconds": seconds}
    if crashed:
        record["errors"].append("clang-tidy crashed or timed out: " +
                                output[-2000:])
    else:
        with open(cached + ".tmp", "w") as f:
            json.dump(record, f)
        os.replace(cached + ".tmp", cached)
    return record


def read_verdicts(path):
    verdicts = {}
    if not os.path.exists(path):
        return verdicts
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 6 or not fields[2].isdigit() or \
                    fields[4] not in VERDICTS:
                fail("%s:%d: expected 'project file line check verdict "
                     "reason' with verdict one of %s" %
                     (path, number, ", ".join(VERDICTS)))
            key = (fields[0], fields[1], int(fields[2]), fields[3])
            if key in verdicts:
                fail("%s:%d: a second verdict for %s" % (path, number, key))
            verdicts[key] = (fields[4], fields[5])
    return verdicts


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--load", required=True)
    parser.add_argument("--projects", default="")
    parser.add_argument("--ci", action="store_true",
                        help="only the projects (and files) marked for CI")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--checks", default="vibeguard-*")
    parser.add_argument("--cache", default=os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
        "vibeguard", "realworld"))
    parser.add_argument("--work", default="build/realworld")
    parser.add_argument("--manifest", default=os.path.join(HERE, "projects.json"))
    parser.add_argument("--verdicts", default=os.path.join(HERE, "verdicts.tsv"))
    parser.add_argument("--max-fp-per-kloc", type=float, default=0.2)
    parser.add_argument("--report", help="write the figures as JSON")
    parser.add_argument("--findings",
                        help="write every finding, with its verdict, as TSV")
    parser.add_argument("--fetch-only", action="store_true")
    args = parser.parse_args()

    with open(args.manifest) as f:
        projects = json.load(f)["projects"]
    if args.projects:
        names = args.projects.split(",")
        unknown = set(names) - {p["name"] for p in projects}
        if unknown:
            fail("unknown project(s): " + ", ".join(sorted(unknown)))
        projects = [p for p in projects if p["name"] in names]
    elif args.ci:
        projects = [p for p in projects if p.get("ci")]
    missing = missing_packages(projects)
    if missing:
        fail("the corpus needs these Debian packages: " + " ".join(missing) +
             " (./dev.sh realworld installs them)")

    os.makedirs(args.cache, exist_ok=True)
    sources = {p["name"]: fetch(p, args.cache) for p in projects}
    if args.fetch_only:
        return 0
    # clang-tidy runs in each project's directory.
    args.load = os.path.abspath(args.load)
    if not os.path.exists(args.load):
        fail("no plugin at " + args.load)
    if os.sep in args.clang_tidy:
        args.clang_tidy = os.path.abspath(args.clang_tidy)

    plugin_digest = file_digest(args.load)
    result_cache = os.path.join(args.cache, "results")
    os.makedirs(result_cache, exist_ok=True)
    verdicts = read_verdicts(args.verdicts)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    problems, report, all_findings = [], [], []
    totals = collections.Counter()
    by_check = collections.defaultdict(collections.Counter)
    print("%-10s %7s %8s %5s %4s %4s %6s %7s %6s %6s" %
          ("project", "KLOC", "findings", "TP", "low", "FP", "FP/KL",
           "no-vrd", "broken", "time"))
    for project in projects:
        name = project["name"]
        source = sources[name]
        work = os.path.abspath(os.path.join(args.work, name))
        os.makedirs(work, exist_ok=True)
        stub_dir = write_stubs(project, work)
        units, counted = in_scope(project, source)
        if args.ci and project.get("ci_sources"):
            ci = glob_files(source, project["ci_sources"])
            units = [u for u in units if u in ci]
        lines = sum(sum(1 for _ in open(f, "rb")) for f in counted)
        kloc = lines / 1000.0
        commands = {u: compile_command(project, source, stub_dir, u)
                    for u in units}
        with open(os.path.join(work, "compile_commands.json"), "w") as f:
            json.dump([{"directory": source, "file": u,
                        "arguments": commands[u]} for u in units], f, indent=1)
        started = time.monotonic()
        futures = {u: pool.submit(analyse, args, plugin_digest, project,
                                  source, u, commands[u], result_cache)
                   for u in units}
        findings = {}
        broken = []
        for unit in units:
            record = futures[unit].result()
            if record["errors"]:
                broken.append((os.path.relpath(unit, source),
                               record["errors"][0]))
            for finding in record["findings"]:
                key = (name, finding["file"], finding["line"], finding["check"])
                findings.setdefault(key, finding["message"])
        elapsed = time.monotonic() - started
        counts = collections.Counter()
        for key, message in sorted(findings.items()):
            verdict = verdicts.get(key, ("", ""))[0]
            counts[verdict or "none"] += 1
            by_check[key[3]][verdict or "none"] += 1
            by_check[key[3]]["findings"] += 1
            all_findings.append(key + (verdict, message))
            if not verdict:
                problems.append("%s:%s:%d: [%s] has no verdict: %s" %
                                (key[0], key[1], key[2], key[3], message))
        for key, (verdict, reason) in sorted(verdicts.items()):
            if key[0] == name and verdict == "TP" and key not in findings:
                # A CI subset only answers for the units it ran.
                if args.ci and project.get("ci_sources") and not any(
                        key[1] == os.path.relpath(u, source) for u in units):
                    continue
                problems.append("%s:%s:%d: [%s] lost true positive (%s)" %
                                (key + (reason,)))
        fp_per_kloc = counts["FP"] / kloc if kloc else 0.0
        if fp_per_kloc > args.max_fp_per_kloc:
            problems.append("%s: %.2f false findings per KLOC (%d in %.1f "
                            "KLOC), more than %.2f" % (
                                name, fp_per_kloc, counts["FP"], kloc,
                                args.max_fp_per_kloc))
        print("%-10s %7.1f %8d %5d %4d %4d %6.2f %7d %3d/%-3d %5.0fs" % (
            name, kloc, len(findings), counts["TP"], counts["TP-low"],
            counts["FP"], fp_per_kloc, counts["none"], len(broken), len(units),
            elapsed), flush=True)
        if broken:
            # A unit that does not parse hides its findings: fix the manifest.
            problems.append("%s: %d of %d translation units do not parse" %
                            (name, len(broken), len(units)))
        for unit, error in broken[:5]:
            print("    does not parse: %s: %s" % (unit, error))
        if len(broken) > 5:
            print("    ... and %d more" % (len(broken) - 5))
        totals.update(counts)
        totals["findings"] += len(findings)
        totals["kloc"] += kloc
        report.append({"project": name, "package": project["package"],
                       "version": project["version"], "kloc": round(kloc, 1),
                       "units": len(units), "broken": len(broken),
                       "findings": len(findings), "TP": counts["TP"],
                       "TP-low": counts["TP-low"], "FP": counts["FP"],
                       "unjudged": counts["none"],
                       "fp_per_kloc": round(fp_per_kloc, 3),
                       "findings_per_kloc": round(len(findings) / kloc, 3)
                       if kloc else 0.0,
                       "seconds": round(elapsed, 1)})
    pool.shutdown()

    if len(projects) > 1:
        print("%-10s %7.1f %8d %5d %4d %4d %6.2f %7d" % (
            "all", totals["kloc"], totals["findings"], totals["TP"],
            totals["TP-low"], totals["FP"],
            totals["FP"] / totals["kloc"] if totals["kloc"] else 0.0,
            totals["none"]))
    reported = {row[:4] for row in all_findings}
    ran = {p["name"] for p in projects}
    stale = [k for k, (v, _) in verdicts.items()
             if k[0] in ran and k not in reported and v != "TP"]
    if stale and not args.ci:
        print("(%d verdict rows match no finding: fixed false positives; "
              "prune them when re-triaging)" % len(stale))
    if by_check:
        print("\n%-42s %8s %5s %4s %4s %7s" %
              ("check", "findings", "TP", "low", "FP", "no-vrd"))
        for check, c in sorted(by_check.items()):
            print("%-42s %8d %5d %4d %4d %7d" % (
                check, c["findings"], c["TP"], c["TP-low"], c["FP"], c["none"]))
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"projects": report}, f, indent=1)
    if args.findings:
        with open(args.findings, "w") as f:
            for row in all_findings:
                f.write("%s\t%s\t%d\t%s\t%s\t%s\n" % row)
    if problems:
        print()
        for problem in problems:
            print("realworld: FAIL: " + problem)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
