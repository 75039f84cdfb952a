// Input for runner tests: the warning is matched, its note is not.
#include <regex>
#include <string>
#include <vector>
int f(const std::vector<std::string> &Lines, const std::string &P) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re(P);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern
    N += std::regex_match(Line, Re);
  }
  return N;
}
