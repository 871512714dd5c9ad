// EventLogModel: one request's trace events as a table (the event log dock). Rows after the
// playback position are greyed out, so the log reads as "what has happened so far".
#pragma once

#include "sim/trace/requesttrace.h"

#include <QAbstractTableModel>

#include <memory>

namespace pipelab::gui {

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NumberColumn, KindColumn, LayerColumn, DetailColumn, SourceColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // trace::EventKind as int
        PlayedRole,                  // bool: at or before the playback position
    };

    explicit EventLogModel(QObject* parent = nullptr);

    // Shows `request` (kept alive by `trace`), or nothing.
    void setRequest(std::shared_ptr<const trace::Trace> trace, const trace::RequestTrace* request);
    // Events [0, position) have been played.
    void setPosition(int position);
    int position() const { return position_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "SessionMiddleware" for "django.contrib.sessions.middleware.SessionMiddleware".
    static QString shortLayerName(const std::string& layer);
    // The event's one-line description: "GET /dashboard/", "process_view", query SQL ...
    static QString describe(const trace::Event& event, const trace::RequestTrace& request);

private:
    std::shared_ptr<const trace::Trace> trace_;
    const trace::RequestTrace* request_ = nullptr;
    int position_ = 0;
};

} // namespace pipelab::gui
