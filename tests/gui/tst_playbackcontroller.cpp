// tst_playbackcontroller: stepping through the default scenario's request event by event (the
// exact sequence the engine records), back, seek, run with a simulated clock, fast, express, and
// the running counters; the event log model under QAbstractItemModelTester.
#include "gui/pipeline/eventlogmodel.h"
#include "gui/pipeline/playbackcontroller.h"
#include "gui/run/runresult.h"
#include "sim/scenario/scenarioloader.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace pipelab::gui;
using pipelab::trace::EventKind;

namespace {

std::shared_ptr<const pipelab::trace::Trace> defaultTrace()
{
    static const std::shared_ptr<const pipelab::trace::Trace> trace = [] {
        const auto loaded = pipelab::scenario::loadScenarioFile(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml");
        if (!loaded.ok())
            qFatal("the default scenario does not load");
        RunResult result = RunResult::compute(*loaded.scenario);
        if (!result.ok())
            qFatal("the default scenario does not run");
        return result.trace;
    }();
    return trace;
}

struct Expected {
    EventKind kind;
    const char* layer;
    const char* detail;
};

} // namespace

class TestPlaybackController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyController();
    void stepsEventByEvent();
    void stepBackAndSeek();
    void countersFollowThePosition();
    void runAnimatesWithTheClock();
    void fastAndExpress();
    void speedIsBounded();
    void eventLogModel();
};

void TestPlaybackController::emptyController()
{
    PlaybackController playback;
    QCOMPARE(playback.eventCount(), 0);
    QCOMPARE(playback.currentEvent(), nullptr);
    playback.step();
    playback.run();
    QCOMPARE(playback.position(), 0);
    QVERIFY(!playback.isPlaying());
    playback.setRequest(defaultTrace(), 5); // no such request
    QCOMPARE(playback.request(), nullptr);
    QCOMPARE(playback.requestIndex(), -1);
}

void TestPlaybackController::stepsEventByEvent()
{
    PlaybackController playback;
    QSignalSpy moved(&playback, &PlaybackController::positionChanged);
    playback.setRequest(defaultTrace(), 0);
    QCOMPARE(playback.eventCount(), static_cast<int>(defaultTrace()->requests[0].events.size()));
    QCOMPARE(playback.position(), 0);
    QCOMPARE(playback.currentEvent(), nullptr);
    moved.clear();

    const std::vector<Expected> expected = {
        {EventKind::RequestStarted, "handler", "GET /dashboard/"},
        {EventKind::LayerEnter, "django.middleware.security.SecurityMiddleware", ""},
        {EventKind::LayerEnter, "django.contrib.sessions.middleware.SessionMiddleware", ""},
        {EventKind::LayerEnter, "django.middleware.common.CommonMiddleware", ""},
        {EventKind::LayerEnter, "django.middleware.csrf.CsrfViewMiddleware", ""},
        {EventKind::LayerEnter, "django.contrib.auth.middleware.AuthenticationMiddleware", ""},
        {EventKind::LayerEnter, "django.contrib.messages.middleware.MessageMiddleware", ""},
        {EventKind::LayerEnter, "django.middleware.clickjacking.XFrameOptionsMiddleware", ""},
        {EventKind::LayerEnter, "handler", ""},
        {EventKind::UrlResolved, "urls", "dashboard/"},
        {EventKind::Hook, "django.middleware.csrf.CsrfViewMiddleware", "process_view"},
        {EventKind::ViewCalled, "view", "shop.views.dashboard"},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        playback.step();
        QCOMPARE(playback.position(), static_cast<int>(i) + 1);
        const pipelab::trace::Event* event = playback.currentEvent();
        QVERIFY(event != nullptr);
        QCOMPARE(pipelab::trace::eventKindName(event->kind), pipelab::trace::eventKindName(expected[i].kind));
        QCOMPARE(event->layer, std::string(expected[i].layer));
        QCOMPARE(event->detail, std::string(expected[i].detail));
        QCOMPARE(playback.phase(), 1.0); // a step settles at once
    }
    QCOMPARE(moved.count(), static_cast<int>(expected.size()));
    QVERIFY(!playback.isPlaying());

    // The last events: the response climbs back out and is sent.
    playback.toEnd();
    QVERIFY(playback.atEnd());
    QCOMPARE(playback.currentEvent()->kind, EventKind::ResponseSent);
    QCOMPARE(playback.currentEvent()->count, 200);
    playback.step(); // nothing after the end
    QVERIFY(playback.atEnd());
}

void TestPlaybackController::stepBackAndSeek()
{
    PlaybackController playback;
    playback.setRequest(defaultTrace(), 0);
    playback.seek(3);
    QCOMPARE(playback.currentEvent()->layer, std::string("django.contrib.sessions.middleware.SessionMiddleware"));
    playback.stepBack();
    QCOMPARE(playback.position(), 2);
    playback.seek(-4);
    QCOMPARE(playback.position(), 0);
    playback.stepBack();
    QCOMPARE(playback.position(), 0);
    playback.seek(1000000);
    QCOMPARE(playback.position(), playback.eventCount());
    playback.toStart();
    QVERIFY(playback.atStart());
}

void TestPlaybackController::countersFollowThePosition()
{
    PlaybackController playback;
    playback.setRequest(defaultTrace(), 0);
    QCOMPARE(playback.queriesPlayed(), 0);
    int firstQuery = -1;
    for (int i = 0; i < playback.eventCount() && firstQuery < 0; ++i) {
        if (playback.event(i)->kind == EventKind::Query)
            firstQuery = i;
    }
    QVERIFY(firstQuery > 0);
    playback.seek(firstQuery);
    QCOMPARE(playback.queriesPlayed(), 0);
    playback.step();
    QCOMPARE(playback.queriesPlayed(), 1);
    QCOMPARE(playback.currentEvent()->count, 0); // index into the request's queries
    playback.toEnd();
    QCOMPARE(playback.queriesPlayed(), 501);
    QCOMPARE(playback.cacheHitsPlayed(), 0);
    QCOMPARE(playback.cacheMissesPlayed(), 0);
}

void TestPlaybackController::runAnimatesWithTheClock()
{
    PlaybackController playback;
    playback.setRequest(defaultTrace(), 0);
    playback.setSpeed(10); // 100 ms an event
    QSignalSpy modes(&playback, &PlaybackController::modeChanged);
    QSignalSpy frames(&playback, &PlaybackController::frameAdvanced);
    playback.run();
    QCOMPARE(playback.mode(), PlaybackController::Mode::Run);
    QCOMPARE(modes.count(), 1);
    QCOMPARE(playback.position(), 1); // the first move starts at once
    QCOMPARE(playback.phase(), 0.0);
    playback.advance(50);
    QCOMPARE(playback.position(), 1);
    QCOMPARE(playback.phase(), 0.5);
    QCOMPARE(frames.count(), 1);
    playback.advance(60);
    QCOMPARE(playback.position(), 2);
    QVERIFY(qAbs(playback.phase() - 0.1) < 1e-9);
    playback.advance(1000);
    QCOMPARE(playback.position(), 12);
    playback.pause();
    QVERIFY(!playback.isPlaying());
    QCOMPARE(playback.phase(), 1.0);
    playback.advance(1000); // a paused clock does not move
    QCOMPARE(playback.position(), 12);

    // Running to the end stops by itself, after the last move has been shown.
    QSignalSpy finished(&playback, &PlaybackController::finished);
    playback.seek(playback.eventCount() - 1);
    playback.run();
    QVERIFY(playback.atEnd());
    QVERIFY(playback.isPlaying());
    playback.advance(99);
    QVERIFY(playback.isPlaying());
    playback.advance(2);
    QVERIFY(!playback.isPlaying());
    QCOMPARE(finished.count(), 1);
    // Run at the end starts over.
    playback.run();
    QCOMPARE(playback.position(), 1);
}

void TestPlaybackController::fastAndExpress()
{
    PlaybackController playback;
    playback.setRequest(defaultTrace(), 0);
    QSignalSpy moved(&playback, &PlaybackController::positionChanged);
    playback.fast();
    QCOMPARE(playback.mode(), PlaybackController::Mode::Fast);
    playback.advance(PlaybackController::FastRefreshMs);
    const int perRefresh = static_cast<int>(PlaybackController::FastEventsPerSecond * PlaybackController::FastRefreshMs / 1000);
    QCOMPARE(playback.position(), perRefresh);
    QCOMPARE(moved.count(), 1); // one redraw per refresh, not one per event
    QCOMPARE(playback.phase(), 1.0);
    playback.advance(10000);
    QVERIFY(playback.atEnd());
    QVERIFY(!playback.isPlaying());

    playback.toStart();
    moved.clear();
    QSignalSpy finished(&playback, &PlaybackController::finished);
    playback.express();
    QVERIFY(playback.atEnd());
    QCOMPARE(moved.count(), 1); // nothing drawn on the way
    QCOMPARE(finished.count(), 1);
    QCOMPARE(playback.mode(), PlaybackController::Mode::Paused);
}

void TestPlaybackController::speedIsBounded()
{
    PlaybackController playback;
    playback.setSpeed(1e9);
    QCOMPARE(playback.speed(), PlaybackController::MaxSpeed);
    playback.setSpeed(0);
    QCOMPARE(playback.speed(), PlaybackController::MinSpeed);
}

void TestPlaybackController::eventLogModel()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    const auto trace = defaultTrace();
    model.setRequest(trace, &trace->requests[0]);
    QCOMPARE(model.rowCount(), static_cast<int>(trace->requests[0].events.size()));
    QCOMPARE(model.columnCount(), static_cast<int>(EventLogModel::ColumnCount));
    QCOMPARE(model.index(0, EventLogModel::KindColumn).data().toString(), QStringLiteral("request_started"));
    QCOMPARE(model.index(0, EventLogModel::DetailColumn).data().toString(), QStringLiteral("GET /dashboard/"));
    QCOMPARE(model.index(2, EventLogModel::LayerColumn).data().toString(), QStringLiteral("SessionMiddleware"));
    QVERIFY(!model.index(0, 0).data(EventLogModel::PlayedRole).toBool());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setPosition(3);
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.index(2, 0).data(EventLogModel::PlayedRole).toBool());
    QVERIFY(!model.index(3, 0).data(EventLogModel::PlayedRole).toBool());
    // A query row shows its SQL.
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(EventLogModel::KindRole).toInt() == static_cast<int>(EventKind::Query)) {
            QVERIFY(model.index(row, EventLogModel::DetailColumn).data().toString().startsWith(QStringLiteral("SELECT \"shop_order\"")));
            break;
        }
    }
    model.setRequest(nullptr, nullptr);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestPlaybackController)
#include "tst_playbackcontroller.moc"
