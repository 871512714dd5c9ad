// Interpreter behaviour, data-driven: each snippet's print() output (and escaping exception) must
// match what CPython 3.11 printed for the same code (interpreter_cases.inc), plus error positions.
#include "sim/python/interpreter.h"
#include "sim/python/parser.h"

#include <QtTest>

using namespace pipelab::py;

namespace {

struct Case {
    const char* name;
    const char* source;
    const char* expected;
};

const Case kCases[] = {
#include "interpreter_cases.inc"
};

// Runs source as module "views" and returns its output, then "!Type: message" on an error.
std::string run(const std::string& source, ScriptError* errorOut = nullptr)
{
    Interpreter interp;
    std::optional<ScriptError> error = interp.guard([&] { interp.runModule("shop.views", source, {1, 1}, "views", "shop"); });
    std::string out = interp.output();
    if (error) {
        out += "!" + error->describe();
        if (errorOut)
            *errorOut = *error;
    }
    return out;
}

} // namespace

class TestPyInterpreter : public QObject {
    Q_OBJECT

private slots:
    void snippets_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        for (const Case& c : kCases)
            QTest::newRow(c.name) << QString::fromUtf8(c.source) << QString::fromUtf8(c.expected);
    }

    void snippets()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(run(source.toStdString())), expected);
    }

    void caseCount() { QVERIFY(std::size(kCases) >= 120); }

    void errorPositionIsYamlLine()
    {
        Interpreter interp;
        auto error = interp.guard([&] {
            interp.runModule("shop.views", "x = 1\n\ndef f():\n    return {}['k']\n\nf()\n", {40, 3}, "views", "shop");
        });
        QVERIFY(error);
        QCOMPARE(error->type, std::string("KeyError"));
        QCOMPARE(error->message, std::string("'k'"));
        QCOMPARE(error->kind, std::string("views"));
        QCOMPARE(error->line, 43);
        QCOMPARE(error->column, 14);
        QCOMPARE(error->traceback, (std::vector<std::string>{"views:43", "views:45"}));
    }

    void nameErrorPosition()
    {
        ScriptError e;
        run("a = 1\nb = a + missing\n", &e);
        QCOMPARE(e.describe(), std::string("NameError: name 'missing' is not defined"));
        QCOMPARE(e.line, 2);
        QCOMPARE(e.column, 9);
    }

    void printIsCaptured()
    {
        Interpreter interp;
        interp.runModule("m", "print('hello')", {}, "views");
        QCOMPARE(interp.takeOutput(), std::string("hello\n"));
        QCOMPARE(interp.output(), std::string());
    }

    void importsBetweenModules()
    {
        Interpreter interp;
        interp.newModule("shop", "shop");
        interp.runModule("shop.models", "class Order:\n    pass\n_private = 1\nVALUE = 42\n", {}, "models", "shop");
        interp.runModule("shop.views",
                         "from .models import *\nfrom . import models\nimport shop.models as m\n"
                         "print(Order.__name__, VALUE, models.VALUE, m is models)\n"
                         "try:\n    _private\nexcept NameError as e:\n    print(e)\n",
                         {}, "views", "shop");
        QCOMPARE(interp.output(), std::string("Order 42 42 True\nname '_private' is not defined\n"));
        auto error = interp.guard([&] { interp.runModule("shop.urls", "import json\n", {10, 1}, "urls", "shop"); });
        QVERIFY(error);
        QCOMPARE(error->describe(), std::string("ModuleNotFoundError: No module named 'json'"));
        QCOMPARE(error->line, 10);
        error = interp.guard([&] { interp.runModule("shop.urls", "from .models import Ghost\n", {}, "urls", "shop"); });
        QVERIFY(error);
        QCOMPARE(error->describe(), std::string("ImportError: cannot import name 'Ghost' from 'shop.models'"));
    }

    void evalExpressionAndCallFromCpp()
    {
        Interpreter interp;
        ModuleObject* m = interp.runModule("m", "def add(a, b=10):\n    return a + b\n", {}, "views");
        Value add = interp.getAttr(m, "add");
        QCOMPARE(interp.call(add, {Value::integer(1)}).asInt(), 11);
        QCOMPARE(interp.call(add, {Value::integer(1)}, {{"b", Value::integer(2)}}).asInt(), 3);
        Value v = interp.evalExpression(m, "[add(i) for i in range(3)]");
        QCOMPARE(interp.repr(v), std::string("[10, 11, 12]"));
        try {
            interp.call(add, {});
            QFAIL("expected TypeError");
        } catch (const PyException& e) {
            QVERIFY(interp.matches(e, interp.types().TypeError));
            QCOMPARE(interp.describe(e).message, std::string("add() missing 1 required positional argument: 'a'"));
        }
    }

    void garbageCollectionKeepsReachable()
    {
        Interpreter interp;
        ModuleObject* m = interp.runModule("m", "keep = [1, 2, 3]\nfor i in range(1000):\n    tmp = [i] * 3\n", {}, "views");
        const std::size_t before = interp.heapSize();
        const std::size_t freed = interp.collectGarbage();
        QVERIFY(freed >= 999);
        QCOMPARE(interp.heapSize(), before - freed);
        QCOMPARE(interp.repr(interp.getAttr(m, "keep")), std::string("[1, 2, 3]"));
        interp.runModule("m", "keep.append(len(keep))\n", {}, "views");
        QCOMPARE(interp.repr(interp.getAttr(m, "keep")), std::string("[1, 2, 3, 3]"));
    }
};

QTEST_GUILESS_MAIN(TestPyInterpreter)
#include "tst_pyinterpreter.moc"
