//===--- RegexInLoopCheck.h - vibeguard -------------------------*- C++ -*-===//

#ifndef VIBEGUARD_CHECKS_SCALE_REGEXINLOOPCHECK_H
#define VIBEGUARD_CHECKS_SCALE_REGEXINLOOPCHECK_H

#include "vibeguard/CallPaths.h"
#include "vibeguard/LoopContext.h"
#include "vibeguard/NameListOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::vibeguard {

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
  /// A regex compiled in a loop. Template instantiations repeat it at the
  /// same location; they are merged into one finding.
  struct ConstructionInLoop {
    const CXXConstructExpr *Construct;
    const VarDecl *Var;
    const Stmt *Iteration;
    std::optional<FixItHint> Fix;
    bool InDependentContext;
  };
  /// Merges what one more instantiation says about the fix for a location:
  /// a fix is offered only if every instantiation allows it. A template's
  /// own pattern, where calls are unresolved, yields to its instantiations.
  static void mergeFix(std::optional<FixItHint> &Merged, bool &MergedDependent,
                       std::optional<FixItHint> Fix, bool Dependent);

  void visit(const Stmt &S, const LoopContext &Where);
  /// \p Where, or no repetition at all if every loop around is a short
  /// constant one: a handful of compilations, however much data there is.
  LoopContext repetitionOf(const LoopContext &Where) const;
  bool isRegexClass(const CXXRecordDecl &Class);
  void checkConstruction(const CXXConstructExpr &Construct,
                         const LoopContext &Where);
  void diagnoseConstruction(const ConstructionInLoop &Finding);
  void diagnoseCallInLoop(const CallInLoop &Call);
  /// The fix that makes the variable initialized by \p Construct a
  /// 'static const' local, if that is exactly equivalent; otherwise none.
  std::optional<FixItHint>
  staticConstFix(const CXXConstructExpr &Construct) const;

  const NameListOption RegexClasses;
  const NameListOption IterationAlgorithms;
  const unsigned MaxConstantTripCount;

  // Per translation unit; diagnostics are emitted at its end, once the
  // helpers' effects are known.
  LoopContextWalker Loops;
  const ASTContext *Context = nullptr;
  llvm::DenseMap<const CXXRecordDecl *, bool> RegexClassCache;
  EffectPaths Compilations;
  std::vector<CallInLoop> CallsInLoops;
  llvm::MapVector<SourceLocation, ConstructionInLoop> ConstructionsInLoops;
  struct HelperFix {
    std::optional<FixItHint> Fix;
    bool InDependentContext = true;
    bool Offered = false;
  };
  // Fixes for constructions in helpers, by location, offered once: with the
  // first call in a loop that reaches the construction.
  llvm::DenseMap<SourceLocation, HelperFix> HelperFixes;
  llvm::DenseSet<SourceLocation> DiagnosedCalls;
  const SourceManager *SM = nullptr;
};

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_CHECKS_SCALE_REGEXINLOOPCHECK_H
