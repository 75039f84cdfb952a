// Mock of <spdlog/spdlog.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_SPDLOG
#define VIBEGUARD_MOCK_SPDLOG
namespace spdlog {
template <class... Args> void error(const char *fmt, Args &&...args) {}
template <class... Args> void warn(const char *fmt, Args &&...args) {}
} // namespace spdlog
#endif
