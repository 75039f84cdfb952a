//===--- RegexInLoopCheck.cpp - vibeguard ---------------------------------===//

#include "RegexInLoopCheck.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/LoopShape.h"
#include "vibeguard/Stability.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

RegexInLoopCheck::RegexInLoopCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RegexClasses(*this, Options, catalog::RegexClasses),
      IterationAlgorithms(*this, Options, catalog::IterationAlgorithms),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 16U)),
      Loops(IterationAlgorithms.names()) {}

void RegexInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RegexClasses.store(Options, Opts);
  IterationAlgorithms.store(Options, Opts);
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
}

void RegexInLoopCheck::registerMatchers(MatchFinder *Finder) {
  // Every body of the project's own code is walked once, top-down, with its
  // loop context (see LoopContextWalker for why not matchers with
  // hasAncestor). Lambdas are walked as part of the function around them.
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
  Finder->addMatcher(fieldDecl(unless(isExpansionInSystemHeader()),
                               hasInClassInitializer(expr()))
                         .bind("field"),
                     this);
}

void RegexInLoopCheck::onStartOfTranslationUnit() {
  Loops.clear();
  RegexClassCache.clear();
  Compilations.clear();
  CallsInLoops.clear();
  ConstructionsInLoops.clear();
  HelperFixes.clear();
  DiagnosedCalls.clear();
}

void RegexInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  SM = Result.SourceManager;
  Context = Result.Context;
  auto Visit = [this](const Stmt &S, const LoopContext &Where) {
    visit(S, repetitionOf(Where));
  };
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Loops.walkFunction(*Fn, Visit);
  else if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field"))
    Loops.walkInClassInitializer(*Field, Visit);
}

LoopContext RegexInLoopCheck::repetitionOf(const LoopContext &Where) const {
  if (!Where.Iteration ||
      !isShortRepetition(Where.Iterations, *Context, MaxConstantTripCount))
    return Where;
  LoopContext Once = Where;
  Once.Iteration = nullptr;
  Once.Iterations = {};
  return Once;
}

bool RegexInLoopCheck::isRegexClass(const CXXRecordDecl &Class) {
  auto [It, Inserted] = RegexClassCache.try_emplace(&Class, false);
  if (Inserted)
    It->second = matchesAnyName(Class, RegexClasses.names());
  return It->second;
}

void RegexInLoopCheck::visit(const Stmt &S, const LoopContext &Where) {
  const FunctionDecl *Callee = nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (isRegexClass(*Ctor->getParent())) {
      // Default, copy and move construction compile nothing.
      if (!Ctor->isCopyOrMoveConstructor() && !Ctor->isDefaultConstructor())
        checkConstruction(*Construct, Where);
      return;
    }
    Callee = Ctor;
  } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    Callee = Call->getDirectCallee();
  }
  // Calls into the project's own functions, which may compile a regex on the
  // caller's behalf.
  if (!Callee || !Callee->hasBody() ||
      SM->isInSystemHeader(Callee->getLocation()))
    return;
  const auto *Call = cast<Expr>(&S);
  if (Where.Iteration)
    CallsInLoops.push_back({Call, Callee, Where.Iteration});
  else
    Compilations.addCall(Where.function(), Call, Callee);
}

// True if a lambda in Body names Var in its capture list.
static bool isCapturedExplicitly(const VarDecl &Var, const Stmt &Body) {
  llvm::SmallVector<const Stmt *, 64> Work{&Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
      for (const LambdaCapture &Capture : Lambda->explicit_captures())
        if (Capture.capturesVariable() && Capture.getCapturedVar() == &Var &&
            !Lambda->isInitCapture(&Capture))
          return true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

static bool isInDependentContext(const LoopContext &Where) {
  const auto *Context = dyn_cast_or_null<DeclContext>(Where.Callable);
  return Context && Context->isDependentContext();
}

void RegexInLoopCheck::mergeFix(std::optional<FixItHint> &Merged,
                                bool &MergedDependent,
                                std::optional<FixItHint> Fix, bool Dependent) {
  if (Dependent && !MergedDependent)
    return;
  if (MergedDependent && !Dependent) {
    Merged = std::move(Fix);
    MergedDependent = false;
    return;
  }
  if (!Fix)
    Merged.reset();
}

void RegexInLoopCheck::checkConstruction(const CXXConstructExpr &Construct,
                                         const LoopContext &Where) {
  // A static or thread_local is constructed once, wherever it is declared.
  const VarDecl *Var = Loops.initializedVariable(Construct);
  if (Var && !Var->hasLocalStorage())
    return;
  const bool Dependent = isInDependentContext(Where);

  if (!Where.Iteration) {
    // Runs once per call of its function (or constructor). That becomes a
    // finding where a loop calls the function, but only if every call
    // compiles the same pattern: one that depends on the arguments may be a
    // different regex each time.
    if (stabilityOf(Construct, nullptr, Loops) != Stability::Constant)
      return;
    if (Where.InClassInitializerOf)
      Compilations.addMemberInitializerEffect(Where.InClassInitializerOf,
                                              &Construct);
    else if (const FunctionDecl *Fn = Where.function())
      Compilations.addEffect(Fn, &Construct);
    else
      return;
    std::optional<FixItHint> Fix = staticConstFix(Construct);
    auto [It, Inserted] = HelperFixes.try_emplace(Construct.getBeginLoc());
    if (Inserted) {
      It->second.Fix = std::move(Fix);
      It->second.InDependentContext = Dependent;
    } else {
      mergeFix(It->second.Fix, It->second.InDependentContext, std::move(Fix),
               Dependent);
    }
    return;
  }

  // A pattern that depends on the iteration needs a new regex each time (or
  // a cache, which is a design decision, not a fix).
  const Stability PatternStability =
      stabilityOf(Construct, Where.Iteration, Loops);
  if (PatternStability == Stability::Varying)
    return;
  std::optional<FixItHint> Fix;
  if (PatternStability == Stability::Constant)
    Fix = staticConstFix(Construct);

  auto [It, Inserted] = ConstructionsInLoops.insert(
      {Construct.getBeginLoc(),
       {&Construct, Var, Where.Iteration, Fix, Dependent}});
  if (!Inserted) {
    ConstructionInLoop &Merged = It->second;
    const bool WasDependent = Merged.InDependentContext;
    mergeFix(Merged.Fix, Merged.InDependentContext, std::move(Fix), Dependent);
    if (WasDependent && !Dependent) {
      Merged.Construct = &Construct;
      Merged.Var = Var;
      Merged.Iteration = Where.Iteration;
    }
  }
}

void RegexInLoopCheck::diagnoseConstruction(const ConstructionInLoop &Finding) {
  const bool IsAlgorithm = isa<CallExpr>(Finding.Iteration);
  const SourceLocation Loc = Finding.Construct->getBeginLoc();
  {
    auto Diag = Finding.Var
                    ? diag(Loc, "%0 compiles its pattern on every iteration "
                                "of %1; construct it once, before the "
                                "%select{loop|call}2 or as a static const")
                          << Finding.Var
                    : diag(Loc, "regular expression compiles its pattern on "
                                "every iteration of %0; construct it once, "
                                "before the %select{loop|call}1 or as a "
                                "static const");
    Diag << describeIteration(*Finding.Iteration) << IsAlgorithm;
    if (Finding.Fix)
      Diag << *Finding.Fix;
  }
  if (!Finding.Fix)
    diag(Finding.Iteration->getBeginLoc(),
         "the pattern is the same on every iteration; build the regular "
         "expression once before this %select{loop|call}0 and reuse it",
         DiagnosticIDs::Note)
        << IsAlgorithm;
}

std::optional<FixItHint>
RegexInLoopCheck::staticConstFix(const CXXConstructExpr &Construct) const {
  const VarDecl *Var = Loops.initializedVariable(Construct);
  if (!Var)
    return std::nullopt;

  // Only a plain automatic local, declared alone, whose declaration we can
  // prefix: 'static const' changes nothing else about it.
  if (!Var->isLocalVarDecl() || Var->isStaticLocal() || Var->isConstexpr() ||
      Var->getTSCSpec() != TSCS_unspecified ||
      Var->getStorageClass() != SC_None || isa<ParmVarDecl>(Var) ||
      Var->getType()->isReferenceType() || Var->hasAttrs() ||
      Var->isExceptionVariable())
    return std::nullopt;
  const DeclStmt *Declaration = Loops.soleDeclarationInBlock(*Var);
  if (!Declaration)
    return std::nullopt;
  const SourceLocation Begin = Declaration->getBeginLoc();
  if (Begin.isInvalid() || Begin.isMacroID() ||
      Declaration->getEndLoc().isMacroID())
    return std::nullopt;

  // A static is shared by every call; that is only invisible if nobody
  // modifies it after construction. A lambda cannot name a static in its
  // capture list.
  const Decl *Callable = Loops.callableDeclaring(*Var);
  const Stmt *Body = Callable ? Callable->getBody() : nullptr;
  if (!Body || !isOnlyRead(*Var, *Body) || isCapturedExplicitly(*Var, *Body))
    return std::nullopt;

  return FixItHint::CreateInsertion(
      Begin, Var->getType().isConstQualified() ? "static " : "static const ");
}

void RegexInLoopCheck::onEndOfTranslationUnit() {
  for (const auto &Entry : ConstructionsInLoops)
    diagnoseConstruction(Entry.second);

  Compilations.solve();
  // In source order, so that a helper's fix goes with its first caller.
  if (SM)
    llvm::sort(CallsInLoops, [this](const CallInLoop &A, const CallInLoop &B) {
      return SM->isBeforeInTranslationUnit(A.Call->getBeginLoc(),
                                           B.Call->getBeginLoc());
    });
  for (const CallInLoop &Call : CallsInLoops)
    diagnoseCallInLoop(Call);
}

void RegexInLoopCheck::diagnoseCallInLoop(const CallInLoop &Call) {
  std::optional<EffectPath> Path = Compilations.pathFrom(Call.Callee);
  if (!Path || !DiagnosedCalls.insert(Call.Call->getBeginLoc()).second)
    return;

  const FunctionDecl *Holder = Call.Callee;
  if (!Path->Hops.empty())
    Holder = Path->Hops.back().Callee;
  const bool IsAlgorithm = isa<CallExpr>(Call.Iteration);
  diag(Call.Call->getBeginLoc(),
       "call to %0 compiles a regular expression on every iteration of %1; "
       "construct it once, as a static const in %2 or before the "
       "%select{loop|call}3")
      << describeCallable(*Call.Callee) << describeIteration(*Call.Iteration)
      << describeCallable(*Holder) << IsAlgorithm;

  const FunctionDecl *Caller = Call.Callee;
  for (const CallHop &Hop : Path->Hops) {
    diag(Hop.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << describeCallable(*Caller) << describeCallable(*Hop.Callee);
    Caller = Hop.Callee;
  }
  // The fix goes on the note (editors show its text as the fix's title),
  // once per construction however many loops reach it.
  const SourceLocation SiteLoc = Path->Site->getBeginLoc();
  auto Fix = HelperFixes.find(SiteLoc);
  const bool OffersFix = Fix != HelperFixes.end() && Fix->second.Fix &&
                         !Fix->second.Offered;
  auto Note = diag(SiteLoc,
                   "the regular expression is compiled here%select{|; make it "
                   "'static const' to compile it once}0",
                   DiagnosticIDs::Note)
              << OffersFix;
  if (OffersFix) {
    Note << *Fix->second.Fix;
    Fix->second.Offered = true;
  }
}

} // namespace clang::tidy::vibeguard
