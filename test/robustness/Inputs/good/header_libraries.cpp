// Well-written library code analysed as if it were the project's own: the
// robustness run copies these libraries' headers next to this file and
// includes them with -I, so every function in them is walked.
#define FMT_HEADER_ONLY
#define SPDLOG_HEADER_ONLY
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

int main() {
  nlohmann::json Config = nlohmann::json::parse(R"({"level": "info"})");
  spdlog::info("{}", fmt::format("config: {}", Config.dump()));
}
