// PlaybackBar: buttons are QToolButtons on shared QActions, so the menu, the shortcuts and the
// buttons stay in step.
#include "gui/pipeline/playbackbar.h"

#include "gui/pipeline/eventlogmodel.h"
#include "gui/pipeline/playbackcontroller.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace pipelab::gui {

PlaybackBar::PlaybackBar(PlaybackController* playback, QWidget* parent)
    : QWidget(parent), playback_(playback), timeline_(new QSlider(Qt::Horizontal, this)),
      speed_(new QSlider(Qt::Horizontal, this)), speedLabel_(new QLabel(this)), eventLabel_(new QLabel(this))
{
    setObjectName(QStringLiteral("playbackBar"));
    start_ = addAction(tr("Jump to &Start"), tr("Back to before the first event"), QKeySequence(Qt::Key_Home), QStyle::SP_MediaSkipBackward);
    back_ = addAction(tr("Step &Back"), tr("One event back"), QKeySequence(Qt::Key_Left), QStyle::SP_MediaSeekBackward);
    run_ = addAction(tr("&Run"), tr("Animate the request, event by event"), QKeySequence(Qt::Key_Space), QStyle::SP_MediaPlay);
    step_ = addAction(tr("S&tep"), tr("One event forward"), QKeySequence(Qt::Key_Right), QStyle::SP_MediaSeekForward);
    fast_ = addAction(tr("&Fast"), tr("Play without per-event animation"), QKeySequence(Qt::Key_F6), QStyle::SP_ArrowRight);
    express_ = addAction(tr("E&xpress"), tr("Straight to the end, drawing nothing on the way"), QKeySequence(Qt::Key_F7),
                         QStyle::SP_MediaSkipForward);
    end_ = addAction(tr("Jump to &End"), tr("After the last event"), QKeySequence(Qt::Key_End), QStyle::SP_MediaSkipForward);
    slower_ = addAction(tr("S&lower"), tr("Halve the speed"), QKeySequence(Qt::Key_Minus), QStyle::SP_ArrowDown);
    faster_ = addAction(tr("F&aster"), tr("Double the speed"), QKeySequence(Qt::Key_Plus), QStyle::SP_ArrowUp);
    end_->setIcon(QIcon()); // express has the skip icon; the end is the scrubber's far right
    ordered_ = {start_, back_, run_, step_, fast_, express_, end_, slower_, faster_};

    connect(start_, &QAction::triggered, playback_, &PlaybackController::toStart);
    connect(back_, &QAction::triggered, playback_, &PlaybackController::stepBack);
    connect(run_, &QAction::triggered, playback_, &PlaybackController::togglePlay);
    connect(step_, &QAction::triggered, playback_, &PlaybackController::step);
    connect(fast_, &QAction::triggered, playback_, &PlaybackController::fast);
    connect(express_, &QAction::triggered, playback_, &PlaybackController::express);
    connect(end_, &QAction::triggered, playback_, &PlaybackController::toEnd);
    connect(slower_, &QAction::triggered, playback_, [this] { playback_->setSpeed(playback_->speed() / 2); });
    connect(faster_, &QAction::triggered, playback_, [this] { playback_->setSpeed(playback_->speed() * 2); });

    timeline_->setObjectName(QStringLiteral("timeline"));
    timeline_->setToolTip(tr("Timeline: drag to any event"));
    timeline_->setFocusPolicy(Qt::NoFocus);
    connect(timeline_, &QSlider::valueChanged, playback_, [this](int value) {
        if (value != playback_->position())
            playback_->seek(value);
    });

    speed_->setObjectName(QStringLiteral("speed"));
    speed_->setRange(0, SpeedSteps);
    speed_->setFixedWidth(120);
    speed_->setFocusPolicy(Qt::NoFocus);
    speed_->setToolTip(tr("Run speed (events a second)"));
    connect(speed_, &QSlider::valueChanged, playback_, [this](int value) { playback_->setSpeed(speedForSlider(value)); });
    const auto showSpeed = [this](double speed) {
        const QSignalBlocker block(speed_);
        speed_->setValue(sliderForSpeed(speed));
        speedLabel_->setText(speed < 10 ? tr("%1 ev/s").arg(speed, 0, 'f', 1) : tr("%1 ev/s").arg(std::lround(speed)));
    };
    connect(playback_, &PlaybackController::speedChanged, this, showSpeed);
    showSpeed(playback_->speed());
    speedLabel_->setMinimumWidth(speedLabel_->fontMetrics().horizontalAdvance(QStringLiteral("500 ev/s ")));

    eventLabel_->setObjectName(QStringLiteral("eventLabel"));
    eventLabel_->setTextFormat(Qt::PlainText);
    eventLabel_->setMinimumWidth(100);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    for (QAction* action : {start_, back_, run_, step_, fast_, express_}) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setToolButtonStyle(action == fast_ ? Qt::ToolButtonTextOnly : Qt::ToolButtonIconOnly);
        row->addWidget(button);
    }
    row->addSpacing(8);
    row->addWidget(timeline_, 1);
    row->addSpacing(8);
    row->addWidget(new QLabel(tr("Speed"), this));
    row->addWidget(speed_);
    row->addWidget(speedLabel_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 6);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(eventLabel_);

    connect(playback_, &PlaybackController::requestChanged, this, &PlaybackBar::updatePosition);
    connect(playback_, &PlaybackController::positionChanged, this, &PlaybackBar::updatePosition);
    connect(playback_, &PlaybackController::modeChanged, this, &PlaybackBar::updateMode);
    updatePosition();
    updateMode();
}

QAction* PlaybackBar::addAction(const QString& text, const QString& toolTip, const QKeySequence& shortcut, QStyle::StandardPixmap icon)
{
    auto* action = new QAction(style()->standardIcon(icon), text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    QWidget::addAction(action);
    return action;
}

QList<QAction*> PlaybackBar::playbackActions() const
{
    return ordered_;
}

int PlaybackBar::sliderForSpeed(double eventsPerSecond)
{
    const double span = std::log(PlaybackController::MaxSpeed / PlaybackController::MinSpeed);
    return static_cast<int>(std::lround(std::log(eventsPerSecond / PlaybackController::MinSpeed) / span * SpeedSteps));
}

double PlaybackBar::speedForSlider(int value)
{
    const double span = std::log(PlaybackController::MaxSpeed / PlaybackController::MinSpeed);
    return PlaybackController::MinSpeed * std::exp(span * value / SpeedSteps);
}

void PlaybackBar::updatePosition()
{
    const int count = playback_->eventCount();
    {
        const QSignalBlocker block(timeline_);
        timeline_->setRange(0, count);
        timeline_->setValue(playback_->position());
    }
    const bool any = count > 0;
    for (QAction* action : ordered_)
        action->setEnabled(any);
    back_->setEnabled(any && !playback_->atStart());
    start_->setEnabled(any && !playback_->atStart());
    step_->setEnabled(any && !playback_->atEnd());
    end_->setEnabled(any && !playback_->atEnd());

    if (!any) {
        eventLabel_->setText(tr("No request to play"));
        return;
    }
    QString text = tr("Event %1 of %2").arg(playback_->position()).arg(count);
    if (const trace::Event* event = playback_->currentEvent()) {
        QString detail = EventLogModel::describe(*event, *playback_->request());
        if (detail.size() > 110)
            detail = detail.left(108) + QStringLiteral("…");
        text += QStringLiteral("  ·  %1  ·  %2").arg(QString::fromLatin1(trace::eventKindName(event->kind)),
                                                    EventLogModel::shortLayerName(event->layer));
        if (!detail.isEmpty())
            text += QStringLiteral("  ·  ") + detail;
    } else {
        text += tr("  ·  the request is about to leave the client");
    }
    eventLabel_->setText(text);
}

void PlaybackBar::updateMode()
{
    const bool playing = playback_->isPlaying();
    run_->setText(playing ? tr("&Pause") : tr("&Run"));
    run_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

} // namespace pipelab::gui
