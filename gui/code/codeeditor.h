// CodeEditor: a read-only, monospace code view with a line-number gutter. The gutter counts from
// firstLineNumber(), so a code block shows the YAML file's own line numbers — the numbers error
// messages and `views:LINE` references use. Lines can carry error/warning markers (a dot in the
// gutter and a tinted background) and one marked line (where a jump landed).
#pragma once

#include "gui/code/syntaxtheme.h"

#include <QPlainTextEdit>
#include <QSyntaxHighlighter>
#include <QString>

#include <vector>

namespace pipelab::gui {

class LineNumberArea;

class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    struct LineMarker {
        enum class Kind { Error, Warning };
        int line = 0; // in the gutter's numbering
        Kind kind = Kind::Error;
        QString message;
    };

    enum class Language { PlainText, Python, DjangoTemplate, Yaml };

    explicit CodeEditor(QWidget* parent = nullptr);

    // Chooses the highlighter; it follows palette changes (light/dark) by itself.
    void setLanguage(Language language);
    Language language() const { return language_; }

    // Replaces the text; `firstLineNumber` is what the gutter shows for the first line.
    void setCode(const QString& text, int firstLineNumber = 1);
    int firstLineNumber() const { return firstLineNumber_; }
    int lastLineNumber() const { return firstLineNumber_ + blockCount() - 1; }

    // The gutter number of the line holding the text cursor.
    int currentLineNumber() const;

    // Puts the cursor on `line` (gutter numbering) at `column` (1-based, clamped), scrolls it into
    // the middle of the view and marks it. Returns false if the line is not in this editor.
    bool goToLine(int line, int column = 1);
    int markedLine() const { return markedLine_; }

    void setLineMarkers(std::vector<LineMarker> markers);
    const std::vector<LineMarker>& lineMarkers() const { return markers_; }

    const SyntaxTheme& theme() const { return theme_; }

    // Used by LineNumberArea.
    int lineNumberAreaWidth() const;
    void paintLineNumberArea(QPaintEvent* event);
    QString toolTipForGutterPosition(const QPoint& position) const;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect& rect, int dy);
    void updateExtraSelections();
    QTextBlock blockForLine(int line) const;
    void installHighlighter();

    LineNumberArea* lineNumberArea_;
    QSyntaxHighlighter* highlighter_ = nullptr; // owned by the document
    Language language_ = Language::PlainText;
    SyntaxTheme theme_;
    int firstLineNumber_ = 1;
    int markedLine_ = 0; // 0: none
    std::vector<LineMarker> markers_;
};

} // namespace pipelab::gui
