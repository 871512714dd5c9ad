// toProfile (see traceprofile.h). Counted work (trace::WorkMark) is charged where it was done:
// before the event that followed it, so the cpu time between two queries is what ran between them.
#include "sim/load/traceprofile.h"

#include <limits>

namespace pipelab::load {

timing::RequestProfile toProfile(const trace::RequestTrace& request, const CostModel& costs)
{
    timing::RequestProfile profile(request.method + " " + request.path, {}, request.status);
    std::vector<timing::Step>& steps = profile.steps;
    timing::SimTime cpu = 0;
    auto flush = [&] {
        if (cpu > 0)
            steps.push_back(timing::Step::cpu(cpu));
        cpu = 0;
    };
    std::size_t nextMark = 0;
    trace::Work done;
    auto chargeWorkUpTo = [&](std::size_t event) {
        for (; nextMark < request.workMarks.size() && request.workMarks[nextMark].event <= event; ++nextMark) {
            cpu += costs.workCost(request.workMarks[nextMark].done - done);
            done = request.workMarks[nextMark].done;
        }
    };

    for (std::size_t i = 0; i < request.events.size(); ++i) {
        const trace::Event& event = request.events[i];
        chargeWorkUpTo(i);
        cpu += costs.eventCost(event);
        if (event.kind == trace::EventKind::Query && event.count >= 0 &&
            static_cast<std::size_t>(event.count) < request.queries.size()) {
            const CostModel::QueryCost query = costs.queryCost(request.queries[static_cast<std::size_t>(event.count)]);
            cpu += query.python;
            flush();
            steps.push_back(timing::Step::query(query.core, query.roundTrip));
        } else if (event.kind == trace::EventKind::CacheOp) {
            const CostModel::CacheCost cache = costs.cacheCost(event);
            flush();
            steps.push_back(timing::Step::cacheOp(cache.service, cache.roundTrip, cache.result));
        }
    }
    chargeWorkUpTo(std::numeric_limits<std::size_t>::max());
    flush();
    return profile;
}

} // namespace pipelab::load
