// MiddlewareListModel: the scenario's effective MIDDLEWARE setting, in order — what Django wraps
// around every view, outermost first. One row per entry: the class name, its module path, the
// YAML line it was written on (0 for the startproject default) and any ordering problem.
//
// Attached to a ScenarioDocument and an undo stack (setDocument), the model is editable: moving
// (moveRows, drag and drop with QListView's InternalMove), inserting and removing rows each push
// one ScenarioEditCommand that rewrites MIDDLEWARE in the YAML text; the model then follows the
// document's loaded() signal. Without a document it is a plain list.
#pragma once

#include "sim/scenario/scenario.h"

#include <QAbstractListModel>
#include <QStringList>

#include <vector>

class QUndoStack;

namespace pipelab::gui {

class ScenarioDocument;

class MiddlewareListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        ClassNameRole = Qt::UserRole + 1, // "SessionMiddleware"
        ModulePathRole,                   // "django.contrib.sessions.middleware"
        DottedPathRole,                   // the whole entry as written
        LineRole,                         // YAML line, 0 when not written in the file
        ProblemRole,                      // ordering problem (MiddlewareCatalog), empty if none
    };

    // Drag data: the dragged rows (this model's rows) or dotted paths (from a catalog).
    static constexpr const char* RowsMimeType = "application/x-pipelab-middleware-rows";
    static constexpr const char* PathsMimeType = "application/x-pipelab-middleware-paths";

    explicit MiddlewareListModel(QObject* parent = nullptr);

    // Follows `document` from now on and makes edits undoable on `undoStack`. Either may be null
    // (the model is then read-only as far as the file goes).
    void setDocument(ScenarioDocument* document, QUndoStack* undoStack);

    void setMiddleware(const std::vector<scenario::Settings::Entry>& entries);
    void clear();
    QStringList paths() const;

    // Edits. Each returns false, and emits editFailed() with the reason, when the edit cannot be
    // written to the file; nothing changes then.
    bool insertMiddleware(int row, const QString& dottedPath);
    // Inserts at MiddlewareCatalog::suggestedRow and returns the row, or -1.
    int addMiddleware(const QString& dottedPath);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count, const QModelIndex& destinationParent,
                  int destinationChild) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

Q_SIGNALS:
    void editFailed(const QString& message);

private:
    void followDocument();
    // The file's text with `paths` as MIDDLEWARE. False (and editFailed()) when it cannot be
    // written; true with an empty `text` when no document is attached.
    bool edited(const QStringList& paths, QString& text);
    // Pushes the edit made by edited() onto the undo stack, which applies it.
    void commit(const QString& text, const QString& label);
    QString className(int row) const;

    std::vector<scenario::Settings::Entry> entries_;
    std::vector<QString> problems_; // per row
    ScenarioDocument* document_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    QMetaObject::Connection documentConnection_;
};

} // namespace pipelab::gui
