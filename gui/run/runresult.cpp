// RunResult::compute: the engine called exactly as the CLI calls it; every exception stops here.
#include "gui/run/runresult.h"

#include "sim/django/analysis/detector.h"
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"

#include <QElapsedTimer>

#include <exception>

namespace pipelab::gui {

RunResult RunResult::compute(const scenario::Scenario& scenario)
{
    RunResult result;
    QElapsedTimer clock;
    clock.start();
    for (const scenario::Settings::Entry& entry : scenario.settings.middleware)
        result.middleware.push_back(entry.path);
    try {
        django::project::Project::LoadResult loaded = django::project::Project::load(scenario);
        result.diagnostics = std::move(loaded.diagnostics);
        if (loaded.project) {
            django::runner::Runner runner(*loaded.project);
            result.trace = std::make_shared<const trace::Trace>(runner.run());
            result.findings = django::analysis::findProblems(*loaded.project, *result.trace);
            result.diagnostics.insert(result.diagnostics.end(), runner.diagnostics().begin(), runner.diagnostics().end());
        }
    } catch (const std::exception& e) {
        result.trace.reset();
        result.failure = QStringLiteral("The simulator stopped: %1").arg(QString::fromUtf8(e.what()));
    } catch (...) {
        result.trace.reset();
        result.failure = QStringLiteral("The simulator stopped with an unknown error.");
    }
    result.elapsedMs = clock.elapsed();
    return result;
}

} // namespace pipelab::gui
