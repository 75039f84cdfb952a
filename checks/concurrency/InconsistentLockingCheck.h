//===--- InconsistentLockingCheck.h - vibeguard -----------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_CONCURRENCY_INCONSISTENTLOCKINGCHECK_H
#define VIBEGUARD_CHECKS_CONCURRENCY_INCONSISTENTLOCKINGCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Locks.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds data members and globals written under a mutex in one function and
/// read or written without any lock in another: a data race.
///
/// For the user-facing documentation see docs/checks/inconsistent-locking.md.
class InconsistentLockingCheck : public ClangTidyCheck {
public:
  InconsistentLockingCheck(StringRef Name, ClangTidyContext *Context);
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

  struct Access {
    const FunctionDecl *Function;
    const Expr *Where;
    bool Write;
    bool Locked;
    MutexRef Mutex; // the first lock held, if Locked
  };
  struct CallRecord {
    const FunctionDecl *Caller; // null in a lambda that runs elsewhere
    const FunctionDecl *Callee;
    bool Locked;
  };

  /// True for state that needs a lock when shared: not atomic, const, a
  /// mutex or a self-synchronised object.
  bool needsLock(const ValueDecl &D);
  /// True if \p Fn's name, annotations or comment say its caller holds the
  /// lock, or it only runs where no other thread can see the object.
  bool callerHoldsLock(const FunctionDecl &Fn);
  /// Functions (template patterns for instantiations) every call of which,
  /// in this translation unit, comes with a lock held, directly or from such
  /// a function or from one whose caller holds the lock.
  llvm::DenseSet<const FunctionDecl *> calledOnlyUnderLock();
  void record(const ValueDecl *D, const Expr *Where, bool Write,
              const LockPoint &Point);

  const std::string CallerHoldsLockSuffixes;
  std::vector<std::string> Suffixes;
  LockAnalysis Locks;
  llvm::MapVector<const ValueDecl *, std::vector<Access>> Accesses;
  std::vector<CallRecord> Calls;
  llvm::DenseSet<const Expr *> Classified;
  llvm::DenseMap<const ValueDecl *, bool> NeedsLock;
  llvm::DenseMap<const FunctionDecl *, bool> CallerHolds;
  const SourceManager *Sources = nullptr;
  const LangOptions *Lang = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_CONCURRENCY_INCONSISTENTLOCKINGCHECK_H
