// RUN: %check_vibeguard %s vibeguard-query-in-loop %t
// RUN: %check_vibeguard -check-suffix=CUSTOM %s vibeguard-query-in-loop %t-custom \
// RUN:   -- -config="{CheckOptions: {RemoteCallFunctions: '::app::Db::query', vibeguard-query-in-loop.MaxConstantTripCount: 2}}" \
// RUN:   -- -DCUSTOM_ONLY
// RUN: %check_vibeguard -check-suffix=BADOPTION %s vibeguard-query-in-loop %t-bad \
// RUN:   -- -config="{CheckOptions: {vibeguard-query-in-loop.SqlFunctions: '::sqlite3_exec;exec(sql)'}}" \
// RUN:   -- -DBAD_OPTION_ONLY

#include <algorithm>
#include <cpr/cpr.h>
#include <curl/curl.h>
#include <grpcpp/grpcpp.h>
#include <hiredis/hiredis.h>
#include <httplib.h>
#include <initializer_list>
#include <libpq-fe.h>
#include <mysql.h>
#include <pqxx/pqxx>
#include <sqlite3.h>
#include <string>
#include <vector>

struct User {
  int Id;
  std::string Name;
};

#ifdef CUSTOM_ONLY
// The project's own wrapper, named once globally for every check.
namespace app {
class Db {
public:
  std::string query(const std::string &Sql);
};
} // namespace app

void loadNames(app::Db &Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    Db.query("SELECT name FROM users WHERE id = " + std::to_string(U.Id));
    // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:5: warning: 'app::Db::query' makes a network request on every iteration of the loop, one round-trip each; batch the requests into one call or send them concurrently [vibeguard-query-in-loop]
  // Three iterations are more than MaxConstantTripCount allows here.
  for (int Shard = 0; Shard < 3; ++Shard)
    Db.query("SELECT 1");
    // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:5: warning: 'app::Db::query' makes a network request
  for (int Shard = 0; Shard < 2; ++Shard)
    Db.query("SELECT 1");
}
#elif defined(BAD_OPTION_ONLY)
// CHECK-MESSAGES-BADOPTION: warning: invalid entry 'exec(sql)' in option 'SqlFunctions': expected a qualified name such as '::ns::Class' or 'ns::function'; the entry is ignored [clang-tidy-config]
void stillChecked(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr);
    // CHECK-MESSAGES-BADOPTION: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query on every iteration of the loop
}
#else

// ---- Direct calls in loops --------------------------------------------------

void sqliteLookups(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users) {
    std::string Sql = "SELECT email FROM profiles WHERE user_id = " +
                      std::to_string(U.Id);
    sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query on every iteration of the loop, one database round-trip each; fetch the rows for all iterations with one query before the loop [vibeguard-query-in-loop]
  }
}

void sqlitePrepareInLoop(sqlite3 *Db, const std::vector<int> &Ids) {
  for (int Id : Ids) {
    sqlite3_stmt *Stmt = nullptr;
    sqlite3_prepare_v2(Db, "SELECT name FROM users WHERE id = ?", -1, &Stmt,
                       nullptr);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'sqlite3_prepare_v2' runs a query on every iteration of the loop
    sqlite3_bind_int(Stmt, 1, Id);
    while (sqlite3_step(Stmt) == SQLITE_ROW) {
    }
    sqlite3_finalize(Stmt);
  }
}

void libpqLookups(PGconn *Conn, const std::vector<std::string> &Names) {
  unsigned I = 0;
  while (I < Names.size()) {
    PGresult *Res = PQexec(Conn, ("SELECT * FROM orders WHERE customer = '" +
                                  Names[I++] + "'").c_str());
    // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'PQexec' runs a query on every iteration of the loop
    PQclear(Res);
  }
}

void libpqPrepared(PGconn *Conn, const std::vector<std::string> &Ids) {
  PQprepare(Conn, "find_user", "SELECT * FROM users WHERE id = $1", 1,
            nullptr);
  for (const std::string &Id : Ids) {
    const char *Values[] = {Id.c_str()};
    PQclear(PQexecPrepared(Conn, "find_user", 1, Values, nullptr, nullptr, 0));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'PQexecPrepared' runs a query on every iteration of the loop
  }
}

void mysqlLookups(MYSQL *Conn, const std::vector<std::string> &Skus) {
  auto It = Skus.begin();
  do {
    mysql_query(Conn, (std::string("SELECT stock FROM items WHERE sku = ") +
                       *It).c_str());
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'mysql_query' runs a query on every iteration of the loop
    ++It;
  } while (It != Skus.end());
}

int pqxxLookups(pqxx::connection &Conn, const std::vector<User> &Users) {
  pqxx::work Txn(Conn);
  int Total = 0;
  for (const User &U : Users) {
    Total += Txn.query_value<int>("SELECT count(*) FROM orders WHERE user_id = " +
                                  std::to_string(U.Id));
    // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'pqxx::transaction_base::query_value' runs a query on every iteration of the loop
    Total += Txn.exec("SELECT 1").size();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'pqxx::transaction_base::exec' runs a query on every iteration of the loop
  }
  return Total;
}

void redisLookups(redisContext *Redis, const std::vector<std::string> &Keys) {
  for (const std::string &Key : Keys)
    freeReplyObject(redisCommand(Redis, "GET %s", Key.c_str()));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'redisCommand' makes a network request on every iteration of the loop, one round-trip each; batch the requests into one call or send them concurrently [vibeguard-query-in-loop]
}

void curlDownloads(CURL *Curl, const std::vector<std::string> &Urls) {
  for (const std::string &Url : Urls) {
    curl_easy_setopt(Curl, CURLOPT_URL, Url.c_str());
    curl_easy_perform(Curl);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'curl_easy_perform' makes a network request on every iteration of the loop
  }
}

void httpFetches(httplib::Client &Client, httplib::SSLClient &Secure,
                 const std::vector<User> &Users) {
  for (const User &U : Users) {
    auto Profile = Client.Get("/users/" + std::to_string(U.Id));
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'httplib::Client::Get' makes a network request on every iteration of the loop
    Secure.Delete("/sessions/" + U.Name);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'httplib::ClientImpl::Delete' makes a network request on every iteration of the loop
  }
}

void cprFetches(const std::vector<std::string> &Urls) {
  std::for_each(Urls.begin(), Urls.end(), [](const std::string &Url) {
    cpr::Get(cpr::Url(Url));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cpr::Get' makes a network request on every iteration of 'std::for_each'
  });
}

// What protoc generates for a service: a blocking stub method and an async
// one that only starts the call.
namespace inventory {
struct StockRequest {};
struct StockReply {};
class Inventory {
public:
  class Stub {
  public:
    ::grpc::Status GetStock(::grpc::ClientContext *Context,
                            const StockRequest &Request, StockReply *Reply);
    void AsyncGetStock(::grpc::ClientContext *Context,
                       const StockRequest &Request, StockReply *Reply);
  };
};
} // namespace inventory

void grpcCalls(inventory::Inventory::Stub &Stub, int Count) {
  for (int I = 0; I < Count; ++I) {
    grpc::ClientContext Context;
    inventory::StockRequest Request;
    inventory::StockReply Reply;
    Stub.GetStock(&Context, Request, &Reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'inventory::Inventory::Stub::GetStock' makes a network request on every iteration of the loop
  }
}

// ---- Through helpers ----------------------------------------------------------

std::string loadEmail(sqlite3 *Db, int UserId) {
  std::string Sql =
      "SELECT email FROM users WHERE id = " + std::to_string(UserId);
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  return Sql;
}

std::string describeUser(sqlite3 *Db, const User &U) {
  return U.Name + " <" + loadEmail(Db, U.Id) + ">";
}

void printUsers(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users) {
    loadEmail(Db, U.Id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'loadEmail' runs a query on every iteration of the loop, one database round-trip each; fetch the rows for all iterations with one query before the loop [vibeguard-query-in-loop]
    // CHECK-NOTES: :[[@LINE-12]]:3: note: 'sqlite3_exec' runs the query here
    describeUser(Db, U);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'describeUser' runs a query on every iteration of the loop
    // CHECK-NOTES: :[[@LINE-10]]:26: note: 'describeUser' calls 'loadEmail' here
    // CHECK-NOTES: :[[@LINE-16]]:3: note: 'sqlite3_exec' runs the query here
  }
}

class PriceClient {
public:
  explicit PriceClient(httplib::Client &Http) : Http(Http) {}
  int price(const std::string &Sku) {
    auto Res = Http.Get("/prices/" + Sku);
    return Res ? Res->status : 0;
  }

private:
  httplib::Client &Http;
};

int totalPrice(PriceClient &Prices, const std::vector<std::string> &Skus) {
  int Total = 0;
  auto PriceOf = [&Prices](const std::string &Sku) { return Prices.price(Sku); };
  for (const std::string &Sku : Skus)
    Total += PriceOf(Sku);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to the lambda makes a network request on every iteration of the loop, one round-trip each; batch the requests into one call or send them concurrently [vibeguard-query-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:61: note: the lambda calls 'PriceClient::price' here
    // CHECK-NOTES: :[[@LINE-15]]:16: note: 'httplib::Client::Get' makes the request here
  return Total;
}

// A helper template: one finding per location, not per instantiation.
template <class Id> void touch(sqlite3 *Db, const std::vector<Id> &Ids) {
  for (const Id &I : Ids)
    sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query on every iteration of the loop
}
template void touch<int>(sqlite3 *, const std::vector<int> &);
template void touch<long>(sqlite3 *, const std::vector<long> &);

// A retry loop inside a loop over the data still queries once per user.
void retryPerUser(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users) {
    for (int Attempt = 0; Attempt < 3; ++Attempt)
      if (sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr) == SQLITE_OK)
        // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'sqlite3_exec' runs a query on every iteration of the loop
        break;
  }
}

// Error handling does not make a loop over the data a retry loop.
bool loadAll(PGconn *Conn, const std::vector<std::string> &Ids) {
  for (const std::string &Id : Ids) {
    PGresult *Res = PQexec(Conn, ("SELECT * FROM t WHERE id = " + Id).c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'PQexec' runs a query on every iteration of the loop
    if (PQresultStatus(Res) != PGRES_TUPLES_OK)
      return false;
  }
  return true;
}

// ---- Correct code that must stay silent -------------------------------------

// One query for all users, before the loop.
void batched(sqlite3 *Db, const std::vector<User> &Users) {
  sqlite3_exec(Db, "SELECT id, email FROM users", nullptr, nullptr, nullptr);
  for (const User &U : Users)
    (void)U;
}

// Reading the rows of one result is how rows are read.
int rowLoops(sqlite3 *Db, MYSQL *My, PGconn *Pg) {
  sqlite3_stmt *Stmt = nullptr;
  sqlite3_prepare_v2(Db, "SELECT id FROM users", -1, &Stmt, nullptr);
  int Sum = 0;
  while (sqlite3_step(Stmt) == SQLITE_ROW)
    Sum += sqlite3_column_int(Stmt, 0);
  mysql_query(My, "SELECT id FROM users");
  MYSQL_RES *Res = mysql_store_result(My);
  while (MYSQL_ROW Row = mysql_fetch_row(Res))
    Sum += Row[0][0];
  PGresult *PgRes = PQexec(Pg, "SELECT id FROM users");
  for (int I = 0; I < PQntuples(PgRes); ++I)
    Sum += PQgetvalue(PgRes, I, 0)[0];
  return Sum;
}

// Writes in a loop are write-loop-without-transaction's business.
void writes(sqlite3 *Db, PGconn *Pg, pqxx::work &Txn,
            const std::vector<User> &Users) {
  PQprepare(Pg, "add_user", "INSERT INTO users VALUES ($1)", 1, nullptr);
  sqlite3_stmt *Insert = nullptr;
  sqlite3_prepare_v2(Db, "INSERT INTO audit VALUES (?)", -1, &Insert, nullptr);
  for (const User &U : Users) {
    sqlite3_exec(Db, ("INSERT INTO users VALUES ('" + U.Name + "')").c_str(),
                 nullptr, nullptr, nullptr);
    sqlite3_exec(Db, " update users set seen = 1", nullptr, nullptr, nullptr);
    Txn.exec("DELETE FROM sessions WHERE user_id = " + std::to_string(U.Id));
    const char *Values[] = {U.Name.c_str()};
    PQexecPrepared(Pg, "add_user", 1, Values, nullptr, nullptr, 0);
    sqlite3_bind_int(Insert, 1, U.Id);
    sqlite3_step(Insert);
    sqlite3_reset(Insert);
    sqlite3_exec(Db, "COMMIT", nullptr, nullptr, nullptr);
  }
}

// A constant number of iterations does not grow with the data.
void constantTrips(sqlite3 *Db, httplib::Client &Client) {
  for (int Shard = 0; Shard < 4; ++Shard)
    sqlite3_exec(Db, "SELECT count(*) FROM t", nullptr, nullptr, nullptr);
  for (const char *Table : {"users", "orders", "items"})
    sqlite3_exec(Db, Table, nullptr, nullptr, nullptr);
  const char *const Endpoints[] = {"/health", "/ready"};
  for (const char *Path : Endpoints)
    Client.Get(Path);
}

// A dispatch over a handful of names calls a helper once per name: over a
// braced list, a constant array, or a const container spelled out in the
// source.
std::string countRows(sqlite3 *Db, const std::string &Table) {
  const std::string Sql = "SELECT count(*) FROM " + Table;
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  return Sql;
}
static const char *const Tables[] = {"users", "orders", "items"};
void dispatch(sqlite3 *Db) {
  for (auto &Name : {"users", "orders", "items"})
    countRows(Db, Name);
  for (const char *Table : Tables)
    countRows(Db, Table);
  for (unsigned I = 0; I < sizeof(Tables) / sizeof(Tables[0]); ++I)
    countRows(Db, Tables[I]);
  static const std::vector<std::string> Names = {"sessions", "tokens"};
  for (const std::string &Name : Names)
    countRows(Db, Name);
}

// Writes through the project's own wrapper are
// write-loop-without-transaction's business too; reads through it are
// reported.
void execSql(sqlite3 *Db, const std::string &Sql) {
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
}
void saveAll(sqlite3 *Db, const std::vector<User> &Users) {
  execSql(Db, "BEGIN");
  for (const User &U : Users) {
    execSql(Db, "INSERT INTO users VALUES ('" + U.Name + "')");
    execSql(Db, "DELETE FROM sessions WHERE name = '" + U.Name + "'");
  }
  execSql(Db, "COMMIT");
}
void readAll(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    execSql(Db, "SELECT * FROM users WHERE name = '" + U.Name + "'");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'execSql' runs a query on every iteration of the loop
    // CHECK-NOTES: :[[@LINE-14]]:3: note: 'sqlite3_exec' runs the query here
}

// Retry loops: the call's own result decides whether to go on.
bool retries(sqlite3 *Db, CURL *Curl, httplib::Client &Client, int MaxTries) {
  int Rc;
  do {
    Rc = sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr);
  } while (Rc == SQLITE_BUSY);
  while (curl_easy_perform(Curl) != CURLE_OK) {
  }
  while (true) {
    auto Res = Client.Get("/status");
    if (Res && Res->status == 200)
      break;
  }
  for (int Attempt = 0; Attempt < MaxTries; ++Attempt) {
    if (curl_easy_perform(Curl) == CURLE_OK)
      return true;
  }
  return false;
}

// Paging: each request asks for the page after the previous one.
int pages(httplib::Client &Client) {
  int Total = 0;
  std::string Cursor = "start";
  bool More = true;
  while (More) {
    auto Page = Client.Get("/items?cursor=" + Cursor);
    Cursor = Page->body;
    More = !Cursor.empty();
    Total += Page->status;
  }
  return Total;
}

// Pipelining and the multi interface exist to avoid round-trips.
void pipelined(redisContext *Redis, CURLM *Multi,
               const std::vector<std::string> &Keys) {
  for (const std::string &Key : Keys)
    redisAppendCommand(Redis, "GET %s", Key.c_str());
  for (unsigned I = 0; I < Keys.size(); ++I) {
    void *Reply = nullptr;
    redisGetReply(Redis, &Reply);
    freeReplyObject(Reply);
  }
  int Running = 1;
  while (Running) {
    curl_multi_perform(Multi, &Running);
    curl_multi_poll(Multi, nullptr, 0, 1000, nullptr);
  }
}

// The async stub only starts the call.
void grpcAsync(inventory::Inventory::Stub &Stub, int Count) {
  for (int I = 0; I < Count; ++I) {
    grpc::ClientContext Context;
    inventory::StockRequest Request;
    inventory::StockReply Reply;
    Stub.AsyncGetStock(&Context, Request, &Reply);
  }
}

// A helper that queries, called once; a lambda that queries, stored and
// called outside any loop; the for-init statement, which runs once.
void calledOnce(sqlite3 *Db, std::vector<User> &Users) {
  loadEmail(Db, 1);
  auto Reload = [Db] { loadEmail(Db, 0); };
  for (int I = (sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr), 0);
       I < 10; ++I)
    Users.push_back(User{I, "x"});
  Reload();
}

// A helper that queries in its own loop is reported there, not at callers.
void refreshAll(sqlite3 *Db, const std::vector<int> &Ids) {
  for (int Id : Ids)
    loadEmail(Db, Id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'loadEmail' runs a query
    // CHECK-NOTES: :[[@LINE-249]]:3: note: 'sqlite3_exec' runs the query here
}
void refreshTwice(sqlite3 *Db, const std::vector<int> &Ids) {
  for (int Round = 0; Round < 100; ++Round)
    refreshAll(Db, Ids);
}

// Dead loops run their body at most once.
void deadLoops(sqlite3 *Db) {
  do {
    sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr);
  } while (0);
  while (false)
    sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr);
}

// ---- Macros and NOLINT --------------------------------------------------------

#define QUERY(Db, Sql) sqlite3_exec(Db, Sql, nullptr, nullptr, nullptr)

void macros(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    QUERY(Db, "SELECT 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query on every iteration of the loop
    // CHECK-NOTES: :[[@LINE-6]]:24: note: expanded from macro 'QUERY'
  for (const User &U : Users)
    sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr); // NOLINT(vibeguard-query-in-loop)
}

// A driver that runs its caller's statement once per row of a bulk
// operation: the loop does not show what the statement does (it may well be
// an INSERT), so it is not reported as N+1.
struct BulkStatement {
  PGconn *Conn;
  MYSQL *My;
  std::string StatementName;
  std::string Query;
  void executeBulk(int Rows, const char *const *Values) {
    for (int I = 0; I != Rows; ++I)
      PQexecPrepared(Conn, StatementName.c_str(), 1, &Values[I], nullptr,
                     nullptr, 0);
  }
  void runEach(const std::vector<std::string> &Statements) {
    for (const std::string &S : Statements)
      mysql_real_query(My, S.c_str(), S.size());
  }
  void repeat(int Times) {
    for (int I = 0; I < Times; ++I)
      mysql_real_query(My, Query.c_str(), Query.size());
  }
};
// The same driver reached through a wrapper whose text comes from its
// caller: silent unless the caller passes a read.
void runText(PGconn *Conn, const std::string &Text) { PQexec(Conn, Text.c_str()); }
void runAll(PGconn *Conn, const std::vector<std::string> &Texts) {
  for (const std::string &T : Texts)
    runText(Conn, T);
}
#endif
