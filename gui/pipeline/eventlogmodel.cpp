// EventLogModel: reads the events in place; only the played boundary changes while playing.
#include "gui/pipeline/eventlogmodel.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace pipelab::gui {

EventLogModel::EventLogModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventLogModel::setRequest(std::shared_ptr<const trace::Trace> trace, const trace::RequestTrace* request)
{
    beginResetModel();
    trace_ = std::move(trace);
    request_ = trace_ != nullptr ? request : nullptr;
    position_ = 0;
    endResetModel();
}

void EventLogModel::setPosition(int position)
{
    position = std::clamp(position, 0, rowCount());
    if (position == position_)
        return;
    const int first = std::min(position, position_);
    const int last = std::max(position, position_) - 1;
    position_ = position;
    Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1), {Qt::ForegroundRole, PlayedRole});
}

int EventLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || request_ == nullptr ? 0 : static_cast<int>(request_->events.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::shortLayerName(const std::string& layer)
{
    const QString name = QString::fromStdString(layer);
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? name : name.mid(dot + 1);
}

QString EventLogModel::describe(const trace::Event& event, const trace::RequestTrace& request)
{
    if (event.kind == trace::EventKind::Query && event.count >= 0 &&
        event.count < static_cast<std::int64_t>(request.queries.size()))
        return QString::fromStdString(request.queries[static_cast<std::size_t>(event.count)].sql);
    if (event.kind == trace::EventKind::ResponseSent)
        return QString::number(event.count);
    return QString::fromStdString(event.detail);
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const trace::Event& event = request_->events[static_cast<std::size_t>(index.row())];
    const bool played = index.row() < position_;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return index.row() + 1;
        case KindColumn:
            return QString::fromLatin1(trace::eventKindName(event.kind));
        case LayerColumn:
            return shortLayerName(event.layer);
        case DetailColumn:
            return describe(event, *request_);
        case SourceColumn:
            return QString::fromStdString(event.source);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == LayerColumn)
            return QString::fromStdString(event.layer);
        if (index.column() == DetailColumn)
            return describe(event, *request_);
        return {};
    case Qt::ForegroundRole:
        if (!played)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        if (event.kind == trace::EventKind::Exception)
            return QColor(0xd0, 0x3b, 0x3b);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KindRole:
        return static_cast<int>(event.kind);
    case PlayedRole:
        return played;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case KindColumn:
        return tr("Event");
    case LayerColumn:
        return tr("Layer");
    case DetailColumn:
        return tr("Detail");
    case SourceColumn:
        return tr("Source");
    }
    return {};
}

} // namespace pipelab::gui
