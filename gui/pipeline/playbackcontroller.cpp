// PlaybackController: a position into the event list plus a clock that moves it.
#include "gui/pipeline/playbackcontroller.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace pipelab::gui {

namespace {

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

PlaybackController::PlaybackController(QObject* parent) : QObject(parent)
{
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &PlaybackController::tick);
    queries_ = cacheHits_ = cacheMisses_ = signals_ = {0};
}

void PlaybackController::setRequest(std::shared_ptr<const trace::Trace> trace, qsizetype index)
{
    setMode(Mode::Paused);
    trace_ = std::move(trace);
    request_ = nullptr;
    index_ = index;
    if (trace_ != nullptr && index >= 0 && index < static_cast<qsizetype>(trace_->requests.size()))
        request_ = &trace_->requests[static_cast<std::size_t>(index)];

    queries_ = cacheHits_ = cacheMisses_ = signals_ = {0};
    if (request_ != nullptr) {
        for (const trace::Event& e : request_->events) {
            // The cache backends word their operations "ALIAS get KEY hit|miss" (CacheOp detail).
            const bool cache = e.kind == trace::EventKind::CacheOp;
            queries_.push_back(queries_.back() + (e.kind == trace::EventKind::Query ? 1 : 0));
            cacheHits_.push_back(cacheHits_.back() + (cache && endsWith(e.detail, " hit") ? 1 : 0));
            cacheMisses_.push_back(cacheMisses_.back() + (cache && endsWith(e.detail, " miss") ? 1 : 0));
            signals_.push_back(signals_.back() + (e.kind == trace::EventKind::Signal ? 1 : 0));
        }
    }
    position_ = 0;
    phase_ = 1;
    carriedMs_ = 0;
    Q_EMIT requestChanged();
    Q_EMIT positionChanged(position_);
}

int PlaybackController::eventCount() const
{
    return request_ != nullptr ? static_cast<int>(request_->events.size()) : 0;
}

const trace::Event* PlaybackController::event(int index) const
{
    if (index < 0 || index >= eventCount())
        return nullptr;
    return &request_->events[static_cast<std::size_t>(index)];
}

const trace::Event* PlaybackController::currentEvent() const
{
    return event(position_ - 1);
}

int PlaybackController::countAt(const std::vector<int>& cumulative) const
{
    return cumulative[static_cast<std::size_t>(std::clamp(position_, 0, static_cast<int>(cumulative.size()) - 1))];
}

void PlaybackController::setSpeed(double eventsPerSecond)
{
    const double speed = std::clamp(eventsPerSecond, MinSpeed, MaxSpeed);
    if (speed == speed_)
        return;
    speed_ = speed;
    Q_EMIT speedChanged(speed_);
}

void PlaybackController::setMode(Mode mode)
{
    if (mode == mode_)
        return;
    mode_ = mode;
    carriedMs_ = 0;
    if (mode_ == Mode::Run || mode_ == Mode::Fast) {
        timer_.start(mode_ == Mode::Run ? FrameIntervalMs : FastRefreshMs);
        frameClock_.start();
    } else {
        timer_.stop();
    }
    Q_EMIT modeChanged(mode_);
}

void PlaybackController::setPosition(int position, double phase)
{
    position = std::clamp(position, 0, eventCount());
    const bool moved = position != position_;
    position_ = position;
    phase_ = phase;
    if (moved)
        Q_EMIT positionChanged(position_);
    else
        Q_EMIT frameAdvanced();
}

void PlaybackController::step()
{
    setMode(Mode::Paused);
    setPosition(position_ + 1, 1);
}

void PlaybackController::stepBack()
{
    setMode(Mode::Paused);
    setPosition(position_ - 1, 1);
}

void PlaybackController::seek(int position)
{
    setMode(Mode::Paused);
    setPosition(position, 1);
}

void PlaybackController::toStart()
{
    seek(0);
}

void PlaybackController::toEnd()
{
    seek(eventCount());
}

void PlaybackController::run()
{
    if (eventCount() == 0)
        return;
    if (atEnd())
        setPosition(0, 1);
    setMode(Mode::Run);
    // Start moving at once: the first frame already heads for the next event.
    setPosition(position_ + 1, 0);
}

void PlaybackController::fast()
{
    if (eventCount() == 0)
        return;
    if (atEnd())
        setPosition(0, 1);
    setMode(Mode::Fast);
}

void PlaybackController::express()
{
    if (eventCount() == 0)
        return;
    // Nothing is drawn on the way: the one position change is the end.
    setMode(Mode::Express);
    setPosition(eventCount(), 1);
    setMode(Mode::Paused);
    Q_EMIT finished();
}

void PlaybackController::pause()
{
    if (mode_ == Mode::Run)
        setPosition(position_, 1); // settle the token where it was heading
    setMode(Mode::Paused);
}

void PlaybackController::togglePlay()
{
    if (isPlaying())
        pause();
    else
        run();
}

void PlaybackController::tick()
{
    const qint64 elapsed = frameClock_.restart();
    advance(static_cast<int>(std::min<qint64>(elapsed, 250))); // a stalled frame does not skip events
}

void PlaybackController::advance(int ms)
{
    if (mode_ != Mode::Run && mode_ != Mode::Fast)
        return;
    carriedMs_ += std::max(0, ms);
    int position = position_;
    double phase = 1;
    bool done = false;
    if (mode_ == Mode::Run) {
        const double slot = 1000.0 / speed_;
        while (carriedMs_ >= slot && position < eventCount()) {
            carriedMs_ -= slot;
            ++position;
        }
        // The last event still gets its move before playback stops.
        done = position == eventCount() && carriedMs_ >= slot;
        phase = std::min(1.0, carriedMs_ / slot);
    } else {
        const double events = std::floor(carriedMs_ * FastEventsPerSecond / 1000.0);
        carriedMs_ -= events * 1000.0 / FastEventsPerSecond;
        position += static_cast<int>(std::min<double>(events, eventCount()));
        done = position >= eventCount();
    }
    if (done) {
        setPosition(eventCount(), 1);
        setMode(Mode::Paused);
        Q_EMIT finished();
        return;
    }
    setPosition(position, phase);
}

} // namespace pipelab::gui
