//===--- DetachedThreadCheck.cpp - vibeguard ------------------------------===//

#include "DetachedThreadCheck.h"
#include "vibeguard/Containers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

DetachedThreadCheck::DetachedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ThreadClasses(*this, Options, catalog::ThreadClasses) {}

void DetachedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ThreadClasses.store(Options, Opts);
}

void DetachedThreadCheck::registerMatchers(MatchFinder *Finder) {
  const auto Project = unless(isExpansionInSystemHeader());
  const auto Thread = cxxRecordDecl(hasAnyName(ThreadClasses.names()));
  Finder->addMatcher(
      cxxMemberCallExpr(
          Project, callee(cxxMethodDecl(hasName("detach"), ofClass(Thread))))
          .bind("detach"),
      this);
  Finder->addMatcher(
      callExpr(Project, callee(functionDecl(hasAnyName("::pthread_create",
                                                       "::pthread_detach"))))
          .bind("pthread"),
      this);
}

void DetachedThreadCheck::onStartOfTranslationUnit() {
  BorrowsThis.clear();
  PthreadArguments.clear();
  PthreadDetaches.clear();
  Diagnosed.clear();
}

// A variable that dies with the scope that declares it.
static bool isAutomatic(const ValueDecl *D) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  return Var && Var->hasLocalStorage();
}

// The class whose 'this' a lambda declared in \p Context captures: that of
// the member function around it, through enclosing lambdas.
static const CXXRecordDecl *classOfThis(const DeclContext *Context) {
  for (unsigned Depth = 0; Context && Depth < 8; ++Depth) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Context);
    if (!Method)
      return nullptr;
    if (!Method->getParent()->isLambda())
      return Method->getParent();
    Context = Method->getParent()->getDeclContext();
  }
  return nullptr;
}

static const CXXRecordDecl *classOfThis(const CXXThisExpr &This) {
  return This.getType()->getPointeeCXXRecordDecl();
}

DetachedThreadCheck::Borrow
DetachedThreadCheck::borrowed(llvm::ArrayRef<const Expr *> Args) const {
  if (Args.empty())
    return {};
  if (const auto *Lambda =
          dyn_cast_or_null<LambdaExpr>(stripConversions(Args.front()))) {
    bool CapturesThis = false;
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (Capture.capturesThis() && Capture.getCaptureKind() == LCK_This)
        CapturesThis = true; // 'this' itself, not a copy of '*this'
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef &&
          isAutomatic(Capture.getCapturedVar()))
        return {Lambda, nullptr};
    }
    if (!CapturesThis)
      return {};
    return {Lambda, classOfThis(Lambda->getLambdaClass()->getDeclContext())};
  }
  // std::thread(&Worker::run, this), std::thread(fn, std::ref(buffer))
  Borrow This;
  for (const Expr *Arg : Args.drop_front()) {
    const Expr *Stripped = stripConversions(Arg);
    if (const auto *ThisExpr = dyn_cast_or_null<CXXThisExpr>(Stripped)) {
      This = {Arg, classOfThis(*ThisExpr)};
      continue;
    }
    if (const auto *Call = dyn_cast_or_null<CallExpr>(Stripped))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          (Callee->getName() == "ref" || Callee->getName() == "cref") &&
          Call->getNumArgs() == 1 && isAutomatic(namedValue(Call->getArg(0))))
        return {Arg, nullptr};
  }
  return This;
}

// The constructor arguments of the thread object \p Object names: a
// temporary 'std::thread(f, ...)' or a variable initialised with one.
static llvm::ArrayRef<const Expr *> threadArguments(const Expr *Object) {
  // Not stripConversions(): it would look through the thread's own
  // one-argument construction.
  const Expr *Init = Object ? Object->IgnoreParenImpCasts() : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Init))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      Init = Var->getInit();
  for (unsigned Depth = 0; Init && Depth < 4; ++Depth) {
    Init = Init->IgnoreParenImpCasts();
    if (isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups,
            CXXFunctionalCastExpr>(Init)) {
      Init = cast<Expr>(*Init->child_begin());
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init)) {
      // A move from a temporary: look at the temporary.
      if (Construct->getNumArgs() == 1 &&
          Construct->getConstructor()->isMoveConstructor()) {
        Init = Construct->getArg(0);
        continue;
      }
      return {Construct->getArgs(), Construct->getNumArgs()};
    }
    break;
  }
  return {};
}

void DetachedThreadCheck::report(SourceLocation Detach, const Expr &Borrowed) {
  if (!Diagnosed.insert(Detach).second)
    return;
  diag(Detach, "detached thread can outlive the objects it uses by reference "
               "and then touch freed memory, and nothing can wait for it or "
               "see it fail; join it (or use std::jthread) before they go "
               "out of scope, or give the thread copies it owns");
  diag(Borrowed.getBeginLoc(),
       "the thread borrows this from the scope that starts it",
       DiagnosticIDs::Note);
}

void DetachedThreadCheck::found(SourceLocation Detach,
                                const Borrow &Borrowed) {
  if (!Borrowed.Where)
    return;
  if (Borrowed.ThisClass)
    BorrowsThis.emplace_back(Detach, Borrowed);
  else
    report(Detach, *Borrowed.Where);
}

void DetachedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Detach =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("detach")) {
    found(Detach->getBeginLoc(),
          borrowed(threadArguments(Detach->getImplicitObjectArgument())));
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("pthread");
  if (!Call)
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee->getName() == "pthread_create" && Call->getNumArgs() == 4) {
    const Expr *Handle = Call->getArg(0)->IgnoreParenImpCasts();
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(Handle);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf)
      Handle = AddressOf->getSubExpr();
    if (const auto *Tid = dyn_cast_or_null<VarDecl>(namedValue(Handle)))
      PthreadArguments[Tid] = Call->getArg(3);
  } else if (Callee->getName() == "pthread_detach" && Call->getNumArgs() == 1) {
    if (const auto *Tid =
            dyn_cast_or_null<VarDecl>(namedValue(Call->getArg(0))))
      PthreadDetaches.emplace_back(Call, Tid);
  }
}

namespace {
// Every object of some classes that the translation unit creates, to tell
// whether any of them is ever destroyed. An object lives until the process
// exits if it has static storage (a global, a static member, the static
// local of 'static Foo &instance()') or is made with 'new', kept in a raw
// pointer, and no 'delete' in the translation unit can destroy it. Any
// other creation (a local, a member or base of another object, a
// temporary, one owned by a smart pointer) is one that dies.
class InstanceCensus : public RecursiveASTVisitor<InstanceCensus> {
public:
  explicit InstanceCensus(
      const llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Classes)
      : Classes(Classes) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  /// True if the translation unit creates an object of \p Class that can
  /// be destroyed, or deletes one.
  bool mayDie(const CXXRecordDecl &Class) const {
    return Mortal.contains(Class.getCanonicalDecl());
  }

  /// True if the translation unit creates an object of \p Class whose
  /// owner it can see.
  bool created(const CXXRecordDecl &Class) const {
    const CXXRecordDecl *Canonical = Class.getCanonicalDecl();
    return Immortal.contains(Canonical) || Mortal.contains(Canonical);
  }

  bool VisitVarDecl(VarDecl *Var) {
    const Expr *Init = Var->getInit();
    if (!Init)
      return true;
    Init = Init->IgnoreImplicit();
    if (Var->getType()->isPointerType())
      keep(Init);
    else if (Var->hasGlobalStorage() && !Var->getType()->isReferenceType())
      Lasting.insert(Init);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign &&
        Assign->getLHS()->getType()->isPointerType())
      keep(Assign->getRHS());
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    // '(new Server)->start()': nothing is left to delete it with.
    keep(Member->getBase());
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *Return) {
    // 'return new Distributor(N)': a factory hands the object to an owner
    // the translation unit may not show.
    if (const Expr *Value = Return->getRetValue())
      if (const auto *New = dyn_cast<CXXNewExpr>(Value->IgnoreParenCasts()))
        Handed.insert(New->getConstructExpr());
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    // Placement new builds in storage someone else manages.
    if (Kept.contains(New) && !New->isArray() &&
        New->getNumPlacementArgs() == 0)
      Lasting.insert(New->getConstructExpr());
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    // 'Object->~Server()'
    if (const auto *Destructor =
            dyn_cast_or_null<CXXDestructorDecl>(Call->getMethodDecl()))
      if (const CXXRecordDecl *Class = tracked(Destructor->getParent()))
        Mortal.insert(Class);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXRecordDecl *Class = tracked(Construct->getType());
    if (!Class || Handed.contains(Construct))
      return true;
    if (Lasting.contains(Construct))
      Immortal.insert(Class);
    else
      Mortal.insert(Class);
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *Delete) {
    const QualType Type = Delete->getDestroyedType();
    const CXXRecordDecl *Destroyed =
        Type.isNull() ? nullptr : Type->getAsCXXRecordDecl();
    if (!Destroyed || !Destroyed->hasDefinition())
      return true;
    for (const CXXRecordDecl *Class : Classes)
      if (Class == Destroyed->getCanonicalDecl() ||
          (Class->hasDefinition() && Class->getDefinition()->isDerivedFrom(
                                         Destroyed->getDefinition())))
        Mortal.insert(Class);
    return true;
  }

private:
  void keep(const Expr *E) {
    if (const auto *New = dyn_cast<CXXNewExpr>(E->IgnoreParenCasts()))
      Kept.insert(New);
  }

  const CXXRecordDecl *tracked(const CXXRecordDecl *Class) const {
    if (!Class)
      return nullptr;
    Class = Class->getCanonicalDecl();
    return Classes.contains(Class) ? Class : nullptr;
  }
  const CXXRecordDecl *tracked(QualType Type) const {
    return Type.isNull() ? nullptr : tracked(Type->getAsCXXRecordDecl());
  }

  const llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Classes;
  llvm::DenseSet<const Expr *> Lasting, Kept, Handed;
  llvm::DenseSet<const CXXRecordDecl *> Immortal, Mortal;
};
} // namespace

void DetachedThreadCheck::onEndOfTranslationUnit() {
  // pthread_create(&tid, nullptr, run, &local) ... pthread_detach(tid)
  for (const auto &[Detach, Tid] : PthreadDetaches) {
    const Expr *Arg = PthreadArguments.lookup(Tid);
    if (!Arg)
      continue;
    const Expr *Stripped = Arg->IgnoreParenCasts();
    if (const auto *This = dyn_cast<CXXThisExpr>(Stripped)) {
      found(Detach->getBeginLoc(), {Arg, classOfThis(*This)});
      continue;
    }
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(Stripped);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf &&
        isAutomatic(namedValue(AddressOf->getSubExpr())))
      report(Detach->getBeginLoc(), *Arg);
  }
  if (BorrowsThis.empty() || !Context)
    return;
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Classes;
  for (const auto &[Detach, Borrowed] : BorrowsThis)
    Classes.insert(Borrowed.ThisClass->getCanonicalDecl());
  InstanceCensus Census(Classes);
  Census.TraverseAST(*Context);
  const SourceManager &SM = Context->getSourceManager();
  for (const auto &[Detach, Borrowed] : BorrowsThis) {
    const CXXRecordDecl &Class = *Borrowed.ThisClass;
    // A class that only this file can name has all its objects here; one
    // from a header may be made, and kept for the process, by another unit.
    const bool AllObjectsVisible =
        SM.isInMainFile(SM.getExpansionLoc(Class.getLocation()));
    if (Census.mayDie(Class) ||
        (!Census.created(Class) && AllObjectsVisible))
      report(Detach, *Borrowed.Where);
  }
}

} // namespace clang::tidy::vibeguard
