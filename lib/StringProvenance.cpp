//===--- StringProvenance.cpp - vibeguard ---------------------------------===//

#include "vibeguard/StringProvenance.h"
#include "vibeguard/NameListOption.h"
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
  };
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<Write, 2>> Into;
};
using WriteMap =
    llvm::DenseMap<const VarDecl *,
                   llvm::SmallVector<StringProvenance::Writes::Write, 2>>;

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
  return llvm::is_contained({"sprintf", "snprintf", "vsprintf", "vsnprintf",
                             "strcpy", "strncpy", "strcat", "strncat",
                             "sqlite3_snprintf"},
                            Name);
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

namespace {
class WriteCollector : public RecursiveASTVisitor<WriteCollector> {
public:
  WriteCollector(WriteMap &Into,
                 llvm::function_ref<bool(const FunctionDecl &)> IsEscape)
      : Into(Into), IsEscape(IsEscape) {}

  bool VisitBinaryOperator(BinaryOperator *Binary) {
    if (Binary->isAssignmentOp())
      if (const VarDecl *Var = referencedVar(Binary->getLHS()))
        Into[Var].push_back({Binary->getRHS(), false});
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getNumArgs() != 2)
      return true;
    const OverloadedOperatorKind Op = Call->getOperator();
    if (Op == OO_Equal || Op == OO_PlusEqual) {
      if (const VarDecl *Var = referencedVar(Call->getArg(0)))
        Into[Var].push_back({Call->getArg(1), false});
    } else if (Op == OO_LessLess) {
      // 'out << a << b': every level adds its right operand to 'out'.
      const Expr *Root = Call->getArg(0)->IgnoreParenImpCasts();
      while (const auto *Inner = dyn_cast<CXXOperatorCallExpr>(Root)) {
        if (Inner->getOperator() != OO_LessLess || Inner->getNumArgs() != 2)
          break;
        Root = Inner->getArg(0)->IgnoreParenImpCasts();
      }
      if (const VarDecl *Var = referencedVar(Root))
        Into[Var].push_back({Call->getArg(1), false});
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const VarDecl *Var = referencedVar(Call->getImplicitObjectArgument());
    if (!Var || !Method || Method->isConst())
      return true;
    const llvm::StringRef Name = nameOf(Method);
    if (isAppendingMember(Name)) {
      for (const Expr *Arg : Call->arguments())
        Into[Var].push_back({Arg, false});
    } else if (!isHarmlessMember(Name)) {
      Into[Var].push_back({Call, true});
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
    if (Callee && isBufferFormatter(nameOf(Callee)) && Call->getNumArgs() > 0) {
      if (const VarDecl *Var = referencedVar(Call->getArg(0)))
        Into[Var].push_back({Call, false});
      return true;
    }
    // A variable handed to an unknown function that may write into it.
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const VarDecl *Var = referencedVar(Call->getArg(I));
      if (!Var)
        continue;
      const ParmVarDecl *Param = Callee && I < Callee->getNumParams()
                                     ? Callee->getParamDecl(I)
                                     : nullptr;
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
        Into[Var].push_back({Call, true});
    }
    return true;
  }

private:
  WriteMap &Into;
  llvm::function_ref<bool(const FunctionDecl &)> IsEscape;
};
} // namespace

class StringProvenance::Tracer {
public:
  explicit Tracer(StringProvenance &Owner) : Owner(Owner) {}

  const Expr *trace(const Expr *E) {
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
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      // A static const member with a constant initializer is a constant;
      // any other field holds whatever was stored in it.
      if (const auto *Var = dyn_cast<VarDecl>(Member->getMemberDecl());
          Var && Var->getType().isConstQualified() && Var->getAnyInitializer())
        return trace(Var->getAnyInitializer());
      return E;
    }
    return E;
  }

private:
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

  const Expr *traceOperator(const CXXOperatorCallExpr &Call) {
    switch (Call.getOperator()) {
    case OO_Plus:
    case OO_LessLess: // a stream expression used as a value
      return traceAll(Call.arguments());
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
      return traceAll(Call.arguments());
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
    if (Name == "snprintf" || Name == "vsnprintf" || Name == "strncpy" ||
        Name == "strncat")
      return Name.starts_with("str") ? 1 : 2;
    if (Name == "sqlite3_snprintf")
      return 2;
    return 1; // sprintf, strcpy, strcat
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
    for (unsigned I = FormatIndex + 1; I < Call.getNumArgs(); ++I) {
      const unsigned Value = I - FormatIndex - 1;
      if (Value < Escaped.size() && Escaped[Value])
        continue;
      if (const Expr *Part = trace(Call.getArg(I)))
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

  const Expr *traceDecl(const DeclRefExpr &Ref) {
    const ValueDecl *Decl = Ref.getDecl();
    if (isa<EnumConstantDecl>(Decl))
      return nullptr;
    const auto *Var = dyn_cast<VarDecl>(Decl);
    if (!Var)
      return &Ref;
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var)) {
      // Inside a helper the tracer entered, the parameter is the argument.
      for (size_t I = Frames.size(); I-- > 0;) {
        const Frame &F = Frames[I];
        if (Param->getDeclContext() != F.Callee)
          continue;
        const unsigned Index = Param->getFunctionScopeIndex();
        unsigned ArgIndex = Index;
        if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(F.Call);
            OpCall && isa<CXXMethodDecl>(F.Callee))
          ArgIndex = Index + 1;
        if (ArgIndex >= F.Call->getNumArgs())
          return &Ref;
        // The argument belongs to the caller's frame.
        llvm::SmallVector<Frame, 4> Inner(Frames.begin() + I, Frames.end());
        Frames.resize(I);
        const Expr *Part = trace(F.Call->getArg(ArgIndex));
        Frames.append(Inner.begin(), Inner.end());
        if (Part)
          return Part;
        return traceWrites(*Var);
      }
      return &Ref; // the caller's data: known only at run time
    }
    if (!ActiveVars.insert(Var).second)
      return nullptr; // already being traced: adds nothing new
    const Expr *Part = nullptr;
    if (const Expr *Init = Var->getAnyInitializer())
      Part = trace(Init);
    if (!Part && Var->isLocalVarDecl())
      Part = traceWrites(*Var);
    ActiveVars.erase(Var);
    // Report the variable where it is used when its text came from
    // somewhere the reader cannot see at the use.
    return Part;
  }

  const Expr *traceWrites(const VarDecl &Var) {
    const auto *Fn =
        dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
    if (!Fn)
      return nullptr;
    const Writes &W = Owner.writesIn(*Fn);
    auto It = W.Into.find(&Var);
    if (It == W.Into.end())
      return nullptr;
    for (const Writes::Write &W2 : It->second) {
      const Expr *Written = W2.What;
      if (W2.Opaque)
        return Written;
      if (const auto *Call = dyn_cast<CallExpr>(Written);
          Call && !isa<CXXOperatorCallExpr, CXXMemberCallExpr>(Call)) {
        if (const Expr *Part = traceFormat(
                *Call, formatIndex(nameOf(Call->getDirectCallee()))))
          return Part;
        continue;
      }
      if (const Expr *Part = trace(Written))
        return Part;
    }
    return nullptr;
  }

  StringProvenance &Owner;
  unsigned Steps = 0;
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
      WriteCollector Collector(Slot->Into, IsEscape);
      Collector.TraverseStmt(Definition->getBody());
    }
  }
  return *Slot;
}

const Expr *StringProvenance::firstRunTimePart(const Expr &Text) {
  Tracer T(*this);
  return T.trace(&Text);
}

} // namespace clang::tidy::vibeguard
