#include "log_record.h"

#include <iostream>
#include <regex>
#include <string>
#include <vector>

int main() {
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(std::cin, line)) {
    lines.push_back(line);
  }

  auto records = parseLog(lines);

  // Health checks are noise in the report: drop them.
  for (auto it = records.begin(); it != records.end();) {
    if (it->path == "/health")
      it = records.erase(it);
    else
      ++it;
  }

  const int invalid_users = countInvalidUsers(records);

  // The admin pattern is built once, before the loop: nothing to report.
  const std::regex admin_re("^/admin");
  int admin_hits = 0;
  for (const auto &record : records) {
    if (std::regex_search(record.path, admin_re)) {
      ++admin_hits;
    }
  }

  std::cout << "records: " << records.size() << "\n"
            << "invalid users: " << invalid_users << "\n"
            << "admin hits: " << admin_hits << "\n"
            << "api calls: " << countMatchingPaths(records, "^/api/") << "\n";
  return 0;
}
