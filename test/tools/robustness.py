#!/usr/bin/env python3
"""Runs every vibeguard check, with fixes applied, over real and broken code,
and fails if clang-tidy crashes, asserts, hangs or reports a sanitizer error,
or if a fix leaves clean code that no longer compiles.

Usage:
  robustness.py --clang-tidy CT --load PLUGIN --clangxx CXX --src ROOT
                --work DIR [--preload RUNTIME] [--full] [--report FILE]

The corpus:
  libraries  test/robustness/Inputs/libraries/*.cpp: code written the way an
             assistant writes it, on Boost.Asio, nlohmann/json, fmt, spdlog,
             cpp-httplib, SQLite and libpq headers, with findings on
             purpose; they must compile, and so must their fixed copies;
  googletest gtest-all.cc and gmock-all.cc from /usr/src/googletest (with
             --full, every source file of both separately): well-written
             code, which must compile after the fixes and should produce
             very few findings;
  good       test/robustness/Inputs/good/*.cpp: nlohmann/json, fmt, spdlog
             and cpp-httplib headers copied and included as project code;
  broken     test/robustness/Inputs/broken/*.cpp (syntax errors, a missing
             header, incomplete templates, non-UTF-8 bytes, an empty file)
             and inputs generated here: a huge string literal, deeply nested
             expressions and loops, a long chain of helpers, mutual
             recursion.
With --preload (the sanitizer runtime of a sanitized plugin) every run goes
through AddressSanitizer and UndefinedBehaviorSanitizer.

It prints, and --report writes as JSON, the number of findings per check
and per thousand lines in the well-written code: googletest, and the
headers of nlohmann/json, fmt, spdlog and cpp-httplib analysed as project
code (test/robustness/Inputs/good/); each finding counted once.
"""

import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys

CRASH_SIGNS = re.compile(
    r"Stack dump:|PLEASE submit a bug report|Assertion .* failed|"
    r"AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:|"
    r"LeakSanitizer|Segmentation fault|Aborted")
FINDING = re.compile(r"^(?P<where>.*?:\d+:\d+): warning: .* "
                     r"\[(?P<check>vibeguard-[a-z0-9-]+)\]$", re.MULTILINE)
TIMEOUT_SECONDS = 600

GOOGLETEST = "/usr/src/googletest"


def fail(message):
    sys.stderr.write("robustness: FAIL: " + message.rstrip() + "\n")
    sys.exit(1)


def generated_inputs():
    """Inputs too large or too regular to keep in the repository."""
    inputs = {}
    inputs["huge-literal.cpp"] = (
        "#include <string>\n#include <vector>\n"
        "static const char *Blob = \"" + "x" * (2 << 20) + "\";\n"
        "void fill(std::vector<std::string> &Out) {\n"
        "  for (int I = 0; I < 1000; ++I)\n"
        "    Out.insert(Out.begin(), Blob);\n}\n"
        "int Big = 123456789012345678901234567890;\n")
    depth = 200
    inputs["deep-expression.cpp"] = (
        "#include <vector>\n"
        "int nested(std::vector<int> &V, int X) {\n"
        "  int Sum = 0;\n"
        "  while (!V.empty()) {\n"
        "    Sum += " + "(" * depth + "X" + " + 1)" * depth + ";\n"
        "    Sum += " + " + ".join(["X"] * 20000) + ";\n"
        "    V.erase(V.begin());\n"
        "  }\n  return Sum;\n}\n")
    loops = 100
    body = "V.erase(V.begin());"
    for level in range(loops):
        body = "for (int I%d = 0; I%d < N; ++I%d) { %s }" % (
            level, level, level, body)
    inputs["deep-loops.cpp"] = (
        "#include <vector>\nvoid deep(std::vector<int> &V, int N) {\n  " +
        body + "\n}\n")
    chain = 500
    helpers = ["#include <vector>", "std::vector<int> Queue;",
               "void step0() { Queue.erase(Queue.begin()); }"]
    for index in range(1, chain):
        helpers.append("void step%d() { step%d(); }" % (index, index - 1))
    helpers.append("void drain() { while (!Queue.empty()) step%d(); }"
                   % (chain - 1))
    # Mutual recursion must not send the helper analysis round in circles.
    helpers += ["void pong(int N);",
                "void ping(int N) { Queue.erase(Queue.begin()); pong(N); }",
                "void pong(int N) { if (N) ping(N - 1); }",
                "void bounce(int N) { for (int I = 0; I < N; ++I) ping(I); }"]
    inputs["long-chain.cpp"] = "\n".join(helpers) + "\n"
    return inputs


def corpus(args):
    """(name, path, flags, kind) for every input; kind is 'library',
    'good' or 'broken'."""
    src = args.src
    entries = []
    libraries = os.path.join(src, "test", "robustness", "Inputs", "libraries")
    for path in sorted(glob.glob(os.path.join(libraries, "*.cpp"))):
        entries.append((os.path.basename(path), path,
                        ["-std=c++17", "-I/usr/include/postgresql"],
                        "library"))

    if not os.path.isdir(os.path.join(GOOGLETEST, "googletest")):
        fail("%s is missing: install Debian's googletest package" % GOOGLETEST)
    # A copy: the fixes go into its headers too, never into /usr/src.
    tree = os.path.join(args.work, "googletest")
    for part in ("googletest", "googlemock"):
        shutil.copytree(os.path.join(GOOGLETEST, part),
                        os.path.join(tree, part), symlinks=True)
    gtest = os.path.join(tree, "googletest")
    gmock = os.path.join(tree, "googlemock")
    gflags = ["-std=c++17", "-I" + gtest, "-I" + os.path.join(gtest, "include"),
              "-I" + gmock, "-I" + os.path.join(gmock, "include")]
    sources = [os.path.join(gtest, "src", "gtest-all.cc"),
               os.path.join(gmock, "src", "gmock-all.cc")]
    if args.full:
        sources = sorted(glob.glob(os.path.join(gtest, "src", "*.cc")) +
                         glob.glob(os.path.join(gmock, "src", "*.cc")))
    for path in sources:
        entries.append(("googletest/" + os.path.basename(path), path, gflags,
                        "good"))
    args.good_dirs = [os.path.join(part, sub) for part in (gtest, gmock)
                      for sub in ("src", "include")]

    # Header-only libraries as project code: copies, included with -I.
    headers = os.path.join(args.work, "headers")
    os.makedirs(headers)
    for library in ("nlohmann", "fmt", "spdlog", "httplib.h"):
        source = os.path.join("/usr/include", library)
        if not os.path.exists(source):
            fail("%s is missing: install Debian's nlohmann-json3-dev, "
                 "libfmt-dev, libspdlog-dev and libcpp-httplib-dev" % source)
        target = os.path.join(headers, library)
        if os.path.isdir(source):
            shutil.copytree(source, target, symlinks=True)
        else:
            shutil.copyfile(source, target)
    good = os.path.join(src, "test", "robustness", "Inputs", "good")
    for path in sorted(glob.glob(os.path.join(good, "*.cpp"))):
        entries.append(("good/" + os.path.basename(path), path,
                        ["-std=c++17", "-I" + headers], "good"))
    args.good_dirs.append(headers)

    broken = os.path.join(src, "test", "robustness", "Inputs", "broken")
    for path in sorted(glob.glob(os.path.join(broken, "*.cpp"))):
        entries.append(("broken/" + os.path.basename(path), path,
                        ["-std=c++17"], "broken"))
    generated_dir = os.path.join(args.work, "generated")
    os.makedirs(generated_dir, exist_ok=True)
    for name, text in sorted(generated_inputs().items()):
        path = os.path.join(generated_dir, name)
        with open(path, "w") as f:
            f.write(text)
        entries.append(("generated/" + name, path, ["-std=c++17"], "broken"))
    return entries


def environment(args):
    env = dict(os.environ)
    if args.preload:
        env["LD_PRELOAD"] = args.preload
        # clang-tidy frees its AST at exit only with -free: leaks are its own.
        env["ASAN_OPTIONS"] = ("detect_leaks=0:halt_on_error=1:"
                               "detect_odr_violation=0")
        env["UBSAN_OPTIONS"] = "halt_on_error=1:print_stacktrace=1"
    return env


def run_one(args, name, path, flags, must_compile, env):
    work = os.path.join(args.work, "runs", name.replace("/", "_"))
    os.makedirs(work, exist_ok=True)
    if path.startswith(os.path.abspath(args.work) + os.sep):
        copy = path  # already a copy (googletest's tree)
    else:
        copy = os.path.join(work, os.path.basename(path))
        shutil.copyfile(path, copy)
    # The copy sits elsewhere: its own directory must still be searched for
    # the headers next to the original (googletest's *-all.cc files).
    includes = ["-I" + os.path.dirname(path)]
    # Project headers count (LLVM 19 reports only the main file by default).
    command = ([args.clang_tidy, "--load=" + args.load,
                "-checks=-*,vibeguard-*", "-fix", "--fix-notes",
                "-header-filter=.*", "--config={}", copy, "--"] + flags +
               includes)
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env,
                                timeout=TIMEOUT_SECONDS,
                                universal_newlines=True, errors="replace")
    except subprocess.TimeoutExpired:
        fail("%s: clang-tidy did not finish within %d s" %
             (name, TIMEOUT_SECONDS))
    output = result.stdout
    with open(os.path.join(work, "clang-tidy.txt"), "w") as f:
        f.write(output)
    crash = CRASH_SIGNS.search(output)
    if result.returncode < 0 or crash:
        fail("%s: clang-tidy crashed (exit %d):\n%s\ncommand: %s" %
             (name, result.returncode, output[-6000:], " ".join(command)))
    if must_compile and result.returncode != 0:
        fail("%s: clang-tidy exited with %d on code that compiles:\n%s" %
             (name, result.returncode, output[-6000:]))
    if result.returncode not in (0, 1):
        fail("%s: clang-tidy exited with %d:\n%s" %
             (name, result.returncode, output[-6000:]))
    if must_compile:
        compiled = subprocess.run(
            [args.clangxx, "-fsyntax-only", copy] + flags + includes,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            universal_newlines=True, errors="replace")
        if compiled.returncode != 0:
            fail("%s: the fixed file no longer compiles:\n%s" %
                 (name, compiled.stdout[-6000:]))
    return output


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def tree_lines(root):
    """Lines of the sources and headers under root."""
    total = 0
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith((".h", ".cc", ".cpp", ".hpp")):
                total += count_lines(os.path.join(directory, name))
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--load", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--src", required=True, help="vibeguard's source tree")
    parser.add_argument("--work", required=True, help="scratch directory")
    parser.add_argument("--preload", default="",
                        help="sanitizer runtime to preload")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--report", default="")
    parser.add_argument("--only", default="",
                        help="run only the input of this name")
    args = parser.parse_args()

    args.work = os.path.abspath(args.work)
    if os.path.isdir(args.work):
        shutil.rmtree(args.work)
    os.makedirs(args.work)
    env = environment(args)
    # A header included by several inputs reports its findings each time.
    seen = set()
    entries = [entry for entry in corpus(args)
               if not args.only or entry[0] == args.only]
    if not entries:
        fail("no input named '%s'" % args.only)
    for name, path, flags, kind in entries:
        output = run_one(args, name, path, flags, kind != "broken", env)
        print("ok: %s" % name)
        if kind == "good":
            for match in FINDING.finditer(output):
                seen.add((match.group("where"), match.group("check")))
    lines = sum(tree_lines(tree) for tree in args.good_dirs) + sum(
        count_lines(path) for name, path, _, kind in entries
        if kind == "good" and not path.startswith(args.work))
    findings = collections.Counter(check for _, check in seen)

    per_kloc = {check: round(count * 1000.0 / lines, 3)
                for check, count in findings.items()} if lines else {}
    print("%d inputs ran clean; %d findings in %d lines of good code" %
          (len(entries), sum(findings.values()), lines))
    for check in sorted(findings):
        print("  %s: %d (%.3f per 1000 lines)" %
              (check, findings[check], per_kloc[check]))
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"lines": lines, "findings": dict(findings),
                       "per_kloc": per_kloc}, f, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
