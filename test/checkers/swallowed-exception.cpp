// RUN: %check_vibeguard %s vibeguard-swallowed-exception %t -- -- -std=c++17
// RUN: %check_vibeguard -check-suffix=OPTION %s vibeguard-swallowed-exception %t -- \
// RUN:   -config="{CheckOptions: {vibeguard-swallowed-exception.Loggers: '::report'}}" \
// RUN:   -- -std=c++17 -DOPTIONS

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <spdlog/spdlog.h>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

void charge(int Account, int Cents);
void writeFile(const std::string &Path);
int parse(const std::string &Text);
void report(const char *What);

#ifndef OPTIONS
// ---- Errors logged and forgotten --------------------------------------------------

bool saveOrder(int Account, int Cents) {
  try {
    charge(Account, Cents);
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped: execution continues as if the operation had succeeded and the caller never learns it failed; rethrow it, return or record an error, or handle it [vibeguard-swallowed-exception]
    std::cerr << "charge failed: " << E.what() << std::endl;
  }
  return true;
}

void exportReport(const std::string &Path) {
  try {
    writeFile(Path);
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    spdlog::error("export of {} failed", Path);
  }
}

class Importer {
public:
  void load(const std::string &Text) {
    try {
      Value = parse(Text);
    } catch (const std::invalid_argument &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the error is logged and then dropped
      fprintf(stderr, "bad input: %s\n", E.what());
      logWarning(E.what());
    }
  }

private:
  void logWarning(const char *Message);
  int Value = 0;
};

void sendAll(const std::vector<std::string> &Paths) {
  try {
    for (const std::string &Path : Paths)
      writeFile(Path);
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    std::clog << E.what();
    return; // nothing follows: the same as falling off the end
  }
}

template <typename T> void store(const T &Item) {
  try {
    writeFile(Item);
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    printf("%s\n", E.what());
  }
}
void storeBoth() {
  store(std::string("a"));
  store("b");
}

#define LOG_ERROR(MSG) fprintf(stderr, "%s\n", MSG)
void withLogMacro() {
  try {
    writeFile("x");
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    LOG_ERROR(E.what());
  }
}

// A try block that ends in an assertion on data is not a test expecting the
// exception.
void checkedCharge(int Account, int Cents) {
  try {
    charge(Account, Cents);
    assert(Cents > 0);
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    std::cerr << E.what() << std::endl;
  }
}

// ---- Correct code that must stay silent -------------------------------------------

// Tests that provoke the exception on purpose: the handler is the test's
// assertion that it came, and the failure call after the throwing one is
// what catches a missing exception.
namespace testing {
class Test {
public:
  virtual ~Test();
  virtual void TestBody() = 0;
};
void recordFailure(const char *Message);
} // namespace testing
namespace CppUnit {
class TestFixture {
public:
  virtual ~TestFixture();
};
} // namespace CppUnit
#define ADD_FAILURE() ::testing::recordFailure("Failed")
#define FAIL() return ::testing::recordFailure("Failed")
#define TEST(Suite, Name)                                                      \
  class Suite##_##Name##_Test : public ::testing::Test {                       \
    void TestBody() override;                                                  \
  };                                                                           \
  void Suite##_##Name##_Test::TestBody()
#define TEST_CASE(Name) static void catchTestCase()
void fail(const char *Message);

void parseRejectsGarbage() {
  try {
    parse("garbage");
    FAIL();
  } catch (const std::invalid_argument &E) {
    std::cout << "threw as expected: " << E.what() << "\n";
  }
}

void writeRejectsEmptyPath() {
  try {
    writeFile("");
    ADD_FAILURE();
  } catch (...) {
    std::cerr << "threw as expected\n";
  }
  try {
    writeFile("");
    fail("writeFile accepted an empty path");
  } catch (std::exception &E) {
    std::cerr << E.what() << "\n";
  }
  try {
    writeFile("");
    assert(false && "writeFile must throw");
  } catch (...) {
    std::cerr << "threw as expected\n";
  }
}

TEST(Parser, RejectsEmpty) {
  try {
    parse("");
  } catch (const std::exception &E) {
    std::cerr << E.what() << "\n";
  }
}

TEST_CASE("charge rejects negative amounts") {
  try {
    charge(1, -5);
  } catch (const std::exception &E) {
    std::cout << E.what() << "\n";
  }
}

class ParserTests : public CppUnit::TestFixture {
public:
  void testGarbage() {
    auto Check = [] {
      try {
        parse("garbage");
      } catch (const std::exception &E) {
        std::cerr << E.what() << "\n";
      }
    };
    Check();
  }
};

bool chargeOrFail(int Account, int Cents) {
  try {
    charge(Account, Cents);
  } catch (const std::exception &E) {
    std::cerr << E.what() << std::endl;
    return false; // the caller learns
  }
  return true;
}

void chargeAndRethrow(int Account, int Cents) {
  try {
    charge(Account, Cents);
  } catch (const std::exception &E) {
    spdlog::error("charge failed: {}", E.what());
    throw;
  }
}

void recordFailure(const std::string &Path, bool &Failed) {
  try {
    writeFile(Path);
  } catch (const std::exception &E) {
    spdlog::warn("{}", E.what());
    Failed = true; // an error state the caller reads
  }
}

void fatal() {
  try {
    writeFile("/etc/app.conf");
  } catch (const std::exception &E) {
    std::cerr << E.what();
    std::exit(1);
  }
}

void retryLoop() {
  for (int Attempt = 0; Attempt < 3; ++Attempt) {
    try {
      writeFile("x");
      break;
    } catch (const std::exception &E) {
      spdlog::warn("attempt failed: {}", E.what()); // retried
    }
  }
}

void skipBadLines(const std::vector<std::string> &Lines) {
  for (const std::string &Line : Lines) {
    try {
      parse(Line);
    } catch (const std::invalid_argument &) {
      std::cerr << "skipping a bad line\n";
    }
  }
}

void emptyCatch() {
  try {
    writeFile("x");
  } catch (...) {
    // bugprone-empty-catch's business
  }
}

class Connection {
public:
  ~Connection() {
    try {
      writeFile("close");
    } catch (...) {
      std::cerr << "close failed\n"; // destructors must not throw
    }
  }
};

void worker() {
  std::thread T([] {
    try {
      writeFile("x");
    } catch (const std::exception &E) {
      std::cerr << E.what(); // ends the thread
    }
  });
  T.join();
}

int main() {
  try {
    writeFile("x");
  } catch (const std::exception &E) {
    std::cerr << E.what() << std::endl; // ends the program
  }
}

// A logger must not fail the code that logs.
class FileLogger {
public:
  void write(const std::string &Line) {
    try {
      writeFile(Line);
    } catch (...) {
      fprintf(stderr, "log write failed\n");
    }
  }
};

void suppressed() {
  try {
    writeFile("x");
  } catch (...) { // NOLINT(vibeguard-swallowed-exception)
    std::cerr << "ignored\n";
  }
}


// ---- Handlers that fall into a failure path ---------------------------------

// The try block returns on success: what follows the try runs only after an
// exception, and it tells the caller.
bool retrieveZones(int Zone) {
  try {
    charge(Zone, 1);
    return true;
  } catch (const std::runtime_error &E) {
    std::cerr << "backend error: " << E.what() << std::endl;
  } catch (const std::exception &E) {
    std::cerr << "unexpected: " << E.what() << std::endl;
  }
  std::cerr << "aborting the open transaction" << std::endl;
  return false;
}

std::string reverseName(int Address) {
  try {
    charge(Address, 0);
    return "host";
  } catch (const std::exception &E) {
    std::cerr << "error: " << E.what() << std::endl;
  }
  return "error";
}

// What follows the handlers ends the process.
void serveForever(int Socket) {
  try {
    charge(Socket, 0);
  } catch (const std::exception &E) {
    std::cerr << "server thread dying: " << E.what() << std::endl;
  }
  exit(1);
}

// Still reported: the code after the try returns what success returns.
bool saveAll(int Account) {
  try {
    charge(Account, 1);
    return true;
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    std::cerr << "save failed: " << E.what() << std::endl;
  }
  return true;
}

// The function a thread runs, named or called from the thread's lambda:
// the thread ends after the handler and has no caller to tell.
void serveConnection(int Fd) {
  try {
    charge(Fd, 0);
  } catch (const std::exception &E) {
    std::cerr << "connection failed: " << E.what() << std::endl;
  }
}
struct Listener {
  void listen() {
    try {
      charge(0, 0);
    } catch (const std::exception &E) {
      std::cerr << "listener dying: " << E.what() << std::endl;
    }
  }
  void start() {
    std::thread Worker([this] { listen(); });
    Worker.detach();
  }
};
void acceptOne(int Fd) {
  std::thread Connection(serveConnection, Fd);
  Connection.detach();
}

// A callback that returns nothing, handed to an event loop: the loop is
// its caller and has nothing to learn.
void addReadHandler(int Fd, void (*Handler)(int));
void onReadable(int Fd) {
  try {
    charge(Fd, 0);
  } catch (const std::exception &E) {
    std::cerr << "dropping malformed packet: " << E.what() << std::endl;
  }
}
void onWritable(int Fd) {
  try {
    charge(Fd, 1);
  } catch (const std::exception &E) {
    std::cerr << "send failed: " << E.what() << std::endl;
  }
}
void onTimer(int Fd) {
  try {
    charge(Fd, 5);
  } catch (const std::exception &E) {
    std::cerr << "timer failed: " << E.what() << std::endl;
  }
}
void addTimer(int Fd, std::function<void(int)> Callback);
void watch(int Fd) {
  addReadHandler(Fd, onReadable);
  addReadHandler(Fd, &onWritable);
  addTimer(Fd, onTimer);
}
// A lambda handed over as the callback, or stored for later.
struct Button {
  std::function<void()> OnClick;
};
void wire(int Fd, Button &B) {
  addTimer(Fd, [](int F) {
    try {
      charge(F, 6);
    } catch (const std::exception &E) {
      std::cerr << "tick failed: " << E.what() << std::endl;
    }
  });
  B.OnClick = [Fd] {
    try {
      charge(Fd, 7);
    } catch (const std::exception &E) {
      std::cerr << "click failed: " << E.what() << std::endl;
    }
  };
}
// Still reported: a lambda run on the spot is the function's own code.
void runNow(int Fd) {
  [Fd] {
    try {
      charge(Fd, 8);
    } catch (const std::exception &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the error is logged and then dropped
      std::cerr << "charge failed: " << E.what() << std::endl;
    }
  }();
}
// Still reported: a callback that can return an error code.
void setRequestHandler(int (*Handler)(int));
int onRequest(int Fd) {
  try {
    charge(Fd, 2);
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    std::cerr << "request failed: " << E.what() << std::endl;
  }
  return 0;
}
void serveRequests() { setRequestHandler(onRequest); }

// The last words of a service loop that only an exception ends.
bool dispatchOne();
void pumpEvents()
try {
  for (;;)
    dispatchOne();
} catch (const std::exception &E) {
  std::cerr << "event pump died: " << E.what() << std::endl;
}
void drainQueue() {
  try {
    while (true)
      dispatchOne();
  } catch (const std::exception &E) {
    std::cerr << "queue drain stopped: " << E.what() << std::endl;
  }
}
// Still reported: a loop that ends by itself, and then the caller thinks
// all went well.
void dispatchAll() {
  try {
    while (dispatchOne()) {
    }
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    std::cerr << "dispatch failed: " << E.what() << std::endl;
  }
}

// 'return;' with work still ahead gives that work up.
std::vector<std::string> lookupPeers(const std::string &Zone);
void notifyPeers(const std::string &Zone, const std::string &Script) {
  std::vector<std::string> Peers;
  try {
    Peers = lookupPeers(Zone);
  } catch (const std::exception &E) {
    std::cerr << "cannot notify: " << E.what() << std::endl;
    return;
  }
  if (!Script.empty()) {
    try {
      writeFile(Script);
    } catch (const std::exception &E) {
      std::cerr << "cannot load script: " << E.what() << std::endl;
      return;
    }
  }
  for (const std::string &Peer : Peers)
    writeFile(Peer);
}

// The try block ends by setting a flag that the code after it reads.
int reconnect();
int sendRequest(int Socket) {
  int Result = -1;
  try {
    charge(Socket, 3);
    Result = 1;
  } catch (const std::exception &E) {
    std::cerr << "write failed, reconnecting: " << E.what() << std::endl;
  }
  if (Result == 1)
    return Result;
  return reconnect();
}
// Still reported: the flag is set and never looked at.
bool sendOnce(int Socket) {
  bool Sent = false;
  try {
    charge(Socket, 4);
    Sent = true;
  } catch (const std::exception &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    std::cerr << "write failed: " << E.what() << std::endl;
  }
  return true;
}
#else
// ---- Options: the project's own logger --------------------------------------------

void customLogger() {
  try {
    writeFile("x");
  } catch (...) {
    // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:5: warning: the error is logged and then dropped
    report("failed");
  }
}
#endif
