// Mock of fmt's <fmt/format.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_FMT_FORMAT_H
#define VIBEGUARD_MOCK_FMT_FORMAT_H
#include <string>
namespace fmt {
template <class... Args> std::string format(const char *fmt, Args &&...args);
} // namespace fmt
#endif
