//===--- LoopContext.cpp - vibeguard --------------------------------------===//

#include "vibeguard/LoopContext.h"
#include "vibeguard/Containers.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtObjC.h"

namespace clang::tidy::vibeguard {

const FunctionDecl *LoopContext::function() const {
  return dyn_cast_or_null<FunctionDecl>(Callable);
}

LoopContextWalker::LoopContextWalker(
    llvm::ArrayRef<llvm::StringRef> IterationAlgorithms)
    : IterationAlgorithms(IterationAlgorithms) {}

void LoopContextWalker::clear() {
  IsIterationAlgorithm.clear();
  EnclosingIterations.clear();
  Initialized.clear();
  SoleDeclarations.clear();
  DeclarationsInBlocks.clear();
  DeclaringCallables.clear();
}

bool LoopContextWalker::isIterationAlgorithmCall(const CallExpr &Call) {
  const NamedDecl *NamedDecl = calledAlgorithm(Call);
  if (!NamedDecl)
    return false;
  auto [It, Inserted] = IsIterationAlgorithm.try_emplace(NamedDecl, false);
  if (Inserted)
    It->second = matchesAnyName(*NamedDecl, IterationAlgorithms);
  return It->second;
}

// The construction an initializer boils down to, looking through the nodes
// that 'auto x = T(...)', temporaries and elided copies add.
static const CXXConstructExpr *constructionIn(const Expr *Init) {
  while (Init) {
    Init = Init->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init)) {
      if (Construct->getNumArgs() == 1 &&
          Construct->getConstructor()->isCopyOrMoveConstructor() &&
          isa<MaterializeTemporaryExpr>(Construct->getArg(0)->IgnoreImpCasts()))
        Init = Construct->getArg(0);
      else
        return Construct;
    } else if (isa<ExprWithCleanups, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ImplicitCastExpr,
                   CXXFunctionalCastExpr>(Init)) {
      Init = cast<Expr>(*Init->child_begin());
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

// True for a condition written as a literal false: 'do { ... } while (0)'
// runs its body once (the macro idiom), 'while (false)' never.
static bool isLiteralFalse(const Expr *Cond) {
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(Cond))
    return !Bool->getValue();
  if (const auto *Int = dyn_cast<IntegerLiteral>(Cond))
    return Int->getValue() == 0;
  return false;
}

class LoopContextWalker::Walk : public RecursiveASTVisitor<Walk> {
  using Base = RecursiveASTVisitor<Walk>;

public:
  Walk(LoopContextWalker &Owner, Callback Visit, LoopContext Start)
      : Owner(Owner), Visit(Visit), Context(Start) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitLambdaBody() const { return false; }

  bool VisitStmt(Stmt *S) {
    Context.Iterations = Repeating;
    Visit(*S, Context);
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *Block) {
    for (const Stmt *Child : Block->body())
      if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Child))
        Owner.DeclarationsInBlocks.insert(Declaration);
    return true;
  }

  bool VisitDeclStmt(DeclStmt *Declaration) {
    if (Declaration->isSingleDecl())
      if (const auto *Var = dyn_cast<VarDecl>(Declaration->getSingleDecl());
          Var && Owner.DeclarationsInBlocks.count(Declaration))
        Owner.SoleDeclarations[Var] = Declaration;
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    record(*Var);
    if (const CXXConstructExpr *Construct = constructionIn(Var->getInit()))
      Owner.Initialized[Construct] = Var;
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (!Owner.isIterationAlgorithmCall(*Call))
      return true;
    for (const Expr *Arg : Call->arguments())
      if (const auto *Lambda =
              dyn_cast<LambdaExpr>(Arg->IgnoreImplicit()->IgnoreParens()))
        AlgorithmLambdas[Lambda] = Call;
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(
                   Arg->IgnoreImplicit()->IgnoreParens());
               Construct && Construct->getNumArgs() == 1)
        if (const auto *Copied = dyn_cast<LambdaExpr>(
                Construct->getArg(0)->IgnoreImplicit()->IgnoreParens()))
          AlgorithmLambdas[Copied] = Call;
    return true;
  }

  // Nested function declarations (local classes) get their own walk.
  bool TraverseDecl(Decl *D) {
    if (D && isa<FunctionDecl, CXXRecordDecl, BlockDecl>(D))
      return true;
    return Base::TraverseDecl(D);
  }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    if (!WalkUpFromLambdaExpr(Lambda))
      return false;
    // Captures are initialized where the lambda is created.
    for (Expr *Init : Lambda->capture_inits())
      if (Init && !TraverseStmt(Init))
        return false;
    const Stmt *Algorithm = AlgorithmLambdas.lookup(Lambda);
    LoopContext Inner;
    Inner.Callable = Lambda->getCallOperator();
    // A lambda given to an algorithm runs once per element, as often as the
    // algorithm call itself runs; any other lambda runs wherever it is
    // called, which is not here.
    llvm::SmallVector<const Stmt *, 8> SavedRepeating;
    if (Algorithm) {
      Enclosing.push_back(Algorithm);
      Repeating.push_back(Algorithm);
      Inner.Iteration = Algorithm;
    } else {
      SavedRepeating.swap(Repeating);
    }
    for (const ParmVarDecl *Param : Lambda->getCallOperator()->parameters())
      record(*Param, Inner.Callable);
    const bool Result =
        within(Inner, [&] { return TraverseStmt(Lambda->getBody()); });
    if (Algorithm) {
      Enclosing.pop_back();
      Repeating.pop_back();
    } else {
      Repeating.swap(SavedRepeating);
    }
    return Result;
  }

  bool TraverseBlockExpr(BlockExpr *Block) {
    if (!WalkUpFromBlockExpr(Block))
      return false;
    LoopContext Inner;
    Inner.Callable = Block->getBlockDecl();
    llvm::SmallVector<const Stmt *, 8> SavedRepeating;
    SavedRepeating.swap(Repeating);
    const bool Result =
        within(Inner, [&] { return TraverseStmt(Block->getBody()); });
    Repeating.swap(SavedRepeating);
    return Result;
  }

  bool TraverseForStmt(ForStmt *For) {
    if (!WalkUpFromForStmt(For))
      return false;
    Enclosing.push_back(For);
    bool Result =
        TraverseStmt(For->getInit()) && repeating(For, For->getCond(), [&] {
          return TraverseStmt(For->getConditionVariableDeclStmt()) &&
                 TraverseStmt(For->getCond()) && TraverseStmt(For->getInc()) &&
                 TraverseStmt(For->getBody());
        });
    Enclosing.pop_back();
    return Result;
  }

  bool TraverseCXXForRangeStmt(CXXForRangeStmt *For) {
    if (!WalkUpFromCXXForRangeStmt(For))
      return false;
    Enclosing.push_back(For);
    bool Result = TraverseStmt(For->getInit()) &&
                  TraverseStmt(For->getRangeInit()) &&
                  repeating(For, nullptr, [&] {
                    return TraverseStmt(For->getLoopVarStmt()) &&
                           TraverseStmt(For->getBody());
                  });
    Enclosing.pop_back();
    return Result;
  }

  bool TraverseWhileStmt(WhileStmt *While) {
    if (!WalkUpFromWhileStmt(While))
      return false;
    Enclosing.push_back(While);
    bool Result = repeating(While, While->getCond(), [&] {
      return TraverseStmt(While->getConditionVariableDeclStmt()) &&
             TraverseStmt(While->getCond()) && TraverseStmt(While->getBody());
    });
    Enclosing.pop_back();
    return Result;
  }

  bool TraverseDoStmt(DoStmt *Do) {
    if (!WalkUpFromDoStmt(Do))
      return false;
    Enclosing.push_back(Do);
    bool Result = repeating(Do, Do->getCond(), [&] {
      return TraverseStmt(Do->getBody()) && TraverseStmt(Do->getCond());
    });
    Enclosing.pop_back();
    return Result;
  }

  bool TraverseObjCForCollectionStmt(ObjCForCollectionStmt *For) {
    if (!WalkUpFromObjCForCollectionStmt(For))
      return false;
    Enclosing.push_back(For);
    bool Result =
        TraverseStmt(For->getElement()) && TraverseStmt(For->getCollection()) &&
        repeating(For, nullptr, [&] { return TraverseStmt(For->getBody()); });
    Enclosing.pop_back();
    return Result;
  }

private:
  template <typename Fn> bool within(const LoopContext &Inner, Fn Body) {
    const LoopContext Saved = Context;
    Context = Inner;
    const bool Result = Body();
    Context = Saved;
    return Result;
  }

  template <typename Fn>
  bool repeating(const Stmt *Loop, const Expr *Cond, Fn Body) {
    if (isLiteralFalse(Cond))
      return Body();
    Repeating.push_back(Loop);
    LoopContext Inner = Context;
    Inner.Iteration = Loop;
    const bool Result = within(Inner, Body);
    Repeating.pop_back();
    return Result;
  }

  void record(const VarDecl &Var, const Decl *Callable = nullptr) {
    Owner.DeclaringCallables[&Var] = Callable ? Callable : Context.Callable;
    if (!Enclosing.empty())
      Owner.EnclosingIterations[&Var].assign(Enclosing.begin(),
                                             Enclosing.end());
  }

  LoopContextWalker &Owner;
  Callback Visit;
  LoopContext Context;
  // Every loop and algorithm call around the current position, innermost
  // last, whether or not the position repeats with it (a for-init does not).
  llvm::SmallVector<const Stmt *, 8> Enclosing;
  // The iterations the current position repeats with, outermost first.
  llvm::SmallVector<const Stmt *, 8> Repeating;
  llvm::DenseMap<const LambdaExpr *, const Stmt *> AlgorithmLambdas;
};

void LoopContextWalker::walkFunction(const FunctionDecl &Fn, Callback Visit) {
  LoopContext Start;
  Start.Callable = &Fn;
  Walk W(*this, Visit, Start);
  for (const ParmVarDecl *Param : Fn.parameters())
    DeclaringCallables[Param] = &Fn;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Fn))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        W.TraverseStmt(Init->getInit());
  W.TraverseStmt(Fn.getBody());
}

void LoopContextWalker::walkInClassInitializer(const FieldDecl &Field,
                                               Callback Visit) {
  LoopContext Start;
  Start.InClassInitializerOf = &Field;
  Walk W(*this, Visit, Start);
  W.TraverseStmt(Field.getInClassInitializer());
}

bool LoopContextWalker::isDeclaredWithin(const VarDecl &Var,
                                         const Stmt &Iteration) const {
  auto It = EnclosingIterations.find(&Var);
  return It != EnclosingIterations.end() &&
         llvm::is_contained(It->second, &Iteration);
}

const VarDecl *LoopContextWalker::initializedVariable(
    const CXXConstructExpr &Construct) const {
  return Initialized.lookup(&Construct);
}

const DeclStmt *
LoopContextWalker::soleDeclarationInBlock(const VarDecl &Var) const {
  return SoleDeclarations.lookup(&Var);
}

const Decl *LoopContextWalker::callableDeclaring(const VarDecl &Var) const {
  return DeclaringCallables.lookup(&Var);
}

ast_matchers::internal::BindableMatcher<Decl> projectFunctionDefinitions() {
  using namespace ast_matchers;
  return functionDecl(
      unless(isExpansionInSystemHeader()), isDefinition(),
      unless(cxxMethodDecl(ofClass(cxxRecordDecl(isLambda())))));
}

std::string describeIteration(const Stmt &Iteration) {
  const auto *Call = dyn_cast<CallExpr>(&Iteration);
  if (!Call)
    return "the loop";
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call);
      OpCall && OpCall->getNumArgs() > 0)
    if (const auto *Object =
            dyn_cast<DeclRefExpr>(OpCall->getArg(0)->IgnoreParenImpCasts()))
      return "'" + Object->getDecl()->getQualifiedNameAsString() + "'";
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    return "'" + Callee->getQualifiedNameAsString() + "'";
  return "the algorithm";
}

} // namespace clang::tidy::vibeguard
