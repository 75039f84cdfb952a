//===--- QuadraticContainerOpCheck.h - vibeguard ----------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SCALE_QUADRATICCONTAINEROPCHECK_H
#define VIBEGUARD_CHECKS_SCALE_QUADRATICCONTAINEROPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds container operations that cost O(n) per call repeated once per
/// iteration of a loop: erasing or inserting at the front of a vector or
/// string, erasing single elements while looping over the container, walking
/// a list from begin() to an index, and restarting a string search from 0.
///
/// For the user-facing documentation see docs/checks/quadratic-container-op.md.
class QuadraticContainerOpCheck : public ClangTidyCheck {
public:
  QuadraticContainerOpCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  enum class ContainerKind { Other, Contiguous, DoubleEnded, Node };
  /// A size comparison against a limit ('if (v.size() > Max)') around a
  /// region: the container stays bounded there, so front operations on it
  /// cost a constant.
  struct SizeGuard {
    const ValueDecl *Container;
    SourceRange Region;
  };
  struct CallInLoop {
    const Expr *Call;
    const FunctionDecl *Callee;
    const Stmt *Iteration;
  };
  struct SearchFromStart {
    const CXXMemberCallExpr *Find;
    const ValueDecl *Text;
    const Stmt *Iteration;
  };

  void visit(const Stmt &S, const LoopContext &Where);
  void checkMemberCall(const CXXMemberCallExpr &Call, const LoopContext &Where);
  void checkFrontOperation(const CXXMemberCallExpr &Call,
                           const ValueDecl &Container, bool IsInsert,
                           const LoopContext &Where);
  void checkEraseInOwnLoop(const CXXMemberCallExpr &Call,
                           const ValueDecl &Container,
                           const LoopContext &Where);
  void checkStepsFromBegin(const CallExpr &Call, const LoopContext &Where);
  void checkSubstrAssignment(const CXXOperatorCallExpr &Assign,
                             const LoopContext &Where);
  void recordSizeGuard(const Stmt &S);
  void
  collectSizeLimits(const Expr *Cond,
                    llvm::SmallVectorImpl<const ValueDecl *> &Containers) const;
  /// Remembers erase calls directly followed by break, return, goto or
  /// throw: they run at most once per loop.
  void recordErasesThenExits(const Stmt &S);
  void diagnoseCallInLoop(const CallInLoop &Call);
  /// True if every iteration of the loop around \p Call reaches the same
  /// \p Container through \p Path: one global, one argument, or the data
  /// member of one object.
  bool sameContainerEachTime(const CallInLoop &Call, const EffectPath &Path,
                             const ValueDecl &Container) const;

  ContainerKind kindOf(QualType Type);
  /// The innermost loop around the statement that repeats with a
  /// non-constant trip count and does not rebuild \p Container each time.
  const Stmt *repeatingLoop(const LoopContext &Where,
                            const ValueDecl *Container);
  bool isGuarded(const ValueDecl &Container, SourceLocation Loc) const;
  /// True if a variable that \p Position moves with only ever steps back in
  /// \p Loop: the loop walks from the end towards the front.
  bool walksBackwards(const Stmt &Loop, const Expr *Position);
  /// The fix that replaces an erase-or-advance loop with std::erase_if or
  /// the erase-remove idiom, when the loop has exactly that shape.
  std::optional<FixItHint> eraseIfFix(const Stmt &Loop,
                                      const CXXMemberCallExpr &Erase,
                                      const ValueDecl &Container,
                                      const LoopContext &Where) const;
  bool declaredInStdBefore(llvm::StringRef Name, SourceLocation Loc) const;

  const NameListOption ContiguousContainers;
  const NameListOption DoubleEndedContainers;
  const NameListOption NodeContainers;
  const NameListOption IterationAlgorithms;
  const unsigned MaxConstantTripCount;

  LoopContextWalker Loops;
  llvm::DenseMap<const CXXRecordDecl *, ContainerKind> Kinds;
  llvm::SmallVector<SizeGuard, 8> SizeGuards;
  llvm::DenseSet<const CXXMemberCallExpr *> ErasesThenExits;
  EffectPaths FrontOperations;
  std::vector<CallInLoop> CallsInLoops;
  std::vector<SearchFromStart> SearchesFromStart;
  // (container, loop) pairs whose loop is reported for erasing from the
  // container or consuming its front.
  llvm::DenseSet<std::pair<const ValueDecl *, const Stmt *>> ShrunkInLoop;
  llvm::DenseMap<std::pair<const ValueDecl *, const Stmt *>, bool>
      BackwardWalks;
  llvm::DenseMap<const Stmt *, bool> IsShortLoop;
  llvm::DenseSet<SourceLocation> Diagnosed;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_QUADRATICCONTAINEROPCHECK_H
