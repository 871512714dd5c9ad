// RequestQueriesChart: categories are "#INDEX METHOD PATH" (indices as --run and `expect` count
// them, from 0); the value axis ends a little above the tallest bar so its label fits.
#include "gui/charts/requestquerieschart.h"

#include "gui/charts/chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QValueAxis>

#include <algorithm>
#include <map>

namespace pipelab::gui {

RequestQueriesChart::RequestQueriesChart(QWidget* parent)
    : QChartView(parent), series_(new QBarSeries), axisX_(new QBarCategoryAxis), axisY_(new QValueAxis)
{
    QChart* c = chart();
    c->setTitle(tr("SQL queries per request"));
    c->addSeries(series_);
    c->addAxis(axisX_, Qt::AlignBottom);
    c->addAxis(axisY_, Qt::AlignLeft);
    series_->attachAxis(axisX_);
    series_->attachAxis(axisY_);
    series_->setLabelsVisible(true);
    series_->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    axisY_->setLabelFormat(QStringLiteral("%d"));
    axisY_->setTitleText(tr("queries"));
    ChartStyle::apply(this);
    clear();
}

QStringList RequestQueriesChart::categories() const
{
    return axisX_->categories();
}

void RequestQueriesChart::clear()
{
    display({});
}

void RequestQueriesChart::setTrace(const trace::Trace& trace)
{
    display({{tr("Queries"), &trace}});
}

void RequestQueriesChart::setComparison(const trace::Trace& before, const trace::Trace& after)
{
    display({{tr("Before"), &before}, {tr("After"), &after}});
}

void RequestQueriesChart::display(const std::vector<std::pair<QString, const trace::Trace*>>& traces)
{
    // One category per request index found in any trace, labelled from the first that has it.
    std::map<std::int64_t, QString> labels;
    for (const auto& [name, trace] : traces) {
        for (const trace::RequestTrace& request : trace->requests) {
            QString label = QStringLiteral("#%1 %2 %3")
                                .arg(request.index)
                                .arg(QString::fromStdString(request.method), QString::fromStdString(request.path));
            if (label.size() > 28)
                label = label.left(27) + QStringLiteral("…");
            labels.emplace(request.index, label);
        }
    }
    series_->clear(); // deletes the old sets
    int tallest = 0;
    for (const auto& [name, trace] : traces) {
        auto* set = new QBarSet(name);
        // The theme's label colour suits labels inside bars; these sit above them.
        set->setLabelColor(palette().color(QPalette::Text));
        for (const auto& [index, label] : labels) {
            const auto it = std::find_if(trace->requests.begin(), trace->requests.end(),
                                         [i = index](const trace::RequestTrace& r) { return r.index == i; });
            const int queries = it == trace->requests.end() ? 0 : static_cast<int>(it->queries.size());
            tallest = std::max(tallest, queries);
            set->append(queries);
        }
        series_->append(set);
    }
    QStringList categories;
    for (const auto& [index, label] : labels)
        categories.append(label);
    axisX_->clear();
    axisX_->append(categories);
    axisY_->setRange(0, std::max(5.0, tallest * 1.15));
    axisY_->applyNiceNumbers();
    chart()->legend()->setVisible(traces.size() > 1);
}

} // namespace pipelab::gui
