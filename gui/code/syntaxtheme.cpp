// SyntaxTheme: palette-aware formats shared by the Python, Django template and YAML highlighters.
#include "gui/code/syntaxtheme.h"

namespace pipelab::gui {

QColor mixColors(const QColor& a, const QColor& b, double t)
{
    const auto mix = [t](double x, double y) { return x + (y - x) * t; };
    return QColor::fromRgbF(static_cast<float>(mix(a.redF(), b.redF())),
                            static_cast<float>(mix(a.greenF(), b.greenF())),
                            static_cast<float>(mix(a.blueF(), b.blueF())));
}

bool SyntaxTheme::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

namespace {

QTextCharFormat format(const QColor& color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::DemiBold);
    if (italic)
        f.setFontItalic(true);
    return f;
}

} // namespace

SyntaxTheme SyntaxTheme::fromPalette(const QPalette& palette)
{
    const bool dark = isDark(palette);
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);

    // One Dark / One Light hues.
    const QColor purple = dark ? QColor(0xc6, 0x78, 0xdd) : QColor(0xa6, 0x26, 0xa4);
    const QColor blue = dark ? QColor(0x61, 0xaf, 0xef) : QColor(0x40, 0x78, 0xf2);
    const QColor green = dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x50, 0xa1, 0x4f);
    const QColor orange = dark ? QColor(0xd1, 0x9a, 0x66) : QColor(0x98, 0x68, 0x01);
    const QColor yellow = dark ? QColor(0xe5, 0xc0, 0x7b) : QColor(0xc1, 0x84, 0x01);
    const QColor red = dark ? QColor(0xe0, 0x6c, 0x75) : QColor(0xe4, 0x56, 0x49);
    const QColor cyan = dark ? QColor(0x56, 0xb6, 0xc2) : QColor(0x01, 0x84, 0xbc);

    SyntaxTheme t;
    t.keyword = format(purple);
    t.builtin = format(cyan);
    t.constant = format(orange);
    t.string = format(green);
    t.interpolation = format(text);
    t.comment = format(mixColors(text, base, 0.45), false, true);
    t.decorator = format(yellow);
    t.definition = format(blue);
    t.django = format(yellow);
    t.self = format(red, false, true);
    t.punctuation = format(mixColors(text, base, 0.35));
    t.templateDelimiter = format(purple, true);
    t.templateTag = format(purple);
    t.templateVariable = format(blue);
    t.templateFilter = format(cyan);
    t.htmlTag = format(red);
    t.htmlAttribute = format(orange);
    t.yamlKey = format(red);

    QColor marked = palette.color(QPalette::Highlight);
    marked.setAlphaF(dark ? 0.35F : 0.22F);
    t.markedLine = marked;
    t.errorMarker = dark ? QColor(0xf0, 0x5a, 0x5a) : QColor(0xd9, 0x3a, 0x3a);
    t.warningMarker = QColor(0xe8, 0xa3, 0x17);
    t.errorLine = mixColors(base, t.errorMarker, dark ? 0.22 : 0.12);
    t.warningLine = mixColors(base, t.warningMarker, dark ? 0.20 : 0.14);
    t.executingMarker = green;
    t.executingLine = mixColors(base, green, dark ? 0.28 : 0.20);
    // Query badges in the database's colour (orange), strong enough to spot ×500 from the back row.
    t.badge = dark ? QColor(0xd1, 0x7a, 0x22) : QColor(0xe3, 0x7b, 0x12);
    t.badgeText = QColor(0xff, 0xff, 0xff);
    return t;
}

} // namespace pipelab::gui
