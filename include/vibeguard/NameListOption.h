//===--- NameListOption.h - vibeguard ---------------------------*- C++ -*-===//
//
// Reading and validating options that hold lists of qualified names.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_NAMELISTOPTION_H
#define VIBEGUARD_NAMELISTOPTION_H

#include "vibeguard/Catalog.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::vibeguard {

/// A ';'-separated list of qualified names, read from a check option (or the
/// global option of the same name) and validated once.
class NameListOption {
public:
  /// Reads \p Entry from \p Check's options. Entries that are not qualified
  /// names are reported through configurationDiag() and dropped, so a typo in
  /// .clang-tidy is an error the user sees, not a silently empty list.
  NameListOption(const ClangTidyCheck &Check,
                 const ClangTidyCheck::OptionsView &Options,
                 const catalog::NameList &Entry);

  /// The names, ready for hasAnyName().
  const std::vector<llvm::StringRef> &names() const { return Names; }

  /// Writes the option back as it was given, for --dump-config.
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;

private:
  llvm::StringRef OptionName;
  std::string RawValue;
  std::vector<std::string> Storage;
  std::vector<llvm::StringRef> Names;
};

/// The ';'-separated entries of an option that is not a list of names
/// (words, paths), trimmed, empty ones dropped.
std::vector<std::string> splitOptionList(llvm::StringRef List);

/// True if \p Name is a (possibly '::'-prefixed) C++ qualified identifier.
bool isQualifiedName(llvm::StringRef Name);

/// Matches \p D against \p Names the way hasAnyName() does: a name starting
/// with '::' must match the whole qualified name, any other name its trailing
/// components; inline namespaces (std::__1, std::__cxx11) are ignored.
bool matchesAnyName(const NamedDecl &D, llvm::ArrayRef<llvm::StringRef> Names);

} // namespace clang::tidy::vibeguard

#endif // VIBEGUARD_NAMELISTOPTION_H
