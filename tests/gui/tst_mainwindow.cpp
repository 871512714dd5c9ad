// tst_mainwindow: the main window shows a scenario file as the loader read it — title, header,
// the effective MIDDLEWARE, the code tabs with YAML line numbers, the Problems panel, jumping from
// a problem to its YAML line, recent files, reload and drag-and-drop.
#include "gui/app/mainwindow.h"
#include "gui/app/recentfiles.h"
#include "gui/code/codeeditor.h"
#include "gui/diagnostics/diagnosticsmodel.h"
#include "gui/diagnostics/problemsview.h"
#include "gui/middleware/middlewarelistmodel.h"
#include "gui/scenario/requestlistmodel.h"
#include "gui/scenario/scenarioheader.h"
#include "sim/scenario/scenarioloader.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QFile>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace pipelab::gui;

namespace {

const QString kDefaultScenario = QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml");

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// 1-based line of the first line of `text` that equals `line`, 0 if none.
int lineOf(const QByteArray& text, const QByteArray& line)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i] == line)
            return i + 1;
    }
    return 0;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A small valid scenario, so the error and warning cases below see only the problem they add.
const QByteArray kMinimal = R"(format: 1
name: "Minimal"
models: |
  class Item(models.Model):
      name = models.CharField(max_length=10)
urls: |
  urlpatterns = [path("", views.index)]
views: |
  def index(request):
      return HttpResponse("ok")
requests:
  - "GET /"
)";

// The minimal scenario with `extra` inserted after line `afterLine`.
QByteArray withLinesInserted(int afterLine, const QByteArray& extra)
{
    QList<QByteArray> lines = kMinimal.split('\n');
    lines.insert(afterLine, extra);
    return lines.join('\n');
}

// The window's problems, one per line, for failure messages.
QByteArray problemsOf(const MainWindow& window)
{
    QByteArray text;
    for (const auto& d : window.document().diagnostics())
        text += QByteArray::fromStdString(d.format()) + '\n';
    return text;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultScenario();
    void middlewareInOrder();
    void codeTabsShowBlocksWithYamlLines_data();
    void codeTabsShowBlocksWithYamlLines();
    void templateTab();
    void modelsAreConsistent();
    void brokenScenario_data();
    void brokenScenario();
    void warningsShowWhenLoaded();
    void missingFile();
    void recentFiles();
    void reloadReadsTheFileAgain();
    void dropOpensScenarioFiles();

private:
    QTemporaryDir dir_;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PipeLab"));
    QCoreApplication::setApplicationName(QStringLiteral("PipeLab"));
    QVERIFY(dir_.isValid());
    QVERIFY2(QSettings(QStringLiteral("PipeLab"), QStringLiteral("PipeLab")).fileName().contains(QStringLiteral("qttest")),
             "settings must live in the test location");
}

void TestMainWindow::init()
{
    QSettings(QStringLiteral("PipeLab"), QStringLiteral("PipeLab")).clear();
}

void TestMainWindow::defaultScenario()
{
    MainWindow window;
    QVERIFY2(window.openDefaultScenario(), problemsOf(window).constData());
    QCOMPARE(window.windowTitle(), QStringLiteral("PipeLab — The 501-query dashboard[*]"));
    QCOMPARE(window.header()->title(), QStringLiteral("The 501-query dashboard"));
    QVERIFY(window.header()->descriptionMarkdown().contains(QStringLiteral("**500 paid orders**")));
    QCOMPARE(window.diagnosticsModel()->rowCount(), 0);
    QCOMPARE(window.problemsDock()->windowTitle(), QStringLiteral("Problems"));
    QCOMPARE(window.requestModel()->rowCount(), 1);
    const QModelIndex request = window.requestModel()->index(0, 0);
    QCOMPARE(request.data(RequestListModel::MethodRole).toString(), QStringLiteral("GET"));
    QCOMPARE(request.data(RequestListModel::PathRole).toString(), QStringLiteral("/dashboard/"));
    QCOMPARE(request.data(RequestListModel::UserRole).toString(), QString());
    QCOMPARE(request.data(Qt::DisplayRole).toString(), QStringLiteral("GET /dashboard/"));
    // The built-in scenario is not a file the user opened.
    QVERIFY(window.recentFiles()->files().isEmpty());
    // The YAML tab holds the embedded file byte for byte.
    QCOMPARE(window.codeEditor(QStringLiteral("scenario"))->toPlainText(), QString::fromUtf8(readFile(kDefaultScenario)));
}

void TestMainWindow::middlewareInOrder()
{
    MainWindow window;
    QVERIFY2(window.openDefaultScenario(), problemsOf(window).constData());
    const QStringList expected{
        QStringLiteral("django.middleware.security.SecurityMiddleware"),
        QStringLiteral("django.contrib.sessions.middleware.SessionMiddleware"),
        QStringLiteral("django.middleware.common.CommonMiddleware"),
        QStringLiteral("django.middleware.csrf.CsrfViewMiddleware"),
        QStringLiteral("django.contrib.auth.middleware.AuthenticationMiddleware"),
        QStringLiteral("django.contrib.messages.middleware.MessageMiddleware"),
        QStringLiteral("django.middleware.clickjacking.XFrameOptionsMiddleware"),
    };
    const MiddlewareListModel* model = window.middlewareModel();
    QCOMPARE(model->rowCount(), expected.size());
    for (int row = 0; row < expected.size(); ++row) {
        const QModelIndex index = model->index(row, 0);
        QCOMPARE(index.data(MiddlewareListModel::DottedPathRole).toString(), expected[row]);
        const QString className = expected[row].section(QLatin1Char('.'), -1);
        QCOMPARE(index.data(MiddlewareListModel::ClassNameRole).toString(), className);
        QCOMPARE(index.data(Qt::DisplayRole).toString(), className);
        QCOMPARE(index.data(MiddlewareListModel::ModulePathRole).toString(), expected[row].section(QLatin1Char('.'), 0, -2));
    }
}

void TestMainWindow::codeTabsShowBlocksWithYamlLines_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("yamlKeyLine"); // the line introducing the block

    QTest::newRow("models") << QStringLiteral("models") << QByteArray("models: |");
    QTest::newRow("urls") << QStringLiteral("urls") << QByteArray("urls: |");
    QTest::newRow("views") << QStringLiteral("views") << QByteArray("views: |");
    QTest::newRow("template") << QStringLiteral("templates/dashboard.html") << QByteArray("  dashboard.html: |");
}

void TestMainWindow::codeTabsShowBlocksWithYamlLines()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, yamlKeyLine);

    const QByteArray yaml = readFile(kDefaultScenario);
    const auto loaded = pipelab::scenario::loadScenarioText(std::string_view(yaml.constData(), static_cast<std::size_t>(yaml.size())),
                                                            "n-plus-one-dashboard.yaml");
    QVERIFY2(loaded.ok(), loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format().c_str());
    const pipelab::scenario::Scenario& scenario = *loaded.scenario;
    const pipelab::scenario::CodeBlock& block = key == QLatin1String("models") ? *scenario.models
        : key == QLatin1String("urls")                                       ? *scenario.urls
        : key == QLatin1String("views")                                      ? *scenario.views
                                                                             : scenario.templates.at(0).source;

    MainWindow window;
    QVERIFY2(window.openDefaultScenario(), problemsOf(window).constData());
    CodeEditor* editor = window.codeEditor(key);
    QVERIFY(editor != nullptr);
    // The pane shows the block (without the final line break of the block scalar).
    QString expected = QString::fromStdString(block.text);
    QVERIFY(expected.endsWith(QLatin1Char('\n')));
    expected.chop(1);
    QCOMPARE(editor->toPlainText(), expected);
    // Its gutter starts at the YAML line of the block's first line: the line after `key: |`.
    const int firstLine = lineOf(yaml, yamlKeyLine) + 1;
    QVERIFY(firstLine > 1);
    QCOMPARE(block.pos.line, firstLine);
    QCOMPARE(editor->firstLineNumber(), firstLine);
    QCOMPARE(editor->lastLineNumber(), firstLine + static_cast<int>(expected.count(QLatin1Char('\n'))));
}

void TestMainWindow::templateTab()
{
    MainWindow window;
    QVERIFY2(window.openDefaultScenario(), problemsOf(window).constData());
    QTabWidget* tabs = window.codeTabs();
    QStringList labels;
    for (int i = 0; i < tabs->count(); ++i)
        labels << tabs->tabText(i);
    // Only the parts the scenario has: no middleware, signals or apps modules in this one.
    QCOMPARE(labels, (QStringList{QStringLiteral("Models"), QStringLiteral("URLs"), QStringLiteral("Views"),
                                  QStringLiteral("Templates"), QStringLiteral("Scenario")}));
    QTabWidget* templates = window.templateTabs();
    QVERIFY(templates != nullptr);
    QCOMPARE(templates->count(), 1);
    QCOMPARE(templates->tabText(0), QStringLiteral("dashboard.html"));
    QCOMPARE(templates->widget(0), window.codeEditor(QStringLiteral("templates/dashboard.html")));
    QVERIFY(window.codeEditor(QStringLiteral("templates/dashboard.html"))->toPlainText().contains(QStringLiteral("{% for order in orders %}")));
    QCOMPARE(window.codeEditor(QStringLiteral("signals")), nullptr);
    QCOMPARE(window.currentCodeKey(), QStringLiteral("views"));
}

void TestMainWindow::modelsAreConsistent()
{
    MainWindow window;
    QAbstractItemModelTester middleware(window.middlewareModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester requests(window.requestModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester diagnostics(window.diagnosticsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString good = writeFile(dir_, QStringLiteral("good.yaml"), kMinimal);
    const QString broken = writeFile(dir_, QStringLiteral("models.yaml"), withLinesInserted(2, "colour: blue"));
    QVERIFY2(window.openFile(good), problemsOf(window).constData());
    QCOMPARE(window.middlewareModel()->rowCount(), 7);
    QVERIFY(!window.openFile(broken));
    QCOMPARE(window.diagnosticsModel()->rowCount(), 1);
    QVERIFY2(window.openFile(good), problemsOf(window).constData());
    QCOMPARE(window.diagnosticsModel()->rowCount(), 0);
}

void TestMainWindow::brokenScenario_data()
{
    QTest::addColumn<int>("afterLine");
    QTest::addColumn<QByteArray>("insert");
    QTest::addColumn<QString>("position");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("unknown top-level key") << 10 << QByteArray("colour: blue") << QStringLiteral("11:1")
                                           << QStringLiteral("'colour'");
    QTest::newRow("unknown key near the top") << 2 << QByteArray("frobnicate: 3") << QStringLiteral("3:1")
                                              << QStringLiteral("'frobnicate'");
}

void TestMainWindow::brokenScenario()
{
    QFETCH(int, afterLine);
    QFETCH(QByteArray, insert);
    QFETCH(QString, position);
    QFETCH(QString, messagePart);

    const QString good = writeFile(dir_, QStringLiteral("good.yaml"), kMinimal);
    const QString path = writeFile(dir_, QStringLiteral("broken.yaml"), withLinesInserted(afterLine, insert));
    MainWindow window;
    QVERIFY2(window.openFile(good), problemsOf(window).constData());
    QVERIFY(!window.openFile(path));

    QCOMPARE(window.windowTitle(), QStringLiteral("PipeLab — broken.yaml[*]"));
    QCOMPARE(window.header()->title(), QStringLiteral("broken.yaml"));
    // Nothing structural is shown; the raw YAML is, and it is the current tab.
    QCOMPARE(window.codeTabs()->count(), 1);
    QCOMPARE(window.codeEditorKeys(), QStringList{QStringLiteral("scenario")});
    QCOMPARE(window.currentCodeKey(), QStringLiteral("scenario"));
    QCOMPARE(window.middlewareModel()->rowCount(), 0);
    QCOMPARE(window.requestModel()->rowCount(), 0);
    QVERIFY(window.problemsDock()->windowTitle().startsWith(QStringLiteral("Problems — 1 error")));

    DiagnosticsModel* problems = window.diagnosticsModel();
    QCOMPARE(problems->rowCount(), 1);
    const QModelIndex index = problems->index(0, 0);
    QCOMPARE(index.data(DiagnosticsModel::PositionRole).toString(), position);
    QCOMPARE(index.data(DiagnosticsModel::SeverityRole).toString(), QStringLiteral("error"));
    const QString display = index.data(Qt::DisplayRole).toString();
    QVERIFY2(display.startsWith(position + QStringLiteral("  error  ")), qPrintable(display));
    QVERIFY2(display.contains(messagePart), qPrintable(display));
    QVERIFY(index.data(DiagnosticsModel::FormattedRole).toString().startsWith(path + QLatin1Char(':') + position + QStringLiteral(": error: ")));
    QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());

    const int line = position.section(QLatin1Char(':'), 0, 0).toInt();
    CodeEditor* yaml = window.codeEditor(QStringLiteral("scenario"));
    QCOMPARE(yaml->lineMarkers().size(), std::size_t{1});
    QCOMPARE(yaml->lineMarkers().front().line, line);

    // Move away, then activate the problem: the Scenario tab comes back with the cursor on the line.
    yaml->goToLine(1);
    QCOMPARE(yaml->currentLineNumber(), 1);
    window.codeTabs()->setCurrentIndex(0);
    window.problemsView()->activateRow(0);
    QCOMPARE(window.codeTabs()->currentWidget(), yaml);
    QCOMPARE(yaml->currentLineNumber(), line);
    QCOMPARE(yaml->markedLine(), line);
    QCOMPARE(yaml->textCursor().block().text(), QString::fromUtf8(insert));
}

void TestMainWindow::warningsShowWhenLoaded()
{
    const QString path = writeFile(dir_, QStringLiteral("warning.yaml"),
                                   withLinesInserted(2, "settings:\n  TIME_ZONE: \"Europe/Paris\""));
    MainWindow window;
    QVERIFY2(window.openFile(path), problemsOf(window).constData());
    QCOMPARE(window.windowTitle(), QStringLiteral("PipeLab — Minimal[*]"));
    QCOMPARE(window.middlewareModel()->rowCount(), 7);
    QCOMPARE(window.diagnosticsModel()->rowCount(), 1);
    const QModelIndex index = window.diagnosticsModel()->index(0, 0);
    QCOMPARE(index.data(DiagnosticsModel::SeverityRole).toString(), QStringLiteral("warning"));
    QCOMPARE(index.data(DiagnosticsModel::PositionRole).toString(), QStringLiteral("4:3"));
    QVERIFY(index.data(DiagnosticsModel::MessageRole).toString().contains(QStringLiteral("TIME_ZONE")));
    QCOMPARE(window.problemsDock()->windowTitle(), QStringLiteral("Problems — 1 warning"));
    // Activating a warning also shows its line.
    window.problemsView()->activateRow(0);
    QCOMPARE(window.currentCodeKey(), QStringLiteral("scenario"));
    QCOMPARE(window.codeEditor(QStringLiteral("scenario"))->currentLineNumber(), 4);
}

void TestMainWindow::missingFile()
{
    const QString path = dir_.filePath(QStringLiteral("does-not-exist.yaml"));
    MainWindow window;
    QVERIFY(!window.openFile(path));
    QCOMPARE(window.diagnosticsModel()->rowCount(), 1);
    const QModelIndex index = window.diagnosticsModel()->index(0, 0);
    QCOMPARE(index.data(DiagnosticsModel::LineRole).toInt(), 0);
    QVERIFY(index.data(Qt::DisplayRole).toString().startsWith(QStringLiteral("error  cannot open file")));
    QCOMPARE(window.codeEditor(QStringLiteral("scenario"))->toPlainText(), QString());
    QVERIFY(window.recentFiles()->files().isEmpty());
    window.problemsView()->activateRow(0); // no position: nothing to show, nothing breaks
    QCOMPARE(window.codeEditor(QStringLiteral("scenario"))->markedLine(), 0);
}

void TestMainWindow::recentFiles()
{
    const QString first = writeFile(dir_, QStringLiteral("first.yaml"), kMinimal);
    const QString second = writeFile(dir_, QStringLiteral("second.yml"), kMinimal);
    {
        MainWindow window;
        QVERIFY2(window.openFile(first), problemsOf(window).constData());
        QCOMPARE(window.recentFiles()->files(), QStringList{first});
        QVERIFY2(window.openFile(second), problemsOf(window).constData());
        QCOMPARE(window.recentFiles()->files(), (QStringList{second, first}));
        QVERIFY2(window.openFile(first), problemsOf(window).constData());
        QCOMPARE(window.recentFiles()->files(), (QStringList{first, second}));
    }
    // Remembered by the next window; a settings-less window neither reads nor writes them.
    MainWindow next;
    QCOMPARE(next.recentFiles()->files(), (QStringList{first, second}));
    MainWindow oneOff{AppSettings(AppSettings::Mode::Disabled)};
    QVERIFY(oneOff.recentFiles()->files().isEmpty());
    QVERIFY2(oneOff.openFile(second), problemsOf(oneOff).constData());
    QCOMPARE(MainWindow().recentFiles()->files(), (QStringList{first, second}));

    // At most ten, newest first; Clear empties the list.
    for (int i = 0; i < 12; ++i)
        next.recentFiles()->add(writeFile(dir_, QStringLiteral("s%1.yaml").arg(i), "format: 1\n"));
    QCOMPARE(next.recentFiles()->files().size(), RecentFiles::MaxCount);
    QCOMPARE(next.recentFiles()->files().front(), dir_.filePath(QStringLiteral("s11.yaml")));
    next.recentFiles()->clear();
    QVERIFY(MainWindow().recentFiles()->files().isEmpty());
}

void TestMainWindow::reloadReadsTheFileAgain()
{
    const QByteArray withTemplate = kMinimal + "templates:\n  page.html: |\n    <p>{{ x }}</p>\n";
    const QString path = writeFile(dir_, QStringLiteral("reload.yaml"), withTemplate);
    MainWindow window;
    QVERIFY2(window.openFile(path), problemsOf(window).constData());
    window.codeTabs()->setCurrentWidget(window.templateTabs());
    QCOMPARE(window.currentCodeKey(), QStringLiteral("templates/page.html"));

    QByteArray renamed = withTemplate;
    renamed.replace("name: \"Minimal\"", "name: \"Renamed\"");
    writeFile(dir_, QStringLiteral("reload.yaml"), renamed);
    QVERIFY2(window.reload(), problemsOf(window).constData());
    QCOMPARE(window.windowTitle(), QStringLiteral("PipeLab — Renamed[*]"));
    QCOMPARE(window.currentCodeKey(), QStringLiteral("templates/page.html"));

    writeFile(dir_, QStringLiteral("reload.yaml"), withLinesInserted(2, "colour: blue"));
    QVERIFY(!window.reload());
    QCOMPARE(window.diagnosticsModel()->rowCount(), 1);
    QCOMPARE(window.currentCodeKey(), QStringLiteral("scenario"));
    QCOMPARE(window.codeEditor(QStringLiteral("scenario"))->currentLineNumber(), 3);
}

void TestMainWindow::dropOpensScenarioFiles()
{
    const QString yaml = writeFile(dir_, QStringLiteral("dropped.yml"), kMinimal);
    const QString text = writeFile(dir_, QStringLiteral("notes.txt"), "not a scenario");
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QMimeData notScenario;
    notScenario.setUrls({QUrl::fromLocalFile(text)});
    QDragEnterEvent rejected(QPoint(10, 10), Qt::CopyAction, &notScenario, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &rejected);
    QVERIFY(!rejected.isAccepted());

    QMimeData scenario;
    scenario.setUrls({QUrl::fromLocalFile(yaml)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &scenario, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &scenario, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QCOMPARE(window.document().path(), yaml);
    QCOMPARE(window.recentFiles()->files(), QStringList{yaml});
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
