//===--- InconsistentLockingCheck.cpp - vibeguard -------------------------===//

#include "InconsistentLockingCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

InconsistentLockingCheck::InconsistentLockingCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CallerHoldsLockSuffixes(Options.get("CallerHoldsLockSuffixes",
                                          "Locked;_locked;Unlocked;_unlocked;"
                                          "NoLock;_nolock;_held;UnderLock")),
      Suffixes(splitOptionList(CallerHoldsLockSuffixes)),
      Locks(*this, Options) {}

void InconsistentLockingCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CallerHoldsLockSuffixes", CallerHoldsLockSuffixes);
  Locks.store(Options, Opts);
}

void InconsistentLockingCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void InconsistentLockingCheck::onStartOfTranslationUnit() {
  Locks.clear();
  Accesses.clear();
  Calls.clear();
  Classified.clear();
  NeedsLock.clear();
  CallerHolds.clear();
}

void InconsistentLockingCheck::check(const MatchFinder::MatchResult &Result) {
  Sources = Result.SourceManager;
  Lang = &Result.Context->getLangOpts();
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Locks.addFunction(*Fn);
}

// The data member of 'this' or the global that \p E names, or null.
static const ValueDecl *sharedState(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      return isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
                 ? Field
                 : nullptr;
    E = Member; // a static data member: below
  }
  const ValueDecl *Named = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Named = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    Named = Member->getMemberDecl();
  const auto *Var = dyn_cast_or_null<VarDecl>(Named);
  if (Var && Var->hasGlobalStorage() && !Var->isStaticLocal() &&
      !Var->getTLSKind())
    return Var;
  return nullptr;
}

// The object a write through \p E changes: 'Items' for 'Items[I] = X',
// 'Stats.Hits++' and 'Items.back() = X'.
static const Expr *writtenObject(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E);
        Member && !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) &&
        isa<FieldDecl>(Member->getMemberDecl()) && !Member->isArrow()) {
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
      continue;
    }
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
        OpCall && OpCall->getNumArgs() > 0 &&
        (OpCall->getOperator() == OO_Subscript ||
         OpCall->getOperator() == OO_Star)) {
      E = OpCall->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getIdentifier() &&
          llvm::is_contained({"at", "front", "back"}, Callee->getName())) {
        E = Call->getImplicitObjectArgument();
        continue;
      }
    break;
  }
  return E;
}

// True if \p Method has a const overload: 'find', 'begin', 'at' called on a
// non-const object read it; 'push_back' and a map's 'operator[]' write.
static bool hasConstOverload(const CXXMethodDecl &Method) {
  if (Method.isConst())
    return true;
  for (const NamedDecl *Candidate :
       Method.getParent()->lookup(Method.getDeclName())) {
    const Decl *D = Candidate;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      D = Template->getTemplatedDecl();
    if (const auto *Other = dyn_cast<CXXMethodDecl>(D);
        Other && Other->isConst())
      return true;
  }
  return false;
}

// The template a function was instantiated from, or the function: the
// accesses of a function template are recorded in its pattern, with
// dependent names, and in each instantiation.
static const FunctionDecl &patternOf(const FunctionDecl &Fn) {
  if (const FunctionDecl *Pattern = Fn.getTemplateInstantiationPattern())
    return *Pattern;
  return Fn;
}

class InconsistentLockingCheck::Visitor : public LockVisitor {
public:
  explicit Visitor(InconsistentLockingCheck &Check) : Check(Check) {}

  void visit(const Stmt &S, const LockPoint &Where) override {
    // A lambda that runs later may run under its caller's lock: its
    // accesses are not judged, but its calls still count for
    // calledOnlyUnderLock(), as calls from outside.
    if (Where.Deferred) {
      if (const auto *Call = dyn_cast<CallExpr>(&S))
        recordCall(*Call, nullptr, Where);
      return;
    }
    const auto *E = dyn_cast<Expr>(&S);
    if (!E)
      return;
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      if (Binary->isAssignmentOp())
        write(Binary->getLHS(), Where);
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->isIncrementDecrementOp())
        write(Unary->getSubExpr(), Where);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      call(*Call, Where);
      return;
    }
    if (Check.Classified.count(E))
      return;
    if (isa<MemberExpr, DeclRefExpr>(E))
      if (const ValueDecl *D = sharedState(E))
        Check.record(D, E, /*Write=*/false, Where);
  }

private:
  void write(const Expr *Target, const LockPoint &Where) {
    Target = writtenObject(Target);
    if (!Target)
      return;
    if (const ValueDecl *D = sharedState(Target)) {
      Check.Classified.insert(Target);
      Check.record(D, Target, /*Write=*/true, Where);
    }
  }

  void call(const CallExpr &Call, const LockPoint &Where) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    // A non-const member function called on the state writes it:
    // 'Items.push_back(x)', 'Counts[k] += 1', 'Name = other'.
    const Expr *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
      Object = Member->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(Call) && Method && Call.getNumArgs())
      Object = Call.getArg(0);
    // 'Impl->update()' changes what the pointer points to, not the pointer.
    const bool ThroughPointer =
        Object && Object->IgnoreParenImpCasts()->getType()->isPointerType();
    if (Object && Method && !Method->isStatic() && !ThroughPointer) {
      if (!hasConstOverload(*Method))
        write(Object, Where);
    }
    recordCall(Call, Where.Function, Where);
  }

  // Calls of free functions and of member functions, for
  // calledOnlyUnderLock(). A member function called on another object
  // ('Other.peek()', 'Self->handle()' in a static callback) counts only
  // when a lock is held: the caller locked that object for the call.
  void recordCall(const CallExpr &Call, const FunctionDecl *Caller,
                  const LockPoint &Where) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    const bool Locked = !Where.Held.empty();
    if (!Callee ||
        (isa<CXXMethodDecl>(Callee) &&
         !cast<CXXMethodDecl>(Callee)->isStatic() && !isCallOnThis(Call) &&
         !Locked))
      return;
    if (const FunctionDecl *Definition = Callee->getDefinition())
      Check.Calls.push_back(
          {Caller ? &patternOf(*Caller) : nullptr, &patternOf(*Definition),
           Locked});
  }

  InconsistentLockingCheck &Check;
};

void InconsistentLockingCheck::record(const ValueDecl *D, const Expr *Where,
                                      bool Write, const LockPoint &Point) {
  const FunctionDecl *Fn = Point.Function;
  if (!Fn || isa<CXXConstructorDecl, CXXDestructorDecl>(Fn))
    return;
  if (const auto *Field = dyn_cast<FieldDecl>(D)) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
    if (!Method || Method->getParent()->getCanonicalDecl() !=
                       Field->getParent()->getCanonicalDecl())
      return;
  } else if (Fn->isMain()) {
    return; // before main starts threads, or after it joined them
  }
  Access A{Fn, Where, Write, !Point.Held.empty(), {}};
  if (A.Locked)
    A.Mutex = Point.Held.front().Mutex;
  Accesses[D].push_back(A);
}

bool InconsistentLockingCheck::needsLock(const ValueDecl &D) {
  auto [It, Inserted] = NeedsLock.try_emplace(&D, false);
  if (!Inserted)
    return It->second;
  const QualType Type = D.getType();
  if (Type.isConstQualified() || Type->isReferenceType() ||
      Locks.isAtomicType(Type) || Locks.isMutexType(Type) ||
      Locks.isConditionVariableType(Type))
    return false;
  // An object with its own mutex synchronises itself.
  if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
      Record && Record->hasDefinition())
    for (const FieldDecl *Field : Record->fields())
      if (Locks.isMutexType(Field->getType()))
        return false;
  return NeedsLock[&D] = true;
}

// The comment lines right above \p Loc, lower-cased.
static std::string commentAbove(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid() || Loc.isMacroID())
    return {};
  const std::pair<FileID, unsigned> Position = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  const llvm::StringRef Buffer = SM.getBufferData(Position.first, &Invalid);
  if (Invalid)
    return {};
  llvm::StringRef Before = Buffer.take_front(Position.second);
  Before = Before.take_back(600);
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Before.split(Lines, '\n');
  std::string Text;
  // The last element is the declaration's own line up to Loc.
  for (size_t I = Lines.size(); I-- > 1;) {
    const llvm::StringRef Line = Lines[I - 1].trim();
    if (!(Line.starts_with("//") || Line.starts_with("/*") ||
          Line.starts_with("*") || Line.ends_with("*/")))
      break;
    Text = Line.lower() + " " + Text;
  }
  return Text;
}

bool InconsistentLockingCheck::callerHoldsLock(const FunctionDecl &Fn) {
  auto [It, Inserted] = CallerHolds.try_emplace(&Fn, false);
  if (!Inserted)
    return It->second;
  bool Holds = false;
  if (Fn.getIdentifier())
    for (const std::string &Suffix : Suffixes)
      if (Fn.getName().ends_with(Suffix))
        Holds = true;
  for (const FunctionDecl *Redecl : Fn.redecls()) {
    if (Holds)
      break;
    // REQUIRES(mu), EXCLUSIVE_LOCKS_REQUIRED(mu) and friends.
    if (Redecl->hasAttr<RequiresCapabilityAttr>()) {
      Holds = true;
      break;
    }
    const std::string Comment =
        commentAbove(Redecl->getOuterLocStart(), *Sources);
    static const char *const Phrases[] = {
        "lock held", "lock is held", "lock must be held", "holds the lock",
        "hold the lock", "holding the lock", "caller holds", "caller must hold",
        "with the lock", "under the lock", "mutex held", "mutex is held",
        "holds the mutex", "hold the mutex", "holding the mutex",
        "must be locked", "locked by the caller", "locked by caller",
        "requires the lock", "requires the mutex", "must be called with",
        // The author knows and says so.
        "not thread safe", "not thread-safe", "cannot be used concurrently",
        "not safe to call concurrently"};
    for (const char *Phrase : Phrases)
      if (llvm::StringRef(Comment).contains(Phrase))
        Holds = true;
  }
  return CallerHolds[&Fn] = Holds;
}

llvm::DenseSet<const FunctionDecl *>
InconsistentLockingCheck::calledOnlyUnderLock() {
  // Start from every function that is called, and drop those with a call
  // made without a lock from outside the set, until nothing changes. Calls
  // from constructors and destructors count as locked: no other thread sees
  // the object yet (or any more); so do calls from functions whose caller
  // holds the lock by name, annotation or comment.
  llvm::DenseSet<const FunctionDecl *> Result;
  for (const CallRecord &Call : Calls)
    Result.insert(Call.Callee);
  bool Changed = true;
  for (unsigned Round = 0; Changed && Round < 32; ++Round) {
    Changed = false;
    for (const CallRecord &Call : Calls)
      if (!Call.Locked && Result.contains(Call.Callee) &&
          !isa_and_nonnull<CXXConstructorDecl, CXXDestructorDecl>(
              Call.Caller) &&
          !(Call.Caller && (Result.contains(Call.Caller) ||
                            callerHoldsLock(*Call.Caller)))) {
        Result.erase(Call.Callee);
        Changed = true;
      }
  }
  return Result;
}

void InconsistentLockingCheck::onEndOfTranslationUnit() {
  Visitor V(*this);
  Locks.run(V);
  const llvm::DenseSet<const FunctionDecl *> UnderLock = calledOnlyUnderLock();

  llvm::DenseSet<SourceLocation> Diagnosed;
  for (const auto &[State, List] : Accesses) {
    const Access *LockedWrite = nullptr;
    for (const Access &A : List)
      if (A.Write && A.Locked) {
        LockedWrite = &A;
        break;
      }
    if (!LockedWrite || !needsLock(*State))
      continue;
    llvm::DenseSet<const FunctionDecl *> Reported;
    for (const Access &A : List) {
      if (A.Locked || UnderLock.contains(&patternOf(*A.Function)) ||
          callerHoldsLock(*A.Function) || !Reported.insert(A.Function).second)
        continue;
      const SourceLocation Loc = A.Where->getBeginLoc();
      if (!Diagnosed.insert(Loc).second)
        continue;
      const std::string Mutex = LockedWrite->Mutex.describe();
      diag(Loc, "%select{reading|writing}0 '%1' without holding a lock races "
                "with the writes made under %2 elsewhere and can see a torn "
                "or stale value; lock %2 here too, or make it std::atomic")
          << A.Write << qualifiedNameOf(*State) << Mutex;
      diag(LockedWrite->Where->getBeginLoc(),
           "'%0' is written under %1 here, in %2", DiagnosticIDs::Note)
          << qualifiedNameOf(*State) << Mutex
          << describeCallable(*LockedWrite->Function);
    }
  }
}

} // namespace clang::tidy::vibeguard
