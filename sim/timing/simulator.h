// Simulator: the discrete-event engine. It owns the clock and the pending-event queue, assigns
// each scheduled event its insertion sequence, and runs events in (time, priority, sequence) order
// through a handler the model supplies — a template parameter, so the dispatch inlines and no
// closure is allocated per event. It counts executed events and folds each one into a 64-bit
// fingerprint, so a test can pin down a run's exact event sequence.
#pragma once

#include "sim/timing/event.h"
#include "sim/timing/eventhandle.h"
#include "sim/timing/eventqueue.h"
#include "sim/timing/schedulingerror.h"
#include "sim/timing/simtime.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace pipelab::timing {

class Simulator {
public:
    enum class StopReason { Empty, TimeLimit, Stopped };
    static constexpr SimTime kForever = std::numeric_limits<SimTime>::max();

    explicit Simulator(QueueKind kind = QueueKind::FourAryHeap);
    explicit Simulator(std::unique_ptr<EventQueue> queue);
    // Handles point at their simulator: it stays where it was made.
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    SimTime now() const { return now_; }

    // Schedules an event at absolute time `at` (>= now(), else SchedulingError).
    EventHandle schedule(SimTime at, std::uint32_t kind, std::uint64_t payload = 0, std::int32_t priority = 0);
    // Schedules an event `delay` (>= 0, else SchedulingError) after now().
    EventHandle scheduleIn(SimTime delay, std::uint32_t kind, std::uint64_t payload = 0, std::int32_t priority = 0);
    bool cancel(const EventHandle& handle);
    bool isPending(const EventHandle& handle) const;

    // Runs events in order, calling handler(const Event&) for each, until the queue is empty, the
    // next event lies after `until` (the clock is then set to `until`), or the handler calls
    // stop(). Events the handler schedules run in the same call. `until` < now() is an error.
    template <class Handler>
    StopReason run(Handler&& handler, SimTime until = kForever);
    // Ends run() after the event being handled.
    void stop() { stopRequested_ = true; }

    std::uint64_t executedEvents() const { return executed_; }
    // FNV-1a over 64-bit words of (time, priority << 32 | kind, sequence) of every executed event.
    std::uint64_t fingerprint() const { return fingerprint_; }
    std::size_t pendingEvents() const { return queue_->size(); }
    std::string_view queueName() const { return queue_->name(); }

private:
    static constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
    static constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

    struct Slot {
        std::uint64_t sequence = 0; // 0: free
        std::uint64_t payload = 0;
        std::uint32_t kind = 0;
    };

    [[noreturn]] void throwPast(SimTime at) const;
    void record(const Event& event);

    std::unique_ptr<EventQueue> queue_;
    std::vector<Slot> slots_; // indexed by QueueEntry::id
    std::vector<std::uint32_t> freeSlots_;
    SimTime now_ = 0;
    std::uint64_t nextSequence_ = 1;
    std::uint64_t executed_ = 0;
    std::uint64_t fingerprint_ = kFnvOffset;
    bool stopRequested_ = false;
};

inline EventHandle Simulator::schedule(SimTime at, std::uint32_t kind, std::uint64_t payload, std::int32_t priority)
{
    if (at < now_)
        throwPast(at);
    std::uint32_t id;
    if (freeSlots_.empty()) {
        id = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    } else {
        id = freeSlots_.back();
        freeSlots_.pop_back();
    }
    const std::uint64_t sequence = nextSequence_++;
    slots_[id] = Slot{sequence, payload, kind};
    queue_->push(QueueEntry{at, sequence, priority, id});
    return EventHandle(this, id, sequence);
}

inline EventHandle Simulator::scheduleIn(SimTime delay, std::uint32_t kind, std::uint64_t payload, std::int32_t priority)
{
    if (delay < 0)
        throwPast(now_ + delay);
    return schedule(now_ + delay, kind, payload, priority);
}

inline void Simulator::record(const Event& event)
{
    ++executed_;
    std::uint64_t h = fingerprint_;
    h = (h ^ static_cast<std::uint64_t>(event.time)) * kFnvPrime;
    h = (h ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(event.priority)) << 32 | event.kind)) * kFnvPrime;
    h = (h ^ event.sequence) * kFnvPrime;
    fingerprint_ = h;
}

template <class Handler>
Simulator::StopReason Simulator::run(Handler&& handler, SimTime until)
{
    if (until < now_)
        throwPast(until);
    stopRequested_ = false;
    while (!queue_->empty()) {
        const QueueEntry entry = queue_->popMin();
        if (entry.time > until) {
            queue_->push(entry); // same key: it keeps its place in the order
            now_ = until;
            return StopReason::TimeLimit;
        }
        Slot& slot = slots_[entry.id];
        const Event event{entry.time, entry.priority, slot.kind, entry.sequence, slot.payload};
        slot.sequence = 0;
        freeSlots_.push_back(entry.id);
        now_ = entry.time;
        record(event);
        handler(event);
        if (stopRequested_)
            return StopReason::Stopped;
    }
    return StopReason::Empty;
}

} // namespace pipelab::timing
