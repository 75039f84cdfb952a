// Input for runner tests: only the selected suffix's lines are checked.
#include <regex>
#include <string>
#include <vector>
int f(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("x");
    // CHECK-MESSAGES-GOOD: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern
    // CHECK-FIXES-GOOD: static const std::regex Re("x");
    // CHECK-MESSAGES-BAD: :[[@LINE-3]]:16: warning: something else entirely
    N += std::regex_match(Line, Re);
  }
  return N;
}
