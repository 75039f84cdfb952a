//===--- DetachedThreadCheck.cpp - vibeguard ------------------------------===//

#include "DetachedThreadCheck.h"
#include "vibeguard/Containers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
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
  PthreadArguments.clear();
  PthreadDetaches.clear();
  Diagnosed.clear();
}

// A variable that dies with the scope that declares it.
static bool isAutomatic(const ValueDecl *D) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  return Var && Var->hasLocalStorage();
}

const Expr *
DetachedThreadCheck::borrowed(llvm::ArrayRef<const Expr *> Args) const {
  if (Args.empty())
    return nullptr;
  if (const auto *Lambda =
          dyn_cast_or_null<LambdaExpr>(stripConversions(Args.front()))) {
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (Capture.capturesThis() && Capture.getCaptureKind() == LCK_This)
        return Lambda; // 'this' itself, not a copy of '*this'
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef &&
          isAutomatic(Capture.getCapturedVar()))
        return Lambda;
    }
    return nullptr;
  }
  // std::thread(&Worker::run, this), std::thread(fn, std::ref(buffer))
  for (const Expr *Arg : Args.drop_front()) {
    const Expr *Stripped = stripConversions(Arg);
    if (isa_and_nonnull<CXXThisExpr>(Stripped))
      return Arg;
    if (const auto *Call = dyn_cast_or_null<CallExpr>(Stripped))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          (Callee->getName() == "ref" || Callee->getName() == "cref") &&
          Call->getNumArgs() == 1 && isAutomatic(namedValue(Call->getArg(0))))
        return Arg;
  }
  return nullptr;
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

void DetachedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Detach =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("detach")) {
    if (const Expr *Borrowed =
            borrowed(threadArguments(Detach->getImplicitObjectArgument())))
      report(Detach->getBeginLoc(), *Borrowed);
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

void DetachedThreadCheck::onEndOfTranslationUnit() {
  // pthread_create(&tid, nullptr, run, &local) ... pthread_detach(tid)
  for (const auto &[Detach, Tid] : PthreadDetaches) {
    const Expr *Arg = PthreadArguments.lookup(Tid);
    if (!Arg)
      continue;
    const Expr *Stripped = Arg->IgnoreParenCasts();
    if (isa<CXXThisExpr>(Stripped)) {
      report(Detach->getBeginLoc(), *Arg);
      continue;
    }
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(Stripped);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf &&
        isAutomatic(namedValue(AddressOf->getSubExpr())))
      report(Detach->getBeginLoc(), *Arg);
  }
}

} // namespace clang::tidy::vibeguard
