// JSON export of a Trace in the shape of the pipelab-cli contract (spec §9):
// {"scenario", "requests": [{"index", "method", "path", "status", "queries": [{"sql", "source"}],
//  "error": null | {"type", "message"}, "headers": {...}}]}. The conformance harness compares this
// document with the one real Django produces, so the shape must not drift.
#pragma once

#include "sim/trace/requesttrace.h"

#include <nlohmann/json.hpp>

namespace pipelab::trace {

// `withEvents` adds each request's "events" array (not part of the contract's minimum; the
// conformance comparison ignores it).
nlohmann::ordered_json toJson(const Trace& trace, bool withEvents = false);

} // namespace pipelab::trace
