// SqlQueryModel: one request's SQL queries as django-debug-toolbar's SQL panel lists them — in
// order, with the line that caused each, and grouped: "similar" queries have the same shape (the
// SQL with its literals replaced), "duplicates" the very same SQL. Every group of two or more gets
// its own colour, so an N+1 reads as a long run of one colour. Each query's modelled time is the
// cost model's (ORM overhead + round trip + database time for its rows), as the load model charges it.
#pragma once

#include "sim/load/costmodel.h"
#include "sim/trace/requesttrace.h"

#include <QAbstractTableModel>
#include <QColor>

#include <vector>

namespace pipelab::gui {

class SqlQueryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NumberColumn, SourceColumn, SimilarColumn, DuplicateColumn, RowsColumn, TimeColumn, SqlColumn, ColumnCount };
    enum Role {
        SqlRole = Qt::UserRole + 1, // the SQL as Django logged it
        FormattedSqlRole,           // the same, one clause a line
        SourceRole,                 // "templates/dashboard.html:70"
        YamlLineRole,               // the YAML line of the source, 0 when unknown
        SimilarGroupRole,           // group number (1-based) among similar groups of 2+, else 0
        SimilarCountRole,           // queries of the same shape (1 when alone)
        DuplicateGroupRole,         // group number (1-based) among duplicate groups of 2+, else 0
        DuplicateCountRole,         // queries with the same SQL (1 when alone)
        SimilarColorRole,           // QColor of its similar group (invalid when alone)
        DuplicateColorRole,         // QColor of its duplicate group (invalid when alone)
        ModelledMsRole,             // double: the query's modelled time in ms
    };

    explicit SqlQueryModel(QObject* parent = nullptr);

    void setQueries(std::vector<trace::Query> queries);
    // The costs the Time column uses (the scenario's; the defaults until set).
    void setCostModel(const load::CostModel& costs);
    double modelledMs(int row) const;
    void clear();
    const std::vector<trace::Query>& queries() const { return queries_; }

    // Queries that share their shape with at least one other (debug-toolbar's "similar").
    int similarCount() const { return similarCount_; }
    // Queries that repeat an earlier query's exact SQL ("duplicates": each group counts size − 1).
    int duplicateCount() const { return duplicateCount_; }
    int similarGroupCount() const { return similarGroups_; }
    int duplicateGroupCount() const { return duplicateGroups_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The YAML line in a trace source ("views:41", "templates/x.html:70"), 0 when there is none.
    static int yamlLine(const QString& source);
    // One clause a line (FROM, WHERE, INNER JOIN, ORDER BY ...), the way the toolbar reflows SQL.
    static QString formatSql(const QString& sql);
    // The colour of group `group` (1-based), distinct for neighbouring groups.
    static QColor groupColor(int group);

private:
    load::CostModel costs_;
    struct Row {
        int similarGroup = 0;
        int similarCount = 1;
        int duplicateGroup = 0;
        int duplicateCount = 1;
    };

    std::vector<trace::Query> queries_;
    std::vector<Row> rows_;
    int similarCount_ = 0;
    int duplicateCount_ = 0;
    int similarGroups_ = 0;
    int duplicateGroups_ = 0;
};

} // namespace pipelab::gui
