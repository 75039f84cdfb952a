//===--- SleepAsSynchronizationCheck.h - vibeguard --------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_CONCURRENCY_SLEEPASSYNCHRONIZATIONCHECK_H
#define VIBEGUARD_CHECKS_CONCURRENCY_SLEEPASSYNCHRONIZATIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Locks.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds sleeps used to wait for another thread: in a loop that polls a
/// variable which is neither atomic nor read under a lock, or right after
/// starting a thread or async task.
///
/// For the user-facing documentation see
/// docs/checks/sleep-as-synchronization.md.
class SleepAsSynchronizationCheck : public ClangTidyCheck {
public:
  SleepAsSynchronizationCheck(StringRef Name, ClangTidyContext *Context);
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

  /// A loop with a sleep in its body, and whether its condition was
  /// evaluated with a lock held.
  struct SleepingLoop {
    const Stmt *Loop;
    const CallExpr *Sleep;
    bool ConditionLocked;
  };

  bool isSleep(const CallExpr &Call);
  bool startsThread(const Stmt &S);
  /// The variables an exit condition polls, or false if it does more than
  /// read variables (a call, such as a remote call in a retry loop).
  bool polledVariables(const Expr *Cond,
                       llvm::SmallVectorImpl<const Expr *> &Reads);
  /// True if \p Read names state another thread may write: a static, a
  /// member, or a local captured by reference in a lambda.
  bool isUnsynchronisedShared(const Expr &Read);
  void diagnoseLoop(const SleepingLoop &Loop);
  void checkBlock(const CompoundStmt &Block);

  const NameListOption SleepFunctions;
  const NameListOption ThreadClasses;
  LockAnalysis Locks;
  std::vector<SleepingLoop> Loops;
  /// 'if (cond) break;' statements and whether a lock was held there.
  llvm::DenseMap<const IfStmt *, bool> ExitTests;
  llvm::DenseSet<const VarDecl *> CapturedByReference;
  llvm::DenseMap<const FunctionDecl *, bool> IsSleepFunction;
  llvm::DenseSet<SourceLocation> Diagnosed;
  const SourceManager *Sources = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_CONCURRENCY_SLEEPASSYNCHRONIZATIONCHECK_H
