//===--- FaultyPlugin.cpp - vibeguard test support ------------------------===//
//
// A plugin with one deliberately broken check, built with the sanitizers like
// libvibeguard-sanitized.so: the robustness harness must report its memory
// error, or it could not catch one in the real checks either.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include <memory>

namespace clang::tidy::vibeguard_test {

class ReadsPastEndCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override {
    using namespace ast_matchers;
    Finder->addMatcher(functionDecl(isDefinition()).bind("f"), this);
  }
  void check(const ast_matchers::MatchFinder::MatchResult &) override {
    auto Buffer = std::make_unique<int[]>(2);
    volatile int *Past = Buffer.get() + 2; // one past the end
    Sink = *Past;
  }

private:
  int Sink = 0;
};

class FaultyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<ReadsPastEndCheck>("vibeguard-test-reads-past-end");
  }
};

} // namespace clang::tidy::vibeguard_test

namespace clang::tidy {
static ClangTidyModuleRegistry::Add<vibeguard_test::FaultyModule>
    X("vibeguard-test-faulty-module", "A check with a memory error.");
} // namespace clang::tidy
