//===--- Stability.cpp - vibeguard ----------------------------------------===//

#include "vibeguard/Stability.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include <memory>

namespace clang::tidy::vibeguard {
namespace {

class StabilityClassifier {
public:
  StabilityClassifier(const Stmt *Loop, const LoopContextFinder &Loops,
                      ASTContext &Context)
      : Loop(Loop), Loops(Loops), Context(Context) {}

  Stability classify(const Expr *E) {
    if (!E)
      return Stability::Varying;
    E = E->IgnoreParens();

    if (isa<StringLiteral, IntegerLiteral, CharacterLiteral, FloatingLiteral,
            CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, UserDefinedLiteral,
            SizeOfPackExpr, UnaryExprOrTypeTraitExpr>(E))
      return Stability::Constant;

    if (const auto *DefaultArg = dyn_cast<CXXDefaultArgExpr>(E))
      return classify(DefaultArg->getExpr());

    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return classifyDecl(*Ref->getDecl());

    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return classifyMember(*Member);

    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const auto *Method = Call->getMethodDecl();
      if (!Method || !Method->isConst())
        return Stability::Varying;
      return std::min(classify(Call->getImplicitObjectArgument()),
                      classifyArgs(Call->arguments()));
    }

    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (OpCall->isAssignmentOp() || isSideEffectOperator(*OpCall))
        return Stability::Varying;
      return classifyArgs(OpCall->arguments());
    }

    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || !Callee->isConstexpr())
        return Stability::Varying;
      return classifyArgs(Call->arguments());
    }

    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      return classifyArgs(Construct->arguments());

    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      if (Binary->isAssignmentOp())
        return Stability::Varying;
      return std::min(classify(Binary->getLHS()), classify(Binary->getRHS()));
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->isIncrementDecrementOp())
        return Stability::Varying;
      return classify(Unary->getSubExpr());
    }
    if (const auto *Conditional = dyn_cast<ConditionalOperator>(E))
      return std::min({classify(Conditional->getCond()),
                       classify(Conditional->getTrueExpr()),
                       classify(Conditional->getFalseExpr())});

    if (isa<CastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups, ConstantExpr, CXXStdInitializerListExpr,
            InitListExpr>(E)) {
      Stability Result = Stability::Constant;
      for (const Stmt *Child : E->children())
        Result = std::min(Result, classify(dyn_cast_or_null<Expr>(Child)));
      return Result;
    }
    return Stability::Varying;
  }

private:
  template <typename Range> Stability classifyArgs(Range Args) {
    Stability Result = Stability::Constant;
    for (const Expr *Arg : Args) {
      Result = std::min(Result, classify(Arg));
      if (Result == Stability::Varying)
        break;
    }
    return Result;
  }

  static bool isSideEffectOperator(const CXXOperatorCallExpr &Call) {
    switch (Call.getOperator()) {
    case OO_PlusPlus:
    case OO_MinusMinus:
    case OO_LessLess:       // stream insertion
    case OO_GreaterGreater: // stream extraction
    case OO_Call:
    case OO_New:
    case OO_Delete:
    case OO_Array_New:
    case OO_Array_Delete:
    case OO_Coawait:
      return true;
    default:
      return false;
    }
  }

  Stability classifyDecl(const ValueDecl &D) {
    if (isa<EnumConstantDecl, FunctionDecl>(D))
      return Stability::Constant;
    const auto *Var = dyn_cast<VarDecl>(&D);
    if (!Var)
      return Stability::Varying;
    if (Var->isConstexpr() ||
        (Var->hasGlobalStorage() && Var->getType().isConstQualified()))
      return Stability::Constant;
    if (!Loop || Loops.isDeclaredWithin(*Var, *Loop) ||
        mutations().isMutated(Var))
      return Stability::Varying;
    return Stability::LoopInvariant;
  }

  Stability classifyMember(const MemberExpr &Member) {
    const ValueDecl *Decl = Member.getMemberDecl();
    if (isa<CXXMethodDecl>(Decl)) // the callee of a member call
      return classify(Member.getBase());
    const auto *Field = dyn_cast<FieldDecl>(Decl);
    if (!Field) // static data member
      return classifyDecl(*Decl);
    // A field can change between evaluations through any alias; inside a
    // loop we accept it when the loop itself never modifies that field.
    if (!Loop || !isa<CXXThisExpr>(Member.getBase()->IgnoreParenImpCasts()))
      return Loop ? std::min(Stability::LoopInvariant,
                             classify(Member.getBase()))
                  : Stability::Varying;
    if (!Field->getType().isConstQualified() && isFieldMutatedInLoop(*Field))
      return Stability::Varying;
    return Stability::LoopInvariant;
  }

  bool isFieldMutatedInLoop(const FieldDecl &Field) {
    // Look at every use of the field in the loop; the loop body is small
    // compared to the translation unit and this runs only for findings.
    llvm::SmallVector<const Stmt *, 32> Work{Loop};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *Use = dyn_cast<MemberExpr>(S);
          Use && Use->getMemberDecl() == &Field && mutations().isMutated(Use))
        return true;
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
    return false;
  }

  ExprMutationAnalyzer &mutations() {
    if (!Analyzer)
      Analyzer = std::make_unique<ExprMutationAnalyzer>(*Loop, Context);
    return *Analyzer;
  }

  const Stmt *Loop;
  const LoopContextFinder &Loops;
  ASTContext &Context;
  std::unique_ptr<ExprMutationAnalyzer> Analyzer;
};

} // namespace

Stability stabilityOf(const Expr &E, const Stmt *Loop,
                      const LoopContextFinder &Loops, ASTContext &Context) {
  return StabilityClassifier(Loop, Loops, Context).classify(&E);
}

} // namespace clang::tidy::vibeguard
