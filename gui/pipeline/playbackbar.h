// PlaybackBar: the controls under the pipeline view — jump to start, step back, run/pause, step,
// fast, express, jump to end — a timeline scrubber over the request's events, a speed slider and a
// line saying which event is showing. Its actions carry the keyboard shortcuts; the main window
// also lists them in its Playback menu.
#pragma once

#include <QStyle>
#include <QWidget>

class QAction;
class QLabel;
class QSlider;

namespace pipelab::gui {

class PlaybackController;

class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    explicit PlaybackBar(PlaybackController* playback, QWidget* parent = nullptr);

    // In menu order: start, step back, run/pause, step, fast, express, end, slower, faster.
    QList<QAction*> playbackActions() const;
    QAction* runAction() const { return run_; }
    QSlider* timeline() const { return timeline_; }
    QSlider* speedSlider() const { return speed_; }
    QLabel* eventLabel() const { return eventLabel_; }

    // Speed slider position ↔ events per second (logarithmic, MinSpeed..MaxSpeed).
    static int sliderForSpeed(double eventsPerSecond);
    static double speedForSlider(int value);
    static constexpr int SpeedSteps = 100;

private:
    QAction* addAction(const QString& text, const QString& toolTip, const QKeySequence& shortcut, QStyle::StandardPixmap icon);
    void updatePosition();
    void updateMode();

    PlaybackController* playback_;
    QAction* start_;
    QAction* back_;
    QAction* run_;
    QAction* step_;
    QAction* fast_;
    QAction* express_;
    QAction* end_;
    QAction* slower_;
    QAction* faster_;
    QSlider* timeline_;
    QSlider* speed_;
    QLabel* speedLabel_;
    QLabel* eventLabel_;
    QList<QAction*> ordered_;
};

} // namespace pipelab::gui
