// CodeEditor: a monospace code view with a line-number gutter. The gutter counts from
// firstLineNumber(), so a code block shows the YAML file's own line numbers — the numbers error
// messages and `views:LINE` references use. Lines can carry error/warning markers (a dot in the
// gutter, a tinted background and the message written after the line), one marked line (where a
// jump landed), the executing line of playback, and badges counting the queries each line sent
// ("×500"). Read-only by default; setEditTarget() makes it edit one block of a scenario document,
// applied with Ctrl+Return as an undoable edit of the file.
#pragma once

#include "gui/code/syntaxtheme.h"
#include "sim/scenario/sourcepos.h"
#include "sim/trace/requesttrace.h"

#include <QMap>
#include <QPlainTextEdit>
#include <QSyntaxHighlighter>
#include <QString>

#include <vector>

class QAction;
class QUndoStack;

namespace pipelab::gui {

class LineNumberArea;
class ScenarioDocument;

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
    // Markers for the diagnostics that fall on this editor's lines (all of them when it shows the
    // whole file, firstLineNumber() == 1 and no block key).
    void setDiagnostics(const std::vector<scenario::Diagnostic>& diagnostics);

    // The line playback is executing (YAML numbering), highlighted and scrolled into view
    // without moving the cursor; 0 clears it. Returns false if the line is not in this editor.
    bool setExecutingLine(int yamlLine);
    int executingLine() const { return executingLine_; }

    // Query counts per YAML line, painted as "×N" badges in the gutter (the gutter widens to fit).
    void setLineBadges(const QMap<int, int>& queriesPerLine);
    const QMap<int, int>& lineBadges() const { return badges_; }
    // The badges of `blockKey` ("views", "templates/dashboard.html" ...) for one request: how many
    // of its queries name each line of that block as their source.
    static QMap<int, int> queryBadges(const trace::RequestTrace& request, const QString& blockKey);

    // Makes the editor edit the block `blockKey` of `document`: the text becomes editable and
    // Apply (applyAction(), Ctrl+Return) replaces the block in the file through an undoable
    // ScenarioEditCommand on `undoStack`, which reloads (and so re-runs) the scenario. Syntax
    // errors of the applied code are marked at their line at once. A null document makes the
    // editor read-only again.
    void setEditTarget(ScenarioDocument* scenarioDocument, QUndoStack* undoStack, const QString& blockKey);
    QString blockKey() const { return blockKey_; }
    QAction* applyAction() const { return applyAction_; }
    // Applies the edited text now; false (with a marker saying why) if the file cannot take it.
    bool apply();

    const SyntaxTheme& theme() const { return theme_; }

    // Used by LineNumberArea.
    int lineNumberAreaWidth() const;
    void paintLineNumberArea(QPaintEvent* event);
    QString toolTipForGutterPosition(const QPoint& position) const;

Q_SIGNALS:
    // After apply() wrote the block into the document.
    void applied();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect& rect, int dy);
    void updateExtraSelections();
    QTextBlock blockForLine(int line) const;
    void installHighlighter();
    int badgeWidth() const;
    void paintInlineMessages();

    LineNumberArea* lineNumberArea_;
    QSyntaxHighlighter* highlighter_ = nullptr; // owned by the document
    Language language_ = Language::PlainText;
    SyntaxTheme theme_;
    int firstLineNumber_ = 1;
    int markedLine_ = 0; // 0: none
    int executingLine_ = 0; // 0: none
    std::vector<LineMarker> markers_;
    QMap<int, int> badges_;
    ScenarioDocument* document_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    QString blockKey_;
    QAction* applyAction_;
};

} // namespace pipelab::gui
