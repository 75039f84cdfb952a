// RUN: %check_vibeguard %s vibeguard-unauthenticated-route %t
// RUN: %check_vibeguard -check-suffix=READS %s vibeguard-unauthenticated-route %t-reads \
// RUN:   -- -config="{CheckOptions: {vibeguard-unauthenticated-route.IncludeReadRoutes: true, \
// RUN:                               vibeguard-unauthenticated-route.AuthFunctions: 'checkApiKey', \
// RUN:                               vibeguard-unauthenticated-route.PublicRoutes: '/public/*;docs'}}" \
// RUN:   -- -DREADS_ONLY

#include <boost/beast/http.hpp>
#include <crow.h>
#include <cstdio>
#include <drogon/drogon.h>
#include <httplib.h>
#include <pistache/router.h>
#include <string>
#include <vector>

struct User {
  std::string Name;
};
void saveUser(const std::string &Body);
void deleteAll();

#ifdef READS_ONLY
// CHECK-MESSAGES-READS: warning: invalid entry 'docs' in option 'PublicRoutes': expected a path starting with '/'; the entry is ignored [clang-tidy-config]
bool checkApiKey(const httplib::Request &Req);

void reads(httplib::Server &Server) {
  Server.Get("/users", [](const httplib::Request &, httplib::Response &Res) {
    // CHECK-MESSAGES-READS: :[[@LINE-1]]:3: warning: route GET '/users' runs without authenticating the caller, so anyone who can reach the server can read it
    // CHECK-MESSAGES-READS: :[[@LINE-2]]:24: note: its handler calls no authentication function
    Res.set_content("[]", "application/json");
  });
  Server.Get("/public/logo.png", [](const httplib::Request &, httplib::Response &) {});
  Server.Get("/me", [](const httplib::Request &Req, httplib::Response &) {
    checkApiKey(Req);
  });
}
#else

// ---- Routes that change data without authenticating ------------------------------

void httplibRoutes(httplib::Server &Server) {
  Server.Post("/users", [](const httplib::Request &Req, httplib::Response &Res) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route POST '/users' runs without authenticating the caller, so anyone who can reach the server can change data through it; check the caller in its handler (a function matching AuthFunctions) or guard the routes with authenticating middleware [vibeguard-unauthenticated-route]
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: its handler calls no authentication function
    saveUser(Req.body);
    Res.set_content("ok", "text/plain");
  });
  // Reads are left alone by default.
  Server.Get("/users", [](const httplib::Request &, httplib::Response &) {});
}

void resetHandler(const httplib::Request &, httplib::Response &) { deleteAll(); }
void namedHandler(httplib::Server &Server) {
  Server.Delete("/users", resetHandler);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route DELETE '/users' runs without authenticating the caller
  // CHECK-MESSAGES: :[[@LINE-4]]:6: note: its handler calls no authentication function
}

// A pre-routing handler that only logs is no guard.
void logRequest(const httplib::Request &Req);
void loggedOnly(httplib::Server &Server) {
  Server.set_pre_routing_handler([](const httplib::Request &Req, httplib::Response &) {
    logRequest(Req);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  Server.Put("/settings", [](const httplib::Request &Req, httplib::Response &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route PUT '/settings' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE-2]]:27: note: its handler calls no authentication function
    saveUser(Req.body);
  });
}

void crowRoutes() {
  crow::SimpleApp App;
  CROW_ROUTE(App, "/orders").methods(crow::HTTPMethod::POST)([](const crow::request &Req) {
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: route POST '/orders' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE-2]]:62: note: its handler calls no authentication function
    saveUser(Req.body);
    return crow::response(201);
  });
  crow::Blueprint Admin("admin");
  CROW_BP_ROUTE(Admin, "/wipe").methods(crow::HTTPMethod::DELETE)([] {
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: route DELETE '/wipe' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE-2]]:67: note: its handler calls no authentication function
    deleteAll();
    return crow::response(204);
  });
  // Crow's default method is GET.
  CROW_ROUTE(App, "/orders")([] { return crow::response("[]"); });
}

void drogonRoutes() {
  drogon::app().registerHandler(
      // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route POST '/items' runs without authenticating the caller
      "/items",
      [](const drogon::HttpRequestPtr &Req) { saveUser(Req->body()); },
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: its handler calls no authentication function
      {drogon::Post});
}

class ItemController : public drogon::HttpController<ItemController> {
public:
  METHOD_LIST_BEGIN
  METHOD_ADD(ItemController::remove, "/items/{id}", drogon::Delete);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route DELETE '/items/{id}' runs without authenticating the caller
  // CHECK-MESSAGES: :{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'METHOD_ADD'
  // CHECK-MESSAGES: :[[@LINE+3]]:8: note: its handler calls no authentication function
  METHOD_LIST_END

  void remove(const drogon::HttpRequestPtr &Req) { deleteAll(); }
};
void initControllers() { ItemController::initPathRouting(); }

class ItemsApi {
public:
  void setup(Pistache::Rest::Router &Router) {
    Pistache::Rest::Routes::Post(Router, "/items",
                                 Pistache::Rest::Routes::bind(&ItemsApi::create, this));
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: route POST '/items' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE+2]]:8: note: its handler calls no authentication function
  }
  void create(const Pistache::Rest::Request &Req,
              Pistache::Http::ResponseWriter Response) {
    saveUser(Req.body());
    Response.send(201, "");
  }
};

namespace http = boost::beast::http;
void handle(const http::request<http::string_body> &Req) {
  if (Req.method() == http::verb::post && Req.target() == "/upload") {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route POST '/upload' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE-2]]:70: note: its handler calls no authentication function
    saveUser(Req.body());
  }
}

// Handlers that change shared state or files, with no call to see into.
int Hits;
void sharedState(httplib::Server &Server, std::vector<std::string> &Log) {
  Server.Post("/hit", [](const httplib::Request &, httplib::Response &) { ++Hits; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route POST '/hit' runs without authenticating the caller, so anyone who can reach the server can change data through it
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: its handler calls no authentication function
  Server.Post("/log", [&Log](const httplib::Request &Req, httplib::Response &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route POST '/log' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: its handler calls no authentication function
    Log.push_back(Req.body);
  });
  Server.Put("/upload", [](const httplib::Request &Req, httplib::Response &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route PUT '/upload' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: its handler calls no authentication function
    FILE *Out = std::fopen("/var/lib/app/upload", "w");
    std::fputs(Req.body.c_str(), Out);
  });
}

class Counter {
public:
  void setup(httplib::Server &Server) {
    Server.Post("/increment", [this](const httplib::Request &, httplib::Response &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: route POST '/increment' runs without authenticating the caller
      // CHECK-MESSAGES: :[[@LINE-2]]:31: note: its handler calls no authentication function
      bump();
    });
  }

private:
  void bump() { ++Value; }
  int Value = 0;
};

// ---- Correct code that must stay silent --------------------------------------

// A state-changing method whose handler changes nothing: it echoes the
// request, validates it, or answers a constant.
std::string describe(const std::string &Body) { return "got " + Body; }
void harmless(httplib::Server &Server) {
  Server.Post("/echo", [](const httplib::Request &Req, httplib::Response &Res) {
    Res.set_content(Req.body, "text/plain");
  });
  Server.Post("/validate", [](const httplib::Request &Req, httplib::Response &Res) {
    std::string Answer = describe(Req.body);
    Res.status = Answer.size() > 4 ? 200 : 400;
    Res.set_content(Answer, "text/plain");
  });
  Server.Put("/noop", [](const httplib::Request &, httplib::Response &Res) {
    Res.set_content("{}", "application/json");
  });
}


bool authenticate(const httplib::Request &Req);
bool verify_token(const std::string &Token);
void requireAdmin(const httplib::Request &Req) {
  if (!authenticate(Req))
    throw 1;
}

void authenticated(httplib::Server &Server) {
  // The handler authenticates itself.
  Server.Post("/posts", [](const httplib::Request &Req, httplib::Response &) {
    if (!authenticate(Req))
      return;
    saveUser(Req.body);
  });
  // Through a helper of the translation unit.
  Server.Delete("/posts", [](const httplib::Request &Req, httplib::Response &) {
    requireAdmin(Req);
    deleteAll();
  });
  // By checking the credential header.
  Server.Put("/profile", [](const httplib::Request &Req, httplib::Response &) {
    if (!verify_token(Req.get_header_value("Authorization")))
      return;
    saveUser(Req.body);
  });
  // Public routes.
  Server.Post("/login", [](const httplib::Request &Req, httplib::Response &) {});
  Server.Post("/api/v1/signup", [](const httplib::Request &Req, httplib::Response &) {});
  Server.Post("/health", [](const httplib::Request &, httplib::Response &) {});
}

// A server guarded by an authenticating pre-routing handler.
void guardedServer(httplib::Server &Server) {
  Server.set_pre_routing_handler([](const httplib::Request &Req, httplib::Response &) {
    return authenticate(Req) ? httplib::Server::HandlerResponse::Unhandled
                             : httplib::Server::HandlerResponse::Handled;
  });
  Server.Post("/comments", [](const httplib::Request &Req, httplib::Response &) {
    saveUser(Req.body);
  });
}

// Crow with middleware, Drogon with a filter, Beast with an authorization
// check.
struct AuthMiddleware {
  struct context {};
  void before_handle(crow::request &Req, crow::response &Res, context &Ctx);
};
void guardedFrameworks(const http::request<http::string_body> &Req) {
  crow::App<AuthMiddleware> App;
  CROW_ROUTE(App, "/notes").methods(crow::HTTPMethod::POST)([](const crow::request &R) {
    saveUser(R.body);
    return crow::response(201);
  });
  drogon::app().registerHandler(
      "/notes", [](const drogon::HttpRequestPtr &R) { saveUser(R->body()); },
      {drogon::Post, "LoginFilter"});
  if (Req.method() == http::verb::delete_ && Req.target() == "/notes") {
    if (!verify_token(Req[http::field::authorization]))
      return;
    deleteAll();
  }
}

// ---- Macros, templates, NOLINT ---------------------------------------------------

#define ROUTE_POST(Server, Path, Handler) (Server).Post(Path, Handler)

void viaMacro(httplib::Server &Server) {
  ROUTE_POST(Server, "/macro", [](const httplib::Request &Req, httplib::Response &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route POST '/macro' runs without authenticating the caller
    // CHECK-MESSAGES: :{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'ROUTE_POST'
    // CHECK-MESSAGES: :[[@LINE-3]]:32: note: its handler calls no authentication function
    saveUser(Req.body);
  });
}

template <class ServerT> void registerAll(ServerT &Server) {
  Server.Patch("/tmpl", [](const httplib::Request &Req, httplib::Response &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: route PATCH '/tmpl' runs without authenticating the caller
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: its handler calls no authentication function
    saveUser(Req.body);
  });
}
void instantiate(httplib::Server &A, httplib::SSLServer &B) {
  registerAll(A);
  registerAll(B);
}

void suppressed(httplib::Server &Server) {
  Server.Post("/legacy", [](const httplib::Request &Req, httplib::Response &) { // NOLINT(vibeguard-unauthenticated-route)
    saveUser(Req.body);
  });
}
#endif
