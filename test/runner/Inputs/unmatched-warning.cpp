// Input for runner tests: a finding with no CHECK line at all.
#include <regex>
#include <string>
#include <vector>
int f(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("x");
    N += std::regex_match(Line, Re);
  }
  return N;
}
