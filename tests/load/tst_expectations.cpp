// checkExpectations: each kind of `expect` item holding and failing, worded as the conformance
// oracle words it (status, queries, error type with or without its module, headers compared
// without case in the name, load bounds).
#include "sim/load/expectations.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

using namespace pipelab;

namespace {

scenario::Scenario withExpectations(const std::string& expect)
{
    const std::string text = R"(format: 1
name: expectations
models: |
  x = 1
urls: |
  urlpatterns = []
views: |
  x = 1
requests:
  - "GET /a/"
  - "GET /b/"
load: {users: 1}
expect:
)" + expect;
    const scenario::LoadResult loaded = scenario::loadScenarioText(text, "e.yaml");
    if (!loaded.ok())
        throw std::runtime_error(loaded.diagnostics.empty() ? "?" : loaded.diagnostics.front().format());
    return *loaded.scenario;
}

trace::Trace twoRequests()
{
    trace::Trace t;
    t.requests.resize(2);
    t.requests[0].status = 200;
    t.requests[0].queries = {{"SELECT 1", "views:1", 1}, {"SELECT 2", "views:2", 1}};
    t.requests[0].headers = {{"Content-Type", "text/html; charset=utf-8"}, {"X-Frame-Options", "DENY"}};
    t.requests[1].status = 500;
    t.requests[1].error = trace::Error{"shop.views.OutOfStock", "no stock"};
    return t;
}

} // namespace

class TestExpectations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void holding()
    {
        const scenario::Scenario s = withExpectations(R"(  - {request: 0, status: 200, queries: 2, header: {x-frame-options: DENY}}
  - {request: 1, status: 500, error: OutOfStock}
  - {request: 1, error: shop.views.OutOfStock}
  - load: {max_p95_ms: 250, min_throughput: 10, max_timeouts: 0}
)");
        timing::LoadResult load;
        load.completed = 1200;
        load.latencyMs.p95 = 250;
        load.throughputRps = 10;
        QCOMPARE(load::checkExpectations(s, twoRequests(), &load), std::vector<std::string>{});
        QVERIFY(load::hasLoadExpectations(s));
    }

    void failing()
    {
        const scenario::Scenario s = withExpectations(R"(  - {request: 0, status: 404, queries: 1, header: {X-Frame-Options: SAMEORIGIN, Vary: Cookie}}
  - {request: 0, error: ValueError}
  - {request: 1, error: KeyError}
  - {request: 1, queries: 0}
  - load: {max_p95_ms: 100, min_throughput: 50, max_timeouts: 2}
)");
        timing::LoadResult load;
        load.completed = 150;
        load.latencyMs.p95 = 812.3456;
        load.throughputRps = 12.5;
        load.timeouts = 3;
        const std::vector<std::string> expected = {
            "e.yaml:14:5: expectation failed: request 0: status 404 expected, got 200",
            "e.yaml:14:5: expectation failed: request 0: 1 queries expected, got 2",
            "e.yaml:14:5: expectation failed: request 0: header X-Frame-Options: 'SAMEORIGIN' expected, got 'DENY'",
            "e.yaml:14:5: expectation failed: request 0: header Vary: 'Cookie' expected, got None",
            "e.yaml:15:5: expectation failed: request 0: error ValueError expected, got None",
            "e.yaml:16:5: expectation failed: request 1: error KeyError expected, got shop.views.OutOfStock",
            "e.yaml:18:5: expectation failed: load: p95 latency at most 100 ms expected, got 812.346 ms",
            "e.yaml:18:5: expectation failed: load: throughput at least 50 requests/s expected, got 12.500",
            "e.yaml:18:5: expectation failed: load: at most 2 timeouts expected, got 3",
        };
        QCOMPARE(load::checkExpectations(s, twoRequests(), &load), expected);
    }

    void p95WithoutACompletedRequest()
    {
        const scenario::Scenario s = withExpectations("  - load: {max_p95_ms: 100, max_timeouts: 5000}\n");
        timing::LoadResult load;
        load.timeouts = 4800; // every request was killed: there is no latency to bound
        QCOMPARE(load::checkExpectations(s, twoRequests(), &load),
                 std::vector<std::string>{"e.yaml:14:5: expectation failed: load: p95 latency at most 100 ms expected, "
                                          "but no request completed"});
    }

    void loadExpectationWithoutALoadRun()
    {
        const scenario::Scenario s = withExpectations("  - load: {max_timeouts: 0}\n");
        QCOMPARE(load::checkExpectations(s, twoRequests(), nullptr),
                 std::vector<std::string>{"e.yaml:14:5: expectation failed: load: no load ran (the scenario has no "
                                          "'load' section)"});
    }
};

QTEST_APPLESS_MAIN(TestExpectations)
#include "tst_expectations.moc"
