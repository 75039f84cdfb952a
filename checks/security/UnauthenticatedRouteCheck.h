//===--- UnauthenticatedRouteCheck.h - vibeguard ----------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SECURITY_UNAUTHENTICATEDROUTECHECK_H
#define VIBEGUARD_CHECKS_SECURITY_UNAUTHENTICATEDROUTECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/NameListOption.h"
#include "vibeguard/RemoteCalls.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds HTTP routes (cpp-httplib, Crow, Drogon, Pistache, Boost.Beast
/// dispatch on the target) whose handler never calls an authentication
/// function and that no authenticating framework guard covers.
///
/// For the user-facing documentation see docs/checks/unauthenticated-route.md.
class UnauthenticatedRouteCheck : public ClangTidyCheck {
public:
  UnauthenticatedRouteCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  struct Route {
    SourceLocation Loc;
    std::vector<std::string> Methods; // empty: every method
    std::string Path;                 // empty: not a literal
    const Stmt *Handler = nullptr;    // a body, or Beast's branch
    const FunctionDecl *HandlerFn = nullptr; // whose locals Handler uses
    SourceLocation HandlerLoc;
    const ValueDecl *Server = nullptr; // for pre-routing guards
    bool Guarded = false;
  };

  void checkCall(const CallExpr &Call);
  void checkCrowRule(const CXXOperatorCallExpr &Call);
  void checkDrogon(const CallExpr &Call, const FunctionDecl &Callee);
  void checkBeastDispatch(const IfStmt &If, const FunctionDecl *Fn);
  /// The body of the handler \p E names: a lambda, a function, a member
  /// function through '&Class::fn' or 'Routes::bind(&Class::fn, this)'.
  const FunctionDecl *handlerOf(const Expr *E) const;
  bool isAuthFunction(const NamedDecl &D) const;
  /// True if running \p S calls an authentication function or reads a
  /// credential header, directly or through functions of the translation
  /// unit.
  bool authenticates(const Stmt *S);
  bool authenticates(const FunctionDecl *Fn);
  /// True if running \p S, in \p Owner, may change data: it writes to a
  /// database, a file, another service, a variable that outlives the call
  /// (a global, a member, a capture), or calls a function the translation
  /// unit cannot see into. Writes to its own locals and parameters (the
  /// response) and library calls on them change nothing.
  bool changesData(const Stmt *S, const FunctionDecl *Owner, bool ThisIsLocal);
  bool changesData(const FunctionDecl *Fn);
  bool changesDataByCall(const Expr &Call, const FunctionDecl *Callee,
                         const FunctionDecl *Owner, bool ThisIsLocal);
  bool isPublic(llvm::StringRef Path) const;
  void addRoute(Route R);

  const std::string RawAuthFunctions;
  const std::string RawPublicRoutes;
  const bool IncludeReadRoutes;
  RemoteCallCatalog Remote;
  const NameListOption FileWriteFunctions;
  std::vector<std::string> AuthNames;
  std::vector<std::string> PublicPaths;

  std::vector<Route> Routes;
  llvm::DenseSet<SourceLocation> SeenRoutes;
  // Servers whose pre-routing handler authenticates.
  llvm::DenseSet<const ValueDecl *> GuardedServers;
  std::vector<std::pair<const ValueDecl *, const FunctionDecl *>> PreRouting;
  llvm::DenseMap<const FunctionDecl *, bool> Authenticates;
  llvm::DenseMap<const FunctionDecl *, bool> ChangesData;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SECURITY_UNAUTHENTICATEDROUTECHECK_H
