// RUN: %check_vibeguard %s vibeguard-inconsistent-locking %t -- -- -std=c++20
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-inconsistent-locking %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-inconsistent-locking.CallerHoldsLockSuffixes: 'Guarded'}}" \
// RUN:   -- -std=c++20 -DOPTIONS

#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))

#ifndef OPTIONS
// ---- Written under a lock, touched without one elsewhere --------------------------

class SessionStore {
public:
  void add(const std::string &Id, int User) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Sessions[Id] = User;
    ++Count;
  }

  int find(const std::string &Id) {
    auto It = Sessions.find(Id);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: reading 'SessionStore::Sessions' without holding a lock races with the writes made under 'SessionStore::Mutex' elsewhere and can see a torn or stale value; lock 'SessionStore::Mutex' here too, or make it std::atomic [vibeguard-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'SessionStore::Sessions' is written under 'SessionStore::Mutex' here, in 'SessionStore::add'
    return It == Sessions.end() ? -1 : It->second;
  }

  void clear() {
    Sessions.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: writing 'SessionStore::Sessions' without holding a lock races with the writes made under 'SessionStore::Mutex' elsewhere
    // CHECK-MESSAGES: :[[@LINE-14]]:5: note: 'SessionStore::Sessions' is written under 'SessionStore::Mutex' here, in 'SessionStore::add'
    Count = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: writing 'SessionStore::Count' without holding a lock races with the writes made under 'SessionStore::Mutex' elsewhere
    // CHECK-MESSAGES: :[[@LINE-16]]:7: note: 'SessionStore::Count' is written under 'SessionStore::Mutex' here, in 'SessionStore::add'
  }

  int size() const {
    return Count;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: reading 'SessionStore::Count' without holding a lock races
    // CHECK-MESSAGES: :[[@LINE-22]]:7: note: 'SessionStore::Count' is written under
  }

private:
  std::mutex Mutex;
  std::map<std::string, int> Sessions;
  int Count = 0;
};

// A global and a global mutex.
std::mutex ConfigMutex;
std::string ConfigPath;
void setConfigPath(const std::string &Path) {
  std::lock_guard<std::mutex> Lock(ConfigMutex);
  ConfigPath = Path;
}
std::string configPath() {
  return ConfigPath;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reading 'ConfigPath' without holding a lock races with the writes made under 'ConfigMutex' elsewhere
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'ConfigPath' is written under 'ConfigMutex' here, in 'setConfigPath'
}

// A class template: one report per location.
template <typename T> class Queue {
public:
  void push(const T &Item) {
    std::unique_lock<std::mutex> Lock(Mutex);
    Items.push_back(Item);
  }
  bool empty() const {
    return Items.empty();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: reading 'Queue::Items' without holding a lock races with the writes made under 'Queue::Mutex' elsewhere
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'Queue::Items' is written under 'Queue::Mutex' here, in 'Queue::push'
  }

private:
  std::mutex Mutex;
  std::vector<T> Items;
};
void useQueues(Queue<int> &A, Queue<std::string> &B) {
  A.push(1);
  B.push("x");
  (void)A.empty();
  (void)B.empty();
}

// A helper called both with and without the lock.
class Counter {
public:
  void hit() {
    std::lock_guard<std::mutex> Lock(Mutex);
    bump();
  }
  void reset() { bump(); }

private:
  void bump() {
    ++Hits;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: writing 'Counter::Hits' without holding a lock races with the writes made under 'Counter::Mutex' elsewhere
    // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'Counter::Hits' is written under 'Counter::Mutex' here, in 'Counter::record'
  }
  void record() {
    // A second writer under the lock, so the member is known to be guarded.
    std::lock_guard<std::mutex> Lock(Mutex);
    Hits = 0;
  }
  std::mutex Mutex;
  int Hits = 0;
};

// A helper whose only unlocked call is in a thread started by the
// constructor: the thread runs later, without the lock.
class Poller {
public:
  Poller() {
    Thread = std::thread([this] { tick(); });
  }
  void poll() {
    std::lock_guard<std::mutex> Lock(Mutex);
    tick();
  }

private:
  void tick() {
    ++Ticks;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: writing 'Poller::Ticks' without holding a lock races
    // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Poller::Ticks' is written under 'Poller::Mutex' here, in 'Poller::reset'
  }
  void reset() {
    std::lock_guard<std::mutex> Lock(Mutex);
    Ticks = 0;
  }
  std::mutex Mutex;
  std::thread Thread;
  int Ticks = 0;
};

// A helper called under the lock on another object, and without it here.
class Peer {
public:
  void set(int V) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Value = V;
  }
  int fromPeer(Peer &Other) {
    std::lock_guard<std::mutex> Lock(Other.Mutex);
    return Other.read();
  }
  int unlockedRead() { return read(); }

private:
  int read() const {
    return Value;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: reading 'Peer::Value' without holding a lock races
    // CHECK-MESSAGES: :[[@LINE-12]]:5: note: 'Peer::Value' is written under 'Peer::Mutex' here, in 'Peer::set'
  }
  std::mutex Mutex;
  int Value = 0;
};

// ---- Correct code that must stay silent -----------------------------------------

class Metrics {
public:
  Metrics() { Name = "metrics"; }   // constructors run before sharing
  ~Metrics() { Values.clear(); }

  void add(int V) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Values.push_back(V);
    Total += V;
    Requests++;
    flushLocked();
    trim();
  }

  int total() {
    std::lock_guard<std::mutex> Lock(Mutex);
    return Total;
  }

  // Atomics and const members need no lock.
  long requests() const { return Requests.load(); }
  const std::string &name() const { return Label; }

  // The caller holds the lock, by name, annotation or comment.
  void flushLocked() { Values.clear(); }
  void drain() REQUIRES(Mutex) { Values.clear(); }
  // Must be called with Mutex held.
  void compact() { Values.clear(); }

  int sharedRead() {
    std::shared_lock<std::shared_mutex> Lock(Shared);
    return Total;
  }

  // Read only in the constructor and written under the lock: not flagged.
  std::string Name;

private:
  // Every call comes with the lock held.
  void trim() { Values.pop_back(); }

  std::mutex Mutex;
  std::shared_mutex Shared;
  std::vector<int> Values;
  int Total = 0;
  std::atomic<long> Requests;
  const std::string Label = "m";
};

// Helpers whose every caller in the translation unit holds the lock: their
// reads are locked reads.
class Node {
public:
  void set(int V) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Value = V;
  }
  // Called on another node, with that node's mutex held.
  int valueOf(Node &Other) {
    std::lock_guard<std::mutex> Lock(Other.Mutex);
    return Other.peek();
  }
  // From a static callback, with the object's mutex held.
  static void onEvent(void *Arg) {
    auto *Self = static_cast<Node *>(Arg);
    std::lock_guard<std::mutex> Lock(Self->Mutex);
    Self->handle();
  }
  // The caller holds the lock, by name; it calls the helper.
  int sumLocked() { return peekTwice(); }

private:
  int peek() const { return Value; }
  void handle() { Seen = Value; }
  int peekTwice() const { return Value + Value; }
  std::mutex Mutex;
  int Value = 0;
  int Seen = 0;
};

std::mutex TableMutex;
std::map<int, int> Table;
void put(int Key, int V) {
  std::unique_lock<std::mutex> Lock(TableMutex);
  Table[Key] = V;
}
namespace {
int lookup(int Key) {
  auto It = Table.find(Key);
  return It == Table.end() ? 0 : It->second;
}
} // namespace
template <typename K> static int lookupAs(K Key) {
  auto It = Table.find(Key);
  return It == Table.end() ? 0 : It->second;
}
static int lookupTwice(int Key) { return lookup(Key) + lookupAs(Key); }
int get(int Key) {
  std::unique_lock<std::mutex> Lock(TableMutex);
  return lookupTwice(Key) + lookupAs<long>(Key);
}

// unlock() releases a mutex it did not take: it runs with it held.
class OwnedMutex {
public:
  void lock() {
    Mutex.lock();
    HasOwner = true;
  }
  void unlock() {
    HasOwner = false;
    Mutex.unlock();
  }

private:
  std::mutex Mutex;
  bool HasOwner = false;
};

// The author documents the race.
class Registry {
public:
  void setDefault(int V) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Default = V;
  }
  // Faster, but not thread-safe: do not call while setDefault() may run.
  int defaultRaw() const { return Default; }

private:
  std::mutex Mutex;
  int Default = 0;
};

// Never written under a lock: left to other tools.
class Plain {
public:
  void set(int V) { Value = V; }
  int get() const { return Value; }

private:
  int Value = 0;
};

// main runs before the threads start.
std::mutex StartMutex;
int Workers = 0;
void addWorker() {
  std::lock_guard<std::mutex> Lock(StartMutex);
  ++Workers;
}
int main() {
  Workers = 4;
  addWorker();
}

class Suppressed {
public:
  void set(int V) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Value = V;
  }
  int get() const {
    return Value; // NOLINT(vibeguard-inconsistent-locking)
  }

private:
  std::mutex Mutex;
  int Value = 0;
};

#define READ_FIELD(F) (F)
class InMacro {
public:
  void set(int V) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Value = V;
  }
  int get() const {
    return READ_FIELD(Value);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: reading 'InMacro::Value' without holding a lock races
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'InMacro::Value' is written under 'InMacro::Mutex' here, in 'InMacro::set'
  }

private:
  std::mutex Mutex;
  int Value = 0;
};

#else
// ---- Options: the project's own naming convention ---------------------------------

class Ledger {
public:
  void post(int Amount) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Balance += Amount;
  }
  void resetGuarded() { Balance = 0; }
  void resetLocked() {
    Balance = 0;
    // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:5: warning: writing 'Ledger::Balance' without holding a lock races
    // CHECK-MESSAGES-OPTION: :[[@LINE-6]]:5: note: 'Ledger::Balance' is written under 'Ledger::Mutex' here, in 'Ledger::post'
  }

private:
  std::mutex Mutex;
  int Balance = 0;
};
#endif

// A call through a pointer member changes the object it points to, not the
// pointer: 'Impl' is set once in the constructor and only read afterwards.
class ConnectionPool {
  struct State {
    std::mutex Mutex;
    std::vector<int> Free;
    bool takeFree(int &Slot);
  };
  State *Impl;

public:
  ConnectionPool() : Impl(new State) {}
  int lease() {
    Impl->Mutex.lock();
    int Slot = -1;
    while (!Impl->takeFree(Slot)) {
    }
    Impl->Mutex.unlock();
    return Slot;
  }
  bool idle() const { return Impl->Free.empty(); }
};
