// CodeEditor: QPlainTextEdit plus the gutter (after Qt's "Code Editor" example), with line
// numbers offset to YAML file lines and diagnostic markers.
#include "gui/code/codeeditor.h"

#include "gui/code/djangotemplatehighlighter.h"
#include "gui/code/linenumberarea.h"
#include "gui/code/pythonhighlighter.h"
#include "gui/code/yamlhighlighter.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

#include <algorithm>

namespace pipelab::gui {

CodeEditor::CodeEditor(QWidget* parent)
    : QPlainTextEdit(parent), lineNumberArea_(new LineNumberArea(this)), theme_(SyntaxTheme::fromPalette(palette()))
{
    setReadOnly(true);
    // Read-only, but the cursor stays visible and movable so a jump to a line shows where it landed.
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFrameShape(QFrame::NoFrame);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(font);
    setTabStopDistance(QFontMetricsF(font).horizontalAdvance(QLatin1Char(' ')) * 4);

    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateLineNumberAreaWidth(); });
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    updateLineNumberAreaWidth();
}

void CodeEditor::setLanguage(Language language)
{
    language_ = language;
    installHighlighter();
}

void CodeEditor::installHighlighter()
{
    delete highlighter_;
    highlighter_ = nullptr;
    switch (language_) {
    case Language::Python:
        highlighter_ = new PythonHighlighter(document(), theme_);
        break;
    case Language::DjangoTemplate:
        highlighter_ = new DjangoTemplateHighlighter(document(), theme_);
        break;
    case Language::Yaml:
        highlighter_ = new YamlHighlighter(document(), theme_);
        break;
    case Language::PlainText:
        break;
    }
}

void CodeEditor::setCode(const QString& text, int firstLineNumber)
{
    firstLineNumber_ = std::max(1, firstLineNumber);
    markedLine_ = 0;
    setPlainText(text);
    updateLineNumberAreaWidth();
    updateExtraSelections();
    lineNumberArea_->update();
}

int CodeEditor::currentLineNumber() const
{
    return firstLineNumber_ + textCursor().blockNumber();
}

QTextBlock CodeEditor::blockForLine(int line) const
{
    return document()->findBlockByNumber(line - firstLineNumber_);
}

bool CodeEditor::goToLine(int line, int column)
{
    const QTextBlock block = blockForLine(line);
    if (!block.isValid())
        return false;
    QTextCursor cursor(block);
    const int offset = std::clamp(column - 1, 0, std::max(0, block.length() - 1));
    cursor.setPosition(block.position() + offset);
    setTextCursor(cursor);
    markedLine_ = line;
    updateExtraSelections();
    centerCursor();
    // A freshly shown tab gets its final size from a pending layout request: centre again after it.
    QMetaObject::invokeMethod(this, [this] { centerCursor(); }, Qt::QueuedConnection);
    lineNumberArea_->update();
    return true;
}

void CodeEditor::setLineMarkers(std::vector<LineMarker> markers)
{
    markers_ = std::move(markers);
    updateExtraSelections();
    lineNumberArea_->update();
}

void CodeEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const auto addLine = [&](int line, const QColor& color) {
        const QTextBlock block = blockForLine(line);
        if (!block.isValid())
            return;
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(color);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(block);
        selections.append(selection);
    };
    for (const LineMarker& marker : markers_)
        addLine(marker.line, marker.kind == LineMarker::Kind::Error ? theme_.errorLine : theme_.warningLine);
    if (markedLine_ > 0)
        addLine(markedLine_, theme_.markedLine);
    setExtraSelections(selections);
}

int CodeEditor::lineNumberAreaWidth() const
{
    const int largest = std::max(99, lastLineNumber());
    const int digits = static_cast<int>(QString::number(largest).size());
    const int markerSpace = fontMetrics().height() / 2 + 6;
    return 10 + markerSpace + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + 10;
}

void CodeEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void CodeEditor::updateLineNumberArea(const QRect& rect, int dy)
{
    if (dy != 0)
        lineNumberArea_->scroll(0, dy);
    else
        lineNumberArea_->update(0, rect.y(), lineNumberArea_->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void CodeEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    lineNumberArea_->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void CodeEditor::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        theme_ = SyntaxTheme::fromPalette(palette());
        installHighlighter();
        updateExtraSelections();
    } else if (event->type() == QEvent::FontChange) {
        updateLineNumberAreaWidth();
    }
}

void CodeEditor::paintLineNumberArea(QPaintEvent* event)
{
    QPainter painter(lineNumberArea_);
    const QPalette pal = palette();
    const QColor gutter = mixColors(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.6);
    painter.fillRect(event->rect(), gutter);
    const QColor numberColor = mixColors(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.55);
    const QColor currentColor = pal.color(QPalette::Text);
    painter.setFont(font());

    const int width = lineNumberArea_->width();
    const int lineHeight = fontMetrics().height();
    const int markerSize = std::max(6, lineHeight / 2);
    const int cursorBlock = textCursor().blockNumber();

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int line = firstLineNumber_ + block.blockNumber();
            const bool current = block.blockNumber() == cursorBlock && hasFocus();
            painter.setPen(current || line == markedLine_ ? currentColor : numberColor);
            painter.drawText(0, top, width - 10, lineHeight, Qt::AlignRight | Qt::AlignVCenter, QString::number(line));

            const auto marker = std::find_if(markers_.begin(), markers_.end(),
                                             [line](const LineMarker& m) { return m.line == line; });
            if (marker != markers_.end()) {
                const bool error = std::any_of(markers_.begin(), markers_.end(), [line](const LineMarker& m) {
                    return m.line == line && m.kind == LineMarker::Kind::Error;
                });
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(error ? theme_.errorMarker : theme_.warningMarker);
                painter.drawEllipse(QRectF(8, top + (lineHeight - markerSize) / 2.0, markerSize, markerSize));
                painter.setRenderHint(QPainter::Antialiasing, false);
            }
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
    painter.setPen(mixColors(gutter, pal.color(QPalette::Text), 0.12));
    painter.drawLine(width - 1, event->rect().top(), width - 1, event->rect().bottom());
}

QString CodeEditor::toolTipForGutterPosition(const QPoint& position) const
{
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (position.y() >= top && position.y() < bottom) {
            const int line = firstLineNumber_ + block.blockNumber();
            QStringList messages;
            for (const LineMarker& marker : markers_) {
                if (marker.line == line)
                    messages.append(marker.message);
            }
            return messages.join(QLatin1Char('\n'));
        }
        block = block.next();
        top = bottom;
    }
    return {};
}

} // namespace pipelab::gui
