// FourAryHeap: cancellation, the one operation off the per-event path (the rest is inline in the
// header).
#include "sim/timing/fouraryheap.h"

namespace pipelab::timing {

bool FourAryHeap::cancel(std::uint32_t id)
{
    if (id >= positionOf_.size() || positionOf_[id] == kAbsent)
        return false;
    removeAt(positionOf_[id]);
    return true;
}

} // namespace pipelab::timing
