// Input for runner tests: every line matches, but the fixed file does not
// compile. clang-tidy defines __clang_analyzer__, the runner's recompilation
// of the fixed file does not, so only that recompilation sees the #error.
#include <regex>
#include <string>
#include <vector>
#ifndef __clang_analyzer__
#error "stands for a fix that broke the build"
#endif
int f(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("x");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern
    // CHECK-FIXES: static const std::regex Re("x");
    N += std::regex_match(Line, Re);
  }
  return N;
}
