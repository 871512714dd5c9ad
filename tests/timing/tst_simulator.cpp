// The Simulator over each queue: order, handles, cancel, the past-scheduling error, run limits,
// and the fingerprint — a fixed model whose executed-event hash is a committed constant, so any
// change in behaviour (order, tie-breaking, cancellation, sequence numbering) fails here.
#include "sim/timing/random.h"
#include "sim/timing/simulator.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace pipelab::timing;

Q_DECLARE_METATYPE(pipelab::timing::QueueKind)

namespace {

void addQueueRows()
{
    QTest::addColumn<QueueKind>("kind");
    QTest::newRow("four_ary_heap") << QueueKind::FourAryHeap;
    QTest::newRow("calendar_queue") << QueueKind::CalendarQueue;
}

// A self-driving model: each event of kind k schedules 1-2 follow-ups (up to 20000 events) with random delays and
// priorities, and now and then cancels a pending one. Deterministic for a seed.
struct ChurnModel {
    explicit ChurnModel(Simulator& s) : simulator(s) {}

    Simulator& simulator;
    Random random{99};
    std::vector<EventHandle> handles;
    std::uint64_t cancelled = 0;

    void operator()(const Event& event)
    {
        const int followUps = 1 + static_cast<int>(random.next() % 2);
        for (int i = 0; i < followUps && simulator.executedEvents() < 20'000; ++i) {
            const auto delay = static_cast<SimTime>(random.next() % 5000); // ties are frequent
            const auto priority = static_cast<std::int32_t>(random.next() % 3) - 1;
            handles.push_back(simulator.scheduleIn(delay, (event.kind + 1) % 4, event.sequence, priority));
        }
        if (!handles.empty() && random.next() % 8 == 0) {
            const std::size_t pick = static_cast<std::size_t>(random.next() % handles.size());
            cancelled += handles[pick].cancel();
            handles[pick] = handles.back();
            handles.pop_back();
        }
    }
};

// The committed fingerprint of ChurnModel's run. If a change to the engine alters it, the change
// altered behaviour: justify that, then update these four numbers together.
constexpr std::uint64_t kChurnEvents = 28996;
constexpr std::uint64_t kChurnCancelled = 1043;
constexpr SimTime kChurnEnd = 57037;
constexpr std::uint64_t kChurnFingerprint = 0x70a11511076e88beull;

} // namespace

class TestSimulator : public QObject {
    Q_OBJECT
private slots:
    void runsInOrder_data() { addQueueRows(); }
    void runsInOrder();
    void cancelByHandle_data() { addQueueRows(); }
    void cancelByHandle();
    void schedulingInThePastIsAnError_data() { addQueueRows(); }
    void schedulingInThePastIsAnError();
    void runUntilTimeAndStop_data() { addQueueRows(); }
    void runUntilTimeAndStop();
    void fingerprint_data() { addQueueRows(); }
    void fingerprint();
    void fingerprintSeesOrderChanges();
};

void TestSimulator::runsInOrder()
{
    QFETCH(QueueKind, kind);
    Simulator simulator(kind);
    simulator.schedule(30, 1);
    simulator.schedule(10, 2, 0, 5);
    simulator.schedule(10, 3, 0, -1);
    simulator.schedule(10, 4, 0, 5);
    simulator.schedule(20, 5);
    std::vector<std::pair<SimTime, std::uint32_t>> seen;
    const auto reason = simulator.run([&](const Event& e) {
        QCOMPARE(simulator.now(), e.time);
        seen.emplace_back(e.time, e.kind);
        if (e.kind == 5) // scheduled at "now": runs in the same run(), after those already there
            simulator.scheduleIn(0, 6);
    });
    QCOMPARE(reason, Simulator::StopReason::Empty);
    const std::vector<std::pair<SimTime, std::uint32_t>> expected{{10, 3}, {10, 2}, {10, 4}, {20, 5}, {20, 6}, {30, 1}};
    QCOMPARE(seen, expected);
    QCOMPARE(simulator.executedEvents(), std::uint64_t(6));
    QCOMPARE(simulator.now(), SimTime(30));
}

void TestSimulator::cancelByHandle()
{
    QFETCH(QueueKind, kind);
    Simulator simulator(kind);
    EventHandle a = simulator.schedule(10, 1, 100);
    EventHandle b = simulator.schedule(20, 2, 200);
    EventHandle c = simulator.schedule(30, 3, 300);
    QVERIFY(b.pending());
    QVERIFY(b.cancel());
    QVERIFY(!b.pending());
    QVERIFY(!b.cancel());
    QVERIFY(!EventHandle().cancel());
    std::vector<std::uint64_t> payloads;
    simulator.run([&](const Event& e) {
        payloads.push_back(e.payload);
        if (e.kind == 1) {
            QVERIFY(!a.pending()); // running: no longer pending
            // The freed slot is reused by this new event: the stale handle must not cancel it.
            const EventHandle d = simulator.scheduleIn(5, 4, 400);
            QVERIFY(!a.cancel());
            QVERIFY(d.pending());
        }
    });
    QCOMPARE(payloads, (std::vector<std::uint64_t>{100, 400, 300}));
    QVERIFY(!c.pending());
    QCOMPARE(simulator.executedEvents(), std::uint64_t(3));
}

void TestSimulator::schedulingInThePastIsAnError()
{
    QFETCH(QueueKind, kind);
    Simulator simulator(kind);
    simulator.schedule(1000, 1);
    std::string message;
    simulator.run([&](const Event&) {
        try {
            simulator.schedule(999, 2);
        } catch (const SchedulingError& error) {
            message = error.what();
        }
    });
    QCOMPARE(message, std::string("cannot schedule an event in the past: at 999 ns, but the clock is at 1000 ns"));
    QVERIFY_THROWS_EXCEPTION(SchedulingError, simulator.scheduleIn(-1, 1));
    QVERIFY_THROWS_EXCEPTION(SchedulingError, simulator.run([](const Event&) {}, 500));
    QCOMPARE(simulator.pendingEvents(), std::size_t(0));
    simulator.schedule(1000, 3); // "now" itself is allowed
    QCOMPARE(simulator.pendingEvents(), std::size_t(1));
}

void TestSimulator::runUntilTimeAndStop()
{
    QFETCH(QueueKind, kind);
    Simulator simulator(kind);
    for (SimTime t = 100; t <= 1000; t += 100)
        simulator.schedule(t, static_cast<std::uint32_t>(t / 100));
    std::vector<std::uint32_t> kinds;
    auto handler = [&](const Event& e) {
        kinds.push_back(e.kind);
        if (e.kind == 7)
            simulator.stop();
    };
    QCOMPARE(simulator.run(handler, 350), Simulator::StopReason::TimeLimit);
    QCOMPARE(simulator.now(), SimTime(350));
    QCOMPARE(kinds, (std::vector<std::uint32_t>{1, 2, 3}));
    QCOMPARE(simulator.run(handler, 400), Simulator::StopReason::TimeLimit); // an event at `until` runs
    QCOMPARE(kinds.back(), std::uint32_t(4));
    QCOMPARE(simulator.run(handler), Simulator::StopReason::Stopped);
    QCOMPARE(simulator.now(), SimTime(700));
    QCOMPARE(simulator.run(handler), Simulator::StopReason::Empty);
    QCOMPARE(kinds, (std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

void TestSimulator::fingerprint()
{
    QFETCH(QueueKind, kind);
    Simulator simulator(kind);
    for (std::uint32_t k = 0; k < 4; ++k)
        simulator.schedule(k * 7, k);
    ChurnModel model(simulator);
    simulator.run(model);
    QCOMPARE(simulator.executedEvents(), kChurnEvents);
    QCOMPARE(model.cancelled, kChurnCancelled);
    QCOMPARE(simulator.now(), kChurnEnd);
    QCOMPARE(simulator.fingerprint(), kChurnFingerprint);
}

void TestSimulator::fingerprintSeesOrderChanges()
{
    auto hashOf = [](std::int32_t secondPriority) {
        Simulator simulator;
        simulator.schedule(10, 1);
        simulator.schedule(10, 2, 0, secondPriority);
        simulator.run([](const Event&) {});
        return simulator.fingerprint();
    };
    QCOMPARE(hashOf(0), hashOf(0));
    QVERIFY(hashOf(0) != hashOf(-1)); // same events, other order
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
