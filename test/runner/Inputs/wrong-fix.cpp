// Input for runner tests: the expected fix is not the one applied.
#include <regex>
#include <string>
#include <vector>
int f(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("x");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern
    // CHECK-FIXES: const std::regex Re("x");
    N += std::regex_match(Line, Re);
  }
  return N;
}
