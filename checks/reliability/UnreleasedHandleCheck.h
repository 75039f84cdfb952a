//===--- UnreleasedHandleCheck.h - vibeguard --------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_RELIABILITY_UNRELEASEDHANDLECHECK_H
#define VIBEGUARD_CHECKS_RELIABILITY_UNRELEASEDHANDLECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Handles.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::vibeguard {

/// Finds handles (streams, descriptors, connections, statements, memory)
/// acquired into a local variable and not released on every path out of
/// its scope: never released, or leaked by an early return, break,
/// continue, throw, or a call that can throw.
///
/// For the user-facing documentation see docs/checks/unreleased-handle.md.
class UnreleasedHandleCheck : public ClangTidyCheck {
public:
  UnreleasedHandleCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

  /// What a statement does to a handle it mentions.
  enum class Effect { None, Release, Transfer };

  /// Where a handle comes from: a call of an acquire function, directly or
  /// through helpers of this translation unit that return what they
  /// acquire.
  struct Acquisition {
    const HandleKind *Kind = nullptr;
    /// The call in the function being analysed.
    const CallExpr *Call = nullptr;
    /// The catalog function that acquires it, and the call of it inside the
    /// helper (null when Call is that call).
    const FunctionDecl *Acquirer = nullptr;
    const CallExpr *InnerCall = nullptr;
  };

  /// The acquisition \p E (a call's result) is, if any; \p Depth counts
  /// the helpers already entered.
  std::optional<Acquisition> resultAcquisition(const Expr *E, unsigned Depth);
  /// If \p Call acquires a handle into a variable whose address it is
  /// passed, that variable.
  const VarDecl *outParameterAcquisition(const CallExpr &Call,
                                         Acquisition &Acquired);
  /// What \p S does to the handle of \p Kind held in \p Var.
  Effect effectOn(const Stmt &S, const VarDecl &Var, const HandleKind &Kind,
                  unsigned Depth);
  /// True if \p Call can end in an exception, so that a handle held across
  /// it leaks.
  bool canThrow(const CallExpr &Call, unsigned Depth);

private:
  class Flow;
  struct Leak;

  Effect callEffect(const CallExpr &Call, const VarDecl &Var,
                    const HandleKind &Kind, unsigned Depth);
  Effect parameterFate(const FunctionDecl &Fn, unsigned Index,
                       const HandleKind &Kind, unsigned Depth);
  std::optional<Acquisition> returnedHandle(const FunctionDecl &Fn,
                                            unsigned Depth);
  bool bodyThrows(const FunctionDecl &Fn, unsigned Depth);
  void reportLeak(const Acquisition &Acquired, const VarDecl &Var,
                  llvm::MutableArrayRef<Leak> Leaks, bool LetGo,
                  const FunctionDecl *WrongRelease, bool Reassigned,
                  ASTContext &Context);
  void reportDiscarded(const Acquisition &Acquired);
  void noteHelper(const Acquisition &Acquired);

  HandleCatalog Handles;
  const NameListOption HandleTakingFunctions;
  const NameListOption ThrowingFunctions;
  const NameListOption ThrowingConversions;

  llvm::DenseMap<const FunctionDecl *, std::optional<Acquisition>> Returned;
  llvm::DenseMap<
      std::pair<const FunctionDecl *, std::pair<const HandleKind *, unsigned>>,
      Effect>
      Fates;
  // Whether a call of the function can throw, and whether its body can,
  // by the depth of calls the question was asked at.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> Throwing,
      Throws;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_RELIABILITY_UNRELEASEDHANDLECHECK_H
