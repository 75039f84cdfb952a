// RUN: %check_vibeguard %s vibeguard-unchecked-conversion %t -- -- -std=c++17
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-unchecked-conversion %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-unchecked-conversion.UntrustedSources: '::readSetting'}}" \
// RUN:   -- -std=c++17 -DOPTIONS
// RUN: %check_vibeguard -check-suffix=CLI %s vibeguard-unchecked-conversion %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-unchecked-conversion.IncludeCommandLine: true}}" \
// RUN:   -- -std=c++17 -DCOMMAND_LINE

#include <cstdlib>
#include <httplib.h>
#include <istream>
#include <libpq-fe.h>
#include <stdexcept>
#include <string>

void use(long);
const char *readSetting(const char *Key);

#if !defined(OPTIONS) && !defined(COMMAND_LINE)
// ---- Outside text parsed without handling failure ---------------------------------

long timeout() {
  const char *Raw = std::getenv("TIMEOUT_MS");
  return std::stol(Raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::stol' throws on an environment variable it cannot parse
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the text comes from here
}

void handle(const httplib::Request &Req, httplib::Response &Res) {
  int Id = std::stoi(Req.get_param_value("id"));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::stoi' throws on request data it cannot parse
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the text comes from here
  double Amount = std::stod(Req.body);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'std::stod' throws on request data it cannot parse
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: the text comes from here
  use(Id + static_cast<long>(Amount));
}

void readCounts(std::istream &In) {
  std::string Line;
  while (std::getline(In, Line))
    use(std::stoi(Line));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::stoi' throws on stream input it cannot parse
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the text comes from here
}

int rowCount(PGresult *Result) {
  return atoi(PQgetvalue(Result, 0, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'atoi' cannot report an error: it returns 0 for a database value
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: the text comes from here
}

void tryAroundOtherCode(const httplib::Request &Req) {
  try {
    use(1);
  } catch (...) {
  }
  use(std::stoi(Req.body));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::stoi' throws on request data
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: the text comes from here
}

// ---- Correct code that must stay silent -------------------------------------------

int portOrDefault(char **argv) {
  try {
    return std::stoi(argv[1]);
  } catch (const std::invalid_argument &) {
    return 8080;
  } catch (const std::out_of_range &) {
    return 8080;
  }
}

void handleSafely(const httplib::Request &Req) {
  try {
    use(std::stoi(Req.body));
  } catch (const std::exception &E) {
    use(-1);
  }
  try {
    use(std::stol(Req.get_param_value("n")));
  } catch (...) {
    use(-1);
  }
}

// Text the program wrote itself.
void constants() {
  use(std::stoi("42"));
  std::string Fixed = "17";
  use(std::stoi(Fixed));
  use(atoi("8"));
}

// Parameters of ordinary functions are the caller's business.
int parseField(const std::string &Text) { return std::stoi(Text); }

// A handler that catches something unrelated does not protect it.
struct NetworkError {};
void onlyNetworkErrors(char **argv) {
  try {
    use(std::stoi("1"));
  } catch (const NetworkError &) {
  }
}

void suppressed(char **argv) {
  use(atoi(argv[1])); // NOLINT(vibeguard-unchecked-conversion)
}

#define BODY_AS_NUMBER(REQ) std::stoi(REQ.body)
void inMacro(const httplib::Request &Req) {
  use(BODY_AS_NUMBER(Req));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::stoi' throws on request data
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: expanded from macro 'BODY_AS_NUMBER'
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the text comes from here
}

// Command-line arguments are the operator's own, given once per run: a
// typo fails that run in front of whoever made it (IncludeCommandLine).
int main(int argc, char **argv) {
  int Port = std::stoi(argv[1]);
  int Workers = atoi(argv[2]);
  use(Port + Workers);
}

#elif defined(COMMAND_LINE)
// ---- Option IncludeCommandLine: argv is outside text --------------------------------

int main(int argc, char **argv) {
  int Port = std::stoi(argv[1]);
  // CHECK-MESSAGES-CLI: :[[@LINE-1]]:14: warning: 'std::stoi' throws on a command-line argument it cannot parse, and nothing here catches it, so one malformed value aborts the whole operation; catch std::invalid_argument and std::out_of_range around it, or parse with std::from_chars and check the result [vibeguard-unchecked-conversion]
  // CHECK-MESSAGES-CLI: :[[@LINE-2]]:24: note: the text comes from here
  int Workers = atoi(argv[2]);
  // CHECK-MESSAGES-CLI: :[[@LINE-1]]:17: warning: 'atoi' cannot report an error: it returns 0 for a command-line argument it cannot parse and overflows silently, so bad input becomes a valid-looking number; parse with std::from_chars or strtol and check the result [vibeguard-unchecked-conversion]
  // CHECK-MESSAGES-CLI: :[[@LINE-2]]:22: note: the text comes from here
  use(Port + Workers);
}

template <typename T> T parsePort(char **argv) {
  return static_cast<T>(std::stoi(argv[1]));
  // CHECK-MESSAGES-CLI: :[[@LINE-1]]:25: warning: 'std::stoi' throws on a command-line argument
  // CHECK-MESSAGES-CLI: :[[@LINE-2]]:35: note: the text comes from here
}
void usePorts(char **argv) {
  parsePort<int>(argv);
  parsePort<long>(argv);
}

int portOrDefault(char **argv) {
  try {
    return std::stoi(argv[1]);
  } catch (const std::invalid_argument &) {
    return 8080;
  }
}

#else
// ---- Options: the project's own sources ----------------------------------------------

void configured() {
  use(std::stoi(readSetting("port")));
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:7: warning: 'std::stoi' throws on external data it cannot parse
  // CHECK-MESSAGES-OPTION: :[[@LINE-2]]:17: note: the text comes from here
  // No longer a source with the option replaced.
  use(std::stoi(std::getenv("PORT")));
}
#endif
