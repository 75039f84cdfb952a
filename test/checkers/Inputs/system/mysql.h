// Mock of the MySQL C API for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_MYSQL_H
#define VIBEGUARD_MOCK_MYSQL_H
extern "C" {
typedef struct st_mysql MYSQL;
typedef struct st_mysql_res MYSQL_RES;
typedef struct st_mysql_stmt MYSQL_STMT;
typedef char **MYSQL_ROW;
MYSQL *mysql_init(MYSQL *mysql);
void mysql_close(MYSQL *mysql);
MYSQL *mysql_real_connect(MYSQL *mysql, const char *host, const char *user,
                          const char *passwd, const char *db, unsigned port,
                          const char *unix_socket, unsigned long flags);
int mysql_query(MYSQL *mysql, const char *q);
unsigned long mysql_real_escape_string(MYSQL *mysql, char *to,
                                       const char *from, unsigned long length);
int mysql_real_query(MYSQL *mysql, const char *q, unsigned long length);
MYSQL_RES *mysql_store_result(MYSQL *mysql);
MYSQL_ROW mysql_fetch_row(MYSQL_RES *result);
typedef struct st_mysql_rows *MYSQL_ROW_OFFSET;
MYSQL_ROW_OFFSET mysql_row_seek(MYSQL_RES *result, MYSQL_ROW_OFFSET offset);
void mysql_data_seek(MYSQL_RES *result, unsigned long long offset);
void mysql_free_result(MYSQL_RES *result);
MYSQL_STMT *mysql_stmt_init(MYSQL *mysql);
int mysql_stmt_prepare(MYSQL_STMT *stmt, const char *query,
                       unsigned long length);
int mysql_stmt_execute(MYSQL_STMT *stmt);
int mysql_stmt_fetch(MYSQL_STMT *stmt);
}
#endif
