// waitForCollected: blocks until a run's QFutureWatcher result has been collected on this thread.
// Shared by ScenarioRun and LoadRun (the command line and tests wait; the GUI never does).
#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFutureWatcherBase>

namespace pipelab::gui {

// `busy` stays true until the owner's collect() (connected to the watcher's finished()) ran;
// processing events is what delivers that signal. False when `msecs` ran out first.
inline bool waitForCollected(const bool& busy, QFutureWatcherBase& watcher, int msecs)
{
    const QDeadlineTimer deadline(msecs);
    while (busy) {
        if (deadline.hasExpired())
            return false;
        watcher.waitForFinished();
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents, 10);
    }
    return true;
}

} // namespace pipelab::gui
