//===--- LoopShape.h - vibeguard --------------------------------*- C++ -*-===//
//
// Facts about one loop: how often it can run, and what decides that it stops.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_LOOPSHAPE_H
#define VIBEGUARD_LOOPSHAPE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <cstdint>
#include <memory>
#include <optional>

namespace clang::tidy::vibeguard {

/// The number of iterations of \p Loop if it is a constant that does not
/// depend on any data: 'for (int i = 0; i < 3; ++i)', a range-for over a
/// braced list, a C array, a std::array, or a const container initialized
/// from a braced list. std::nullopt otherwise, and for algorithm calls.
std::optional<uint64_t> constantTripCount(const Stmt &Loop,
                                          const ASTContext &Context);

/// True if \p Iterations (a LoopContext's, outermost first) is not empty and
/// every one is a loop whose trip count is a constant of at most \p MaxTrips:
/// the code inside runs a bounded number of times per call of its function,
/// however much data there is. False if any is an algorithm call.
bool isShortRepetition(llvm::ArrayRef<const Stmt *> Iterations,
                       const ASTContext &Context, uint64_t MaxTrips);

/// The size of \p Type if it is a C array or std::array of constant size.
std::optional<uint64_t> constantSequenceSize(QualType Type);

/// Which expressions of a loop decide whether it goes on: its condition, the
/// conditions of branches that leave it (break, return, throw, goto), and,
/// transitively, whatever is assigned to the variables those read. A call
/// whose result decides this is a retry or a paging step, not work repeated
/// per element.
///
/// Each loop is analysed once, on first request, in one pass over it.
class LoopExitAnalysis {
public:
  /// True if \p Call's result decides whether \p Loop (a loop statement)
  /// continues.
  bool decidesContinuation(const Stmt &Loop, const Expr &Call);
  void clear() { Cache.clear(); }

private:
  llvm::DenseMap<const Stmt *, std::unique_ptr<llvm::DenseSet<const Expr *>>>
      Cache;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_LOOPSHAPE_H
