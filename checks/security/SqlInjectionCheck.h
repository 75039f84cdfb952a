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
  /// One function the statement text is handed to: the driver, or a wrapper
  /// whose parameter carries it to the driver.
  struct Hop {
    const Expr *Statement;
    const FunctionDecl *Callee;
  };
  /// Traces the statement of \p Hops.back() and reports it if it is built
  /// from run-time text, or follows it to the callers of the wrapper it is a
  /// parameter of.
  void follow(llvm::SmallVectorImpl<Hop> &Hops, bool Parameterised);
  void report(llvm::ArrayRef<Hop> Hops, const Expr &Part);

  RemoteCallCatalog Catalog;
  const NameListOption EscapeFunctions;
  const NameListOption SqlEscapeFunctions;
  const NameListOption ParameterisedSqlFunctions;
  const bool AllowNumbers;
  const std::vector<llvm::StringRef> AllEscapeFunctions;
  StringProvenance Provenance;
  llvm::DenseSet<SourceLocation> Diagnosed;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SECURITY_SQLINJECTIONCHECK_H
