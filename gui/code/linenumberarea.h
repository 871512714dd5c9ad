// LineNumberArea: the gutter beside a CodeEditor. It owns no state; the editor paints it.
#pragma once

#include <QWidget>

namespace pipelab::gui {

class CodeEditor;

class LineNumberArea : public QWidget {
    Q_OBJECT
public:
    explicit LineNumberArea(CodeEditor* editor);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    CodeEditor* editor_;
};

} // namespace pipelab::gui
