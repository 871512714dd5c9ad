// tst_templaterender: the template renderer against real Django 3.2. The `render` rows come from
// oracle/render_oracle.py (regenerate with
// /usr/bin/python3 tests/django/template/oracle/render_oracle.py > tests/django/template/render_rows.inc):
// each case's context is the same Python source evaluated by real Django's Python and by
// PipeLab's interpreter, and the expected text is what Django rendered (or the exception it raised).
#include "sim/django/template/engine.h"
#include "sim/django/template/fragmentkey.h"
#include "sim/django/template/nodes.h"
#include "sim/django/template/templatesyntaxerror.h"
#include "sim/python/interpreter.h"

#include <QElapsedTimer>
#include <QtTest>

#include <map>

using namespace pipelab;
using namespace pipelab::django::templates;

#include "render_rows.inc"

namespace {

// Hooks as the oracle's project sees the world: two URL patterns, a frozen clock, a cache that
// records what {% cache %} stores, and a record of node notifications.
class TestHooks : public RenderHooks {
public:
    std::string reverse(py::Interpreter& interp, py::Value viewName, const std::vector<py::Value>& args,
                        const Kwargs& kwargs) override
    {
        const std::string name = interp.toStr(viewName);
        if (name == "home" && args.empty() && kwargs.empty())
            return "/";
        if (name == "order-detail" && args.size() == 1 && kwargs.empty())
            return "/orders/" + interp.toStr(args[0]) + "/";
        if (name == "order-detail" && args.empty() && kwargs.size() == 1 && kwargs[0].first == "pk")
            return "/orders/" + interp.toStr(kwargs[0].second) + "/";
        return RenderHooks::reverse(interp, viewName, args, kwargs);
    }
    DateParts now() override
    {
        DateParts p = DateParts::fromEpochSeconds(0, true);
        p.year = 2024;
        p.month = 3;
        p.day = 5;
        p.hour = 14;
        p.minute = 7;
        p.second = 9;
        return p;
    }
    std::optional<py::Value> cacheGet(py::Interpreter&, const std::optional<std::string>&, const std::string& key) override
    {
        auto it = cache.find(key);
        if (it == cache.end())
            return std::nullopt;
        return it->second;
    }
    void cacheSet(py::Interpreter&, const std::optional<std::string>&, const std::string& key, py::Value value,
                  std::optional<std::int64_t> timeout) override
    {
        cache[key] = value;
        timeouts[key] = timeout;
    }
    void nodeStarted(const Template& tmpl, const Node& node) override
    {
        if (recordNodes)
            events.push_back("+" + tmpl.name + ":" + std::to_string(tmpl.sourceLine(node)) + ":" + kind(node));
        stack.push_back(tmpl.name + ":" + std::to_string(tmpl.sourceLine(node)));
    }
    void nodeFinished(const Template& tmpl, const Node& node) override
    {
        if (recordNodes)
            events.push_back("-" + tmpl.name + ":" + kind(node));
        stack.pop_back();
    }

    static std::string kind(const Node& node)
    {
        static const char* const kNames[] = {"Text",  "Var",       "For",     "If",      "With",    "Include",
                                              "Extends", "Block",  "Url",     "Csrf",    "Load",    "Comment",
                                              "Cache", "Spaceless", "Now",    "FirstOf", "Cycle",   "AutoEscape",
                                              "Verbatim"};
        return kNames[node.data.index()];
    }

    std::map<std::string, py::Value> cache;
    std::map<std::string, std::optional<std::int64_t>> timeouts;
    bool recordNodes = false;
    std::vector<std::string> events;
    std::vector<std::string> stack;
    std::vector<std::string> probes; // the innermost node when probe() was called
};

// One interpreter, engine and context module per test: the oracle's templates plus `extra`.
using Templates = std::map<std::string, std::string>;

struct Fixture {
    explicit Fixture(std::map<std::string, std::string> extra = {}, EngineOptions options = {})
        : templates(std::move(extra)),
          engine(interp,
                 [this](std::string_view name) -> std::optional<TemplateSource> {
                     ++loads[std::string(name)];
                     if (auto it = templates.find(std::string(name)); it != templates.end())
                         return TemplateSource{it->second, 10};
                     for (const auto& [n, source] : kTemplates)
                         if (name == n)
                             return TemplateSource{source, 1};
                     return std::nullopt;
                 },
                 hooks, options)
    {
        module = interp.runModule("ctx", kPrelude, {}, "ctx");
        const TemplateLibrary& lib = engine.library();
        module->globals.set("dt", interp.newFunction("dt", [&lib](py::Interpreter& ip, py::CallArgs& a) {
            DateParts p;
            p.year = static_cast<int>(ip.expectInt(a[0], "year"));
            p.month = static_cast<int>(ip.expectInt(a[1], "month"));
            p.day = static_cast<int>(ip.expectInt(a[2], "day"));
            p.hour = a.size() > 3 ? static_cast<int>(a[3].asInt()) : 0;
            p.minute = a.size() > 4 ? static_cast<int>(a[4].asInt()) : 0;
            p.second = a.size() > 5 ? static_cast<int>(a[5].asInt()) : 0;
            p.aware = true;
            return lib.newDateTime(p);
        }));
        module->globals.set("d", interp.newFunction("d", [&lib](py::Interpreter&, py::CallArgs& a) {
            return lib.newDate(static_cast<int>(a[0].asInt()), static_cast<int>(a[1].asInt()),
                               static_cast<int>(a[2].asInt()));
        }));
        module->globals.set("safe", interp.newFunction("safe", [&lib](py::Interpreter& ip, py::CallArgs& a) {
            return lib.markSafe(ip.toStr(a[0]));
        }));
        module->globals.set("probe", interp.newFunction("probe", [this](py::Interpreter&, py::CallArgs&) {
            hooks.probes.push_back(hooks.stack.empty() ? std::string("-") : hooks.stack.back());
            return py::Value();
        }));
    }

    // Renders `name` with the context expression; "error: Type: message" when it raises.
    std::string render(const std::string& name, const std::string& contextExpr)
    {
        try {
            py::Value context = interp.evalExpression(module, contextExpr);
            return engine.renderToString(name, context);
        } catch (const py::PyException& e) {
            const std::string type = interp.typeName(py::Value(e.exception()));
            if (type == "RecursionError")
                return "error: RecursionError";
            return "error: " + type + ": " + interp.exceptionMessage(e.exception());
        }
    }

    py::Interpreter interp;
    TestHooks hooks;
    std::map<std::string, std::string> templates;
    std::map<std::string, int> loads;
    Engine engine;
    py::ModuleObject* module = nullptr;
};

} // namespace

class TestTemplateRender : public QObject {
    Q_OBJECT

private slots:
    void render_data();
    void render();
    void fragmentKey_data();
    void fragmentKey();
    void cacheTagStoresAndReuses();
    void nodeHookOrder();
    void includedNodesReportTheirTemplate();
    void queryTimeNodeIsTheForTag();
    void templatesAreParsedOnce();
    void syntaxErrorKeepsItsLine();
    void templateObjectFromPython();
    void outputBudget();
    void safeStringIsAStr();
    void contextProcessorsSitBelowTheViewContext();
    void bigLoopIsFast();
};

void TestTemplateRender::render_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("expected");
    addRenderRows();
}

void TestTemplateRender::render()
{
    QFETCH(QString, source);
    QFETCH(QString, context);
    QFETCH(QString, expected);
    Fixture f(Templates{{"case.html", source.toStdString()}});
    QCOMPARE(QString::fromStdString(f.render("case.html", context.toStdString())), expected);
}

void TestTemplateRender::fragmentKey_data()
{
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<QStringList>("varyOn");
    QTest::addColumn<QString>("expected");
    addFragmentKeyRows();
}

void TestTemplateRender::fragmentKey()
{
    QFETCH(QString, fragment);
    QFETCH(QStringList, varyOn);
    QFETCH(QString, expected);
    std::vector<std::string> vary;
    for (const QString& v : varyOn)
        vary.push_back(v.toStdString());
    QCOMPARE(QString::fromStdString(makeTemplateFragmentKey(fragment.toStdString(), vary)), expected);
}

void TestTemplateRender::cacheTagStoresAndReuses()
{
    Fixture f(Templates{{"c.html", "{% load cache %}{% cache 300 sidebar user.id %}<b>{{ c.bump }}</b>{% endcache %}"}});
    const std::string ctx = "{'user': {'id': 5}, 'c': Counter()}";
    QCOMPARE(QString::fromStdString(f.render("c.html", ctx)), QString("<b>1</b>"));
    const std::string key = makeTemplateFragmentKey("sidebar", {"5"});
    QCOMPARE(QString::fromStdString(key), QString("template.cache.sidebar.016ce7cd3f0850d6c33696df9f9440d5"));
    QVERIFY(f.hooks.cache.count(key));
    QCOMPARE(f.hooks.timeouts[key], std::optional<std::int64_t>(300));
    // A hit returns the stored fragment without rendering it (the counter is not bumped again).
    QCOMPARE(QString::fromStdString(f.render("c.html", ctx)), QString("<b>1</b>"));
    QCOMPARE(QString::fromStdString(f.render("c.html", "{'user': {'id': 6}, 'c': Counter()}")), QString("<b>1</b>"));
    QCOMPARE(f.hooks.cache.size(), std::size_t(2));
}

void TestTemplateRender::nodeHookOrder()
{
    Fixture f(Templates{{"loop.html", "{% for x in xs %}\n<{{ x }}>{% endfor %}!"}});
    f.hooks.recordNodes = true;
    QCOMPARE(QString::fromStdString(f.render("loop.html", "{'xs': [1, 2]}")), QString("\n<1>\n<2>!"));
    const std::vector<std::string> expected = {
        "+loop.html:10:For",  "+loop.html:10:Text", "-loop.html:Text", "+loop.html:11:Var", "-loop.html:Var",
        "+loop.html:11:Text", "-loop.html:Text",    "+loop.html:10:Text", "-loop.html:Text", "+loop.html:11:Var",
        "-loop.html:Var",     "+loop.html:11:Text", "-loop.html:Text",  "-loop.html:For",   "+loop.html:11:Text",
        "-loop.html:Text"};
    QCOMPARE(f.hooks.events, expected);
    QVERIFY(f.hooks.stack.empty());
}

void TestTemplateRender::includedNodesReportTheirTemplate()
{
    Fixture f(Templates{{"page.html", "{% extends 'base.html' %}\n{% block content %}\n{% include 'row.html' %}{% endblock %}"}});
    f.hooks.recordNodes = true;
    QCOMPARE(QString::fromStdString(f.render("page.html", "{'item': ITEMS[0]}")),
             QString("<title>Site</title>\n<main>\n<li>pen=2</li></main><f>none</f>"));
    // The include node is page.html's (YAML line 10 + 2), the <li> text belongs to row.html.
    QVERIFY(std::find(f.hooks.events.begin(), f.hooks.events.end(), "+page.html:12:Include") != f.hooks.events.end());
    QVERIFY(std::find(f.hooks.events.begin(), f.hooks.events.end(), "+row.html:1:Var") != f.hooks.events.end());
    QVERIFY(std::find(f.hooks.events.begin(), f.hooks.events.end(), "+base.html:1:Block") != f.hooks.events.end());
    // Nodes are still attributed after an exception unwinds them.
    QCOMPARE(QString::fromStdString(f.render("case-missing", "{}")), QString("error: TemplateDoesNotExist: case-missing"));
    QVERIFY(f.hooks.stack.empty());
}

void TestTemplateRender::queryTimeNodeIsTheForTag()
{
    // A lazy sequence (like a QuerySet) is evaluated by the {% for %} node once (len(), then
    // iteration from its cache); attribute access that runs code is attributed to the variable.
    Fixture f(Templates{{"q.html", "<ul>\n{% for o in orders %}\n<li>{{ o.product }}</li>{% endfor %}</ul>"}});
    f.interp.runModule("lazy",
                       "from ctx import probe\n"
                       "class Lazy:\n"
                       "    def __init__(self):\n"
                       "        self.cache = None\n"
                       "    def fetch(self):\n"
                       "        if self.cache is None:\n"
                       "            probe()\n"
                       "            self.cache = [Order(1), Order(2)]\n"
                       "        return self.cache\n"
                       "    def __len__(self):\n"
                       "        return len(self.fetch())\n"
                       "    def __iter__(self):\n"
                       "        return iter(self.fetch())\n"
                       "class Order:\n"
                       "    def __init__(self, n):\n"
                       "        self.n = n\n"
                       "    @property\n"
                       "    def product(self):\n"
                       "        probe()\n"
                       "        return 'p' + str(self.n)\n",
                       {}, "views");
    f.module->globals.set("Lazy", *f.interp.findModule("lazy")->globals.find("Lazy"));
    QCOMPARE(QString::fromStdString(f.render("q.html", "{'orders': Lazy()}")),
             QString("<ul>\n\n<li>p1</li>\n<li>p2</li></ul>"));
    const std::vector<std::string> expected = {"q.html:11", "q.html:12", "q.html:12"};
    QCOMPARE(f.hooks.probes, expected);
}

void TestTemplateRender::templatesAreParsedOnce()
{
    Fixture f(Templates{{"t.html", "{% include 'row.html' %}{% include 'row.html' %}"}});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(QString::fromStdString(f.render("t.html", "{'item': ITEMS[1]}")),
                 QString("<li>ink=5</li><li>ink=5</li>"));
    QCOMPARE(f.loads["t.html"], 1);
    QCOMPARE(f.loads["row.html"], 1);
}

void TestTemplateRender::syntaxErrorKeepsItsLine()
{
    Fixture f(Templates{{"bad.html", "line one\n{% for x in %}\n{% endfor %}"}});
    try {
        f.engine.findTemplate("bad.html");
        QFAIL("expected a TemplateSyntaxError");
    } catch (const TemplateSyntaxError& e) {
        QCOMPARE(e.line(), 2);
        QCOMPARE(e.sourceLine(10), 11);
        QCOMPARE(QString(e.what()), QString("'for' statements should have at least four words: for x in"));
    }
    QVERIFY(!f.engine.findTemplate("absent.html"));
    QCOMPARE(QString::fromStdString(f.render("bad.html", "{}")),
             QString("error: TemplateSyntaxError: 'for' statements should have at least four words: for x in"));
    Fixture g(Templates{{"u.html", "{{ x|urlize }}"}});
    QCOMPARE(QString::fromStdString(g.render("u.html", "{}")),
             QString("error: TemplateSyntaxError: The 'urlize' filter is not simulated by PipeLab"));
}

void TestTemplateRender::templateObjectFromPython()
{
    Fixture f;
    f.module->globals.set("tpl", f.engine.templateObject("greet.html"));
    const py::Value result = f.interp.evalExpression(f.module, "tpl.render({'name': 'Py <3'})");
    QCOMPARE(QString::fromStdString(f.interp.toStr(result)), QString("Hello Py &lt;3"));
    QVERIFY(f.engine.library().isSafe(result));
    QCOMPARE(QString::fromStdString(f.interp.toStr(f.interp.evalExpression(f.module, "tpl.render() + '!'"))),
             QString("Hello stranger!"));
}

void TestTemplateRender::outputBudget()
{
    EngineOptions options;
    options.maxOutputBytes = 1000;
    Fixture f(Templates{{"big.html", "{% for i in r %}0123456789{% endfor %}"}}, options);
    QCOMPARE(QString::fromStdString(f.render("big.html", "{'r': range(50)}")).size(), 500);
    QVERIFY_THROWS_EXCEPTION(py::BudgetExceeded, f.render("big.html", "{'r': range(200)}"));
}

void TestTemplateRender::safeStringIsAStr()
{
    Fixture f;
    f.interp.runModule("uses", "from django.utils.safestring import mark_safe, SafeString\n"
                               "s = mark_safe('<b>')\n"
                               "plain = s + 'x'\n"
                               "facts = [len(s), s == '<b>', 'b' in s, s.upper(), isinstance(s, str), s[1]]\n",
                       {}, "views");
    py::ModuleObject* m = f.interp.findModule("uses");
    QCOMPARE(QString::fromStdString(f.interp.repr(*m->globals.find("facts"))), QString("[3, True, True, '<B>', True, 'b']"));
    QVERIFY(f.engine.library().isSafe(*m->globals.find("s")));
    QVERIFY(!f.engine.library().isSafe(*m->globals.find("plain")));
    f.module->globals.set("s", *m->globals.find("s"));
    f.module->globals.set("plain", *m->globals.find("plain"));
    QCOMPARE(QString::fromStdString(f.engine.renderToString("greet.html", f.interp.evalExpression(f.module, "{'name': s, 'user': plain}"))),
             QString("Hello <b> (&lt;b&gt;x)"));
}

void TestTemplateRender::contextProcessorsSitBelowTheViewContext()
{
    class ProcessorHooks : public TestHooks {
    public:
        Kwargs contextProcessors(py::Interpreter& interp, py::Value request) override
        {
            return {{"user", interp.newStr("processor-user")}, {"name", interp.newStr("processor-name")},
                    {"request", request}};
        }
    };
    py::Interpreter interp;
    ProcessorHooks hooks;
    Engine engine(interp, [](std::string_view name) -> std::optional<TemplateSource> {
        if (name == "p.html")
            return TemplateSource{"{{ name }} {{ user }} {{ request }}", 1};
        return std::nullopt;
    }, hooks);
    py::DictObject* context = interp.newDict();
    interp.dictSet(context, interp.newStr("name"), interp.newStr("view-name"));
    QCOMPARE(QString::fromStdString(engine.renderToString("p.html", context, interp.newStr("REQ"))),
             QString("view-name processor-user REQ"));
    // Without a request there is no RequestContext: no processors run.
    QCOMPARE(QString::fromStdString(engine.renderToString("p.html", context)), QString("view-name  "));
    // A non-dict context is a TypeError, as make_context() raises.
    QVERIFY_THROWS_EXCEPTION(py::PyException, engine.renderToString("p.html", interp.newList()));
}

void TestTemplateRender::bigLoopIsFast()
{
    Fixture f(Templates{{"rows.html", "<table>{% for item in items %}<tr class=\"{% cycle 'a' 'b' %}\"><td>{{ item.name }}</td>"
                             "<td>{{ item.price|floatformat:2 }}</td><td>{{ item.qty }}</td></tr>{% endfor %}</table>"}});
    const std::string ctx = "{'items': [Item('name' + str(i), i * 1.25, i) for i in range(500)]}";
    QElapsedTimer timer;
    timer.start();
    std::string out;
    for (int i = 0; i < 10; ++i)
        out = f.render("rows.html", ctx);
    const qint64 ms = timer.elapsed();
    QVERIFY(out.find("<tr class=\"b\"><td>name499</td><td>623.75</td><td>499</td></tr></table>") != std::string::npos);
    QVERIFY2(ms < 6000, qPrintable(QString("10 renders of 500 rows took %1 ms").arg(ms)));
}

QTEST_APPLESS_MAIN(TestTemplateRender)
#include "tst_templaterender.moc"
