// ProblemDelegate: paints a diagnostic row of the Problems panel as aligned columns — the
// severity icon, LINE:COL in the code font, the severity in its colour, then the message.
#pragma once

#include <QStyledItemDelegate>

namespace pipelab::gui {

class ProblemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace pipelab::gui
