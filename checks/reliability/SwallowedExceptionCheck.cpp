//===--- SwallowedExceptionCheck.cpp - vibeguard --------------------------===//

#include "SwallowedExceptionCheck.h"
#include "vibeguard/Containers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

SwallowedExceptionCheck::SwallowedExceptionCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      IterationAlgorithms(*this, Options, catalog::IterationAlgorithms),
      Loggers(*this, Options, catalog::Loggers),
      ThreadClasses(*this, Options, catalog::ThreadClasses),
      Loops(IterationAlgorithms.names()) {}

void SwallowedExceptionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  IterationAlgorithms.store(Options, Opts);
  Loggers.store(Options, Opts);
  ThreadClasses.store(Options, Opts);
}

void SwallowedExceptionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
  // Lambdas a thread starts with: a catch there ends the thread, which has
  // no caller to report to.
  Finder->addMatcher(
      cxxConstructExpr(
          unless(isExpansionInSystemHeader()),
          hasDeclaration(cxxConstructorDecl(
              ofClass(cxxRecordDecl(hasAnyName(ThreadClasses.names()))))),
          hasArgument(0, ignoringImplicit(lambdaExpr().bind("thread-lambda")))),
      this);
  // 'std::thread T(serveConnection, Fd)': the function is the thread.
  Finder->addMatcher(
      cxxConstructExpr(
          unless(isExpansionInSystemHeader()),
          hasDeclaration(cxxConstructorDecl(
              ofClass(cxxRecordDecl(hasAnyName(ThreadClasses.names()))))),
          hasArgument(0, ignoringParenImpCasts(anyOf(
                             declRefExpr(to(functionDecl().bind("thread-function"))),
                             unaryOperator(hasOperatorName("&"),
                                           hasUnaryOperand(declRefExpr(to(
                                               functionDecl().bind(
                                                   "thread-function"))))))))),
      this);
  // 'g_fdm->addReadFD(Fd, handlePacket)', 'question(Q, &sendOut)': a
  // callback that returns nothing has no caller of its own to tell, and an
  // exception it let out would unwind through the code that calls it.
  Finder->addMatcher(
      declRefExpr(unless(isExpansionInSystemHeader()),
                  to(functionDecl(returns(voidType())).bind("callback")))
          .bind("callback-ref"),
      this);
  // 'addReadHandler(Fd, [](int F) { ... })', 'Button.onClick = [] { ... }'.
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("callback-lambda"),
      this);
}

static const Stmt *withoutCleanups(const Stmt *S) {
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(S))
    return Cleanups->getSubExpr();
  return S;
}

void SwallowedExceptionCheck::onStartOfTranslationUnit() {
  Loops.clear();
  Handlers.clear();
  Followers.clear();
  ThreadEntries.clear();
  Callbacks.clear();
  IsLogger.clear();
}

// True if \p Ref names the function a call calls, rather than handing the
// function over as a value.
static bool isCallee(const DeclRefExpr &Ref, ASTContext &Context) {
  const DynTypedNodeList Parents = Context.getParents(Ref);
  const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  if (const auto *Decay = dyn_cast_or_null<ImplicitCastExpr>(Parent)) {
    const DynTypedNodeList Above = Context.getParents(*Decay);
    Parent = Above.empty() ? nullptr : Above[0].get<Stmt>();
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(Parent);
  return Call && Call->getCallee()->IgnoreParenImpCasts() == &Ref;
}

// True if \p Lambda is handed to other code to call later: an argument of a
// call or a construction, or what an assignment stores, seen through the
// conversion to std::function. Not a lambda called on the spot.
static bool isHandedOver(const LambdaExpr &Lambda, ASTContext &Context) {
  const Stmt *Current = &Lambda;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    const DynTypedNodeList Parents = Context.getParents(*Current);
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (!Parent)
      return false;
    const auto *Construct = dyn_cast<CXXConstructExpr>(Parent);
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups, CXXFunctionalCastExpr>(Parent) ||
        (Construct && Construct->getNumArgs() == 1)) {
      Current = Parent;
      continue;
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Parent))
      return Operator->getOperator() != OO_Call ||
             Operator->getArg(0) != Current;
    if (const auto *Call = dyn_cast<CallExpr>(Parent))
      return Call->getCallee() != Current;
    if (const auto *Assign = dyn_cast<BinaryOperator>(Parent))
      return Assign->getOpcode() == BO_Assign;
    return Construct != nullptr;
  }
  return false;
}

void SwallowedExceptionCheck::check(const MatchFinder::MatchResult &Result) {
  Sources = Result.SourceManager;
  Context = Result.Context;
  if (const auto *Lambda =
          Result.Nodes.getNodeAs<LambdaExpr>("callback-lambda")) {
    const CXXMethodDecl *Operator = Lambda->getCallOperator();
    if (Operator && Operator->getReturnType()->isVoidType() &&
        isHandedOver(*Lambda, *Context))
      Callbacks.insert(Operator->getCanonicalDecl());
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("callback-ref")) {
    if (!isCallee(*Ref, *Context))
      Callbacks.insert(
          Result.Nodes.getNodeAs<FunctionDecl>("callback")->getCanonicalDecl());
    return;
  }
  if (const auto *Lambda =
          Result.Nodes.getNodeAs<LambdaExpr>("thread-lambda")) {
    ThreadEntries.insert(Lambda->getCallOperator());
    // '[this] { mainLoop(); }': the one function the lambda runs is the
    // thread as well.
    if (const auto *Body = dyn_cast_or_null<CompoundStmt>(Lambda->getBody());
        Body && Body->size() == 1)
      if (const auto *Call = dyn_cast<CallExpr>(
              withoutCleanups(Body->body_front())))
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          ThreadEntries.insert(Callee->getCanonicalDecl());
    return;
  }
  if (const auto *Entry =
          Result.Nodes.getNodeAs<FunctionDecl>("thread-function")) {
    ThreadEntries.insert(Entry->getCanonicalDecl());
    return;
  }
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Fn || Fn->isMain() || isa<CXXDestructorDecl>(Fn))
    return;
  Loops.walkFunction(*Fn, [this](const Stmt &S, const LoopContext &Where) {
    if (const auto *Block = dyn_cast<CompoundStmt>(&S))
      for (auto It = Block->body_begin(); It != Block->body_end(); ++It)
        if (const auto *Try = dyn_cast<CXXTryStmt>(*It))
          Followers[Try] = std::next(It) == Block->body_end() ? nullptr
                                                             : *std::next(It);
    // A catch inside a loop retries, or skips one item and goes on: a
    // decision, not an accident.
    if (const auto *Try = dyn_cast<CXXTryStmt>(&S); Try && !Where.Iteration)
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Handlers.push_back({Try->getHandler(I), Where.Callable, Try});
  });
}

// 'logError' -> log, error; 'LOG_MESSAGE' -> log, message; 'FileLogger' ->
// file, logger.
static std::vector<std::string> identifierWords(llvm::StringRef Name) {
  std::vector<std::string> Words;
  std::string Current;
  for (size_t I = 0; I < Name.size(); ++I) {
    const char C = Name[I];
    const bool Boundary =
        C == '_' || (llvm::isUpper(C) && I > 0 && llvm::isLower(Name[I - 1]));
    if (Boundary && !Current.empty()) {
      Words.push_back(Current);
      Current.clear();
    }
    if (C != '_')
      Current.push_back(llvm::toLower(C));
  }
  if (!Current.empty())
    Words.push_back(Current);
  return Words;
}

// True if \p Name is one of the ';'-separated \p List.
static bool isListed(StringRef List, StringRef Name) {
  llvm::SmallVector<StringRef, 16> Names;
  List.split(Names, ';', -1, false);
  return llvm::is_contained(Names, Name);
}

// The macro written in the source at \p Loc: 'TEST' for every token that
// 'TEST(Suite, Name)' expands to.
static StringRef writtenMacro(SourceLocation Loc, const SourceManager &SM,
                              const LangOptions &LangOpts) {
  if (!Loc.isMacroID())
    return "";
  Token Name;
  if (Lexer::getRawToken(SM.getExpansionLoc(Loc), Name, SM, LangOpts,
                         /*IgnoreWhiteSpace=*/true) ||
      Name.isNot(tok::raw_identifier))
    return "";
  return Name.getRawIdentifier();
}

static bool derivesFromTestFixture(const CXXRecordDecl &Record) {
  auto IsFixture = [](const CXXRecordDecl *Base) {
    return isListed(catalog::TestFixtureClasses,
                    "::" + Base->getQualifiedNameAsString());
  };
  if (!Record.hasDefinition())
    return false;
  return IsFixture(&Record) ||
         !Record.forallBases([&](const CXXRecordDecl *Base) {
           return !IsFixture(Base);
         });
}

bool SwallowedExceptionCheck::isInTest(const Decl *Callable,
                                       const SourceManager &SM) const {
  for (const DeclContext *Context =
           Callable ? dyn_cast<DeclContext>(Callable) : nullptr;
       Context; Context = Context->getParent()) {
    const auto *Fn = dyn_cast<FunctionDecl>(Context);
    if (!Fn)
      continue;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
        Method && derivesFromTestFixture(*Method->getParent()))
      return true;
    if (isListed(catalog::TestMacros,
                 writtenMacro(Fn->getLocation(), SM, getLangOpts())))
      return true;
  }
  return false;
}

// The text between the outer parentheses of a macro call, trimmed.
static StringRef macroArguments(StringRef Call) {
  const size_t Open = Call.find('(');
  const size_t Close = Call.rfind(')');
  if (Open == StringRef::npos || Close == StringRef::npos || Close < Open)
    return "";
  return Call.slice(Open + 1, Close).trim();
}

bool SwallowedExceptionCheck::expectsException(const CXXTryStmt &Try,
                                               const SourceManager &SM) const {
  const CompoundStmt *Block = Try.getTryBlock();
  if (!Block || Block->body_empty())
    return false;
  const Stmt *Last = Block->body_back();
  const StringRef Macro = writtenMacro(Last->getBeginLoc(), SM, getLangOpts());
  if (!Macro.empty()) {
    const std::string Name = Macro.lower();
    // FAIL(), ADD_FAILURE(), BOOST_FAIL(...), CPPUNIT_FAIL(...), QFAIL(...)
    if (StringRef(Name).contains("fail"))
      return true;
    if (!StringRef(Name).contains("assert") &&
        !StringRef(Name).contains("check") &&
        !StringRef(Name).contains("require"))
      return false;
    const StringRef Arguments = macroArguments(Lexer::getSourceText(
        SM.getExpansionRange(Last->getSourceRange()), SM, getLangOpts()));
    // ASSERT_FALSE(true); assert(false), assert(0), assert(!"unreachable"),
    // assert(false && "must throw").
    if (StringRef(Name).contains("false"))
      return Arguments == "true" || Arguments == "1";
    return Arguments == "false" || Arguments == "0" ||
           Arguments.starts_with("!\"") || Arguments.starts_with("false &&") ||
           Arguments.starts_with("0 &&");
  }
  const auto *E = dyn_cast<Expr>(Last);
  const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreImplicit()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return false;
  // fail("should have thrown"), Fail(), failTest().
  const std::vector<std::string> Words = identifierWords(Callee->getName());
  return !Words.empty() && Words.front() == "fail";
}

bool SwallowedExceptionCheck::isLoggingCall(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && isLogger(*Callee);
}

bool SwallowedExceptionCheck::isLogger(const FunctionDecl &Fn) {
  const FunctionDecl *Callee = &Fn;
  auto [It, Inserted] = IsLogger.try_emplace(Callee, false);
  if (!Inserted)
    return It->second;
  bool Logs = matchesAnyName(*Callee, Loggers.names());
  // 'logError(...)', 'log_message(...)', 'Logger::warn(...)'; not 'login'
  // or 'catalog'.
  static const llvm::StringRef LogWords[] = {"log", "logs", "logger", "logging",
                                             "syslog"};
  if (!Logs && Callee->getIdentifier()) {
    const std::vector<std::string> Words = identifierWords(Callee->getName());
    Logs = !Words.empty() && llvm::is_contained(LogWords, Words.front());
  }
  if (!Logs)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
        Method && Method->getParent()->getIdentifier())
      for (const std::string &Word :
           identifierWords(Method->getParent()->getName()))
        if (llvm::is_contained(LogWords, Word) || Word == "sink")
          Logs = true;
  return IsLogger[Callee] = Logs;
}

// The stream a '<<' chain writes to: 'std::cerr' in 'std::cerr << a << b'.
static const Expr *streamOf(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 64; ++Depth) {
    E = E->IgnoreParenImpCasts();
    const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
    if (!OpCall || OpCall->getOperator() != OO_LessLess ||
        OpCall->getNumArgs() != 2) {
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
          Member && Member->getMethodDecl() &&
          Member->getMethodDecl()->getOverloadedOperator() == OO_LessLess)
        return streamOf(Member->getImplicitObjectArgument());
      return E;
    }
    E = OpCall->getArg(0);
  }
  return E;
}

bool SwallowedExceptionCheck::isLogging(const Stmt &S,
                                        const SourceManager &SM) {
  // LOG(ERROR) << ..., LOG_ERROR(...), spdlog's SPDLOG_ERROR(...).
  if (S.getBeginLoc().isMacroID()) {
    const llvm::StringRef Macro = Lexer::getImmediateMacroNameForDiagnostics(
        S.getBeginLoc(), SM, getLangOpts());
    for (const std::string &Word : identifierWords(Macro))
      if (Word == "log" || Word == "logger" || Word == "logging" ||
          Word == "spdlog")
        return true;
  }
  const Stmt *Inner = &S;
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
    Inner = Cleanups->getSubExpr();
  // '(void)E;' keeps the exception variable used.
  if (const auto *Cast = dyn_cast<CStyleCastExpr>(Inner);
      Cast && Cast->getType()->isVoidType())
    return true;
  const auto *E = dyn_cast<Expr>(Inner);
  if (!E)
    return false;
  E = E->IgnoreImplicit();
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
      OpCall && OpCall->getOperator() == OO_LessLess) {
    const ValueDecl *Stream = namedValue(streamOf(OpCall));
    if (!Stream || !Stream->getIdentifier())
      return false;
    const std::string Name = Stream->getName().lower();
    if (Name == "cerr" || Name == "clog" || Name == "cout")
      return true;
    for (const std::string &Word : identifierWords(Stream->getName()))
      if (Word == "log" || Word == "logger")
        return true;
    return false;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return isLoggingCall(*Call);
  return false;
}

// A statement that leaves the function: 'return ...', 'throw ...', or a call
// of a function that does not return ('_exit(1)', 'abort()').
static bool endsFunction(const Stmt *S) {
  S = withoutCleanups(S);
  if (!S)
    return false;
  if (isa<ReturnStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return Callee->isNoReturn();
  return false;
}

// The value a 'return' gives back as written, for comparing two returns.
static std::string returnedText(const Stmt *S, const SourceManager &SM,
                                const LangOptions &LangOpts) {
  const auto *Return = dyn_cast_or_null<ReturnStmt>(withoutCleanups(S));
  if (!Return || !Return->getRetValue())
    return "";
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(
                 Return->getRetValue()->getSourceRange()),
             SM, LangOpts)
      .str();
}

// True if the code a handler falls through to is a failure path: the try
// block leaves the function when it succeeds, so what follows the try runs
// only after an exception (and does not return what success returns), or
// what follows ends the process ('_exit(1); // take the server with us').
bool SwallowedExceptionCheck::fallsIntoFailurePath(const CXXTryStmt &Try) {
  const auto It = Followers.find(&Try);
  const Stmt *Next = It == Followers.end() ? nullptr : It->second;
  if (Next && !isa<ReturnStmt>(withoutCleanups(Next)) && endsFunction(Next))
    return true;
  const CompoundStmt *Block = Try.getTryBlock();
  if (!Next || !Block || Block->body_empty() ||
      !endsFunction(Block->body_back()))
    return false;
  const std::string Success =
      returnedText(Block->body_back(), *Sources, getLangOpts());
  return Success.empty() ||
         Success != returnedText(Next, *Sources, getLangOpts());
}

// 'for (;;)', 'while (true)', 'do ... while (1)'.
static bool isEndlessLoop(const Stmt *S, const ASTContext &Context) {
  const Expr *Condition = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(S)) {
    if (!For->getCond())
      return true;
    Condition = For->getCond();
  } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
    Condition = While->getCond();
  } else if (const auto *Do = dyn_cast<DoStmt>(S)) {
    Condition = Do->getCond();
  }
  bool Value = false;
  return Condition && !Condition->isValueDependent() &&
         Condition->EvaluateAsBooleanCondition(Value, Context) && Value;
}

bool SwallowedExceptionCheck::wrapsEndlessLoop(const CXXTryStmt &Try) const {
  const CompoundStmt *Block = Try.getTryBlock();
  return Block && llvm::any_of(Block->body(), [&](const Stmt *S) {
           return isEndlessLoop(S, *Context);
         });
}

bool SwallowedExceptionCheck::isLastWork(const CXXTryStmt &Try) const {
  const Stmt *Current = &Try;
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    const DynTypedNodeList Parents = Context->getParents(*Current);
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    // The function's own body (or a function-try-block) is reached.
    if (!Parent || isa<LambdaExpr>(Parent))
      return true;
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent);
        Block && Block->body_back() != Current)
      return false;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent))
      return false;
    Current = Parent;
  }
  return true;
}

bool SwallowedExceptionCheck::leavesSuccessFlag(const CXXTryStmt &Try,
                                                const Decl *Callable) const {
  const CompoundStmt *Block = Try.getTryBlock();
  if (!Block || Block->body_empty() || !Callable || !Callable->getBody())
    return false;
  const auto *Assign = dyn_cast<BinaryOperator>(Block->body_back());
  if (!Assign || Assign->getOpcode() != BO_Assign)
    return false;
  const auto *Flag = dyn_cast_or_null<VarDecl>(namedValue(Assign->getLHS()));
  if (!Flag || !Flag->hasLocalStorage())
    return false;
  const SourceManager &SM = Context->getSourceManager();
  const SourceLocation End = Try.getEndLoc();
  for (const BoundNodes &Use :
       match(findAll(declRefExpr(to(varDecl(equalsNode(Flag)))).bind("use")),
             *Callable->getBody(), *Context))
    if (SM.isBeforeInTranslationUnit(
            End, Use.getNodeAs<DeclRefExpr>("use")->getBeginLoc()))
      return true;
  return false;
}

void SwallowedExceptionCheck::onEndOfTranslationUnit() {
  if (!Sources)
    return;
  llvm::DenseSet<SourceLocation> Diagnosed;
  for (const Handler &H : Handlers) {
    const Decl *Canonical =
        H.Callable ? H.Callable->getCanonicalDecl() : nullptr;
    if (ThreadEntries.contains(H.Callable) || ThreadEntries.contains(Canonical) ||
        Callbacks.contains(Canonical))
      continue;
    // The last words of a service loop: the function was never going to
    // return with its work done.
    if (wrapsEndlessLoop(*H.Try))
      continue;
    // A test that provokes the exception on purpose: the handler is its
    // assertion that the exception came.
    if (expectsException(*H.Try, *Sources) || isInTest(H.Callable, *Sources))
      continue;
    if (fallsIntoFailurePath(*H.Try) || leavesSuccessFlag(*H.Try, H.Callable))
      continue;
    // A logger swallows its own failures: logging must never fail the
    // code that logs.
    if (const auto *Fn = dyn_cast_or_null<FunctionDecl>(H.Callable);
        Fn && isLogger(*Fn))
      continue;
    const auto *Body =
        dyn_cast_or_null<CompoundStmt>(H.Catch->getHandlerBlock());
    // Empty handlers are bugprone-empty-catch's.
    if (!Body || Body->body_empty())
      continue;
    // A bare 'return;' at the end tells the caller nothing either.
    const Stmt *Last = Body->body_back();
    const auto *Return = dyn_cast<ReturnStmt>(Last);
    const bool BareReturn = Return && !Return->getRetValue();
    if (!llvm::all_of(Body->body(),
                      [&](const Stmt *S) {
                        return (BareReturn && S == Last) ||
                               isLogging(*S, *Sources);
                      }) ||
        (BareReturn && Body->size() == 1))
      continue;
    // 'return;' with work still ahead gives that work up: the function
    // stops, it does not carry on as if the operation had worked.
    if (BareReturn && !isLastWork(*H.Try))
      continue;
    const SourceLocation Loc = H.Catch->getBeginLoc();
    if (!Diagnosed.insert(Loc).second)
      continue;
    diag(Loc, "the error is logged and then dropped: execution continues as "
              "if the operation had succeeded and the caller never learns it "
              "failed; rethrow it, return or record an error, or handle it");
  }
}

} // namespace clang::tidy::vibeguard
