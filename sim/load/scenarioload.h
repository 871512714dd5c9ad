// The scenario's `load` run: spec §6's `load` section and the settings (CONN_MAX_AGE) as a
// timing::LoadConfig, and the run itself — a fresh Project (the scripted run's state does not
// leak into it) played by LoadSimulation through LiveProfiles.
#pragma once

#include "sim/load/costmodel.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"
#include "sim/timing/loadconfig.h"
#include "sim/timing/loadresult.h"
#include "sim/timing/loadsimulation.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace pipelab::load {

struct ScenarioLoadRun {
    std::optional<timing::LoadResult> result; // empty when the run could not start
    std::vector<scenario::Diagnostic> diagnostics; // start-up problems, or why the load cannot run
    std::uint64_t interpreted = 0; // requests interpreted by the semantic engine
    std::uint64_t reused = 0;      // requests that reused an earlier trace
};

// The scenario's load as engine units. Its profiles name the expanded requests (one request kind
// each) and carry no steps: LiveProfiles supplies them. Requires scenario.load.
timing::LoadConfig loadConfigFor(const scenario::Scenario& scenario, const CostModel& costs);

// Runs the scenario's `load` section (an error diagnostic when there is none).
ScenarioLoadRun runScenarioLoad(const scenario::Scenario& scenario, const timing::LoadSimulation::Progress& progress = {});

} // namespace pipelab::load
