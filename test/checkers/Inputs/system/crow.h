// Mock of Crow for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_CROW_H
#define VIBEGUARD_MOCK_CROW_H
#include <string>
namespace crow {
enum class HTTPMethod { GET, POST, PUT, PATCH, DELETE, OPTIONS };
struct request {
  std::string body;
  std::string get_header_value(const char *key) const;
};
struct response {
  response();
  response(int code);
  response(const std::string &body);
};
class TaggedRule {
public:
  template <class... M> TaggedRule &methods(M... m);
  template <class F> void operator()(F f) {}
};
class Blueprint {
public:
  explicit Blueprint(const char *prefix);
  template <int N> TaggedRule &new_rule_tagged(const char *url);
};
template <class... Middlewares> class App {
public:
  template <int N> TaggedRule &route(const char *url);
  App &port(int p);
  void run();
  void register_blueprint(Blueprint &bp);
};
using SimpleApp = App<>;
} // namespace crow
#define CROW_ROUTE(app, url) app.template route<0>(url)
#define CROW_BP_ROUTE(blueprint, url) blueprint.template new_rule_tagged<0>(url)
#endif
