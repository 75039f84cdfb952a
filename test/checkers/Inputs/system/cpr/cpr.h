// Mock of cpr for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_CPR_H
#define VIBEGUARD_MOCK_CPR_H
#include <string>
namespace cpr {
struct Url {
  Url(const char *);
  Url(const std::string &);
};
struct Response {
  long status_code;
  std::string text;
};
template <class... Ts> Response Get(Ts &&...ts);
template <class... Ts> Response Post(Ts &&...ts);
} // namespace cpr
#endif
