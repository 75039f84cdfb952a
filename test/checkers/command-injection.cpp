// RUN: %check_vibeguard %s vibeguard-command-injection %t
// RUN: %check_vibeguard -check-suffix=CUSTOM %s vibeguard-command-injection %t-custom \
// RUN:   -- -config="{CheckOptions: {vibeguard-command-injection.ShellCommandFunctions: '::app::runShell', \
// RUN:                               EscapeFunctions: '::app::shellQuote'}}" \
// RUN:   -- -DCUSTOM_ONLY

#include <boost/process.hpp>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#ifdef CUSTOM_ONLY
namespace app {
int runShell(const std::string &Command);
std::string shellQuote(const std::string &Text);
} // namespace app

void archive(const std::string &Name) {
  app::runShell("tar czf backup.tgz " + Name);
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:17: warning: shell command passed to 'app::runShell' is built from run-time text
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-2]]:41: note: run-time text enters the command here
  app::runShell("tar czf backup.tgz " + app::shellQuote(Name));
  // No longer listed.
  std::system(("rm " + Name).c_str());
}
#else

// ---- Commands built from run-time text ------------------------------------------

void convert(const std::string &Input, const std::string &Output) {
  std::string Command = "convert " + Input + " -resize 50% " + Output;
  std::system(Command.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: shell command passed to 'system' is built from run-time text, so crafted input can run any command (command injection); start the program directly with posix_spawn or execve and pass each argument separately [vibeguard-command-injection]
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: run-time text enters the command here
}

int ping(const char *Host) {
  char Command[256];
  snprintf(Command, sizeof Command, "ping -c 1 %s", Host);
  return system(Command);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: shell command passed to 'system' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:53: note: run-time text enters the command here
}

std::string listing(const std::string &Directory) {
  std::ostringstream Command;
  Command << "ls -l " << Directory;
  FILE *Pipe = popen(Command.str().c_str(), "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: shell command passed to 'popen' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: run-time text enters the command here
  pclose(Pipe);
  return "";
}

void viaShell(const std::string &Script) {
  execl("/bin/sh", "sh", "-c", Script.c_str(), nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: shell command passed to 'execl' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: run-time text enters the command here
}

void viaArgv(const std::string &Script) {
  const char *Argv[] = {"sh", "-c", Script.c_str(), nullptr};
  execv("/bin/sh", const_cast<char *const *>(Argv));
  // CHECK-MESSAGES: :[[@LINE-2]]:37: warning: shell command passed to 'execv' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: run-time text enters the command here
}

void viaBoost(const std::string &Url) {
  boost::process::system(boost::process::shell, "curl -s " + Url);
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: shell command passed to 'boost::process::system' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-2]]:62: note: run-time text enters the command here
  boost::process::child Child(boost::process::shell, "wget " + Url);
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: shell command passed to 'boost::process::child' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-2]]:64: note: run-time text enters the command here
  Child.wait();
}

// Through a helper that builds the command from its parameter, and input
// from the environment.
std::string gitCommand(const std::string &Branch) { return "git checkout " + Branch; }
void checkout(const std::vector<std::string> &Args) {
  std::system(gitCommand(Args[1]).c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: shell command passed to 'system' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: run-time text enters the command here
  std::string Editor = std::getenv("EDITOR");
  std::system((Editor + " notes.txt").c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: shell command passed to 'system' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: run-time text enters the command here
}

// ---- Correct code that must stay silent --------------------------------------

// Constant commands (cert-env33-c already flags every system() call).
static const char *const Cleanup = "rm -rf /tmp/cache";
void constants(bool Verbose) {
  std::system("make -j4");
  std::system(Cleanup);
  std::string Command = std::string("ls") + (Verbose ? " -l" : "");
  std::system(Command.c_str());
  FILE *Pipe = popen("uname -a", "r");
  pclose(Pipe);
  execl("/bin/sh", "sh", "-c", "echo ready", nullptr);
}

// Numbers cannot carry a shell metacharacter.
void sleepFor(int Seconds) {
  std::system(("sleep " + std::to_string(Seconds)).c_str());
}

// No shell: arguments are passed one by one.
void direct(const std::string &File) {
  execl("/usr/bin/gzip", "gzip", File.c_str(), nullptr);
  const char *Argv[] = {"gzip", File.c_str(), nullptr};
  execv("/usr/bin/gzip", const_cast<char *const *>(Argv));
  boost::process::system("gzip", File);
  boost::process::child Child("/usr/bin/gzip", File);
  Child.wait();
}

// A helper called with constants only.
std::string makeTarget(const std::string &Target) { return "make " + Target; }
void buildAll() { std::system(makeTarget("all").c_str()); }

// ---- Macros, templates, NOLINT ---------------------------------------------------

#define RUN(Command) std::system((Command).c_str())

void viaMacro(const std::string &Name) {
  RUN("touch " + Name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: shell command passed to 'system' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-5]]:34: note: expanded from macro 'RUN'
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: run-time text enters the command here
}

template <class T> void open(const T &Path) {
  std::system(("xdg-open " + Path).c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: shell command passed to 'system' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: run-time text enters the command here
}
void instantiate() {
  open(std::string("a.pdf"));
  open<std::string>("b.pdf");
}

void suppressed(const std::string &Name) {
  std::system(("rm " + Name).c_str()); // NOLINT(vibeguard-command-injection)
}
#endif
