// Mock of Boost.Process for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_BOOST_PROCESS_HPP
#define VIBEGUARD_MOCK_BOOST_PROCESS_HPP
#include <string>
#include <vector>
namespace boost {
namespace process {
struct shell_ {};
inline constexpr shell_ shell{};
template <class... Args> int system(Args &&...args);
class child {
public:
  template <class... Args> explicit child(Args &&...args);
  void wait();
};
} // namespace process
} // namespace boost
#endif
