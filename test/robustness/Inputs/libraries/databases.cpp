// Persistence through SQLite and PostgreSQL (libpq).
#include <libpq-fe.h>
#include <sqlite3.h>

#include <string>
#include <vector>

struct Item {
  int Id;
  std::string Name;
};

bool saveAll(sqlite3 *Db, const std::vector<Item> &Items) {
  for (const Item &I : Items) {
    std::string Sql = "INSERT INTO items(id, name) VALUES(" +
                      std::to_string(I.Id) + ", '" + I.Name + "')";
    if (sqlite3_exec(Db, Sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      return false;
  }
  return true;
}

std::vector<std::string> names(sqlite3 *Db) {
  std::vector<std::string> Result;
  sqlite3_stmt *Stmt = nullptr;
  if (sqlite3_prepare_v2(Db, "SELECT name FROM items", -1, &Stmt, nullptr) !=
      SQLITE_OK)
    return Result;
  while (sqlite3_step(Stmt) == SQLITE_ROW)
    Result.push_back(
        reinterpret_cast<const char *>(sqlite3_column_text(Stmt, 0)));
  sqlite3_finalize(Stmt);
  return Result;
}

int countOrders(PGconn *Conn, const std::vector<int> &Customers) {
  int Total = 0;
  for (int Customer : Customers) {
    std::string Sql = "SELECT count(*) FROM orders WHERE customer = " +
                      std::to_string(Customer);
    PGresult *Res = PQexec(Conn, Sql.c_str());
    if (PQresultStatus(Res) == PGRES_TUPLES_OK)
      Total += std::stoi(PQgetvalue(Res, 0, 0));
    PQclear(Res);
  }
  return Total;
}
