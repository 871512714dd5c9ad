// toChromeTrace: a hand-built request laid out on the cost model's clock (exact document), and
// the default scenario's dashboard, whose request slice lasts exactly what its load profile
// costs plus the connection it opens.
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/load/chrometrace.h"
#include "sim/load/costmodel.h"
#include "sim/load/traceprofile.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

using namespace pipelab;

namespace {

// The hand-built request laid out: resolve at 10 µs (after the middleware's 10), view 150,
// 4 template nodes 14, query overhead 250, the connection, the query, 3 instances, a cache set.
const char* const kHandBuiltExpected = R"({"traceEvents":[)"
    R"({"name":"process_name","ph":"M","pid":1,"args":{"name":"demo"}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"request"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":1,"args":{"sort_index":1}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"app.middleware.Timing"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":2,"args":{"sort_index":2}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":3,"args":{"name":"handler"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":3,"args":{"sort_index":3}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":4,"args":{"name":"urls"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":4,"args":{"sort_index":4}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":5,"args":{"name":"view"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":5,"args":{"sort_index":5}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":6,"args":{"name":"template"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":6,"args":{"sort_index":6}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":7,"args":{"name":"database"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":7,"args":{"sort_index":7}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":8,"args":{"name":"orm"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":8,"args":{"sort_index":8}},)"
    R"({"name":"thread_name","ph":"M","pid":1,"tid":9,"args":{"name":"cache"}},)"
    R"({"name":"thread_sort_index","ph":"M","pid":1,"tid":9,"args":{"sort_index":9}},)"
    R"({"name":"p/","cat":"resolve","ph":"i","s":"t","ts":10.0,"pid":1,"tid":4},)"
    R"({"name":"connect","cat":"connect","ph":"X","ts":424.0,"dur":2000.0,"pid":1,"tid":7},)"
    R"({"name":"SELECT 1","cat":"query","ph":"X","ts":2424.0,"dur":603.0,"pid":1,"tid":7,)"
    R"("args":{"sql":"SELECT 1","source":"templates/p.html:4","rows":3}},)"
    R"({"name":"3 instances","cat":"orm","ph":"X","ts":3027.0,"dur":12.0,"pid":1,"tid":8,"args":{"instances":3}},)"
    R"({"name":"default set k","cat":"cache","ph":"X","ts":3039.0,"dur":2.0,"pid":1,"tid":9},)"
    R"({"name":"p.html","cat":"template","ph":"X","ts":160.0,"dur":2881.0,"pid":1,"tid":6},)"
    R"({"name":"app.views.p","cat":"view","ph":"X","ts":10.0,"dur":3031.0,"pid":1,"tid":5},)"
    R"({"name":"handler","cat":"middleware","ph":"X","ts":10.0,"dur":3031.0,"pid":1,"tid":3},)"
    R"({"name":"app.middleware.Timing","cat":"middleware","ph":"X","ts":0.0,"dur":3041.0,"pid":1,"tid":2},)"
    R"({"name":"GET /p/","cat":"request","ph":"X","ts":0.0,"dur":3041.0,"pid":1,"tid":1,)"
    R"("args":{"index":0,"status":200}}],)"
    R"("displayTimeUnit":"ms","otherData":{"scenario":"demo","generator":"pipelab-cli )" PIPELAB_VERSION R"("}})";

} // namespace

class TestChromeTrace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aHandBuiltRequest()
    {
        load::CostModel costs;
        costs.connectPerRequest = false;
        trace::Trace t;
        t.scenario = "demo";
        trace::RequestTrace& r = t.requests.emplace_back();
        r.method = "GET";
        r.path = "/p/";
        r.status = 200;
        r.queries = {{"SELECT 1", "templates/p.html:4", 3}};
        using K = trace::EventKind;
        r.events = {
            {K::RequestStarted, "handler", "GET /p/", "", 0},
            {K::LayerEnter, "app.middleware.Timing", "", "", 0},
            {K::LayerEnter, "handler", "", "", 0},
            {K::UrlResolved, "urls", "p/", "", 0},
            {K::ViewCalled, "view", "app.views.p", "", 0},
            {K::TemplateRender, "template", "p.html", "", 0},
            {K::Query, "orm", "", "templates/p.html:4", 0},
            {K::CacheOp, "cache", "default set k", "", 0},
            {K::ViewReturned, "view", "app.views.p", "", 0},
            {K::LayerLeave, "handler", "", "", 0},
            {K::LayerLeave, "app.middleware.Timing", "", "", 0},
            {K::ResponseSent, "handler", "200", "", 200},
        };
        r.workMarks = {{6, {0, 4}}, {7, {3, 4}}};

        QCOMPARE(load::toChromeTrace(t, costs).dump(), std::string(kHandBuiltExpected));
    }

    void theDashboardLastsWhatItsProfileCosts()
    {
        const scenario::LoadResult loaded = scenario::loadScenarioFile("scenarios/n-plus-one-dashboard.yaml");
        QVERIFY(loaded.ok());
        auto project = django::project::Project::load(*loaded.scenario);
        QVERIFY(project.project);
        django::runner::Runner runner(*project.project);
        const trace::Trace t = runner.run();
        const load::CostModel costs = load::CostModel::forScenario(*loaded.scenario);
        const nlohmann::ordered_json chrome = load::toChromeTrace(t, costs);

        timing::SimTime profileTotal = costs.connect; // CONN_MAX_AGE 0: the request connects
        for (const timing::Step& step : load::toProfile(t.requests.at(0), costs).steps)
            profileTotal += step.service + step.transit;
        int queries = 0;
        double requestDuration = -1;
        for (const auto& event : chrome["traceEvents"]) {
            if (event["ph"] != "X")
                continue;
            queries += event["cat"] == "query";
            if (event["cat"] == "request")
                requestDuration = event["dur"].get<double>();
        }
        QCOMPARE(queries, 501);
        QCOMPARE(requestDuration, static_cast<double>(profileTotal) / 1e3);
    }
};

QTEST_APPLESS_MAIN(TestChromeTrace)
#include "tst_chrometrace.moc"
