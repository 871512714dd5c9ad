// loadConfigFor and runScenarioLoad (see scenarioload.h).
#include "sim/load/scenarioload.h"

#include "sim/django/project/project.h"
#include "sim/load/liveprofiles.h"

#include <stdexcept>

namespace pipelab::load {

timing::LoadConfig loadConfigFor(const scenario::Scenario& scenario, const CostModel& costs)
{
    const scenario::Load& load = scenario.load.value();
    timing::LoadConfig config;
    for (const scenario::Request& request : scenario.expandedRequests())
        config.profiles.emplace_back(request.method + " " + request.path, std::vector<timing::Step>{});
    for (const scenario::MixEntry& entry : load.mix)
        config.mix.push_back({static_cast<std::size_t>(entry.request), entry.weight});
    config.users = static_cast<std::uint32_t>(load.users.value_or(0));
    config.arrivalRate = load.arrivalRate.value_or(0);
    config.thinkTime = timing::milliseconds(load.thinkTimeMs);
    config.rampUp = timing::seconds(load.rampUpS);
    config.warmup = timing::seconds(load.warmupS);
    config.duration = timing::seconds(load.durationS);
    config.workers = static_cast<std::uint32_t>(load.workers);
    config.timeout = timing::seconds(load.timeoutS);
    config.maxConnections = static_cast<std::uint32_t>(load.maxConnections);
    config.dbCores = static_cast<std::uint32_t>(load.dbCores);
    config.seed = load.seed;
    // CONN_MAX_AGE: seconds; None (read as -1) keeps connections open for good.
    const double connMaxAge = scenario.settings.connMaxAge;
    config.connMaxAge = connMaxAge < 0 ? timing::LoadConfig::kPersistentConnections : timing::seconds(connMaxAge);
    config.connectCost = costs.connect;
    config.distribution = costs.distribution;
    return config;
}

ScenarioLoadRun runScenarioLoad(const scenario::Scenario& scenario, const timing::LoadSimulation::Progress& progress)
{
    ScenarioLoadRun run;
    if (!scenario.load) {
        run.diagnostics.push_back({scenario::Diagnostic::Severity::Error, scenario.file, {1, 1},
                                   "the scenario has no 'load' section to run"});
        return run;
    }
    const CostModel costs = CostModel::forScenario(scenario);
    const timing::LoadConfig config = loadConfigFor(scenario, costs);
    for (const std::string& problem : timing::validate(config))
        run.diagnostics.push_back({scenario::Diagnostic::Severity::Error, scenario.file, scenario.load->pos, problem});
    if (scenario::hasErrors(run.diagnostics))
        return run;

    django::project::Project::LoadResult project = django::project::Project::load(scenario);
    run.diagnostics = std::move(project.diagnostics);
    if (!project.project)
        return run;
    LiveProfiles profiles(*project.project, costs);
    timing::LoadSimulation simulation(config, &profiles);
    if (progress)
        simulation.setProgress(progress);
    run.result = simulation.run();
    run.interpreted = profiles.interpreted();
    run.reused = profiles.reused();
    return run;
}

} // namespace pipelab::load
