// SimTime: simulated time as an integer count of nanoseconds. Integer time keeps event order exact
// (no two runs disagree on which of two events comes first because of a rounding difference), and
// int64 nanoseconds cover about 292 years of simulated time.
#pragma once

#include <cstdint>

namespace pipelab::timing {

using SimTime = std::int64_t;

inline constexpr SimTime kNanosPerMicro = 1'000;
inline constexpr SimTime kNanosPerMilli = 1'000'000;
inline constexpr SimTime kNanosPerSecond = 1'000'000'000;

// Rounds half away from zero, in plain arithmetic so the result is the same on every platform.
constexpr SimTime roundToNanos(double nanos)
{
    return static_cast<SimTime>(nanos < 0 ? nanos - 0.5 : nanos + 0.5);
}

constexpr SimTime nanoseconds(std::int64_t n) { return n; }
constexpr SimTime microseconds(double us) { return roundToNanos(us * static_cast<double>(kNanosPerMicro)); }
constexpr SimTime milliseconds(double ms) { return roundToNanos(ms * static_cast<double>(kNanosPerMilli)); }
constexpr SimTime seconds(double s) { return roundToNanos(s * static_cast<double>(kNanosPerSecond)); }

constexpr double toMilliseconds(SimTime t) { return static_cast<double>(t) / static_cast<double>(kNanosPerMilli); }
constexpr double toSeconds(SimTime t) { return static_cast<double>(t) / static_cast<double>(kNanosPerSecond); }

} // namespace pipelab::timing
