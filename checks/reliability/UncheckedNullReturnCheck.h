//===--- UncheckedNullReturnCheck.h - vibeguard -----------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDNULLRETURNCHECK_H
#define VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDNULLRETURNCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds results of functions that return null on failure (getenv, fopen,
/// malloc, strchr, ...) dereferenced, indexed, or passed where null is not
/// allowed, on a path with no null check in between.
///
/// For the user-facing documentation see
/// docs/checks/unchecked-null-return.md.
class UncheckedNullReturnCheck : public ClangTidyCheck {
public:
  UncheckedNullReturnCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  class Scan;

  /// The call of a NullReturningFunction that \p E is, or null.
  const CallExpr *nullSource(const Expr *E);
  /// How \p S uses \p Value (a variable's reference or a source call)
  /// unchecked: 0 none, 1 dereference, 2 argument, 3 string construction;
  /// \p Callee names the function it is passed to.
  unsigned useKind(const Stmt &S,
                   llvm::function_ref<bool(const Expr *)> IsValue,
                   const FunctionDecl *&Callee);
  void report(const Expr &Use, unsigned Kind, const FunctionDecl *Callee,
              const CallExpr &Source, const VarDecl *Var);

  const NameListOption NullReturningFunctions;
  const NameListOption NonNullArgumentFunctions;
  llvm::DenseMap<const FunctionDecl *, bool> ReturnsNull, NeedsNonNull;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDNULLRETURNCHECK_H
