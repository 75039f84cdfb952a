// RUN: %check_vibeguard %s vibeguard-unbounded-cache %t
// RUN: %check_vibeguard -check-suffix=INIT %s vibeguard-unbounded-cache %t-init \
// RUN:   -- -config="{CheckOptions: {vibeguard-unbounded-cache.InitFunctionPattern: '^warm'}}" \
// RUN:   -- -DINIT_ONLY
// RUN: %check_vibeguard -check-suffix=BADREGEX %s vibeguard-unbounded-cache %t-bad \
// RUN:   -- -config="{CheckOptions: {vibeguard-unbounded-cache.InitFunctionPattern: '(unclosed'}}" \
// RUN:   -- -DINIT_ONLY

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct User {
  int Id;
  std::string Name;
};
User fetchUser(int Id);

#ifdef INIT_ONLY
// Keys read from a variable: a constant key adds one entry, ever.
std::string Path;
// CHECK-MESSAGES-BADREGEX: warning: invalid regular expression '(unclosed' in option 'InitFunctionPattern': {{.*}}; the option is ignored [clang-tidy-config]
std::map<std::string, int> Routes;
// CHECK-MESSAGES-BADREGEX: :[[@LINE-1]]:28: warning: 'Routes' only ever grows
// CHECK-MESSAGES-INIT: :[[@LINE-2]]:28: warning: 'Routes' only ever grows
// CHECK-MESSAGES-BADREGEX: :[[@LINE+3]]:21: note: entries are added here, in 'warmRoutes'
// CHECK-MESSAGES-BADREGEX-NEXT: :[[@LINE+3]]:21: note: entries are added here, in 'initRoutes'
// CHECK-MESSAGES-INIT: :[[@LINE+2]]:21: note: entries are added here, in 'initRoutes'
void warmRoutes() { Routes[Path] = 1; }
void initRoutes() { Routes[Path] = 2; }
std::map<std::string, int> Later;
// CHECK-MESSAGES-INIT: :[[@LINE-1]]:28: warning: 'Later' only ever grows
// CHECK-MESSAGES-BADREGEX: :[[@LINE-2]]:28: warning: 'Later' only ever grows
void setupLater() { Later[Path] = 1; }
// CHECK-MESSAGES-INIT: :[[@LINE-1]]:21: note: entries are added here, in 'setupLater'
// CHECK-MESSAGES-BADREGEX: :[[@LINE-2]]:21: note: entries are added here, in 'setupLater'
#else

// ---- Caches that never evict -------------------------------------------------

User getUser(int Id) {
  static std::unordered_map<int, User> Cache;
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'Cache' only ever grows: every call adds entries and nothing removes them, so memory grows with traffic until the process runs out; bound it (evict old entries, cap its size, or use an LRU cache) [vibeguard-unbounded-cache]
  if (Cache.count(Id))
    return Cache[Id];
  // CHECK-NOTES: :[[@LINE-1]]:12: note: entries are added here, in 'getUser'
  User U = fetchUser(Id);
  Cache[Id] = U;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: entries are added here, in 'getUser'
  return U;
}

std::map<std::string, std::string> SessionsByToken;
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'SessionsByToken' only ever grows
void login(const std::string &Token, const std::string &Name) {
  SessionsByToken.insert({Token, Name});
  // CHECK-NOTES: :[[@LINE-1]]:3: note: entries are added here, in 'login'
}

class RequestLog {
  // Declared before the functions that grow them, so that each warning
  // comes before its notes.
  std::vector<std::string> History;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'History' only ever grows
  // CHECK-NOTES: :[[@LINE+12]]:5: note: entries are added here, in 'RequestLog::handle'
  std::map<std::string, int> Seen;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Seen' only ever grows
  // CHECK-NOTES: :[[@LINE+10]]:50: note: entries are added here, in 'RequestLog::handle'
  static std::vector<int> Codes;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Codes' only ever grows
  // CHECK-NOTES: :[[@LINE+2]]:25: note: entries are added here, in 'RequestLog::note'

  void note(int Code) { Codes.push_back(Code); }

public:
  void handle(const std::string &Path) {
    History.push_back(Path);
    auto Record = [this](const std::string &P) { Seen.emplace(P, 1); };
    Record(Path);
  }
  int count() const { return History.size() + Seen.size(); }
};
// The process keeps one: its members live as long as the process.
RequestLog &requestLog() {
  static RequestLog Log;
  return Log;
}

// One finding per declaration, however many instantiations.
template <class K> class Memo {
  std::map<K, int> Values;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'Values' only ever grows
  // CHECK-NOTES: :[[@LINE+5]]:5: note: entries are added here, in 'Memo::get'
  // CHECK-NOTES: :[[@LINE+5]]:12: note: entries are added here, in 'Memo::get'

public:
  int get(const K &Key) {
    Values.try_emplace(Key, 0);
    return Values[Key];
  }
};
int useMemo(Memo<int> &A, Memo<std::string> &B) { return A.get(1) + B.get("x"); }

// A collection class is quiet only while it is neither named like a cache nor
// looks its entries up where it adds them.
class SessionCache {
  std::map<int, std::string> Entries;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Entries' only ever grows
  // CHECK-NOTES: :[[@LINE+3]]:43: note: entries are added here, in 'SessionCache::insert'

public:
  void insert(int Id, std::string Name) { Entries.emplace(Id, Name); }
};

class NameTable {
  std::map<std::string, int> Ids;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Ids' only ever grows
  // CHECK-NOTES: :[[@LINE+7]]:5: note: entries are added here, in 'NameTable::addName'

public:
  int addName(const std::string &Name) {
    auto Found = Ids.find(Name);
    if (Found != Ids.end())
      return Found->second;
    Ids.emplace(Name, 1);
    return 1;
  }
};
NameTable GlobalNames;

// Reached through a singleton accessor defined elsewhere.
class Tracker {
public:
  static Tracker &get();
  void hit(int User) { Users.insert(User); }

private:
  std::unordered_set<int> Users;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Users' only ever grows
  // CHECK-NOTES: :[[@LINE-5]]:24: note: entries are added here, in 'Tracker::hit'
};

// 'on' names an event handler here, not a registration: it does not store
// handlers.
class ChatServer {
  std::vector<std::string> Senders;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Senders' only ever grows
  // CHECK-NOTES: :[[@LINE+3]]:45: note: entries are added here, in 'ChatServer::onMessage'

public:
  void onMessage(const std::string &From) { Senders.push_back(From); }
};

// A helper that initialization code calls, but also per-event code.
std::vector<std::string> Peers;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Peers' only ever grows
class PeerTable {
public:
  PeerTable() { remember("seed"); }
  void onHello(const std::string &Peer) { remember(Peer); }

private:
  void remember(const std::string &Peer) { Peers.push_back(Peer); }
  // CHECK-NOTES: :[[@LINE-1]]:44: note: entries are added here, in 'PeerTable::remember'
};
// A helper other translation units may call at any time.
std::vector<int> Ports;
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Ports' only ever grows
void parsePort(int Port) { Ports.push_back(Port); }
// CHECK-NOTES: :[[@LINE-1]]:28: note: entries are added here, in 'parsePort'
void initPorts() { parsePort(53); }

// ---- Correct code that must stay silent --------------------------------------

// A collection class's own adders: whoever owns the object decides how long
// its entries live.
class ExpectationList {
public:
  ExpectationList &operator+=(int E) {
    Items.insert({E, E});
    return *this;
  }
  void append(int E) { Items.insert({E, E}); }
  int size() const { return Items.size(); }

private:
  std::map<int, int> Items;
};

class Arguments {
public:
  void AddArgument(const std::string &A) { Args.push_back(A); }
  void pushAll(const std::vector<std::string> &As) {
    for (const std::string &A : As)
      Args.push_back(A);
  }

private:
  std::vector<std::string> Args;
};

// Evicted somewhere in the translation unit.
std::unordered_map<int, User> Evicting;
User getEvicting(int Id) {
  Evicting[Id] = fetchUser(Id);
  return Evicting[Id];
}
void logout(int Id) { Evicting.erase(Id); }

std::vector<std::string> Flushed;
void record(const std::string &Line) { Flushed.push_back(Line); }
void flush() { Flushed.clear(); }

std::map<int, int> Replaced;
void remember(int K) { Replaced[K] = K; }
void reset() { Replaced = std::map<int, int>(); }

std::map<int, int> Swapped;
void add(int K) { Swapped.insert({K, K}); }
void rotate(std::map<int, int> &Other) { Swapped.swap(Other); }

// Bounded by a size check where it grows.
std::map<int, User> Bounded;
void cacheBounded(const User &U) {
  if (Bounded.size() < 1000)
    Bounded[U.Id] = U;
}

// Only filled while starting up.
std::map<std::string, int> Handlers;
void registerHandlers() { Handlers["/"] = 1; }
class Router {
public:
  Router() { Table.push_back("/"); }
  int size() const { return Table.size(); }

private:
  std::vector<std::string> Table;
};
int main() {
  Handlers["/main"] = 2;
  return 0;
}
// Helpers that only initialization code calls, and that nothing outside
// this file can call, are initialization too.
std::vector<std::string> ListenAddresses;
class UdpServer {
public:
  explicit UdpServer(const std::string &Config) { bindAll(Config); }

private:
  void bindAll(const std::string &Config) {
    ListenAddresses.push_back(Config);
    Sockets.push_back(1);
  }
  std::vector<int> Sockets;
};
UdpServer TheServer("0.0.0.0");
static std::vector<int> QueryPorts;
static void parseQueryPort(int Port) { QueryPorts.push_back(Port); }
static void readQueryPorts() { parseQueryPort(53); }
void initQueryPorts() { readQueryPorts(); }

// Handed to code that may shrink it.
void prune(std::vector<int> &V);
std::vector<int> Pruned;
void keep(int X) {
  Pruned.push_back(X);
  prune(Pruned);
}
std::vector<int> Aliased;
void alias(int X) {
  std::vector<int> &Ref = Aliased;
  Aliased.push_back(X);
  Ref.clear();
}

// Locals, and containers never grown.
int locals(const std::vector<int> &In) {
  std::vector<int> Out;
  static std::map<int, int> Lookup;
  for (int X : In)
    Out.push_back(X);
  return Out.size() + Lookup.size();
}

// A template whose eviction is only in a member nobody instantiates.
template <class K> class Lru {
public:
  void put(const K &Key) { Entries.try_emplace(Key, 0); }
  void evict(const K &Key) { Entries.erase(Key); }

private:
  std::map<K, int> Entries;
};
void useLru(Lru<int> &L) { L.put(1); }

// Data members of short-lived objects die with them: a statement's column
// names (cppdb's sqlite3 backend), a builder, a compaction's outputs, a
// response's headers.
class statement {
public:
  int column(const std::string &Name) {
    auto Found = column_names_.find(Name);
    if (Found != column_names_.end())
      return Found->second;
    const int Index = lookupColumn(Name);
    column_names_[Name] = Index;
    return Index;
  }

private:
  int lookupColumn(const std::string &Name);
  std::map<std::string, int> column_names_;
};
class QueryBuilder {
public:
  QueryBuilder &where(const std::string &Condition) {
    Conditions.push_back(Condition);
    return *this;
  }

private:
  std::vector<std::string> Conditions;
};
struct CompactionState {
  std::vector<int> Outputs;
  void finishOutput(int File) { Outputs.push_back(File); }
};
struct Response {
  std::map<std::string, std::string> Headers;
  void header(const std::string &Key, const std::string &Value) {
    Headers[Key] = Value;
  }
};
int buildAll(const std::vector<std::string> &Conditions) {
  QueryBuilder Builder;
  for (const std::string &C : Conditions)
    Builder.where(C);
  return 0;
}

// Configuration, not traffic: handlers, routes, mounts and types are
// registered by functions named for it, and 'on' stores a handler.
class HttpServer {
public:
  void addHandler(const std::string &Path, std::function<void()> Handler) {
    Handlers[Path] = Handler;
  }
  void on(const std::string &Event, std::function<void()> Handler) {
    Events.emplace(Event, Handler);
  }
  void mount(const std::string &Prefix, int Id) { Mounts[Prefix] = Id; }

private:
  std::map<std::string, std::function<void()>> Handlers;
  std::map<std::string, std::function<void()>> Events;
  std::map<std::string, int> Mounts;
};
std::map<std::string, std::string> MimeTypes;
void addMimeType(const std::string &Ext, const std::string &Type) {
  MimeTypes[Ext] = Type;
}
void load_mime_types(const std::vector<User> &Types) {
  for (const User &T : Types)
    MimeTypes[T.Name] = T.Name;
}

// Filled once, when found empty.
struct Builtin {
  std::string Ext, Type;
};
const std::string &mimeType(const std::vector<Builtin> &Table,
                            const std::string &Ext) {
  static std::map<std::string, std::string> Types;
  if (Types.empty())
    for (const Builtin &B : Table)
      Types[B.Ext] = B.Type;
  return Types.at(Ext);
}

// Constant keys: one entry each, however often this runs.
std::map<std::string, long> Counters;
void countRequest(bool Failed) {
  Counters["requests"]++;
  Counters.emplace("errors", 0);
  if (Failed)
    Counters.insert({"failures", 1});
}

// An eviction declared in the class and defined in another file.
class SessionManager {
public:
  void touch(int Id, const std::string &Name) { Sessions[Id] = Name; }
  void Clear();
  void removeExpired(long Now);

private:
  std::map<int, std::string> Sessions;
};

std::map<int, int> Suppressed; // NOLINT(vibeguard-unbounded-cache)
void fill(int K) { Suppressed[K] = K; }
#endif
