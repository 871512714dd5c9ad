// WorkerPool: the application server's workers (gunicorn/uWSGI processes). A request holds one
// worker from the moment it is picked up until its response is sent; requests that find every
// worker busy wait in FIFO order. Each worker keeps its own database connection, as each Django
// thread or process does, so the connection state lives here.
#pragma once

#include "sim/timing/ringbuffer.h"
#include "sim/timing/simtime.h"
#include "sim/timing/timeaverage.h"

#include <cassert>
#include <cstdint>
#include <optional>
#include <vector>

namespace pipelab::timing {

class WorkerPool {
public:
    struct Worker {
        bool connected = false;      // holds an open database connection
        SimTime connectionCloseAt = 0; // Django's connection.close_at (CONN_MAX_AGE after connecting)
    };

    explicit WorkerPool(std::uint32_t workers);

    // The worker that takes `request` now, or nullopt: the request waits in line.
    std::optional<std::uint32_t> acquire(std::uint64_t request, SimTime now);
    // Frees `worker`. If a request waits, it takes this worker now and is returned.
    std::optional<std::uint64_t> release(std::uint32_t worker, SimTime now);

    Worker& worker(std::uint32_t id) { return workers_[id]; }
    std::uint32_t size() const { return static_cast<std::uint32_t>(workers_.size()); }
    std::uint32_t busy() const { return static_cast<std::uint32_t>(busy_.value()); }
    std::size_t waiting() const { return line_.size(); }
    double utilization(SimTime now) const;
    void restartWindow(SimTime now) { busy_.restart(now); }

private:
    std::vector<Worker> workers_;
    std::vector<std::uint32_t> idle_; // a stack: the most recently freed worker is reused first
    RingBuffer<std::uint64_t> line_;
    TimeAverage busy_;
};

// acquire and release run once per request: inline, like the rest of the per-event path.
inline std::optional<std::uint32_t> WorkerPool::acquire(std::uint64_t request, SimTime now)
{
    if (idle_.empty()) {
        line_.push(request);
        return std::nullopt;
    }
    const std::uint32_t id = idle_.back();
    idle_.pop_back();
    busy_.add(now, +1);
    return id;
}

inline std::optional<std::uint64_t> WorkerPool::release(std::uint32_t worker, SimTime now)
{
    assert(worker < workers_.size());
    if (!line_.empty())
        return line_.pop();
    idle_.push_back(worker);
    busy_.add(now, -1);
    return std::nullopt;
}

} // namespace pipelab::timing
