// RUN: %check_vibeguard %s vibeguard-unchecked-find %t -- -- -std=c++20
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-unchecked-find %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-unchecked-find.SearchAlgorithms: '::locate'}}" \
// RUN:   -- -std=c++20 -DOPTIONS

#include <algorithm>
#include <cassert>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

struct Price {
  int Cents;
};
int *locate(int *First, int *Last, int Value);

#ifndef OPTIONS
// ---- Dereferenced without a check ------------------------------------------------

int priceOf(std::map<std::string, int> &Prices, const std::string &Sku) {
  auto It = Prices.find(Sku);
  return It->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'It' is end() when 'find' finds nothing, and it is dereferenced here without a check: undefined behaviour on the first missing key; compare it with end() first, or use at() where a missing key is an error [vibeguard-unchecked-find]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'It' is set from 'find' here
}

int sessionOwner(std::unordered_map<int, int> &Sessions, int Token) {
  return Sessions.find(Token)->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'find' is end() when nothing is found, and it is dereferenced here without a check: undefined behaviour on the first missing key; compare it with end() first [vibeguard-unchecked-find]
}

int firstAtLeast(std::map<int, int> &Tiers, int Amount) {
  auto Tier = Tiers.lower_bound(Amount);
  return (*Tier).second;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'Tier' is end() when 'lower_bound' finds nothing
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'Tier' is set from 'lower_bound' here
}

int centsOf(std::vector<int> &Ids, int Id) {
  int *Found = std::find(Ids.begin(), Ids.end(), Id);
  return *Found;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Found' is end() when 'find' finds nothing, and it is dereferenced here without a check: undefined behaviour on the first missing key; compare it with end() first [vibeguard-unchecked-find]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'Found' is set from 'find' here
}

int rangesFind(std::vector<int> &Ids, int Id) {
  return *std::ranges::find(Ids, Id);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'find' is end() when nothing is found
}

void log(int);

int checkedOnOnePathOnly(std::map<int, int> &Limits, int User, bool Verbose) {
  auto Limit = Limits.find(User);
  if (Verbose && Limit != Limits.end())
    log(Limit->second);
  return Limit->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Limit' is end() when 'find' finds nothing
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: 'Limit' is set from 'find' here
}

int elseOfShortCircuit(std::map<int, int> &Limits, int User, bool Verbose) {
  auto Limit = Limits.find(User);
  if (Verbose && Limit != Limits.end())
    return 0;
  return Limit->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Limit' is end() when 'find' finds nothing
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: 'Limit' is set from 'find' here
}

int reassigned(std::map<int, int> &Quotas, int A, int B) {
  auto Quota = Quotas.find(A);
  if (Quota == Quotas.end())
    return 0;
  int Total = Quota->second;
  Quota = Quotas.find(B);
  return Total + Quota->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Quota' is end() when 'find' finds nothing
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'Quota' is set from 'find' here
}

// Instantiated twice, diagnosed once.
template <typename T> int lookupAs(std::map<int, int> &Table, int Key) {
  auto Entry = Table.find(Key);
  return static_cast<T>(Entry->second);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Entry' is end() when 'find' finds nothing
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'Entry' is set from 'find' here
}
int useLookup(std::map<int, int> &Table) {
  return lookupAs<int>(Table, 1) + lookupAs<long>(Table, 2);
}

#define VALUE_OF(Map, Key) ((Map).find(Key)->second)
int throughMacro(std::map<int, int> &Table) {
  return VALUE_OF(Table, 3) + VALUE_OF(Table, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'find' is end() when nothing is found
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: expanded from macro 'VALUE_OF'
  // CHECK-MESSAGES: :[[@LINE-3]]:31: warning: the result of 'find' is end() when nothing is found
  // CHECK-MESSAGES: :[[@LINE-6]]:29: note: expanded from macro 'VALUE_OF'
}

// A helper before the second lookup that puts another key, or nothing.
std::map<std::string, int> Backends;
void loadBackend(const std::string &Name, const std::string &Alias) {
  Backends[Alias] = 1;
}
void logMissing(const std::string &Name) {}
int useBackend(const std::string &Name) {
  auto It = Backends.find(Name);
  if (It == Backends.end()) {
    loadBackend(Name, "default");
    It = Backends.find(Name);
    // CHECK-MESSAGES: :[[@LINE+3]]:10: warning: 'It' is end() when 'find' finds nothing
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'It' is set from 'find' here
  }
  return It->second;
}
int useLogged(const std::string &Name) {
  auto It = Backends.find(Name);
  if (It == Backends.end()) {
    logMissing(Name);
    It = Backends.find(Name);
    // CHECK-MESSAGES: :[[@LINE+3]]:10: warning: 'It' is end() when 'find' finds nothing
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'It' is set from 'find' here
  }
  return It->second;
}

// ---- Correct code: silent ----------------------------------------------------

// The statement before the second lookup registers that very key (or
// throws), so the lookup finds it.
std::map<std::string, int> Factories;
void registerFactory(const std::string &Name) {
  if (Name.empty())
    throw 1;
  Factories[Name] = 1;
}
int factoryFor(const std::string &Name) {
  auto It = Factories.find(Name);
  if (It == Factories.end()) {
    registerFactory(Name);
    It = Factories.find(Name);
  }
  return It->second;
}

int checkedByIf(std::map<std::string, int> &Prices, const std::string &Sku) {
  auto It = Prices.find(Sku);
  if (It != Prices.end())
    return It->second;
  return 0;
}

int earlyReturn(std::map<std::string, int> &Prices, const std::string &Sku) {
  auto It = Prices.find(Sku);
  if (It == Prices.end())
    return -1;
  return It->second;
}

int conditional(std::unordered_map<int, int> &Sessions, int Token) {
  auto It = Sessions.find(Token);
  return It == Sessions.end() ? 0 : It->second;
}

int shortCircuit(std::unordered_map<int, int> &Sessions, int Token) {
  auto It = Sessions.find(Token);
  return It != Sessions.end() && It->second > 0;
}

int eitherMissingOrZero(std::map<int, int> &Table, int Key) {
  auto It = Table.find(Key);
  if (It == Table.end() || It->second == 0)
    return 0;
  return 100 / It->second;
}

int asserted(std::map<int, int> &Table, int Key) {
  auto It = Table.find(Key);
  assert(It != Table.end());
  return It->second;
}

int countedFirst(std::map<int, int> &Table, int Key) {
  if (Table.count(Key) == 0)
    return 0;
  return Table.find(Key)->second;
}

int containsFirst(std::map<int, int> &Table, int Key) {
  if (!Table.contains(Key))
    return 0;
  auto It = Table.find(Key);
  return It->second;
}

int comparedInline(std::map<int, int> &Table, int Key) {
  if (Table.find(Key) == Table.end())
    return 0;
  return Table.find(Key)->second;
}

int atThrows(const std::map<int, int> &Table, int Key) { return Table.at(Key); }

int walkFromLowerBound(std::map<int, int> &Tiers, int Amount) {
  int Sum = 0;
  for (auto It = Tiers.lower_bound(Amount); It != Tiers.end(); ++It)
    Sum += It->second;
  return Sum;
}

int positionNotIterator(const std::string &Line) {
  auto Colon = Line.find(':');
  return Colon == std::string::npos ? 0 : static_cast<int>(Colon);
}

// A repository's find() returns a pointer; that is a null-return question.
struct Repository {
  Price *find(int Id);
};
int fromRepository(Repository &Repo) { return Repo.find(7)->Cents; }

bool validId(std::vector<int> &Ids, int Id) {
  return std::find(Ids.begin(), Ids.end(), Id) != Ids.end();
}

int checkedVector(std::vector<int> &Ids, int Id) {
  int *Found = std::find(Ids.begin(), Ids.end(), Id);
  if (Found == Ids.end())
    return -1;
  return *Found;
}

int notDereferenced(std::map<int, int> &Table, int Key) {
  auto It = Table.find(Key);
  return It == Table.end();
}

int suppressed(std::map<int, int> &Table, int Key) {
  return Table.find(Key)->second; // NOLINT(vibeguard-unchecked-find)
}

#else
// ---- Options: SearchAlgorithms replaces the list ----------------------------

int viaOwnSearch(int *Values, int N) {
  return *locate(Values, Values + N, 3);
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:10: warning: the result of 'locate' is end() when nothing is found
}

int stdFindNoLongerListed(std::vector<int> &Ids, int Id) {
  return *std::find(Ids.begin(), Ids.end(), Id);
}

int membersStillSeen(std::map<int, int> &Table, int Key) {
  return Table.find(Key)->second;
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:10: warning: the result of 'find' is end() when nothing is found
}
#endif
