// The resources on their own: FIFO hand-over of workers and servers, busy-time utilisation,
// max_connections refusal.
#include "sim/timing/databaseserver.h"
#include "sim/timing/ringbuffer.h"
#include "sim/timing/servicecenter.h"
#include "sim/timing/workerpool.h"

#include <QtTest>

using namespace pipelab::timing;

class TestResources : public QObject {
    Q_OBJECT
private slots:
    void workerPoolIsFifo();
    void serviceCenterHandsOverAndMeasures();
    void databaseRefusesBeyondMaxConnections();
    void ringBufferGrowsInOrder();
};

void TestResources::workerPoolIsFifo()
{
    WorkerPool pool(2);
    QCOMPARE(pool.acquire(100, 0), std::optional<std::uint32_t>(0));
    QCOMPARE(pool.acquire(101, 0), std::optional<std::uint32_t>(1));
    QCOMPARE(pool.acquire(102, 10), std::nullopt);
    QCOMPARE(pool.acquire(103, 10), std::nullopt);
    QCOMPARE(pool.waiting(), std::size_t(2));
    QCOMPARE(pool.release(1, 20), std::optional<std::uint64_t>(102)); // first come, first served
    QCOMPARE(pool.release(0, 30), std::optional<std::uint64_t>(103));
    QCOMPARE(pool.release(0, 40), std::nullopt);
    QCOMPARE(pool.busy(), std::uint32_t(1));
    // Busy 2 workers for [0, 40), 1 for [40, 80): utilisation (80 + 40) / (2 × 80).
    QCOMPARE(pool.utilization(80), 0.75);
    QCOMPARE(pool.acquire(104, 80), std::optional<std::uint32_t>(0)); // the most recently freed
}

void TestResources::serviceCenterHandsOverAndMeasures()
{
    ServiceCenter cores(1);
    QVERIFY(cores.arrive({1, 5, 0}, 0));
    QVERIFY(!cores.arrive({2, 7, 1}, 1));
    QVERIFY(!cores.arrive({3, 9, 2}, 2));
    const auto next = cores.depart(5);
    QVERIFY(next.has_value());
    QCOMPARE(next->owner, std::uint64_t(2));
    QCOMPARE(next->arrivedAt, SimTime(1));
    QCOMPARE(cores.depart(12)->owner, std::uint64_t(3));
    QCOMPARE(cores.depart(21), std::nullopt);
    QCOMPARE(cores.busy(), std::uint32_t(0));
    QCOMPARE(cores.utilization(30), 0.7); // busy [0, 21) of [0, 30)
    cores.restartWindow(30);
    QVERIFY(cores.arrive({4, 10, 30}, 30));
    QCOMPARE(cores.utilization(40), 1.0);
}

void TestResources::databaseRefusesBeyondMaxConnections()
{
    DatabaseServer database(2, 4);
    QVERIFY(database.connect());
    QVERIFY(database.connect());
    QVERIFY(!database.connect());
    QCOMPARE(database.connections(), std::uint32_t(2));
    database.disconnect();
    QVERIFY(database.connect());
    QCOMPARE(database.cores().servers(), std::uint32_t(4));
}

void TestResources::ringBufferGrowsInOrder()
{
    RingBuffer<int> ring;
    int next = 0;
    for (int i = 0; i < 100; ++i) {
        ring.push(i);
        if (i % 3 == 0)
            QCOMPARE(ring.pop(), next++);
    }
    while (!ring.empty())
        QCOMPARE(ring.pop(), next++);
    QCOMPARE(next, 100);
}

QTEST_GUILESS_MAIN(TestResources)
#include "tst_resources.moc"
