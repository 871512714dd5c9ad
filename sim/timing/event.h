// Event: what the Simulator hands to the model when an event runs. An event is a small fixed
// record, not a closure: the model names what happens with `kind` (its own enumeration) and what
// it happens to with `payload` (an index into its own tables), and dispatches on them. No
// std::function per event means no allocation on the hot path.
#pragma once

#include "sim/timing/simtime.h"

#include <cstdint>

namespace pipelab::timing {

struct Event {
    SimTime time = 0;
    std::int32_t priority = 0;
    std::uint32_t kind = 0;
    std::uint64_t sequence = 0; // insertion order, 1 for the first event scheduled
    std::uint64_t payload = 0;
};

} // namespace pipelab::timing
