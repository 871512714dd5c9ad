// LoadChartsWidget: four charts in a 2×2 grid under a summary line. Series are filled with
// replace(), one repaint per update, as live data needs.
#include "gui/charts/loadchartswidget.h"

#include "gui/charts/chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pipelab::gui {

namespace {

QLineSeries* addLine(QChart* chart, const QString& name, QValueAxis* x, QValueAxis* y, Qt::PenStyle style = Qt::SolidLine)
{
    auto* series = new QLineSeries;
    series->setName(name);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    if (style != Qt::SolidLine) {
        QPen pen = series->pen();
        pen.setStyle(style);
        pen.setWidthF(1.5);
        series->setPen(pen);
    }
    return series;
}

// Axis range with a little headroom, never empty.
double top(double value)
{
    return std::max(1.0, value * 1.1);
}

} // namespace

LoadChartsWidget::LoadChartsWidget(QWidget* parent)
    : QWidget(parent), summary_(new QLabel(this)), usageSeries_(new QHorizontalBarSeries), usage_(new QBarSet(tr("%")))
{
    summary_->setObjectName(QStringLiteral("loadSummary"));
    summary_->setTextFormat(Qt::PlainText);
    summary_->setWordWrap(true);

    const std::array<QString, 3> titles = {tr("Throughput (responses/s)"), tr("Latency (ms)"), tr("Timeouts and errors per second")};
    for (std::size_t i = 0; i < 3; ++i) {
        QChartView* view = addChart(titles[i]);
        timeAxes_[i] = new QValueAxis;
        valueAxes_[i] = new QValueAxis;
        timeAxes_[i]->setTitleText(tr("simulated s"));
        timeAxes_[i]->setLabelFormat(QStringLiteral("%d"));
        valueAxes_[i]->setLabelFormat(i == 1 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
        view->chart()->addAxis(timeAxes_[i], Qt::AlignBottom);
        view->chart()->addAxis(valueAxes_[i], Qt::AlignLeft);
    }
    QChart* throughputChart = views_[0]->chart();
    throughput_ = addLine(throughputChart, tr("responses/s"), timeAxes_[0], valueAxes_[0]);
    throughputChart->legend()->setVisible(false);

    QChart* latencyChart = views_[1]->chart();
    meanLatency_ = addLine(latencyChart, tr("mean per second"), timeAxes_[1], valueAxes_[1]);
    p50_ = addLine(latencyChart, tr("p50 (run)"), timeAxes_[1], valueAxes_[1], Qt::DotLine);
    p95_ = addLine(latencyChart, tr("p95 (run)"), timeAxes_[1], valueAxes_[1], Qt::DashLine);
    p99_ = addLine(latencyChart, tr("p99 (run)"), timeAxes_[1], valueAxes_[1], Qt::DashDotLine);

    QChart* failureChart = views_[2]->chart();
    timeouts_ = addLine(failureChart, tr("504 timeouts"), timeAxes_[2], valueAxes_[2]);
    errors_ = addLine(failureChart, tr("errors (5xx, refused)"), timeAxes_[2], valueAxes_[2]);

    QChartView* usageView = addChart(tr("Resources (%)"));
    auto* categories = new QBarCategoryAxis;
    categories->append({tr("cache hits"), tr("database cores"), tr("workers")});
    auto* percent = new QValueAxis;
    percent->setRange(0, 100);
    percent->setLabelFormat(QStringLiteral("%d"));
    usageSeries_->append(usage_);
    usageSeries_->setLabelsVisible(true);
    usageSeries_->setLabelsFormat(QStringLiteral("@value %"));
    usageSeries_->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    usageView->chart()->addSeries(usageSeries_);
    usageView->chart()->addAxis(categories, Qt::AlignLeft);
    usageView->chart()->addAxis(percent, Qt::AlignBottom);
    usageSeries_->attachAxis(categories);
    usageSeries_->attachAxis(percent);
    usageView->chart()->legend()->setVisible(false);

    auto* grid = new QGridLayout;
    grid->setSpacing(6);
    for (int i = 0; i < views_.size(); ++i)
        grid->addWidget(views_[i], i / 2, i % 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    summary_->setContentsMargins(6, 4, 6, 0);
    layout->addWidget(summary_);
    layout->addLayout(grid, 1);
    clear();
}

QChartView* LoadChartsWidget::addChart(const QString& title)
{
    auto* view = new QChartView(this);
    view->chart()->setTitle(title);
    ChartStyle::apply(view);
    views_.append(view);
    return view;
}

void LoadChartsWidget::clear()
{
    setResult(timing::LoadResult{});
    summary_->setText(tr("No load run yet."));
}

void LoadChartsWidget::setResult(const timing::LoadResult& result)
{
    QList<QPointF> throughput, mean, timeouts, errors;
    double most = 0, slowest = 0, worstFailures = 0;
    for (std::size_t i = 0; i < result.timeSeries.size(); ++i) {
        const timing::LoadResult::Second& second = result.timeSeries[i];
        const double x = static_cast<double>(i);
        throughput.append({x, static_cast<double>(second.completed)});
        mean.append({x, second.meanLatencyMs});
        timeouts.append({x, static_cast<double>(second.timeouts)});
        errors.append({x, static_cast<double>(second.errors)});
        most = std::max(most, static_cast<double>(second.completed));
        slowest = std::max(slowest, second.meanLatencyMs);
        worstFailures = std::max(worstFailures, static_cast<double>(std::max(second.timeouts, second.errors)));
    }
    const double end = std::max(1.0, static_cast<double>(result.timeSeries.size()) - 1);
    const auto flat = [end](double value) { return QList<QPointF>{{0, value}, {end, value}}; };
    throughput_->replace(throughput);
    meanLatency_->replace(mean);
    p50_->replace(result.timeSeries.empty() ? QList<QPointF>() : flat(result.latencyMs.p50));
    p95_->replace(result.timeSeries.empty() ? QList<QPointF>() : flat(result.latencyMs.p95));
    p99_->replace(result.timeSeries.empty() ? QList<QPointF>() : flat(result.latencyMs.p99));
    timeouts_->replace(timeouts);
    errors_->replace(errors);
    valueAxes_[0]->setRange(0, top(most));
    valueAxes_[1]->setRange(0, top(std::max(slowest, result.latencyMs.p99)));
    valueAxes_[2]->setRange(0, top(worstFailures));
    for (std::size_t i = 0; i < timeAxes_.size(); ++i) {
        timeAxes_[i]->setRange(0, end);
        // Round ticks (0, 20, 40, 60) read better than the data's own extremes.
        timeAxes_[i]->applyNiceNumbers();
        valueAxes_[i]->applyNiceNumbers();
    }

    const auto percent = [](double ratio) { return std::round(std::clamp(ratio, 0.0, 1.0) * 1000) / 10; };
    usage_->remove(0, usage_->count());
    usage_->append({percent(result.cacheHitRatio), percent(result.dbUtilization), percent(result.workerUtilization)});

    summary_->setText(tr("%1 responses · %2 req/s · latency p50 %3 ms, p95 %4 ms, p99 %5 ms · %6 timeouts · "
                         "%7 errors · %8 queries/s%9")
                          .arg(result.completed)
                          .arg(result.throughputRps, 0, 'f', 1)
                          .arg(result.latencyMs.p50, 0, 'f', 0)
                          .arg(result.latencyMs.p95, 0, 'f', 0)
                          .arg(result.latencyMs.p99, 0, 'f', 0)
                          .arg(result.timeouts)
                          .arg(result.errors)
                          .arg(result.queriesPerS, 0, 'f', 0)
                          .arg(result.truncated ? tr(" · stopped early (event limit)") : QString()));
}

} // namespace pipelab::gui
