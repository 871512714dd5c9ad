// RunResult: what one run of a scenario produced — the trace of its scripted requests, the
// start-up and runner diagnostics, and the engine failure when there was one. A value: it is made
// on a worker thread and handed to the GUI thread whole.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"
#include "sim/django/analysis/finding.h"
#include "sim/trace/requesttrace.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace pipelab::gui {

struct RunResult {
    // Null when the project did not start (errors in diagnostics) or the engine failed.
    std::shared_ptr<const trace::Trace> trace;
    std::vector<scenario::Diagnostic> diagnostics;
    std::vector<std::string> middleware; // the MIDDLEWARE paths it ran with, outermost first
    std::vector<django::analysis::Finding> findings; // the N+1 detector's reading of the run
    QString failure; // an engine exception, reported rather than crashing the app
    qint64 elapsedMs = 0;

    bool ok() const { return trace != nullptr && failure.isEmpty() && !scenario::hasErrors(diagnostics); }

    // Runs `scenario` as `pipelab-cli trace` does: Project::load, then Runner::run. Blocking; safe
    // on any thread (each call builds its own project).
    static RunResult compute(const scenario::Scenario& scenario);
};

} // namespace pipelab::gui
