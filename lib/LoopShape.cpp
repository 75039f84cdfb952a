//===--- LoopShape.cpp - vibeguard ----------------------------------------===//

#include "vibeguard/LoopShape.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vibeguard {

// ---- Constant trip counts ---------------------------------------------------

static const VarDecl *referencedVar(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

static std::optional<int64_t> integerValue(const Expr *E,
                                           const ASTContext &Context) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Context) || !Result.Val.isInt())
    return std::nullopt;
  const llvm::APSInt &Value = Result.Val.getInt();
  // An unsigned value with the top bit set has few significant bits as a
  // signed one, and still does not fit.
  if (!Value.isRepresentableByInt64())
    return std::nullopt;
  return Value.getExtValue();
}

// The step of 'i++', '--i', 'i += 2', 'i -= 2', or std::nullopt.
static std::optional<int64_t> stepOf(const Expr *Inc, const VarDecl &Counter,
                                     const ASTContext &Context) {
  if (!Inc)
    return std::nullopt;
  Inc = Inc->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(Inc)) {
    if (referencedVar(Unary->getSubExpr()) != &Counter)
      return std::nullopt;
    if (Unary->isIncrementOp())
      return 1;
    if (Unary->isDecrementOp())
      return -1;
    return std::nullopt;
  }
  if (const auto *Compound = dyn_cast<CompoundAssignOperator>(Inc)) {
    if (referencedVar(Compound->getLHS()) != &Counter)
      return std::nullopt;
    std::optional<int64_t> Amount = integerValue(Compound->getRHS(), Context);
    if (!Amount || *Amount == 0)
      return std::nullopt;
    if (Compound->getOpcode() == BO_AddAssign)
      return *Amount;
    if (Compound->getOpcode() == BO_SubAssign)
      return -*Amount;
  }
  return std::nullopt;
}

static std::optional<uint64_t> countingLoopTrips(const ForStmt &For,
                                                 const ASTContext &Context) {
  // 'for (int i = 0; ...)', or C's 'for (i = 0; ...)' on a counter declared
  // before the loop.
  const VarDecl *Counter = nullptr;
  const Expr *StartValue = nullptr;
  if (const auto *Init = dyn_cast_or_null<DeclStmt>(For.getInit());
      Init && Init->isSingleDecl()) {
    Counter = dyn_cast<VarDecl>(Init->getSingleDecl());
    StartValue = Counter ? Counter->getInit() : nullptr;
  } else if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(For.getInit());
             Assign && Assign->getOpcode() == BO_Assign) {
    Counter = referencedVar(Assign->getLHS());
    StartValue = Assign->getRHS();
  }
  if (!Counter || !Counter->getType()->isIntegerType())
    return std::nullopt;
  std::optional<int64_t> Start = integerValue(StartValue, Context);
  const auto *Cond =
      dyn_cast_or_null<BinaryOperator>(For.getCond() ? For.getCond()->IgnoreParenImpCasts() : nullptr);
  std::optional<int64_t> Step = stepOf(For.getInc(), *Counter, Context);
  if (!Start || !Cond || !Step)
    return std::nullopt;

  BinaryOperatorKind Op = Cond->getOpcode();
  std::optional<int64_t> Bound;
  if (referencedVar(Cond->getLHS()) == Counter) {
    Bound = integerValue(Cond->getRHS(), Context);
  } else if (referencedVar(Cond->getRHS()) == Counter) {
    Bound = integerValue(Cond->getLHS(), Context);
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  if (!Bound)
    return std::nullopt;

  // Distance to cover in the direction of the step, end inclusive or not.
  int64_t Distance;
  switch (Op) {
  case BO_LT:
    Distance = *Bound - *Start;
    break;
  case BO_LE:
    Distance = *Bound - *Start + 1;
    break;
  case BO_GT:
    Distance = *Start - *Bound;
    break;
  case BO_GE:
    Distance = *Start - *Bound + 1;
    break;
  case BO_NE:
    Distance = *Bound > *Start ? *Bound - *Start : *Start - *Bound;
    // 'i != n' only ends if the steps land on n.
    if (Distance % (*Step < 0 ? -*Step : *Step) != 0)
      return std::nullopt;
    break;
  default:
    return std::nullopt;
  }
  if (Distance <= 0)
    return 0;
  const bool Upwards = Op == BO_LT || Op == BO_LE ||
                       (Op == BO_NE && *Bound > *Start);
  if ((*Step > 0) != Upwards)
    return std::nullopt; // runs until overflow, or never ends
  const int64_t Magnitude = *Step < 0 ? -*Step : *Step;
  return static_cast<uint64_t>((Distance + Magnitude - 1) / Magnitude);
}

std::optional<uint64_t> constantSequenceSize(QualType Type) {
  Type = Type.getNonReferenceType().getCanonicalType();
  if (const auto *Array = dyn_cast<ConstantArrayType>(Type.getTypePtr()))
    return Array->getSize().getZExtValue();
  const auto *Specialization = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  static const llvm::StringRef ArrayName[] = {"::std::array"};
  if (!Specialization || !matchesAnyName(*Specialization, ArrayName))
    return std::nullopt;
  const TemplateArgumentList &Args = Specialization->getTemplateArgs();
  if (Args.size() != 2 || Args[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return Args[1].getAsIntegral().getZExtValue();
}

// The number of elements of a braced list, possibly handed to a container's
// initializer_list constructor: '{"a", "b"}', 'std::vector<T>{...}'.
static std::optional<uint64_t> bracedListSize(const Expr *E) {
  E = E->IgnoreImplicit();
  // The allocator argument of the constructor is usually defaulted.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() >= 1 &&
      llvm::all_of(llvm::drop_begin(Construct->arguments()),
                   [](const Expr *Arg) { return isa<CXXDefaultArgExpr>(Arg); }))
    E = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    E = List->getSubExpr()->IgnoreImplicit();
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits();
  return std::nullopt;
}

std::optional<uint64_t> constantTripCount(const Stmt &Loop,
                                          const ASTContext &Context) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return countingLoopTrips(*For, Context);
  const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop);
  if (!RangeFor || !RangeFor->getRangeInit())
    return std::nullopt;
  const Expr *Range = RangeFor->getRangeInit()->IgnoreImplicit();
  if (std::optional<uint64_t> Size = bracedListSize(Range))
    return Size;
  // A const container spelled out in the source: 'static const
  // std::vector<std::string> Names = {"a", "b"};'. It cannot change, so its
  // size is the list's.
  if (const VarDecl *Var = referencedVar(Range);
      Var && Var->getType().isConstQualified() &&
      !Var->getType()->isReferenceType() && Var->getInit())
    if (std::optional<uint64_t> Size = bracedListSize(Var->getInit()))
      return Size;
  return constantSequenceSize(Range->getType());
}

bool isShortRepetition(llvm::ArrayRef<const Stmt *> Iterations,
                       const ASTContext &Context, uint64_t MaxTrips) {
  return !Iterations.empty() &&
         llvm::all_of(Iterations, [&](const Stmt *Loop) {
           std::optional<uint64_t> Trips = constantTripCount(*Loop, Context);
           return Trips && *Trips <= MaxTrips;
         });
}

// ---- What decides that a loop stops -----------------------------------------

static bool isLiteralTrue(const Expr *Cond) {
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(Cond))
    return Bool->getValue();
  if (const auto *Int = dyn_cast<IntegerLiteral>(Cond))
    return Int->getValue() != 0;
  return false;
}

namespace {
/// One pass over a loop: the expressions that decide whether it stops, and
/// where the variables they read get their values.
class ExitCollector {
public:
  void collectLoop(const Stmt &Loop) {
    const Expr *Cond = nullptr;
    const Stmt *Body = nullptr;
    if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
      Cond = For->getCond();
      Body = For->getBody();
      visit(For->getInc()); // 'i = next(i)' feeds the condition too
      BranchExitsDecide = !Cond || isLiteralTrue(Cond);
      Counter = countingVariable(*For);
    } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
      Cond = While->getCond();
      Body = While->getBody();
      BranchExitsDecide = isLiteralTrue(Cond);
    } else if (const auto *Do = dyn_cast<DoStmt>(&Loop)) {
      Cond = Do->getCond();
      Body = Do->getBody();
      BranchExitsDecide = isLiteralTrue(Cond);
    } else if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop)) {
      Body = RangeFor->getBody();
    }
    if (Cond && !isLiteralTrue(Cond)) {
      Roots.push_back(Cond);
      visit(Cond);
    }
    InBody = true;
    visit(Body);
    InBody = false;
    // A counter the body never reads only counts attempts: 'for (int
    // attempt = 0; attempt < Max; ++attempt)'. Its exits decide like those
    // of 'while (true)'.
    if (Counter && !ReadInBody.count(Counter))
      BranchExitsDecide = true;
    if (!BranchExitsDecide)
      return;
    for (const Expr *ExitCond : ExitConditions)
      Roots.push_back(ExitCond);
  }

  /// The calls whose results decide, following variables transitively.
  void decidingCalls(llvm::DenseSet<const Expr *> &Calls) {
    llvm::DenseSet<const Expr *> Seen;
    llvm::DenseSet<const ValueDecl *> SeenVars;
    llvm::SmallVector<const Expr *, 16> Work(Roots.begin(), Roots.end());
    while (!Work.empty()) {
      const Expr *Root = Work.pop_back_val();
      if (!Root || !Seen.insert(Root).second)
        continue;
      llvm::SmallVector<const Stmt *, 16> Nodes{Root};
      while (!Nodes.empty()) {
        const Stmt *S = Nodes.pop_back_val();
        if (!S || isa<LambdaExpr>(S))
          continue;
        if (const auto *Call = dyn_cast<CallExpr>(S))
          Calls.insert(Call);
        else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
          Calls.insert(Construct);
        const ValueDecl *Var = nullptr;
        if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
          Var = Ref->getDecl();
        else if (const auto *Member = dyn_cast<MemberExpr>(S))
          Var = Member->getMemberDecl();
        if (Var && SeenVars.insert(Var).second) {
          auto It = Sources.find(Var);
          if (It != Sources.end())
            Work.append(It->second.begin(), It->second.end());
        }
        for (const Stmt *Child : S->children())
          Nodes.push_back(Child);
      }
    }
  }

private:
  static const VarDecl *countingVariable(const ForStmt &For) {
    const auto *Init = dyn_cast_or_null<DeclStmt>(For.getInit());
    if (!Init || !Init->isSingleDecl())
      return nullptr;
    const auto *Counter = dyn_cast<VarDecl>(Init->getSingleDecl());
    return Counter && Counter->getType()->isIntegerType() ? Counter : nullptr;
  }

  static const ValueDecl *assignedVar(const Expr *LHS) {
    LHS = LHS->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(LHS))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(LHS))
      return Member->getMemberDecl();
    return nullptr;
  }

  void assign(const ValueDecl *Var, const Expr *Value) {
    if (!Var)
      return;
    auto &Into = Sources[Var];
    if (Value)
      Into.push_back(Value);
    // A variable set inside a branch also depends on the branch condition.
    Into.append(OpenConditions.begin(), OpenConditions.end());
  }

  void exitHere() {
    ExitConditions.append(OpenConditions.begin(), OpenConditions.end());
  }

  void visit(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      visit(If->getInit());
      visit(If->getConditionVariableDeclStmt());
      visit(If->getCond());
      OpenConditions.push_back(If->getCond());
      if (const VarDecl *CondVar = If->getConditionVariable())
        assign(CondVar, CondVar->getInit());
      visit(If->getThen());
      visit(If->getElse());
      OpenConditions.pop_back();
      return;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(S)) {
      // 'break' inside leaves the inner statement, not this loop.
      ++BreakShadowing;
      visitChildren(S);
      --BreakShadowing;
      return;
    }
    if (isa<BreakStmt>(S)) {
      if (BreakShadowing == 0)
        exitHere();
      return;
    }
    if (isa<ReturnStmt, GotoStmt, CXXThrowExpr>(S))
      exitHere();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && InBody)
      ReadInBody.insert(Ref->getDecl());
    if (const auto *Decl = dyn_cast<DeclStmt>(S))
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          assign(Var, Var->getInit());
    if (const auto *Binary = dyn_cast<BinaryOperator>(S);
        Binary && Binary->isAssignmentOp())
      assign(assignedVar(Binary->getLHS()), Binary->getRHS());
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(S);
        OpCall && OpCall->isAssignmentOp() && OpCall->getNumArgs() == 2)
      assign(assignedVar(OpCall->getArg(0)), OpCall->getArg(1));
    visitChildren(S);
  }

  void visitChildren(const Stmt *S) {
    for (const Stmt *Child : S->children())
      visit(Child);
  }

  llvm::SmallVector<const Expr *, 8> Roots;
  llvm::SmallVector<const Expr *, 8> ExitConditions;
  llvm::SmallVector<const Expr *, 8> OpenConditions;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const Expr *, 2>> Sources;
  llvm::DenseSet<const Decl *> ReadInBody;
  const VarDecl *Counter = nullptr;
  bool BranchExitsDecide = false;
  bool InBody = false;
  unsigned BreakShadowing = 0;
};
} // namespace

bool LoopExitAnalysis::decidesContinuation(const Stmt &Loop, const Expr &Call) {
  auto [It, Inserted] = Cache.try_emplace(&Loop);
  if (Inserted) {
    It->second = std::make_unique<llvm::DenseSet<const Expr *>>();
    ExitCollector Collector;
    Collector.collectLoop(Loop);
    Collector.decidingCalls(*It->second);
  }
  return It->second->count(&Call);
}

} // namespace clang::tidy::vibeguard
