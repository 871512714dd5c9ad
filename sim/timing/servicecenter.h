// ServiceCenter: K identical servers in front of one FIFO line — a database's cores, or the cache
// server (K = 1). It only decides who is served when; the model schedules the completions, so
// the center stays a plain value with no engine inside.
#pragma once

#include "sim/timing/ringbuffer.h"
#include "sim/timing/simtime.h"
#include "sim/timing/timeaverage.h"

#include <cassert>
#include <cstdint>
#include <optional>

namespace pipelab::timing {

class ServiceCenter {
public:
    // A unit of work: whose it is (the model's request reference), how long it holds a server,
    // and when it joined the line (for the waiting time).
    struct Ticket {
        std::uint64_t owner = 0;
        SimTime service = 0;
        SimTime arrivedAt = 0;
    };

    explicit ServiceCenter(std::uint32_t servers);

    // True: a server took the ticket now. False: it waits, first come first served.
    bool arrive(const Ticket& ticket, SimTime now);
    // A server finished its ticket. If a ticket waits, that server takes it now: it is returned.
    std::optional<Ticket> depart(SimTime now);

    std::uint32_t servers() const { return servers_; }
    std::uint32_t busy() const { return static_cast<std::uint32_t>(busy_.value()); }
    std::size_t waiting() const { return line_.size(); }
    // Mean busy servers / servers over the measuring window.
    double utilization(SimTime now) const;
    void restartWindow(SimTime now) { busy_.restart(now); }

private:
    std::uint32_t servers_;
    TimeAverage busy_;
    RingBuffer<Ticket> line_;
};

// A server is handed straight from a finished ticket to the next waiting one, so the busy count
// only drops when the line is empty.
inline bool ServiceCenter::arrive(const Ticket& ticket, SimTime now)
{
    if (busy_.value() < servers_) {
        busy_.add(now, +1);
        return true;
    }
    line_.push(ticket);
    return false;
}

inline std::optional<ServiceCenter::Ticket> ServiceCenter::depart(SimTime now)
{
    assert(busy_.value() > 0);
    if (!line_.empty())
        return line_.pop();
    busy_.add(now, -1);
    return std::nullopt;
}

} // namespace pipelab::timing
