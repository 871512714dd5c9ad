// LoadResult: the numbers a load run produces (spec §9 `load`), over the measured window
// [warm-up, warm-up + duration]. Latencies are of successful responses; timeouts (504) and
// errors (refused connections, 5xx responses) are counted apart. The Little's-law triple covers every departure.
#pragma once

#include <cstdint>
#include <vector>

namespace pipelab::timing {

struct LoadResult {
    struct Latency {
        double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0; // ms
    };
    struct Second {
        std::uint64_t completed = 0, timeouts = 0, errors = 0;
        double meanLatencyMs = 0;
    };

    std::uint64_t completed = 0;
    double throughputRps = 0;
    Latency latencyMs;
    std::uint64_t timeouts = 0;
    std::uint64_t errors = 0; // refused database connections and 5xx responses
    double queriesPerS = 0;
    double poolWaitMeanMs = 0; // waiting for a database core
    double poolWaitP95Ms = 0;
    double dbUtilization = 0;
    double workerUtilization = 0;
    std::uint64_t cacheHits = 0;
    std::uint64_t cacheMisses = 0;
    double cacheHitRatio = 0; // hits / (hits + misses), 0 without reads

    // Little's law, L = λW, over all departures (200, 500 and 504 alike).
    double meanInSystem = 0;  // L: time-average number of requests between arrival and response
    double departureRate = 0; // λ: departures per second
    double meanSojournS = 0;  // W: mean arrival → response time, seconds

    std::vector<Second> timeSeries; // one entry per simulated second of the window

    std::uint64_t events = 0;
    std::uint64_t fingerprint = 0;
    bool truncated = false; // stopped by maxEvents
    double wallS = 0;
    double eventsPerS = 0;
};

} // namespace pipelab::timing
