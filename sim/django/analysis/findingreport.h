// The findings as text, one line each, as `pipelab-cli trace` prints them after the trace report:
//   N+1 at templates/dashboard.html:70: 500 queries for Order.product (forward ForeignKey) — add
//   .select_related("product") to Order.objects.filter(status="paid") at views:63; saves 500 queries
#pragma once

#include "sim/django/analysis/finding.h"

#include <string>
#include <vector>

namespace pipelab::django::analysis {

std::string formatFinding(const Finding& finding);
// One line per finding, prefixed with the request ("#0 ") when it came from a request's trace.
std::vector<std::string> formatFindings(const std::vector<Finding>& findings);

} // namespace pipelab::django::analysis
