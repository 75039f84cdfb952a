//===--- LockOrderInversionCheck.h - vibeguard ------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_CONCURRENCY_LOCKORDERINVERSIONCHECK_H
#define VIBEGUARD_CHECKS_CONCURRENCY_LOCKORDERINVERSIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Locks.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds two mutexes taken in one order somewhere in the translation unit
/// and in the opposite order elsewhere, directly or through called
/// functions: a potential deadlock.
///
/// For the user-facing documentation see docs/checks/lock-order-inversion.md.
class LockOrderInversionCheck : public ClangTidyCheck {
public:
  LockOrderInversionCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  class Visitor;

  /// A mutex a function takes, directly or through the functions it calls.
  struct Acquisition {
    MutexRef Mutex;
    const Stmt *Site;            // where it is finally taken
    const FunctionDecl *Through; // the called function, for calls
  };
  /// 'Second' is taken at SecondSite while 'First' (taken at FirstSite) is
  /// held.
  struct Edge {
    const ValueDecl *First, *Second;
    const Stmt *FirstSite, *SecondSite;
    const FunctionDecl *Through = nullptr; // SecondSite is a call of it
    const Stmt *InnerSite = nullptr;       // where Through takes Second
  };
  struct CallRecord {
    const Decl *Caller;
    const CallExpr *Call;
    const FunctionDecl *Callee;
    llvm::SmallVector<HeldLock, 2> Held;
  };

  void addEdge(const HeldLock &Held, const Acquisition &Taken,
               const Stmt *SecondSite);
  const std::vector<Acquisition> &acquisitionsOf(const FunctionDecl *Fn,
                                                 unsigned Depth);

  LockAnalysis Locks;
  llvm::DenseMap<const Decl *, std::vector<Acquisition>> Direct;
  llvm::DenseMap<const Decl *, std::vector<const CallRecord *>> CallsFrom;
  std::vector<std::unique_ptr<CallRecord>> Calls;
  llvm::DenseMap<const Decl *, std::vector<Acquisition>> Transitive;
  llvm::DenseSet<const Decl *> InProgress;
  llvm::MapVector<std::pair<const ValueDecl *, const ValueDecl *>, Edge> Edges;
  const SourceManager *Sources = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_CONCURRENCY_LOCKORDERINVERSIONCHECK_H
