// Mock of Pistache's REST router for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_PISTACHE_ROUTER_H
#define VIBEGUARD_MOCK_PISTACHE_ROUTER_H
#include <string>
namespace Pistache {
namespace Http {
class ResponseWriter {
public:
  void send(int code, const std::string &body);
};
} // namespace Http
namespace Rest {
class Request {
public:
  const std::string &body() const;
};
class Router {};
struct Route {
  struct Handler {
    template <class F> Handler(F f) {}
  };
};
namespace Routes {
template <class R, class T, class... Args>
Route::Handler bind(R (T::*method)(Args...), T *object);
void Get(Router &router, const std::string &path, Route::Handler handler);
void Post(Router &router, const std::string &path, Route::Handler handler);
void Put(Router &router, const std::string &path, Route::Handler handler);
void Patch(Router &router, const std::string &path, Route::Handler handler);
void Delete(Router &router, const std::string &path, Route::Handler handler);
} // namespace Routes
} // namespace Rest
} // namespace Pistache
#endif
