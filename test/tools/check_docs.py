#!/usr/bin/env python3
"""Holds the plugin against its documentation: every registered check has a
docs page and an index row, every page belongs to a registered check, every
documented option is accepted by --verify-config and shows up in
--dump-config with its documented default, and an unknown option is refused.
Prints one line per verified fact; exits non-zero on the first mismatch."""

import argparse
import os
import re
import subprocess
import sys

OPTION_HEADING = re.compile(r"^### `(\w+)`\s*$")
DEFAULT_LINE = re.compile(r"^Default: `([^`]*)`\s*$")


def fail(message):
    sys.stderr.write("check_docs: FAIL: " + message + "\n")
    sys.exit(1)


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, universal_newlines=True)
    return result.returncode, result.stdout


def documented(docs_dir):
    """{check name: {option: default}} from docs/checks/<name>.md."""
    checks = {}
    for name in sorted(os.listdir(docs_dir)):
        if not name.endswith(".md") or name == "index.md":
            continue
        options = {}
        current = None
        with open(os.path.join(docs_dir, name), encoding="utf-8") as f:
            for line in f:
                heading = OPTION_HEADING.match(line)
                if heading:
                    current = heading.group(1)
                    continue
                default = DEFAULT_LINE.match(line)
                if default and current:
                    options[current] = default.group(1)
                    current = None
        checks["vibeguard-" + name[:-3]] = options
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--load", default=None)
    parser.add_argument("--docs", required=True)
    parser.add_argument("--source", required=True,
                        help="any C++ file, for --dump-config")
    args = parser.parse_args()
    load = ["--load=" + args.load] if args.load else []

    code, output = run([args.clang_tidy] + load +
                       ["--list-checks", "-checks=-*,vibeguard-*"])
    if code != 0:
        fail("--list-checks failed:\n" + output)
    registered = sorted(set(re.findall(r"^\s+(vibeguard-[a-z0-9-]+)\s*$",
                                       output, re.MULTILINE)))
    if not registered:
        fail("no vibeguard check is registered:\n" + output)
    docs = documented(args.docs)
    if sorted(docs) != registered:
        fail("registered checks %s differ from documented checks %s" %
             (registered, sorted(docs)))
    with open(os.path.join(args.docs, "index.md"), encoding="utf-8") as f:
        index = f.read()
    for check in registered:
        short = check[len("vibeguard-"):]
        if not re.search(r"\[`?%s`?\]\(%s\.md\)" % (re.escape(check),
                                                    re.escape(short)), index):
            fail("docs/checks/index.md has no row linking %s" % check)
        print("documented: %s (%d options)" % (check, len(docs[check])))

    options = {"%s.%s" % (check, option): value
               for check, opts in docs.items() for option, value in opts.items()}
    config = "{Checks: '-*,vibeguard-*', CheckOptions: {%s}}" % ", ".join(
        "%s: '%s'" % (key, value.replace("'", "''"))
        for key, value in sorted(options.items()))
    code, output = run([args.clang_tidy] + load +
                       ["--verify-config", "--config=" + config])
    if code != 0 or "No config errors detected" not in output:
        fail("--verify-config rejects the documented options:\n" + output)
    print("verify-config accepts %d documented options" % len(options))

    code, output = run([args.clang_tidy] + load +
                       ["--dump-config", "-checks=-*,vibeguard-*",
                        "--config={Checks: '-*,vibeguard-*'}", args.source,
                        "--"])
    for key, value in sorted(options.items()):
        if not re.search(r"^\s+%s:\s+'?%s'?\s*$" % (re.escape(key),
                                                    re.escape(value)),
                         output, re.MULTILINE):
            fail("--dump-config does not show %s with its documented default "
                 "'%s':\n%s" % (key, value, output))
    print("dump-config shows every documented default")

    bogus = registered[0] + ".NoSuchOption"
    code, output = run([args.clang_tidy] + load +
                       ["--verify-config",
                        "--config={CheckOptions: {%s: 'x'}}" % bogus])
    if code == 0 or "NoSuchOption" not in output:
        fail("--verify-config accepted an unknown option:\n" + output)
    print("verify-config refuses an undocumented option")


if __name__ == "__main__":
    main()
