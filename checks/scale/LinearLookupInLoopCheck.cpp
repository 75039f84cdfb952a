//===--- LinearLookupInLoopCheck.cpp - vibeguard --------------------------===//

#include "LinearLookupInLoopCheck.h"
#include "vibeguard/Containers.h"
#include "vibeguard/LoopShape.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

LinearLookupInLoopCheck::LinearLookupInLoopCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      LinearSearchFunctions(*this, Options, catalog::LinearSearchFunctions),
      SequenceContainers(*this, Options, catalog::SequenceContainers),
      IterationAlgorithms(*this, Options, catalog::IterationAlgorithms),
      MaxConstantSize(Options.get("MaxConstantSize", 16U)),
      Loops(IterationAlgorithms.names()) {}

void LinearLookupInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  LinearSearchFunctions.store(Options, Opts);
  SequenceContainers.store(Options, Opts);
  IterationAlgorithms.store(Options, Opts);
  Options.store(Opts, "MaxConstantSize", MaxConstantSize);
}

void LinearLookupInLoopCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void LinearLookupInLoopCheck::onStartOfTranslationUnit() {
  Loops.clear();
  IsSearch.clear();
  IsSequence.clear();
  Diagnosed.clear();
}

void LinearLookupInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Loops.walkFunction(*Fn, [this](const Stmt &S, const LoopContext &Where) {
      visit(S, Where);
    });
}

void LinearLookupInLoopCheck::visit(const Stmt &S, const LoopContext &Where) {
  // Where is the context of S itself: for an inner loop, the outer one.
  if (!Where.Iteration || isShortLoop(*Where.Iteration))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    checkAlgorithm(*Call, Where);
  else if (const auto *Inner = dyn_cast<CXXForRangeStmt>(&S))
    checkInnerLoop(*Inner, *Where.Iteration);
}

bool LinearLookupInLoopCheck::isShortLoop(const Stmt &Loop) const {
  std::optional<uint64_t> Trips = constantTripCount(Loop, *Context);
  return Trips && *Trips <= MaxConstantSize;
}

bool LinearLookupInLoopCheck::isSequenceContainer(QualType Type) {
  Type = Type.getNonReferenceType().getCanonicalType();
  if (Type->isConstantArrayType())
    return true;
  const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
  if (!Class)
    return false;
  auto [It, Inserted] = IsSequence.try_emplace(Class, false);
  if (Inserted)
    It->second = matchesAnyName(*Class, SequenceContainers.names());
  return It->second;
}

const ValueDecl *LinearLookupInLoopCheck::searchedContainer(const Expr *E,
                                                            const Stmt &Loop) {
  const ValueDecl *Container = namedValue(E);
  if (!Container || !isSequenceContainer(Container->getType()))
    return nullptr;
  if (std::optional<uint64_t> Size = constantSequenceSize(Container->getType());
      Size && *Size <= MaxConstantSize)
    return nullptr;
  // A container built inside the loop is a different cost, and a different
  // fix.
  if (const auto *Var = dyn_cast<VarDecl>(Container);
      Var && Loops.isDeclaredWithin(*Var, Loop))
    return nullptr;
  return Container;
}

// The container whose whole range 'C.begin(), C.end()' or
// 'std::begin(C), std::end(C)' spells; null for anything else.
static const Expr *wholeRange(const Expr *First, const Expr *Last) {
  const Expr *FirstContainer = containerOfRangeEnd(First, RangeEnd::Begin);
  const Expr *LastContainer = containerOfRangeEnd(Last, RangeEnd::End);
  if (!FirstContainer || !LastContainer)
    return nullptr;
  const ValueDecl *A = namedValue(FirstContainer);
  return A && A == namedValue(LastContainer) ? FirstContainer : nullptr;
}

void LinearLookupInLoopCheck::checkAlgorithm(const CallExpr &Call,
                                             const LoopContext &Where) {
  const NamedDecl *Algorithm = calledAlgorithm(Call);
  llvm::ArrayRef<const Expr *> Args = algorithmArguments(Call);
  // A std::ranges call begins at its function object.
  const SourceLocation Loc = Call.getNumArgs() > Args.size()
                                 ? Call.getArg(0)->getBeginLoc()
                                 : Call.getBeginLoc();
  if (!Algorithm || Args.empty())
    return;
  auto [It, Inserted] = IsSearch.try_emplace(Algorithm, false);
  if (Inserted)
    It->second = matchesAnyName(*Algorithm, LinearSearchFunctions.names());
  if (!It->second)
    return;

  const Expr *Range = Args.front();
  const bool IteratorPair =
      Args.size() >= 2 && !isSequenceContainer(Range->getType());
  if (IteratorPair)
    Range = wholeRange(Args[0], Args[1]);
  const ValueDecl *Container =
      Range ? searchedContainer(Range, *Where.Iteration) : nullptr;
  if (!Container || !Diagnosed.insert(Loc).second)
    return;
  diag(Loc,
       "'%0' scans %1 on every iteration of %2, making the loop quadratic; "
       "keep %1 in an std::unordered_set (or index it in an "
       "std::unordered_map) and look elements up in constant time")
      << Algorithm->getQualifiedNameAsString() << Container
      << describeIteration(*Where.Iteration);
}

static bool mentions(const Stmt *S, llvm::function_ref<bool(const Decl *)> Is) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Is(Ref->getDecl()))
    return true;
  for (const Stmt *Child : S->children())
    if (mentions(Child, Is))
      return true;
  return false;
}

// True if S is, or a block that directly contains, a break or return.
static bool stops(const Stmt *S) {
  if (!S)
    return false;
  if (isa<BreakStmt, ReturnStmt>(S))
    return true;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    for (const Stmt *Child : Block->body())
      if (isa<BreakStmt, ReturnStmt>(Child))
        return true;
  return false;
}

void LinearLookupInLoopCheck::checkInnerLoop(const CXXForRangeStmt &Inner,
                                             const Stmt &Outer) {
  const VarDecl *Element = Inner.getLoopVariable();
  const ValueDecl *Container =
      Element ? searchedContainer(Inner.getRangeInit(), Outer) : nullptr;
  if (!Container)
    return;

  // Look for 'if (element == outer_value) { ...; break; }' among the
  // statements of the body.
  llvm::SmallVector<const Stmt *, 8> Statements;
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Inner.getBody()))
    Statements.append(Block->body_begin(), Block->body_end());
  else
    Statements.push_back(Inner.getBody());
  auto IsElement = [Element](const Decl *D) { return D == Element; };
  auto IsOuterValue = [this, Element, &Outer](const Decl *D) {
    const auto *Var = dyn_cast<VarDecl>(D);
    return Var && Var != Element && Loops.isDeclaredWithin(*Var, Outer);
  };
  for (const Stmt *S : Statements) {
    const auto *If = dyn_cast_or_null<IfStmt>(S);
    if (!If || !stops(If->getThen()))
      continue;
    const Expr *Cond = If->getCond()->IgnoreParenImpCasts();
    const Expr *LHS = nullptr, *RHS = nullptr;
    if (const auto *Binary = dyn_cast<BinaryOperator>(Cond);
        Binary && Binary->getOpcode() == BO_EQ) {
      LHS = Binary->getLHS();
      RHS = Binary->getRHS();
    } else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Cond);
               OpCall && OpCall->getOperator() == OO_EqualEqual &&
               OpCall->getNumArgs() == 2) {
      LHS = OpCall->getArg(0);
      RHS = OpCall->getArg(1);
    }
    if (!LHS)
      continue;
    const bool Matches =
        (mentions(LHS, IsElement) && mentions(RHS, IsOuterValue)) ||
        (mentions(RHS, IsElement) && mentions(LHS, IsOuterValue));
    if (!Matches || !Diagnosed.insert(Inner.getBeginLoc()).second)
      continue;
    diag(Inner.getBeginLoc(),
         "this loop scans %0 for a match on every iteration of the outer "
         "loop, making the nesting quadratic; keep %0 in an "
         "std::unordered_set (or index it in an std::unordered_map) and look "
         "elements up in constant time")
        << Container;
    diag(If->getBeginLoc(), "the match is tested here", DiagnosticIDs::Note);
    return;
  }
}

} // namespace clang::tidy::vibeguard
