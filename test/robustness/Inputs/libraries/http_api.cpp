// A small REST service on cpp-httplib that calls another service.
#include <httplib.h>

#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

static std::unordered_map<std::string, std::string> ProfileCache;

std::string fetchProfile(httplib::Client &Upstream, const std::string &Id) {
  auto Cached = ProfileCache.find(Id);
  if (Cached != ProfileCache.end())
    return Cached->second;
  auto Response = Upstream.Get(("/profiles/" + Id).c_str());
  std::string Body = Response ? Response->body : "";
  ProfileCache[Id] = Body;
  return Body;
}

int main() {
  httplib::Server Server;
  httplib::Client Upstream("http://localhost:9000");

  Server.Get("/health", [](const httplib::Request &, httplib::Response &Res) {
    Res.set_content("ok", "text/plain");
  });
  Server.Post("/batch", [&](const httplib::Request &Req, httplib::Response &Res) {
    std::vector<std::string> Ids;
    std::string Body = Req.body;
    std::size_t Pos;
    while ((Pos = Body.find(',')) != std::string::npos) {
      Ids.push_back(Body.substr(0, Pos));
      Body = Body.substr(Pos + 1);
    }
    std::string Out;
    for (const std::string &Id : Ids) {
      std::regex Valid("^[a-z0-9]+$");
      if (std::regex_match(Id, Valid))
        Out += fetchProfile(Upstream, Id) + "\n";
    }
    Res.set_content(Out, "text/plain");
  });
  Server.listen("0.0.0.0", 8080);
}
