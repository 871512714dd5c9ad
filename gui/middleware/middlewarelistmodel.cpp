// MiddlewareListModel: splits each dotted path at its last dot into module and class. Edits are
// checked (ScenarioEdit) before the model changes, so a refused edit leaves both model and file as
// they were; the document's reload afterwards only refreshes line numbers.
#include "gui/middleware/middlewarelistmodel.h"

#include "gui/middleware/middlewarecatalog.h"
#include "gui/scenario/scenariodocument.h"
#include "gui/scenario/scenarioedit.h"
#include "gui/scenario/scenarioeditcommand.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>
#include <QUndoStack>

#include <algorithm>
#include <memory>

namespace pipelab::gui {

MiddlewareListModel::MiddlewareListModel(QObject* parent) : QAbstractListModel(parent) {}

void MiddlewareListModel::setDocument(ScenarioDocument* document, QUndoStack* undoStack)
{
    disconnect(documentConnection_);
    document_ = document;
    undoStack_ = undoStack;
    if (document_ != nullptr) {
        documentConnection_ = connect(document_, &ScenarioDocument::loaded, this, &MiddlewareListModel::followDocument);
        followDocument();
    }
}

void MiddlewareListModel::followDocument()
{
    if (const scenario::Scenario* scenario = document_->scenario())
        setMiddleware(scenario->settings.middleware);
    else
        clear();
}

void MiddlewareListModel::setMiddleware(const std::vector<scenario::Settings::Entry>& entries)
{
    const bool samePaths = std::equal(entries.begin(), entries.end(), entries_.begin(), entries_.end(),
                                      [](const auto& a, const auto& b) { return a.path == b.path; });
    if (!samePaths)
        beginResetModel();
    entries_ = entries;
    problems_.assign(entries_.size(), QString());
    for (const MiddlewareCatalog::Problem& problem : MiddlewareCatalog::orderingProblems(paths())) {
        QString& text = problems_[static_cast<std::size_t>(problem.row)];
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + problem.message;
    }
    if (!samePaths)
        endResetModel();
    else if (!entries_.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

void MiddlewareListModel::clear()
{
    setMiddleware({});
}

QStringList MiddlewareListModel::paths() const
{
    QStringList list;
    for (const auto& entry : entries_)
        list.append(QString::fromStdString(entry.path));
    return list;
}

QString MiddlewareListModel::className(int row) const
{
    const QString path = QString::fromStdString(entries_[static_cast<std::size_t>(row)].path);
    return path.mid(path.lastIndexOf(QLatin1Char('.')) + 1);
}

int MiddlewareListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

QVariant MiddlewareListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const QString path = QString::fromStdString(entries_[row].path);
    const auto dot = path.lastIndexOf(QLatin1Char('.'));
    switch (role) {
    case Qt::DisplayRole:
    case ClassNameRole:
        return dot < 0 ? path : path.mid(dot + 1);
    case ModulePathRole:
        return dot < 0 ? QString() : path.left(dot);
    case DottedPathRole:
        return path;
    case Qt::ToolTipRole: {
        QString tip = path;
        if (const MiddlewareCatalog::Entry* entry = MiddlewareCatalog::find(path))
            tip += QStringLiteral("\n") + entry->explanation;
        if (!problems_[row].isEmpty())
            tip += QStringLiteral("\n\n⚠ ") + problems_[row];
        return tip;
    }
    case LineRole:
        return entries_[row].pos.line;
    case ProblemRole:
        return problems_[row];
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
    names.insert(ProblemRole, "problem");
    return names;
}

Qt::ItemFlags MiddlewareListModel::flags(const QModelIndex& index) const
{
    // Entries are dragged but never dropped onto: a drop goes between two rows.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return QAbstractListModel::flags(index) | Qt::ItemIsDragEnabled;
}

bool MiddlewareListModel::edited(const QStringList& paths, QString& text)
{
    text.clear();
    if (document_ == nullptr)
        return true;
    const ScenarioEdit::Result edit = ScenarioEdit::setMiddleware(document_->text(), paths);
    if (!edit.ok()) {
        Q_EMIT editFailed(edit.error);
        return false;
    }
    text = edit.text;
    return true;
}

void MiddlewareListModel::commit(const QString& text, const QString& label)
{
    if (document_ == nullptr)
        return;
    auto command = std::make_unique<ScenarioEditCommand>(document_, document_->text(), text, label);
    if (undoStack_ != nullptr)
        undoStack_->push(command.release()); // the stack owns it; push() runs redo(), which sets the text
    else
        command->redo();
}

bool MiddlewareListModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                                   const QModelIndex& destinationParent, int destinationChild)
{
    const int rows = rowCount();
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0 ||
        sourceRow + count > rows || destinationChild < 0 || destinationChild > rows ||
        (destinationChild >= sourceRow && destinationChild <= sourceRow + count))
        return false;

    // Where the block lands once it is taken out.
    const int target = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    QStringList moved = paths();
    const QStringList block = moved.mid(sourceRow, count);
    moved.remove(sourceRow, count);
    for (int i = 0; i < count; ++i)
        moved.insert(target + i, block[i]);

    const QString label = count == 1 ? tr("Move %1").arg(className(sourceRow)) : tr("Move %n middleware", nullptr, count);
    // The text is computed first, so a refused edit moves nothing; it is applied after the view
    // has seen the move, so the dragged row keeps its selection through the reload.
    QString text;
    if (!edited(moved, text))
        return false;
    beginMoveRows({}, sourceRow, sourceRow + count - 1, {}, destinationChild);
    const auto first = entries_.begin() + sourceRow;
    if (destinationChild > sourceRow)
        std::rotate(first, first + count, entries_.begin() + destinationChild);
    else
        std::rotate(entries_.begin() + destinationChild, first, first + count);
    endMoveRows();
    commit(text, label);
    return true;
}

bool MiddlewareListModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    QStringList remaining = paths();
    remaining.remove(row, count);
    const QString label = count == 1 ? tr("Remove %1").arg(className(row)) : tr("Remove %n middleware", nullptr, count);
    QString text;
    if (!edited(remaining, text))
        return false;
    beginRemoveRows({}, row, row + count - 1);
    entries_.erase(entries_.begin() + row, entries_.begin() + row + count);
    problems_.erase(problems_.begin() + row, problems_.begin() + row + count);
    endRemoveRows();
    commit(text, label);
    return true;
}

bool MiddlewareListModel::insertMiddleware(int row, const QString& dottedPath)
{
    if (row < 0 || row > rowCount() || dottedPath.isEmpty())
        return false;
    QStringList grown = paths();
    grown.insert(row, dottedPath);
    const QString label = tr("Add %1").arg(dottedPath.mid(dottedPath.lastIndexOf(QLatin1Char('.')) + 1));
    QString text;
    if (!edited(grown, text))
        return false;
    beginInsertRows({}, row, row);
    entries_.insert(entries_.begin() + row, scenario::Settings::Entry{dottedPath.toStdString(), {}});
    problems_.insert(problems_.begin() + row, QString());
    endInsertRows();
    commit(text, label);
    return true;
}

int MiddlewareListModel::addMiddleware(const QString& dottedPath)
{
    const int row = MiddlewareCatalog::suggestedRow(paths(), dottedPath);
    return insertMiddleware(row, dottedPath) ? row : -1;
}

Qt::DropActions MiddlewareListModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions MiddlewareListModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList MiddlewareListModel::mimeTypes() const
{
    return {QString::fromLatin1(RowsMimeType), QString::fromLatin1(PathsMimeType)};
}

QMimeData* MiddlewareListModel::mimeData(const QModelIndexList& indexes) const
{
    QList<int> rows;
    for (const QModelIndex& index : indexes) {
        if (checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) &&
            !rows.contains(index.row()))
            rows.append(index.row());
    }
    if (rows.isEmpty())
        return nullptr;
    std::sort(rows.begin(), rows.end());
    QByteArray encoded;
    QDataStream stream(&encoded, QIODevice::WriteOnly);
    stream << rows;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(RowsMimeType), encoded);
    QStringList dragged;
    for (int row : rows)
        dragged.append(QString::fromStdString(entries_[static_cast<std::size_t>(row)].path));
    mime->setText(dragged.join(QLatin1Char('\n')));
    return mime;
}

namespace {

// The rows a drag carries when they form one block, else nothing.
QList<int> draggedRows(const QMimeData* data, const char* mimeType, int rowCount)
{
    QList<int> rows;
    QDataStream stream(data->data(QString::fromLatin1(mimeType)));
    stream >> rows;
    if (stream.status() != QDataStream::Ok || rows.isEmpty())
        return {};
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i] != rows.front() + i || rows[i] < 0 || rows[i] >= rowCount)
            return {};
    }
    return rows;
}

QStringList droppedPaths(const QMimeData* data, const char* mimeType)
{
    const QString text = QString::fromUtf8(data->data(QString::fromLatin1(mimeType)));
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

bool MiddlewareListModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                          const QModelIndex& parent) const
{
    if (data == nullptr || parent.isValid())
        return false;
    if (data->hasFormat(QString::fromLatin1(RowsMimeType)))
        return action == Qt::MoveAction && !draggedRows(data, RowsMimeType, rowCount()).isEmpty();
    return data->hasFormat(QString::fromLatin1(PathsMimeType)) && (action == Qt::CopyAction || action == Qt::MoveAction);
}

bool MiddlewareListModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                       const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const int at = row < 0 || row > rowCount() ? rowCount() : row;
    if (data->hasFormat(QString::fromLatin1(RowsMimeType))) {
        const QList<int> rows = draggedRows(data, RowsMimeType, rowCount());
        // Dropped where it already is: accepted, nothing to write.
        if (at >= rows.front() && at <= rows.back() + 1)
            return true;
        return moveRows({}, rows.front(), static_cast<int>(rows.size()), {}, at);
    }
    int next = at;
    for (const QString& path : droppedPaths(data, PathsMimeType)) {
        if (!insertMiddleware(next++, path))
            return false;
    }
    return true;
}

} // namespace pipelab::gui
