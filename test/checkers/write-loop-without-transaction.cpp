// RUN: %check_vibeguard %s vibeguard-write-loop-without-transaction %t
// RUN: %check_vibeguard -check-suffix=CUSTOM %s vibeguard-write-loop-without-transaction %t-custom \
// RUN:   -- -config="{CheckOptions: {SqlFunctions: '::app::Db::run', TransactionFunctions: '::app::Db::begin'}}" \
// RUN:   -- -DCUSTOM_ONLY

#include <algorithm>
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
// The project's own wrapper and its own way to begin a transaction.
namespace app {
class Db {
public:
  void run(const std::string &Sql);
  void begin();
  void commit();
};
} // namespace app

void saveAll(app::Db &Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    Db.run("INSERT INTO users VALUES ('" + U.Name + "')");
    // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:5: warning: 'app::Db::run' writes on every iteration of the loop outside a transaction, so every row is committed and synced to disk on its own; begin one transaction before the loop and commit after it [vibeguard-write-loop-without-transaction]
}

void saveAllInTransaction(app::Db &Db, const std::vector<User> &Users) {
  Db.begin();
  for (const User &U : Users)
    Db.run("INSERT INTO users VALUES ('" + U.Name + "')");
  Db.commit();
}
#else

// ---- Writes committed one by one ---------------------------------------------

void insertUsers(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users) {
    std::string Sql = "INSERT INTO users (id, name) VALUES (" +
                      std::to_string(U.Id) + ", '" + U.Name + "')";
    sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' writes on every iteration of the loop outside a transaction, so every row is committed and synced to disk on its own; begin one transaction before the loop and commit after it [vibeguard-write-loop-without-transaction]
    // A second write in the same loop is the same problem: no second finding.
    sqlite3_exec(Db, "UPDATE stats SET users = users + 1", nullptr, nullptr,
                 nullptr);
  }
}

void insertPrepared(sqlite3 *Db, const std::vector<User> &Users) {
  sqlite3_stmt *Insert = nullptr;
  sqlite3_prepare_v2(Db, "INSERT INTO users (id) VALUES (?)", -1, &Insert,
                     nullptr);
  for (const User &U : Users) {
    sqlite3_bind_int(Insert, 1, U.Id);
    sqlite3_step(Insert);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_step' writes on every iteration of the loop outside a transaction
    sqlite3_reset(Insert);
  }
  sqlite3_finalize(Insert);
}

void libpqPrepared(PGconn *Conn, const std::vector<std::string> &Names) {
  PQprepare(Conn, "add", "  insert into names values ($1)", 1, nullptr);
  unsigned I = 0;
  while (I < Names.size()) {
    const char *Values[] = {Names[I++].c_str()};
    PQclear(PQexecPrepared(Conn, "add", 1, Values, nullptr, nullptr, 0));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'PQexecPrepared' writes on every iteration of the loop outside a transaction
  }
}

void mysqlUpdates(MYSQL *Conn, const std::vector<User> &Users) {
  for (unsigned I = 0; I < Users.size(); ++I)
    mysql_query(Conn, ("UPDATE users SET seen = 1 WHERE id = " +
                       std::to_string(Users[I].Id)).c_str());
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'mysql_query' writes on every iteration of the loop outside a transaction
}

void deleteAll(sqlite3 *Db, const std::vector<int> &Ids) {
  std::for_each(Ids.begin(), Ids.end(), [Db](int Id) {
    sqlite3_exec(Db, ("DELETE FROM sessions WHERE user = " + std::to_string(Id)).c_str(),
                 nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'sqlite3_exec' writes on every iteration of 'std::for_each' outside a transaction, so every row is committed and synced to disk on its own; begin one transaction before the call and commit after it
  });
}

// A helper that writes, called in a loop.
void saveUser(sqlite3 *Db, const User &U) {
  sqlite3_exec(Db, ("REPLACE INTO users VALUES ('" + U.Name + "')").c_str(),
               nullptr, nullptr, nullptr);
}
void saveAndLog(sqlite3 *Db, const User &U) { saveUser(Db, U); }

void importUsers(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    saveAndLog(Db, U);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'saveAndLog' writes on every iteration of the loop outside a transaction, so every row is committed and synced to disk on its own; begin one transaction before the loop and commit after it [vibeguard-write-loop-without-transaction]
    // CHECK-NOTES: :[[@LINE-6]]:47: note: 'saveAndLog' calls 'saveUser' here
    // CHECK-NOTES: :[[@LINE-10]]:3: note: 'sqlite3_exec' writes here
}

// A transaction per iteration commits once per row all the same.
void perIterationWork(pqxx::connection &Conn, const std::vector<User> &Users) {
  for (const User &U : Users) {
    pqxx::work Txn(Conn);
    Txn.exec("INSERT INTO users VALUES (" + std::to_string(U.Id) + ")");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pqxx::transaction_base::exec' writes through 'Txn', a transaction created on every iteration of the loop, so every row is committed and synced to disk on its own; create the transaction before the loop and commit after it [vibeguard-write-loop-without-transaction]
    Txn.commit();
  }
}

void perIterationBegin(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users) {
    sqlite3_exec(Db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_exec(Db, ("INSERT INTO users VALUES ('" + U.Name + "')").c_str(),
                 nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'sqlite3_exec' writes on every iteration of the loop outside a transaction
    sqlite3_exec(Db, "COMMIT", nullptr, nullptr, nullptr);
  }
}

// A nontransaction commits every statement.
void autocommit(pqxx::connection &Conn, const std::vector<User> &Users) {
  pqxx::nontransaction Auto(Conn);
  for (const User &U : Users)
    Auto.exec("DELETE FROM carts WHERE user_id = " + std::to_string(U.Id));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pqxx::transaction_base::exec' writes on every iteration of the loop outside a transaction
}

// One finding per source location, however many instantiations.
template <class T> void insertAll(sqlite3 *Db, const std::vector<T> &Rows) {
  for (const T &Row : Rows)
    sqlite3_exec(Db, "INSERT INTO t DEFAULT VALUES", nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' writes on every iteration of the loop outside a transaction
}
template void insertAll<int>(sqlite3 *, const std::vector<int> &);
template void insertAll<User>(sqlite3 *, const std::vector<User> &);

#define EXEC(Db, Sql) sqlite3_exec(Db, Sql, nullptr, nullptr, nullptr)

void macroWrites(sqlite3 *Db, const std::vector<int> &Ids) {
  for (int Id : Ids)
    EXEC(Db, "DELETE FROM t");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' writes on every iteration of the loop outside a transaction
    // CHECK-NOTES: :[[@LINE-6]]:23: note: expanded from macro 'EXEC'
}

// The project's own wrapper runs whatever it is handed: here, a write.
void execSql(sqlite3 *Db, const std::string &Sql) {
  sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr);
}
void touchAll(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    execSql(Db, "UPDATE users SET seen = 1 WHERE id = " + std::to_string(U.Id));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'execSql' writes on every iteration of the loop outside a transaction
    // CHECK-NOTES: :[[@LINE-6]]:3: note: 'sqlite3_exec' writes here
}

// ---- Correct code that must stay silent --------------------------------------

void inTransaction(sqlite3 *Db, const std::vector<User> &Users) {
  sqlite3_exec(Db, "BEGIN TRANSACTION", nullptr, nullptr, nullptr);
  for (const User &U : Users)
    sqlite3_exec(Db, ("INSERT INTO users VALUES ('" + U.Name + "')").c_str(),
                 nullptr, nullptr, nullptr);
  sqlite3_exec(Db, "COMMIT", nullptr, nullptr, nullptr);
}

void mysqlTransaction(MYSQL *Conn, const std::vector<User> &Users) {
  mysql_query(Conn, "START TRANSACTION");
  for (const User &U : Users)
    mysql_query(Conn, ("DELETE FROM t WHERE id = " + std::to_string(U.Id)).c_str());
  mysql_query(Conn, "COMMIT");
}

void pqxxWork(pqxx::connection &Conn, const std::vector<User> &Users) {
  pqxx::work Txn(Conn);
  for (const User &U : Users)
    Txn.exec("INSERT INTO users VALUES (" + std::to_string(U.Id) + ")");
  Txn.commit();
}

void pqxxCallerTransaction(pqxx::work &Txn, const std::vector<User> &Users) {
  for (const User &U : Users)
    Txn.exec("UPDATE users SET seen = true WHERE id = " + std::to_string(U.Id));
}

// Transactions opened through a helper, or by every caller.
void beginTransaction(sqlite3 *Db) {
  sqlite3_exec(Db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
}
void withHelper(sqlite3 *Db, const std::vector<User> &Users) {
  beginTransaction(Db);
  for (const User &U : Users)
    saveUser(Db, U);
  sqlite3_exec(Db, "COMMIT", nullptr, nullptr, nullptr);
}

// A short constant loop writes a handful of rows, however much data there is.
void seedShards(sqlite3 *Db) {
  for (int Shard = 0; Shard < 4; ++Shard)
    sqlite3_exec(Db, "INSERT INTO shards DEFAULT VALUES", nullptr, nullptr,
                 nullptr);
  for (const char *Name : {"admin", "guest"})
    execSql(Db, std::string("INSERT INTO roles VALUES ('") + Name + "')");
  int Round;
  for (Round = 0; Round < 2; ++Round)
    saveUser(Db, User{Round, "seed"});
}

// BEGIN and COMMIT through the project's own wrapper, or helpers around it.
void bulkTouch(sqlite3 *Db, const std::vector<User> &Users) {
  execSql(Db, "BEGIN TRANSACTION");
  for (const User &U : Users)
    execSql(Db, "UPDATE users SET seen = 1 WHERE id = " + std::to_string(U.Id));
  execSql(Db, "COMMIT");
}
class Connection {
public:
  void exec(const std::string &Sql) {
    sqlite3_exec(Handle, Sql.c_str(), nullptr, nullptr, nullptr);
  }
  void begin() { exec("BEGIN"); }
  void commit() { exec("COMMIT"); }

private:
  sqlite3 *Handle;
};
void bulkDelete(Connection &Conn, const std::vector<int> &Ids) {
  Conn.begin();
  for (int Id : Ids)
    Conn.exec("DELETE FROM sessions WHERE id = " + std::to_string(Id));
  Conn.commit();
}
void bulkInsert(Connection &Conn, const std::vector<int> &Ids) {
  Conn.exec("BEGIN IMMEDIATE");
  for (int Id : Ids)
    Conn.exec("INSERT INTO seen VALUES (" + std::to_string(Id) + ")");
  Conn.exec("COMMIT");
}

// An RAII transaction of the project's own: its constructor begins.
class Transaction {
public:
  explicit Transaction(sqlite3 *Db) : Db(Db) {
    sqlite3_exec(Db, "BEGIN", nullptr, nullptr, nullptr);
  }
  ~Transaction() { sqlite3_exec(Db, "COMMIT", nullptr, nullptr, nullptr); }

private:
  sqlite3 *Db;
};
void scopedTransaction(sqlite3 *Db, const std::vector<User> &Users) {
  Transaction Txn(Db);
  for (const User &U : Users)
    saveUser(Db, U);
}

static void writeRows(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    saveUser(Db, U);
}
void importInTransaction(sqlite3 *Db, const std::vector<User> &Users) {
  sqlite3_exec(Db, "SAVEPOINT import", nullptr, nullptr, nullptr);
  writeRows(Db, Users);
  sqlite3_exec(Db, "RELEASE import", nullptr, nullptr, nullptr);
}

// RAII transactions of other libraries.
namespace SQLite {
class Database;
class Transaction {
public:
  explicit Transaction(Database &Db);
  void commit();
};
} // namespace SQLite
void sqliteCpp(SQLite::Database &Wrapped, sqlite3 *Db,
               const std::vector<User> &Users) {
  SQLite::Transaction Txn(Wrapped);
  for (const User &U : Users)
    saveUser(Db, U);
  Txn.commit();
}

namespace soci {
class session {
public:
  void begin();
  void commit();
};
} // namespace soci
void sociBegin(soci::session &Session, sqlite3 *Db,
               const std::vector<User> &Users) {
  Session.begin();
  for (const User &U : Users)
    saveUser(Db, U);
  Session.commit();
}

// Reads in a loop are query-in-loop's business; writes outside loops are one.
void readsAndSingleWrites(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    sqlite3_exec(Db, "SELECT * FROM users", nullptr, nullptr, nullptr);
  sqlite3_exec(Db, "DELETE FROM users", nullptr, nullptr, nullptr);
  saveUser(Db, Users.front());
}

void suppressed(sqlite3 *Db, const std::vector<User> &Users) {
  for (const User &U : Users)
    saveUser(Db, U); // NOLINT(vibeguard-write-loop-without-transaction)
}
#endif
