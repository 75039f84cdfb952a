// Mock of <fcntl.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_FCNTL_H
#define VIBEGUARD_MOCK_FCNTL_H
#define O_RDONLY 0
#define O_WRONLY 1
#define O_CREAT 0100
#ifdef __cplusplus
extern "C" {
#endif
int open(const char *path, int flags, ...);
#ifdef __cplusplus
}
#endif
#endif
