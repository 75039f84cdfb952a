/* Mock of <stdlib.h> for vibeguard's checker tests, in C. */
#ifndef VIBEGUARD_MOCK_STDLIB_H
#define VIBEGUARD_MOCK_STDLIB_H
#ifndef NULL
#define NULL ((void *)0)
#endif
int system(const char *command);
char *getenv(const char *name);
void *malloc(unsigned long size);
void free(void *p);
#endif
