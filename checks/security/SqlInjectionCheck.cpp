//===--- SqlInjectionCheck.cpp - vibeguard --------------------------------===//

#include "SqlInjectionCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

SqlInjectionCheck::SqlInjectionCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Catalog(*this, Options),
      EscapeFunctions(*this, Options, catalog::EscapeFunctions),
      AllowNumbers(Options.get("AllowNumbers", true)),
      Provenance(EscapeFunctions.names(), AllowNumbers) {}

void SqlInjectionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Catalog.store(Options, Opts);
  EscapeFunctions.store(Options, Opts);
  Options.store(Opts, "AllowNumbers", AllowNumbers);
}

void SqlInjectionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"),
                     this);
}

void SqlInjectionCheck::onStartOfTranslationUnit() {
  Catalog.clear();
  Provenance.clear();
  Diagnosed.clear();
}

// The parameterised form of the API that \p Callee belongs to.
static const char *remedyFor(const FunctionDecl &Callee) {
  const std::string Name = Callee.getQualifiedNameAsString();
  const llvm::StringRef Ref(Name);
  if (Ref.starts_with("sqlite3_"))
    return "prepare it with '?' placeholders and bind the values with "
           "sqlite3_bind_*";
  if (Ref.starts_with("PQ"))
    return "send the values separately with PQexecParams (or PQprepare and "
           "PQexecPrepared)";
  if (Ref.starts_with("mysql_"))
    return "use a prepared statement with mysql_stmt_prepare and "
           "mysql_stmt_bind_param";
  if (Ref.starts_with("pqxx::"))
    return "pass the values as parameters with exec_params (or exec with "
           "pqxx::params)";
  return "pass the values as bound parameters of a prepared statement";
}

void SqlInjectionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || Call->isTypeDependent())
    return;
  std::optional<RemoteCall> Remote = Catalog.classify(*Call);
  if (!Remote || !Remote->Statement)
    return;
  const Expr *Part = Provenance.firstRunTimePart(*Remote->Statement);
  if (!Part || !Diagnosed.insert(Remote->Statement->getBeginLoc()).second)
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  diag(Remote->Statement->getBeginLoc(),
       "the SQL statement passed to '%0' is built from run-time text, so crafted "
       "input can rewrite the query (SQL injection); %1")
      << Callee->getQualifiedNameAsString() << remedyFor(*Callee);
  diag(Part->getBeginLoc(), "run-time text enters the statement here",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::vibeguard
