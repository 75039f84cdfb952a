//===--- QueryInLoopCheck.h - vibeguard -------------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SCALE_QUERYINLOOPCHECK_H
#define VIBEGUARD_CHECKS_SCALE_QUERYINLOOPCHECK_H

#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/LoopShape.h"
#include "vibeguard/NameListOption.h"
#include "vibeguard/RemoteCalls.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds database queries, HTTP requests and RPCs executed once per
/// iteration of a loop, directly or through functions the loop calls.
///
/// For the user-facing documentation see docs/checks/query-in-loop.md.
class QueryInLoopCheck : public ClangTidyCheck {
public:
  QueryInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  /// A remote call, or a call of a function defined here, inside a loop.
  struct CallInLoop {
    const Expr *Call;
    /// The loops around the call, outermost first.
    llvm::SmallVector<const Stmt *, 2> Iterations;
    /// Set for a call of the catalog.
    std::optional<RemoteCall> Remote;
    /// Set for a call of a function defined in this translation unit.
    const FunctionDecl *Callee = nullptr;
  };
  /// A remote call that runs whenever its function runs.
  struct RemoteCallInFunction {
    const FunctionDecl *Function;
    const CallExpr *Call;
    RemoteCall Remote;
  };

  void visit(const Stmt &S, const LoopContext &Where);
  /// True if the loop around \p Call repeats it a number of times that does
  /// not grow with the data: a small constant trip count, or a retry or
  /// paging loop that the call's own result ends.
  bool isBoundedRepetition(const CallInLoop &Call);
  /// True for calls whose statement is left to other checks (writes, to
  /// write-loop-without-transaction) or is not a query (BEGIN, COMMIT).
  bool isQuery(const RemoteCall &Remote) const;
  void diagnose(const CallInLoop &Call);

  const NameListOption IterationAlgorithms;
  RemoteCallCatalog Catalog;
  const unsigned MaxConstantTripCount;

  // Per translation unit; diagnostics are emitted at its end, once every
  // helper and every prepared statement is known.
  LoopContextWalker Loops;
  LoopExitAnalysis Exits;
  EffectPaths RoundTrips;
  llvm::DenseMap<const Stmt *, bool> SiteIsDatabase;
  // Database calls in helpers whose statement the helper does not show
  // (it comes from a parameter or a field): the caller's text decides.
  llvm::DenseSet<const Stmt *> SiteOfUnknownStatement;
  std::vector<CallInLoop> CallsInLoops;
  std::vector<RemoteCallInFunction> RemoteCallsInFunctions;
  llvm::DenseSet<SourceLocation> Diagnosed;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_QUERYINLOOPCHECK_H
