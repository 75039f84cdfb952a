//===--- Stability.cpp - vibeguard ----------------------------------------===//

#include "vibeguard/Stability.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::vibeguard {
namespace {

class StabilityClassifier {
public:
  StabilityClassifier(const Stmt *Loop, const LoopContextWalker &Loops)
      : Loop(Loop), Loops(Loops) {}

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
    if (!Loop || Loops.isDeclaredWithin(*Var, *Loop) || !isOnlyRead(*Var, *Loop))
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
    if (!Field->getType().isConstQualified() && !isOnlyRead(*Field, *Loop))
      return Stability::Varying;
    return Stability::LoopInvariant;
  }

  const Stmt *Loop;
  const LoopContextWalker &Loops;
};

// Finds the uses of one variable (or field of *this) and the ones among them
// that are provably reads.
class ReadOnlyUses : public RecursiveASTVisitor<ReadOnlyUses> {
public:
  explicit ReadOnlyUses(const ValueDecl &Var) : Var(Var) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == &Var)
      Uses.insert(Ref);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (Member->getMemberDecl() == &Var &&
        isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Uses.insert(Member);
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *Cast) {
    if (Cast->getCastKind() == CK_LValueToRValue)
      acceptIfUse(Cast->getSubExpr());
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    unsigned FirstArg = 0;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      if (const auto *Method = Member->getMethodDecl(); Method && Method->isConst())
        acceptIfUse(Member->getImplicitObjectArgument());
    } else if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
               Method && isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs()) {
      if (Method->isConst())
        acceptIfUse(Call->getArg(0));
      FirstArg = 1;
    }
    for (unsigned I = FirstArg; I < Call->getNumArgs(); ++I)
      if (I - FirstArg < Callee->getNumParams() &&
          bindsWithoutWriting(Callee->getParamDecl(I - FirstArg)->getType()))
        acceptIfUse(Call->getArg(I));
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (I < Ctor->getNumParams() &&
          bindsWithoutWriting(Ctor->getParamDecl(I)->getType()))
        acceptIfUse(Construct->getArg(I));
    return true;
  }
  bool VisitVarDecl(VarDecl *Declared) {
    if (Declared->getInit() && bindsWithoutWriting(Declared->getType()))
      acceptIfUse(Declared->getInit());
    return true;
  }

  bool allUsesRead() const {
    for (const Expr *Use : Uses)
      if (!Reads.count(Use))
        return false;
    return true;
  }

private:
  static bool bindsWithoutWriting(QualType Type) {
    if (const auto *Ref = Type->getAs<ReferenceType>())
      return Ref->getPointeeType().isConstQualified();
    return !Type->isPointerType() || Type->getPointeeType().isConstQualified();
  }

  void acceptIfUse(const Expr *E) {
    if (!E)
      return;
    E = E->IgnoreParens();
    while (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() != CK_NoOp &&
          Cast->getCastKind() != CK_UncheckedDerivedToBase &&
          Cast->getCastKind() != CK_DerivedToBase)
        return;
      E = Cast->getSubExpr()->IgnoreParens();
    }
    if (isa<DeclRefExpr, MemberExpr>(E))
      Reads.insert(E);
  }

  const ValueDecl &Var;
  llvm::SmallPtrSet<const Expr *, 8> Uses;
  llvm::SmallPtrSet<const Expr *, 8> Reads;
};

} // namespace

bool isOnlyRead(const ValueDecl &Var, const Stmt &Scope) {
  ReadOnlyUses Finder(Var);
  Finder.TraverseStmt(const_cast<Stmt *>(&Scope));
  return Finder.allUsesRead();
}

Stability stabilityOf(const Expr &E, const Stmt *Loop,
                      const LoopContextWalker &Loops) {
  return StabilityClassifier(Loop, Loops).classify(&E);
}

} // namespace clang::tidy::vibeguard
