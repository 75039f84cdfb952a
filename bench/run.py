#!/usr/bin/env python3
"""vibeguard's benchmark: what every check, and all of them together, add to
clang-tidy's own time and memory, how that grows with the size of a
translation unit, and where it stands against upstream check groups.

Usage:
  run.py --llvm-prefix /usr/lib/llvm-22 --plugin build/llvm-22/lib/libvibeguard.so
         [--runs N] [--base-units N] [--output FILE.json] [--quick]

Each input is run under several configurations, each --runs times:
  baseline        clang-tidy with one trivial upstream check
                  (readability-braces-around-statements);
  vibeguard       the baseline plus vibeguard-*, with --store-check-profile
                  for each check's own time;
  upstream        the baseline plus bugprone-* and performance-*;
  analyzer        the baseline plus clang-analyzer-*.
  only:CHECK      the baseline plus one vibeguard check, for its own
                  whole-process time and memory.
Whole-process wall time and peak memory are medians over the runs; per-check
times are medians of the profile. The inputs: a header-heavy service
(bench/inputs/header_heavy.cpp), generated units at x1, x4 and x16
(bench/generate.py), and the bundled example. It prints a table and writes
the numbers as JSON; it never fails on a figure.
"""

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402

BASELINE_CHECK = "readability-braces-around-statements"
CONFIGURATIONS = {
    "baseline": "-*," + BASELINE_CHECK,
    "vibeguard": "-*," + BASELINE_CHECK + ",vibeguard-*",
    "upstream": "-*," + BASELINE_CHECK + ",bugprone-*,performance-*",
    "analyzer": "-*," + BASELINE_CHECK + ",clang-analyzer-*",
}
SCALES = (1, 4, 16)


def run_once(command):
    """(wall seconds, peak resident KiB) of one clang-tidy process."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode < 0:
        sys.exit("bench: clang-tidy died (signal %d): %s" %
                 (-process.returncode, " ".join(command)))
    return wall, usage.ru_maxrss


def profile_times(directory):
    """Check name -> wall seconds, summed over the profile files written."""
    times = {}
    for path in glob.glob(os.path.join(directory, "**", "*.json"),
                          recursive=True):
        with open(path) as f:
            profile = json.load(f).get("profile", {})
        for key, value in profile.items():
            # time.clang-tidy.<check>.wall
            if key.startswith("time.clang-tidy.") and key.endswith(".wall"):
                check = key[len("time.clang-tidy."):-len(".wall")]
                times[check] = times.get(check, 0.0) + value
    return times


def vibeguard_checks(args):
    """The checks the plugin registers, each as an 'only:' configuration."""
    listed = subprocess.run(
        [os.path.join(args.llvm_prefix, "bin", "clang-tidy"),
         "--load=" + args.plugin, "-checks=-*,vibeguard-*", "--list-checks"],
        stdout=subprocess.PIPE, universal_newlines=True).stdout.split()
    checks = sorted(c for c in listed if c.startswith("vibeguard-"))
    for check in checks:
        CONFIGURATIONS["only:" + check] = "-*," + BASELINE_CHECK + "," + check
    return ["only:" + c for c in checks]


def measure(args, source, flags, configurations):
    clang_tidy = os.path.join(args.llvm_prefix, "bin", "clang-tidy")
    result = {}
    for name in configurations:
        walls, memories, profiles = [], [], []
        for _ in range(args.runs):
            command = [clang_tidy, "--load=" + args.plugin,
                       "-checks=" + CONFIGURATIONS[name], "--config={}",
                       "-quiet"]
            profile_dir = None
            if name == "vibeguard":
                profile_dir = tempfile.mkdtemp(prefix="vibeguard-profile-")
                command += ["--enable-check-profile",
                            "--store-check-profile=" + profile_dir]
            command += [source, "--"] + flags
            wall, memory = run_once(command)
            walls.append(wall)
            memories.append(memory)
            if profile_dir:
                profiles.append(profile_times(profile_dir))
        entry = {"wall_s": statistics.median(walls),
                 "peak_kib": statistics.median(memories)}
        if profiles:
            checks = sorted({c for p in profiles for c in p})
            entry["checks_s"] = {c: statistics.median(p.get(c, 0.0)
                                                      for p in profiles)
                                 for c in checks}
        result[name] = entry
    return result


def inputs(args, work, singles):
    """(name, path, flags, configurations, lines)."""
    everything = ["baseline", "vibeguard", "upstream", "analyzer"] + singles
    listed = []
    heavy = os.path.join(HERE, "inputs", "header_heavy.cpp")
    listed.append(("header-heavy", heavy, ["-std=c++17"], everything))
    for scale in SCALES:
        path = os.path.join(work, "generated-x%d.cpp" % scale)
        # More functions, longer helper chains and, one level per step,
        # deeper loop nests.
        with open(path, "w") as f:
            f.write(generate.generate(args.base_units * scale,
                                      SCALES.index(scale)))
        # The analyzer takes minutes on the loop nests even at x1; the
        # scaling series is about vibeguard.
        wanted = {1: ["baseline", "vibeguard", "upstream"],
                  4: ["baseline", "vibeguard"]}.get(
                      scale, ["baseline", "vibeguard"] + singles)
        listed.append(("generated-x%d" % scale, path, ["-std=c++17"], wanted))
    example = os.path.join(ROOT, "examples", "log-analyzer", "src",
                           "log_parser.cpp")
    listed.append(("example", example, ["-std=c++17"], everything))
    if args.quick:
        listed = [entry for entry in listed
                  if entry[0] in ("header-heavy", "generated-x1")]
    result = []
    for name, path, flags, wanted in listed:
        with open(path, "rb") as f:
            lines = sum(1 for _ in f)
        result.append((name, path, flags, wanted, lines))
    return result


def percent(part, whole):
    return 100.0 * part / whole if whole else 0.0


def report(results):
    out = []
    out.append("| input | lines | baseline | + vibeguard-* | + bugprone-*,"
               "performance-* | + clang-analyzer-* | peak memory (baseline "
               "-> vibeguard) |")
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    for name, entry in results.items():
        base = entry["runs"]["baseline"]
        cells = []
        for config in ("vibeguard", "upstream", "analyzer"):
            run = entry["runs"].get(config)
            if not run:
                cells.append("")
                continue
            extra = run["wall_s"] - base["wall_s"]
            cells.append("%.2f s (%+.1f%%)" % (run["wall_s"],
                                                percent(extra, base["wall_s"])))
        vibe = entry["runs"]["vibeguard"]
        out.append("| %s | %d | %.2f s | %s | %s | %s | %.0f -> %.0f MB |" % (
            name, entry["lines"], base["wall_s"], cells[0], cells[1], cells[2],
            base["peak_kib"] / 1024.0, vibe["peak_kib"] / 1024.0))
    out.append("")
    checks = sorted({c for e in results.values()
                     for c in e["runs"]["vibeguard"]["checks_s"]
                     if c.startswith("vibeguard-")})
    out.append("Per-check time from --enable-check-profile (median ms, and "
               "share of the baseline run):")
    out.append("")
    out.append("| check | " + " | ".join(results) + " |")
    out.append("| --- |" + " --- |" * len(results))
    for check in checks + ["all vibeguard checks", BASELINE_CHECK]:
        cells = []
        for entry in results.values():
            times = entry["runs"]["vibeguard"]["checks_s"]
            if check == "all vibeguard checks":
                seconds = sum(t for c, t in times.items()
                              if c.startswith("vibeguard-"))
            else:
                seconds = times.get(check, 0.0)
            cells.append("%.2f (%.2f%%)" % (
                seconds * 1000, percent(seconds,
                                        entry["runs"]["baseline"]["wall_s"])))
        out.append("| %s | %s |" % (check, " | ".join(cells)))
    out.append("")
    singles = sorted({c for e in results.values() for c in e["runs"]
                      if c.startswith("only:")})
    if singles:
        measured = [n for n, e in results.items()
                    if any(c in e["runs"] for c in singles)]
        out.append("Each check on its own, whole process (median extra wall "
                   "time and peak memory over the baseline):")
        out.append("")
        out.append("| check | " + " | ".join(measured) + " |")
        out.append("| --- |" + " --- |" * len(measured))
        for single in singles:
            cells = []
            for name in measured:
                runs = results[name]["runs"]
                base, run = runs["baseline"], runs[single]
                cells.append("%+.0f ms, %+.1f MB" % (
                    (run["wall_s"] - base["wall_s"]) * 1000,
                    (run["peak_kib"] - base["peak_kib"]) / 1024.0))
            out.append("| %s | %s |" % (single[len("only:"):],
                                         " | ".join(cells)))
        out.append("")
    generated = [(n, e) for n, e in results.items()
                 if n.startswith("generated-")]
    if generated:
        out.append("Scaling: vibeguard's own time per 1000 lines (flat means "
                   "linear):")
        out.append("")
        out.append("| input | lines | all vibeguard checks | per 1000 lines |")
        out.append("| --- | --- | --- | --- |")
        for name, entry in generated:
            times = entry["runs"]["vibeguard"]["checks_s"]
            seconds = sum(t for c, t in times.items()
                          if c.startswith("vibeguard-"))
            out.append("| %s | %d | %.1f ms | %.2f ms |" % (
                name, entry["lines"], seconds * 1000,
                seconds * 1e6 / entry["lines"]))
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--llvm-prefix", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base-units", type=int, default=40,
                        help="units of generated code at x1")
    parser.add_argument("--output", default="")
    parser.add_argument("--quick", action="store_true",
                        help="only the header-heavy and x1 inputs")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="vibeguard-bench-")
    results = {}
    singles = vibeguard_checks(args)
    for name, path, flags, wanted, lines in inputs(args, work, singles):
        sys.stderr.write("bench: %s (%d lines)\n" % (name, lines))
        results[name] = {"lines": lines,
                         "runs": measure(args, path, flags, wanted)}
    version = subprocess.run(
        [os.path.join(args.llvm_prefix, "bin", "clang-tidy"), "--version"],
        stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
    table = report(results)
    print(table)
    if args.output:
        with open(args.output, "w") as f:
            json.dump({"clang_tidy": version, "runs": args.runs,
                       "cores": os.cpu_count(), "results": results}, f,
                      indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
