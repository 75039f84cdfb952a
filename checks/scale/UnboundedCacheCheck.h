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
  bool isInitialization(const FunctionDecl &Fn, unsigned Depth = 0) const;
  /// True if \p Fn can only be called from this translation unit and every
  /// call of it here is in initialization code: 'bindAddresses()', called
  /// from the constructor.
  bool onlyCalledDuringInitialization(const FunctionDecl &Fn,
                                      unsigned Depth) const;
  bool isCollectionAdder(const FunctionDecl &Fn,
                         const ValueDecl &Container) const;
  /// True if \p Fn registers configuration ('addHandler', 'setOption',
  /// 'loadMimeTypes') rather than serving a request.
  bool isRegistration(const FunctionDecl &Fn,
                      const ValueDecl &Container) const;
  /// Records the classes whose objects \p Var, a variable with static
  /// storage duration, keeps alive for the whole process.
  void recordStaticObject(const VarDecl &Var);
  void recordClass(const CXXRecordDecl &Class);
  /// True if objects of \p Class live as long as the process: held in
  /// static storage, reached through a singleton accessor, named like a
  /// service, or held by value in a class that is.
  bool isLongLived(const CXXRecordDecl *Class);
  /// True if the data member \p Field belongs to an object that lives as long
  /// as the process, or is named like a cache, so that its growth is growth
  /// with traffic rather than with one short-lived object's work.
  bool isLongLivedMember(const FieldDecl &Field);

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
  // Classes with an object in static storage (and their bases).
  llvm::DenseSet<const CXXRecordDecl *> StaticClasses;
  // For each class, the classes that hold one by value.
  llvm::DenseMap<const CXXRecordDecl *,
                 llvm::SmallVector<const CXXRecordDecl *, 2>>
      Holders;
  llvm::DenseMap<const CXXRecordDecl *, bool> LongLived;
  // For each function, the functions that call it directly.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<const FunctionDecl *, 2>>
      Callers;
  // The callee expressions of calls, and the functions used any other way
  // (their address taken, handed out as callbacks).
  llvm::DenseSet<const Expr *> CalleeNames;
  llvm::DenseSet<const FunctionDecl *> Escaped;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_UNBOUNDEDCACHECHECK_H
