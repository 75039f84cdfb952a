// RUN: %check_vibeguard %s vibeguard-unchecked-null-return %t -- -- -std=c++17
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-unchecked-null-return %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-unchecked-null-return.NullReturningFunctions: '::findUser'}}" \
// RUN:   -- -std=c++17 -DOPTIONS

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

struct User {
  int Id;
};
User *findUser(int Id);
void use(unsigned long);

#ifndef OPTIONS
// ---- Used without a null check ---------------------------------------------------

std::string homeDirectory() {
  std::string Home = std::getenv("HOME");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: the result of 'getenv' is null when 'getenv' fails, and it is made into a string here without a check: a crash on the first failure; test it for null first [vibeguard-unchecked-null-return]
  return Home;
}

void configLength() {
  const char *Level = getenv("LOG_LEVEL");
  use(strlen(Level));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Level' is null when 'getenv' fails, and it is passed to 'strlen' here without a check: a crash on the first failure; test it for null first
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'Level' is set from 'getenv' here
}

void writeHeader(const char *Path) {
  FILE *Out = fopen(Path, "w");
  fprintf(Out, "id,name\n");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Out' is null when 'fopen' fails, and it is passed to 'fprintf' here without a check
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'Out' is set from 'fopen' here
  fclose(Out);
}

int *allocate(unsigned long N) {
  int *Buffer = static_cast<int *>(malloc(N * sizeof(int)));
  Buffer[0] = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Buffer' is null when 'malloc' fails, and it is dereferenced here without a check
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'Buffer' is set from 'malloc' here
  return Buffer;
}

void checkedOnOnePathOnly(bool Verbose) {
  const char *Term = getenv("TERM");
  if (Verbose && Term)
    use(strlen(Term));
  use(strlen(Term));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Term' is null when 'getenv' fails
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'Term' is set from 'getenv' here
}

template <typename T> void readSetting() {
  const char *Value = getenv("SETTING");
  use(Value[0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Value' is null when 'getenv' fails, and it is dereferenced here without a check
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'Value' is set from 'getenv' here
}

// ---- Checked, in any of the usual ways ---------------------------------------------

std::string homeOrDefault() {
  const char *Home = std::getenv("HOME");
  return Home ? std::string(Home) : std::string("/");
}

void earlyReturn(const char *Path) {
  FILE *In = fopen(Path, "r");
  if (!In)
    return;
  char Line[128];
  fgets(Line, sizeof Line, In);
  fclose(In);
}

void ifChecked() {
  if (const char *Shell = getenv("SHELL"))
    use(strlen(Shell));
  const char *Lang = getenv("LANG");
  if (Lang != nullptr) {
    use(strlen(Lang));
  }
}

void andChecked() {
  const char *Debug = getenv("DEBUG");
  if (Debug && strcmp(Debug, "1") == 0)
    use(1);
}

void asserted() {
  int *Table = static_cast<int *>(calloc(16, sizeof(int)));
  assert(Table);
  Table[0] = 1;
  free(Table);
}

const char *extension(const char *Name) {
  const char *Dot = strrchr(Name, '.');
  return Dot ? Dot + 1 : "";
}

void reassignedFirst() {
  const char *Mode = getenv("MODE");
  if (!Mode)
    Mode = "default";
  use(strlen(Mode));
}

void notUsed() {
  const char *Unused = getenv("UNUSED");
  (void)Unused;
}

void suppressed() {
  use(strlen(getenv("X"))); // NOLINT(vibeguard-unchecked-null-return)
}

#define ENV_LENGTH(NAME) strlen(getenv(NAME))
void inMacro() {
  use(ENV_LENGTH("PATH"));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'getenv' is null when 'getenv' fails, and it is passed to 'strlen' here
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: expanded from macro 'ENV_LENGTH'
}

#else
// ---- Options: the project's own functions -----------------------------------------

int userId(int Id) {
  User *U = findUser(Id);
  return U->Id;
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:10: warning: 'U' is null when 'findUser' fails, and it is dereferenced here without a check
  // CHECK-MESSAGES-OPTION: :[[@LINE-3]]:13: note: 'U' is set from 'findUser' here
  // getenv is no longer in the list.
  use(strlen(getenv("X")));
}
#endif
