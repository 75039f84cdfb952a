// RUN: %check_vibeguard %s vibeguard-blocking-call-under-lock %t -- -- -std=c++20
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-blocking-call-under-lock %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-blocking-call-under-lock.BlockingFunctions: '::compress', vibeguard-blocking-call-under-lock.Locks: '::SpinLock'}}" \
// RUN:   -- -std=c++20 -DOPTIONS

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <httplib.h>
#include <mutex>
#include <poll.h>
#include <pthread.h>
#include <shared_mutex>
#include <sqlite3.h>
#include <string>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;

void compress(std::vector<char> &Data);
void consume(const std::string &Row);

#ifndef OPTIONS
// ---- Blocking while a mutex is held ---------------------------------------------

std::mutex RegistryMutex;
std::vector<std::string> Registry;

void refreshRegistry(httplib::Client &Api) {
  std::lock_guard<std::mutex> Lock(RegistryMutex);
  auto Response = Api.Get("/registry");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'httplib::Client::Get' waits for a remote call while 'RegistryMutex' is held, so every thread that needs the lock waits as long; make the call before taking the lock or after releasing it [vibeguard-blocking-call-under-lock]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'RegistryMutex' is locked here
  Registry.clear();
}

class Cache {
public:
  void reload() {
    std::unique_lock<std::mutex> Lock(Mutex);
    sqlite3_exec(Db, "SELECT key, value FROM cache", nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' waits for a remote call while 'Cache::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-3]]:34: note: 'Cache::Mutex' is locked here
  }

  void throttle() {
    Mutex.lock();
    std::this_thread::sleep_for(100ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks while 'Cache::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Cache::Mutex' is locked here
    Mutex.unlock();
  }

  // Hidden in a helper: the query runs in loadAll(), called under the lock.
  void warmUp() {
    std::scoped_lock Lock(Mutex);
    loadAll();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'Cache::loadAll' waits for a remote call while 'Cache::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'Cache::Mutex' is locked here
    // CHECK-MESSAGES: :[[@LINE+12]]:5: note: 'Cache::loadAll' calls 'Cache::fetch' here
    // CHECK-MESSAGES: :[[@LINE+16]]:5: note: 'sqlite3_exec' makes the remote call here
  }

  void waitForWorker(std::thread &Worker, std::future<int> &Result) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Worker.join();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread::join' blocks while 'Cache::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'Cache::Mutex' is locked here
  }

  void loadAll() {
    fetch();
  }

private:
  void fetch() {
    sqlite3_exec(Db, "SELECT * FROM cache", nullptr, nullptr, nullptr);
  }

  std::mutex Mutex;
  sqlite3 *Db = nullptr;
};

std::mutex QueueMutex, StatsMutex;
std::condition_variable Ready;
bool HasWork = false;

void waitOnAnotherMutex() {
  std::lock_guard<std::mutex> Stats(StatsMutex);
  std::unique_lock<std::mutex> Queue(QueueMutex);
  Ready.wait(Queue);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks while 'StatsMutex' is held
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'StatsMutex' is locked here
}

pthread_mutex_t LogMutex = PTHREAD_MUTEX_INITIALIZER;
void writeReport(const char *Path, const std::string &Text) {
  pthread_mutex_lock(&LogMutex);
  FILE *Out = fopen(Path, "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fopen' blocks while 'LogMutex' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'LogMutex' is locked here
  pthread_mutex_unlock(&LogMutex);
}

std::shared_mutex ConfigMutex;
void readConfig(std::future<std::string> &Pending) {
  std::shared_lock<std::shared_mutex> Lock(ConfigMutex);
  consume(Pending.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::future::get' blocks while 'ConfigMutex' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'ConfigMutex' is locked here
}

// A lock wrapper of the project, defined after its use.
void lockRegistry();
void unlockRegistry();
void sleepInWrapper() {
  lockRegistry();
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'RegistryMutex' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'RegistryMutex' is locked here
  unlockRegistry();
}
void lockRegistry() { RegistryMutex.lock(); }
void unlockRegistry() { RegistryMutex.unlock(); }

// unlock() releases what its caller locked: it runs with the mutex held.
class TracedMutex {
public:
  void lock() { Mutex.lock(); }
  void unlock() {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks while 'TracedMutex::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'TracedMutex::Mutex' is held from here, by the caller
    Mutex.unlock();
  }

private:
  std::mutex Mutex;
};

template <typename T> void pollUnderLock(std::mutex &M) {
  std::lock_guard<std::mutex> Lock(M);
  usleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks while 'M' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'M' is locked here
}
template void pollUnderLock<int>(std::mutex &);
template void pollUnderLock<char>(std::mutex &);

// Waits with a timeout, or without one, block.
class EventLoop {
public:
  void waitForInput(int Fd) {
    std::lock_guard<std::mutex> Lock(Mutex);
    struct pollfd Poll = {Fd, POLLIN, 0};
    poll(&Poll, 1, 100);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'poll' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'EventLoop::Mutex' is locked here
    poll(&Poll, 1, -1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'poll' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-7]]:33: note: 'EventLoop::Mutex' is locked here
    struct epoll_event Events[8];
    epoll_wait(Epoll, Events, 8, -1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'epoll_wait' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-11]]:33: note: 'EventLoop::Mutex' is locked here
  }

  void selectWithTimeout(int Fd, long Seconds) {
    std::lock_guard<std::mutex> Lock(Mutex);
    fd_set Read;
    FD_ZERO(&Read);
    struct timeval OneSecond = {1, 0};
    select(Fd + 1, &Read, nullptr, nullptr, &OneSecond);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'select' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-6]]:33: note: 'EventLoop::Mutex' is locked here
    select(Fd + 1, &Read, nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'select' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-9]]:33: note: 'EventLoop::Mutex' is locked here
    struct timeval Later;
    Later.tv_sec = Seconds;
    Later.tv_usec = 0;
    select(Fd + 1, &Read, nullptr, nullptr, &Later);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'select' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-15]]:33: note: 'EventLoop::Mutex' is locked here
    struct timeval HalfSet;
    HalfSet.tv_sec = 0; // tv_usec is left unset
    select(Fd + 1, &Read, nullptr, nullptr, &HalfSet);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'select' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-20]]:33: note: 'EventLoop::Mutex' is locked here
  }

  void blockingReceive(int Socket) {
    std::lock_guard<std::mutex> Lock(Mutex);
    char Byte;
    recv(Socket, &Byte, 1, MSG_PEEK);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'recv' blocks while 'EventLoop::Mutex' is held
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'EventLoop::Mutex' is locked here
  }

private:
  std::mutex Mutex;
  int Epoll = -1;
};

// ---- Correct code that must stay silent -----------------------------------------

// Zero timeouts and MSG_DONTWAIT return at once: checking for readiness
// under the lock does not wait.
class Reactor {
public:
  bool readable(int Fd) {
    std::lock_guard<std::mutex> Lock(Mutex);
    struct pollfd Poll = {Fd, POLLIN, 0};
    return poll(&Poll, 1, 0) > 0;
  }

  int ready(struct epoll_event *Events) {
    std::lock_guard<std::mutex> Lock(Mutex);
    const int NoWait = 0;
    return epoll_wait(Epoll, Events, 16, NoWait);
  }

  bool selectNow(int Fd) {
    std::lock_guard<std::mutex> Lock(Mutex);
    fd_set Read;
    FD_ZERO(&Read);
    FD_SET(Fd, &Read);
    struct timeval Zero = {0, 0};
    return select(Fd + 1, &Read, nullptr, nullptr, &Zero) > 0;
  }

  bool selectNowAssigned(int Fd) {
    std::lock_guard<std::mutex> Lock(Mutex);
    fd_set Read;
    struct timeval Tv;
    Tv.tv_sec = 0;
    Tv.tv_usec = 0;
    int Ready = select(Fd + 1, &Read, nullptr, nullptr, &Tv);
    struct timeval Cleared;
    timerclear(&Cleared);
    Ready += select(Fd + 1, &Read, nullptr, nullptr, &Cleared);
    struct timeval Empty = {};
    return Ready + select(Fd + 1, &Read, nullptr, nullptr, &Empty) > 0;
  }

  bool peerClosed(int Socket) {
    std::lock_guard<std::mutex> Lock(Mutex);
    char Byte;
    if (recv(Socket, &Byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
      return true;
    const int Flags = MSG_DONTWAIT | MSG_NOSIGNAL;
    return send(Socket, &Byte, 0, Flags) < 0 ||
           recvfrom(Socket, &Byte, 1, MSG_DONTWAIT, nullptr, nullptr) == 0;
  }

private:
  std::mutex Mutex;
  int Epoll = -1;
};


void fetchThenStore(httplib::Client &Api) {
  // The request is made before the lock is taken.
  auto Response = Api.Get("/registry");
  std::lock_guard<std::mutex> Lock(RegistryMutex);
  Registry.clear();
}

void releaseBeforeSleeping() {
  std::unique_lock<std::mutex> Lock(RegistryMutex);
  Registry.clear();
  Lock.unlock();
  std::this_thread::sleep_for(10ms);
}

void scopeEndsBeforeSleeping() {
  {
    std::lock_guard<std::mutex> Lock(RegistryMutex);
    Registry.clear();
  }
  sleep(1);
}

void manualUnlockBeforeQuery(sqlite3 *Db) {
  RegistryMutex.lock();
  Registry.clear();
  RegistryMutex.unlock();
  sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr);
}

void waitReleasesItsOwnLock() {
  // wait() gives up Queue while it waits.
  std::unique_lock<std::mutex> Queue(QueueMutex);
  Ready.wait(Queue, [] { return HasWork; });
}

void deferredLock() {
  std::unique_lock<std::mutex> Lock(RegistryMutex, std::defer_lock);
  sleep(1);
  Lock.lock();
}

void threadStartedUnderLock() {
  std::lock_guard<std::mutex> Lock(RegistryMutex);
  // The lambda runs on another thread, without the lock.
  std::thread([] { sleep(1); }).detach();
  auto Later = std::async([] { return sleep(1); });
}

class Logger {
public:
  void write(const std::string &Line) {
    // Serialising writes to one shared file is what the lock is for.
    std::lock_guard<std::mutex> Lock(Mutex);
    fwrite(Line.c_str(), 1, Line.size(), Out);
    fflush(Out);
  }

private:
  std::mutex Mutex;
  FILE *Out = nullptr;
};

void earlyUnlockOnError(sqlite3 *Db, bool Failed) {
  RegistryMutex.lock();
  if (Failed) {
    RegistryMutex.unlock();
    sqlite3_exec(Db, "SELECT 1", nullptr, nullptr, nullptr);
    return;
  }
  RegistryMutex.unlock();
}

void suppressed() {
  std::lock_guard<std::mutex> Lock(RegistryMutex);
  sleep(1); // NOLINT(vibeguard-blocking-call-under-lock)
}

#define WITH_LOCK(M) std::lock_guard<std::mutex> MacroLock(M)
void lockInMacro() {
  WITH_LOCK(RegistryMutex);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'RegistryMutex' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'RegistryMutex' is locked here
  // CHECK-MESSAGES: :[[@LINE-6]]:50: note: expanded from macro 'WITH_LOCK'
}

#else
// ---- Options: the project's own blocking functions and lock types ------------------

class SpinLock {
public:
  void lock();
  void unlock();
};
SpinLock Spin;
std::mutex Plain;
void compressUnderSpinLock(std::vector<char> &Data) {
  Spin.lock();
  compress(Data);
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:3: warning: 'compress' blocks while 'Spin' is held
  // CHECK-MESSAGES-OPTION: :[[@LINE-3]]:3: note: 'Spin' is locked here
  Spin.unlock();
  // Replaced by the option: sleep() is no longer in the list.
  std::lock_guard<std::mutex> Lock(Plain);
  sleep(1);
}
#endif
