#!/usr/bin/env bash
# vibeguard's one entry point for people and CI.
#
#   ./dev.sh example [--llvm N]   install what is missing, build, and run
#                                 vibeguard over examples/, printing findings
#   ./dev.sh test [--llvm N]      install what is missing, build, and run the
#                                 whole test suite and the CI subset of the
#                                 real-project corpus
#   ./dev.sh deps [--llvm N]...   only install the Debian packages
#   ./dev.sh install --prefix DIR [--llvm N]
#                                 build and install the plugin, both
#                                 executables and the CMake package
#   ./dev.sh bench [--llvm N]     measure each check's cost and scaling
#                                 (bench/README.md); not a pass/fail test
#   ./dev.sh robustness [--llvm N]
#                                 the full robustness run: every check over
#                                 all of googletest, library code and broken
#                                 input, in the sanitized plugin
#   ./dev.sh realworld [--llvm N]
#                                 every check over the real-project corpus
#                                 (test/realworld), held to the verdicts
#
# N is the LLVM major to build against: 22 (default) or 19. Packages come
# from Debian via apt-get (with sudo when not root).
set -euo pipefail
cd "$(dirname "$0")"
# ccache hits across checkouts (CI clones into a new directory every run).
export CCACHE_BASEDIR="$PWD"

command=${1:-}
[ $# -gt 0 ] && shift
majors=()
prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --llvm) majors+=("$2"); shift 2 ;;
    --llvm=*) majors+=("${1#--llvm=}"); shift ;;
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    *) echo "dev.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ ${#majors[@]} -gt 0 ] || majors=("${VIBEGUARD_LLVM:-22}")

# The other supported major, whose clang-tidy proves the version guard.
other_major() { if [ "$1" = 22 ]; then echo 19; else echo 22; fi; }

packages_for() {
  local n=$1
  echo "clang-$n clang-tidy-$n clangd-$n libclang-$n-dev llvm-$n-dev" \
       "llvm-$n-tools clang-tidy-$(other_major "$n")" \
       "libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc" \
       "cmake ninja-build ccache python3" \
       "libclang-rt-$n-dev googletest libboost-dev nlohmann-json3-dev" \
       "libfmt-dev libspdlog-dev libcpp-httplib-dev libsqlite3-dev libpq-dev"
}

# The -dev packages whose headers the real-project corpus includes.
corpus_packages() {
  python3 -c 'import json, sys
projects = json.load(open("test/realworld/projects.json"))["projects"]
wanted = sys.argv[1] == "all"
print(" ".join(sorted({p for project in projects if wanted or project.get("ci")
                       for p in project.get("packages", [])})))' "$1"
}

install_packages() {
  local missing=()
  for package in $(for n in "${majors[@]}"; do packages_for "$n"; done | tr ' ' '\n' | sort -u) \
                 $(corpus_packages "${corpus:-ci}"); do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" > /dev/null
}

# build N [CMAKE-ARGS...]
build() {
  local n=$1 dir=build/llvm-$1
  shift
  mkdir -p build
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DVIBEGUARD_LLVM_MAJOR="$n" ${prefix:+-DCMAKE_INSTALL_PREFIX="$prefix"} \
    "$@" > "$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir"
}

run_example() {
  local n=$1
  echo "== vibeguard (LLVM $n) on examples/log-analyzer"
  "/usr/lib/llvm-$n/bin/clang-tidy" --load="build/llvm-$n/lib/libvibeguard.so" \
    -checks='-*,vibeguard-*' examples/log-analyzer/src/*.cpp -- -std=c++17
}

run_tests() {
  local n=$1 dir=build/llvm-$1 status=0
  cmake --build "$dir" --target check-vibeguard || status=$?
  # One summary line a CI log reader understands.
  python3 - "$dir/test/results.xml" "$n" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
tests = sum(int(s.get("tests", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print("llvm%s: %d passed, %d failed, %d skipped" %
      (sys.argv[2], tests - failed - skipped, failed, skipped))
PY
  return $status
}

# run_realworld N [--ci]: the real-project corpus against the verdicts.
run_realworld() {
  local n=$1
  shift
  echo "== real-project corpus (LLVM $n${1:+, CI subset})"
  python3 test/realworld/realworld.py "$@" \
    --clang-tidy "/usr/lib/llvm-$n/bin/clang-tidy" \
    --load "build/llvm-$n/lib/libvibeguard.so" --work "build/llvm-$n/realworld" \
    --report "build/llvm-$n/realworld.json" \
    --findings "build/llvm-$n/realworld-findings.tsv"
}

case "$command" in
  deps) install_packages ;;
  example)
    install_packages
    for n in "${majors[@]}"; do build "$n"; run_example "$n"; done ;;
  test)
    install_packages
    # The tests include the robustness run in the sanitized plugin.
    for n in "${majors[@]}"; do
      build "$n" -DVIBEGUARD_SANITIZED_PLUGIN=ON
      run_tests "$n"
      run_realworld "$n" --ci
    done ;;
  bench)
    install_packages
    for n in "${majors[@]}"; do
      build "$n"
      python3 bench/run.py --llvm-prefix "/usr/lib/llvm-$n" \
        --plugin "build/llvm-$n/lib/libvibeguard.so" \
        --output "build/llvm-$n/bench.json"
    done ;;
  robustness)
    install_packages
    for n in "${majors[@]}"; do
      build "$n" -DVIBEGUARD_SANITIZED_PLUGIN=ON
      runtime=$(grep '^VIBEGUARD_ASAN_RUNTIME:' "build/llvm-$n/CMakeCache.txt" | cut -d= -f2-)
      python3 test/tools/robustness.py --full \
        --clang-tidy "/usr/lib/llvm-$n/bin/clang-tidy" \
        --load "build/llvm-$n/lib/libvibeguard-sanitized.so" --preload "$runtime" \
        --clangxx "/usr/lib/llvm-$n/bin/clang++" --src . \
        --work "build/llvm-$n/robustness" --report "build/llvm-$n/robustness.json"
    done ;;
  realworld)
    corpus=all install_packages
    for n in "${majors[@]}"; do build "$n"; run_realworld "$n"; done ;;
  install)
    [ -n "$prefix" ] || { echo "dev.sh: install needs --prefix DIR" >&2; exit 2; }
    install_packages
    for n in "${majors[@]}"; do build "$n"; cmake --install "build/llvm-$n"; done ;;
  *)
    sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
