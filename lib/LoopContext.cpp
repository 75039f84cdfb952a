//===--- LoopContext.cpp - vibeguard --------------------------------------===//

#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtObjC.h"

namespace clang::tidy::vibeguard {

// Deeper nesting than this is generated code; treating it as "not in a loop"
// only costs a missed finding.
static constexpr unsigned MaxWalkDepth = 512;

const FunctionDecl *LoopContext::function() const {
  return dyn_cast_or_null<FunctionDecl>(Callable);
}

LoopContextFinder::LoopContextFinder(
    ASTContext &Context, llvm::ArrayRef<llvm::StringRef> IterationAlgorithms)
    : Context(Context), IterationAlgorithms(IterationAlgorithms) {}

// True if Child, a direct child of Loop, runs once per iteration. The parts
// that run once before the loop starts (a for-init statement, the range of a
// range-for) do not.
static bool repeatsChild(const Stmt &Loop, const DynTypedNode &Child) {
  const Stmt *ChildStmt = Child.get<Stmt>();
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return !ChildStmt || ChildStmt != For->getInit();
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop)) {
    if (!ChildStmt)
      return Child.get<Decl>() == RangeFor->getLoopVariable();
    return ChildStmt == RangeFor->getBody() ||
           ChildStmt == RangeFor->getLoopVarStmt() ||
           ChildStmt == RangeFor->getCond() || ChildStmt == RangeFor->getInc();
  }
  if (const auto *ObjCFor = dyn_cast<ObjCForCollectionStmt>(&Loop))
    return ChildStmt == ObjCFor->getBody();
  return isa<WhileStmt, DoStmt>(Loop);
}

bool LoopContextFinder::isIterationAlgorithmCall(const CallExpr &Call) const {
  if (const FunctionDecl *Callee = Call.getDirectCallee();
      Callee && matchesAnyName(*Callee, IterationAlgorithms))
    return true;
  // std::ranges algorithms are function objects: the call is operator() on a
  // variable named like the algorithm.
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(&Call);
      OpCall && OpCall->getOperator() == OO_Call && OpCall->getNumArgs() > 0)
    if (const auto *Object =
            dyn_cast<DeclRefExpr>(OpCall->getArg(0)->IgnoreParenImpCasts()))
      return matchesAnyName(*Object->getDecl(), IterationAlgorithms);
  return false;
}

// A lambda passed directly to an iteration algorithm is that algorithm's loop
// body. Returns the algorithm call, or null.
static const CallExpr *algorithmCallTaking(const LambdaExpr &Lambda,
                                           ASTContext &Context,
                                           const LoopContextFinder &Finder) {
  DynTypedNode Node = DynTypedNode::create(Lambda);
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return nullptr;
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent)
      return nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(Parent))
      return Finder.isIterationAlgorithmCall(*Call) ? Call : nullptr;
    if (!isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             CXXConstructExpr, ExprWithCleanups, ParenExpr>(Parent))
      return nullptr;
    Node = Parents[0];
  }
  return nullptr;
}

// The lambda expression that defines \p Fn, if Fn is a lambda's call
// operator. The parent map reaches it through the closure class.
static const LambdaExpr *lambdaOf(const FunctionDecl &Fn, ASTContext &Context) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Fn);
  if (!Method || !Method->getParent()->isLambda())
    return nullptr;
  DynTypedNode Node = DynTypedNode::create(*Method->getParent());
  for (unsigned Depth = 0; Depth < 2; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return nullptr;
    if (const auto *Lambda = Parents[0].get<LambdaExpr>())
      return Lambda;
    Node = Parents[0];
  }
  return nullptr;
}

LoopContext LoopContextFinder::find(const Stmt &S) const {
  LoopContext Result;
  DynTypedNode Node = DynTypedNode::create(S);
  for (unsigned Depth = 0; Depth < MaxWalkDepth; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return Result;
    const DynTypedNode &Parent = Parents[0];
    if (const auto *ParentStmt = Parent.get<Stmt>()) {
      if (!Result.Iteration &&
          isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt,
              ObjCForCollectionStmt>(ParentStmt) &&
          repeatsChild(*ParentStmt, Node))
        Result.Iteration = ParentStmt;
      if (const auto *Lambda = dyn_cast<LambdaExpr>(ParentStmt);
          Lambda && Node.get<Stmt>() == Lambda->getBody()) {
        Result.Callable = Lambda->getCallOperator();
        if (!Result.Iteration)
          Result.Iteration = algorithmCallTaking(*Lambda, Context, *this);
        return Result;
      }
    } else if (const auto *ParentDecl = Parent.get<Decl>()) {
      if (isa<FunctionDecl, BlockDecl, ObjCMethodDecl>(ParentDecl)) {
        Result.Callable = ParentDecl;
        if (const auto *Fn = dyn_cast<FunctionDecl>(ParentDecl);
            Fn && !Result.Iteration)
          if (const LambdaExpr *Lambda = lambdaOf(*Fn, Context))
            Result.Iteration = algorithmCallTaking(*Lambda, Context, *this);
        return Result;
      }
      if (const auto *Field = dyn_cast<FieldDecl>(ParentDecl)) {
        Result.InClassInitializerOf = Field;
        return Result;
      }
      // A default argument runs in its caller, which we cannot see from here;
      // other declarations (classes, namespaces) end the walk too.
      if (!isa<VarDecl>(ParentDecl) || isa<ParmVarDecl>(ParentDecl))
        return Result;
    } else if (!Parent.get<CXXCtorInitializer>()) {
      // Types and other non-evaluated contexts.
      return Result;
    }
    Node = Parent;
  }
  return Result;
}

bool LoopContextFinder::isDeclaredWithin(const Decl &D,
                                         const Stmt &Ancestor) const {
  DynTypedNode Node = DynTypedNode::create(D);
  for (unsigned Depth = 0; Depth < MaxWalkDepth; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (Node.get<Stmt>() == &Ancestor)
      return true;
    const auto *ParentDecl = Node.get<Decl>();
    if (!ParentDecl)
      continue;
    // A lambda's parameters and locals are declared where the lambda is.
    if (const auto *Fn = dyn_cast<FunctionDecl>(ParentDecl))
      if (const LambdaExpr *Lambda = lambdaOf(*Fn, Context)) {
        Node = DynTypedNode::create(*Lambda);
        if (Lambda == &Ancestor)
          return true;
        continue;
      }
    if (isa<FunctionDecl, BlockDecl, ObjCMethodDecl, TranslationUnitDecl>(
            ParentDecl))
      return false;
  }
  return false;
}

std::string describeIteration(const Stmt &Iteration) {
  const auto *Call = dyn_cast<CallExpr>(&Iteration);
  if (!Call)
    return "the loop";
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call))
    if (const auto *Object =
            dyn_cast<DeclRefExpr>(OpCall->getArg(0)->IgnoreParenImpCasts()))
      return "'" + Object->getDecl()->getQualifiedNameAsString() + "'";
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    return "'" + Callee->getQualifiedNameAsString() + "'";
  return "the algorithm";
}

} // namespace clang::tidy::vibeguard
