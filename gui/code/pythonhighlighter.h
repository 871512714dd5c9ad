// PythonHighlighter: Python syntax colouring for the scenario's code modules (models, urls,
// views, middleware, signals, apps): keywords, builtins, strings (prefixed, triple-quoted across
// lines, f-string fields), comments, numbers, decorators, def/class names and the Django names
// the modules use (models.CharField, render, HttpResponse, Q ...).
#pragma once

#include "gui/code/syntaxtheme.h"

#include <QSyntaxHighlighter>

namespace pipelab::gui {

class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument* document, const SyntaxTheme& theme);

    // Colours text[from..] given the state at `from` (0 at the start of a module); returns the
    // state at the end of the line (non-zero inside a triple-quoted string).
    static int highlightLine(const QString& text, int from, int state, const SyntaxTheme& theme,
                             const FormatFn& setFormat);

protected:
    void highlightBlock(const QString& text) override;

private:
    SyntaxTheme theme_;
};

} // namespace pipelab::gui
