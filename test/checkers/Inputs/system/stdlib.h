/* Mock of <stdlib.h> for vibeguard's checker tests, in C. */
#ifndef VIBEGUARD_MOCK_STDLIB_H
#define VIBEGUARD_MOCK_STDLIB_H
int system(const char *command);
char *getenv(const char *name);
#endif
