// Broken on purpose: clang recovers and the checks see what it could parse.
#include <string>
#include <vector>

void drain(std::vector<int> &Queue) {
  while (!Queue.empty() {
    Queue.erase(Queue.begin())
    for (auto It = Queue.begin(); It != Queue.end();) {
      if (*It < 0
        It = Queue.erase(It);
      else
        ++It;
    }
  }

std::string join(const std::vector<std::string> &Parts) {
  std::string Out;
  for (const auto &P : Parts)
    Out.insert(0, P.c_str();
  return Out
}
