// Mock of <sys/socket.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_SYS_SOCKET_H
#define VIBEGUARD_MOCK_SYS_SOCKET_H
#define AF_INET 2
#define SOCK_STREAM 1
// As glibc spells them: enumerators, each with a macro of its own name.
enum {
  MSG_PEEK = 0x02,
#define MSG_PEEK MSG_PEEK
  MSG_DONTWAIT = 0x40,
#define MSG_DONTWAIT MSG_DONTWAIT
  MSG_NOSIGNAL = 0x4000
#define MSG_NOSIGNAL MSG_NOSIGNAL
};
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
long recv(int fd, void *data, unsigned long n, int flags);
long recvfrom(int fd, void *data, unsigned long n, int flags,
              struct sockaddr *from, socklen_t *length);
#ifdef __cplusplus
}
#endif
#endif
