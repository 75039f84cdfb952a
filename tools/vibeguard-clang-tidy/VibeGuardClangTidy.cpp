//===--- VibeGuardClangTidy.cpp - vibeguard -------------------------------===//
//
// clang-tidy with the vibeguard checks linked in.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"
#include <cstdio>
#include <cstring>

int main(int argc, const char **argv) {
  for (int I = 1; I < argc; ++I)
    if (!std::strcmp(argv[I], "--version") || !std::strcmp(argv[I], "-version"))
      std::printf("vibeguard-clang-tidy %s: clang-tidy with the vibeguard "
                  "checks built in (LLVM %s)\n",
                  VIBEGUARD_VERSION, VIBEGUARD_LLVM_VERSION);
  std::fflush(stdout);
  return clang::tidy::clangTidyMain(argc, argv);
}
