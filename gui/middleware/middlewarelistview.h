// MiddlewareListView: the MIDDLEWARE chain as a list whose rows are reordered by dragging them.
// The drop row is where the pointer is (above or below a row's middle); a drop of this list's own
// rows becomes one moveRows() call on the model, a drop of dotted paths (from the catalog) inserts
// them. The view does the drop itself rather than through QListView's InternalMove so that a
// move is always exactly one moveRows(), whether the drag is real or a test's synthetic events.
#pragma once

#include <QListView>

namespace pipelab::gui {

class MiddlewareListView : public QListView {
    Q_OBJECT
public:
    explicit MiddlewareListView(QWidget* parent = nullptr);

    // The row a drop at `position` (viewport coordinates) inserts before; rowCount() for the end.
    int dropRowAt(const QPoint& position) const;

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    bool acceptDrag(QDropEvent* event);

    int dropRow_ = -1; // while a drag is over the view
};

} // namespace pipelab::gui
