//===--- Catalog.h - vibeguard ----------------------------------*- C++ -*-===//
//
// The API knowledge every vibeguard check shares, in one place.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_CATALOG_H
#define VIBEGUARD_CATALOG_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::vibeguard::catalog {

// Each entry is the name of a check option and its default value: fully
// qualified names separated by ';'. Checks read an entry with
// readNameListOption() (NameListOption.h), which looks for the option on the
// check first and then globally, so a project can extend the catalog once in
// its .clang-tidy for every check that uses it.
struct NameList {
  llvm::StringLiteral OptionName;
  llvm::StringLiteral Default;
};

/// Classes whose construction from a pattern compiles a regular expression.
inline constexpr NameList RegexClasses = {
    "RegexClasses", "::std::basic_regex;::boost::basic_regex"};

/// Algorithms that call a function-object argument once per element: a lambda
/// passed to them is a loop body.
inline constexpr NameList IterationAlgorithms = {
    "IterationAlgorithms",
    "::std::for_each;::std::for_each_n;::std::transform;::std::generate;"
    "::std::generate_n;::std::find_if;::std::find_if_not;::std::count_if;"
    "::std::all_of;::std::any_of;::std::none_of;::std::copy_if;"
    "::std::remove_if;::std::remove_copy_if;::std::replace_if;"
    "::std::partition;::std::stable_partition;::std::accumulate;"
    "::std::reduce;::std::transform_reduce;::std::erase_if;"
    "::std::ranges::for_each;::std::ranges::for_each_n;"
    "::std::ranges::transform;::std::ranges::find_if;"
    "::std::ranges::find_if_not;::std::ranges::count_if;"
    "::std::ranges::all_of;::std::ranges::any_of;::std::ranges::none_of;"
    "::std::ranges::copy_if;::std::ranges::remove_if;"
    "::std::ranges::generate"};

// ---- Containers and searches ------------------------------------------------

/// Algorithms that search a range element by element: linear in its size.
inline constexpr NameList LinearSearchFunctions = {
    "LinearSearchFunctions",
    "::std::find;::std::find_if;::std::find_if_not;::std::count;"
    "::std::count_if;::std::any_of;::std::all_of;::std::none_of;"
    "::std::ranges::find;::std::ranges::find_if;::std::ranges::find_if_not;"
    "::std::ranges::count;::std::ranges::count_if;::std::ranges::any_of;"
    "::std::ranges::all_of;::std::ranges::none_of;::std::ranges::contains"};

/// Containers that can only be searched element by element (C arrays too).
inline constexpr NameList SequenceContainers = {
    "SequenceContainers",
    "::std::vector;::std::deque;::std::list;::std::forward_list;::std::array"};

/// Containers that keep their elements in one contiguous block: inserting or
/// erasing anywhere but the end shifts every element after the position.
inline constexpr NameList ContiguousContainers = {
    "ContiguousContainers",
    "::std::vector;::std::basic_string;::boost::container::vector;"
    "::boost::container::small_vector;::absl::InlinedVector"};

/// Containers that insert and erase at both ends in constant time but shift
/// elements for a position in the middle.
inline constexpr NameList DoubleEndedContainers = {
    "DoubleEndedContainers",
    "::std::deque;::boost::container::deque;::boost::container::devector"};

/// Containers whose iterators move one element at a time: std::next,
/// std::advance and std::distance from begin() cost one step per position.
inline constexpr NameList NodeContainers = {
    "NodeContainers",
    "::std::list;::std::forward_list;::std::map;::std::multimap;::std::set;"
    "::std::multiset;::std::unordered_map;::std::unordered_multimap;"
    "::std::unordered_set;::std::unordered_multiset"};

/// Containers that hold entries until someone removes them: a cache of one
/// of these that is never shrunk grows without bound.
inline constexpr NameList GrowableContainers = {
    "GrowableContainers",
    "::std::map;::std::multimap;::std::unordered_map;"
    "::std::unordered_multimap;::std::set;::std::multiset;"
    "::std::unordered_set;::std::unordered_multiset;::std::vector;"
    "::std::deque;::std::list;::std::forward_list;::boost::unordered_map;"
    "::absl::flat_hash_map;::absl::flat_hash_set;::absl::node_hash_map"};

// ---- Remote calls: database, HTTP, RPC, cache -----------------------------
// RemoteCalls.h interprets these lists (SQL text, prepared statements, gRPC
// stubs); checks ask it rather than reading them directly.

/// Calls that cost a round-trip to another process or machine every time they
/// run: HTTP and RPC requests, cache commands, execution of a prepared
/// statement. Functions listed in SqlFunctions count as remote calls too.
inline constexpr NameList RemoteCallFunctions = {
    "RemoteCallFunctions",
    // libcurl, cpp-httplib (Client, and ClientImpl behind SSLClient), cpr
    "::curl_easy_perform;"
    "::httplib::Client::Get;::httplib::Client::Post;::httplib::Client::Put;"
    "::httplib::Client::Patch;::httplib::Client::Delete;"
    "::httplib::Client::Head;::httplib::Client::Options;"
    "::httplib::ClientImpl::Get;::httplib::ClientImpl::Post;"
    "::httplib::ClientImpl::Put;::httplib::ClientImpl::Patch;"
    "::httplib::ClientImpl::Delete;::httplib::ClientImpl::Head;"
    "::httplib::ClientImpl::Options;"
    "::cpr::Get;::cpr::Post;::cpr::Put;::cpr::Patch;::cpr::Delete;"
    "::cpr::Head;::cpr::Options;"
    // hiredis: one command, one reply (redisAppendCommand pipelines instead)
    "::redisCommand;::redisvCommand;::redisCommandArgv;"
    // execution of statements prepared earlier
    "::mysql_stmt_execute;::PQexecPrepared;::PQsendQueryPrepared;"
    "::pqxx::transaction_base::exec_prepared;"
    "::pqxx::transaction_base::exec_prepared0;"
    "::pqxx::transaction_base::exec_prepared1;"
    "::pqxx::transaction_base::exec_prepared_n"};

/// Calls that execute (or prepare) the SQL statement passed to them as text:
/// the first string argument, or the second when a prepare function takes a
/// statement name first. Each is also a remote call.
inline constexpr NameList SqlFunctions = {
    "SqlFunctions",
    // SQLite
    "::sqlite3_exec;::sqlite3_prepare;::sqlite3_prepare_v2;"
    "::sqlite3_prepare_v3;"
    // libpq
    "::PQexec;::PQexecParams;::PQprepare;::PQsendQuery;"
    "::PQsendQueryParams;::PQsendPrepare;"
    // MySQL C API
    "::mysql_query;::mysql_real_query;::mysql_stmt_prepare;"
    // libpqxx
    "::pqxx::transaction_base::exec;::pqxx::transaction_base::exec0;"
    "::pqxx::transaction_base::exec1;::pqxx::transaction_base::exec_n;"
    "::pqxx::transaction_base::exec_params;"
    "::pqxx::transaction_base::exec_params0;"
    "::pqxx::transaction_base::exec_params1;"
    "::pqxx::transaction_base::exec_params_n;"
    "::pqxx::transaction_base::query;::pqxx::transaction_base::query_value;"
    "::pqxx::transaction_base::query1;::pqxx::transaction_base::query01;"
    "::pqxx::transaction_base::query_n;::pqxx::transaction_base::stream;"
    "::pqxx::transaction_base::for_query;"
    "::pqxx::transaction_base::for_stream;::pqxx::connection::prepare"};

/// Functions whose result is safe to put into SQL or a shell command however
/// it was built: they quote or escape their argument.
inline constexpr NameList EscapeFunctions = {
    "EscapeFunctions",
    "::PQescapeLiteral;::PQescapeIdentifier;::PQescapeStringConn;"
    "::PQescapeString;::mysql_real_escape_string;"
    "::mysql_real_escape_string_quote;::mysql_escape_string;"
    "::pqxx::transaction_base::quote;::pqxx::transaction_base::quote_name;"
    "::pqxx::transaction_base::esc;::pqxx::connection::quote;"
    "::pqxx::connection::quote_name;::pqxx::connection::esc"};

/// Escaping functions of SQL libraries, for SQL only: their result is safe in
/// a statement (not in a shell command). Unqualified names match the member
/// functions of any library ('cppdb::session::escape', 'pqxx::work::esc').
inline constexpr NameList SqlEscapeFunctions = {
    "SqlEscapeFunctions",
    "quote;quote_name;quote_raw;esc;esc_raw;escape;escape_string;"
    "escape_identifier;escape_literal"};

/// SQL calls whose values travel separately from the statement text
/// (placeholders bound later or passed beside it): a statement held in a
/// variable is the parameterised form, only text built from run-time input
/// is an injection.
inline constexpr NameList ParameterisedSqlFunctions = {
    "ParameterisedSqlFunctions",
    "::sqlite3_prepare;::sqlite3_prepare_v2;::sqlite3_prepare_v3;"
    "::PQexecParams;::PQprepare;::PQsendQueryParams;::PQsendPrepare;"
    "::mysql_stmt_prepare;::pqxx::transaction_base::exec_params;"
    "::pqxx::transaction_base::exec_params0;"
    "::pqxx::transaction_base::exec_params1;"
    "::pqxx::transaction_base::exec_params_n;::pqxx::connection::prepare"};

// ---- Shell commands ---------------------------------------------------------

/// Functions that hand their command string to the shell (/bin/sh -c).
inline constexpr NameList ShellCommandFunctions = {
    "ShellCommandFunctions",
    "::system;::std::system;::popen;::_popen;::_wsystem;::_wpopen;"
    "::boost::process::system;::boost::process::child;"
    "::boost::process::spawn;::boost::process::v1::system;"
    "::boost::process::v1::child;::boost::process::v1::spawn"};

/// exec-family functions that run a shell when their arguments are
/// '"/bin/sh", "-c", command'.
inline constexpr NameList ExecFunctions = {
    "ExecFunctions", "::execl;::execlp;::execle;::execv;::execvp;::execve"};

// ---- Credentials ------------------------------------------------------------

/// Words that make an identifier or a key name a credential ('db_password',
/// 'apiKey', "Authorization"), matched word by word in any case style.
inline constexpr llvm::StringLiteral SecretNames =
    "password;passwd;pwd;passphrase;secret;token;api_key;apikey;access_key;"
    "private_key;client_secret;auth;authorization;credential;credentials";

/// Words that make such a name something else: 'password_prompt',
/// 'token_count', 'auth_url', 'kPasswordEnvVar'.
inline constexpr llvm::StringLiteral NotSecretNameWords =
    "prompt;count;length;len;size;label;hint;field;name;type;kind;url;uri;"
    "endpoint;path;file;dir;header;prefix;suffix;format;regex;pattern;policy;"
    "expiry;expires;ttl;timeout;id;env;var;error;message;msg;help;"
    "description;title;placeholder;min;max;mask;hash;column;param;mode;"
    "method;scheme;required;enabled;valid;invalid;reset;forgot;key_name";

/// Functions that cut a word out of a line of text: a variable they fill
/// holds parsed input, whatever its name ('token').
inline constexpr llvm::StringLiteral TokenizerFunctions[] = {
    "::strtok", "::strtok_r", "::strsep", "::std::strtok"};

/// Values of protocols that a name like 'token' or 'auth' often holds: HTTP
/// header tokens, authorization schemes, encodings, media types. Compared
/// without case.
inline constexpr llvm::StringLiteral ProtocolWords =
    "websocket;keep-alive;close;upgrade;chunked;gzip;deflate;br;identity;"
    "compress;bearer;basic;digest;negotiate;ntlm;hmac-sha256;utf-8;utf8;"
    "iso-8859-1;us-ascii;none;null;true;false;yes;no;on;off;no-cache;"
    "no-store;max-age;application/json;application/x-www-form-urlencoded;"
    "multipart/form-data;text/plain;text/html;http/1.0;http/1.1;h2;h2c;"
    "access_token;refresh_token;id_token;client_credentials;"
    "authorization_code";

/// A function that takes a password or key, and the index of that argument.
struct SecretArgument {
  llvm::StringLiteral Function;
  unsigned Index;
};
inline constexpr SecretArgument SecretArguments[] = {
    {"::mysql_real_connect", 3}, {"::mysql_change_user", 2},
    {"::PQsetdbLogin", 6},       {"::sqlite3_key", 1},
    {"::sqlite3_key_v2", 2},     {"::sqlite3_rekey", 1}};

/// The libcurl call that sets an option, and the options whose value is a
/// credential.
inline constexpr llvm::StringLiteral CurlSetOptionFunction = "curl_easy_setopt";
inline constexpr llvm::StringLiteral CurlSecretOptions[] = {
    "CURLOPT_PASSWORD",     "CURLOPT_USERPWD",       "CURLOPT_PROXYPASSWORD",
    "CURLOPT_PROXYUSERPWD", "CURLOPT_XOAUTH2_BEARER", "CURLOPT_KEYPASSWD",
    "CURLOPT_SSLKEYPASSWD", "CURLOPT_TLSAUTH_PASSWORD"};

// ---- Threads ------------------------------------------------------------------

/// Thread classes whose detach() lets the thread outlive the scope that
/// started it.
inline constexpr NameList ThreadClasses = {"ThreadClasses",
                                           "::std::thread;::boost::thread"};

// ---- Locks and blocking calls ---------------------------------------------------
// Locks.h interprets these tables (which argument is the mutex, what a guard's
// tag argument means); the option Locks adds the project's own.

/// Mutex classes: an object of one of these is a lock, taken and released by
/// its lock()/unlock() family of members (Lock()/Unlock() for absl::Mutex).
inline constexpr llvm::StringLiteral MutexClasses =
    "::std::mutex;::std::recursive_mutex;::std::timed_mutex;"
    "::std::recursive_timed_mutex;::std::shared_mutex;"
    "::std::shared_timed_mutex;::boost::mutex;::boost::recursive_mutex;"
    "::boost::timed_mutex;::boost::recursive_timed_mutex;"
    "::boost::shared_mutex;::absl::Mutex";

/// The C mutex types, which are typedefs rather than classes.
inline constexpr llvm::StringLiteral MutexTypedefs[] = {
    "pthread_mutex_t", "pthread_rwlock_t", "pthread_spinlock_t"};

/// Guard classes: constructing one takes the mutex (or mutexes) passed to it
/// and destroying it releases them.
inline constexpr llvm::StringLiteral GuardClasses =
    "::std::lock_guard;::std::unique_lock;::std::scoped_lock;"
    "::std::shared_lock;::boost::lock_guard;::boost::unique_lock;"
    "::boost::shared_lock;::boost::upgrade_lock;::boost::scoped_lock;"
    "::absl::MutexLock;::absl::ReaderMutexLock;::absl::WriterMutexLock";

/// Free functions that take or release the mutex their first argument points
/// to.
struct LockFunction {
  llvm::StringLiteral Name;
  enum Effect { Acquire, AcquireShared, TryAcquire, Release } What;
};
inline constexpr LockFunction LockFunctions[] = {
    {"pthread_mutex_lock", LockFunction::Acquire},
    {"pthread_mutex_trylock", LockFunction::TryAcquire},
    {"pthread_mutex_timedlock", LockFunction::TryAcquire},
    {"pthread_mutex_unlock", LockFunction::Release},
    {"pthread_rwlock_wrlock", LockFunction::Acquire},
    {"pthread_rwlock_rdlock", LockFunction::AcquireShared},
    {"pthread_rwlock_trywrlock", LockFunction::TryAcquire},
    {"pthread_rwlock_tryrdlock", LockFunction::TryAcquire},
    {"pthread_rwlock_unlock", LockFunction::Release},
    {"pthread_spin_lock", LockFunction::Acquire},
    {"pthread_spin_trylock", LockFunction::TryAcquire},
    {"pthread_spin_unlock", LockFunction::Release}};

/// std::lock and its relatives: take every mutex passed to them at once,
/// without deadlocking against each other.
inline constexpr llvm::StringLiteral LockAllFunctions =
    "::std::lock;::boost::lock";

/// The project's own lock types and lock functions. A class is a guard if a
/// constructor takes a reference or pointer to a mutex, otherwise a mutex
/// with lock()/unlock() members; a function releases the mutex named by its
/// first argument (or the object it is called on) if its name contains
/// 'unlock' or 'release', and takes it otherwise.
inline constexpr NameList Locks = {"Locks", ""};

/// Calls that block the calling thread until something outside it happens:
/// sleeps, file and socket I/O, waiting for another thread. Every remote call
/// of RemoteCallFunctions and SqlFunctions blocks too.
inline constexpr NameList BlockingFunctions = {
    "BlockingFunctions",
    "::sleep;::usleep;::nanosleep;::std::this_thread::sleep_for;"
    "::std::this_thread::sleep_until;::boost::this_thread::sleep_for;"
    "::boost::this_thread::sleep_until;::std::thread::join;"
    "::std::jthread::join;::boost::thread::join;::pthread_join;"
    "::std::future::get;::std::future::wait;::std::future::wait_for;"
    "::std::future::wait_until;::std::shared_future::get;"
    "::std::shared_future::wait;::std::shared_future::wait_for;"
    "::std::shared_future::wait_until;"
    "::fopen;::fread;::fwrite;::fgets;::fflush;::fclose;::fsync;::fdatasync;"
    "::read;::write;::pread;::pwrite;::open;::recv;::recvfrom;::recvmsg;"
    "::send;::sendto;::sendmsg;::connect;::accept;::accept4;::poll;"
    "::select;::epoll_wait;::getaddrinfo;::gethostbyname;::system;::popen;"
    "::std::basic_ifstream::open;::std::basic_ofstream::open;"
    "::std::basic_fstream::open"};

/// Sleep functions, which a thread calls to let time pass.
inline constexpr NameList SleepFunctions = {
    "SleepFunctions",
    "::sleep;::usleep;::nanosleep;::std::this_thread::sleep_for;"
    "::std::this_thread::sleep_until;::boost::this_thread::sleep_for;"
    "::boost::this_thread::sleep_until;::Sleep"};

/// Condition variables: wait(lock) releases the lock while it waits.
inline constexpr llvm::StringLiteral ConditionVariableClasses =
    "::std::condition_variable;::std::condition_variable_any;"
    "::boost::condition_variable;::boost::condition_variable_any";

/// Types that are safe to share between threads without a lock.
inline constexpr llvm::StringLiteral AtomicClasses =
    "::std::atomic;::std::atomic_flag;::std::atomic_ref;::boost::atomic;"
    "::std::once_flag";

/// Functions that start a task on another thread (besides constructing one of
/// the ThreadClasses).
inline constexpr llvm::StringLiteral AsyncFunctions = "::std::async";

/// Blocking functions of BlockingFunctions that return at once when one
/// argument says so: a timeout of zero milliseconds (poll, epoll_wait), a
/// pointer to a zero struct timeval (select), or flags that include one of
/// NonBlockingFlags (the socket calls). Argument indices count from 0.
struct NonBlockingArgument {
  llvm::StringLiteral Function;
  unsigned Argument;
  enum Kind { TimeoutMilliseconds, TimevalPointer, Flags } What;
};
inline constexpr NonBlockingArgument NonBlockingArguments[] = {
    {"poll", 2, NonBlockingArgument::TimeoutMilliseconds},
    {"epoll_wait", 3, NonBlockingArgument::TimeoutMilliseconds},
    {"select", 4, NonBlockingArgument::TimevalPointer},
    {"recv", 3, NonBlockingArgument::Flags},
    {"recvfrom", 3, NonBlockingArgument::Flags},
    {"recvmsg", 2, NonBlockingArgument::Flags},
    {"send", 3, NonBlockingArgument::Flags},
    {"sendto", 3, NonBlockingArgument::Flags},
    {"sendmsg", 2, NonBlockingArgument::Flags}};

/// Flags, spelled as macros or enumerators, that make one socket call
/// non-blocking.
inline constexpr llvm::StringLiteral NonBlockingFlags[] = {"MSG_DONTWAIT"};

/// The fields of struct timeval; a timeout is zero when all of them are.
inline constexpr llvm::StringLiteral TimevalFields[] = {"tv_sec", "tv_usec"};

/// What starts a thread: classes whose construction with a callable starts
/// one, and functions that start one or hand work to a pool of threads. A
/// translation unit that uses none of them starts no thread of its own.
inline constexpr NameList ThreadStarts = {
    "ThreadStarts",
    "::std::thread;::std::jthread;::boost::thread;::pthread_create;"
    "::thrd_create;::std::async;::boost::asio::post;::boost::asio::dispatch;"
    "::boost::asio::defer;::Poco::Thread::start;::Poco::Thread::startFunc;"
    "::Poco::ThreadPool::start;::Poco::ThreadPool::startWithPriority;"
    "::Poco::TaskManager::start;::QThread::start;::QThreadPool::start;"
    "::QtConcurrent::run;::CreateThread;::_beginthreadex"};

// ---- Handles ---------------------------------------------------------------------
// Handles.h interprets these pairs; the option Handles adds the project's own.

/// Functions that acquire a handle and the functions that release it, as
/// 'acquire=release' pairs. The handle is the acquiring call's result, or
/// the variable whose address it is passed (the argument of the type the
/// release function takes, as in 'sqlite3_open(path, &db)'). A name ending
/// in '*' stands for every name that begins with the rest; an acquire
/// function listed more than once is released by any of its partners.
inline constexpr llvm::StringLiteral HandlePairs =
    // C streams, directories, file descriptors and sockets
    "::fopen=::fclose;::fdopen=::fclose;::tmpfile=::fclose;::popen=::pclose;"
    "::opendir=::closedir;::fdopendir=::closedir;::open=::close;"
    "::openat=::close;::creat=::close;::socket=::close;::accept=::close;"
    "::accept4=::close;::dup=::close;::epoll_create*=::close;"
    "::eventfd=::close;"
    // SQLite, libpq, MySQL, libcurl, hiredis
    "::sqlite3_open*=::sqlite3_close*;::sqlite3_prepare*=::sqlite3_finalize;"
    "::PQconnectdb*=::PQfinish;::PQsetdbLogin=::PQfinish;"
    "::PQconnectStart*=::PQfinish;::PQexec*=::PQclear;::PQprepare=::PQclear;"
    "::PQdescribePrepared=::PQclear;::PQgetResult=::PQclear;"
    "::mysql_init=::mysql_close;::mysql_store_result=::mysql_free_result;"
    "::mysql_use_result=::mysql_free_result;"
    "::mysql_stmt_init=::mysql_stmt_close;"
    "::curl_easy_init=::curl_easy_cleanup;"
    "::curl_multi_init=::curl_multi_cleanup;::redisConnect*=::redisFree;"
    // the C allocator: realloc takes over the block it is given
    "::malloc=::free;::calloc=::free;::realloc=::free;::strdup=::free;"
    "::strndup=::free;::aligned_alloc=::free;::malloc=::realloc;"
    "::calloc=::realloc;::realloc=::realloc;::strdup=::realloc;"
    "::strndup=::realloc";

/// The project's own 'acquire=release' pairs, in the format of HandlePairs.
inline constexpr NameList Handles = {"Handles", ""};

/// Functions that take over a handle passed to them, so that the caller no
/// longer releases it: 'fdopen(fd, mode)' closes fd with the stream it makes.
/// Member functions, and functions declared outside system headers whose
/// body is not in the translation unit, are assumed to take over too; a
/// release function passed beside the handle ('sqlite3_bind_text(stmt, 1,
/// text, -1, free)') hands it over as well.
inline constexpr NameList HandleTakingFunctions = {
    "HandleTakingFunctions",
    "::fdopen;::fdopendir;::pthread_create;::curl_multi_add_handle;"
    "::BIO_new_fd;::BIO_new_fp;::bufferevent_socket_new;::evconnlistener_new"};

/// Functions that report a failure of the outside world (bad input, a
/// missing key, a failed query) by throwing, besides the
/// ThrowingConversions and functions of this translation unit whose body
/// throws: a handle held across a call of one leaks when it throws. Index
/// checks such as vector::at are left out: they throw on bugs, not on load.
inline constexpr NameList ThrowingFunctions = {
    "ThrowingFunctions",
    "::std::map::at;::std::unordered_map::at;::nlohmann::basic_json::parse;"
    "::nlohmann::basic_json::at;::pqxx::transaction_base::exec;"
    "::pqxx::transaction_base::exec1"};

// ---- Error handling -------------------------------------------------------------

/// Functions that write a log line or print. Calls of functions and methods
/// whose name (or class name) contains 'log', '<<' into std::cerr,
/// std::clog, std::cout or a stream named like a log, and macros whose name
/// contains LOG are recognised too.
inline constexpr NameList Loggers = {
    "Loggers",
    "::printf;::fprintf;::puts;::fputs;::perror;::syslog;::std::printf;"
    "::std::fprintf;::std::puts;::std::fputs;::std::perror;::fmt::print;"
    "::fmt::println;::std::print;::std::println;::spdlog::trace;"
    "::spdlog::debug;::spdlog::info;::spdlog::warn;::spdlog::error;"
    "::spdlog::critical"};

/// Base classes of test fixtures: gtest's TEST and TEST_F bodies are
/// members of a class derived from testing::Test, CppUnit's tests of one
/// derived from TestFixture. A handler in a test is the test's assertion
/// that the exception comes.
inline constexpr llvm::StringLiteral TestFixtureClasses =
    "::testing::Test;::CppUnit::TestFixture;::CppUnit::TestCase";

/// Macros that declare a test body: a function whose name comes from one is
/// a test (Catch2's and doctest's TEST_CASE, Boost.Test's cases, gtest).
inline constexpr llvm::StringLiteral TestMacros =
    "TEST;TEST_F;TEST_P;TYPED_TEST;TYPED_TEST_P;GTEST_TEST;TEST_CASE;"
    "TEST_CASE_METHOD;TEMPLATE_TEST_CASE;SCENARIO;DOCTEST_TEST_CASE;"
    "BOOST_AUTO_TEST_CASE;BOOST_FIXTURE_TEST_CASE;BOOST_DATA_TEST_CASE";

/// Text-to-number conversions that throw std::invalid_argument or
/// std::out_of_range on bad input.
inline constexpr NameList ThrowingConversions = {
    "ThrowingConversions",
    "::std::stoi;::std::stol;::std::stoul;::std::stoll;::std::stoull;"
    "::std::stof;::std::stod;::std::stold"};

/// Conversions that cannot report an error at all: 0 for text they cannot
/// parse, undefined behaviour on overflow.
inline constexpr NameList UncheckedConversions = {
    "UncheckedConversions",
    "::atoi;::atol;::atoll;::atof;::std::atoi;::std::atol;::std::atoll;"
    "::std::atof"};

/// Functions whose result is data from outside the program: the
/// environment, stream input, network and database results. Members of
/// request and response objects (classes whose name ends in 'Request' or
/// 'Response') and main's argv count too.
inline constexpr NameList UntrustedSources = {
    "UntrustedSources",
    "::getenv;::std::getenv;::secure_getenv;::PQgetvalue;"
    "::sqlite3_column_text;::mysql_fetch_row;::fgets;::std::fgets;"
    "::httplib::Request::get_param_value;"
    "::httplib::Request::get_header_value;::crow::query_string::get;"
    "::redisCommand"};

/// Algorithms that return the end of their range when they find nothing
/// (member functions named find, lower_bound and upper_bound do too).
inline constexpr NameList SearchAlgorithms = {
    "SearchAlgorithms",
    "::std::find;::std::find_if;::std::find_if_not;::std::lower_bound;"
    "::std::upper_bound;::std::ranges::find;::std::ranges::find_if;"
    "::std::ranges::lower_bound;::std::ranges::upper_bound"};

/// Functions that return a null pointer on failure (or when there is
/// nothing to return).
inline constexpr NameList NullReturningFunctions = {
    "NullReturningFunctions",
    "::getenv;::std::getenv;::secure_getenv;::fopen;::std::fopen;::fdopen;"
    "::popen;::opendir;::malloc;::calloc;::realloc;::std::malloc;"
    "::std::calloc;::std::realloc;::strdup;::strchr;::strrchr;::strstr;"
    "::strpbrk;::memchr;::std::strchr;::std::strrchr;::std::strstr;"
    "::std::strpbrk;::std::memchr;::dlopen;::dlsym;::sqlite3_column_text;"
    "::sqlite3_column_blob;::mysql_fetch_row;::mysql_store_result;"
    "::mysql_init;::curl_easy_init;::PQgetResult;::redisConnect;"
    "::localtime;::gmtime;::std::localtime;::std::gmtime"};

/// Calls that move a result set's cursor to a row the code names: the fetch
/// of the same result right after one returns that row, not null.
inline constexpr NameList PositioningFunctions = {
    "PositioningFunctions", "::mysql_row_seek;::mysql_data_seek"};

/// Words (compared without case) of which one in a macro's name makes it an
/// assertion: 'assert(p)', gtest's 'ASSERT_NE(p, nullptr)' and
/// 'EXPECT_TRUE(p)', glog's 'CHECK(p)' and 'DCHECK(p)', Catch2's
/// 'REQUIRE(p)', Qt's 'QVERIFY(p)', 'poco_check_ptr(p)'. A pointer passed to
/// one as a whole argument counts as checked after it, even where NDEBUG
/// makes the macro expand to nothing.
inline constexpr llvm::StringLiteral AssertionMacroWords =
    "assert;check;expect;require;verify;ensure";

/// Functions whose pointer arguments must not be null.
inline constexpr NameList NonNullArgumentFunctions = {
    "NonNullArgumentFunctions",
    "::strlen;::strcmp;::strncmp;::strcpy;::strncpy;::strcat;::strncat;"
    "::strdup;::strchr;::strstr;::strtol;::strtoul;::strtod;::atoi;::atol;"
    "::atof;::std::strlen;::std::strcmp;::std::strcpy;::std::atoi;"
    "::printf;::fprintf;::sprintf;::snprintf;::puts;::fputs;::fgets;"
    "::fread;::fwrite;::fclose;::fflush;::fseek;::ftell;::readdir;"
    "::closedir;::memcpy;::memmove;::memset;::std::memcpy;::std::memset"};

// ---- Source files -------------------------------------------------------------

/// Paths of test sources, where stubs, mocks and sample credentials belong.
inline constexpr llvm::StringLiteral TestFilePattern =
    "(^|/)(test|tests|testing|unittest|unittests)/|"
    "(_test|_tests|_unittest|Test|Tests)\\.(c|cc|cpp|cxx)$";

// ---- HTTP routes -------------------------------------------------------------

/// A function that registers an HTTP route: its HTTP method, and which
/// arguments hold the path and the handler. Crow's rules, Drogon's
/// registrations and Boost.Beast's dispatch on target() are recognised by
/// shape in UnauthenticatedRouteCheck.
struct RouteRegistration {
  llvm::StringLiteral Function;
  llvm::StringLiteral Method;
  unsigned PathArg;
  unsigned HandlerArg;
};
inline constexpr RouteRegistration RouteRegistrations[] = {
    {"::httplib::Server::Get", "GET", 0, 1},
    {"::httplib::Server::Post", "POST", 0, 1},
    {"::httplib::Server::Put", "PUT", 0, 1},
    {"::httplib::Server::Patch", "PATCH", 0, 1},
    {"::httplib::Server::Delete", "DELETE", 0, 1},
    {"::httplib::Server::Options", "OPTIONS", 0, 1},
    {"::Pistache::Rest::Routes::Get", "GET", 1, 2},
    {"::Pistache::Rest::Routes::Post", "POST", 1, 2},
    {"::Pistache::Rest::Routes::Put", "PUT", 1, 2},
    {"::Pistache::Rest::Routes::Patch", "PATCH", 1, 2},
    {"::Pistache::Rest::Routes::Delete", "DELETE", 1, 2},
    {"::Pistache::Rest::Routes::Options", "OPTIONS", 1, 2}};

/// Substrings (compared without case and underscores) of the names of
/// functions that authenticate or authorise a request.
inline constexpr llvm::StringLiteral AuthFunctions =
    "auth;authenticate;authorize;verify_token;check_permission;require_login;"
    "session";

/// Request headers whose reading means the handler checks credentials.
inline constexpr llvm::StringLiteral AuthHeaders[] = {
    "authorization", "x-api-key", "api-key", "x-auth-token", "cookie"};

/// Paths anyone may call: health checks, metrics, and the endpoints that
/// create a session in the first place. An entry ending in '/*' covers
/// everything below it; any entry also matches as the last segments of a
/// longer path ('/api/v1/login').
inline constexpr llvm::StringLiteral PublicRoutes =
    "/;/health;/healthz;/ready;/readyz;/live;/livez;/ping;/status;/version;"
    "/metrics;/login;/signin;/signup;/register;/logout;/token;/oauth/*;"
    "/.well-known/*;/favicon.ico;/robots.txt";

/// Functions and classes (their constructors) that write files: a route
/// handler calling one changes data.
inline constexpr NameList FileWriteFunctions = {
    "FileWriteFunctions",
    "::fopen;::freopen;::fwrite;::fputs;::fputc;::fprintf;::write;::pwrite;"
    "::open;::openat;::creat;::rename;::remove;::unlink;::mkdir;::rmdir;"
    "::truncate;::ftruncate;::std::fopen;::std::fwrite;::std::remove;"
    "::std::rename;::std::basic_ofstream;::std::basic_fstream;"
    "::std::basic_ofstream::open;::std::basic_fstream::open;"
    "::std::filesystem::remove;::std::filesystem::remove_all;"
    "::std::filesystem::rename;::std::filesystem::copy_file;"
    "::std::filesystem::create_directory;"
    "::std::filesystem::create_directories"};

/// Classes whose objects hold a database transaction open while they live:
/// writes through them (or made while one is alive) are committed together.
inline constexpr NameList TransactionClasses = {
    "TransactionClasses",
    "::pqxx::dbtransaction;::SQLite::Transaction;::soci::transaction"};

/// Functions that open a transaction on the connection they are called on.
inline constexpr NameList TransactionFunctions = {
    "TransactionFunctions", "::soci::session::begin"};

} // namespace clang::tidy::vibeguard::catalog

#endif // VIBEGUARD_CATALOG_H
