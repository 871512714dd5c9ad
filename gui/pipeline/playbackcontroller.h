// PlaybackController: plays one request's trace events, after OMNeT++'s Qtenv modes — step (one
// event), run (animated, `speed` events a second), fast (no per-event animation, a refresh every
// 100 ms), express (straight to the end, nothing drawn on the way); jump to start/end; seek to any
// position (the timeline scrubber). It owns the clock; views sample it. Nothing here paints, so a
// test drives it with advance() and reads position() and currentEvent().
#pragma once

#include "sim/trace/requesttrace.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace pipelab::gui {

class PlaybackController : public QObject {
    Q_OBJECT
public:
    enum class Mode { Paused, Run, Fast, Express };
    Q_ENUM(Mode)

    static constexpr int FrameIntervalMs = 16;      // ~60 fps while something moves
    static constexpr int FastRefreshMs = 100;       // fast mode redraws this often
    static constexpr double FastEventsPerSecond = 2000;
    static constexpr double MinSpeed = 0.5;
    static constexpr double MaxSpeed = 500;

    explicit PlaybackController(QObject* parent = nullptr);

    // Shows request `index` of `trace` (nullptr or an index out of range: nothing), paused at the
    // start. The trace is shared, never copied.
    void setRequest(std::shared_ptr<const trace::Trace> trace, qsizetype index);
    const trace::RequestTrace* request() const { return request_; }
    qsizetype requestIndex() const { return request_ != nullptr ? index_ : -1; }

    int eventCount() const;
    // Events played: 0 is before the first, eventCount() is the end.
    int position() const { return position_; }
    bool atStart() const { return position_ == 0; }
    bool atEnd() const { return position_ == eventCount(); }
    // The event played last (events[position - 1]), or nullptr at the start.
    const trace::Event* currentEvent() const;
    const trace::Event* event(int index) const;
    // How far the move into the current event has got: 0 just after it was reached, 1 settled.
    // Only Run mode animates; every other way of reaching an event settles at once.
    double phase() const { return phase_; }

    // Running counts over the events played so far (what the counters on the lanes show).
    int queriesPlayed() const { return countAt(queries_); }
    int cacheHitsPlayed() const { return countAt(cacheHits_); }
    int cacheMissesPlayed() const { return countAt(cacheMisses_); }
    int signalsPlayed() const { return countAt(signals_); }

    Mode mode() const { return mode_; }
    bool isPlaying() const { return mode_ != Mode::Paused; }
    double speed() const { return speed_; } // events per second in Run mode
    void setSpeed(double eventsPerSecond);

public Q_SLOTS:
    void step();
    void stepBack();
    void seek(int position);
    void toStart();
    void toEnd();
    void run();
    void fast();
    void express();
    void pause();
    // Run when paused (from the start when at the end), pause when playing.
    void togglePlay();
    // Moves the clock on by `ms` in the current mode. The frame timer calls it with the real time
    // since the last frame; tests call it directly.
    void advance(int ms);

Q_SIGNALS:
    void requestChanged();
    void positionChanged(int position);
    // Run mode moved the token within the current event (phase() changed): redraw it.
    void frameAdvanced();
    void modeChanged(pipelab::gui::PlaybackController::Mode mode);
    void speedChanged(double eventsPerSecond);
    // Playback reached the end by itself.
    void finished();

private:
    void setMode(Mode mode);
    void setPosition(int position, double phase);
    void tick();
    int countAt(const std::vector<int>& cumulative) const;

    std::shared_ptr<const trace::Trace> trace_;
    const trace::RequestTrace* request_ = nullptr;
    qsizetype index_ = -1;
    // cumulative[i]: how many of events[0, i) are of the kind (size eventCount() + 1).
    std::vector<int> queries_, cacheHits_, cacheMisses_, signals_;

    int position_ = 0;
    double phase_ = 1;
    double carriedMs_ = 0; // time spent in the current event (Run) or since the last refresh (Fast)
    Mode mode_ = Mode::Paused;
    double speed_ = 12;
    QTimer timer_;
    QElapsedTimer frameClock_;
};

} // namespace pipelab::gui
