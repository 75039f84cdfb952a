//===--- PlaceholderCodeCheck.cpp - vibeguard -----------------------------===//

#include "PlaceholderCodeCheck.h"
#include "vibeguard/Catalog.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

static constexpr llvm::StringLiteral DefaultPhrases =
    "todo: implement;todo implement;todo: add;implement this;"
    "not implemented yet;in a real application;in a real implementation;"
    "in a real system;in a real-world;in production you would;"
    "in production, you would;in a production;for demonstration purposes;"
    "for demo purposes;simplified implementation;simplified version;"
    "placeholder implementation;placeholder for;placeholder:;"
    "mock implementation;stub implementation;replace with actual;"
    "replace with real;replace this with;add error handling here;"
    "add proper error handling;... existing code;existing code here;"
    "rest of the code here;your code here;implementation goes here";

static constexpr llvm::StringLiteral DefaultStubNames =
    "validate;authenticate;authorize;verify;check;is_authorized;"
    "is_authenticated;is_valid;has_permission;sanitize;escape;encrypt;"
    "decrypt;hash;sign";

// A body with more statements than this does real work: a TODO in it is a
// note about what comes next, not a placeholder for the implementation.
static constexpr unsigned MaxStubStatements = 3;

// The statements of \p Body, nested blocks included.
static unsigned statementCount(const Stmt *Body) {
  struct Counter : RecursiveASTVisitor<Counter> {
    unsigned Count = 0;
    bool shouldVisitLambdaBody() const { return false; }
    bool VisitCompoundStmt(CompoundStmt *Block) {
      Count += Block->size();
      return true;
    }
  } Count;
  Count.TraverseStmt(const_cast<Stmt *>(Body));
  return Count.Count;
}

// 'isAuthorized', 'IS_AUTHORIZED', 'is_authorized' -> 'isauthorized'.
static std::string normalized(llvm::StringRef Name) {
  std::string Result;
  for (char C : Name)
    if (C != '_')
      Result.push_back(llvm::toLower(C));
  return Result;
}

class PlaceholderCodeCheck::CommentCollector : public CommentHandler {
public:
  explicit CommentCollector(PlaceholderCodeCheck &Check) : Check(Check) {}
  bool HandleComment(Preprocessor &PP, SourceRange Range) override {
    const SourceManager &SM = PP.getSourceManager();
    if (!SM.isInSystemHeader(Range.getBegin()))
      Check.Comments.push_back(Range);
    return false;
  }

private:
  PlaceholderCodeCheck &Check;
};

PlaceholderCodeCheck::PlaceholderCodeCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawPhrases(Options.get("Phrases", DefaultPhrases)),
      RawStubNames(Options.get("StubNames", DefaultStubNames)),
      TestFilePattern(Options.getLocalOrGlobal("TestFilePattern",
                                               catalog::TestFilePattern)),
      TestFiles(TestFilePattern) {
  for (std::string &Phrase : splitOptionList(RawPhrases))
    Phrases.push_back(llvm::StringRef(Phrase).lower());
  for (std::string &Stub : splitOptionList(RawStubNames))
    StubNames.push_back(normalized(Stub));
  std::string Error;
  if (!TestFilePattern.empty() && !TestFiles.isValid(Error)) {
    configurationDiag("invalid regular expression '%0' in option "
                      "'TestFilePattern': %1; the option is ignored")
        << TestFilePattern << Error;
    TestFiles = llvm::Regex("$^");
  }
}

PlaceholderCodeCheck::~PlaceholderCodeCheck() = default;

void PlaceholderCodeCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Phrases", RawPhrases);
  Options.store(Opts, "StubNames", RawStubNames);
  Options.store(Opts, "TestFilePattern", TestFilePattern);
}

void PlaceholderCodeCheck::registerPPCallbacks(const SourceManager &SM,
                                               Preprocessor *PP,
                                               Preprocessor *ModuleExpanderPP) {
  Collector = std::make_unique<CommentCollector>(*this);
  PP->addCommentHandler(Collector.get());
}

void PlaceholderCodeCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(unless(isExpansionInSystemHeader()),
                                  isDefinition(), unless(isImplicit()))
                         .bind("function"),
                     this);
}

void PlaceholderCodeCheck::onStartOfTranslationUnit() { Bodies.clear(); }

bool PlaceholderCodeCheck::isTestFile(SourceLocation Loc,
                                      const SourceManager &SM) const {
  return !TestFilePattern.empty() &&
         TestFiles.match(SM.getFilename(SM.getExpansionLoc(Loc)));
}

llvm::StringRef
PlaceholderCodeCheck::placeholderPhrase(llvm::StringRef Comment) const {
  const std::string Lower = Comment.lower();
  for (const std::string &Phrase : Phrases)
    if (llvm::StringRef(Lower).contains(Phrase))
      return Phrase;
  return {};
}

llvm::StringRef PlaceholderCodeCheck::promisedWork(llvm::StringRef Name) const {
  const std::string Normalized = normalized(Name);
  for (const std::string &Stub : StubNames)
    if (llvm::StringRef(Normalized).starts_with(Stub))
      return Stub;
  return {};
}

void PlaceholderCodeCheck::check(const MatchFinder::MatchResult &Result) {
  Sources = Result.SourceManager;
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Fn || !Fn->getBody() || Fn->isTemplateInstantiation())
    return;
  Bodies.push_back(
      {Fn->getBody()->getSourceRange(), statementCount(Fn->getBody())});
  // A lambda's name promises nothing.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
      Method && Method->getParent()->isLambda())
    return;
  checkStub(*Fn, *Result.SourceManager);
}

// What a stub's only statement produces: a literal, the unchanged
// parameter, or a 'not implemented' exception.
enum class StubKind {
  None,
  ReturnsTrue,
  ReturnsConstant,
  ReturnsInput,
  Throws
};

static StubKind stubKind(const FunctionDecl &Fn) {
  const auto *Body = dyn_cast<CompoundStmt>(Fn.getBody());
  if (!Body || Body->body_empty())
    return StubKind::None;
  // '(void)Token;' silences unused parameters in front of the stub.
  for (const Stmt *S :
       llvm::make_range(Body->body_begin(), Body->body_end() - 1)) {
    const auto *Cast = dyn_cast<CStyleCastExpr>(S);
    if (!Cast || !Cast->getType()->isVoidType())
      return StubKind::None;
  }
  const Stmt *Last = Body->body_back();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Last))
    Last = Cleanups->getSubExpr();
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(Last)) {
    // throw std::logic_error("not implemented") / ("TODO")
    std::string Text;
    llvm::SmallVector<const Stmt *, 8> Pending = {Throw->getSubExpr()};
    for (unsigned Seen = 0; !Pending.empty() && Seen < 16; ++Seen) {
      const Stmt *S = Pending.pop_back_val();
      if (!S)
        continue;
      if (const auto *Literal = dyn_cast<StringLiteral>(S)) {
        Text = Literal->getString().lower();
        break;
      }
      for (const Stmt *Child : S->children())
        Pending.push_back(Child);
    }
    if (llvm::StringRef(Text).contains("not implemented") ||
        llvm::StringRef(Text).contains("todo") ||
        llvm::StringRef(Text).contains("unimplemented"))
      return StubKind::Throws;
    return StubKind::None;
  }
  const auto *Return = dyn_cast<ReturnStmt>(Last);
  if (!Return || !Return->getRetValue())
    return StubKind::None;
  const Expr *Value = Return->getRetValue()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() == 1)
    Value = Construct->getArg(0)->IgnoreImplicit();
  Value = Value->IgnoreParenImpCasts();
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(Value))
    return Bool->getValue() ? StubKind::ReturnsTrue : StubKind::ReturnsConstant;
  if (isa<IntegerLiteral, StringLiteral, CXXNullPtrLiteralExpr>(Value))
    return StubKind::ReturnsConstant;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Value))
    if (isa<ParmVarDecl>(Ref->getDecl()))
      return StubKind::ReturnsInput;
  return StubKind::None;
}

void PlaceholderCodeCheck::checkStub(const FunctionDecl &Fn,
                                     const SourceManager &SM) {
  if (!Fn.getIdentifier() || Fn.getNumParams() == 0 ||
      Fn.getLocation().isMacroID() || isTestFile(Fn.getLocation(), SM))
    return;
  // A virtual function's default in a base class is meant to be
  // overridden; the overrides are checked themselves.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Fn);
      Method && Method->isVirtual() && Method->size_overridden_methods() == 0)
    return;
  // A specialization answers for one case of a template: 'return false'
  // for the unsigned case of a signed-only operation is the whole job.
  if (Fn.getTemplateSpecializationKind() == TSK_ExplicitSpecialization)
    return;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Fn);
      Method && isa<ClassTemplateSpecializationDecl>(Method->getParent()))
    return;
  const llvm::StringRef Work = promisedWork(Fn.getName());
  if (Work.empty())
    return;
  const StubKind Kind = stubKind(Fn);
  if (Kind == StubKind::None)
    return;
  // Returning the input unchanged is a stub only for functions that
  // transform it.
  if (Kind == StubKind::ReturnsInput &&
      !llvm::is_contained(
          {"sanitize", "escape", "encrypt", "decrypt", "hash", "sign"}, Work))
    return;
  const auto *Body = cast<CompoundStmt>(Fn.getBody());
  const SourceLocation Loc = Body->body_back()->getBeginLoc();
  switch (Kind) {
  case StubKind::ReturnsTrue:
    diag(Loc, "'%0' always returns true without looking at its input, so "
              "every caller accepts what it was meant to reject; implement "
              "the check, or fail closed until it exists")
        << Fn.getName();
    break;
  case StubKind::ReturnsInput:
    diag(Loc, "'%0' returns its input unchanged, so callers rely on work "
              "that is never done; implement it, or fail until it exists")
        << Fn.getName();
    break;
  case StubKind::ReturnsConstant:
    diag(Loc, "'%0' returns a constant without looking at its input: a "
              "placeholder that ships as the real thing; implement it")
        << Fn.getName();
    break;
  case StubKind::Throws:
    diag(Loc, "'%0' is not implemented and fails every call at run time; "
              "implement it before it is called in production")
        << Fn.getName();
    break;
  case StubKind::None:
    break;
  }
}

void PlaceholderCodeCheck::onEndOfTranslationUnit() {
  if (!Sources) {
    Comments.clear();
    return;
  }
  const SourceManager &SM = *Sources;
  // Both lists are in source order within a file as the parser met them;
  // sort the bodies once and find each comment's body by binary search.
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  llvm::sort(Bodies, [&](const Body &A, const Body &B) {
    return Before(A.Range.getBegin(), B.Range.getBegin());
  });
  for (const SourceRange &Comment : Comments) {
    const SourceLocation Begin = Comment.getBegin();
    if (Begin.isMacroID() || isTestFile(Begin, SM))
      continue;
    // The last body starting before the comment; nested bodies (local
    // classes) start later and end earlier, so look back a few.
    auto It = llvm::upper_bound(Bodies, Begin,
                                [&](SourceLocation L, const Body &B) {
                                  return Before(L, B.Range.getBegin());
                                });
    const Body *Inside = nullptr;
    for (unsigned Steps = 0; It != Bodies.begin() && Steps < 8; ++Steps) {
      --It;
      if (Before(Begin, It->Range.getEnd())) {
        Inside = &*It;
        break;
      }
    }
    if (!Inside)
      continue;
    bool Invalid = false;
    const char *Data = SM.getCharacterData(Begin, &Invalid);
    const char *End = SM.getCharacterData(Comment.getEnd(), &Invalid);
    if (Invalid || !Data || End < Data)
      continue;
    const llvm::StringRef Text(Data, End - Data);
    const llvm::StringRef Phrase = placeholderPhrase(Text);
    if (Phrase.empty() ||
        ((Phrase.starts_with("todo") || Phrase == "implement this") &&
         Inside->Statements > MaxStubStatements))
      continue;
    diag(Begin, "comment '%0' marks unfinished code that ships as if it "
                "were done; finish the implementation, or fail loudly until "
                "it is")
        << Phrase;
  }
  Comments.clear();
}

} // namespace clang::tidy::vibeguard
