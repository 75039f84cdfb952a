//===--- SqlInjectionCheck.h - vibeguard ------------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SECURITY_SQLINJECTIONCHECK_H
#define VIBEGUARD_CHECKS_SECURITY_SQLINJECTIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/NameListOption.h"
#include "vibeguard/RemoteCalls.h"
#include "vibeguard/StringProvenance.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

/// Finds SQL statements built at run time from text that is not a constant
/// and not escaped, executed or prepared by a SQL call of the catalog.
///
/// For the user-facing documentation see docs/checks/sql-injection.md.
class SqlInjectionCheck : public ClangTidyCheck {
public:
  SqlInjectionCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  RemoteCallCatalog Catalog;
  const NameListOption EscapeFunctions;
  const bool AllowNumbers;
  StringProvenance Provenance;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SECURITY_SQLINJECTIONCHECK_H
