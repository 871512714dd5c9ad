// MiddlewareListModel: splits each dotted path at its last dot into module and class.
#include "gui/middleware/middlewarelistmodel.h"

namespace pipelab::gui {

MiddlewareListModel::MiddlewareListModel(QObject* parent) : QAbstractListModel(parent) {}

void MiddlewareListModel::setMiddleware(const std::vector<scenario::Settings::Entry>& entries)
{
    beginResetModel();
    entries_ = entries;
    endResetModel();
}

void MiddlewareListModel::clear()
{
    setMiddleware({});
}

int MiddlewareListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

QVariant MiddlewareListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& entry = entries_[static_cast<std::size_t>(index.row())];
    const QString path = QString::fromStdString(entry.path);
    const auto dot = path.lastIndexOf(QLatin1Char('.'));
    switch (role) {
    case Qt::DisplayRole:
    case ClassNameRole:
        return dot < 0 ? path : path.mid(dot + 1);
    case ModulePathRole:
        return dot < 0 ? QString() : path.left(dot);
    case DottedPathRole:
    case Qt::ToolTipRole:
        return path;
    case LineRole:
        return entry.pos.line;
    default:
        return {};
    }
}

QHash<int, QByteArray> MiddlewareListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ClassNameRole, "className");
    names.insert(ModulePathRole, "modulePath");
    names.insert(DottedPathRole, "dottedPath");
    names.insert(LineRole, "line");
    return names;
}

} // namespace pipelab::gui
