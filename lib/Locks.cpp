//===--- Locks.cpp - vibeguard --------------------------------------------===//

#include "vibeguard/Locks.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/Catalog.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

LockVisitor::~LockVisitor() = default;

bool MutexRef::isShared() const {
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Decl))
    return Var->hasGlobalStorage() && !isa<ParmVarDecl>(Var);
  return OfThis && isa_and_nonnull<FieldDecl>(Decl);
}

std::string MutexRef::describe() const {
  if (!Decl)
    return "the mutex";
  std::string Name = qualifiedNameOf(*Decl);
  if (const auto *Var = dyn_cast<VarDecl>(Decl); Var && Var->isLocalVarDecl())
    Name = Var->getName().str();
  return "'" + Name + "'";
}

bool isCallOnThis(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!Member)
    return false;
  const Expr *Object = Member->getImplicitObjectArgument();
  return Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts());
}

LockAnalysis::LockAnalysis(const ClangTidyCheck &Check,
                           const ClangTidyCheck::OptionsView &Options)
    : Locks(Check, Options, catalog::Locks) {
  // Storage must not reallocate once names point into it.
  const llvm::StringRef Lists[] = {catalog::MutexClasses,
                                   catalog::GuardClasses,
                                   catalog::ConditionVariableClasses,
                                   catalog::AtomicClasses,
                                   catalog::LockAllFunctions,
                                   catalog::AsyncFunctions};
  std::vector<size_t> Ends;
  for (llvm::StringRef List : Lists) {
    for (std::string &Name : splitOptionList(List))
      Storage.push_back(std::move(Name));
    Ends.push_back(Storage.size());
  }
  std::vector<llvm::StringRef> *Targets[] = {
      &MutexClassNames, &GuardClassNames, &ConditionVariableNames,
      &AtomicNames,     &LockAllNames,    &AsyncNames};
  size_t Begin = 0;
  for (size_t I = 0; I < Ends.size(); ++I) {
    Targets[I]->assign(Storage.begin() + Begin, Storage.begin() + Ends[I]);
    Begin = Ends[I];
  }
}

void LockAnalysis::store(const ClangTidyCheck::OptionsView &Options,
                         ClangTidyOptions::OptionMap &Opts) const {
  Locks.store(Options, Opts);
}

void LockAnalysis::clear() {
  MutexClassCache.clear();
  GuardClassCache.clear();
  ConditionVariableCache.clear();
  AtomicCache.clear();
  LockListCache.clear();
  LockAllCache.clear();
  AsyncCache.clear();
  Functions.clear();
  Definitions.clear();
  Effects.clear();
  NextGroup = 1;
}

void LockAnalysis::addFunction(const FunctionDecl &Fn) {
  Functions.push_back(&Fn);
  Definitions[Fn.getCanonicalDecl()] = &Fn;
}

const FunctionDecl *LockAnalysis::definitionOf(const FunctionDecl *Fn) const {
  return Fn ? Definitions.lookup(Fn->getCanonicalDecl()) : nullptr;
}

bool LockAnalysis::isListed(const NamedDecl &D,
                            llvm::ArrayRef<llvm::StringRef> Names,
                            llvm::DenseMap<const NamedDecl *, bool> &Cache) {
  auto [It, Inserted] = Cache.try_emplace(&D, false);
  if (Inserted)
    It->second = matchesAnyName(D, Names);
  return It->second;
}

const CXXRecordDecl *LockAnalysis::recordOf(QualType Type) const {
  Type = Type.getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  if (const auto *Record = Type->getAsCXXRecordDecl())
    return Record;
  // A class template specialization that has not been instantiated, such as
  // the type of an uninstantiated guard.
  if (const auto *Special = Type->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *Template =
            Special->getTemplateName().getAsTemplateDecl())
      return dyn_cast_or_null<CXXRecordDecl>(Template->getTemplatedDecl());
  return nullptr;
}

static const NamedDecl *templateOrSelf(const CXXRecordDecl &Record) {
  if (const auto *Special = dyn_cast<ClassTemplateSpecializationDecl>(&Record))
    return Special->getSpecializedTemplate();
  return &Record;
}

bool LockAnalysis::isMutexType(QualType Type) {
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType();
  if (const auto *Typedef = Type->getAs<TypedefType>())
    for (llvm::StringRef Name : catalog::MutexTypedefs)
      if (Typedef->getDecl()->getName() == Name)
        return true;
  const CXXRecordDecl *Record = recordOf(Type);
  if (!Record)
    return false;
  if (isListed(*templateOrSelf(*Record), MutexClassNames, MutexClassCache))
    return true;
  return isListed(*templateOrSelf(*Record), Locks.names(), LockListCache) &&
         !isGuardClass(*Record);
}

bool LockAnalysis::isGuardClass(const CXXRecordDecl &Record) {
  const NamedDecl *Named = templateOrSelf(Record);
  auto [It, Inserted] = GuardClassCache.try_emplace(Named, false);
  if (!Inserted)
    return It->second;
  bool Guard = matchesAnyName(*Named, GuardClassNames);
  // A class of the option is a guard if it is constructed from a mutex.
  if (!Guard && matchesAnyName(*Named, Locks.names()) && Record.hasDefinition())
    for (const CXXConstructorDecl *Ctor : Record.ctors()) {
      if (Ctor->getNumParams() == 0)
        continue;
      const QualType First = Ctor->getParamDecl(0)->getType();
      if ((First->isReferenceType() || First->isPointerType()) &&
          recordOf(First) != &Record && isMutexType(First->getPointeeType())) {
        Guard = true;
        break;
      }
    }
  GuardClassCache[Named] = Guard;
  return Guard;
}

bool LockAnalysis::isAsyncLaunch(const FunctionDecl &Fn) {
  return isListed(Fn, AsyncNames, AsyncCache);
}

bool LockAnalysis::isAtomicType(QualType Type) {
  if (Type.isNull())
    return false;
  const CXXRecordDecl *Record = recordOf(Type.getNonReferenceType());
  return Record && !Type->isPointerType() &&
         isListed(*templateOrSelf(*Record), AtomicNames, AtomicCache);
}

bool LockAnalysis::isConditionVariableType(QualType Type) {
  if (Type.isNull())
    return false;
  const CXXRecordDecl *Record = recordOf(Type.getNonReferenceType());
  return Record && isListed(*templateOrSelf(*Record), ConditionVariableNames,
                            ConditionVariableCache);
}

std::optional<MutexRef> LockAnalysis::mutexOf(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenCasts();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary &&
        (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)) {
      E = Unary->getSubExpr();
      continue;
    }
    // The smart pointer in 'std::lock_guard G(*MutexPtr)'.
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
        OpCall && OpCall->getOperator() == OO_Star &&
        OpCall->getNumArgs() == 1) {
      E = OpCall->getArg(0);
      continue;
    }
    break;
  }
  if (!E)
    return std::nullopt;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return MutexRef{Var, false};
    return std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Member->getMemberDecl()))
      return MutexRef{Var, false}; // a static data member
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      return MutexRef{
          Field, isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())};
  }
  return std::nullopt;
}

// A statement after which control does not reach the next one.
static bool exits(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && exits(Block->body_back());
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(S))
    return exits(Cleanups->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return Callee->isNoReturn();
  return false;
}

static std::string lowerName(const NamedDecl &D) {
  return D.getIdentifier() ? D.getName().lower() : std::string();
}

// The tag a guard's second argument passes, from its type's name.
enum class GuardTag { None, Defer, Try, Adopt, Other };
static GuardTag tagOf(const Expr *Arg) {
  if (!Arg)
    return GuardTag::None;
  const CXXRecordDecl *Record =
      Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier())
    return GuardTag::Other; // a timeout: try_lock_for
  llvm::StringRef Name = Record->getName();
  if (Name == "defer_lock_t")
    return GuardTag::Defer;
  if (Name == "try_to_lock_t")
    return GuardTag::Try;
  if (Name == "adopt_lock_t")
    return GuardTag::Adopt;
  return GuardTag::Other;
}

// Hands every statement of a subtree to a visitor with fixed locks; for
// subtrees nested too deeply for the walk's own recursion (generated code,
// long expression chains), which the data recursion of RecursiveASTVisitor
// handles without growing the stack.
class PlainVisit : public RecursiveASTVisitor<PlainVisit> {
public:
  PlainVisit(LockVisitor &Visitor, const LockPoint &Where)
      : Visitor(Visitor), Where(Where) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitStmt(Stmt *S) {
    Visitor.visit(*S, Where);
    return true;
  }

private:
  LockVisitor &Visitor;
  const LockPoint &Where;
};

// How deep the walk recurses before it hands a subtree to PlainVisit.
static constexpr unsigned MaxWalkDepth = 200;

class LockAnalysis::Walk {
public:
  Walk(LockAnalysis &Analysis, LockVisitor *Visitor, const FunctionDecl &Fn,
       unsigned Depth)
      : Analysis(Analysis), Visitor(Visitor), Function(Fn), Depth(Depth),
        Callable(&Fn) {}

  void run() {
    Scopes.emplace_back();
    // A function that releases a mutex it did not take (an Unlock() member
    // of a lock class) runs with that mutex held.
    if (Visitor)
      for (const WrapperEffect::Item &Item :
           Analysis.effectOf(Function, Depth).Items) {
        if (!Item.Release)
          continue;
        MutexRef Mutex = Item.Mutex;
        if (Item.Parameter >= 0)
          Mutex = {Function.getParamDecl(Item.Parameter), false};
        Held.push_back(
            {Mutex, Function.getBody(), LockKind::Exclusive, nullptr, 0});
      }
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Function))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          stmt(Init->getInit());
    stmt(Function.getBody());
  }

  /// The effect the function has on its callers, once run() is done.
  WrapperEffect effect() const {
    WrapperEffect Effect;
    // A guard class's constructor usually locks the member it stored the
    // parameter in: 'Guard(Mutex &M) : M_(M) { M_.lock(); }'.
    llvm::DenseMap<const ValueDecl *, const ParmVarDecl *> StoredParameters;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Function))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (const FieldDecl *Field = Init->getMember())
          if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
                  Init->getInit()->IgnoreParenImpCasts()))
            if (const auto *Parm = dyn_cast<ParmVarDecl>(Ref->getDecl()))
              StoredParameters[Field] = Parm;
    auto Add = [&](MutexRef Mutex, bool Release, LockKind Kind) {
      WrapperEffect::Item Item;
      Item.Release = Release;
      Item.Kind = Kind;
      if (const ParmVarDecl *Stored = StoredParameters.lookup(Mutex.Decl))
        Mutex = {Stored, false};
      if (const auto *Parm = dyn_cast_or_null<ParmVarDecl>(Mutex.Decl)) {
        if (Parm->getDeclContext() != &Function)
          return;
        Item.Parameter = Parm->getFunctionScopeIndex();
      } else if (Mutex.isShared()) {
        Item.Mutex = Mutex;
      } else {
        return;
      }
      Effect.Items.push_back(Item);
    };
    for (const HeldLock &Lock : Held)
      if (!Lock.Guard)
        Add(Lock.Mutex, false, Lock.Kind);
    for (const MutexRef &Mutex : UnmatchedReleases)
      Add(Mutex, true, LockKind::Exclusive);
    return Effect;
  }

private:
  LockPoint point() const { return {Held, Callable, &Function, Deferred}; }

  void take(HeldLock Lock) {
    if (Visitor)
      Visitor->acquire(Lock, point());
    Held.push_back(Lock);
  }

  void release(const MutexRef &Mutex) {
    for (auto It = Held.rbegin(); It != Held.rend(); ++It)
      if (It->Mutex == Mutex) {
        Held.erase(std::next(It).base());
        return;
      }
    UnmatchedReleases.push_back(Mutex);
  }

  void releaseGuard(const VarDecl *Guard) {
    llvm::erase_if(Held, [&](const HeldLock &L) { return L.Guard == Guard; });
  }

  void stmt(const Stmt *S) {
    if (!S)
      return;
    if (Nesting >= MaxWalkDepth) {
      if (Visitor) {
        const LockPoint Where = point();
        PlainVisit(*Visitor, Where).TraverseStmt(const_cast<Stmt *>(S));
      }
      return;
    }
    ++Nesting;
    statement(*S);
    --Nesting;
  }

  void statement(const Stmt &Node) {
    const Stmt *S = &Node;
    if (Visitor)
      Visitor->visit(*S, point());
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      Scopes.emplace_back();
      for (const Stmt *Child : Block->body())
        stmt(Child);
      for (const VarDecl *Guard : Scopes.back())
        releaseGuard(Guard);
      Scopes.pop_back();
      return;
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D)) {
          stmt(Var->getInit());
          declare(*Var);
        }
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      stmt(If->getInit());
      if (const DeclStmt *CondVar = If->getConditionVariableDeclStmt())
        stmt(CondVar);
      stmt(If->getCond());
      branches(If->getThen(), If->getElse());
      return;
    }
    if (const auto *For = dyn_cast<ForStmt>(S)) {
      stmt(For->getInit());
      stmt(For->getCond());
      repeated([&] {
        stmt(For->getBody());
        stmt(For->getInc());
      });
      return;
    }
    if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(S)) {
      stmt(RangeFor->getInit());
      stmt(RangeFor->getRangeInit());
      repeated([&] {
        stmt(RangeFor->getLoopVarStmt());
        stmt(RangeFor->getBody());
      });
      return;
    }
    if (const auto *While = dyn_cast<WhileStmt>(S)) {
      if (const DeclStmt *CondVar = While->getConditionVariableDeclStmt())
        stmt(CondVar);
      stmt(While->getCond());
      repeated([&] { stmt(While->getBody()); });
      return;
    }
    if (const auto *Do = dyn_cast<DoStmt>(S)) {
      repeated([&] {
        stmt(Do->getBody());
        stmt(Do->getCond());
      });
      return;
    }
    if (const auto *Switch = dyn_cast<SwitchStmt>(S)) {
      stmt(Switch->getInit());
      stmt(Switch->getCond());
      repeated([&] { stmt(Switch->getBody()); });
      return;
    }
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      const llvm::SmallVector<HeldLock, 4> Before = Held;
      stmt(Try->getTryBlock());
      const llvm::SmallVector<HeldLock, 4> After = Held;
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
        Held = Before;
        stmt(Try->getHandler(I));
      }
      Held = After;
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      lambda(*Lambda);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      noteInlineLambdas(*Call);
      for (const Stmt *Child : S->children())
        stmt(Child);
      callEffect(*Call);
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      noteInlineLambdas(*Construct);
    for (const Stmt *Child : S->children())
      stmt(Child);
  }

  // A loop body (or switch body) runs zero or more times; a balanced body
  // leaves the locks as they were, so the state before it goes on.
  template <typename Body> void repeated(Body Run) {
    const llvm::SmallVector<HeldLock, 4> Before = Held;
    Run();
    Held = Before;
  }

  void branches(const Stmt *Then, const Stmt *Else) {
    const llvm::SmallVector<HeldLock, 4> Before = Held;
    stmt(Then);
    const llvm::SmallVector<HeldLock, 4> AfterThen = Held;
    Held = Before;
    stmt(Else);
    const bool ThenExits = exits(Then), ElseExits = Else && exits(Else);
    if (ElseExits && !ThenExits) {
      Held = AfterThen;
    } else if (!ThenExits) {
      // Held on both paths: what both branches agree on.
      llvm::erase_if(Held, [&](const HeldLock &L) {
        return llvm::none_of(AfterThen, [&](const HeldLock &T) {
          return T.Mutex == L.Mutex && T.Site == L.Site;
        });
      });
    }
  }

  void noteInlineLambdas(const Expr &Call) {
    const FunctionDecl *Callee = nullptr;
    llvm::ArrayRef<const Expr *> Args;
    if (const auto *C = dyn_cast<CallExpr>(&Call)) {
      Callee = C->getDirectCallee();
      Args = {C->getArgs(), C->getNumArgs()};
      // '[&] { ... }()' runs right here.
      if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(C);
          OpCall && OpCall->getOperator() == OO_Call && OpCall->getNumArgs())
        if (const auto *Lambda =
                dyn_cast<LambdaExpr>(OpCall->getArg(0)->IgnoreImplicit()))
          InlineLambdas.insert(Lambda);
    } else if (const auto *C = dyn_cast<CXXConstructExpr>(&Call)) {
      Callee = C->getConstructor();
      Args = {C->getArgs(), C->getNumArgs()};
    }
    // Algorithms of namespace std call their function objects before they
    // return; std::async and thread constructors do not.
    if (!Callee || !Callee->isInStdNamespace() ||
        isa<CXXConstructorDecl>(Callee))
      return;
    // call_once runs its callable under its own synchronisation.
    if (Analysis.isAsyncLaunch(*Callee) ||
        (Callee->getIdentifier() && Callee->getName() == "call_once"))
      return;
    for (const Expr *Arg : Args)
      if (const auto *Lambda =
              dyn_cast_or_null<LambdaExpr>(Arg->IgnoreImplicit()))
        InlineLambdas.insert(Lambda);
      else if (const auto *Temp =
                   dyn_cast<MaterializeTemporaryExpr>(Arg->IgnoreImplicit()))
        if (const auto *Inner =
                dyn_cast<LambdaExpr>(Temp->getSubExpr()->IgnoreImplicit()))
          InlineLambdas.insert(Inner);
  }

  void lambda(const LambdaExpr &Lambda) {
    for (const Expr *Init : Lambda.capture_inits())
      stmt(Init);
    const llvm::SmallVector<HeldLock, 4> Before = Held;
    const Decl *OuterCallable = Callable;
    const bool OuterDeferred = Deferred;
    const bool Inline = InlineLambdas.contains(&Lambda);
    if (!Inline) {
      Held.clear();
      Deferred = true;
    }
    Callable = Lambda.getCallOperator();
    Scopes.emplace_back();
    stmt(Lambda.getBody());
    Scopes.pop_back();
    Callable = OuterCallable;
    Deferred = OuterDeferred;
    Held = Before;
  }

  // A guard variable (or anything else) being declared.
  void declare(const VarDecl &Var) {
    const CXXRecordDecl *Record = Analysis.recordOf(Var.getType());
    if (!Record || Var.getType()->isPointerType() ||
        Var.getType()->isReferenceType())
      return;
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
        Var.getInit() ? Var.getInit()->IgnoreImplicit() : nullptr);
    if (!Construct || Construct->getNumArgs() == 0)
      return;
    llvm::SmallVector<MutexRef, 2> Mutexes;
    LockKind Kind = LockKind::Exclusive;
    GuardTag Tag = GuardTag::None;
    if (Analysis.isGuardClass(*Record)) {
      const std::string Name = lowerName(*Record);
      if (Name == "shared_lock" || Name == "readermutexlock")
        Kind = LockKind::Shared;
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I) {
        const Expr *Arg = Construct->getArg(I);
        if (isa<CXXDefaultArgExpr>(Arg))
          continue;
        const GuardTag ArgTag = I == 0 ? GuardTag::None : tagOf(Arg);
        if (Name == "scoped_lock") {
          if (ArgTag == GuardTag::Adopt)
            Tag = GuardTag::Adopt;
          else if (std::optional<MutexRef> Mutex = Analysis.mutexOf(Arg))
            Mutexes.push_back(*Mutex);
          continue;
        }
        if (I == 0) {
          if (std::optional<MutexRef> Mutex = Analysis.mutexOf(Arg))
            Mutexes.push_back(*Mutex);
        } else if (Tag == GuardTag::None) {
          Tag = ArgTag;
        }
      }
    } else if (const FunctionDecl *Ctor =
                   Analysis.definitionOf(Construct->getConstructor())) {
      // A guard class of the project: its constructor takes a parameter.
      for (const WrapperEffect::Item &Item :
           Analysis.effectOf(*Ctor, Depth + 1).Items)
        if (!Item.Release && Item.Parameter >= 0 &&
            unsigned(Item.Parameter) < Construct->getNumArgs())
          if (std::optional<MutexRef> Mutex =
                  Analysis.mutexOf(Construct->getArg(Item.Parameter))) {
            Mutexes.push_back(*Mutex);
            Kind = Item.Kind;
          }
    }
    if (Mutexes.empty())
      return;
    if (Tag == GuardTag::Try || Tag == GuardTag::Other)
      Kind = LockKind::Try;
    GuardMutexes[&Var] = {Mutexes, Kind};
    Scopes.back().push_back(&Var);
    if (Tag == GuardTag::Defer)
      return;
    const unsigned Group = Mutexes.size() > 1 ? Analysis.NextGroup++ : 0;
    for (const MutexRef &Mutex : Mutexes) {
      if (Tag == GuardTag::Adopt) {
        // The guard takes over a mutex locked before (std::lock).
        auto It = llvm::find_if(Held, [&](const HeldLock &L) {
          return L.Mutex == Mutex && !L.Guard;
        });
        if (It != Held.end()) {
          It->Guard = &Var;
          continue;
        }
        Held.push_back({Mutex, Construct, Kind, &Var, Group});
        continue;
      }
      take({Mutex, Construct, Kind, &Var, Group});
    }
  }

  static std::optional<LockKind> memberEffect(llvm::StringRef Lower,
                                              bool &Release) {
    Release = false;
    if (Lower.contains("unlock")) {
      Release = true;
      return LockKind::Exclusive;
    }
    if (Lower.starts_with("try"))
      return LockKind::Try;
    if (Lower == "lock" || Lower == "writerlock" || Lower == "lock_upgrade")
      return LockKind::Exclusive;
    if (Lower == "lock_shared" || Lower == "readerlock")
      return LockKind::Shared;
    return std::nullopt;
  }

  void callEffect(const CallExpr &Call) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee)
      return;
    const std::string Lower = lowerName(*Callee);

    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      // Calls on a guard: unique_lock::unlock(), lock(), release().
      if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
              Object ? Object->IgnoreParenImpCasts() : nullptr))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && GuardMutexes.count(Var)) {
          const auto &[Mutexes, Kind] = GuardMutexes[Var];
          if (Lower == "unlock") {
            releaseGuard(Var);
          } else if (Lower == "release") {
            for (HeldLock &L : Held)
              if (L.Guard == Var)
                L.Guard = nullptr;
          } else if (Lower == "lock" || Lower.rfind("try_lock", 0) == 0) {
            const bool Try = Lower != "lock";
            for (const MutexRef &Mutex : Mutexes)
              take({Mutex, &Call, Try ? LockKind::Try : Kind, Var, 0});
          }
          return;
        }
      // Calls on a mutex.
      if (Object && Analysis.isMutexType(Object->getType())) {
        bool Release;
        if (std::optional<LockKind> Kind = memberEffect(Lower, Release))
          if (std::optional<MutexRef> Mutex = Analysis.mutexOf(Object)) {
            if (Release)
              release(*Mutex);
            else
              take({*Mutex, &Call, *Kind, nullptr, 0});
          }
        return;
      }
    }

    // pthread_mutex_lock(&M) and friends.
    if (!isa<CXXMethodDecl>(Callee) &&
        Callee->getDeclContext()->getRedeclContext()->isTranslationUnit()) {
      for (const catalog::LockFunction &Fn : catalog::LockFunctions)
        if (Callee->getIdentifier() && Callee->getName() == Fn.Name) {
          if (Call.getNumArgs() == 0)
            return;
          std::optional<MutexRef> Mutex = Analysis.mutexOf(Call.getArg(0));
          if (!Mutex)
            return;
          if (Fn.What == catalog::LockFunction::Release)
            release(*Mutex);
          else
            take({*Mutex, &Call,
                  Fn.What == catalog::LockFunction::TryAcquire ? LockKind::Try
                  : Fn.What == catalog::LockFunction::AcquireShared
                      ? LockKind::Shared
                      : LockKind::Exclusive,
                  nullptr, 0});
          return;
        }
    }

    // std::lock(A, B): every argument at once; guards made with defer_lock
    // count as their mutexes.
    if (Analysis.isListed(*Callee, Analysis.LockAllNames,
                          Analysis.LockAllCache)) {
      const unsigned Group = Analysis.NextGroup++;
      for (const Expr *Arg : Call.arguments()) {
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts()))
          if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
              Var && GuardMutexes.count(Var)) {
            for (const MutexRef &Mutex : GuardMutexes[Var].first)
              take({Mutex, &Call, LockKind::Exclusive, Var, Group});
            continue;
          }
        if (std::optional<MutexRef> Mutex = Analysis.mutexOf(Arg))
          take({*Mutex, &Call, LockKind::Exclusive, nullptr, Group});
      }
      return;
    }

    // Lock functions the project names in the option Locks.
    if (Analysis.isListed(*Callee, Analysis.Locks.names(),
                          Analysis.LockListCache)) {
      const Expr *Target = nullptr;
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
        Target = Member->getImplicitObjectArgument();
      else if (Call.getNumArgs() > 0)
        Target = Call.getArg(0);
      if (std::optional<MutexRef> Mutex = Analysis.mutexOf(Target)) {
        if (llvm::StringRef(Lower).contains("unlock") ||
            llvm::StringRef(Lower).contains("release"))
          release(*Mutex);
        else
          take({*Mutex, &Call, LockKind::Exclusive, nullptr, 0});
      }
      return;
    }

    // Wrappers defined in this translation unit.
    const FunctionDecl *Definition = Analysis.definitionOf(Callee);
    if (!Definition || Definition == &Function)
      return;
    const WrapperEffect &Effect = Analysis.effectOf(*Definition, Depth + 1);
    const unsigned ArgOffset =
        isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (const WrapperEffect::Item &Item : Effect.Items) {
      std::optional<MutexRef> Mutex;
      if (Item.Parameter >= 0) {
        const unsigned Index = Item.Parameter + ArgOffset;
        if (Index < Call.getNumArgs())
          Mutex = Analysis.mutexOf(Call.getArg(Index));
      } else if (!Item.Mutex.OfThis || isCallOnThis(Call)) {
        Mutex = Item.Mutex;
      }
      if (!Mutex)
        continue;
      if (Item.Release)
        release(*Mutex);
      else
        take({*Mutex, &Call, Item.Kind, nullptr, 0});
    }
  }

  LockAnalysis &Analysis;
  LockVisitor *Visitor;
  const FunctionDecl &Function;
  const unsigned Depth;
  const Decl *Callable;
  bool Deferred = false;
  unsigned Nesting = 0;
  llvm::SmallVector<HeldLock, 4> Held;
  llvm::SmallVector<llvm::SmallVector<const VarDecl *, 2>, 8> Scopes;
  llvm::DenseMap<const VarDecl *,
                 std::pair<llvm::SmallVector<MutexRef, 2>, LockKind>>
      GuardMutexes;
  llvm::DenseSet<const LambdaExpr *> InlineLambdas;
  llvm::SmallVector<MutexRef, 1> UnmatchedReleases;
};

const LockAnalysis::WrapperEffect &
LockAnalysis::effectOf(const FunctionDecl &Fn, unsigned Depth) {
  static const WrapperEffect None;
  auto It = Effects.find(&Fn);
  if (It != Effects.end())
    return It->second ? *It->second : None;
  // Recursion, or a chain of wrappers too deep to be one: no effect.
  if (Depth > 8)
    return None;
  Effects[&Fn] = std::nullopt;
  Walk W(*this, nullptr, Fn, Depth);
  W.run();
  WrapperEffect Effect = W.effect();
  std::optional<WrapperEffect> &Slot = Effects[&Fn];
  Slot = std::move(Effect);
  return *Slot;
}

void LockAnalysis::run(LockVisitor &Visitor) {
  for (const FunctionDecl *Fn : Functions) {
    Walk W(*this, &Visitor, *Fn, 0);
    W.run();
  }
}

} // namespace clang::tidy::vibeguard
