// ProblemsView: the Problems panel — the DiagnosticsModel as a list with an icon, the position
// in the code font, the severity and the message. Clicking or activating a row asks the window
// to show that line (problemActivated). With no problems it says so instead of staying blank.
#pragma once

#include <QListView>

namespace pipelab::gui {

class DiagnosticsModel;

class ProblemsView : public QListView {
    Q_OBJECT
public:
    explicit ProblemsView(QWidget* parent = nullptr);

    // Activates a row as a click would.
    void activateRow(int row);

Q_SIGNALS:
    // A 1-based YAML position; line 0 when the problem has none (a file that cannot be read).
    void problemActivated(int line, int column);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void emitFor(const QModelIndex& index);
};

} // namespace pipelab::gui
