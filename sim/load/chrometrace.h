// toChromeTrace: a scenario's scripted trace in the Chrome Trace Event format (opens in Perfetto
// and chrome://tracing). One track per pipeline layer (the request, each middleware, urls, view,
// template, the ORM, the database, the cache, signals), in the order the pipeline reaches them;
// a slice per layer call, hook, view call, template render, query, cache operation and signal
// receiver, plus the instances built from each query's rows. Requests follow one another on one
// time line; durations are the cost model's, so the picture is the request as the load model
// sees it on an idle server.
#pragma once

#include "sim/load/costmodel.h"
#include "sim/trace/requesttrace.h"

#include <nlohmann/json.hpp>

namespace pipelab::load {

nlohmann::ordered_json toChromeTrace(const trace::Trace& trace, const CostModel& costs);

} // namespace pipelab::load
