// RequestListModel: a read-only view of Scenario::requests.
#include "gui/scenario/requestlistmodel.h"

namespace pipelab::gui {

RequestListModel::RequestListModel(QObject* parent) : QAbstractListModel(parent) {}

void RequestListModel::setRequests(const std::vector<scenario::Request>& requests)
{
    beginResetModel();
    requests_ = requests;
    expandedIndex_.clear();
    std::int64_t next = 0;
    for (const auto& request : requests_) {
        expandedIndex_.push_back(next);
        next += request.repeat;
    }
    endResetModel();
}

void RequestListModel::clear()
{
    setRequests({});
}

int RequestListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(requests_.size());
}

QVariant RequestListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const auto& request = requests_[row];
    const QString method = QString::fromStdString(request.method);
    const QString path = QString::fromStdString(request.path);
    const QString user = request.user ? QString::fromStdString(*request.user) : QString();
    switch (role) {
    case Qt::DisplayRole: {
        QString text = method + QLatin1Char(' ') + path;
        if (!user.isEmpty())
            text += tr(" as %1").arg(user);
        if (request.repeat != 1)
            text += QStringLiteral(" ×%1").arg(request.repeat);
        return text;
    }
    case Qt::ToolTipRole: {
        QStringList lines{method + QLatin1Char(' ') + path};
        lines << (user.isEmpty() ? tr("Anonymous browser") : tr("Logged in as %1").arg(user));
        for (const auto& [name, value] : request.data)
            lines << tr("Form field %1 = %2").arg(QString::fromStdString(name), QString::fromStdString(value));
        for (const auto& [name, value] : request.headers)
            lines << tr("Header %1: %2").arg(QString::fromStdString(name), QString::fromStdString(value));
        if (request.secure)
            lines << tr("Over HTTPS");
        if (request.csrf == scenario::Request::Csrf::Missing)
            lines << tr("Without a CSRF token");
        if (request.repeat != 1)
            lines << tr("Sent %1 times").arg(request.repeat);
        lines << tr("Line %1").arg(request.pos.line);
        return lines.join(QLatin1Char('\n'));
    }
    case MethodRole:
        return method;
    case PathRole:
        return path;
    case UserRole:
        return user;
    case RepeatRole:
        return static_cast<qlonglong>(request.repeat);
    case ExpandedIndexRole:
        return static_cast<qlonglong>(expandedIndex_[row]);
    case LineRole:
        return request.pos.line;
    default:
        return {};
    }
}

QHash<int, QByteArray> RequestListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(MethodRole, "method");
    names.insert(PathRole, "path");
    names.insert(UserRole, "user");
    names.insert(RepeatRole, "repeat");
    names.insert(ExpandedIndexRole, "expandedIndex");
    names.insert(LineRole, "line");
    return names;
}

} // namespace pipelab::gui
