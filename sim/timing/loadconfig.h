// LoadConfig: everything a load run needs — spec §6's `load` section in engine units, the cost
// distribution, Django's CONN_MAX_AGE and the request profiles. Built by the scenario → timing
// mapping (or directly by tests and benchmarks); validate() says what is wrong with one.
#pragma once

#include "sim/timing/eventqueue.h"
#include "sim/timing/requestprofile.h"
#include "sim/timing/simtime.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace pipelab::timing {

enum class Distribution { Deterministic, Exponential };

struct LoadConfig {
    // CONN_MAX_AGE = None: a worker's connection is never closed for age.
    static constexpr SimTime kPersistentConnections = std::numeric_limits<SimTime>::max();

    struct MixEntry {
        std::size_t profile = 0;
        double weight = 1;
    };

    std::vector<RequestProfile> profiles;
    std::vector<MixEntry> mix; // empty: every profile, equal weight

    // Exactly one of: closed loop (users > 0) or open loop (arrivalRate > 0, requests/s).
    std::uint32_t users = 0;
    SimTime thinkTime = seconds(1); // mean, always exponential
    SimTime rampUp = 0;             // users start evenly over this time
    double arrivalRate = 0;

    SimTime warmup = 0;
    SimTime duration = seconds(60);

    std::uint32_t workers = 4;
    SimTime timeout = seconds(30);
    std::uint32_t maxConnections = 100;
    std::uint32_t dbCores = 4;
    SimTime connMaxAge = 0;  // Django's CONN_MAX_AGE; 0 closes the connection after each request
    SimTime connectCost = 0; // opening a connection (spec `connect_ms`)
    Distribution distribution = Distribution::Exponential;

    std::uint64_t seed = 1;
    QueueKind queue = QueueKind::FourAryHeap;
    // A run that would execute more events than this stops there and says so (bounded work for
    // any input). 0: no bound.
    std::uint64_t maxEvents = 2'000'000'000;
};

// Empty when the configuration can run; otherwise one message per problem, in the spec's words.
std::vector<std::string> validate(const LoadConfig& config);

} // namespace pipelab::timing
