//===--- UnboundedCacheCheck.cpp - vibeguard ------------------------------===//

#include "UnboundedCacheCheck.h"
#include "vibeguard/CallPaths.h"
#include "vibeguard/Containers.h"
#include "vibeguard/Stability.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

static constexpr llvm::StringLiteral DefaultInitFunctionPattern =
    "^([Ii]nit|[Ss]etup|[Rr]egister|[Cc]onfigure)";

UnboundedCacheCheck::UnboundedCacheCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      GrowableContainers(*this, Options, catalog::GrowableContainers),
      IterationAlgorithms(*this, Options, catalog::IterationAlgorithms),
      InitFunctionPattern(
          Options.get("InitFunctionPattern", DefaultInitFunctionPattern)),
      InitFunctionRegex(InitFunctionPattern),
      Loops(IterationAlgorithms.names()) {
  std::string Error;
  if (!InitFunctionRegex.isValid(Error)) {
    configurationDiag("invalid regular expression '%0' in option "
                      "'InitFunctionPattern': %1; the option is ignored")
        << InitFunctionPattern << Error;
    InitFunctionRegex = llvm::Regex("$^");
  }
}

void UnboundedCacheCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  GrowableContainers.store(Options, Opts);
  IterationAlgorithms.store(Options, Opts);
  Options.store(Opts, "InitFunctionPattern", InitFunctionPattern);
}

void UnboundedCacheCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
  // Which objects live as long as the process: those in static storage, and
  // what they hold.
  Finder->addMatcher(
      varDecl(hasGlobalStorage(), unless(isExpansionInSystemHeader()))
          .bind("static"),
      this);
  Finder->addMatcher(
      cxxRecordDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("class"),
      this);
}

void UnboundedCacheCheck::onStartOfTranslationUnit() {
  Loops.clear();
  IsGrowable.clear();
  Usages.clear();
  SizeChecked.clear();
  LookedUp.clear();
  StaticClasses.clear();
  Holders.clear();
  LongLived.clear();
  Callers.clear();
  CalleeNames.clear();
  Escaped.clear();
}

void UnboundedCacheCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("static")) {
    recordStaticObject(*Var);
    return;
  }
  if (const auto *Class = Result.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    recordClass(*Class);
    return;
  }
  Root = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (Root)
    Loops.walkFunction(*Root, [this](const Stmt &S, const LoopContext &Where) {
      visit(S, Where);
    });
}

// The class of \p Type, also when it is a dependent specialization such as
// 'std::map<K, int>' inside a template.
static const CXXRecordDecl *classOf(QualType Type) {
  if (const CXXRecordDecl *Class = Type->getAsCXXRecordDecl())
    return Class;
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *Template =
            Specialization->getTemplateName().getAsTemplateDecl())
      return dyn_cast_or_null<CXXRecordDecl>(Template->getTemplatedDecl());
  return nullptr;
}

// ---- How long the object around a data member lives ------------------------

// One declaration for a class and all its template instantiations.
static const CXXRecordDecl *normalClass(const CXXRecordDecl *Class) {
  if (!Class)
    return nullptr;
  if (const auto *Specialization =
          dyn_cast<ClassTemplateSpecializationDecl>(Class))
    if (const ClassTemplateDecl *Template =
            Specialization->getSpecializedTemplate())
      Class = Template->getTemplatedDecl();
  return Class->getCanonicalDecl();
}

// The class of the object a variable or member of \p Type keeps alive: the
// type itself, the element of an array, the pointee of a raw or smart pointer.
static const CXXRecordDecl *heldClass(QualType Type) {
  for (int Depth = 0; Depth < 4 && !Type.isNull(); ++Depth) {
    Type = Type.getNonReferenceType();
    if (const ArrayType *Array = Type->getAsArrayTypeUnsafe()) {
      Type = Array->getElementType();
      continue;
    }
    if (Type->isPointerType()) {
      Type = Type->getPointeeType();
      continue;
    }
    const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
    const auto *Pointer =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(Class);
    if (Pointer && Pointer->isInStdNamespace() && Pointer->getIdentifier() &&
        (Pointer->getName() == "unique_ptr" ||
         Pointer->getName() == "shared_ptr") &&
        Pointer->getTemplateArgs().size() > 0 &&
        Pointer->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
      Type = Pointer->getTemplateArgs()[0].getAsType();
      continue;
    }
    return Class;
  }
  return nullptr;
}

static void addWithBases(const CXXRecordDecl *Class,
                         llvm::DenseSet<const CXXRecordDecl *> &Classes) {
  if (!Class || !Classes.insert(normalClass(Class)).second ||
      !Class->hasDefinition())
    return;
  for (const CXXBaseSpecifier &Base : Class->getDefinition()->bases())
    addWithBases(Base.getType()->getAsCXXRecordDecl(), Classes);
}

void UnboundedCacheCheck::recordStaticObject(const VarDecl &Var) {
  addWithBases(heldClass(Var.getType()), StaticClasses);
}

void UnboundedCacheCheck::recordClass(const CXXRecordDecl &Class) {
  // A base is as long-lived as the objects derived from it, and a member as
  // long-lived as the object that holds it.
  const CXXRecordDecl *Holder = normalClass(&Class);
  for (const CXXBaseSpecifier &Base : Class.bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      Holders[normalClass(BaseClass)].push_back(Holder);
  for (const FieldDecl *Field : Class.fields())
    if (const CXXRecordDecl *Held = heldClass(Field->getType()))
      Holders[normalClass(Held)].push_back(Holder);
}

static bool containsAny(llvm::StringRef Name,
                        llvm::ArrayRef<llvm::StringRef> Words) {
  const std::string Lower = Name.lower();
  return llvm::any_of(Words, [&Lower](llvm::StringRef Word) {
    return llvm::StringRef(Lower).contains(Word);
  });
}

// Names of the classes a process creates once and keeps.
static const llvm::StringRef ServiceWords[] = {
    "service", "server", "manager", "registry", "cache", "memo", "pool"};

// 'static Server &instance()': the class keeps one object for the process.
static bool hasSingletonAccessor(const CXXRecordDecl &Class) {
  const CXXRecordDecl *Definition = Class.getDefinition();
  if (!Definition)
    return false;
  return llvm::any_of(Definition->methods(), [&Class](const CXXMethodDecl *M) {
    const QualType Returned = M->getReturnType();
    return M->isStatic() &&
           (Returned->isReferenceType() || Returned->isPointerType()) &&
           normalClass(Returned->getPointeeType()->getAsCXXRecordDecl()) ==
               normalClass(&Class);
  });
}

bool UnboundedCacheCheck::isLongLived(const CXXRecordDecl *Class) {
  Class = normalClass(Class);
  if (!Class)
    return false;
  if (auto It = LongLived.find(Class); It != LongLived.end())
    return It->second;
  LongLived[Class] = false; // holders may form a cycle
  bool Result = StaticClasses.count(Class) ||
                (Class->getIdentifier() &&
                 containsAny(Class->getName(), ServiceWords)) ||
                hasSingletonAccessor(*Class);
  if (!Result)
    for (const CXXRecordDecl *Holder : Holders.lookup(Class))
      if (isLongLived(Holder)) {
        Result = true;
        break;
      }
  LongLived[Class] = Result;
  return Result;
}

bool UnboundedCacheCheck::isLongLivedMember(const FieldDecl &Field) {
  static const llvm::StringRef CacheWords[] = {"cache", "memo"};
  return containsAny(Field.getName(), CacheWords) ||
         isLongLived(dyn_cast<CXXRecordDecl>(Field.getParent()));
}

// A member function that may evict, declared in the class but defined in
// another translation unit: 'void Clear();'.
static bool mayEvictElsewhere(const FieldDecl &Field) {
  const CXXRecordDecl *Class = normalClass(dyn_cast<CXXRecordDecl>(Field.getParent()));
  if (!Class || !(Class = Class->getDefinition()))
    return false;
  static const llvm::StringRef Evictions[] = {
      "clear", "reset", "flush", "remove", "erase", "evict",
      "purge", "prune", "trim",  "expire", "drop",  "shrink"};
  return llvm::any_of(Class->methods(), [](const CXXMethodDecl *M) {
    if (!M->getIdentifier() || M->hasBody() || M->isDeleted() ||
        M->isDefaulted())
      return false;
    const std::string Lower = M->getName().lower();
    return llvm::any_of(Evictions, [&Lower](llvm::StringRef Word) {
      return llvm::StringRef(Lower).starts_with(Word);
    });
  });
}

const ValueDecl *UnboundedCacheCheck::container(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    D = Member->getMemberDecl();
  if (!D)
    return nullptr;
  // Long-lived: a data member, or a variable with static storage duration.
  if (const auto *Var = dyn_cast<VarDecl>(D)) {
    if (!Var->hasGlobalStorage())
      return nullptr;
  } else if (!isa<FieldDecl>(D)) {
    return nullptr;
  }
  const QualType Type = D->getType();
  if (Type.isConstQualified() || Type->isReferenceType() ||
      D->getASTContext().getSourceManager().isInSystemHeader(D->getLocation()))
    return nullptr;
  const CXXRecordDecl *Class = classOf(Type);
  if (!Class)
    return nullptr;
  auto [It, Inserted] = IsGrowable.try_emplace(Class, false);
  if (Inserted)
    It->second = matchesAnyName(*Class, GrowableContainers.names());
  return It->second ? cast<ValueDecl>(D->getCanonicalDecl()) : nullptr;
}

void UnboundedCacheCheck::grow(const ValueDecl *Container, const Stmt &Where,
                               const FunctionDecl *Fn) {
  Usage &U = Usages[Container->getLocation()];
  U.Decl = Container;
  U.Growths.push_back({&Where, Fn});
}

void UnboundedCacheCheck::release(const ValueDecl *Container) {
  Usage &U = Usages[Container->getLocation()];
  U.Decl = Container;
  U.Released = true;
}

static bool isGrowingMethod(llvm::StringRef Name) {
  static const llvm::StringRef Names[] = {
      "push_back", "emplace_back", "push_front",  "emplace_front",
      "splice",    "insert_range", "append_range"};
  return isInsertingMethod(Name) || llvm::is_contained(Names, Name);
}

static bool isShrinkingMethod(llvm::StringRef Name) {
  static const llvm::StringRef Names[] = {
      "erase",  "clear",  "pop_back", "pop_front", "extract", "swap",
      "resize", "assign", "remove",   "remove_if", "unique",  "erase_after"};
  return llvm::is_contained(Names, Name);
}

static bool isLookupMethod(llvm::StringRef Name) {
  static const llvm::StringRef Names[] = {
      "find",        "count",       "contains",   "at",
      "lower_bound", "upper_bound", "equal_range"};
  return llvm::is_contained(Names, Name);
}

// Maps declare their value type as 'mapped_type'.
static bool isMap(const CXXRecordDecl &Class) {
  const IdentifierInfo &Name = Class.getASTContext().Idents.get("mapped_type");
  return !Class.lookup(&Name).empty();
}

// A key that is the same on every call: 'Counters["requests"]++' adds one
// entry, once, however often it runs.
static bool isConstantKey(const Expr *Key, const LoopContextWalker &Loops) {
  return Key && stabilityOf(*Key, nullptr, Loops) == Stability::Constant;
}

// True if \p Call adds to a map under a constant key: 'emplace("x", V)',
// 'try_emplace("x")', 'insert({"x", V})'.
static bool hasConstantKey(const CXXMemberCallExpr &Call,
                           const LoopContextWalker &Loops) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || !isMap(*Method->getParent()) || Call.getNumArgs() == 0)
    return false;
  const llvm::StringRef Name = Method->getName();
  const Expr *First = Call.getArg(0);
  if (Name == "insert") {
    // The pair is built in place, from a braced list or its constructor.
    const Expr *Pair = stripConversions(First);
    if (const auto *List = dyn_cast_or_null<InitListExpr>(Pair);
        List && List->getNumInits() == 2)
      First = List->getInit(0);
    else if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Pair);
             Construct && Construct->getNumArgs() == 2)
      First = Construct->getArg(0);
    else
      return false;
  } else if (Name != "emplace" && Name != "try_emplace" &&
             Name != "insert_or_assign") {
    return false;
  }
  return isConstantKey(First, Loops);
}

// A parameter through which the callee may empty or replace the argument.
static bool mayModifyThrough(const ParmVarDecl *Param) {
  if (!Param)
    return true; // variadic, or unknown
  const QualType Type = Param->getType();
  if (const auto *Ref = Type->getAs<ReferenceType>())
    return !Ref->getPointeeType().isConstQualified();
  if (const auto *Pointer = Type->getAs<PointerType>())
    return !Pointer->getPointeeType().isConstQualified();
  return Type->isDependentType();
}

void UnboundedCacheCheck::visit(const Stmt &S, const LoopContext &) {
  // Who calls whom, to tell the helpers only initialization code calls.
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Root)
      Callers[Callee->getCanonicalDecl()].push_back(Root);
    CalleeNames.insert(Call->getCallee()->IgnoreParenImpCasts());
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S);
             Ref && !CalleeNames.contains(Ref)) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl()))
      Escaped.insert(Fn->getCanonicalDecl());
  }
  // Arguments: handing the container to code that may modify it counts as
  // releasing it, since we cannot see what that code does.
  auto CheckArguments = [this](const FunctionDecl *Callee,
                               llvm::ArrayRef<const Expr *> Args,
                               unsigned FirstParam) {
    for (unsigned I = 0; I < Args.size(); ++I) {
      const ValueDecl *D = container(Args[I]);
      if (!D)
        continue;
      const unsigned ParamIndex = I + FirstParam;
      const ParmVarDecl *Param = Callee && ParamIndex < Callee->getNumParams()
                                     ? Callee->getParamDecl(ParamIndex)
                                     : nullptr;
      if (mayModifyThrough(Param))
        release(D);
    }
  };

  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(&S)) {
    const CXXMethodDecl *Method = MemberCall->getMethodDecl();
    CheckArguments(Method, {MemberCall->getArgs(), MemberCall->getNumArgs()},
                   0);
    const ValueDecl *D = container(MemberCall->getImplicitObjectArgument());
    if (!D || !Method || !Method->getDeclName().isIdentifier())
      return;
    const llvm::StringRef Name = Method->getName();
    if (isGrowingMethod(Name)) {
      if (!hasConstantKey(*MemberCall, Loops))
        grow(D, S, Root);
    } else if (isShrinkingMethod(Name)) {
      release(D);
    } else if (Name == "size" || Name == "empty") {
      // 'if (Table.empty())' fills it once; 'size() < Max' bounds it.
      SizeChecked.insert({Root, D->getLocation()});
    }
    else if (isLookupMethod(Name))
      LookedUp.insert({Root, D->getLocation()});
    return;
  }
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(&S)) {
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(OpCall->getDirectCallee());
    llvm::ArrayRef<const Expr *> Args(OpCall->getArgs(), OpCall->getNumArgs());
    if (!Method) {
      CheckArguments(OpCall->getDirectCallee(), Args, 0);
      return;
    }
    CheckArguments(Method, Args.drop_front(), 0);
    const ValueDecl *D = Args.empty() ? nullptr : container(Args.front());
    if (!D)
      return;
    // 'cache[key]' inserts into maps; a vector's subscript never grows.
    if (OpCall->getOperator() == OO_Subscript && !Method->isConst() &&
        isMap(*Method->getParent())) {
      if (Args.size() < 2 || !isConstantKey(Args[1], Loops))
        grow(D, S, Root);
    }
    else if (OpCall->isAssignmentOp())
      release(D);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    // Calls in templates, where the container's type is still dependent.
    const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    const Expr *Base = nullptr;
    DeclarationName Member;
    if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
      Base = Dependent->isImplicitAccess() ? nullptr : Dependent->getBase();
      Member = Dependent->getMember();
    } else if (const auto *Unresolved =
                   dyn_cast<UnresolvedMemberExpr>(Callee)) {
      Base = Unresolved->isImplicitAccess() ? nullptr : Unresolved->getBase();
      Member = Unresolved->getMemberName();
    }
    if (Member.isIdentifier() && isShrinkingMethod(Member.getAsString()))
      if (const ValueDecl *D = container(Base))
        release(D);
    CheckArguments(Call->getDirectCallee(),
                   {Call->getArgs(), Call->getNumArgs()}, 0);
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    CheckArguments(Construct->getConstructor(),
                   {Construct->getArgs(), Construct->getNumArgs()}, 0);
    return;
  }
  if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
    // 'auto &ref = cache;' or 'auto *p = &cache;': modified out of sight.
    for (const Decl *Declared : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(Declared);
          Var && Var->getInit() &&
          (Var->getType()->isReferenceType() ||
           Var->getType()->isPointerType()) &&
          !Var->getType()->getPointeeType().isConstQualified())
        if (const ValueDecl *D = container(Var->getInit()))
          release(D);
    return;
  }
  if (const auto *Return = dyn_cast<ReturnStmt>(&S)) {
    const QualType Returned = Root->getReturnType();
    if ((Returned->isReferenceType() || Returned->isPointerType()) &&
        !Returned->getPointeeType().isConstQualified())
      if (const ValueDecl *D = container(Return->getRetValue()))
        release(D);
  }
}

// A collection class's own adder ('ExpectationSet::operator+=',
// 'Arguments::AddArgument'): the member is the collection, and whoever owns
// the object decides how long it lives. A function that also looks the
// container up is memoizing, and a container or class named like a cache is
// one.
bool UnboundedCacheCheck::isCollectionAdder(const FunctionDecl &Fn,
                                            const ValueDecl &Container) const {
  const auto *Field = dyn_cast<FieldDecl>(&Container);
  const auto *Method = dyn_cast<CXXMethodDecl>(&Fn);
  if (!Field || !Method || Method->isStatic() ||
      Method->getParent()->getCanonicalDecl() !=
          Field->getParent()->getCanonicalDecl() ||
      LookedUp.count({&Fn, Container.getLocation()}))
    return false;
  auto SaysCache = [](llvm::StringRef Name) {
    const std::string Lower = Name.lower();
    return llvm::StringRef(Lower).contains("cache") ||
           llvm::StringRef(Lower).contains("memo");
  };
  if (SaysCache(Field->getName()) || SaysCache(Method->getParent()->getName()))
    return false;
  if (Method->isOverloadedOperator())
    return true;
  if (!Method->getDeclName().isIdentifier())
    return false;
  const std::string Name = Method->getName().lower();
  return llvm::any_of(llvm::ArrayRef<llvm::StringRef>{"add", "append", "push",
                                                      "insert", "emplace",
                                                      "register", "enqueue"},
                      [&Name](llvm::StringRef Prefix) {
                        return llvm::StringRef(Name).starts_with(Prefix);
                      });
}

// True if \p Name starts with the word \p Prefix: 'addRoute', 'add_route',
// 'Add', not 'address'.
static bool startsWithWord(llvm::StringRef Name, llvm::StringRef Prefix) {
  if (Name.size() < Prefix.size() ||
      !Name.take_front(Prefix.size()).equals_insensitive(Prefix))
    return false;
  if (Name.size() == Prefix.size())
    return true;
  const char Next = Name[Prefix.size()];
  return isUppercase(Next) || isDigit(Next) || Next == '_';
}

// A container of callables is a table of handlers.
static bool holdsCallables(QualType Type) {
  const auto *Class = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  if (!Class)
    return false;
  return llvm::any_of(
      Class->getTemplateArgs().asArray(), [](const TemplateArgument &Arg) {
        if (Arg.getKind() != TemplateArgument::Type)
          return false;
        const QualType Element = Arg.getAsType();
        if (Element->isFunctionPointerType() ||
            Element->isMemberFunctionPointerType())
          return true;
        const CXXRecordDecl *Record = Element->getAsCXXRecordDecl();
        return Record && Record->hasDefinition() &&
               !Record->lookup(Record->getASTContext()
                                   .DeclarationNames.getCXXOperatorName(
                                       OO_Call))
                    .empty();
      });
}

bool UnboundedCacheCheck::isRegistration(const FunctionDecl &Fn,
                                         const ValueDecl &Container) const {
  if (!Fn.getDeclName().isIdentifier() ||
      LookedUp.count({&Fn, Container.getLocation()}))
    return false;
  // Start-up functions are InitFunctionPattern's; these also run later,
  // but only to configure.
  static const llvm::StringRef Prefixes[] = {"add",   "set", "install",
                                             "route", "mount", "map",
                                             "load"};
  const llvm::StringRef Name = Fn.getName();
  if (llvm::any_of(Prefixes, [Name](llvm::StringRef Prefix) {
        return startsWithWord(Name, Prefix);
      }))
    return true;
  // 'on' and 'handle' also name the code that serves each event; they
  // register only what is itself a handler.
  return (startsWithWord(Name, "on") || startsWithWord(Name, "handle")) &&
         holdsCallables(Container.getType());
}

bool UnboundedCacheCheck::isInitialization(const FunctionDecl &Fn,
                                           unsigned Depth) const {
  if (isa<CXXConstructorDecl, CXXDestructorDecl>(Fn) || Fn.isMain())
    return true;
  if (Fn.getDeclName().isIdentifier() && InitFunctionRegex.match(Fn.getName()))
    return true;
  return onlyCalledDuringInitialization(Fn, Depth);
}

bool UnboundedCacheCheck::onlyCalledDuringInitialization(
    const FunctionDecl &Fn, unsigned Depth) const {
  // A few levels of helpers; a cycle of calls is not initialization.
  if (Depth >= 4)
    return false;
  const FunctionDecl *Canonical = Fn.getCanonicalDecl();
  // Callers in other translation units could call it at any time.
  const auto *Method = dyn_cast<CXXMethodDecl>(&Fn);
  const bool CalledOnlyHere =
      Fn.isInAnonymousNamespace() ||
      (!Method && Fn.getStorageClass() == SC_Static) ||
      (Method && Method->getAccess() == AS_private);
  if (!CalledOnlyHere || Escaped.contains(Canonical))
    return false;
  const auto It = Callers.find(Canonical);
  return It != Callers.end() &&
         llvm::all_of(It->second, [&](const FunctionDecl *Caller) {
           return Caller->getCanonicalDecl() != Canonical &&
                  isInitialization(*Caller, Depth + 1);
         });
}

void UnboundedCacheCheck::onEndOfTranslationUnit() {
  for (const auto &[Loc, U] : Usages) {
    if (U.Released || !U.Decl)
      continue;
    // A data member lives as long as its object: a builder's, a parser's or
    // a request's members die with it. Only members of objects that live as
    // long as the process (or named as caches) are caches.
    if (const auto *Field = dyn_cast<FieldDecl>(U.Decl);
        Field && (!isLongLivedMember(*Field) || mayEvictElsewhere(*Field)))
      continue;
    llvm::SmallVector<const Growth *, 4> PerRequest;
    llvm::DenseSet<SourceLocation> Seen;
    for (const Growth &G : U.Growths)
      if (G.Function && !isInitialization(*G.Function) &&
          !SizeChecked.count({G.Function, Loc}) &&
          !isCollectionAdder(*G.Function, *U.Decl) &&
          !isRegistration(*G.Function, *U.Decl) &&
          Seen.insert(G.Where->getBeginLoc()).second)
        PerRequest.push_back(&G);
    if (PerRequest.empty())
      continue;
    diag(U.Decl->getLocation(),
         "%0 only ever grows: every call adds entries and nothing removes "
         "them, so memory grows with traffic until the process runs out; "
         "bound it (evict old entries, cap its size, or use an LRU cache)")
        << U.Decl;
    for (const Growth *G : llvm::ArrayRef(PerRequest).take_front(3))
      diag(G->Where->getBeginLoc(), "entries are added here, in %0",
           DiagnosticIDs::Note)
          << describeCallable(*G->Function);
  }
}

} // namespace clang::tidy::vibeguard
