//===--- CommandInjectionCheck.h - vibeguard --------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SECURITY_COMMANDINJECTIONCHECK_H
#define VIBEGUARD_CHECKS_SECURITY_COMMANDINJECTIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/NameListOption.h"
#include "vibeguard/StringProvenance.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds shell commands built at run time from text that is not a constant
/// and not escaped, handed to system(), popen(), an exec function running
/// '/bin/sh -c', or a Boost.Process shell launch.
///
/// For the user-facing documentation see docs/checks/command-injection.md.
class CommandInjectionCheck : public ClangTidyCheck {
public:
  CommandInjectionCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  /// The command a call hands to the shell, or null.
  const Expr *shellCommand(const FunctionDecl &Callee,
                           llvm::ArrayRef<const Expr *> Args);
  bool isListed(const FunctionDecl &Callee, const NameListOption &List,
                llvm::DenseMap<const FunctionDecl *, bool> &Cache);

  const NameListOption ShellCommandFunctions;
  const NameListOption ExecFunctions;
  const NameListOption EscapeFunctions;
  const bool AllowNumbers;
  StringProvenance Provenance;
  llvm::DenseMap<const FunctionDecl *, bool> IsShellFunction;
  llvm::DenseMap<const FunctionDecl *, bool> IsExecFunction;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SECURITY_COMMANDINJECTIONCHECK_H
