// Spec §6's validation recipe as scenario files, through the code path of `pipelab-cli load`
// (scenario loader → runScenarioLoad over the live project → loadReportJson): the M/M/1 and
// M/M/4 scenarios agree with queueing theory within ±3% on mean latency, obey Little's law, give
// byte-identical JSON for the same seed, and interpret their one request once (every later one
// reuses its trace: a SELECT changes no state).
#include "sim/load/loadreport.h"
#include "sim/load/scenarioload.h"
#include "sim/scenario/scenarioloader.h"
#include "tests/timing/queueingtheory.h"

#include <QtTest>

#include <cmath>
#include <stdexcept>
#include <string>

using namespace pipelab;
using pipelab::timing::testing::erlangCMeanSeconds;
using pipelab::timing::testing::obeysLittlesLaw;

namespace {

scenario::Scenario loadFile(const std::string& path)
{
    const scenario::LoadResult loaded = scenario::loadScenarioFile(path);
    if (!loaded.ok())
        throw std::runtime_error("cannot load " + path);
    return *loaded.scenario;
}

double relativeError(double got, double want) { return std::abs(got - want) / want; }

} // namespace

class TestQueueingScenarios : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void meanLatencyMatchesTheory_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("arrivalRate"); // 0: the file's own
        QTest::addColumn<double>("durationS");   // 0: the file's own
        QTest::newRow("M/M/1 rho=0.8") << "tests/load/data/mm1.yaml" << 0.0 << 0.0;
        QTest::newRow("M/M/1 rho=0.5") << "tests/load/data/mm1.yaml" << 50.0 << 5000.0;
        QTest::newRow("M/M/4 rho=0.8") << "tests/load/data/mmc.yaml" << 0.0 << 0.0;
    }

    void meanLatencyMatchesTheory()
    {
        QFETCH(QString, file);
        QFETCH(double, arrivalRate);
        QFETCH(double, durationS);
        scenario::Scenario s = loadFile(file.toStdString());
        if (arrivalRate > 0)
            s.load->arrivalRate = arrivalRate;
        if (durationS > 0)
            s.load->durationS = durationS;
        const int servers = static_cast<int>(s.load->workers);
        const double lambda = *s.load->arrivalRate;
        const double mu = 1000 / s.costs->values.at("query_ms");

        const load::ScenarioLoadRun run = load::runScenarioLoad(s);
        QVERIFY(run.result);
        const timing::LoadResult& r = *run.result;
        const double theoryMs = erlangCMeanSeconds(servers, lambda, mu) * 1000;
        qInfo("%s: simulated mean %.4f ms, theory %.4f ms (%+.2f%%), %llu requests", QTest::currentDataTag(),
              r.latencyMs.mean, theoryMs, 100 * (r.latencyMs.mean - theoryMs) / theoryMs,
              static_cast<unsigned long long>(r.completed));
        QVERIFY2(relativeError(r.latencyMs.mean, theoryMs) < 0.03, "mean latency more than 3% from theory");
        QVERIFY(relativeError(r.throughputRps, lambda) < 0.01);
        QVERIFY(relativeError(r.workerUtilization, lambda / (servers * mu)) < 0.02);
        QVERIFY(obeysLittlesLaw(r));
        QCOMPARE(r.timeouts, std::uint64_t(0));
        QCOMPARE(r.errors, std::uint64_t(0));
        // One query per request, as the recipe says: the trace is real Django's count.
        QVERIFY(relativeError(r.queriesPerS, r.throughputRps) < 0.001);
        QCOMPARE(run.interpreted, std::uint64_t(1));
    }

    void sameSeedByteIdenticalJson()
    {
        scenario::Scenario s = loadFile("tests/load/data/mmc.yaml");
        s.load->durationS = 200;
        const std::string first = load::loadReportJson(s, load::runScenarioLoad(s), false).dump();
        QCOMPARE(load::loadReportJson(s, load::runScenarioLoad(s), false).dump(), first);
        s.load->seed += 1;
        QVERIFY(load::loadReportJson(s, load::runScenarioLoad(s), false).dump() != first);
    }
};

QTEST_APPLESS_MAIN(TestQueueingScenarios)
#include "tst_queueingscenarios.moc"
