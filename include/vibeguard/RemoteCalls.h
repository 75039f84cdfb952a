//===--- RemoteCalls.h - vibeguard ------------------------------*- C++ -*-===//
//
// Which calls leave the process (database, HTTP, RPC, cache), what SQL they
// run, and which transactions surround them. The names come from Catalog.h
// and the options that extend it; the rules that need more than a name
// (SQL text, prepared statements, gRPC stubs) live here.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_REMOTECALLS_H
#define VIBEGUARD_REMOTECALLS_H

#include "vibeguard/NameListOption.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>

namespace clang::tidy::vibeguard {

/// What a SQL statement does, from its first keyword.
enum class SqlKind {
  Unknown,
  Read,             // SELECT, WITH, SHOW, ... anything not listed below
  Write,            // INSERT, UPDATE, DELETE, REPLACE, UPSERT, MERGE
  TransactionBegin, // BEGIN, START TRANSACTION, SAVEPOINT
  TransactionEnd,   // COMMIT, END, ROLLBACK, RELEASE
};

/// Classifies SQL text by its first keyword, ignoring case, leading blanks,
/// parentheses and comments.
SqlKind classifySql(llvm::StringRef Text);

/// The literal text a string expression starts with, following string
/// constructions, concatenations ('"INSERT ..." + name'), c_str(),
/// std::format-like calls and variables' initializers; std::nullopt when the
/// start is not a literal.
std::optional<std::string> leadingStringLiteral(const Expr &E);

/// True for the types SQL text is passed as: character pointers and arrays,
/// std::basic_string, std::basic_string_view and classes derived from them.
bool isStringLike(QualType Type);

/// The kind of the SQL text a call hands on, for calls of the project's own
/// wrappers ('execSql(Db, "BEGIN")', 'Conn.run("INSERT ...")'), from the
/// string arguments whose text starts with a literal: a write or a
/// transaction statement if one is, Read if only others are, Unknown if
/// there are none. Any literal counts, so only use this to stay silent.
SqlKind sqlKindOfArguments(const CallExpr &Call);

/// A prepared statement, identified by the variable or member that holds
/// its handle (sqlite3_stmt *, MYSQL_STMT *) or by its name (libpq, libpqxx).
struct PreparedStatement {
  const ValueDecl *Handle = nullptr;
  std::string Name;
  explicit operator bool() const { return Handle || !Name.empty(); }
};

/// One call the catalog knows.
struct RemoteCall {
  /// Costs a round-trip each time it runs. False for sqlite3_step, which
  /// reads the next row of a statement (or executes it in-process).
  bool RoundTrip = true;
  /// A database call, as opposed to an HTTP or RPC request.
  bool Database = false;
  /// The SQL text argument, if the call takes one.
  const Expr *Statement = nullptr;
  /// The prepared statement the call executes, if it executes one.
  PreparedStatement Executes;
};

/// The remote-call knowledge of the catalog, with the project's additions
/// from the options RemoteCallFunctions and SqlFunctions (local to a check or
/// global).
class RemoteCallCatalog {
public:
  RemoteCallCatalog(const ClangTidyCheck &Check,
                    const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;
  /// Forgets what the last translation unit prepared.
  void clear();

  /// What \p Call does, or std::nullopt if it is not in the catalog. Also
  /// records the statements that prepare calls prepare, for kindOf().
  std::optional<RemoteCall> classify(const CallExpr &Call);

  /// The kind of statement \p Call runs: from its text, or from the text
  /// its prepared statement was prepared with anywhere in the translation
  /// unit. Ask at the end of the translation unit.
  SqlKind kindOf(const RemoteCall &Call) const;

private:
  enum Role : unsigned char { None, Remote, Sql, Step };
  Role roleOf(const FunctionDecl &Callee);
  void recordPreparation(const CallExpr &Call, const FunctionDecl &Callee,
                         const Expr *Statement);

  const NameListOption RemoteCallFunctions;
  const NameListOption SqlFunctions;

  llvm::DenseMap<const FunctionDecl *, Role> Roles;
  // What each prepared statement was prepared with. Unknown when it was
  // prepared with texts of different kinds.
  llvm::DenseMap<const ValueDecl *, SqlKind> PreparedHandles;
  llvm::StringMap<SqlKind> PreparedNames;
};

/// Transactions that are not SQL text: RAII transaction objects and begin
/// functions, from the options TransactionClasses and TransactionFunctions.
/// (A 'BEGIN' statement is RemoteCallCatalog's SqlKind::TransactionBegin.)
class TransactionCatalog {
public:
  TransactionCatalog(const ClangTidyCheck &Check,
                     const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;
  void clear();

  /// True if an object of \p Type holds a transaction open while it lives.
  bool isTransactionObject(QualType Type);
  /// True if \p Call is a call of one of the TransactionFunctions.
  bool opensTransaction(const CallExpr &Call);

private:
  const NameListOption TransactionClasses;
  const NameListOption TransactionFunctions;
  llvm::DenseMap<const CXXRecordDecl *, bool> TransactionTypes;
  llvm::DenseMap<const FunctionDecl *, bool> BeginFunctions;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_REMOTECALLS_H
