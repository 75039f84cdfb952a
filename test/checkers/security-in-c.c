// The security checks that apply to C run on C code too.
// RUN: %check_vibeguard %s vibeguard-command-injection,vibeguard-hardcoded-secret %t

#include <stdio.h>
#include <stdlib.h>

static const char *db_password = "c-s3cr3t-pw";
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: a credential hardcoded for 'db_password' is readable by anyone with the source or the binary, and changing it takes a new release; load it at run time from the environment or a secret store [vibeguard-hardcoded-secret]
static const char *password_prompt = "Password: ";

int ping(const char *host) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "ping -c 1 %s", host);
  return system(cmd);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: shell command passed to 'system' is built from run-time text, so crafted input can run any command (command injection); start the program directly with posix_spawn or execve and pass each argument separately [vibeguard-command-injection]
  // CHECK-MESSAGES: :[[@LINE-3]]:45: note: run-time text enters the command here
}

int ping_count(int count) {
  char cmd[64];
  snprintf(cmd, sizeof cmd, "ping -c %d localhost", count);
  return system(cmd) + system("uptime");
}
