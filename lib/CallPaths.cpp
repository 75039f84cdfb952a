//===--- CallPaths.cpp - vibeguard ----------------------------------------===//

#include "vibeguard/CallPaths.h"
#include <deque>

namespace clang::tidy::vibeguard {

const FunctionDecl *EffectPaths::key(const FunctionDecl *Fn) {
  return Fn ? Fn->getCanonicalDecl() : nullptr;
}

void EffectPaths::addEffect(const FunctionDecl *Fn, const Stmt *Site) {
  if (!Fn || !Site)
    return;
  Reach &R = Reaches[key(Fn)];
  if (!R.Site && !R.Next.Call)
    R.Site = Site;
}

void EffectPaths::addMemberInitializerEffect(const FieldDecl *Field,
                                             const Stmt *Site) {
  if (Field && Site)
    MemberInitializerEffects.emplace_back(Field, Site);
}

void EffectPaths::addCall(const FunctionDecl *Caller, const Expr *Call,
                          const FunctionDecl *Callee) {
  if (!Caller || !Call || !Callee || key(Caller) == key(Callee))
    return;
  Callers[key(Callee)].emplace_back(key(Caller), Call);
}

// True if Ctor initializes Field with an initializer written in its own
// member-initializer list, which replaces the default member initializer.
static bool initializesExplicitly(const CXXConstructorDecl &Ctor,
                                  const FieldDecl &Field) {
  for (const CXXCtorInitializer *Init : Ctor.inits())
    if (Init->isWritten() && Init->getAnyMember() == &Field)
      return true;
  return false;
}

void EffectPaths::solve() {
  for (const auto &[Field, Site] : MemberInitializerEffects) {
    const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
    if (!Record)
      continue;
    for (const CXXConstructorDecl *Ctor : Record->ctors())
      if (!Ctor->isCopyOrMoveConstructor() &&
          !initializesExplicitly(*Ctor, *Field))
        addEffect(Ctor, Site);
  }

  // Reverse breadth-first search from the functions that perform the effect
  // themselves: every function is visited once, every call edge read once,
  // and each function keeps the shortest route it was reached by.
  std::deque<const FunctionDecl *> Queue;
  for (const auto &Entry : Reaches)
    Queue.push_back(Entry.first);
  while (!Queue.empty()) {
    const FunctionDecl *Callee = Queue.front();
    Queue.pop_front();
    auto It = Callers.find(Callee);
    if (It == Callers.end())
      continue;
    for (const auto &[Caller, Call] : It->second) {
      if (Reaches.count(Caller))
        continue;
      Reaches[Caller].Next = {Call, Callee};
      Queue.push_back(Caller);
    }
  }
}

std::optional<EffectPath>
EffectPaths::pathFrom(const FunctionDecl *Callee) const {
  EffectPath Path;
  const FunctionDecl *Current = key(Callee);
  // The search above only links a function to one reached earlier, so the
  // chain ends; the bound guards against misuse before solve().
  for (size_t Step = 0; Step <= Reaches.size(); ++Step) {
    auto It = Reaches.find(Current);
    if (It == Reaches.end())
      return std::nullopt;
    if (It->second.Site) {
      Path.Site = It->second.Site;
      return Path;
    }
    Path.Hops.push_back(It->second.Next);
    Current = It->second.Next.Callee;
  }
  return std::nullopt;
}

std::string describeCallable(const FunctionDecl &Instance) {
  // Instantiations are reported once, under the template's own name.
  const FunctionDecl &Fn = Instance.getTemplateInstantiationPattern()
                               ? *Instance.getTemplateInstantiationPattern()
                               : Instance;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Fn)) {
    if (Method->getParent()->isLambda())
      return "the lambda";
    if (isa<CXXConstructorDecl>(Method))
      return "the constructor of '" + Method->getParent()->getNameAsString() +
             "'";
  }
  return "'" + Fn.getQualifiedNameAsString() + "'";
}

std::string qualifiedNameOf(const FunctionDecl &Fn) {
  const FunctionDecl *Pattern =
      Fn.getTemplateInstantiationPattern(/*ForDefinition=*/false);
  return (Pattern ? *Pattern : Fn).getQualifiedNameAsString();
}

std::string qualifiedNameOf(const ValueDecl &D) {
  if (const auto *Fn = dyn_cast<FunctionDecl>(&D))
    return qualifiedNameOf(*Fn);
  if (const auto *Record = dyn_cast<CXXRecordDecl>(D.getDeclContext()))
    if (const CXXRecordDecl *Pattern = Record->getTemplateInstantiationPattern())
      return Pattern->getQualifiedNameAsString() + "::" + D.getNameAsString();
  return D.getQualifiedNameAsString();
}

void EffectPaths::clear() {
  Reaches.clear();
  MemberInitializerEffects.clear();
  Callers.clear();
}

} // namespace clang::tidy::vibeguard
