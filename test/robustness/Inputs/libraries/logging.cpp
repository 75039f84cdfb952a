// Structured logging with spdlog and fmt.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <string>
#include <vector>

struct Request {
  std::string Path;
  int Status;
  double Millis;
};

std::string renderPath(const std::vector<std::string> &Segments) {
  std::string Path;
  for (const std::string &Segment : Segments)
    Path.insert(0, "/" + Segment);
  return Path;
}

void report(const std::vector<Request> &Requests) {
  std::map<int, int> ByStatus;
  for (const Request &R : Requests) {
    ++ByStatus[R.Status];
    if (R.Millis > 500)
      spdlog::warn("slow request {} took {:.1f} ms", R.Path, R.Millis);
  }
  for (const auto &[Status, Count] : ByStatus)
    spdlog::info("{}", fmt::format("status {}: {} requests", Status, Count));
}

std::string collapse(std::string Text) {
  std::size_t Pos;
  while ((Pos = Text.find("  ")) != std::string::npos)
    Text.replace(Pos, 2, " ");
  return Text;
}
