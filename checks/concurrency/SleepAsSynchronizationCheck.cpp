//===--- SleepAsSynchronizationCheck.cpp - vibeguard ----------------------===//

#include "SleepAsSynchronizationCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

// How many statements after starting a thread a sleep still counts as
// waiting for it.
static constexpr unsigned MaxStatementsAfterStart = 3;

SleepAsSynchronizationCheck::SleepAsSynchronizationCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SleepFunctions(*this, Options, catalog::SleepFunctions),
      ThreadClasses(*this, Options, catalog::ThreadClasses),
      Locks(*this, Options) {}

void SleepAsSynchronizationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  SleepFunctions.store(Options, Opts);
  ThreadClasses.store(Options, Opts);
  Locks.store(Options, Opts);
}

void SleepAsSynchronizationCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void SleepAsSynchronizationCheck::onStartOfTranslationUnit() {
  Locks.clear();
  Loops.clear();
  ExitTests.clear();
  CapturedByReference.clear();
  IsSleepFunction.clear();
  Diagnosed.clear();
}

void SleepAsSynchronizationCheck::check(
    const MatchFinder::MatchResult &Result) {
  Sources = Result.SourceManager;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Locks.addFunction(*Fn);
}

bool SleepAsSynchronizationCheck::isSleep(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  auto [It, Inserted] = IsSleepFunction.try_emplace(Callee, false);
  if (Inserted)
    It->second = matchesAnyName(*Callee, SleepFunctions.names());
  return It->second;
}

// The first sleep in \p S, not looking into lambdas (which run elsewhere)
// or nested loops (whose sleeps are theirs, and which keeps the search over
// all loops linear).
static const CallExpr *
findSleep(const Stmt *S, llvm::function_ref<bool(const CallExpr &)> IsSleep) {
  if (!S || isa<LambdaExpr, WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S))
    return nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && IsSleep(*Call))
    return Call;
  for (const Stmt *Child : S->children())
    if (const CallExpr *Found = findSleep(Child, IsSleep))
      return Found;
  return nullptr;
}

// True if \p S leaves the loop around it.
static bool leavesLoop(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && leavesLoop(Block->body_back());
  return isa<BreakStmt, ReturnStmt, GotoStmt>(S);
}

bool SleepAsSynchronizationCheck::startsThread(const Stmt &S) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    const CXXRecordDecl *Record = Construct->getConstructor()->getParent();
    return !Construct->getConstructor()->isCopyOrMoveConstructor() &&
           matchesAnyName(*Record, ThreadClasses.names()) &&
           Construct->getNumArgs() > 0;
  }
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Locks.isAsyncLaunch(*Callee))
      return true;
  // Only the statement's own expressions: a thread started in a nested
  // block is not "the statement above", and each block is scanned once.
  if (isa<LambdaExpr>(&S) || !(isa<Expr>(&S) || isa<DeclStmt>(&S)))
    return false;
  if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Var->getInit() && startsThread(*Var->getInit()))
        return true;
    return false;
  }
  for (const Stmt *Child : S.children())
    if (Child && startsThread(*Child))
      return true;
  return false;
}

bool SleepAsSynchronizationCheck::polledVariables(
    const Expr *Cond, llvm::SmallVectorImpl<const Expr *> &Reads) {
  if (!Cond)
    return true;
  Cond = Cond->IgnoreParenImpCasts();
  if (isa<DeclRefExpr, MemberExpr>(Cond)) {
    Reads.push_back(Cond);
    return true;
  }
  if (isa<IntegerLiteral, CXXBoolLiteralExpr, CXXNullPtrLiteralExpr,
          FloatingLiteral>(Cond))
    return true;
  if (const auto *Unary = dyn_cast<UnaryOperator>(Cond))
    return polledVariables(Unary->getSubExpr(), Reads);
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond))
    return !Binary->isAssignmentOp() &&
           polledVariables(Binary->getLHS(), Reads) &&
           polledVariables(Binary->getRHS(), Reads);
  // A const member function of the polled object: 'while (Queue.empty())'.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Cond))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && (Method->isConst() || isa<CXXConversionDecl>(Method)))
      return polledVariables(Call->getImplicitObjectArgument(), Reads);
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    for (const Expr *Arg : OpCall->arguments())
      if (!polledVariables(Arg, Reads))
        return false;
    return true;
  }
  return false; // a call: a retry loop, or something this check cannot read
}

bool SleepAsSynchronizationCheck::isUnsynchronisedShared(const Expr &Read) {
  const ValueDecl *D = nullptr;
  bool OfThis = false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&Read))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(&Read)) {
    D = Member->getMemberDecl();
    OfThis = isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
  }
  if (!D)
    return false;
  const QualType Type = D->getType();
  if (Locks.isAtomicType(Type) || Type.isConstQualified())
    return false;
  // Signal handlers set 'volatile sig_atomic_t' flags: the one case where
  // polling a plain variable is the documented way.
  for (QualType T = Type; const auto *Typedef = T->getAs<TypedefType>();
       T = Typedef->desugar())
    if (Typedef->getDecl()->getName() == "sig_atomic_t")
      return false;
  if (isa<FieldDecl>(D))
    return OfThis;
  const auto *Var = dyn_cast<VarDecl>(D);
  if (!Var || Var->getTLSKind())
    return false;
  return Var->hasGlobalStorage() || CapturedByReference.contains(Var);
}

class SleepAsSynchronizationCheck::Visitor : public LockVisitor {
public:
  explicit Visitor(SleepAsSynchronizationCheck &Check) : Check(Check) {}

  void visit(const Stmt &S, const LockPoint &Where) override {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
          if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
            Check.CapturedByReference.insert(Var);
      return;
    }
    if (const auto *Block = dyn_cast<CompoundStmt>(&S)) {
      Check.checkBlock(*Block);
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(&S)) {
      if (leavesLoop(If->getThen()))
        Check.ExitTests[If] = !Where.Held.empty();
      return;
    }
    const Stmt *Body = nullptr;
    if (const auto *While = dyn_cast<WhileStmt>(&S))
      Body = While->getBody();
    else if (const auto *Do = dyn_cast<DoStmt>(&S))
      Body = Do->getBody();
    else if (const auto *For = dyn_cast<ForStmt>(&S))
      Body = For->getBody();
    if (!Body)
      return;
    if (const CallExpr *Sleep = findSleep(
            Body, [&](const CallExpr &Call) { return Check.isSleep(Call); }))
      Check.Loops.push_back({&S, Sleep, !Where.Held.empty()});
  }

private:
  SleepAsSynchronizationCheck &Check;
};

// True if \p S joins a thread or waits for a future or condition.
static bool waitsForThread(const Stmt &S) {
  if (isa<LambdaExpr>(&S))
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        llvm::is_contained({"join", "get", "wait", "wait_for", "wait_until"},
                           Method->getName()))
      return true;
  for (const Stmt *Child : S.children())
    if (Child && waitsForThread(*Child))
      return true;
  return false;
}

void SleepAsSynchronizationCheck::checkBlock(const CompoundStmt &Block) {
  // std::thread T(work); sleep_for(1s); use(Result);
  const auto Body = Block.body();
  for (auto It = Body.begin(); It != Body.end(); ++It) {
    if (!startsThread(**It))
      continue;
    unsigned Seen = 0;
    for (auto Next = std::next(It);
         Next != Body.end() && Seen < MaxStatementsAfterStart; ++Next, ++Seen) {
      const auto *E = dyn_cast<Expr>(*Next);
      const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreImplicit()) : nullptr;
      if (!Call || !isSleep(*Call)) {
        if (waitsForThread(**Next))
          break; // joined (or its result taken) before any sleep
        continue;
      }
      // Something must come after the sleep for it to be waiting for.
      if (std::next(Next) == Body.end())
        break;
      if (!Diagnosed.insert(Call->getBeginLoc()).second)
        break;
      diag(Call->getBeginLoc(),
           "sleeping to give the thread started above time to finish "
           "guesses how long it takes: too short under load, and wasted "
           "time otherwise; wait for it with join(), a future's get() or a "
           "condition variable");
      diag((*It)->getBeginLoc(), "the thread is started here",
           DiagnosticIDs::Note);
      break;
    }
  }
}

// The variable or member of 'this' that \p E names.
static const ValueDecl *polledDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

// Collects what \p S assigns, increments or decrements, not looking into
// lambdas (which run elsewhere).
static void collectWrites(const Stmt *S,
                          llvm::SmallPtrSetImpl<const ValueDecl *> &Written) {
  if (!S || isa<LambdaExpr>(S))
    return;
  const Expr *Target = nullptr;
  if (const auto *Binary = dyn_cast<BinaryOperator>(S);
      Binary && Binary->isAssignmentOp())
    Target = Binary->getLHS();
  else if (const auto *Unary = dyn_cast<UnaryOperator>(S);
           Unary && Unary->isIncrementDecrementOp())
    Target = Unary->getSubExpr();
  else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(S);
           OpCall && OpCall->isAssignmentOp() && OpCall->getNumArgs() > 0)
    Target = OpCall->getArg(0);
  if (Target)
    if (const ValueDecl *D = polledDecl(Target))
      Written.insert(D);
  for (const Stmt *Child : S->children())
    collectWrites(Child, Written);
}

void SleepAsSynchronizationCheck::diagnoseLoop(const SleepingLoop &Loop) {
  llvm::SmallVector<const Expr *, 4> Reads;
  bool Locked = Loop.ConditionLocked;
  const Stmt *Body = nullptr;
  const Expr *Cond = nullptr;
  if (const auto *While = dyn_cast<WhileStmt>(Loop.Loop)) {
    Cond = While->getCond();
    Body = While->getBody();
  } else if (const auto *Do = dyn_cast<DoStmt>(Loop.Loop)) {
    Cond = Do->getCond();
    Body = Do->getBody();
  } else if (const auto *For = dyn_cast<ForStmt>(Loop.Loop)) {
    Cond = For->getCond();
    Body = For->getBody();
  }
  if (!polledVariables(Cond, Reads))
    return;
  // 'if (Done) break;' directly in the body polls too.
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body)) {
    for (const Stmt *Child : Block->body())
      if (const auto *If = dyn_cast<IfStmt>(Child)) {
        auto Found = ExitTests.find(If);
        if (Found == ExitTests.end())
          continue;
        if (Found->second)
          Locked = true;
        if (!polledVariables(If->getCond(), Reads))
          return;
      }
  }
  if (Locked)
    return;
  // A retry or back-off loop sets what it tests itself ('Connected =
  // tryConnect();', 'Delay *= 2;'): the sleep spaces out its own attempts.
  llvm::SmallPtrSet<const ValueDecl *, 4> Written;
  collectWrites(Body, Written);
  for (const Expr *Read : Reads) {
    if (Written.contains(polledDecl(Read)) || !isUnsynchronisedShared(*Read))
      continue;
    const SourceLocation Loc = Loop.Sleep->getBeginLoc();
    if (!Diagnosed.insert(Loc).second)
      return;
    const ValueDecl *D = isa<DeclRefExpr>(Read)
                             ? cast<DeclRefExpr>(Read)->getDecl()
                             : cast<MemberExpr>(Read)->getMemberDecl();
    diag(Loc, "polling '%0' with a sleep waits for another thread without "
              "synchronisation: the loop may never see the write, and every "
              "check adds up to one sleep of latency; wait on a "
              "std::condition_variable or a future that the writer signals, "
              "or at least make '%0' std::atomic")
        << qualifiedNameOf(*D);
    diag(Read->getBeginLoc(),
         "'%0' is read here, neither atomic nor under a lock",
         DiagnosticIDs::Note)
        << qualifiedNameOf(*D);
    return;
  }
}

void SleepAsSynchronizationCheck::onEndOfTranslationUnit() {
  Visitor V(*this);
  Locks.run(V);
  for (const SleepingLoop &Loop : Loops)
    diagnoseLoop(Loop);
}

} // namespace clang::tidy::vibeguard
