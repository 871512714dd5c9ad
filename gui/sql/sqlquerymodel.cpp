// SqlQueryModel: groups are numbered in order of their first query, so colours are stable.
#include "gui/sql/sqlquerymodel.h"

#include "sim/django/runner/tracereport.h"

#include <cmath>

#include <map>
#include <string_view>
#include <string>

namespace pipelab::gui {

namespace {

// Numbers groups of two or more (1, 2, ... in order of first appearance) for `keys`; sets each
// row's group and count through the two callbacks; returns the number of such groups.
template <typename SetGroup>
int numberGroups(const std::vector<std::string>& keys, SetGroup setGroup)
{
    std::map<std::string_view, int> sizes;
    for (const std::string& key : keys)
        ++sizes[key];
    std::map<std::string_view, int> numbers;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const int size = sizes[keys[i]];
        int group = 0;
        if (size > 1) {
            auto [it, inserted] = numbers.try_emplace(keys[i], static_cast<int>(numbers.size()) + 1);
            group = it->second;
        }
        setGroup(i, group, size);
    }
    return static_cast<int>(numbers.size());
}

} // namespace

SqlQueryModel::SqlQueryModel(QObject* parent) : QAbstractTableModel(parent) {}

void SqlQueryModel::setQueries(std::vector<trace::Query> queries)
{
    beginResetModel();
    queries_ = std::move(queries);
    rows_.assign(queries_.size(), Row());
    std::vector<std::string> shapes;
    std::vector<std::string> sqls;
    shapes.reserve(queries_.size());
    sqls.reserve(queries_.size());
    for (const trace::Query& q : queries_) {
        shapes.push_back(django::runner::sqlShape(q.sql));
        sqls.push_back(q.sql);
    }
    similarCount_ = 0;
    duplicateCount_ = 0;
    similarGroups_ = numberGroups(shapes, [this](std::size_t i, int group, int size) {
        rows_[i].similarGroup = group;
        rows_[i].similarCount = size;
        similarCount_ += size > 1 ? 1 : 0;
    });
    std::map<std::string_view, int> seen;
    duplicateGroups_ = numberGroups(sqls, [&](std::size_t i, int group, int size) {
        rows_[i].duplicateGroup = group;
        rows_[i].duplicateCount = size;
        if (seen[sqls[i]]++ > 0)
            ++duplicateCount_;
    });
    endResetModel();
}

void SqlQueryModel::clear()
{
    setQueries({});
}

int SqlQueryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(queries_.size());
}

int SqlQueryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SqlQueryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const trace::Query& query = queries_[static_cast<std::size_t>(index.row())];
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const QString source = QString::fromStdString(query.source);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return index.row() + 1;
        case SourceColumn:
            return source;
        case SimilarColumn:
            return row.similarGroup > 0 ? QVariant(row.similarCount) : QVariant(QString());
        case DuplicateColumn:
            return row.duplicateGroup > 0 ? QVariant(row.duplicateCount) : QVariant(QString());
        case RowsColumn:
            return QVariant::fromValue(query.rows);
        case TimeColumn:
            return QString::number(modelledMs(index.row()), 'f', 2);
        case SqlColumn:
            return QString::fromStdString(query.sql);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SimilarColumn:
            return row.similarGroup > 0 ? tr("%1 similar queries (same shape, other values)").arg(row.similarCount) : QVariant();
        case DuplicateColumn:
            return row.duplicateGroup > 0 ? tr("Duplicated %1 times (the very same SQL)").arg(row.duplicateCount) : QVariant();
        case SourceColumn:
            return tr("Go to %1 (double-click)").arg(source);
        case TimeColumn:
            return tr("Modelled: ORM overhead, round trip and database time for %1 rows (the cost model)").arg(query.rows);
        case SqlColumn:
            return formatSql(QString::fromStdString(query.sql));
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == SimilarColumn && row.similarGroup > 0)
            return groupColor(row.similarGroup);
        if (index.column() == DuplicateColumn && row.duplicateGroup > 0)
            return groupColor(row.duplicateGroup);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == RowsColumn || index.column() == SimilarColumn ||
            index.column() == DuplicateColumn || index.column() == TimeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case SqlRole:
        return QString::fromStdString(query.sql);
    case ModelledMsRole:
        return modelledMs(index.row());
    case FormattedSqlRole:
        return formatSql(QString::fromStdString(query.sql));
    case SourceRole:
        return source;
    case YamlLineRole:
        return yamlLine(source);
    case SimilarGroupRole:
        return row.similarGroup;
    case SimilarCountRole:
        return row.similarCount;
    case DuplicateGroupRole:
        return row.duplicateGroup;
    case DuplicateCountRole:
        return row.duplicateCount;
    case SimilarColorRole:
        return row.similarGroup > 0 ? groupColor(row.similarGroup) : QColor();
    case DuplicateColorRole:
        return row.duplicateGroup > 0 ? groupColor(row.duplicateGroup) : QColor();
    }
    return {};
}

QVariant SqlQueryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case SourceColumn:
        return tr("Source");
    case SimilarColumn:
        return tr("Similar");
    case DuplicateColumn:
        return tr("Dup.");
    case RowsColumn:
        return tr("Rows");
    case TimeColumn:
        return tr("ms");
    case SqlColumn:
        return tr("SQL");
    }
    return {};
}

void SqlQueryModel::setCostModel(const load::CostModel& costs)
{
    costs_ = costs;
    if (!queries_.empty())
        Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn));
}

double SqlQueryModel::modelledMs(int row) const
{
    if (row < 0 || row >= rowCount())
        return 0;
    const load::CostModel::QueryCost cost = costs_.queryCost(queries_[static_cast<std::size_t>(row)]);
    return static_cast<double>(cost.python + cost.roundTrip + cost.core) / 1e6;
}

int SqlQueryModel::yamlLine(const QString& source)
{
    const qsizetype colon = source.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return 0;
    bool ok = false;
    const int line = source.mid(colon + 1).toInt(&ok);
    return ok && line > 0 ? line : 0;
}

QString SqlQueryModel::formatSql(const QString& sql)
{
    // Clause keywords outside quoted names and strings start a new line.
    static const QStringList clauses = {
        QStringLiteral("FROM"), QStringLiteral("WHERE"), QStringLiteral("INNER JOIN"), QStringLiteral("LEFT OUTER JOIN"),
        QStringLiteral("GROUP BY"), QStringLiteral("HAVING"), QStringLiteral("ORDER BY"), QStringLiteral("LIMIT"),
        QStringLiteral("VALUES"), QStringLiteral("SET"), QStringLiteral("UNION")};
    QString out;
    out.reserve(sql.size() + 32);
    QChar quote;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char(' ')) {
            bool broke = false;
            for (const QString& clause : clauses) {
                const qsizetype end = i + 1 + clause.size();
                if (QStringView(sql).mid(i + 1, clause.size()) == clause && (end == sql.size() || sql[end] == QLatin1Char(' '))) {
                    out += QLatin1Char('\n');
                    broke = true;
                    break;
                }
            }
            if (broke)
                continue;
        }
        out += c;
    }
    return out;
}

QColor SqlQueryModel::groupColor(int group)
{
    // Golden-angle hues: neighbouring groups never look alike; saturation suits light and dark.
    const int hue = static_cast<int>(std::lround(std::fmod(200.0 + group * 137.508, 360.0)));
    return QColor::fromHsl(hue, 150, 135);
}

} // namespace pipelab::gui
