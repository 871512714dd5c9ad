// tst_scenariorun: the GUI's run plumbing — RunResult::compute gives the engine's trace (the
// default scenario's 501 queries), ScenarioRun re-runs on every ScenarioDocument::loaded() off the
// GUI thread, keeps only the newest result, and turns start-up failures into diagnostics.
#include "gui/run/scenariorun.h"
#include "gui/scenario/scenariodocument.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace pipelab::gui;

namespace {

const QString kDefaultScenario = QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml");

QByteArray defaultText()
{
    QFile file(kDefaultScenario);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(kDefaultScenario));
    return file.readAll();
}

} // namespace

class TestScenarioRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void computeDefaultScenario();
    void runsWhenTheDocumentLoads();
    void startUpErrorIsADiagnostic();
    void newestLoadWins();
    void documentWithoutScenarioClears();
};

void TestScenarioRun::computeDefaultScenario()
{
    ScenarioDocument document;
    QVERIFY(document.load(kDefaultScenario));
    const RunResult result = RunResult::compute(*document.scenario());
    QVERIFY2(result.ok(), qPrintable(result.failure));
    QCOMPARE(result.trace->requests.size(), std::size_t(1));
    const pipelab::trace::RequestTrace& request = result.trace->requests.front();
    QCOMPARE(request.status, 200);
    QCOMPARE(request.queries.size(), std::size_t(501));
    QCOMPARE(request.queries[1].source, std::string("templates/dashboard.html:70"));
    QCOMPARE(result.middleware.size(), std::size_t(7));
    QCOMPARE(result.middleware.front(), std::string("django.middleware.security.SecurityMiddleware"));
}

void TestScenarioRun::runsWhenTheDocumentLoads()
{
    ScenarioDocument document;
    ScenarioRun run;
    QSignalSpy started(&run, &ScenarioRun::started);
    QSignalSpy finished(&run, &ScenarioRun::finished);
    run.setDocument(&document);
    QCOMPARE(started.count(), 0); // nothing loaded yet: nothing to run
    QVERIFY(document.load(kDefaultScenario));
    QCOMPARE(started.count(), 1);
    QVERIFY(run.isRunning()); // off the GUI thread: load() returned before the run ended
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QVERIFY(!run.isRunning());
    QVERIFY(run.result().ok());
    QCOMPARE(run.request(0)->queries.size(), std::size_t(501));
    QCOMPARE(run.request(1), nullptr);
    QCOMPARE(run.request(-1), nullptr);
}

void TestScenarioRun::startUpErrorIsADiagnostic()
{
    QByteArray text = defaultText();
    text.replace("views.dashboard,", "views.nope,");
    ScenarioDocument document;
    ScenarioRun run;
    run.setDocument(&document);
    QVERIFY(document.loadText(text, QStringLiteral("broken-view.yaml"))); // the YAML itself is fine
    QVERIFY(run.waitForFinished());
    QCOMPARE(run.trace(), nullptr);
    QVERIFY(!run.result().ok());
    QVERIFY(run.result().failure.isEmpty()); // a bounded failure, not an engine crash
    QVERIFY(!run.result().diagnostics.empty());
    const pipelab::scenario::Diagnostic& d = run.result().diagnostics.front();
    QCOMPARE(d.pos.line, 57);
    QVERIFY2(d.message.find("nope") != std::string::npos, d.message.c_str());
}

void TestScenarioRun::newestLoadWins()
{
    QByteArray twice = defaultText();
    twice.replace("  - \"GET /dashboard/\"\n", "  - \"GET /dashboard/\"\n  - \"GET /missing/\"\n");
    ScenarioDocument document;
    ScenarioRun run;
    QSignalSpy finished(&run, &ScenarioRun::finished);
    run.setDocument(&document);
    QVERIFY(document.load(kDefaultScenario));
    QVERIFY(document.loadText(twice, QStringLiteral("twice.yaml"))); // arrives while the first runs
    QVERIFY(run.waitForFinished());
    QCOMPARE(finished.count(), 1); // the stale result was never shown
    QCOMPARE(run.trace()->requests.size(), std::size_t(2));
    QCOMPARE(run.request(1)->status, 404);
}

void TestScenarioRun::documentWithoutScenarioClears()
{
    ScenarioDocument document;
    ScenarioRun run;
    run.setDocument(&document);
    QVERIFY(document.load(kDefaultScenario));
    QVERIFY(run.waitForFinished());
    QVERIFY(run.trace() != nullptr);
    QSignalSpy finished(&run, &ScenarioRun::finished);
    QVERIFY(!document.loadText("format: 1\nname: [unterminated\n", QStringLiteral("bad.yaml")));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(run.trace(), nullptr);
}

QTEST_MAIN(TestScenarioRun)
#include "tst_scenariorun.moc"
