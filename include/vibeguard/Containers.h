//===--- Containers.h - vibeguard -------------------------------*- C++ -*-===//
//
// Reading container expressions: which variable or member an expression
// names, and which container a begin()/end() call walks.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_CONTAINERS_H
#define VIBEGUARD_CONTAINERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::vibeguard {

/// \p E without the nodes that conversions add around a value: implicit
/// casts, parentheses, temporaries, and converting or copying constructions
/// from a single argument (iterator to const_iterator, say).
const Expr *stripConversions(const Expr *E);

/// The variable or data member \p E names ('v', 'this->v', 'obj.v'), or
/// null.
const ValueDecl *namedValue(const Expr *E);

enum class RangeEnd { Begin, End };

/// The container whose begin (or end) \p E is: 'c.begin()', 'c.cbegin()',
/// 'std::begin(c)', 'std::cbegin(c)' (likewise end); null for anything else.
const Expr *containerOfRangeEnd(const Expr *E, RangeEnd Which);

/// The algorithm \p Call invokes: its callee, or for the function objects
/// of std::ranges ('std::ranges::find(v, x)' is operator() on a variable)
/// the variable. Null for calls through pointers.
const NamedDecl *calledAlgorithm(const CallExpr &Call);

/// The arguments \p Call passes to the algorithm, without the function
/// object of a std::ranges call.
llvm::ArrayRef<const Expr *> algorithmArguments(const CallExpr &Call);

/// True if \p Type is std::basic_string or std::basic_string_view (of any
/// character type): classes that copy or view the characters they are
/// built from.
bool isStdStringClass(QualType Type);

/// True if \p Name is a member function that adds an element to a standard
/// container by value or key: 'insert', 'emplace', 'emplace_hint',
/// 'try_emplace', 'insert_or_assign'.
bool isInsertingMethod(llvm::StringRef Name);

/// True if \p S refers to \p D anywhere inside it.
bool mentions(const Stmt *S, const ValueDecl *D);

/// The statement just before the one of its block that holds \p S ('seek(r);'
/// for the 'mysql_fetch_row(r)' of 'seek(r); row = mysql_fetch_row(r);'),
/// or null when that statement comes first or \p S is not in a block. With
/// \p ThroughLoopStart, the first statement of a loop's body is preceded by
/// the statement before the loop.
const Stmt *statementBefore(const Stmt &S, ASTContext &Context,
                            bool ThroughLoopStart = false);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CONTAINERS_H
