#include "log_record.h"

#include <regex>
#include <string>
#include <vector>

std::vector<LogRecord> parseLog(const std::vector<std::string> &lines) {
  std::vector<LogRecord> records;
  for (const auto &line : lines) {
    // Parse the line with a regex to extract the fields.
    std::regex line_re(R"re((\S+) \S+ \S+ \[[^\]]+\] "(\w+) (\S+) [^"]*" (\d{3}) \S+ "([^"]*)")re");
    std::smatch match;
    if (std::regex_search(line, match, line_re)) {
      LogRecord record;
      record.ip = match[1];
      record.method = match[2];
      record.path = match[3];
      record.status = std::stoi(match[4]);
      record.user_email = match[5];
      records.push_back(record);
    }
  }
  return records;
}

bool isValidEmail(const std::string &address) {
  // Simple email validation.
  std::regex email_re(R"(^[\w.+-]+@[\w-]+\.[\w.]+$)");
  return std::regex_match(address, email_re);
}

int countInvalidUsers(const std::vector<LogRecord> &records) {
  int invalid = 0;
  for (const auto &record : records) {
    if (!record.user_email.empty() && !isValidEmail(record.user_email)) {
      ++invalid;
    }
  }
  return invalid;
}

int countMatchingPaths(const std::vector<LogRecord> &records,
                       const std::string &pattern) {
  int count = 0;
  for (const auto &record : records) {
    if (std::regex_search(record.path, std::regex(pattern))) {
      ++count;
    }
  }
  return count;
}
