// SourceLineQueriesChart: which source lines sent the SQL — horizontal bars, the busiest line on
// top, labelled as trace sources are ("templates/dashboard.html:70", "views:61").
#pragma once

#include "sim/trace/requesttrace.h"

#include <QChartView>
#include <QStringList>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalBarSeries;
class QValueAxis;

namespace pipelab::gui {

class SourceLineQueriesChart : public QChartView {
    Q_OBJECT
public:
    static constexpr int MaxLines = 12;

    explicit SourceLineQueriesChart(QWidget* parent = nullptr);

    // Counts the queries of request `requestIndex` (every request when negative) per source.
    void setTrace(const trace::Trace& trace, std::int64_t requestIndex = -1);
    void clear();

    // Busiest first (the chart draws them bottom-up, so it shows them reversed).
    QStringList sources() const { return sources_; }
    QList<int> counts() const { return counts_; }
    QHorizontalBarSeries* series() const { return series_; }

private:
    QHorizontalBarSeries* series_;
    QBarCategoryAxis* axisY_;
    QValueAxis* axisX_;
    QStringList sources_;
    QList<int> counts_;
};

} // namespace pipelab::gui
