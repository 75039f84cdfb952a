//===--- CommandInjectionCheck.cpp - vibeguard ----------------------------===//

#include "CommandInjectionCheck.h"
#include "vibeguard/RemoteCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

CommandInjectionCheck::CommandInjectionCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ShellCommandFunctions(*this, Options, catalog::ShellCommandFunctions),
      ExecFunctions(*this, Options, catalog::ExecFunctions),
      EscapeFunctions(*this, Options, catalog::EscapeFunctions),
      AllowNumbers(Options.get("AllowNumbers", true)),
      Provenance(EscapeFunctions.names(), AllowNumbers) {}

void CommandInjectionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ShellCommandFunctions.store(Options, Opts);
  ExecFunctions.store(Options, Opts);
  EscapeFunctions.store(Options, Opts);
  Options.store(Opts, "AllowNumbers", AllowNumbers);
}

void CommandInjectionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"),
                     this);
  // 'boost::process::child c(bp::shell, command);'
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader())).bind("construct"),
      this);
}

void CommandInjectionCheck::onStartOfTranslationUnit() {
  Provenance.clear();
  IsShellFunction.clear();
  IsExecFunction.clear();
  Diagnosed.clear();
}

bool CommandInjectionCheck::isListed(
    const FunctionDecl &Callee, const NameListOption &List,
    llvm::DenseMap<const FunctionDecl *, bool> &Cache) {
  auto [It, Inserted] = Cache.try_emplace(Callee.getCanonicalDecl(), false);
  if (Inserted) {
    // A constructor is listed under its class's name.
    const NamedDecl *Named = &Callee;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Callee))
      Named = Ctor->getParent();
    It->second = matchesAnyName(*Named, List.names());
  }
  return It->second;
}

static const StringLiteral *literalIn(const Expr *E) {
  return E ? dyn_cast<StringLiteral>(E->IgnoreParenImpCasts()) : nullptr;
}

static bool isShell(llvm::StringRef Program) {
  Program =
      Program.rsplit('/').second.empty() ? Program : Program.rsplit('/').second;
  return llvm::is_contained({"sh", "bash", "dash", "zsh", "ksh"}, Program);
}

// In 'shell, ..., "-c", command', the command.
static const Expr *commandAfterDashC(llvm::ArrayRef<const Expr *> Args) {
  bool SawShell = false;
  for (size_t I = 0; I + 1 < Args.size(); ++I) {
    const StringLiteral *Literal = literalIn(Args[I]);
    if (!Literal || Literal->getCharByteWidth() != 1)
      continue;
    if (isShell(Literal->getString()))
      SawShell = true;
    else if (SawShell && Literal->getString() == "-c")
      return Args[I + 1];
  }
  return nullptr;
}

// Boost.Process runs its command through the shell only when it is given
// boost::process::shell; otherwise it splits the string itself.
static bool hasShellTag(llvm::ArrayRef<const Expr *> Args) {
  return llvm::any_of(Args, [](const Expr *Arg) {
    const CXXRecordDecl *Class =
        Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return Class && Class->getIdentifier() && Class->getName() == "shell_";
  });
}

const Expr *
CommandInjectionCheck::shellCommand(const FunctionDecl &Callee,
                                    llvm::ArrayRef<const Expr *> Args) {
  if (isListed(Callee, ShellCommandFunctions, IsShellFunction)) {
    const bool IsBoost = llvm::StringRef(Callee.getQualifiedNameAsString())
                             .starts_with("boost::process::");
    if (IsBoost && !hasShellTag(Args))
      return nullptr;
    for (const Expr *Arg : Args)
      if (isStringLike(Arg->getType()))
        return Arg;
    return nullptr;
  }
  if (!isListed(Callee, ExecFunctions, IsExecFunction))
    return nullptr;
  // execl("/bin/sh", "sh", "-c", command, nullptr)
  if (const Expr *Command = commandAfterDashC(Args))
    return Command;
  // execv("/bin/sh", argv) with 'char *argv[] = {"sh", "-c", command, 0}'
  if (Args.size() >= 2)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Args[1]->IgnoreParenCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        if (const auto *List = dyn_cast_or_null<InitListExpr>(Var->getInit())) {
          llvm::SmallVector<const Expr *, 4> Elements(List->inits().begin(),
                                                      List->inits().end());
          if (const StringLiteral *Program = literalIn(Args[0]);
              Program && isShell(Program->getString()))
            Elements.insert(Elements.begin(), Args[0]);
          return commandAfterDashC(Elements);
        }
  return nullptr;
}

void CommandInjectionCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Callee = nullptr;
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    if (Call->isTypeDependent())
      return;
    Callee = Call->getDirectCallee();
    Args = {Call->getArgs(), Call->getNumArgs()};
  } else if (const auto *Construct =
                 Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    Callee = Construct->getConstructor();
    Args = {Construct->getArgs(), Construct->getNumArgs()};
  }
  if (!Callee)
    return;
  const Expr *Command = shellCommand(*Callee, Args);
  if (!Command)
    return;
  const Expr *Part = Provenance.firstRunTimePart(*Command);
  if (!Part || !Diagnosed.insert(Command->getBeginLoc()).second)
    return;
  const NamedDecl *Named = Callee;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee))
    Named = Ctor->getParent();
  diag(Command->getBeginLoc(),
       "shell command passed to '%0' is built from run-time text, so crafted "
       "input can run any command (command injection); start the program "
       "directly with posix_spawn or execve and pass each argument "
       "separately")
      << Named->getQualifiedNameAsString();
  diag(Part->getBeginLoc(), "run-time text enters the command here",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::vibeguard
