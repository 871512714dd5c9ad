// MiddlewarePanel: the editable MIDDLEWARE chain — the list (drag rows to reorder), an "Add"
// menu with Django's built-in middleware (each with what it does), Remove,
// Undo and Redo, and a one-line status: which list is in effect, or why an edit was refused.
#pragma once

#include <QWidget>

class QLabel;
class QMenu;
class QToolButton;
class QUndoStack;

namespace pipelab::gui {

class MiddlewareListModel;
class MiddlewareListView;

class MiddlewarePanel : public QWidget {
    Q_OBJECT
public:
    explicit MiddlewarePanel(QWidget* parent = nullptr);

    // The model should be attached to the document and `undoStack` (setDocument) for edits to
    // reach the file; the panel's Undo/Redo buttons act on `undoStack` (may be null: no buttons).
    void setModel(MiddlewareListModel* model, QUndoStack* undoStack);

    MiddlewareListView* view() const { return view_; }
    QMenu* addMenu() const { return addMenu_; }
    QAction* removeAction() const { return removeAction_; }
    QLabel* statusLabel() const { return status_; }

private:
    void updateActions();
    void updateStatus();
    void removeSelected();
    void add(const QString& path);

    MiddlewareListModel* model_ = nullptr;
    MiddlewareListView* view_;
    QMenu* addMenu_;
    QAction* removeAction_;
    QToolButton* undoButton_;
    QToolButton* redoButton_;
    QLabel* status_;
};

} // namespace pipelab::gui
