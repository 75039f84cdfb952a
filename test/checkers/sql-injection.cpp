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
void instantiate(sqlite3 *Db) {
  removeAll(Db, std::string("a"));
  removeAll<std::string>(Db, "b");
}

void suppressed(sqlite3 *Db, const std::string &Name) {
  std::string Sql = "DELETE FROM t WHERE name = '" + Name + "'";
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr); // NOLINT(vibeguard-sql-injection)
}
#endif
