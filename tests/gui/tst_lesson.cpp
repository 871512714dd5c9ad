// tst_lesson: the lesson player on a bundled lesson (middleware-order: Authentication above
// Session gives 500 ImproperlyConfigured with 0 queries; after the patch, 200 with 3): stepping,
// ask/reveal, runs computed by the engine on the patched scenario, compare, restart and resume,
// and presenter mode (full screen, lesson keys take over the arrows, only the step's panels).
#include "gui/app/mainwindow.h"
#include "gui/diagnostics/diagnosticsmodel.h"
#include "gui/lesson/lessonpanel.h"
#include "gui/lesson/lessonplayer.h"
#include "gui/pipeline/playbackbar.h"
#include "gui/run/scenariorun.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

using pipelab::gui::LessonPlayer;
using pipelab::gui::MainWindow;
using Kind = pipelab::scenario::LessonStep::Kind;

namespace {

const QString kMiddlewareOrder = QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/middleware-order.yaml");

int firstStepOf(const LessonPlayer& player, Kind kind, int from = 0)
{
    for (int i = from; i < player.stepCount(); ++i)
        if (player.step(i).kind == kind)
            return i;
    return -1;
}

} // namespace

class TestLesson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void stepsAndReveal();
    void runsUseThePatchedScenario();
    void compareShowsBothRuns();
    void runStepShowsTheRequestInTheWindow();
    void restartAndResume();
    void presenterMode();
    void scenarioWithoutLesson();
    void everyBundledLessonPlaysToTheEnd_data();
    void everyBundledLessonPlaysToTheEnd();
};

void TestLesson::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PipeLab"));
    QCoreApplication::setApplicationName(QStringLiteral("PipeLab"));
}

void TestLesson::init()
{
    QSettings(QStringLiteral("PipeLab"), QStringLiteral("PipeLab")).clear();
}

void TestLesson::stepsAndReveal()
{
    MainWindow window;
    QVERIFY(window.openFile(kMiddlewareOrder));
    LessonPlayer* player = window.lessonPlayer();
    QCOMPARE(player->stepCount(), 11);
    QCOMPARE(player->current(), 0);
    QCOMPARE(window.lessonPanel()->stepLabel()->text(), QStringLiteral("Step 1 of 11"));
    QVERIFY(!window.lessonPanel()->backButton()->isEnabled());

    const int ask = firstStepOf(*player, Kind::Ask);
    QVERIFY(ask > 0);
    player->goTo(ask);
    QVERIFY(!player->answerRevealed());
    QVERIFY(window.lessonPanel()->revealButton()->isVisible() || !window.isVisible());
    QVERIFY(!window.lessonPanel()->textView()->toPlainText().contains(QStringLiteral("Answer.")));
    // Next on an open question reveals the answer first, then moves on.
    player->next();
    QCOMPARE(player->current(), ask);
    QVERIFY(player->answerRevealed());
    QVERIFY(window.lessonPanel()->textView()->toPlainText().contains(QStringLiteral("A 500 with 0 queries")));
    player->next();
    QCOMPARE(player->current(), ask + 1);
    QVERIFY(!player->answerRevealed());
    player->previous();
    QCOMPARE(player->current(), ask);
    QVERIFY(!player->answerRevealed()); // coming back hides it again
}

void TestLesson::runsUseThePatchedScenario()
{
    MainWindow window;
    QVERIFY(window.openFile(kMiddlewareOrder));
    LessonPlayer* player = window.lessonPlayer();
    const int firstRun = firstStepOf(*player, Kind::Run);
    const int patch = firstStepOf(*player, Kind::Patch);
    const int runAfterPatch = firstStepOf(*player, Kind::Run, patch);
    QVERIFY(firstRun >= 0 && patch > firstRun && runAfterPatch > patch);

    const LessonPlayer::RunSummary before = player->runSummary(firstRun);
    QVERIFY(before.ok);
    QCOMPARE(before.status, 500);
    QCOMPARE(before.queries, 0);
    QCOMPARE(before.error, QStringLiteral("ImproperlyConfigured"));
    QCOMPARE(before.label, QStringLiteral("GET /notes/"));

    const LessonPlayer::RunSummary after = player->runSummary(runAfterPatch);
    QVERIFY(after.ok);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.queries, 3);
    QVERIFY(after.error.isEmpty());
    QVERIFY(after.modelledMs > 0);

    // The patch is the lesson's, not the file's: the document keeps its own MIDDLEWARE.
    QCOMPARE(window.document().scenario()->settings.middleware[1].path, std::string("django.contrib.auth.middleware.AuthenticationMiddleware"));
    QCOMPARE(player->scenarioAt(patch).settings.middleware[1].path, std::string("django.contrib.sessions.middleware.SessionMiddleware"));
    QCOMPARE(player->scenarioAt(patch - 1).settings.middleware[1].path, std::string("django.contrib.auth.middleware.AuthenticationMiddleware"));
}

void TestLesson::compareShowsBothRuns()
{
    MainWindow window;
    QVERIFY(window.openFile(kMiddlewareOrder));
    LessonPlayer* player = window.lessonPlayer();
    const int compare = firstStepOf(*player, Kind::Compare);
    QVERIFY(compare > 0);
    player->goTo(compare);
    QTableWidget* table = window.lessonPanel()->compareTable();
    QVERIFY(!table->isHidden());
    QCOMPARE(table->columnCount(), 2);
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("500")); // status
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("200"));
    QCOMPARE(table->item(2, 0)->text(), QStringLiteral("0")); // queries
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("3"));
    QCOMPARE(table->item(4, 0)->text(), QStringLiteral("ImproperlyConfigured"));
    player->next();
    QVERIFY(table->isHidden());
}

void TestLesson::runStepShowsTheRequestInTheWindow()
{
    MainWindow window;
    QVERIFY(window.openFile(kMiddlewareOrder));
    QVERIFY(window.scenarioRun()->waitForFinished());
    LessonPlayer* player = window.lessonPlayer();
    const int patch = firstStepOf(*player, Kind::Patch);
    const int runAfterPatch = firstStepOf(*player, Kind::Run, patch);
    player->goTo(runAfterPatch);
    QVERIFY(window.scenarioRun()->waitForFinished());
    // The window runs the patched scenario and shows that request: 200 with 3 queries.
    QCOMPARE(window.runStatus(), QStringLiteral("#0 GET /notes/ → 200 · 3 queries"));
    // The pipeline shows the patched MIDDLEWARE order.
    QCOMPARE(window.scenarioRun()->result().middleware[1], std::string("django.contrib.sessions.middleware.SessionMiddleware"));
    // Back before the patch: the file's scenario runs again.
    player->goTo(firstStepOf(*player, Kind::Run));
    QVERIFY(window.scenarioRun()->waitForFinished());
    QCOMPARE(window.runStatus(), QStringLiteral("#0 GET /notes/ → 500 · 0 queries"));
}

void TestLesson::restartAndResume()
{
    {
        MainWindow window;
        QVERIFY(window.openFile(kMiddlewareOrder));
        window.lessonPlayer()->goTo(5);
        QCOMPARE(window.lessonPlayer()->current(), 5);
    }
    MainWindow window;
    QVERIFY(window.openFile(kMiddlewareOrder));
    QCOMPARE(window.lessonPlayer()->current(), 5); // resumed where it was left
    QTest::mouseClick(window.lessonPanel()->restartButton(), Qt::LeftButton);
    QCOMPARE(window.lessonPlayer()->current(), 0);
}

void TestLesson::presenterMode()
{
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(kMiddlewareOrder));
    QVERIFY(window.scenarioRun()->waitForFinished());
    const QList<QAction*> playback = window.playbackBar()->playbackActions();
    QVERIFY(!playback.front()->shortcut().isEmpty());

    window.setPresenterMode(true);
    QVERIFY(window.isPresenterMode());
    QVERIFY(window.windowState() & Qt::WindowFullScreen);
    QVERIFY(window.lessonDock()->isVisible());
    QVERIFY(!window.sqlDock()->isVisible()); // a `say` step needs no SQL
    for (QAction* action : playback)
        QVERIFY(action->shortcut().isEmpty());

    // The arrows and PageDown step the lesson.
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(window.lessonPlayer()->current(), 1);
    QTest::keyClick(&window, Qt::Key_PageDown);
    QCOMPARE(window.lessonPlayer()->current(), 2);
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(window.lessonPlayer()->current(), 1);
    // Step 1 highlights a middleware: the MIDDLEWARE list is on screen, the code is not.
    QCOMPARE(window.lessonPlayer()->step(1).kind, Kind::Highlight);
    QVERIFY(!window.codeDock()->isVisible());

    window.lessonPlayer()->goTo(firstStepOf(*window.lessonPlayer(), Kind::Run));
    QVERIFY(window.sqlDock()->isVisible()); // a run shows its queries

    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!window.isPresenterMode());
    QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
    QVERIFY(!playback.front()->shortcut().isEmpty());
    QVERIFY(window.codeDock()->isVisible()); // the layout before presenting is back
}

void TestLesson::scenarioWithoutLesson()
{
    MainWindow window;
    QVERIFY(window.openFile(QStringLiteral(PIPELAB_SOURCE_DIR "/tests/load/data/shop.yaml")));
    QVERIFY(!window.lessonPlayer()->hasLesson());
    QCOMPARE(window.lessonPanel()->stepLabel()->text(), QStringLiteral("No lesson"));
    QVERIFY(!window.lessonPanel()->nextButton()->isEnabled());
}

void TestLesson::everyBundledLessonPlaysToTheEnd_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios"));
    for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestLesson::everyBundledLessonPlaysToTheEnd()
{
    // Issue 7: each bundled lesson plays start to finish in presenter mode, with the keys a
    // presenter uses, and every run it makes succeeds in the engine.
    QFETCH(QString, path);
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(path));
    LessonPlayer* player = window.lessonPlayer();
    QVERIFY2(player->hasLesson(), "every bundled scenario has a lesson");
    QVERIFY(window.scenarioRun()->waitForFinished());
    window.setPresenterMode(true);
    player->restart();
    int guard = 0;
    while (player->current() + 1 < player->stepCount() || (player->currentStep()->kind == Kind::Ask && !player->answerRevealed())) {
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(window.scenarioRun()->waitForFinished());
        QVERIFY2(++guard < 4 * player->stepCount(), "the lesson must advance on every key press");
        const pipelab::scenario::LessonStep* step = player->currentStep();
        if (step->kind == Kind::Run) {
            const LessonPlayer::RunSummary run = player->runSummary(player->current());
            QVERIFY2(run.ok, qPrintable(run.error));
            QVERIFY(window.runStatus().startsWith(QStringLiteral("#%1 ").arg(step->run)));
        }
        if (step->kind == Kind::Compare)
            QVERIFY(!window.lessonPanel()->compareTable()->isHidden());
    }
    QCOMPARE(player->current(), player->stepCount() - 1);
    QVERIFY(window.problemsDock()->isHidden() || window.diagnosticsModel()->errorCount() == 0);
    window.setPresenterMode(false);
}

QTEST_MAIN(TestLesson)
#include "tst_lesson.moc"
