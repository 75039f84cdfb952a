//===--- UncheckedFindCheck.h - vibeguard -----------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDFINDCHECK_H
#define VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDFINDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds iterators returned by find(), lower_bound() and upper_bound()
/// (members and std:: algorithms) dereferenced on a path with no
/// comparison against end() in between.
///
/// For the user-facing documentation see docs/checks/unchecked-find.md.
class UncheckedFindCheck : public ClangTidyCheck {
public:
  UncheckedFindCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  /// The lookup call \p E is, or null.
  const CallExpr *lookupCall(const Expr *E);
  void report(const Expr &Use, const CallExpr &Lookup, const VarDecl *Var);

  const NameListOption SearchFunctions;
  llvm::DenseMap<const NamedDecl *, bool> IsSearch;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDFINDCHECK_H
