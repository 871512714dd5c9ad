// One suite, run against every EventQueue implementation (each test's _data() has a row per
// queue): exact (time, priority, insertion) order, cancel, and long random sequences of push /
// pop / cancel checked step by step against a std::set reference model.
#include "sim/timing/calendarqueue.h"
#include "sim/timing/eventqueue.h"
#include "sim/timing/random.h"

#include <QtTest>

#include <set>
#include <vector>

using namespace pipelab::timing;

Q_DECLARE_METATYPE(pipelab::timing::QueueKind)

namespace {

struct EarlierThan {
    bool operator()(const QueueEntry& a, const QueueEntry& b) const { return earlier(a, b); }
};

void addQueueRows()
{
    QTest::addColumn<QueueKind>("kind");
    QTest::newRow("four_ary_heap") << QueueKind::FourAryHeap;
    QTest::newRow("calendar_queue") << QueueKind::CalendarQueue;
}

std::vector<std::uint64_t> drainSequences(EventQueue& queue)
{
    std::vector<std::uint64_t> order;
    while (!queue.empty())
        order.push_back(queue.popMin().sequence);
    return order;
}

} // namespace

class TestEventQueue : public QObject {
    Q_OBJECT
private slots:
    void name_data() { addQueueRows(); }
    void name();
    void ordersByTime_data() { addQueueRows(); }
    void ordersByTime();
    void tiesByPriorityThenInsertion_data() { addQueueRows(); }
    void tiesByPriorityThenInsertion();
    void cancel_data() { addQueueRows(); }
    void cancel();
    void randomOperationsMatchReference_data();
    void randomOperationsMatchReference();
    void holdModelMatchesReference_data() { addQueueRows(); }
    void holdModelMatchesReference();
    void calendarAdaptsWidth();
};

void TestEventQueue::name()
{
    QFETCH(QueueKind, kind);
    const auto queue = makeEventQueue(kind);
    QCOMPARE(QString::fromUtf8(queue->name().data(), static_cast<int>(queue->name().size())),
             QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(queue->empty());
}

void TestEventQueue::ordersByTime()
{
    QFETCH(QueueKind, kind);
    const auto queue = makeEventQueue(kind);
    const SimTime times[] = {50, 10, 40, 10'000'000'000, 0, 30, 20};
    std::uint32_t id = 0;
    for (SimTime t : times) {
        queue->push({t, id + 1, 0, id});
        ++id;
    }
    QCOMPARE(queue->size(), std::size_t(7));
    std::vector<SimTime> popped;
    while (!queue->empty())
        popped.push_back(queue->popMin().time);
    QCOMPARE(popped, (std::vector<SimTime>{0, 10, 20, 30, 40, 50, 10'000'000'000}));
}

void TestEventQueue::tiesByPriorityThenInsertion()
{
    QFETCH(QueueKind, kind);
    const auto queue = makeEventQueue(kind);
    // (time, sequence, priority, id)
    queue->push({100, 1, 0, 0});
    queue->push({100, 2, -5, 1});
    queue->push({100, 3, 0, 2});
    queue->push({99, 4, 7, 3});
    queue->push({100, 5, -5, 4});
    queue->push({100, 6, 3, 5});
    QCOMPARE(drainSequences(*queue), (std::vector<std::uint64_t>{4, 2, 5, 1, 3, 6}));
}

void TestEventQueue::cancel()
{
    QFETCH(QueueKind, kind);
    const auto queue = makeEventQueue(kind);
    for (std::uint32_t id = 0; id < 6; ++id)
        queue->push({SimTime(10 * id), id + 1, 0, id});
    QVERIFY(queue->cancel(2));
    QVERIFY(!queue->cancel(2));  // already gone
    QVERIFY(!queue->cancel(99)); // never pushed
    QVERIFY(queue->cancel(0));   // the minimum
    QVERIFY(queue->cancel(5));   // the maximum
    QCOMPARE(queue->size(), std::size_t(3));
    QCOMPARE(queue->popMin().sequence, std::uint64_t(2));
    QVERIFY(!queue->cancel(1)); // popped already
    queue->push({5, 7, 0, 2});  // a cancelled id may be reused
    QCOMPARE(drainSequences(*queue), (std::vector<std::uint64_t>{7, 4, 5}));
}

void TestEventQueue::randomOperationsMatchReference_data()
{
    QTest::addColumn<QueueKind>("kind");
    QTest::addColumn<double>("meanIncrement"); // ns between successive event times, on average
    QTest::addColumn<int>("priorities");       // distinct priorities drawn
    const struct {
        const char* name;
        double mean;
        int priorities;
    } shapes[] = {{"wide", 1e6, 1}, {"dense ties", 0.3, 3}, {"mixed", 50, 2}};
    for (const auto& shape : shapes) {
        QTest::addRow("four_ary_heap %s", shape.name) << QueueKind::FourAryHeap << shape.mean << shape.priorities;
        QTest::addRow("calendar_queue %s", shape.name) << QueueKind::CalendarQueue << shape.mean << shape.priorities;
    }
}

void TestEventQueue::randomOperationsMatchReference()
{
    QFETCH(QueueKind, kind);
    QFETCH(double, meanIncrement);
    QFETCH(int, priorities);
    const auto queue = makeEventQueue(kind);
    std::set<QueueEntry, EarlierThan> reference;
    std::vector<QueueEntry> byId; // id → its entry while pending
    std::vector<std::uint32_t> freeIds;
    std::vector<std::uint32_t> pendingIds;
    std::vector<std::size_t> pendingIndex; // id → its index in pendingIds
    auto removePending = [&](std::uint32_t id) {
        const std::size_t at = pendingIndex[id];
        pendingIds[at] = pendingIds.back();
        pendingIndex[pendingIds[at]] = at;
        pendingIds.pop_back();
    };
    Random random(2024);
    SimTime now = 0;
    std::uint64_t sequence = 0;

    for (int op = 0; op < 200'000; ++op) {
        // Grow for the first half, shrink for the second: the calendar resizes both ways.
        const std::uint64_t r = random.next() % 100;
        const int pushPercent = op < 100'000 ? 60 : 38;
        if (reference.empty() || r < std::uint64_t(pushPercent)) {
            std::uint32_t id;
            if (freeIds.empty()) {
                id = static_cast<std::uint32_t>(byId.size());
                byId.emplace_back();
                pendingIndex.emplace_back();
            } else {
                id = freeIds.back();
                freeIds.pop_back();
            }
            const QueueEntry entry{now + roundToNanos(random.exponential(meanIncrement * 64)), ++sequence,
                                   static_cast<std::int32_t>(random.next() % std::uint64_t(priorities)), id};
            byId[id] = entry;
            pendingIndex[id] = pendingIds.size();
            pendingIds.push_back(id);
            queue->push(entry);
            reference.insert(entry);
        } else if (r < 90) {
            const QueueEntry got = queue->popMin();
            const QueueEntry want = *reference.begin();
            reference.erase(reference.begin());
            QCOMPARE(got.sequence, want.sequence);
            QCOMPARE(got.time, want.time);
            QCOMPARE(got.id, want.id);
            now = got.time; // a DES never schedules before the clock
            freeIds.push_back(got.id);
            removePending(got.id);
        } else {
            const std::size_t pick = static_cast<std::size_t>(random.next() % pendingIds.size());
            const std::uint32_t id = pendingIds[pick];
            removePending(id);
            QVERIFY(queue->cancel(id));
            reference.erase(byId[id]);
            freeIds.push_back(id);
        }
        QCOMPARE(queue->size(), reference.size());
    }
    while (!reference.empty()) {
        QCOMPARE(queue->popMin().sequence, reference.begin()->sequence);
        reference.erase(reference.begin());
    }
    QVERIFY(queue->empty());
}

void TestEventQueue::holdModelMatchesReference()
{
    QFETCH(QueueKind, kind);
    const auto queue = makeEventQueue(kind);
    std::set<QueueEntry, EarlierThan> reference;
    Random random(7);
    std::uint64_t sequence = 0;
    for (std::uint32_t id = 0; id < 10'000; ++id) {
        const QueueEntry e{roundToNanos(random.exponential(1e6)), ++sequence, 0, id};
        queue->push(e);
        reference.insert(e);
    }
    for (int i = 0; i < 100'000; ++i) {
        const QueueEntry got = queue->popMin();
        QCOMPARE(got.sequence, reference.begin()->sequence);
        reference.erase(reference.begin());
        const QueueEntry next{got.time + roundToNanos(random.exponential(1e6)), ++sequence, 0, got.id};
        queue->push(next);
        reference.insert(next);
    }
    QCOMPARE(queue->size(), std::size_t(10'000));
}

void TestEventQueue::calendarAdaptsWidth()
{
    CalendarQueue queue;
    for (std::uint32_t id = 0; id < 1000; ++id)
        queue.push({SimTime(id) * 1000, id + 1, 0, id}); // events 1 µs apart
    QVERIFY(queue.bucketCount() >= 512);
    QCOMPARE(queue.bucketWidth(), SimTime(3000)); // Brown: 3 × the mean gap of the earliest events
    for (int i = 0; i < 990; ++i)
        queue.popMin();
    QCOMPARE(queue.bucketCount(), std::size_t(16)); // halved each time size fell below half
    QCOMPARE(queue.popMin().time, SimTime(990'000));
}

QTEST_GUILESS_MAIN(TestEventQueue)
#include "tst_eventqueue.moc"
