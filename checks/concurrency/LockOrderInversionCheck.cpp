//===--- LockOrderInversionCheck.cpp - vibeguard --------------------------===//

#include "LockOrderInversionCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

// A function takes at most this many distinct mutexes, through all its
// callees, before the rest are ignored: keeps the summaries linear.
static constexpr size_t MaxAcquisitionsPerFunction = 64;

LockOrderInversionCheck::LockOrderInversionCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Locks(*this, Options) {}

void LockOrderInversionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Locks.store(Options, Opts);
}

void LockOrderInversionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void LockOrderInversionCheck::onStartOfTranslationUnit() {
  Locks.clear();
  Direct.clear();
  CallsFrom.clear();
  Calls.clear();
  Transitive.clear();
  InProgress.clear();
  Edges.clear();
}

void LockOrderInversionCheck::check(const MatchFinder::MatchResult &Result) {
  Sources = Result.SourceManager;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Locks.addFunction(*Fn);
}

class LockOrderInversionCheck::Visitor : public LockVisitor {
public:
  explicit Visitor(LockOrderInversionCheck &Check) : Check(Check) {}

  void acquire(const HeldLock &Taken, const LockPoint &Where) override {
    if (!Taken.Mutex.isShared())
      return;
    Check.Direct[Where.Callable].push_back({Taken.Mutex, Taken.Site, nullptr});
    // A try_lock never waits, so it cannot complete a deadlock.
    if (Taken.Kind == LockKind::Try)
      return;
    for (const HeldLock &Held : Where.Held)
      if (!(Held.Group && Held.Group == Taken.Group))
        Check.addEdge(Held, {Taken.Mutex, Taken.Site, nullptr}, Taken.Site);
  }

  void visit(const Stmt &S, const LockPoint &Where) override {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->hasBody() ||
        Check.Sources->isInSystemHeader(Callee->getLocation()))
      return;
    auto Record = std::make_unique<CallRecord>();
    Record->Caller = Where.Callable;
    Record->Call = Call;
    Record->Callee = Callee->getDefinition();
    for (const HeldLock &Held : Where.Held)
      if (Held.Mutex.isShared())
        Record->Held.push_back(Held);
    Check.CallsFrom[Where.Callable].push_back(Record.get());
    Check.Calls.push_back(std::move(Record));
  }

private:
  LockOrderInversionCheck &Check;
};

void LockOrderInversionCheck::addEdge(const HeldLock &Held,
                                      const Acquisition &Taken,
                                      const Stmt *SecondSite) {
  if (Held.Mutex.Decl == Taken.Mutex.Decl)
    return; // taken again (a recursive mutex, or another check's business)
  Edges.try_emplace({Held.Mutex.Decl, Taken.Mutex.Decl},
                    Edge{Held.Mutex.Decl, Taken.Mutex.Decl, Held.Site,
                         SecondSite, Taken.Through, Taken.Site});
}

const std::vector<LockOrderInversionCheck::Acquisition> &
LockOrderInversionCheck::acquisitionsOf(const FunctionDecl *Fn,
                                        unsigned Depth) {
  static const std::vector<Acquisition> None;
  auto Found = Transitive.find(Fn);
  if (Found != Transitive.end())
    return Found->second;
  if (Depth > 16 || !InProgress.insert(Fn).second)
    return None; // recursion: what the cycle takes is found from its start
  std::vector<Acquisition> Result;
  auto Add = [&](const Acquisition &A) {
    if (Result.size() < MaxAcquisitionsPerFunction &&
        llvm::none_of(Result, [&](const Acquisition &Known) {
          return Known.Mutex == A.Mutex;
        }))
      Result.push_back(A);
  };
  for (const Acquisition &A : Direct.lookup(Fn))
    Add(A);
  for (const CallRecord *Call : CallsFrom.lookup(Fn)) {
    const bool OnThis = isCallOnThis(*Call->Call);
    for (const Acquisition &A : acquisitionsOf(Call->Callee, Depth + 1))
      // The callee's members of 'this' are the caller's only through a call
      // on 'this'.
      if (!A.Mutex.OfThis || OnThis)
        Add({A.Mutex, A.Site, Call->Callee});
  }
  InProgress.erase(Fn);
  return Transitive[Fn] = std::move(Result);
}

void LockOrderInversionCheck::onEndOfTranslationUnit() {
  Visitor V(*this);
  Locks.run(V);
  // Mutexes taken inside functions called with locks held.
  for (const auto &Call : Calls) {
    if (Call->Held.empty())
      continue;
    const bool OnThis = isCallOnThis(*Call->Call);
    for (const Acquisition &A : acquisitionsOf(Call->Callee, 0)) {
      if (A.Mutex.OfThis && !OnThis)
        continue;
      for (const HeldLock &Held : Call->Held)
        addEdge(Held, {A.Mutex, A.Site, Call->Callee}, Call->Call);
    }
  }

  llvm::DenseSet<SourceLocation> Diagnosed;
  for (const auto &[Key, Forward] : Edges) {
    auto Reverse = Edges.find({Key.second, Key.first});
    if (Reverse == Edges.end())
      continue;
    const Edge &Backward = Reverse->second;
    // Report each pair once, on the order that completes the inversion:
    // the later one in the translation unit.
    if (Sources->isBeforeInTranslationUnit(Forward.SecondSite->getBeginLoc(),
                                           Backward.SecondSite->getBeginLoc()))
      continue;
    if (!Diagnosed.insert(Forward.SecondSite->getBeginLoc()).second)
      continue;
    const std::string First = MutexRef{Forward.First, true}.describe();
    const std::string Second = MutexRef{Forward.Second, true}.describe();
    diag(Forward.SecondSite->getBeginLoc(),
         "%0 is locked while %1 is held, the reverse of the order used "
         "elsewhere, so two threads can each take one and wait forever for "
         "the other; lock both with one std::scoped_lock or always in the "
         "same order")
        << Second << First;
    if (Forward.Through)
      diag(Forward.InnerSite->getBeginLoc(), "%0 locks %1 here",
           DiagnosticIDs::Note)
          << describeCallable(*Forward.Through) << Second;
    diag(Forward.FirstSite->getBeginLoc(), "%0 is locked first here",
         DiagnosticIDs::Note)
        << First;
    diag(Backward.FirstSite->getBeginLoc(),
         "the other order: %0 is locked first here", DiagnosticIDs::Note)
        << Second;
    diag(Backward.SecondSite->getBeginLoc(), "and %0 while it is held",
         DiagnosticIDs::Note)
        << First;
    if (Backward.Through)
      diag(Backward.InnerSite->getBeginLoc(), "%0 locks %1 here",
           DiagnosticIDs::Note)
          << describeCallable(*Backward.Through) << First;
  }
}

} // namespace clang::tidy::vibeguard
