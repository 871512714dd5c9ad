// EventHandle: the receipt schedule() returns. It can cancel the event while it is pending; once
// the event has run or been cancelled the handle is stale and cancel() is a no-op returning
// false (the slot it names may already hold another event: the sequence number tells them apart).
#pragma once

#include <cstdint>

namespace pipelab::timing {

class SimulatorBase;

class EventHandle {
public:
    EventHandle() = default;

    // Removes the event from the queue. True if it was pending.
    bool cancel();
    bool pending() const;
    std::uint64_t sequence() const { return sequence_; }

private:
    friend class SimulatorBase;
    EventHandle(SimulatorBase* simulator, std::uint32_t slot, std::uint64_t sequence)
        : simulator_(simulator), slot_(slot), sequence_(sequence)
    {
    }

    SimulatorBase* simulator_ = nullptr;
    std::uint32_t slot_ = 0;
    std::uint64_t sequence_ = 0;
};

} // namespace pipelab::timing
