// TimeAverage: the time integral of a piecewise-constant count (busy workers, busy cores,
// requests in the system), from which utilisation and Little's L are read. restart() begins a new
// measuring window (the end of warm-up) without changing the current value.
#pragma once

#include "sim/timing/simtime.h"

#include <cstdint>

namespace pipelab::timing {

class TimeAverage {
public:
    void add(SimTime now, std::int64_t delta)
    {
        area_ += static_cast<double>(value_) * static_cast<double>(now - last_);
        last_ = now;
        value_ += delta;
    }

    void restart(SimTime now)
    {
        area_ = 0;
        last_ = now;
        start_ = now;
    }

    std::int64_t value() const { return value_; }

    // Mean of the value over [window start, now]; 0 for an empty window.
    double mean(SimTime now) const
    {
        if (now <= start_)
            return 0;
        const double area = area_ + static_cast<double>(value_) * static_cast<double>(now - last_);
        return area / static_cast<double>(now - start_);
    }

private:
    std::int64_t value_ = 0;
    SimTime last_ = 0;
    SimTime start_ = 0;
    double area_ = 0;
};

} // namespace pipelab::timing
