//===--- StringProvenance.cpp - vibeguard ---------------------------------===//

#include "vibeguard/StringProvenance.h"
#include "vibeguard/NameListOption.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::vibeguard {

namespace {
/// A call whose text the tracer entered, so that the callee's parameters
/// stand for the call's arguments.
struct Frame {
  const FunctionDecl *Callee;
  const CallExpr *Call;
};
} // namespace

/// Everything a function body writes into each of its string variables:
/// assigned, appended or streamed values, format calls that fill a buffer,
/// and null for writes the tracer cannot see into (a non-const reference
/// handed to an unknown function, such as std::getline).
struct StringProvenance::Writes {
  struct Write {
    const Expr *What;
    /// What is a call that fills the variable with text we cannot see.
    bool Opaque;
    /// What is added to the text already there ('+=', strcat, a write
    /// behind its start) rather than replacing it.
    bool Appends;
  };
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<Write, 2>> Into;
  /// Pointers initialised from (or assigned) a local array: writes through
  /// them are writes into the array.
  llvm::DenseMap<const VarDecl *, const VarDecl *> ArrayOf;
};
struct StringProvenance::CallIndex {
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Expr *, 4>>
      Calls;
  /// Functions whose address is taken: called in ways the index misses.
  llvm::DenseSet<const FunctionDecl *> Escaped;
};

static const VarDecl *referencedVar(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

static llvm::StringRef nameOf(const NamedDecl *D) {
  return D && D->getDeclName().isIdentifier() ? D->getName() : "";
}

// Functions that write formatted text into their first argument.
static bool isBufferFormatter(llvm::StringRef Name) {
  return llvm::is_contained(
      {"sprintf", "snprintf", "vsprintf", "vsnprintf", "sqlite3_snprintf"},
      Name);
}

// Functions that copy their second argument into their first.
static bool isBufferCopy(llvm::StringRef Name) {
  return llvm::is_contained({"strcpy", "strncpy", "strcat", "strncat",
                             "strlcpy", "strlcat", "stpcpy", "stpncpy",
                             "memcpy", "memmove", "wcscpy", "wcscat"},
                            Name);
}

// Copies that add to the text already in the buffer.
static bool isBufferAppend(llvm::StringRef Name) {
  return llvm::is_contained({"strcat", "strncat", "strlcat", "wcscat"}, Name);
}

// Member functions of a string that add their arguments to it.
static bool isAppendingMember(llvm::StringRef Name) {
  return llvm::is_contained(
      {"append", "insert", "assign", "push_back", "replace", "operator+="},
      Name);
}

// Member functions of a string that only remove text.
static bool isHarmlessMember(llvm::StringRef Name) {
  return llvm::is_contained(
      {"clear", "erase", "resize", "reserve", "pop_back", "shrink_to_fit"},
      Name);
}

// The variable a write lands in: 'buf', '&buf', 'buf + n', '&buf[n]',
// '(char *)buf', 'm[key]'. Offset tells whether it lands behind the start.
static const VarDecl *writtenVar(const Expr *E, bool &Offset) {
  Offset = false;
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenCasts();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_AddrOf) {
      E = Unary->getSubExpr();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      Offset = true;
      E = Subscript->getBase();
    } else if (const auto *Binary = dyn_cast<BinaryOperator>(E);
               Binary && Binary->isAdditiveOp()) {
      Offset = true;
      E = Binary->getLHS()->getType()->isPointerType() ? Binary->getLHS()
                                                         : Binary->getRHS();
    } else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E);
               OpCall && OpCall->getOperator() == OO_Subscript &&
               OpCall->getNumArgs() == 2) {
      E = OpCall->getArg(0);
    } else {
      return referencedVar(E);
    }
  }
  return nullptr;
}

namespace {
class WriteCollector : public RecursiveASTVisitor<WriteCollector> {
public:
  WriteCollector(StringProvenance::Writes &Into,
                 llvm::function_ref<bool(const FunctionDecl &)> IsEscape)
      : Into(Into), IsEscape(IsEscape) {}

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getType()->isPointerType() && Var->getInit())
      noteAlias(*Var, Var->getInit());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Binary) {
    if (!Binary->isAssignmentOp())
      return true;
    const bool Compound = Binary->getOpcode() != BO_Assign;
    // 'data = buffer;' makes 'data' an alias: the write stays on 'data'.
    if (const VarDecl *Var = referencedVar(Binary->getLHS());
        Var && !Compound && Var->getType()->isPointerType()) {
      noteAlias(*Var, Binary->getRHS());
      Into.Into[Var].push_back({Binary->getRHS(), false, false});
      return true;
    }
    bool Offset = false;
    if (const VarDecl *Var = target(Binary->getLHS(), &Offset))
      Into.Into[Var].push_back({Binary->getRHS(), false, Offset || Compound});
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getNumArgs() != 2)
      return true;
    const OverloadedOperatorKind Op = Call->getOperator();
    if (Op == OO_Equal || Op == OO_PlusEqual) {
      if (const VarDecl *Var = target(Call->getArg(0)))
        Into.Into[Var].push_back({Call->getArg(1), false, Op == OO_PlusEqual});
    } else if (Op == OO_LessLess) {
      // 'out << a << b': every level adds its right operand to 'out'.
      const Expr *Root = Call->getArg(0)->IgnoreParenImpCasts();
      while (const auto *Inner = dyn_cast<CXXOperatorCallExpr>(Root)) {
        if (Inner->getOperator() != OO_LessLess || Inner->getNumArgs() != 2)
          break;
        Root = Inner->getArg(0)->IgnoreParenImpCasts();
      }
      if (const VarDecl *Var = referencedVar(Root))
        Into.Into[Var].push_back({Call->getArg(1), false, true});
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const VarDecl *Var = target(Call->getImplicitObjectArgument());
    if (!Var || !Method || Method->isConst())
      return true;
    const llvm::StringRef Name = nameOf(Method);
    if (isAppendingMember(Name)) {
      for (const Expr *Arg : Call->arguments())
        Into.Into[Var].push_back({Arg, false, Name != "assign"});
    } else if (!isHarmlessMember(Name)) {
      Into.Into[Var].push_back({Call, true, false});
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXOperatorCallExpr, CXXMemberCallExpr>(Call))
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    // mysql_real_escape_string(conn, to, from, n) fills 'to' with escaped
    // text.
    if (Callee && IsEscape(*Callee))
      return true;
    const llvm::StringRef Name = nameOf(Callee);
    if (Callee && (isBufferFormatter(Name) || isBufferCopy(Name)) &&
        Call->getNumArgs() > 0) {
      bool Offset = false;
      if (const VarDecl *Var = target(Call->getArg(0), &Offset))
        Into.Into[Var].push_back({Call, false, Offset || isBufferAppend(Name)});
      return true;
    }
    // A variable handed to an unknown function that may write into it.
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      bool Offset = false;
      const VarDecl *Var = target(Call->getArg(I), &Offset);
      if (!Var)
        continue;
      const ParmVarDecl *Param = Callee && I < Callee->getNumParams()
                                     ? Callee->getParamDecl(I)
                                     : nullptr;
      // The values of a variadic call are read ('execl(..., cmd, NULL)'),
      // but for the scanf family, which fills them.
      if (!Param && Callee && Callee->isVariadic() &&
          !Name.ends_with("scanf"))
        continue;
      // Only a parameter typed as text can fill the variable with text:
      // 'char *', or a non-const reference ('std::string &'); 'void *'
      // (free, memset) cannot.
      const QualType Type = Param ? Param->getType() : QualType();
      const QualType Pointee =
          Param && (Type->isReferenceType() || Type->isPointerType())
              ? Type->getPointeeType()
              : QualType();
      const bool MayWrite =
          !Param ||
          (!Pointee.isNull() && !Pointee.isConstQualified() &&
           (Type->isReferenceType() || Pointee->isAnyCharacterType()));
      if (MayWrite)
        Into.Into[Var].push_back({Call, true, Offset});
    }
    return true;
  }

private:
  // The variable a write lands in, or the array it points into.
  const VarDecl *target(const Expr *E, bool *Offset = nullptr) {
    bool Behind = false;
    const VarDecl *Var = writtenVar(E, Behind);
    if (Offset)
      *Offset = Behind;
    auto It = Var ? Into.ArrayOf.find(Var) : Into.ArrayOf.end();
    return It != Into.ArrayOf.end() ? It->second : Var;
  }

  // 'char *data = buffer;', 'data = buffer + n;'
  void noteAlias(const VarDecl &Pointer, const Expr *Value) {
    bool Offset = false;
    const VarDecl *Array = target(Value, &Offset);
    if (Array && Array != &Pointer && Array->getType()->isArrayType() &&
        Array->isLocalVarDecl())
      Into.ArrayOf[&Pointer] = Array;
  }

  StringProvenance::Writes &Into;
  llvm::function_ref<bool(const FunctionDecl &)> IsEscape;
};

// Every call of the translation unit, by callee.
class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  CallCollector(StringProvenance::CallIndex &Index, const SourceManager &SM)
      : Index(Index), SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Calls inside the system headers do not pass the project's text.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      Index.Calls[Callee->getCanonicalDecl()].push_back(Call);
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              Call->getCallee()->IgnoreParenImpCasts()))
        Callees.insert(Ref);
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Index.Calls[Construct->getConstructor()->getCanonicalDecl()].push_back(
        Construct);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl());
        Fn && !Callees.count(Ref))
      Index.Escaped.insert(Fn->getCanonicalDecl());
    return true;
  }

private:
  StringProvenance::CallIndex &Index;
  const SourceManager &SM;
  llvm::DenseSet<const DeclRefExpr *> Callees;
};
} // namespace

class StringProvenance::Tracer {
public:
  Tracer(StringProvenance &Owner, bool FollowCallers)
      : Owner(Owner), FollowCallers(FollowCallers) {}

  TextOrigin run(const Expr &Text) {
    TextOrigin Result;
    Result.Part = trace(&Text);
    Result.Joined = Result.Part && LeafJoined;
    Result.Forwarded = std::move(Forwarded);
    return Result;
  }

private:
  // The first run-time part found remembers whether it was joined to other
  // text on its way up: the innermost call to return it sees it first.
  const Expr *trace(const Expr *E) {
    const Expr *Part = traceOne(E);
    if (Part && !SawPart) {
      SawPart = true;
      LeafJoined = JoinDepth > 0;
    }
    return Part;
  }

  // Traces a piece that comes after other text: a value concatenated,
  // appended or formatted into it.
  const Expr *traceJoined(const Expr *E) {
    ++JoinDepth;
    const Expr *Part = trace(E);
    --JoinDepth;
    return Part;
  }

  const Expr *traceOne(const Expr *E) {
    if (!E || ++Steps > StepLimit)
      return nullptr;
    E = E->IgnoreParens();
    // A template's own pattern: its instantiations tell what the text is.
    if (E->isInstantiationDependent())
      return nullptr;
    if (isSafeValue(*E))
      return nullptr;
    if (isa<StringLiteral, CharacterLiteral, IntegerLiteral, FloatingLiteral,
            CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, GNUNullExpr>(E))
      return nullptr;
    if (isa<ImplicitCastExpr, ExplicitCastExpr, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr, ExprWithCleanups, ConstantExpr>(E))
      return trace(cast<Expr>(*E->child_begin()));
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(E))
      return trace(Default->getExpr());
    if (const auto *Conditional = dyn_cast<ConditionalOperator>(E)) {
      if (const Expr *Part = trace(Conditional->getTrueExpr()))
        return Part;
      return trace(Conditional->getFalseExpr());
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E);
        Binary && Binary->getOpcode() == BO_Comma)
      return trace(Binary->getRHS());
    // '{"DROP TABLE a", "DROP TABLE b"}', and 'kStatements[i]' of it.
    if (const auto *List = dyn_cast<InitListExpr>(E))
      return traceAll(List->inits());
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      return trace(Subscript->getBase());
    // '*It' of 'for (const char *S : kStatements)'.
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_Deref)
      return trace(Unary->getSubExpr());
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      return traceAll(Construct->arguments());
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(E))
      return traceOperator(*OpCall);
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(E))
      return traceMemberCall(*MemberCall);
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return traceCall(*Call);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return traceDecl(*Ref);
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return traceMember(*Member);
    return E;
  }

  static constexpr unsigned StepLimit = 4000;

  bool isSafeValue(const Expr &E) const {
    QualType Type = E.getType();
    if (Type.isNull() || Type->isDependentType())
      return false;
    if (E.isValueDependent())
      return false;
    Type = Type.getCanonicalType();
    const bool IsNumber =
        (Type->isIntegralOrEnumerationType() && !Type->isAnyCharacterType()) ||
        Type->isRealFloatingType() || Type->isBooleanType();
    return IsNumber && Owner.IntegersAreSafe;
  }

  template <typename Range> const Expr *traceAll(Range Args) {
    for (const Expr *Arg : Args)
      if (const Expr *Part = trace(Arg))
        return Part;
    return nullptr;
  }

  // 'a + b', 'out << a << b': what comes after the first operand is joined
  // to it.
  template <typename Range> const Expr *traceConcatenation(Range Args) {
    bool First = true;
    for (const Expr *Arg : Args) {
      if (const Expr *Part = First ? trace(Arg) : traceJoined(Arg))
        return Part;
      First = false;
    }
    return nullptr;
  }

  // A static const member, or a const member with a constant default, is a
  // constant; any other field holds whatever was stored in it.
  const Expr *traceMember(const MemberExpr &Member) {
    const ValueDecl *Decl = Member.getMemberDecl();
    if (const auto *Var = dyn_cast<VarDecl>(Decl);
        Var && Var->getType().isConstQualified() && Var->getAnyInitializer())
      return trace(Var->getAnyInitializer());
    if (const auto *Field = dyn_cast<FieldDecl>(Decl);
        Field && Field->getType().isConstQualified() &&
        Field->hasInClassInitializer())
      return trace(Field->getInClassInitializer());
    return &Member;
  }

  const Expr *traceOperator(const CXXOperatorCallExpr &Call) {
    switch (Call.getOperator()) {
    case OO_Plus:
    case OO_LessLess: // a stream expression used as a value
      return traceConcatenation(Call.arguments());
    case OO_Subscript: // 'kStatements[i]' of a std::array of constants
      return Call.getNumArgs() == 2 ? trace(Call.getArg(0)) : &Call;
    default:
      return &Call;
    }
  }

  const Expr *traceMemberCall(const CXXMemberCallExpr &Call) {
    const CXXMethodDecl *Method = Call.getMethodDecl();
    if (!Method)
      return &Call;
    if (Owner.isEscapeFunction(*Method))
      return nullptr;
    const llvm::StringRef Name = nameOf(Method);
    const Expr *Object = Call.getImplicitObjectArgument();
    if (llvm::is_contained({"c_str", "data", "str", "substr", "view"}, Name))
      return trace(Object);
    if (isAppendingMember(Name)) {
      if (const Expr *Part = trace(Object))
        return Part;
      for (const Expr *Arg : Call.arguments())
        if (const Expr *Part = traceJoined(Arg))
          return Part;
      return nullptr;
    }
    return traceDefined(Call, *Method);
  }

  const Expr *traceCall(const CallExpr &Call) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee)
      return &Call;
    if (Owner.isEscapeFunction(*Callee))
      return nullptr;
    const llvm::StringRef Name = nameOf(Callee);
    if (Callee->isInStdNamespace() &&
        (Name == "to_string" || Name == "to_wstring"))
      return traceAll(Call.arguments());
    if (isFormatter(*Callee) && Call.getNumArgs() > 0)
      return traceFormat(Call, 0);
    if (isBufferFormatter(Name))
      return traceFormat(Call, formatIndex(Name));
    if (isBufferCopy(Name))
      return Call.getNumArgs() > 1 ? trace(Call.getArg(1)) : nullptr;
    return traceDefined(Call, *Callee);
  }

  // std::format, fmt::format, absl::StrFormat, sqlite3_mprintf and friends:
  // the text is the format string and the values it formats.
  static bool isFormatter(const FunctionDecl &Callee) {
    const llvm::StringRef Name = nameOf(&Callee);
    return llvm::is_contained({"format", "vformat", "StrFormat", "StrCat",
                               "sqlite3_mprintf", "sqlite3_vmprintf"},
                              Name);
  }

  static unsigned formatIndex(llvm::StringRef Name) {
    if (Name == "snprintf" || Name == "vsnprintf" ||
        Name == "sqlite3_snprintf")
      return 2;
    return 1; // sprintf, vsprintf
  }

  // The text a formatting call produces from the argument at FormatIndex on:
  // '%q', '%Q' and '%w' (sqlite3_mprintf) escape their value, numbers are
  // safe when IntegersAreSafe, everything else is traced.
  const Expr *traceFormat(const CallExpr &Call, unsigned FormatIndex) {
    if (FormatIndex >= Call.getNumArgs())
      return nullptr;
    const Expr *Format = Call.getArg(FormatIndex);
    if (const Expr *Part = trace(Format))
      return Part;
    const auto *Literal =
        dyn_cast<StringLiteral>(Format->IgnoreParenImpCasts());
    llvm::SmallVector<bool, 8> Escaped; // per value, in order
    if (Literal && Literal->getCharByteWidth() == 1) {
      const llvm::StringRef Text = Literal->getString();
      for (size_t I = 0; I + 1 < Text.size(); ++I) {
        if (Text[I] != '%')
          continue;
        size_t J = I + 1;
        if (Text[J] == '%') {
          I = J;
          continue;
        }
        while (J < Text.size() && !isalpha(static_cast<unsigned char>(Text[J])))
          ++J;
        while (J < Text.size() &&
               llvm::is_contained({'l', 'h', 'z', 'j', 't'}, Text[J]))
          ++J;
        if (J < Text.size())
          Escaped.push_back(Text[J] == 'q' || Text[J] == 'Q' || Text[J] == 'w');
        I = J;
      }
    }
    // snprintf(buf, n, "%s", text) copies the text whole.
    const bool Whole = Literal && Literal->getCharByteWidth() == 1 &&
                       Literal->getString() == "%s";
    for (unsigned I = FormatIndex + 1; I < Call.getNumArgs(); ++I) {
      const unsigned Value = I - FormatIndex - 1;
      if (Value < Escaped.size() && Escaped[Value])
        continue;
      const Expr *Arg = Call.getArg(I);
      if (const Expr *Part = Whole ? trace(Arg) : traceJoined(Arg))
        return Part;
    }
    return nullptr;
  }

  // A function defined in the translation unit: what it returns, with its
  // parameters standing for this call's arguments.
  const Expr *traceDefined(const CallExpr &Call, const FunctionDecl &Callee) {
    const FunctionDecl *Definition = Callee.getDefinition();
    const Stmt *Body = Definition ? Definition->getBody() : nullptr;
    if (!Body || Definition->isVariadic() ||
        !ActiveFunctions.insert(Definition->getCanonicalDecl()).second)
      return Body ? nullptr : &Call; // recursion adds no new text
    Frames.push_back({Definition, &Call});
    const Expr *Part = nullptr;
    llvm::SmallVector<const Stmt *, 16> Work{Body};
    while (!Work.empty() && !Part) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S))
        continue;
      if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
        if (const Expr *Part2 = trace(Return->getRetValue()))
          Part = Part2;
        continue;
      }
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
    Frames.pop_back();
    ActiveFunctions.erase(Definition->getCanonicalDecl());
    return Part;
  }

  // A parameter of a helper the tracer entered is the call's argument.
  const Expr *traceArgument(const DeclRefExpr &Ref, const ParmVarDecl &Param,
                            size_t FrameIndex) {
    const Frame &F = Frames[FrameIndex];
    const unsigned Index = Param.getFunctionScopeIndex();
    unsigned ArgIndex = Index;
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(F.Call);
        OpCall && isa<CXXMethodDecl>(F.Callee))
      ArgIndex = Index + 1;
    if (ArgIndex >= F.Call->getNumArgs())
      return &Ref;
    // The argument belongs to the caller's frame.
    llvm::SmallVector<Frame, 4> Inner(Frames.begin() + FrameIndex,
                                      Frames.end());
    Frames.resize(FrameIndex);
    const Expr *Part = trace(F.Call->getArg(ArgIndex));
    Frames.append(Inner.begin(), Inner.end());
    if (Part)
      return Part;
    return traceWrites(Param);
  }

  // A parameter of the function holding the text: its callers decide.
  const Expr *traceOwnParameter(const DeclRefExpr &Ref,
                                const ParmVarDecl &Param) {
    if (!FollowCallers)
      return &Ref;
    if (JoinDepth == 0) {
      if (!llvm::is_contained(Forwarded, &Param))
        Forwarded.push_back(&Param);
      return traceWrites(Param);
    }
    if (Owner.callersPassOnlyConstants(Param))
      return traceWrites(Param);
    // A virtual function (or one whose address is taken) is called where
    // the translation unit does not show: what its callers pass is unknown,
    // and unknown text is not reported.
    if (const auto *Fn = dyn_cast<FunctionDecl>(Param.getDeclContext());
        Fn && !Owner.callsOf(*Fn))
      return traceWrites(Param);
    return &Ref;
  }

  const Expr *traceDecl(const DeclRefExpr &Ref) {
    const ValueDecl *Decl = Ref.getDecl();
    if (isa<EnumConstantDecl>(Decl))
      return nullptr;
    const auto *Var = dyn_cast<VarDecl>(Decl);
    if (!Var)
      return &Ref;
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var)) {
      for (size_t I = Frames.size(); I-- > 0;)
        if (Param->getDeclContext() == Frames[I].Callee)
          return traceArgument(Ref, *Param, I);
      return traceOwnParameter(Ref, *Param);
    }
    if (!ActiveVars.insert(Var).second)
      return nullptr; // already being traced: adds nothing new
    const Expr *Part = nullptr;
    const Expr *Init = Var->getAnyInitializer();
    if (Init)
      Part = trace(Init);
    if (!Part && Var->isLocalVarDecl())
      Part = traceWrites(*Var, hasText(Init));
    ActiveVars.erase(Var);
    // Report the variable where it is used when its text came from
    // somewhere the reader cannot see at the use.
    return Part;
  }

  // An initializer that puts text in the variable: not 'std::string s;'.
  static bool hasText(const Expr *Init) {
    if (!Init)
      return false;
    Init = Init->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
      return Construct->getNumArgs() > 0 &&
             !isa<CXXDefaultArgExpr>(Construct->getArg(0));
    if (const auto *Literal = dyn_cast<StringLiteral>(Init))
      return Literal->getLength() > 0;
    return !isa<InitListExpr>(Init) ||
           cast<InitListExpr>(Init)->getNumInits() > 0;
  }

  const Expr *traceWrites(const VarDecl &Var, bool HasText = true) {
    const auto *Fn =
        dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
    if (!Fn)
      return nullptr;
    const Writes &W = Owner.writesIn(*Fn);
    auto It = W.Into.find(&Var);
    if (It == W.Into.end())
      return nullptr;
    for (const Writes::Write &W2 : It->second) {
      // What is appended to text already there is joined to it.
      const bool Joined = W2.Appends && HasText;
      HasText = true;
      if (Joined)
        ++JoinDepth;
      const Expr *Part = traceWrite(W2);
      if (Joined)
        --JoinDepth;
      if (Part)
        return Part;
    }
    return nullptr;
  }

  const Expr *traceWrite(const Writes::Write &W) {
    const Expr *Written = W.What;
    if (W.Opaque) {
      // The call is the part: whether it was joined is decided here.
      if (!SawPart) {
        SawPart = true;
        LeafJoined = JoinDepth > 0;
      }
      return Written;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Written);
        Call && !isa<CXXOperatorCallExpr, CXXMemberCallExpr>(Call)) {
      const llvm::StringRef Name = nameOf(Call->getDirectCallee());
      if (isBufferCopy(Name))
        return Call->getNumArgs() > 1 ? trace(Call->getArg(1)) : nullptr;
      return traceFormat(*Call, formatIndex(Name));
    }
    return trace(Written);
  }

  StringProvenance &Owner;
  const bool FollowCallers;
  unsigned Steps = 0;
  unsigned JoinDepth = 0;
  bool SawPart = false;
  bool LeafJoined = false;
  llvm::SmallVector<const ParmVarDecl *, 2> Forwarded;
  llvm::SmallVector<Frame, 4> Frames;
  llvm::DenseSet<const VarDecl *> ActiveVars;
  llvm::DenseSet<const FunctionDecl *> ActiveFunctions;
};

StringProvenance::StringProvenance(
    llvm::ArrayRef<llvm::StringRef> EscapeFunctions, bool IntegersAreSafe)
    : EscapeFunctions(EscapeFunctions), IntegersAreSafe(IntegersAreSafe) {}

StringProvenance::~StringProvenance() = default;

void StringProvenance::clear() {
  WritesByFunction.clear();
  IsEscape.clear();
  ConstantParams.clear();
  Calls.reset();
}

bool StringProvenance::isEscapeFunction(const FunctionDecl &Fn) {
  auto [It, Inserted] = IsEscape.try_emplace(Fn.getCanonicalDecl(), false);
  if (Inserted)
    It->second = matchesAnyName(Fn, EscapeFunctions);
  return It->second;
}

const StringProvenance::Writes &
StringProvenance::writesIn(const FunctionDecl &Fn) {
  std::unique_ptr<Writes> &Slot = WritesByFunction[Fn.getCanonicalDecl()];
  if (!Slot) {
    Slot = std::make_unique<Writes>();
    const FunctionDecl *Definition = Fn.getDefinition();
    if (Definition && Definition->getBody()) {
      auto IsEscape = [this](const FunctionDecl &Callee) {
        return isEscapeFunction(Callee);
      };
      WriteCollector Collector(*Slot, IsEscape);
      Collector.TraverseStmt(Definition->getBody());
    }
  }
  return *Slot;
}

const llvm::SmallVector<const Expr *, 4> *
StringProvenance::callsOf(const FunctionDecl &Fn) {
  if (!Calls) {
    Calls = std::make_unique<CallIndex>();
    ASTContext &Context = Fn.getASTContext();
    CallCollector Collector(*Calls, Context.getSourceManager());
    Collector.TraverseDecl(Context.getTranslationUnitDecl());
  }
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Fn);
      Method && Method->isVirtual())
    return nullptr;
  const FunctionDecl *Canonical = Fn.getCanonicalDecl();
  if (Calls->Escaped.count(Canonical))
    return nullptr;
  static const llvm::SmallVector<const Expr *, 4> None;
  auto It = Calls->Calls.find(Canonical);
  return It == Calls->Calls.end() ? &None : &It->second;
}

const Expr *StringProvenance::argumentFor(const Expr &Call,
                                          const ParmVarDecl &Param) {
  unsigned Index = Param.getFunctionScopeIndex();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Call))
    return Index < Construct->getNumArgs() ? Construct->getArg(Index)
                                           : nullptr;
  const auto *C = dyn_cast<CallExpr>(&Call);
  if (!C)
    return nullptr;
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(C);
      OpCall && isa_and_nonnull<CXXMethodDecl>(OpCall->getDirectCallee()))
    ++Index; // the object is the first argument
  return Index < C->getNumArgs() ? C->getArg(Index) : nullptr;
}

bool StringProvenance::callersPassOnlyConstants(const ParmVarDecl &Param) {
  auto [It, Inserted] = ConstantParams.try_emplace(&Param, false);
  if (!Inserted)
    return It->second; // known, or being decided (recursion): not constant
  const auto *Fn = dyn_cast<FunctionDecl>(Param.getDeclContext());
  const llvm::SmallVector<const Expr *, 4> *Callers =
      Fn ? callsOf(*Fn) : nullptr;
  bool Constant = Callers && !Callers->empty();
  for (const Expr *Call : Callers ? *Callers : llvm::ArrayRef<const Expr *>())
    if (const Expr *Arg = argumentFor(*Call, Param);
        !Arg || Tracer(*this, false).run(*Arg).Part) {
      Constant = false;
      break;
    }
  ConstantParams[&Param] = Constant;
  return Constant;
}

const Expr *StringProvenance::firstRunTimePart(const Expr &Text) {
  return Tracer(*this, false).run(Text).Part;
}

TextOrigin StringProvenance::origin(const Expr &Text) {
  return Tracer(*this, true).run(Text);
}

} // namespace clang::tidy::vibeguard
