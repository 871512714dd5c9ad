// JSON for a LoadResult: the keys of pipelab-cli's `load --json` contract (spec §9) in a fixed
// order, plus worker utilisation, cache counts, Little's-law figures and the time series. The
// wall-clock fields are the only ones that differ between two runs with the same seed; without
// them the text is byte-identical.
#pragma once

#include "sim/timing/loadresult.h"

#include <nlohmann/json.hpp>

namespace pipelab::timing {

nlohmann::ordered_json toJson(const LoadResult& result, bool includeWallClock = true);

} // namespace pipelab::timing
