#!/usr/bin/env python3
"""Applies the fixes of every vibeguard check at once to each checker test
input, in each compiler configuration its RUN lines use, and compiles the
result: fixes of different checks must not combine into broken code.

Usage:
  fixes_compile.py --clang-tidy CT --load PLUGIN --clangxx CXX
                   --mock-std DIR --work DIR INPUT...
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys


def fail(message):
    sys.stderr.write("fixes_compile: FAIL: " + message.rstrip() + "\n")
    sys.exit(1)


def run_commands(text):
    """The RUN commands of a test file, continuation lines joined."""
    commands, current = [], ""
    for line in text.splitlines():
        match = re.match(r"\s*//\s*RUN:(.*)$", line)
        if not match:
            continue
        part = match.group(1).strip()
        if part.endswith("\\"):
            current += part[:-1] + " "
        else:
            commands.append(current + part)
            current = ""
    return commands


def configurations(text):
    """The compiler arguments of each checker run (after its second '--')."""
    result = []
    for command in run_commands(text):
        if "%check_vibeguard" not in command or \
                "--expect-clang-tidy-error" in command:
            continue
        words = shlex.split(command.split("|")[0])
        dashes = [i for i, word in enumerate(words) if word == "--"]
        args = words[dashes[1] + 1:] if len(dashes) >= 2 else []
        if args not in result:
            result.append(args)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--load", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--mock-std", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()

    if os.path.isdir(args.work):
        shutil.rmtree(args.work)
    os.makedirs(args.work)
    checked = 0
    for path in args.inputs:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        for index, extra in enumerate(configurations(text)):
            flags = ["-nostdinc++", "-nostdlibinc", "-isystem", args.mock_std]
            if not any(a.startswith("-std=") for a in extra):
                flags.append("-std=c++17")
            # lit's %S: the directory of the test file, for its Inputs.
            source_dir = os.path.dirname(os.path.abspath(path))
            flags += [a.replace("%S", source_dir) for a in extra]
            copy = os.path.join(args.work, "%d-%s" % (index,
                                                     os.path.basename(path)))
            shutil.copyfile(path, copy)
            tidy = subprocess.run(
                [args.clang_tidy, "--load=" + args.load,
                 "-checks=-*,vibeguard-*", "-fix", "--fix-notes",
                 "--config={}", copy, "--"] + flags,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                universal_newlines=True, errors="replace")
            if tidy.returncode != 0:
                fail("clang-tidy failed on %s %s:\n%s" %
                     (path, " ".join(extra), tidy.stdout[-4000:]))
            compiled = subprocess.run(
                [args.clangxx, "-fsyntax-only", copy] + flags,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                universal_newlines=True, errors="replace")
            if compiled.returncode != 0:
                fail("%s %s no longer compiles with every fix applied:\n%s" %
                     (path, " ".join(extra), compiled.stdout[-4000:]))
            checked += 1
            print("ok: %s %s" % (os.path.basename(path), " ".join(extra)))
    print("%d configurations compile with every fix applied" % checked)


if __name__ == "__main__":
    main()
