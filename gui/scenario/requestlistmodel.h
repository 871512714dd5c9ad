// RequestListModel: the scenario's scripted requests as written (a `repeat: N` item is one row
// showing ×N). Row r is the request item r of the file; its first copy has expandedIndex().
#pragma once

#include "sim/scenario/scenario.h"

#include <QAbstractListModel>

#include <vector>

namespace pipelab::gui {

class RequestListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        MethodRole = Qt::UserRole + 1, // "GET"
        PathRole,                      // "/dashboard/?page=2"
        UserRole,                      // username, or an empty string for an anonymous browser
        RepeatRole,                    // copies this item expands to
        ExpandedIndexRole,             // index of its first copy in expandedRequests()
        LineRole,                      // YAML line
    };

    explicit RequestListModel(QObject* parent = nullptr);

    void setRequests(const std::vector<scenario::Request>& requests);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<scenario::Request> requests_;
    std::vector<std::int64_t> expandedIndex_;
};

} // namespace pipelab::gui
