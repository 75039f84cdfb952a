// RUN: %check_vibeguard %s vibeguard-regex-in-loop %t
// RUN: %check_vibeguard -check-suffix=CUSTOM %s vibeguard-regex-in-loop %t-custom \
// RUN:   -- -config="{CheckOptions: {vibeguard-regex-in-loop.RegexClasses: '::re2::RE2'}}" \
// RUN:   -- -DCUSTOM_ONLY
// RUN: %check_vibeguard -check-suffix=BADOPTION %s vibeguard-regex-in-loop %t-bad \
// RUN:   -- -config="{CheckOptions: {vibeguard-regex-in-loop.RegexClasses: '::std::basic_regex;3rd::party'}}" \
// RUN:   -- -DBAD_OPTION_ONLY

#include <algorithm>
#include <boost/regex.hpp>
#include <istream>
#include <regex>
#include <string>
#include <vector>

// The project's own regex class, flagged only when configured.
namespace re2 {
class RE2 {
public:
  explicit RE2(const char *Pattern);
  RE2(const RE2 &);
};
bool PartialMatch(const std::string &S, const RE2 &Re);
} // namespace re2

#ifdef CUSTOM_ONLY
int countCustom(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    re2::RE2 Re("id=[0-9]+");
    // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:14: warning: 'Re' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-FIXES-CUSTOM: static const re2::RE2 Re("id=[0-9]+");
    std::regex Std("x");
    N += re2::PartialMatch(Line, Re) + std::regex_match(Line, Std);
  }
  return N;
}
#elif defined(BAD_OPTION_ONLY)
// CHECK-MESSAGES-BADOPTION: warning: invalid entry '3rd::party' in option 'RegexClasses': expected a qualified name such as '::ns::Class' or 'ns::function'; the entry is ignored [clang-tidy-config]
int countBad(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("a");
    // CHECK-MESSAGES-BADOPTION: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern
    // CHECK-FIXES-BADOPTION: static const std::regex Re("a");
    N += std::regex_match(Line, Re);
  }
  return N;
}
#else

constexpr char kLogPattern[] = R"(^(\w+) (\d+)$)";

// ---- Constructed directly in the loop -------------------------------------

int countErrors(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex ErrorRe("^ERROR");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'ErrorRe' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-FIXES: static const std::regex ErrorRe("^ERROR");
    if (std::regex_search(Line, ErrorRe))
      ++N;
  }
  return N;
}

int countRecords(std::vector<std::string> &Queue) {
  int N = 0;
  unsigned I = 0;
  while (I < Queue.size()) {
    const std::regex Record(kLogPattern, std::regex::icase | std::regex::ECMAScript);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'Record' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-FIXES: static const std::regex Record(kLogPattern, std::regex::icase | std::regex::ECMAScript);
    N += std::regex_match(Queue[I++], Record);
  }
  return N;
}

bool drain(std::vector<std::string> &Lines, unsigned &I) {
  bool Any = false;
  do {
    auto Wide = std::wregex(L"[0-9]+");
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'Wide' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-FIXES: static const auto Wide = std::wregex(L"[0-9]+");
    Any = Wide.mark_count() > 0;
  } while (++I < Lines.size());
  return Any;
}

int countBoost(const std::vector<std::string> &Lines) {
  int N = 0;
  for (unsigned I = 0; I < Lines.size(); ++I) {
    boost::regex Re("^[a-z]+$");
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Re' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-FIXES: static const boost::regex Re("^[a-z]+$");
    N += boost::regex_match(Lines[I], Re);
  }
  return N;
}

// A temporary cannot be made static: no fix, a note at the loop instead.
int countTemporaries(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines)
    N += std::regex_search(Line, std::regex("a+b"));
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: regular expression compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: the pattern is the same on every iteration; build the regular expression once before this loop and reuse it
  return N;
}

// The pattern does not change in the loop, but it is not a constant: making
// it static would freeze the first caller's pattern, so no fix.
int countMatching(const std::vector<std::string> &Lines,
                  const std::string &Pattern) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re(Pattern);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: the pattern is the same on every iteration; build the regular expression once before this loop and reuse it
    N += std::regex_match(Line, Re);
  }
  return N;
}

// A regex the loop modifies after construction cannot become const.
int countReassigned(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("first");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: the pattern is the same on every iteration; build the regular expression once before this loop and reuse it
    if (Line.empty())
      Re = "second";
    N += std::regex_match(Line, Re);
  }
  return N;
}

// A regex handed out by non-const reference may be modified: no fix.
void tune(std::regex &Re);
int countTuned(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("tuned");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: the pattern is the same on every iteration; build the regular expression once before this loop and reuse it
    tune(Re);
    N += std::regex_match(Line, Re);
  }
  return N;
}

// A static cannot be named in a capture list: making Re static would break
// the lambda, so no fix.
int countCaptured(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("captured");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Re' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: the pattern is the same on every iteration; build the regular expression once before this loop and reuse it
    auto Matches = [&Re](const std::string &S) { return std::regex_match(S, Re); };
    N += Matches(Line);
  }
  return N;
}

// A lambda given to an iteration algorithm is the loop body.
long countDigits(const std::vector<std::string> &Lines) {
  long N = 0;
  std::for_each(Lines.begin(), Lines.end(), [&N](const std::string &Line) {
    std::regex Digits("[0-9]");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Digits' compiles its pattern on every iteration of 'std::for_each'; construct it once, before the call or as a static const [vibeguard-regex-in-loop]
    // CHECK-FIXES: static const std::regex Digits("[0-9]");
    N += std::regex_search(Line, Digits);
  });
  return N;
}

bool anyBlank(const std::vector<std::string> &Lines) {
  return std::ranges::any_of(Lines, [](const std::string &Line) {
    return std::regex_match(Line, std::regex("^\\s*$"));
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: regular expression compiles its pattern on every iteration of 'std::ranges::any_of'; construct it once, before the call or as a static const [vibeguard-regex-in-loop]
  });
  // CHECK-NOTES: :[[@LINE-4]]:10: note: the pattern is the same on every iteration; build the regular expression once before this call and reuse it
}

// ---- Through helper functions ---------------------------------------------

bool isValidEmail(const std::string &Address) {
  std::regex Email(R"(^[\w.+-]+@[\w-]+\.[\w.]+$)");
  // CHECK-FIXES: static const std::regex Email(R"(^[\w.+-]+@[\w-]+\.[\w.]+$)");
  return std::regex_match(Address, Email);
}

bool isValidUser(const std::string &Name, const std::string &Address) {
  return !Name.empty() && isValidEmail(Address);
}

int countValid(const std::vector<std::string> &Names,
               const std::vector<std::string> &Addresses) {
  int N = 0;
  for (unsigned I = 0; I < Names.size(); ++I) {
    if (isValidEmail(Addresses[I]))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'isValidEmail' compiles a regular expression on every iteration of the loop; construct it once, as a static const in 'isValidEmail' or before the loop [vibeguard-regex-in-loop]
      // CHECK-NOTES: :[[@LINE-15]]:14: note: the regular expression is compiled here
      ++N;
    if (isValidUser(Names[I], Addresses[I]))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'isValidUser' compiles a regular expression on every iteration of the loop; construct it once, as a static const in 'isValidEmail' or before the loop [vibeguard-regex-in-loop]
      // CHECK-NOTES: :[[@LINE-13]]:27: note: 'isValidUser' calls 'isValidEmail' here
      // CHECK-NOTES: :[[@LINE-20]]:14: note: the regular expression is compiled here
      ++N;
  }
  return N;
}

// Constructing an object whose member is a regex compiles it every time.
class KeyValueParser {
public:
  bool parse(const std::string &Line) const {
    return std::regex_match(Line, Pair);
  }

private:
  std::regex Pair{R"((\w+)=(\w+))"};
};

int countPairs(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    KeyValueParser Parser;
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: call to the constructor of 'KeyValueParser' compiles a regular expression on every iteration of the loop; construct it once, as a static const in the constructor of 'KeyValueParser' or before the loop [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-8]]:18: note: the regular expression is compiled here
    N += Parser.parse(Line);
  }
  return N;
}

int countWithLambda(const std::vector<std::string> &Lines) {
  int N = 0;
  auto IsHeader = [](const std::string &Line) {
    std::regex Header("^#+ ");
    // CHECK-FIXES: static const std::regex Header("^#+ ");
    return std::regex_search(Line, Header);
  };
  for (const std::string &Line : Lines)
    N += IsHeader(Line);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to the lambda compiles a regular expression on every iteration of the loop; construct it once, as a static const in the lambda or before the loop [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-7]]:16: note: the regular expression is compiled here
  return N;
}

// ---- Templates: one finding per source location ---------------------------

template <class Container> int countInts(const Container &Items) {
  int N = 0;
  for (const auto &Item : Items) {
    std::regex Int("^-?[0-9]+$");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Int' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-FIXES: static const std::regex Int("^-?[0-9]+$");
    N += std::regex_match(Item, Int);
  }
  return N;
}
template int countInts(const std::vector<std::string> &);
template int countInts(const std::vector<std::wstring> &);

// ---- Macros: diagnosed where they expand, never fixed ----------------------

#define MATCHES(Text, Pattern) std::regex_match(Text, std::regex(Pattern))
#define DECLARE_REGEX(Name, Pattern) std::regex Name(Pattern)

int countMacro(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    N += MATCHES(Line, "^#");
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: regular expression compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-8]]:55: note: expanded from macro 'MATCHES'
    // CHECK-NOTES: :[[@LINE-4]]:3: note: the pattern is the same on every iteration; build the regular expression once before this loop and reuse it
  }
  for (const std::string &Line : Lines) {
    DECLARE_REGEX(Comment, "^//");
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'Comment' compiles its pattern on every iteration of the loop; construct it once, before the loop or as a static const [vibeguard-regex-in-loop]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: the pattern is the same on every iteration; build the regular expression once before this loop and reuse it
    N += std::regex_match(Line, Comment);
  }
  return N;
}

// ---- NOLINT ----------------------------------------------------------------

int countSuppressed(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Re("^x"); // NOLINT(vibeguard-regex-in-loop)
    N += std::regex_match(Line, Re);
  }
  return N;
}

// ---- Correct code that must stay silent -----------------------------------

// A short constant loop compiles a handful of patterns, however much data
// there is.
bool matchesAny(const std::string &Text) {
  for (const char *Pattern : {"^GET ", "^POST ", "^PUT "}) {
    std::regex Re(Pattern);
    if (std::regex_search(Text, Re))
      return true;
  }
  int Level;
  for (Level = 0; Level < 3; ++Level) {
    std::regex Indent(Level == 0 ? "^\\S" : "^ +");
    if (std::regex_search(Text, Indent))
      return true;
  }
  return false;
}

int builtBeforeTheLoop(const std::vector<std::string> &Lines) {
  const std::regex Re("^ERROR");
  int N = 0;
  for (const std::string &Line : Lines)
    N += std::regex_search(Line, Re);
  return N;
}

int staticInTheLoop(const std::vector<std::string> &Lines) {
  int N = 0;
  for (const std::string &Line : Lines) {
    static const std::regex Re("^ERROR");
    thread_local std::regex PerThread("^WARN");
    N += std::regex_search(Line, Re) + std::regex_search(Line, PerThread);
  }
  return N;
}

// Each pattern is different: a new regex per iteration is the point.
int matchAny(const std::string &Line, const std::vector<std::string> &Patterns) {
  for (const std::string &Pattern : Patterns) {
    std::regex Re(Pattern);
    if (std::regex_match(Line, Re))
      return 1;
  }
  for (int I = 0; I < 3; ++I) {
    std::regex Numbered("id" + std::to_string(I));
    if (std::regex_match(Line, Numbered))
      return 2;
  }
  return 0;
}

// The lambda's parameter is a new pattern for every element.
void compileEach(const std::vector<std::string> &Patterns) {
  std::for_each(Patterns.begin(), Patterns.end(), [](const std::string &P) {
    std::regex Re(P);
    (void)Re;
  });
}

// The pattern variable changes on every iteration.
int matchFromStream(std::istream &In, const std::string &Text) {
  std::string Pattern;
  int N = 0;
  while (std::getline(In, Pattern)) {
    std::regex Re(Pattern);
    N += std::regex_match(Text, Re);
  }
  std::string Prefix = "a";
  for (int I = 0; I < 4; ++I) {
    std::regex Grown(Prefix);
    N += std::regex_match(Text, Grown);
    Prefix += "a";
  }
  return N;
}

// 'do { } while (0)', the macro idiom, runs once; 'while (false)' never.
#define REQUIRE_FORMAT(Text)                                                   \
  do {                                                                         \
    std::regex Format("^[a-z]+$");                                             \
    if (!std::regex_match(Text, Format))                                       \
      return false;                                                            \
  } while (0)
bool runsAtMostOnce(const std::string &Text) {
  REQUIRE_FORMAT(Text);
  do {
    std::regex Once("x");
    if (std::regex_match(Text, Once))
      return true;
  } while (false);
  while (0) {
    std::regex Never("y");
    (void)Never;
  }
  return true;
}

// Copies, moves and default construction compile nothing.
int copies(const std::vector<std::string> &Lines, const std::regex &Base) {
  int N = 0;
  for (const std::string &Line : Lines) {
    std::regex Copy = Base;
    std::regex Empty;
    N += std::regex_match(Line, Copy) + Empty.mark_count();
  }
  return N;
}

// The init-statement of a for loop and the range of a range-for run once.
std::vector<std::string> splitAll(const std::regex &Re);
int runsOnce(const std::vector<std::string> &Lines) {
  int N = 0;
  for (std::regex Re("^x"); N < 10; ++N)
    N += Re.mark_count();
  for (const std::string &Part : splitAll(std::regex(",")))
    N += Part.size();
  return N;
}

// A helper whose pattern comes from its caller, or that keeps its regex in a
// static, is fine to call in a loop.
bool matchesPattern(const std::string &Text, const std::string &Pattern) {
  std::regex Re(Pattern);
  return std::regex_match(Text, Re);
}
bool isDate(const std::string &Text) {
  static const std::regex Date(R"(\d{4}-\d{2}-\d{2})");
  return std::regex_match(Text, Date);
}
int helpersThatAreFine(const std::vector<std::string> &Lines,
                       const std::vector<std::string> &Patterns) {
  int N = 0;
  for (unsigned I = 0; I < Lines.size(); ++I)
    N += matchesPattern(Lines[I], Patterns[I]) + isDate(Lines[I]);
  return N;
}

// A helper that compiles a regex is fine when no loop calls it.
bool validateOnce(const std::string &Config) { return isValidEmail(Config); }

// A class whose regex comes from its constructor argument.
class Matcher {
public:
  explicit Matcher(const std::string &Pattern) : Re(Pattern) {}
  bool matches(const std::string &S) const { return std::regex_match(S, Re); }

private:
  std::regex Re;
};
int withMatchers(const std::vector<std::string> &Patterns,
                 const std::string &Text) {
  int N = 0;
  for (const std::string &Pattern : Patterns)
    N += Matcher(Pattern).matches(Text);
  return N;
}

// A lambda that is only stored, or given to something that is not an
// iteration algorithm, does not run per iteration.
template <class F> void runLater(F Fn) { (void)Fn; }
void deferred() {
  runLater([] { std::regex Re("x"); });
  auto Stored = [] { return std::regex("y").mark_count(); };
  (void)Stored;
}

#endif
