// RUN: %check_vibeguard %s vibeguard-unreleased-handle %t -- -- -std=c++17
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-unreleased-handle %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-unreleased-handle.Handles: '::pool_acquire=::pool_release;pool_get'}}" \
// RUN:   -- -std=c++17 -DOPTIONS

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <curl/curl.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <memory>
#include <mysql.h>
#include <sqlite3.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

struct Record {
  int Id;
};
struct Connection;
Connection *pool_acquire(const char *Name);
void pool_release(Connection *C);
int query(Connection *C, const char *Sql) { return C && Sql; }

#ifndef OPTIONS
// ---- Leaked on some path, or on every path ----------------------------------------

void appendLine(const char *Path, const char *Line) {
  FILE *Log = fopen(Path, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Log' from 'fopen' is never released: every call leaks a handle until the process runs out; release it with 'fclose' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'Log' leaks at the end of its scope
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: an RAII owner releases it on every path: 'std::unique_ptr<FILE, decltype(&fclose)> Log(fopen(Path, "a"), &fclose)', with 'Log.get()' where the raw handle is needed
  fputs(Line, Log);
}

int countLines(const char *Path) {
  FILE *In = fopen(Path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'In' from 'fopen' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'fclose' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+7]]:7: note: 'In' leaks when this 'return' leaves the function
  if (!In)
    return -1;
  char Buffer[256];
  int Lines = 0;
  while (fgets(Buffer, sizeof Buffer, In)) {
    if (Buffer[0] == '#')
      return -2;
    ++Lines;
  }
  fclose(In);
  return Lines;
}

int countEntries(const std::vector<std::string> &Paths) {
  int Total = 0;
  for (const std::string &Path : Paths) {
    DIR *Dir = opendir(Path.c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Dir' from 'opendir' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'closedir' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: 'Dir' leaks when this 'continue' leaves its scope
    // CHECK-MESSAGES: :[[@LINE+8]]:7: note: 'Dir' leaks when this 'break' leaves its scope
    if (Dir == nullptr)
      continue;
    if (Path.empty())
      continue;
    while (readdir(Dir))
      ++Total;
    if (Total > 1000)
      break;
    closedir(Dir);
  }
  return Total;
}

int parseHeader(const char *Path) {
  FILE *In = fopen(Path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'In' from 'fopen' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'fclose' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'In' leaks when this exception leaves its scope
  if (!In)
    throw std::runtime_error("cannot open");
  char Buffer[64];
  if (!fgets(Buffer, sizeof Buffer, In))
    throw std::runtime_error("empty file");
  fclose(In);
  return Buffer[0];
}

int readVersion(const char *Path) {
  FILE *In = fopen(Path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'In' from 'fopen' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'fclose' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+5]]:23: note: 'In' leaks if 'std::stoi' throws here
  if (!In)
    return 0;
  char Buffer[64];
  fgets(Buffer, sizeof Buffer, In);
  const int Version = std::stoi(Buffer);
  fclose(In);
  return Version;
}

int parsePort(const char *Text) { return std::stoi(Text); }
int readPort(const char *Path) {
  FILE *In = fopen(Path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'In' from 'fopen' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'fclose' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+5]]:20: note: 'In' leaks if 'parsePort' throws here
  if (!In)
    return 0;
  char Buffer[16];
  fgets(Buffer, sizeof Buffer, In);
  const int Port = parsePort(Buffer);
  fclose(In);
  return Port;
}

FILE *openLog() { return fopen("/var/log/app.log", "a"); }

void logStartup() {
  FILE *Log = openLog();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Log' from 'openLog' is never released: every call leaks a handle until the process runs out; release it with 'fclose' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'openLog' returns the handle that 'fopen' acquires here
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'Log' leaks at the end of its scope
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: an RAII owner releases it on every path: 'std::unique_ptr<FILE, decltype(&fclose)> Log(openLog(), &fclose)', with 'Log.get()' where the raw handle is needed
  fputs("started\n", Log);
}

bool saveRecord(const char *Path, const Record &R) {
  sqlite3 *Db;
  if (sqlite3_open(Path, &Db) != SQLITE_OK)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Db' from 'sqlite3_open' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'sqlite3_close' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Db' leaks when this 'return' leaves the function
    return false;
  if (sqlite3_exec(Db, "INSERT INTO records VALUES (1)", nullptr, nullptr,
                   nullptr) != SQLITE_OK)
    return false;
  sqlite3_close(Db);
  return true;
}

int countRows(sqlite3 *Db, const std::vector<std::string> &Tables) {
  int Rows = 0;
  for (const std::string &Table : Tables) {
    sqlite3_stmt *Stmt = nullptr;
    if (sqlite3_prepare_v2(Db, Table.c_str(), -1, &Stmt, nullptr) !=
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'Stmt' from 'sqlite3_prepare_v2' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'sqlite3_finalize' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE+4]]:7: note: 'Stmt' leaks when this 'continue' leaves its scope
        SQLITE_OK)
      continue;
    if (sqlite3_step(Stmt) != SQLITE_ROW)
      continue;
    Rows += sqlite3_column_int(Stmt, 0);
    sqlite3_finalize(Stmt);
  }
  return Rows;
}

bool checkDatabase(const char *Info) {
  PGconn *Conn = PQconnectdb(Info);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Conn' from 'PQconnectdb' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'PQfinish' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'Conn' leaks when this 'return' leaves the function
  if (PQstatus(Conn) != CONNECTION_OK)
    return false;
  PQfinish(Conn);
  return true;
}

int totalOrders(PGconn *Conn, const std::vector<std::string> &Queries) {
  int Total = 0;
  for (const std::string &Query : Queries) {
    PGresult *Res = PQexec(Conn, Query.c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Res' from 'PQexec' is never released: every call leaks a handle until the process runs out; release it with 'PQclear' or hold it in an RAII owner [vibeguard-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'Res' leaks at the end of its scope
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: an RAII owner releases it on every path: 'std::unique_ptr<PGresult, decltype(&PQclear)> Res(PQexec(Conn, Query.c_str()), &PQclear)', with 'Res.get()' where the raw handle is needed
    Total += PQntuples(Res);
  }
  return Total;
}

int connectTo(const sockaddr *Address) {
  int Fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Fd' from 'socket' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'close' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Fd' leaks when this 'return' leaves the function
  if (Fd < 0)
    return -1;
  if (bind(Fd, Address, sizeof *Address) != 0)
    return -1;
  return Fd;
}

char *readAll(int Fd, unsigned long Size) {
  char *Buffer = static_cast<char *>(malloc(Size));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'Buffer' from 'malloc' is not released on every path: each call that takes such a path leaks the allocation until the process runs out; release it with 'free' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Buffer' leaks when this 'return' leaves the function
  if (!Buffer)
    return nullptr;
  if (read(Fd, Buffer, Size) < 0)
    return nullptr;
  return Buffer;
}

void fetch(const char *Url) {
  CURL *Curl = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Curl' from 'curl_easy_init' is never released: every call leaks a handle until the process runs out; release it with 'curl_easy_cleanup' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+4]]:1: note: 'Curl' leaks at the end of its scope
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: an RAII owner releases it on every path: 'std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> Curl(curl_easy_init(), &curl_easy_cleanup)', with 'Curl.get()' where the raw handle is needed
  curl_easy_setopt(Curl, CURLOPT_URL, Url);
  curl_easy_perform(Curl);
}

void ping(const char *Host) {
  redisContext *Redis = redisConnect(Host, 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Redis' from 'redisConnect' is never released: every call leaks a handle until the process runs out; release it with 'redisFree' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'Redis' leaks at the end of its scope
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: an RAII owner releases it on every path: 'std::unique_ptr<redisContext, decltype(&redisFree)> Redis(redisConnect(Host, 6379), &redisFree)', with 'Redis.get()' where the raw handle is needed
  freeReplyObject(redisCommand(Redis, "PING"));
}

int countUsers(const char *Host) {
  MYSQL *Mysql = mysql_init(nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Mysql' from 'mysql_init' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'mysql_close' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'Mysql' leaks when this 'return' leaves the function
  if (!mysql_real_connect(Mysql, Host, "app", nullptr, "app", 0, nullptr, 0))
    return -1;
  mysql_query(Mysql, "SELECT id FROM users");
  MYSQL_RES *Result = mysql_store_result(Mysql);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'Result' from 'mysql_store_result' is never released: every call leaks a handle until the process runs out; release it with 'mysql_free_result' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: 'Result' leaks when this 'return' leaves the function
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: an RAII owner releases it on every path: 'std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> Result(mysql_store_result(Mysql), &mysql_free_result)', with 'Result.get()' where the raw handle is needed
  int Count = 0;
  while (mysql_fetch_row(Result))
    ++Count;
  mysql_close(Mysql);
  return Count;
}

void rotate(const char *Current, const char *Next) {
  FILE *Out = fopen(Current, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Out' from 'fopen' is never released: every call leaks a handle until the process runs out; release it with 'fclose' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+2]]:7: note: 'Out' leaks when it is overwritten here
  fputs("rotating\n", Out);
  Out = fopen(Next, "a");
  fclose(Out);
}

void touch(const char *Path) { fopen(Path, "w"); }
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: the handle that 'fopen' returns is discarded, so nothing can release it: every call leaks a handle until the process runs out; keep it and release it with 'fclose' [vibeguard-unreleased-handle]
void openNull(int Fd) {
  close(Fd);
  open("/dev/null", O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the handle that 'open' returns is discarded
}

void listFiles(const char *Command) {
  FILE *Pipe = popen(Command, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Pipe' from 'popen' is passed to 'fclose', which does not release it: every call leaks a handle until the process runs out; release it with 'pclose' instead [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+5]]:1: note: 'Pipe' leaks at the end of its scope
  char Line[128];
  while (fgets(Line, sizeof Line, Pipe))
    fputs(Line, stdout);
  fclose(Pipe);
}

template <typename T> void dump(const char *Path, const T &Value) {
  FILE *Out = fopen(Path, "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Out' from 'fopen' is never released: every call leaks a handle until the process runs out; release it with 'fclose' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'Out' leaks at the end of its scope
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: an RAII owner releases it on every path: 'std::unique_ptr<FILE, decltype(&fclose)> Out(fopen(Path, "w"), &fclose)', with 'Out.get()' where the raw handle is needed
  fwrite(&Value, sizeof Value, 1, Out);
}
void dumpAll() {
  dump("/tmp/a", 1);
  dump("/tmp/b", 2.0);
}

#define OPEN_CONFIG(Path) fopen(Path, "r")
void readConfig() {
  FILE *Config = OPEN_CONFIG("/etc/app.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Config' from 'fopen' is never released: every call leaks a handle until the process runs out; release it with 'fclose' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-4]]:27: note: expanded from macro 'OPEN_CONFIG'
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'Config' leaks at the end of its scope
  char Buffer[64];
  fgets(Buffer, sizeof Buffer, Config);
}

void eachFile(const std::vector<std::string> &Paths) {
  auto Touch = [](const std::string &Path) {
    FILE *F = fopen(Path.c_str(), "a");
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'F' from 'fopen' is never released: every call leaks a handle until the process runs out; release it with 'fclose' or hold it in an RAII owner [vibeguard-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'F' leaks at the end of its scope
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: an RAII owner releases it on every path: 'std::unique_ptr<FILE, decltype(&fclose)> F(fopen(Path.c_str(), "a"), &fclose)', with 'F.get()' where the raw handle is needed
    fputs("", F);
  };
  for (const std::string &Path : Paths)
    Touch(Path);
}

void parseAll(const std::vector<std::string> &Paths) {
  for (const std::string &Path : Paths) {
    try {
      FILE *In = fopen(Path.c_str(), "r");
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'In' from 'fopen' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'fclose' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
      // CHECK-MESSAGES: :[[@LINE+5]]:7: note: 'In' leaks if 'std::stoi' throws here
      if (!In)
        continue;
      char Buffer[64];
      fgets(Buffer, sizeof Buffer, In);
      std::stoi(Buffer);
      fclose(In);
    } catch (const std::exception &) {
    }
  }
}

// The condition changes between the acquisition and the release: the paths
// no longer match.
int readFlipped(const char *Path, bool Permanent) {
  int Fd = -1;
  if (!Permanent)
    Fd = open(Path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Fd' from 'open' is not released on every path
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'Fd' leaks when this 'return' leaves the function
  Permanent = !Permanent;
  if (!Permanent)
    close(Fd);
  return 0;
}
void openEach(const std::vector<std::string> &Paths) {
  for (const std::string &Path : Paths) {
    const bool Wanted = !Path.empty();
    FILE *F = nullptr;
    if (Wanted)
      F = fopen(Path.c_str(), "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'F' from 'fopen' is never released
    // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'F' leaks at the end of its scope
    if (!Wanted)
      fclose(F);
  }
}

// ---- Released on every path, or handed over ---------------------------------------

// A throw three calls down is too far away to be worth a report.
void failDeep(const char *Why) { throw std::runtime_error(Why); }
void checkMiddle(const char *Text) {
  if (!Text[0])
    failDeep("empty");
}
void checkTop(const char *Text) { checkMiddle(Text); }
void readChecked(const char *Path) {
  FILE *In = fopen(Path, "r");
  if (!In)
    return;
  char Buffer[64];
  fgets(Buffer, sizeof Buffer, In);
  checkTop(Buffer);
  fclose(In);
}

int countLinesClosed(const char *Path) {
  FILE *In = fopen(Path, "r");
  if (!In)
    return -1;
  char Buffer[256];
  int Lines = 0;
  while (fgets(Buffer, sizeof Buffer, In))
    ++Lines;
  fclose(In);
  return Lines;
}

int countLinesOwned(const char *Path) {
  std::unique_ptr<FILE, decltype(&fclose)> In(fopen(Path, "r"), &fclose);
  if (!In)
    return -1;
  char Buffer[256];
  int Lines = 0;
  while (fgets(Buffer, sizeof Buffer, In.get()))
    ++Lines;
  return Lines;
}

FILE *openChecked(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return nullptr;
  return F;
}

class LogFile {
public:
  bool open(const char *Path) {
    FILE *F = fopen(Path, "a");
    if (!F)
      return false;
    File = F;
    return true;
  }
  ~LogFile() { fclose(File); }

private:
  FILE *File = nullptr;
};

void openAll(const std::vector<std::string> &Paths, std::vector<FILE *> &Out) {
  for (const std::string &Path : Paths) {
    FILE *F = fopen(Path.c_str(), "r");
    if (F)
      Out.push_back(F);
  }
}

void registerStream(FILE *F);
void openRegistered(const char *Path) {
  FILE *F = fopen(Path, "r");
  registerStream(F);
}

void closeQuietly(FILE *F) {
  if (F)
    fclose(F);
}
void writeMarker(const char *Path) {
  FILE *F = fopen(Path, "w");
  fputs("marker", F);
  closeQuietly(F);
}

void writeIfOpen(const char *Path) {
  FILE *F = fopen(Path, "w");
  if (F != nullptr)
    fputs("x", F);
  if (F)
    fclose(F);
}

int copyFile(const char *From, const char *To) {
  int Status = -1;
  FILE *Out = nullptr;
  FILE *In = fopen(From, "r");
  if (!In)
    goto done;
  Out = fopen(To, "w");
  if (!Out)
    goto close_in;
  Status = 0;
  fclose(Out);
close_in:
  fclose(In);
done:
  return Status;
}

char *grow(char *Buffer, unsigned long Size) {
  char *Bigger = static_cast<char *>(realloc(Buffer, Size));
  if (!Bigger) {
    free(Buffer);
    return nullptr;
  }
  return Bigger;
}

bool findRecord(sqlite3 *Db, int Id) {
  sqlite3_stmt *Stmt = nullptr;
  if (sqlite3_prepare_v2(Db, "SELECT 1 FROM records WHERE id = ?", -1, &Stmt,
                         nullptr) != SQLITE_OK)
    return false;
  sqlite3_bind_int(Stmt, 1, Id);
  const bool Found = sqlite3_step(Stmt) == SQLITE_ROW;
  sqlite3_finalize(Stmt);
  return Found;
}

bool openDatabase(const char *Path, sqlite3 **Out) {
  sqlite3 *Db = nullptr;
  int Rc = sqlite3_open(Path, &Db);
  if (Rc != SQLITE_OK)
    return false;
  *Out = Db;
  return true;
}

void writeScoped(const char *Path) {
  if (FILE *F = fopen(Path, "w")) {
    fputs("x", F);
    fclose(F);
  }
}

void serve(int Server) {
  for (;;) {
    int Client = accept(Server, nullptr, nullptr);
    if (Client < 0)
      continue;
    send(Client, "hello", 5, 0);
    close(Client);
  }
}

int runCommand(const char *Command) {
  FILE *Pipe = popen(Command, "r");
  if (!Pipe)
    return -1;
  char Line[128];
  while (fgets(Line, sizeof Line, Pipe))
    fputs(Line, stdout);
  return pclose(Pipe);
}

void closeWithLambda(const char *Path) {
  auto CloseIt = [](FILE *F) { fclose(F); };
  FILE *F = fopen(Path, "r");
  if (!F)
    return;
  fputs("x", F);
  CloseIt(F);
}

int readIfPositive(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  if (Fd > 0) {
    char C;
    read(Fd, &C, 1);
    close(Fd);
    return C;
  }
  return -1;
}

#define SAFE_CLOSE(F)                                                          \
  do {                                                                         \
    if (F)                                                                     \
      fclose(F);                                                               \
    F = nullptr;                                                               \
  } while (0)
void closeWithMacro(const char *Path) {
  FILE *F = fopen(Path, "r");
  fputs("x", F);
  SAFE_CLOSE(F);
}

// vector::at throws on a bug, not on bad input: no leak worth a report.
int sumSelected(const char *Path, const std::vector<int> &Values) {
  FILE *In = fopen(Path, "r");
  if (!In)
    return 0;
  const int Sum = Values.at(0) + Values.at(1);
  fclose(In);
  return Sum;
}

int main(int Argc, char **Argv) {
  FILE *In = fopen(Argv[1], "r");
  if (!In)
    return 1;
  char Buffer[64];
  fgets(Buffer, sizeof Buffer, In);
  return 0;
}

void mustOpen(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return;
  if (F == stdin)
    exit(1);
  fclose(F);
}

int openOrFail(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  if (Fd == -1)
    return -1;
  char C;
  const long N = read(Fd, &C, 1);
  close(Fd);
  return N;
}

struct FileCloser {
  explicit FileCloser(FILE *F) : F(F) {}
  ~FileCloser() { fclose(F); }
  FILE *F;
};
void guarded(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return;
  FileCloser Closer(F);
  fputs("x", F);
}

template <typename F> struct ScopeExit {
  F Fn;
  ~ScopeExit() { Fn(); }
};
template <typename F> ScopeExit<F> onExit(F Fn) { return {Fn}; }
void deferred(const char *Path) {
  FILE *Out = fopen(Path, "w");
  auto Close = onExit([&] { fclose(Out); });
  fputs("x", Out);
}

void bindName(sqlite3_stmt *Stmt, const char *Name) {
  char *Copy = strdup(Name);
  sqlite3_bind_text(Stmt, 1, Copy, -1, free);
}

std::pair<FILE *, int> openWithSize(const char *Path) {
  FILE *F = fopen(Path, "r");
  return std::make_pair(F, 0);
}

int parseClosed(const char *Path) {
  FILE *In = fopen(Path, "r");
  if (!In)
    return 0;
  char Buffer[64];
  fgets(Buffer, sizeof Buffer, In);
  int Value = 0;
  try {
    Value = std::stoi(Buffer);
  } catch (const std::exception &) {
    fclose(In);
    throw;
  }
  fclose(In);
  return Value;
}

FILE *streamFor(int Fd) {
  FILE *F = fdopen(Fd, "r");
  return F;
}
void adopt(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  if (Fd < 0)
    return;
  FILE *F = fdopen(Fd, "r");
  if (F)
    fclose(F);
}

std::string firstLine(const char *Path) {
  char *Line = strdup(Path);
  std::string Copy(Line);
  free(Line);
  return Copy;
}

// Acquired and released under the same condition, which nothing changes in
// between: every path that opened it closes it.
int readUnlessPermanent(const char *Path, bool Permanent) {
  int Fd = -1;
  if (!Permanent)
    Fd = open(Path, O_RDONLY);
  char Buffer[16];
  int Read = 0;
  if (!Permanent)
    Read = read(Fd, Buffer, sizeof Buffer);
  if (!Permanent)
    close(Fd);
  return Read;
}

class Exporter {
public:
  void exportTo(const char *Path) {
    FILE *Out = nullptr;
    if (ToFile)
      Out = fopen(Path, "w");
    if (ToFile)
      fputs("x", Out);
    if (this->ToFile)
      fclose(Out);
  }
  void exportBoth(const char *Path, int Mode) {
    char *Copy = nullptr;
    if (Mode == 2 && ToFile)
      Copy = strdup(Path);
    write(0);
    if (Mode == 2 && ToFile)
      free(Copy);
  }

private:
  void write(int Fd);
  bool ToFile = false;
};

// A release guarded by the handle's own validity releases it wherever it
// was acquired.
void closeIfOpen(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  char Buffer[16];
  read(Fd, Buffer, sizeof Buffer);
  if (Fd >= 0)
    close(Fd);
}
void fcloseIfOpen(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (F)
    fputs("x", F);
  if (F)
    fclose(F);
}

void suppressed(const char *Path) {
  FILE *F = fopen(Path, "r"); // NOLINT(vibeguard-unreleased-handle)
  fputs("x", F);
}

void useConnection() {
  Connection *C = pool_acquire("main");
  query(C, "SELECT 1");
}

// A daemon points its standard streams at /dev/null: each open gets the
// descriptor just closed, and keeps it on purpose.
void detachStandardStreams() {
  close(0);
  open("/dev/null", O_RDONLY);
  close(1);
  open("/dev/null", O_WRONLY);
  close(2);
  open("/dev/null", O_WRONLY);
}

#else
// CHECK-MESSAGES-OPTION: warning: invalid entry 'pool_get' in option 'Handles': expected 'acquire=release' with two qualified names such as '::pool_get=::pool_put' (a name may end in '*'); the entry is ignored [clang-tidy-config]
// ---- The option Handles -------------------------------------------------------------

void useConnection() {
  Connection *C = pool_acquire("main");
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:19: warning: 'C' from 'pool_acquire' is never released: every call leaks a handle until the process runs out; release it with 'pool_release' or hold it in an RAII owner [vibeguard-unreleased-handle]
  // CHECK-MESSAGES-OPTION: :[[@LINE+3]]:1: note: 'C' leaks at the end of its scope
  // CHECK-MESSAGES-OPTION: :[[@LINE-3]]:15: note: an RAII owner releases it on every path: 'std::unique_ptr<Connection, decltype(&pool_release)> C(pool_acquire("main"), &pool_release)', with 'C.get()' where the raw handle is needed
  query(C, "SELECT 1");
}

void useConnectionReleased() {
  Connection *C = pool_acquire("main");
  query(C, "SELECT 1");
  pool_release(C);
}
#endif
