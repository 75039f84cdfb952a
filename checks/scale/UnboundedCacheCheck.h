//===--- UnboundedCacheCheck.h - vibeguard ----------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SCALE_UNBOUNDEDCACHECHECK_H
#define VIBEGUARD_CHECKS_SCALE_UNBOUNDEDCACHECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Regex.h"

namespace clang::tidy::vibeguard {

/// Finds long-lived containers (statics, globals, data members) that the
/// translation unit only ever grows, from code that runs per request or per
/// item: caches that never evict.
///
/// For the user-facing documentation see docs/checks/unbounded-cache.md.
class UnboundedCacheCheck : public ClangTidyCheck {
public:
  UnboundedCacheCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  struct Growth {
    const Stmt *Where;
    const FunctionDecl *Function;
  };
  /// What the translation unit does to one container, merged over template
  /// instantiations by the location of its declaration.
  struct Usage {
    const ValueDecl *Decl = nullptr;
    llvm::SmallVector<Growth, 2> Growths;
    /// Shrunk, reassigned, or handed to code that may do either.
    bool Released = false;
  };

  void visit(const Stmt &S, const LoopContext &Where);
  /// The long-lived growable container \p E names, or null.
  const ValueDecl *container(const Expr *E);
  void grow(const ValueDecl *Container, const Stmt &Where,
            const FunctionDecl *Fn);
  void release(const ValueDecl *Container);
  bool isInitialization(const FunctionDecl &Fn) const;
  bool isCollectionAdder(const FunctionDecl &Fn,
                         const ValueDecl &Container) const;

  const NameListOption GrowableContainers;
  const NameListOption IterationAlgorithms;
  const std::string InitFunctionPattern;
  llvm::Regex InitFunctionRegex;

  LoopContextWalker Loops;
  const FunctionDecl *Root = nullptr;
  llvm::DenseMap<const CXXRecordDecl *, bool> IsGrowable;
  llvm::MapVector<SourceLocation, Usage> Usages;
  // (function, container) pairs where the function reads the size.
  llvm::DenseSet<std::pair<const FunctionDecl *, SourceLocation>> SizeChecked;
  // (function, container) pairs where the function looks an entry up.
  llvm::DenseSet<std::pair<const FunctionDecl *, SourceLocation>> LookedUp;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_UNBOUNDEDCACHECHECK_H
