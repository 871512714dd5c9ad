// toJson(LoadResult): values are rounded to what a reader can use (a microsecond for times in ms,
// 1e-6 for ratios); std::round is exact, so the rounding is as reproducible as the run.
#include "sim/timing/loadresultjson.h"

#include <cmath>
#include <fmt/format.h>

namespace pipelab::timing {

namespace {

double round3(double x) { return std::round(x * 1e3) / 1e3; }
double round6(double x) { return std::round(x * 1e6) / 1e6; }

} // namespace

nlohmann::ordered_json toJson(const LoadResult& r, bool includeWallClock)
{
    nlohmann::ordered_json json;
    json["completed"] = r.completed;
    json["throughput_rps"] = round3(r.throughputRps);
    json["latency_ms"] = {{"mean", round3(r.latencyMs.mean)},
                          {"p50", round3(r.latencyMs.p50)},
                          {"p95", round3(r.latencyMs.p95)},
                          {"p99", round3(r.latencyMs.p99)},
                          {"max", round3(r.latencyMs.max)}};
    json["timeouts"] = r.timeouts;
    json["errors"] = r.errors;
    json["queries_per_s"] = round3(r.queriesPerS);
    json["db"] = {{"pool_wait_ms", {{"mean", round3(r.poolWaitMeanMs)}, {"p95", round3(r.poolWaitP95Ms)}}},
                  {"utilization", round6(r.dbUtilization)}};
    json["cache"] = {{"hit_ratio", round6(r.cacheHitRatio)}, {"hits", r.cacheHits}, {"misses", r.cacheMisses}};
    json["workers"] = {{"utilization", round6(r.workerUtilization)}};
    json["little"] = {{"l", round6(r.meanInSystem)},
                      {"lambda_rps", round3(r.departureRate)},
                      {"w_ms", round3(r.meanSojournS * 1e3)}};
    auto series = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < r.timeSeries.size(); ++i) {
        const LoadResult::Second& s = r.timeSeries[i];
        series.push_back({{"t_s", i},
                          {"completed", s.completed},
                          {"timeouts", s.timeouts},
                          {"errors", s.errors},
                          {"mean_latency_ms", round3(s.meanLatencyMs)}});
    }
    json["time_series"] = std::move(series);
    json["fingerprint"] = fmt::format("{:016x}", r.fingerprint);
    json["truncated"] = r.truncated;
    json["events"] = r.events;
    if (includeWallClock) {
        json["wall_s"] = round6(r.wallS);
        json["events_per_s"] = std::round(r.eventsPerS);
    }
    return json;
}

} // namespace pipelab::timing
