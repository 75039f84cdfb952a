//===--- BlockingCallUnderLockCheck.h - vibeguard ---------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_CONCURRENCY_BLOCKINGCALLUNDERLOCKCHECK_H
#define VIBEGUARD_CHECKS_CONCURRENCY_BLOCKINGCALLUNDERLOCKCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/Locks.h"
#include "vibeguard/NameListOption.h"
#include "vibeguard/RemoteCalls.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds sleeps, I/O, waits for other threads and remote calls made while a
/// mutex is held, directly or through functions of the translation unit.
///
/// For the user-facing documentation see
/// docs/checks/blocking-call-under-lock.md.
class BlockingCallUnderLockCheck : public ClangTidyCheck {
public:
  BlockingCallUnderLockCheck(StringRef Name, ClangTidyContext *Context);
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

  /// A blocking call, or a call of a function defined here, made with a
  /// mutex held.
  struct CallUnderLock {
    const Expr *Call;
    HeldLock Lock;
    const FunctionDecl *Callee = nullptr; // a function defined here
  };

  /// True if \p Call, made in the body of \p Callable, blocks the thread;
  /// sets \p Remote for remote calls.
  bool isBlocking(const CallExpr &Call, const Decl *Callable, bool &Remote);
  /// True if the arguments of a call of a blocking function ask it not to
  /// wait: a zero timeout or a non-blocking flag (catalog
  /// NonBlockingArguments).
  bool returnsAtOnce(const CallExpr &Call, const FunctionDecl &Callee,
                     const Decl *Callable) const;
  void report(const Expr &Call, const HeldLock &Lock, bool Remote,
              const FunctionDecl *Callee, const EffectPath *Path);

  const NameListOption BlockingFunctions;
  RemoteCallCatalog Catalog;
  LockAnalysis Locks;

  EffectPaths Blocking;
  llvm::DenseMap<const Stmt *, bool> SiteIsRemote;
  llvm::DenseMap<const FunctionDecl *, bool> IsBlockingFunction;
  std::vector<CallUnderLock> Calls;
  llvm::DenseSet<SourceLocation> Diagnosed;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_CONCURRENCY_BLOCKINGCALLUNDERLOCKCHECK_H
