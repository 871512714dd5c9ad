// ProblemsView: a QListView with ProblemDelegate, click/activate → problemActivated, and an
// empty-state message.
#include "gui/diagnostics/problemsview.h"

#include "gui/code/syntaxtheme.h"
#include "gui/diagnostics/diagnosticsmodel.h"
#include "gui/diagnostics/problemdelegate.h"

#include <QPainter>

namespace pipelab::gui {

ProblemsView::ProblemsView(QWidget* parent) : QListView(parent)
{
    setObjectName(QStringLiteral("problemsList"));
    setItemDelegate(new ProblemDelegate(this));
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(this, &QAbstractItemView::clicked, this, &ProblemsView::emitFor);
    connect(this, &QAbstractItemView::activated, this, &ProblemsView::emitFor);
}

void ProblemsView::activateRow(int row)
{
    if (model() == nullptr)
        return;
    const QModelIndex index = model()->index(row, 0);
    if (!index.isValid())
        return;
    setCurrentIndex(index);
    emitFor(index);
}

void ProblemsView::emitFor(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    Q_EMIT problemActivated(index.data(DiagnosticsModel::LineRole).toInt(), index.data(DiagnosticsModel::ColumnRole).toInt());
}

void ProblemsView::paintEvent(QPaintEvent* event)
{
    QListView::paintEvent(event);
    if (model() != nullptr && model()->rowCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(mixColors(palette().color(QPalette::Text), palette().color(QPalette::Base), 0.5));
    painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No problems in this scenario."));
}

} // namespace pipelab::gui
