//===--- BlockingCallUnderLockCheck.cpp - vibeguard -----------------------===//

#include "BlockingCallUnderLockCheck.h"
#include "vibeguard/Containers.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

BlockingCallUnderLockCheck::BlockingCallUnderLockCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      BlockingFunctions(*this, Options, catalog::BlockingFunctions),
      Catalog(*this, Options), Locks(*this, Options) {}

void BlockingCallUnderLockCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  BlockingFunctions.store(Options, Opts);
  Catalog.store(Options, Opts);
  Locks.store(Options, Opts);
}

void BlockingCallUnderLockCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void BlockingCallUnderLockCheck::onStartOfTranslationUnit() {
  Catalog.clear();
  Locks.clear();
  Blocking.clear();
  SiteIsRemote.clear();
  IsBlockingFunction.clear();
  Calls.clear();
  Diagnosed.clear();
}

void BlockingCallUnderLockCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Locks.addFunction(*Fn);
}

// Calls that read or write a handle the lock exists to serialise (a
// member or global FILE *, descriptor or socket): the lock is doing its job.
static bool usesSharedHandle(const CallExpr &Call) {
  for (const Expr *Arg : Call.arguments()) {
    const ValueDecl *Named = namedValue(Arg);
    if (isa_and_nonnull<FieldDecl>(Named))
      return true;
    if (const auto *Var = dyn_cast_or_null<VarDecl>(Named);
        Var && Var->hasGlobalStorage() && !Var->isStaticLocal())
      return true;
  }
  return false;
}

bool BlockingCallUnderLockCheck::isBlocking(const CallExpr &Call,
                                            bool &Remote) {
  Remote = false;
  if (Catalog.classify(Call)) {
    Remote = true;
    return true;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  auto [It, Inserted] = IsBlockingFunction.try_emplace(Callee, false);
  if (Inserted)
    It->second = matchesAnyName(*Callee, BlockingFunctions.names());
  if (!It->second)
    return false;
  // Sleeps and waits block whatever they are given; I/O on a shared
  // handle is what the lock protects.
  const std::string Name = Callee->getNameAsString();
  const bool IsWait = llvm::StringRef(Name).contains("sleep") ||
                      Name == "join" || Name == "get" ||
                      llvm::StringRef(Name).starts_with("wait") ||
                      Name == "pthread_join" || Name == "poll" ||
                      Name == "select" || Name == "epoll_wait";
  return IsWait || !usesSharedHandle(Call);
}

class BlockingCallUnderLockCheck::Visitor : public LockVisitor {
public:
  explicit Visitor(BlockingCallUnderLockCheck &Check) : Check(Check) {}

  void visit(const Stmt &S, const LockPoint &Where) override {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    const auto *Fn = dyn_cast_or_null<FunctionDecl>(Where.Callable);
    // condition_variable::wait(Lock) releases Lock while it waits, and
    // nothing else.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      const FunctionDecl *Callee = Member->getDirectCallee();
      if (Object && Callee && Callee->getIdentifier() &&
          Callee->getName().starts_with("wait") &&
          Check.Locks.isConditionVariableType(Object->getType())) {
        const ValueDecl *Released =
            Call->getNumArgs() ? namedValue(Call->getArg(0)) : nullptr;
        for (const HeldLock &Lock : Where.Held)
          if (Lock.Guard != Released &&
              !(Lock.Mutex.Decl && Lock.Mutex.Decl == Released)) {
            Check.Calls.push_back({Call, Lock, nullptr});
            break;
          }
        if (Fn)
          Check.Blocking.addEffect(Fn, Call);
        return;
      }
    }
    bool Remote = false;
    if (Check.isBlocking(*Call, Remote)) {
      Check.SiteIsRemote[Call] = Remote;
      if (Fn)
        Check.Blocking.addEffect(Fn, Call);
      if (!Where.Held.empty())
        Check.Calls.push_back({Call, Where.Held.front(), nullptr});
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->hasBody() ||
        Check.Context->getSourceManager().isInSystemHeader(
            Callee->getLocation()))
      return;
    if (Fn)
      Check.Blocking.addCall(Fn, Call, Callee);
    if (!Where.Held.empty())
      Check.Calls.push_back({Call, Where.Held.front(), Callee});
  }

private:
  BlockingCallUnderLockCheck &Check;
};

void BlockingCallUnderLockCheck::onEndOfTranslationUnit() {
  Visitor V(*this);
  Locks.run(V);
  Blocking.solve();
  for (const CallUnderLock &Call : Calls) {
    if (!Call.Callee) {
      report(*Call.Call, Call.Lock, SiteIsRemote.lookup(Call.Call), nullptr,
             nullptr);
      continue;
    }
    if (std::optional<EffectPath> Path = Blocking.pathFrom(Call.Callee))
      report(*Call.Call, Call.Lock, SiteIsRemote.lookup(Path->Site),
             Call.Callee, &*Path);
  }
}

void BlockingCallUnderLockCheck::report(const Expr &Call, const HeldLock &Lock,
                                        bool Remote, const FunctionDecl *Callee,
                                        const EffectPath *Path) {
  const SourceLocation Loc = Call.getBeginLoc();
  if (!Diagnosed.insert(Loc).second)
    return;
  const auto *Site = cast<CallExpr>(Path ? Path->Site : &Call);
  const FunctionDecl *Blocker = Site->getDirectCallee();
  const std::string What = Callee ? "call to " + describeCallable(*Callee)
                                  : "'" + qualifiedNameOf(*Blocker) + "'";
  diag(Loc, "%0 %select{blocks|waits for a remote call}1 while %2 is held, "
            "so every thread that needs the lock waits as long; make the "
            "call before taking the lock or after releasing it")
      << What << Remote << Lock.Mutex.describe();
  // A function that releases a mutex it did not take holds it from entry.
  if (isa<CompoundStmt>(Lock.Site))
    diag(Lock.Site->getBeginLoc(), "%0 is held from here, by the caller",
         DiagnosticIDs::Note)
        << Lock.Mutex.describe();
  else
    diag(Lock.Site->getBeginLoc(), "%0 is locked here", DiagnosticIDs::Note)
        << Lock.Mutex.describe();
  if (!Path)
    return;
  const FunctionDecl *Caller = Callee;
  for (const CallHop &Hop : Path->Hops) {
    diag(Hop.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << describeCallable(*Caller) << describeCallable(*Hop.Callee);
    Caller = Hop.Callee;
  }
  diag(Site->getBeginLoc(), "'%0' %select{blocks|makes the remote call}1 here",
       DiagnosticIDs::Note)
      << qualifiedNameOf(*Blocker) << Remote;
}

} // namespace clang::tidy::vibeguard
