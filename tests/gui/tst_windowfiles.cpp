// tst_windowfiles: what the window does with files — File › Save writes the edited text and
// clears the modified mark; unsaved edits are never dropped without asking (Cancel keeps them,
// Discard drops them); File › Export writes real PNG, SVG, Chrome trace JSON and CSV content;
// the Scenarios browser lists every bundled scenario and opens one; the Load tab runs the
// scenario's load on a worker thread, shows the collapse in its charts, and can be cancelled.
#include "gui/app/mainwindow.h"
#include "gui/charts/loadchartswidget.h"
#include "gui/charts/loadpanel.h"
#include "gui/run/loadrun.h"
#include "gui/run/scenariorun.h"
#include "gui/scenario/scenariobrowser.h"
#include "tracefixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using pipelab::gui::MainWindow;
Q_DECLARE_METATYPE(pipelab::timing::LoadResult)

namespace {

QString scenarioPath(const char* name)
{
    return QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/") + QLatin1String(name);
}

// Answers the next modal message box with `button` (a QTimer fires inside its event loop).
void answerNextMessageBox(QMessageBox::StandardButton button, QString* text = nullptr)
{
    QTimer::singleShot(0, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box != nullptr);
        if (text != nullptr)
            *text = box->text();
        box->button(button)->click();
    });
}

} // namespace

class TestWindowFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void saveWritesTheEditedText();
    void unsavedEditsAreNotDroppedSilently();
    void exportsWriteRealContent();
    void browserListsAndOpensBundledScenarios();
    void loadRunShowsTheCollapse();
    void loadRunCanBeCancelled();
    void scenarioWithoutLoadOffersNoRun();

private:
    QTemporaryDir dir_;
};

void TestWindowFiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PipeLab"));
    QCoreApplication::setApplicationName(QStringLiteral("PipeLab"));
    QSettings(QStringLiteral("PipeLab"), QStringLiteral("PipeLab")).clear();
    QVERIFY(dir_.isValid());
}

void TestWindowFiles::saveWritesTheEditedText()
{
    const QString path = dir_.filePath(QStringLiteral("save.yaml"));
    QFile::remove(path);
    QVERIFY(QFile::copy(tracefixture::defaultScenarioPath(), path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    MainWindow window;
    QVERIFY(window.openFile(path));
    QVERIFY(!window.isWindowModified());

    QString text = window.document().text();
    text.replace(QStringLiteral("name: \"The 501-query dashboard\""), QStringLiteral("name: \"Saved dashboard\""));
    QVERIFY(const_cast<pipelab::gui::ScenarioDocument&>(window.document()).setText(text));
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.windowTitle(), QStringLiteral("PipeLab — Saved dashboard[*]"));

    QVERIFY(window.save());
    QVERIFY(!window.isWindowModified());
    QCOMPARE(QString::fromUtf8(tracefixture::readFile(path)), text);
}

void TestWindowFiles::unsavedEditsAreNotDroppedSilently()
{
    MainWindow window;
    QVERIFY(window.openDefaultScenario());
    auto& document = const_cast<pipelab::gui::ScenarioDocument&>(window.document());
    QString text = document.text();
    text.replace(QStringLiteral("name: \"The 501-query dashboard\""), QStringLiteral("name: \"Edited\""));
    QVERIFY(document.setText(text));

    // Cancel: nothing is replaced, the edit stays.
    QString question;
    answerNextMessageBox(QMessageBox::Cancel, &question);
    QVERIFY(!window.openFile(scenarioPath("select-related-fix.yaml")));
    QVERIFY(question.contains(QStringLiteral("unsaved edits")));
    QVERIFY(document.isModified());
    QCOMPARE(document.scenario()->name, std::string("Edited"));

    // Closing asks too; Cancel keeps the window open.
    answerNextMessageBox(QMessageBox::Cancel);
    window.show();
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());

    // Discard: the other file opens.
    answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(window.openFile(scenarioPath("select-related-fix.yaml")));
    QVERIFY(!document.isModified());
    QVERIFY(document.path().endsWith(QStringLiteral("select-related-fix.yaml")));
    QVERIFY(window.close()); // no prompt: nothing is unsaved
}

void TestWindowFiles::exportsWriteRealContent()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.openDefaultScenario());
    QVERIFY(window.scenarioRun()->waitForFinished());
    using Kind = MainWindow::ExportKind;

    const QString png = dir_.filePath(QStringLiteral("pipeline.png"));
    QVERIFY(window.exportTo(Kind::PipelinePng, png));
    QVERIFY(tracefixture::readFile(png).startsWith("\x89PNG\r\n"));
    QVERIFY(!QImage(png).isNull());

    const QString svg = dir_.filePath(QStringLiteral("pipeline.svg"));
    QVERIFY(window.exportTo(Kind::PipelineSvg, svg));
    const QByteArray svgText = tracefixture::readFile(svg);
    QVERIFY(svgText.contains("<svg"));
    QVERIFY(svgText.contains("SessionMiddleware")); // the layers are text, not pixels

    const QString chartSvg = dir_.filePath(QStringLiteral("chart.svg"));
    QVERIFY(window.exportTo(Kind::ChartsSvg, chartSvg));
    QVERIFY(tracefixture::readFile(chartSvg).contains("<svg"));

    const QString json = dir_.filePath(QStringLiteral("trace.json"));
    QVERIFY(window.exportTo(Kind::ChromeTrace, json));
    const QJsonObject chrome = QJsonDocument::fromJson(tracefixture::readFile(json)).object();
    const QJsonArray events = chrome.value(QStringLiteral("traceEvents")).toArray();
    int queries = 0;
    for (const QJsonValue& event : events)
        if (event.toObject().value(QStringLiteral("cat")).toString() == QLatin1String("query"))
            ++queries;
    QCOMPARE(queries, 501);

    const QString csv = dir_.filePath(QStringLiteral("requests.csv"));
    QVERIFY(window.exportTo(Kind::RequestsCsv, csv));
    const QStringList lines = QString::fromUtf8(tracefixture::readFile(csv)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral("index,method,path,user,status,queries,duplicate_queries,error,modelled_ms"));
    QVERIFY2(lines[1].startsWith(QStringLiteral("0,GET,/dashboard/,,200,501,480,,")), qPrintable(lines[1]));
}

void TestWindowFiles::browserListsAndOpensBundledScenarios()
{
    const QStringList bundled = pipelab::gui::ScenarioBrowser::bundledPaths();
    const QStringList onDisk = QDir(QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios")).entryList({QStringLiteral("*.yaml")}, QDir::Files);
    QCOMPARE(bundled.size(), onDisk.size());
    QVERIFY(bundled.contains(QStringLiteral(":/scenarios/select-related-fix.yaml")));

    MainWindow window;
    QVERIFY(window.openDefaultScenario());
    QStandardItemModel* model = window.scenarioBrowser()->browserModel();
    QStandardItem* group = model->item(0);
    QCOMPARE(group->rowCount(), onDisk.size());
    // Every entry is listed by the scenario's own name.
    QStandardItem* fix = nullptr;
    for (int row = 0; row < group->rowCount(); ++row) {
        QVERIFY(!group->child(row)->text().endsWith(QStringLiteral(".yaml")));
        if (group->child(row)->data(pipelab::gui::ScenarioBrowser::PathRole).toString().endsWith(QStringLiteral("select-related-fix.yaml")))
            fix = group->child(row);
    }
    QVERIFY(fix != nullptr);
    Q_EMIT window.scenarioBrowser()->activated(fix->index());
    QCOMPARE(window.document().path(), QStringLiteral(":/scenarios/select-related-fix.yaml"));
    QVERIFY(fix->font().bold());
}

void TestWindowFiles::loadRunShowsTheCollapse()
{
    MainWindow window;
    QVERIFY(window.openFile(scenarioPath("dashboard-500-users.yaml")));
    pipelab::gui::LoadPanel* panel = window.loadPanel();
    QVERIFY(panel->runButton()->isEnabled());
    QSignalSpy partials(panel->loadRun(), &pipelab::gui::LoadRun::partialResult);
    QVERIFY(panel->runLoad());
    QVERIFY(!panel->runButton()->isEnabled());
    QVERIFY(panel->cancelButton()->isEnabled());
    QVERIFY(panel->loadRun()->waitForFinished(120000));
    const pipelab::gui::LoadRun::Outcome& outcome = panel->loadRun()->outcome();
    QVERIFY(!outcome.cancelled);
    QVERIFY(outcome.run.result.has_value());
    // The N+1 page under 500 users times out (the scenario's own expectation says so too).
    QVERIFY(outcome.run.result->timeouts > 1000);
    QCOMPARE(panel->progressBar()->value(), 1000);
    // The charts grew while it ran (the run takes most of a second; partials come every 100 ms).
    QVERIFY(partials.count() >= 1);
    const auto& first = partials.front().front().value<pipelab::timing::LoadResult>();
    QVERIFY(first.completed < outcome.run.result->completed + outcome.run.result->timeouts);
    QVERIFY(panel->charts()->throughputSeries()->count() >= 120);
    QVERIFY(panel->charts()->summaryLabel()->text().contains(QStringLiteral("timeouts")));
    QVERIFY(panel->runButton()->isEnabled());
}

void TestWindowFiles::loadRunCanBeCancelled()
{
    MainWindow window;
    QVERIFY(window.openFile(scenarioPath("dashboard-500-users.yaml")));
    pipelab::gui::LoadPanel* panel = window.loadPanel();
    QVERIFY(panel->runLoad());
    panel->cancel();
    QVERIFY(panel->loadRun()->waitForFinished(120000));
    QVERIFY(panel->loadRun()->outcome().cancelled);
    QCOMPARE(panel->statusLabel()->text(), QStringLiteral("Cancelled."));
    QCOMPARE(panel->charts()->throughputSeries()->count(), 0);
    QVERIFY(panel->runButton()->isEnabled());
}

void TestWindowFiles::scenarioWithoutLoadOffersNoRun()
{
    MainWindow window;
    QVERIFY(window.openFile(scenarioPath("middleware-order.yaml")));
    QVERIFY(!window.loadPanel()->runButton()->isEnabled());
    QVERIFY(!window.loadPanel()->runLoad());
    QCOMPARE(window.loadPanel()->statusLabel()->text(), QStringLiteral("This scenario has no load section."));
}

QTEST_MAIN(TestWindowFiles)
#include "tst_windowfiles.moc"
