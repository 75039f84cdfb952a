#!/usr/bin/env python3
"""Writes a generated translation unit for the benchmark: UNITS units of code
with nested loops, chains of helper functions calling each other (and into
the previous unit, so the call graph grows with the file), containers,
strings, regexes, SQL, mutexes and threads, so that every vibeguard check
has work to do.
DEPTH extra loop levels nest the innermost work deeper. Cost that grows
faster than the file is a bug.

Usage: generate.py UNITS DEPTH OUTPUT
"""

import sys

HEADER = """#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <list>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
"""

UNIT = """
namespace unit{n} {{
static std::unordered_map<int, std::string> Cache;

std::string lookup(sqlite3 *Db, int Id) {{
  auto Hit = Cache.find(Id);
  if (Hit != Cache.end())
    return Hit->second;
  sqlite3_exec(Db, "SELECT name FROM t WHERE id = 1", nullptr, nullptr,
               nullptr);
  return Cache[Id] = std::to_string(Id);
}}
std::string level3(sqlite3 *Db, int Id) {{
  return lookup(Db, Id + 3){previous};
}}
std::string level2(sqlite3 *Db, int Id) {{ return level3(Db, Id * 2); }}
std::string level1(sqlite3 *Db, int Id) {{ return level2(Db, Id - 1); }}

bool valid(const std::string &Text) {{
  std::regex Digits("^[0-9]+$");
  return std::regex_match(Text, Digits);
}}

int work(sqlite3 *Db, std::vector<int> &Values, std::list<int> &Links,
         std::map<int, int> &Index, std::string &Text) {{
  int Sum = 0;
  for (std::size_t I = 0; I < Values.size(); ++I) {{
    for (int J = 0; J < Values[I]; ++J) {{
      for (int K : Values) {{{open}
        if (std::find(Values.begin(), Values.end(), K + J) != Values.end())
          Sum += K;
        Sum += Index[K] + static_cast<int>(Text.size());{close}
      }}
      Sum += *std::next(Links.begin(), J);
    }}
    if (valid(level1(Db, Values[I])))
      ++Sum;
  }}
  for (auto It = Values.begin(); It != Values.end();) {{
    if (*It % 7 == 0)
      It = Values.erase(It);
    else
      ++It;
  }}
  std::size_t Pos;
  while ((Pos = Text.find("  ")) != std::string::npos)
    Text.replace(Pos, 2, " ");
  while (!Values.empty() && Values.front() < 0)
    Values.erase(Values.begin());
  return Sum;
}}

std::mutex Mutex, Other;
int Counter = 0;
bool Done = false;

class Store {{
public:
  void put(int K, const std::string &V) {{
    std::lock_guard<std::mutex> Lock(Guard);
    Items[K] = V;
    touch();
  }}
  std::string get(int K) {{
    std::unique_lock<std::mutex> Lock(Guard);
    auto It = Items.find(K);
    return It == Items.end() ? std::string() : It->second;
  }}
  std::size_t size() const {{ return Items.size(); }}

private:
  void touch() {{
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Counter;
  }}
  mutable std::mutex Guard;
  std::map<int, std::string> Items;
}};

Store *Instance = nullptr;
Store &store() {{
  if (!Instance)
    Instance = new Store();
  return *Instance;
}}

void flush(sqlite3 *Db) {{
  std::lock_guard<std::mutex> Outer(Other);
  std::lock_guard<std::mutex> Inner(Mutex);
  level1(Db, Counter);
}}

void waitDone() {{
  while (!Done)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}}
}} // namespace unit{n}
"""


def generate(units, depth=0):
    open_loops = "".join(
        "\n        for (int L%d = 0; L%d < K; ++L%d) {{" % (d, d, d)
        for d in range(depth))
    close_loops = "\n        }}" * depth
    unit = UNIT.replace("{open}", open_loops).replace("{close}", close_loops)
    return HEADER + "".join(
        unit.format(n=n, previous=(" + unit%d::level3(Db, Id)" % (n - 1)
                                   if n else ""))
        for n in range(units))


def main():
    units, depth, output = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    with open(output, "w") as f:
        f.write(generate(units, depth))


if __name__ == "__main__":
    main()
