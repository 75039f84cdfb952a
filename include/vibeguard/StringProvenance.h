//===--- StringProvenance.h - vibeguard -------------------------*- C++ -*-===//
//
// Where the text of a string comes from: constants only, or something known
// only at run time (a parameter, input, a field)? SQL and shell commands
// built from run-time text are injection holes.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_STRINGPROVENANCE_H
#define VIBEGUARD_STRINGPROVENANCE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <memory>

namespace clang::tidy::vibeguard {

/// Follows a string expression back through concatenation ('+', '+=',
/// append), formatting (std::format, fmt::format, snprintf, sprintf,
/// std::ostringstream), local variables, c_str()/data()/str(), and the
/// return values of functions defined in the translation unit (whose
/// parameters are mapped to the call's arguments), and finds the first
/// part that is not a constant.
///
/// Constants are literals, constexpr and const variables initialised with
/// constants, and empty strings. Values passed through an escaping function
/// are safe, and so, when IntegersAreSafe, are numbers (they cannot carry a
/// quote or a shell metacharacter): std::to_string(n), '%d' in a format,
/// 'stream << n'. Everything else is run-time text: parameters of the
/// function that executes the statement, fields, input, calls of functions
/// the translation unit does not define.
///
/// Each function's writes to its local strings are indexed once, on first
/// use: tracing is linear in the size of the bodies it visits.
class StringProvenance {
public:
  /// \p EscapeFunctions are qualified names (catalog::EscapeFunctions).
  StringProvenance(llvm::ArrayRef<llvm::StringRef> EscapeFunctions,
                   bool IntegersAreSafe);
  ~StringProvenance();

  /// The first part of \p Text that is built at run time, or null if \p Text
  /// is made only of constants and safe values.
  const Expr *firstRunTimePart(const Expr &Text);

  /// Forgets the indexed functions; call at the start of a translation unit.
  void clear();

  /// What one function body writes into its variables (implementation).
  struct Writes;

private:
  class Tracer;
  const Writes &writesIn(const FunctionDecl &Fn);
  bool isEscapeFunction(const FunctionDecl &Fn);

  llvm::ArrayRef<llvm::StringRef> EscapeFunctions;
  const bool IntegersAreSafe;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Writes>>
      WritesByFunction;
  llvm::DenseMap<const FunctionDecl *, bool> IsEscape;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_STRINGPROVENANCE_H
