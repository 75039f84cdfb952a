// RUN: %check_vibeguard %s vibeguard-unreleased-handle %t -- -- -std=c++17

#include <fcntl.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

void serve(int Fd);

// A one-shot tool: what leaves main, by an exception or by its end, ends
// the process, and the system reclaims the descriptors.
int main(int Argc, char **Argv)
try {
  int Sock = socket(AF_INET, SOCK_STREAM, 0);
  if (Sock < 0)
    throw std::runtime_error("cannot create the socket");
  if (Argc < 2)
    throw std::runtime_error("usage: tool FILE...");
  int Null = open("/dev/null", O_WRONLY);
  if (Null < 0)
    throw std::runtime_error("cannot open /dev/null");
  for (int I = 1; I < Argc; ++I) {
    // Still reported: this exception is caught inside main, and the loop
    // goes on to the next file.
    try {
      int Fd = open(Argv[I], O_RDONLY);
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Fd' from 'open' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'close' on every path or hold it in an RAII owner [vibeguard-unreleased-handle]
      if (Fd < 0)
        continue;
      if (Argv[I][0] == '-')
        throw std::runtime_error("not a file name");
      // CHECK-MESSAGES: :[[@LINE-1]]:9: note: 'Fd' leaks when this exception leaves its scope
      serve(Fd);
      close(Fd);
    } catch (const std::runtime_error &) {
    }
  }
  close(Null);
  serve(Sock);
  return 0;
} catch (const std::exception &) {
  return 1;
}
