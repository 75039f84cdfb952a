//===--- SwallowedExceptionCheck.h - vibeguard ------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_RELIABILITY_SWALLOWEDEXCEPTIONCHECK_H
#define VIBEGUARD_CHECKS_RELIABILITY_SWALLOWEDEXCEPTIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds catch handlers that only log the error and then fall through, so
/// execution continues as if the operation had succeeded.
///
/// For the user-facing documentation see docs/checks/swallowed-exception.md.
class SwallowedExceptionCheck : public ClangTidyCheck {
public:
  SwallowedExceptionCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus && LangOpts.CXXExceptions;
  }

private:
  struct Handler {
    const CXXCatchStmt *Catch;
    const Decl *Callable;
    const CXXTryStmt *Try;
  };
  // The statement after each try statement in its block (null when it is
  // the last one): where a handler that falls through goes next.
  llvm::DenseMap<const CXXTryStmt *, const Stmt *> Followers;

  bool fallsIntoFailurePath(const CXXTryStmt &Try);
  /// True if \p Try wraps a loop that only an exception ends.
  bool wrapsEndlessLoop(const CXXTryStmt &Try) const;
  /// True if nothing in the function runs after \p Try.
  bool isLastWork(const CXXTryStmt &Try) const;
  /// True if the try block ends by setting a local that code after the try
  /// reads: 'Sent = true;' and later 'if (!Sent) retry();'.
  bool leavesSuccessFlag(const CXXTryStmt &Try, const Decl *Callable) const;
  /// True if \p Callable is, or is inside, the body of a test.
  bool isInTest(const Decl *Callable, const SourceManager &SM) const;
  /// True if \p Try is a test's way to assert that an exception comes: its
  /// block ends in a failure ('FAIL()', 'fail("...")', 'assert(false)').
  bool expectsException(const CXXTryStmt &Try, const SourceManager &SM) const;

  /// True if \p S only writes a log line or prints.
  bool isLogging(const Stmt &S, const SourceManager &SM);
  bool isLoggingCall(const CallExpr &Call);
  /// True for the Loggers and for functions named (or in a class named)
  /// like a log.
  bool isLogger(const FunctionDecl &Fn);

  const NameListOption IterationAlgorithms;
  const NameListOption Loggers;
  const NameListOption ThreadClasses;
  LoopContextWalker Loops;
  std::vector<Handler> Handlers;
  /// Call operators of lambdas that run as a thread's entry point.
  llvm::DenseSet<const Decl *> ThreadEntries;
  /// Functions returning void that are handed to other code to call
  /// (callbacks, handlers registered with an event loop).
  llvm::DenseSet<const Decl *> Callbacks;
  ASTContext *Context = nullptr;
  llvm::DenseMap<const FunctionDecl *, bool> IsLogger;
  const SourceManager *Sources = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_RELIABILITY_SWALLOWEDEXCEPTIONCHECK_H
