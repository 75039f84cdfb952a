// Input for runner tests: a warning is expected where there is none.
#include <regex>
#include <string>
static const std::regex Re("x");
bool f(const std::string &Line) {
  return std::regex_match(Line, Re);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Re' compiles its pattern
}
