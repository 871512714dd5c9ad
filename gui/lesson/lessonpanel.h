// LessonPanel: the Lesson dock — the current step of a LessonPlayer: its text (Markdown), an
// `ask` with its answer hidden behind Reveal, a run's outcome, a `compare` as two runs side by
// side; and the controls Restart, Back, Next, Presenter. The panel only displays; the window
// carries out what a step does to the rest of the screen.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace pipelab::gui {

class LessonPlayer;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(LessonPlayer* player, QWidget* parent = nullptr);

    QLabel* stepLabel() const { return stepLabel_; }
    QTextBrowser* textView() const { return text_; }
    QPushButton* restartButton() const { return restart_; }
    QPushButton* revealButton() const { return reveal_; }
    QPushButton* nextButton() const { return next_; }
    QPushButton* backButton() const { return back_; }
    QPushButton* presenterButton() const { return presenter_; }
    QTableWidget* compareTable() const { return compare_; }

    // Presenter mode: larger text for a projector.
    void setPresenting(bool presenting);

Q_SIGNALS:
    void presenterToggled(bool on);

private:
    void showStep();

    LessonPlayer* player_;
    QLabel* stepLabel_;
    QTextBrowser* text_;
    QTableWidget* compare_;
    QPushButton* restart_;
    QPushButton* back_;
    QPushButton* reveal_;
    QPushButton* next_;
    QPushButton* presenter_;
    bool presenting_ = false;
};

} // namespace pipelab::gui
