// Access-log analyzer: the kind of code an AI assistant writes when asked
// for "a quick tool that summarises our nginx logs and flags bad users".
#pragma once

#include <string>
#include <vector>

struct LogRecord {
  std::string ip;
  std::string method;
  std::string path;
  int status = 0;
  std::string user_email;
};

// Parses every line of an access log into records.
std::vector<LogRecord> parseLog(const std::vector<std::string> &lines);

// Returns true if the address looks like a valid email.
bool isValidEmail(const std::string &address);

// Counts the records whose user email is malformed.
int countInvalidUsers(const std::vector<LogRecord> &records);

// Counts the requests whose path matches the given pattern.
int countMatchingPaths(const std::vector<LogRecord> &records,
                       const std::string &pattern);
