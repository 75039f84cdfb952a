// Mock of cpp-httplib for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_HTTPLIB_H
#define VIBEGUARD_MOCK_HTTPLIB_H
#include <string>
namespace httplib {
struct Response {
  int status;
  std::string body;
};
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
