//===--- QuadraticContainerOpCheck.cpp - vibeguard ------------------------===//

#include "QuadraticContainerOpCheck.h"
#include "vibeguard/Containers.h"
#include "vibeguard/LoopShape.h"
#include "vibeguard/Stability.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

QuadraticContainerOpCheck::QuadraticContainerOpCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ContiguousContainers(*this, Options, catalog::ContiguousContainers),
      DoubleEndedContainers(*this, Options, catalog::DoubleEndedContainers),
      NodeContainers(*this, Options, catalog::NodeContainers),
      IterationAlgorithms(*this, Options, catalog::IterationAlgorithms),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 16U)),
      Loops(IterationAlgorithms.names()) {}

void QuadraticContainerOpCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  ContiguousContainers.store(Options, Opts);
  DoubleEndedContainers.store(Options, Opts);
  NodeContainers.store(Options, Opts);
  IterationAlgorithms.store(Options, Opts);
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
}

void QuadraticContainerOpCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void QuadraticContainerOpCheck::onStartOfTranslationUnit() {
  Loops.clear();
  Kinds.clear();
  SizeGuards.clear();
  ErasesThenExits.clear();
  FrontOperations.clear();
  CallsInLoops.clear();
  SearchesFromStart.clear();
  ShrunkInLoop.clear();
  BackwardWalks.clear();
  IsShortLoop.clear();
  Diagnosed.clear();
}

void QuadraticContainerOpCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Fn)
    return;
  // Guards are regions of one body; they never reach into another.
  SizeGuards.clear();
  ErasesThenExits.clear();
  Loops.walkFunction(*Fn, [this](const Stmt &S, const LoopContext &Where) {
    visit(S, Where);
  });
}

QuadraticContainerOpCheck::ContainerKind
QuadraticContainerOpCheck::kindOf(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Class = Type.getCanonicalType()->getAsCXXRecordDecl();
  if (!Class)
    return ContainerKind::Other;
  auto [It, Inserted] = Kinds.try_emplace(Class, ContainerKind::Other);
  if (Inserted) {
    if (matchesAnyName(*Class, ContiguousContainers.names()))
      It->second = ContainerKind::Contiguous;
    else if (matchesAnyName(*Class, DoubleEndedContainers.names()))
      It->second = ContainerKind::DoubleEnded;
    else if (matchesAnyName(*Class, NodeContainers.names()))
      It->second = ContainerKind::Node;
  }
  return It->second;
}

static bool isStdString(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Class = Type.getCanonicalType()->getAsCXXRecordDecl();
  return Class && Class->isInStdNamespace() && Class->getIdentifier() &&
         Class->getName() == "basic_string";
}

static bool isZeroLiteral(const Expr *E) {
  const auto *Literal =
      dyn_cast_or_null<IntegerLiteral>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Literal && Literal->getValue() == 0;
}

static bool isDefaultArgument(const Expr *E) {
  return E && isa<CXXDefaultArgExpr>(E->IgnoreImplicit());
}

static bool isInTemplate(const Decl *Callable) {
  for (const DeclContext *Context = dyn_cast_or_null<DeclContext>(Callable);
       Context; Context = Context->getParent()) {
    if (Context->isDependentContext())
      return true;
    if (const auto *Fn = dyn_cast<FunctionDecl>(Context);
        Fn && Fn->isTemplateInstantiation())
      return true;
    if (isa<ClassTemplateSpecializationDecl>(Context))
      return true;
  }
  return false;
}

// True if Object is a data member of 'this' ('Items', 'this->Items').
static bool isMemberOfThis(const Expr &Object) {
  const auto *Member = dyn_cast<MemberExpr>(Object.IgnoreParenImpCasts());
  return Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
}

// A container that outlives one call of the function naming it, \p Object:
// a front operation on it costs as much as the container has grown overall.
// Which one a caller's loop reaches is decided in sameContainerEachTime().
static bool outlivesCall(const ValueDecl &Container, const Expr &Object) {
  if (isa<FieldDecl>(Container))
    return isMemberOfThis(Object);
  const auto *Var = dyn_cast<VarDecl>(&Container);
  return Var && (Var->hasGlobalStorage() ||
                 (isa<ParmVarDecl>(Var) && Var->getType()->isReferenceType()));
}

const Stmt *
QuadraticContainerOpCheck::repeatingLoop(const LoopContext &Where,
                                         const ValueDecl *Container) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Container);
  for (const Stmt *Loop : llvm::reverse(Where.Iterations)) {
    // A container declared inside the loop starts afresh each time round.
    if (Var && Loops.isDeclaredWithin(*Var, *Loop))
      return nullptr;
    auto [It, Inserted] = IsShortLoop.try_emplace(Loop, false);
    if (Inserted) {
      std::optional<uint64_t> Trips = constantTripCount(*Loop, *Context);
      It->second = Trips && *Trips <= MaxConstantTripCount;
    }
    if (!It->second)
      return Loop;
  }
  return nullptr;
}

// The containers compared with a limit in 'C.size() > Max' (or <, >=, <=,
// ==, !=) somewhere in Cond. A small constant is no limit: 'size() >= 4'
// asks whether a few elements are left, and loops that test it consume the
// container.
void QuadraticContainerOpCheck::collectSizeLimits(
    const Expr *Cond,
    llvm::SmallVectorImpl<const ValueDecl *> &Containers) const {
  if (!Cond)
    return;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond)) {
    if (Binary->isComparisonOp()) {
      auto SizeOf = [](const Expr *E) -> const ValueDecl * {
        const auto *Call =
            dyn_cast_or_null<CXXMemberCallExpr>(stripConversions(E));
        const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
        if (!Method || !Method->getIdentifier() ||
            (Method->getName() != "size" && Method->getName() != "length"))
          return nullptr;
        return namedValue(Call->getImplicitObjectArgument());
      };
      auto IsLimit = [this](const Expr *E) {
        Expr::EvalResult Value;
        if (E->isValueDependent() || !E->EvaluateAsInt(Value, *Context))
          return true;
        return Value.Val.getInt().getLimitedValue() > MaxConstantTripCount;
      };
      if (const ValueDecl *C = SizeOf(Binary->getLHS());
          C && IsLimit(Binary->getRHS()))
        Containers.push_back(C);
      if (const ValueDecl *C = SizeOf(Binary->getRHS());
          C && IsLimit(Binary->getLHS()))
        Containers.push_back(C);
      return;
    }
    if (Binary->isLogicalOp()) {
      collectSizeLimits(Binary->getLHS(), Containers);
      collectSizeLimits(Binary->getRHS(), Containers);
    }
  }
}

void QuadraticContainerOpCheck::recordSizeGuard(const Stmt &S) {
  const Expr *Cond = nullptr;
  const Stmt *Region = nullptr;
  if (const auto *If = dyn_cast<IfStmt>(&S)) {
    Cond = If->getCond();
    Region = If->getThen();
  } else if (const auto *While = dyn_cast<WhileStmt>(&S)) {
    Cond = While->getCond();
    Region = While->getBody();
  } else if (const auto *For = dyn_cast<ForStmt>(&S)) {
    Cond = For->getCond();
    Region = For->getBody();
  } else if (const auto *Do = dyn_cast<DoStmt>(&S)) {
    Cond = Do->getCond();
    Region = Do->getBody();
  }
  if (!Cond || !Region)
    return;
  llvm::SmallVector<const ValueDecl *, 2> Limited;
  collectSizeLimits(Cond, Limited);
  for (const ValueDecl *Container : Limited)
    SizeGuards.push_back({Container, Region->getSourceRange()});
}

bool QuadraticContainerOpCheck::isGuarded(const ValueDecl &Container,
                                          SourceLocation Loc) const {
  const SourceManager &SM = Context->getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  return llvm::any_of(SizeGuards, [&](const SizeGuard &Guard) {
    return Guard.Container == &Container &&
           !SM.isBeforeInTranslationUnit(
               Loc, SM.getExpansionLoc(Guard.Region.getBegin())) &&
           !SM.isBeforeInTranslationUnit(
               SM.getExpansionLoc(Guard.Region.getEnd()), Loc);
  });
}

// The erase call a statement consists of: 'c.erase(p);', 'it = c.erase(p);'.
static const CXXMemberCallExpr *eraseStatement(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return nullptr;
  E = stripConversions(E);
  if (const auto *Assign = dyn_cast<BinaryOperator>(E);
      Assign && Assign->getOpcode() == BO_Assign)
    E = stripConversions(Assign->getRHS());
  else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
           OpCall && OpCall->getOperator() == OO_Equal &&
           OpCall->getNumArgs() == 2)
    E = stripConversions(OpCall->getArg(1));
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() && Method->getName() == "erase"
             ? Call
             : nullptr;
}

static bool containsContinue(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ContinueStmt>(S))
    return true;
  return llvm::any_of(S->children(), containsContinue);
}

// 'c.erase(it); ...; return true;': the statements after the erase in its
// block end with leaving the loop, and none of them can 'continue' it, so
// the erase runs once per loop, not once per element.
void QuadraticContainerOpCheck::recordErasesThenExits(const Stmt &S) {
  const auto *Block = dyn_cast<CompoundStmt>(&S);
  if (!Block)
    return;
  llvm::SmallVector<const CXXMemberCallExpr *, 2> Pending;
  for (const Stmt *Child : Block->body()) {
    if (isa<BreakStmt, ReturnStmt, GotoStmt, CXXThrowExpr>(Child)) {
      ErasesThenExits.insert(Pending.begin(), Pending.end());
      Pending.clear();
    } else if (const CXXMemberCallExpr *Erase = eraseStatement(Child)) {
      Pending.push_back(Erase);
    } else if (containsContinue(Child)) {
      Pending.clear();
    }
  }
}

void QuadraticContainerOpCheck::visit(const Stmt &S, const LoopContext &Where) {
  recordSizeGuard(S);
  recordErasesThenExits(S);
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(&S))
    checkMemberCall(*MemberCall, Where);
  else if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&S);
           Assign && Assign->getOperator() == OO_Equal)
    checkSubstrAssignment(*Assign, Where);
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    checkStepsFromBegin(*Call, Where);

  // Calls into the project's own functions, which may do the front
  // operation on the caller's behalf.
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    Callee = Call->getDirectCallee();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    Callee = Construct->getConstructor();
  if (!Callee || !Callee->hasBody() ||
      Context->getSourceManager().isInSystemHeader(Callee->getLocation()))
    return;
  if (const Stmt *Loop = repeatingLoop(Where, nullptr))
    CallsInLoops.push_back({cast<Expr>(&S), Callee, Loop});
  else if (!Where.Iteration)
    FrontOperations.addCall(Where.function(), cast<Expr>(&S), Callee);
}

// True if Position is the front of Container: its begin(), possibly plus a
// constant.
static bool isFrontOf(const Expr *Position, const ValueDecl &Container,
                      const LoopContextWalker &Loops) {
  Position = stripConversions(Position);
  const Expr *Offset = nullptr, *Base = nullptr;
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Position);
      Binary && Binary->getOpcode() == BO_Add) {
    Base = Binary->getLHS();
    Offset = Binary->getRHS();
  } else if (const auto *OpCall =
                 dyn_cast_or_null<CXXOperatorCallExpr>(Position);
             OpCall && OpCall->getOperator() == OO_Plus &&
             OpCall->getNumArgs() == 2) {
    Base = OpCall->getArg(0);
    Offset = OpCall->getArg(1);
  }
  if (Offset) {
    if (stabilityOf(*Offset, nullptr, Loops) != Stability::Constant)
      return false;
    Position = Base;
  }
  const Expr *Walked = containerOfRangeEnd(Position, RangeEnd::Begin);
  return Walked && namedValue(Walked) == &Container;
}

// True if Position is the back of Container: 'end() - 1', 'std::prev(end())'.
static bool isBackOf(const Expr *Position, const ValueDecl &Container,
                     const LoopContextWalker &Loops) {
  Position = stripConversions(Position);
  const Expr *Offset = nullptr, *Base = nullptr;
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Position);
      Binary && Binary->getOpcode() == BO_Sub) {
    Base = Binary->getLHS();
    Offset = Binary->getRHS();
  } else if (const auto *OpCall =
                 dyn_cast_or_null<CXXOperatorCallExpr>(Position);
             OpCall && OpCall->getOperator() == OO_Minus &&
             OpCall->getNumArgs() == 2) {
    Base = OpCall->getArg(0);
    Offset = OpCall->getArg(1);
  } else if (const auto *Call = dyn_cast_or_null<CallExpr>(Position)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        Callee->getName() == "prev" && Call->getNumArgs() >= 1) {
      Base = Call->getArg(0);
      if (Call->getNumArgs() == 2 && !isDefaultArgument(Call->getArg(1)))
        Offset = Call->getArg(1);
    }
  }
  if (Offset && stabilityOf(*Offset, nullptr, Loops) != Stability::Constant)
    return false;
  const Expr *Walked =
      containerOfRangeEnd(Base ? Base : Position, RangeEnd::End);
  return Walked && namedValue(Walked) == &Container;
}

void QuadraticContainerOpCheck::checkMemberCall(const CXXMemberCallExpr &Call,
                                                const LoopContext &Where) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || !Method->getIdentifier() || Call.getNumArgs() == 0)
    return;
  const Expr *Object = Call.getImplicitObjectArgument();
  const ValueDecl *Container = namedValue(Object);
  if (!Container)
    return;
  const ContainerKind Kind = kindOf(Object->getType());
  if (Kind != ContainerKind::Contiguous && Kind != ContainerKind::DoubleEnded)
    return;
  const bool IsString = isStdString(Object->getType());
  const llvm::StringRef Name = Method->getName();
  const Expr *First = Call.getArg(0);
  const bool AtFront =
      isFrontOf(First, *Container, Loops) || (IsString && isZeroLiteral(First));

  if (Name == "erase") {
    if (AtFront) {
      // 's.erase(0)' empties the string; a deque erases its front cheaply.
      const bool ErasesPrefix =
          !IsString || !isZeroLiteral(First) ||
          (Call.getNumArgs() == 2 && !isDefaultArgument(Call.getArg(1)));
      if (Kind == ContainerKind::Contiguous && ErasesPrefix)
        checkFrontOperation(Call, *Container, /*IsInsert=*/false, Where);
      return;
    }
    // 's.erase(pos)' drops the tail: it shifts nothing.
    const bool ErasesOne =
        IsString && First->getType()->isIntegerType()
            ? Call.getNumArgs() == 2 && !isDefaultArgument(Call.getArg(1))
            : Call.getNumArgs() == 1;
    if (ErasesOne && !isBackOf(First, *Container, Loops))
      checkEraseInOwnLoop(Call, *Container, Where);
    return;
  }
  if ((Name == "insert" || Name == "emplace") && AtFront &&
      Kind == ContainerKind::Contiguous) {
    checkFrontOperation(Call, *Container, /*IsInsert=*/true, Where);
    return;
  }
  // A search restarted from the beginning of a string.
  if (Name == "find" && IsString &&
      (Call.getNumArgs() < 2 || isDefaultArgument(Call.getArg(1)) ||
       isZeroLiteral(Call.getArg(1))))
    if (const Stmt *Loop = repeatingLoop(Where, Container))
      SearchesFromStart.push_back({&Call, Container, Loop});
}

// True if S adds a run of input to the back of Container somewhere:
// 'append', '+=', 'insert(C.end(), First, Last)', or 'resize' to read into
// the new tail. Single elements ('push_back') are how a vector is used as a
// queue, and do not count.
static bool growsAtBack(const Stmt *S, const ValueDecl &Container) {
  if (!S)
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        namedValue(Member->getImplicitObjectArgument()) == &Container) {
      const llvm::StringRef Name = Method->getName();
      if (Name == "append" || Name == "resize")
        return true;
      if (Name == "insert" && Member->getNumArgs() > 2 &&
          namedValue(containerOfRangeEnd(Member->getArg(0), RangeEnd::End)) ==
              &Container)
        return true;
    }
  } else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(S);
             OpCall && OpCall->getOperator() == OO_PlusEqual &&
             OpCall->getNumArgs() == 2 &&
             namedValue(OpCall->getArg(0)) == &Container) {
    return true;
  }
  return llvm::any_of(S->children(), [&Container](const Stmt *Child) {
    return growsAtBack(Child, Container);
  });
}

// True if Erase drops a consumed prefix of a buffer that Scope also fills at
// the back: 'Buf.append(Chunk, N); Buf.erase(0, parse(Buf));'. The buffer is
// a queue of arriving input; each erase shifts only what is still unparsed,
// so the total work is linear in the input. Erasing a constant number of
// elements ('V.erase(V.begin())', 'V.erase(V.begin(), V.begin() + 1)') from
// a queue that is also appended to is still a vector used as a queue, and is
// still reported.
static bool erasesParsedPrefix(const CXXMemberCallExpr &Erase,
                               const ValueDecl &Container, const Stmt *Scope,
                               const LoopContextWalker &Loops) {
  if (Erase.getNumArgs() != 2 || isDefaultArgument(Erase.getArg(1)))
    return false;
  // The amount erased: the count of 'erase(0, Used)', the offset of
  // 'erase(begin(), begin() + Used)'.
  const Expr *Amount = stripConversions(Erase.getArg(1));
  if (Amount && !Amount->getType()->isIntegerType()) {
    if (const auto *Binary = dyn_cast<BinaryOperator>(Amount);
        Binary && Binary->getOpcode() == BO_Add)
      Amount = Binary->getRHS();
    else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Amount);
             OpCall && OpCall->getOperator() == OO_Plus &&
             OpCall->getNumArgs() == 2)
      Amount = OpCall->getArg(1);
  }
  return Amount && stabilityOf(*Amount, nullptr, Loops) != Stability::Constant &&
         growsAtBack(Scope, Container);
}

void QuadraticContainerOpCheck::checkFrontOperation(
    const CXXMemberCallExpr &Call, const ValueDecl &Container, bool IsInsert,
    const LoopContext &Where) {
  if (isGuarded(Container, Call.getBeginLoc()))
    return;
  if (!Where.Iteration) {
    // Once per call of the function: a finding where a loop calls it. A
    // constructor works on a new object each time.
    const FunctionDecl *Fn = Where.function();
    if (Fn && !isa<CXXConstructorDecl>(Fn) &&
        outlivesCall(Container, *Call.getImplicitObjectArgument()) &&
        (IsInsert || !erasesParsedPrefix(Call, Container, Fn->getBody(), Loops)))
      FrontOperations.addEffect(Fn, &Call);
    return;
  }
  const Stmt *Loop = repeatingLoop(Where, &Container);
  if (!Loop || ErasesThenExits.count(&Call))
    return;
  if (!IsInsert && erasesParsedPrefix(Call, Container, Loop, Loops)) {
    // A search of the buffer is part of parsing it: not reported either.
    ShrunkInLoop.insert({&Container, Loop});
    return;
  }
  if (!IsInsert)
    ShrunkInLoop.insert({&Container, Loop});
  if (!Diagnosed.insert(Call.getBeginLoc()).second)
    return;
  const bool IsString =
      isStdString(Call.getImplicitObjectArgument()->getType());
  if (IsInsert)
    diag(Call.getBeginLoc(),
         "inserting at the front of %0 shifts all of its %select{elements|"
         "characters}1 on every iteration of %2, making the loop quadratic; "
         "append at the end and reverse once after the loop%select{, or use "
         "a std::deque|}1")
        << &Container << IsString << describeIteration(*Loop);
  else
    diag(Call.getBeginLoc(),
         "erasing the front of %0 shifts all of its remaining %select{elements|"
         "characters}1 on every iteration of %2, making the loop quadratic; "
         "%select{read it from an advancing index (or use a std::deque)|"
         "advance a position (or a std::string_view) through it}1 and erase "
         "the consumed prefix once, after the loop")
        << &Container << IsString << describeIteration(*Loop);
}

// The loop among Where's repetitions that walks Container: its condition,
// increment or range names it.
static const Stmt *loopOver(const ValueDecl &Container,
                            const LoopContext &Where,
                            const LoopContextWalker &Loops) {
  const auto *Var = dyn_cast<VarDecl>(&Container);
  for (const Stmt *Loop : llvm::reverse(Where.Iterations)) {
    if (Var && Loops.isDeclaredWithin(*Var, *Loop))
      return nullptr;
    bool Walks = false;
    if (const auto *For = dyn_cast<ForStmt>(Loop))
      Walks = mentions(For->getCond(), &Container) ||
              mentions(For->getInc(), &Container);
    else if (const auto *While = dyn_cast<WhileStmt>(Loop))
      Walks = mentions(While->getCond(), &Container);
    else if (const auto *Do = dyn_cast<DoStmt>(Loop))
      Walks = mentions(Do->getCond(), &Container);
    else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
      Walks = mentions(Range->getRangeInit(), &Container);
    if (Walks)
      return Loop;
  }
  return nullptr;
}

// How S changes Var: whether it steps it forward ('++v', 'v += n') and
// whether it steps it back ('--v', 'v -= n').
struct Steps {
  bool Forward = false;
  bool Back = false;
};
static void collectSteps(const Stmt *S, const ValueDecl &Var, Steps &Found) {
  if (!S)
    return;
  const Expr *Operand = nullptr;
  bool Back = false;
  if (const auto *Unary = dyn_cast<UnaryOperator>(S);
      Unary && Unary->isIncrementDecrementOp()) {
    Operand = Unary->getSubExpr();
    Back = Unary->isDecrementOp();
  } else if (const auto *Compound = dyn_cast<CompoundAssignOperator>(S);
             Compound && (Compound->getOpcode() == BO_AddAssign ||
                          Compound->getOpcode() == BO_SubAssign)) {
    Operand = Compound->getLHS();
    Back = Compound->getOpcode() == BO_SubAssign;
  } else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(S);
             OpCall && OpCall->getNumArgs() > 0) {
    const OverloadedOperatorKind Op = OpCall->getOperator();
    if (Op == OO_PlusPlus || Op == OO_PlusEqual || Op == OO_MinusMinus ||
        Op == OO_MinusEqual) {
      Operand = OpCall->getArg(0);
      Back = Op == OO_MinusMinus || Op == OO_MinusEqual;
    }
  }
  if (Operand && namedValue(Operand) == &Var)
    (Back ? Found.Back : Found.Forward) = true;
  for (const Stmt *Child : S->children())
    collectSteps(Child, Var, Found);
}

// The variables an erase position moves with: 'it', or 'i' in
// 'begin() + (i - 1)'.
static void positionVariables(const Stmt *Position,
                              llvm::SmallVectorImpl<const ValueDecl *> &Vars) {
  if (!Position)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Position))
    if (isa<VarDecl>(Ref->getDecl()))
      Vars.push_back(Ref->getDecl());
  for (const Stmt *Child : Position->children())
    positionVariables(Child, Vars);
}

bool QuadraticContainerOpCheck::walksBackwards(const Stmt &Loop,
                                               const Expr *Position) {
  llvm::SmallVector<const ValueDecl *, 2> Vars;
  positionVariables(Position, Vars);
  return llvm::any_of(Vars, [&](const ValueDecl *Var) {
    auto [It, Inserted] = BackwardWalks.try_emplace({Var, &Loop}, false);
    if (Inserted) {
      // 'erase(begin() + i); --i;' in a loop that also increments i walks
      // forwards.
      Steps Found;
      collectSteps(&Loop, *Var, Found);
      It->second = Found.Back && !Found.Forward;
    }
    return It->second;
  });
}

void QuadraticContainerOpCheck::checkEraseInOwnLoop(
    const CXXMemberCallExpr &Call, const ValueDecl &Container,
    const LoopContext &Where) {
  if (ErasesThenExits.count(&Call))
    return;
  const Stmt *Loop = loopOver(Container, Where, Loops);
  // Walking backwards from the end erases where little or nothing follows.
  if (!Loop || walksBackwards(*Loop, Call.getArg(0)) ||
      !Diagnosed.insert(Call.getBeginLoc()).second)
    return;
  ShrunkInLoop.insert({&Container, Loop});
  std::optional<FixItHint> Fix = eraseIfFix(*Loop, Call, Container, Where);
  auto Diag = diag(Call.getBeginLoc(),
                   "erasing single elements of %0 inside a loop over it "
                   "shifts the rest of %0 on every erase, making the loop "
                   "quadratic; remove them in one pass with std::erase_if or "
                   "the erase-remove idiom")
              << &Container;
  if (Fix)
    Diag << *Fix;
}

void QuadraticContainerOpCheck::checkStepsFromBegin(const CallExpr &Call,
                                                    const LoopContext &Where) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
      Call.getNumArgs() != 2)
    return;
  const llvm::StringRef Name = Callee->getName();
  if (Name != "next" && Name != "advance" && Name != "distance")
    return;

  const Expr *Start = Call.getArg(0);
  if (Name == "advance") {
    // 'auto It = l.begin(); std::advance(It, I);' with It declared in the
    // loop, so the walk restarts from the beginning each time.
    const auto *Iterator = dyn_cast_or_null<VarDecl>(namedValue(Start));
    if (!Iterator || !Iterator->getInit() || !Where.Iteration ||
        !Loops.isDeclaredWithin(*Iterator, *Where.Iteration))
      return;
    Start = Iterator->getInit();
  }
  const Expr *Walked = containerOfRangeEnd(Start, RangeEnd::Begin);
  const ValueDecl *Container = namedValue(Walked);
  if (!Container || kindOf(Walked->getType()) != ContainerKind::Node)
    return;
  // A constant number of steps costs a constant.
  if (Name != "distance" &&
      (isDefaultArgument(Call.getArg(1)) ||
       stabilityOf(*Call.getArg(1), nullptr, Loops) == Stability::Constant))
    return;
  const Stmt *Loop = repeatingLoop(Where, Container);
  if (!Loop || !Diagnosed.insert(Call.getBeginLoc()).second)
    return;
  diag(Call.getBeginLoc(),
       "'std::%0' walks %1 from its beginning one element at a time on every "
       "iteration of %2, making the loop quadratic; %select{keep an iterator "
       "across iterations and step it forward|count positions alongside the "
       "iterator instead of measuring them from begin()}3")
      << Name << Container << describeIteration(*Loop) << (Name == "distance");
}

void QuadraticContainerOpCheck::checkSubstrAssignment(
    const CXXOperatorCallExpr &Assign, const LoopContext &Where) {
  if (Assign.getNumArgs() != 2 || !isStdString(Assign.getArg(0)->getType()))
    return;
  const ValueDecl *Text = namedValue(Assign.getArg(0));
  const auto *Substr =
      dyn_cast_or_null<CXXMemberCallExpr>(stripConversions(Assign.getArg(1)));
  const CXXMethodDecl *Method = Substr ? Substr->getMethodDecl() : nullptr;
  if (!Text || !Method || !Method->getIdentifier() ||
      Method->getName() != "substr" || Substr->getNumArgs() == 0 ||
      namedValue(Substr->getImplicitObjectArgument()) != Text)
    return;
  // 's = s.substr(0, n)' keeps the front: a truncation, not a consumption.
  const Expr *Pos = Substr->getArg(0);
  if (isDefaultArgument(Pos) || isZeroLiteral(Pos))
    return;
  const Stmt *Loop = repeatingLoop(Where, Text);
  if (!Loop)
    return;
  ShrunkInLoop.insert({Text, Loop});
  if (!Diagnosed.insert(Assign.getBeginLoc()).second)
    return;
  diag(Assign.getBeginLoc(),
       "assigning %0 its own substring copies the rest of %0 on every "
       "iteration of %1, making the loop quadratic; advance a position (or a "
       "std::string_view) through %0 instead")
      << Text << describeIteration(*Loop);
}

// True if S replaces the whole text of Text, whatever it held before:
// 'Text = Other', 'Text.assign(Other)', 'Text.clear()', 'std::getline(In,
// Text)', 'In >> Text'.
static bool replacesText(const Stmt &S, const ValueDecl &Text) {
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(&S)) {
    if (OpCall->getNumArgs() != 2)
      return false;
    if (OpCall->getOperator() == OO_Equal)
      return namedValue(OpCall->getArg(0)) == &Text &&
             !mentions(OpCall->getArg(1), &Text);
    return OpCall->getOperator() == OO_GreaterGreater &&
           namedValue(OpCall->getArg(1)) == &Text;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        namedValue(Member->getImplicitObjectArgument()) != &Text)
      return false;
    if (Method->getName() == "clear")
      return true;
    return Method->getName() == "assign" &&
           llvm::none_of(Member->arguments(), [&Text](const Expr *Arg) {
             return mentions(Arg, &Text);
           });
  }
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->getIdentifier() &&
           Callee->getName() == "getline" && Call->getNumArgs() >= 2 &&
           namedValue(Call->getArg(1)) == &Text;
  }
  return false;
}

// True if S, part of one iteration of a loop, replaces the whole of Text:
// each search then runs on fresh text ('while (std::getline(In, Line))
// Line.find('=')'), and only a string that accumulates across iterations
// makes a restarted search quadratic. Replacements in a nested loop or a
// branch do not run on every iteration: 'Acc += Chunk; if (...) Acc.clear();'
// still accumulates until the branch is taken. A branch's condition does
// run: 'if (!std::getline(In, Line)) break;'.
static bool refillsText(const Stmt *S, const ValueDecl &Text, bool IsLoop) {
  if (!S ||
      (!IsLoop && isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S)))
    return false;
  if (replacesText(*S, Text))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(S))
    return refillsText(If->getInit(), Text, false) ||
           refillsText(If->getConditionVariableDeclStmt(), Text, false) ||
           refillsText(If->getCond(), Text, false);
  return llvm::any_of(S->children(), [&Text](const Stmt *Child) {
    return refillsText(Child, Text, /*IsLoop=*/false);
  });
}

// 'Line = Line.substr(Pos + 2)': the text becomes what follows a position
// the loop computed (the end of the last match), so the next search from
// the start begins where the previous one stopped.
static bool dropsConsumedPrefix(const Expr &Value, const ValueDecl &Text) {
  const Expr *E = Value.IgnoreImplicit();
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1)
      E = Construct->getArg(0)->IgnoreImplicit();
    else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temporary->getSubExpr()->IgnoreImplicit();
    else
      break;
  }
  const auto *Suffix = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *Method = Suffix ? Suffix->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() || Method->getName() != "substr" ||
      Suffix->getNumArgs() < 1 ||
      namedValue(Suffix->getImplicitObjectArgument()) != &Text)
    return false;
  const Expr *Start = Suffix->getArg(0);
  return !Start->isValueDependent() &&
         !Start->isIntegerConstantExpr(Method->getASTContext());
}

// True if S, part of a loop, adds text to Text ('Text += Piece',
// 'Text.append(...)', 'Text.insert(...)', 'Text = Text + Piece'): only text
// that grows makes a search from its start rescan what was already searched.
// A call that merely could change Text (one given '*this') is not growth.
static bool growsText(const Stmt *S, const ValueDecl &Text) {
  if (!S)
    return false;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
      Op && Op->getNumArgs() == 2 && namedValue(Op->getArg(0)) == &Text &&
      (Op->getOperator() == OO_PlusEqual ||
       (Op->getOperator() == OO_Equal && mentions(Op->getArg(1), &Text) &&
        !dropsConsumedPrefix(*Op->getArg(1), Text))))
    return true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        namedValue(Member->getImplicitObjectArgument()) == &Text &&
        llvm::is_contained({"append", "insert", "push_back", "replace",
                            "resize", "assign"},
                           Method->getName()))
      return true;
  }
  return llvm::any_of(S->children(), [&Text](const Stmt *Child) {
    return growsText(Child, Text);
  });
}

void QuadraticContainerOpCheck::onEndOfTranslationUnit() {
  // A search from the start of a string that the loop modifies elsewhere
  // rescans the part already processed. When the loop erases from the
  // string, or consumes it from the front, that is the finding instead.
  for (const SearchFromStart &Search : SearchesFromStart) {
    if (ShrunkInLoop.count({Search.Text, Search.Iteration}) ||
        isOnlyRead(*Search.Text, *Search.Iteration) ||
        refillsText(Search.Iteration, *Search.Text, /*IsLoop=*/true) ||
        !growsText(Search.Iteration, *Search.Text) ||
        !Diagnosed.insert(Search.Find->getBeginLoc()).second)
      continue;
    diag(Search.Find->getBeginLoc(),
         "'find' searches %0 from its beginning on every iteration of %1 "
         "while the loop modifies it, making the loop quadratic; resume the "
         "search from the position after the previous match")
        << Search.Text << describeIteration(*Search.Iteration);
  }

  FrontOperations.solve();
  for (const CallInLoop &Call : CallsInLoops)
    diagnoseCallInLoop(Call);
}

// An object named by Object that is the same on every iteration of Loop.
static const ValueDecl *sameObject(const Expr *Object, const Stmt &Loop,
                                   const LoopContextWalker &Loops) {
  const ValueDecl *Named = namedValue(Object);
  const auto *Var = dyn_cast_or_null<VarDecl>(Named);
  if (!Named || (Var && Loops.isDeclaredWithin(*Var, Loop)))
    return nullptr;
  return Named;
}

bool QuadraticContainerOpCheck::sameContainerEachTime(
    const CallInLoop &Call, const EffectPath &Path,
    const ValueDecl &Container) const {
  if (const auto *Var = dyn_cast<VarDecl>(&Container);
      Var && Var->hasGlobalStorage())
    return true;
  if (const auto *Param = dyn_cast<ParmVarDecl>(&Container)) {
    // The loop's own argument must be the same container every time; a
    // parameter passed on through further helpers is not followed.
    const auto *Direct = dyn_cast<CallExpr>(Call.Call);
    const unsigned Index = Param->getFunctionScopeIndex();
    if (!Path.Hops.empty() || !Direct || isa<CXXOperatorCallExpr>(Direct) ||
        Index >= Direct->getNumArgs())
      return false;
    return sameObject(Direct->getArg(Index), *Call.Iteration, Loops);
  }
  // A data member of 'this', reached through member calls on the object the
  // loop calls: that object must not change between iterations.
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call.Call);
  if (!Member)
    return false;
  const Expr *Object =
      Member->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (!isa<CXXThisExpr>(Object) && !sameObject(Object, *Call.Iteration, Loops))
    return false;
  return llvm::all_of(Path.Hops, [](const CallHop &Hop) {
    const auto *HopCall = dyn_cast<CXXMemberCallExpr>(Hop.Call);
    return HopCall &&
           isa<CXXThisExpr>(
               HopCall->getImplicitObjectArgument()->IgnoreParenImpCasts());
  });
}

void QuadraticContainerOpCheck::diagnoseCallInLoop(const CallInLoop &Call) {
  std::optional<EffectPath> Path = FrontOperations.pathFrom(Call.Callee);
  if (!Path)
    return;
  const auto *Operation = cast<CXXMemberCallExpr>(Path->Site);
  const bool IsInsert = Operation->getMethodDecl()->getName() != "erase";
  const ValueDecl *Container =
      namedValue(Operation->getImplicitObjectArgument());
  if (!Container || !sameContainerEachTime(Call, *Path, *Container) ||
      !Diagnosed.insert(Call.Call->getBeginLoc()).second)
    return;
  diag(Call.Call->getBeginLoc(),
       "call to %0 shifts every element of %1 on each iteration of %2, "
       "making the loop quadratic; %select{consume %1 through an advancing "
       "index and erase the consumed prefix once|append at the end and "
       "reverse once}3, or make %1 a std::deque")
      << describeCallable(*Call.Callee) << Container
      << describeIteration(*Call.Iteration) << IsInsert;
  const FunctionDecl *Caller = Call.Callee;
  for (const CallHop &Hop : Path->Hops) {
    diag(Hop.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << describeCallable(*Caller) << describeCallable(*Hop.Callee);
    Caller = Hop.Callee;
  }
  diag(Operation->getBeginLoc(),
       "%select{the front of %1 is erased here|an element is inserted at the "
       "front of %1 here}0",
       DiagnosticIDs::Note)
      << IsInsert << Container;
}

// ---- The std::erase_if fix --------------------------------------------------

// The statement a branch consists of: itself, or the only statement of a
// block.
static const Stmt *soleStatement(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return Block->size() == 1 ? Block->body_front() : nullptr;
  return S;
}

static bool isIncrementOf(const Stmt *S, const VarDecl &Iterator) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->isIncrementOp() &&
           namedValue(Unary->getSubExpr()) == &Iterator;
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E))
    return OpCall->getOperator() == OO_PlusPlus &&
           namedValue(OpCall->getArg(0)) == &Iterator;
  return false;
}

// The two operands of 'A = B' or 'A != B' (builtin or overloaded).
static std::optional<std::pair<const Expr *, const Expr *>>
operands(const Expr *E, BinaryOperatorKind Builtin,
         OverloadedOperatorKind Overloaded) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  // C++20 spells 'a != b' as '!(a == b)' when only operator== exists.
  if (const auto *Rewritten = dyn_cast_or_null<CXXRewrittenBinaryOperator>(E);
      Rewritten && Rewritten->getOperator() == Builtin)
    return std::make_pair(Rewritten->getLHS(), Rewritten->getRHS());
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(E);
      Binary && Binary->getOpcode() == Builtin)
    return std::make_pair(Binary->getLHS(), Binary->getRHS());
  if (const auto *OpCall = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      OpCall && OpCall->getOperator() == Overloaded &&
      OpCall->getNumArgs() == 2)
    return std::make_pair(OpCall->getArg(0), OpCall->getArg(1));
  return std::nullopt;
}

namespace {
/// Rewrites the uses of an iterator in a condition into uses of the element
/// it points to: '*it' becomes 'Elem', 'it->x' becomes 'Elem.x'. Fails on any
/// other use of the iterator, or any use of the container.
class ElementRewriter {
public:
  ElementRewriter(const VarDecl &Iterator, const ValueDecl &Container,
                  bool BindingsCapturable)
      : Iterator(Iterator), Container(Container),
        BindingsCapturable(BindingsCapturable) {}

  bool rewrite(const Stmt *S) {
    if (!S)
      return true;
    if (const auto *E = dyn_cast<Expr>(S)) {
      // '(*it).x' becomes 'Elem.x'.
      const Expr *Deref = dereferenceOfIterator(E);
      if (const auto *Paren = dyn_cast<ParenExpr>(E); Paren && !Deref)
        Deref = dereferenceOfIterator(Paren->getSubExpr());
      if (Deref) {
        if (!Deref->isLValue())
          return false; // a proxy (std::vector<bool>)
        Edits.push_back({CharSourceRange::getTokenRange(E->getSourceRange()),
                         /*Arrow=*/false});
        return true;
      }
      if (const auto *Member = dyn_cast<MemberExpr>(E);
          Member && Member->isArrow() && isIterator(arrowBase(Member))) {
        Edits.push_back({CharSourceRange::getCharRange(
                             Member->getBase()->getBeginLoc(),
                             Member->getOperatorLoc().getLocWithOffset(2)),
                         /*Arrow=*/true});
        return true;
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
        if (Ref->getDecl() == &Iterator || Ref->getDecl() == &Container)
          return false;
        if (isa<BindingDecl>(Ref->getDecl()) && !BindingsCapturable)
          return false;
      }
      if (const auto *Member = dyn_cast<MemberExpr>(E);
          Member && Member->getMemberDecl() == &Container)
        return false;
    }
    return llvm::all_of(S->children(),
                        [this](const Stmt *Child) { return rewrite(Child); });
  }

  struct Edit {
    CharSourceRange Range;
    bool Arrow;
  };
  llvm::SmallVector<Edit, 4> Edits;

private:
  bool isIterator(const Expr *E) const {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return Ref && Ref->getDecl() == &Iterator &&
           !Ref->getLocation().isMacroID();
  }
  // 'it' in 'it->x': the base itself for pointers, the operand of the
  // overloaded operator-> for class iterators.
  static const Expr *arrowBase(const MemberExpr *Member) {
    const Expr *Base = Member->getBase()->IgnoreImplicit();
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Base);
        OpCall && OpCall->getOperator() == OO_Arrow)
      return OpCall->getArg(0);
    return Base;
  }
  // E itself if it is '*it'.
  const Expr *dereferenceOfIterator(const Expr *E) const {
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_Deref &&
        isIterator(Unary->getSubExpr()))
      return E;
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
        OpCall && OpCall->getOperator() == OO_Star &&
        OpCall->getNumArgs() == 1 && isIterator(OpCall->getArg(0)))
      return E;
    return nullptr;
  }

  const VarDecl &Iterator;
  const ValueDecl &Container;
  const bool BindingsCapturable;
};
} // namespace

// A name for the lambda's parameter that the condition does not use.
static std::string elementName(llvm::StringRef Condition,
                               llvm::StringRef Container) {
  auto UsesWord = [](llvm::StringRef Text, llvm::StringRef Word) {
    for (size_t Pos = Text.find(Word); Pos != llvm::StringRef::npos;
         Pos = Text.find(Word, Pos + 1)) {
      const bool StartsWord =
          Pos == 0 || !isAsciiIdentifierContinue(Text[Pos - 1]);
      const size_t End = Pos + Word.size();
      const bool EndsWord =
          End == Text.size() || !isAsciiIdentifierContinue(Text[End]);
      if (StartsWord && EndsWord)
        return true;
    }
    return false;
  };
  for (llvm::StringRef Candidate : {"Element", "Elem", "Item", "Entry"})
    if (!UsesWord(Condition, Candidate) && !UsesWord(Container, Candidate))
      return Candidate.str();
  return "";
}

bool QuadraticContainerOpCheck::declaredInStdBefore(llvm::StringRef Name,
                                                    SourceLocation Loc) const {
  const SourceManager &SM = Context->getSourceManager();
  TranslationUnitDecl *TU = Context->getTranslationUnitDecl();
  for (NamedDecl *Std : TU->lookup(&Context->Idents.get("std")))
    if (auto *Namespace = dyn_cast<NamespaceDecl>(Std))
      for (NamedDecl *Found : Namespace->lookup(&Context->Idents.get(Name)))
        if (SM.isBeforeInTranslationUnit(Found->getLocation(), Loc))
          return true;
  return false;
}

std::optional<FixItHint> QuadraticContainerOpCheck::eraseIfFix(
    const Stmt &Loop, const CXXMemberCallExpr &Erase,
    const ValueDecl &Container, const LoopContext &Where) const {
  // for (auto It = C.begin(); It != C.end();) {
  //   if (Cond) It = C.erase(It); else ++It;
  // }
  const auto *For = dyn_cast<ForStmt>(&Loop);
  if (!For || For->getInc() || For->getConditionVariable() ||
      Erase.getNumArgs() != 1 || isInTemplate(Where.Callable))
    return std::nullopt;
  const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit());
  const auto *Iterator = Init && Init->isSingleDecl()
                             ? dyn_cast<VarDecl>(Init->getSingleDecl())
                             : nullptr;
  if (!Iterator || !Iterator->getInit() ||
      namedValue(containerOfRangeEnd(Iterator->getInit(), RangeEnd::Begin)) !=
          &Container)
    return std::nullopt;
  auto Compared = operands(For->getCond(), BO_NE, OO_ExclaimEqual);
  if (!Compared)
    return std::nullopt;
  auto [Left, Right] = *Compared;
  if (namedValue(Left) != Iterator)
    std::swap(Left, Right);
  if (namedValue(Left) != Iterator ||
      namedValue(containerOfRangeEnd(Right, RangeEnd::End)) != &Container)
    return std::nullopt;

  const auto *Body = dyn_cast<CompoundStmt>(For->getBody());
  const auto *If = dyn_cast_or_null<IfStmt>(soleStatement(Body));
  if (!If || If->getInit() || If->getConditionVariable() || If->isConstexpr() ||
      !isIncrementOf(soleStatement(If->getElse()), *Iterator))
    return std::nullopt;
  auto Assigned = operands(dyn_cast_or_null<Expr>(soleStatement(If->getThen())),
                           BO_Assign, OO_Equal);
  if (!Assigned || namedValue(Assigned->first) != Iterator ||
      stripConversions(Assigned->second) != &Erase ||
      namedValue(Erase.getArg(0)) != Iterator)
    return std::nullopt;

  // The container is named again in the replacement: it must be a plain
  // variable or member, not something evaluated with side effects.
  const Expr *Object = Erase.getImplicitObjectArgument()->IgnoreImpCasts();
  if (Object->getType()->isPointerType())
    return std::nullopt;
  for (const Expr *Part = Object;;) {
    Part = Part->IgnoreParenImpCasts();
    if (isa<DeclRefExpr, CXXThisExpr>(Part))
      break;
    const auto *Member = dyn_cast<MemberExpr>(Part);
    if (!Member)
      return std::nullopt;
    if (Member->isImplicitAccess())
      break;
    Part = Member->getBase();
  }

  const LangOptions &LangOpts = getLangOpts();
  const SourceManager &SM = Context->getSourceManager();
  ElementRewriter Rewriter(*Iterator, Container, LangOpts.CPlusPlus20);
  if (!Rewriter.rewrite(If->getCond()))
    return std::nullopt;

  const CharSourceRange LoopRange = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(For->getSourceRange()), SM, LangOpts);
  const CharSourceRange CondRange = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(If->getCond()->getSourceRange()), SM,
      LangOpts);
  const CharSourceRange ObjectRange = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Object->getSourceRange()), SM, LangOpts);
  if (LoopRange.isInvalid() || CondRange.isInvalid() ||
      ObjectRange.isInvalid() || For->getBeginLoc().isMacroID() ||
      For->getEndLoc().isMacroID())
    return std::nullopt;
  const std::string ContainerText =
      Lexer::getSourceText(ObjectRange, SM, LangOpts).str();
  const llvm::StringRef CondText =
      Lexer::getSourceText(CondRange, SM, LangOpts);
  const std::string Element = elementName(CondText, ContainerText);
  if (Element.empty() || CondText.empty())
    return std::nullopt;

  // Apply the rewrites to the condition's text, back to front.
  std::string Predicate = CondText.str();
  const unsigned CondOffset = SM.getFileOffset(CondRange.getBegin());
  struct Span {
    unsigned Begin, End;
    bool Arrow;
  };
  llvm::SmallVector<Span, 4> Spans;
  for (const ElementRewriter::Edit &Edit : Rewriter.Edits) {
    const CharSourceRange Range =
        Lexer::makeFileCharRange(Edit.Range, SM, LangOpts);
    if (Range.isInvalid())
      return std::nullopt;
    const unsigned Begin = SM.getFileOffset(Range.getBegin());
    const unsigned End = SM.getFileOffset(Range.getEnd());
    if (Begin < CondOffset || End < Begin ||
        End - CondOffset > Predicate.size())
      return std::nullopt;
    Spans.push_back({Begin - CondOffset, End - CondOffset, Edit.Arrow});
  }
  llvm::sort(Spans,
             [](const Span &A, const Span &B) { return A.Begin > B.Begin; });
  for (size_t I = 0; I < Spans.size(); ++I) {
    if (I > 0 && Spans[I].End > Spans[I - 1].Begin)
      return std::nullopt; // overlapping rewrites
    Predicate.replace(Spans[I].Begin, Spans[I].End - Spans[I].Begin,
                      Spans[I].Arrow ? Element + "." : Element);
  }

  const std::string Lambda =
      "[&](auto &" + Element + ") { return " + Predicate + "; }";
  const CXXRecordDecl *Class =
      Object->getType().getCanonicalType()->getAsCXXRecordDecl();
  std::string Replacement;
  if (LangOpts.CPlusPlus20 && Class && Class->isInStdNamespace() &&
      declaredInStdBefore("erase_if", For->getBeginLoc()))
    Replacement = "std::erase_if(" + ContainerText + ", " + Lambda + ");";
  else if (LangOpts.CPlusPlus14 &&
           declaredInStdBefore("remove_if", For->getBeginLoc()))
    Replacement = ContainerText + ".erase(std::remove_if(" + ContainerText +
                  ".begin(), " + ContainerText + ".end(), " + Lambda + "), " +
                  ContainerText + ".end());";
  else
    return std::nullopt;
  return FixItHint::CreateReplacement(LoopRange, Replacement);
}

} // namespace clang::tidy::vibeguard
