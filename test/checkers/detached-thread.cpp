// RUN: %check_vibeguard %s vibeguard-detached-thread %t -- -- -std=c++20 -I%S

#include <functional>
#include <pthread.h>
#include <string>
#include <thread>
#include <vector>

#include "Inputs/detached-thread-services.h"

void process(const std::vector<int> &Items);
void fill(std::vector<int> &Buffer);
void *worker(void *Arg);

// ---- Threads that can outlive what they use ------------------------------------

void byReference() {
  std::vector<int> Items;
  std::thread([&] { process(Items); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread can outlive the objects it uses by reference and then touch freed memory, and nothing can wait for it or see it fail; join it (or use std::jthread) before they go out of scope, or give the thread copies it owns [vibeguard-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: the thread borrows this from the scope that starts it
}

void namedThread(const std::string &Name) {
  std::vector<int> Buffer;
  std::thread T([&Buffer] { fill(Buffer); });
  T.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread can outlive the objects it uses by reference
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: the thread borrows this from the scope that starts it
  std::thread U(fill, std::ref(Buffer));
  U.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread can outlive the objects it uses by reference
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: the thread borrows this from the scope that starts it
}

class Poller {
public:
  void start() {
    std::thread([this] { poll(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread can outlive the objects it uses by reference
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: the thread borrows this from the scope that starts it
    std::thread(&Poller::poll, this).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread can outlive the objects it uses by reference
    // CHECK-MESSAGES: :[[@LINE-2]]:32: note: the thread borrows this from the scope that starts it
  }
  void poll();

private:
  std::vector<int> Pending;
};

void posixThread() {
  std::vector<int> Items;
  pthread_t Tid;
  pthread_create(&Tid, nullptr, worker, &Items);
  pthread_detach(Tid);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread can outlive the objects it uses by reference
  // CHECK-MESSAGES: :[[@LINE-3]]:41: note: the thread borrows this from the scope that starts it
}

// Made on the stack, or deleted: the object can die before its thread.
class Uploader {
public:
  void start() {
    std::thread([this] { run(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread can outlive the objects it uses by reference
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: the thread borrows this from the scope that starts it
  }
  void run();
};
void uploadOnce() {
  Uploader Once;
  Once.start();
}
class Indexer {
public:
  void start() {
    pthread_t Tid;
    pthread_create(&Tid, nullptr, entry, this);
    pthread_detach(Tid);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread can outlive the objects it uses by reference
    // CHECK-MESSAGES: :[[@LINE-3]]:42: note: the thread borrows this from the scope that starts it
  }
  static void *entry(void *Self);
};
Indexer *Shared = new Indexer;
void stopIndexer() { delete Shared; }
// Declared in a header, and this unit makes one on the stack.
void Resolver::start() {
  std::thread([this] { run(); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread can outlive the objects it uses by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: the thread borrows this from the scope that starts it
}
void resolveOnce() {
  Resolver Once;
  Once.start();
}
// One instance is a process-lifetime global, another is a local.
class Flusher {
public:
  void start() {
    std::thread(&Flusher::run, this).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread can outlive the objects it uses by reference
    // CHECK-MESSAGES: :[[@LINE-2]]:32: note: the thread borrows this from the scope that starts it
  }
  void run();
};
Flusher GlobalFlusher;
void flushOnce() {
  Flusher Local;
  Local.start();
}

// ---- Correct code that must stay silent --------------------------------------

// Objects that are never destroyed: a thread that borrows 'this' from them
// cannot outlive them.
class Monitor {
public:
  static Monitor &instance() {
    static Monitor Self; // the only instance, alive until exit
    return Self;
  }
  void start() {
    std::thread([this] { run(); }).detach();
  }

private:
  Monitor() = default;
  void run();
};

class Scheduler {
public:
  static Scheduler *get() {
    static Scheduler *Instance = new Scheduler; // never deleted
    return Instance;
  }
  void start() { std::thread(&Scheduler::loop, this).detach(); }
  void loop();
};

class Reaper {
public:
  void start() {
    pthread_t Tid;
    pthread_create(&Tid, nullptr, entry, this);
    pthread_detach(Tid);
  }
  static void *entry(void *Self);
};
Reaper TheReaper; // a global: lives as long as the process

class Listener {
public:
  void start() { std::thread([this] { accept(); }).detach(); }
  void accept();
};
void listenForever() {
  // Leaked on purpose: the listener runs until the process exits.
  (new Listener)->start();
  Listener *Second = new Listener;
  Second->start();
}

// Declared in a header and never created here: another unit makes the
// object and decides how long it lives.
void Communicator::go() {
  std::thread Main([this] { mainLoop(); });
  Main.detach();
}
// A factory hands the object to its caller.
Distributor *Distributor::create(int Threads) {
  return new Distributor(Threads);
}
Distributor::Distributor(int Threads) {
  for (int I = 0; I < Threads; ++I)
    std::thread([=] { distribute(I); }).detach();
}

std::vector<int> Global;
void safe(std::vector<int> Items) {
  // Copies, owned by the thread.
  std::thread([Items] { process(Items); }).detach();
  std::thread([=] { process(Items); }).detach();
  std::thread([Copy = Items] { process(Copy); }).detach();
  std::thread(process, Items).detach();
  // Globals live as long as the process.
  std::thread([] { process(Global); }).detach();
  // Joined threads finish before the scope ends.
  std::thread T([&] { process(Items); });
  T.join();
  // std::jthread joins in its destructor.
  std::jthread J([&] { process(Items); });
  // A copy of the object, not 'this'.
  struct Task {
    std::vector<int> Data;
    void run() {
      std::thread([*this] { process(Data); }).detach();
    }
  };
  pthread_t Tid;
  pthread_create(&Tid, nullptr, worker, nullptr);
  pthread_detach(Tid);
}

// ---- Macros, templates, NOLINT ---------------------------------------------------

#define FIRE_AND_FORGET(Body) std::thread([&] { Body; }).detach()

void viaMacro() {
  std::vector<int> Items;
  FIRE_AND_FORGET(process(Items));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread can outlive the objects it uses by reference
  // CHECK-MESSAGES: :[[@LINE-6]]:31: note: expanded from macro 'FIRE_AND_FORGET'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the thread borrows this from the scope that starts it
  // CHECK-MESSAGES: :[[@LINE-8]]:43: note: expanded from macro 'FIRE_AND_FORGET'
}

template <class T> void background(T &Value) {
  T Local = Value;
  std::thread([&Local] { fill(Local); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread can outlive the objects it uses by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: the thread borrows this from the scope that starts it
}
void instantiate(std::vector<int> &A) {
  background(A);
  background<std::vector<int>>(A);
}

void suppressed() {
  std::vector<int> Items;
  std::thread([&] { process(Items); }).detach(); // NOLINT(vibeguard-detached-thread)
}
