//===--- UnsafeLazyInitCheck.h - vibeguard ----------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_CONCURRENCY_UNSAFELAZYINITCHECK_H
#define VIBEGUARD_CHECKS_CONCURRENCY_UNSAFELAZYINITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Locks.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
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

  /// What the translation unit says about threads: where it starts them,
  /// and which functions lead there. Re-created for each translation unit.
  struct ThreadFacts {
    /// Thread starts written in the translation unit (catalog ThreadStarts).
    std::vector<SourceLocation> Starts;
    /// Functions that start a thread; once Closed, also those that call
    /// one that does.
    llvm::DenseSet<const FunctionDecl *> Starting;
    bool Closed = false;
    /// Callee -> the functions that call it.
    llvm::DenseMap<const FunctionDecl *,
                   llvm::SmallVector<const FunctionDecl *, 2>>
        Callers;
    /// Calls made by main(), where they are.
    std::vector<std::pair<const FunctionDecl *, SourceLocation>> MainCalls;
    /// The state each function returns ('return *Instance;').
    llvm::DenseSet<std::pair<const FunctionDecl *, const ValueDecl *>>
        Returned;
  };

  /// The static variable or member of 'this' that \p E names, if it is
  /// state other threads can see.
  const ValueDecl *sharedState(const Expr *E, const FunctionDecl *Fn);
  /// True if \p Test cannot race: made in main() before main starts a
  /// thread, or in a translation unit that starts none, where only an
  /// accessor other translation units can call is reported.
  bool singleThreaded(const UnsetTest &Test, bool Locked);
  /// Where main() first starts a thread, directly or through a function of
  /// the translation unit; invalid if it does not.
  SourceLocation firstStartInMain(const FunctionDecl &Main);

  const NameListOption ThreadStarts;
  ThreadFacts Threads;
  LockAnalysis Locks;
  std::vector<UnsetTest> Tests;
  llvm::DenseMap<const ValueDecl *, std::vector<Assignment>> Assignments;
  llvm::DenseMap<const RecordDecl *, bool> HasMutex;
  const SourceManager *Sources = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_CONCURRENCY_UNSAFELAZYINITCHECK_H
