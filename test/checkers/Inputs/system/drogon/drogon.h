// Mock of Drogon for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_DROGON_H
#define VIBEGUARD_MOCK_DROGON_H
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
namespace drogon {
enum HttpMethod { Get, Post, Head, Put, Delete, Options, Patch };
class HttpRequest {
public:
  const std::string &getHeader(const std::string &key) const;
  const std::string &body() const;
};
class HttpResponse {};
using HttpRequestPtr = std::shared_ptr<HttpRequest>;
using HttpResponsePtr = std::shared_ptr<HttpResponse>;
namespace internal {
struct HttpConstraint {
  HttpConstraint(HttpMethod method);
  HttpConstraint(const char *filterName);
};
} // namespace internal
class HttpAppFramework {
public:
  template <class F>
  HttpAppFramework &
  registerHandler(const std::string &path, F &&handler,
                  std::initializer_list<internal::HttpConstraint> constraints = {}) {
    return *this;
  }
  void run();
};
HttpAppFramework &app();
template <class T> class HttpController {
protected:
  template <class M>
  static void registerMethod(M method, const std::string &pattern,
                             std::initializer_list<internal::HttpConstraint> constraints,
                             bool absolute, const char *name);
};
template <class T> class HttpSimpleController {
protected:
  static void registerSelf__(const std::string &path,
                             std::initializer_list<internal::HttpConstraint> constraints);
};
} // namespace drogon
#define METHOD_LIST_BEGIN static void initPathRouting() {
#define METHOD_ADD(method, pattern, ...)                                       \
  registerMethod(&method, pattern, {__VA_ARGS__}, false, #method)
#define METHOD_LIST_END }
#define PATH_LIST_BEGIN static void initPathRouting() {
#define PATH_ADD(path, ...) registerSelf__(path, {__VA_ARGS__})
#define PATH_LIST_END }
#endif
