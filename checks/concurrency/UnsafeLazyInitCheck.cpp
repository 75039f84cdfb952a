//===--- UnsafeLazyInitCheck.cpp - vibeguard ------------------------------===//

#include "UnsafeLazyInitCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

UnsafeLazyInitCheck::UnsafeLazyInitCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ThreadStarts(*this, Options, catalog::ThreadStarts),
      Locks(*this, Options) {}

void UnsafeLazyInitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ThreadStarts.store(Options, Opts);
  Locks.store(Options, Opts);
}

void UnsafeLazyInitCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
  // Thread starts anywhere in the project's code, including constructor
  // initialisers and the initialisers of globals.
  const auto Project = unless(isExpansionInSystemHeader());
  const auto Starter = optionally(hasAncestor(functionDecl().bind("starter")));
  Finder->addMatcher(
      cxxConstructExpr(
          Project, hasArgument(0, expr()),
          hasDeclaration(cxxConstructorDecl(
              unless(isCopyConstructor()), unless(isMoveConstructor()),
              ofClass(cxxRecordDecl(hasAnyName(ThreadStarts.names()))))),
          Starter)
          .bind("start"),
      this);
  Finder->addMatcher(
      callExpr(Project, callee(functionDecl(hasAnyName(ThreadStarts.names()))),
               Starter)
          .bind("start"),
      this);
}

void UnsafeLazyInitCheck::onStartOfTranslationUnit() {
  Threads = ThreadFacts();
  Locks.clear();
  Tests.clear();
  Assignments.clear();
  HasMutex.clear();
}

void UnsafeLazyInitCheck::check(const MatchFinder::MatchResult &Result) {
  Sources = Result.SourceManager;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Locks.addFunction(*Fn);
  if (const auto *Start = Result.Nodes.getNodeAs<Expr>("start")) {
    Threads.Starts.push_back(Start->getBeginLoc());
    if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("starter"))
      Threads.Starting.insert(Fn->getCanonicalDecl());
  }
}

const ValueDecl *UnsafeLazyInitCheck::sharedState(const Expr *E,
                                                  const FunctionDecl *Fn) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  // 'Instance' tested through a smart pointer's operator bool.
  if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E);
      Conversion &&
      isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl()))
    E = Conversion->getImplicitObjectArgument()->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    D = Member->getMemberDecl();
    if (const auto *Field = dyn_cast<FieldDecl>(D)) {
      // A member is shared when its class guards itself with a mutex.
      if (!isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) ||
          isa_and_nonnull<CXXConstructorDecl, CXXDestructorDecl>(Fn))
        return nullptr;
      const RecordDecl *Record = Field->getParent();
      auto [It, Inserted] = HasMutex.try_emplace(Record, false);
      if (Inserted)
        for (const FieldDecl *Other : Record->fields())
          if (Locks.isMutexType(Other->getType()))
            It->second = true;
      return It->second && !Locks.isAtomicType(Field->getType()) ? Field
                                                                 : nullptr;
    }
  }
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  if (!Var || !Var->hasGlobalStorage() || Var->getTLSKind() ||
      Var->getType().isConstQualified() || Locks.isAtomicType(Var->getType()))
    return nullptr;
  return Var;
}

// The expression an 'unset' test reads: '!X', 'X == nullptr', 'nullptr ==
// X', 'X == NULL', 'X == 0', '!X.has_value()'.
static const Expr *testedForUnset(const Expr *Cond) {
  if (!Cond)
    return nullptr;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot) {
    const Expr *Sub = Not->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Sub))
      if (const auto *Method = Call->getMethodDecl();
          Method && Method->getIdentifier() && Method->getName() == "has_value")
        return Call->getImplicitObjectArgument();
    return Sub;
  }
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
  } else {
    return nullptr;
  }
  auto IsNull = [](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
      return true;
    if (const auto *Int = dyn_cast<IntegerLiteral>(E))
      return Int->getValue() == 0;
    if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
      return !Bool->getValue();
    return false;
  };
  if (IsNull(RHS))
    return LHS;
  if (IsNull(LHS))
    return RHS;
  return nullptr;
}

class UnsafeLazyInitCheck::Visitor : public LockVisitor {
public:
  explicit Visitor(UnsafeLazyInitCheck &Check) : Check(Check) {}

  void visit(const Stmt &S, const LockPoint &Where) override {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      recordCall(*Call, Where);
    if (Where.Deferred)
      return;
    if (const auto *Return = dyn_cast<ReturnStmt>(&S)) {
      if (const ValueDecl *State = returnedState(Return->getRetValue()))
        Check.Threads.Returned.insert({Where.Function, State});
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(&S)) {
      if (If->isConstexpr() || !Where.Held.empty())
        return;
      if (const ValueDecl *State =
              Check.sharedState(testedForUnset(If->getCond()), Where.Function))
        Check.Tests.push_back({If, State, Where.Function});
      return;
    }
    const Expr *Target = nullptr, *Value = nullptr;
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
        Binary && Binary->getOpcode() == BO_Assign) {
      Target = Binary->getLHS();
      Value = Binary->getRHS();
    } else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(&S);
               OpCall && OpCall->getOperator() == OO_Equal &&
               OpCall->getNumArgs() == 2) {
      Target = OpCall->getArg(0);
      Value = OpCall->getArg(1);
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
      if (const auto *Method = Call->getMethodDecl();
          Method && Method->getIdentifier() &&
          (Method->getName() == "reset" || Method->getName() == "emplace"))
        Target = Call->getImplicitObjectArgument();
    }
    if (!Target)
      return;
    if (const ValueDecl *State = Check.sharedState(Target, Where.Function))
      Check.Assignments[State].push_back(
          {cast<Expr>(&S), !Where.Held.empty(),
           !Value || !isa<CXXBoolLiteralExpr, IntegerLiteral>(
                         Value->IgnoreParenImpCasts())});
  }

private:
  // The call graph, to follow main() to the thread starts it leads to.
  void recordCall(const CallExpr &Call, const LockPoint &Where) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee || !Where.Function)
      return;
    Callee = Callee->getCanonicalDecl();
    Check.Threads.Callers[Callee].push_back(
        Where.Function->getCanonicalDecl());
    if (Where.Function->isMain())
      Check.Threads.MainCalls.emplace_back(Callee, Call.getBeginLoc());
  }

  // The variable or member a return statement hands out: 'Instance',
  // '*Instance', '&Value', 'Cached.get()'.
  static const ValueDecl *returnedState(const Expr *E) {
    for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
      E = E->IgnoreParenImpCasts();
      if (const auto *Unary = dyn_cast<UnaryOperator>(E);
          Unary && (Unary->getOpcode() == UO_Deref ||
                    Unary->getOpcode() == UO_AddrOf)) {
        E = Unary->getSubExpr();
        continue;
      }
      if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
          OpCall && OpCall->getOperator() == OO_Star &&
          OpCall->getNumArgs() == 1) {
        E = OpCall->getArg(0);
        continue;
      }
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
        E = Call->getImplicitObjectArgument();
        continue;
      }
      break;
    }
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
      return Member->getMemberDecl();
    return nullptr;
  }

  UnsafeLazyInitCheck &Check;
};

SourceLocation UnsafeLazyInitCheck::firstStartInMain(const FunctionDecl &Main) {
  // Every function from which a thread start can be reached, by a
  // breadth-first search up the call graph: linear in the calls.
  std::vector<const FunctionDecl *> Work;
  if (!Threads.Closed)
    Work.assign(Threads.Starting.begin(), Threads.Starting.end());
  Threads.Closed = true;
  while (!Work.empty()) {
    const FunctionDecl *Fn = Work.back();
    Work.pop_back();
    auto Found = Threads.Callers.find(Fn);
    if (Found == Threads.Callers.end())
      continue;
    for (const FunctionDecl *Caller : Found->second)
      if (Threads.Starting.insert(Caller).second)
        Work.push_back(Caller);
  }
  SourceLocation First;
  auto Earlier = [&](SourceLocation Loc) {
    if (Loc.isValid() &&
        (First.isInvalid() || Sources->isBeforeInTranslationUnit(Loc, First)))
      First = Loc;
  };
  const SourceRange Body = Main.getBody()->getSourceRange();
  for (SourceLocation Start : Threads.Starts)
    if (!Sources->isBeforeInTranslationUnit(Start, Body.getBegin()) &&
        !Sources->isBeforeInTranslationUnit(Body.getEnd(), Start))
      Earlier(Start);
  for (const auto &[Callee, Loc] : Threads.MainCalls)
    if (Threads.Starting.contains(Callee))
      Earlier(Loc);
  return First;
}

bool UnsafeLazyInitCheck::singleThreaded(const UnsetTest &Test, bool Locked) {
  const FunctionDecl &Fn = *Test.Function;
  if (Fn.isMain()) {
    const SourceLocation First = firstStartInMain(Fn);
    return First.isInvalid() ||
           Sources->isBeforeInTranslationUnit(Test.If->getBeginLoc(), First);
  }
  if (!Threads.Starts.empty())
    return false;
  // No thread of its own, but a library's functions may be called from the
  // application's threads. Double-checked locking and a class with a mutex
  // say the author expects them; otherwise only an accessor that hands the
  // state out to other translation units is reported.
  if (Locked || isa<FieldDecl>(Test.State))
    return false;
  return !Fn.isExternallyVisible() ||
         !Threads.Returned.contains({&Fn, Test.State});
}

void UnsafeLazyInitCheck::onEndOfTranslationUnit() {
  Visitor V(*this);
  Locks.run(V);
  llvm::DenseSet<SourceLocation> Diagnosed;
  for (const UnsetTest &Test : Tests) {
    const SourceRange Then = Test.If->getThen()->getSourceRange();
    auto Found = Assignments.find(Test.State);
    if (Found == Assignments.end())
      continue;
    const Assignment *Init = nullptr;
    for (const Assignment &A : Found->second) {
      const SourceLocation Loc = A.Where->getBeginLoc();
      if (Sources->isBeforeInTranslationUnit(Loc, Then.getBegin()) ||
          Sources->isBeforeInTranslationUnit(Then.getEnd(), Loc))
        continue;
      Init = &A;
      if (A.Locked)
        break;
    }
    if (!Init || singleThreaded(Test, Init->Locked))
      continue;
    const SourceLocation Loc = Test.If->getCond()->getBeginLoc();
    if (!Diagnosed.insert(Loc).second)
      continue;
    const std::string Name = qualifiedNameOf(*Test.State);
    const bool IsStatic = isa<VarDecl>(Test.State);
    if (Init->Locked)
      diag(Loc, "double-checked locking reads '%0' without synchronisation, "
                "so another thread can see it set before the object is fully "
                "constructed; make '%0' std::atomic, or use %select{std::call_"
                "once|a function-local static or std::call_once}1")
          << Name << IsStatic;
    else
      diag(Loc, "check-then-act on '%0' without a lock lets two threads both "
                "see it unset and initialise it twice, racing on the object; "
                "use %select{std::call_once or take the class's mutex "
                "around the check|a function-local static or std::call_once}1")
          << Name << IsStatic;
    diag(Init->Where->getBeginLoc(),
         "'%0' is %select{set|set under a lock}1 "
         "here",
         DiagnosticIDs::Note)
        << Name << Init->Locked;
    if (IsStatic && Init->AllocatesOrConstructs)
      diag(Test.Function->getLocation(),
           "a function-local static ('static T Instance;' returned by "
           "reference) is initialised exactly once, thread-safely, since "
           "C++11",
           DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::vibeguard
