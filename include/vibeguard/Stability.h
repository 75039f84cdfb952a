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

class LoopContextFinder;

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
                      const LoopContextFinder &Loops, ASTContext &Context);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_STABILITY_H
