// LoadRun: the scenario's `load` section run by the timing simulation on a worker thread, with
// progress in simulated time, the result so far for live charts, and a Cancel that ends the run at its next progress report. The
// GUI thread never waits; the result comes back as a value.
#pragma once

#include "sim/load/scenarioload.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace pipelab::gui {

class LoadRun : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        load::ScenarioLoadRun run;
        bool cancelled = false;
        QString failure; // an engine exception, reported rather than crashing the app
    };

    explicit LoadRun(QObject* parent = nullptr);
    ~LoadRun() override;

    // Starts `scenario`'s load (copied). False, and nothing starts, while a run is under way.
    bool start(const scenario::Scenario& scenario);
    // Asks the running run to stop; finished() follows with outcome().cancelled set.
    void cancel();
    bool isRunning() const { return running_; }
    // Blocks until the run under way is collected (tests, the command line). False on timeout.
    bool waitForFinished(int msecs = 60000);

    const Outcome& outcome() const { return outcome_; }

Q_SIGNALS:
    void started();
    // Simulated time reached and the run's end, in seconds (warm-up included).
    void progressed(double simulatedS, double endS);
    // The result so far (the measured window up to now), at most ten times a second.
    void partialResult(const pipelab::timing::LoadResult& sofar);
    void finished();

private:
    void collect();

    QFutureWatcher<Outcome> watcher_;
    // Shared with the worker, which may outlive a cancel() by one progress interval.
    std::shared_ptr<std::atomic<bool>> cancelRequested_;
    bool running_ = false;
    Outcome outcome_;
};

} // namespace pipelab::gui
