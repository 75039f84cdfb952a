//===--- UnreleasedHandleCheck.cpp - vibeguard ----------------------------===//

#include "UnreleasedHandleCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/Containers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include <deque>

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

// How far calls are followed into helpers of the translation unit.
static constexpr unsigned MaxHelperDepth = 4;
// How far a throw is looked for in the functions a call enters.
static constexpr unsigned MaxThrowDepth = 2;
// Functions with more handle variables than this are generated code; the
// first ones are analysed.
static constexpr unsigned MaxTrackedVariables = 32;

UnreleasedHandleCheck::UnreleasedHandleCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Handles(*this, Options),
      HandleTakingFunctions(*this, Options, catalog::HandleTakingFunctions),
      ThrowingFunctions(*this, Options, catalog::ThrowingFunctions),
      ThrowingConversions(*this, Options, catalog::ThrowingConversions) {}

void UnreleasedHandleCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Handles.store(Options, Opts);
  HandleTakingFunctions.store(Options, Opts);
  ThrowingFunctions.store(Options, Opts);
  ThrowingConversions.store(Options, Opts);
}

void UnreleasedHandleCheck::registerMatchers(MatchFinder *Finder) {
  // Lambda bodies too: a handle opened in one leaks like any other.
  Finder->addMatcher(
      functionDecl(unless(isExpansionInSystemHeader()), isDefinition())
          .bind("function"),
      this);
}

void UnreleasedHandleCheck::onStartOfTranslationUnit() {
  Handles.clearCache();
  Returned.clear();
  Fates.clear();
  Throwing.clear();
  Throws.clear();
  Diagnosed.clear();
}

// ---- Reading expressions ----------------------------------------------------

static const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temporary->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else
      return E;
  }
  return nullptr;
}

static bool names(const Expr *E, const VarDecl &Var) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(E));
  return Ref && Ref->getDecl() == &Var;
}

static const VarDecl *localVariable(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(E));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->isLocalVarDecl() && Var->hasLocalStorage() ? Var : nullptr;
}

static bool isInSystemHeader(const Decl &D) {
  return D.getASTContext().getSourceManager().isInSystemHeader(D.getLocation());
}

// Functions of namespace std that hand their argument on inside their
// result: 'return std::make_pair(File, Size)' returns the handle.
static bool forwardsArguments(const FunctionDecl &Fn) {
  if (!Fn.isInStdNamespace() || !Fn.getIdentifier())
    return false;
  const StringRef Name = Fn.getName();
  return Name == "move" || Name == "forward" || Name.starts_with("make_");
}

/// True if the value of \p E is (or contains) the handle in \p Var, or its
/// address: what an assignment, a return or a construction takes over.
static bool carries(const Expr *E, const VarDecl &Var, unsigned Depth = 0) {
  E = strip(E);
  if (!E || Depth > 8)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl() == &Var;
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->getOpcode() == UO_AddrOf &&
           carries(Unary->getSubExpr(), Var, Depth + 1);
  if (const auto *Conditional = dyn_cast<ConditionalOperator>(E))
    return carries(Conditional->getTrueExpr(), Var, Depth + 1) ||
           carries(Conditional->getFalseExpr(), Var, Depth + 1);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E))
    return Binary->getOpcode() == BO_Comma &&
           carries(Binary->getRHS(), Var, Depth + 1);
  auto AnyCarries = [&](auto Range) {
    return llvm::any_of(
        Range, [&](const Expr *Arg) { return carries(Arg, Var, Depth + 1); });
  };
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    // A string copies the buffer it is built from, and does not own it.
    return !isStdStringClass(Construct->getType()) &&
           AnyCarries(Construct->arguments());
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return AnyCarries(List->inits());
  if (const auto *List = dyn_cast<CXXParenListInitExpr>(E))
    return AnyCarries(List->getInitExprs());
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && forwardsArguments(*Callee))
      return AnyCarries(Call->arguments());
  return false;
}

// ---- Where handles come from ------------------------------------------------

std::optional<UnreleasedHandleCheck::Acquisition>
UnreleasedHandleCheck::resultAcquisition(const Expr *E, unsigned Depth) {
  const auto *Call = dyn_cast_or_null<CallExpr>(strip(E));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return std::nullopt;
  if (const HandleKind *Kind = Handles.acquiredBy(*Callee)) {
    if (outParameterOf(*Callee))
      return std::nullopt;
    return Acquisition{Kind, Call, Callee, nullptr};
  }
  std::optional<Acquisition> Inner = returnedHandle(*Callee, Depth);
  if (!Inner)
    return std::nullopt;
  Acquisition Through = *Inner;
  Through.InnerCall = Inner->InnerCall ? Inner->InnerCall : Inner->Call;
  Through.Call = Call;
  return Through;
}

const VarDecl *
UnreleasedHandleCheck::outParameterAcquisition(const CallExpr &Call,
                                               Acquisition &Acquired) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const HandleKind *Kind = Callee ? Handles.acquiredBy(*Callee) : nullptr;
  if (!Kind)
    return nullptr;
  const std::optional<unsigned> Index = outParameterOf(*Callee);
  if (!Index || *Index >= Call.getNumArgs())
    return nullptr;
  const auto *Address = dyn_cast<UnaryOperator>(strip(Call.getArg(*Index)));
  if (!Address || Address->getOpcode() != UO_AddrOf)
    return nullptr;
  const VarDecl *Var = localVariable(Address->getSubExpr());
  if (Var)
    Acquired = Acquisition{Kind, &Call, Callee, nullptr};
  return Var;
}

// The handle a helper of this translation unit returns: 'return fopen(...)',
// or a local variable that holds what an acquire call returned.
std::optional<UnreleasedHandleCheck::Acquisition>
UnreleasedHandleCheck::returnedHandle(const FunctionDecl &Fn, unsigned Depth) {
  const FunctionDecl *Def = Fn.getDefinition();
  if (!Def || !Def->hasBody() || isInSystemHeader(*Def) ||
      Depth >= MaxHelperDepth)
    return std::nullopt;
  const QualType Result = Def->getReturnType();
  if (!Result->isPointerType() &&
      (!Result->isIntegerType() || Result->isBooleanType()))
    return std::nullopt;
  if (auto It = Returned.find(Def); It != Returned.end())
    return It->second;
  // A recursive helper sees "nothing" for itself.
  Returned[Def] = std::nullopt;

  struct Finder : RecursiveASTVisitor<Finder> {
    UnreleasedHandleCheck &Check;
    unsigned Depth;
    llvm::DenseMap<const VarDecl *, Acquisition> Locals;
    llvm::SmallVector<const Expr *, 4> Values;
    Finder(UnreleasedHandleCheck &Check, unsigned Depth)
        : Check(Check), Depth(Depth) {}
    bool shouldVisitLambdaBody() const { return false; }
    bool VisitReturnStmt(ReturnStmt *Return) {
      if (Return->getRetValue())
        Values.push_back(Return->getRetValue());
      return true;
    }
    bool VisitVarDecl(VarDecl *Var) {
      if (Var->isLocalVarDecl())
        if (auto Acquired = Check.resultAcquisition(Var->getInit(), Depth + 1))
          Locals.try_emplace(Var, *Acquired);
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *Assign) {
      if (Assign->getOpcode() == BO_Assign)
        if (const VarDecl *Var = localVariable(Assign->getLHS()))
          if (auto Acquired =
                  Check.resultAcquisition(Assign->getRHS(), Depth + 1))
            Locals.try_emplace(Var, *Acquired);
      return true;
    }
  } Find(*this, Depth);
  Find.TraverseStmt(Def->getBody());

  std::optional<Acquisition> Found;
  for (const Expr *Value : Find.Values) {
    if ((Found = resultAcquisition(Value, Depth + 1)))
      break;
    if (const VarDecl *Var = localVariable(Value))
      if (auto It = Find.Locals.find(Var); It != Find.Locals.end()) {
        Found = It->second;
        break;
      }
  }
  Returned[Def] = Found;
  return Found;
}

// ---- What statements do to a handle -----------------------------------------

// True if \p E names a function that releases handles of \p Kind, as a
// callback argument does.
static bool namesReleaseFunction(const Expr *E, const HandleKind &Kind) {
  E = strip(E);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    E = strip(Unary->getSubExpr());
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Fn = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  return Fn && HandleCatalog::releases(Kind, *Fn);
}

// A C library function: it reads the handle and gives it back.
static bool isCLibraryFunction(const FunctionDecl &Fn) {
  return isInSystemHeader(Fn) && !isa<CXXMethodDecl>(Fn) &&
         (Fn.isExternC() ||
          Fn.getDeclContext()->getRedeclContext()->isTranslationUnit());
}

UnreleasedHandleCheck::Effect
UnreleasedHandleCheck::callEffect(const CallExpr &Call, const VarDecl &Var,
                                  const HandleKind &Kind, unsigned Depth) {
  llvm::SmallVector<unsigned, 2> Positions;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (carries(Call.getArg(I), Var))
      Positions.push_back(I);
  if (Positions.empty())
    return Effect::None;
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return Effect::Transfer;
  if (HandleCatalog::releases(Kind, *Callee))
    return Effect::Release;
  if (llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
        return namesReleaseFunction(Arg, Kind);
      }))
    return Effect::Transfer;
  if (matchesAnyName(*Callee, HandleTakingFunctions.names()))
    return Effect::Transfer;
  if (const FunctionDecl *Def = Callee->getDefinition();
      Def && Def->hasBody() && !isInSystemHeader(*Def)) {
    // A member operator's first argument is the object it is called on.
    const unsigned Shift =
        isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Def) ? 1 : 0;
    Effect Result = Effect::None;
    for (unsigned Position : Positions) {
      if (Position < Shift || Position - Shift >= Def->getNumParams())
        return Effect::Transfer;
      const Effect Fate =
          parameterFate(*Def, Position - Shift, Kind, Depth + 1);
      if (Fate == Effect::Release)
        return Fate;
      if (Fate == Effect::Transfer)
        Result = Fate;
    }
    return Result;
  }
  // Without a body to read, only the C library is known to give it back.
  return isCLibraryFunction(*Callee) ? Effect::None : Effect::Transfer;
}

UnreleasedHandleCheck::Effect
UnreleasedHandleCheck::parameterFate(const FunctionDecl &Fn, unsigned Index,
                                     const HandleKind &Kind, unsigned Depth) {
  if (Depth >= MaxHelperDepth)
    return Effect::Transfer;
  const auto Key = std::make_pair(&Fn, std::make_pair(&Kind, Index));
  if (auto It = Fates.find(Key); It != Fates.end())
    return It->second;
  // A recursive helper passing the handle to itself neither releases it
  // nor keeps it by doing so.
  Fates[Key] = Effect::None;
  struct Walker : RecursiveASTVisitor<Walker> {
    UnreleasedHandleCheck &Check;
    const VarDecl &Param;
    const HandleKind &Kind;
    unsigned Depth;
    Effect Result = Effect::None;
    Walker(UnreleasedHandleCheck &Check, const VarDecl &Param,
           const HandleKind &Kind, unsigned Depth)
        : Check(Check), Param(Param), Kind(Kind), Depth(Depth) {}
    bool VisitStmt(Stmt *S) {
      const Effect E = Check.effectOn(*S, Param, Kind, Depth);
      if (E != Effect::None)
        Result = E;
      // A release anywhere settles it: the helper closes what it is given.
      return E != Effect::Release;
    }
  } Walk(*this, *Fn.getParamDecl(Index), Kind, Depth);
  Walk.TraverseStmt(Fn.getBody());
  Fates[Key] = Walk.Result;
  return Walk.Result;
}

UnreleasedHandleCheck::Effect
UnreleasedHandleCheck::effectOn(const Stmt &S, const VarDecl &Var,
                                const HandleKind &Kind, unsigned Depth) {
  if (const auto *Return = dyn_cast<ReturnStmt>(&S))
    return carries(Return->getRetValue(), Var) ? Effect::Transfer
                                               : Effect::None;
  if (const auto *Assign = dyn_cast<BinaryOperator>(&S))
    return Assign->getOpcode() == BO_Assign && !names(Assign->getLHS(), Var) &&
                   carries(Assign->getRHS(), Var)
               ? Effect::Transfer
               : Effect::None;
  if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Other = dyn_cast<VarDecl>(D);
          Other && Other != &Var && carries(Other->getInit(), Var))
        return Effect::Transfer;
    return Effect::None;
  }
  if (isa<CXXConstructExpr, InitListExpr, CXXParenListInitExpr>(S))
    return carries(cast<Expr>(&S), Var) ? Effect::Transfer : Effect::None;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == &Var)
        return Effect::Transfer;
    return Effect::None;
  }
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    return callEffect(*Call, Var, Kind, Depth);
  return Effect::None;
}

// ---- Exceptions -------------------------------------------------------------

bool UnreleasedHandleCheck::canThrow(const CallExpr &Call, unsigned Depth) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getASTContext().getLangOpts().CXXExceptions)
    return false;
  if (auto It = Throwing.find({Callee, Depth}); It != Throwing.end())
    return It->second;
  bool Result = false;
  if (const auto *Proto = Callee->getType()->getAs<FunctionProtoType>();
      Proto && Proto->isNothrow())
    Result = false;
  else if (matchesAnyName(*Callee, ThrowingFunctions.names()) ||
           matchesAnyName(*Callee, ThrowingConversions.names()))
    Result = true;
  else if (const FunctionDecl *Def = Callee->getDefinition();
           Def && Def->hasBody() && !isInSystemHeader(*Def))
    Result = bodyThrows(*Def, Depth + 1);
  Throwing[{Callee, Depth}] = Result;
  return Result;
}

// True if an exception can leave \p Fn's body: a 'throw', or a call that
// can throw, outside any try block of its own.
bool UnreleasedHandleCheck::bodyThrows(const FunctionDecl &Fn, unsigned Depth) {
  // Deeper than a helper's helper, "can throw" is true of nearly every
  // function of a large program, and says nothing a reviewer can act on.
  if (Depth > MaxThrowDepth)
    return false;
  if (auto It = Throws.find({&Fn, Depth}); It != Throws.end())
    return It->second;
  Throws[{&Fn, Depth}] = false;
  struct Walker : RecursiveASTVisitor<Walker> {
    UnreleasedHandleCheck &Check;
    unsigned Depth;
    unsigned TryDepth = 0;
    bool Found = false;
    Walker(UnreleasedHandleCheck &Check, unsigned Depth)
        : Check(Check), Depth(Depth) {}
    bool shouldVisitLambdaBody() const { return false; }
    bool TraverseCXXTryStmt(CXXTryStmt *Try) {
      ++TryDepth;
      TraverseStmt(Try->getTryBlock());
      --TryDepth;
      // A handler that rethrows throws out of the function.
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        TraverseStmt(Try->getHandler(I));
      return !Found;
    }
    bool VisitCXXThrowExpr(CXXThrowExpr *) {
      Found |= TryDepth == 0;
      return !Found;
    }
    bool VisitCallExpr(CallExpr *Call) {
      Found |= TryDepth == 0 && Check.canThrow(*Call, Depth);
      return !Found;
    }
  } Walk(*this, Depth);
  Walk.TraverseStmt(Fn.getBody());
  Throws[{&Fn, Depth}] = Walk.Found;
  return Walk.Found;
}

// ---- The analysis of one function -------------------------------------------

// Ordered as the note's %select lists them.
enum class LeakKind {
  Return,
  Break,
  Continue,
  Goto,
  ScopeEnd,
  Throw,
  ThrowingCall,
  Overwrite
};

struct UnreleasedHandleCheck::Leak {
  SourceLocation Loc;
  LeakKind Kind;
  const FunctionDecl *Callee;
};

namespace {
// A branch condition that nothing in the function changes, and the value
// it had on the path: '!permanent' taken true is {permanent, false}.
struct Fact {
  const Expr *Key;
  bool Value;
  bool operator==(const Fact &Other) const {
    return Key == Other.Key && Value == Other.Value;
  }
};
using Facts = llvm::SmallVector<Fact, 2>;

// Keeps the facts of \p Into that \p Other shares; true if any went.
bool intersect(Facts &Into, const Facts &Other) {
  const size_t Before = Into.size();
  llvm::erase_if(Into,
                 [&](const Fact &F) { return !llvm::is_contained(Other, F); });
  return Into.size() != Before;
}

// Per tracked variable: does it hold a handle on some path, acquired by
// which call, which status variable reports whether that call failed, and
// which conditions held on every path that acquired it. With the facts of
// the path itself, so that 'if (!permanent) fd = open(...)' and a later
// 'if (!permanent) close(fd)' are seen to take the same direction.
struct State {
  bool Reached = false;
  llvm::BitVector Held;
  llvm::SmallVector<const CallExpr *, 8> Source;
  llvm::SmallVector<const VarDecl *, 8> Status;
  llvm::SmallVector<Facts, 8> Guards;
  Facts Known;

  bool merge(const State &Other) {
    if (!Reached) {
      *this = Other;
      Reached = true;
      return true;
    }
    bool Changed = intersect(Known, Other.Known);
    for (unsigned I = 0; I < Held.size(); ++I) {
      if (!Other.Held[I])
        continue;
      if (!Held[I]) {
        Held.set(I);
        Source[I] = Other.Source[I];
        Status[I] = Other.Status[I];
        Guards[I] = Other.Guards[I];
        Changed = true;
        continue;
      }
      if (Status[I] != Other.Status[I] && Status[I]) {
        Status[I] = nullptr;
        Changed = true;
      }
      Changed |= intersect(Guards[I], Other.Guards[I]);
    }
    return Changed;
  }
};
} // namespace

class UnreleasedHandleCheck::Flow {
public:
  Flow(UnreleasedHandleCheck &Check, const FunctionDecl &Fn,
       ASTContext &Context, llvm::ArrayRef<const VarDecl *> Vars,
       llvm::ArrayRef<const CXXTryStmt *> Tries)
      : Check(Check), Fn(Fn), Context(Context), Vars(Vars), Tries(Tries) {
    for (unsigned I = 0; I < Vars.size(); ++I)
      Index[Vars[I]] = I;
  }

  void run();

  llvm::MapVector<const CallExpr *, llvm::SmallVector<Leak, 4>> Leaks;
  // Each acquiring call, and the variable it fills.
  llvm::DenseMap<const CallExpr *, std::pair<Acquisition, const VarDecl *>>
      Acquisitions;
  // Acquisitions whose handle is released or handed over on some path.
  llvm::DenseSet<const CallExpr *> LetGo;
  // Acquisitions whose handle is passed to the release function of another
  // kind ('fclose' for what 'popen' opened).
  llvm::DenseMap<const CallExpr *, const FunctionDecl *> WrongRelease;

private:
  State transfer(const CFGBlock &Block, State S, bool Reporting);
  void element(const Stmt &S, State &St, bool Reporting);
  bool caught(const Stmt &Point, const VarDecl &Var) const;
  bool isMainBody(const CompoundStmt &Scope) const;
  bool endsProcess(const Stmt &Point) const;
  bool invalidWhen(const Expr *E, bool Truth, const VarDecl &Var,
                   const State &S, unsigned I, unsigned Depth = 0) const;
  bool followCondition(const Expr *Condition, bool Truth, State &S);
  const Expr *conditionKey(const Expr *E, bool &Negated);
  bool isStable(const Expr *E, unsigned Depth);
  bool isUnchanged(const ValueDecl &D);
  void forget(State &S, const VarDecl &Var) const;
  void leak(const State &S, unsigned I, SourceLocation Loc, LeakKind Kind,
            const FunctionDecl *Callee, bool Reporting);
  const HandleKind &kindOf(const State &S, unsigned I) {
    return *Acquisitions.find(S.Source[I])->second.first.Kind;
  }
  int indexOf(const VarDecl *Var) const {
    auto It = Index.find(Var);
    return It == Index.end() ? -1 : int(It->second);
  }

  UnreleasedHandleCheck &Check;
  const FunctionDecl &Fn;
  ASTContext &Context;
  llvm::ArrayRef<const VarDecl *> Vars;
  llvm::ArrayRef<const CXXTryStmt *> Tries;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  // Built when a condition first asks, and answers for the whole body.
  std::unique_ptr<ExprMutationAnalyzer> Mutations;
  llvm::DenseMap<const ValueDecl *, bool> Unchanged;
  // One expression stands for each condition text: the first seen.
  llvm::SmallVector<const Expr *, 4> Keys;
};

// True if \p Scope is main's outermost block: its body, or the try block of
// 'int main() try { ... } catch ...'.
bool UnreleasedHandleCheck::Flow::isMainBody(const CompoundStmt &Scope) const {
  if (!Fn.isMain())
    return false;
  if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Fn.getBody()))
    return Try->getTryBlock() == &Scope;
  return Fn.getBody() == &Scope;
}

// True if an exception thrown at \p Point in main leaves main: no try
// block inside main's body holds the point.
bool UnreleasedHandleCheck::Flow::endsProcess(const Stmt &Point) const {
  if (!Fn.isMain())
    return false;
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation At = SM.getExpansionLoc(Point.getBeginLoc());
  return llvm::none_of(Tries, [&](const CXXTryStmt *Try) {
    const SourceRange Range = Try->getTryBlock()->getSourceRange();
    return Try != Fn.getBody() &&
           SM.isPointWithin(At, SM.getExpansionLoc(Range.getBegin()),
                            SM.getExpansionLoc(Range.getEnd()));
  });
}

// True if an exception thrown at \p Point stays in a handler of this
// function that can still see \p Var: the try block is inside its scope.
bool UnreleasedHandleCheck::Flow::caught(const Stmt &Point,
                                         const VarDecl &Var) const {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation At = SM.getExpansionLoc(Point.getBeginLoc());
  const SourceLocation Declared = SM.getExpansionLoc(Var.getLocation());
  for (const CXXTryStmt *Try : Tries) {
    const SourceRange Range = Try->getTryBlock()->getSourceRange();
    const SourceLocation Begin = SM.getExpansionLoc(Range.getBegin());
    const SourceLocation End = SM.getExpansionLoc(Range.getEnd());
    if (SM.isPointWithin(At, Begin, End) &&
        !SM.isPointWithin(Declared, Begin, End))
      return true;
  }
  return false;
}

void UnreleasedHandleCheck::Flow::leak(const State &S, unsigned I,
                                       SourceLocation Loc, LeakKind Kind,
                                       const FunctionDecl *Callee,
                                       bool Reporting) {
  if (!Reporting)
    return;
  llvm::SmallVector<Leak, 4> &List = Leaks[S.Source[I]];
  for (const Leak &Existing : List)
    if (Existing.Loc == Loc && Existing.Kind == Kind)
      return;
  List.push_back({Loc, Kind, Callee});
}

void UnreleasedHandleCheck::Flow::element(const Stmt &S, State &St,
                                          bool Reporting) {
  if (St.Held.any()) {
    // An exception leaves the scope of every handle its handler cannot see.
    // An exception that leaves main ends the process (after main's own
    // function-try-block handlers, if any), which reclaims every handle.
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(&S)) {
      for (unsigned I : St.Held.set_bits())
        if (!caught(*Throw, *Vars[I])) {
          if (!endsProcess(*Throw))
            leak(St, I, Throw->getThrowLoc(), LeakKind::Throw, nullptr,
                 Reporting);
          St.Held.reset(I);
        }
    } else if (const auto *Call = dyn_cast<CallExpr>(&S);
               Call && !endsProcess(*Call) && Check.canThrow(*Call, 0)) {
      for (unsigned I : St.Held.set_bits())
        if (!caught(*Call, *Vars[I]))
          leak(St, I, Call->getBeginLoc(), LeakKind::ThrowingCall,
               Call->getDirectCallee(), Reporting);
    }
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    for (unsigned I : St.Held.set_bits()) {
      if (Check.effectOn(S, *Vars[I], kindOf(St, I), 0) != Effect::None) {
        St.Held.reset(I);
        LetGo.insert(St.Source[I]);
      } else if (Reporting && Callee && Check.Handles.releasesAny(*Callee) &&
                 llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
                   return names(Arg, *Vars[I]);
                 })) {
        WrongRelease.try_emplace(St.Source[I], Callee);
      }
    }
  }

  // Acquisitions, status variables, and handles overwritten while held.
  auto Acquire = [&](int I, const Acquisition &Acquired, SourceLocation At) {
    if (St.Held[I])
      leak(St, I, At, LeakKind::Overwrite, nullptr, Reporting);
    Acquisitions.try_emplace(Acquired.Call, Acquired, Vars[I]);
    St.Held.set(I);
    St.Source[I] = Acquired.Call;
    St.Status[I] = nullptr;
    St.Guards[I] = St.Known;
  };
  // 'int rc = sqlite3_open(path, &db)': rc tells whether db was opened.
  auto BindStatus = [&](const VarDecl *Status, const Expr *Value) {
    for (unsigned I = 0; I < Vars.size(); ++I)
      if (St.Status[I] == Status)
        St.Status[I] = nullptr;
    const auto *Call = dyn_cast_or_null<CallExpr>(strip(Value));
    for (unsigned I : St.Held.set_bits())
      if (Call && St.Source[I] == Call)
        St.Status[I] = Status;
  };
  if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D)) {
        // A loop's next iteration declares it anew, with a new value.
        forget(St, *Var);
        const int I = indexOf(Var);
        if (I >= 0)
          if (auto Acquired = Check.resultAcquisition(Var->getInit(), 0))
            Acquire(I, *Acquired, Var->getLocation());
        if (Var->getInit())
          BindStatus(Var, Var->getInit());
      }
  } else if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
             Assign && Assign->getOpcode() == BO_Assign) {
    if (const VarDecl *Target = localVariable(Assign->getLHS())) {
      const int I = indexOf(Target);
      if (I >= 0) {
        if (auto Acquired = Check.resultAcquisition(Assign->getRHS(), 0))
          Acquire(I, *Acquired, Assign->getOperatorLoc());
        else if (St.Held[I]) {
          leak(St, I, Assign->getOperatorLoc(), LeakKind::Overwrite, nullptr,
               Reporting);
          St.Held.reset(I);
        }
      }
      BindStatus(Target, Assign->getRHS());
    }
  } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    Acquisition Acquired;
    if (const VarDecl *Var = Check.outParameterAcquisition(*Call, Acquired))
      if (const int I = indexOf(Var); I >= 0)
        Acquire(I, Acquired, Call->getBeginLoc());
  }
}

State UnreleasedHandleCheck::Flow::transfer(const CFGBlock &Block, State S,
                                            bool Reporting) {
  for (const CFGElement &Element : Block) {
    if (const std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>()) {
      element(*Statement->getStmt(), S, Reporting);
      continue;
    }
    const std::optional<CFGLifetimeEnds> Ends =
        Element.getAs<CFGLifetimeEnds>();
    if (!Ends)
      continue;
    const int I = indexOf(Ends->getVarDecl());
    if (I < 0 || !S.Held[I])
      continue;
    const Stmt *Trigger = Ends->getTriggerStmt();
    LeakKind Kind = LeakKind::ScopeEnd;
    SourceLocation Loc;
    if (const auto *Scope = dyn_cast_or_null<CompoundStmt>(Trigger)) {
      Loc = Scope->getRBracLoc();
      // The process ends with main, and the system reclaims its handles.
      if (isMainBody(*Scope))
        Loc = SourceLocation();
    } else if (Trigger) {
      Loc = Trigger->getBeginLoc();
      if (isa<ReturnStmt>(Trigger))
        Kind = LeakKind::Return;
      else if (isa<BreakStmt>(Trigger))
        Kind = LeakKind::Break;
      else if (isa<ContinueStmt>(Trigger))
        Kind = LeakKind::Continue;
      else if (isa<GotoStmt, IndirectGotoStmt>(Trigger))
        Kind = LeakKind::Goto;
      if (Fn.isMain() && Kind == LeakKind::Return)
        Loc = SourceLocation();
    }
    if (Loc.isValid())
      leak(S, I, Loc, Kind, nullptr, Reporting);
    S.Held.reset(I);
  }
  return S;
}

// True if the branch condition \p E having the value \p Truth means that
// variable \p I holds no handle: a null or negative result, or a failed
// status of the call that was to fill it in.
bool UnreleasedHandleCheck::Flow::invalidWhen(const Expr *E, bool Truth,
                                              const VarDecl &Var,
                                              const State &S, unsigned I,
                                              unsigned Depth) const {
  E = strip(E);
  if (!E || Depth > 8)
    return false;
  if (const auto *Not = dyn_cast<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot)
    return invalidWhen(Not->getSubExpr(), !Truth, Var, S, I, Depth + 1);
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  if (Binary && Binary->isLogicalOp()) {
    auto Side = [&](const Expr *Operand, bool Value) {
      return invalidWhen(Operand, Value, Var, S, I, Depth + 1);
    };
    const bool And = Binary->getOpcode() == BO_LAnd;
    // 'a && b' true means both are; false means either may be.
    if (And == Truth)
      return Side(Binary->getLHS(), Truth) || Side(Binary->getRHS(), Truth);
    return Side(Binary->getLHS(), Truth) && Side(Binary->getRHS(), Truth);
  }

  enum class Role { None, Handle, Status };
  auto RoleOf = [&](const Expr *Operand) {
    Operand = strip(Operand);
    if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Operand);
        Assign && Assign->getOpcode() == BO_Assign)
      Operand = strip(Assign->getLHS());
    if (names(Operand, Var))
      return Role::Handle;
    if (Operand && Operand == S.Source[I] && isa<CallExpr>(Operand) &&
        outParameterOf(*cast<CallExpr>(Operand)->getDirectCallee()))
      return Role::Status;
    if (S.Status[I] && names(Operand, *S.Status[I]))
      return Role::Status;
    return Role::None;
  };
  const bool IsPointer = Var.getType()->isPointerType();
  switch (RoleOf(E)) {
  case Role::Handle:
    return IsPointer && !Truth;
  case Role::Status:
    return Truth;
  case Role::None:
    break;
  }
  if (!Binary || !Binary->isComparisonOp())
    return false;
  const Expr *Subject = Binary->getLHS();
  const Expr *Other = Binary->getRHS();
  BinaryOperatorKind Op = Binary->getOpcode();
  Role R = RoleOf(Subject);
  if (R == Role::None) {
    std::swap(Subject, Other);
    Op = BinaryOperator::reverseComparisonOp(Op);
    R = RoleOf(Subject);
  }
  if (R == Role::None)
    return false;
  if (!Truth)
    Op = BinaryOperator::negateComparisonOp(Op);
  if (R == Role::Handle && IsPointer)
    return Op == BO_EQ && Other->isNullPointerConstant(
                              Context, Expr::NPC_ValueDependentIsNotNull) !=
                              Expr::NPCK_NotNull;
  Expr::EvalResult Constant;
  if (!Other->getType()->isIntegralOrEnumerationType() ||
      Other->isValueDependent() || !Other->EvaluateAsInt(Constant, Context) ||
      !Constant.Val.getInt().isRepresentableByInt64())
    return false;
  const int64_t C = Constant.Val.getInt().getExtValue();
  if (R == Role::Handle)
    // A descriptor is invalid when negative; 'fd > 0' tests count 0 as
    // invalid too, and so does the check.
    return (Op == BO_LT && C <= 0) || (Op == BO_LE && C <= 0) ||
           (Op == BO_EQ && C < 0);
  // A status is a failure when it is not zero.
  return (Op == BO_NE && C == 0) || (Op == BO_EQ && C != 0) ||
         (Op == BO_LT && C <= 0) || (Op == BO_GT && C >= 0);
}

// True if nothing in the function writes \p D: a parameter, a local
// variable after its declaration, or a data member through any object.
bool UnreleasedHandleCheck::Flow::isUnchanged(const ValueDecl &D) {
  if (auto It = Unchanged.find(&D); It != Unchanged.end())
    return It->second;
  if (!Mutations)
    Mutations = std::make_unique<ExprMutationAnalyzer>(*Fn.getBody(), Context);
  bool Result = false;
  if (const auto *Var = dyn_cast<VarDecl>(&D)) {
    Result = Var->hasLocalStorage() && !Mutations->isMutated(Var);
  } else if (const auto *Field = dyn_cast<FieldDecl>(&D)) {
    llvm::SmallVector<const MemberExpr *, 4> Uses;
    struct Finder : RecursiveASTVisitor<Finder> {
      const FieldDecl *Field;
      llvm::SmallVectorImpl<const MemberExpr *> &Uses;
      Finder(const FieldDecl *Field,
             llvm::SmallVectorImpl<const MemberExpr *> &Uses)
          : Field(Field), Uses(Uses) {}
      bool VisitMemberExpr(MemberExpr *Member) {
        if (Member->getMemberDecl() == Field)
          Uses.push_back(Member);
        return true;
      }
    } Find(Field, Uses);
    Find.TraverseStmt(Fn.getBody());
    Result = llvm::none_of(Uses, [&](const MemberExpr *Member) {
      return Mutations->isMutated(Member);
    });
  }
  return Unchanged[&D] = Result;
}

// True if \p E has the same value wherever the function evaluates it: it
// reads only parameters, locals and members that nothing writes, and
// constants.
bool UnreleasedHandleCheck::Flow::isStable(const Expr *E, unsigned Depth) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (!E || Depth > 8)
    return false;
  if (isa<IntegerLiteral, CXXBoolLiteralExpr, CharacterLiteral,
          CXXNullPtrLiteralExpr, GNUNullExpr, CXXThisExpr>(E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return isa<EnumConstantDecl>(Ref->getDecl()) ||
           (isa<VarDecl>(Ref->getDecl()) && isUnchanged(*Ref->getDecl()));
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(Member->getMemberDecl()) &&
           isStable(Member->getBase(), Depth + 1) &&
           isUnchanged(*Member->getMemberDecl());
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return isStable(Cast->getSubExpr(), Depth + 1);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return !Unary->isIncrementDecrementOp() &&
           Unary->getOpcode() != UO_AddrOf && Unary->getOpcode() != UO_Deref &&
           isStable(Unary->getSubExpr(), Depth + 1);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E))
    return !Binary->isAssignmentOp() && Binary->getOpcode() != BO_Comma &&
           isStable(Binary->getLHS(), Depth + 1) &&
           isStable(Binary->getRHS(), Depth + 1);
  return false;
}

// True if the stable expressions \p A and \p B read the same values the
// same way: 'toFile' and 'this->toFile' do.
static bool sameValue(const Expr *A, const Expr *B, unsigned Depth = 0) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (A->getStmtClass() != B->getStmtClass() || Depth > 8)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(A))
    return Ref->getDecl() == cast<DeclRefExpr>(B)->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(A))
    return Member->getMemberDecl() == cast<MemberExpr>(B)->getMemberDecl() &&
           sameValue(Member->getBase(), cast<MemberExpr>(B)->getBase(),
                     Depth + 1);
  if (const auto *Integer = dyn_cast<IntegerLiteral>(A))
    return llvm::APInt::isSameValue(Integer->getValue(),
                                    cast<IntegerLiteral>(B)->getValue());
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(A))
    return Bool->getValue() == cast<CXXBoolLiteralExpr>(B)->getValue();
  if (const auto *Char = dyn_cast<CharacterLiteral>(A))
    return Char->getValue() == cast<CharacterLiteral>(B)->getValue();
  if (const auto *Unary = dyn_cast<UnaryOperator>(A))
    return Unary->getOpcode() == cast<UnaryOperator>(B)->getOpcode() &&
           sameValue(Unary->getSubExpr(), cast<UnaryOperator>(B)->getSubExpr(),
                     Depth + 1);
  if (const auto *Binary = dyn_cast<BinaryOperator>(A)) {
    const auto *Other = cast<BinaryOperator>(B);
    return Binary->getOpcode() == Other->getOpcode() &&
           sameValue(Binary->getLHS(), Other->getLHS(), Depth + 1) &&
           sameValue(Binary->getRHS(), Other->getRHS(), Depth + 1);
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(A))
    return Cast->getType() == cast<ExplicitCastExpr>(B)->getType() &&
           sameValue(Cast->getSubExpr(), cast<ExplicitCastExpr>(B)->getSubExpr(),
                     Depth + 1);
  // 'this', nullptr, NULL.
  return isa<CXXThisExpr, CXXNullPtrLiteralExpr, GNUNullExpr>(A);
}

// The expression that stands for condition \p E without its negations, if
// it is stable; \p Negated tells whether an odd number of '!' went.
const Expr *UnreleasedHandleCheck::Flow::conditionKey(const Expr *E,
                                                      bool &Negated) {
  Negated = false;
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  while (const auto *Not = dyn_cast_or_null<UnaryOperator>(E)) {
    if (Not->getOpcode() != UO_LNot)
      break;
    Negated = !Negated;
    E = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  if (!E || E->HasSideEffects(Context) || !isStable(E, 0))
    return nullptr;
  for (const Expr *Key : Keys)
    if (sameValue(Key, E))
      return Key;
  Keys.push_back(E);
  return E;
}

// Follows the edge where \p Condition is \p Truth: a handle acquired only
// where the condition had the other value is not held there. False if
// the path already knows the condition has the other value, so that the
// edge is never taken.
bool UnreleasedHandleCheck::Flow::followCondition(const Expr *Condition,
                                                  bool Truth, State &S) {
  bool Negated = false;
  const Expr *Key = conditionKey(Condition, Negated);
  if (!Key)
    return true;
  const Fact Taken{Key, Truth != Negated};
  const Fact Other{Key, !Taken.Value};
  if (llvm::is_contained(S.Known, Other))
    return false;
  for (unsigned I : S.Held.set_bits())
    if (llvm::is_contained(S.Guards[I], Other))
      S.Held.reset(I);
  if (!llvm::is_contained(S.Known, Taken))
    S.Known.push_back(Taken);
  return true;
}

// Drops what the path knew about conditions that read \p Var.
void UnreleasedHandleCheck::Flow::forget(State &S, const VarDecl &Var) const {
  auto Reads = [&](const Fact &F) { return mentions(F.Key, &Var); };
  llvm::erase_if(S.Known, Reads);
  for (Facts &Guard : S.Guards)
    llvm::erase_if(Guard, Reads);
}

void UnreleasedHandleCheck::Flow::run() {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  // Marks where each variable goes out of scope, on every path.
  Options.AddLifetime = true;
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Fn, Fn.getBody(), &Context, Options);
  if (!Graph)
    return;
  const unsigned Blocks = Graph->getNumBlockIDs();
  State Empty;
  Empty.Held.resize(Vars.size());
  Empty.Source.resize(Vars.size(), nullptr);
  Empty.Status.resize(Vars.size(), nullptr);
  Empty.Guards.resize(Vars.size());
  std::vector<State> In(Blocks, Empty);
  In[Graph->getEntry().getBlockID()].Reached = true;
  std::vector<bool> Visited(Blocks, false);

  auto Propagate = [&](const CFGBlock &Block, const State &Out,
                       auto &&Enqueue) {
    const Expr *Condition =
        Block.succ_size() == 2 ? Block.getLastCondition() : nullptr;
    unsigned Edge = 0;
    for (const CFGBlock *Succ : Block.succs()) {
      const bool Truth = Edge++ == 0;
      if (!Succ)
        continue;
      State EdgeOut = Out;
      if (Condition) {
        for (unsigned I : Out.Held.set_bits())
          if (invalidWhen(Condition, Truth, *Vars[I], Out, I))
            EdgeOut.Held.reset(I);
        if (!followCondition(Condition, Truth, EdgeOut))
          continue;
      }
      Enqueue(*Succ, EdgeOut);
    }
  };

  std::deque<const CFGBlock *> Work = {&Graph->getEntry()};
  Visited[Graph->getEntry().getBlockID()] = true;
  // Each block's held handles only grow and its facts only shrink, bounded
  // by the variables and the conditions: the loop ends.
  while (!Work.empty()) {
    const CFGBlock *Block = Work.front();
    Work.pop_front();
    const State Out = transfer(*Block, In[Block->getBlockID()], false);
    Propagate(*Block, Out, [&](const CFGBlock &Succ, const State &EdgeOut) {
      const unsigned Id = Succ.getBlockID();
      if (In[Id].merge(EdgeOut) || !Visited[Id]) {
        Visited[Id] = true;
        Work.push_back(&Succ);
      }
    });
  }
  for (const CFGBlock *Block : *Graph)
    if (Visited[Block->getBlockID()])
      transfer(*Block, In[Block->getBlockID()], true);
}

// ---- Driving and reporting --------------------------------------------------

namespace {
// The variables a function acquires handles into, and its try statements.
class Scan : public RecursiveASTVisitor<Scan> {
public:
  explicit Scan(UnreleasedHandleCheck &Check) : Check(Check) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool TraverseDecl(Decl *D) {
    // Nested classes and functions are analysed on their own.
    if (D && isa<FunctionDecl, CXXRecordDecl>(D))
      return true;
    return RecursiveASTVisitor<Scan>::TraverseDecl(D);
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->isLocalVarDecl() && Var->hasLocalStorage() &&
        Check.resultAcquisition(Var->getInit(), 0))
      Vars.insert(Var);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() != BO_Assign)
      return true;
    if (const VarDecl *Var = localVariable(Assign->getLHS())) {
      Assigned.insert(Var);
      if (Check.resultAcquisition(Assign->getRHS(), 0))
        Vars.insert(Var);
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    UnreleasedHandleCheck::Acquisition Acquired;
    if (const VarDecl *Var = Check.outParameterAcquisition(*Call, Acquired))
      Vars.insert(Var);
    return true;
  }
  bool VisitCompoundStmt(CompoundStmt *Block) {
    const Stmt *Previous = nullptr;
    for (const Stmt *Child : Block->body()) {
      if (const auto *E = dyn_cast<Expr>(Child))
        if (auto Acquired = Check.resultAcquisition(E, 0);
            Acquired && !refillsClosedDescriptor(*Acquired, Previous))
          Discarded.push_back(*Acquired);
      Previous = Child;
    }
    return true;
  }
  bool VisitCXXTryStmt(CXXTryStmt *Try) {
    Tries.push_back(Try);
    return true;
  }

  // 'close(0); open("/dev/null", O_RDONLY);': the system hands out the
  // lowest free descriptor, so the result is descriptor 0 again, kept on
  // purpose (a daemon pointing its standard streams at /dev/null).
  static bool refillsClosedDescriptor(
      const UnreleasedHandleCheck::Acquisition &Acquired,
      const Stmt *Previous) {
    const auto *Release = dyn_cast_or_null<CallExpr>(Previous);
    const FunctionDecl *Callee = Release ? Release->getDirectCallee() : nullptr;
    return Callee && Callee->getIdentifier() && Release->getNumArgs() == 1 &&
           Callee->getName() == Acquired.Kind->releaseName() &&
           isa<IntegerLiteral>(Release->getArg(0)->IgnoreParenImpCasts());
  }

  llvm::SetVector<const VarDecl *> Vars;
  llvm::SmallPtrSet<const VarDecl *, 8> Assigned;
  llvm::SmallVector<const CXXTryStmt *, 2> Tries;
  llvm::SmallVector<UnreleasedHandleCheck::Acquisition, 2> Discarded;

private:
  UnreleasedHandleCheck &Check;
};
} // namespace

void UnreleasedHandleCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // Templates are analysed in their instantiations, where calls resolve.
  if (!Fn || !Fn->getBody() || Fn->isDependentContext())
    return;
  Scan S(*this);
  S.TraverseStmt(Fn->getBody());
  for (const Acquisition &Acquired : S.Discarded)
    reportDiscarded(Acquired);
  if (S.Vars.empty())
    return;
  llvm::SmallVector<const VarDecl *, 8> Vars(
      S.Vars.begin(),
      S.Vars.begin() + std::min<size_t>(S.Vars.size(), MaxTrackedVariables));
  Flow Analysis(*this, *Fn, *Result.Context, Vars, S.Tries);
  Analysis.run();
  for (auto &[Call, Leaks] : Analysis.Leaks) {
    const auto &[Acquired, Var] = Analysis.Acquisitions.find(Call)->second;
    reportLeak(Acquired, *Var, Leaks, Analysis.LetGo.contains(Call),
               Analysis.WrongRelease.lookup(Call), S.Assigned.contains(Var),
               *Result.Context);
  }
}

void UnreleasedHandleCheck::noteHelper(const Acquisition &Acquired) {
  if (Acquired.InnerCall)
    diag(Acquired.InnerCall->getBeginLoc(),
         "'%0' returns the handle that '%1' acquires here", DiagnosticIDs::Note)
        << qualifiedNameOf(*Acquired.Call->getDirectCallee())
        << qualifiedNameOf(*Acquired.Acquirer);
}

void UnreleasedHandleCheck::reportDiscarded(const Acquisition &Acquired) {
  const SourceLocation Loc = Acquired.Call->getBeginLoc();
  if (!Diagnosed.insert(Loc).second)
    return;
  diag(Loc, "the handle that '%0' returns is discarded, so nothing can "
            "release it: every call leaks %select{a handle|the allocation}1 "
            "until the process runs out; keep it and release it with '%2'")
      << qualifiedNameOf(*Acquired.Call->getDirectCallee())
      << Acquired.Kind->isMemory() << Acquired.Kind->releaseName();
  noteHelper(Acquired);
}

// The release function \p Name of the C API, if the translation unit
// declares it.
static const FunctionDecl *globalFunction(ASTContext &Context, StringRef Name) {
  if (Name.empty() || Name.contains(':'))
    return nullptr;
  for (const NamedDecl *D :
       Context.getTranslationUnitDecl()->lookup(&Context.Idents.get(Name)))
    if (const auto *Fn = dyn_cast<FunctionDecl>(D))
      return Fn;
  return nullptr;
}

// 'std::unique_ptr<FILE, decltype(&fclose)> Log(fopen(Path, "a"), &fclose)'
// when that declaration means exactly what the variable did plus the
// release: a pointer that is only borrowed, never reassigned, and that the
// release function takes as it is.
static std::string ownerDeclaration(const VarDecl &Var, const CallExpr &Call,
                                    const HandleKind &Kind,
                                    ASTContext &Context) {
  const LangOptions &LangOpts = Context.getLangOpts();
  if (!LangOpts.CPlusPlus11 || !Var.getType()->isPointerType() ||
      strip(Var.getInit()) != &Call || Var.getLocation().isMacroID())
    return "";
  const FunctionDecl *Release = globalFunction(Context, Kind.releaseName());
  if (!Release || Release->getNumParams() != 1)
    return "";
  const QualType Pointee = Var.getType()->getPointeeType();
  const QualType Accepted =
      Release->getParamDecl(0)->getType()->getPointeeType();
  if (Accepted.isNull() ||
      (Accepted.getCanonicalType() != Pointee.getCanonicalType() &&
       !(Accepted.getCanonicalType() == Context.VoidTy &&
         !Pointee.isLocalConstQualified() &&
         !Pointee.getCanonicalType().isConstQualified())))
    return "";
  const CharSourceRange Init =
      CharSourceRange::getTokenRange(Var.getInit()->getSourceRange());
  if (Init.getBegin().isMacroID() || Init.getEnd().isMacroID())
    return "";
  const StringRef InitText =
      Lexer::getSourceText(Init, Context.getSourceManager(), LangOpts);
  if (InitText.empty())
    return "";
  const std::string Name = Kind.releaseName().str();
  return "std::unique_ptr<" + Pointee.getAsString(Context.getPrintingPolicy()) +
         ", decltype(&" + Name + ")> " + Var.getName().str() + "(" +
         InitText.str() + ", &" + Name + ")";
}

void UnreleasedHandleCheck::reportLeak(const Acquisition &Acquired,
                                       const VarDecl &Var,
                                       llvm::MutableArrayRef<Leak> Leaks,
                                       bool LetGo,
                                       const FunctionDecl *WrongRelease,
                                       bool Reassigned, ASTContext &Context) {
  const SourceLocation Loc = Acquired.Call->getBeginLoc();
  if (Leaks.empty() || !Diagnosed.insert(Loc).second)
    return;
  if (WrongRelease && !LetGo)
    diag(Loc, "'%0' from '%1' is passed to '%2', which does not release "
              "it: every call leaks %select{a handle|the allocation}3 until "
              "the process runs out; release it with '%4' instead")
        << Var.getName() << qualifiedNameOf(*Acquired.Call->getDirectCallee())
        << qualifiedNameOf(*WrongRelease) << Acquired.Kind->isMemory()
        << Acquired.Kind->releaseName();
  else
    diag(Loc, "'%0' from '%1' is %select{never released|not released on "
              "every path}2: %select{every call|each call that takes such a "
              "path}2 leaks %select{a handle|the allocation}3 until the "
              "process runs out; release it with '%4'%select{| on every "
              "path}2%select{| or hold it in an RAII owner}5")
        << Var.getName() << qualifiedNameOf(*Acquired.Call->getDirectCallee())
        << LetGo << Acquired.Kind->isMemory() << Acquired.Kind->releaseName()
        << Context.getLangOpts().CPlusPlus;
  noteHelper(Acquired);
  const SourceManager &SM = Context.getSourceManager();
  llvm::sort(Leaks, [&](const Leak &A, const Leak &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  for (const Leak &Exit : Leaks)
    diag(Exit.Loc,
         "'%0' leaks %select{when this 'return' leaves the function|when "
         "this 'break' leaves its scope|when this 'continue' leaves its "
         "scope|when this 'goto' leaves its scope|at the end of its "
         "scope|when this exception leaves its scope|if '%2' throws "
         "here|when it is overwritten here}1",
         DiagnosticIDs::Note)
        << Var.getName() << static_cast<unsigned>(Exit.Kind)
        << (Exit.Callee ? qualifiedNameOf(*Exit.Callee) : "");
  if (LetGo || WrongRelease || Reassigned)
    return;
  const std::string Owner =
      ownerDeclaration(Var, *Acquired.Call, *Acquired.Kind, Context);
  if (!Owner.empty())
    diag(Var.getLocation(),
         "an RAII owner releases it on every path: '%0', with '%1.get()' "
         "where the raw handle is needed",
         DiagnosticIDs::Note)
        << Owner << Var.getName();
}

} // namespace clang::tidy::vibeguard
