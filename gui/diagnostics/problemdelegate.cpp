// ProblemDelegate: fixed-width position and severity columns so the messages line up.
#include "gui/diagnostics/problemdelegate.h"

#include "gui/code/syntaxtheme.h"
#include "gui/diagnostics/diagnosticsmodel.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPainter>

namespace pipelab::gui {

QSize ProblemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), QFontMetrics(option.font).height() + 8));
    return size;
}

void ProblemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget* widget = option.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = (option.state & QStyle::State_Selected) != 0;
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor background = option.palette.color(selected ? QPalette::Highlight : QPalette::Base);
    const QColor dim = mixColors(text, background, 0.4);
    const bool isError = index.data(DiagnosticsModel::IsErrorRole).toBool();

    painter->save();
    const QRect r = option.rect.adjusted(8, 0, -8, 0);
    const QFontMetrics metrics(option.font);
    const int iconSize = std::min(16, r.height() - 4);
    index.data(Qt::DecorationRole).value<QIcon>().paint(
        painter, QRect(r.left(), r.top() + (r.height() - iconSize) / 2, iconSize, iconSize));

    int x = r.left() + iconSize + 8;
    QFont code = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    code.setPointSizeF(option.font.pointSizeF());
    const QFontMetrics codeMetrics(code);
    const int positionWidth = codeMetrics.horizontalAdvance(QStringLiteral("0000:00"));
    painter->setFont(code);
    painter->setPen(dim);
    painter->drawText(QRect(x, r.top(), positionWidth, r.height()), Qt::AlignRight | Qt::AlignVCenter,
                      index.data(DiagnosticsModel::PositionRole).toString());
    x += positionWidth + 12;

    QFont severityFont = option.font;
    severityFont.setWeight(QFont::DemiBold);
    const int severityWidth = QFontMetrics(severityFont).horizontalAdvance(QStringLiteral("warning"));
    painter->setFont(severityFont);
    const SyntaxTheme theme = SyntaxTheme::fromPalette(option.palette);
    painter->setPen(selected ? text : (isError ? theme.errorMarker : theme.warningMarker));
    painter->drawText(QRect(x, r.top(), severityWidth, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(DiagnosticsModel::SeverityRole).toString());
    x += severityWidth + 12;

    painter->setFont(option.font);
    painter->setPen(text);
    const int width = r.right() - x;
    painter->drawText(QRect(x, r.top(), width, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(index.data(DiagnosticsModel::MessageRole).toString(), Qt::ElideRight, width));
    painter->restore();
}

} // namespace pipelab::gui
