/* Mock of <stdio.h> for vibeguard's checker tests, in C. */
#ifndef VIBEGUARD_MOCK_STDIO_H
#define VIBEGUARD_MOCK_STDIO_H
#ifndef NULL
#define NULL ((void *)0)
#endif
typedef struct FILE FILE;
int snprintf(char *buffer, unsigned long size, const char *format, ...);
FILE *popen(const char *command, const char *mode);
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *stream);
int fputs(const char *text, FILE *stream);
char *fgets(char *buffer, int size, FILE *stream);
#endif
