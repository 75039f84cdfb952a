// Mock of <pthread.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_PTHREAD_H
#define VIBEGUARD_MOCK_PTHREAD_H
extern "C" {
typedef unsigned long pthread_t;
typedef struct pthread_attr_t pthread_attr_t;
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                   void *(*start)(void *), void *arg);
int pthread_detach(pthread_t thread);
int pthread_join(pthread_t thread, void **result);
typedef struct { int opaque; } pthread_mutex_t;
typedef struct pthread_mutexattr_t pthread_mutexattr_t;
#define PTHREAD_MUTEX_INITIALIZER {0}
int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
}
#endif
