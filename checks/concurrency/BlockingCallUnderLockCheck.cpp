//===--- BlockingCallUnderLockCheck.cpp - vibeguard -----------------------===//

#include "BlockingCallUnderLockCheck.h"
#include "vibeguard/Containers.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

BlockingCallUnderLockCheck::BlockingCallUnderLockCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      BlockingFunctions(*this, Options, catalog::BlockingFunctions),
      Catalog(*this, Options), Locks(*this, Options) {}

void BlockingCallUnderLockCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  BlockingFunctions.store(Options, Opts);
  Catalog.store(Options, Opts);
  Locks.store(Options, Opts);
}

void BlockingCallUnderLockCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void BlockingCallUnderLockCheck::onStartOfTranslationUnit() {
  Catalog.clear();
  Locks.clear();
  Blocking.clear();
  SiteIsRemote.clear();
  IsBlockingFunction.clear();
  Calls.clear();
  Diagnosed.clear();
}

void BlockingCallUnderLockCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Locks.addFunction(*Fn);
}

// Calls that read or write a handle the lock exists to serialise (a
// member or global FILE *, descriptor or socket): the lock is doing its job.
static bool usesSharedHandle(const CallExpr &Call) {
  for (const Expr *Arg : Call.arguments()) {
    const ValueDecl *Named = namedValue(Arg);
    if (isa_and_nonnull<FieldDecl>(Named))
      return true;
    if (const auto *Var = dyn_cast_or_null<VarDecl>(Named);
        Var && Var->hasGlobalStorage() && !Var->isStaticLocal())
      return true;
  }
  return false;
}

// True if \p E is the integer constant zero.
static bool isZero(const Expr *E, const ASTContext &Context) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (isa<ImplicitValueInitExpr>(E))
    return true;
  Expr::EvalResult Result;
  return !E->isValueDependent() && E->EvaluateAsInt(Result, Context) &&
         Result.Val.getInt().isZero();
}

// True if a macro named one of NonBlockingFlags expanded to \p Loc.
static bool expandsNonBlockingFlag(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 16; ++Depth) {
    const llvm::StringRef Macro =
        Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
    if (llvm::is_contained(catalog::NonBlockingFlags, Macro))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

// True if the flags \p E include one of NonBlockingFlags, spelled as a
// macro or an enumerator, directly or in the initialiser of the local
// variable \p E names ('int Flags = MSG_DONTWAIT;').
static bool hasNonBlockingFlag(const Expr *E, const ASTContext &Context,
                               unsigned Depth = 0) {
  if (!E || Depth > 8)
    return false;
  if (expandsNonBlockingFlag(E->getBeginLoc(), Context))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Enum = dyn_cast<EnumConstantDecl>(Ref->getDecl()))
      return Enum->getIdentifier() &&
             llvm::is_contained(catalog::NonBlockingFlags, Enum->getName());
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getInit())
      return hasNonBlockingFlag(Var->getInit(), Context, Depth + 1);
    return false;
  }
  for (const Stmt *Child : E->children())
    if (const auto *Sub = dyn_cast_or_null<Expr>(Child);
        Sub && hasNonBlockingFlag(Sub, Context, Depth + 1))
      return true;
  return false;
}

// The field of \p Var that \p E names ('Tv.tv_sec', '(&Tv)->tv_usec').
static const FieldDecl *fieldOf(const Expr *E, const VarDecl &Var) {
  const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!Member)
    return nullptr;
  const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(Base);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    Base = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Base);
  if (!Ref || Ref->getDecl() != &Var)
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

namespace {
// Follows every use of a local struct timeval in a body: zero if all of its
// fields are set to zero (by its initialiser or by assignments) and nothing
// else writes it or takes its address, save the call that waits with it.
class TimevalUses {
public:
  TimevalUses(const VarDecl &Var, const CallExpr &Wait, unsigned Timeout,
              const ASTContext &Context)
      : Var(Var), Wait(Wait), Timeout(Timeout), Context(Context) {}

  bool zeroThroughout(const Stmt *Body) {
    if (const Expr *Init = Var.getInit()) {
      Init = Init->IgnoreImplicit();
      if (const auto *List = dyn_cast<InitListExpr>(Init)) {
        for (const Expr *Element : List->inits())
          if (!isZero(Element, Context))
            return false;
        AllZero = true;
      } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
                 Construct && Construct->getNumArgs() == 0 &&
                 Construct->getConstructor()->isTrivial()) {
        // 'struct timeval Tv;' leaves it unset; 'timeval Tv{}' zeroes it.
        AllZero = Construct->requiresZeroInitialization();
      } else {
        return false;
      }
    }
    visit(Body);
    if (Failed)
      return false;
    return AllZero ||
           llvm::all_of(catalog::TimevalFields, [&](llvm::StringRef Field) {
             return Zeroed.contains(Field);
           });
  }

private:
  void visit(const Stmt *S) {
    if (!S || Failed)
      return;
    if (const auto *Binary = dyn_cast<BinaryOperator>(S);
        Binary && Binary->isAssignmentOp()) {
      if (const FieldDecl *Field = fieldOf(Binary->getLHS(), Var)) {
        const Expr *Value = Binary->getRHS()->IgnoreParenImpCasts();
        // 'Tv.tv_sec = Tv.tv_usec = 0', as timerclear() writes it.
        while (const auto *Inner = dyn_cast<BinaryOperator>(Value)) {
          if (Inner->getOpcode() != BO_Assign)
            break;
          Value = Inner->getRHS()->IgnoreParenImpCasts();
        }
        if (Binary->getOpcode() != BO_Assign ||
            !isZero(Value, Context)) {
          Failed = true;
          return;
        }
        Zeroed.insert(Field->getName());
        visit(Binary->getRHS());
        return;
      }
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(S);
        Unary && Unary->isIncrementDecrementOp() &&
        fieldOf(Unary->getSubExpr(), Var)) {
      Failed = true;
      return;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(S); Member && fieldOf(Member, Var))
      return; // a read of one field
    if (S == &Wait) {
      for (unsigned I = 0; I < Wait.getNumArgs(); ++I)
        if (I != Timeout)
          visit(Wait.getArg(I));
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == &Var) {
      Failed = true; // passed on, copied or its address taken
      return;
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }

  const VarDecl &Var;
  const CallExpr &Wait;
  const unsigned Timeout;
  const ASTContext &Context;
  llvm::StringSet<> Zeroed;
  bool AllZero = false;
  bool Failed = false;
};
} // namespace

// True if the argument \p Index of \p Call points to a struct timeval that
// is zero wherever the call runs in \p Body.
static bool isZeroTimeval(const CallExpr &Call, unsigned Index,
                          const Stmt *Body, const ASTContext &Context) {
  const Expr *Arg = Call.getArg(Index)->IgnoreParenImpCasts();
  const auto *AddressOf = dyn_cast<UnaryOperator>(Arg);
  if (!AddressOf || AddressOf->getOpcode() != UO_AddrOf || !Body)
    return false;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(AddressOf->getSubExpr()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal())
    return false;
  return TimevalUses(*Var, Call, Index, Context).zeroThroughout(Body);
}

bool BlockingCallUnderLockCheck::returnsAtOnce(const CallExpr &Call,
                                               const FunctionDecl &Callee,
                                               const Decl *Callable) const {
  if (!Callee.getIdentifier() || isa<CXXMethodDecl>(Callee) ||
      !Callee.getDeclContext()->getRedeclContext()->isTranslationUnit())
    return false;
  for (const catalog::NonBlockingArgument &Entry :
       catalog::NonBlockingArguments) {
    if (Callee.getName() != Entry.Function)
      continue;
    if (Entry.Argument >= Call.getNumArgs())
      return false;
    const Expr *Arg = Call.getArg(Entry.Argument);
    switch (Entry.What) {
    case catalog::NonBlockingArgument::TimeoutMilliseconds:
      return isZero(Arg, *Context);
    case catalog::NonBlockingArgument::TimevalPointer:
      return isZeroTimeval(Call, Entry.Argument,
                           Callable ? Callable->getBody() : nullptr, *Context);
    case catalog::NonBlockingArgument::Flags:
      return hasNonBlockingFlag(Arg, *Context);
    }
  }
  return false;
}

bool BlockingCallUnderLockCheck::isBlocking(const CallExpr &Call,
                                            const Decl *Callable,
                                            bool &Remote) {
  Remote = false;
  if (Catalog.classify(Call)) {
    Remote = true;
    return true;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  auto [It, Inserted] = IsBlockingFunction.try_emplace(Callee, false);
  if (Inserted)
    It->second = matchesAnyName(*Callee, BlockingFunctions.names());
  if (!It->second || returnsAtOnce(Call, *Callee, Callable))
    return false;
  // Sleeps and waits block whatever they are given; I/O on a shared
  // handle is what the lock protects.
  const std::string Name = Callee->getNameAsString();
  const bool IsWait = llvm::StringRef(Name).contains("sleep") ||
                      Name == "join" || Name == "get" ||
                      llvm::StringRef(Name).starts_with("wait") ||
                      Name == "pthread_join" || Name == "poll" ||
                      Name == "select" || Name == "epoll_wait";
  return IsWait || !usesSharedHandle(Call);
}

class BlockingCallUnderLockCheck::Visitor : public LockVisitor {
public:
  explicit Visitor(BlockingCallUnderLockCheck &Check) : Check(Check) {}

  void visit(const Stmt &S, const LockPoint &Where) override {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    const auto *Fn = dyn_cast_or_null<FunctionDecl>(Where.Callable);
    // condition_variable::wait(Lock) releases Lock while it waits, and
    // nothing else.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      const FunctionDecl *Callee = Member->getDirectCallee();
      if (Object && Callee && Callee->getIdentifier() &&
          Callee->getName().starts_with("wait") &&
          Check.Locks.isConditionVariableType(Object->getType())) {
        const ValueDecl *Released =
            Call->getNumArgs() ? namedValue(Call->getArg(0)) : nullptr;
        for (const HeldLock &Lock : Where.Held)
          if (Lock.Guard != Released &&
              !(Lock.Mutex.Decl && Lock.Mutex.Decl == Released)) {
            Check.Calls.push_back({Call, Lock, nullptr});
            break;
          }
        if (Fn)
          Check.Blocking.addEffect(Fn, Call);
        return;
      }
    }
    bool Remote = false;
    if (Check.isBlocking(*Call, Where.Callable, Remote)) {
      Check.SiteIsRemote[Call] = Remote;
      if (Fn)
        Check.Blocking.addEffect(Fn, Call);
      if (!Where.Held.empty())
        Check.Calls.push_back({Call, Where.Held.front(), nullptr});
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->hasBody() ||
        Check.Context->getSourceManager().isInSystemHeader(
            Callee->getLocation()))
      return;
    if (Fn)
      Check.Blocking.addCall(Fn, Call, Callee);
    if (!Where.Held.empty())
      Check.Calls.push_back({Call, Where.Held.front(), Callee});
  }

private:
  BlockingCallUnderLockCheck &Check;
};

void BlockingCallUnderLockCheck::onEndOfTranslationUnit() {
  Visitor V(*this);
  Locks.run(V);
  Blocking.solve();
  for (const CallUnderLock &Call : Calls) {
    if (!Call.Callee) {
      report(*Call.Call, Call.Lock, SiteIsRemote.lookup(Call.Call), nullptr,
             nullptr);
      continue;
    }
    if (std::optional<EffectPath> Path = Blocking.pathFrom(Call.Callee))
      report(*Call.Call, Call.Lock, SiteIsRemote.lookup(Path->Site),
             Call.Callee, &*Path);
  }
}

void BlockingCallUnderLockCheck::report(const Expr &Call, const HeldLock &Lock,
                                        bool Remote, const FunctionDecl *Callee,
                                        const EffectPath *Path) {
  const SourceLocation Loc = Call.getBeginLoc();
  if (!Diagnosed.insert(Loc).second)
    return;
  const auto *Site = cast<CallExpr>(Path ? Path->Site : &Call);
  const FunctionDecl *Blocker = Site->getDirectCallee();
  const std::string What = Callee ? "call to " + describeCallable(*Callee)
                                  : "'" + qualifiedNameOf(*Blocker) + "'";
  diag(Loc, "%0 %select{blocks|waits for a remote call}1 while %2 is held, "
            "so every thread that needs the lock waits as long; make the "
            "call before taking the lock or after releasing it")
      << What << Remote << Lock.Mutex.describe();
  // A function that releases a mutex it did not take holds it from entry.
  if (isa<CompoundStmt>(Lock.Site))
    diag(Lock.Site->getBeginLoc(), "%0 is held from here, by the caller",
         DiagnosticIDs::Note)
        << Lock.Mutex.describe();
  else
    diag(Lock.Site->getBeginLoc(), "%0 is locked here", DiagnosticIDs::Note)
        << Lock.Mutex.describe();
  if (!Path)
    return;
  const FunctionDecl *Caller = Callee;
  for (const CallHop &Hop : Path->Hops) {
    diag(Hop.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << describeCallable(*Caller) << describeCallable(*Hop.Callee);
    Caller = Hop.Callee;
  }
  diag(Site->getBeginLoc(), "'%0' %select{blocks|makes the remote call}1 here",
       DiagnosticIDs::Note)
      << qualifiedNameOf(*Blocker) << Remote;
}

} // namespace clang::tidy::vibeguard
