// SyntaxTheme: the character formats every highlighter uses, chosen from the widget palette so
// code reads well in light and in dark themes (One Light / One Dark hues, comments and
// punctuation mixed from the palette's own text and base colours).
#pragma once

#include <QPalette>
#include <QTextCharFormat>

#include <functional>

namespace pipelab::gui {

struct SyntaxTheme {
    QTextCharFormat keyword;
    QTextCharFormat builtin;
    QTextCharFormat constant;     // True False None, YAML true/false/null, numbers
    QTextCharFormat string;
    QTextCharFormat interpolation; // f-string {fields}
    QTextCharFormat comment;
    QTextCharFormat decorator;
    QTextCharFormat definition;   // the name after def / class
    QTextCharFormat django;       // models.CharField, render, HttpResponse ...
    QTextCharFormat self;         // self, cls
    QTextCharFormat punctuation;
    QTextCharFormat templateDelimiter; // {% %} {{ }}
    QTextCharFormat templateTag;       // for, endfor, url ...
    QTextCharFormat templateVariable;
    QTextCharFormat templateFilter;
    QTextCharFormat htmlTag;
    QTextCharFormat htmlAttribute;
    QTextCharFormat yamlKey;

    // Background of a marked (jumped-to) line and of lines carrying errors or warnings.
    QColor markedLine;
    QColor errorLine;
    QColor warningLine;
    QColor errorMarker;
    QColor warningMarker;
    // The line running now during playback, and the gutter's queries-per-line badges.
    QColor executingLine;
    QColor executingMarker;
    QColor badge;
    QColor badgeText;

    static bool isDark(const QPalette& palette);
    static SyntaxTheme fromPalette(const QPalette& palette);
};

// How a line highlighter reports a run of characters: (start, length, format). The highlighters
// expose their scanners through it so the YAML highlighter can reuse them inside block scalars.
using FormatFn = std::function<void(int start, int length, const QTextCharFormat& format)>;

// A colour between `a` (t = 0) and `b` (t = 1).
QColor mixColors(const QColor& a, const QColor& b, double t);

} // namespace pipelab::gui
