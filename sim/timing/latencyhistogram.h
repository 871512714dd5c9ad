// LatencyHistogram: an HDR-style (log-linear) histogram of nanosecond durations. Values below 256
// ns get a bucket each; above, every power of two is split into 128 equal buckets, so a bucket is
// at most 1/128 (0.78%) of its values wide and a reported percentile, the bucket's midpoint, is
// within 0.4% of the true sample. Fixed size (7296 counters), so recording never allocates.
#pragma once

#include "sim/timing/simtime.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace pipelab::timing {

class LatencyHistogram {
public:
    LatencyHistogram();

    void record(SimTime value); // negative values are recorded as 0
    void clear();

    std::uint64_t count() const { return count_; }
    double mean() const; // exact (from the sum), 0 when empty
    SimTime min() const { return count_ ? min_ : 0; }
    SimTime max() const { return count_ ? max_ : 0; }
    // The value at percentile p (0..100): the midpoint of the bucket holding the sample of rank
    // ceil(p/100 * count), clamped to [min, max]; 0 when empty.
    SimTime percentile(double p) const;

    static std::size_t bucketIndex(SimTime value);
    static SimTime bucketLow(std::size_t index);
    static SimTime bucketWidth(std::size_t index);

private:
    static constexpr int kSubBits = 7;                                   // 128 buckets per power of two
    static constexpr std::size_t kExact = std::size_t{1} << (kSubBits + 1); // 256
    static constexpr std::size_t kBuckets = 128 * 55 + kExact;           // shift 1..55 covers all of int64

    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    double sum_ = 0;
    SimTime min_ = 0;
    SimTime max_ = 0;
};

// bucketIndex and record run per sample: inline.
inline std::size_t LatencyHistogram::bucketIndex(SimTime value)
{
    const auto v = static_cast<std::uint64_t>(std::max<SimTime>(value, 0));
    if (v < kExact)
        return static_cast<std::size_t>(v);
    const int shift = static_cast<int>(std::bit_width(v)) - (kSubBits + 1);
    return (std::size_t{1} << kSubBits) * static_cast<std::size_t>(shift) + static_cast<std::size_t>(v >> shift);
}

inline void LatencyHistogram::record(SimTime value)
{
    value = std::max<SimTime>(value, 0);
    ++counts_[bucketIndex(value)];
    if (count_ == 0 || value < min_)
        min_ = value;
    if (count_ == 0 || value > max_)
        max_ = value;
    ++count_;
    sum_ += static_cast<double>(value);
}

} // namespace pipelab::timing
