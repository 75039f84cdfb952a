//===--- VibeGuardClangd.cpp - vibeguard ----------------------------------===//
//
// clangd with the vibeguard checks linked in.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstring>

namespace clang::clangd {
// Defined in clangdMain; Debian does not install its header.
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

int main(int argc, char *argv[]) {
  for (int I = 1; I < argc; ++I)
    if (!std::strcmp(argv[I], "--version") || !std::strcmp(argv[I], "-version"))
      std::printf("vibeguard-clangd %s: clangd with the vibeguard checks "
                  "built in (LLVM %s)\n",
                  VIBEGUARD_VERSION, VIBEGUARD_LLVM_VERSION);
  std::fflush(stdout);
  return clang::clangd::clangdMain(argc, argv);
}
