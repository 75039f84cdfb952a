//===--- CallPaths.h - vibeguard --------------------------------*- C++ -*-===//
//
// Seeing through helper functions: which functions defined in this
// translation unit perform an effect (compile a regex, query a database, ...)
// every time they run, and along which chain of calls.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_CALLPATHS_H
#define VIBEGUARD_CALLPATHS_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::vibeguard {

/// One step of a call chain: the call and the function it enters.
struct CallHop {
  const Expr *Call;
  const FunctionDecl *Callee;
};

/// A chain of calls from some function down to the statement that performs
/// the effect. Hops is empty when the function performs it itself.
struct EffectPath {
  llvm::SmallVector<CallHop, 4> Hops;
  const Stmt *Site = nullptr;
};

/// Collects effects and unconditional calls while the matchers run, then
/// answers "does calling F always lead to the effect, and how?".
///
/// Only calls that run on every execution of their caller (not inside one of
/// its loops) propagate an effect upwards: a helper that already repeats the
/// effect in its own loop is reported there, once.
class EffectPaths {
public:
  /// \p Fn performs the effect at \p Site whenever it runs.
  void addEffect(const FunctionDecl *Fn, const Stmt *Site);
  /// A default member initializer of \p Field performs the effect at \p Site:
  /// every constructor of its class that does not initialize it explicitly
  /// inherits the effect.
  void addMemberInitializerEffect(const FieldDecl *Field, const Stmt *Site);
  /// \p Caller calls \p Callee through \p Call on every execution.
  void addCall(const FunctionDecl *Caller, const Expr *Call,
               const FunctionDecl *Callee);

  /// Computes the paths; linear in the number of recorded calls. Call once,
  /// at the end of the translation unit, before pathFrom().
  void solve();

  /// The shortest recorded path from \p Callee's body to an effect, or
  /// std::nullopt if calling it does not always lead to one.
  std::optional<EffectPath> pathFrom(const FunctionDecl *Callee) const;

  void clear();

private:
  struct Reach {
    const Stmt *Site = nullptr;          // set when the function does it itself
    CallHop Next = {nullptr, nullptr};   // otherwise, the call that leads there
  };
  static const FunctionDecl *key(const FunctionDecl *Fn);

  llvm::DenseMap<const FunctionDecl *, Reach> Reaches;
  llvm::SmallVector<std::pair<const FieldDecl *, const Stmt *>, 4>
      MemberInitializerEffects;
  // Callee -> the calls that reach it, for the reverse breadth-first search.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<std::pair<const FunctionDecl *, const Expr *>, 2>>
      Callers;
};

/// How diagnostics name a callable: "'isValidEmail'", "the lambda",
/// "the constructor of 'Validator'".
std::string describeCallable(const FunctionDecl &Fn);

/// The qualified name of \p Fn without template arguments:
/// 'std::future::get' for a member of std::future<std::string>.
std::string qualifiedNameOf(const FunctionDecl &Fn);
/// Likewise for a data member or variable: 'Queue::Items' for a member of
/// Queue<int>.
std::string qualifiedNameOf(const ValueDecl &D);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CALLPATHS_H
