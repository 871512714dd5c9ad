// WorkerPool: idle workers form a stack (worker 0 on top at start) so the choice of worker — and
// with it which connection is reused — is fixed by the event order alone.
#include "sim/timing/workerpool.h"

namespace pipelab::timing {

WorkerPool::WorkerPool(std::uint32_t workers) : workers_(workers)
{
    idle_.reserve(workers);
    for (std::uint32_t id = workers; id > 0; --id)
        idle_.push_back(id - 1);
}

double WorkerPool::utilization(SimTime now) const
{
    return workers_.empty() ? 0.0 : busy_.mean(now) / static_cast<double>(workers_.size());
}

} // namespace pipelab::timing
