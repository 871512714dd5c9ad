// Budgets: runaway scenario code is stopped with a reported error naming the budget and the line,
// and user code cannot catch it.
#include "sim/python/interpreter.h"

#include <QtTest>

using namespace pipelab::py;

namespace {

std::optional<ScriptError> runWith(const Budget& budget, const std::string& source)
{
    Interpreter interp(budget);
    return interp.guard([&] { interp.runModule("shop.views", source, {10, 3}, "views", "shop"); });
}

} // namespace

class TestPyBudget : public QObject {
    Q_OBJECT

private slots:
    void endlessLoop()
    {
        Budget b;
        b.maxSteps = 100000;
        auto e = runWith(b, "x = 0\nwhile True:\n    try:\n        x += 1\n    except Exception:\n        pass\n");
        QVERIFY(e);
        QCOMPARE(e->category, ScriptError::Category::Budget);
        QCOMPARE(e->message.substr(0, 57), std::string("budget exceeded: more than 100000 steps (endless loop?) a"));
        QVERIFY(e->line >= 11 && e->line <= 15);
        QCOMPARE(e->kind, std::string("views"));
    }

    void endlessLoopExactMessage()
    {
        Budget b;
        b.maxSteps = 1000;
        auto e = runWith(b, "while True:\n    pass\n");
        QVERIFY(e);
        QCOMPARE(e->message, std::string("budget exceeded: more than 1000 steps (endless loop?) at views:") +
                                 std::to_string(e->line));
        QVERIFY(e->line == 10 || e->line == 11);
    }

    void runawayRecursion()
    {
        Budget b; // default depth 200
        auto e = runWith(b, "def f(n):\n    return f(n + 1)\n\ntry:\n    f(0)\nexcept RecursionError:\n    print('caught')\n");
        QVERIFY(e);
        QCOMPARE(e->message, std::string("budget exceeded: more than 200 nested calls (runaway recursion?) at views:11"));
        QCOMPARE(e->line, 11);
    }

    void recursionWithinBudgetWorks()
    {
        Interpreter interp;
        interp.runModule("m", "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\nprint(depth(150))\n", {}, "views");
        QCOMPARE(interp.output(), std::string("150\n"));
    }

    void giantList()
    {
        Budget b;
        b.maxCollection = 10000;
        auto e = runWith(b, "a = [0] * 100\nb = a * 1000\n");
        QVERIFY(e);
        QCOMPARE(e->message, std::string("budget exceeded: a collection of more than 10000 elements at views:11"));
        auto e2 = runWith(b, "items = []\nfor i in range(20000):\n    items.append(i)\n");
        QVERIFY(e2);
        QCOMPARE(e2->message, std::string("budget exceeded: a collection of more than 10000 elements at views:12"));
        auto e3 = runWith(b, "d = {i: i for i in range(20000)}\n");
        QVERIFY(e3);
        QCOMPARE(e3->message, std::string("budget exceeded: a collection of more than 10000 elements at views:10"));
    }

    void giantString()
    {
        Budget b;
        b.maxStringBytes = 1000;
        auto e = runWith(b, "s = 'x'\nfor i in range(20):\n    s = s + s\n");
        QVERIFY(e);
        QCOMPARE(e->message, std::string("budget exceeded: a string longer than 1000 bytes at views:12"));
    }

    void allocations()
    {
        Budget b;
        b.maxAllocations = 5000;
        auto e = runWith(b, "keep = []\nwhile True:\n    keep = [keep]\n");
        QVERIFY(e);
        QCOMPARE(e->message, std::string("budget exceeded: more than 5000 allocations at views:12"));
    }

    void deepNestingRejectedAtParse()
    {
        Interpreter interp;
        const std::string source = "x = " + std::string(300, '[') + std::string(300, ']') + "\n";
        auto e = interp.guard([&] { interp.runModule("m", source, {5, 1}, "views"); });
        QVERIFY(e);
        QCOMPARE(e->category, ScriptError::Category::Syntax);
        QCOMPARE(e->message, std::string("expression nested too deeply (more than 100 levels)"));
        QCOMPARE(e->line, 5);
    }

    void deepDataDoesNotCrash()
    {
        // 100000 nested lists built in a loop: repr/== recurse in C++, guarded by the stack budget.
        Interpreter interp;
        auto e = interp.guard([&] {
            interp.runModule("m", "a = []\nfor i in range(100000):\n    a = [a]\ns = repr(a)\n", {}, "views");
        });
        QVERIFY(e);
        QCOMPARE(e->category, ScriptError::Category::Budget);
        QVERIFY(e->message.find("interpreter stack") != std::string::npos);
        QCOMPARE(e->line, 4);
    }

    void countersResetPerRun()
    {
        Budget b;
        b.maxSteps = 5000;
        Interpreter interp(b);
        ModuleObject* m = interp.runModule("m", "def work():\n    t = 0\n    for i in range(500):\n        t += i\n    return t\n", {}, "views");
        for (int run = 0; run < 5; ++run) {
            interp.resetCounters();
            QCOMPARE(interp.call(interp.getAttr(m, "work")).asInt(), 124750);
        }
        QVERIFY(interp.counters().steps > 1000);
        QVERIFY(interp.counters().steps < 5000);
    }
};

QTEST_GUILESS_MAIN(TestPyBudget)
#include "tst_pybudget.moc"
