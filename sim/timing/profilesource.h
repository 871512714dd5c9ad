// ProfileSource: where a load run gets the steps of a request at the moment a worker starts it.
// Without one, LoadSimulation plays LoadConfig::profiles as they are; with one (the trace-driven
// load in sim/load), each request's steps come from interpreting it against the live project
// state at that simulated instant, so cache and session state evolve in simulated-time order.
#pragma once

#include "sim/timing/requestprofile.h"
#include "sim/timing/simtime.h"

#include <cstdint>

namespace pipelab::timing {

class ProfileSource {
public:
    virtual ~ProfileSource() = default;

    // The profile that request kind `kind` (an index into LoadConfig::profiles) plays when a
    // worker starts it at `now`. The reference must stay valid until the run ends: requests
    // still running hold it.
    virtual const RequestProfile& profileFor(std::uint32_t kind, SimTime now) = 0;
};

} // namespace pipelab::timing
