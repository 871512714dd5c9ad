// LiveProfiles: the load simulation's ProfileSource over one live Project. Requests are
// interpreted in simulated-time order (when a worker starts them) against shared database,
// cache and session state, with the project's clock set to the simulated instant — but an
// identical request in an identical state is not interpreted again: its earlier trace is reused.
//
// "Identical state" is tracked as a generation that moves on whenever an interpreted request
// changed state: a statement other than a SELECT, a cache write (set, add, touch, delete,
// clear), or a Set-Cookie (a session saved, a CSRF cookie). A request is (its index in the
// expanded request list, which fixes its browser: the scripted user); a trace is reused for the
// same (request, generation). A trace that used the cache is reused only within the same
// simulated second, so cache expiry in simulated time is seen to the second.
#pragma once

#include "sim/django/runner/runner.h"
#include "sim/load/costmodel.h"
#include "sim/scenario/scenario.h"
#include "sim/timing/profilesource.h"
#include "sim/trace/requesttrace.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace pipelab::django::project {
class Project;
}

namespace pipelab::load {

class LiveProfiles final : public timing::ProfileSource {
public:
    LiveProfiles(django::project::Project& project, CostModel costs);

    const timing::RequestProfile& profileFor(std::uint32_t kind, timing::SimTime now) override;

    std::uint64_t interpreted() const { return interpreted_; }
    std::uint64_t reused() const { return reused_; }
    std::uint64_t generation() const { return generation_; }

    // Whether a request with this trace changed the state others see.
    static bool changesState(const trace::RequestTrace& request);
    // Whether its outcome may depend on the clock (it used the cache, whose entries expire).
    static bool readsClock(const trace::RequestTrace& request);

private:
    using Key = std::tuple<std::uint32_t, std::uint64_t, std::int64_t>; // request, generation, second or -1

    django::project::Project& project_;
    django::runner::Runner runner_;
    CostModel costs_;
    std::vector<scenario::Request> requests_;
    std::map<Key, const timing::RequestProfile*> seen_; // this generation's traces only
    std::deque<timing::RequestProfile> profiles_;        // stable addresses: running requests hold them
    std::uint64_t generation_ = 0;
    std::uint64_t interpreted_ = 0;
    std::uint64_t reused_ = 0;
};

} // namespace pipelab::load
