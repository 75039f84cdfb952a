//===--- Containers.cpp - vibeguard ---------------------------------------===//

#include "vibeguard/Containers.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::vibeguard {

const Expr *stripConversions(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        !isa<CXXTemporaryObjectExpr>(Construct))
      E = Construct->getArg(0);
    else if (isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                 ExprWithCleanups, CXXFunctionalCastExpr>(E))
      E = cast<Expr>(*E->child_begin());
    else
      return E;
  }
  return nullptr;
}

static bool isFunctionObjectCall(const CallExpr &Call) {
  const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(&Call);
  return OpCall && OpCall->getOperator() == OO_Call && OpCall->getNumArgs();
}

const NamedDecl *calledAlgorithm(const CallExpr &Call) {
  if (isFunctionObjectCall(Call))
    return namedValue(Call.getArg(0));
  return Call.getDirectCallee();
}

llvm::ArrayRef<const Expr *> algorithmArguments(const CallExpr &Call) {
  llvm::ArrayRef<const Expr *> Args(Call.getArgs(), Call.getNumArgs());
  return isFunctionObjectCall(Call) ? Args.drop_front() : Args;
}

const ValueDecl *namedValue(const Expr *E) {
  E = stripConversions(E);
  if (!E)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

const Expr *containerOfRangeEnd(const Expr *E, RangeEnd Which) {
  E = stripConversions(E);
  const FunctionDecl *Callee = nullptr;
  const Expr *Container = nullptr;
  if (const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    if (MemberCall->getNumArgs() != 0)
      return nullptr;
    Callee = MemberCall->getMethodDecl();
    Container = MemberCall->getImplicitObjectArgument();
  } else if (const auto *Call = dyn_cast_or_null<CallExpr>(E);
             Call && Call->getNumArgs() == 1) {
    Callee = Call->getDirectCallee();
    Container = Call->getArg(0);
  }
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return nullptr;
  const llvm::StringRef Name = Callee->getName();
  const bool Matches = Which == RangeEnd::Begin
                           ? Name == "begin" || Name == "cbegin"
                           : Name == "end" || Name == "cend";
  return Matches ? Container : nullptr;
}

bool isStdStringClass(QualType Type) {
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (const auto *Special =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record))
    Record = Special->getSpecializedTemplate()->getTemplatedDecl();
  return Record && Record->getIdentifier() && Record->isInStdNamespace() &&
         (Record->getName() == "basic_string" ||
          Record->getName() == "basic_string_view");
}

bool mentions(const Stmt *S, const ValueDecl *D) {
  if (!S || !D)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == D)
    return true;
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && Member->getMemberDecl() == D)
    return true;
  for (const Stmt *Child : S->children())
    if (mentions(Child, D))
      return true;
  return false;
}

bool isInsertingMethod(llvm::StringRef Name) {
  static const llvm::StringRef Names[] = {"insert", "emplace", "emplace_hint",
                                          "try_emplace", "insert_or_assign"};
  return llvm::is_contained(Names, Name);
}

const Stmt *statementBefore(const Stmt &S, ASTContext &Context,
                            bool ThroughLoopStart) {
  const Stmt *Current = &S;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(*Current);
    // 'Row = f(r)' declared as 'T Row = f(r);': through the variable to its
    // declaration statement.
    if (!Parents.empty())
      if (const auto *Var = Parents[0].get<VarDecl>())
        Parents = Context.getParents(*Var);
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (!Parent)
      return nullptr;
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
      const auto It = llvm::find(Block->body(), Current);
      if (It == Block->body_end())
        return nullptr;
      if (It != Block->body_begin())
        return *std::prev(It);
      if (!ThroughLoopStart)
        return nullptr;
      const DynTypedNodeList Above = Context.getParents(*Block);
      const Stmt *Loop = Above.empty() ? nullptr : Above[0].get<Stmt>();
      if (!Loop || !isa<ForStmt, WhileStmt, CXXForRangeStmt>(Loop))
        return nullptr;
      return statementBefore(*Loop, Context, /*ThroughLoopStart=*/false);
    }
    Current = Parent;
  }
  return nullptr;
}

} // namespace clang::tidy::vibeguard
