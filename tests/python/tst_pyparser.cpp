// Parser: every construct of the subset parses to the expected tree, positions are YAML
// positions, syntax errors read like CPython's, unsupported constructs are named, nesting is bounded.
#include "sim/python/parser.h"
#include "sim/python/syntaxerror.h"

#include <QtTest>

using namespace pipelab::py;
using namespace pipelab::py::ast;

namespace {

std::string parseError(const std::string& source)
{
    try {
        parse(source, {21, 3}, "views");
    } catch (const SyntaxError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

class TestPyParser : public QObject {
    Q_OBJECT

private slots:
    void everyConstructParses()
    {
        const char* source = R"PY(
from django.db import models
from . import views
from .models import *
import a.b.c as d, e
@decorator
@decorator.with_args(1, key='v')
def f(a, b=1, *args, c, d=2, **kwargs) -> int:
    global g
    x: int = 1
    y: str
    a, (b, *c) = 1, (2, 3)
    a.b[1:2:3] = z = 4
    a += 1; a -= 1; a *= 2; a /= 2; a //= 2; a %= 2; a **= 2; a |= 1; a &= 1; a ^= 1; a <<= 1; a >>= 1
    if a: pass
    elif b:
        return
    else:
        return a if b else c
    for i, j in items:
        continue
    else:
        pass
    while not done:
        break
    try:
        raise ValueError('x') from err
    except (KeyError, IndexError) as e:
        raise
    except Exception:
        pass
    else:
        pass
    finally:
        del a[0], b.c, d
    with open_thing() as t, other():
        assert t, 'message'
    def inner():
        nonlocal x
        return lambda q, *r, s=1, **t: q
    return [i for i in range(3) if i], {k: v for k, v in d.items()}, {s for s in x}, (g for g in y)
class Order(models.Model, Mixin):
    name = models.CharField(max_length=100)
    class Meta:
        ordering = ['-id']
    def __str__(self):
        return f'{self.name!r:>10} {self.total:.2f} {{x}}'
    @property
    def total(self):
        return super().total() + sum(x.price * x.qty for x in self.items)
value = (1 + 2 * 3 ** -4 // 5 % 6 - ~7) << 1 >> 2 & 3 | 4 ^ 5
flags = a < b <= c == d != e > f >= g in h not in i is j is not k
logic = not a and b or c
call = f(1, *args, key=2, **kwargs)
literal = [1, 2.5, 'three', None, True, False, ..., (), (1,), {}, {1}, {'a': 1, **rest}]
sliced = x[1:], x[:2], x[::3], x[1:2, 3], x[-1]
if (n := len(x)) > 3: pass
)PY";
        auto module = parse(source, {1, 1}, "views");
        QCOMPARE(module->body.size(), std::size_t(13));
        QCOMPARE(module->body[0]->kind, StmtKind::ImportFrom);
        const auto& rel = static_cast<const ImportFrom&>(*module->body[2]);
        QCOMPARE(rel.level, 1);
        QCOMPARE(rel.module, std::string("models"));
        QCOMPARE(rel.names[0].name, std::string("*"));
        const auto& def = static_cast<const FunctionDef&>(*module->body[4]);
        QCOMPARE(def.decorators.size(), std::size_t(2));
        QCOMPARE(def.spec->params.positional.size(), std::size_t(2));
        QVERIFY(def.spec->params.hasVarargs);
        QCOMPARE(def.spec->params.keywordOnly.size(), std::size_t(2));
        QVERIFY(def.spec->params.hasVarkw);
        QCOMPARE(def.spec->globals, std::vector<std::string>{"g"});
        QCOMPARE(def.line, 8); // the `def` line, not the decorator's
        const auto& cls = static_cast<const ClassDef&>(*module->body[5]);
        QCOMPARE(cls.bases.size(), std::size_t(2));
        QCOMPARE(cls.body.size(), std::size_t(4));
        QCOMPARE(cls.body[1]->kind, StmtKind::ClassDef);
    }

    void precedenceTree()
    {
        auto module = parse("x = -2 ** 2 + 3 * 4 < 5 or not a and b\n");
        const auto& assign = static_cast<const Assign&>(*module->body[0]);
        const auto& orOp = static_cast<const BoolOp&>(*assign.value);
        QVERIFY(!orOp.isAnd);
        const auto& cmp = static_cast<const Compare&>(*orOp.values[0]);
        QCOMPARE(cmp.ops[0], CompareOp::Lt);
        const auto& add = static_cast<const Binary&>(*cmp.left);
        QCOMPARE(add.op, BinaryOp::Add);
        const auto& neg = static_cast<const Unary&>(*add.left);
        QCOMPARE(neg.op, UnaryOp::Neg);
        QCOMPARE(static_cast<const Binary&>(*neg.operand).op, BinaryOp::Pow);
        QCOMPARE(static_cast<const Binary&>(*add.right).op, BinaryOp::Mul);
        const auto& andOp = static_cast<const BoolOp&>(*orOp.values[1]);
        QVERIFY(andOp.isAnd);
        QCOMPARE(static_cast<const Unary&>(*andOp.values[0]).op, UnaryOp::Not);
    }

    void yamlPositions()
    {
        auto module = parse("a = 1\n\nif a:\n    b = f(x)\n", {50, 7}, "views");
        QCOMPARE(module->body[0]->line, 50);
        QCOMPARE(module->body[0]->column, 7);
        const auto& ifs = static_cast<const If&>(*module->body[1]);
        QCOMPARE(ifs.line, 52);
        const auto& assign = static_cast<const Assign&>(*ifs.body[0]);
        QCOMPARE(assign.line, 53);
        QCOMPARE(assign.column, 11);
        QCOMPARE(assign.value->column, 15);
    }

    void fstringParts()
    {
        auto module = parse("s = f'a{x!r:>{w}}b{y=}'\n", {10, 1}, "views");
        const auto& f = static_cast<const FString&>(*static_cast<const Assign&>(*module->body[0]).value);
        QCOMPARE(f.parts.size(), std::size_t(4));
        QCOMPARE(f.parts[0].literal, std::string("a"));
        QCOMPARE(f.parts[1].conversion, 'r');
        QVERIFY(f.parts[1].spec);
        QCOMPARE(f.parts[1].expr->column, 9);
        QCOMPARE(f.parts[1].expr->line, 10);
        QCOMPARE(f.parts[3].selfDocument, std::string("y="));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing colon") << "if x\n    pass\n" << "views:21:7: expected ':'";
        QTest::newRow("missing block") << "def f():\nreturn 1\n" << "views:22:3: expected an indented block after function definition on line 21";
        QTest::newRow("unexpected indent") << "x = 1\n    y = 2\n" << "views:22:7: unexpected indent";
        QTest::newRow("bad dedent") << "if x:\n    a\n  b\n" << "views:23:5: unindent does not match any outer indentation level";
        QTest::newRow("invalid syntax") << "x = = 1\n" << "views:21:7: invalid syntax";
        QTest::newRow("assign to call") << "f() = 1\n" << "views:21:3: cannot assign to function call";
        QTest::newRow("assign to literal") << "1 = x\n" << "views:21:3: cannot assign to literal";
        QTest::newRow("augassign tuple") << "a, b += 1\n" << "views:21:3: 'tuple' is an illegal expression for augmented assignment";
        QTest::newRow("return outside") << "return 1\n" << "views:21:3: 'return' outside function";
        QTest::newRow("break outside") << "break\n" << "views:21:3: 'break' outside loop";
        QTest::newRow("continue outside") << "def f():\n    continue\n" << "views:22:7: 'continue' not properly in loop";
        QTest::newRow("positional after keyword") << "f(a=1, 2)\n" << "views:21:10: positional argument follows keyword argument";
        QTest::newRow("non-default after default") << "def f(a=1, b):\n    pass\n" << "views:21:15: non-default argument follows default argument";
        QTest::newRow("duplicate argument") << "def f(a, a):\n    pass\n" << "views:21:12: duplicate argument 'a' in function definition";
        QTest::newRow("try without except") << "try:\n    pass\nx = 1\n" << "views:23:3: expected 'except' or 'finally' block";
        QTest::newRow("print statement") << "print 'hi'\n" << "views:21:3: Missing parentheses in call to 'print'. Did you mean print(...)?";
        QTest::newRow("unclosed paren") << "x = (1,\ny = 2\n" << "views:21:7: '(' was never closed";
        QTest::newRow("fstring single brace") << "x = f'a}'\n" << "views:21:10: f-string: single '}' is not allowed";
        QTest::newRow("fstring empty") << "x = f'{}'\n" << "views:21:9: f-string: empty expression not allowed";
        QTest::newRow("keyword as name") << "class = 1\n" << "views:21:9: invalid syntax";
        QTest::newRow("missing else") << "x = 1 if y\n" << "views:21:13: expected 'else' after 'if' expression";
        QTest::newRow("nonlocal at module") << "nonlocal x\n" << "views:21:3: nonlocal declaration not allowed at module level";
        QTest::newRow("starred alone") << "*a = 1\n" << "views:21:3: starred assignment target must be in a list or tuple";
        QTest::newRow("except comma") << "try:\n    pass\nexcept A, B:\n    pass\n" << "views:23:11: multiple exception types must be parenthesized";
    }

    void errors()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(parseError(source.toStdString())), message);
    }

    void unsupported_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("yield") << "def g():\n    yield 1\n" << "views:22:7: 'yield' is not supported in PipeLab scenarios";
        QTest::newRow("yield expr") << "def g():\n    x = yield\n" << "views:22:11: 'yield' is not supported in PipeLab scenarios";
        QTest::newRow("async def") << "async def f():\n    pass\n" << "views:21:3: 'async' is not supported in PipeLab scenarios";
        QTest::newRow("await") << "def f():\n    await g()\n" << "views:22:7: 'await' is not supported in PipeLab scenarios";
        QTest::newRow("match") << "match x:\n    case 1:\n        pass\n" << "views:21:3: 'match' statements are not supported in PipeLab scenarios";
        QTest::newRow("import os") << "import os\n" << "views:21:10: import of module 'os' is not supported in PipeLab scenarios";
        QTest::newRow("from sys") << "from sys import argv\n" << "views:21:8: import of module 'sys' is not supported in PipeLab scenarios";
        QTest::newRow("subprocess dotted") << "import subprocess.run\n" << "views:21:10: import of module 'subprocess' is not supported in PipeLab scenarios";
        QTest::newRow("eval") << "x = eval('1')\n" << "views:21:7: 'eval' is not supported in PipeLab scenarios";
        QTest::newRow("exec") << "exec('x = 1')\n" << "views:21:3: 'exec' is not supported in PipeLab scenarios";
        QTest::newRow("open") << "with open('f') as fh:\n    pass\n" << "views:21:8: 'open' is not supported in PipeLab scenarios";
        QTest::newRow("__import__") << "m = __import__('os')\n" << "views:21:7: '__import__' is not supported in PipeLab scenarios";
        QTest::newRow("metaclass") << "class A(metaclass=M):\n    pass\n" << "views:21:11: class keyword arguments (metaclass=...) are not supported in PipeLab scenarios";
        QTest::newRow("bytes") << "x = b'1'\n" << "views:21:7: bytes literals are not supported in PipeLab scenarios";
        QTest::newRow("except star") << "try:\n    pass\nexcept* E:\n    pass\n" << "views:23:9: 'except*' is not supported in PipeLab scenarios";
    }

    void unsupported()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(parseError(source.toStdString())), message);
    }

    void nestingLimits()
    {
        const std::string deepParens = "x = " + std::string(150, '(') + "1" + std::string(150, ')') + "\n";
        QCOMPARE(parseError(deepParens), std::string("views:21:107: expression nested too deeply (more than 100 levels)"));
        std::string chain = "x = 1";
        for (int i = 0; i < 150; ++i)
            chain += " + 1";
        QVERIFY(parseError(chain + "\n").find("expression nested too deeply (more than 100 levels)") != std::string::npos);
        std::string unary = "x = " + std::string(200, '-') + "1\n";
        QVERIFY(parseError(unary).find("expression nested too deeply") != std::string::npos);
        std::string lists = "x = " + std::string(120, '[') + std::string(120, ']') + "\n";
        QVERIFY(parseError(lists).find("expression nested too deeply") != std::string::npos);
        // Within the limit is fine.
        QCOMPARE(parseError("x = " + std::string(50, '(') + "1" + std::string(50, ')') + "\n"), std::string("no error"));
    }

    void softKeywordsStayNames()
    {
        auto module = parse("match = 1\ncase = match + 1\nprint(match, case)\n");
        QCOMPARE(module->body.size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestPyParser)
#include "tst_pyparser.moc"
