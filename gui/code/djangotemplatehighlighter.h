// DjangoTemplateHighlighter: colours Django template source: {% tags %} (tag name, keywords,
// strings, |filters), {{ variables|filters }}, {# comments #}, {% comment %} blocks across lines,
// and the HTML around them (tags, attributes, <!-- comments -->).
#pragma once

#include "gui/code/syntaxtheme.h"

#include <QSyntaxHighlighter>

namespace pipelab::gui {

class DjangoTemplateHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit DjangoTemplateHighlighter(QTextDocument* document, const SyntaxTheme& theme);

    // Colours text[from..] given the state at `from` (0 at the start of a template); returns the
    // state at the end of the line (inside an HTML tag, an HTML comment or a {% comment %} block).
    static int highlightLine(const QString& text, int from, int state, const SyntaxTheme& theme,
                             const FormatFn& setFormat);

protected:
    void highlightBlock(const QString& text) override;

private:
    SyntaxTheme theme_;
};

} // namespace pipelab::gui
