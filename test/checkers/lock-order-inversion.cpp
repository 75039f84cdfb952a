// RUN: %check_vibeguard %s vibeguard-lock-order-inversion %t -- -- -std=c++20
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-lock-order-inversion %t -- \
// RUN:   -config="{CheckOptions: {Locks: '::SpinLock;::SpinGuard'}}" \
// RUN:   -- -std=c++20 -DOPTIONS

#include <mutex>
#include <pthread.h>
#include <shared_mutex>

void work();

#ifndef OPTIONS
// ---- Two mutexes taken in both orders -------------------------------------------

std::mutex AccountsMutex, AuditMutex;

void recordTransfer() {
  std::lock_guard<std::mutex> Accounts(AccountsMutex);
  std::lock_guard<std::mutex> Audit(AuditMutex);
  work();
}

void rotateAuditLog() {
  std::lock_guard<std::mutex> Audit(AuditMutex);
  std::lock_guard<std::mutex> Accounts(AccountsMutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'AccountsMutex' is locked while 'AuditMutex' is held, the reverse of the order used elsewhere, so two threads can each take one and wait forever for the other; lock both with one std::scoped_lock or always in the same order [vibeguard-lock-order-inversion]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'AuditMutex' is locked first here
  // CHECK-MESSAGES: :[[@LINE-10]]:31: note: the other order: 'AccountsMutex' is locked first here
  // CHECK-MESSAGES: :[[@LINE-10]]:31: note: and 'AuditMutex' while it is held
  work();
}

// Members of 'this', one order through a helper.
class Inventory {
public:
  void restock() {
    std::unique_lock<std::mutex> Lock(StockMutex);
    updatePrices();
  }
  void reprice() {
    PriceMutex.lock();
    StockMutex.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Inventory::StockMutex' is locked while 'Inventory::PriceMutex' is held, the reverse of the order used elsewhere
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'Inventory::PriceMutex' is locked first here
    // CHECK-MESSAGES: :[[@LINE-8]]:34: note: the other order: 'Inventory::StockMutex' is locked first here
    // CHECK-MESSAGES: :[[@LINE-8]]:5: note: and 'Inventory::PriceMutex' while it is held
    // CHECK-MESSAGES: :[[@LINE+8]]:33: note: 'Inventory::updatePrices' locks 'Inventory::PriceMutex' here
    work();
    StockMutex.unlock();
    PriceMutex.unlock();
  }

private:
  void updatePrices() {
    std::lock_guard<std::mutex> Lock(PriceMutex);
    work();
  }
  std::mutex StockMutex, PriceMutex;
};

// pthread mutexes.
pthread_mutex_t QueueLock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t StatsLock = PTHREAD_MUTEX_INITIALIZER;
void enqueue() {
  pthread_mutex_lock(&QueueLock);
  pthread_mutex_lock(&StatsLock);
  pthread_mutex_unlock(&StatsLock);
  pthread_mutex_unlock(&QueueLock);
}
void report() {
  pthread_mutex_lock(&StatsLock);
  pthread_mutex_lock(&QueueLock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QueueLock' is locked while 'StatsLock' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'StatsLock' is locked first here
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: the other order: 'QueueLock' is locked first here
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: and 'StatsLock' while it is held
  pthread_mutex_unlock(&QueueLock);
  pthread_mutex_unlock(&StatsLock);
}

// In a template, reported once for all instantiations.
std::mutex First, Second;
template <typename T> void firstThenSecond() {
  std::lock_guard<std::mutex> A(First);
  std::lock_guard<std::mutex> B(Second);
}
template <typename T> void secondThenFirst() {
  std::lock_guard<std::mutex> B(Second);
  std::lock_guard<std::mutex> A(First);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'First' is locked while 'Second' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Second' is locked first here
  // CHECK-MESSAGES: :[[@LINE-8]]:31: note: the other order: 'First' is locked first here
  // CHECK-MESSAGES: :[[@LINE-8]]:31: note: and 'Second' while it is held
}
void instantiate() {
  firstThenSecond<int>();
  secondThenFirst<int>();
  secondThenFirst<char>();
}

// A guard class of the project, defined in the translation unit.
class MutexHolder {
public:
  explicit MutexHolder(std::mutex &M) : Held(M) { Held.lock(); }
  ~MutexHolder() { Held.unlock(); }

private:
  std::mutex &Held;
};
std::mutex Cache, Disk;
void cacheThenDisk() {
  MutexHolder C(Cache);
  MutexHolder D(Disk);
}
void diskThenCache() {
  MutexHolder D(Disk);
  MutexHolder C(Cache);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Cache' is locked while 'Disk' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'Disk' is locked first here
  // CHECK-MESSAGES: :[[@LINE-8]]:15: note: the other order: 'Cache' is locked first here
  // CHECK-MESSAGES: :[[@LINE-8]]:15: note: and 'Disk' while it is held
}

// ---- Correct code that must stay silent -----------------------------------------

std::mutex Left, Right, Other;

void sameOrderEverywhere() {
  std::lock_guard<std::mutex> L(Left);
  std::lock_guard<std::mutex> R(Right);
}
void sameOrderAgain() {
  Left.lock();
  Right.lock();
  Right.unlock();
  Left.unlock();
}

void scopedLockTakesBoth() {
  // Deadlock-free: std::scoped_lock orders them itself.
  std::scoped_lock Both(Right, Left);
}

void stdLockTakesBoth() {
  std::unique_lock<std::mutex> R(Right, std::defer_lock);
  std::unique_lock<std::mutex> L(Left, std::defer_lock);
  std::lock(R, L);
}

void adoptAfterStdLock() {
  std::lock(Right, Left);
  std::lock_guard<std::mutex> R(Right, std::adopt_lock);
  std::lock_guard<std::mutex> L(Left, std::adopt_lock);
}

void tryLockNeverWaits() {
  std::lock_guard<std::mutex> R(Right);
  if (Left.try_lock()) {
    work();
    Left.unlock();
  }
  std::unique_lock<std::mutex> L(Left, std::try_to_lock);
}

void releasedBeforeTheOther() {
  {
    std::lock_guard<std::mutex> R(Right);
    work();
  }
  std::lock_guard<std::mutex> L(Left);
}

void unlockedBeforeTheOther() {
  std::unique_lock<std::mutex> R(Right);
  R.unlock();
  std::lock_guard<std::mutex> L(Left);
}

// Members of different objects are not the same mutex as 'this' member.
struct Account {
  std::mutex Mutex;
  int Balance = 0;
};
void transfer(Account &From, Account &To) {
  std::lock_guard<std::mutex> A(From.Mutex);
  std::lock_guard<std::mutex> B(To.Mutex);
}

// A lambda started on a thread does not run under the caller's lock.
void lambdaRunsLater() {
  std::lock_guard<std::mutex> O(Other);
  auto Task = [] { std::lock_guard<std::mutex> L(Left); };
  Task();
}
void otherAfterLeft() {
  std::lock_guard<std::mutex> L(Left);
  std::lock_guard<std::mutex> O(Other); // NOLINT(vibeguard-lock-order-inversion)
}

void recursiveSelf(std::recursive_mutex &M) {
  std::lock_guard<std::recursive_mutex> A(M);
  std::lock_guard<std::recursive_mutex> B(M);
}

std::shared_mutex Config;
void readConfigThenLeft() {
  std::shared_lock<std::shared_mutex> C(Config);
  std::lock_guard<std::mutex> L(Left);
}
void leftThenTryConfig() {
  std::lock_guard<std::mutex> L(Left);
  if (Config.try_lock_shared())
    Config.unlock_shared();
}


// ---- A macro that takes a lock: reported where the macro is used ------------------

#define LOCKED(M, NAME) std::lock_guard<std::mutex> NAME(M)
void macroOrder() {
  LOCKED(Right, R);
  LOCKED(Left, L);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Left' is locked while 'Right' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'Right' is locked first here
  // CHECK-MESSAGES: :[[@LINE-96]]:31: note: the other order: 'Left' is locked first here
  // CHECK-MESSAGES: :[[@LINE-96]]:31: note: and 'Right' while it is held
}

#else
// ---- Options: the project's own lock types ---------------------------------------

class SpinLock {
public:
  void lock();
  void unlock();
};
class SpinGuard {
public:
  explicit SpinGuard(SpinLock &Lock);
  ~SpinGuard();
};
SpinLock Index, Journal;
void indexThenJournal() {
  SpinGuard I(Index);
  SpinGuard J(Journal);
}
void journalThenIndex() {
  Journal.lock();
  Index.lock();
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:3: warning: 'Index' is locked while 'Journal' is held
  // CHECK-MESSAGES-OPTION: :[[@LINE-3]]:3: note: 'Journal' is locked first here
  // CHECK-MESSAGES-OPTION: :[[@LINE-8]]:13: note: the other order: 'Index' is locked first here
  // CHECK-MESSAGES-OPTION: :[[@LINE-8]]:13: note: and 'Journal' while it is held
  Index.unlock();
  Journal.unlock();
}
#endif
