// RUN: %check_vibeguard %s vibeguard-linear-lookup-in-loop %t
// RUN: %check_vibeguard -check-suffix=TINY %s vibeguard-linear-lookup-in-loop %t-tiny \
// RUN:   -- -config="{CheckOptions: {vibeguard-linear-lookup-in-loop.MaxConstantSize: 2}}" \
// RUN:   -- -DTINY_ONLY

#include <algorithm>
#include <array>
#include <list>
#include <string>
#include <unordered_set>
#include <vector>

struct Order {
  int Id;
  int CustomerId;
};

#ifdef TINY_ONLY
// With MaxConstantSize 2, a four-element array is no longer tiny.
int countKnown(const std::vector<int> &Codes) {
  static const int Known[4] = {1, 2, 3, 4};
  int N = 0;
  for (int Code : Codes)
    N += std::count(std::begin(Known), std::end(Known), Code);
    // CHECK-MESSAGES-TINY: :[[@LINE-1]]:10: warning: 'std::count' scans 'Known' on every iteration of the loop
  return N;
}
#else

// ---- Searches repeated per element -------------------------------------------

std::vector<int> dedupe(const std::vector<int> &Ids) {
  std::vector<int> Seen;
  for (int Id : Ids) {
    if (std::find(Seen.begin(), Seen.end(), Id) == Seen.end())
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::find' scans 'Seen' on every iteration of the loop, making the loop quadratic; keep 'Seen' in an std::unordered_set (or index it in an std::unordered_map) and look elements up in constant time [vibeguard-linear-lookup-in-loop]
      Seen.push_back(Id);
  }
  return Seen;
}

int countActive(const std::vector<Order> &Orders,
                const std::vector<int> &ActiveCustomers) {
  int N = 0;
  for (unsigned I = 0; I < Orders.size(); ++I)
    N += std::count(std::begin(ActiveCustomers), std::end(ActiveCustomers),
                    Orders[I].CustomerId);
    // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'std::count' scans 'ActiveCustomers' on every iteration of the loop
  return N;
}

class Catalog {
public:
  bool anyBanned(const std::vector<std::string> &Names) const {
    return std::any_of(Names.begin(), Names.end(), [this](const std::string &Name) {
      return std::find_if(Banned.begin(), Banned.end(), [&](const std::string &B) {
        // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::find_if' scans 'Banned' on every iteration of 'std::any_of'
               return B == Name;
             }) != Banned.end();
    });
  }

private:
  std::vector<std::string> Banned;
};

int rangesSearch(const std::list<int> &Pending, const std::vector<int> &Done) {
  int N = 0;
  unsigned I = 0;
  while (I < Done.size()) {
    if (std::ranges::find(Pending, Done[I++]) != Pending.end())
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::ranges::find' scans 'Pending' on every iteration of the loop
      ++N;
  }
  return N;
}

// A hand-written inner loop that looks for the outer element and stops.
std::vector<Order> ordersOfVip(const std::vector<Order> &Orders,
                               const std::vector<int> &VipCustomers) {
  std::vector<Order> Result;
  for (const Order &O : Orders) {
    for (int Vip : VipCustomers) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this loop scans 'VipCustomers' for a match on every iteration of the outer loop, making the nesting quadratic; keep 'VipCustomers' in an std::unordered_set (or index it in an std::unordered_map) and look elements up in constant time [vibeguard-linear-lookup-in-loop]
      if (Vip == O.CustomerId) {
        // CHECK-NOTES: :[[@LINE-1]]:7: note: the match is tested here
        Result.push_back(O);
        break;
      }
    }
  }
  return Result;
}

// One finding per location, however many instantiations.
template <class T>
int countShared(const std::vector<T> &A, const std::vector<T> &B) {
  int N = 0;
  for (const T &X : A)
    N += std::find(B.begin(), B.end(), X) != B.end();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::find' scans 'B' on every iteration of the loop
  return N;
}
template int countShared<int>(const std::vector<int> &, const std::vector<int> &);
template int countShared<long>(const std::vector<long> &, const std::vector<long> &);

#define CONTAINS(C, X) (std::find((C).begin(), (C).end(), X) != (C).end())

int macroSearch(const std::vector<int> &A, const std::vector<int> &B) {
  int N = 0;
  for (int X : A)
    N += CONTAINS(B, X);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::find' scans 'B' on every iteration of the loop
    // CHECK-NOTES: :[[@LINE-7]]:25: note: expanded from macro 'CONTAINS'
  return N;
}

// ---- Correct code that must stay silent --------------------------------------

// A hash set: constant-time lookups.
std::vector<int> dedupeWithSet(const std::vector<int> &Ids) {
  std::unordered_set<int> Seen;
  std::vector<int> Result;
  for (int Id : Ids)
    if (Seen.find(Id) == Seen.end()) {
      Seen.insert(Id);
      Result.push_back(Id);
    }
  return Result;
}

// Sorted ranges: logarithmic lookups.
int sortedLookups(const std::vector<int> &Sorted, const std::vector<int> &Ids) {
  int N = 0;
  for (int Id : Ids) {
    N += std::binary_search(Sorted.begin(), Sorted.end(), Id);
    N += *std::lower_bound(Sorted.begin(), Sorted.end(), Id);
  }
  return N;
}

// Tiny containers and loops of a constant, small count.
int tiny(const std::vector<int> &Codes, const std::vector<int> &Big) {
  static const int Known[4] = {1, 2, 3, 4};
  const std::array<int, 3> Reserved = {{7, 8, 9}};
  int N = 0;
  for (int Code : Codes) {
    N += std::count(std::begin(Known), std::end(Known), Code);
    N += std::find(Reserved.begin(), Reserved.end(), Code) != Reserved.end();
  }
  for (int Attempt = 0; Attempt < 3; ++Attempt)
    N += std::count(Big.begin(), Big.end(), Attempt);
  return N;
}

// One search, outside any loop; a search of part of a range; a search of a
// container rebuilt on every iteration (another cost, another fix).
int notRepeated(const std::vector<int> &A, const std::vector<std::vector<int>> &Rows) {
  int N = std::count(A.begin(), A.end(), 1);
  for (const std::vector<int> &Row : Rows) {
    N += std::count(Row.begin(), Row.end(), 0);
    std::vector<int> Local = Row;
    N += std::count(Local.begin(), Local.end(), 0);
    N += std::count(A.begin() + 1, A.end(), 0);
  }
  return N;
}

// Inner loops that do not search for the outer element: they visit every
// pair on purpose, or compare with something else, or never stop early.
int pairs(const std::vector<int> &A, const std::vector<int> &B, int Limit) {
  int N = 0;
  for (int X : A) {
    for (int Y : B)
      N += X * Y;
    for (int Y : B)
      if (Y == Limit)
        break;
    for (int Y : B)
      if (Y == X)
        ++N;
  }
  return N;
}

int suppressed(const std::vector<int> &A, const std::vector<int> &B) {
  int N = 0;
  for (int X : A)
    N += std::count(B.begin(), B.end(), X); // NOLINT(vibeguard-linear-lookup-in-loop)
  return N;
}
#endif
