//===--- HardcodedSecretCheck.h - vibeguard ---------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SECURITY_HARDCODEDSECRETCHECK_H
#define VIBEGUARD_CHECKS_SECURITY_HARDCODEDSECRETCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Regex.h"
#include <string>
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds credentials written into the source: string literals given to a
/// variable, member, parameter or key whose name says secret, literals in a
/// known credential format, and passwords passed to known APIs.
///
/// For the user-facing documentation see docs/checks/hardcoded-secret.md.
class HardcodedSecretCheck : public ClangTidyCheck {
public:
  HardcodedSecretCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  /// True if \p Name ('dbPassword', "X-Api-Key") names a credential.
  bool isSecretName(llvm::StringRef Name) const;
  bool isSecretNameUncached(llvm::StringRef Name) const;
  /// The literal \p E consists of, if it is a credential-like value (not
  /// empty, not a placeholder); null otherwise.
  const StringLiteral *secretValue(const Expr *E) const;
  /// True for values that are plainly words of a protocol, names, paths or
  /// format strings, which a credential's name alone does not make secret.
  bool isProtocolValue(llvm::StringRef Value) const;
  /// The name an assignment target or compared operand carries: a variable,
  /// a member, or the key of 'map["password"]'.
  std::string nameOf(const Expr *E) const;
  bool isIgnoredFile(SourceLocation Loc) const;

  void checkNamedValue(llvm::StringRef Name, const Expr *Value);
  void checkCall(const FunctionDecl *Callee, llvm::ArrayRef<const Expr *> Args);
  void checkLiteralFormat(const StringLiteral &Literal);
  void reportNamed(const StringLiteral &Literal, llvm::StringRef Name);

  const std::string RawNames;
  const std::string RawIgnoredValues;
  const bool IgnoreTestFiles;
  const std::string TestFilePattern;
  std::vector<std::vector<std::string>> SecretWords;
  std::vector<std::string> NotSecretWords;
  std::vector<std::string> ProtocolWords;
  llvm::Regex IgnoredValues;
  llvm::Regex TestFiles;
  llvm::Regex UrlPassword;
  llvm::Regex ConnectionPassword;
  std::vector<llvm::Regex> FormatRegexes;
  mutable llvm::StringMap<bool> SecretNameCache;
  // Local variables filled by a tokenizer (holdsParsedToken()).
  mutable llvm::DenseMap<const VarDecl *, bool> TokenVariables;
  bool holdsParsedToken(const VarDecl &Var) const;
  llvm::DenseSet<SourceLocation> Diagnosed;
  const SourceManager *SM = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SECURITY_HARDCODEDSECRETCHECK_H
