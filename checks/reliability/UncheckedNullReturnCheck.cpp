//===--- UncheckedNullReturnCheck.cpp - vibeguard -------------------------===//

#include "UncheckedNullReturnCheck.h"
#include "vibeguard/CheckedUse.h"
#include "vibeguard/Containers.h"
#include "vibeguard/LoopContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

UncheckedNullReturnCheck::UncheckedNullReturnCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      NullReturningFunctions(*this, Options, catalog::NullReturningFunctions),
      NonNullArgumentFunctions(*this, Options,
                               catalog::NonNullArgumentFunctions),
      PositioningFunctions(*this, Options, catalog::PositioningFunctions) {}

void UncheckedNullReturnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  NullReturningFunctions.store(Options, Opts);
  NonNullArgumentFunctions.store(Options, Opts);
  PositioningFunctions.store(Options, Opts);
}

void UncheckedNullReturnCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(projectFunctionDefinitions().bind("function"), this);
}

void UncheckedNullReturnCheck::onStartOfTranslationUnit() {
  ReturnsNull.clear();
  NeedsNonNull.clear();
  Diagnosed.clear();
}

// True if macro \p Name asserts its arguments: one of AssertionMacroWords
// is in it, in any case.
static bool isAssertionMacro(StringRef Name) {
  llvm::SmallVector<StringRef, 8> Words;
  catalog::AssertionMacroWords.split(Words, ';', -1, false);
  const std::string Lower = Name.lower();
  return llvm::any_of(Words, [&](StringRef Word) {
    return StringRef(Lower).contains(Word);
  });
}

// Records the assertion macros the source itself writes, with the names
// each is passed as whole arguments; the macros they expand to are not
// written there.
class UncheckedNullReturnCheck::MacroRecorder : public PPCallbacks {
public:
  explicit MacroRecorder(std::vector<Assertion> &Assertions)
      : Assertions(Assertions) {}

  void MacroExpands(const Token &Name, const MacroDefinition &,
                    SourceRange Range, const MacroArgs *Args) override {
    if (!Args || !Range.getBegin().isFileID() ||
        !isAssertionMacro(Name.getIdentifierInfo()->getName()))
      return;
    Assertion Found{Range.getBegin(), {}};
    for (unsigned I = 0; I < Args->getNumMacroArguments(); ++I)
      wholeNames(Args->getUnexpArgument(I), Found.Names);
    if (!Found.Names.empty())
      Assertions.push_back(std::move(Found));
  }

private:
  // The identifiers of one argument that stand as values at its top
  // level: 'p' in 'p', '!p', 'p != NULL' and 'p && p->ok'; not in '*p',
  // 'p->ok', 'p[0]' or 'strlen(p)', which use it.
  static void wholeNames(const Token *Arg,
                         llvm::SmallVectorImpl<const IdentifierInfo *> &Out) {
    unsigned Depth = 0;
    tok::TokenKind Before = tok::unknown;
    for (const Token *T = Arg; T->isNot(tok::eof); ++T) {
      const tok::TokenKind After = T[1].getKind();
      if (T->isOneOf(tok::l_paren, tok::l_square, tok::l_brace))
        ++Depth;
      else if (T->isOneOf(tok::r_paren, tok::r_square, tok::r_brace) && Depth)
        --Depth;
      else if (T->is(tok::identifier) && Depth == 0 &&
               Before != tok::star && Before != tok::amp &&
               Before != tok::arrow && Before != tok::period &&
               After != tok::arrow && After != tok::period &&
               After != tok::l_square && After != tok::l_paren)
        Out.push_back(T->getIdentifierInfo());
      Before = T->getKind();
    }
  }

  std::vector<Assertion> &Assertions;
};

void UncheckedNullReturnCheck::registerPPCallbacks(
    const SourceManager &, Preprocessor *PP, Preprocessor *) {
  Assertions.clear();
  PP->addPPCallbacks(std::make_unique<MacroRecorder>(Assertions));
}

bool UncheckedNullReturnCheck::assertedBetween(const VarDecl &Var,
                                               SourceLocation From,
                                               SourceLocation To,
                                               const SourceManager &SM) const {
  From = SM.getExpansionLoc(From);
  To = SM.getExpansionLoc(To);
  const IdentifierInfo *Name = Var.getIdentifier();
  if (!Name || SM.getFileID(From) != SM.getFileID(To))
    return false;
  // Assertions are in source order: find the first after From.
  auto It = llvm::partition_point(Assertions, [&](const Assertion &A) {
    return !SM.isBeforeInTranslationUnit(From, A.Loc);
  });
  for (; It != Assertions.end() && SM.isBeforeInTranslationUnit(It->Loc, To);
       ++It)
    if (llvm::is_contained(It->Names, Name))
      return true;
  return false;
}

const CallExpr *UncheckedNullReturnCheck::nullSource(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return nullptr;
  auto [It, Inserted] = ReturnsNull.try_emplace(Callee, false);
  if (Inserted)
    It->second = matchesAnyName(*Callee, NullReturningFunctions.names());
  return It->second ? Call : nullptr;
}

unsigned UncheckedNullReturnCheck::useKind(
    const Stmt &S, llvm::function_ref<bool(const Expr *)> IsValue,
    const FunctionDecl *&Callee) {
  Callee = nullptr;
  if (const auto *Unary = dyn_cast<UnaryOperator>(&S))
    return Unary->getOpcode() == UO_Deref && IsValue(Unary->getSubExpr()) ? 1
                                                                          : 0;
  if (const auto *Member = dyn_cast<MemberExpr>(&S))
    return Member->isArrow() && IsValue(Member->getBase()) ? 1 : 0;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(&S))
    return IsValue(Subscript->getBase()) ? 1 : 0;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return Construct->getNumArgs() > 0 &&
                   isStdStringClass(Construct->getType()) &&
                   Construct->getArg(0)->getType()->isPointerType() &&
                   IsValue(Construct->getArg(0))
               ? 3
               : 0;
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    const FunctionDecl *Fn = Call->getDirectCallee();
    if (!Fn)
      return 0;
    auto [It, Inserted] = NeedsNonNull.try_emplace(Fn, false);
    if (Inserted)
      It->second = matchesAnyName(*Fn, NonNullArgumentFunctions.names());
    if (!It->second)
      return 0;
    for (const Expr *Arg : Call->arguments())
      if (IsValue(Arg)) {
        Callee = Fn;
        return 2;
      }
  }
  return 0;
}

// Collects the variables set from a source, and reports sources used
// directly ('strlen(getenv("HOME"))').
class UncheckedNullReturnCheck::Scan : public RecursiveASTVisitor<Scan> {
public:
  explicit Scan(UncheckedNullReturnCheck &Check) : Check(Check) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitLambdaBody() const { return false; }
  bool TraverseDecl(Decl *D) {
    if (D && isa<FunctionDecl, CXXRecordDecl>(D))
      return true;
    return RecursiveASTVisitor<Scan>::TraverseDecl(D);
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->isLocalVarDecl() && Var->getType()->isPointerType() &&
        Check.nullSource(Var->getInit()))
      Vars.insert(Var);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign && Check.nullSource(Assign->getRHS()))
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && Var->isLocalVarDecl())
          Vars.insert(Var);
    return true;
  }
  bool VisitStmt(Stmt *S) {
    const CallExpr *Source = nullptr;
    const FunctionDecl *Callee = nullptr;
    const unsigned Kind = Check.useKind(
        *S,
        [&](const Expr *E) {
          Source = Check.nullSource(E);
          return Source != nullptr;
        },
        Callee);
    if (Kind)
      Check.report(*cast<Expr>(S), Kind, Callee, *Source, nullptr);
    return true;
  }

  llvm::SetVector<const VarDecl *> Vars;

private:
  UncheckedNullReturnCheck &Check;
};

static bool namesVariable(const Expr *E, const VarDecl &Var) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Ref && Ref->getDecl() == &Var;
}

// The text of the first argument of \p Call, or "" if it has none.
static StringRef firstArgumentText(const CallExpr &Call,
                                   const SourceManager &SM,
                                   const LangOptions &LangOpts) {
  if (Call.getNumArgs() == 0)
    return "";
  return Lexer::getSourceText(
      CharSourceRange::getTokenRange(Call.getArg(0)->getSourceRange()), SM,
      LangOpts);
}

bool UncheckedNullReturnCheck::positionedBefore(const CallExpr &Fetch,
                                                ASTContext &Context) const {
  const SourceManager &SM = Context.getSourceManager();
  const StringRef Result = firstArgumentText(Fetch, SM, getLangOpts());
  if (Result.empty())
    return false;
  // 'seek(r, first); for (...) { row = fetch(r); ... }' walks the rows from
  // the one sought.
  const auto *Before = dyn_cast_or_null<Expr>(
      statementBefore(Fetch, Context, /*ThroughLoopStart=*/true));
  const auto *Seek =
      dyn_cast_or_null<CallExpr>(Before ? Before->IgnoreImplicit() : nullptr);
  const FunctionDecl *Callee = Seek ? Seek->getDirectCallee() : nullptr;
  return Callee && matchesAnyName(*Callee, PositioningFunctions.names()) &&
         firstArgumentText(*Seek, SM, getLangOpts()) == Result;
}

void UncheckedNullReturnCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Fn || !Fn->getBody() || Fn->isTemplateInstantiation())
    return;
  Scan S(*this);
  S.TraverseStmt(Fn->getBody());
  if (S.Vars.empty())
    return;
  // Keeps the analysis linear: a function with dozens of such variables is
  // generated code, and gets the first ones.
  llvm::SmallVector<const VarDecl *, 8> Vars(
      S.Vars.begin(), S.Vars.begin() + std::min<size_t>(S.Vars.size(), 32));

  // Named, so that the function_refs of the rules outlive their use.
  auto SetsFromSource = [&](const Stmt &St,
                            const Expr *&Source) -> const VarDecl * {
    if (const auto *Decls = dyn_cast<DeclStmt>(&St)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (const CallExpr *Call = nullSource(Var->getInit())) {
            Source = Call;
            return Var;
          }
      return nullptr;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(&St);
        Assign && Assign->getOpcode() == BO_Assign)
      if (const CallExpr *Call = nullSource(Assign->getRHS()))
        if (const auto *Ref = dyn_cast<DeclRefExpr>(
                Assign->getLHS()->IgnoreParenImpCasts())) {
          Source = Call;
          return dyn_cast<VarDecl>(Ref->getDecl());
        }
    return nullptr;
  };
  auto UseOf = [&](const Stmt &St, const VarDecl &Var) -> const Expr * {
    const FunctionDecl *Callee = nullptr;
    return useKind(
               St, [&](const Expr *E) { return namesVariable(E, Var); }, Callee)
               ? cast<Expr>(&St)
               : nullptr;
  };
  // One finding per value, at its first unchecked use: the later ones
  // repeat it, and the fix at the first is the fix for all.
  const SourceManager &SM = *Result.SourceManager;
  llvm::MapVector<std::pair<const VarDecl *, const Expr *>, const Expr *>
      FirstUse;
  auto Report = [&](const Expr &Use, const VarDecl &Var, const Expr &Source) {
    if (assertedBetween(Var, Source.getBeginLoc(), Use.getBeginLoc(), SM) ||
        positionedBefore(cast<CallExpr>(Source), *Result.Context))
      return;
    auto [It, Inserted] = FirstUse.try_emplace({&Var, &Source}, &Use);
    if (!Inserted && SM.isBeforeInTranslationUnit(Use.getBeginLoc(),
                                                  It->second->getBeginLoc()))
      It->second = &Use;
  };
  const CheckedUseRules Rules{SetsFromSource, UseOf, Report};
  findUncheckedUses(*Fn, *Result.Context, Vars, Rules);
  for (const auto &[Value, Use] : FirstUse) {
    const VarDecl &Var = *Value.first;
    const FunctionDecl *Callee = nullptr;
    const unsigned Kind = useKind(
        *Use, [&](const Expr *E) { return namesVariable(E, Var); }, Callee);
    report(*Use, Kind, Callee, *cast<CallExpr>(Value.second), &Var);
  }
}

void UncheckedNullReturnCheck::report(const Expr &Use, unsigned Kind,
                                      const FunctionDecl *Callee,
                                      const CallExpr &Source,
                                      const VarDecl *Var) {
  const SourceLocation Loc = Use.getBeginLoc();
  if (!Diagnosed.insert(Loc).second)
    return;
  const std::string Function =
      Source.getDirectCallee()->getQualifiedNameAsString();
  diag(Loc, "%select{the result of '%1'|'%2'}0 is null when '%1' fails, and "
            "it is %select{|dereferenced|passed to '%4'|made into a "
            "string}3 here without a check: a crash on the first failure; "
            "test it for null first")
      << (Var != nullptr) << Function << (Var ? Var->getName() : "") << Kind
      << (Callee ? Callee->getQualifiedNameAsString() : "");
  if (Var)
    diag(Source.getBeginLoc(), "'%0' is set from '%1' here",
         DiagnosticIDs::Note)
        << Var->getName() << Function;
}

} // namespace clang::tidy::vibeguard
