// LoadRun: QtConcurrent runs load::runScenarioLoad; its progress callback (every 65,536 events)
// forwards the simulated time to the GUI thread and is where a cancel takes effect, by throwing
// out of the simulation: the engine holds its state in RAII values, so unwinding is a clean stop.
#include "gui/run/loadrun.h"
#include "gui/run/watcherwait.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <optional>

namespace pipelab::gui {

namespace {

struct LoadCancelled {};

} // namespace

LoadRun::LoadRun(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &LoadRun::collect);
}

LoadRun::~LoadRun()
{
    if (cancelRequested_)
        cancelRequested_->store(true);
    watcher_.waitForFinished();
}

bool LoadRun::start(const scenario::Scenario& scenario)
{
    if (running_)
        return false;
    running_ = true;
    cancelRequested_ = std::make_shared<std::atomic<bool>>(false);
    QPointer<LoadRun> self(this);
    auto work = [scenario, cancel = cancelRequested_, self]() -> Outcome {
        Outcome outcome;
        QElapsedTimer sinceLastChart;
        sinceLastChart.start();
        const auto progress = [&](timing::SimTime now, timing::SimTime end, const timing::LoadResult& sofar) {
            if (cancel->load())
                throw LoadCancelled{};
            const double nowS = static_cast<double>(now) / 1e9;
            const double endS = static_cast<double>(end) / 1e9;
            // The charts follow at most ten times a second: more would only cost the GUI thread.
            std::optional<timing::LoadResult> partial;
            if (sinceLastChart.elapsed() >= 100) {
                partial = sofar;
                sinceLastChart.restart();
            }
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, nowS, endS, partial = std::move(partial)] {
                    if (!self || !self->running_)
                        return;
                    Q_EMIT self->progressed(nowS, endS);
                    if (partial)
                        Q_EMIT self->partialResult(*partial);
                },
                Qt::QueuedConnection);
        };
        try {
            outcome.run = load::runScenarioLoad(scenario, progress);
        } catch (const LoadCancelled&) {
            outcome.cancelled = true;
        } catch (const std::exception& e) {
            outcome.failure = QString::fromStdString(e.what());
        }
        return outcome;
    };
    watcher_.setFuture(QtConcurrent::run(std::move(work)));
    Q_EMIT started();
    return true;
}

void LoadRun::cancel()
{
    if (running_ && cancelRequested_)
        cancelRequested_->store(true);
}

void LoadRun::collect()
{
    outcome_ = watcher_.result();
    running_ = false;
    Q_EMIT finished();
}

bool LoadRun::waitForFinished(int msecs)
{
    return waitForCollected(running_, watcher_, msecs);
}

} // namespace pipelab::gui
