// ScenarioRun: QtConcurrent runs RunResult::compute on a copy of the scenario; the watcher hands
// the result back on the GUI thread.
#include "gui/run/scenariorun.h"
#include "gui/run/watcherwait.h"

#include "gui/scenario/scenariodocument.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

namespace pipelab::gui {

ScenarioRun::ScenarioRun(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<RunResult>::finished, this, &ScenarioRun::collect);
}

ScenarioRun::~ScenarioRun()
{
    // The worker holds no reference to this object, but its result must not outlive the app.
    watcher_.waitForFinished();
}

void ScenarioRun::setDocument(const ScenarioDocument* document)
{
    if (document_ != nullptr)
        disconnect(document_, nullptr, this, nullptr);
    document_ = document;
    if (document_ == nullptr)
        return;
    connect(document_, &ScenarioDocument::loaded, this, &ScenarioRun::documentLoaded);
    documentLoaded();
}

void ScenarioRun::documentLoaded()
{
    if (const scenario::Scenario* scenario = document_->scenario())
        start(*scenario);
    else
        clear();
}

void ScenarioRun::start(const scenario::Scenario& scenario)
{
    if (busy_) {
        pending_ = scenario;
        return;
    }
    launch(scenario);
}

void ScenarioRun::clear()
{
    pending_.reset();
    const bool hadResult = result_.trace != nullptr || !result_.diagnostics.empty() || !result_.failure.isEmpty();
    result_ = RunResult();
    // A run under way is let finish; collect() drops its result because nothing is pending and
    // the clear came after it started.
    if (busy_) {
        discardRunning_ = true;
        return;
    }
    if (hadResult)
        Q_EMIT finished();
}

void ScenarioRun::launch(scenario::Scenario scenario)
{
    discardRunning_ = false;
    busy_ = true;
    watcher_.setFuture(QtConcurrent::run([scenario = std::move(scenario)] { return RunResult::compute(scenario); }));
    Q_EMIT started();
}

void ScenarioRun::collect()
{
    if (pending_) {
        // A newer scenario arrived while this one ran: its result is the one that counts.
        scenario::Scenario next = std::move(*pending_);
        pending_.reset();
        launch(std::move(next));
        return;
    }
    if (!discardRunning_)
        result_ = watcher_.result();
    discardRunning_ = false;
    busy_ = false;
    Q_EMIT finished();
}

bool ScenarioRun::waitForFinished(int msecs)
{
    return waitForCollected(busy_, watcher_, msecs);
}

const trace::RequestTrace* ScenarioRun::request(qsizetype index) const
{
    if (result_.trace == nullptr || index < 0 || index >= static_cast<qsizetype>(result_.trace->requests.size()))
        return nullptr;
    return &result_.trace->requests[static_cast<std::size_t>(index)];
}

} // namespace pipelab::gui
