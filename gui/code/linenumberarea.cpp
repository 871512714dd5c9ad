// LineNumberArea: forwards painting and tooltips to its CodeEditor.
#include "gui/code/linenumberarea.h"

#include "gui/code/codeeditor.h"

#include <QHelpEvent>
#include <QToolTip>

namespace pipelab::gui {

LineNumberArea::LineNumberArea(CodeEditor* editor) : QWidget(editor), editor_(editor)
{
    setObjectName(QStringLiteral("lineNumberArea"));
}

QSize LineNumberArea::sizeHint() const
{
    return {editor_->lineNumberAreaWidth(), 0};
}

void LineNumberArea::paintEvent(QPaintEvent* event)
{
    editor_->paintLineNumberArea(event);
}

bool LineNumberArea::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString tip = editor_->toolTipForGutterPosition(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace pipelab::gui
