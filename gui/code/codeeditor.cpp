// CodeEditor: QPlainTextEdit plus the gutter (after Qt's "Code Editor" example), with line
// numbers offset to YAML file lines, diagnostic markers, query badges and the executing line.
#include "gui/code/codeeditor.h"

#include "gui/code/codesyntaxcheck.h"
#include "gui/code/djangotemplatehighlighter.h"
#include "gui/code/linenumberarea.h"
#include "gui/code/pythonhighlighter.h"
#include "gui/code/yamlhighlighter.h"
#include "gui/scenario/scenariodocument.h"
#include "gui/scenario/scenarioedit.h"
#include "gui/scenario/scenarioeditcommand.h"

#include <QAction>
#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextLayout>
#include <QUndoStack>

#include <algorithm>
#include <memory>

namespace pipelab::gui {

namespace {

constexpr int BadgePadding = 5;

QString badgeText(int queries)
{
    return QStringLiteral("×%1").arg(queries);
}

} // namespace

CodeEditor::CodeEditor(QWidget* parent)
    : QPlainTextEdit(parent), lineNumberArea_(new LineNumberArea(this)), theme_(SyntaxTheme::fromPalette(palette())),
      applyAction_(new QAction(tr("Apply and re-run"), this))
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

    applyAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    applyAction_->setShortcutContext(Qt::WidgetShortcut);
    applyAction_->setToolTip(tr("Write this block into the scenario and run it again (Ctrl+Return)"));
    applyAction_->setEnabled(false);
    addAction(applyAction_);
    connect(applyAction_, &QAction::triggered, this, [this] { apply(); });
    connect(this, &QPlainTextEdit::modificationChanged, this,
            [this](bool changed) { applyAction_->setEnabled(changed && document_ != nullptr); });
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

void CodeEditor::setDiagnostics(const std::vector<scenario::Diagnostic>& diagnostics)
{
    std::vector<LineMarker> markers;
    const bool wholeFile = firstLineNumber_ == 1 && blockKey_.isEmpty();
    for (const scenario::Diagnostic& d : diagnostics) {
        if (d.pos.line <= 0 || (!wholeFile && (d.pos.line < firstLineNumber_ || d.pos.line > lastLineNumber())))
            continue;
        markers.push_back({d.pos.line,
                           d.severity == scenario::Diagnostic::Severity::Error ? LineMarker::Kind::Error
                                                                               : LineMarker::Kind::Warning,
                           QString::fromStdString(d.message)});
    }
    setLineMarkers(std::move(markers));
}

bool CodeEditor::setExecutingLine(int yamlLine)
{
    const QTextBlock block = yamlLine > 0 ? blockForLine(yamlLine) : QTextBlock();
    executingLine_ = block.isValid() ? yamlLine : 0;
    updateExtraSelections();
    lineNumberArea_->update();
    if (!block.isValid())
        return false;
    // Scrolled so the line sits in the middle third of the view, leaving the cursor alone.
    const int visibleLines = std::max(1, viewport()->height() / std::max(1, fontMetrics().height()));
    const int first = verticalScrollBar()->value();
    const int number = block.blockNumber();
    if (number < first + visibleLines / 3 || number > first + visibleLines * 2 / 3)
        verticalScrollBar()->setValue(number - visibleLines / 2);
    return true;
}

void CodeEditor::setLineBadges(const QMap<int, int>& queriesPerLine)
{
    badges_ = queriesPerLine;
    updateLineNumberAreaWidth();
    lineNumberArea_->setGeometry(QRect(contentsRect().left(), contentsRect().top(), lineNumberAreaWidth(),
                                       contentsRect().height()));
    lineNumberArea_->update();
}

QMap<int, int> CodeEditor::queryBadges(const trace::RequestTrace& request, const QString& blockKey)
{
    QMap<int, int> badges;
    const std::string prefix = blockKey.toStdString() + ":";
    for (const trace::Query& query : request.queries) {
        if (query.source.rfind(prefix, 0) != 0)
            continue;
        bool ok = false;
        const int line = QString::fromStdString(query.source.substr(prefix.size())).toInt(&ok);
        if (ok && line > 0)
            ++badges[line];
    }
    return badges;
}

void CodeEditor::setEditTarget(ScenarioDocument* scenarioDocument, QUndoStack* undoStack, const QString& blockKey)
{
    document_ = scenarioDocument;
    undoStack_ = undoStack;
    blockKey_ = scenarioDocument != nullptr ? blockKey : QString();
    setReadOnly(scenarioDocument == nullptr);
    setTextInteractionFlags(scenarioDocument == nullptr ? Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard
                                                        : Qt::TextEditorInteraction);
    document()->setModified(false);
    applyAction_->setEnabled(false);
}

bool CodeEditor::apply()
{
    if (document_ == nullptr)
        return false;
    const QString code = toPlainText();
    const ScenarioEdit::Result edit = ScenarioEdit::replaceBlock(document_->text(), blockKey_, code);
    if (!edit.ok()) {
        setLineMarkers({{firstLineNumber_, LineMarker::Kind::Error, edit.error}});
        return false;
    }
    std::vector<LineMarker> problems = CodeSyntaxCheck::check(blockKey_, code, firstLineNumber_);

    auto command = std::make_unique<ScenarioEditCommand>(document_, document_->text(), edit.text,
                                                         tr("Edit %1").arg(blockKey_));
    if (undoStack_ != nullptr)
        undoStack_->push(command.release()); // the stack owns it; push() applies it
    else
        command->redo();
    document()->setModified(false);
    setLineMarkers(std::move(problems));
    Q_EMIT applied();
    return true;
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
    if (executingLine_ > 0)
        addLine(executingLine_, theme_.executingLine);
    if (markedLine_ > 0)
        addLine(markedLine_, theme_.markedLine);
    setExtraSelections(selections);
}

int CodeEditor::lineNumberAreaWidth() const
{
    const int largest = std::max(99, lastLineNumber());
    const int digits = static_cast<int>(QString::number(largest).size());
    const int markerSpace = fontMetrics().height() / 2 + 6;
    return 10 + badgeWidth() + markerSpace + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + 10;
}

int CodeEditor::badgeWidth() const
{
    int widest = 0;
    for (int queries : badges_)
        widest = std::max(widest, fontMetrics().horizontalAdvance(badgeText(queries)));
    return widest == 0 ? 0 : widest + 2 * BadgePadding + 4;
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
    const int badgeSpace = badgeWidth();
    const int markerLeft = 8 + badgeSpace;

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int line = firstLineNumber_ + block.blockNumber();
            const bool current = block.blockNumber() == cursorBlock && hasFocus();
            painter.setPen(current || line == markedLine_ || line == executingLine_ ? currentColor : numberColor);
            painter.drawText(0, top, width - 10, lineHeight, Qt::AlignRight | Qt::AlignVCenter, QString::number(line));

            if (const auto badge = badges_.constFind(line); badge != badges_.constEnd()) {
                const QRectF pill(4, top + 1, badgeSpace - 4, lineHeight - 2);
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(theme_.badge);
                painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
                QFont bold = font();
                bold.setBold(true);
                painter.setFont(bold);
                painter.setPen(theme_.badgeText);
                painter.drawText(pill, Qt::AlignCenter, badgeText(*badge));
                painter.setFont(font());
                painter.setRenderHint(QPainter::Antialiasing, false);
            }
            if (line == executingLine_) {
                // A play triangle where the marker dot would go.
                const double y = top + lineHeight / 2.0;
                const double h = markerSize;
                const QPointF triangle[3] = {{double(markerLeft), y - h / 2}, {markerLeft + h * 0.9, y},
                                             {double(markerLeft), y + h / 2}};
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(theme_.executingMarker);
                painter.drawPolygon(triangle, 3);
                painter.setRenderHint(QPainter::Antialiasing, false);
            }

            const auto marker = std::find_if(markers_.begin(), markers_.end(),
                                             [line](const LineMarker& m) { return m.line == line; });
            if (marker != markers_.end()) {
                const bool error = std::any_of(markers_.begin(), markers_.end(), [line](const LineMarker& m) {
                    return m.line == line && m.kind == LineMarker::Kind::Error;
                });
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(error ? theme_.errorMarker : theme_.warningMarker);
                painter.drawEllipse(QRectF(markerLeft, top + (lineHeight - markerSize) / 2.0, markerSize, markerSize));
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

void CodeEditor::paintEvent(QPaintEvent* event)
{
    QPlainTextEdit::paintEvent(event);
    paintInlineMessages();
}

void CodeEditor::paintInlineMessages()
{
    // Each marker's message after the end of its line, like an editor's "error lens": the reader
    // sees what is wrong where it is wrong, without hovering.
    if (markers_.empty())
        return;
    QPainter painter(viewport());
    QFont italic = font();
    italic.setItalic(true);
    painter.setFont(italic);
    const QFontMetrics metrics(italic);
    const int gap = metrics.horizontalAdvance(QStringLiteral("    "));
    for (const LineMarker& marker : markers_) {
        const QTextBlock block = blockForLine(marker.line);
        if (!block.isValid() || !block.isVisible() || block.layout() == nullptr || block.layout()->lineCount() == 0)
            continue;
        const QRectF geometry = blockBoundingGeometry(block).translated(contentOffset());
        if (geometry.bottom() < 0 || geometry.top() > viewport()->height())
            continue;
        const qreal x = geometry.left() + block.layout()->lineAt(0).naturalTextWidth() + gap;
        const int available = viewport()->width() - static_cast<int>(x) - 4;
        if (available < metrics.horizontalAdvance(QStringLiteral("…")) * 4)
            continue;
        const QString firstLine = marker.message.section(QLatin1Char('\n'), 0, 0);
        painter.setPen(marker.kind == LineMarker::Kind::Error ? theme_.errorMarker : theme_.warningMarker);
        painter.drawText(QRectF(x, geometry.top(), available, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(firstLine, Qt::ElideRight, available));
    }
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
            if (const auto badge = badges_.constFind(line); badge != badges_.constEnd())
                messages.append(*badge == 1 ? tr("1 SQL query sent from this line")
                                            : tr("%1 SQL queries sent from this line").arg(*badge));
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
