// Mock of Boost.Beast's HTTP messages for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_BOOST_BEAST_HTTP_HPP
#define VIBEGUARD_MOCK_BOOST_BEAST_HTTP_HPP
#include <string>
namespace boost {
namespace beast {
using string_view = const char *;
namespace http {
enum class verb { get, post, put, patch, delete_, options };
enum class field { authorization };
struct string_body {};
template <class Body> class request {
public:
  verb method() const;
  std::string target() const;
  std::string operator[](field f) const;
  std::string body() const;
};
template <class Body> class response {};
} // namespace http
} // namespace beast
} // namespace boost
#endif
