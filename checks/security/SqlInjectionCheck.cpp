//===--- SqlInjectionCheck.cpp - vibeguard --------------------------------===//

#include "SqlInjectionCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

// How many wrappers a statement is followed through to the call that
// builds it.
static constexpr unsigned MaxWrappers = 4;

static std::vector<llvm::StringRef> concat(const NameListOption &A,
                                           const NameListOption &B) {
  std::vector<llvm::StringRef> Result = A.names();
  Result.insert(Result.end(), B.names().begin(), B.names().end());
  return Result;
}

SqlInjectionCheck::SqlInjectionCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Catalog(*this, Options),
      EscapeFunctions(*this, Options, catalog::EscapeFunctions),
      SqlEscapeFunctions(*this, Options, catalog::SqlEscapeFunctions),
      ParameterisedSqlFunctions(*this, Options,
                                catalog::ParameterisedSqlFunctions),
      AllowNumbers(Options.get("AllowNumbers", true)),
      AllEscapeFunctions(concat(EscapeFunctions, SqlEscapeFunctions)),
      Provenance(AllEscapeFunctions, AllowNumbers) {}

void SqlInjectionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Catalog.store(Options, Opts);
  EscapeFunctions.store(Options, Opts);
  SqlEscapeFunctions.store(Options, Opts);
  ParameterisedSqlFunctions.store(Options, Opts);
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

// A data member of the object running the statement ('query_'): the text
// its owner was given, decided wherever that was.
// Also an element of one ('queryChunks_.front()', 'chunks_[0]').
static bool isOwnField(const Expr &Part) {
  const Expr *E = &Part;
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      E = Call->getImplicitObjectArgument();
    else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
             OpCall && OpCall->getOperator() == OO_Subscript)
      E = OpCall->getArg(0);
    else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      E = Subscript->getBase();
    else
      return false;
  }
  return false;
}

void SqlInjectionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || Call->isTypeDependent())
    return;
  std::optional<RemoteCall> Remote = Catalog.classify(*Call);
  if (!Remote || !Remote->Statement)
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  llvm::SmallVector<Hop, 4> Hops{{Remote->Statement, Callee}};
  follow(Hops, matchesAnyName(*Callee, ParameterisedSqlFunctions.names()));
}

void SqlInjectionCheck::follow(llvm::SmallVectorImpl<Hop> &Hops,
                               bool Parameterised) {
  const TextOrigin Origin = Provenance.origin(*Hops.back().Statement);
  // A statement that is only held in a variable, a field or a parameter is
  // the text the code was given; it is an injection where it is built. The
  // parameterised calls take their values apart, so only a statement built
  // from run-time text is one; the others also run a run-time text whole.
  if (Origin.Part &&
      (Origin.Joined || (!Parameterised && !isOwnField(*Origin.Part)))) {
    report(Hops, *Origin.Part);
    return;
  }
  if (Hops.size() > MaxWrappers)
    return;
  // A wrapper's parameter: whatever its callers in the translation unit
  // pass. One that nobody calls here is left alone.
  for (const ParmVarDecl *Param : Origin.Forwarded) {
    const auto *Wrapper = dyn_cast<FunctionDecl>(Param->getDeclContext());
    const auto *Calls = Wrapper ? Provenance.callsOf(*Wrapper) : nullptr;
    if (!Calls)
      continue;
    for (const Expr *Call : *Calls) {
      const Expr *Argument = StringProvenance::argumentFor(*Call, *Param);
      if (!Argument || isa<CXXDefaultArgExpr>(Argument) ||
          Wrapper->getASTContext().getSourceManager().isInSystemHeader(
              Argument->getBeginLoc()))
        continue;
      Hops.push_back({Argument, Wrapper});
      follow(Hops, Parameterised);
      Hops.pop_back();
    }
  }
}

void SqlInjectionCheck::report(llvm::ArrayRef<Hop> Hops, const Expr &Part) {
  const Hop &Outer = Hops.back();
  if (!Diagnosed.insert(Outer.Statement->getBeginLoc()).second)
    return;
  diag(Outer.Statement->getBeginLoc(),
       "the SQL statement passed to '%0' is built from run-time text, so crafted "
       "input can rewrite the query (SQL injection); %1")
      << Outer.Callee->getQualifiedNameAsString()
      << remedyFor(*Hops.front().Callee);
  diag(Part.getBeginLoc(), "run-time text enters the statement here",
       DiagnosticIDs::Note);
  for (size_t I = Hops.size() - 1; I-- > 0;)
    diag(Hops[I].Statement->getBeginLoc(), "passed to '%0' here",
         DiagnosticIDs::Note)
        << Hops[I].Callee->getQualifiedNameAsString();
}

} // namespace clang::tidy::vibeguard
