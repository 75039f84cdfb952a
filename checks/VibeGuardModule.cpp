//===--- VibeGuardModule.cpp - vibeguard ----------------------------------===//
//
// Registers every vibeguard check, in alphabetical order. Nothing else.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyModule.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR < 22 // merged into ClangTidyModule.h in LLVM 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include "concurrency/BlockingCallUnderLockCheck.h"
#include "concurrency/DetachedThreadCheck.h"
#include "concurrency/InconsistentLockingCheck.h"
#include "concurrency/LockOrderInversionCheck.h"
#include "concurrency/SleepAsSynchronizationCheck.h"
#include "concurrency/UnsafeLazyInitCheck.h"
#include "reliability/PlaceholderCodeCheck.h"
#include "reliability/SwallowedExceptionCheck.h"
#include "reliability/UncheckedConversionCheck.h"
#include "reliability/UncheckedFindCheck.h"
#include "reliability/UncheckedNullReturnCheck.h"
#include "reliability/UnreleasedHandleCheck.h"
#include "scale/LinearLookupInLoopCheck.h"
#include "scale/QuadraticContainerOpCheck.h"
#include "scale/QueryInLoopCheck.h"
#include "scale/RegexInLoopCheck.h"
#include "scale/UnboundedCacheCheck.h"
#include "scale/WriteLoopWithoutTransactionCheck.h"
#include "security/CommandInjectionCheck.h"
#include "security/HardcodedSecretCheck.h"
#include "security/SqlInjectionCheck.h"
#include "security/UnauthenticatedRouteCheck.h"

namespace clang::tidy::vibeguard {

class VibeGuardModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<BlockingCallUnderLockCheck>(
        "vibeguard-blocking-call-under-lock");
    CheckFactories.registerCheck<CommandInjectionCheck>(
        "vibeguard-command-injection");
    CheckFactories.registerCheck<DetachedThreadCheck>(
        "vibeguard-detached-thread");
    CheckFactories.registerCheck<HardcodedSecretCheck>(
        "vibeguard-hardcoded-secret");
    CheckFactories.registerCheck<InconsistentLockingCheck>(
        "vibeguard-inconsistent-locking");
    CheckFactories.registerCheck<LinearLookupInLoopCheck>(
        "vibeguard-linear-lookup-in-loop");
    CheckFactories.registerCheck<LockOrderInversionCheck>(
        "vibeguard-lock-order-inversion");
    CheckFactories.registerCheck<PlaceholderCodeCheck>(
        "vibeguard-placeholder-code");
    CheckFactories.registerCheck<QuadraticContainerOpCheck>(
        "vibeguard-quadratic-container-op");
    CheckFactories.registerCheck<QueryInLoopCheck>("vibeguard-query-in-loop");
    CheckFactories.registerCheck<RegexInLoopCheck>("vibeguard-regex-in-loop");
    CheckFactories.registerCheck<SleepAsSynchronizationCheck>(
        "vibeguard-sleep-as-synchronization");
    CheckFactories.registerCheck<SqlInjectionCheck>("vibeguard-sql-injection");
    CheckFactories.registerCheck<SwallowedExceptionCheck>(
        "vibeguard-swallowed-exception");
    CheckFactories.registerCheck<UnauthenticatedRouteCheck>(
        "vibeguard-unauthenticated-route");
    CheckFactories.registerCheck<UnboundedCacheCheck>(
        "vibeguard-unbounded-cache");
    CheckFactories.registerCheck<UncheckedConversionCheck>(
        "vibeguard-unchecked-conversion");
    CheckFactories.registerCheck<UncheckedFindCheck>(
        "vibeguard-unchecked-find");
    CheckFactories.registerCheck<UncheckedNullReturnCheck>(
        "vibeguard-unchecked-null-return");
    CheckFactories.registerCheck<UnreleasedHandleCheck>(
        "vibeguard-unreleased-handle");
    CheckFactories.registerCheck<UnsafeLazyInitCheck>(
        "vibeguard-unsafe-lazy-init");
    CheckFactories.registerCheck<WriteLoopWithoutTransactionCheck>(
        "vibeguard-write-loop-without-transaction");
  }
};

} // namespace clang::tidy::vibeguard

namespace clang::tidy {

static ClangTidyModuleRegistry::Add<vibeguard::VibeGuardModule>
    X("vibeguard-module",
      "Checks for code that breaks at real-world scale.");

} // namespace clang::tidy
