//===--- WriteLoopWithoutTransactionCheck.cpp - vibeguard -----------------===//

#include "WriteLoopWithoutTransactionCheck.h"
#include "vibeguard/LoopShape.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

WriteLoopWithoutTransactionCheck::WriteLoopWithoutTransactionCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      IterationAlgorithms(*this, Options, catalog::IterationAlgorithms),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 16U)),
      Catalog(*this, Options), Transactions(*this, Options),
      Loops(IterationAlgorithms.names()) {}

void WriteLoopWithoutTransactionCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Catalog.store(Options, Opts);
  Transactions.store(Options, Opts);
  IterationAlgorithms.store(Options, Opts);
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
}

void WriteLoopWithoutTransactionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void WriteLoopWithoutTransactionCheck::onStartOfTranslationUnit() {
  Catalog.clear();
  Transactions.clear();
  Loops.clear();
  Writes.clear();
  Begins.clear();
  Executes.clear();
  CallsInLoops.clear();
  DatabaseCallsOutsideLoops.clear();
  OpeningsByRoot.clear();
  CallSites.clear();
  ReportedLoops.clear();
}

void WriteLoopWithoutTransactionCheck::check(
    const MatchFinder::MatchResult &Result) {
  SM = Result.SourceManager;
  Context = Result.Context;
  Root = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (Root)
    Loops.walkFunction(*Root, [this](const Stmt &S, const LoopContext &Where) {
      // A handful of writes in a short constant loop ('for (int i = 0; i < 3;
      // ++i)') cost a handful of commits, however much data there is.
      if (Where.Iteration &&
          isShortRepetition(Where.Iterations, *Context, MaxConstantTripCount)) {
        LoopContext Once = Where;
        Once.Iteration = nullptr;
        Once.Iterations = {};
        visit(S, Once);
        return;
      }
      visit(S, Where);
    });
}

// The transaction object a libpqxx-style member call goes through, if any.
static const ValueDecl *objectDecl(const CallExpr &Call) {
  const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!MemberCall)
    return nullptr;
  const Expr *Object = MemberCall->getImplicitObjectArgument();
  if (!Object)
    return nullptr;
  Object = Object->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(Object))
    return Member->getMemberDecl();
  return nullptr;
}

void WriteLoopWithoutTransactionCheck::visit(const Stmt &S,
                                             const LoopContext &Where) {
  if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && !Var->getType()->isReferenceType() &&
          Transactions.isTransactionObject(Var->getType()))
        OpeningsByRoot[Root].push_back({Var->getLocation(), {}, nullptr, Var});
    return;
  }

  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    if (Transactions.opensTransaction(*Call)) {
      Opening Begin;
      Begin.Loc = Call->getBeginLoc();
      OpeningsByRoot[Root].push_back(Begin);
      if (!Where.Iteration)
        Begins.addEffect(Where.function(), Call);
      return;
    }
    if (std::optional<RemoteCall> Remote = Catalog.classify(*Call)) {
      if (!Remote->Database)
        return;
      OpeningsByRoot[Root].push_back({Call->getBeginLoc(), Remote});
      const ValueDecl *Through = objectDecl(*Call);
      if (Through && !Transactions.isTransactionObject(Through->getType()))
        Through = nullptr;
      if (Where.Iteration)
        CallsInLoops.push_back(
            {Call, Where.Iteration, Root, Remote, nullptr, Through});
      else if (const FunctionDecl *Fn = Where.function(); Fn && !Through)
        DatabaseCallsOutsideLoops.push_back({Fn, Call, *Remote});
      return;
    }
    Callee = Call->getDirectCallee();
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    Callee = Construct->getConstructor();
  }
  if (!Callee || !Callee->hasBody() ||
      SM->isInSystemHeader(Callee->getLocation()))
    return;
  const auto *Call = cast<Expr>(&S);
  // The project's own wrapper, handed the statement: 'execSql(Db, "BEGIN")'
  // opens a transaction, 'execSql(Db, "INSERT ...")' writes if the wrapper
  // runs what it is given.
  const auto *Direct = dyn_cast<CallExpr>(Call);
  const SqlKind Passed =
      Direct ? sqlKindOfArguments(*Direct) : SqlKind::Unknown;
  if (Passed == SqlKind::TransactionBegin) {
    Opening Begin;
    Begin.Loc = Call->getBeginLoc();
    OpeningsByRoot[Root].push_back(Begin);
    if (!Where.Iteration)
      Begins.addEffect(Where.function(), Call);
    return;
  }
  CallSites[Callee->getCanonicalDecl()].emplace_back(Root,
                                                     Call->getBeginLoc());
  if (Where.Iteration) {
    CallInLoop InLoop{Call, Where.Iteration, Root, std::nullopt, Callee};
    InLoop.PassesWrite = Passed == SqlKind::Write;
    CallsInLoops.push_back(InLoop);
    return;
  }
  Writes.addCall(Where.function(), Call, Callee);
  Begins.addCall(Where.function(), Call, Callee);
  Executes.addCall(Where.function(), Call, Callee);
  Opening HelperOpening;
  HelperOpening.Loc = Call->getBeginLoc();
  HelperOpening.Callee = Callee;
  OpeningsByRoot[Root].push_back(HelperOpening);
}

bool WriteLoopWithoutTransactionCheck::isWrite(const RemoteCall &Remote) const {
  return Catalog.kindOf(Remote) == SqlKind::Write;
}

bool WriteLoopWithoutTransactionCheck::opens(const Opening &O) const {
  if (O.Object)
    return true;
  if (O.Remote)
    return Catalog.kindOf(*O.Remote) == SqlKind::TransactionBegin;
  if (O.Callee)
    return Begins.pathFrom(O.Callee).has_value();
  return true; // one of the TransactionFunctions
}

bool WriteLoopWithoutTransactionCheck::isCoveredIn(const FunctionDecl *Caller,
                                                   SourceLocation Loc) const {
  auto It = OpeningsByRoot.find(Caller);
  if (It == OpeningsByRoot.end())
    return false;
  for (const Opening &O : It->second)
    if (SM->isBeforeInTranslationUnit(O.Loc, Loc) && opens(O))
      return true;
  return false;
}

bool WriteLoopWithoutTransactionCheck::isCoveredByCallers(
    const FunctionDecl *Fn) const {
  auto It = CallSites.find(Fn->getCanonicalDecl());
  if (It == CallSites.end() || It->second.empty())
    return false;
  for (const auto &[Caller, Loc] : It->second)
    if (!isCoveredIn(Caller, Loc))
      return false;
  return true;
}

void WriteLoopWithoutTransactionCheck::onEndOfTranslationUnit() {
  for (const DatabaseCall &Call : DatabaseCallsOutsideLoops) {
    const SqlKind Kind = Catalog.kindOf(Call.Remote);
    if (Kind == SqlKind::Write)
      Writes.addEffect(Call.Function, Call.Call);
    else if (Kind == SqlKind::TransactionBegin)
      Begins.addEffect(Call.Function, Call.Call);
    else if (Kind == SqlKind::Unknown)
      Executes.addEffect(Call.Function, Call.Call);
  }
  Writes.solve();
  Begins.solve();
  Executes.solve();
  if (SM)
    llvm::sort(CallsInLoops, [this](const CallInLoop &A,
                                           const CallInLoop &B) {
      return SM->isBeforeInTranslationUnit(A.Call->getBeginLoc(),
                                           B.Call->getBeginLoc());
    });
  for (const CallInLoop &Call : CallsInLoops)
    diagnose(Call);
}

void WriteLoopWithoutTransactionCheck::diagnose(const CallInLoop &Call) {
  std::optional<EffectPath> Path;
  if (Call.Remote) {
    if (!isWrite(*Call.Remote))
      return;
  } else {
    Path = Writes.pathFrom(Call.Callee);
    if (!Path && Call.PassesWrite)
      Path = Executes.pathFrom(Call.Callee);
    if (!Path)
      return;
  }

  const Stmt *Loop = Call.Innermost;
  const bool IsAlgorithm = isa<CallExpr>(Loop);
  const SourceLocation Loc = Call.Call->getBeginLoc();
  if (ReportedLoops.count(Loop->getBeginLoc()))
    return;

  // A write through a transaction object is inside that transaction; it only
  // commits per row if the object itself is created in the loop.
  if (Call.Through) {
    const auto *Var = dyn_cast<VarDecl>(Call.Through);
    if (!Var || !Loops.isDeclaredWithin(*Var, *Loop))
      return;
    ReportedLoops.insert(Loop->getBeginLoc());
    diag(Loc, "'%0' writes through %1, a transaction created on every "
              "iteration of %2, so every row is committed and synced to disk "
              "on its own; create the transaction before the "
              "%select{loop|call}3 and commit after it")
        << cast<CallExpr>(Call.Call)->getDirectCallee()->getQualifiedNameAsString()
        << Var << describeIteration(*Loop) << IsAlgorithm;
    return;
  }

  if (isCoveredIn(Call.Root, Loop->getBeginLoc()) ||
      isCoveredByCallers(Call.Root))
    return;
  ReportedLoops.insert(Loop->getBeginLoc());

  if (Call.Remote) {
    diag(Loc, "'%0' writes on every iteration of %1 outside a transaction, so "
              "every row is committed and synced to disk on its own; begin "
              "one transaction before the %select{loop|call}2 and commit "
              "after it")
        << cast<CallExpr>(Call.Call)->getDirectCallee()->getQualifiedNameAsString()
        << describeIteration(*Loop) << IsAlgorithm;
    return;
  }
  diag(Loc, "call to %0 writes on every iteration of %1 outside a "
            "transaction, so every row is committed and synced to disk on its "
            "own; begin one transaction before the %select{loop|call}2 and "
            "commit after it")
      << describeCallable(*Call.Callee) << describeIteration(*Loop)
      << IsAlgorithm;
  const FunctionDecl *Caller = Call.Callee;
  for (const CallHop &Hop : Path->Hops) {
    diag(Hop.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << describeCallable(*Caller) << describeCallable(*Hop.Callee);
    Caller = Hop.Callee;
  }
  const auto *Site = cast<CallExpr>(Path->Site);
  diag(Site->getBeginLoc(), "'%0' writes here", DiagnosticIDs::Note)
      << Site->getDirectCallee()->getQualifiedNameAsString();
}

} // namespace clang::tidy::vibeguard
