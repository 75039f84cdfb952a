// Mock of <sys/select.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_SYS_SELECT_H
#define VIBEGUARD_MOCK_SYS_SELECT_H
#ifdef __cplusplus
extern "C" {
#endif
struct timeval {
  long tv_sec;
  long tv_usec;
};
typedef struct {
  unsigned long fds_bits[16];
} fd_set;
#define FD_ZERO(set) ((void)(set))
#define FD_SET(fd, set) ((void)(fd), (void)(set))
#define timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)
int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
           struct timeval *timeout);
#ifdef __cplusplus
}
#endif
#endif
