// CostModel: what each step of a trace costs in time (spec §6 `costs`), and the one place that
// reads a trace event as a cost. Defaults are Django 3.2 on CPython 3.11, measured on the
// reference machine by tests/bench/django_costs.py (Python-side costs), and commonly measured
// network and database figures (round trips, server core time); README.md's "Timing model and
// cost defaults" lists each value and its source. A scenario's `costs` section
// overrides any of them; cache_rtt_ms defaults per CACHES backend.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/timing/loadconfig.h"
#include "sim/timing/requestprofile.h"
#include "sim/timing/simtime.h"
#include "sim/trace/requesttrace.h"

#include <map>
#include <string>
#include <string_view>

namespace pipelab::load {

struct CostModel {
    struct QueryCost {
        timing::SimTime python = 0;    // ORM side before the statement is sent (query_overhead_us)
        timing::SimTime roundTrip = 0; // db_rtt_ms
        timing::SimTime core = 0;      // database core time: query_ms + rows * row_us
    };
    struct CacheCost {
        timing::SimTime service = 0;   // on the cache server (in-process backends: the lock)
        timing::SimTime roundTrip = 0; // network backends
        timing::Step::CacheResult result = timing::Step::CacheResult::None;
    };

    timing::Distribution distribution = timing::Distribution::Exponential;
    timing::SimTime dbRoundTrip = timing::microseconds(500);
    timing::SimTime query = timing::microseconds(100);
    timing::SimTime row = timing::microseconds(1);
    timing::SimTime connect = timing::milliseconds(2);
    timing::SimTime queryOverhead = timing::microseconds(250);
    timing::SimTime ormRow = timing::microseconds(4);
    timing::SimTime view = timing::microseconds(150);
    timing::SimTime templateNode = timing::microseconds(3.5);
    timing::SimTime middleware = timing::microseconds(10);
    timing::SimTime signal = timing::microseconds(1.2);
    // CONN_MAX_AGE = 0: Django opens a connection in every request that queries (and closes it
    // at the end); otherwise a worker's connection outlives requests.
    bool connectPerRequest = true;
    std::map<std::string, timing::SimTime> cacheRoundTrip; // per CACHES alias; absent: locmem's
    std::map<std::string, bool> cacheInProcess;            // per CACHES alias: no network hop

    // The defaults, with the scenario's CACHES backends and its `costs` overrides applied.
    static CostModel forScenario(const scenario::Scenario& scenario);
    // cache_rtt_ms's default for a CACHES backend ("locmem", "redis", ...).
    static timing::SimTime defaultCacheCost(std::string_view backend);
    static bool isInProcessCache(std::string_view backend);

    // The Python-side cost of the step an event stands for (a middleware hook, a view call, a
    // signal receiver); 0 for events that cost nothing themselves or are charged elsewhere.
    timing::SimTime eventCost(const trace::Event& event) const;
    // Counted work: instances built and template nodes rendered.
    timing::SimTime workCost(const trace::Work& work) const;
    QueryCost queryCost(const trace::Query& query) const;
    // A CacheOp event ("ALIAS OP KEY [hit|miss]", as the cache module records it).
    CacheCost cacheCost(const trace::Event& event) const;
};

} // namespace pipelab::load
