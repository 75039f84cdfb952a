// Mock of <poll.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_POLL_H
#define VIBEGUARD_MOCK_POLL_H
#define POLLIN 0x001
#ifdef __cplusplus
extern "C" {
#endif
struct pollfd {
  int fd;
  short events;
  short revents;
};
typedef unsigned long nfds_t;
int poll(struct pollfd *fds, nfds_t nfds, int timeout);
#ifdef __cplusplus
}
#endif
#endif
