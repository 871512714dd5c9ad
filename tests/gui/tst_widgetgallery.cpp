// tst_widgetgallery: renders the middleware panel, an annotated code pane and the charts with
// real data (the default scenario's trace, a load run of its 501-query profile) and checks that
// each picture is drawn. With PIPELAB_SCREENSHOT_DIR set it also writes them there as PNGs, so
// a person can look at what a user would see.
#include "gui/charts/loadchartswidget.h"
#include "gui/charts/requestquerieschart.h"
#include "gui/charts/sourcelinequerieschart.h"
#include "gui/code/codeeditor.h"
#include "gui/middleware/middlewarelistmodel.h"
#include "gui/middleware/middlewarelistview.h"
#include "gui/middleware/middlewarepanel.h"
#include "gui/scenario/scenariodocument.h"
#include "gui/scenario/scenarioedit.h"
#include "sim/timing/loadsimulation.h"
#include "tracefixture.h"

#include <QDir>
#include <QLineSeries>
#include <QTest>
#include <QUndoStack>

using namespace pipelab::gui;

namespace {

// The picture of `widget` at `size`: drawn (not one flat colour), and saved when asked for.
void capture(QWidget& widget, QSize size, const QString& name)
{
    widget.resize(size);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    const QImage image = widget.grab().toImage();
    QCOMPARE(image.size(), widget.size() * image.devicePixelRatio());
    int colours = 0;
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height() && colours == 0; y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours += image.pixel(x, y) != first ? 1 : 0;
    }
    QVERIFY2(colours > 0, qPrintable(name + QStringLiteral(" is blank")));
    const QString dir = qEnvironmentVariable("PIPELAB_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(image.save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

pipelab::timing::LoadResult dashboardLoad(int queries)
{
    using namespace pipelab::timing;
    LoadConfig config;
    std::vector<Step> steps{Step::cpu(milliseconds(2))};
    for (int i = 0; i < queries; ++i)
        steps.push_back(Step::query(microseconds(150), microseconds(300)));
    steps.push_back(Step::cpu(milliseconds(8)));
    config.profiles.push_back(RequestProfile("GET /dashboard/", std::move(steps)));
    config.users = 200;
    config.thinkTime = seconds(2);
    config.rampUp = seconds(10);
    config.duration = seconds(60);
    config.workers = 8;
    config.timeout = seconds(30);
    config.seed = 42;
    return runLoad(config);
}

} // namespace

class TestWidgetGallery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void middlewarePanel();
    void annotatedTemplate();
    void editedViewWithError();
    void traceCharts();
    void loadCharts();
};

void TestWidgetGallery::middlewarePanel()
{
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QUndoStack stack;
    MiddlewareListModel model;
    model.setDocument(&document, &stack);
    MiddlewarePanel panel;
    panel.setModel(&model, &stack);
    // Authentication dragged above Session: flagged.
    QVERIFY(model.moveRows({}, 4, 1, {}, 1));
    panel.view()->setCurrentIndex(model.index(1));
    capture(panel, {340, 520}, QStringLiteral("g2-middleware-panel"));
}

void TestWidgetGallery::annotatedTemplate()
{
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    const auto& block = document.scenario()->templates.front().source;
    const pipelab::trace::Trace trace = tracefixture::run(document.text().toUtf8());
    CodeEditor editor;
    editor.setLanguage(CodeEditor::Language::DjangoTemplate);
    editor.setCode(QString::fromStdString(block.text), block.pos.line);
    editor.setLineBadges(CodeEditor::queryBadges(trace.requests.front(), QStringLiteral("templates/dashboard.html")));
    editor.setExecutingLine(70);
    capture(editor, {760, 170}, QStringLiteral("g2-code-badges"));
}

void TestWidgetGallery::editedViewWithError()
{
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QUndoStack stack;
    const auto& views = *document.scenario()->views;
    CodeEditor editor;
    editor.setLanguage(CodeEditor::Language::Python);
    editor.setCode(QString::fromStdString(views.text), views.pos.line);
    editor.setEditTarget(&document, &stack, QStringLiteral("views"));
    editor.setPlainText(QStringLiteral("def dashboard(request):\n"
                                       "    orders = Order.objects.filter(status=\"paid\"\n"
                                       "    return render(request, \"dashboard.html\", {\"orders\": orders})\n"));
    QVERIFY(editor.apply());
    QCOMPARE(editor.lineMarkers().size(), std::size_t(1));
    capture(editor, {760, 120}, QStringLiteral("g2-code-syntax-error"));
}

void TestWidgetGallery::traceCharts()
{
    const QString yaml = QString::fromUtf8(tracefixture::readFile(tracefixture::defaultScenarioPath()));
    const ScenarioEdit::Result fixed = ScenarioEdit::replaceBlock(
        yaml, QStringLiteral("views"),
        QStringLiteral("def dashboard(request):\n"
                       "    orders = Order.objects.filter(status=\"paid\").select_related(\"product\")\n"
                       "    return render(request, \"dashboard.html\", {\"orders\": orders})\n"));
    QVERIFY(fixed.ok());
    RequestQueriesChart requests;
    requests.setComparison(tracefixture::run(yaml.toUtf8()), tracefixture::run(fixed.text.toUtf8()));
    capture(requests, {520, 360}, QStringLiteral("g2-chart-queries-per-request"));
    SourceLineQueriesChart lines;
    lines.setTrace(tracefixture::run(yaml.toUtf8()));
    capture(lines, {520, 300}, QStringLiteral("g2-chart-queries-per-line"));
}

void TestWidgetGallery::loadCharts()
{
    LoadChartsWidget charts;
    const pipelab::timing::LoadResult result = dashboardLoad(501);
    QVERIFY(result.completed > 0);
    charts.setResult(result);
    QCOMPARE(charts.throughputSeries()->count(), static_cast<int>(result.timeSeries.size()));
    capture(charts, {1000, 640}, QStringLiteral("g2-chart-load"));
}

QTEST_MAIN(TestWidgetGallery)
#include "tst_widgetgallery.moc"
