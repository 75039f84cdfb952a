//===--- RegexInLoopCheck.h - vibeguard -------------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SCALE_REGEXINLOOPCHECK_H
#define VIBEGUARD_CHECKS_SCALE_REGEXINLOOPCHECK_H

#include "vibeguard/CallPaths.h"
#include "vibeguard/NameListOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::vibeguard {

class LoopContextFinder;

/// Finds regular expressions compiled on every iteration of a loop, directly
/// or inside a function the loop calls.
///
/// For the user-facing documentation see docs/checks/regex-in-loop.md.
class RegexInLoopCheck : public ClangTidyCheck {
public:
  RegexInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  struct CallInLoop {
    const Expr *Call;
    const FunctionDecl *Callee;
    const Stmt *Iteration;
  };

  void checkConstruction(const CXXConstructExpr &Construct,
                         const LoopContextFinder &Loops, ASTContext &Context);
  void diagnoseCallInLoop(const CallInLoop &Call);
  /// The fix that makes the variable initialized by \p Construct a
  /// 'static const' local, if that is exactly equivalent; otherwise none.
  std::optional<FixItHint> staticConstFix(const CXXConstructExpr &Construct,
                                          const LoopContextFinder &Loops,
                                          ASTContext &Context) const;

  const NameListOption RegexClasses;
  const NameListOption IterationAlgorithms;

  // Per translation unit.
  EffectPaths Compilations;
  std::vector<CallInLoop> CallsInLoops;
  // Fixes for helpers, computed when their construction is seen and offered
  // once, with the first call that reaches it.
  llvm::DenseMap<const Stmt *, std::optional<FixItHint>> HelperFixes;
  llvm::DenseSet<SourceLocation> Diagnosed;
  const SourceManager *SM = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_REGEXINLOOPCHECK_H
