// RequestDelegate: paints a scripted request as a coloured method badge, the path in the code
// font, and who sends it (the user, or "anonymous") dimmed at the right.
#pragma once

#include <QStyledItemDelegate>

namespace pipelab::gui {

class RequestDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The badge colour of an HTTP method (GET green, POST amber, ...), readable on light and dark.
    static QColor methodColor(const QString& method);
};

} // namespace pipelab::gui
