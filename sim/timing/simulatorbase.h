// SimulatorBase: the queue-independent half of the discrete-event engine — the clock, the event
// slots (kind and payload of each pending event, by the id the queue knows it by), insertion
// sequence numbers, the executed-event count and fingerprint, and cancellation by handle. The
// queue lives in BasicSimulator<Queue>; handles reach it through removeQueued(), the only
// virtual call, and one that is off the per-event path.
#pragma once

#include "sim/timing/event.h"
#include "sim/timing/eventhandle.h"
#include "sim/timing/eventqueue.h"
#include "sim/timing/schedulingerror.h"
#include "sim/timing/simtime.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace pipelab::timing {

class SimulatorBase {
public:
    enum class StopReason { Empty, TimeLimit, Stopped };
    static constexpr SimTime kForever = std::numeric_limits<SimTime>::max();

    SimulatorBase() = default;
    // Handles point at their simulator: it stays where it was made.
    SimulatorBase(const SimulatorBase&) = delete;
    SimulatorBase& operator=(const SimulatorBase&) = delete;
    virtual ~SimulatorBase() = default;

    SimTime now() const { return now_; }

    bool cancel(const EventHandle& handle);
    bool isPending(const EventHandle& handle) const;
    // Ends run() after the event being handled.
    void stop() { stopRequested_ = true; }

    std::uint64_t executedEvents() const { return executed_; }
    // FNV-1a over 64-bit words of (time, priority << 32 | kind, sequence) of every executed event.
    std::uint64_t fingerprint() const { return fingerprint_; }

protected:
    struct Slot {
        std::uint64_t sequence = 0; // 0: free
        std::uint64_t payload = 0; // while free: the next free slot
        std::uint32_t kind = 0;
    };

    // Takes the queue's entry with this id out; the slot is freed by the caller.
    virtual void removeQueued(std::uint32_t id) = 0;
    [[noreturn]] void throwPast(SimTime at) const;

    // A free slot for a new event with these contents; returns its id.
    std::uint32_t occupySlot(std::uint64_t sequence, std::uint64_t payload, std::uint32_t kind)
    {
        std::uint32_t id = freeSlot_;
        if (id == kNoSlot) {
            id = static_cast<std::uint32_t>(slots_.size());
            slots_.push_back(Slot{sequence, payload, kind});
        } else {
            freeSlot_ = static_cast<std::uint32_t>(slots_[id].payload);
            slots_[id] = Slot{sequence, payload, kind};
        }
        return id;
    }

    // Free slots form a stack threaded through their payloads (the most recently freed is reused
    // first), so freeing and reusing one touches only the slot itself.
    void freeSlot(std::uint32_t id)
    {
        slots_[id].sequence = 0;
        slots_[id].payload = freeSlot_;
        freeSlot_ = id;
    }

    // The event the queue entry stands for, its slot freed, the clock moved and the event counted.
    Event takeEvent(const QueueEntry& entry)
    {
        Slot& slot = slots_[entry.id];
        const Event event{entry.time, entry.priority, slot.kind, entry.sequence, slot.payload};
        freeSlot(entry.id);
        now_ = entry.time;
        record(event);
        return event;
    }

    EventHandle handle(std::uint32_t id, std::uint64_t sequence) { return EventHandle(this, id, sequence); }

    SimTime now_ = 0;
    std::uint64_t nextSequence_ = 1;
    bool stopRequested_ = false;

private:
    static constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
    static constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

    void record(const Event& event)
    {
        ++executed_;
        std::uint64_t h = fingerprint_;
        h = (h ^ static_cast<std::uint64_t>(event.time)) * kFnvPrime;
        h = (h ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(event.priority)) << 32 | event.kind)) * kFnvPrime;
        h = (h ^ event.sequence) * kFnvPrime;
        fingerprint_ = h;
    }

    static constexpr std::uint32_t kNoSlot = 0xffffffffu;

    std::vector<Slot> slots_; // indexed by QueueEntry::id
    std::uint32_t freeSlot_ = kNoSlot; // top of the free-slot stack
    std::uint64_t executed_ = 0;
    std::uint64_t fingerprint_ = kFnvOffset;
};

} // namespace pipelab::timing
