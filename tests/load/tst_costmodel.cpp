// CostModel: the documented defaults, the scenario's `costs` overrides in their units, cache
// costs per CACHES backend, and the cost each kind of trace step is charged.
#include "sim/load/costmodel.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

using namespace pipelab;
using namespace pipelab::timing;
using load::CostModel;

namespace {

const char* const kBase = R"(format: 1
name: costs
models: |
  class Product(models.Model):
      name = models.CharField(max_length=100)
urls: |
  urlpatterns = []
views: |
  x = 1
requests:
  - "GET /"
)";

scenario::Scenario scenarioWith(const std::string& extra)
{
    scenario::LoadResult loaded = scenario::loadScenarioText(kBase + extra, "costs.yaml");
    if (!loaded.ok())
        throw std::runtime_error(loaded.diagnostics.empty() ? "?" : loaded.diagnostics.front().format());
    return *loaded.scenario;
}

trace::Event traceEvent(trace::EventKind kind, std::string layer, std::string detail = {})
{
    return {kind, std::move(layer), std::move(detail), std::string(), 0};
}

} // namespace

class TestCostModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const CostModel c = CostModel::forScenario(scenarioWith(""));
        QCOMPARE(c.distribution, Distribution::Exponential);
        QCOMPARE(c.dbRoundTrip, microseconds(500));
        QCOMPARE(c.query, microseconds(100));
        QCOMPARE(c.row, microseconds(1));
        QCOMPARE(c.connect, milliseconds(2));
        QCOMPARE(c.queryOverhead, microseconds(250));
        QCOMPARE(c.ormRow, microseconds(4));
        QCOMPARE(c.view, microseconds(150));
        QCOMPARE(c.templateNode, nanoseconds(3500));
        QCOMPARE(c.middleware, microseconds(10));
        QCOMPARE(c.signal, nanoseconds(1200));
        QVERIFY(c.connectPerRequest);
        QCOMPARE(c.cacheRoundTrip.at("default"), microseconds(2)); // locmem
        QCOMPARE(c.cacheInProcess.at("default"), true);
    }

    void overridesInTheirUnits()
    {
        const CostModel c = CostModel::forScenario(scenarioWith(R"(costs:
  distribution: deterministic
  db_rtt_ms: 1.5
  query_ms: 0.25
  row_us: 3
  connect_ms: 4
  query_overhead_us: 60
  orm_row_us: 7
  view_us: 80
  template_node_us: 0.5
  middleware_us: 12
  signal_us: 2
  cache_rtt_ms: 0.4
)"));
        QCOMPARE(c.distribution, Distribution::Deterministic);
        QCOMPARE(c.dbRoundTrip, microseconds(1500));
        QCOMPARE(c.query, microseconds(250));
        QCOMPARE(c.row, microseconds(3));
        QCOMPARE(c.connect, milliseconds(4));
        QCOMPARE(c.queryOverhead, microseconds(60));
        QCOMPARE(c.ormRow, microseconds(7));
        QCOMPARE(c.view, microseconds(80));
        QCOMPARE(c.templateNode, nanoseconds(500));
        QCOMPARE(c.middleware, microseconds(12));
        QCOMPARE(c.signal, microseconds(2));
        QCOMPARE(c.cacheRoundTrip.at("default"), microseconds(400));
    }

    void cachePerBackend()
    {
        const CostModel c = CostModel::forScenario(scenarioWith(R"(settings:
  CACHES:
    default: {BACKEND: django.core.cache.backends.redis.RedisCache, LOCATION: "cache:6379"}
    local: {BACKEND: django.core.cache.backends.locmem.LocMemCache}
    memo: {BACKEND: django.core.cache.backends.memcached.PyMemcacheCache, LOCATION: "cache:11211"}
  DATABASES: {default: {ENGINE: django.db.backends.postgresql, CONN_MAX_AGE: 60}}
)"));
        QVERIFY(!c.connectPerRequest);
        const CostModel::CacheCost redis = c.cacheCost(traceEvent(trace::EventKind::CacheOp, "cache", "default get k1 hit"));
        QCOMPARE(redis.roundTrip, microseconds(250));
        QCOMPARE(redis.service, SimTime(0));
        QCOMPARE(redis.result, Step::CacheResult::Hit);
        const CostModel::CacheCost local = c.cacheCost(traceEvent(trace::EventKind::CacheOp, "cache", "local get some key miss"));
        QCOMPARE(local.service, microseconds(2));
        QCOMPARE(local.roundTrip, SimTime(0));
        QCOMPARE(local.result, Step::CacheResult::Miss);
        const CostModel::CacheCost write = c.cacheCost(traceEvent(trace::EventKind::CacheOp, "cache", "memo set hit"));
        QCOMPARE(write.roundTrip, microseconds(200));
        QCOMPARE(write.result, Step::CacheResult::None); // a key named "hit" is still a write
    }

    void stepCosts()
    {
        const CostModel c = CostModel::forScenario(scenarioWith(""));
        QCOMPARE(c.eventCost(traceEvent(trace::EventKind::LayerEnter, "django.middleware.common.CommonMiddleware")), microseconds(10));
        QCOMPARE(c.eventCost(traceEvent(trace::EventKind::LayerEnter, "handler")), SimTime(0));
        QCOMPARE(c.eventCost(traceEvent(trace::EventKind::Hook, "django.middleware.csrf.CsrfViewMiddleware", "process_view")),
                 microseconds(10));
        QCOMPARE(c.eventCost(traceEvent(trace::EventKind::ViewCalled, "view", "shop.views.home")), microseconds(150));
        QCOMPARE(c.eventCost(traceEvent(trace::EventKind::Signal, "signals", "log_order")), nanoseconds(1200));
        QCOMPARE(c.eventCost(traceEvent(trace::EventKind::LayerLeave, "django.middleware.common.CommonMiddleware")), SimTime(0));
        QCOMPARE(c.eventCost(traceEvent(trace::EventKind::TemplateRender, "template", "a.html")), SimTime(0));
        QCOMPARE(c.workCost({10, 100}), microseconds(40 + 350));

        const CostModel::QueryCost q = c.queryCost({"SELECT 1", "views:3", 25});
        QCOMPARE(q.python, microseconds(250));
        QCOMPARE(q.roundTrip, microseconds(500));
        QCOMPARE(q.core, microseconds(125));
    }
};

QTEST_APPLESS_MAIN(TestCostModel)
#include "tst_costmodel.moc"
