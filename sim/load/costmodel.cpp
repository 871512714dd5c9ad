// CostModel (see costmodel.h): defaults, overrides, and the cost of each kind of trace step.
#include "sim/load/costmodel.h"

#include <algorithm>

namespace pipelab::load {

namespace {

using timing::SimTime;

// The scenario's value in its unit (spec §6: ms or µs), or the default.
void override(const scenario::Costs& costs, const char* key, SimTime& out)
{
    const auto it = costs.values.find(key);
    if (it == costs.values.end())
        return;
    const std::string_view name(key);
    out = name.ends_with("_ms") ? timing::milliseconds(it->second) : timing::microseconds(it->second);
}

bool isMiddlewareLayer(const std::string& layer)
{
    return layer != "handler";
}

} // namespace

SimTime CostModel::defaultCacheCost(std::string_view backend)
{
    if (backend == "redis")
        return timing::microseconds(250); // a GET over the LAN, client included
    if (backend == "memcached")
        return timing::microseconds(200);
    if (backend == "filebased")
        return timing::microseconds(50); // open, read and unpickle a small file (page cache)
    if (backend == "db")
        return timing::microseconds(1); // its SQL is in the trace and charged as queries
    if (backend == "dummy")
        return timing::microseconds(1);
    return timing::microseconds(2); // locmem: a dict under a lock, with pickling (measured)
}

bool CostModel::isInProcessCache(std::string_view backend)
{
    return backend == "locmem" || backend == "dummy" || backend == "filebased" || backend == "db";
}

CostModel CostModel::forScenario(const scenario::Scenario& scenario)
{
    CostModel model;
    model.connectPerRequest = scenario.settings.connMaxAge == 0;
    for (const scenario::CacheConfig& cache : scenario.settings.caches) {
        model.cacheRoundTrip[cache.alias] = defaultCacheCost(cache.backend);
        model.cacheInProcess[cache.alias] = isInProcessCache(cache.backend);
    }
    if (!scenario.costs)
        return model;
    const scenario::Costs& costs = *scenario.costs;
    if (costs.distribution)
        model.distribution = *costs.distribution == scenario::Costs::Distribution::Deterministic
            ? timing::Distribution::Deterministic
            : timing::Distribution::Exponential;
    override(costs, "db_rtt_ms", model.dbRoundTrip);
    override(costs, "query_ms", model.query);
    override(costs, "row_us", model.row);
    override(costs, "connect_ms", model.connect);
    override(costs, "query_overhead_us", model.queryOverhead);
    override(costs, "orm_row_us", model.ormRow);
    override(costs, "view_us", model.view);
    override(costs, "template_node_us", model.templateNode);
    override(costs, "middleware_us", model.middleware);
    override(costs, "signal_us", model.signal);
    if (costs.values.contains("cache_rtt_ms")) {
        SimTime cache = 0;
        override(costs, "cache_rtt_ms", cache);
        for (auto& [alias, cost] : model.cacheRoundTrip)
            cost = cache;
    }
    return model;
}

SimTime CostModel::eventCost(const trace::Event& event) const
{
    switch (event.kind) {
    case trace::EventKind::LayerEnter: // a middleware's __call__: process_request and process_response
        return isMiddlewareLayer(event.layer) ? middleware : 0;
    case trace::EventKind::Hook:
        return middleware;
    case trace::EventKind::ViewCalled:
        return view;
    case trace::EventKind::Signal:
        return signal;
    default:
        return 0;
    }
}

SimTime CostModel::workCost(const trace::Work& work) const
{
    return std::max<std::int64_t>(work.instancesBuilt, 0) * ormRow +
           std::max<std::int64_t>(work.templateNodes, 0) * templateNode;
}

CostModel::QueryCost CostModel::queryCost(const trace::Query& q) const
{
    return {queryOverhead, dbRoundTrip, query + std::max<std::int64_t>(q.rows, 0) * row};
}

CostModel::CacheCost CostModel::cacheCost(const trace::Event& event) const
{
    const std::string& detail = event.detail;
    const std::size_t aliasEnd = std::min(detail.find(' '), detail.size());
    const std::string alias = detail.substr(0, aliasEnd);
    CacheCost cost;
    if (detail.compare(aliasEnd, 5, " get ") == 0)
        cost.result = detail.ends_with(" hit") ? timing::Step::CacheResult::Hit : timing::Step::CacheResult::Miss;
    const auto rtt = cacheRoundTrip.find(alias);
    const SimTime time = rtt == cacheRoundTrip.end() ? defaultCacheCost("locmem") : rtt->second;
    const auto local = cacheInProcess.find(alias);
    if (local == cacheInProcess.end() || local->second)
        cost.service = time;
    else
        cost.roundTrip = time;
    return cost;
}

} // namespace pipelab::load
