// YamlHighlighter: colours a whole scenario file: keys, scalars, quoted strings, flow
// punctuation, comments, block scalar indicators — and inside block scalars the language the
// block holds (Python for models/urls/views/middleware/signals/apps, Django template syntax for
// the entries of `templates`), so the Scenario tab reads like the code tabs.
#pragma once

#include "gui/code/syntaxtheme.h"

#include <QSyntaxHighlighter>

namespace pipelab::gui {

class YamlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit YamlHighlighter(QTextDocument* document, const SyntaxTheme& theme);

protected:
    void highlightBlock(const QString& text) override;

private:
    SyntaxTheme theme_;
};

} // namespace pipelab::gui
