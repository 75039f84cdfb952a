//===--- HardcodedSecretCheck.cpp - vibeguard -----------------------------===//

#include "HardcodedSecretCheck.h"
#include "vibeguard/Catalog.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::vibeguard {

static constexpr llvm::StringLiteral DefaultIgnoredValues =
    "^(changeme|change[-_ ]?me|password|passwd|secret|token|x+|\\*+|\\.+|-+|"
    "todo|tbd|fixme|none|null|nil|dummy|example|sample|test|testing|"
    "(test|testing|dummy|example|sample|fake)[-_ ]?(password|passwd|secret|"
    "token|key)|"
    "placeholder|redacted|your[-_ ].*|<[^>]*>|\\$\\{[^}]*\\}|%[a-z_]+%|"
    "\\{\\{[^}]*\\}\\}|.{0,3})$";

// 'dbPassword', 'DB_PASSWORD', "X-Api-Key" -> db password / x api key.
static std::vector<std::string> words(llvm::StringRef Name) {
  std::vector<std::string> Result;
  std::string Current;
  auto Flush = [&] {
    if (!Current.empty())
      Result.push_back(Current);
    Current.clear();
  };
  for (size_t I = 0; I < Name.size(); ++I) {
    const char C = Name[I];
    if (!isAlphanumeric(C)) {
      Flush();
      continue;
    }
    // A new word at 'aB' and at the 'B' of 'ABc'.
    if (isUppercase(C) && !Current.empty() &&
        (isLowercase(Name[I - 1]) || isDigit(Name[I - 1]) ||
         (I + 1 < Name.size() && isLowercase(Name[I + 1]))))
      Flush();
    Current.push_back(toLowercase(C));
  }
  Flush();
  return Result;
}

static std::vector<std::string> lowerCaseList(llvm::StringRef List) {
  std::vector<std::string> Result = splitOptionList(List);
  for (std::string &Entry : Result)
    Entry = llvm::StringRef(Entry).lower();
  return Result;
}

namespace {
struct CredentialFormat {
  const char *Description;
  const char *Needle; // a substring every match contains, to skip the regex
  const char *Pattern;
};
} // namespace

// Formats of credentials that no ordinary string has.
static const CredentialFormat Formats[] = {
    {"an AWS access key ID", "A",
     "(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)"},
    {"a GitHub token", "_",
     "(^|[^A-Za-z0-9])(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}"
     ")"},
    {"a GitLab token", "glpat-", "glpat-[A-Za-z0-9_-]{20,}"},
    {"a Slack token", "xox", "xox[abposr]-[A-Za-z0-9-]{10,}"},
    {"a Stripe live key", "_live_", "(sk|rk)_live_[A-Za-z0-9]{16,}"},
    {"a Google API key", "AIza", "AIza[0-9A-Za-z_-]{35}"},
    {"a JSON Web Token", "eyJ",
     "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"},
    {"a private key", "PRIVATE KEY",
     "-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----"},
};

HardcodedSecretCheck::HardcodedSecretCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawNames(Options.get("Names", catalog::SecretNames)),
      RawIgnoredValues(Options.get("IgnoredValues", DefaultIgnoredValues)),
      IgnoreTestFiles(Options.get("IgnoreTestFiles", false)),
      TestFilePattern(Options.get("TestFilePattern", catalog::TestFilePattern)),
      IgnoredValues(RawIgnoredValues, llvm::Regex::IgnoreCase),
      TestFiles(TestFilePattern),
      UrlPassword("[a-zA-Z][a-zA-Z0-9+.-]*://[^/:@ ]+:([^/@ ]+)@"),
      ConnectionPassword("(^|[ ;])(password|pwd)[ ]*=[ ]*'?([^ ;']+)",
                         llvm::Regex::IgnoreCase) {
  for (const CredentialFormat &Format : Formats)
    FormatRegexes.emplace_back(Format.Pattern);
  for (const std::string &Entry : lowerCaseList(RawNames)) {
    std::vector<std::string> Sequence = words(Entry);
    if (Sequence.empty()) {
      configurationDiag("invalid entry '%0' in option 'Names': expected a "
                        "word such as 'password' or 'api_key'; the entry is "
                        "ignored")
          << Entry;
      continue;
    }
    SecretWords.push_back(std::move(Sequence));
  }
  NotSecretWords = lowerCaseList(catalog::NotSecretNameWords);
  ProtocolWords = lowerCaseList(catalog::ProtocolWords);
  std::string Error;
  if (!IgnoredValues.isValid(Error)) {
    configurationDiag("invalid regular expression '%0' in option "
                      "'IgnoredValues': %1; the option is ignored")
        << RawIgnoredValues << Error;
    IgnoredValues = llvm::Regex("^$");
  }
  if (!TestFiles.isValid(Error)) {
    configurationDiag("invalid regular expression '%0' in option "
                      "'TestFilePattern': %1; the option is ignored")
        << TestFilePattern << Error;
    TestFiles = llvm::Regex("$^");
  }
}

void HardcodedSecretCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Names", RawNames);
  Options.store(Opts, "IgnoredValues", RawIgnoredValues);
  Options.store(Opts, "IgnoreTestFiles", IgnoreTestFiles);
  Options.store(Opts, "TestFilePattern", TestFilePattern);
}

void HardcodedSecretCheck::registerMatchers(MatchFinder *Finder) {
  const auto Project = unless(isExpansionInSystemHeader());
  Finder->addMatcher(stringLiteral(Project).bind("literal"), this);
  Finder->addMatcher(varDecl(Project, hasInitializer(expr())).bind("var"),
                     this);
  Finder->addMatcher(
      fieldDecl(Project, hasInClassInitializer(expr())).bind("field"), this);
  Finder->addMatcher(cxxConstructorDecl(Project, isDefinition()).bind("ctor"),
                     this);
  Finder->addMatcher(
      binaryOperator(Project, anyOf(isAssignmentOperator(),
                                    hasAnyOperatorName("==", "!=")))
          .bind("binary"),
      this);
  Finder->addMatcher(cxxOperatorCallExpr(
                         Project, hasAnyOverloadedOperatorName("=", "==", "!="))
                         .bind("operator"),
                     this);
  Finder->addMatcher(
      callExpr(Project, unless(cxxOperatorCallExpr())).bind("call"), this);
  Finder->addMatcher(cxxConstructExpr(Project).bind("construct"), this);
  Finder->addMatcher(initListExpr(Project).bind("list"), this);
}

void HardcodedSecretCheck::onStartOfTranslationUnit() {
  Diagnosed.clear();
  TokenVariables.clear();
}

bool HardcodedSecretCheck::isSecretName(llvm::StringRef Name) const {
  auto [It, Inserted] = SecretNameCache.try_emplace(Name, false);
  if (Inserted)
    It->second = isSecretNameUncached(Name);
  return It->second;
}

bool HardcodedSecretCheck::isSecretNameUncached(llvm::StringRef Name) const {
  const std::vector<std::string> Parts = words(Name);
  if (Parts.empty() || llvm::any_of(Parts, [this](const std::string &Word) {
        return llvm::is_contained(NotSecretWords, Word);
      }))
    return false;
  return llvm::any_of(SecretWords, [&Parts](const std::vector<std::string> &S) {
    if (S.size() > Parts.size())
      return false;
    for (size_t Start = 0; Start + S.size() <= Parts.size(); ++Start)
      if (std::equal(S.begin(), S.end(), Parts.begin() + Start))
        return true;
    return false;
  });
}

// The string literal E consists of, through conversions and constructions.
static const StringLiteral *literalIn(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Literal = dyn_cast<StringLiteral>(E))
      return Literal;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() >= 1)
      E = Construct->getArg(0);
    else if (isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                 ExprWithCleanups, CXXFunctionalCastExpr>(E))
      E = cast<Expr>(*E->child_begin());
    else
      return nullptr;
  }
  return nullptr;
}

// Names of environment variables ('DB_PASSWORD') say where the secret is,
// not what it is.
static bool isEnvironmentName(llvm::StringRef Value) {
  return llvm::all_of(
             Value,
             [](char C) { return isUppercase(C) || isDigit(C) || C == '_'; }) &&
         llvm::any_of(Value, [](char C) { return isUppercase(C); });
}

// "api_key", "X-Auth-Token": a name used as a key, not free text.
static bool isKeyLike(llvm::StringRef Text) {
  return !Text.empty() && llvm::all_of(Text, [](char C) {
    return isAlphanumeric(C) || C == '_' || C == '-' || C == '.';
  });
}

// Words and names rather than credentials: 'websocket', 'Bearer',
// 'grant_type', 'Content-Type'. A credential has digits, symbols, mixed case
// or length that a word of a protocol does not.
static bool isWordOrName(llvm::StringRef Value) {
  auto AllLower = [](llvm::StringRef Word) {
    return !Word.empty() && llvm::all_of(Word, isLowercase);
  };
  // 'chunked', 'Basic': one word of up to twelve letters.
  const llvm::StringRef Tail = Value.drop_front(!Value.empty() &&
                                                isUppercase(Value.front()));
  if (Value.size() <= 12 && AllLower(Tail))
    return true;
  // 'grant_type', 'keep_alive': a lower-case identifier.
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Value.split(Parts, '_');
  if (Parts.size() > 1 && llvm::all_of(Parts, AllLower))
    return true;
  // 'Content-Type', 'X-Requested-With': a header name.
  Parts.clear();
  Value.split(Parts, '-');
  return Parts.size() > 1 && llvm::all_of(Parts, [&](llvm::StringRef Word) {
           return !Word.empty() && isUppercase(Word.front()) &&
                  (Word.size() == 1 || AllLower(Word.drop_front()));
         });
}

// Text that says where or how, not what: a path, a URL (a password in one
// is found by its format), a format string.
static bool isPathOrFormat(llvm::StringRef Value) {
  if (Value.starts_with("/") || Value.starts_with("./") ||
      Value.starts_with("../") || Value.starts_with("~/") ||
      Value.contains("://") || Value.contains("{}"))
    return true;
  for (size_t I = Value.find('%'); I != llvm::StringRef::npos && I + 1 < Value.size();
       I = Value.find('%', I + 1))
    if (llvm::is_contained({'s', 'd', 'i', 'u', 'x', 'l', 'z', '.'},
                           Value[I + 1]))
      return true;
  return false;
}

bool HardcodedSecretCheck::isProtocolValue(llvm::StringRef Value) const {
  return llvm::is_contained(ProtocolWords, Value.lower()) ||
         isWordOrName(Value) || isPathOrFormat(Value);
}

const StringLiteral *HardcodedSecretCheck::secretValue(const Expr *E) const {
  const StringLiteral *Literal = literalIn(E);
  if (!Literal || Literal->getCharByteWidth() != 1)
    return nullptr;
  const llvm::StringRef Value = Literal->getString();
  // A value that is itself a secret's name ('kTokenKey = "access_token"')
  // is a field or key name.
  if (Value.trim().empty() || IgnoredValues.match(Value) ||
      isEnvironmentName(Value) || (isKeyLike(Value) && isSecretName(Value)))
    return nullptr;
  return Literal;
}

// True if \p E (an assignment's right-hand side or an initializer) is a
// call of a tokenizer: 'strtok_r(Line, " ", &Save)'.
static bool isTokenizerCall(const Expr *E) {
  const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee &&
         llvm::any_of(catalog::TokenizerFunctions, [Callee](llvm::StringRef Name) {
           return matchesAnyName(*Callee, llvm::ArrayRef<llvm::StringRef>(Name));
         });
}

static bool assignsFromTokenizer(const Stmt *S, const VarDecl &Var) {
  if (!S)
    return false;
  if (const auto *Assign = dyn_cast<BinaryOperator>(S);
      Assign && Assign->getOpcode() == BO_Assign)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts());
        Ref && Ref->getDecl() == &Var && isTokenizerCall(Assign->getRHS()))
      return true;
  return llvm::any_of(S->children(), [&Var](const Stmt *Child) {
    return assignsFromTokenizer(Child, Var);
  });
}

bool HardcodedSecretCheck::holdsParsedToken(const VarDecl &Var) const {
  auto [It, Inserted] = TokenVariables.try_emplace(&Var, false);
  if (!Inserted)
    return It->second;
  bool Parsed = isTokenizerCall(Var.getInit());
  if (!Parsed)
    if (const auto *Fn =
            dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod()))
      Parsed = assignsFromTokenizer(Fn->getBody(), Var);
  TokenVariables[&Var] = Parsed;
  return Parsed;
}

std::string HardcodedSecretCheck::nameOf(const Expr *E) const {
  if (!E)
    return "";
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    // A word a tokenizer cut out of a line of input ('token' from
    // strtok_r) compared with a keyword is parsing, not a credential.
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && holdsParsedToken(*Var))
      return "";
    return Ref->getDecl()->getNameAsString();
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getNameAsString();
  // 'config["password"]', 'headers.at("Authorization")'
  const Expr *Key = nullptr;
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
      OpCall && OpCall->getOperator() == OO_Subscript &&
      OpCall->getNumArgs() == 2)
    Key = OpCall->getArg(1);
  else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    Key = Subscript->getIdx();
  if (const StringLiteral *KeyLiteral = literalIn(Key);
      KeyLiteral && KeyLiteral->getCharByteWidth() == 1)
    return KeyLiteral->getString().str();
  // 'cfg.password()' used as a comparison operand.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *Method = Call->getMethodDecl())
      return Method->getNameAsString();
  return "";
}

bool HardcodedSecretCheck::isIgnoredFile(SourceLocation Loc) const {
  if (!IgnoreTestFiles || !SM)
    return false;
  return TestFiles.match(SM->getFilename(SM->getExpansionLoc(Loc)));
}

void HardcodedSecretCheck::reportNamed(const StringLiteral &Literal,
                                       llvm::StringRef Name) {
  if (isIgnoredFile(Literal.getBeginLoc()) ||
      !Diagnosed.insert(Literal.getBeginLoc()).second)
    return;
  diag(Literal.getBeginLoc(),
       "a credential hardcoded for '%0' is readable by anyone with the "
       "source or the binary, and changing it takes a new release; load it "
       "at run time from the environment or a secret store")
      << Name;
}

void HardcodedSecretCheck::checkNamedValue(llvm::StringRef Name,
                                           const Expr *Value) {
  // The literal test is the cheap one: most values are not literals.
  if (Name.empty())
    return;
  // A name alone is weak evidence: the value must look like a credential,
  // not like a protocol word ('token = "websocket"').
  if (const StringLiteral *Literal = secretValue(Value);
      Literal && !isProtocolValue(Literal->getString()) && isSecretName(Name))
    reportNamed(*Literal, Name);
}

void HardcodedSecretCheck::checkCall(const FunctionDecl *Callee,
                                     llvm::ArrayRef<const Expr *> Args) {
  if (!Callee || llvm::none_of(Args, [](const Expr *Arg) {
        return literalIn(Arg) != nullptr;
      }))
    return;
  // Passwords of known APIs.
  for (const catalog::SecretArgument &Known : catalog::SecretArguments)
    if (Known.Index < Args.size() &&
        matchesAnyName(*Callee, llvm::ArrayRef<llvm::StringRef>(
                                    llvm::StringRef(Known.Function))))
      if (const StringLiteral *Literal = secretValue(Args[Known.Index]))
        reportNamed(*Literal, Callee->getNameAsString());
  // curl_easy_setopt(curl, CURLOPT_USERPWD, "user:secret")
  if (Callee->getIdentifier() &&
      Callee->getName() == catalog::CurlSetOptionFunction && Args.size() == 3)
    if (const auto *Option =
            dyn_cast<DeclRefExpr>(Args[1]->IgnoreParenImpCasts());
        Option && llvm::is_contained(catalog::CurlSecretOptions,
                                     Option->getDecl()->getName()))
      if (const StringLiteral *Literal = secretValue(Args[2]))
        reportNamed(*Literal, Option->getDecl()->getName());
  // Parameters named like a secret: 'login(user, "hunter2")'.
  for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I)
    if (const IdentifierInfo *Param = Callee->getParamDecl(I)->getIdentifier())
      checkNamedValue(Param->getName(), Args[I]);
  // A key and its value side by side: 'setenv("API_TOKEN", "...", 1)',
  // 'headers.emplace("Authorization", "Bearer ...")'.
  // The key must look like a key, not a message ('log("password", "was
  // reset")'), and the value like a credential: no spaces but after an
  // authorization scheme.
  for (size_t I = 0; I + 1 < Args.size(); ++I) {
    const StringLiteral *Key = literalIn(Args[I]);
    const StringLiteral *Value = literalIn(Args[I + 1]);
    if (!Key || !Value || Key->getCharByteWidth() != 1 ||
        Value->getCharByteWidth() != 1 || !isKeyLike(Key->getString()) ||
        (Value->getString().contains(' ') &&
         !Value->getString().starts_with("Bearer ") &&
         !Value->getString().starts_with("Basic ")))
      continue;
    checkNamedValue(Key->getString(), Args[I + 1]);
  }
}

void HardcodedSecretCheck::checkLiteralFormat(const StringLiteral &Literal) {
  if (Literal.getCharByteWidth() != 1)
    return;
  const llvm::StringRef Text = Literal.getString();
  if (Text.size() < 16)
    return;
  const char *Found = nullptr;
  for (size_t I = 0; I < std::size(Formats); ++I)
    if (Text.contains(Formats[I].Needle) && FormatRegexes[I].match(Text)) {
      Found = Formats[I].Description;
      break;
    }
  // A password inside a URL or a connection string, unless it is a
  // placeholder.
  llvm::SmallVector<llvm::StringRef, 4> Groups;
  // Usage text spells the syntax: 'socks5h://[user[:password]@]host'.
  auto IsRealPassword = [this](llvm::StringRef Password) {
    return !IgnoredValues.match(Password) && !isEnvironmentName(Password) &&
           Password.find_first_of("[]<>{}") == llvm::StringRef::npos;
  };
  if (!Found && Text.contains("://") && UrlPassword.match(Text, &Groups) &&
      IsRealPassword(Groups[1]))
    Found = "a URL with a password";
  Groups.clear();
  if (!Found &&
      (Text.contains_insensitive("password") ||
       Text.contains_insensitive("pwd")) &&
      ConnectionPassword.match(Text, &Groups) && IsRealPassword(Groups[3]))
    Found = "a connection string with a password";
  if (!Found || isIgnoredFile(Literal.getBeginLoc()) ||
      !Diagnosed.insert(Literal.getBeginLoc()).second)
    return;
  diag(Literal.getBeginLoc(),
       "a credential hardcoded as a string literal (it looks like %0) is "
       "readable by anyone with the source or the binary, and changing it "
       "takes a new release; load it at run time from the environment or a "
       "secret store")
      << Found;
}

void HardcodedSecretCheck::check(const MatchFinder::MatchResult &Result) {
  SM = Result.SourceManager;
  const auto &Nodes = Result.Nodes;
  if (const auto *Literal = Nodes.getNodeAs<StringLiteral>("literal")) {
    checkLiteralFormat(*Literal);
  } else if (const auto *Var = Nodes.getNodeAs<VarDecl>("var")) {
    if (const IdentifierInfo *Id = Var->getIdentifier())
      checkNamedValue(Id->getName(), Var->getInit());
  } else if (const auto *Field = Nodes.getNodeAs<FieldDecl>("field")) {
    if (const IdentifierInfo *Id = Field->getIdentifier())
      checkNamedValue(Id->getName(), Field->getInClassInitializer());
  } else if (const auto *Ctor = Nodes.getNodeAs<CXXConstructorDecl>("ctor")) {
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (const FieldDecl *Member = Init->getMember();
          Member && Init->isWritten() && Member->getIdentifier())
        checkNamedValue(Member->getName(), Init->getInit());
  } else if (const auto *Binary = Nodes.getNodeAs<BinaryOperator>("binary")) {
    checkNamedValue(nameOf(Binary->getLHS()), Binary->getRHS());
    if (Binary->isEqualityOp())
      checkNamedValue(nameOf(Binary->getRHS()), Binary->getLHS());
  } else if (const auto *OpCall =
                 Nodes.getNodeAs<CXXOperatorCallExpr>("operator")) {
    if (OpCall->getNumArgs() == 2) {
      checkNamedValue(nameOf(OpCall->getArg(0)), OpCall->getArg(1));
      if (OpCall->getOperator() != OO_Equal)
        checkNamedValue(nameOf(OpCall->getArg(1)), OpCall->getArg(0));
    }
  } else if (const auto *Call = Nodes.getNodeAs<CallExpr>("call")) {
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    checkCall(Call->getDirectCallee(), Args);
    // 'strcmp(password, "hunter2")', 'password.compare("hunter2")'
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getIdentifier() &&
        llvm::is_contained({"strcmp", "strncmp", "strcasecmp", "compare"},
                           Callee->getName())) {
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
          Member && !Args.empty())
        checkNamedValue(nameOf(Member->getImplicitObjectArgument()), Args[0]);
      else if (Args.size() >= 2) {
        checkNamedValue(nameOf(Args[0]), Args[1]);
        checkNamedValue(nameOf(Args[1]), Args[0]);
      }
    }
  } else if (const auto *Construct =
                 Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    checkCall(Construct->getConstructor(),
              {Construct->getArgs(), Construct->getNumArgs()});
  } else if (const auto *List = Nodes.getNodeAs<InitListExpr>("list")) {
    // '{"password", "hunter2"}' in a map's initializer.
    if (List->getNumInits() == 2)
      if (const StringLiteral *Key = literalIn(List->getInit(0));
          Key && Key->getCharByteWidth() == 1)
        checkNamedValue(Key->getString(), List->getInit(1));
  }
}

} // namespace clang::tidy::vibeguard
