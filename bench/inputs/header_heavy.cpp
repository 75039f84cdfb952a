// A header-heavy translation unit of the kind vibeguard meets in a service:
// the standard library's heavy headers, SQLite and cpp-httplib, and code
// with a few findings for every check.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <deque>
#include <future>
#include <iostream>
#include <list>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct User {
  int Id;
  std::string Name;
  std::string Email;
};

static std::unordered_map<int, User> UserCache;

User loadUser(sqlite3 *Db, int Id) {
  auto Hit = UserCache.find(Id);
  if (Hit != UserCache.end())
    return Hit->second;
  sqlite3_stmt *Stmt = nullptr;
  sqlite3_prepare_v2(Db, "SELECT name, email FROM users WHERE id = ?", -1,
                     &Stmt, nullptr);
  sqlite3_bind_int(Stmt, 1, Id);
  User U{Id, "", ""};
  if (sqlite3_step(Stmt) == SQLITE_ROW) {
    U.Name = reinterpret_cast<const char *>(sqlite3_column_text(Stmt, 0));
    U.Email = reinterpret_cast<const char *>(sqlite3_column_text(Stmt, 1));
  }
  sqlite3_finalize(Stmt);
  UserCache[Id] = U;
  return U;
}

bool isValidEmail(const std::string &Address) {
  std::regex Pattern(R"(^[\w.+-]+@[\w-]+\.[\w.]+$)");
  return std::regex_match(Address, Pattern);
}

std::vector<User> loadAll(sqlite3 *Db, const std::vector<int> &Ids) {
  std::vector<User> Users;
  std::vector<int> Seen;
  for (int Id : Ids) {
    if (std::find(Seen.begin(), Seen.end(), Id) != Seen.end())
      continue;
    Seen.push_back(Id);
    User U = loadUser(Db, Id);
    if (isValidEmail(U.Email))
      Users.push_back(U);
  }
  return Users;
}

void saveAll(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users) {
    std::ostringstream Sql;
    Sql << "INSERT INTO users(id, name) VALUES(" << U.Id << ", '" << U.Name
        << "')";
    sqlite3_exec(Db, Sql.str().c_str(), nullptr, nullptr, nullptr);
  }
}

std::string fetchAll(httplib::Client &Client,
                     const std::vector<std::string> &Paths) {
  std::string Out;
  for (const std::string &Path : Paths) {
    auto Res = Client.Get(Path.c_str());
    if (Res)
      Out += Res->body;
  }
  return Out;
}

class JobQueue {
public:
  void push(int Job) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Jobs.push_back(Job);
  }
  void drain() {
    std::lock_guard<std::mutex> Lock(Mutex);
    while (!Jobs.empty()) {
      std::cout << Jobs.front() << "\n";
      Jobs.erase(Jobs.begin());
    }
  }

private:
  std::mutex Mutex;
  std::vector<int> Jobs;
};

int main() {
  JobQueue Queue;
  std::thread Worker([&] {
    for (int I = 0; I < 1000; ++I)
      Queue.push(I);
  });
  Worker.join();
  Queue.drain();
  auto Answer = std::async(std::launch::async, [] { return 42; });
  return Answer.get() == 42 ? 0 : 1;
}
