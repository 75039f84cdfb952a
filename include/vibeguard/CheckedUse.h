//===--- CheckedUse.h - vibeguard -------------------------------*- C++ -*-===//
//
// Is a value tested before it is used, on every path? A forward data-flow
// analysis over clang's CFG: a variable becomes unchecked where it is set
// from a source (a call that may return null, a find() that may return
// end()), checked where a branch condition mentions it, and every use
// reached by an unchecked path is reported.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_CHECKEDUSE_H
#define VIBEGUARD_CHECKEDUSE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::vibeguard {

/// What the analysis asks of the check.
struct CheckedUseRules {
  /// If \p S sets a tracked variable from a source, that variable, and the
  /// source expression; null otherwise.
  llvm::function_ref<const VarDecl *(const Stmt &S, const Expr *&Source)>
      SetsFromSource;
  /// If \p S uses \p Var in a way that needs it checked, the use; null
  /// otherwise.
  llvm::function_ref<const Expr *(const Stmt &S, const VarDecl &Var)> UseOf;
  /// Called once per unchecked use, with the source that reaches it.
  llvm::function_ref<void(const Expr &Use, const VarDecl &Var,
                          const Expr &Source)>
      Report;
};

/// Runs the analysis over \p Fn's body for \p Vars (the variables a cheap
/// scan found set from a source). Linear in the size of the body times the
/// number of variables, which the caller keeps small.
void findUncheckedUses(const FunctionDecl &Fn, ASTContext &Context,
                       llvm::ArrayRef<const VarDecl *> Vars,
                       const CheckedUseRules &Rules);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKEDUSE_H
