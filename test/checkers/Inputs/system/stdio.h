/* Mock of <stdio.h> for vibeguard's checker tests, in C. */
#ifndef VIBEGUARD_MOCK_STDIO_H
#define VIBEGUARD_MOCK_STDIO_H
typedef struct FILE FILE;
int snprintf(char *buffer, unsigned long size, const char *format, ...);
FILE *popen(const char *command, const char *mode);
#endif
