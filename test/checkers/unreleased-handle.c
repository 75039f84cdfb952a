// RUN: %check_vibeguard %s vibeguard-unreleased-handle %t

#include <stdio.h>
#include <stdlib.h>

struct Config {
  char *Name;
};

/* Leaked on a path. */

int copyHeader(const char *From, const char *To) {
  char Line[128];
  FILE *In = fopen(From, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'In' from 'fopen' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'fclose' on every path [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+7]]:5: note: 'In' leaks when this 'return' leaves the function
  if (!In)
    return -1;
  FILE *Out = fopen(To, "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Out' from 'fopen' is not released on every path: each call that takes such a path leaks a handle until the process runs out; release it with 'fclose' on every path [vibeguard-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: 'Out' leaks when this 'return' leaves the function
  if (!Out)
    return -1;
  if (!fgets(Line, sizeof Line, In))
    goto fail;
  fputs(Line, Out);
  fclose(Out);
fail:
  fclose(In);
  return 0;
}

int loadAll(const char **Paths, int N) {
  int Loaded = 0;
  for (int I = 0; I < N; ++I) {
    char *Buffer = malloc(4096);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'Buffer' from 'malloc' is not released on every path: each call that takes such a path leaks the allocation until the process runs out; release it with 'free' on every path [vibeguard-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: 'Buffer' leaks when this 'continue' leaves its scope
    if (!Buffer)
      continue;
    FILE *F = fopen(Paths[I], "r");
    if (!F)
      continue;
    if (fgets(Buffer, 4096, F))
      ++Loaded;
    fclose(F);
    free(Buffer);
  }
  return Loaded;
}

/* Released on every path, or handed over. */

int copyHeaderClosed(const char *From, const char *To) {
  int Status = -1;
  char Line[128];
  FILE *Out = NULL;
  FILE *In = fopen(From, "r");
  if (!In)
    goto done;
  Out = fopen(To, "w");
  if (!Out)
    goto close_in;
  if (fgets(Line, sizeof Line, In)) {
    fputs(Line, Out);
    Status = 0;
  }
  fclose(Out);
close_in:
  fclose(In);
done:
  return Status;
}

int loadConfig(struct Config *C, const char *Name) {
  char *Copy = malloc(64);
  if (Copy == NULL)
    return -1;
  snprintf(Copy, 64, "%s", Name);
  C->Name = Copy;
  return 0;
}

char *buffer(void) {
  char *B = malloc(64);
  return B;
}

/* Opened and closed under the same unchanged condition. */
int logStart(const char *Path, int Quiet) {
  FILE *Log = NULL;
  if (!Quiet)
    Log = fopen(Path, "a");
  if (!Quiet)
    fputs("started\n", Log);
  if (!Quiet)
    fclose(Log);
  return 0;
}
