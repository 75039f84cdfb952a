//===--- PlaceholderCodeCheck.h - vibeguard ---------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_RELIABILITY_PLACEHOLDERCODECHECK_H
#define VIBEGUARD_CHECKS_RELIABILITY_PLACEHOLDERCODECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/Support/Regex.h"
#include <string>
#include <vector>

namespace clang::tidy::vibeguard {

/// Finds code left unfinished: comments inside function bodies that say the
/// real implementation is still to come, and functions whose name promises
/// a check (validate, authenticate, hash, ...) but whose whole body returns
/// a constant or throws "not implemented".
///
/// For the user-facing documentation see docs/checks/placeholder-code.md.
class PlaceholderCodeCheck : public ClangTidyCheck {
public:
  PlaceholderCodeCheck(StringRef Name, ClangTidyContext *Context);
  ~PlaceholderCodeCheck() override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  class CommentCollector;

  bool isTestFile(SourceLocation Loc, const SourceManager &SM) const;
  /// The phrase of Phrases that \p Comment contains, or an empty string.
  llvm::StringRef placeholderPhrase(llvm::StringRef Comment) const;
  /// The prefix of StubNames that \p Name starts with, or an empty string.
  llvm::StringRef promisedWork(llvm::StringRef Name) const;
  void checkStub(const FunctionDecl &Fn, const SourceManager &SM);

  const std::string RawPhrases;
  const std::string RawStubNames;
  const std::string TestFilePattern;
  std::vector<std::string> Phrases;
  std::vector<std::string> StubNames;
  llvm::Regex TestFiles;

  std::unique_ptr<CommentCollector> Collector;
  /// Comments of the main file and project headers, in source order per file.
  std::vector<SourceRange> Comments;
  /// Bodies of the project's functions, and how many statements each has.
  struct Body {
    SourceRange Range;
    unsigned Statements;
  };
  std::vector<Body> Bodies;
  const SourceManager *Sources = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_RELIABILITY_PLACEHOLDERCODECHECK_H
