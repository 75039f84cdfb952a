#!/usr/bin/env python3
"""Runs one vibeguard checker test: clang-tidy over a copy of the test file,
then FileCheck over what it printed and over the file it fixed.

Usage (the lit substitution %check_vibeguard supplies the tool options):

  check_vibeguard.py [tool options] [-check-suffix=S | -check-suffixes=S,T]
                     INPUT CHECK-NAME TEMP-PREFIX
                     [-- CLANG-TIDY-ARGS... [-- COMPILER-ARGS...]]

What a test file promises, and what fails it:
  CHECK-MESSAGES / CHECK-NOTES  every warning, error and note clang-tidy
      prints must be matched; anything printed but not matched fails.
  CHECK-FIXES  matched against the fixed file as whole lines; a line the
      fixes changed that no CHECK-FIXES line describes fails.
  no CHECK line at all  the check must print nothing and change nothing.
  With -check-suffix=S the prefixes are CHECK-MESSAGES-S and so on, so one
  file can hold several configurations.
Every fixed file is compiled again: a fix that breaks the build fails.
"""

import argparse
import difflib
import os
import re
import subprocess
import sys

KINDS = ("MESSAGES", "NOTES", "FIXES")
# With a location, or without one (configuration errors).
DIAGNOSTIC_LINE = re.compile(r"^(.*:\d+:\d+: )?(warning|error|note): ")
# clang-tidy's own report that it applied a fix, not one of the check's notes.
FIX_APPLIED_NOTE = re.compile(r": note: FIX-IT applied suggested code changes$")


def fail(message):
    sys.stderr.write("check_vibeguard: FAIL: " + message.rstrip() + "\n")
    sys.exit(1)


def split_dash_dash(argv):
    """Splits argv at the first two '--' into (own, clang-tidy, compiler)."""
    parts = [[], [], []]
    index = 0
    for arg in argv:
        if arg == "--" and index < 2:
            index += 1
            continue
        parts[index].append(arg)
    return parts


def parse_arguments():
    own, tidy_args, compiler_args = split_dash_dash(sys.argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--load", action="append", default=[],
                        help="plugin to load into clang-tidy (repeatable)")
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--clangxx", required=True,
                        help="compiler used to rebuild fixed files")
    parser.add_argument("--mock-std", default=None,
                        help="directory of mock standard headers used instead "
                             "of the real ones")
    parser.add_argument("--expect-clang-tidy-error", action="store_true",
                        help="the input does not compile; do not fail on "
                             "clang-tidy's exit code")
    parser.add_argument("-check-suffix", "-check-suffixes", dest="suffixes",
                        default="")
    parser.add_argument("input")
    parser.add_argument("check_name")
    parser.add_argument("temp_prefix")
    args = parser.parse_args(own)
    return args, tidy_args, compiler_args


def parse_suffixes(suffixes):
    """[""] for the plain prefixes, otherwise the named suffixes."""
    if not suffixes:
        return [""]
    names = [s.strip() for s in suffixes.split(",") if s.strip()]
    for name in names:
        if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
            fail("invalid check suffix '%s'" % name)
    return names


def directive_regex(prefix):
    # A FileCheck directive: PREFIX:, PREFIX-NEXT:, PREFIX-SAME:, ...
    return re.compile(r"\b" + re.escape(prefix) +
                      r"(-NEXT|-SAME|-NOT|-DAG|-EMPTY|-LABEL)?:(.*)$",
                      re.MULTILINE)


def neutralize_directives(text):
    """Blanks every CHECK directive comment, keeping line numbers, so that the
    fixed file cannot match its own CHECK-FIXES lines."""
    return re.sub(r"//\s*CHECK-[A-Za-z0-9_-]+:[^\n]*", "//", text)


def fix_pattern_to_regex(pattern):
    """Turns a CHECK-FIXES pattern into a Python regex for a whole line:
    {{...}} is a regex, [[...]] a FileCheck variable, the rest literal."""
    out = []
    pos = 0
    token = re.compile(r"\{\{(.*?)\}\}|\[\[(.*?)\]\]")
    for match in token.finditer(pattern):
        out.append(re.escape(pattern[pos:match.start()]))
        if match.group(1) is not None:
            out.append("(?:" + match.group(1) + ")")
        else:
            out.append(".*")
        pos = match.end()
    out.append(re.escape(pattern[pos:]))
    return re.compile(r"\s*" + "".join(out).strip() + r"\s*")


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True,
                          **kwargs)


def run_filecheck(args, check_file, input_file, prefixes, extra):
    command = [args.filecheck, check_file, "--input-file=" + input_file,
               "--check-prefixes=" + ",".join(prefixes),
               "--dump-input=fail"] + extra
    result = run(command)
    if result.returncode != 0:
        fail("FileCheck (%s) failed on %s:\n%s" %
             (",".join(prefixes), input_file, result.stdout))


def main():
    args, tidy_args, compiler_args = parse_arguments()
    with open(args.input, encoding="utf-8", errors="surrogateescape") as f:
        original = f.read()

    suffixes = parse_suffixes(args.suffixes)
    wanted = {kind: ["CHECK-%s%s" % (kind, "-" + s if s else "")
                     for s in suffixes] for kind in KINDS}
    present = {kind: [p for p in wanted[kind]
                      if directive_regex(p).search(original)]
               for kind in KINDS}

    extension = os.path.splitext(args.input)[1] or ".cpp"
    temp_file = args.temp_prefix + extension
    os.makedirs(os.path.dirname(os.path.abspath(temp_file)), exist_ok=True)
    cleaned = neutralize_directives(original)
    with open(temp_file, "w", encoding="utf-8",
              errors="surrogateescape") as f:
        f.write(cleaned)

    is_c = extension == ".c"
    compile_args = list(compiler_args)
    if not any(a.startswith("-std=") for a in compile_args):
        compile_args.insert(0, "-std=c11" if is_c else "-std=c++17")
    if args.mock_std:
        # Only the mocks: results must not depend on the machine's headers.
        compile_args = ["-nostdinc++", "-nostdlibinc",
                        "-isystem", args.mock_std] + compile_args

    own_config = any(a.startswith(("-config", "--config")) for a in tidy_args)
    command = ([args.clang_tidy] + ["--load=" + p for p in args.load] +
               ["-checks=-*," + args.check_name, "-fix", "--fix-notes"] +
               ([] if own_config else ["--config={}"]) +
               tidy_args + [temp_file, "--"] + compile_args)
    result = run(command)
    output = result.stdout
    if result.returncode != 0 and not args.expect_clang_tidy_error:
        fail("clang-tidy exited with %d:\n%s\ncommand: %s" %
             (result.returncode, output, " ".join(command)))

    diagnostics = [line for line in output.splitlines()
                   if DIAGNOSTIC_LINE.match(line)
                   and not FIX_APPLIED_NOTE.search(line)]
    messages_file = args.temp_prefix + ".msg"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write("\n".join(diagnostics) + "\n")

    message_prefixes = present["MESSAGES"] + present["NOTES"]
    if message_prefixes:
        run_filecheck(args, args.input, messages_file, message_prefixes,
                      ["--implicit-check-not={{warning|error|note}}:"])
    elif diagnostics:
        fail("the test expects no diagnostics, but clang-tidy printed:\n" +
             "\n".join(diagnostics))

    with open(temp_file, encoding="utf-8", errors="surrogateescape") as f:
        fixed = f.read()
    changed_lines = []
    matcher = difflib.SequenceMatcher(a=cleaned.splitlines(),
                                      b=fixed.splitlines(), autojunk=False)
    removed_lines = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed_lines.extend(fixed.splitlines()[b_start:b_end])
        elif tag == "delete":
            removed_lines.extend(cleaned.splitlines()[a_start:a_end])

    if present["FIXES"]:
        run_filecheck(args, args.input, temp_file, present["FIXES"],
                      ["--match-full-lines"])
        patterns = []
        for prefix in present["FIXES"]:
            regex = directive_regex(prefix)
            for line in original.splitlines():
                match = regex.search(line)
                if match and match.group(1) not in ("-NOT",):
                    patterns.append(fix_pattern_to_regex(match.group(2).strip()))
        unexpected = [line for line in changed_lines
                      if not any(p.fullmatch(line) for p in patterns)]
        if unexpected:
            fail("fixes changed lines that no CHECK-FIXES line describes:\n" +
                 "\n".join(unexpected))
        if removed_lines:
            fail("fixes removed whole lines, which CHECK-FIXES cannot "
                 "describe:\n" + "\n".join(removed_lines))
    elif fixed != cleaned:
        fail("the test expects no fixes, but the fixes changed:\n" +
             "\n".join(changed_lines))

    if fixed != cleaned:
        compiler = [args.clangxx, "-fsyntax-only"]
        if is_c:
            compiler += ["-x", "c"]
        result = run(compiler + compile_args + [temp_file])
        if result.returncode != 0:
            fail("the fixed file no longer compiles:\n" + result.stdout)


if __name__ == "__main__":
    main()
