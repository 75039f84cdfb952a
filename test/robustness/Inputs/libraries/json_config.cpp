// Loading and merging JSON configuration with nlohmann/json.
#include <nlohmann/json.hpp>

#include <fstream>
#include <list>
#include <string>
#include <vector>

using nlohmann::json;

struct Endpoint {
  std::string Name;
  std::string Url;
  int TimeoutMs = 1000;
};

std::vector<Endpoint> loadEndpoints(const std::string &Path) {
  std::ifstream In(Path);
  json Config = json::parse(In, nullptr, /*allow_exceptions=*/false);
  std::vector<Endpoint> Result;
  if (!Config.is_object() || !Config.contains("endpoints"))
    return Result;
  for (const auto &Item : Config["endpoints"]) {
    Endpoint E;
    E.Name = Item.value("name", "");
    E.Url = Item.value("url", "");
    E.TimeoutMs = Item.value("timeout_ms", 1000);
    if (std::find_if(Result.begin(), Result.end(), [&](const Endpoint &Seen) {
          return Seen.Name == E.Name;
        }) == Result.end())
      Result.push_back(E);
  }
  for (auto It = Result.begin(); It != Result.end();) {
    if (It->Url.empty())
      It = Result.erase(It);
    else
      ++It;
  }
  return Result;
}

json merge(const std::list<json> &Layers) {
  json Merged = json::object();
  for (std::size_t I = 0; I < Layers.size(); ++I)
    Merged.merge_patch(*std::next(Layers.begin(), I));
  return Merged;
}

std::string describe(const std::vector<Endpoint> &Endpoints) {
  json Out = json::array();
  for (const Endpoint &E : Endpoints)
    Out.push_back({{"name", E.Name}, {"url", E.Url}, {"timeout", E.TimeoutMs}});
  return Out.dump(2);
}
