// RUN: %check_vibeguard %s vibeguard-sql-injection %t
// RUN: %check_vibeguard -check-suffix=STRICT %s vibeguard-sql-injection %t-strict \
// RUN:   -- -config="{CheckOptions: {vibeguard-sql-injection.AllowNumbers: false, \
// RUN:                               EscapeFunctions: '::app::sqlQuote'}}" \
// RUN:   -- -DSTRICT_ONLY

#include <cstdio>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <pqxx/pqxx>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <vector>

struct Request {
  std::string Body;
  std::string param(const char *Name) const;
};

#ifdef STRICT_ONLY
namespace app {
std::string sqlQuote(const std::string &Text);
}

// Numbers count as run-time text when AllowNumbers is off.
void byId(sqlite3 *Db, int Id) {
  std::string Sql = "DELETE FROM users WHERE id = " + std::to_string(Id);
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:20: warning: the SQL statement passed to 'sqlite3_exec' is built from run-time text
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:70: note: run-time text enters the statement here
}

// The project's own escaping function.
void byName(sqlite3 *Db, const std::string &Name) {
  std::string Sql = "SELECT * FROM users WHERE name = " + app::sqlQuote(Name);
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
}
#else

// ---- Statements built from run-time text -------------------------------------

void deleteUser(sqlite3 *Db, const std::string &Name) {
  std::string Sql = "DELETE FROM users WHERE name = '" + Name + "'";
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the SQL statement passed to 'sqlite3_exec' is built from run-time text, so crafted input can rewrite the query (SQL injection); prepare it with '?' placeholders and bind the values with sqlite3_bind_* [vibeguard-sql-injection]
  // CHECK-MESSAGES: :[[@LINE-3]]:58: note: run-time text enters the statement here
}

PGresult *findOrders(PGconn *Conn, const Request &Req) {
  std::string Sql = "SELECT * FROM orders WHERE status = '";
  Sql += Req.param("status");
  Sql.append("'");
  return PQexec(Conn, Sql.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the SQL statement passed to 'PQexec' is built from run-time text, so crafted input can rewrite the query (SQL injection); send the values separately with PQexecParams (or PQprepare and PQexecPrepared) [vibeguard-sql-injection]
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: run-time text enters the statement here
}

int search(MYSQL *Db, const char *Term) {
  char Query[256];
  snprintf(Query, sizeof Query, "SELECT id FROM items WHERE title LIKE '%%%s%%'",
           Term);
  return mysql_query(Db, Query);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the SQL statement passed to 'mysql_query' is built from run-time text, so crafted input can rewrite the query (SQL injection); use a prepared statement with mysql_stmt_prepare and mysql_stmt_bind_param [vibeguard-sql-injection]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: run-time text enters the statement here
}

// Formatted into a buffer with sprintf.
int byNameSprintf(MYSQL *Db, const Request &Req) {
  char Query[256];
  sprintf(Query, "SELECT id FROM users WHERE name = '%s'", Req.Body.c_str());
  return mysql_query(Db, Query);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the SQL statement passed to 'mysql_query' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:60: note: run-time text enters the statement here
}

pqxx::result byEmail(pqxx::work &Txn, const std::string &Email) {
  std::ostringstream Sql;
  Sql << "SELECT * FROM users WHERE email = '" << Email << "'";
  return Txn.exec(Sql.str());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the SQL statement passed to 'pqxx::transaction_base::exec' is built from run-time text, so crafted input can rewrite the query (SQL injection); pass the values as parameters with exec_params (or exec with pqxx::params) [vibeguard-sql-injection]
  // CHECK-MESSAGES: :[[@LINE-3]]:51: note: run-time text enters the statement here
}

int updateName(sqlite3 *Db, int Id, const std::string &Name) {
  const std::string Sql =
      fmt::format("UPDATE users SET name = '{}' WHERE id = {}", Name, Id);
  return sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: the SQL statement passed to 'sqlite3_exec' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:65: note: run-time text enters the statement here
}

// Through a helper that builds the statement from its parameter.
std::string whereClause(const std::string &Column, const std::string &Value) {
  return " WHERE " + Column + " = '" + Value + "'";
}
int countWhere(sqlite3 *Db, const Request &Req) {
  std::string Sql = "SELECT count(*) FROM t" + whereClause("owner", Req.Body);
  return sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: the SQL statement passed to 'sqlite3_exec' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:69: note: run-time text enters the statement here
}

// Input read into the buffer the statement is built in.
void fromStdin(sqlite3 *Db) {
  char Line[128];
  fgets(Line, sizeof Line, stdin);
  sqlite3_exec(Db, Line, nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the SQL statement passed to 'sqlite3_exec' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: run-time text enters the statement here
}

// A statement prepared from run-time text is as bad as one executed.
void prepared(sqlite3 *Db, const std::vector<std::string> &Columns) {
  sqlite3_stmt *Stmt = nullptr;
  std::string Sql = "SELECT " + Columns[0] + " FROM t";
  sqlite3_prepare_v2(Db, Sql.c_str(), -1, &Stmt, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the SQL statement passed to 'sqlite3_prepare_v2' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: run-time text enters the statement here
}

// ---- Correct code that must stay silent --------------------------------------

// Constants only, however they are put together.
static const char *const Table = "users";
constexpr const char *Order = " ORDER BY name";
void constants(sqlite3 *Db, PGconn *Conn, bool Active) {
  sqlite3_exec(Db, "DELETE FROM sessions", nullptr, nullptr, nullptr);
  std::string Sql = std::string("SELECT * FROM ") + Table + Order;
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  const char *Filter = Active ? " WHERE active" : " WHERE NOT active";
  std::string Q = "SELECT id FROM users";
  Q += Filter;
  PQexec(Conn, Q.c_str());
}

// Parameterised statements.
void parameterised(sqlite3 *Db, PGconn *Conn, pqxx::work &Txn,
                   const std::string &Name) {
  sqlite3_stmt *Stmt = nullptr;
  sqlite3_prepare_v2(Db, "SELECT * FROM users WHERE name = ?", -1, &Stmt,
                     nullptr);
  sqlite3_bind_text(Stmt, 1, Name.c_str(), -1, nullptr);
  const char *Values[] = {Name.c_str()};
  PQexecParams(Conn, "SELECT * FROM users WHERE name = $1", 1, nullptr, Values,
               nullptr, nullptr, 0);
  Txn.exec_params("SELECT * FROM users WHERE name = $1", Name);
}

// Numbers cannot carry a quote.
void numbers(sqlite3 *Db, int Id, double Limit) {
  std::string Sql = "DELETE FROM users WHERE id = " + std::to_string(Id);
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  char Buffer[64];
  snprintf(Buffer, sizeof Buffer, "SELECT * FROM t WHERE score > %f", Limit);
  sqlite3_exec(Db, Buffer, nullptr, nullptr, nullptr);
  std::ostringstream Out;
  Out << "SELECT * FROM t LIMIT " << Id;
  sqlite3_exec(Db, Out.str().c_str(), nullptr, nullptr, nullptr);
}

// Escaped values.
void escaped(sqlite3 *Db, PGconn *Conn, MYSQL *My, pqxx::work &Txn,
             const std::string &Name) {
  char *Sql = sqlite3_mprintf("SELECT * FROM users WHERE name = %Q", Name.c_str());
  sqlite3_exec(Db, Sql, nullptr, nullptr, nullptr);
  sqlite3_free(Sql);
  char *Literal = PQescapeLiteral(Conn, Name.c_str(), Name.size());
  std::string Query = std::string("SELECT * FROM users WHERE name = ") + Literal;
  PQexec(Conn, Query.c_str());
  char Escaped[256];
  mysql_real_escape_string(My, Escaped, Name.c_str(), Name.size());
  std::string Q = std::string("SELECT * FROM t WHERE name = '") + Escaped + "'";
  mysql_query(My, Q.c_str());
  Txn.exec("SELECT * FROM users WHERE name = " + Txn.quote(Name));
}

// A helper called with constants only.
std::string tableQuery(const std::string &Name) { return "SELECT * FROM " + Name; }
void helperWithConstant(sqlite3 *Db) {
  std::string Sql = tableQuery("audit");
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
}

// Not a SQL call.
void logIt(const std::string &Name) {
  std::string Message = "user " + Name;
  std::printf("%s\n", Message.c_str());
}

// ---- Wrappers that hand the statement to the driver -------------------------------

// A database class runs the text its callers give it: the caller that builds
// the text from run-time input is reported, through the wrapper.
class Database {
public:
  void exec(const std::string &Sql) { run(Sql.c_str()); }
  PGresult *query(const char *Sql) { return PQexec(Conn, Sql); }
  int prepare(const std::string &Sql) {
    return sqlite3_prepare_v2(Db, Sql.c_str(), -1, &Stmt, nullptr);
  }
  int returning(const std::string &Sql) {
    const std::string Full = Sql + " RETURNING id";
    return sqlite3_exec(Db, Full.c_str(), nullptr, nullptr, nullptr);
  }

private:
  void run(char const *Text) { PQexec(Conn, Text); }
  PGconn *Conn;
  sqlite3 *Db;
  sqlite3_stmt *Stmt;
};

void useDatabase(Database &Db, const Request &Req) {
  Db.exec("BEGIN");
  Db.query("SELECT 1");
  Db.prepare("SELECT * FROM t WHERE id = ?");
  Db.returning("INSERT INTO t DEFAULT VALUES");
  Db.exec("DELETE FROM t WHERE name = '" + Req.Body + "'");
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the SQL statement passed to 'Database::exec' is built from run-time text, so crafted input can rewrite the query (SQL injection); send the values separately with PQexecParams (or PQprepare and PQexecPrepared) [vibeguard-sql-injection]
  // CHECK-MESSAGES: :[[@LINE-2]]:44: note: run-time text enters the statement here
  // CHECK-MESSAGES: :[[@LINE-25]]:43: note: passed to 'Database::run' here
  // CHECK-MESSAGES: :[[@LINE-15]]:45: note: passed to 'PQexec' here
  Db.query(Req.param("sql").c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the SQL statement passed to 'Database::query' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: run-time text enters the statement here
  // CHECK-MESSAGES: :[[@LINE-29]]:58: note: passed to 'PQexec' here
}

// A library's wrapper that nobody in the translation unit calls: its users
// decide what the text is.
struct Session {
  int execute(const char *Sql) { return mysql_query(My, Sql); }
  int executeAll(const std::string &Sql, unsigned long N) {
    return mysql_real_query(My, Sql.c_str(), N);
  }
  MYSQL *My;
};

// A helper whose callers pass constants only.
static int execStep(sqlite3 *Db, const char *Sql) {
  return sqlite3_exec(Db, Sql, nullptr, nullptr, nullptr);
}
static void dropTable(sqlite3 *Db, const char *Name) {
  std::string Sql = std::string("DROP TABLE IF EXISTS ") + Name;
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
}
void migrate(sqlite3 *Db) {
  static const char *Steps[] = {"CREATE TABLE a (x)", "CREATE INDEX ax ON a (x)"};
  for (int I = 0; I < 2; ++I)
    execStep(Db, Steps[I]);
  execStep(Db, "PRAGMA user_version = 2");
  dropTable(Db, "old_a");
  dropTable(Db, "old_b");
}

// ---- Statements assembled from constants -------------------------------------------

enum class SortOrder { Ascending, Descending };
const char *orderKeyword(SortOrder O) {
  switch (O) {
  case SortOrder::Ascending:
    return "ASC";
  case SortOrder::Descending:
    return "DESC";
  }
  return "ASC";
}
void assembled(sqlite3 *Db, bool WithoutRowid, bool Descending, SortOrder O) {
  std::string Create = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)";
  if (WithoutRowid)
    Create += " WITHOUT ROWID";
  sqlite3_exec(Db, Create.c_str(), nullptr, nullptr, nullptr);
  std::string List = std::string("SELECT * FROM t ORDER BY name ") +
                     (Descending ? "DESC" : "ASC");
  sqlite3_exec(Db, List.c_str(), nullptr, nullptr, nullptr);
  sqlite3_exec(Db, (std::string("SELECT * FROM t ORDER BY id ") + orderKeyword(O)).c_str(),
               nullptr, nullptr, nullptr);
  static const char *const Cleanup[] = {"DELETE FROM a", "DELETE FROM b"};
  for (const char *Step : Cleanup)
    sqlite3_exec(Db, Step, nullptr, nullptr, nullptr);
  for (int I = 0; I < 2; ++I)
    sqlite3_exec(Db, Cleanup[I], nullptr, nullptr, nullptr);
}

// ---- The parameterised form, with its statement in a variable ---------------------

class Statement {
public:
  Statement(PGconn *Conn, const std::string &Query) : Conn(Conn), Query(Query) {}
  PGresult *run(const char *const *Values, int N) {
    return PQexecParams(Conn, Query.c_str(), N, nullptr, Values, nullptr,
                        nullptr, 0);
  }
  void prepareOn(sqlite3 *Db, sqlite3_stmt **Stmt) {
    sqlite3_prepare_v2(Db, Query.c_str(), -1, Stmt, nullptr);
  }

private:
  PGconn *Conn;
  std::string Query;
};

PGresult *byParams(PGconn *Conn, const char *Query, const char *const *Values,
                   const Request &Req) {
  PQexecParams(Conn, Query, 1, nullptr, Values, nullptr, nullptr, 0);
  std::string Built = std::string("SELECT * FROM t WHERE a = $1 AND b = '") +
                      Req.Body + "'";
  return PQexecParams(Conn, Built.c_str(), 1, nullptr, Values, nullptr, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the SQL statement passed to 'PQexecParams' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: run-time text enters the statement here
}

// Escaped once and kept in a variable; numbers and flags formatted in.
void escapedInVariable(pqxx::work &Txn, const std::string &Name, int Limit,
                       bool Active) {
  const std::string Quoted = Txn.quote(Name);
  Txn.exec("SELECT * FROM users WHERE name = " + Quoted);
  std::string Sql = "SELECT * FROM users WHERE name = " + Txn.esc(Name) +
                    " AND active = " + std::to_string(Active) + " LIMIT " +
                    std::to_string(Limit);
  Txn.exec(Sql);
  char Buffer[128];
  snprintf(Buffer, sizeof Buffer, "SELECT * FROM t LIMIT %d", Limit);
  Txn.exec(Buffer);
}

// ---- Macros, templates, NOLINT ---------------------------------------------------

#define RUN_SQL(Db, Text) sqlite3_exec(Db, (Text), nullptr, nullptr, nullptr)

void viaMacro(sqlite3 *Db, const std::string &Name) {
  RUN_SQL(Db, ("DELETE FROM t WHERE name = '" + Name + "'").c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the SQL statement passed to 'sqlite3_exec' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-5]]:44: note: expanded from macro 'RUN_SQL'
  // CHECK-MESSAGES: :[[@LINE-3]]:49: note: run-time text enters the statement here
}

template <class T> void removeAll(sqlite3 *Db, const T &Key) {
  std::string Sql = "DELETE FROM t WHERE k = '" + Key + "'";
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the SQL statement passed to 'sqlite3_exec' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:51: note: run-time text enters the statement here
}
void instantiate(sqlite3 *Db, const Request &Req) {
  removeAll(Db, std::string("a"));
  removeAll<std::string>(Db, Req.Body);
}

void suppressed(sqlite3 *Db, const std::string &Name) {
  std::string Sql = "DELETE FROM t WHERE name = '" + Name + "'";
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr); // NOLINT(vibeguard-sql-injection)
}

// A virtual member is called where this file does not show: the name joined
// to the statement comes from callers nobody here can see, so it is unknown
// and not reported (a driver deallocating a statement it named itself).
struct Backend {
  PGconn *Conn;
  virtual void deallocate(const std::string &StatementName) {
    std::string Sql = "DEALLOCATE " + StatementName;
    PQexec(Conn, Sql.c_str());
  }
  virtual ~Backend() = default;
};

// A driver runs the statement its owner was given, also one element of it.
struct ChunkedStatement {
  MYSQL *Conn;
  std::vector<std::string> Chunks;
  int executeWhole() {
    std::string Query;
    Query = Chunks.front();
    return mysql_real_query(Conn, Query.c_str(), Query.size());
  }
};
#endif
