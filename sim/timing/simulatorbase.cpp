// SimulatorBase: the out-of-line parts (cancellation, errors); the per-event paths are inline in
// the header.
#include "sim/timing/simulatorbase.h"

#include <fmt/format.h>

namespace pipelab::timing {

bool SimulatorBase::isPending(const EventHandle& handle) const
{
    return handle.simulator_ == this && handle.sequence_ != 0 && handle.slot_ < slots_.size()
        && slots_[handle.slot_].sequence == handle.sequence_;
}

bool SimulatorBase::cancel(const EventHandle& handle)
{
    if (!isPending(handle))
        return false;
    removeQueued(handle.slot_);
    freeSlot(handle.slot_);
    return true;
}

void SimulatorBase::throwPast(SimTime at) const
{
    throw SchedulingError(fmt::format("cannot schedule an event in the past: at {} ns, but the clock is at {} ns", at, now_));
}

bool EventHandle::cancel() { return simulator_ != nullptr && simulator_->cancel(*this); }

bool EventHandle::pending() const { return simulator_ != nullptr && simulator_->isPending(*this); }

} // namespace pipelab::timing
