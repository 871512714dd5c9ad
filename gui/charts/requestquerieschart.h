// RequestQueriesChart: SQL queries per scripted request as bars — one trace, or two side by side
// (before and after an edit, say the N+1 dashboard's 501 against select_related's 1).
#pragma once

#include "sim/trace/requesttrace.h"

#include <QChartView>
#include <QStringList>

class QBarCategoryAxis;
class QBarSeries;
class QValueAxis;

namespace pipelab::gui {

class RequestQueriesChart : public QChartView {
    Q_OBJECT
public:
    explicit RequestQueriesChart(QWidget* parent = nullptr);

    void setTrace(const trace::Trace& trace);
    // Bars "Before" and "After" per request index (a request missing from one trace counts 0).
    void setComparison(const trace::Trace& before, const trace::Trace& after);
    void clear();

    QBarSeries* series() const { return series_; }
    QStringList categories() const;

private:
    void display(const std::vector<std::pair<QString, const trace::Trace*>>& traces);

    QBarSeries* series_;
    QBarCategoryAxis* axisX_;
    QValueAxis* axisY_;
};

} // namespace pipelab::gui
