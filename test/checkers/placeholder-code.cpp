// This file lives under test/, which the default TestFilePattern skips.
// RUN: %check_vibeguard %s vibeguard-placeholder-code %t -- \
// RUN:   -config="{CheckOptions: {TestFilePattern: ''}}" -- -std=c++17
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-placeholder-code %t -- \
// RUN:   -config="{CheckOptions: {TestFilePattern: '', vibeguard-placeholder-code.Phrases: 'hack', vibeguard-placeholder-code.StubNames: 'allow'}}" \
// RUN:   -- -std=c++17 -DOPTIONS
// With the default pattern, nothing here is reported.
// RUN: %check_vibeguard -check-suffix=TESTS %s vibeguard-placeholder-code %t -- -- -std=c++17

#include <stdexcept>
#include <string>

struct Request {
  std::string Token;
  std::string Body;
};
struct User {
  int Id;
};
void save(const std::string &Data);

#ifndef OPTIONS
// ---- Unfinished code --------------------------------------------------------------

bool validateToken(const std::string &Token) {
  return true;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'validateToken' always returns true without looking at its input, so every caller accepts what it was meant to reject; implement the check, or fail closed until it exists [vibeguard-placeholder-code]
}

class AuthService {
public:
  bool is_authorized(const User &U, const std::string &Action) {
    (void)U;
    (void)Action;
    return true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'is_authorized' always returns true without looking at its input
  }
  std::string hashPassword(const std::string &Password) {
    return Password;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'hashPassword' returns its input unchanged, so callers rely on work that is never done; implement it, or fail until it exists
  }
  int checkQuota(const User &U) {
    return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'checkQuota' returns a constant without looking at its input: a placeholder that ships as the real thing; implement it
  }
  bool verifySignature(const std::string &Body) {
    throw std::logic_error("TODO");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'verifySignature' is not implemented and fails every call at run time; implement it before it is called in production
  }
};

std::string sanitizeInput(const std::string &Input) { return Input; }
// CHECK-MESSAGES: :[[@LINE-1]]:55: warning: 'sanitizeInput' returns its input unchanged

void handle(const Request &R) {
  // TODO: implement rate limiting
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: comment 'todo: implement' marks unfinished code that ships as if it were done; finish the implementation, or fail loudly until it is [vibeguard-placeholder-code]
  save(R.Body);
  /* In a real application you would check the token here. */
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: comment 'in a real application' marks unfinished code
  // ... existing code ...
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: comment '... existing code' marks unfinished code
}

bool processPayment(const Request &R) {
  save(R.Body);
  // TODO: add the call to the payment gateway
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: comment 'todo: add' marks unfinished code
  return true;
}

template <typename T> bool validateAll(const T &Items) {
  // Simplified implementation for demonstration purposes.
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: comment 'for demonstration purposes' marks unfinished code
  return true;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'validateAll' always returns true without looking at its input
}
template bool validateAll<int>(const int &);
template bool validateAll<long>(const long &);

auto Checker = [](const Request &R) {
  // Placeholder: replace with actual signature verification.
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: comment 'placeholder:' marks unfinished code
  return !R.Token.empty();
};

// ---- Correct code that must stay silent -------------------------------------------

// TODO: implement caching (a comment outside any function body).
bool validateAge(int Age) { return Age >= 0 && Age < 150; }

bool checkToken(const std::string &Token) {
  // Tokens are 32 hex characters; anything else is rejected.
  return Token.size() == 32;
}

class Policy {
public:
  // A base-class default that subclasses override.
  virtual bool authorize(const User &U) { return true; }
  virtual ~Policy() = default;
};

// Names that promise no check.
bool isEnabled(int Flags) { return true; }
int hashSeed() { return 42; }

void process(const Request &R) {
  // Validate first, then save: the order matters for auditing.
  save(R.Body);
  // Replace each {} placeholder in the template with its value.
  save(R.Token);
  // Kept for compatibility with existing code that reads the old format.
  // For simplicity the body is stored as one blob; it is never parsed.
  save(R.Body);
}

// A TODO in a body that does real work notes what comes next; the code
// around it is finished.
void storeRequest(const Request &R) {
  // TODO: add a second copy for the audit log.
  save(R.Body);
  if (R.Token.empty())
    save("anonymous");
  else
    save(R.Token);
  // TODO: implement compression once the format is settled.
  save(R.Body);
  save(R.Token);
}

bool verifyNothing(const std::string &S) {
  return true; // NOLINT(vibeguard-placeholder-code)
}

#define STUB_TRUE(NAME) bool NAME(int) { return true; }
STUB_TRUE(validateMacro)


// A specialization answers for one case of a template: the unsigned case of
// a check that only signed values can fail is 'return true', and that is the
// whole implementation.
template <typename T, bool IsSigned> struct RangeCheck {
  static bool validate(T Value) { return Value >= 0; }
};
template <typename T> struct RangeCheck<T, false> {
  static bool validate(T Value) { return true; }
};
template <> struct RangeCheck<char, true> {
  static bool validate(char Value) { return true; }
};

// A comment that states what overrides must do is a contract, not a TODO.
struct TaskHandle {
  virtual void perform() const = 0;
  virtual ~TaskHandle() = default;
  bool invoke(int Attempts) const {
    if (Attempts <= 0)
      return false;
    int Tries = 0;
    // Every derived handle must implement this contract function.
    perform();
    ++Tries;
    return Tries == 1;
  }
};
#else
// ---- Options: the project's own phrases and names ------------------------------------

bool allowAccess(const User &U) {
  // hack until the policy service exists
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:3: warning: comment 'hack' marks unfinished code
  return true;
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:3: warning: 'allowAccess' always returns true
}
// No longer in the lists:
bool validateUser(const User &U) {
  // TODO: implement
  return true;
}
#endif
