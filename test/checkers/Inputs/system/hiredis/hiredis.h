// Mock of hiredis for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_HIREDIS_H
#define VIBEGUARD_MOCK_HIREDIS_H
extern "C" {
typedef struct redisContext redisContext;
typedef struct redisReply { int type; long long integer; char *str; } redisReply;
redisContext *redisConnect(const char *ip, int port);
void redisFree(redisContext *c);
void *redisCommand(redisContext *c, const char *format, ...);
int redisAppendCommand(redisContext *c, const char *format, ...);
int redisGetReply(redisContext *c, void **reply);
void freeReplyObject(void *reply);
}
#endif
