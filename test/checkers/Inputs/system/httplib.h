// Mock of cpp-httplib for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_HTTPLIB_H
#define VIBEGUARD_MOCK_HTTPLIB_H
#include <string>
#include <functional>
namespace httplib {
struct Response {
  int status;
  std::string body;
  void set_content(const std::string &body, const char *type);
};
struct Request {
  std::string body;
  std::string path;
  bool has_header(const char *key) const;
  std::string get_header_value(const char *key) const;
  std::string get_param_value(const char *key) const;
};
class Server {
public:
  using Handler = std::function<void(const Request &, Response &)>;
  enum class HandlerResponse { Handled, Unhandled };
  using HandlerWithResponse =
      std::function<HandlerResponse(const Request &, Response &)>;
  Server &Get(const std::string &pattern, Handler handler);
  Server &Post(const std::string &pattern, Handler handler);
  Server &Put(const std::string &pattern, Handler handler);
  Server &Patch(const std::string &pattern, Handler handler);
  Server &Delete(const std::string &pattern, Handler handler);
  Server &Options(const std::string &pattern, Handler handler);
  Server &set_pre_routing_handler(HandlerWithResponse handler);
  bool listen(const std::string &host, int port);
};
class SSLServer : public Server {};
class Result {
public:
  explicit operator bool() const;
  const Response *operator->() const;
  const Response &operator*() const;
};
class ClientImpl {
public:
  explicit ClientImpl(const std::string &host);
  Result Get(const std::string &path);
  Result Post(const std::string &path, const std::string &body,
              const std::string &content_type);
  Result Delete(const std::string &path);
};
class Client {
public:
  explicit Client(const std::string &scheme_host_port);
  Result Get(const std::string &path);
  Result Post(const std::string &path, const std::string &body,
              const std::string &content_type);
  Result Put(const std::string &path, const std::string &body,
             const std::string &content_type);
  Result Patch(const std::string &path, const std::string &body,
               const std::string &content_type);
  Result Delete(const std::string &path);
};
class SSLClient : public ClientImpl {
public:
  explicit SSLClient(const std::string &host);
};
} // namespace httplib
#endif
