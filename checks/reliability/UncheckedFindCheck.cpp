//===--- UncheckedFindCheck.cpp - vibeguard -------------------------------===//

#include "UncheckedFindCheck.h"
#include "vibeguard/CheckedUse.h"
#include "vibeguard/Containers.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

// Member functions that return end() when nothing is found.
static constexpr llvm::StringLiteral SearchMethods[] = {"find", "lower_bound",
                                                        "upper_bound"};

UncheckedFindCheck::UncheckedFindCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SearchFunctions(*this, Options, catalog::SearchAlgorithms) {}

void UncheckedFindCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  SearchFunctions.store(Options, Opts);
}

void UncheckedFindCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void UncheckedFindCheck::onStartOfTranslationUnit() {
  IsSearch.clear();
  Diagnosed.clear();
}

// A member find() of a container: its class also has end(), which is what
// it returns when nothing is found (a repository's find() returning a
// pointer is a null-return question, not this one).
static bool isContainerSearch(const CXXMethodDecl &Method) {
  if (!llvm::is_contained(SearchMethods, Method.getName()))
    return false;
  const CXXRecordDecl *Class = Method.getParent();
  return !Class->lookup(&Method.getASTContext().Idents.get("end")).empty();
}

const CallExpr *UncheckedFindCheck::lookupCall(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(stripConversions(E));
  if (!Call)
    return nullptr;
  // std::string::find returns a position, not an iterator.
  if (!Call->getType()->isRecordType() && !Call->getType()->isPointerType())
    return nullptr;
  const NamedDecl *Callee = calledAlgorithm(*Call);
  if (!Callee || !Callee->getIdentifier())
    return nullptr;
  auto [It, Inserted] = IsSearch.try_emplace(Callee, false);
  if (Inserted) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    It->second = Method ? isContainerSearch(*Method)
                        : matchesAnyName(*Callee, SearchFunctions.names());
  }
  return It->second ? Call : nullptr;
}

// The operand \p S dereferences: 'X' of '*X', 'X->m', 'X.operator->()'.
static const Expr *dereferencedOperand(const Stmt &S) {
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(&S))
    return (OpCall->getOperator() == OO_Star ||
            OpCall->getOperator() == OO_Arrow) &&
                   OpCall->getNumArgs() == 1
               ? OpCall->getArg(0)
               : nullptr;
  if (const auto *Unary = dyn_cast<UnaryOperator>(&S))
    return Unary->getOpcode() == UO_Deref ? Unary->getSubExpr() : nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(&S))
    return Member->isArrow() ? Member->getBase() : nullptr;
  return nullptr;
}

static bool refersTo(const Expr *E, const VarDecl &Var) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Ref && Ref->getDecl() == &Var;
}

// The container \p Lookup searches, where it names one.
static const ValueDecl *searchedContainer(const CallExpr &Lookup) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Lookup))
    return namedValue(Member->getImplicitObjectArgument());
  llvm::ArrayRef<const Expr *> Args = algorithmArguments(Lookup);
  if (Args.empty())
    return nullptr;
  if (const Expr *Container = containerOfRangeEnd(Args[0], RangeEnd::Begin))
    return namedValue(Container);
  return namedValue(Args[0]);
}

static bool isEquality(const Stmt &S, const Expr *&LHS, const Expr *&RHS) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
      Binary && Binary->isEqualityOp()) {
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
    return true;
  }
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(&S);
      OpCall && OpCall->getNumArgs() == 2 &&
      (OpCall->getOperator() == OO_EqualEqual ||
       OpCall->getOperator() == OO_ExclaimEqual)) {
    LHS = OpCall->getArg(0);
    RHS = OpCall->getArg(1);
    return true;
  }
  return false;
}

namespace {
// The iterator variables of a body that a lookup sets, the lookups
// dereferenced directly, and the containers the body asks about a key
// ('m.count(k)', 'm.contains(k)', 'm.find(k) != m.end()'): a lookup on
// those is taken as guarded, since which key was asked is not tracked.
class Scan : public RecursiveASTVisitor<Scan> {
public:
  explicit Scan(llvm::function_ref<const CallExpr *(const Expr *)> Lookup)
      : Lookup(Lookup) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitLambdaBody() const { return false; }
  bool TraverseDecl(Decl *D) {
    if (D && isa<FunctionDecl, CXXRecordDecl>(D))
      return true;
    return RecursiveASTVisitor<Scan>::TraverseDecl(D);
  }
  bool VisitStmt(Stmt *S) {
    if (const Expr *Operand = dereferencedOperand(*S))
      if (const CallExpr *Call = Lookup(Operand))
        Direct.push_back({cast<Expr>(S), Call});
    const Expr *LHS = nullptr, *RHS = nullptr;
    if (isEquality(*S, LHS, RHS))
      for (const Expr *Side : {LHS, RHS})
        if (const CallExpr *Call = Lookup(Side))
          Probed.insert(searchedContainer(*Call));
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        (Method->getName() == "count" || Method->getName() == "contains"))
      Probed.insert(namedValue(Call->getImplicitObjectArgument()));
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->isLocalVarDecl() && Lookup(Var->getInit()))
      Vars.insert(Var);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Assign) {
    if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
        Lookup(Assign->getArg(1)))
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Assign->getArg(0)->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && Var->isLocalVarDecl())
          Vars.insert(Var);
    return true;
  }

  llvm::SetVector<const VarDecl *> Vars;
  /// 'm.find(k)->second': dereferenced with no chance of a check.
  llvm::SmallVector<std::pair<const Expr *, const CallExpr *>, 4> Direct;
  llvm::SmallPtrSet<const ValueDecl *, 4> Probed;

  bool isGuarded(const CallExpr &Lookup) const {
    const ValueDecl *Container = searchedContainer(Lookup);
    return Container && Probed.contains(Container);
  }

private:
  llvm::function_ref<const CallExpr *(const Expr *)> Lookup;
};
} // namespace

// The source text of \p E, to compare the keys of two calls.
static StringRef textOf(const Expr &E, const ASTContext &Context) {
  return Lexer::getSourceText(
      CharSourceRange::getTokenRange(E.getSourceRange()),
      Context.getSourceManager(), Context.getLangOpts());
}

// True if \p Body puts parameter \p Key of its function into \p Container:
// 'Container[Key] = ...', 'Container.insert(Key, ...)' or an emplace.
static bool insertsKey(const Stmt &Body, const ValueDecl &Container,
                       const ParmVarDecl &Key, ASTContext &Context) {
  const auto IsContainer = [&](const Expr *E) {
    return namedValue(E) == &Container;
  };
  const auto IsKey = [&](const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == &Key;
  };
  for (const BoundNodes &Found :
       match(findAll(stmt(anyOf(cxxOperatorCallExpr(
                                    hasOverloadedOperatorName("[]")),
                                cxxMemberCallExpr()))
                         .bind("insert")),
             Body, Context)) {
    if (const auto *Subscript =
            Found.getNodeAs<CXXOperatorCallExpr>("insert")) {
      if (Subscript->getNumArgs() == 2 && IsContainer(Subscript->getArg(0)) &&
          IsKey(Subscript->getArg(1)))
        return true;
    } else if (const auto *Insert =
                   Found.getNodeAs<CXXMemberCallExpr>("insert")) {
      const CXXMethodDecl *Method = Insert->getMethodDecl();
      if (Method && Method->getIdentifier() &&
          isInsertingMethod(Method->getName()) && Insert->getNumArgs() > 0 &&
          IsContainer(Insert->getImplicitObjectArgument()) &&
          IsKey(Insert->getArg(0)))
        return true;
    }
  }
  return false;
}

// 'registerBackend(Name); It = Factories.find(Name);': the statement before
// the lookup calls a function of this translation unit that puts the same
// key into the same container (or fails by throwing), so the lookup finds
// it.
static bool insertedJustBefore(const CallExpr &Lookup, ASTContext &Context) {
  const auto *Find = dyn_cast<CXXMemberCallExpr>(&Lookup);
  const ValueDecl *Container =
      Find ? namedValue(Find->getImplicitObjectArgument()) : nullptr;
  const auto *Before =
      dyn_cast_or_null<Expr>(statementBefore(Lookup, Context));
  const auto *Call =
      dyn_cast_or_null<CallExpr>(Before ? Before->IgnoreImplicit() : nullptr);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Container || Find->getNumArgs() == 0 || !Callee ||
      !Callee->hasBody(Definition))
    return false;
  const StringRef Key = textOf(*Find->getArg(0), Context);
  for (unsigned I = 0;
       I < Call->getNumArgs() && I < Definition->getNumParams(); ++I)
    if (textOf(*Call->getArg(I), Context) == Key &&
        insertsKey(*Definition->getBody(), *Container,
                   *Definition->getParamDecl(I), Context))
      return true;
  return false;
}

void UncheckedFindCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Fn || !Fn->getBody() || Fn->isTemplateInstantiation())
    return;
  auto Lookup = [this](const Expr *E) { return lookupCall(E); };
  Scan S(Lookup);
  S.TraverseStmt(Fn->getBody());
  for (auto [Use, Call] : S.Direct)
    if (!S.isGuarded(*Call))
      report(*Use, *Call, nullptr);
  if (S.Vars.empty())
    return;
  llvm::SmallVector<const VarDecl *, 8> Vars(
      S.Vars.begin(), S.Vars.begin() + std::min<size_t>(S.Vars.size(), 32));

  // Named, so that the function_refs of the rules outlive their use.
  auto SetsFromSource = [&](const Stmt &St,
                            const Expr *&Source) -> const VarDecl * {
    if (const auto *Decls = dyn_cast<DeclStmt>(&St)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (const CallExpr *Call = lookupCall(Var->getInit())) {
            Source = Call;
            return Var;
          }
      return nullptr;
    }
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&St);
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getNumArgs() == 2)
      if (const CallExpr *Call = lookupCall(Assign->getArg(1)))
        if (const auto *Ref = dyn_cast<DeclRefExpr>(
                Assign->getArg(0)->IgnoreParenImpCasts())) {
          Source = Call;
          return dyn_cast<VarDecl>(Ref->getDecl());
        }
    return nullptr;
  };
  auto UseOf = [](const Stmt &St, const VarDecl &Var) -> const Expr * {
    return refersTo(dereferencedOperand(St), Var) ? cast<Expr>(&St) : nullptr;
  };
  auto Report = [&](const Expr &Use, const VarDecl &Var, const Expr &Source) {
    if (!S.isGuarded(cast<CallExpr>(Source)) &&
        !insertedJustBefore(cast<CallExpr>(Source), *Result.Context))
      report(Use, cast<CallExpr>(Source), &Var);
  };
  const CheckedUseRules Rules{SetsFromSource, UseOf, Report};
  findUncheckedUses(*Fn, *Result.Context, Vars, Rules);
}

void UncheckedFindCheck::report(const Expr &Use, const CallExpr &Lookup,
                                const VarDecl *Var) {
  if (!Diagnosed.insert(Use.getBeginLoc()).second)
    return;
  const NamedDecl *Search = calledAlgorithm(Lookup);
  // Containers with at() offer a lookup that reports a missing key.
  const auto *Method = dyn_cast<CXXMethodDecl>(Search);
  const bool HasAt =
      Method && !Method->getParent()
                     ->lookup(&Method->getASTContext().Idents.get("at"))
                     .empty();
  const StringRef Remedy = HasAt ? "compare it with end() first, or use at() "
                                   "where a missing key is an error"
                                 : "compare it with end() first";
  if (!Var) {
    diag(Use.getBeginLoc(),
         "the result of '%0' is end() when nothing is found, and it is "
         "dereferenced here without a check: undefined behaviour on the "
         "first missing key; %1")
        << Search->getName() << Remedy;
    return;
  }
  diag(Use.getBeginLoc(),
       "'%0' is end() when '%1' finds nothing, and it is dereferenced here "
       "without a check: undefined behaviour on the first missing key; %2")
      << Var->getName() << Search->getName() << Remedy;
  diag(Lookup.getBeginLoc(), "'%0' is set from '%1' here", DiagnosticIDs::Note)
      << Var->getName() << Search->getName();
}

} // namespace clang::tidy::vibeguard
