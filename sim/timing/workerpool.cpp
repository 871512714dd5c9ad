// WorkerPool: idle workers form a stack (worker 0 on top at start) so the choice of worker — and
// with it which connection is reused — is fixed by the event order alone.
#include "sim/timing/workerpool.h"

#include <cassert>

namespace pipelab::timing {

WorkerPool::WorkerPool(std::uint32_t workers) : workers_(workers)
{
    idle_.reserve(workers);
    for (std::uint32_t id = workers; id > 0; --id)
        idle_.push_back(id - 1);
}

std::optional<std::uint32_t> WorkerPool::acquire(std::uint64_t request, SimTime now)
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

std::optional<std::uint64_t> WorkerPool::release(std::uint32_t worker, SimTime now)
{
    assert(worker < workers_.size());
    if (!line_.empty())
        return line_.pop();
    idle_.push_back(worker);
    busy_.add(now, -1);
    return std::nullopt;
}

double WorkerPool::utilization(SimTime now) const
{
    return workers_.empty() ? 0.0 : busy_.mean(now) / static_cast<double>(workers_.size());
}

} // namespace pipelab::timing
