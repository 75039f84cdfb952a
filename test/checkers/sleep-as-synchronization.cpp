// RUN: %check_vibeguard %s vibeguard-sleep-as-synchronization %t -- -- -std=c++20
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-sleep-as-synchronization %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-sleep-as-synchronization.SleepFunctions: '::app::pause'}}" \
// RUN:   -- -std=c++20 -DOPTIONS

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <httplib.h>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;

typedef int sig_atomic_t;
void work();
int compute();
void use(int);

#ifndef OPTIONS
// ---- Sleeping until another thread has done something -----------------------------

bool Ready = false;
void waitForReady() {
  while (!Ready)
    std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: polling 'Ready' with a sleep waits for another thread without synchronisation: the loop may never see the write, and every check adds up to one sleep of latency; wait on a std::condition_variable or a future that the writer signals, or at least make 'Ready' std::atomic [vibeguard-sleep-as-synchronization]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'Ready' is read here, neither atomic nor under a lock
}

class Worker {
public:
  void stop() {
    Stopping = true;
    while (Running)
      usleep(1000);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: polling 'Worker::Running' with a sleep
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'Worker::Running' is read here
  }
  void drain() {
    for (;;) {
      if (Pending.empty())
        break;
      sleep(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: polling 'Worker::Pending' with a sleep
      // CHECK-MESSAGES: :[[@LINE-4]]:11: note: 'Worker::Pending' is read here
    }
  }

private:
  bool Stopping = false;
  volatile bool Running = true; // volatile is not synchronisation
  std::vector<int> Pending;
};

void localSharedWithThread() {
  bool Done = false;
  std::thread T([&] {
    work();
    Done = true;
  });
  do {
    std::this_thread::sleep_for(1ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: polling 'Done' with a sleep
  } while (!Done);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: note: 'Done' is read here
  T.join();
}

int Result = 0;
void sleepAfterStart() {
  std::thread T([] { Result = compute(); });
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sleeping to give the thread started above time to finish guesses how long it takes: too short under load, and wasted time otherwise; wait for it with join(), a future's get() or a condition variable [vibeguard-sleep-as-synchronization]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the thread is started here
  use(Result);
  T.detach();
}

void sleepAfterAsync() {
  auto Pending = std::async(std::launch::async, compute);
  sleep(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sleeping to give the thread started above time to finish
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the thread is started here
  use(Result);
}

template <typename T> void pollTemplate(T &Value) {
  while (!Ready)
    usleep(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: polling 'Ready' with a sleep
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'Ready' is read here
}
void usePoll(int I, char C) {
  pollTemplate(I);
  pollTemplate(C);
}

// A counter the loop sets itself does not excuse the flag it polls.
class Sender {
public:
  void waitForAck() {
    while (!Acked && Waited < 100) {
      ++Waited;
      usleep(100);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: polling 'Sender::Acked' with a sleep
      // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'Sender::Acked' is read here
    }
  }

private:
  bool Acked = false;
  int Waited = 0;
};

// ---- Correct code that must stay silent -------------------------------------------

std::atomic<bool> AtomicReady;
void pollAtomic() {
  while (!AtomicReady.load())
    std::this_thread::sleep_for(10ms);
}

std::mutex StateMutex;
bool Finished = false;
void pollUnderLock() {
  while (true) {
    {
      std::lock_guard<std::mutex> Lock(StateMutex);
      if (Finished)
        break;
    }
    std::this_thread::sleep_for(10ms);
  }
}

// Back-off in a retry loop: the condition is a remote call's result.
bool fetch(httplib::Client &Api) {
  int Attempts = 0;
  while (!Api.Get("/health")) {
    if (++Attempts == 5)
      return false;
    std::this_thread::sleep_for(std::chrono::seconds(Attempts));
  }
  return true;
}

// Rate limiting: nothing is polled.
void rateLimited(const std::vector<int> &Jobs) {
  for (int Job : Jobs) {
    use(Job);
    std::this_thread::sleep_for(100ms);
  }
  for (int I = 0; I < 10; ++I)
    usleep(100);
}

// Retry and back-off loops set what they test themselves: the sleep spaces
// out their own attempts.
bool tryConnect();
class Reconnector {
public:
  void connect() {
    int Attempts = 0;
    while (!Connected && Attempts < 5) {
      Connected = tryConnect();
      if (!Connected) {
        ++Attempts;
        sleep(1);
      }
    }
  }
  void backOff() {
    do {
      Status = compute();
      if (Status >= 0)
        break;
      usleep(Delay);
      Delay *= 2;
    } while (Delay < MaxDelay);
  }

private:
  bool Connected = false;
  int Status = 0;
  unsigned Delay = 100;
  const unsigned MaxDelay = 10000;
};
int Backlog = 0;
void drainBacklog() {
  while (Backlog > 0) {
    Backlog -= compute();
    usleep(10);
  }
}

// A signal handler's flag is meant to be polled.
volatile sig_atomic_t StopRequested = 0;
void mainLoop() {
  while (!StopRequested)
    sleep(1);
}

// A local no other thread sees.
void localCountdown() {
  int Remaining = 3;
  while (Remaining > 0) {
    sleep(1);
    --Remaining;
  }
}

// Joined before the sleep.
void joinedFirst() {
  std::thread T(work);
  T.join();
  sleep(1);
  use(Result);
}

// A condition variable instead of a sleep.
std::condition_variable ReadyChanged;
void waitProperly() {
  std::unique_lock<std::mutex> Lock(StateMutex);
  ReadyChanged.wait(Lock, [] { return Finished; });
}

void suppressed() {
  while (!Ready)
    usleep(10); // NOLINT(vibeguard-sleep-as-synchronization)
}

#define WAIT_UNTIL(FLAG) while (!(FLAG)) usleep(100)
void inMacro() {
  WAIT_UNTIL(Ready);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: polling 'Ready' with a sleep
  // CHECK-MESSAGES: :[[@LINE-4]]:42: note: expanded from macro 'WAIT_UNTIL'
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'Ready' is read here
}

#else
// ---- Options: the project's own sleep ------------------------------------------------

namespace app {
void pause(int Ms);
}
bool Flag = false;
void customSleep() {
  while (!Flag)
    app::pause(5);
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:5: warning: polling 'Flag' with a sleep
  // CHECK-MESSAGES-OPTION: :[[@LINE-3]]:11: note: 'Flag' is read here
  // Replaced by the option: usleep() no longer counts.
  while (!Flag)
    usleep(5);
}
#endif
