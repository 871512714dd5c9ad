// makeEventQueue: the one place that knows every queue implementation.
#include "sim/timing/eventqueue.h"

#include "sim/timing/calendarqueue.h"
#include "sim/timing/fouraryheap.h"

namespace pipelab::timing {

std::unique_ptr<EventQueue> makeEventQueue(QueueKind kind)
{
    switch (kind) {
    case QueueKind::FourAryHeap:
        return std::make_unique<FourAryHeap>();
    case QueueKind::CalendarQueue:
        return std::make_unique<CalendarQueue>();
    }
    return std::make_unique<FourAryHeap>();
}

} // namespace pipelab::timing
