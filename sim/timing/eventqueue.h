// EventQueue: the pending-event set of the simulator, behind a small interface so that a 4-ary
// heap and a calendar queue can be swapped, tested by one suite and benchmarked side by side
// (as ns-3's Scheduler and OMNeT++'s cEventHeap/FES do).
#pragma once

#include "sim/timing/simtime.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

namespace pipelab::timing {

// One pending event as the queue sees it. The order is (time, priority, sequence): the sequence
// is the insertion counter, unique per event, so the order is total and a run reproducible bit
// for bit. `id` names the event for cancel(): a small integer, unique among pending events, that
// the caller recycles (the Simulator uses its event-slot index), so queues can index by it.
struct QueueEntry {
    SimTime time = 0; // >= 0
    std::uint64_t sequence = 0;
    std::int32_t priority = 0; // lower runs first among events at the same time
    std::uint32_t id = 0;
};

constexpr bool earlier(const QueueEntry& a, const QueueEntry& b)
{
    if (a.time != b.time)
        return a.time < b.time;
    if (a.priority != b.priority)
        return a.priority < b.priority;
    return a.sequence < b.sequence;
}

class EventQueue {
public:
    virtual ~EventQueue() = default;

    // `entry.id` must not be pending already.
    virtual void push(const QueueEntry& entry) = 0;
    // Removes and returns the earliest entry. Precondition: !empty().
    virtual QueueEntry popMin() = 0;
    // Removes the pending entry with this id; false if no pending entry has it.
    virtual bool cancel(std::uint32_t id) = 0;
    virtual std::size_t size() const = 0;
    virtual std::string_view name() const = 0;

    bool empty() const { return size() == 0; }
};

enum class QueueKind { FourAryHeap, CalendarQueue };

std::unique_ptr<EventQueue> makeEventQueue(QueueKind kind);

// AnyEventQueue: an owned EventQueue chosen at run time, with the queue operations a
// BasicSimulator calls (through the interface).
class AnyEventQueue {
public:
    explicit AnyEventQueue(QueueKind kind = QueueKind::FourAryHeap) : queue_(makeEventQueue(kind)) {}
    explicit AnyEventQueue(std::unique_ptr<EventQueue> queue) : queue_(std::move(queue)) {}

    void push(const QueueEntry& entry) { queue_->push(entry); }
    QueueEntry popMin() { return queue_->popMin(); }
    bool cancel(std::uint32_t id) { return queue_->cancel(id); }
    std::size_t size() const { return queue_->size(); }
    bool empty() const { return queue_->empty(); }
    std::string_view name() const { return queue_->name(); }

private:
    std::unique_ptr<EventQueue> queue_;
};

} // namespace pipelab::timing
