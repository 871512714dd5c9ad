// RequestDelegate: one line per request; the badge is as wide as the widest common method so the
// paths line up.
#include "gui/scenario/requestdelegate.h"

#include "gui/code/syntaxtheme.h"
#include "gui/scenario/requestlistmodel.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPainter>

namespace pipelab::gui {

namespace {

constexpr int Padding = 6;

QFont badgeFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.8);
    font.setBold(true);
    return font;
}

QFont pathFont(const QFont& base)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(base.pointSizeF());
    return font;
}

} // namespace

QColor RequestDelegate::methodColor(const QString& method)
{
    if (method == QLatin1String("GET") || method == QLatin1String("HEAD"))
        return {0x2e, 0x9d, 0x5b};
    if (method == QLatin1String("POST"))
        return {0xd9, 0x8a, 0x0b};
    if (method == QLatin1String("PUT") || method == QLatin1String("PATCH"))
        return {0x3b, 0x7d, 0xd8};
    if (method == QLatin1String("DELETE"))
        return {0xd6, 0x45, 0x45};
    return {0x80, 0x80, 0x90};
}

QSize RequestDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics metrics(pathFont(option.font));
    return {200, Padding * 2 + metrics.height() + 4};
}

void RequestDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
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
    const QColor dim = mixColors(text, background, 0.45);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(Padding + 2, Padding, -Padding - 2, -Padding);

    // Index as `expect`, `mix` and lesson `run` steps count requests.
    const QFont small = badgeFont(option.font);
    const QFontMetrics smallMetrics(small);
    const int indexWidth = smallMetrics.horizontalAdvance(QStringLiteral("00"));
    painter->setFont(small);
    painter->setPen(dim);
    painter->drawText(QRect(r.left(), r.top(), indexWidth, r.height()), Qt::AlignRight | Qt::AlignVCenter,
                      index.data(RequestListModel::ExpandedIndexRole).toString());

    const QString method = index.data(RequestListModel::MethodRole).toString();
    const int badgeWidth = std::max(smallMetrics.horizontalAdvance(QStringLiteral("DELETE")),
                                    smallMetrics.horizontalAdvance(method)) + 12;
    const QRectF badge(r.left() + indexWidth + 8, r.top() + 1, badgeWidth, r.height() - 2);
    const QColor color = methodColor(method);
    painter->setPen(Qt::NoPen);
    // On a selected row the badge keeps a light ground: coloured text on the highlight is unreadable.
    painter->setBrush(mixColors(selected ? pal.color(QPalette::Base) : background, color, 0.18));
    painter->drawRoundedRect(badge, 4, 4);
    painter->setPen(color);
    painter->drawText(badge, Qt::AlignCenter, method);

    const QString user = index.data(RequestListModel::UserRole).toString();
    const qlonglong repeat = index.data(RequestListModel::RepeatRole).toLongLong();
    QString who = user.isEmpty() ? tr("anonymous") : user;
    if (repeat != 1)
        who = QStringLiteral("×%1  ").arg(repeat) + who;
    const QFontMetrics whoMetrics(option.font);
    const int whoWidth = whoMetrics.horizontalAdvance(who);
    painter->setFont(option.font);
    painter->setPen(user.isEmpty() ? dim : text);
    painter->drawText(QRect(r.right() - whoWidth, r.top(), whoWidth, r.height()), Qt::AlignRight | Qt::AlignVCenter, who);

    const int pathLeft = static_cast<int>(badge.right()) + 10;
    const int pathWidth = r.right() - whoWidth - 12 - pathLeft;
    const QFont codeFont = pathFont(option.font);
    painter->setFont(codeFont);
    painter->setPen(text);
    painter->drawText(QRect(pathLeft, r.top(), pathWidth, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(codeFont).elidedText(index.data(RequestListModel::PathRole).toString(),
                                                        Qt::ElideMiddle, pathWidth));
    painter->restore();
}

} // namespace pipelab::gui
