// tst_pipelineview: the visual tracer in the main window — the default scenario runs, request 0 is
// shown (status line, SQL panel, event log), the playback shortcuts move the token through the
// onion (down the request side, back up the response side), a click on a query's source shows its
// YAML line, and a scenario whose project does not start reports it in Problems.
#include "gui/app/mainwindow.h"
#include "gui/diagnostics/diagnosticsmodel.h"
#include "gui/middleware/middlewarelistmodel.h"
#include "gui/pipeline/eventlogmodel.h"
#include "gui/pipeline/pipelinescene.h"
#include "gui/pipeline/pipelineview.h"
#include "gui/pipeline/playbackbar.h"
#include "gui/pipeline/playbackcontroller.h"
#include "gui/run/scenariorun.h"
#include "gui/sql/sqlpanel.h"
#include "gui/sql/sqlquerymodel.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QFile>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace pipelab::gui;
using pipelab::trace::EventKind;

namespace {

const QString kDefaultScenario = QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml");

void openDefault(MainWindow& window)
{
    window.resize(1440, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        qFatal("window not exposed");
    if (!window.openFile(kDefaultScenario) || !window.scenarioRun()->waitForFinished())
        qFatal("the default scenario did not run");
}

} // namespace

class TestPipelineView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsTheRunRequest();
    void shortcutsDriveThePlayback();
    void tokenTravelsTheOnion();
    void sqlSourceShowsYamlLine();
    void startUpFailureIsShown();
    void middlewareEditReruns();

private:
    QTemporaryDir dir_;
};

void TestPipelineView::initTestCase()
{
    QVERIFY(dir_.isValid());
    qputenv("XDG_CONFIG_HOME", dir_.path().toLocal8Bit());
}

void TestPipelineView::showsTheRunRequest()
{
    MainWindow window(AppSettings(AppSettings::Mode::Disabled));
    openDefault(window);
    QCOMPARE(window.selectedRequest(), 0);
    QCOMPARE(window.runStatus(), QStringLiteral("#0 GET /dashboard/ → 200 · 501 queries"));
    QCOMPARE(window.sqlPanel()->model()->rowCount(), 501);
    QCOMPARE(window.sqlPanel()->summary(), QStringLiteral("501 queries · 500 similar · 480 duplicates"));
    QAbstractItemModelTester tester(window.eventLogModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(window.eventLogModel()->rowCount(), window.playback()->eventCount());
    QVERIFY(window.playback()->eventCount() > 501); // every query is an event, and the layers' own
    QCOMPARE(window.pipelineView()->pipelineScene()->middleware().size(), std::size_t(7));
    QVERIFY(window.sqlDock()->isVisible());
    QVERIFY(window.codeDock()->isVisible());
}

void TestPipelineView::shortcutsDriveThePlayback()
{
    MainWindow window(AppSettings(AppSettings::Mode::Disabled));
    openDefault(window);
    PlaybackController* playback = window.playback();
    window.pipelineView()->setFocus();
    QCOMPARE(playback->position(), 0);
    QTest::keyClick(&window, Qt::Key_Right);
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(playback->position(), 2);
    QCOMPARE(window.eventLogModel()->position(), 2);
    QCOMPARE(window.playbackBar()->timeline()->value(), 2);
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(playback->position(), 1);
    QTest::keyClick(&window, Qt::Key_End);
    QVERIFY(playback->atEnd());
    QTest::keyClick(&window, Qt::Key_Home);
    QVERIFY(playback->atStart());
    QTest::keyClick(&window, Qt::Key_Space);
    QCOMPARE(playback->mode(), PlaybackController::Mode::Run);
    QTest::keyClick(&window, Qt::Key_Space);
    QCOMPARE(playback->mode(), PlaybackController::Mode::Paused);
    const double speed = playback->speed();
    QTest::keyClick(&window, Qt::Key_Plus);
    QCOMPARE(playback->speed(), speed * 2);
    QTest::keyClick(&window, Qt::Key_Minus);
    QCOMPARE(playback->speed(), speed);
    QTest::keyClick(&window, Qt::Key_F7);
    QVERIFY(playback->atEnd());
    QCOMPARE(window.pipelineView()->pipelineScene()->tokenLayer(), QStringLiteral("client"));
    // The scrubber seeks.
    window.playbackBar()->timeline()->setValue(9);
    QCOMPARE(playback->position(), 9);
    QCOMPARE(playback->currentEvent()->kind, EventKind::LayerEnter);
    QCOMPARE(playback->currentEvent()->layer, std::string("handler"));
    // While a query plays, the SQL panel points at it.
    for (int i = 0; i < playback->eventCount(); ++i) {
        if (playback->event(i)->kind == EventKind::Query && playback->event(i)->count == 3) {
            playback->seek(i + 1);
            break;
        }
    }
    QCOMPARE(window.sqlPanel()->table()->currentIndex().row(), 3);
}

void TestPipelineView::tokenTravelsTheOnion()
{
    MainWindow window(AppSettings(AppSettings::Mode::Disabled));
    openDefault(window);
    PlaybackController* playback = window.playback();
    PipelineScene* scene = window.pipelineView()->pipelineScene();
    QCOMPARE(scene->tokenPos(), scene->clientRequestPoint());
    // Down the request side: each middleware's layer is deeper than the last.
    qreal lastY = scene->tokenPos().y();
    const qreal requestX = scene->tokenPos().x();
    for (int i = 0; i < 9; ++i) {
        playback->step();
        QCOMPARE(scene->tokenPos().x(), requestX);
        QVERIFY2(scene->tokenPos().y() > lastY, qPrintable(QString::number(i)));
        lastY = scene->tokenPos().y();
    }
    QCOMPARE(scene->tokenLayer(), QStringLiteral("handler"));
    playback->step(); // URL resolved
    QCOMPARE(scene->tokenLayer(), QStringLiteral("urls"));
    QVERIFY(!scene->tokenFailed());
    // Back up the response side, to the right of the way down, ending at the client.
    playback->toEnd();
    QVERIFY(scene->tokenPos().x() > requestX);
    QVERIFY(scene->tokenPos().y() < scene->anchorFor(*playback->event(1), {}).y());
    QCOMPARE(scene->tokenLayer(), QStringLiteral("client"));
}

void TestPipelineView::sqlSourceShowsYamlLine()
{
    MainWindow window(AppSettings(AppSettings::Mode::Disabled));
    openDefault(window);
    Q_EMIT window.sqlPanel()->sourceActivated(70);
    QCOMPARE(window.currentCodeKey(), QStringLiteral("scenario"));
    QCOMPARE(window.codeEditor(QStringLiteral("scenario"))->textCursor().blockNumber() + 1, 70);
}

void TestPipelineView::startUpFailureIsShown()
{
    QFile source(kDefaultScenario);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray text = source.readAll();
    text.replace("views.dashboard,", "views.nope,");
    const QString path = dir_.filePath(QStringLiteral("nope.yaml"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();

    MainWindow window(AppSettings(AppSettings::Mode::Disabled));
    window.show();
    QVERIFY(window.openFile(path)); // the YAML is valid ...
    QVERIFY(window.scenarioRun()->waitForFinished());
    // ... but the URLconf does not import: an error at its line, nothing to play.
    QVERIFY(window.diagnosticsModel()->errorCount() >= 1);
    QCOMPARE(window.diagnosticsModel()->diagnostic(0).pos.line, 57);
    QCOMPARE(window.playback()->eventCount(), 0);
    QCOMPARE(window.runStatus(), QStringLiteral("Not run — see Problems"));
    QVERIFY(window.problemsDock()->isVisible());
}

void TestPipelineView::middlewareEditReruns()
{
    MainWindow window(AppSettings(AppSettings::Mode::Disabled));
    openDefault(window);
    PipelineScene* scene = window.pipelineView()->pipelineScene();
    window.playback()->seek(5);
    // XFrameOptionsMiddleware to the top of MIDDLEWARE: the scenario text changes and runs again.
    QVERIFY(window.middlewareModel()->moveRows({}, 6, 1, {}, 0));
    QVERIFY(window.scenarioRun()->waitForFinished());
    QCOMPARE(scene->middleware().size(), std::size_t(7));
    QCOMPARE(scene->middleware().front(), std::string("django.middleware.clickjacking.XFrameOptionsMiddleware"));
    QCOMPARE(window.playback()->position(), 5); // the reader stays where they were
    QCOMPARE(window.playback()->event(1)->layer, std::string("django.middleware.clickjacking.XFrameOptionsMiddleware"));
    QCOMPARE(window.runStatus(), QStringLiteral("#0 GET /dashboard/ → 200 · 501 queries"));
    window.undoStack()->undo();
    QVERIFY(window.scenarioRun()->waitForFinished());
    QCOMPARE(scene->middleware().front(), std::string("django.middleware.security.SecurityMiddleware"));
    QCOMPARE(window.playback()->event(1)->layer, std::string("django.middleware.security.SecurityMiddleware"));
}

QTEST_MAIN(TestPipelineView)
#include "tst_pipelineview.moc"
