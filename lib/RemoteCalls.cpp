//===--- RemoteCalls.cpp - vibeguard --------------------------------------===//

#include "vibeguard/RemoteCalls.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::vibeguard {

// ---- SQL text ---------------------------------------------------------------

// Drops blanks, opening parentheses and comments in front of the first word.
static llvm::StringRef skipToFirstWord(llvm::StringRef Text) {
  while (true) {
    Text = Text.ltrim(" \t\r\n\f\v(");
    if (Text.consume_front("--")) {
      Text = Text.drop_until([](char C) { return C == '\n'; });
      continue;
    }
    if (Text.consume_front("/*")) {
      size_t End = Text.find("*/");
      Text = End == llvm::StringRef::npos ? "" : Text.drop_front(End + 2);
      continue;
    }
    return Text;
  }
}

SqlKind classifySql(llvm::StringRef Text) {
  Text = skipToFirstWord(Text);
  llvm::StringRef Word = Text.take_while(
      [](char C) { return isAsciiIdentifierContinue(C); });
  if (Word.empty())
    return SqlKind::Unknown;
  const std::string Upper = Word.upper();
  auto Is = [&Upper](std::initializer_list<llvm::StringRef> Words) {
    return llvm::is_contained(Words, Upper);
  };
  if (Is({"INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "MERGE"}))
    return SqlKind::Write;
  if (Is({"BEGIN", "SAVEPOINT"}))
    return SqlKind::TransactionBegin;
  if (Is({"COMMIT", "END", "ROLLBACK", "RELEASE"}))
    return SqlKind::TransactionEnd;
  if (Upper == "START" && skipToFirstWord(Text.drop_front(Word.size()))
                              .starts_with_insensitive("TRANSACTION"))
    return SqlKind::TransactionBegin;
  return SqlKind::Read;
}

static bool isFormatLikeName(llvm::StringRef Name) {
  static const llvm::StringRef Names[] = {"format", "sformat", "vformat",
                                          "StrCat", "Substitute"};
  return llvm::is_contained(Names, Name);
}

static std::optional<std::string> leadingStringLiteral(const Expr &E,
                                                       unsigned Depth) {
  // Only variables can lead back to an expression already seen ('int x = x'):
  // Depth counts the variables followed.
  if (Depth > 8)
    return std::nullopt;
  const Expr *Inner = E.IgnoreParenImpCasts();
  if (const auto *Literal = dyn_cast<StringLiteral>(Inner)) {
    if (Literal->getCharByteWidth() != 1)
      return std::nullopt;
    return Literal->getString().str();
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner)) {
    if (Construct->getNumArgs() == 0)
      return std::nullopt;
    return leadingStringLiteral(*Construct->getArg(0), Depth);
  }
  if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
          CXXFunctionalCastExpr, CXXStaticCastExpr>(Inner))
    return leadingStringLiteral(*cast<Expr>(*Inner->child_begin()), Depth);
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Inner)) {
    if (OpCall->getOperator() == OO_Plus && OpCall->getNumArgs() == 2)
      return leadingStringLiteral(*OpCall->getArg(0), Depth);
    return std::nullopt;
  }
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Inner)) {
    const CXXMethodDecl *Method = MemberCall->getMethodDecl();
    if (Method && Method->getDeclName().isIdentifier() &&
        (Method->getName() == "c_str" || Method->getName() == "data" ||
         Method->getName() == "str"))
      if (const Expr *Object = MemberCall->getImplicitObjectArgument())
        return leadingStringLiteral(*Object, Depth);
    return std::nullopt;
  }
  if (const auto *Call = dyn_cast<CallExpr>(Inner)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getDeclName().isIdentifier() &&
        isFormatLikeName(Callee->getName()) && Call->getNumArgs() > 0)
      return leadingStringLiteral(*Call->getArg(0), Depth);
    return std::nullopt;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Inner))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (const Expr *Init = Var->getAnyInitializer())
        return leadingStringLiteral(*Init, Depth + 1);
  return std::nullopt;
}

std::optional<std::string> leadingStringLiteral(const Expr &E) {
  return leadingStringLiteral(E, 0);
}

static bool isStringClass(const CXXRecordDecl &Class) {
  static const llvm::StringRef Names[] = {"::std::basic_string",
                                          "::std::basic_string_view"};
  if (matchesAnyName(Class, Names))
    return true;
  if (!Class.hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : Class.bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      if (isStringClass(*BaseClass))
        return true;
  return false;
}

bool isStringLike(QualType Type) {
  Type = Type.getNonReferenceType().getCanonicalType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    return Pointer->getPointeeType()->isAnyCharacterType();
  if (Type->isArrayType())
    return Type->getArrayElementTypeNoTypeQual()->isAnyCharacterType();
  if (const CXXRecordDecl *Class = Type->getAsCXXRecordDecl())
    return isStringClass(*Class);
  return false;
}

SqlKind sqlKindOfArguments(const CallExpr &Call) {
  // Any word reads as a query ('Read'): a statement that writes or ends a
  // transaction wins over a table name passed beside it.
  SqlKind Found = SqlKind::Unknown;
  for (const Expr *Arg : Call.arguments()) {
    if (!Arg || !isStringLike(Arg->getType()))
      continue;
    if (std::optional<std::string> Text = leadingStringLiteral(*Arg)) {
      const SqlKind Kind = classifySql(*Text);
      if (Kind != SqlKind::Read && Kind != SqlKind::Unknown)
        return Kind;
      if (Kind == SqlKind::Read)
        Found = Kind;
    }
  }
  return Found;
}

// ---- The catalog ------------------------------------------------------------

namespace {
/// Where a prepare or execute call names its statement.
struct StatementArgument {
  llvm::StringLiteral Function;
  unsigned Index;
  /// The handle is passed by address ('&stmt') to be filled in.
  bool ByAddress;
};
} // namespace

static constexpr StatementArgument Preparations[] = {
    {"::sqlite3_prepare", 3, true},    {"::sqlite3_prepare_v2", 3, true},
    {"::sqlite3_prepare_v3", 4, true}, {"::mysql_stmt_prepare", 0, false},
    {"::PQprepare", 1, false},         {"::PQsendPrepare", 1, false},
    {"::pqxx::connection::prepare", 0, false},
};

static constexpr StatementArgument Executions[] = {
    {"::sqlite3_step", 0, false},
    {"::mysql_stmt_execute", 0, false},
    {"::PQexecPrepared", 1, false},
    {"::PQsendQueryPrepared", 1, false},
    {"::pqxx::transaction_base::exec_prepared", 0, false},
    {"::pqxx::transaction_base::exec_prepared0", 0, false},
    {"::pqxx::transaction_base::exec_prepared1", 0, false},
    {"::pqxx::transaction_base::exec_prepared_n", 0, false},
};

static const StatementArgument *
findStatementArgument(llvm::ArrayRef<StatementArgument> Table,
                      const FunctionDecl &Callee) {
  if (!Callee.getDeclName().isIdentifier())
    return nullptr;
  for (const StatementArgument &Entry : Table) {
    // Cheap test first: the unqualified names must agree.
    if (!Entry.Function.ends_with(Callee.getName()))
      continue;
    llvm::StringRef Name[] = {Entry.Function};
    if (matchesAnyName(Callee, Name))
      return &Entry;
  }
  return nullptr;
}

static PreparedStatement preparedStatementIn(const Expr &Arg, bool ByAddress) {
  PreparedStatement Result;
  const Expr *E = Arg.IgnoreParenImpCasts();
  if (ByAddress) {
    const auto *AddressOf = dyn_cast<UnaryOperator>(E);
    if (!AddressOf || AddressOf->getOpcode() != UO_AddrOf)
      return Result;
    E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Result.Handle = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    Result.Handle = Member->getMemberDecl();
  else if (std::optional<std::string> Name = leadingStringLiteral(*E))
    Result.Name = std::move(*Name);
  return Result;
}

// A method of a generated gRPC stub that blocks until the reply arrives:
// 'grpc::Status Method(grpc::ClientContext *, const Request &, Response *)'.
static bool isBlockingGrpcStubCall(const FunctionDecl &Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method || Method->getNumParams() != 3)
    return false;
  static const llvm::StringRef StatusName[] = {"::grpc::Status"};
  static const llvm::StringRef ContextName[] = {"::grpc::ClientContext"};
  const CXXRecordDecl *Returned = Method->getReturnType()->getAsCXXRecordDecl();
  if (!Returned || !matchesAnyName(*Returned, StatusName))
    return false;
  const auto *ContextPointer =
      Method->getParamDecl(0)->getType()->getAs<PointerType>();
  const CXXRecordDecl *Context =
      ContextPointer ? ContextPointer->getPointeeType()->getAsCXXRecordDecl()
                     : nullptr;
  return Context && matchesAnyName(*Context, ContextName);
}

RemoteCallCatalog::RemoteCallCatalog(const ClangTidyCheck &Check,
                                     const ClangTidyCheck::OptionsView &Options)
    : RemoteCallFunctions(Check, Options, catalog::RemoteCallFunctions),
      SqlFunctions(Check, Options, catalog::SqlFunctions) {}

void RemoteCallCatalog::store(const ClangTidyCheck::OptionsView &Options,
                              ClangTidyOptions::OptionMap &Opts) const {
  RemoteCallFunctions.store(Options, Opts);
  SqlFunctions.store(Options, Opts);
}

void RemoteCallCatalog::clear() {
  Roles.clear();
  PreparedHandles.clear();
  PreparedNames.clear();
}

RemoteCallCatalog::Role RemoteCallCatalog::roleOf(const FunctionDecl &Callee) {
  const FunctionDecl *Key = Callee.getCanonicalDecl();
  auto [It, Inserted] = Roles.try_emplace(Key, None);
  if (!Inserted)
    return It->second;
  static const llvm::StringRef StepName[] = {"::sqlite3_step"};
  Role R = None;
  if (matchesAnyName(Callee, SqlFunctions.names()))
    R = Sql;
  else if (matchesAnyName(Callee, RemoteCallFunctions.names()) ||
           isBlockingGrpcStubCall(Callee))
    R = Remote;
  else if (matchesAnyName(Callee, StepName))
    R = Step;
  // The map may have grown in the calls above.
  Roles[Key] = R;
  return R;
}

// The SQL text argument: the first string argument, or the second when a
// prepare function names the statement first (PQprepare, pqxx prepare).
static const Expr *sqlArgument(const CallExpr &Call,
                               const FunctionDecl &Callee) {
  const Expr *First = nullptr;
  const auto Args = isa<CXXOperatorCallExpr>(Call)
                        ? llvm::ArrayRef<const Expr *>(Call.getArgs(),
                                                       Call.getNumArgs())
                              .drop_front()
                        : llvm::ArrayRef<const Expr *>(Call.getArgs(),
                                                       Call.getNumArgs());
  const bool NamesStatementFirst =
      Callee.getDeclName().isIdentifier() &&
      Callee.getName().ends_with_insensitive("prepare");
  for (const Expr *Arg : Args) {
    if (!isStringLike(Arg->IgnoreImplicit()->getType()) &&
        !isStringLike(Arg->getType()))
      continue;
    if (!NamesStatementFirst || First)
      return Arg;
    First = Arg;
  }
  return First;
}

void RemoteCallCatalog::recordPreparation(const CallExpr &Call,
                                          const FunctionDecl &Callee,
                                          const Expr *Statement) {
  const StatementArgument *Where = findStatementArgument(Preparations, Callee);
  if (!Where || Where->Index >= Call.getNumArgs())
    return;
  PreparedStatement Prepared =
      preparedStatementIn(*Call.getArg(Where->Index), Where->ByAddress);
  SqlKind Kind = SqlKind::Unknown;
  if (Statement)
    if (std::optional<std::string> Text = leadingStringLiteral(*Statement))
      Kind = classifySql(*Text);
  auto Merge = [Kind](SqlKind &Known, bool Inserted) {
    if (!Inserted && Known != Kind)
      Known = SqlKind::Unknown;
  };
  if (Prepared.Handle) {
    auto [It, Inserted] = PreparedHandles.try_emplace(Prepared.Handle, Kind);
    Merge(It->second, Inserted);
  } else if (!Prepared.Name.empty()) {
    auto [It, Inserted] = PreparedNames.try_emplace(Prepared.Name, Kind);
    Merge(It->second, Inserted);
  }
}

std::optional<RemoteCall> RemoteCallCatalog::classify(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return std::nullopt;
  const Role R = roleOf(*Callee);
  if (R == None)
    return std::nullopt;

  RemoteCall Result;
  Result.RoundTrip = R != Step;
  Result.Database = R == Sql || R == Step;
  if (R == Sql) {
    Result.Statement = sqlArgument(Call, *Callee);
    recordPreparation(Call, *Callee, Result.Statement);
  }
  if (const StatementArgument *Where =
          findStatementArgument(Executions, *Callee);
      Where && Where->Index < Call.getNumArgs()) {
    Result.Database = true;
    Result.Executes =
        preparedStatementIn(*Call.getArg(Where->Index), Where->ByAddress);
  }
  return Result;
}

SqlKind RemoteCallCatalog::kindOf(const RemoteCall &Call) const {
  if (Call.Statement) {
    std::optional<std::string> Text = leadingStringLiteral(*Call.Statement);
    return Text ? classifySql(*Text) : SqlKind::Unknown;
  }
  if (Call.Executes.Handle) {
    auto It = PreparedHandles.find(Call.Executes.Handle);
    return It == PreparedHandles.end() ? SqlKind::Unknown : It->second;
  }
  if (!Call.Executes.Name.empty()) {
    auto It = PreparedNames.find(Call.Executes.Name);
    return It == PreparedNames.end() ? SqlKind::Unknown : It->second;
  }
  return SqlKind::Unknown;
}

static bool isOrDerivesFrom(const CXXRecordDecl &Class,
                            llvm::ArrayRef<llvm::StringRef> Names,
                            unsigned Depth = 0) {
  if (matchesAnyName(Class, Names))
    return true;
  if (Depth > 16 || !Class.hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : Class.getDefinition()->bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      if (isOrDerivesFrom(*BaseClass, Names, Depth + 1))
        return true;
  return false;
}

TransactionCatalog::TransactionCatalog(const ClangTidyCheck &Check,
                                       const ClangTidyCheck::OptionsView &Options)
    : TransactionClasses(Check, Options, catalog::TransactionClasses),
      TransactionFunctions(Check, Options, catalog::TransactionFunctions) {}

void TransactionCatalog::store(const ClangTidyCheck::OptionsView &Options,
                               ClangTidyOptions::OptionMap &Opts) const {
  TransactionClasses.store(Options, Opts);
  TransactionFunctions.store(Options, Opts);
}

void TransactionCatalog::clear() {
  TransactionTypes.clear();
  BeginFunctions.clear();
}

bool TransactionCatalog::isTransactionObject(QualType Type) {
  const CXXRecordDecl *Class =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class)
    return false;
  Class = Class->getCanonicalDecl();
  auto [It, Inserted] = TransactionTypes.try_emplace(Class, false);
  if (Inserted)
    It->second = isOrDerivesFrom(*Class, TransactionClasses.names());
  return It->second;
}

bool TransactionCatalog::opensTransaction(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  auto [It, Inserted] =
      BeginFunctions.try_emplace(Callee->getCanonicalDecl(), false);
  if (Inserted)
    It->second = matchesAnyName(*Callee, TransactionFunctions.names());
  return It->second;
}

} // namespace clang::tidy::vibeguard
