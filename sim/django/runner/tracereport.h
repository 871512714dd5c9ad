// The human-readable trace report of `pipelab-cli trace FILE`: per request its status, the
// middleware path it took, and every query with the line that caused it, repeated query shapes
// folded into one line ("×500 duplicates of query 2") so an N+1 stands out.
#pragma once

#include "sim/trace/requesttrace.h"

#include <string>

namespace pipelab::django::runner {

std::string formatTraceReport(const trace::Trace& trace);

// The SQL with every literal (number or quoted string) replaced by `?`: the query's shape.
std::string sqlShape(const std::string& sql);

} // namespace pipelab::django::runner
