// Mock of <sys/epoll.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_SYS_EPOLL_H
#define VIBEGUARD_MOCK_SYS_EPOLL_H
#ifdef __cplusplus
extern "C" {
#endif
struct epoll_event {
  unsigned events;
  unsigned long data;
};
int epoll_wait(int epfd, struct epoll_event *events, int maxevents,
               int timeout);
#ifdef __cplusplus
}
#endif
#endif
