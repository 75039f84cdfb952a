//===--- LoopContext.h - vibeguard ------------------------------*- C++ -*-===//
//
// Where does a statement run: once per call of its function, or once per
// iteration of some loop inside it?
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_LOOPCONTEXT_H
#define VIBEGUARD_LOOPCONTEXT_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::vibeguard {

/// The innermost repetition around a statement and the callable that holds it.
struct LoopContext {
  /// The loop (for, range-for, while, do) or the call of an iteration
  /// algorithm whose lambda argument holds the statement; null when the
  /// statement runs at most once per call of Callable.
  const Stmt *Iteration = nullptr;
  /// The function, lambda call operator or block whose body holds the
  /// statement; null outside any body (e.g. a global initializer).
  const Decl *Callable = nullptr;
  /// Set when the statement is a default member initializer: it runs in every
  /// constructor of the class that does not initialize the member itself.
  const FieldDecl *InClassInitializerOf = nullptr;

  /// Callable as a FunctionDecl, or null (blocks, global scope).
  const FunctionDecl *function() const;
};

/// Answers LoopContext queries by walking the parent map up to the nearest
/// function boundary: the cost is the nesting depth of the statement, never the
/// size of the translation unit.
class LoopContextFinder {
public:
  /// \p IterationAlgorithms are qualified names (see catalog::IterationAlgorithms).
  LoopContextFinder(ASTContext &Context,
                    llvm::ArrayRef<llvm::StringRef> IterationAlgorithms);

  LoopContext find(const Stmt &S) const;

  /// True if \p Call calls one of the iteration algorithms.
  bool isIterationAlgorithmCall(const CallExpr &Call) const;

  /// True if \p D is declared somewhere inside \p Ancestor.
  bool isDeclaredWithin(const Decl &D, const Stmt &Ancestor) const;

private:
  ASTContext &Context;
  llvm::ArrayRef<llvm::StringRef> IterationAlgorithms;
};

/// A short human name for the repetition, for diagnostics: "the loop" or
/// "'std::for_each'".
std::string describeIteration(const Stmt &Iteration);


} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_LOOPCONTEXT_H
