//===--- Handles.cpp - vibeguard ------------------------------------------===//

#include "vibeguard/Handles.h"
#include "vibeguard/Catalog.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/Type.h"

namespace clang::tidy::vibeguard {

static llvm::StringRef displayName(llvm::StringRef Pattern) {
  Pattern.consume_front("::");
  Pattern.consume_back("*");
  return Pattern;
}

llvm::StringRef HandleKind::releaseName() const {
  return Releases.empty() ? llvm::StringRef() : displayName(Releases.front());
}

bool HandleKind::isMemory() const {
  return llvm::any_of(Releases, [](const std::string &Release) {
    return displayName(Release) == "free";
  });
}

static bool isNamePattern(llvm::StringRef Pattern) {
  Pattern.consume_back("*");
  return isQualifiedName(Pattern);
}

HandleCatalog::HandleCatalog(const ClangTidyCheck &Check,
                             const ClangTidyCheck::OptionsView &Options)
    : RawValue(Options.getLocalOrGlobal(catalog::Handles.OptionName,
                                        catalog::Handles.Default)) {
  auto Add = [&](llvm::StringRef Entry, bool FromOption) {
    const std::pair<llvm::StringRef, llvm::StringRef> Sides = Entry.split('=');
    const llvm::StringRef Acquire = Sides.first.trim();
    const llvm::StringRef Release = Sides.second.trim();
    if (!isNamePattern(Acquire) || !isNamePattern(Release)) {
      if (FromOption)
        Check.configurationDiag(
            "invalid entry '%0' in option '%1': expected 'acquire=release' "
            "with two qualified names such as '::pool_get=::pool_put' (a "
            "name may end in '*'); the entry is ignored")
            << Entry << catalog::Handles.OptionName;
      return;
    }
    auto It = llvm::find_if(
        Kinds, [&](const HandleKind &K) { return K.Acquire == Acquire; });
    if (It == Kinds.end()) {
      Kinds.push_back({Acquire.str(), {}});
      It = std::prev(Kinds.end());
    }
    if (!llvm::is_contained(It->Releases, Release))
      It->Releases.push_back(Release.str());
  };
  for (const std::string &Entry : splitOptionList(catalog::HandlePairs))
    Add(Entry, false);
  for (const std::string &Entry : splitOptionList(RawValue))
    Add(Entry, true);
}

void HandleCatalog::store(const ClangTidyCheck::OptionsView &Options,
                          ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, catalog::Handles.OptionName, RawValue);
}

void HandleCatalog::clearCache() {
  Acquires.clear();
  Releases.clear();
}

bool matchesNamePattern(const NamedDecl &D, llvm::StringRef Pattern) {
  if (!Pattern.ends_with("*"))
    return matchesAnyName(D, {Pattern});
  if (!D.getDeclName().isIdentifier())
    return false;
  // Put D's own last component in place of the wildcard one, and compare
  // the qualifiers the usual way.
  const llvm::StringRef Prefix = Pattern.drop_back();
  const size_t Separator = Prefix.rfind("::");
  const llvm::StringRef Qualifier = Separator == llvm::StringRef::npos
                                        ? ""
                                        : Prefix.take_front(Separator + 2);
  const llvm::StringRef Stem = Separator == llvm::StringRef::npos
                                   ? Prefix
                                   : Prefix.drop_front(Separator + 2);
  if (!D.getName().starts_with(Stem))
    return false;
  const std::string Candidate = (Qualifier + D.getName()).str();
  return matchesAnyName(D, {Candidate});
}

const HandleKind *HandleCatalog::acquiredBy(const FunctionDecl &Fn) {
  auto [It, Inserted] = Acquires.try_emplace(&Fn, nullptr);
  if (Inserted)
    for (const HandleKind &Kind : Kinds)
      if (matchesNamePattern(Fn, Kind.Acquire)) {
        It->second = &Kind;
        break;
      }
  return It->second;
}

bool HandleCatalog::releases(const HandleKind &Kind, const FunctionDecl &Fn) {
  return llvm::any_of(Kind.Releases, [&](const std::string &Release) {
    return matchesNamePattern(Fn, Release);
  });
}

bool HandleCatalog::releasesAny(const FunctionDecl &Fn) {
  auto [It, Inserted] = Releases.try_emplace(&Fn, false);
  if (Inserted)
    It->second = llvm::any_of(
        Kinds, [&](const HandleKind &Kind) { return releases(Kind, Fn); });
  return It->second;
}

std::optional<unsigned> outParameterOf(const FunctionDecl &Fn) {
  if (Fn.getReturnType()->isPointerType())
    return std::nullopt;
  for (unsigned I = 0; I < Fn.getNumParams(); ++I) {
    const QualType Type = Fn.getParamDecl(I)->getType().getCanonicalType();
    if (!Type->isPointerType())
      continue;
    const QualType Pointee = Type->getPointeeType();
    if (!Pointee->isPointerType())
      continue;
    const QualType Target = Pointee->getPointeeType();
    if (Target->isRecordType() || Target->isVoidType())
      return I;
  }
  return std::nullopt;
}

} // namespace clang::tidy::vibeguard
