// The load simulation against queueing theory and its own contract: M/M/1 and M/M/c (Erlang C)
// built with spec §6's recipe agree with theory within ±3% on mean latency; Little's law holds on
// every run; the same seed gives byte-identical JSON (on either queue); closed-loop throughput is
// N / (R + Z); timeouts give 504s and free their workers; max_connections refusals give 500s;
// CONN_MAX_AGE decides how often the connect cost is paid.
#include "sim/timing/loadresultjson.h"
#include "sim/timing/loadsimulation.h"
#include "tests/timing/queueingtheory.h"

#include <QtTest>

#include <cmath>
#include <stdexcept>

using namespace pipelab::timing;
using pipelab::timing::testing::erlangCMeanSeconds;
using pipelab::timing::testing::obeysLittlesLaw;

namespace {

// Spec §6's M/M/c recipe: one query per request, every other cost 0, exponential service times,
// open-loop Poisson arrivals; c workers (and as many database cores, so workers are the queue).
LoadConfig mmc(std::uint32_t servers, double lambdaPerS, double serviceMs, SimTime duration, std::uint64_t seed)
{
    LoadConfig config;
    config.profiles = {{"GET /one-query/", {Step::query(milliseconds(serviceMs))}}};
    config.arrivalRate = lambdaPerS;
    config.workers = servers;
    config.dbCores = servers;
    config.distribution = Distribution::Exponential;
    config.timeout = seconds(100'000);
    config.warmup = seconds(50);
    config.duration = duration;
    config.seed = seed;
    return config;
}

// A mixed workload with every feature on: cpu, queries with round trips, cache hits and misses,
// a connect cost, timeouts and refusals.
LoadConfig busyShop(std::uint64_t seed)
{
    LoadConfig config;
    config.profiles = {
        {"GET /dashboard/",
         {Step::cpu(milliseconds(2)), Step::cacheOp(microseconds(50), microseconds(200), Step::CacheResult::Miss),
          Step::query(milliseconds(3), microseconds(300)), Step::query(milliseconds(1), microseconds(300)),
          Step::cpu(milliseconds(4))}},
        {"GET /product/1/",
         {Step::cacheOp(microseconds(50), microseconds(200), Step::CacheResult::Hit), Step::cpu(milliseconds(1))}},
        {"POST /order/", {Step::cpu(milliseconds(1)), Step::query(milliseconds(8), microseconds(300))}},
        {"GET /report/", {Step::cpu(milliseconds(150)), Step::query(milliseconds(100))}}, // often past the timeout
    };
    config.mix = {{0, 2}, {1, 5}, {2, 1}, {3, 0.2}};
    config.users = 60;
    config.thinkTime = milliseconds(200);
    config.rampUp = seconds(2);
    config.workers = 8;
    config.dbCores = 2;
    config.maxConnections = 6;
    config.connectCost = milliseconds(2);
    config.timeout = milliseconds(250);
    config.warmup = seconds(2);
    config.duration = seconds(20);
    config.seed = seed;
    return config;
}

// The committed event-sequence hash of busyShop(7) (see fingerprint()).
constexpr std::uint64_t kBusyShopEvents = 33646;
constexpr std::uint64_t kBusyShopFingerprint = 0x9d654aeac7dd3129ull;

double relativeError(double got, double want) { return std::abs(got - want) / want; }

} // namespace

class TestLoadSimulation : public QObject {
    Q_OBJECT
private slots:
    void mmcMatchesTheory_data();
    void mmcMatchesTheory();
    void littlesLaw_data();
    void littlesLaw();
    void sameSeedSameJson();
    void fingerprint();
    void closedLoopThroughput();
    void timeoutsGive504AndFreeWorkers();
    void maxConnectionsRefusalsAreErrors();
    void connMaxAgeDecidesConnectCost();
    void mixWeightsAndCacheHitRatio();
    void jsonContract();
    void invalidConfigIsReported();
    void eventBudgetBoundsTheRun();
};

void TestLoadSimulation::mmcMatchesTheory_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("rho");
    QTest::addColumn<double>("simulatedSeconds");
    // Long enough that the estimate's spread (0.35% standard deviation over 12 seeds at 1e5 s for
    // M/M/1 at rho = 0.8) keeps ±3% several deviations away.
    QTest::newRow("M/M/1 rho=0.5") << 1 << 0.5 << 5'000.0;
    QTest::newRow("M/M/1 rho=0.8") << 1 << 0.8 << 20'000.0;
    QTest::newRow("M/M/4 rho=0.8") << 4 << 0.8 << 10'000.0;
}

void TestLoadSimulation::mmcMatchesTheory()
{
    QFETCH(int, servers);
    QFETCH(double, rho);
    QFETCH(double, simulatedSeconds);
    const double serviceMs = 10;
    const double mu = 1000 / serviceMs;
    const double lambda = rho * servers * mu;
    const LoadResult r = runLoad(mmc(static_cast<std::uint32_t>(servers), lambda, serviceMs, seconds(simulatedSeconds), 11));
    QVERIFY(obeysLittlesLaw(r)); // on every run
    const double theoryMs = erlangCMeanSeconds(servers, lambda, mu) * 1000;
    qInfo("%s: simulated mean %.4f ms, theory %.4f ms (%+.2f%%), %llu requests, %llu events", QTest::currentDataTag(),
          r.latencyMs.mean, theoryMs, 100 * (r.latencyMs.mean - theoryMs) / theoryMs,
          static_cast<unsigned long long>(r.completed), static_cast<unsigned long long>(r.events));
    QVERIFY2(relativeError(r.latencyMs.mean, theoryMs) < 0.03, "mean latency more than 3% from theory");
    QVERIFY(relativeError(r.throughputRps, lambda) < 0.01);
    QVERIFY(relativeError(r.workerUtilization, rho) < 0.02);
    QCOMPARE(r.timeouts, std::uint64_t(0));
    QCOMPARE(r.errors, std::uint64_t(0));
}

void TestLoadSimulation::littlesLaw_data()
{
    QTest::addColumn<bool>("openLoop");
    QTest::newRow("open loop M/M/2") << true;
    QTest::newRow("closed loop with timeouts and refusals") << false;
}

void TestLoadSimulation::littlesLaw()
{
    QFETCH(bool, openLoop);
    LoadConfig config = openLoop ? mmc(2, 150, 10, seconds(2000), 3) : busyShop(3);
    if (!openLoop)
        config.duration = seconds(600);
    const LoadResult r = runLoad(config);
    const double lambdaW = r.departureRate * r.meanSojournS;
    qInfo("L = %.4f, lambda*W = %.4f (%+.2f%%)", r.meanInSystem, lambdaW, 100 * (r.meanInSystem - lambdaW) / lambdaW);
    QVERIFY(relativeError(r.meanInSystem, lambdaW) < 0.02);
    if (!openLoop) // the law must hold with every kind of departure in the mix
        QVERIFY(r.timeouts > 0 && r.errors > 0 && r.completed > 0);
}

void TestLoadSimulation::sameSeedSameJson()
{
    const std::string first = toJson(runLoad(busyShop(42)), false).dump();
    const std::string second = toJson(runLoad(busyShop(42)), false).dump();
    QCOMPARE(second, first);
    LoadConfig calendar = busyShop(42);
    calendar.queue = QueueKind::CalendarQueue;
    QCOMPARE(toJson(runLoad(calendar), false).dump(), first); // the queue changes speed, not results
    QVERIFY(toJson(runLoad(busyShop(43)), false).dump() != first);
}

void TestLoadSimulation::fingerprint()
{
    // The committed event-sequence hash of busyShop(7). Any change in the load model's behaviour
    // changes it: justify the change, then update the constants together.
    const LoadResult r = runLoad(busyShop(7));
    QCOMPARE(r.events, kBusyShopEvents);
    QCOMPARE(r.fingerprint, kBusyShopFingerprint);
}

void TestLoadSimulation::closedLoopThroughput()
{
    // One worker per user (no queueing), deterministic 40 ms of cpu, 160 ms mean think time:
    // X = N / (R + Z) = 20 / 0.2 s = 100 requests/s.
    LoadConfig config;
    config.profiles = {{"GET /", {Step::cpu(milliseconds(40))}}};
    config.distribution = Distribution::Deterministic;
    config.users = 20;
    config.workers = 20;
    config.thinkTime = milliseconds(160);
    config.rampUp = seconds(1);
    config.warmup = seconds(5);
    config.duration = seconds(2000);
    const LoadResult r = runLoad(config);
    QVERIFY(obeysLittlesLaw(r)); // on every run
    QCOMPARE(r.latencyMs.mean, 40.0);
    QCOMPARE(r.latencyMs.max, 40.0);
    QVERIFY2(relativeError(r.throughputRps, 100) < 0.01, qPrintable(QString::number(r.throughputRps)));
    QVERIFY(relativeError(r.workerUtilization, 0.2) < 0.01);
}

void TestLoadSimulation::timeoutsGive504AndFreeWorkers()
{
    // Every request runs 5 s of cpu against a 1 s timeout: each is killed at exactly 1 s, and the
    // freed worker takes the next request at once. 2 workers, 4 users, no think time: each worker
    // is killed once a second, so 2 timeouts per second and latencies never complete.
    LoadConfig config;
    config.profiles = {{"GET /slow/", {Step::cpu(seconds(5))}}};
    config.distribution = Distribution::Deterministic;
    config.users = 4;
    config.thinkTime = 0;
    config.workers = 2;
    config.timeout = seconds(1);
    config.duration = seconds(10);
    const LoadResult r = runLoad(config);
    // 10 s hold only 20 departures: the first two, served at once, are the edge that keeps
    // λW = 2/s × 1.9 s from L = 4.
    QVERIFY(obeysLittlesLaw(r, 0.06));
    QCOMPARE(r.completed, std::uint64_t(0));
    QCOMPARE(r.timeouts, std::uint64_t(20)); // kills at 1, 2, ..., 10 s on both workers
    QCOMPARE(r.errors, std::uint64_t(0));
    QCOMPARE(r.timeSeries.size(), std::size_t(10));
    QCOMPARE(r.timeSeries[3].timeouts, std::uint64_t(2));
    QCOMPARE(r.workerUtilization, 1.0);
    // Half of the users always wait a full second for a worker, the other half are being served.
    QCOMPARE(r.meanInSystem, 4.0);
}

void TestLoadSimulation::maxConnectionsRefusalsAreErrors()
{
    // 5 workers, persistent connections, max_connections 3: the first three workers to query keep
    // their connections for the whole run; every request on the other two is refused (500).
    LoadConfig config;
    config.profiles = {{"GET /", {Step::cpu(milliseconds(10)), Step::query(milliseconds(1))}}};
    config.distribution = Distribution::Deterministic;
    config.users = 5;
    config.thinkTime = 0;
    config.workers = 5;
    config.maxConnections = 3;
    config.connMaxAge = LoadConfig::kPersistentConnections;
    config.duration = seconds(10);
    const LoadResult r = runLoad(config);
    QVERIFY(obeysLittlesLaw(r)); // on every run
    // Connected workers: 11 ms per request → 909 each in 10 s; refused ones: 10 ms → 1000 each.
    QCOMPARE(r.completed, std::uint64_t(3 * 909));
    QCOMPARE(r.errors, std::uint64_t(2 * 1000));
    QCOMPARE(r.queriesPerS, 3 * 909 / 10.0);
}

void TestLoadSimulation::connMaxAgeDecidesConnectCost()
{
    LoadConfig config;
    config.profiles = {{"GET /", {Step::query(milliseconds(2)), Step::query(milliseconds(2))}}};
    config.distribution = Distribution::Deterministic;
    config.connectCost = milliseconds(5);
    config.users = 1;
    config.thinkTime = 0;
    config.workers = 1;
    config.duration = seconds(10);

    config.connMaxAge = 0; // connect per request: 5 + 2 + 2 ms
    LoadResult r = runLoad(config);
    QVERIFY(obeysLittlesLaw(r)); // on every run
    QCOMPARE(r.latencyMs.p50, 9.0); // every sample is 9 ms: min = max pins the percentile
    QCOMPARE(r.completed, std::uint64_t(1111));

    config.connMaxAge = LoadConfig::kPersistentConnections; // connect once, then 4 ms
    r = runLoad(config);
    QVERIFY(obeysLittlesLaw(r)); // on every run
    QVERIFY(relativeError(r.latencyMs.p50, 4.0) < 0.004); // the histogram's bucket midpoint
    QCOMPARE(r.latencyMs.max, 9.0);
    QCOMPARE(r.completed, std::uint64_t(1 + (10'000 - 9) / 4));

    config.connMaxAge = milliseconds(100); // reconnect on the first request after the age passed
    r = runLoad(config);
    QVERIFY(obeysLittlesLaw(r)); // on every run
    QCOMPARE(r.latencyMs.max, 9.0);
    // Each 100 ms cycle: one 9 ms request, then 4 ms ones until the age is reached at request end.
    QVERIFY(r.completed > 2300 && r.completed < 2400);
}

void TestLoadSimulation::mixWeightsAndCacheHitRatio()
{
    LoadConfig config;
    config.profiles = {
        {"hit", {Step::cacheOp(microseconds(10), 0, Step::CacheResult::Hit)}},
        {"miss", {Step::cacheOp(microseconds(10), 0, Step::CacheResult::Miss), Step::query(milliseconds(1))}},
        {"never", {Step::cpu(milliseconds(1))}},
    };
    config.mix = {{0, 3}, {1, 1}, {2, 0}};
    config.arrivalRate = 200;
    config.duration = seconds(500);
    const LoadResult r = runLoad(config);
    QVERIFY(obeysLittlesLaw(r)); // on every run
    QVERIFY(relativeError(r.cacheHitRatio, 0.75) < 0.02);
    // Every request reads the cache once; only a request caught in flight at the end differs.
    QVERIFY(r.cacheHits + r.cacheMisses >= r.completed && r.cacheHits + r.cacheMisses <= r.completed + 2);
    QVERIFY(relativeError(r.queriesPerS, 50) < 0.03);
}

void TestLoadSimulation::jsonContract()
{
    const auto json = toJson(runLoad(busyShop(5)));
    QStringList keys;
    for (const auto& [key, value] : json.items())
        keys << QString::fromStdString(key);
    QCOMPARE(keys.join(','), QString("completed,throughput_rps,latency_ms,timeouts,errors,queries_per_s,db,cache,workers,"
                                     "little,time_series,fingerprint,truncated,events,wall_s,events_per_s"));
    QCOMPARE(json["latency_ms"].size(), std::size_t(5));
    QVERIFY(json["latency_ms"].contains("p99"));
    QVERIFY(json["db"]["pool_wait_ms"].contains("p95"));
    QVERIFY(json["db"].contains("utilization"));
    QVERIFY(json["cache"].contains("hit_ratio"));
    QCOMPARE(json["time_series"].size(), std::size_t(20));
    QVERIFY(!toJson(runLoad(busyShop(5)), false).contains("wall_s"));
}

void TestLoadSimulation::invalidConfigIsReported()
{
    LoadConfig config;
    QCOMPARE(validate(config).size(), std::size_t(2)); // no profiles, no load shape
    config.profiles = {{"GET /", {Step::cpu(1)}}};
    config.users = 3;
    config.arrivalRate = 5;
    config.workers = 0;
    config.mix = {{4, 1}};
    const auto problems = validate(config);
    QCOMPARE(problems.size(), std::size_t(3));
    QCOMPARE(problems[0], std::string("load: users and arrival_rate exclude each other"));
    QCOMPARE(problems[1], std::string("load: server.workers must be at least 1"));
    QCOMPARE(problems[2], std::string("load: mix names request 4, but there are 1 requests"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LoadSimulation{config});
}

void TestLoadSimulation::eventBudgetBoundsTheRun()
{
    LoadConfig config = mmc(1, 50, 10, seconds(1000), 1);
    config.maxEvents = 1000;
    const LoadResult r = runLoad(config);
    QVERIFY(r.truncated);
    QCOMPARE(r.events, std::uint64_t(1000));
}

QTEST_GUILESS_MAIN(TestLoadSimulation)
#include "tst_loadsimulation.moc"
