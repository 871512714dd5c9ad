// DiagnosticsModel: the problems of the loaded scenario — errors and warnings from the loader, in
// file order. Each row reads "LINE:COL  error  MESSAGE", with an icon for its severity.
#pragma once

#include "sim/scenario/sourcepos.h"

#include <QAbstractListModel>
#include <QIcon>

#include <vector>

namespace pipelab::gui {

class DiagnosticsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        SeverityRole = Qt::UserRole + 1, // "error" or "warning"
        IsErrorRole,                     // bool
        LineRole,                        // 1-based YAML line, 0 when unknown
        ColumnRole,                      // 1-based YAML column, 0 when unknown
        PositionRole,                    // "LINE:COL", or "" when unknown
        MessageRole,
        FormattedRole,                   // "FILE:LINE:COL: error: MESSAGE", as the CLI prints it
    };

    explicit DiagnosticsModel(QObject* parent = nullptr);

    void setDiagnostics(std::vector<scenario::Diagnostic> diagnostics);
    void clear();
    const scenario::Diagnostic& diagnostic(int row) const { return diagnostics_.at(static_cast<std::size_t>(row)); }
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<scenario::Diagnostic> diagnostics_;
    QIcon errorIcon_;
    QIcon warningIcon_;
};

} // namespace pipelab::gui
