// RequestProfile: what one kind of request costs, as the sequence of steps its worker goes
// through. The trace → cost mapping turns a request's trace into one (Python-side time → cpu
// steps, each SQL query → a query step, each cache operation → a cache step); the load
// simulation only plays profiles. Durations are means: the load's distribution decides whether
// each run of a step takes exactly that or an exponential draw around it.
#pragma once

#include "sim/timing/simtime.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::timing {

struct Step {
    enum class Kind : std::uint8_t {
        Cpu,   // the worker computes: holds only the worker
        Query, // one SQL statement: needs the worker's connection, then a database core
        Cache, // one cache operation: the cache server
    };
    enum class CacheResult : std::uint8_t { None, Hit, Miss }; // None: a write/delete

    Kind kind = Kind::Cpu;
    SimTime service = 0; // cpu: worker time; query: database core time (rows included); cache: server time
    SimTime transit = 0; // query, cache: network round trip, paid before the service
    CacheResult cache = CacheResult::None;

    static Step cpu(SimTime time) { return {Kind::Cpu, time, 0, CacheResult::None}; }
    static Step query(SimTime coreTime, SimTime roundTrip = 0) { return {Kind::Query, coreTime, roundTrip, CacheResult::None}; }
    static Step cacheOp(SimTime time, SimTime roundTrip, CacheResult result) { return {Kind::Cache, time, roundTrip, result}; }
};

struct RequestProfile {
    RequestProfile() = default;
    RequestProfile(std::string name_, std::vector<Step> steps_, int status_ = 200)
        : name(std::move(name_)), steps(std::move(steps_)), status(status_)
    {
    }

    std::string name; // e.g. "GET /dashboard/"
    std::vector<Step> steps;
    // The response's status once the steps are played: a 5xx the application answers (an
    // exception in the view) counts with the errors, not with the completed requests.
    int status = 200;
};

} // namespace pipelab::timing
