// RequestRecorder's source attribution must agree with the oracle's rule: the innermost of
// (views/middleware/signals frames, template nodes) wins; models frames report their caller.
#include "sim/django/runtime/requestrecorder.h"
#include "sim/python/interpreter.h"

#include <QtTest>

using namespace pipelab;

class TestRequestRecorder : public QObject {
    Q_OBJECT
private slots:
    void attributesQueriesToTheirSource();
};

void TestRequestRecorder::attributesQueriesToTheirSource()
{
    py::Interpreter interp;
    django::RequestRecorder recorder(interp);
    trace::RequestTrace request;
    recorder.begin(request);

    // A native "query" that records whatever source is current, and a native "render" that
    // brackets a template node at YAML line 70 and calls back into Python from inside it.
    py::ModuleObject* db = interp.newModule("db", "django", "");
    interp.setAttr(db, "query", interp.newFunction("query", [&](py::Interpreter&, py::CallArgs&) {
        recorder.recordQuery("SELECT 1", 1);
        return py::Value::none();
    }));
    interp.setAttr(db, "render", interp.newFunction("render", [&](py::Interpreter& in, py::CallArgs& args) {
        recorder.pushTemplateNode("dashboard.html", 70);
        recorder.recordQuery("SELECT 2", 1); // caused by the node itself
        in.call(args.args.at(0), {}, {});    // a Python callable resolved by the template
        recorder.popTemplateNode();
        return py::Value::none();
    }));

    interp.runModule("shop.models", "import db\ndef total():\n    db.query()\n", {10, 1}, "models", "shop");
    interp.runModule("shop.views",
                     "import db\nfrom shop.models import total\n"
                     "def helper():\n    db.query()\n"
                     "db.query()\n"     // YAML line 24
                     "total()\n"        // line 25: models frame skipped, caller reported
                     "db.render(helper)\n", // line 26: template node, then helper (line 23) inside it
                     {20, 1}, "views", "shop");

    QCOMPARE(request.queries.size(), std::size_t(4));
    QCOMPARE(request.queries[0].source, std::string("views:24"));
    QCOMPARE(request.queries[1].source, std::string("views:25"));
    QCOMPARE(request.queries[2].source, std::string("templates/dashboard.html:70"));
    QCOMPARE(request.queries[3].source, std::string("views:23"));
    recorder.end();
    recorder.recordQuery("SELECT 3", 0); // not recording: ignored
    QCOMPARE(request.queries.size(), std::size_t(4));
}

QTEST_APPLESS_MAIN(TestRequestRecorder)
#include "tst_requestrecorder.moc"
