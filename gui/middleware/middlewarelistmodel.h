// MiddlewareListModel: the scenario's effective MIDDLEWARE setting, in order — what Django wraps
// around every view, outermost first. One row per entry: the class name, its module path, and the
// YAML line it was written on (0 for the startproject default).
#pragma once

#include "sim/scenario/scenario.h"

#include <QAbstractListModel>

#include <vector>

namespace pipelab::gui {

class MiddlewareListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        ClassNameRole = Qt::UserRole + 1, // "SessionMiddleware"
        ModulePathRole,                   // "django.contrib.sessions.middleware"
        DottedPathRole,                   // the whole entry as written
        LineRole,                         // YAML line, 0 when not written in the file
    };

    explicit MiddlewareListModel(QObject* parent = nullptr);

    void setMiddleware(const std::vector<scenario::Settings::Entry>& entries);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<scenario::Settings::Entry> entries_;
};

} // namespace pipelab::gui
