// MiddlewareDelegate: paints a middleware row as its position in the chain, the class name in
// the normal text colour, and the module path smaller and dimmer beneath it.
#pragma once

#include <QStyledItemDelegate>

namespace pipelab::gui {

class MiddlewareDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace pipelab::gui
