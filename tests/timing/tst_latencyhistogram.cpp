// LatencyHistogram: bucket boundaries, the bounded relative error of reported percentiles, and
// exact results where the data allow them.
#include "sim/timing/latencyhistogram.h"
#include "sim/timing/random.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace pipelab::timing;

class TestLatencyHistogram : public QObject {
    Q_OBJECT
private slots:
    void buckets();
    void percentilesWithinOnePercent();
    void exactCases();
};

void TestLatencyHistogram::buckets()
{
    QCOMPARE(LatencyHistogram::bucketIndex(0), std::size_t(0));
    QCOMPARE(LatencyHistogram::bucketIndex(255), std::size_t(255));
    QCOMPARE(LatencyHistogram::bucketIndex(256), std::size_t(256));
    QCOMPARE(LatencyHistogram::bucketIndex(257), std::size_t(256));
    QCOMPARE(LatencyHistogram::bucketIndex(258), std::size_t(257));
    QCOMPARE(LatencyHistogram::bucketLow(257), SimTime(258));
    QCOMPARE(LatencyHistogram::bucketWidth(257), SimTime(2));
    // Every bucket starts where the previous one ends, up to the largest int64.
    for (std::size_t i = 1; i < LatencyHistogram::bucketIndex(std::numeric_limits<SimTime>::max()); ++i)
        QCOMPARE(LatencyHistogram::bucketLow(i), LatencyHistogram::bucketLow(i - 1) + LatencyHistogram::bucketWidth(i - 1));
    for (SimTime v : {SimTime(1000), SimTime(123'456'789), std::numeric_limits<SimTime>::max()}) {
        const std::size_t i = LatencyHistogram::bucketIndex(v);
        QVERIFY(LatencyHistogram::bucketLow(i) <= v && v - LatencyHistogram::bucketLow(i) < LatencyHistogram::bucketWidth(i));
        QVERIFY(static_cast<double>(LatencyHistogram::bucketWidth(i)) / static_cast<double>(v) <= 1.0 / 128);
    }
}

void TestLatencyHistogram::percentilesWithinOnePercent()
{
    LatencyHistogram histogram;
    std::vector<SimTime> values;
    Random random(9);
    for (int i = 0; i < 100'000; ++i) {
        const SimTime v = roundToNanos(random.exponential(2e7)) + 1000; // ~20 ms, long tail
        values.push_back(v);
        histogram.record(v);
    }
    std::sort(values.begin(), values.end());
    for (double p : {50.0, 95.0, 99.0, 99.9}) {
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(values.size())));
        const double exact = static_cast<double>(values[rank - 1]);
        const double got = static_cast<double>(histogram.percentile(p));
        QVERIFY2(std::abs(got - exact) / exact <= 0.01, qPrintable(QString("p%1: %2 vs %3").arg(p).arg(got).arg(exact)));
    }
    QCOMPARE(histogram.max(), values.back());
    QCOMPARE(histogram.min(), values.front());
    QCOMPARE(histogram.percentile(100), values.back());
}

void TestLatencyHistogram::exactCases()
{
    LatencyHistogram histogram;
    QCOMPARE(histogram.percentile(50), SimTime(0));
    QCOMPARE(histogram.mean(), 0.0);
    for (SimTime v = 1; v <= 200; ++v) // below 256 every value has its own bucket
        histogram.record(v);
    QCOMPARE(histogram.percentile(50), SimTime(100));
    QCOMPARE(histogram.percentile(99), SimTime(198));
    QCOMPARE(histogram.mean(), 100.5);
    QCOMPARE(histogram.count(), std::uint64_t(200));
    histogram.clear();
    histogram.record(-5); // recorded as 0
    QCOMPARE(histogram.max(), SimTime(0));
}

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
