//===--- UncheckedConversionCheck.cpp - vibeguard -------------------------===//

#include "UncheckedConversionCheck.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

// What the diagnostics call each origin.
enum OriginKind : unsigned {
  CommandLine,
  Environment,
  StreamInput,
  RequestData,
  DatabaseValue,
  ExternalData
};

UncheckedConversionCheck::UncheckedConversionCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ThrowingConversions(*this, Options, catalog::ThrowingConversions),
      UncheckedConversions(*this, Options, catalog::UncheckedConversions),
      UntrustedSources(*this, Options, catalog::UntrustedSources),
      IncludeCommandLine(Options.get("IncludeCommandLine", false)) {}

void UncheckedConversionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ThrowingConversions.store(Options, Opts);
  UncheckedConversions.store(Options, Opts);
  UntrustedSources.store(Options, Opts);
  Options.store(Opts, "IncludeCommandLine", IncludeCommandLine);
}

void UncheckedConversionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void UncheckedConversionCheck::onStartOfTranslationUnit() {
  Kinds.clear();
  Untrusted.clear();
  StreamTargets.clear();
  Diagnosed.clear();
}

unsigned UncheckedConversionCheck::conversionKind(const FunctionDecl &Fn) {
  auto [It, Inserted] = Kinds.try_emplace(&Fn, 0);
  if (Inserted)
    It->second = matchesAnyName(Fn, ThrowingConversions.names())    ? 1
                 : matchesAnyName(Fn, UncheckedConversions.names()) ? 2
                                                                    : 0;
  return It->second;
}

// True for request and response classes of HTTP frameworks:
// httplib::Request, crow::request, drogon::HttpRequest, beast's request.
static bool isRequestOrResponse(QualType Type) {
  Type = Type.getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  // Smart pointers to requests (drogon's HttpRequestPtr).
  if (const auto *Special =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record);
      Special && Special->getTemplateArgs().size() > 0 &&
      Special->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    if (!Record->getIdentifier() ||
        !llvm::StringRef(Record->getName()).ends_with_insensitive("request"))
      Record = Special->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier())
    return false;
  const llvm::StringRef Name = Record->getName();
  return Name.ends_with_insensitive("request") ||
         Name.ends_with_insensitive("response") ||
         Name.ends_with_insensitive("result");
}

std::optional<UncheckedConversionCheck::Origin>
UncheckedConversionCheck::originOf(const Expr *E, unsigned Depth) {
  if (!E || Depth > 8)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    return originOf(Temp->getSubExpr(), Depth + 1);
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    return originOf(Bind->getSubExpr(), Depth + 1);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    // std::string(text), copies and moves.
    if (Construct->getNumArgs() >= 1)
      return originOf(Construct->getArg(0), Depth + 1);
    return std::nullopt;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = Subscript->getBase()->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Base))
      if (const auto *Parm = dyn_cast<ParmVarDecl>(Ref->getDecl());
          Parm && Parm->getIdentifier() && Parm->getName() == "argv") {
        // A typo in an argument fails one run in front of whoever made it;
        // it is not input that arrives with traffic.
        if (!IncludeCommandLine)
          return std::nullopt;
        return Origin{E, CommandLine};
      }
    // row[1] of mysql_fetch_row(), a subscript of any untrusted array.
    return originOf(Base, Depth + 1);
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return std::nullopt;
    if (const Expr *Read = StreamTargets.lookup(Var))
      return Origin{Read, StreamInput};
    if (Var->isLocalVarDecl() && Var->getInit())
      return originOf(Var->getInit(), Depth + 1);
    return std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    // req.body, res->body, req.matches[1]
    if (isRequestOrResponse(Member->getBase()->getType()))
      return Origin{E, RequestData};
    return std::nullopt;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = MemberCall->getImplicitObjectArgument();
      if (Object && isRequestOrResponse(Object->getType()))
        return Origin{E, RequestData};
      // Text.c_str(), Text.substr(1), Text.data()
      if (const CXXMethodDecl *Method = MemberCall->getMethodDecl();
          Method && Method->getIdentifier() &&
          llvm::is_contained({"c_str", "data", "substr", "str"},
                             Method->getName()))
        return originOf(Object, Depth + 1);
    }
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call)) {
      // Params["id"], Matches[1], Row["count"]
      if (OpCall->getOperator() == OO_Subscript && OpCall->getNumArgs() > 0)
        return originOf(OpCall->getArg(0), Depth + 1);
      return std::nullopt;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return std::nullopt;
    auto [It, Inserted] = Untrusted.try_emplace(Callee, false);
    if (Inserted)
      It->second = matchesAnyName(*Callee, UntrustedSources.names());
    if (!It->second)
      return std::nullopt;
    const llvm::StringRef Name =
        Callee->getIdentifier() ? Callee->getName() : "";
    if (Name.contains("getenv"))
      return Origin{E, Environment};
    if (Name.starts_with("PQ") || Name.starts_with("sqlite3") ||
        Name.starts_with("mysql"))
      return Origin{E, DatabaseValue};
    if (Name == "fgets")
      return Origin{E, StreamInput};
    if (isa<CXXMethodDecl>(Callee))
      return Origin{E, RequestData};
    return Origin{E, ExternalData};
  }
  return std::nullopt;
}

// Walks one function, knowing which try blocks surround each statement and
// whether their handlers catch a conversion's exceptions.
class UncheckedConversionCheck::Walk
    : public RecursiveASTVisitor<UncheckedConversionCheck::Walk> {
  using Base = RecursiveASTVisitor<Walk>;

public:
  explicit Walk(UncheckedConversionCheck &Check) : Check(Check) {}
  bool shouldVisitTemplateInstantiations() const { return false; }

  bool TraverseCXXTryStmt(CXXTryStmt *Try) {
    bool Catches = false;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      Catches |= catchesConversionErrors(*Try->getHandler(I));
    Protected += Catches;
    const bool Result = TraverseStmt(Try->getTryBlock());
    Protected -= Catches;
    for (unsigned I = 0; Result && I < Try->getNumHandlers(); ++I)
      TraverseStmt(Try->getHandler(I));
    return Result;
  }

  // A lambda runs where it is called, outside this function's try blocks.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    const unsigned Saved = Protected;
    Protected = 0;
    const bool Result = TraverseStmt(Lambda->getBody());
    Protected = Saved;
    return Result;
  }

  // Nested functions (local classes) are matched on their own.
  bool TraverseDecl(Decl *D) {
    if (D && isa<FunctionDecl, CXXRecordDecl>(D))
      return true;
    return Base::TraverseDecl(D);
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    // std::getline(In, Line) and In >> Value fill a variable from a stream.
    if (Callee->getIdentifier() && Callee->getName() == "getline" &&
        Call->getNumArgs() >= 2)
      noteStreamTarget(Call->getArg(1), Call);
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call);
        OpCall && OpCall->getOperator() == OO_GreaterGreater &&
        OpCall->getNumArgs() == 2)
      noteStreamTarget(OpCall->getArg(1), Call);
    const unsigned Kind = Check.conversionKind(*Callee);
    if (Kind == 0 || Call->getNumArgs() == 0)
      return true;
    const bool Throwing = Kind == 1;
    if (Throwing && Protected)
      return true;
    if (std::optional<Origin> From = Check.originOf(Call->getArg(0), 0))
      Check.diagnose(*Call, Throwing, *From);
    return true;
  }

private:
  void noteStreamTarget(const Expr *Target, const Expr *Read) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        Check.StreamTargets.try_emplace(Var, Read);
  }

  // catch (...), std::exception, std::logic_error, std::invalid_argument,
  // std::out_of_range (references or not).
  static bool catchesConversionErrors(const CXXCatchStmt &Handler) {
    const QualType Caught = Handler.getCaughtType();
    if (Caught.isNull())
      return true; // catch (...)
    const CXXRecordDecl *Record =
        Caught.getNonReferenceType()->getAsCXXRecordDecl();
    if (!Record || !Record->getIdentifier() || !Record->isInStdNamespace())
      return false;
    return llvm::is_contained(
        {"exception", "logic_error", "invalid_argument", "out_of_range"},
        Record->getName());
  }

  UncheckedConversionCheck &Check;
  unsigned Protected = 0;
};

void UncheckedConversionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Fn || !Fn->getBody() || Fn->isTemplateInstantiation())
    return;
  Walk W(*this);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        W.TraverseStmt(Init->getInit());
  W.TraverseStmt(Fn->getBody());
}

void UncheckedConversionCheck::diagnose(const CallExpr &Call, bool Throwing,
                                        const Origin &From) {
  const SourceLocation Loc = Call.getBeginLoc();
  if (!Diagnosed.insert(Loc).second)
    return;
  const std::string Name = Call.getDirectCallee()->getQualifiedNameAsString();
  if (Throwing)
    diag(Loc, "'%0' throws on %select{a command-line argument|an environment "
              "variable|stream input|request data|a database value|external "
              "data}1 it cannot parse, and nothing here catches it, so one "
              "malformed value aborts the whole operation; catch "
              "std::invalid_argument and std::out_of_range around it, or parse "
              "with std::from_chars and check the result")
        << Name << From.Kind;
  else
    diag(Loc, "'%0' cannot report an error: it returns 0 for %select{a "
              "command-line argument|an environment variable|stream "
              "input|request data|a database value|external data}1 it "
              "cannot parse and overflows silently, so bad input becomes a "
              "valid-looking number; parse with std::from_chars or strtol "
              "and check the result")
        << Name << From.Kind;
  diag(From.Where->getBeginLoc(), "the text comes from here",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::vibeguard
