// Code that does not compile is still analysed as far as clang can parse it,
// and never crashes the check. clang-tidy applies no fix to it.
// RUN: %check_vibeguard --expect-clang-tidy-error %s vibeguard-regex-in-loop %t

#include <regex>
#include <string>
#include <vector>

int countBroken(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("x");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern on every iteration of the loop
    N += std::regex_match(Line, Re) + undeclaredHelper(Line);
    // CHECK-MESSAGES: :[[@LINE-1]]:39: error: use of undeclared identifier 'undeclaredHelper' [clang-diagnostic-error]
  }
  for (const auto &Pattern : missingContainer) {
    // CHECK-MESSAGES: :[[@LINE-1]]:30: error: use of undeclared identifier 'missingContainer' [clang-diagnostic-error]
    std::regex Each(Pattern);
  }
  return N;
}

template <class T> int incomplete(T Items) {
  for (auto &Item : Items) {
    std::regex Re(Item.pattern());
    std::regex Fixed("k");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Fixed' compiles its pattern on every iteration of the loop
  }
  return Items.
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: error: expected unqualified-id [clang-diagnostic-error]
