// Parser implementation. Error messages follow CPython 3.11's wording where one exists.
#include "sim/python/parser.h"

#include "sim/python/lexer.h"
#include "sim/python/syntaxerror.h"

#include <algorithm>
#include <array>
#include <set>

namespace pipelab::py {

using namespace ast;

namespace {

// Standard-library modules that would reach files, processes, the network or the interpreter.
constexpr std::array<const char*, 22> kForbiddenModules = {
    "os", "sys", "subprocess", "socket", "shutil", "pathlib", "io", "ctypes", "importlib", "builtins",
    "multiprocessing", "threading", "asyncio", "signal", "pickle", "marshal", "tempfile", "glob",
    "urllib", "http", "ftplib", "code",
};

// Builtins that scenario code may not call (spec §4: no files, processes, dynamic code).
constexpr std::array<const char*, 11> kForbiddenCalls = {
    "eval", "exec", "open", "compile", "__import__", "input", "globals", "locals", "vars", "breakpoint", "exit",
};

struct BinaryLevel {
    std::array<const char*, 5> ops;
    std::array<BinaryOp, 5> codes;
    int count;
};

// Binary operator levels from loosest to tightest (below comparisons, above unary).
const std::array<BinaryLevel, 6> kLevels = {{
    {{"|"}, {BinaryOp::BitOr}, 1},
    {{"^"}, {BinaryOp::BitXor}, 1},
    {{"&"}, {BinaryOp::BitAnd}, 1},
    {{"<<", ">>"}, {BinaryOp::LShift, BinaryOp::RShift}, 2},
    {{"+", "-"}, {BinaryOp::Add, BinaryOp::Sub}, 2},
    {{"*", "/", "//", "%", "@"}, {BinaryOp::Mul, BinaryOp::Div, BinaryOp::FloorDiv, BinaryOp::Mod, BinaryOp::MatMul}, 5},
}};

const char* exprDescription(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Call: return "function call";
    case ExprKind::Constant: return "literal";
    case ExprKind::FString: return "f-string expression";
    case ExprKind::Comprehension: return "comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::Compare: return "comparison";
    case ExprKind::NamedExpr: return "named expression";
    default: return "expression";
    }
}

} // namespace

Parser::NestingGuard::NestingGuard(Parser& p, const Token& at) : parser(p)
{
    if (++parser.nesting_ > kMaxNesting)
        parser.fail("expression nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)", at);
}

Parser::NestingGuard::~NestingGuard()
{
    --parser.nesting_;
}

Parser::Parser(std::string_view text, Origin origin, std::string kind)
    : text_(text), origin_(origin), kind_(std::move(kind))
{
}

std::unique_ptr<Module> parse(std::string_view text, Origin origin, std::string kind)
{
    return Parser(text, origin, std::move(kind)).parseModule();
}

// --- token helpers -------------------------------------------------------------------------------

const Token& Parser::peek(std::size_t ahead) const
{
    const std::size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[i];
}

const Token& Parser::next()
{
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size())
        ++pos_;
    return t;
}

bool Parser::acceptOp(const char* op)
{
    if (peek().isOp(op)) {
        next();
        return true;
    }
    return false;
}

bool Parser::acceptKeyword(const char* word)
{
    if (peek().isKeyword(word)) {
        next();
        return true;
    }
    return false;
}

void Parser::expectOp(const char* op, const char* message)
{
    if (!acceptOp(op))
        fail(message ? message : std::string("expected '") + op + "'", peek());
}

void Parser::expectNewline()
{
    if (peek().kind == TokenKind::Newline) {
        next();
        return;
    }
    if (peek().kind == TokenKind::EndOfFile)
        return;
    fail("invalid syntax", peek());
}

void Parser::fail(const std::string& message, const Token& at) const
{
    failAt(message, yamlLine(at.line), yamlColumn(at.column));
}

void Parser::failAt(const std::string& message, int yamlLine, int yamlColumn) const
{
    throw SyntaxError(message, kind_, yamlLine, yamlColumn);
}

template <class T, class... Args>
std::unique_ptr<T> Parser::node(const Token& at, Args&&... args) const
{
    auto n = std::make_unique<T>(std::forward<Args>(args)...);
    n->line = yamlLine(at.line);
    n->column = yamlColumn(at.column);
    return n;
}

void Parser::finish(Expr& e) const
{
    int d = 0;
    auto take = [&d](const ExprPtr& c) {
        if (c)
            d = std::max(d, c->depth);
    };
    switch (e.kind) {
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Set:
        for (auto& c : static_cast<Sequence&>(e).elements)
            take(c);
        break;
    case ExprKind::Dict:
        for (auto& c : static_cast<Dict&>(e).keys)
            take(c);
        for (auto& c : static_cast<Dict&>(e).values)
            take(c);
        break;
    case ExprKind::Attribute: take(static_cast<Attribute&>(e).value); break;
    case ExprKind::Subscript:
        take(static_cast<Subscript&>(e).value);
        take(static_cast<Subscript&>(e).index);
        break;
    case ExprKind::Call: {
        auto& c = static_cast<Call&>(e);
        take(c.func);
        for (auto& a : c.args)
            take(a);
        for (auto& k : c.keywords)
            take(k.value);
        break;
    }
    case ExprKind::Binary:
        take(static_cast<Binary&>(e).left);
        take(static_cast<Binary&>(e).right);
        break;
    case ExprKind::Unary: take(static_cast<Unary&>(e).operand); break;
    case ExprKind::BoolOp:
        for (auto& c : static_cast<BoolOp&>(e).values)
            take(c);
        break;
    case ExprKind::Compare:
        take(static_cast<Compare&>(e).left);
        for (auto& c : static_cast<Compare&>(e).comparators)
            take(c);
        break;
    case ExprKind::IfExp:
        take(static_cast<IfExp&>(e).test);
        take(static_cast<IfExp&>(e).body);
        take(static_cast<IfExp&>(e).orelse);
        break;
    case ExprKind::Starred: take(static_cast<Starred&>(e).value); break;
    case ExprKind::NamedExpr: take(static_cast<NamedExpr&>(e).value); break;
    case ExprKind::Slice:
        take(static_cast<Slice&>(e).lower);
        take(static_cast<Slice&>(e).upper);
        take(static_cast<Slice&>(e).step);
        break;
    case ExprKind::Comprehension: {
        auto& c = static_cast<Comprehension&>(e);
        take(c.element);
        take(c.value);
        for (auto& g : c.generators) {
            take(g.iter);
            take(g.target);
            for (auto& i : g.ifs)
                take(i);
        }
        break;
    }
    case ExprKind::FString:
        for (auto& p : static_cast<FString&>(e).parts)
            take(p.expr);
        break;
    case ExprKind::Lambda:
        take(static_cast<Lambda&>(e).spec->lambdaBody);
        break;
    case ExprKind::Name:
    case ExprKind::Constant: break;
    }
    e.depth = d + 1;
    if (e.depth > kMaxNesting)
        failAt("expression nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)", e.line, e.column);
}

// --- statements ----------------------------------------------------------------------------------

std::unique_ptr<Module> Parser::parseModule()
{
    tokens_ = Lexer(text_, origin_, kind_).tokenize();
    auto module = std::make_unique<Module>();
    module->kind = kind_;
    while (peek().kind != TokenKind::EndOfFile) {
        if (peek().kind == TokenKind::Newline) {
            next();
            continue;
        }
        if (peek().kind == TokenKind::Indent)
            fail("unexpected indent", peek());
        parseStatement(module->body);
    }
    return module;
}

void Parser::parseStatement(Block& out)
{
    const Token& t = peek();
    if (t.kind == TokenKind::Indent)
        fail("unexpected indent", t);
    if (t.kind == TokenKind::Op && t.text == "@") {
        std::vector<ExprPtr> decorators;
        while (peek().isOp("@")) {
            next();
            decorators.push_back(parseTest());
            expectNewline();
        }
        const Token& at = peek();
        if (at.isKeyword("def")) {
            out.push_back(parseDef(std::move(decorators), at));
            return;
        }
        if (at.isKeyword("class")) {
            out.push_back(parseClass(std::move(decorators), at));
            return;
        }
        if (at.isKeyword("async"))
            fail("'async' is not supported in PipeLab scenarios", at);
        fail("invalid syntax", at);
    }
    if (t.kind == TokenKind::Name) {
        if (t.text == "if") {
            out.push_back(parseIf());
            return;
        }
        if (t.text == "while") {
            out.push_back(parseWhile());
            return;
        }
        if (t.text == "for") {
            out.push_back(parseFor());
            return;
        }
        if (t.text == "try") {
            out.push_back(parseTry());
            return;
        }
        if (t.text == "with") {
            out.push_back(parseWith());
            return;
        }
        if (t.text == "def") {
            out.push_back(parseDef({}, t));
            return;
        }
        if (t.text == "class") {
            out.push_back(parseClass({}, t));
            return;
        }
        if (t.text == "async")
            fail("'async' is not supported in PipeLab scenarios", t);
        if (t.text == "match" || t.text == "case") {
            const Token& n = peek(1);
            if (n.kind == TokenKind::Name || n.kind == TokenKind::Int || n.kind == TokenKind::String ||
                n.kind == TokenKind::Float) {
                fail("'" + t.text + "' statements are not supported in PipeLab scenarios", t);
            }
        }
    }
    parseSimpleStatements(out);
}

void Parser::parseSimpleStatements(Block& out)
{
    while (true) {
        out.push_back(parseSmallStatement());
        if (!acceptOp(";"))
            break;
        if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::EndOfFile)
            break;
    }
    expectNewline();
}

StmtPtr Parser::parseSmallStatement()
{
    const Token& t = peek();
    if (t.kind == TokenKind::Name) {
        if (t.text == "pass") {
            next();
            return node<Simple>(t, StmtKind::Pass);
        }
        if (t.text == "break" || t.text == "continue") {
            next();
            if (loopDepth_ == 0)
                fail(t.text == "break" ? "'break' outside loop" : "'continue' not properly in loop", t);
            return node<Simple>(t, t.text == "break" ? StmtKind::Break : StmtKind::Continue);
        }
        if (t.text == "return") {
            next();
            if (contexts_.back() != Context::Function)
                fail("'return' outside function", t);
            auto r = node<Return>(t);
            if (peek().kind != TokenKind::Newline && !peek().isOp(";") && peek().kind != TokenKind::EndOfFile)
                r->value = parseTestListStarExpr();
            return r;
        }
        if (t.text == "raise") {
            next();
            auto r = node<Raise>(t);
            if (peek().kind != TokenKind::Newline && !peek().isOp(";") && peek().kind != TokenKind::EndOfFile) {
                r->exc = parseTest();
                if (acceptKeyword("from"))
                    r->cause = parseTest();
            }
            return r;
        }
        if (t.text == "import")
            return parseImport();
        if (t.text == "from")
            return parseFromImport();
        if (t.text == "global" || t.text == "nonlocal") {
            next();
            const bool global = t.text == "global";
            auto s = node<NameList>(t, global ? StmtKind::Global : StmtKind::Nonlocal);
            do {
                const Token& n = next();
                if (n.kind != TokenKind::Name || isReservedWord(n.text))
                    fail("invalid syntax", n);
                s->names.push_back(n.text);
            } while (acceptOp(","));
            if (!global && functions_.empty())
                fail("nonlocal declaration not allowed at module level", t);
            if (!functions_.empty() && contexts_.back() == Context::Function) {
                auto& list = global ? functions_.back()->globals : functions_.back()->nonlocals;
                list.insert(list.end(), s->names.begin(), s->names.end());
            }
            return s;
        }
        if (t.text == "del") {
            next();
            auto d = node<Delete>(t);
            do {
                auto target = parseExprList();
                checkTarget(*target, false);
                d->targets.push_back(std::move(target));
            } while (acceptOp(",") && peek().kind != TokenKind::Newline);
            return d;
        }
        if (t.text == "assert") {
            next();
            auto a = node<Assert>(t);
            a->test = parseTest();
            if (acceptOp(","))
                a->msg = parseTest();
            return a;
        }
        if (t.text == "print" && (peek(1).kind == TokenKind::String || peek(1).kind == TokenKind::Int ||
                                  (peek(1).kind == TokenKind::Name && !isReservedWord(peek(1).text)))) {
            fail("Missing parentheses in call to 'print'. Did you mean print(...)?", t);
        }
        if (t.text == "yield")
            fail("'yield' is not supported in PipeLab scenarios", t);
        if (t.text == "await")
            fail("'await' is not supported in PipeLab scenarios", t);
        if (isReservedWord(t.text) && t.text != "True" && t.text != "False" && t.text != "None" &&
            t.text != "not" && t.text != "lambda")
            fail("invalid syntax", t);
    }
    return parseExpressionStatement();
}

StmtPtr Parser::parseExpressionStatement()
{
    const Token& start = peek();
    ExprPtr first = parseTestListStarExpr();
    const Token& t = peek();
    if (t.isOp("=")) {
        auto a = node<Assign>(start);
        a->targets.push_back(std::move(first));
        while (acceptOp("=")) {
            if (peek().isKeyword("yield"))
                fail("'yield' is not supported in PipeLab scenarios", peek());
            a->targets.push_back(parseTestListStarExpr());
        }
        a->value = std::move(a->targets.back());
        a->targets.pop_back();
        for (auto& target : a->targets)
            checkTarget(*target, false);
        return a;
    }
    static const std::array<std::pair<const char*, BinaryOp>, 13> augmented = {{
        {"+=", BinaryOp::Add}, {"-=", BinaryOp::Sub}, {"*=", BinaryOp::Mul}, {"/=", BinaryOp::Div},
        {"//=", BinaryOp::FloorDiv}, {"%=", BinaryOp::Mod}, {"**=", BinaryOp::Pow}, {"<<=", BinaryOp::LShift},
        {">>=", BinaryOp::RShift}, {"&=", BinaryOp::BitAnd}, {"|=", BinaryOp::BitOr}, {"^=", BinaryOp::BitXor},
        {"@=", BinaryOp::MatMul},
    }};
    if (t.kind == TokenKind::Op) {
        for (const auto& [op, code] : augmented) {
            if (t.text == op) {
                next();
                checkTarget(*first, true);
                auto a = node<AugAssign>(start);
                a->target = std::move(first);
                a->op = code;
                a->value = parseTestList();
                return a;
            }
        }
        if (t.text == ":") {
            next();
            if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute && first->kind != ExprKind::Subscript)
                fail("only single target (not " + std::string(first->kind == ExprKind::Tuple ? "tuple" : "expression") +
                         ") can be annotated",
                     start);
            auto a = node<AnnAssign>(start);
            a->target = std::move(first);
            a->annotation = parseTest();
            if (acceptOp("="))
                a->value = parseTestListStarExpr();
            return a;
        }
    }
    auto s = node<ExprStmt>(start);
    s->value = std::move(first);
    return s;
}

Block Parser::parseBlock(const char* what, const Token& header)
{
    expectOp(":", "expected ':'");
    Block body;
    if (peek().kind != TokenKind::Newline) {
        parseSimpleStatements(body);
        return body;
    }
    next();
    if (peek().kind != TokenKind::Indent)
        fail(std::string("expected an indented block after ") + what + " on line " +
                 std::to_string(yamlLine(header.line)),
             peek());
    next();
    while (peek().kind != TokenKind::Dedent && peek().kind != TokenKind::EndOfFile) {
        if (peek().kind == TokenKind::Newline) {
            next();
            continue;
        }
        parseStatement(body);
    }
    if (peek().kind == TokenKind::Dedent)
        next();
    return body;
}

StmtPtr Parser::parseIf()
{
    const Token& t = next();
    auto s = node<If>(t);
    s->test = parseTest();
    s->body = parseBlock("'if' statement", t);
    const Token& n = peek();
    if (n.isKeyword("elif")) {
        // elif is an If nested in the else branch.
        tokens_[pos_].text = "if";
        s->orelse.push_back(parseIf());
        s->orelse.back()->line = yamlLine(n.line);
    } else if (n.isKeyword("else")) {
        next();
        s->orelse = parseBlock("'else' statement", n);
    }
    return s;
}

StmtPtr Parser::parseWhile()
{
    const Token& t = next();
    auto s = node<While>(t);
    s->test = parseTest();
    ++loopDepth_;
    s->body = parseBlock("'while' statement", t);
    --loopDepth_;
    const Token& n = peek();
    if (acceptKeyword("else"))
        s->orelse = parseBlock("'else' statement", n);
    return s;
}

StmtPtr Parser::parseFor()
{
    const Token& t = next();
    auto s = node<For>(t);
    s->target = parseExprList();
    checkTarget(*s->target, false);
    if (!acceptKeyword("in"))
        fail("invalid syntax", peek());
    s->iter = parseTestListStarExpr();
    ++loopDepth_;
    s->body = parseBlock("'for' statement", t);
    --loopDepth_;
    const Token& n = peek();
    if (acceptKeyword("else"))
        s->orelse = parseBlock("'else' statement", n);
    return s;
}

StmtPtr Parser::parseTry()
{
    const Token& t = next();
    auto s = node<Try>(t);
    s->body = parseBlock("'try' statement", t);
    while (peek().isKeyword("except")) {
        const Token& e = next();
        if (peek().isOp("*"))
            fail("'except*' is not supported in PipeLab scenarios", peek());
        ExceptHandler h;
        h.line = yamlLine(e.line);
        h.column = yamlColumn(e.column);
        if (!peek().isOp(":")) {
            h.type = parseTest();
            if (peek().isOp(","))
                fail("multiple exception types must be parenthesized", peek());
            if (acceptKeyword("as")) {
                const Token& n = next();
                if (n.kind != TokenKind::Name || isReservedWord(n.text))
                    fail("invalid syntax", n);
                h.name = n.text;
            }
        }
        h.body = parseBlock("'except' statement", e);
        s->handlers.push_back(std::move(h));
    }
    if (peek().isKeyword("else")) {
        const Token& e = next();
        if (s->handlers.empty())
            fail("expected 'except' or 'finally' block", e);
        s->orelse = parseBlock("'else' statement", e);
    }
    if (peek().isKeyword("finally")) {
        const Token& f = next();
        s->finalbody = parseBlock("'finally' statement", f);
    }
    if (s->handlers.empty() && s->finalbody.empty())
        fail("expected 'except' or 'finally' block", peek());
    return s;
}

StmtPtr Parser::parseWith()
{
    const Token& t = next();
    auto s = node<With>(t);
    do {
        WithItem item;
        item.context = parseTest();
        if (acceptKeyword("as")) {
            item.target = parseBinary(0);
            checkTarget(*item.target, false);
        }
        s->items.push_back(std::move(item));
    } while (acceptOp(","));
    s->body = parseBlock("'with' statement", t);
    return s;
}

Parameters Parser::parseParameters(const char* closer, bool allowAnnotations)
{
    Parameters params;
    std::set<std::string> seen;
    bool sawDefault = false;
    bool keywordOnly = false;
    auto paramName = [&](Param& p) {
        const Token& n = next();
        if (n.kind != TokenKind::Name || isReservedWord(n.text))
            fail("invalid syntax", n);
        if (!seen.insert(n.text).second)
            fail("duplicate argument '" + n.text + "' in function definition", n);
        p.name = n.text;
        p.line = yamlLine(n.line);
        p.column = yamlColumn(n.column);
        if (allowAnnotations && acceptOp(":"))
            (void)parseTest();
    };
    while (!peek().isOp(closer)) {
        if (acceptOp("**")) {
            paramName(params.varkw);
            params.hasVarkw = true;
            acceptOp(",");
            if (!peek().isOp(closer))
                fail("arguments cannot follow var-keyword argument", peek());
            break;
        }
        if (peek().isOp("*")) {
            const Token& star = next();
            if (keywordOnly)
                fail("* argument may appear only once", star);
            keywordOnly = true;
            if (peek().kind == TokenKind::Name) {
                paramName(params.varargs);
                params.hasVarargs = true;
            } else if (peek().isOp(closer) || (peek().isOp(",") && peek(1).isOp(closer))) {
                fail("named arguments must follow bare *", star);
            }
        } else if (peek().isOp("/")) {
            next(); // positional-only marker: accepted, every parameter stays positional-or-keyword
        } else {
            Param p;
            paramName(p);
            if (acceptOp("=")) {
                p.defaultValue = parseTest();
                sawDefault = !keywordOnly || sawDefault;
            } else if (sawDefault && !keywordOnly) {
                fail("non-default argument follows default argument", peek());
            }
            (keywordOnly ? params.keywordOnly : params.positional).push_back(std::move(p));
        }
        if (!acceptOp(","))
            break;
    }
    return params;
}

StmtPtr Parser::parseDef(std::vector<ExprPtr> decorators, const Token& at)
{
    const Token& t = next(); // def
    auto d = node<FunctionDef>(decorators.empty() ? t : at);
    d->line = yamlLine(t.line);
    d->column = yamlColumn(t.column);
    d->decorators = std::move(decorators);
    d->spec = std::make_unique<FunctionSpec>();
    const Token& n = next();
    if (n.kind != TokenKind::Name || isReservedWord(n.text))
        fail("invalid syntax", n);
    d->spec->name = n.text;
    d->spec->line = d->line;
    d->spec->column = d->column;
    expectOp("(", "expected '('");
    d->spec->params = parseParameters(")", true);
    expectOp(")", "expected ')'");
    if (acceptOp("->"))
        (void)parseTest();
    contexts_.push_back(Context::Function);
    functions_.push_back(d->spec.get());
    const int savedLoops = loopDepth_;
    loopDepth_ = 0;
    d->spec->body = parseBlock("function definition", t);
    loopDepth_ = savedLoops;
    functions_.pop_back();
    contexts_.pop_back();
    return d;
}

StmtPtr Parser::parseClass(std::vector<ExprPtr> decorators, const Token& at)
{
    (void)at;
    const Token& t = next(); // class
    auto c = node<ClassDef>(t);
    c->decorators = std::move(decorators);
    const Token& n = next();
    if (n.kind != TokenKind::Name || isReservedWord(n.text))
        fail("invalid syntax", n);
    c->name = n.text;
    if (acceptOp("(")) {
        while (!peek().isOp(")")) {
            if (peek().kind == TokenKind::Name && peek(1).isOp("="))
                fail("class keyword arguments (" + peek().text + "=...) are not supported in PipeLab scenarios", peek());
            if (peek().isOp("*") || peek().isOp("**"))
                fail("unpacking in class bases is not supported in PipeLab scenarios", peek());
            c->bases.push_back(parseTest());
            if (!acceptOp(","))
                break;
        }
        expectOp(")", "expected ')'");
    }
    contexts_.push_back(Context::Class);
    const int savedLoops = loopDepth_;
    loopDepth_ = 0;
    c->body = parseBlock("class definition", t);
    loopDepth_ = savedLoops;
    contexts_.pop_back();
    return c;
}

std::string Parser::parseDottedName()
{
    const Token& n = next();
    if (n.kind != TokenKind::Name || isReservedWord(n.text))
        fail("invalid syntax", n);
    std::string name = n.text;
    while (peek().isOp(".") && peek(1).kind == TokenKind::Name) {
        next();
        name += "." + next().text;
    }
    return name;
}

void Parser::checkModuleAllowed(const std::string& dotted, const Token& at) const
{
    const std::string top = dotted.substr(0, dotted.find('.'));
    for (const char* m : kForbiddenModules)
        if (top == m)
            fail("import of module '" + top + "' is not supported in PipeLab scenarios", at);
}

StmtPtr Parser::parseImport()
{
    const Token& t = next();
    auto s = node<Import>(t);
    do {
        const Token& at = peek();
        Alias a;
        a.line = yamlLine(at.line);
        a.column = yamlColumn(at.column);
        a.name = parseDottedName();
        checkModuleAllowed(a.name, at);
        if (acceptKeyword("as")) {
            const Token& n = next();
            if (n.kind != TokenKind::Name || isReservedWord(n.text))
                fail("invalid syntax", n);
            a.asname = n.text;
        }
        s->names.push_back(std::move(a));
    } while (acceptOp(","));
    return s;
}

StmtPtr Parser::parseFromImport()
{
    const Token& t = next();
    auto s = node<ImportFrom>(t);
    while (peek().isOp(".") || peek().isOp("...")) {
        s->level += peek().isOp(".") ? 1 : 3;
        next();
    }
    if (!peek().isKeyword("import")) {
        const Token& at = peek();
        s->module = parseDottedName();
        if (s->level == 0)
            checkModuleAllowed(s->module, at);
    } else if (s->level == 0) {
        fail("invalid syntax", peek());
    }
    if (!acceptKeyword("import"))
        fail("invalid syntax", peek());
    if (peek().isOp("*")) {
        const Token& star = next();
        Alias a;
        a.name = "*";
        a.line = yamlLine(star.line);
        a.column = yamlColumn(star.column);
        s->names.push_back(std::move(a));
        return s;
    }
    const bool parenthesized = acceptOp("(");
    do {
        if (parenthesized && peek().isOp(")"))
            break;
        const Token& n = next();
        if (n.kind != TokenKind::Name || isReservedWord(n.text))
            fail("invalid syntax", n);
        Alias a;
        a.name = n.text;
        a.line = yamlLine(n.line);
        a.column = yamlColumn(n.column);
        if (acceptKeyword("as")) {
            const Token& as = next();
            if (as.kind != TokenKind::Name || isReservedWord(as.text))
                fail("invalid syntax", as);
            a.asname = as.text;
        }
        s->names.push_back(std::move(a));
    } while (acceptOp(","));
    if (parenthesized)
        expectOp(")", "expected ')'");
    return s;
}

// --- targets -------------------------------------------------------------------------------------

void Parser::checkTarget(const Expr& e, bool augmented) const
{
    switch (e.kind) {
    case ExprKind::Name:
    case ExprKind::Attribute:
    case ExprKind::Subscript: return;
    case ExprKind::Tuple:
    case ExprKind::List:
        if (augmented)
            failAt(std::string("'") + (e.kind == ExprKind::Tuple ? "tuple" : "list") +
                       "' is an illegal expression for augmented assignment",
                   e.line, e.column);
        {
            int starred = 0;
            for (const auto& c : static_cast<const Sequence&>(e).elements) {
                if (c->kind == ExprKind::Starred) {
                    if (++starred > 1)
                        failAt("multiple starred expressions in assignment", c->line, c->column);
                    checkTarget(*static_cast<const Starred&>(*c).value, false);
                } else {
                    checkTarget(*c, false);
                }
            }
        }
        return;
    case ExprKind::Starred:
        failAt("starred assignment target must be in a list or tuple", e.line, e.column);
    default:
        if (augmented)
            failAt(std::string("'") + exprDescription(e) + "' is an illegal expression for augmented assignment",
                   e.line, e.column);
        failAt(std::string("cannot assign to ") + exprDescription(e), e.line, e.column);
    }
}

// --- expressions ---------------------------------------------------------------------------------

ExprPtr Parser::parseStarOrTest()
{
    if (peek().isOp("*")) {
        const Token& t = next();
        auto s = node<Starred>(t);
        s->value = parseBinary(0);
        finish(*s);
        return s;
    }
    return parseTest();
}

ExprPtr Parser::parseTestListStarExpr()
{
    const Token& start = peek();
    ExprPtr first = parseStarOrTest();
    if (!peek().isOp(","))
        return first;
    auto tuple = std::make_unique<Sequence>(ExprKind::Tuple);
    tuple->line = first->line;
    tuple->column = first->column;
    (void)start;
    tuple->elements.push_back(std::move(first));
    while (acceptOp(",")) {
        const Token& n = peek();
        if (n.kind == TokenKind::Newline || n.kind == TokenKind::EndOfFile || n.isOp("=") || n.isOp(")") ||
            n.isOp(";") || n.isOp(":"))
            break;
        if (n.kind == TokenKind::Op && n.text.size() >= 2 && n.text.back() == '=' && n.text != "==" && n.text != "!=" &&
            n.text != "<=" && n.text != ">=")
            break;
        tuple->elements.push_back(parseStarOrTest());
    }
    finish(*tuple);
    return tuple;
}

ExprPtr Parser::parseTestList()
{
    ExprPtr first = parseTest();
    if (!peek().isOp(","))
        return first;
    auto tuple = std::make_unique<Sequence>(ExprKind::Tuple);
    tuple->line = first->line;
    tuple->column = first->column;
    tuple->elements.push_back(std::move(first));
    while (acceptOp(",")) {
        const Token& n = peek();
        if (n.kind == TokenKind::Newline || n.kind == TokenKind::EndOfFile || n.isOp("]") || n.isOp(")") || n.isOp(";"))
            break;
        tuple->elements.push_back(parseTest());
    }
    finish(*tuple);
    return tuple;
}

ExprPtr Parser::parseExprList()
{
    auto one = [this]() -> ExprPtr {
        if (peek().isOp("*")) {
            const Token& t = next();
            auto s = node<Starred>(t);
            s->value = parseBinary(0);
            finish(*s);
            return s;
        }
        return parseBinary(0);
    };
    ExprPtr first = one();
    if (!peek().isOp(","))
        return first;
    auto tuple = std::make_unique<Sequence>(ExprKind::Tuple);
    tuple->line = first->line;
    tuple->column = first->column;
    tuple->elements.push_back(std::move(first));
    while (acceptOp(",")) {
        if (peek().isKeyword("in") || peek().isOp("=") || peek().kind == TokenKind::Newline || peek().isOp(":"))
            break;
        tuple->elements.push_back(one());
    }
    finish(*tuple);
    return tuple;
}

ExprPtr Parser::parseTest()
{
    const Token& t = peek();
    if (t.isKeyword("lambda"))
        return parseLambda(false);
    if (t.kind == TokenKind::Name && peek(1).isOp(":=") && !isReservedWord(t.text)) {
        next();
        next();
        NestingGuard guard(*this, t);
        auto n = node<NamedExpr>(t);
        n->target = t.text;
        n->value = parseTest();
        finish(*n);
        return n;
    }
    ExprPtr body = parseOrTest();
    if (peek().isKeyword("if")) {
        const Token& ifTok = next();
        NestingGuard guard(*this, ifTok);
        auto e = std::make_unique<IfExp>();
        e->line = body->line;
        e->column = body->column;
        e->body = std::move(body);
        e->test = parseOrTest();
        if (!acceptKeyword("else"))
            fail("expected 'else' after 'if' expression", peek());
        e->orelse = parseTest();
        finish(*e);
        return e;
    }
    return body;
}

ExprPtr Parser::parseTestNoCond()
{
    if (peek().isKeyword("lambda"))
        return parseLambda(true);
    return parseOrTest();
}

ExprPtr Parser::parseLambda(bool noCond)
{
    const Token& t = next();
    NestingGuard guard(*this, t);
    auto l = node<Lambda>(t);
    l->spec = std::make_unique<FunctionSpec>();
    l->spec->name = "<lambda>";
    l->spec->line = l->line;
    l->spec->column = l->column;
    l->spec->params = parseParameters(":", false);
    expectOp(":", "expected ':'");
    contexts_.push_back(Context::Function);
    l->spec->lambdaBody = noCond ? parseTestNoCond() : parseTest();
    contexts_.pop_back();
    finish(*l);
    return l;
}

ExprPtr Parser::parseOrTest()
{
    ExprPtr first = parseAndTest();
    if (!peek().isKeyword("or"))
        return first;
    auto b = std::make_unique<BoolOp>();
    b->isAnd = false;
    b->line = first->line;
    b->column = first->column;
    b->values.push_back(std::move(first));
    while (acceptKeyword("or"))
        b->values.push_back(parseAndTest());
    finish(*b);
    return b;
}

ExprPtr Parser::parseAndTest()
{
    ExprPtr first = parseNotTest();
    if (!peek().isKeyword("and"))
        return first;
    auto b = std::make_unique<BoolOp>();
    b->isAnd = true;
    b->line = first->line;
    b->column = first->column;
    b->values.push_back(std::move(first));
    while (acceptKeyword("and"))
        b->values.push_back(parseNotTest());
    finish(*b);
    return b;
}

ExprPtr Parser::parseNotTest()
{
    if (peek().isKeyword("not")) {
        const Token& t = next();
        NestingGuard guard(*this, t);
        auto u = node<Unary>(t);
        u->op = UnaryOp::Not;
        u->operand = parseNotTest();
        finish(*u);
        return u;
    }
    return parseComparison();
}

ExprPtr Parser::parseComparison()
{
    ExprPtr first = parseBinary(0);
    std::unique_ptr<Compare> cmp;
    while (true) {
        const Token& t = peek();
        CompareOp op;
        if (t.isOp("<"))
            op = CompareOp::Lt;
        else if (t.isOp(">"))
            op = CompareOp::Gt;
        else if (t.isOp("=="))
            op = CompareOp::Eq;
        else if (t.isOp(">="))
            op = CompareOp::GtE;
        else if (t.isOp("<="))
            op = CompareOp::LtE;
        else if (t.isOp("!="))
            op = CompareOp::NotEq;
        else if (t.isKeyword("in"))
            op = CompareOp::In;
        else if (t.isKeyword("not") && peek(1).isKeyword("in")) {
            next();
            op = CompareOp::NotIn;
        } else if (t.isKeyword("is")) {
            if (peek(1).isKeyword("not")) {
                next();
                op = CompareOp::IsNot;
            } else {
                op = CompareOp::Is;
            }
        } else
            break;
        next();
        if (!cmp) {
            cmp = std::make_unique<Compare>();
            cmp->line = first->line;
            cmp->column = first->column;
            cmp->left = std::move(first);
        }
        cmp->ops.push_back(op);
        cmp->comparators.push_back(parseBinary(0));
    }
    if (!cmp)
        return first;
    finish(*cmp);
    return cmp;
}

ExprPtr Parser::parseBinary(int level)
{
    if (level >= static_cast<int>(kLevels.size()))
        return parseFactor();
    ExprPtr left = parseBinary(level + 1);
    const BinaryLevel& lv = kLevels[static_cast<std::size_t>(level)];
    while (true) {
        const Token& t = peek();
        if (t.kind != TokenKind::Op)
            break;
        int found = -1;
        for (int i = 0; i < lv.count; ++i)
            if (t.text == lv.ops[static_cast<std::size_t>(i)])
                found = i;
        if (found < 0)
            break;
        next();
        auto b = std::make_unique<Binary>();
        b->line = left->line;
        b->column = left->column;
        b->op = lv.codes[static_cast<std::size_t>(found)];
        b->left = std::move(left);
        b->right = parseBinary(level + 1);
        finish(*b);
        left = std::move(b);
    }
    return left;
}

ExprPtr Parser::parseFactor()
{
    const Token& t = peek();
    if (t.isOp("-") || t.isOp("+") || t.isOp("~")) {
        next();
        NestingGuard guard(*this, t);
        auto u = node<Unary>(t);
        u->op = t.text == "-" ? UnaryOp::Neg : t.text == "+" ? UnaryOp::Pos : UnaryOp::Invert;
        u->operand = parseFactor();
        // Fold negative literals so -9223372036854775808 style constants stay exact.
        if (u->op == UnaryOp::Neg && u->operand->kind == ExprKind::Constant) {
            auto& c = static_cast<Constant&>(*u->operand);
            if (c.type == Constant::Type::Int || c.type == Constant::Type::Float) {
                if (c.type == Constant::Type::Int)
                    c.intValue = -c.intValue;
                else
                    c.floatValue = -c.floatValue;
                c.line = u->line;
                c.column = u->column;
                return std::move(u->operand);
            }
        }
        finish(*u);
        return u;
    }
    return parsePower();
}

ExprPtr Parser::parsePower()
{
    ExprPtr base = parseAtomExpr();
    if (peek().isOp("**")) {
        const Token& t = next();
        NestingGuard guard(*this, t);
        auto b = std::make_unique<Binary>();
        b->line = base->line;
        b->column = base->column;
        b->op = BinaryOp::Pow;
        b->left = std::move(base);
        b->right = parseFactor();
        finish(*b);
        return b;
    }
    return base;
}

ExprPtr Parser::parseAtomExpr()
{
    if (peek().isKeyword("await"))
        fail("'await' is not supported in PipeLab scenarios", peek());
    ExprPtr e = parseAtom();
    while (true) {
        const Token& t = peek();
        if (t.isOp("(")) {
            next();
            NestingGuard guard(*this, t);
            if (e->kind == ExprKind::Name) {
                const std::string& id = static_cast<Name&>(*e).id;
                for (const char* f : kForbiddenCalls)
                    if (id == f)
                        failAt("'" + id + "' is not supported in PipeLab scenarios", e->line, e->column);
            }
            auto c = std::make_unique<Call>();
            c->line = e->line;
            c->column = e->column;
            c->func = std::move(e);
            parseCallArguments(*c);
            expectOp(")", "expected ')'");
            finish(*c);
            e = std::move(c);
        } else if (t.isOp("[")) {
            next();
            NestingGuard guard(*this, t);
            auto s = std::make_unique<Subscript>();
            s->line = e->line;
            s->column = e->column;
            s->value = std::move(e);
            s->index = parseSubscriptIndex();
            expectOp("]", "expected ']'");
            finish(*s);
            e = std::move(s);
        } else if (t.isOp(".")) {
            next();
            const Token& n = next();
            if (n.kind != TokenKind::Name || isReservedWord(n.text))
                fail("invalid syntax", n);
            auto a = std::make_unique<Attribute>();
            a->line = e->line;
            a->column = e->column;
            a->value = std::move(e);
            a->attr = n.text;
            finish(*a);
            e = std::move(a);
        } else {
            break;
        }
    }
    return e;
}

void Parser::parseCallArguments(Call& call)
{
    bool sawKeyword = false;
    bool sawKwUnpack = false;
    while (!peek().isOp(")")) {
        const Token& t = peek();
        if (t.isOp("**")) {
            next();
            Keyword k;
            k.line = yamlLine(t.line);
            k.column = yamlColumn(t.column);
            k.value = parseTest();
            call.keywords.push_back(std::move(k));
            sawKwUnpack = true;
        } else if (t.isOp("*")) {
            if (sawKwUnpack)
                fail("iterable argument unpacking follows keyword argument unpacking", t);
            next();
            auto s = node<Starred>(t);
            s->value = parseTest();
            finish(*s);
            call.args.push_back(std::move(s));
        } else if (t.kind == TokenKind::Name && peek(1).isOp("=")) {
            if (isReservedWord(t.text))
                fail("cannot assign to " + t.text, t);
            next();
            next();
            for (const auto& k : call.keywords)
                if (k.name == t.text)
                    fail("keyword argument repeated: " + t.text, t);
            Keyword k;
            k.line = yamlLine(t.line);
            k.column = yamlColumn(t.column);
            k.name = t.text;
            k.value = parseTest();
            call.keywords.push_back(std::move(k));
            sawKeyword = true;
        } else {
            ExprPtr arg = parseTest();
            if (peek().isKeyword("for")) {
                auto g = std::make_unique<Comprehension>();
                g->type = Comprehension::Type::Generator;
                g->line = arg->line;
                g->column = arg->column;
                g->element = std::move(arg);
                g->generators = parseCompFor();
                finish(*g);
                if (!call.args.empty() || !call.keywords.empty() || !peek().isOp(")"))
                    failAt("Generator expression must be parenthesized", g->line, g->column);
                arg = std::move(g);
            }
            if (sawKwUnpack)
                fail("positional argument follows keyword argument unpacking", t);
            if (sawKeyword)
                fail("positional argument follows keyword argument", t);
            call.args.push_back(std::move(arg));
        }
        if (!acceptOp(","))
            break;
    }
}

ExprPtr Parser::parseSliceItem()
{
    const Token& t = peek();
    ExprPtr lower;
    if (!t.isOp(":"))
        lower = parseTest();
    if (!peek().isOp(":"))
        return lower;
    next();
    auto s = node<Slice>(t);
    s->lower = std::move(lower);
    if (!peek().isOp(":") && !peek().isOp("]") && !peek().isOp(","))
        s->upper = parseTest();
    if (acceptOp(":")) {
        if (!peek().isOp("]") && !peek().isOp(","))
            s->step = parseTest();
    }
    finish(*s);
    return s;
}

ExprPtr Parser::parseSubscriptIndex()
{
    if (peek().isOp("]"))
        fail("invalid syntax", peek());
    ExprPtr first = parseSliceItem();
    if (!peek().isOp(","))
        return first;
    auto tuple = std::make_unique<Sequence>(ExprKind::Tuple);
    tuple->line = first->line;
    tuple->column = first->column;
    tuple->elements.push_back(std::move(first));
    while (acceptOp(",")) {
        if (peek().isOp("]"))
            break;
        tuple->elements.push_back(parseSliceItem());
    }
    finish(*tuple);
    return tuple;
}

std::vector<CompFor> Parser::parseCompFor()
{
    std::vector<CompFor> gens;
    while (peek().isKeyword("for")) {
        next();
        CompFor g;
        g.target = parseExprList();
        checkTarget(*g.target, false);
        if (!acceptKeyword("in"))
            fail("invalid syntax", peek());
        g.iter = parseOrTest();
        while (peek().isKeyword("if")) {
            next();
            g.ifs.push_back(parseTestNoCond());
        }
        gens.push_back(std::move(g));
    }
    if (peek().isKeyword("async"))
        fail("'async' is not supported in PipeLab scenarios", peek());
    return gens;
}

ExprPtr Parser::parseParenthesized(const Token& open)
{
    if (acceptOp(")")) {
        auto t = node<Sequence>(open, ExprKind::Tuple);
        return t;
    }
    if (peek().isKeyword("yield"))
        fail("'yield' is not supported in PipeLab scenarios", peek());
    ExprPtr first = parseStarOrTest();
    if (peek().isKeyword("for")) {
        auto g = node<Comprehension>(open);
        g->type = Comprehension::Type::Generator;
        g->element = std::move(first);
        g->generators = parseCompFor();
        expectOp(")", "expected ')'");
        finish(*g);
        return g;
    }
    if (acceptOp(")")) {
        if (first->kind == ExprKind::Starred)
            failAt("cannot use starred expression here", first->line, first->column);
        return first;
    }
    auto tuple = node<Sequence>(open, ExprKind::Tuple);
    tuple->elements.push_back(std::move(first));
    while (acceptOp(",")) {
        if (peek().isOp(")"))
            break;
        tuple->elements.push_back(parseStarOrTest());
    }
    expectOp(")", "invalid syntax. Perhaps you forgot a comma?");
    finish(*tuple);
    return tuple;
}

ExprPtr Parser::parseListDisplay(const Token& open)
{
    auto list = node<Sequence>(open, ExprKind::List);
    if (acceptOp("]"))
        return list;
    ExprPtr first = parseStarOrTest();
    if (peek().isKeyword("for")) {
        auto c = node<Comprehension>(open);
        c->type = Comprehension::Type::List;
        c->element = std::move(first);
        c->generators = parseCompFor();
        expectOp("]", "expected ']'");
        finish(*c);
        return c;
    }
    list->elements.push_back(std::move(first));
    while (acceptOp(",")) {
        if (peek().isOp("]"))
            break;
        list->elements.push_back(parseStarOrTest());
    }
    expectOp("]", "invalid syntax. Perhaps you forgot a comma?");
    finish(*list);
    return list;
}

ExprPtr Parser::parseBraceDisplay(const Token& open)
{
    if (acceptOp("}"))
        return node<Dict>(open);
    {
        // Decide dict vs set from the first item.
        ExprPtr firstKey;
        ExprPtr firstValue;
        bool isDict = false;
        if (acceptOp("**")) {
            isDict = true;
            firstValue = parseBinary(0);
        } else {
            firstKey = parseStarOrTest();
            if (acceptOp(":")) {
                isDict = true;
                firstValue = parseTest();
            }
        }
        if (isDict) {
            if (firstKey && peek().isKeyword("for")) {
                auto c = node<Comprehension>(open);
                c->type = Comprehension::Type::Dict;
                c->element = std::move(firstKey);
                c->value = std::move(firstValue);
                c->generators = parseCompFor();
                expectOp("}", "expected '}'");
                finish(*c);
                return c;
            }
            auto d = node<Dict>(open);
            d->keys.push_back(std::move(firstKey));
            d->values.push_back(std::move(firstValue));
            while (acceptOp(",")) {
                if (peek().isOp("}"))
                    break;
                if (acceptOp("**")) {
                    d->keys.push_back(nullptr);
                    d->values.push_back(parseBinary(0));
                } else {
                    d->keys.push_back(parseTest());
                    expectOp(":", "expected ':'");
                    d->values.push_back(parseTest());
                }
            }
            expectOp("}", "invalid syntax. Perhaps you forgot a comma?");
            finish(*d);
            return d;
        }
        if (peek().isKeyword("for")) {
            auto c = node<Comprehension>(open);
            c->type = Comprehension::Type::Set;
            c->element = std::move(firstKey);
            c->generators = parseCompFor();
            expectOp("}", "expected '}'");
            finish(*c);
            return c;
        }
        auto s = node<Sequence>(open, ExprKind::Set);
        s->elements.push_back(std::move(firstKey));
        while (acceptOp(",")) {
            if (peek().isOp("}"))
                break;
            s->elements.push_back(parseStarOrTest());
        }
        expectOp("}", "invalid syntax. Perhaps you forgot a comma?");
        finish(*s);
        return s;
    }
}

ExprPtr Parser::parseAtom()
{
    const Token& t = peek();
    switch (t.kind) {
    case TokenKind::Name: {
        if (t.text == "None" || t.text == "True" || t.text == "False") {
            next();
            auto c = node<Constant>(t);
            c->type = t.text == "None" ? Constant::Type::None : t.text == "True" ? Constant::Type::True : Constant::Type::False;
            return c;
        }
        if (t.text == "yield" || t.text == "await" || t.text == "async")
            fail("'" + t.text + "' is not supported in PipeLab scenarios", t);
        if (isReservedWord(t.text))
            fail("invalid syntax", t);
        next();
        auto n = node<Name>(t);
        n->id = t.text;
        return n;
    }
    case TokenKind::Int: {
        next();
        auto c = node<Constant>(t);
        c->type = Constant::Type::Int;
        c->intValue = t.intValue;
        return c;
    }
    case TokenKind::Float: {
        next();
        auto c = node<Constant>(t);
        c->type = Constant::Type::Float;
        c->floatValue = t.floatValue;
        return c;
    }
    case TokenKind::String:
    case TokenKind::FString: return parseStrings();
    case TokenKind::Op: {
        if (t.text == "(" || t.text == "[" || t.text == "{") {
            next();
            NestingGuard guard(*this, t);
            if (t.text == "(")
                return parseParenthesized(t);
            if (t.text == "[")
                return parseListDisplay(t);
            return parseBraceDisplay(t);
        }
        if (t.text == "...") {
            next();
            auto c = node<Constant>(t);
            c->type = Constant::Type::Ellipsis;
            return c;
        }
        fail("invalid syntax", t);
    }
    case TokenKind::Indent: fail("unexpected indent", t);
    case TokenKind::Newline:
    case TokenKind::EndOfFile:
    case TokenKind::Dedent: fail("invalid syntax", t);
    }
    fail("invalid syntax", t);
}

// --- strings and f-strings -----------------------------------------------------------------------

ExprPtr Parser::parseStrings()
{
    const Token& first = peek();
    bool anyF = false;
    std::vector<const Token*> parts;
    while (peek().kind == TokenKind::String || peek().kind == TokenKind::FString) {
        anyF = anyF || peek().kind == TokenKind::FString;
        parts.push_back(&next());
    }
    if (!anyF) {
        auto c = node<Constant>(first);
        c->type = Constant::Type::Str;
        for (const Token* p : parts)
            c->strValue += p->text;
        return c;
    }
    auto f = node<FString>(first);
    for (const Token* p : parts) {
        if (p->kind == TokenKind::String) {
            FPart part;
            part.literal = p->text;
            f->parts.push_back(std::move(part));
        } else {
            auto inner = parseFStringBody(p->text, p->raw, p->bodyLine, p->bodyColumn, *p);
            for (auto& part : inner->parts)
                f->parts.push_back(std::move(part));
        }
    }
    finish(*f);
    return f;
}

std::unique_ptr<FString> Parser::parseFStringBody(const std::string& body, bool raw, int line, int column,
                                                  const Token& at)
{
    NestingGuard guard(*this, at);
    auto f = node<FString>(at);
    // Block position of body[i].
    auto positionOf = [&](std::size_t i) {
        int l = line;
        int c = column;
        for (std::size_t k = 0; k < i; ++k) {
            if (body[k] == '\n') {
                ++l;
                c = 1;
            } else {
                ++c;
            }
        }
        return std::pair<int, int>(l, c);
    };
    auto failHere = [&](const std::string& message, std::size_t i) {
        const auto [l, c] = positionOf(i);
        failAt(message, yamlLine(l), yamlColumn(c));
    };
    std::string literal;
    std::size_t literalStart = 0;
    auto flush = [&]() {
        if (literal.empty())
            return;
        FPart part;
        if (raw) {
            part.literal = literal;
        } else {
            const auto [l, c] = positionOf(literalStart);
            part.literal = Lexer::decodeEscapes(literal, l, c, origin_, kind_);
        }
        f->parts.push_back(std::move(part));
        literal.clear();
    };
    const std::size_t n = body.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = body[i];
        if (c == '{' && i + 1 < n && body[i + 1] == '{') {
            if (literal.empty())
                literalStart = i;
            literal += '{';
            i += 2;
            continue;
        }
        if (c == '}') {
            if (i + 1 < n && body[i + 1] == '}') {
                if (literal.empty())
                    literalStart = i;
                literal += '}';
                i += 2;
                continue;
            }
            failHere("f-string: single '}' is not allowed", i);
        }
        if (c != '{') {
            if (literal.empty())
                literalStart = i;
            if (c == '\\' && !raw && i + 1 < n) {
                literal += c;
                literal += body[i + 1];
                i += 2;
                continue;
            }
            literal += c;
            ++i;
            continue;
        }
        flush();
        // A replacement field: find the end of the expression.
        const std::size_t exprStart = i + 1;
        std::size_t j = exprStart;
        int depth = 0;
        char quote = 0;
        for (; j < n; ++j) {
            const char d = body[j];
            if (quote) {
                if (d == quote)
                    quote = 0;
                continue;
            }
            if (d == '\'' || d == '"') {
                quote = d;
                continue;
            }
            if (d == '(' || d == '[' || d == '{') {
                ++depth;
                continue;
            }
            if ((d == ')' || d == ']' || d == '}') && depth > 0) {
                --depth;
                continue;
            }
            if (depth > 0)
                continue;
            if (d == '}' || d == ':')
                break;
            if (d == '!' && j + 1 < n && body[j + 1] != '=')
                break;
            if (d == '=' && j > exprStart && std::string_view("=!<>").find(body[j - 1]) == std::string_view::npos) {
                std::size_t k = j + 1;
                while (k < n && (body[k] == ' ' || body[k] == '\t'))
                    ++k;
                if (k < n && (body[k] == '}' || body[k] == '!' || (body[k] == ':' && k + 1 < n)))
                    break;
            }
        }
        if (j >= n)
            failHere("f-string: expecting '}'", i);
        std::string exprText = body.substr(exprStart, j - exprStart);
        if (exprText.find_first_not_of(" \t\n") == std::string::npos)
            failHere("f-string: empty expression not allowed", i);
        FPart part;
        const auto [el, ec] = positionOf(exprStart);
        part.expr = parseEmbeddedExpression(exprText, el, ec, at);
        if (body[j] == '=') {
            ++j;
            while (j < n && (body[j] == ' ' || body[j] == '\t'))
                ++j;
            part.selfDocument = body.substr(exprStart, j - exprStart);
            part.conversion = 'r';
        }
        if (j < n && body[j] == '!') {
            if (j + 1 >= n || (body[j + 1] != 'r' && body[j + 1] != 's' && body[j + 1] != 'a'))
                failHere("f-string: invalid conversion character: expected 's', 'r', or 'a'", j);
            part.conversion = body[j + 1];
            j += 2;
        }
        if (j < n && body[j] == ':') {
            if (!part.selfDocument.empty() && part.conversion == 'r')
                part.conversion = 0;
            const std::size_t specStart = j + 1;
            int specDepth = 0;
            std::size_t k = specStart;
            for (; k < n; ++k) {
                if (body[k] == '{')
                    ++specDepth;
                else if (body[k] == '}') {
                    if (specDepth == 0)
                        break;
                    --specDepth;
                }
            }
            if (k >= n)
                failHere("f-string: expecting '}'", i);
            const auto [sl, sc] = positionOf(specStart);
            part.spec = parseFStringBody(body.substr(specStart, k - specStart), raw, sl, sc, at);
            j = k;
        }
        if (j >= n || body[j] != '}')
            failHere("f-string: expecting '}'", i);
        f->parts.push_back(std::move(part));
        i = j + 1;
    }
    flush();
    return f;
}

ExprPtr Parser::parseEmbeddedExpression(const std::string& text, int line, int column, const Token& at)
{
    // Parse "(expr)" so leading blanks and line breaks inside the field are harmless; the origin
    // is shifted one column left for the added parenthesis.
    std::size_t lead = 0;
    while (lead < text.size() && (text[lead] == ' ' || text[lead] == '\t'))
        ++lead;
    const std::string wrapped = "(" + text.substr(lead) + ")";
    Origin sub{yamlLine(line), yamlColumn(column + static_cast<int>(lead)) - 1};
    Parser p(wrapped, sub, kind_);
    p.nesting_ = nesting_;
    p.contexts_ = contexts_;
    p.tokens_ = Lexer(wrapped, sub, kind_).tokenize();
    const Token& open = p.next();
    if (!open.isOp("("))
        fail("f-string: invalid syntax", at);
    NestingGuard guard(p, open);
    ExprPtr e = p.parseParenthesized(open);
    if (p.peek().kind != TokenKind::Newline && p.peek().kind != TokenKind::EndOfFile)
        p.fail("f-string: invalid syntax", p.peek());
    return e;
}

} // namespace pipelab::py
