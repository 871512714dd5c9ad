// The load run as pipelab-cli prints it: spec §9's JSON (timing::toJson's keys, after the
// scenario's name, plus how many requests were interpreted and how many reused a trace), or a
// short readable report.
#pragma once

#include "sim/load/scenarioload.h"
#include "sim/scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <string>

namespace pipelab::load {

// Requires run.result. Without the wall clock the document is byte-identical for a seed.
nlohmann::ordered_json loadReportJson(const scenario::Scenario& scenario, const ScenarioLoadRun& run,
                                      bool includeWallClock = true);
std::string formatLoadReport(const scenario::Scenario& scenario, const ScenarioLoadRun& run);

} // namespace pipelab::load
