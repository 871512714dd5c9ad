// DiagnosticsModel: a read-only list over scenario::Diagnostic values.
#include "gui/diagnostics/diagnosticsmodel.h"

#include <algorithm>

namespace pipelab::gui {

using scenario::Diagnostic;

DiagnosticsModel::DiagnosticsModel(QObject* parent)
    : QAbstractListModel(parent),
      errorIcon_(QStringLiteral(":/pipelab/icons/error.svg")),
      warningIcon_(QStringLiteral(":/pipelab/icons/warning.svg"))
{
}

void DiagnosticsModel::setDiagnostics(std::vector<Diagnostic> diagnostics)
{
    beginResetModel();
    diagnostics_ = std::move(diagnostics);
    endResetModel();
}

void DiagnosticsModel::clear()
{
    setDiagnostics({});
}

int DiagnosticsModel::errorCount() const
{
    return static_cast<int>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                          [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; }));
}

int DiagnosticsModel::warningCount() const
{
    return static_cast<int>(diagnostics_.size()) - errorCount();
}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(diagnostics_.size());
}

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Diagnostic& d = diagnostics_[static_cast<std::size_t>(index.row())];
    const bool isError = d.severity == Diagnostic::Severity::Error;
    const QString severity = isError ? QStringLiteral("error") : QStringLiteral("warning");
    const QString position = d.pos.line > 0 ? QStringLiteral("%1:%2").arg(d.pos.line).arg(d.pos.column) : QString();
    const QString message = QString::fromStdString(d.message);
    switch (role) {
    case Qt::DisplayRole:
        return position.isEmpty() ? severity + QStringLiteral("  ") + message
                                  : position + QStringLiteral("  ") + severity + QStringLiteral("  ") + message;
    case Qt::DecorationRole:
        return isError ? errorIcon_ : warningIcon_;
    case Qt::ToolTipRole:
    case FormattedRole:
        return QString::fromStdString(d.format());
    case SeverityRole:
        return severity;
    case IsErrorRole:
        return isError;
    case LineRole:
        return d.pos.line;
    case ColumnRole:
        return d.pos.column;
    case PositionRole:
        return position;
    case MessageRole:
        return message;
    default:
        return {};
    }
}

QHash<int, QByteArray> DiagnosticsModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(SeverityRole, "severity");
    names.insert(IsErrorRole, "isError");
    names.insert(LineRole, "line");
    names.insert(ColumnRole, "column");
    names.insert(PositionRole, "position");
    names.insert(MessageRole, "message");
    names.insert(FormattedRole, "formatted");
    return names;
}

} // namespace pipelab::gui
