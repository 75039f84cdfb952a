// Mock of <boost/regex.hpp> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_BOOST_REGEX
#define VIBEGUARD_MOCK_BOOST_REGEX

#include <string>

namespace boost {
template <class CharT> struct regex_traits {};
template <class CharT, class Traits = regex_traits<CharT>> class basic_regex {
public:
  basic_regex();
  explicit basic_regex(const CharT *Pattern);
  explicit basic_regex(const std::basic_string<CharT> &Pattern);
  basic_regex(const basic_regex &);
  ~basic_regex();
};
typedef basic_regex<char> regex;
bool regex_match(const std::string &S, const regex &Re);
bool regex_search(const std::string &S, const regex &Re);
} // namespace boost

#endif
