//===--- UncheckedNullReturnCheck.cpp - vibeguard -------------------------===//

#include "UncheckedNullReturnCheck.h"
#include "vibeguard/CheckedUse.h"
#include "vibeguard/Containers.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SetVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

UncheckedNullReturnCheck::UncheckedNullReturnCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      NullReturningFunctions(*this, Options, catalog::NullReturningFunctions),
      NonNullArgumentFunctions(*this, Options,
                               catalog::NonNullArgumentFunctions) {}

void UncheckedNullReturnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  NullReturningFunctions.store(Options, Opts);
  NonNullArgumentFunctions.store(Options, Opts);
}

void UncheckedNullReturnCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void UncheckedNullReturnCheck::onStartOfTranslationUnit() {
  ReturnsNull.clear();
  NeedsNonNull.clear();
  Diagnosed.clear();
}

const CallExpr *UncheckedNullReturnCheck::nullSource(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return nullptr;
  auto [It, Inserted] = ReturnsNull.try_emplace(Callee, false);
  if (Inserted)
    It->second = matchesAnyName(*Callee, NullReturningFunctions.names());
  return It->second ? Call : nullptr;
}

unsigned UncheckedNullReturnCheck::useKind(
    const Stmt &S, llvm::function_ref<bool(const Expr *)> IsValue,
    const FunctionDecl *&Callee) {
  Callee = nullptr;
  if (const auto *Unary = dyn_cast<UnaryOperator>(&S))
    return Unary->getOpcode() == UO_Deref && IsValue(Unary->getSubExpr()) ? 1
                                                                          : 0;
  if (const auto *Member = dyn_cast<MemberExpr>(&S))
    return Member->isArrow() && IsValue(Member->getBase()) ? 1 : 0;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(&S))
    return IsValue(Subscript->getBase()) ? 1 : 0;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return Construct->getNumArgs() > 0 &&
                   isStdStringClass(Construct->getType()) &&
                   Construct->getArg(0)->getType()->isPointerType() &&
                   IsValue(Construct->getArg(0))
               ? 3
               : 0;
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    const FunctionDecl *Fn = Call->getDirectCallee();
    if (!Fn)
      return 0;
    auto [It, Inserted] = NeedsNonNull.try_emplace(Fn, false);
    if (Inserted)
      It->second = matchesAnyName(*Fn, NonNullArgumentFunctions.names());
    if (!It->second)
      return 0;
    for (const Expr *Arg : Call->arguments())
      if (IsValue(Arg)) {
        Callee = Fn;
        return 2;
      }
  }
  return 0;
}

// Collects the variables set from a source, and reports sources used
// directly ('strlen(getenv("HOME"))').
class UncheckedNullReturnCheck::Scan : public RecursiveASTVisitor<Scan> {
public:
  explicit Scan(UncheckedNullReturnCheck &Check) : Check(Check) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitLambdaBody() const { return false; }
  bool TraverseDecl(Decl *D) {
    if (D && isa<FunctionDecl, CXXRecordDecl>(D))
      return true;
    return RecursiveASTVisitor<Scan>::TraverseDecl(D);
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->isLocalVarDecl() && Var->getType()->isPointerType() &&
        Check.nullSource(Var->getInit()))
      Vars.insert(Var);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign && Check.nullSource(Assign->getRHS()))
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && Var->isLocalVarDecl())
          Vars.insert(Var);
    return true;
  }
  bool VisitStmt(Stmt *S) {
    const CallExpr *Source = nullptr;
    const FunctionDecl *Callee = nullptr;
    const unsigned Kind = Check.useKind(
        *S,
        [&](const Expr *E) {
          Source = Check.nullSource(E);
          return Source != nullptr;
        },
        Callee);
    if (Kind)
      Check.report(*cast<Expr>(S), Kind, Callee, *Source, nullptr);
    return true;
  }

  llvm::SetVector<const VarDecl *> Vars;

private:
  UncheckedNullReturnCheck &Check;
};

static bool namesVariable(const Expr *E, const VarDecl &Var) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Ref && Ref->getDecl() == &Var;
}

void UncheckedNullReturnCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Fn || !Fn->getBody() || Fn->isTemplateInstantiation())
    return;
  Scan S(*this);
  S.TraverseStmt(Fn->getBody());
  if (S.Vars.empty())
    return;
  // Keeps the analysis linear: a function with dozens of such variables is
  // generated code, and gets the first ones.
  llvm::SmallVector<const VarDecl *, 8> Vars(
      S.Vars.begin(), S.Vars.begin() + std::min<size_t>(S.Vars.size(), 32));

  // Named, so that the function_refs of the rules outlive their use.
  auto SetsFromSource = [&](const Stmt &St,
                            const Expr *&Source) -> const VarDecl * {
    if (const auto *Decls = dyn_cast<DeclStmt>(&St)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (const CallExpr *Call = nullSource(Var->getInit())) {
            Source = Call;
            return Var;
          }
      return nullptr;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(&St);
        Assign && Assign->getOpcode() == BO_Assign)
      if (const CallExpr *Call = nullSource(Assign->getRHS()))
        if (const auto *Ref = dyn_cast<DeclRefExpr>(
                Assign->getLHS()->IgnoreParenImpCasts())) {
          Source = Call;
          return dyn_cast<VarDecl>(Ref->getDecl());
        }
    return nullptr;
  };
  auto UseOf = [&](const Stmt &St, const VarDecl &Var) -> const Expr * {
    const FunctionDecl *Callee = nullptr;
    return useKind(
               St, [&](const Expr *E) { return namesVariable(E, Var); }, Callee)
               ? cast<Expr>(&St)
               : nullptr;
  };
  auto Report = [&](const Expr &Use, const VarDecl &Var, const Expr &Source) {
    const FunctionDecl *Callee = nullptr;
    const unsigned Kind = useKind(
        Use, [&](const Expr *E) { return namesVariable(E, Var); }, Callee);
    report(Use, Kind, Callee, cast<CallExpr>(Source), &Var);
  };
  const CheckedUseRules Rules{SetsFromSource, UseOf, Report};
  findUncheckedUses(*Fn, *Result.Context, Vars, Rules);
}

void UncheckedNullReturnCheck::report(const Expr &Use, unsigned Kind,
                                      const FunctionDecl *Callee,
                                      const CallExpr &Source,
                                      const VarDecl *Var) {
  const SourceLocation Loc = Use.getBeginLoc();
  if (!Diagnosed.insert(Loc).second)
    return;
  const std::string Function =
      Source.getDirectCallee()->getQualifiedNameAsString();
  diag(Loc, "%select{the result of '%1'|'%2'}0 is null when '%1' fails, and "
            "it is %select{|dereferenced|passed to '%4'|made into a "
            "string}3 here without a check: a crash on the first failure; "
            "test it for null first")
      << (Var != nullptr) << Function << (Var ? Var->getName() : "") << Kind
      << (Callee ? Callee->getQualifiedNameAsString() : "");
  if (Var)
    diag(Source.getBeginLoc(), "'%0' is set from '%1' here",
         DiagnosticIDs::Note)
        << Var->getName() << Function;
}

} // namespace clang::tidy::vibeguard
