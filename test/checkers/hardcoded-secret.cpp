// RUN: %check_vibeguard %s vibeguard-hardcoded-secret %t
// RUN: %check_vibeguard -check-suffix=OPTIONS %s vibeguard-hardcoded-secret %t-options \
// RUN:   -- -config="{CheckOptions: {vibeguard-hardcoded-secret.Names: 'signing_key', \
// RUN:                               vibeguard-hardcoded-secret.IgnoredValues: '^dev-.*$'}}" \
// RUN:   -- -DOPTIONS_ONLY
// RUN: %check_vibeguard -check-suffix=TESTFILES %s vibeguard-hardcoded-secret %t-dir/tests/config_test \
// RUN:   -- -config="{CheckOptions: {vibeguard-hardcoded-secret.IgnoreTestFiles: true}}" \
// RUN:   -- -DTEST_FILES_ONLY
// RUN: %check_vibeguard -check-suffix=BADOPTION %s vibeguard-hardcoded-secret %t-bad \
// RUN:   -- -config="{CheckOptions: {vibeguard-hardcoded-secret.IgnoredValues: '(unclosed'}}" \
// RUN:   -- -DBAD_OPTION_ONLY

#include <cstdlib>
#include <cstring>
#include <curl/curl.h>
#include <libpq-fe.h>
#include <map>
#include <mysql.h>
#include <sqlite3.h>
#include <string>

#if defined(OPTIONS_ONLY)
// Only the configured words name a secret; 'dev-' values are placeholders.
const char *SigningKey = "k3y-material-9f8e7d";
// CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:26: warning: a credential hardcoded for 'SigningKey' is readable
const char *DbPassword = "s3cr3t-passw0rd";
const char *SigningKeyDev = "dev-signing";

#elif defined(TEST_FILES_ONLY)
// In a test file, with IgnoreTestFiles, nothing is reported.
const char *DbPassword = "s3cr3t-passw0rd";
const char *AwsKey = "AKIAIOSFODNN7EXAMPLE";

#elif defined(BAD_OPTION_ONLY)
// CHECK-MESSAGES-BADOPTION: warning: invalid regular expression '(unclosed' in option 'IgnoredValues': {{.*}}; the option is ignored [clang-tidy-config]
const char *Password = "";

#else
// ---- Names that say secret -------------------------------------------------------

const char *DbPassword = "s3cr3t-passw0rd";
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: a credential hardcoded for 'DbPassword' is readable by anyone with the source or the binary, and changing it takes a new release; load it at run time from the environment or a secret store [vibeguard-hardcoded-secret]
static const std::string api_key = "a1b2c3d4e5f6a7b8";
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: a credential hardcoded for 'api_key' is readable
constexpr const char *kClientSecret = "cl13nt-s3cr3t";
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: a credential hardcoded for 'kClientSecret' is readable

struct Config {
  std::string Host = "db.internal";
  std::string AuthToken = "tok-8f7e6d5c4b3a";
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: a credential hardcoded for 'AuthToken' is readable
  std::string password;
  Config() : password("hunter2!") {}
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: a credential hardcoded for 'password' is readable
};

void configure(Config &C, std::map<std::string, std::string> &Settings) {
  C.password = "correct-horse";
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a credential hardcoded for 'password' is readable
  Settings["api_token"] = "9a8b7c6d5e4f";
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: a credential hardcoded for 'api_token' is readable
  std::map<std::string, std::string> Headers = {{"Authorization", "Bearer abc.def.ghi"}};
  // CHECK-MESSAGES: :[[@LINE-1]]:67: warning: a credential hardcoded for 'Authorization' is readable
}

bool isAdmin(const std::string &Password, const char *Token) {
  if (Password == "letmein42")
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a credential hardcoded for 'Password' is readable
    return true;
  return std::strcmp(Token, "tkn-000111222") == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: a credential hardcoded for 'Token' is readable
}

bool login(const std::string &User, const std::string &Password);
void connect() {
  login("admin", "Adm1n-Pa55");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: a credential hardcoded for 'Password' is readable
  setenv("DB_PASSWORD", "from-code-1234", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: a credential hardcoded for 'DB_PASSWORD' is readable
}

// ---- Passwords passed to known APIs ------------------------------------------------

void databases(MYSQL *My, sqlite3 *Db, CURL *Curl) {
  mysql_real_connect(My, "localhost", "app", "m7sql-pw", "shop", 3306, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: a credential hardcoded for 'mysql_real_connect' is readable
  PQsetdbLogin("db", "5432", nullptr, nullptr, "shop", "app", "pg-pass-99");
  // CHECK-MESSAGES: :[[@LINE-1]]:63: warning: a credential hardcoded for 'PQsetdbLogin' is readable
  sqlite3_key(Db, "sqlcipher-key-1", 15);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a credential hardcoded for 'sqlite3_key' is readable
  curl_easy_setopt(Curl, CURLOPT_USERPWD, "bob:b0b-pass");
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: a credential hardcoded for 'CURLOPT_USERPWD' is readable
}

// ---- Known credential formats, whatever the name ------------------------------------

const char *Aws = "AKIAIOSFODNN7EXAMPLE";
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a credential hardcoded as a string literal (it looks like an AWS access key ID) is readable by anyone with the source or the binary, and changing it takes a new release; load it at run time from the environment or a secret store [vibeguard-hardcoded-secret]
const char *Github = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a credential hardcoded as a string literal (it looks like a GitHub token)
const char *Slack = "xoxb-123456789012-abcdefABCDEF";
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a credential hardcoded as a string literal (it looks like a Slack token)
const char *Stripe = "sk_live_0123456789abcdefABCD";
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a credential hardcoded as a string literal (it looks like a Stripe live key)
const char *Google = "AIzaSyA-0123456789abcdefghijklmnopqrstu";
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a credential hardcoded as a string literal (it looks like a Google API key)
const char *Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXNpZw";
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a credential hardcoded as a string literal (it looks like a JSON Web Token)
const char *Pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                  "MIIEowIBAAKCAQEA\n"
                  "-----END RSA PRIVATE KEY-----\n";
// CHECK-MESSAGES: :[[@LINE-3]]:19: warning: a credential hardcoded as a string literal (it looks like a private key)
void urls(PGconn *&Conn) {
  Conn = PQconnectdb("host=db dbname=shop user=app password=pg-s3cret");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a credential hardcoded as a string literal (it looks like a connection string with a password)
  Conn = PQconnectdb("postgres://app:pg-s3cret@db:5432/shop");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a credential hardcoded as a string literal (it looks like a URL with a password)
}

// ---- Correct code that must stay silent --------------------------------------

const char *EmptyPassword = "";
const char *DefaultPassword = "changeme";
const char *PasswordPlaceholder = "<password>";
// Sample input of a benchmark or a test: says what it is.
const std::string BenchPassword{"test password"};
const char *SampleApiKey = "example-key";
const char *TemplatedSecret = "${DB_PASSWORD}";
const char *PasswordEnvVar = "DB_PASSWORD";
const char *PasswordPrompt = "Enter your password: ";
const char *AuthHeader = "Authorization";
const char *TokenUrl = "https://auth.example.com/oauth/token";
const int TokenCount = 3;
std::string TokenType = "Bearer";
const char *Mask = "****";
// Names of secrets used as keys, and messages about them.
const char *TokenKey = "access_token";
std::string ApiKeyHeader = "X-Api-Key";
void logEvent(const char *Topic, const char *Message);
void messages() {
  logEvent("password", "was reset by the administrator");
  logEvent("token: %s", "expired-tok");
}

void fromEnvironment(Config &C) {
  C.password = std::getenv("DB_PASSWORD");
  const char *Token = std::getenv("API_TOKEN");
  login("admin", Token);
}

void noPasswords(PGconn *&Conn) {
  Conn = PQconnectdb("host=db dbname=shop user=app");
  Conn = PQconnectdb("postgres://app@db:5432/shop");
  Conn = PQconnectdb("postgres://app:${PGPASSWORD}@db/shop");
  std::string Path = "https://example.com/docs/api";
  std::string Short = "AKIA-not-a-key";
}

// Protocol words, header names, paths and format strings held by a name that
// says token or auth: the name alone does not make them credentials.
bool has_header_token(const std::map<std::string, std::string> &Headers,
                      const char *Name, const char *token);
void protocolWords(const std::map<std::string, std::string> &Headers) {
  has_header_token(Headers, "Upgrade", "websocket");
  has_header_token(Headers, "Connection", "keep-alive");
  const char *token = "websocket";
  std::string auth = "Basic";
  const char *TransferToken = "chunked";
  const char *CharsetToken = "utf-8";
  const char *AuthToken = "Content-Type";
  const char *GrantToken = "client_credentials";
  const char *AuthLine = "%s:%s";
  const char *SecretStore = "/etc/app/secrets";
  const char *Pwd = "true";
  std::string Password = "none";
}

// Credential-like values stay reported, whatever the code around them.
const char *AdminPassword = "P@ssw0rd";
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: a credential hardcoded for 'AdminPassword' is readable
const char *SessionToken = "f3a9c2e17b";
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: a credential hardcoded for 'SessionToken' is readable
const char *ServiceAuth = "Zq8rTw2xMv";
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: a credential hardcoded for 'ServiceAuth' is readable

// ---- Macros, templates, NOLINT ---------------------------------------------------

#define DEFAULT_PASSWORD "mAcr0-pa55"
const char *MacroPassword = DEFAULT_PASSWORD;
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: a credential hardcoded for 'MacroPassword' is readable
// CHECK-MESSAGES: :[[@LINE-3]]:26: note: expanded from macro 'DEFAULT_PASSWORD'

template <class T> struct Client {
  T secret = T("tmpl-s3cret-1");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a credential hardcoded for 'secret' is readable
};
Client<std::string> A;
Client<const char *> B;

const char *LegacyPassword = "legacy-pw-123"; // NOLINT(vibeguard-hardcoded-secret)

// A word a tokenizer cut out of a configuration line, compared with the
// keywords of the format: parsing, whatever the variable is called.
char *strtok_r(char *Text, const char *Delimiters, char **Save);
int parseProtocol(char *Line) {
  char *Save = nullptr;
  char *token = strtok_r(Line, " ", &Save);
  token = strtok_r(nullptr, "", &Save);
  if (!strcmp(token, "mqttv311"))
    return 4;
  if (!strcmp(token, "mqttv50"))
    return 5;
  return 0;
}

// Usage text spells the syntax of a URL with a password.
const char *ProxyUsage = "--proxy : socks5h://[username[:password]@]hostname[:port]";
#endif
