//===--- NameListOption.cpp - vibeguard -----------------------------------===//

#include "vibeguard/NameListOption.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/SmallString.h"

namespace clang::tidy::vibeguard {

bool isQualifiedName(llvm::StringRef Name) {
  Name.consume_front("::");
  if (Name.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, "::");
  for (llvm::StringRef Part : Parts) {
    if (Part.empty() || !isAsciiIdentifierStart(Part.front()))
      return false;
    for (char C : Part.drop_front())
      if (!isAsciiIdentifierContinue(C))
        return false;
  }
  return true;
}

NameListOption::NameListOption(const ClangTidyCheck &Check,
                               const ClangTidyCheck::OptionsView &Options,
                               const catalog::NameList &Entry)
    : OptionName(Entry.OptionName),
      RawValue(Options.getLocalOrGlobal(Entry.OptionName, Entry.Default)) {
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  llvm::StringRef(RawValue).split(Parts, ';', /*MaxSplit=*/-1,
                                  /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    if (!isQualifiedName(Part)) {
      Check.configurationDiag("invalid entry '%0' in option '%1': expected a "
                              "qualified name such as '::ns::Class' or "
                              "'ns::function'; the entry is ignored")
          << Part << OptionName;
      continue;
    }
    Storage.push_back(Part.str());
  }
  // Names point into Storage, which no longer reallocates.
  Names.assign(Storage.begin(), Storage.end());
}

void NameListOption::store(const ClangTidyCheck::OptionsView &Options,
                           ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, OptionName, RawValue);
}

// Builds D's qualified name without inline namespaces; D must be named by an
// identifier. Returns false for entities local to a function or to an
// anonymous namespace, which no configured name can denote.
static bool buildQualifiedName(const NamedDecl &D,
                               llvm::SmallVectorImpl<char> &Out) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Parts.push_back(D.getName());
  for (const DeclContext *Ctx = D.getDeclContext(); Ctx;
       Ctx = Ctx->getParent()) {
    if (isa<TranslationUnitDecl>(Ctx) || isa<LinkageSpecDecl>(Ctx))
      continue;
    if (const auto *NS = dyn_cast<NamespaceDecl>(Ctx)) {
      if (NS->isInline())
        continue;
      if (NS->isAnonymousNamespace())
        return false;
      Parts.push_back(NS->getName());
      continue;
    }
    if (const auto *Record = dyn_cast<RecordDecl>(Ctx)) {
      if (!Record->getIdentifier())
        return false;
      Parts.push_back(Record->getName());
      continue;
    }
    return false;
  }
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    Out.append({':', ':'});
    Out.append(It->begin(), It->end());
  }
  return true;
}

bool matchesAnyName(const NamedDecl &D, llvm::ArrayRef<llvm::StringRef> Names) {
  if (!D.getDeclName().isIdentifier())
    return false;
  llvm::SmallString<128> Qualified;
  if (!buildQualifiedName(D, Qualified))
    return false;
  llvm::StringRef Full = Qualified;
  for (llvm::StringRef Name : Names) {
    if (Name.starts_with("::")) {
      if (Full == Name)
        return true;
      continue;
    }
    if (Full.ends_with(Name) && Full.drop_back(Name.size()).ends_with("::"))
      return true;
  }
  return false;
}

std::vector<std::string> splitOptionList(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  List.split(Parts, ';', -1, false);
  std::vector<std::string> Result;
  for (llvm::StringRef Part : Parts)
    if (!Part.trim().empty())
      Result.push_back(Part.trim().str());
  return Result;
}

} // namespace clang::tidy::vibeguard
