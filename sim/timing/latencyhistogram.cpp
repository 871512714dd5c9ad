// LatencyHistogram: bucket index = value below 256; else 128 * shift + (value >> shift) with
// shift = bit_width(value) - 8, which is continuous with the exact range (256 → 384 ...).
#include "sim/timing/latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace pipelab::timing {

LatencyHistogram::LatencyHistogram() : counts_(kBuckets, 0) {}

SimTime LatencyHistogram::bucketLow(std::size_t index)
{
    if (index < kExact)
        return static_cast<SimTime>(index);
    const std::size_t shift = (index - kExact) / 128 + 1;
    const std::size_t sub = index - 128 * shift;
    return static_cast<SimTime>(sub << shift);
}

SimTime LatencyHistogram::bucketWidth(std::size_t index)
{
    if (index < kExact)
        return 1;
    return SimTime{1} << ((index - kExact) / 128 + 1);
}

void LatencyHistogram::clear()
{
    std::fill(counts_.begin(), counts_.end(), 0);
    count_ = 0;
    sum_ = 0;
    min_ = 0;
    max_ = 0;
}

double LatencyHistogram::mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }

SimTime LatencyHistogram::percentile(double p) const
{
    if (count_ == 0)
        return 0;
    const double clamped = std::clamp(p, 0.0, 100.0);
    auto rank = static_cast<std::uint64_t>(std::ceil(clamped / 100.0 * static_cast<double>(count_)));
    rank = std::clamp<std::uint64_t>(rank, 1, count_);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            const SimTime mid = bucketLow(i) + (bucketWidth(i) - 1) / 2;
            return std::clamp(mid, min_, max_);
        }
    }
    return max_;
}

} // namespace pipelab::timing
