// toProfile: a trace's events, queries and counted work as the steps a worker plays — exact
// steps for a hand-built trace, and the default scenario's dashboard (501 queries) with the
// default costs. The work counts themselves are checked against real Django 3.2: template nodes
// are Node.render_annotated calls and instances Model.from_db calls, counted in the oracle.
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/load/costmodel.h"
#include "sim/load/traceprofile.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

using namespace pipelab;
using namespace pipelab::timing;

namespace {

trace::Trace runScripted(const std::string& file)
{
    const scenario::LoadResult loaded = scenario::loadScenarioFile(file);
    if (!loaded.ok())
        throw std::runtime_error("cannot load " + file);
    auto project = django::project::Project::load(*loaded.scenario);
    if (!project.project)
        throw std::runtime_error("cannot start " + file);
    django::runner::Runner runner(*project.project);
    return runner.run();
}

SimTime total(const RequestProfile& profile, Step::Kind kind, bool transit = false)
{
    SimTime sum = 0;
    for (const Step& step : profile.steps)
        if (step.kind == kind)
            sum += transit ? step.transit : step.service;
    return sum;
}

} // namespace

class TestTraceProfile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stepsOfAHandBuiltTrace()
    {
        load::CostModel costs; // the defaults; cache "default" unknown → locmem's cost
        trace::RequestTrace r;
        r.method = "GET";
        r.path = "/orders/";
        r.status = 200;
        r.queries = {{"SELECT a", "views:3", 2}, {"UPDATE b", "views:4", 1}};
        using K = trace::EventKind;
        r.events = {
            {K::RequestStarted, "handler", "GET /orders/", "", 0},
            {K::LayerEnter, "django.middleware.common.CommonMiddleware", "", "", 0},
            {K::LayerEnter, "handler", "", "", 0},
            {K::ViewCalled, "view", "shop.views.orders", "", 0},
            {K::Query, "orm", "", "views:3", 0},                 // 4
            {K::CacheOp, "cache", "default get total miss", "", 0}, // 5: after 2 instances
            {K::Signal, "signals", "audit", "", 0},
            {K::Query, "orm", "", "views:4", 1},                 // 7: after 10 nodes
            {K::ViewReturned, "view", "shop.views.orders", "", 0},
            {K::LayerLeave, "handler", "", "", 0},
            {K::LayerLeave, "django.middleware.common.CommonMiddleware", "", "", 0},
            {K::ResponseSent, "handler", "200", "", 200},
        };
        r.workMarks = {{5, {2, 0}}, {7, {2, 10}}, {12, {2, 13}}};
        const RequestProfile p = load::toProfile(r, costs);
        QCOMPARE(p.name, std::string("GET /orders/"));
        QCOMPARE(p.status, 200);
        QCOMPARE(p.steps.size(), std::size_t(7));
        // middleware 10 + view 150 + query overhead 250
        QCOMPARE(p.steps[0].kind, Step::Kind::Cpu);
        QCOMPARE(p.steps[0].service, microseconds(410));
        QCOMPARE(p.steps[1].kind, Step::Kind::Query);
        QCOMPARE(p.steps[1].service, microseconds(102)); // 0.1 ms + 2 rows
        QCOMPARE(p.steps[1].transit, microseconds(500));
        QCOMPARE(p.steps[2].kind, Step::Kind::Cpu);
        QCOMPARE(p.steps[2].service, microseconds(8)); // 2 instances
        QCOMPARE(p.steps[3].kind, Step::Kind::Cache);
        QCOMPARE(p.steps[3].service, microseconds(2));
        QCOMPARE(p.steps[3].transit, SimTime(0));
        QCOMPARE(p.steps[3].cache, Step::CacheResult::Miss);
        QCOMPARE(p.steps[4].kind, Step::Kind::Cpu);
        QCOMPARE(p.steps[4].service, nanoseconds(1200 + 35'000 + 250'000)); // signal, 10 nodes, overhead
        QCOMPARE(p.steps[5].kind, Step::Kind::Query);
        QCOMPARE(p.steps[5].service, microseconds(101));
        QCOMPARE(p.steps[6].kind, Step::Kind::Cpu);
        QCOMPARE(p.steps[6].service, nanoseconds(10'500)); // 3 nodes after the last event
    }

    void aFailedRequestKeepsItsStatus()
    {
        trace::RequestTrace r;
        r.method = "POST";
        r.path = "/x/";
        r.status = 500;
        const RequestProfile p = load::toProfile(r, load::CostModel{});
        QCOMPARE(p.status, 500);
        QVERIFY(p.steps.empty());
    }

    void workCountsMatchDjango_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("request");
        QTest::addColumn<qint64>("templateNodes");
        QTest::addColumn<qint64>("instances");
        const QString dashboard = "scenarios/n-plus-one-dashboard.yaml";
        const QString shop = "tests/load/data/shop.yaml";
        QTest::newRow("dashboard") << dashboard << 0 << qint64(3503) << qint64(1000);
        QTest::newRow("cached view") << shop << 0 << qint64(0) << qint64(3);
        QTest::newRow("select_related list") << shop << 1 << qint64(13) << qint64(4);
        QTest::newRow("insert") << shop << 2 << qint64(0) << qint64(0);
    }

    void workCountsMatchDjango()
    {
        QFETCH(QString, file);
        QFETCH(int, request);
        QFETCH(qint64, templateNodes);
        QFETCH(qint64, instances);
        const trace::Trace t = runScripted(file.toStdString());
        const trace::RequestTrace& r = t.requests.at(static_cast<std::size_t>(request));
        QCOMPARE(qint64(r.work.templateNodes), templateNodes);
        QCOMPARE(qint64(r.work.instancesBuilt), instances);
        QCOMPARE(r.workBefore(r.events.size()), r.work);
    }

    void theDashboardWithDefaultCosts()
    {
        const trace::Trace t = runScripted("scenarios/n-plus-one-dashboard.yaml");
        const scenario::LoadResult loaded = scenario::loadScenarioFile("scenarios/n-plus-one-dashboard.yaml");
        const RequestProfile p = load::toProfile(t.requests.at(0), load::CostModel::forScenario(*loaded.scenario));
        // 501 queries, each after a cpu step, and the rendering after the last one.
        QCOMPARE(p.steps.size(), std::size_t(1003));
        // 8 middleware hooks (7 layers, process_view) 80 µs + view 150 + 501 × 250 overhead
        // + 1000 instances × 4 + 3503 nodes × 3.5
        QCOMPARE(total(p, Step::Kind::Cpu), nanoseconds(141'740'500));
        QCOMPARE(total(p, Step::Kind::Query), microseconds(501 * 100 + 1000)); // 1000 rows
        QCOMPARE(total(p, Step::Kind::Query, true), microseconds(501 * 500));
    }
};

QTEST_APPLESS_MAIN(TestTraceProfile)
#include "tst_traceprofile.moc"
