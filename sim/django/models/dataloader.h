// DataLoader: a scenario's `users` and `data` (spec §3) as rows in the store, exactly as the
// conformance oracle creates them (users first with ids 1..n, then each model in order, ids
// 1..N, many-to-many links through the through table in row order then j). Nothing is recorded:
// fixtures are created before the first request.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"

#include <vector>

namespace pipelab::django::models {

class OrmContext;

class DataLoader {
public:
    explicit DataLoader(OrmContext& ctx) : ctx_(ctx) {}
    std::vector<scenario::Diagnostic> load(const scenario::Scenario& scenario);

private:
    OrmContext& ctx_;
};

} // namespace pipelab::django::models
