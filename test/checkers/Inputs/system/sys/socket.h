// Mock of <sys/socket.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_SYS_SOCKET_H
#define VIBEGUARD_MOCK_SYS_SOCKET_H
#define AF_INET 2
#define SOCK_STREAM 1
#ifdef __cplusplus
extern "C" {
#endif
typedef unsigned socklen_t;
struct sockaddr {
  unsigned short sa_family;
};
int socket(int domain, int type, int protocol);
int bind(int fd, const struct sockaddr *address, socklen_t length);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *address, socklen_t *length);
long send(int fd, const void *data, unsigned long n, int flags);
#ifdef __cplusplus
}
#endif
#endif
