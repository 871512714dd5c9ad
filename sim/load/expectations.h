// checkExpectations: a scenario's `expect` items (spec §7) against its scripted trace and, for
// `load` items, its load run. One line per failed expectation, worded as the conformance oracle
// words them (tests/conformance/django_oracle.py) so the two can be compared:
// "FILE:LINE:COL: expectation failed: request 0: status 200 expected, got 500".
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/timing/loadresult.h"
#include "sim/trace/requesttrace.h"

#include <string>
#include <vector>

namespace pipelab::load {

// `load` is null when no load ran (load expectations then fail, saying so).
std::vector<std::string> checkExpectations(const scenario::Scenario& scenario, const trace::Trace& trace,
                                           const timing::LoadResult* load);

bool hasLoadExpectations(const scenario::Scenario& scenario);

} // namespace pipelab::load
