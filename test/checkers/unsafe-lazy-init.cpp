// RUN: %check_vibeguard %s vibeguard-unsafe-lazy-init %t -- -- -std=c++20
// RUN: %check_vibeguard -check-suffix=NOTHREADS %s vibeguard-unsafe-lazy-init %t -- -- -std=c++20 -DNO_THREADS

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct Config {
  Config();
  std::string Path;
};
void loadPlugins();
void serve();

#ifndef NO_THREADS
// This translation unit starts threads, so its lazy initialisation can race.
void startWorkers() {
  for (int I = 0; I < 4; ++I)
    std::thread(serve).detach();
}

// ---- Check-then-act without synchronisation ----------------------------------------

Config *Instance = nullptr;
Config &config() {
  if (!Instance)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: check-then-act on 'Instance' without a lock lets two threads both see it unset and initialise it twice, racing on the object; use a function-local static or std::call_once [vibeguard-unsafe-lazy-init]
    Instance = new Config();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'Instance' is set here
  // CHECK-MESSAGES: :[[@LINE-5]]:9: note: a function-local static ('static T Instance;' returned by reference) is initialised exactly once, thread-safely, since C++11
  return *Instance;
}

class Registry {
public:
  static Registry &get() {
    if (Self == nullptr) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: check-then-act on 'Registry::Self' without a lock
      Self = new Registry();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'Registry::Self' is set here
      // CHECK-MESSAGES: :[[@LINE-5]]:20: note: a function-local static
    }
    return *Self;
  }

private:
  static Registry *Self;
};
Registry *Registry::Self = nullptr;

// Double-checked locking on a plain pointer.
std::mutex ConnMutex;
std::shared_ptr<Config> Shared;
std::shared_ptr<Config> sharedConfig() {
  if (!Shared) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: double-checked locking reads 'Shared' without synchronisation, so another thread can see it set before the object is fully constructed; make 'Shared' std::atomic, or use a function-local static or std::call_once
    std::lock_guard<std::mutex> Lock(ConnMutex);
    if (!Shared)
      Shared = std::make_shared<Config>();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'Shared' is set under a lock here
    // CHECK-MESSAGES: :[[@LINE-7]]:25: note: a function-local static
  }
  return Shared;
}

// A static flag.
void initPlugins() {
  static bool Loaded = false;
  if (!Loaded) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: check-then-act on 'Loaded' without a lock
    loadPlugins();
    Loaded = true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'Loaded' is set here
  }
}

// A member of a class that has a mutex, so is shared between threads.
class Connection {
public:
  Config &settings() {
    if (!Settings)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: check-then-act on 'Connection::Settings' without a lock lets two threads both see it unset and initialise it twice, racing on the object; use std::call_once or take the class's mutex around the check
      Settings = std::make_unique<Config>();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'Connection::Settings' is set here
    return *Settings;
  }
  void send();

private:
  std::mutex Mutex;
  std::unique_ptr<Config> Settings;
};

template <typename T> T &lazy() {
  static T *Value = nullptr;
  if (!Value)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: check-then-act on 'Value' without a lock
    Value = new T();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'Value' is set here
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: a function-local static
  return *Value;
}
void useLazy() {
  lazy<int>();
  lazy<Config>();
}

// ---- Correct code that must stay silent -------------------------------------------

Config &meyers() {
  static Config Value; // initialised once, thread-safely
  return Value;
}

std::once_flag Once;
Config *OnceValue = nullptr;
Config &onceConfig() {
  std::call_once(Once, [] {
    if (!OnceValue)
      OnceValue = new Config();
  });
  return *OnceValue;
}

std::mutex LockedMutex;
Config *LockedValue = nullptr;
Config &lockedConfig() {
  std::lock_guard<std::mutex> Lock(LockedMutex);
  if (!LockedValue)
    LockedValue = new Config();
  return *LockedValue;
}

std::atomic<Config *> AtomicValue;
std::mutex AtomicMutex;
Config &atomicDoubleChecked() {
  if (!AtomicValue.load()) {
    std::lock_guard<std::mutex> Lock(AtomicMutex);
    if (!AtomicValue.load())
      AtomicValue.store(new Config());
  }
  return *AtomicValue.load();
}

// A member of a class without a mutex: an ordinary lazy member.
class Parser {
public:
  Config &config() {
    if (!Cached)
      Cached = std::make_unique<Config>();
    return *Cached;
  }

private:
  std::unique_ptr<Config> Cached;
};

// thread_local state is not shared.
thread_local Config *PerThread = nullptr;
Config &perThread() {
  if (!PerThread)
    PerThread = new Config();
  return *PerThread;
}

// Tested but not set in the branch.
Config *Maybe = nullptr;
bool hasConfig() {
  if (!Maybe)
    return false;
  return true;
}

Config *Suppressed = nullptr;
Config &suppressed() {
  if (!Suppressed) // NOLINT(vibeguard-unsafe-lazy-init)
    Suppressed = new Config();
  return *Suppressed;
}

#define ENSURE(P) if (!P) P = new Config()
Config *ViaMacro = nullptr;
Config &viaMacro() {
  ENSURE(ViaMacro);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: check-then-act on 'ViaMacro' without a lock
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: expanded from macro 'ENSURE'
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'ViaMacro' is set here
  // CHECK-MESSAGES: :[[@LINE-5]]:9: note: a function-local static
  return *ViaMacro;
}

// main() before it starts a thread runs alone.
int *Arguments = nullptr;
Config *Settings = nullptr;
void runServer() { startWorkers(); }
int main() {
  if (!Arguments)
    Arguments = new int(1);
  runServer();
  if (!Settings)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: check-then-act on 'Settings' without a lock
    Settings = new Config();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'Settings' is set here
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: a function-local static
  return *Arguments;
}

#else
// ---- A translation unit that starts no thread ---------------------------------------
// A library's functions may still run on the application's threads: an
// accessor that other translation units call is reported; state that only
// this translation unit sees, and main(), are not.

Config *Instance = nullptr;
Config &config() {
  if (!Instance)
    // CHECK-MESSAGES-NOTHREADS: :[[@LINE-1]]:7: warning: check-then-act on 'Instance' without a lock
    Instance = new Config();
  // CHECK-MESSAGES-NOTHREADS: :[[@LINE-1]]:5: note: 'Instance' is set here
  // CHECK-MESSAGES-NOTHREADS: :[[@LINE-5]]:9: note: a function-local static
  return *Instance;
}

// Double-checked locking: the author expects threads.
std::mutex ConnMutex;
std::shared_ptr<Config> Shared;
void connect() {
  if (!Shared) {
    // CHECK-MESSAGES-NOTHREADS: :[[@LINE-1]]:7: warning: double-checked locking reads 'Shared' without synchronisation
    std::lock_guard<std::mutex> Lock(ConnMutex);
    if (!Shared)
      Shared = std::make_shared<Config>();
    // CHECK-MESSAGES-NOTHREADS: :[[@LINE-1]]:7: note: 'Shared' is set under a lock here
    // CHECK-MESSAGES-NOTHREADS: :[[@LINE-7]]:6: note: a function-local static
  }
}

// A class with a mutex is shared between threads.
class Connection {
public:
  Config &settings() {
    if (!Settings)
      // CHECK-MESSAGES-NOTHREADS: :[[@LINE-1]]:9: warning: check-then-act on 'Connection::Settings' without a lock
      Settings = std::make_unique<Config>();
    // CHECK-MESSAGES-NOTHREADS: :[[@LINE-1]]:7: note: 'Connection::Settings' is set here
    return *Settings;
  }

private:
  std::mutex Mutex;
  std::unique_ptr<Config> Settings;
};

static int *Cache = nullptr;
static int *cache() {
  if (!Cache)
    Cache = new int(0);
  return Cache;
}
namespace {
Config *Local = nullptr;
Config &local() {
  if (!Local)
    Local = new Config();
  return *Local;
}
} // namespace
void initPlugins() {
  static bool Loaded = false;
  if (!Loaded) {
    loadPlugins();
    Loaded = true;
  }
}

static int *Counter = nullptr;
int main() {
  if (!Counter)
    Counter = new int(1);
  return *Counter + *cache() + local().Path.size();
}
#endif
