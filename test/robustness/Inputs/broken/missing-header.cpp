// Broken on purpose: the header does not exist, so its types are unknown.
#include "no/such/header.h"
#include <vector>

void sync(Database &Db, const std::vector<Row> &Rows) {
  for (const Row &R : Rows) {
    Db.execute("INSERT INTO t VALUES (" + R.id + ")");
    Cache.insert(Cache.begin(), R);
  }
  while (!Pending.empty())
    Pending.erase(Pending.begin());
}
