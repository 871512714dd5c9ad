// BasicSimulator<Queue>: the discrete-event engine. It owns the pending-event queue — by value,
// so push and pop are direct, inlinable calls — assigns each scheduled event its insertion
// sequence, and runs events in (time, priority, sequence) order through a handler the model
// supplies (a template parameter, so the dispatch inlines and no closure is allocated per event).
// Simulator is the flavour whose queue is chosen at run time (AnyEventQueue, one virtual call per
// operation): tests and tools use it; the load model instantiates the concrete queues.
#pragma once

#include "sim/timing/eventqueue.h"
#include "sim/timing/simulatorbase.h"

#include <string_view>
#include <utility>

namespace pipelab::timing {

template <class Queue>
class BasicSimulator final : public SimulatorBase {
public:
    // The arguments construct the queue (AnyEventQueue takes a QueueKind or an EventQueue).
    template <class... QueueArgs>
    explicit BasicSimulator(QueueArgs&&... args) : queue_(std::forward<QueueArgs>(args)...)
    {
    }

    // Schedules an event at absolute time `at` (>= now(), else SchedulingError).
    EventHandle schedule(SimTime at, std::uint32_t kind, std::uint64_t payload = 0, std::int32_t priority = 0)
    {
        if (at < now_) [[unlikely]]
            throwPast(at);
        const std::uint64_t sequence = nextSequence_++;
        const std::uint32_t id = occupySlot(sequence, payload, kind);
        queue_.push(QueueEntry{at, sequence, priority, id});
        return handle(id, sequence);
    }

    // Schedules an event `delay` (>= 0, else SchedulingError) after now().
    EventHandle scheduleIn(SimTime delay, std::uint32_t kind, std::uint64_t payload = 0, std::int32_t priority = 0)
    {
        if (delay < 0) [[unlikely]]
            throwPast(now_ + delay);
        return schedule(now_ + delay, kind, payload, priority);
    }

    // Runs events in order, calling handler(const Event&) for each, until the queue is empty, the
    // next event lies after `until` (the clock is then set to `until`), or the handler calls
    // stop(). Events the handler schedules run in the same call. `until` < now() is an error.
    template <class Handler>
    StopReason run(Handler&& handler, SimTime until = kForever)
    {
        if (until < now_)
            throwPast(until);
        stopRequested_ = false;
        while (!queue_.empty()) {
            const QueueEntry entry = queue_.popMin();
            if (entry.time > until) [[unlikely]] {
                queue_.push(entry); // same key: it keeps its place in the order
                now_ = until;
                return StopReason::TimeLimit;
            }
            handler(takeEvent(entry));
            if (stopRequested_) [[unlikely]]
                return StopReason::Stopped;
        }
        return StopReason::Empty;
    }

    std::size_t pendingEvents() const { return queue_.size(); }
    std::string_view queueName() const { return queue_.name(); }

private:
    void removeQueued(std::uint32_t id) override { queue_.cancel(id); }

    Queue queue_;
};

using Simulator = BasicSimulator<AnyEventQueue>;

} // namespace pipelab::timing
