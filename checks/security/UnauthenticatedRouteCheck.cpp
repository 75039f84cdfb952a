//===--- UnauthenticatedRouteCheck.cpp - vibeguard ------------------------===//

#include "UnauthenticatedRouteCheck.h"
#include "vibeguard/Catalog.h"
#include "vibeguard/Containers.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

// 'verify_token', 'VerifyToken' -> 'verifytoken'.
static std::string squash(llvm::StringRef Name) {
  std::string Result;
  for (char C : Name)
    if (C != '_' && C != '-')
      Result.push_back(toLowercase(C));
  return Result;
}

static std::vector<std::string> squashedList(llvm::StringRef List) {
  std::vector<std::string> Result = splitOptionList(List);
  for (std::string &Entry : Result)
    Entry = squash(Entry);
  return Result;
}

UnauthenticatedRouteCheck::UnauthenticatedRouteCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawAuthFunctions(Options.get("AuthFunctions", catalog::AuthFunctions)),
      RawPublicRoutes(Options.get("PublicRoutes", catalog::PublicRoutes)),
      IncludeReadRoutes(Options.get("IncludeReadRoutes", false)),
      Remote(*this, Options),
      FileWriteFunctions(*this, Options, catalog::FileWriteFunctions),
      AuthNames(squashedList(RawAuthFunctions)),
      PublicPaths(splitOptionList(RawPublicRoutes)) {
  for (const std::string &Path : PublicPaths)
    if (!llvm::StringRef(Path).starts_with("/"))
      configurationDiag("invalid entry '%0' in option 'PublicRoutes': "
                        "expected a path starting with '/'; the entry is "
                        "ignored")
          << Path;
  llvm::erase_if(PublicPaths, [](const std::string &Path) {
    return !llvm::StringRef(Path).starts_with("/");
  });
}

void UnauthenticatedRouteCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AuthFunctions", RawAuthFunctions);
  Options.store(Opts, "PublicRoutes", RawPublicRoutes);
  Options.store(Opts, "IncludeReadRoutes", IncludeReadRoutes);
  Remote.store(Options, Opts);
  FileWriteFunctions.store(Options, Opts);
}

void UnauthenticatedRouteCheck::registerMatchers(MatchFinder *Finder) {
  const auto Project = unless(isExpansionInSystemHeader());
  Finder->addMatcher(callExpr(Project).bind("call"), this);
  Finder->addMatcher(
      ifStmt(Project, forFunction(functionDecl().bind("fn"))).bind("if"),
      this);
}

void UnauthenticatedRouteCheck::onStartOfTranslationUnit() {
  Routes.clear();
  SeenRoutes.clear();
  GuardedServers.clear();
  PreRouting.clear();
  Authenticates.clear();
  ChangesData.clear();
  Remote.clear();
}

bool UnauthenticatedRouteCheck::isAuthFunction(const NamedDecl &D) const {
  if (!D.getDeclName().isIdentifier())
    return false;
  const std::string Name = squash(D.getName());
  return llvm::any_of(AuthNames, [&Name](const std::string &Auth) {
    return llvm::StringRef(Name).contains(Auth);
  });
}

bool UnauthenticatedRouteCheck::authenticates(const FunctionDecl *Fn) {
  if (!Fn)
    return false;
  if (isAuthFunction(*Fn))
    return true;
  const FunctionDecl *Definition = Fn->getDefinition();
  if (!Definition || !Definition->getBody() ||
      Context->getSourceManager().isInSystemHeader(Definition->getLocation()))
    return false;
  auto [It, Inserted] =
      Authenticates.try_emplace(Definition->getCanonicalDecl(), false);
  if (!Inserted)
    return It->second; // known, or being computed (a cycle adds nothing)
  const bool Result = authenticates(Definition->getBody());
  Authenticates[Definition->getCanonicalDecl()] = Result;
  return Result;
}

bool UnauthenticatedRouteCheck::authenticates(const Stmt *S) {
  llvm::SmallVector<const Stmt *, 32> Work{S};
  while (!Work.empty()) {
    const Stmt *Current = Work.pop_back_val();
    if (!Current)
      continue;
    if (const auto *Literal = dyn_cast<StringLiteral>(Current);
        Literal && Literal->getCharByteWidth() == 1 &&
        llvm::is_contained(catalog::AuthHeaders, Literal->getString().lower()))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(Current))
      if (authenticates(Call->getDirectCallee()))
        return true;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Current))
      if (authenticates(Construct->getConstructor()))
        return true;
    // An enumerator such as boost::beast::http::field::authorization.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Current))
      if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
          Enumerator && llvm::is_contained(catalog::AuthHeaders,
                                           Enumerator->getName().lower()))
        return true;
    for (const Stmt *Child : Current->children())
      Work.push_back(Child);
  }
  return false;
}

// True if a write to \p E may outlive the call of \p Owner: \p E is a
// global, a member (through 'this' when \p ThisIsLocal is false), a variable
// captured from outside \p Owner, or reached through a reference to one.
static bool outlivesCall(const Expr *E, const FunctionDecl *Owner,
                         bool ThisIsLocal) {
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = E->IgnoreParenCasts();
    if (isa<CXXThisExpr>(E))
      return !ThisIsLocal;
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      E = Member->getBase();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      E = Unary->getSubExpr();
    } else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
               OpCall && OpCall->getNumArgs() > 0 &&
               llvm::is_contained({OO_Subscript, OO_Arrow, OO_Star},
                                  OpCall->getOperator())) {
      E = OpCall->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // 'store().add(x)': a reference handed out lives elsewhere.
      return Call->getCallReturnType(Owner->getASTContext())
          ->isLValueReferenceType();
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var)
        return false;
      if (Var->hasGlobalStorage())
        return true;
      const DeclContext *Context = Var->getDeclContext();
      while (Context && Context != Owner)
        Context = Context->getParent();
      if (!Context)
        return true; // captured from the function that built the handler
      if (isa<ParmVarDecl>(Var))
        return false;
      const QualType Type = Var->getType();
      if (!(Type->isReferenceType() || Type->isPointerType()) ||
          !Var->getInit())
        return false;
      E = Var->getInit(); // 'auto &items = g_items;'
    } else {
      return false;
    }
  }
  return false;
}

bool UnauthenticatedRouteCheck::changesData(const FunctionDecl *Fn) {
  if (!Fn)
    return true;
  // Implicit and defaulted members copy or build their own object.
  if (Fn->isImplicit() || Fn->isDefaulted() || Fn->isTrivial())
    return false;
  const FunctionDecl *Definition = Fn->getDefinition();
  if (!Definition || !Definition->getBody())
    return true;
  auto [It, Inserted] =
      ChangesData.try_emplace(Definition->getCanonicalDecl(), false);
  if (!Inserted)
    return It->second; // known, or being computed (a cycle adds nothing)
  // A constructor or destructor works on its own object.
  const bool Result = changesData(
      Definition->getBody(), Definition,
      isa<CXXConstructorDecl, CXXDestructorDecl>(Definition));
  ChangesData[Definition->getCanonicalDecl()] = Result;
  return Result;
}

bool UnauthenticatedRouteCheck::changesDataByCall(const Expr &Call,
                                                  const FunctionDecl *Callee,
                                                  const FunctionDecl *Owner,
                                                  bool ThisIsLocal) {
  if (!Callee)
    return true; // through a pointer: anything
  const NamedDecl *Named = Callee;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee))
    Named = Ctor->getParent();
  if (matchesAnyName(*Callee, FileWriteFunctions.names()) ||
      matchesAnyName(*Named, FileWriteFunctions.names()))
    return true;
  if (const auto *C = dyn_cast<CallExpr>(&Call); C && Remote.classify(*C))
    return true; // a database or another service
  // Shared state handed to something that may modify it: 'g_items.push_back
  // (x)', 'append(g_log, x)'.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const auto *Method = Member->getMethodDecl();
        Method && !Method->isConst() &&
        outlivesCall(Member->getImplicitObjectArgument(), Owner, ThisIsLocal))
      return true;
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    Args = {C->getArgs(), C->getNumArgs()};
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Call))
    Args = {Construct->getArgs(), Construct->getNumArgs()};
  const bool IsMemberOperator =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
  for (unsigned I = 0; I < Args.size(); ++I) {
    bool MayModify = false;
    if (IsMemberOperator && I == 0) {
      MayModify = !cast<CXXMethodDecl>(Callee)->isConst(); // 'g_count += 1'
    } else if (const unsigned Index = IsMemberOperator ? I - 1 : I;
               Index < Callee->getNumParams()) {
      const QualType Type = Callee->getParamDecl(Index)->getType();
      MayModify = (Type->isReferenceType() || Type->isPointerType()) &&
                  !Type->getPointeeType().isConstQualified();
    }
    if (MayModify && outlivesCall(Args[I], Owner, ThisIsLocal))
      return true;
  }
  // The project's own code: what it does, or anything when it is defined
  // elsewhere. Libraries change nothing the catalog does not name.
  if (Context->getSourceManager().isInSystemHeader(Callee->getLocation()))
    return false;
  return changesData(Callee);
}

bool UnauthenticatedRouteCheck::changesData(const Stmt *S,
                                            const FunctionDecl *Owner,
                                            bool ThisIsLocal) {
  if (!Owner)
    return true;
  llvm::SmallVector<const Stmt *, 32> Work{S};
  while (!Work.empty()) {
    const Stmt *Current = Work.pop_back_val();
    if (!Current)
      continue;
    if (const auto *Binary = dyn_cast<BinaryOperator>(Current);
        Binary && Binary->isAssignmentOp() &&
        outlivesCall(Binary->getLHS(), Owner, ThisIsLocal))
      return true;
    if (const auto *Unary = dyn_cast<UnaryOperator>(Current);
        Unary && Unary->isIncrementDecrementOp() &&
        outlivesCall(Unary->getSubExpr(), Owner, ThisIsLocal))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(Current))
      if (changesDataByCall(*Call, Call->getDirectCallee(), Owner,
                            ThisIsLocal))
        return true;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Current))
      if (changesDataByCall(*Construct, Construct->getConstructor(), Owner,
                            ThisIsLocal))
        return true;
    for (const Stmt *Child : Current->children())
      Work.push_back(Child);
  }
  return false;
}

bool UnauthenticatedRouteCheck::isPublic(llvm::StringRef Path) const {
  if (Path.empty())
    return false;
  return llvm::any_of(PublicPaths, [Path](llvm::StringRef Entry) {
    if (Entry.ends_with("/*")) {
      const llvm::StringRef Prefix = Entry.drop_back(1); // keeps the '/'
      return Path.starts_with(Prefix) || Path.contains(Prefix) ||
             Path == Entry.drop_back(2);
    }
    if (Path == Entry)
      return true;
    return Entry != "/" && Path.ends_with(Entry) &&
           Path[Path.size() - Entry.size()] == '/';
  });
}

// The literal a path argument is made of: 'std::string(const char *,
// const Alloc & = Alloc())' constructions included.
static const StringLiteral *literalIn(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    E = stripConversions(E);
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() >= 1)
      E = Construct->getArg(0);
    else
      break;
  }
  return dyn_cast_or_null<StringLiteral>(E);
}

const FunctionDecl *UnauthenticatedRouteCheck::handlerOf(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    E = stripConversions(E);
    if (!E)
      return nullptr;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda->getCallOperator();
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf) {
      E = AddressOf->getSubExpr();
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl()))
        return Fn;
      // 'auto handler = [](...) {...}; server.Post("/x", handler);'
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
        E = Var->getInit();
        continue;
      }
      return nullptr;
    }
    // 'Routes::bind(&Api::create, this)', 'std::bind(&Api::create, ...)'
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->getIdentifier() && Callee->getName() == "bind" &&
          Call->getNumArgs() > 0) {
        E = Call->getArg(0);
        continue;
      }
    }
    return nullptr;
  }
  return nullptr;
}

void UnauthenticatedRouteCheck::addRoute(Route R) {
  if (R.Loc.isInvalid() || !SeenRoutes.insert(R.Loc).second)
    return;
  Routes.push_back(std::move(R));
}

void UnauthenticatedRouteCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *If = Result.Nodes.getNodeAs<IfStmt>("if")) {
    checkBeastDispatch(*If, Result.Nodes.getNodeAs<FunctionDecl>("fn"));
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || Call->isTypeDependent())
    return;
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (OpCall->getOperator() == OO_Call)
      checkCrowRule(*OpCall);
    return;
  }
  checkCall(*Call);
}

void UnauthenticatedRouteCheck::checkCall(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  // Every call of the translation unit passes here: compare the short name
  // before any qualified one.
  if (!Callee || !Callee->getIdentifier())
    return;
  const llvm::StringRef ShortName = Callee->getName();
  const bool MayRegister =
      llvm::is_contained({"set_pre_routing_handler", "registerHandler",
                          "registerMethod", "registerSelf__"},
                         ShortName) ||
      llvm::any_of(catalog::RouteRegistrations,
                   [ShortName](const catalog::RouteRegistration &Known) {
                     const llvm::StringRef Name = Known.Function;
                     return Name.ends_with(ShortName) &&
                            Name.drop_back(ShortName.size()).ends_with("::");
                   });
  if (!MayRegister)
    return;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (Callee->getIdentifier() &&
      Callee->getName() == "set_pre_routing_handler" && Member &&
      Call.getNumArgs() == 1) {
    PreRouting.emplace_back(namedValue(Member->getImplicitObjectArgument()),
                            handlerOf(Call.getArg(0)));
    return;
  }
  for (const catalog::RouteRegistration &Known : catalog::RouteRegistrations) {
    if (Known.HandlerArg >= Call.getNumArgs() ||
        !matchesAnyName(*Callee, llvm::ArrayRef<llvm::StringRef>(
                                     llvm::StringRef(Known.Function))))
      continue;
    const FunctionDecl *Handler = handlerOf(Call.getArg(Known.HandlerArg));
    if (!Handler || !Handler->hasBody())
      return; // cannot see what the handler does
    Route R;
    R.Loc = Call.getBeginLoc();
    R.Methods = {Known.Method.str()};
    if (const StringLiteral *Path = literalIn(Call.getArg(Known.PathArg)))
      R.Path = Path->getString().str();
    R.Handler = Handler->getBody();
    R.HandlerFn = Handler;
    R.HandlerLoc = Handler->getLocation();
    if (Member)
      R.Server = namedValue(Member->getImplicitObjectArgument());
    addRoute(std::move(R));
    return;
  }
  checkDrogon(Call, *Callee);
}

// Methods and filters of a Drogon constraint list: '{Post, "AuthFilter"}'.
static void drogonConstraints(const Expr *List,
                              std::vector<std::string> &Methods,
                              bool &HasFilter) {
  if (!List || isa<CXXDefaultArgExpr>(List->IgnoreImplicit()))
    return;
  llvm::SmallVector<const Stmt *, 16> Work{List};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl()))
        Methods.push_back(Enumerator->getName().upper());
    if (isa<StringLiteral>(S))
      HasFilter = true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

void UnauthenticatedRouteCheck::checkDrogon(const CallExpr &Call,
                                            const FunctionDecl &Callee) {
  const std::string Qualified = Callee.getQualifiedNameAsString();
  if (!llvm::StringRef(Qualified).starts_with("drogon::"))
    return;
  const llvm::StringRef Name =
      Callee.getIdentifier() ? Callee.getName() : llvm::StringRef();
  const FunctionDecl *Handler = nullptr;
  const Expr *PathArg = nullptr, *Constraints = nullptr;
  if (Name == "registerHandler" && Call.getNumArgs() >= 2) {
    PathArg = Call.getArg(0);
    Handler = handlerOf(Call.getArg(1));
    Constraints = Call.getNumArgs() >= 3 ? Call.getArg(2) : nullptr;
  } else if (Name == "registerMethod" && Call.getNumArgs() >= 3) {
    Handler = handlerOf(Call.getArg(0));
    PathArg = Call.getArg(1);
    Constraints = Call.getArg(2);
  } else if (Name == "registerSelf__" && Call.getNumArgs() >= 2) {
    // PATH_ADD in an HttpSimpleController<Self>: the handler is Self's
    // asyncHandleHttpRequest.
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(
        cast<CXXMethodDecl>(&Callee)->getParent());
    if (!Spec || Spec->getTemplateArgs().size() == 0 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return;
    const CXXRecordDecl *Self =
        Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    if (!Self)
      return;
    for (const CXXMethodDecl *M : Self->methods())
      if (M->getIdentifier() && M->getName() == "asyncHandleHttpRequest")
        Handler = M->getDefinition() ? M : Handler;
    PathArg = Call.getArg(0);
    Constraints = Call.getArg(1);
  } else {
    return;
  }
  if (!Handler || !Handler->hasBody())
    return;
  Route R;
  R.Loc = Call.getBeginLoc();
  if (const StringLiteral *Path = literalIn(PathArg))
    R.Path = Path->getString().str();
  drogonConstraints(Constraints, R.Methods, R.Guarded);
  R.Handler = Handler->getBody();
  R.HandlerFn = Handler;
  R.HandlerLoc = Handler->getLocation();
  addRoute(std::move(R));
}

// A Crow App whose middleware authenticates: App<AuthMiddleware>. A
// middleware whose before_handle the translation unit cannot see counts.
static bool hasMiddleware(QualType AppType) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      AppType.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() == TemplateArgument::Pack && Arg.pack_size() > 0)
      return true;
    if (Arg.getKind() == TemplateArgument::Type)
      return true;
  }
  return false;
}

void UnauthenticatedRouteCheck::checkCrowRule(const CXXOperatorCallExpr &Call) {
  if (Call.getNumArgs() != 2)
    return;
  const CXXRecordDecl *Rule =
      Call.getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Rule || !Rule->getIdentifier() ||
      !llvm::StringRef(Rule->getQualifiedNameAsString())
           .starts_with("crow::") ||
      !Rule->getName().ends_with("Rule"))
    return;
  Route R;
  // 'rule.methods(...)', then 'app.route<...>(url)' or a blueprint's rule.
  const Expr *Object = Call.getArg(0);
  const CXXMemberCallExpr *RouteCall = nullptr;
  while (const auto *Member =
             dyn_cast_or_null<CXXMemberCallExpr>(stripConversions(Object))) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const llvm::StringRef Name =
        Method && Method->getIdentifier() ? Method->getName() : "";
    if (Name == "methods") {
      for (const Expr *Arg : Member->arguments()) {
        const Expr *Stripped = stripConversions(Arg);
        if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Stripped))
          R.Methods.push_back(Ref->getDecl()->getName().upper());
        else if (const auto *Literal =
                     dyn_cast_or_null<UserDefinedLiteral>(Stripped))
          if (const auto *Text =
                  dyn_cast_or_null<StringLiteral>(Literal->getCookedLiteral()))
            R.Methods.push_back(Text->getString().upper());
      }
      Object = Member->getImplicitObjectArgument();
      continue;
    }
    RouteCall = Member;
    break;
  }
  if (!RouteCall || RouteCall->getNumArgs() == 0)
    return;
  if (const StringLiteral *Path = literalIn(RouteCall->getArg(0)))
    R.Path = Path->getString().str();
  if (R.Methods.empty())
    R.Methods = {"GET"}; // Crow's default
  R.Guarded = hasMiddleware(RouteCall->getImplicitObjectArgument()->getType());
  const FunctionDecl *Handler = handlerOf(Call.getArg(1));
  if (!Handler || !Handler->hasBody())
    return;
  R.Loc = RouteCall->getBeginLoc();
  R.Handler = Handler->getBody();
  R.HandlerFn = Handler;
  R.HandlerLoc = Handler->getLocation();
  addRoute(std::move(R));
}

// 'if (req.method() == http::verb::post && req.target() == "/orders")'
void UnauthenticatedRouteCheck::checkBeastDispatch(const IfStmt &If,
                                                   const FunctionDecl *Fn) {
  const Expr *Cond = If.getCond();
  if (!Cond || !If.getThen())
    return;
  Route R;
  bool SawTarget = false;
  llvm::SmallVector<const Stmt *, 16> Work{Cond};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      const std::string Class =
          Method ? Method->getParent()->getQualifiedNameAsString() : "";
      if (Method && Method->getIdentifier() && Method->getName() == "target" &&
          llvm::StringRef(Class).starts_with("boost::beast::http::"))
        SawTarget = true;
    }
    if (const auto *Literal = dyn_cast<StringLiteral>(S);
        Literal && Literal->getCharByteWidth() == 1 &&
        Literal->getString().starts_with("/"))
      R.Path = Literal->getString().str();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
          Enumerator && llvm::StringRef(Enumerator->getQualifiedNameAsString())
                            .starts_with("boost::beast::http::verb::"))
        R.Methods.push_back(
            llvm::StringRef(Enumerator->getName()).rtrim('_').upper());
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  if (!SawTarget || R.Path.empty())
    return;
  R.Loc = If.getBeginLoc();
  R.Handler = If.getThen();
  R.HandlerFn = Fn;
  R.HandlerLoc = If.getThen()->getBeginLoc();
  addRoute(std::move(R));
}

static bool isReadOnly(llvm::StringRef Method) {
  return Method == "GET" || Method == "HEAD" || Method == "OPTIONS";
}

void UnauthenticatedRouteCheck::onEndOfTranslationUnit() {
  for (const auto &[Server, Handler] : PreRouting)
    if (Server && Handler && Handler->hasBody() &&
        authenticates(Handler->getBody()))
      GuardedServers.insert(Server);

  for (const Route &R : Routes) {
    if (R.Guarded || (R.Server && GuardedServers.count(R.Server)) ||
        isPublic(R.Path))
      continue;
    // A state-changing method whose handler changes nothing (it echoes the
    // request, returns a constant) is as harmless as a read.
    const bool Mutating =
        (R.Methods.empty() ||
         llvm::any_of(R.Methods,
                      [](const std::string &M) { return !isReadOnly(M); })) &&
        changesData(R.Handler, R.HandlerFn, false);
    if (!Mutating && !IncludeReadRoutes)
      continue;
    if (authenticates(R.Handler))
      continue;
    std::string Method;
    for (const std::string &M : R.Methods)
      Method += (Method.empty() ? "" : "/") + M;
    diag(R.Loc,
         "route %0%1 runs without authenticating the caller, so anyone who "
         "can reach the server can %select{read it|change data through it}2; "
         "check the caller in its handler (a function matching "
         "AuthFunctions) or guard the routes with authenticating middleware")
        << (Method.empty() ? std::string("for every method") : Method)
        << (R.Path.empty() ? std::string() : " '" + R.Path + "'") << Mutating;
    diag(R.HandlerLoc, "its handler calls no authentication function",
         DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::vibeguard
