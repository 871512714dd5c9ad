// MiddlewareListView: drag start, drop position, the insertion line, and the drop itself.
#include "gui/middleware/middlewarelistview.h"

#include "gui/middleware/middlewarelistmodel.h"

#include <QCursor>
#include <QDrag>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>

#include <algorithm>

namespace pipelab::gui {

MiddlewareListView::MiddlewareListView(QWidget* parent) : QListView(parent)
{
    setSelectionMode(QAbstractItemView::SingleSelection);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(false); // painted here: a line between rows
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setDragDropOverwriteMode(false);
}

int MiddlewareListView::dropRowAt(const QPoint& position) const
{
    if (model() == nullptr)
        return -1;
    const QModelIndex index = indexAt(position);
    if (!index.isValid())
        return model()->rowCount();
    const QRect rect = visualRect(index);
    return position.y() < rect.center().y() ? index.row() : index.row() + 1;
}

void MiddlewareListView::startDrag(Qt::DropActions)
{
    const QModelIndexList indexes = selectedIndexes();
    if (indexes.isEmpty() || model() == nullptr)
        return;
    QMimeData* mime = model()->mimeData(indexes);
    if (mime == nullptr)
        return;
    auto* drag = new QDrag(this);
    drag->setMimeData(mime);
    const QRect rect = visualRect(indexes.front());
    drag->setPixmap(viewport()->grab(rect));
    drag->setHotSpot(viewport()->mapFromGlobal(QCursor::pos()) - rect.topLeft());
    // The drop already moved the rows (dropEvent); the result needs no follow-up here, unlike
    // QAbstractItemView's, which removes the source rows after a MoveAction.
    drag->exec(Qt::MoveAction | Qt::CopyAction, Qt::MoveAction);
}

bool MiddlewareListView::acceptDrag(QDropEvent* event)
{
    const int row = dropRowAt(event->position().toPoint());
    const Qt::DropAction action = event->mimeData()->hasFormat(QString::fromLatin1(MiddlewareListModel::RowsMimeType))
                                      ? Qt::MoveAction
                                      : Qt::CopyAction;
    if (model() == nullptr || !model()->canDropMimeData(event->mimeData(), action, row, 0, {})) {
        event->ignore();
        return false;
    }
    event->setDropAction(action);
    event->accept();
    if (row != dropRow_) {
        dropRow_ = row;
        viewport()->update();
    }
    return true;
}

void MiddlewareListView::dragEnterEvent(QDragEnterEvent* event)
{
    acceptDrag(event);
}

void MiddlewareListView::dragMoveEvent(QDragMoveEvent* event)
{
    acceptDrag(event);
}

void MiddlewareListView::dragLeaveEvent(QDragLeaveEvent*)
{
    dropRow_ = -1;
    viewport()->update();
}

void MiddlewareListView::dropEvent(QDropEvent* event)
{
    const bool accepted = acceptDrag(event);
    const int row = dropRow_;
    dropRow_ = -1;
    viewport()->update();
    if (!accepted)
        return;
    if (!model()->dropMimeData(event->mimeData(), event->dropAction(), row, 0, {}))
        event->ignore();
}

void MiddlewareListView::paintEvent(QPaintEvent* event)
{
    QListView::paintEvent(event);
    if (dropRow_ < 0 || model() == nullptr)
        return;
    const int rows = model()->rowCount();
    int y = 0;
    if (rows > 0) {
        const QRect rect = visualRect(model()->index(std::min(dropRow_, rows - 1), 0));
        y = dropRow_ < rows ? rect.top() : rect.bottom() + 1;
    }
    QPainter painter(viewport());
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawLine(4, y, viewport()->width() - 4, y);
}

} // namespace pipelab::gui
