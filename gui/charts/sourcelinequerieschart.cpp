// SourceLineQueriesChart: counted per source string; ties keep source order so the chart is
// stable from run to run.
#include "gui/charts/sourcelinequerieschart.h"

#include "gui/charts/chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace pipelab::gui {

SourceLineQueriesChart::SourceLineQueriesChart(QWidget* parent)
    : QChartView(parent), series_(new QHorizontalBarSeries), axisY_(new QBarCategoryAxis), axisX_(new QValueAxis)
{
    QChart* c = chart();
    c->setTitle(tr("SQL queries per source line"));
    c->addSeries(series_);
    c->addAxis(axisY_, Qt::AlignLeft);
    c->addAxis(axisX_, Qt::AlignBottom);
    series_->attachAxis(axisY_);
    series_->attachAxis(axisX_);
    series_->setLabelsVisible(true);
    series_->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    axisX_->setLabelFormat(QStringLiteral("%d"));
    c->legend()->setVisible(false);
    ChartStyle::apply(this);
    clear();
}

void SourceLineQueriesChart::clear()
{
    setTrace(trace::Trace{});
}

void SourceLineQueriesChart::setTrace(const trace::Trace& trace, std::int64_t requestIndex)
{
    std::map<std::string, int> perSource;
    std::vector<std::string> order; // first appearance
    for (const trace::RequestTrace& request : trace.requests) {
        if (requestIndex >= 0 && request.index != requestIndex)
            continue;
        for (const trace::Query& query : request.queries) {
            const std::string source = query.source.empty() ? std::string("(unknown)") : query.source;
            if (perSource[source]++ == 0)
                order.push_back(source);
        }
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](const std::string& a, const std::string& b) { return perSource[a] > perSource[b]; });
    if (order.size() > static_cast<std::size_t>(MaxLines))
        order.resize(static_cast<std::size_t>(MaxLines));

    sources_.clear();
    counts_.clear();
    for (const std::string& source : order) {
        sources_.append(QString::fromStdString(source));
        counts_.append(perSource[source]);
    }
    series_->clear();
    auto* set = new QBarSet(tr("Queries"));
    set->setLabelColor(palette().color(QPalette::Text)); // outside the bar, on the chart's background
    QStringList categories;
    for (qsizetype i = sources_.size() - 1; i >= 0; --i) {
        set->append(counts_[i]);
        categories.append(sources_[i]);
    }
    series_->append(set);
    axisY_->clear();
    axisY_->append(categories);
    const int most = counts_.isEmpty() ? 0 : counts_.front();
    axisX_->setRange(0, std::max(5.0, most * 1.2));
    axisX_->applyNiceNumbers();
}

} // namespace pipelab::gui
