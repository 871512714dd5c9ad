// LoadChartsWidget: a load run at a glance — throughput and latency over simulated time, timeouts
// and refused connections per second, and how busy the workers, the database cores and the cache
// were, with a one-line summary above. setResult() may be called again and again while a run
// progresses; each call replaces every series in one step.
//
// LoadResult has per-second completions, timeouts, errors and mean latency; the percentiles and
// the utilisations are for the whole measured window, so they are drawn as flat reference lines
// and bars rather than as curves.
#pragma once

#include "sim/timing/loadresult.h"

#include <QWidget>

#include <array>

class QBarCategoryAxis;
class QBarSet;
class QChartView;
class QHorizontalBarSeries;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace pipelab::gui {

class LoadChartsWidget : public QWidget {
    Q_OBJECT
public:
    explicit LoadChartsWidget(QWidget* parent = nullptr);

    void setResult(const timing::LoadResult& result);
    void clear();

    // For tests and export.
    QLineSeries* throughputSeries() const { return throughput_; }
    QLineSeries* meanLatencySeries() const { return meanLatency_; }
    QLineSeries* p50Series() const { return p50_; }
    QLineSeries* p95Series() const { return p95_; }
    QLineSeries* p99Series() const { return p99_; }
    QLineSeries* timeoutSeries() const { return timeouts_; }
    QLineSeries* errorSeries() const { return errors_; }
    // Percentages: workers busy, database cores busy, cache hit ratio.
    QBarSet* usageSet() const { return usage_; }
    QLabel* summaryLabel() const { return summary_; }
    QList<QChartView*> chartViews() const { return views_; }

private:
    QChartView* addChart(const QString& title);

    QLabel* summary_;
    QList<QChartView*> views_;
    QLineSeries* throughput_;
    QLineSeries* meanLatency_;
    QLineSeries* p50_;
    QLineSeries* p95_;
    QLineSeries* p99_;
    QLineSeries* timeouts_;
    QLineSeries* errors_;
    QHorizontalBarSeries* usageSeries_;
    QBarSet* usage_;
    std::array<QValueAxis*, 3> timeAxes_{};  // throughput, latency, failures
    std::array<QValueAxis*, 3> valueAxes_{};
};

} // namespace pipelab::gui
