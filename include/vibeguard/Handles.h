//===--- Handles.h - vibeguard ----------------------------------*- C++ -*-===//
//
// Which calls acquire a handle (a stream, a descriptor, a connection, a
// block of memory) and which calls release it: the pairs of
// catalog::HandlePairs and the option Handles, read once and matched against
// callees.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_HANDLES_H
#define VIBEGUARD_HANDLES_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::vibeguard {

/// One kind of handle: the name (or name pattern) of the function that
/// acquires it and the names of the functions that release it.
struct HandleKind {
  std::string Acquire;
  llvm::SmallVector<std::string, 2> Releases;

  /// The first release function, as diagnostics name it: 'fclose',
  /// 'sqlite3_close'.
  llvm::StringRef releaseName() const;
  /// True for the C allocator's blocks, which diagnostics call memory.
  bool isMemory() const;
};

/// The acquire/release pairs of the catalog and of the option Handles.
class HandleCatalog {
public:
  /// Reads the option Handles ('acquire=release' pairs separated by ';');
  /// malformed entries are reported through configurationDiag() and
  /// dropped.
  HandleCatalog(const ClangTidyCheck &Check,
                const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;

  /// The kind of handle a call of \p Fn acquires, or null.
  const HandleKind *acquiredBy(const FunctionDecl &Fn);
  /// True if a call of \p Fn releases a handle of \p Kind passed to it.
  static bool releases(const HandleKind &Kind, const FunctionDecl &Fn);
  /// True if \p Fn releases handles of some kind.
  bool releasesAny(const FunctionDecl &Fn);

  /// Forgets the per-declaration answers, which belong to one translation
  /// unit.
  void clearCache();

private:
  std::string RawValue;
  // Never resized after construction: acquiredBy() hands out pointers.
  std::vector<HandleKind> Kinds;
  llvm::DenseMap<const FunctionDecl *, const HandleKind *> Acquires;
  llvm::DenseMap<const FunctionDecl *, bool> Releases;
};

/// Matches \p D against \p Pattern: a name as matchesAnyName() takes it,
/// optionally ending in '*', which stands for any rest of the last
/// component ('::sqlite3_open*' matches '::sqlite3_open_v2').
bool matchesNamePattern(const NamedDecl &D, llvm::StringRef Pattern);

/// If \p Fn stores the handle it acquires through a parameter rather than
/// returning it ('int sqlite3_open(const char *, sqlite3 **)'), that
/// parameter's index: the first pointer to a pointer to a struct (or to
/// void). std::nullopt when the result is the handle.
std::optional<unsigned> outParameterOf(const FunctionDecl &Fn);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_HANDLES_H
