// toProfile: a request's trace as the steps its worker goes through under load. Python-side time
// (middleware hooks, the view call, signal receivers, instances built, template nodes, each
// query's ORM overhead) accumulates into cpu steps; each SQL statement becomes a query step
// (round trip, then database core time with its rows); each cache operation a cache step.
#pragma once

#include "sim/load/costmodel.h"
#include "sim/timing/requestprofile.h"
#include "sim/trace/requesttrace.h"

namespace pipelab::load {

timing::RequestProfile toProfile(const trace::RequestTrace& request, const CostModel& costs);

} // namespace pipelab::load
