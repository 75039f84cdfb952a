//===--- WriteLoopWithoutTransactionCheck.h - vibeguard ---------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SCALE_WRITELOOPWITHOUTTRANSACTIONCHECK_H
#define VIBEGUARD_CHECKS_SCALE_WRITELOOPWITHOUTTRANSACTIONCHECK_H

#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "vibeguard/RemoteCalls.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds loops that execute SQL writes with no transaction around them, so
/// that every row is committed (and synced to disk) on its own.
///
/// For the user-facing documentation see
/// docs/checks/write-loop-without-transaction.md.
class WriteLoopWithoutTransactionCheck : public ClangTidyCheck {
public:
  WriteLoopWithoutTransactionCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  /// A database call, or a call of a function defined here, inside a loop.
  struct CallInLoop {
    const Expr *Call;
    const Stmt *Innermost;
    const FunctionDecl *Root; // the function whose body holds the loop
    std::optional<RemoteCall> Remote;
    const FunctionDecl *Callee = nullptr;
    /// For writes made through a transaction object (libpqxx), the object.
    const ValueDecl *Through = nullptr;
    /// Set for a call of a function defined here whose string argument is
    /// a write: 'execSql(Db, "INSERT ...")'.
    bool PassesWrite = false;
  };
  /// Something that opens a transaction: BEGIN-like SQL, a transaction
  /// object, one of the TransactionFunctions, or a call of a function
  /// defined here that always does one of these.
  struct Opening {
    SourceLocation Loc;
    std::optional<RemoteCall> Remote;    // SQL, decided at the end
    const FunctionDecl *Callee = nullptr; // helper, decided at the end
    const VarDecl *Object = nullptr;      // transaction object
  };
  struct DatabaseCall {
    const FunctionDecl *Function;
    const CallExpr *Call;
    RemoteCall Remote;
  };

  void visit(const Stmt &S, const LoopContext &Where);
  bool opens(const Opening &O) const;
  /// True if \p Caller opens a transaction before \p Loc.
  bool isCoveredIn(const FunctionDecl *Caller, SourceLocation Loc) const;
  /// True if every call of \p Fn in this translation unit is made inside a
  /// transaction its caller opened.
  bool isCoveredByCallers(const FunctionDecl *Fn) const;
  bool isWrite(const RemoteCall &Remote) const;
  void diagnose(const CallInLoop &Call);

  const NameListOption IterationAlgorithms;
  const unsigned MaxConstantTripCount;
  RemoteCallCatalog Catalog;
  TransactionCatalog Transactions;

  LoopContextWalker Loops;
  const FunctionDecl *Root = nullptr;
  EffectPaths Writes;
  EffectPaths Begins;
  // Reaches a database call whose statement is not known here: a wrapper
  // that runs whatever its caller passes.
  EffectPaths Executes;
  std::vector<CallInLoop> CallsInLoops;
  std::vector<DatabaseCall> DatabaseCallsOutsideLoops;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<Opening, 2>>
      OpeningsByRoot;
  // Callee -> (caller, call location), for transactions opened by callers.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<std::pair<const FunctionDecl *, SourceLocation>, 2>>
      CallSites;
  llvm::DenseSet<SourceLocation> ReportedLoops;
  const SourceManager *SM = nullptr;
  const ASTContext *Context = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_WRITELOOPWITHOUTTRANSACTIONCHECK_H
