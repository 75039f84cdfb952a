// Mock of <unistd.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_UNISTD_H
#define VIBEGUARD_MOCK_UNISTD_H
extern "C" {
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
unsigned sleep(unsigned seconds);
int usleep(unsigned usec);
long read(int fd, void *buf, unsigned long n);
long write(int fd, const void *buf, unsigned long n);
int close(int fd);
}
#endif
