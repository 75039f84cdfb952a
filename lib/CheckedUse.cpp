//===--- CheckedUse.cpp - vibeguard ---------------------------------------===//

#include "vibeguard/CheckedUse.h"
#include "vibeguard/Containers.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>

namespace clang::tidy::vibeguard {

namespace {
// Per variable: unchecked on some path, and which source set it.
struct State {
  llvm::BitVector Unchecked;
  llvm::SmallVector<const Expr *, 4> Sources;

  bool merge(const State &Other) {
    bool Changed = false;
    for (unsigned I = 0; I < Unchecked.size(); ++I)
      if (Other.Unchecked[I] && !Unchecked[I]) {
        Unchecked.set(I);
        Sources[I] = Other.Sources[I];
        Changed = true;
      }
    return Changed;
  }
};
} // namespace

static const BinaryOperator *asLogicalOperator(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *Binary = dyn_cast_or_null<BinaryOperator>(stripConversions(E));
  return Binary && Binary->isLogicalOp() ? Binary : nullptr;
}

// The block where 'if (a && b)' joins its short-circuit paths (clang builds
// one when an operand needs cleanups) branches on the whole condition, but
// only some paths into it evaluated 'b'.
static const BinaryOperator *joinedCondition(const CFGBlock &Block) {
  const BinaryOperator *Logical =
      asLogicalOperator(Block.getTerminatorCondition());
  if (!Logical || Block.empty())
    return nullptr;
  // The join block evaluates the operator itself, as its last element.
  const std::optional<CFGStmt> Last = Block.rbegin()->getAs<CFGStmt>();
  const auto *LastExpr = Last ? dyn_cast<Expr>(Last->getStmt()) : nullptr;
  return stripConversions(LastExpr) == Logical ? Logical : nullptr;
}

// What \p Block branches on, if that decides every path through it: the
// block that joins short-circuit paths does not (see the edges below).
static const Stmt *branchCondition(const CFGBlock &Block) {
  return joinedCondition(Block) ? nullptr : Block.getTerminatorCondition();
}

void findUncheckedUses(const FunctionDecl &Fn, ASTContext &Context,
                       llvm::ArrayRef<const VarDecl *> Vars,
                       const CheckedUseRules &Rules) {
  if (Vars.empty() || !Fn.getBody())
    return;
  CFG::BuildOptions Options;
  // Every subexpression as its own element, so that uses inside larger
  // expressions are seen in evaluation order.
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Fn, Fn.getBody(), &Context, Options);
  if (!Graph)
    return;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  for (unsigned I = 0; I < Vars.size(); ++I)
    Index[Vars[I]] = I;

  const unsigned Blocks = Graph->getNumBlockIDs();
  State Empty;
  Empty.Unchecked.resize(Vars.size());
  Empty.Sources.resize(Vars.size(), nullptr);
  std::vector<State> In(Blocks, Empty);
  std::vector<bool> Visited(Blocks, false);

  // The block's effect on \p S; with \p Reporting set, reports the uses.
  auto Transfer = [&](const CFGBlock &Block, State S, bool Reporting) {
    for (const CFGElement &Element : Block) {
      const std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>();
      if (!Statement)
        continue;
      const Stmt &Current = *Statement->getStmt();
      for (unsigned I = 0; I < Vars.size(); ++I) {
        if (!S.Unchecked[I])
          continue;
        if (const Expr *Use = Rules.UseOf(Current, *Vars[I])) {
          if (Reporting)
            Rules.Report(*Use, *Vars[I], *S.Sources[I]);
          // Reported once per path: the use itself would have crashed.
          S.Unchecked.reset(I);
        }
      }
      const Expr *Source = nullptr;
      if (const VarDecl *Set = Rules.SetsFromSource(Current, Source)) {
        auto It = Index.find(Set);
        if (It != Index.end()) {
          S.Unchecked.set(It->second);
          S.Sources[It->second] = Source;
        }
      }
    }
    // A branch on the variable checks it, on both sides: the check decides
    // which path uses it.
    if (const Stmt *Condition = branchCondition(Block))
      for (unsigned I = 0; I < Vars.size(); ++I)
        if (S.Unchecked[I] && mentions(Condition, Vars[I]))
          S.Unchecked.reset(I);
    return S;
  };

  std::deque<const CFGBlock *> Work = {&Graph->getEntry()};
  Visited[Graph->getEntry().getBlockID()] = true;
  // Each block's input only grows, and is bounded by the variables: the
  // loop ends after at most Blocks * Vars changes.
  while (!Work.empty()) {
    const CFGBlock *Block = Work.front();
    Work.pop_front();
    const State Out = Transfer(*Block, In[Block->getBlockID()], false);
    // Out of the join of 'a && b', only the true edge is certain to have
    // evaluated 'b' (the false edge of 'a || b'): a check there counts.
    const BinaryOperator *Joined = joinedCondition(*Block);
    const unsigned EvaluatedBothEdge =
        Joined && Joined->getOpcode() == BO_LAnd ? 0 : 1;
    unsigned Edge = 0;
    for (const CFGBlock *Succ : Block->succs()) {
      const unsigned ThisEdge = Edge++;
      if (!Succ)
        continue;
      State EdgeOut = Out;
      if (Joined && ThisEdge == EvaluatedBothEdge)
        for (unsigned I = 0; I < Vars.size(); ++I)
          if (EdgeOut.Unchecked[I] && mentions(Joined, Vars[I]))
            EdgeOut.Unchecked.reset(I);
      const unsigned Id = Succ->getBlockID();
      const bool Changed = In[Id].merge(EdgeOut);
      if (Changed || !Visited[Id]) {
        Visited[Id] = true;
        Work.push_back(Succ);
      }
    }
  }
  for (const CFGBlock *Block : *Graph)
    if (Visited[Block->getBlockID()])
      Transfer(*Block, In[Block->getBlockID()], true);
}

} // namespace clang::tidy::vibeguard
