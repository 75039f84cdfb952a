//===--- QueryInLoopCheck.cpp - vibeguard ---------------------------------===//

#include "QueryInLoopCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

QueryInLoopCheck::QueryInLoopCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      IterationAlgorithms(*this, Options, catalog::IterationAlgorithms),
      Catalog(*this, Options),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 16U)),
      Loops(IterationAlgorithms.names()) {}

void QueryInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Catalog.store(Options, Opts);
  IterationAlgorithms.store(Options, Opts);
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
}

void QueryInLoopCheck::registerMatchers(MatchFinder *Finder) {
  // Every body of the project's own code is walked once, top-down, with its
  // loop context; lambdas are walked as part of the function around them.
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void QueryInLoopCheck::onStartOfTranslationUnit() {
  Catalog.clear();
  Loops.clear();
  Exits.clear();
  RoundTrips.clear();
  SiteIsDatabase.clear();
  SiteOfUnknownStatement.clear();
  CallsInLoops.clear();
  RemoteCallsInFunctions.clear();
  Diagnosed.clear();
}

void QueryInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Loops.walkFunction(*Fn, [this](const Stmt &S, const LoopContext &Where) {
      visit(S, Where);
    });
}

void QueryInLoopCheck::visit(const Stmt &S, const LoopContext &Where) {
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    if (std::optional<RemoteCall> Remote = Catalog.classify(*Call)) {
      if (!Remote->RoundTrip)
        return;
      if (Where.Iteration)
        CallsInLoops.push_back(
            {Call, {Where.Iterations.begin(), Where.Iterations.end()}, Remote});
      else if (const FunctionDecl *Fn = Where.function())
        RemoteCallsInFunctions.push_back({Fn, Call, *Remote});
      return;
    }
    Callee = Call->getDirectCallee();
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    Callee = Construct->getConstructor();
  }
  // Calls into the project's own functions, which may make the round-trip
  // on the caller's behalf.
  if (!Callee || !Callee->hasBody() ||
      Context->getSourceManager().isInSystemHeader(Callee->getLocation()))
    return;
  const auto *Call = cast<Expr>(&S);
  // 'execSql(Db, "INSERT ...")': the wrapper runs a write (the business of
  // write-loop-without-transaction) or a transaction statement, whatever
  // else it can run.
  if (const auto *Direct = dyn_cast<CallExpr>(Call)) {
    const SqlKind Passed = sqlKindOfArguments(*Direct);
    if (Passed == SqlKind::Write || Passed == SqlKind::TransactionBegin ||
        Passed == SqlKind::TransactionEnd)
      return;
  }
  if (Where.Iteration)
    CallsInLoops.push_back({Call,
                            {Where.Iterations.begin(), Where.Iterations.end()},
                            std::nullopt,
                            Callee});
  else
    RoundTrips.addCall(Where.function(), Call, Callee);
}

bool QueryInLoopCheck::isQuery(const RemoteCall &Remote) const {
  if (!Remote.Database)
    return true;
  switch (Catalog.kindOf(Remote)) {
  case SqlKind::Write:
  case SqlKind::TransactionBegin:
  case SqlKind::TransactionEnd:
    return false;
  case SqlKind::Read:
  case SqlKind::Unknown:
    return true;
  }
  return true;
}

bool QueryInLoopCheck::isBoundedRepetition(const CallInLoop &Call) {
  // Every loop around the call must be bounded: three retries inside a loop
  // over all users are still one round-trip (or three) per user.
  for (const Stmt *Iteration : Call.Iterations) {
    if (isa<CallExpr>(Iteration))
      return false; // an algorithm over a range of data
    if (std::optional<uint64_t> Trips = constantTripCount(*Iteration, *Context);
        Trips && *Trips <= MaxConstantTripCount)
      continue;
    if (Exits.decidesContinuation(*Iteration, *Call.Call))
      continue;
    return false;
  }
  return true;
}

void QueryInLoopCheck::onEndOfTranslationUnit() {
  for (const RemoteCallInFunction &Remote : RemoteCallsInFunctions) {
    if (!isQuery(Remote.Remote))
      continue;
    RoundTrips.addEffect(Remote.Function, Remote.Call);
    SiteIsDatabase[Remote.Call] = Remote.Remote.Database;
    if (Remote.Remote.Database &&
        Catalog.kindOf(Remote.Remote) == SqlKind::Unknown)
      SiteOfUnknownStatement.insert(Remote.Call);
  }
  RoundTrips.solve();
  for (const CallInLoop &Call : CallsInLoops)
    diagnose(Call);
}

void QueryInLoopCheck::diagnose(const CallInLoop &Call) {
  const SourceLocation Loc = Call.Call->getBeginLoc();
  const Stmt *Innermost = Call.Iterations.back();
  const bool IsAlgorithm = isa<CallExpr>(Innermost);

  if (Call.Remote) {
    // A statement the loop does not show (a driver running its caller's
    // statement once per row of a bulk operation, a list of statements
    // run in turn) may be a write or anything else: only a read is N+1.
    if (!isQuery(*Call.Remote) ||
        (Call.Remote->Database &&
         Catalog.kindOf(*Call.Remote) == SqlKind::Unknown) ||
        isBoundedRepetition(Call) || !Diagnosed.insert(Loc).second)
      return;
    const auto *Remote = cast<CallExpr>(Call.Call);
    const FunctionDecl *Callee = Remote->getDirectCallee();
    if (Call.Remote->Database)
      diag(Loc, "'%0' runs a query on every iteration of %1, one database "
                "round-trip each; fetch the rows for all iterations with one "
                "query before the %select{loop|call}2")
          << Callee->getQualifiedNameAsString()
          << describeIteration(*Innermost) << IsAlgorithm;
    else
      diag(Loc, "'%0' makes a network request on every iteration of %1, one "
                "round-trip each; batch the requests into one call or send "
                "them concurrently")
          << Callee->getQualifiedNameAsString()
          << describeIteration(*Innermost);
    return;
  }

  std::optional<EffectPath> Path = RoundTrips.pathFrom(Call.Callee);
  if (!Path)
    return;
  // 'execSql(Db, Text)' runs what its caller passes: a read only when the
  // caller's text reads.
  if (SiteOfUnknownStatement.contains(Path->Site)) {
    const auto *Direct = dyn_cast<CallExpr>(Call.Call);
    if (!Direct || sqlKindOfArguments(*Direct) != SqlKind::Read)
      return;
  }
  if (isBoundedRepetition(Call) || !Diagnosed.insert(Loc).second)
    return;
  const bool Database = SiteIsDatabase.lookup(Path->Site);
  if (Database)
    diag(Loc, "call to %0 runs a query on every iteration of %1, one database "
              "round-trip each; fetch the rows for all iterations with one "
              "query before the %select{loop|call}2")
        << describeCallable(*Call.Callee) << describeIteration(*Innermost)
        << IsAlgorithm;
  else
    diag(Loc, "call to %0 makes a network request on every iteration of %1, "
              "one round-trip each; batch the requests into one call or send "
              "them concurrently")
        << describeCallable(*Call.Callee) << describeIteration(*Innermost);
  const FunctionDecl *Caller = Call.Callee;
  for (const CallHop &Hop : Path->Hops) {
    diag(Hop.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << describeCallable(*Caller) << describeCallable(*Hop.Callee);
    Caller = Hop.Callee;
  }
  const auto *Site = cast<CallExpr>(Path->Site);
  diag(Site->getBeginLoc(),
       "'%0' %select{makes the request|runs the query}1 here",
       DiagnosticIDs::Note)
      << Site->getDirectCallee()->getQualifiedNameAsString() << Database;
}

} // namespace clang::tidy::vibeguard
