// RUN: %check_vibeguard %s vibeguard-unchecked-null-return %t -- -- -std=c++17
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-unchecked-null-return %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-unchecked-null-return.NullReturningFunctions: '::findUser'}}" \
// RUN:   -- -std=c++17 -DOPTIONS

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mysql.h>
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

// One finding per value, at its first unchecked use: the others repeat it.
void fillTable(bool Wide) {
  int *Table = static_cast<int *>(malloc(64));
  if (Wide)
    Table[0] = 1;
  else
    Table[1] = 2;
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'Table' is null when 'malloc' fails, and it is dereferenced here without a check
  // CHECK-MESSAGES: :[[@LINE-6]]:35: note: 'Table' is set from 'malloc' here
  Table[2] = 3;
  Table[3] = 4;
  free(Table);
}

// An assertion that uses the pointer is not a check of it.
#define CHECK_EQ(A, B) ((A) == (B) ? (void)0 : abort())
void checkedField() {
  User *U = static_cast<User *>(malloc(sizeof(User)));
  CHECK_EQ(U->Id, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'U' is null when 'malloc' fails, and it is dereferenced here without a check
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'U' is set from 'malloc' here
  free(U);
}

// A fetch from a result with no seek before it, or a seek on another result.
// A loop whose first statement is not the fetch.
void columns(MYSQL_RES *Result, int Count, char **Out) {
  mysql_data_seek(Result, 0);
  for (int I = 0; I != Count; ++I) {
    Out[I] = nullptr;
    MYSQL_ROW Values = mysql_fetch_row(Result);
    Out[I] = Values[0];
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Values' is null when 'mysql_fetch_row' fails
    // CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'Values' is set from 'mysql_fetch_row' here
  }
}
char *firstColumn(MYSQL_RES *Result, MYSQL_RES *Other) {
  MYSQL_ROW Row = mysql_fetch_row(Result);
  mysql_data_seek(Other, 0);
  MYSQL_ROW Next = mysql_fetch_row(Result);
  if (Next[1])
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Next' is null when 'mysql_fetch_row' fails
    // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'Next' is set from 'mysql_fetch_row' here
    return Row[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Row' is null when 'mysql_fetch_row' fails
  // CHECK-MESSAGES: :[[@LINE-8]]:19: note: 'Row' is set from 'mysql_fetch_row' here
  return nullptr;
}

// ---- Checked, in any of the usual ways ---------------------------------------------

// The cursor was just moved to a row the code knows exists.
char *cell(MYSQL_RES *Result, MYSQL_ROW_OFFSET *Offsets, int Row, int Column) {
  mysql_row_seek(Result, Offsets[Row]);
  MYSQL_ROW Values = mysql_fetch_row(Result);
  return Values[Column];
}
char *cellAt(MYSQL_RES *Result, unsigned long long Row, int Column) {
  mysql_data_seek(Result, Row);
  MYSQL_ROW Values = mysql_fetch_row(Result);
  return Values[Column];
}
// The loop walks a counted run of rows from the one sought.
void column(MYSQL_RES *Result, unsigned long long First, int Count,
            char **Out) {
  mysql_data_seek(Result, First);
  for (int I = 0; I != Count; ++I) {
    MYSQL_ROW Values = mysql_fetch_row(Result);
    Out[I] = Values[0];
  }
}

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

// Test and assertion macros: gtest's ASSERT_* return from the test when the
// check fails; EXPECT_* and assertions compiled out under NDEBUG do not stop
// anything, but they are where the author checked.
namespace testing {
class AssertionResult {
public:
  explicit AssertionResult(bool Success);
  explicit operator bool() const;
};
template <typename A, typename B> AssertionResult compareNe(A L, B R);
void addFailure();
} // namespace testing
#define ASSERT_TRUE(C)                                                         \
  if (const ::testing::AssertionResult gtest_ar_ =                             \
          ::testing::AssertionResult(C))                                       \
    ;                                                                          \
  else                                                                         \
    return
#define ASSERT_NE(A, B)                                                        \
  if (const ::testing::AssertionResult gtest_ar_ = ::testing::compareNe(A, B)) \
    ;                                                                          \
  else                                                                         \
    return
#define EXPECT_NE(A, B)                                                        \
  if (const ::testing::AssertionResult gtest_ar_ = ::testing::compareNe(A, B)) \
    ;                                                                          \
  else                                                                         \
    ::testing::addFailure()
#define DCHECK(E) ((void)0)
#define poco_assert(E)

void gtestAsserted() {
  const char *Home = getenv("HOME");
  ASSERT_TRUE(Home != nullptr);
  use(strlen(Home));
  const char *Path = getenv("PATH");
  ASSERT_NE(Path, nullptr);
  use(strlen(Path));
  FILE *In = fopen("input.txt", "r");
  ASSERT_TRUE(In);
  fclose(In);
  const char *Term = getenv("TERM");
  EXPECT_NE(nullptr, Term);
  use(strlen(Term));
}

void releaseAsserted() {
  int *Table = static_cast<int *>(malloc(40));
  DCHECK(Table);
  Table[0] = 1;
  char *Copy = strdup("x");
  poco_assert(Copy != nullptr && "out of memory");
  Copy[0] = 'y';
  free(Table);
  free(Copy);
}

[[noreturn]] void fatal(const char *Why);
void stopsWhenNull() {
  int *A = static_cast<int *>(malloc(40));
  if (!A)
    abort();
  A[0] = 1;
  int *B = static_cast<int *>(malloc(40));
  if (B == nullptr)
    exit(1);
  B[0] = 1;
  int *C = static_cast<int *>(malloc(40));
  if (!C)
    throw 1;
  C[0] = 1;
  int *D = static_cast<int *>(malloc(40));
  if (!D)
    fatal("out of memory");
  D[0] = 1;
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
