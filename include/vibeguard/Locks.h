//===--- Locks.h - vibeguard ------------------------------------*- C++ -*-===//
//
// Which mutexes are held where: guards, lock()/unlock() pairs, pthread calls
// and the project's own lock wrappers, followed through every function body
// of the translation unit. The names come from Catalog.h and the option
// Locks; the concurrency checks read the held locks from here.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_LOCKS_H
#define VIBEGUARD_LOCKS_H

#include "vibeguard/NameListOption.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::vibeguard {

/// A mutex, identified by its declaration.
struct MutexRef {
  /// The variable or data member that holds the mutex; a parameter while a
  /// lock wrapper's effect is computed.
  const ValueDecl *Decl = nullptr;
  /// A data member reached through 'this' (written or implicit).
  bool OfThis = false;

  /// True if every function of the translation unit that names it means the
  /// same mutex: a variable with static storage, a static data member, or a
  /// data member of 'this'.
  bool isShared() const;
  bool operator==(const MutexRef &Other) const {
    return Decl == Other.Decl && OfThis == Other.OfThis;
  }
  /// "'Bank::Mutex'", "'Registry'", for diagnostics.
  std::string describe() const;
};

enum class LockKind { Exclusive, Shared, Try };

/// A mutex held at some point of a body.
struct HeldLock {
  MutexRef Mutex;
  /// Where it was taken: the lock call, the guard's declaration, or the call
  /// of a lock wrapper.
  const Stmt *Site = nullptr;
  LockKind Kind = LockKind::Exclusive;
  /// The guard object that releases it, or null for lock()/unlock() pairs.
  const VarDecl *Guard = nullptr;
  /// Non-zero for mutexes taken together (std::scoped_lock with several
  /// arguments, std::lock): they cannot deadlock against each other.
  unsigned Group = 0;
};

/// Where a statement runs, as the walk sees it.
struct LockPoint {
  /// The mutexes held, oldest first.
  llvm::ArrayRef<HeldLock> Held;
  /// The function, lambda call operator or block whose body holds the
  /// statement.
  const Decl *Callable = nullptr;
  /// The function definition the walk started from.
  const FunctionDecl *Function = nullptr;
  /// Set inside a lambda that does not run where it is written: one handed
  /// to a thread, stored, or passed to a function outside namespace std.
  bool Deferred = false;
};

/// What the walk reports. Every callback sees the locks held just before the
/// statement runs.
class LockVisitor {
public:
  virtual ~LockVisitor();
  /// Every statement of every walked body, parents before children.
  virtual void visit(const Stmt &S, const LockPoint &Where) {}
  /// \p Taken is about to be taken at \p Where.
  virtual void acquire(const HeldLock &Taken, const LockPoint &Where) {}
};

/// Lock knowledge (catalog and option Locks) and the walk over the bodies of
/// a translation unit.
class LockAnalysis {
public:
  LockAnalysis(const ClangTidyCheck &Check,
               const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;
  /// Forgets the last translation unit.
  void clear();

  /// Records a definition to walk; lambdas inside it are walked with it.
  void addFunction(const FunctionDecl &Fn);
  /// Walks every recorded function once, in the order they were added. The
  /// effects of lock wrappers defined in the translation unit are computed
  /// first, so a wrapper may be defined after its callers.
  void run(LockVisitor &Visitor);

  /// True for mutex types: the catalog's, pthread's, the option's.
  bool isMutexType(QualType Type);
  /// True for std::atomic and the other types shared without a lock.
  bool isAtomicType(QualType Type);
  /// True for std::async and the other AsyncFunctions of the catalog.
  bool isAsyncLaunch(const FunctionDecl &Fn);
  /// True for condition variables.
  bool isConditionVariableType(QualType Type);
  /// The mutex \p E names ('Mutex', 'this->Mutex', '&Mutex', 'Obj.Mutex').
  std::optional<MutexRef> mutexOf(const Expr *E);

private:
  class Walk;
  friend class Walk;

  /// The lock effect of a function defined in the translation unit: the
  /// mutexes it leaves taken or releases when it returns, by parameter index
  /// (for 'void take(std::mutex &M)') or as shared mutexes.
  struct WrapperEffect {
    struct Item {
      MutexRef Mutex;     // shared mutexes
      int Parameter = -1; // or the parameter that names it
      bool Release = false;
      LockKind Kind = LockKind::Exclusive;
    };
    llvm::SmallVector<Item, 1> Items;
  };
  const WrapperEffect &effectOf(const FunctionDecl &Fn, unsigned Depth);
  const FunctionDecl *definitionOf(const FunctionDecl *Fn) const;

  bool isGuardClass(const CXXRecordDecl &Record);
  bool isListed(const NamedDecl &D, llvm::ArrayRef<llvm::StringRef> Names,
                llvm::DenseMap<const NamedDecl *, bool> &Cache);
  const CXXRecordDecl *recordOf(QualType Type) const;

  const NameListOption Locks;
  std::vector<std::string> Storage;
  std::vector<llvm::StringRef> MutexClassNames, GuardClassNames,
      ConditionVariableNames, AtomicNames, LockAllNames, AsyncNames;

  llvm::DenseMap<const NamedDecl *, bool> MutexClassCache, GuardClassCache,
      ConditionVariableCache, AtomicCache, LockListCache, LockAllCache,
      AsyncCache;
  std::vector<const FunctionDecl *> Functions;
  llvm::DenseMap<const FunctionDecl *, const FunctionDecl *> Definitions;
  llvm::DenseMap<const FunctionDecl *, std::optional<WrapperEffect>> Effects;
  unsigned NextGroup = 1;
};

/// True if \p Call is a member call on 'this' (written or implicit), so the
/// callee's members of 'this' are the caller's.
bool isCallOnThis(const CallExpr &Call);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_LOCKS_H
