# lit configuration for vibeguard. The build writes lit.site.cfg.py, which
# sets the tool paths used below and then loads this file.
import os
import shlex
import shutil

import lit.formats

config.name = "vibeguard"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "tools"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.vibeguard_obj_root, "test")

# Tools of the matching LLVM come first on PATH for the shell lines.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])
# Tests must not pick up a .clang-tidy or .clangd from the user's home.
config.environment["HOME"] = config.test_exec_root
config.environment["XDG_CONFIG_HOME"] = os.path.join(config.test_exec_root,
                                                     "xdg")

tools_dir = os.path.join(config.vibeguard_src_root, "test", "tools")
mock_std = os.path.join(config.vibeguard_src_root, "test", "checkers",
                        "Inputs", "system")


def quote(path):
    return shlex.quote(path)


runner = " ".join([
    quote(config.python), quote(os.path.join(tools_dir, "check_vibeguard.py")),
    "--clang-tidy", quote(config.clang_tidy),
    "--load", quote(config.plugin),
    "--filecheck", quote(config.filecheck),
    "--clangxx", quote(config.clangxx),
    "--mock-std", quote(mock_std),
])

config.substitutions.extend([
    ("%check_vibeguard", runner),
    ("%clang_tidy", quote(config.clang_tidy)),
    ("%vibeguard_plugin", quote(config.plugin)),
    ("%vibeguard_clang_tidy", quote(config.vibeguard_clang_tidy)),
    ("%vibeguard_clangd", quote(config.vibeguard_clangd)),
    ("%run_clang_tidy", quote(config.run_clang_tidy)),
    ("%clang_apply_replacements", quote(config.clang_apply_replacements)),
    ("%foreign_clang_tidy", quote(config.foreign_clang_tidy)),
    ("%clangxx", quote(config.clangxx)),
    ("%python", quote(config.python)),
    ("%mock_std", quote(mock_std)),
    ("%vibeguard_src", quote(config.vibeguard_src_root)),
    ("%vibeguard_build", quote(config.vibeguard_obj_root)),
    ("%test_tools", quote(tools_dir)),
    ("%llvm_major", config.llvm_major),
    ("%sanitized_plugin", quote(config.sanitized_plugin)),
    ("%asan_runtime", quote(config.asan_runtime)),
    ("%faulty_plugin", quote(config.faulty_plugin)),
])

if config.vibeguard_clang_tidy:
    config.available_features.add("vibeguard-tools")
if config.sanitized_plugin:
    config.available_features.add("sanitized-plugin")
if config.foreign_clang_tidy:
    config.available_features.add("foreign-clang-tidy")
if shutil.which("g++"):
    config.available_features.add("gxx")
