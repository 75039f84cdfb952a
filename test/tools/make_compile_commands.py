#!/usr/bin/env python3
"""Writes compile_commands.json for every .cpp file under a project directory,
as a build system would, so run-clang-tidy can be tested without one."""

import argparse
import json
import os
import shlex


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project")
    parser.add_argument("--compiler", required=True)
    parser.add_argument("--flag", action="append", default=[])
    args = parser.parse_args()
    project = os.path.abspath(args.project)
    entries = []
    for root, _, files in os.walk(project):
        for name in sorted(files):
            if name.endswith(".cpp"):
                path = os.path.join(root, name)
                command = [args.compiler] + args.flag + ["-c", path]
                entries.append({"directory": project, "file": path,
                                "command": " ".join(map(shlex.quote, command))})
    with open(os.path.join(project, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)


if __name__ == "__main__":
    main()
