//===--- PluginVersionGuard.cpp - vibeguard -------------------------------===//
//
// Refuses to run inside a clang-tidy of another LLVM major. Such a host loads
// the plugin, lists its checks and then silently finds nothing, because the
// AST classes the matchers were compiled against differ; a user would take
// the silence for clean code.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <string>

namespace {

// The host's LLVM version as "major.minor.patch" and its major, or major 0
// when the host does not tell. Looked up by name at run time: the plugin
// links no LLVM library, so whatever answers is the host's.
struct HostVersion {
  unsigned Major = 0;
  std::string Text;
};

HostVersion hostVersion() {
  HostVersion Host;
  // The LLVM C API has had this since LLVM 16 (libLLVM exports it).
  using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);
  if (auto GetVersion = reinterpret_cast<GetVersionFn>(
          dlsym(RTLD_DEFAULT, "LLVMGetVersion"))) {
    unsigned Major = 0, Minor = 0, Patch = 0;
    GetVersion(&Major, &Minor, &Patch);
    Host.Major = Major;
    Host.Text = std::to_string(Major) + "." + std::to_string(Minor) + "." +
                std::to_string(Patch);
    return Host;
  }
  // Every clang tool has clang::getClangFullVersion(); "... version 19.1.7 ...".
  using FullVersionFn = std::string (*)();
  if (auto FullVersion = reinterpret_cast<FullVersionFn>(
          dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev"))) {
    std::string Text = FullVersion();
    std::string::size_type At = Text.find("version ");
    if (At != std::string::npos) {
      Host.Text = Text.substr(At + 8, Text.find(' ', At + 8) - (At + 8));
      Host.Major = static_cast<unsigned>(std::strtoul(Host.Text.c_str(),
                                                      nullptr, 10));
    }
  }
  return Host;
}

struct VersionGuard {
  VersionGuard() {
    const HostVersion Host = hostVersion();
    if (Host.Major == 0 || Host.Major == VIBEGUARD_LLVM_MAJOR)
      return;
    std::fprintf(stderr,
                 "error: the vibeguard plugin was built for LLVM %s but was "
                 "loaded into clang-tidy of LLVM %s; its checks would "
                 "silently find nothing. Load it into clang-tidy-%d, or "
                 "rebuild vibeguard with -DVIBEGUARD_LLVM_MAJOR=%u\n",
                 VIBEGUARD_LLVM_VERSION, Host.Text.c_str(),
                 VIBEGUARD_LLVM_MAJOR, Host.Major);
    std::fflush(nullptr);
    // We are inside dlopen(): leave without running the host's destructors.
    std::_Exit(1);
  }
};

const VersionGuard Guard;

} // namespace
