// MiddlewareDelegate: two text lines beside a numbered badge; colours from the view's palette; a
// warning mark at the right of an entry that breaks Django's ordering rules.
#include "gui/middleware/middlewaredelegate.h"

#include "gui/code/syntaxtheme.h"
#include "gui/middleware/middlewarelistmodel.h"

#include <QApplication>
#include <QPainter>

namespace pipelab::gui {

namespace {

constexpr int Padding = 6;
constexpr int BadgeGap = 10;

QFont pathFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.88);
    return font;
}

} // namespace

QSize MiddlewareDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics name(option.font);
    const QFontMetrics path(pathFont(option.font));
    return {200, Padding * 2 + name.height() + path.height() + 1};
}

void MiddlewareDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = (option.state & QStyle::State_Selected) != 0;
    const QPalette& pal = option.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor background = pal.color(selected ? QPalette::Highlight : QPalette::Base);
    const QColor dim = mixColors(text, background, 0.42);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(Padding + 2, Padding, -Padding, -Padding);

    // The position in the chain: Django calls the first entry first on the way in.
    const QFontMetrics nameMetrics(option.font);
    const int badge = nameMetrics.height() + 2;
    const QRectF badgeRect(r.left(), r.top() + (r.height() - badge) / 2.0, badge, badge);
    painter->setPen(Qt::NoPen);
    painter->setBrush(mixColors(background, text, 0.10));
    painter->drawEllipse(badgeRect);
    QFont badgeFont = pathFont(option.font);
    badgeFont.setBold(true);
    painter->setFont(badgeFont);
    painter->setPen(dim);
    painter->drawText(badgeRect, Qt::AlignCenter, QString::number(index.row() + 1));

    const QString problem = index.data(MiddlewareListModel::ProblemRole).toString();
    const int warningSize = problem.isEmpty() ? 0 : nameMetrics.height();
    if (!problem.isEmpty()) {
        // A round "!" in the warning colour; the tooltip says which rule is broken.
        const QRectF mark(r.right() - warningSize, r.top() + (r.height() - warningSize) / 2.0, warningSize, warningSize);
        painter->setPen(Qt::NoPen);
        painter->setBrush(SyntaxTheme::fromPalette(pal).warningMarker);
        painter->drawEllipse(mark);
        QFont markFont = option.font;
        markFont.setBold(true);
        painter->setFont(markFont);
        painter->setPen(QColor(Qt::white));
        painter->drawText(mark, Qt::AlignCenter, QStringLiteral("!"));
    }

    const int textLeft = r.left() + badge + BadgeGap;
    const int textWidth = r.right() - textLeft - (warningSize > 0 ? warningSize + BadgeGap : 0);
    QFont nameFont = option.font;
    nameFont.setWeight(QFont::DemiBold);
    painter->setFont(nameFont);
    painter->setPen(text);
    const QString name = index.data(MiddlewareListModel::ClassNameRole).toString();
    painter->drawText(QRect(textLeft, r.top(), textWidth, nameMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, textWidth));

    const QFont smallFont = pathFont(option.font);
    const QFontMetrics pathMetrics(smallFont);
    painter->setFont(smallFont);
    painter->setPen(dim);
    const QString module = index.data(MiddlewareListModel::ModulePathRole).toString();
    painter->drawText(QRect(textLeft, r.top() + nameMetrics.height() + 1, textWidth, pathMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, pathMetrics.elidedText(module, Qt::ElideMiddle, textWidth));
    painter->restore();
}

} // namespace pipelab::gui
