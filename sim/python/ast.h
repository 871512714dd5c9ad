// The abstract syntax tree of the Python subset. Every node keeps its YAML line and column.
// Nodes are plain structs with a kind tag; the interpreter switches on the tag.
// A parsed Module owns its whole tree; an Interpreter that runs it takes ownership, because
// function objects point into the tree and string constants cache their heap object in it.
#pragma once

#include "sim/python/operators.h"
#include "sim/python/value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pipelab::py::ast {

struct Node {
    int line = 0;   // YAML line
    int column = 0; // YAML column
};

enum class ExprKind : std::uint8_t {
    Name, Constant, FString, List, Tuple, Set, Dict, Comprehension, Attribute, Subscript, Slice, Call,
    Binary, Unary, BoolOp, Compare, IfExp, Lambda, Starred, NamedExpr
};

struct Expr : Node {
    explicit Expr(ExprKind k) : kind(k) {}
    virtual ~Expr() = default;
    ExprKind kind;
    int depth = 1; // height of this subtree (bounded by the parser)
};
using ExprPtr = std::unique_ptr<Expr>;

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

struct Name : Expr {
    Name() : Expr(ExprKind::Name) {}
    std::string id;
};

struct Constant : Expr {
    enum class Type : std::uint8_t { None, True, False, Int, Float, Str, Ellipsis };
    Constant() : Expr(ExprKind::Constant) {}
    Type type = Type::None;
    std::int64_t intValue = 0;
    double floatValue = 0;
    std::string strValue;
    // The interpreter's str object for strValue (pinned on its heap), created on first use.
    mutable Value cached;
};

struct FString;
struct FPart {
    std::string literal;          // when expr is null
    ExprPtr expr;                 // replacement field
    char conversion = 0;          // 0, 'r', 's', 'a'
    std::unique_ptr<FString> spec; // format spec (may itself hold replacement fields)
    std::string selfDocument;     // f"{x=}": the "x=" text
};
struct FString : Expr {
    FString() : Expr(ExprKind::FString) {}
    std::vector<FPart> parts;
};

// List, Tuple and Set displays.
struct Sequence : Expr {
    explicit Sequence(ExprKind k) : Expr(k) {}
    std::vector<ExprPtr> elements; // may contain Starred
};

struct Dict : Expr {
    Dict() : Expr(ExprKind::Dict) {}
    std::vector<ExprPtr> keys; // null key: `**mapping`
    std::vector<ExprPtr> values;
};

struct CompFor {
    ExprPtr target;
    ExprPtr iter;
    std::vector<ExprPtr> ifs;
};
struct Comprehension : Expr {
    enum class Type : std::uint8_t { List, Set, Dict, Generator };
    Comprehension() : Expr(ExprKind::Comprehension) {}
    Type type = Type::List;
    ExprPtr element; // key for dict comprehensions
    ExprPtr value;   // dict comprehensions only
    std::vector<CompFor> generators;
};

struct Attribute : Expr {
    Attribute() : Expr(ExprKind::Attribute) {}
    ExprPtr value;
    std::string attr;
};

struct Subscript : Expr {
    Subscript() : Expr(ExprKind::Subscript) {}
    ExprPtr value;
    ExprPtr index; // a Slice, an expression, or a Tuple of them
};

struct Slice : Expr {
    Slice() : Expr(ExprKind::Slice) {}
    ExprPtr lower, upper, step; // each may be null
};

struct Keyword : Node {
    std::string name; // empty: `**mapping`
    ExprPtr value;
};
struct Call : Expr {
    Call() : Expr(ExprKind::Call) {}
    ExprPtr func;
    std::vector<ExprPtr> args; // may contain Starred
    std::vector<Keyword> keywords;
};

struct Binary : Expr {
    Binary() : Expr(ExprKind::Binary) {}
    BinaryOp op = BinaryOp::Add;
    ExprPtr left, right;
};

struct Unary : Expr {
    Unary() : Expr(ExprKind::Unary) {}
    UnaryOp op = UnaryOp::Neg;
    ExprPtr operand;
};

struct BoolOp : Expr {
    BoolOp() : Expr(ExprKind::BoolOp) {}
    bool isAnd = true;
    std::vector<ExprPtr> values;
};

struct Compare : Expr {
    Compare() : Expr(ExprKind::Compare) {}
    ExprPtr left;
    std::vector<CompareOp> ops;
    std::vector<ExprPtr> comparators;
};

struct IfExp : Expr {
    IfExp() : Expr(ExprKind::IfExp) {}
    ExprPtr test, body, orelse;
};

struct Param : Node {
    std::string name;
    ExprPtr defaultValue; // may be null
};
struct Parameters {
    std::vector<Param> positional;
    bool hasVarargs = false;
    Param varargs;
    std::vector<Param> keywordOnly;
    bool hasVarkw = false;
    Param varkw;
};

// What def and lambda share: the parameters and the body, plus scope declarations.
struct FunctionSpec {
    std::string name; // "<lambda>" for lambdas
    Parameters params;
    Block body;           // def
    ExprPtr lambdaBody;   // lambda
    std::vector<std::string> globals;   // names declared `global` in the body
    std::vector<std::string> nonlocals; // names declared `nonlocal` in the body
    int line = 0;
    int column = 0;
};

struct Lambda : Expr {
    Lambda() : Expr(ExprKind::Lambda) {}
    std::unique_ptr<FunctionSpec> spec;
};

struct Starred : Expr {
    Starred() : Expr(ExprKind::Starred) {}
    ExprPtr value;
    bool doubleStar = false; // only inside dict displays (never produced as an Expr today)
};

struct NamedExpr : Expr {
    NamedExpr() : Expr(ExprKind::NamedExpr) {}
    std::string target;
    ExprPtr value;
};

// --- statements ------------------------------------------------------------------------------

enum class StmtKind : std::uint8_t {
    Expr, Assign, AugAssign, AnnAssign, FunctionDef, ClassDef, Return, If, For, While, Break, Continue, Pass,
    Raise, Try, With, Import, ImportFrom, Global, Nonlocal, Delete, Assert
};

struct Stmt : Node {
    explicit Stmt(StmtKind k) : kind(k) {}
    virtual ~Stmt() = default;
    StmtKind kind;
};

struct ExprStmt : Stmt {
    ExprStmt() : Stmt(StmtKind::Expr) {}
    ExprPtr value;
};

struct Assign : Stmt {
    Assign() : Stmt(StmtKind::Assign) {}
    std::vector<ExprPtr> targets; // a = b = value
    ExprPtr value;
};

struct AugAssign : Stmt {
    AugAssign() : Stmt(StmtKind::AugAssign) {}
    ExprPtr target;
    BinaryOp op = BinaryOp::Add;
    ExprPtr value;
};

struct AnnAssign : Stmt {
    AnnAssign() : Stmt(StmtKind::AnnAssign) {}
    ExprPtr target;
    ExprPtr annotation; // parsed, never evaluated (as in a function body)
    ExprPtr value;      // may be null
};

struct FunctionDef : Stmt {
    FunctionDef() : Stmt(StmtKind::FunctionDef) {}
    std::vector<ExprPtr> decorators;
    std::unique_ptr<FunctionSpec> spec;
};

struct ClassDef : Stmt {
    ClassDef() : Stmt(StmtKind::ClassDef) {}
    std::string name;
    std::vector<ExprPtr> decorators;
    std::vector<ExprPtr> bases;
    Block body;
};

struct Return : Stmt {
    Return() : Stmt(StmtKind::Return) {}
    ExprPtr value; // may be null
};

struct If : Stmt {
    If() : Stmt(StmtKind::If) {}
    ExprPtr test;
    Block body, orelse;
};

struct For : Stmt {
    For() : Stmt(StmtKind::For) {}
    ExprPtr target, iter;
    Block body, orelse;
};

struct While : Stmt {
    While() : Stmt(StmtKind::While) {}
    ExprPtr test;
    Block body, orelse;
};

struct Simple : Stmt { // break, continue, pass
    explicit Simple(StmtKind k) : Stmt(k) {}
};

struct Raise : Stmt {
    Raise() : Stmt(StmtKind::Raise) {}
    ExprPtr exc;   // null: re-raise
    ExprPtr cause; // `from` clause, may be null
};

struct ExceptHandler : Node {
    ExprPtr type; // null: bare except
    std::string name;
    Block body;
};
struct Try : Stmt {
    Try() : Stmt(StmtKind::Try) {}
    Block body;
    std::vector<ExceptHandler> handlers;
    Block orelse, finalbody;
};

struct WithItem {
    ExprPtr context;
    ExprPtr target; // may be null
};
struct With : Stmt {
    With() : Stmt(StmtKind::With) {}
    std::vector<WithItem> items;
    Block body;
};

struct Alias : Node {
    std::string name;   // dotted for `import a.b`; "*" for `from m import *`
    std::string asname; // may be empty
};
struct Import : Stmt {
    Import() : Stmt(StmtKind::Import) {}
    std::vector<Alias> names;
};
struct ImportFrom : Stmt {
    ImportFrom() : Stmt(StmtKind::ImportFrom) {}
    std::string module; // may be empty for `from . import x`
    int level = 0;      // leading dots
    std::vector<Alias> names;
};

struct NameList : Stmt { // global, nonlocal
    explicit NameList(StmtKind k) : Stmt(k) {}
    std::vector<std::string> names;
};

struct Delete : Stmt {
    Delete() : Stmt(StmtKind::Delete) {}
    std::vector<ExprPtr> targets;
};

struct Assert : Stmt {
    Assert() : Stmt(StmtKind::Assert) {}
    ExprPtr test, msg;
};

// A parsed code block.
struct Module {
    std::string kind; // "views", "models", ...
    Block body;
};

} // namespace pipelab::py::ast
