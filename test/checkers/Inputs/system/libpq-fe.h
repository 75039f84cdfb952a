// Mock of libpq's C API for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_LIBPQ_FE_H
#define VIBEGUARD_MOCK_LIBPQ_FE_H
extern "C" {
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef unsigned int Oid;
typedef enum { PGRES_COMMAND_OK = 1, PGRES_TUPLES_OK = 2 } ExecStatusType;
typedef enum { CONNECTION_OK, CONNECTION_BAD } ConnStatusType;
PGconn *PQconnectdb(const char *conninfo);
ConnStatusType PQstatus(const PGconn *conn);
void PQfinish(PGconn *conn);
PGconn *PQsetdbLogin(const char *host, const char *port, const char *options,
                     const char *tty, const char *db, const char *login,
                     const char *pwd);
PGresult *PQexec(PGconn *conn, const char *query);
char *PQescapeLiteral(PGconn *conn, const char *str, unsigned long length);
void PQfreemem(void *ptr);
PGresult *PQexecParams(PGconn *conn, const char *command, int nParams,
                       const Oid *paramTypes, const char *const *paramValues,
                       const int *paramLengths, const int *paramFormats,
                       int resultFormat);
PGresult *PQprepare(PGconn *conn, const char *stmtName, const char *query,
                    int nParams, const Oid *paramTypes);
PGresult *PQexecPrepared(PGconn *conn, const char *stmtName, int nParams,
                         const char *const *paramValues,
                         const int *paramLengths, const int *paramFormats,
                         int resultFormat);
int PQsendQuery(PGconn *conn, const char *query);
PGresult *PQgetResult(PGconn *conn);
ExecStatusType PQresultStatus(const PGresult *res);
int PQntuples(const PGresult *res);
char *PQgetvalue(const PGresult *res, int row, int column);
void PQclear(PGresult *res);
}
#endif
