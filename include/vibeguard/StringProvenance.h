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

/// What tracing a text found (StringProvenance::origin()).
struct TextOrigin {
  /// The first part built at run time, or null.
  const Expr *Part = nullptr;
  /// Part is added to other text (after a literal of a concatenation, an
  /// appended piece, a formatted value) rather than being the whole text or
  /// its start: the text is built from it.
  bool Joined = false;
  /// Parameters of the function holding the text that are the text or its
  /// start: what they hold is decided by the callers of that function.
  llvm::SmallVector<const ParmVarDecl *, 2> Forwarded;
};

/// Follows a string expression back through concatenation ('+', '+=',
/// append), formatting (std::format, fmt::format, snprintf, sprintf,
/// std::ostringstream), copies into buffers (strcpy, strcat, memcpy, also
/// through a pointer to the buffer), local variables, arrays of constants,
/// c_str()/data()/str(), and the return values of functions defined in the
/// translation unit (whose parameters are mapped to the call's arguments),
/// and finds the first part that is not a constant.
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
/// use: tracing is linear in the size of the bodies it visits. The calls of
/// the translation unit are indexed once, on the first origin() that needs
/// them.
class StringProvenance {
public:
  /// \p EscapeFunctions are qualified names (catalog::EscapeFunctions).
  StringProvenance(llvm::ArrayRef<llvm::StringRef> EscapeFunctions,
                   bool IntegersAreSafe);
  ~StringProvenance();

  /// The first part of \p Text that is built at run time, or null if \p Text
  /// is made only of constants and safe values.
  const Expr *firstRunTimePart(const Expr &Text);

  /// Like firstRunTimePart(), but a parameter of the function holding
  /// \p Text is left to its callers: a parameter that is the text (or its
  /// start) is returned in Forwarded instead of as Part, and a parameter
  /// joined to the text counts as a constant when the translation unit
  /// calls its function and every call passes a constant.
  TextOrigin origin(const Expr &Text);

  /// The calls of \p Fn in the translation unit (CallExpr or
  /// CXXConstructExpr), or null when it may be called in ways the
  /// translation unit does not show: it is virtual or its address is taken.
  const llvm::SmallVector<const Expr *, 4> *callsOf(const FunctionDecl &Fn);

  /// The argument \p Call (a CallExpr or CXXConstructExpr) passes for
  /// \p Param, or null.
  static const Expr *argumentFor(const Expr &Call, const ParmVarDecl &Param);

  /// Forgets the indexed functions; call at the start of a translation unit.
  void clear();

  /// What one function body writes into its variables (implementation).
  struct Writes;
  /// The calls of the translation unit (implementation).
  struct CallIndex;

private:
  class Tracer;
  const Writes &writesIn(const FunctionDecl &Fn);
  bool isEscapeFunction(const FunctionDecl &Fn);
  bool callersPassOnlyConstants(const ParmVarDecl &Param);

  llvm::ArrayRef<llvm::StringRef> EscapeFunctions;
  const bool IntegersAreSafe;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Writes>>
      WritesByFunction;
  llvm::DenseMap<const FunctionDecl *, bool> IsEscape;
  llvm::DenseMap<const ParmVarDecl *, bool> ConstantParams;
  std::unique_ptr<CallIndex> Calls;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_STRINGPROVENANCE_H
