// The security checks that apply to C run on C code too.
// RUN: %check_vibeguard %s vibeguard-command-injection,vibeguard-hardcoded-secret %t

#include <stdio.h>
#include <stdlib.h>

/* <string.h> and <unistd.h> are not mocked for C. */
char *strcpy(char *dest, const char *src);
char *strcat(char *dest, const char *src);
char *strncat(char *dest, const char *src, unsigned long n);
void *memcpy(void *dest, const void *src, unsigned long n);
unsigned long strlen(const char *s);
int execl(const char *path, const char *arg, ...);

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

/* Buffers filled from literals only, and pointers into them, hold constant
   text. */
int list_text_files(void) {
  char buf[100] = "ls ";
  strcat(buf, "*.txt");
  return system(buf);
}

int list_all(void) {
  char buf[100] = "";
  char *data = buf;
  strcat(data, "ls -la ");
  strcat(data, "*.*");
  return execl("/bin/sh", "sh", "-c", data, NULL);
}

int uname_all(void) {
  char cmd[32];
  strcpy(cmd, "uname");
  memcpy(cmd + 5, " -a", 4);
  return system(cmd);
}

/* Run-time text copied into such a buffer, directly or through a pointer,
   still counts. */
int append_input(FILE *in) {
  char buf[100] = "ls ";
  char *data = buf;
  unsigned long len = strlen(data);
  fgets(data + len, (int)(100 - len), in);
  return system(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: shell command passed to 'system' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: run-time text enters the command here
}

int append_env(void) {
  char buf[100] = "ls ";
  char *data = buf;
  strncat(data, getenv("DIR"), 50);
  return execl("/bin/sh", "sh", "-c", data, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: shell command passed to 'execl' is built from run-time text
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: run-time text enters the command here
}
