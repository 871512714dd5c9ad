// ScenarioRun: the document's scenario, run. Each time the ScenarioDocument emits loaded() (a file
// opened, reloaded or edited) it runs the scenario's requests through the engine on a worker
// thread and keeps the latest result; the GUI thread never waits. At most one run is under way:
// a load that arrives meanwhile is run next, and only the newest one is kept.
#pragma once

#include "gui/run/runresult.h"

#include <QFutureWatcher>
#include <QObject>

#include <optional>

namespace pipelab::gui {

class ScenarioDocument;

class ScenarioRun : public QObject {
    Q_OBJECT
public:
    explicit ScenarioRun(QObject* parent = nullptr);
    ~ScenarioRun() override;

    // Follows `document`: runs it now (when it has a scenario) and after each loaded().
    void setDocument(const ScenarioDocument* document);
    // Runs `scenario` (copied) on a worker thread; a document without a scenario clears the result.
    void start(const scenario::Scenario& scenario);
    void clear();

    bool isRunning() const { return busy_; }
    // Blocks until no run is under way (for the command line and tests). False on timeout.
    bool waitForFinished(int msecs = 30000);

    const RunResult& result() const { return result_; }
    const trace::Trace* trace() const { return result_.trace.get(); }
    std::shared_ptr<const trace::Trace> sharedTrace() const { return result_.trace; }
    // The request at `index` of the expanded list, or nullptr.
    const trace::RequestTrace* request(qsizetype index) const;

Q_SIGNALS:
    void started();
    // A new result is in result(): after a run, or when a result was cleared.
    void finished();

private:
    void documentLoaded();
    void launch(scenario::Scenario scenario);
    void collect();

    const ScenarioDocument* document_ = nullptr;
    QFutureWatcher<RunResult> watcher_;
    std::optional<scenario::Scenario> pending_;
    bool busy_ = false;           // from launch() until its result is collected
    bool discardRunning_ = false; // clear() came after the running run started
    RunResult result_;
};

} // namespace pipelab::gui
