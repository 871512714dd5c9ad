// SqlPanel: a filter proxy over SqlQueryModel; the table is the toolbar's list, the text box below
// its expanded query.
#include "gui/sql/sqlpanel.h"

#include "gui/sql/sqlquerymodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace pipelab::gui {

SqlPanel::SqlPanel(QWidget* parent)
    : QWidget(parent), model_(new SqlQueryModel(this)), filter_(new QSortFilterProxyModel(this)),
      summary_(new QLabel(this)), filterEdit_(new QLineEdit(this)), table_(new QTableView(this)),
      detail_(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("sqlPanel"));
    filter_->setSourceModel(model_);
    filter_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    filter_->setFilterKeyColumn(-1); // SQL or source

    summary_->setObjectName(QStringLiteral("sqlSummary"));
    filterEdit_->setObjectName(QStringLiteral("sqlFilter"));
    filterEdit_->setPlaceholderText(tr("Filter SQL or source…"));
    filterEdit_->setClearButtonEnabled(true);
    connect(filterEdit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        filter_->setFilterFixedString(text);
        updateSummary();
    });

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    table_->setObjectName(QStringLiteral("sqlTable"));
    table_->setModel(filter_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->setShowGrid(false);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setHighlightSections(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const int digit = table_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    table_->setColumnWidth(SqlQueryModel::NumberColumn, digit * 6);
    table_->setColumnWidth(SqlQueryModel::SourceColumn, digit * 26);
    table_->setColumnWidth(SqlQueryModel::SimilarColumn, digit * 9);
    table_->setColumnWidth(SqlQueryModel::DuplicateColumn, digit * 8);
    table_->setColumnWidth(SqlQueryModel::RowsColumn, digit * 6);
    table_->setColumnWidth(SqlQueryModel::TimeColumn, digit * 7);
    table_->setFont(font());

    detail_->setObjectName(QStringLiteral("sqlDetail"));
    detail_->setReadOnly(true);
    detail_->setFont(mono);
    detail_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    detail_->setPlaceholderText(tr("Select a query to see its SQL."));

    auto* copy = new QAction(tr("Copy SQL"), table_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &SqlPanel::copySelection);
    table_->addAction(copy);
    table_->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SqlPanel::updateDetail);
    connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) {
        const int line = index.data(SqlQueryModel::YamlLineRole).toInt();
        if (line > 0)
            Q_EMIT sourceActivated(line);
    });

    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 4);
    top->addWidget(summary_, 1);
    top->addWidget(filterEdit_, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(table_);
    split->addWidget(detail_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 80});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    updateSummary();
}

void SqlPanel::setCostModel(const load::CostModel& costs)
{
    model_->setCostModel(costs);
}

void SqlPanel::showRequest(const trace::RequestTrace* request)
{
    model_->setQueries(request != nullptr ? request->queries : std::vector<trace::Query>());
    updateSummary();
    updateDetail();
}

QString SqlPanel::summary() const
{
    return summary_->text();
}

void SqlPanel::updateSummary()
{
    const int total = model_->rowCount();
    QString text = total == 1 ? tr("1 query") : tr("%1 queries").arg(total);
    if (model_->similarCount() > 0)
        text += tr(" · %1 similar").arg(model_->similarCount());
    if (model_->duplicateCount() > 0)
        text += tr(" · %1 duplicates").arg(model_->duplicateCount());
    if (filter_->rowCount() != total)
        text += tr(" · %1 shown").arg(filter_->rowCount());
    summary_->setText(text);
}

void SqlPanel::updateDetail()
{
    const QModelIndex current = table_->currentIndex();
    if (!current.isValid()) {
        detail_->clear();
        return;
    }
    const QString source = current.data(SqlQueryModel::SourceRole).toString();
    detail_->setPlainText(QStringLiteral("-- query %1, %2\n%3")
                              .arg(filter_->mapToSource(current).row() + 1)
                              .arg(source, current.data(SqlQueryModel::FormattedSqlRole).toString()));
}

void SqlPanel::selectQuery(int index)
{
    const QModelIndex proxy = filter_->mapFromSource(model_->index(index, SqlQueryModel::SqlColumn));
    if (!proxy.isValid())
        return;
    table_->setCurrentIndex(proxy);
    table_->scrollTo(proxy);
}

QString SqlPanel::selectedSql() const
{
    QModelIndexList rows = table_->selectionModel()->selectedRows(SqlQueryModel::SqlColumn);
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList sql;
    for (const QModelIndex& row : rows)
        sql << row.data(SqlQueryModel::SqlRole).toString() + QLatin1Char(';');
    return sql.join(QLatin1Char('\n'));
}

void SqlPanel::copySelection()
{
    const QString text = selectedSql();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace pipelab::gui
