//===--- LoopContext.h - vibeguard ------------------------------*- C++ -*-===//
//
// Where does a statement run: once per call of its function, or once per
// iteration of some loop inside it?
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_LOOPCONTEXT_H
#define VIBEGUARD_LOOPCONTEXT_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::vibeguard {

/// The innermost repetition around a statement and the callable that holds it.
struct LoopContext {
  /// The loop (for, range-for, while, do) or the call of an iteration
  /// algorithm whose lambda argument holds the statement; null when the
  /// statement runs at most once per call of Callable.
  const Stmt *Iteration = nullptr;
  /// Every repetition around the statement, outermost first, ending with
  /// Iteration: loops nested in loops, algorithm lambdas inside loops. Only
  /// valid during the callback.
  llvm::ArrayRef<const Stmt *> Iterations;
  /// The function, lambda call operator or block whose body holds the
  /// statement; null in a default member initializer.
  const Decl *Callable = nullptr;
  /// Set when the statement is in a default member initializer: it runs in
  /// every constructor of the class that does not initialize the member.
  const FieldDecl *InClassInitializerOf = nullptr;

  /// Callable as a FunctionDecl, or null (blocks, member initializers).
  const FunctionDecl *function() const;
};

/// Walks bodies top-down and hands every statement to a callback with its
/// LoopContext. It never asks the AST for parents: the parent map is built
/// over the whole translation unit, headers included, and would cost more
/// than every vibeguard check together. A walk is linear in the size of the
/// body; lambdas inside are walked with their own context, nested function
/// declarations (local classes) are left to their own walk.
///
/// What the walks learn about variables stays available for the rest of the
/// translation unit, for the queries below.
class LoopContextWalker {
public:
  using Callback =
      llvm::function_ref<void(const Stmt &, const LoopContext &)>;

  /// \p IterationAlgorithms are qualified names (catalog::IterationAlgorithms).
  explicit LoopContextWalker(llvm::ArrayRef<llvm::StringRef> IterationAlgorithms);

  /// Walks a function's member initializers and body.
  void walkFunction(const FunctionDecl &Fn, Callback Visit);
  /// Walks a default member initializer.
  void walkInClassInitializer(const FieldDecl &Field, Callback Visit);
  /// Forgets everything; call at the start of a translation unit.
  void clear();

  /// True if \p Call calls one of the iteration algorithms.
  bool isIterationAlgorithmCall(const CallExpr &Call);

  // Facts about variables of walked bodies.

  /// True if \p Var is declared inside \p Iteration (a loop statement or an
  /// algorithm call), so it may differ between iterations.
  bool isDeclaredWithin(const VarDecl &Var, const Stmt &Iteration) const;
  /// The variable whose initializer is \p Construct (through the nodes that
  /// 'auto x = T(...)' and elided copies add), or null for a temporary.
  const VarDecl *initializedVariable(const CXXConstructExpr &Construct) const;
  /// The declaration statement of \p Var if it declares nothing else and sits
  /// directly in a block; null otherwise.
  const DeclStmt *soleDeclarationInBlock(const VarDecl &Var) const;
  /// The callable whose body declares \p Var.
  const Decl *callableDeclaring(const VarDecl &Var) const;

private:
  class Walk;
  friend class Walk;

  llvm::ArrayRef<llvm::StringRef> IterationAlgorithms;
  llvm::DenseMap<const Decl *, bool> IsIterationAlgorithm;
  // For each variable, the loops and algorithm calls around its declaration.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Stmt *, 2>>
      EnclosingIterations;
  llvm::DenseMap<const CXXConstructExpr *, const VarDecl *> Initialized;
  llvm::DenseMap<const VarDecl *, const DeclStmt *> SoleDeclarations;
  llvm::DenseSet<const DeclStmt *> DeclarationsInBlocks;
  llvm::DenseMap<const VarDecl *, const Decl *> DeclaringCallables;
};

/// Matches the definitions of the project's own functions (not system
/// headers), each to be walked once with LoopContextWalker::walkFunction().
/// Lambda call operators are left out: they are walked as part of the
/// function around them.
ast_matchers::internal::BindableMatcher<Decl> projectFunctionDefinitions();

/// A short human name for the repetition, for diagnostics: "the loop" or
/// "'std::for_each'".
std::string describeIteration(const Stmt &Iteration);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_LOOPCONTEXT_H
