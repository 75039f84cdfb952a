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
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

  /// An assertion macro written in the source, and the names passed to it
  /// as whole arguments ('p' in 'ASSERT_NE(p, nullptr)', not in
  /// 'ASSERT_EQ(p->size, 0)').
  struct Assertion {
    SourceLocation Loc;
    llvm::SmallVector<const IdentifierInfo *, 2> Names;
  };

private:
  class Scan;
  class MacroRecorder;

  /// True if an assertion on \p Var stands between \p From and \p To.
  bool assertedBetween(const VarDecl &Var, SourceLocation From,
                       SourceLocation To, const SourceManager &SM) const;

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

  /// True if the statement before the one holding \p Fetch moves the same
  /// result's cursor to a row: 'mysql_row_seek(Res, Offset); Row =
  /// mysql_fetch_row(Res);', also when the fetch starts a loop that follows
  /// the seek.
  bool positionedBefore(const CallExpr &Fetch, ASTContext &Context) const;

  const NameListOption NullReturningFunctions;
  const NameListOption NonNullArgumentFunctions;
  const NameListOption PositioningFunctions;
  llvm::DenseMap<const FunctionDecl *, bool> ReturnsNull, NeedsNonNull;
  llvm::DenseSet<SourceLocation> Diagnosed;
  // In the order of the source, as the preprocessor met them.
  std::vector<Assertion> Assertions;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDNULLRETURNCHECK_H
