// loadReportJson and formatLoadReport (see loadreport.h).
#include "sim/load/loadreport.h"

#include "sim/timing/loadresultjson.h"

#include <fmt/format.h>

namespace pipelab::load {

nlohmann::ordered_json loadReportJson(const scenario::Scenario& scenario, const ScenarioLoadRun& run,
                                      bool includeWallClock)
{
    nlohmann::ordered_json json;
    json["scenario"] = scenario.name;
    const nlohmann::ordered_json result = timing::toJson(run.result.value(), includeWallClock);
    for (const auto& [key, value] : result.items())
        json[key] = value;
    json["traces"] = {{"interpreted", run.interpreted}, {"reused", run.reused}};
    return json;
}

std::string formatLoadReport(const scenario::Scenario& scenario, const ScenarioLoadRun& run)
{
    const timing::LoadResult& r = run.result.value();
    const scenario::Load& load = scenario.load.value();
    std::string out = fmt::format("{}\n", scenario.name);
    if (load.users)
        out += fmt::format("  load          {} users, think time {} ms", *load.users, load.thinkTimeMs);
    else
        out += fmt::format("  load          {} requests/s (Poisson)", load.arrivalRate.value_or(0));
    out += fmt::format("; {} s measured after {} s warm-up; {} workers, seed {}\n", load.durationS, load.warmupS,
                       load.workers, load.seed);
    out += fmt::format("  completed     {} ({:.2f} requests/s)\n", r.completed, r.throughputRps);
    if (r.completed == 0)
        out += "  latency       none: no request completed\n";
    else
        out += fmt::format("  latency       mean {:.1f} ms, p50 {:.1f}, p95 {:.1f}, p99 {:.1f}, max {:.1f}\n",
                           r.latencyMs.mean, r.latencyMs.p50, r.latencyMs.p95, r.latencyMs.p99, r.latencyMs.max);
    out += fmt::format("  timeouts      {} (504)\n", r.timeouts);
    out += fmt::format("  errors        {} (refused connections and 5xx)\n", r.errors);
    out += fmt::format("  queries       {:.1f}/s\n", r.queriesPerS);
    out += fmt::format("  database      pool wait mean {:.2f} ms, p95 {:.2f} ms; utilization {:.1f}%\n", r.poolWaitMeanMs,
                       r.poolWaitP95Ms, r.dbUtilization * 100);
    out += fmt::format("  workers       utilization {:.1f}%\n", r.workerUtilization * 100);
    out += fmt::format("  cache         hit ratio {:.3f} ({} hits, {} misses)\n", r.cacheHitRatio, r.cacheHits, r.cacheMisses);
    out += fmt::format("  traces        {} interpreted, {} reused\n", run.interpreted, run.reused);
    out += fmt::format("  events        {} in {:.3f} s wall ({:.2f} M events/s){}\n", r.events, r.wallS, r.eventsPerS / 1e6,
                       r.truncated ? "; stopped at the event limit" : "");
    return out;
}

} // namespace pipelab::load
