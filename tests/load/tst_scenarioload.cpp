// The scenario's load run: `load`, `costs` and CONN_MAX_AGE mapped to engine units; a run over
// the live project is reproducible byte for byte (JSON without the wall clock), obeys Little's
// law, and its cache hit ratio comes from cache entries expiring in simulated time.
#include "sim/load/costmodel.h"
#include "sim/load/loadreport.h"
#include "sim/load/scenarioload.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

#include <cmath>

using namespace pipelab;
using namespace pipelab::timing;

namespace {

scenario::Scenario shop()
{
    const scenario::LoadResult loaded = scenario::loadScenarioFile("tests/load/data/shop.yaml");
    if (!loaded.ok())
        throw std::runtime_error("cannot load shop.yaml");
    return *loaded.scenario;
}

} // namespace

class TestScenarioLoad : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void configFromTheScenario()
    {
        const scenario::Scenario s = shop();
        const LoadConfig c = load::loadConfigFor(s, load::CostModel::forScenario(s));
        QCOMPARE(c.profiles.size(), std::size_t(4));
        QCOMPARE(c.profiles[2].name, std::string("POST /order/"));
        QVERIFY(c.profiles[2].steps.empty());
        QCOMPARE(c.mix.size(), std::size_t(3));
        QCOMPARE(c.mix[1].profile, std::size_t(1));
        QCOMPARE(c.mix[1].weight, 2.0);
        QCOMPARE(c.users, std::uint32_t(0));
        QCOMPARE(c.arrivalRate, 50.0);
        QCOMPARE(c.warmup, seconds(2));
        QCOMPARE(c.duration, seconds(20));
        QCOMPARE(c.workers, std::uint32_t(4));
        QCOMPARE(c.timeout, seconds(5));
        QCOMPARE(c.maxConnections, std::uint32_t(50));
        QCOMPARE(c.dbCores, std::uint32_t(2));
        QCOMPARE(c.seed, std::uint64_t(7));
        QCOMPARE(c.connMaxAge, SimTime(0));
        QCOMPARE(c.connectCost, milliseconds(1));
        QCOMPARE(c.distribution, Distribution::Deterministic);
        QVERIFY(validate(c).empty());
    }

    void persistentConnectionsAndClosedLoop()
    {
        scenario::Scenario s = shop();
        s.settings.connMaxAge = -1; // CONN_MAX_AGE: None
        s.load->users = 25;
        s.load->arrivalRate.reset();
        s.load->thinkTimeMs = 500;
        s.load->rampUpS = 3;
        const LoadConfig c = load::loadConfigFor(s, load::CostModel::forScenario(s));
        QCOMPARE(c.connMaxAge, LoadConfig::kPersistentConnections);
        QCOMPARE(c.users, std::uint32_t(25));
        QCOMPARE(c.arrivalRate, 0.0);
        QCOMPARE(c.thinkTime, milliseconds(500));
        QCOMPARE(c.rampUp, seconds(3));
    }

    void aRunIsReproducibleAndObeysLittlesLaw()
    {
        const scenario::Scenario s = shop();
        const load::ScenarioLoadRun first = load::runScenarioLoad(s);
        const load::ScenarioLoadRun second = load::runScenarioLoad(s);
        QVERIFY(first.result && second.result);
        QCOMPARE(load::loadReportJson(s, first, false).dump(), load::loadReportJson(s, second, false).dump());

        const LoadResult& r = *first.result;
        QVERIFY(r.completed > 900);
        QCOMPARE(r.timeouts, std::uint64_t(0));
        QCOMPARE(r.errors, std::uint64_t(0));
        const double little = r.departureRate * r.meanSojournS;
        QVERIFY2(std::abs(r.meanInSystem - little) <= 0.02 * little, qPrintable(QString::number(r.meanInSystem)));
        // Every request started either interpreted or reused a trace.
        QVERIFY(first.interpreted + first.reused >= r.completed);
        // POSTs (1 in 6) change the state, so most requests after them are interpreted again.
        QVERIFY(first.interpreted > first.reused / 3);
    }

    void cacheHitsFollowSimulatedExpiry()
    {
        const load::ScenarioLoadRun run = load::runScenarioLoad(shop());
        QVERIFY(run.result);
        // The cached view is half the mix (25 requests/s); its 2 s entry is set again after it
        // expires, so there is about one miss per 2 s of the 20 s window and the rest hit.
        const LoadResult& r = *run.result;
        QVERIFY2(r.cacheMisses >= 9 && r.cacheMisses <= 11, qPrintable(QString::number(r.cacheMisses)));
        QVERIFY2(r.cacheHits > 400, qPrintable(QString::number(r.cacheHits)));
    }

    void withoutALoadSectionThereIsNothingToRun()
    {
        scenario::Scenario s = shop();
        s.load.reset();
        const load::ScenarioLoadRun run = load::runScenarioLoad(s);
        QVERIFY(!run.result);
        QCOMPARE(run.diagnostics.size(), std::size_t(1));
        QCOMPARE(run.diagnostics[0].format(),
                 std::string("tests/load/data/shop.yaml:1:1: error: the scenario has no 'load' section to run"));
    }
};

QTEST_APPLESS_MAIN(TestScenarioLoad)
#include "tst_scenarioload.moc"
