// Limits on what a scenario may ask for. They keep a hostile or mistaken file from exhausting
// memory or time: every limit is checked by the loader and reported as an error at the value
// that exceeds it. The README lists them; change them here only.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pipelab::scenario::limits {

// The file itself.
inline constexpr std::size_t kMaxFileBytes = 4 * 1024 * 1024; // 4 MiB
inline constexpr int kMaxNestingDepth = 64;                   // nested YAML collections

// data: rows created before the first request.
inline constexpr std::int64_t kMaxRowsPerModel = 1'000'000;
inline constexpr std::int64_t kMaxRowsTotal = 5'000'000;
inline constexpr std::int64_t kMaxM2mPerRow = 1'000;
inline constexpr double kMaxSeqMagnitude = 1e12; // |seq| and |step|

// users and requests.
inline constexpr std::int64_t kMaxUsers = 10'000;
inline constexpr std::int64_t kMaxRepeat = 100'000;
inline constexpr std::int64_t kMaxExpandedRequests = 1'000'000; // after `repeat` expansion

// load.
inline constexpr std::int64_t kMaxLoadUsers = 100'000;
inline constexpr double kMaxArrivalRate = 100'000;     // requests per second
inline constexpr double kMaxThinkTimeMs = 3'600'000;   // one hour
inline constexpr double kMaxDurationS = 86'400;        // one day, for duration_s, warmup_s, ramp_up_s
inline constexpr double kMaxMixWeight = 1'000'000;
inline constexpr std::int64_t kMaxWorkers = 10'000;
inline constexpr double kMaxTimeoutS = 86'400;
inline constexpr std::int64_t kMaxDbConnections = 100'000;
inline constexpr std::int64_t kMaxDbCores = 1'024;

// costs: one hour, in the key's own unit.
inline constexpr double kMaxCostMs = 3'600'000;
inline constexpr double kMaxCostUs = 3'600'000'000;

// settings.
inline constexpr std::int64_t kMaxCacheSeconds = 31'536'000; // one year: CACHE_MIDDLEWARE_SECONDS, TIMEOUT, CONN_MAX_AGE

} // namespace pipelab::scenario::limits
