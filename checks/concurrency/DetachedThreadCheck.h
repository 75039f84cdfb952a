//===--- DetachedThreadCheck.h - vibeguard ----------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_CONCURRENCY_DETACHEDTHREADCHECK_H
#define VIBEGUARD_CHECKS_CONCURRENCY_DETACHEDTHREADCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds detached threads whose callable uses objects of the scope that
/// started them: captured by reference, 'this', std::ref arguments, or the
/// address of a local handed to pthread_create.
///
/// For the user-facing documentation see docs/checks/detached-thread.md.
class DetachedThreadCheck : public ClangTidyCheck {
public:
  DetachedThreadCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  /// What a thread borrows from the scope that starts it.
  struct Borrow {
    /// The expression naming a local or 'this', or null.
    const Expr *Where = nullptr;
    /// The class of 'this' when 'this' is all it borrows: the thread is
    /// safe if no object of that class is ever destroyed.
    const CXXRecordDecl *ThisClass = nullptr;
  };
  /// What the thread started by \p Args (callable first) borrows.
  Borrow borrowed(llvm::ArrayRef<const Expr *> Args) const;
  /// Reports \p Borrowed now, or at the end of the translation unit if it
  /// only borrows 'this'.
  void found(SourceLocation Detach, const Borrow &Borrowed);
  void report(SourceLocation Detach, const Expr &Borrowed);

  const NameListOption ThreadClasses;
  // Detaches whose thread borrows only 'this', and of which class.
  std::vector<std::pair<SourceLocation, Borrow>> BorrowsThis;
  ASTContext *Context = nullptr;
  // pthread_create(&tid, ..., arg): tid -> arg.
  llvm::DenseMap<const VarDecl *, const Expr *> PthreadArguments;
  std::vector<std::pair<const CallExpr *, const VarDecl *>> PthreadDetaches;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_CONCURRENCY_DETACHEDTHREADCHECK_H
