//===--- Stability.h - vibeguard --------------------------------*- C++ -*-===//
//
// Does an expression compute the same value every time it runs?
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_STABILITY_H
#define VIBEGUARD_STABILITY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::vibeguard {

class LoopContextWalker;

/// How much an expression's value can change. Ordered: a Constant expression
/// is also loop-invariant.
enum class Stability {
  /// May differ between evaluations, or we cannot tell.
  Varying,
  /// The same on every iteration of a given loop: built from variables that
  /// are declared outside the loop and not modified inside it.
  LoopInvariant,
  /// The same on every evaluation in the program: literals, enumerators,
  /// constexpr variables and const variables with static storage duration,
  /// combined by operators, constructors and constexpr functions.
  Constant,
};

/// Classifies \p E. With \p Loop null the answer is Constant or Varying. Calls
/// of functions we cannot see into count as Varying (they may read input),
/// except const member functions and overloaded operators of stable operands.
Stability stabilityOf(const Expr &E, const Stmt *Loop,
                      const LoopContextWalker &Loops);

/// True if every use of \p Var in \p Scope only reads it: a value read, an
/// argument bound to a by-value or const reference parameter, the object of a
/// const member function, a const reference bound to it. Any other use, or
/// one we cannot classify, counts as a modification. One top-down pass over
/// \p Scope; it needs no parent map, unlike clang's ExprMutationAnalyzer.
bool isOnlyRead(const ValueDecl &Var, const Stmt &Scope);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_STABILITY_H
