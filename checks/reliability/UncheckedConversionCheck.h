//===--- UncheckedConversionCheck.h - vibeguard -----------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDCONVERSIONCHECK_H
#define VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDCONVERSIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/NameListOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds std::stoi-family conversions of text from outside the program
/// (argv, the environment, stream input, requests, database results) with
/// no enclosing try that catches their exceptions, and atoi-family
/// conversions of such text, which cannot report errors at all.
///
/// For the user-facing documentation see docs/checks/unchecked-conversion.md.
class UncheckedConversionCheck : public ClangTidyCheck {
public:
  UncheckedConversionCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  class Walk;

  /// Where an untrusted value comes from, for the diagnostic.
  struct Origin {
    const Expr *Where = nullptr;
    unsigned Kind = 0; // index into the descriptions of the message
  };
  std::optional<Origin> originOf(const Expr *E, unsigned Depth);
  /// 0: not a conversion, 1: throwing, 2: unchecked.
  unsigned conversionKind(const FunctionDecl &Fn);
  void diagnose(const CallExpr &Call, bool Throwing, const Origin &From);

  const NameListOption ThrowingConversions;
  const NameListOption UncheckedConversions;
  const NameListOption UntrustedSources;
  /// Whether 'argv[i]' counts as outside text: off by default, since the
  /// arguments are the operator's own, given once per run.
  const bool IncludeCommandLine;
  llvm::DenseMap<const FunctionDecl *, unsigned> Kinds;
  llvm::DenseMap<const FunctionDecl *, bool> Untrusted;
  /// Variables filled by stream input ('std::getline(In, Line)', 'In >> X').
  llvm::DenseMap<const VarDecl *, const Expr *> StreamTargets;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_RELIABILITY_UNCHECKEDCONVERSIONCHECK_H
