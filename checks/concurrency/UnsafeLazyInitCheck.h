//===--- UnsafeLazyInitCheck.h - vibeguard ----------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_CONCURRENCY_UNSAFELAZYINITCHECK_H
#define VIBEGUARD_CHECKS_CONCURRENCY_UNSAFELAZYINITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Locks.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds check-then-act initialisation of shared state without
/// synchronisation: 'if (!Instance) Instance = new T;' on a static (or, in
/// a class with a mutex, a member), and double-checked locking whose outer
/// read is not atomic.
///
/// For the user-facing documentation see docs/checks/unsafe-lazy-init.md.
class UnsafeLazyInitCheck : public ClangTidyCheck {
public:
  UnsafeLazyInitCheck(StringRef Name, ClangTidyContext *Context);
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

  /// 'if (!State)' evaluated with no lock held.
  struct UnsetTest {
    const IfStmt *If;
    const ValueDecl *State;
    const FunctionDecl *Function;
  };
  struct Assignment {
    const Expr *Where;
    bool Locked;
    bool AllocatesOrConstructs; // 'new T', make_unique, a constructor call
  };

  /// The static variable or member of 'this' that \p E names, if it is
  /// state other threads can see.
  const ValueDecl *sharedState(const Expr *E, const FunctionDecl *Fn);

  LockAnalysis Locks;
  std::vector<UnsetTest> Tests;
  llvm::DenseMap<const ValueDecl *, std::vector<Assignment>> Assignments;
  llvm::DenseMap<const RecordDecl *, bool> HasMutex;
  const SourceManager *Sources = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_CONCURRENCY_UNSAFELAZYINITCHECK_H
