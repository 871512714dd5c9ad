// MiddlewarePanel: a tool row above the list and a status line below it.
#include "gui/middleware/middlewarepanel.h"

#include "gui/middleware/middlewarecatalog.h"
#include "gui/middleware/middlewaredelegate.h"
#include "gui/middleware/middlewarelistmodel.h"
#include "gui/middleware/middlewarelistview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace pipelab::gui {

MiddlewarePanel::MiddlewarePanel(QWidget* parent)
    : QWidget(parent), view_(new MiddlewareListView(this)), addMenu_(new QMenu(tr("Add middleware"), this)),
      removeAction_(new QAction(tr("Remove"), this)), undoButton_(new QToolButton(this)),
      redoButton_(new QToolButton(this)), status_(new QLabel(this))
{
    view_->setItemDelegate(new MiddlewareDelegate(view_));
    view_->setObjectName(QStringLiteral("middlewareView"));

    addMenu_->setToolTipsVisible(true);
    for (const MiddlewareCatalog::Entry& entry : MiddlewareCatalog::entries()) {
        QAction* action = addMenu_->addAction(entry.className);
        action->setToolTip(entry.explanation);
        action->setStatusTip(entry.explanation);
        action->setData(entry.path);
        connect(action, &QAction::triggered, this, [this, path = entry.path] { add(path); });
    }
    auto* addButton = new QToolButton(this);
    addButton->setText(tr("Add"));
    addButton->setToolTip(tr("Add one of Django's built-in middleware"));
    addButton->setMenu(addMenu_);
    addButton->setPopupMode(QToolButton::InstantPopup);

    removeAction_->setShortcut(QKeySequence::Delete);
    removeAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    removeAction_->setToolTip(tr("Remove the selected middleware from MIDDLEWARE"));
    connect(removeAction_, &QAction::triggered, this, &MiddlewarePanel::removeSelected);
    addAction(removeAction_);
    auto* removeButton = new QToolButton(this);
    removeButton->setDefaultAction(removeAction_);

    auto* tools = new QHBoxLayout;
    tools->setContentsMargins(0, 0, 0, 0);
    tools->addWidget(addButton);
    tools->addWidget(removeButton);
    tools->addStretch();
    tools->addWidget(undoButton_);
    tools->addWidget(redoButton_);
    undoButton_->hide();
    redoButton_->hide();

    status_->setWordWrap(true);
    status_->setObjectName(QStringLiteral("middlewareStatus"));
    QFont small = status_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    status_->setFont(small);
    // A wrapped label's height is not part of the layout's minimum: reserve two lines so a short
    // side panel squeezes the list, not the note over it.
    status_->setMinimumHeight(QFontMetrics(small).lineSpacing() * 2 + 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(tools);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);
    updateActions();
}

void MiddlewarePanel::setModel(MiddlewareListModel* model, QUndoStack* undoStack)
{
    model_ = model;
    view_->setModel(model);
    if (model != nullptr) {
        connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MiddlewarePanel::updateActions);
        connect(model, &QAbstractItemModel::modelReset, this, &MiddlewarePanel::updateStatus);
        connect(model, &QAbstractItemModel::dataChanged, this, &MiddlewarePanel::updateStatus);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MiddlewarePanel::updateActions);
        connect(model, &MiddlewareListModel::editFailed, this, [this](const QString& message) {
            status_->setText(tr("Not changed: %1").arg(message));
        });
    }
    if (undoStack != nullptr) {
        QAction* undo = undoStack->createUndoAction(this, tr("Undo"));
        QAction* redo = undoStack->createRedoAction(this, tr("Redo"));
        undoButton_->setDefaultAction(undo);
        redoButton_->setDefaultAction(redo);
        undoButton_->show();
        redoButton_->show();
    }
    updateActions();
    updateStatus();
}

void MiddlewarePanel::updateActions()
{
    removeAction_->setEnabled(model_ != nullptr && view_->selectionModel() != nullptr &&
                              view_->selectionModel()->hasSelection());
}

void MiddlewarePanel::updateStatus()
{
    if (model_ == nullptr) {
        status_->clear();
        return;
    }
    int problems = 0;
    bool written = false;
    for (int row = 0; row < model_->rowCount(); ++row) {
        const QModelIndex index = model_->index(row);
        problems += index.data(MiddlewareListModel::ProblemRole).toString().isEmpty() ? 0 : 1;
        written = written || index.data(MiddlewareListModel::LineRole).toInt() > 0;
    }
    QString text = written || model_->rowCount() == 0
                       ? tr("Drag to reorder: the scenario re-runs after each change.")
                       : tr("Django's startproject default; a change writes MIDDLEWARE into the file.");
    if (problems > 0)
        text += QStringLiteral(" ") + (problems == 1 ? tr("1 entry is out of place (see its tooltip).")
                                                     : tr("%1 entries are out of place (see their tooltips).").arg(problems));
    status_->setText(text);
}

void MiddlewarePanel::removeSelected()
{
    if (model_ == nullptr)
        return;
    const QModelIndexList selected = view_->selectionModel()->selectedIndexes();
    if (!selected.isEmpty())
        model_->removeRows(selected.front().row(), 1);
}

void MiddlewarePanel::add(const QString& path)
{
    if (model_ == nullptr)
        return;
    const int row = model_->addMiddleware(path);
    if (row >= 0)
        view_->setCurrentIndex(model_->index(row));
}

} // namespace pipelab::gui
