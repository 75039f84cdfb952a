//===--- LinearLookupInLoopCheck.h - vibeguard ------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SCALE_LINEARLOOKUPINLOOPCHECK_H
#define VIBEGUARD_CHECKS_SCALE_LINEARLOOKUPINLOOPCHECK_H

#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds linear searches of a sequence container repeated on every
/// iteration of a loop: std::find and friends, and hand-written inner loops
/// that look for a match and stop.
///
/// For the user-facing documentation see docs/checks/linear-lookup-in-loop.md.
class LinearLookupInLoopCheck : public ClangTidyCheck {
public:
  LinearLookupInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  void visit(const Stmt &S, const LoopContext &Where);
  void checkAlgorithm(const CallExpr &Call, const LoopContext &Where);
  void checkInnerLoop(const CXXForRangeStmt &Inner, const Stmt &Outer);
  /// The container \p E names, if it is a sequence container (or C array)
  /// that is not provably tiny and is not rebuilt inside \p Loop.
  const ValueDecl *searchedContainer(const Expr *E, const Stmt &Loop);
  bool isSequenceContainer(QualType Type);
  /// True if \p Loop runs a constant, small number of times.
  bool isShortLoop(const Stmt &Loop) const;

  const NameListOption LinearSearchFunctions;
  const NameListOption SequenceContainers;
  const NameListOption IterationAlgorithms;
  const unsigned MaxConstantSize;

  LoopContextWalker Loops;
  llvm::DenseMap<const Decl *, bool> IsSearch;
  llvm::DenseMap<const CXXRecordDecl *, bool> IsSequence;
  llvm::DenseSet<SourceLocation> Diagnosed;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_LINEARLOOKUPINLOOPCHECK_H
