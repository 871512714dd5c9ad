// tst_charts: the charts hold exactly the numbers they are fed — queries per request from a real
// run of the default scenario (501, and 501 against 1 after select_related), queries per source
// line (line 70: 500), and a load run's series point by point.
#include "gui/charts/loadchartswidget.h"
#include "gui/charts/requestquerieschart.h"
#include "gui/charts/sourcelinequerieschart.h"
#include "gui/scenario/scenarioedit.h"
#include "tracefixture.h"

#include <QBarSeries>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QTest>

using namespace pipelab::gui;

namespace {

pipelab::trace::Trace dashboard()
{
    return tracefixture::run(tracefixture::readFile(tracefixture::defaultScenarioPath()));
}

pipelab::trace::Trace fixedDashboard()
{
    const QString yaml = QString::fromUtf8(tracefixture::readFile(tracefixture::defaultScenarioPath()));
    const ScenarioEdit::Result fixed = ScenarioEdit::replaceBlock(
        yaml, QStringLiteral("views"),
        QStringLiteral("def dashboard(request):\n"
                       "    orders = Order.objects.filter(status=\"paid\").select_related(\"product\")\n"
                       "    return render(request, \"dashboard.html\", {\"orders\": orders})\n"));
    if (!fixed.ok())
        qFatal("%s", qPrintable(fixed.error));
    return tracefixture::run(fixed.text.toUtf8());
}

QList<QPointF> points(const QLineSeries* series)
{
    return series->points();
}

} // namespace

class TestCharts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void queriesPerRequest();
    void beforeAfter();
    void queriesPerSourceLine();
    void loadSeries();
    void emptyIsSafe();
};

void TestCharts::queriesPerRequest()
{
    RequestQueriesChart chart;
    chart.setTrace(dashboard());
    QCOMPARE(chart.categories(), QStringList{QStringLiteral("#0 GET /dashboard/")});
    QCOMPARE(chart.series()->count(), 1);
    QCOMPARE(chart.series()->barSets().front()->count(), 1);
    QCOMPARE(chart.series()->barSets().front()->at(0), 501.0);
}

void TestCharts::beforeAfter()
{
    RequestQueriesChart chart;
    chart.setComparison(dashboard(), fixedDashboard());
    QCOMPARE(chart.series()->count(), 2);
    QCOMPARE(chart.series()->barSets()[0]->label(), QStringLiteral("Before"));
    QCOMPARE(chart.series()->barSets()[0]->at(0), 501.0);
    QCOMPARE(chart.series()->barSets()[1]->label(), QStringLiteral("After"));
    QCOMPARE(chart.series()->barSets()[1]->at(0), 1.0);
    // Back to one trace: one set again (the old ones are gone).
    chart.setTrace(fixedDashboard());
    QCOMPARE(chart.series()->count(), 1);
    QCOMPARE(chart.series()->barSets()[0]->at(0), 1.0);
}

void TestCharts::queriesPerSourceLine()
{
    SourceLineQueriesChart chart;
    chart.setTrace(dashboard());
    QCOMPARE(chart.sources(), (QStringList{QStringLiteral("templates/dashboard.html:70"), QStringLiteral("templates/dashboard.html:69")}));
    QCOMPARE(chart.counts(), (QList<int>{500, 1}));
    // Drawn bottom-up: the busiest line is the last bar.
    const QBarSet* set = chart.series()->barSets().front();
    QCOMPARE(set->count(), 2);
    QCOMPARE(set->at(1), 500.0);
    QCOMPARE(set->at(0), 1.0);

    chart.setTrace(fixedDashboard());
    QCOMPARE(chart.sources(), QStringList{QStringLiteral("templates/dashboard.html:69")});
    chart.setTrace(dashboard(), 3); // no such request
    QVERIFY(chart.sources().isEmpty());
}

void TestCharts::loadSeries()
{
    pipelab::timing::LoadResult result;
    result.completed = 60;
    result.throughputRps = 20;
    result.latencyMs = {150, 120, 400, 900, 1200};
    result.timeouts = 2;
    result.errors = 1;
    result.queriesPerS = 10020;
    result.workerUtilization = 0.97;
    result.dbUtilization = 0.5;
    result.cacheHitRatio = 0.25;
    result.timeSeries = {{18, 0, 0, 110.0}, {21, 1, 0, 160.5}, {21, 1, 1, 180.0}};

    LoadChartsWidget charts;
    charts.setResult(result);
    QCOMPARE(points(charts.throughputSeries()), (QList<QPointF>{{0, 18}, {1, 21}, {2, 21}}));
    QCOMPARE(points(charts.meanLatencySeries()), (QList<QPointF>{{0, 110}, {1, 160.5}, {2, 180}}));
    QCOMPARE(points(charts.p50Series()), (QList<QPointF>{{0, 120}, {2, 120}}));
    QCOMPARE(points(charts.p95Series()), (QList<QPointF>{{0, 400}, {2, 400}}));
    QCOMPARE(points(charts.p99Series()), (QList<QPointF>{{0, 900}, {2, 900}}));
    QCOMPARE(points(charts.timeoutSeries()), (QList<QPointF>{{0, 0}, {1, 1}, {2, 1}}));
    QCOMPARE(points(charts.errorSeries()), (QList<QPointF>{{0, 0}, {1, 0}, {2, 1}}));
    QCOMPARE(charts.usageSet()->count(), 3);
    QCOMPARE(charts.usageSet()->at(0), 25.0); // cache hits
    QCOMPARE(charts.usageSet()->at(1), 50.0); // database cores
    QCOMPARE(charts.usageSet()->at(2), 97.0); // workers
    QCOMPARE(charts.summaryLabel()->text(),
             QStringLiteral("60 responses · 20.0 req/s · latency p50 120 ms, p95 400 ms, p99 900 ms · 2 timeouts · "
                            "1 errors · 10020 queries/s"));

    // A later snapshot replaces everything.
    result.timeSeries.push_back({30, 0, 0, 90.0});
    charts.setResult(result);
    QCOMPARE(charts.throughputSeries()->count(), 4);
    QCOMPARE(points(charts.p95Series()), (QList<QPointF>{{0, 400}, {3, 400}}));
}

void TestCharts::emptyIsSafe()
{
    LoadChartsWidget charts;
    QCOMPARE(charts.throughputSeries()->count(), 0);
    QCOMPARE(charts.p95Series()->count(), 0);
    QCOMPARE(charts.summaryLabel()->text(), QStringLiteral("No load run yet."));
    RequestQueriesChart requests;
    QVERIFY(requests.categories().isEmpty());
    requests.setTrace({});
    QCOMPARE(requests.series()->count(), 1);
    SourceLineQueriesChart lines;
    QVERIFY(lines.sources().isEmpty());
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
