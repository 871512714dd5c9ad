// SqlPanel: the SQL dock — a summary ("501 queries · 500 similar · 480 duplicates"), a filter box,
// the queries table with group colours, and the selected query's SQL reflowed one clause a line.
// Double-clicking a query (or its source) asks to show the line that caused it; Ctrl+C copies
// the selected queries' SQL.
#pragma once

#include "sim/load/costmodel.h"
#include "sim/trace/requesttrace.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace pipelab::gui {

class SqlQueryModel;

class SqlPanel : public QWidget {
    Q_OBJECT
public:
    explicit SqlPanel(QWidget* parent = nullptr);

    void showRequest(const trace::RequestTrace* request);
    // The scenario's cost model, for the modelled time of each query.
    void setCostModel(const load::CostModel& costs);
    SqlQueryModel* model() const { return model_; }
    QSortFilterProxyModel* filterModel() const { return filter_; }
    QTableView* table() const { return table_; }
    QLineEdit* filterEdit() const { return filterEdit_; }
    QString summary() const;

    // Selects query `index` (0-based, in the request's order) if the filter shows it.
    void selectQuery(int index);
    // The selected queries' SQL, one a line (what Copy puts on the clipboard).
    QString selectedSql() const;

public Q_SLOTS:
    void copySelection();

Q_SIGNALS:
    // The query at a YAML line was activated.
    void sourceActivated(int yamlLine);

private:
    void updateDetail();
    void updateSummary();

    SqlQueryModel* model_;
    QSortFilterProxyModel* filter_;
    QLabel* summary_;
    QLineEdit* filterEdit_;
    QTableView* table_;
    QPlainTextEdit* detail_;
};

} // namespace pipelab::gui
