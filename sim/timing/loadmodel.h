// LoadModel<Queue>: a Django deployment under load, as a discrete-event model. Virtual users
// (closed loop) or Poisson arrivals (open loop) send requests drawn from the mix; each request
// waits for a worker, then plays its RequestProfile: cpu steps on the worker, queries through
// the worker's database connection (CONN_MAX_AGE semantics, max_connections refusals → 500) and
// the database's K cores, cache operations on the cache server; one still running at
// server.timeout is killed with a 504, its pending work cancelled and its worker freed.
// Everything random comes from Random streams of the seed, so a seed fixes the run bit for bit.
// A request's steps are fixed when a worker starts it: LoadConfig::profiles[kind], or what the
// ProfileSource answers at that simulated instant. The model is templated on its event queue so
// the engine calls the queue directly; LoadSimulation picks the instantiation LoadConfig names.
#pragma once

#include "sim/timing/calendarqueue.h"
#include "sim/timing/databaseserver.h"
#include "sim/timing/fouraryheap.h"
#include "sim/timing/latencyhistogram.h"
#include "sim/timing/loadconfig.h"
#include "sim/timing/loadresult.h"
#include "sim/timing/profilesource.h"
#include "sim/timing/random.h"
#include "sim/timing/ringbuffer.h"
#include "sim/timing/servicecenter.h"
#include "sim/timing/simulator.h"
#include "sim/timing/timeaverage.h"
#include "sim/timing/workerpool.h"

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace pipelab::timing {

// Called every kLoadProgressEvents executed events with the simulated time, the run's end and
// the result so far (the window measured up to now), so a GUI can chart a run while it runs.
using LoadProgress = std::function<void(SimTime now, SimTime end, const LoadResult& sofar)>;
inline constexpr std::uint64_t kLoadProgressEvents = 1 << 16;

template <class Queue>
class LoadModel {
public:
    // `config` must be valid (validate() empty). `source`, when given, must outlive the run.
    LoadModel(LoadConfig config, ProfileSource* source);

    void setProgress(LoadProgress progress) { progress_ = std::move(progress); }

    // Runs warm-up and the measured window. Call once. Flattened like dispatch(), so the engine's
    // loop, the queue and the handlers are one function.
    [[gnu::flatten]] LoadResult run();

    // The result as it stands at simulated time `end` (the measured window up to it).
    LoadResult summarize(SimTime end) const;

private:
    enum class EventKind : std::uint32_t { Arrival, UserSend, StepTimer, QueryDone, CacheDone, Timeout, WarmupEnd };
    enum class Phase : std::uint8_t { Cpu, Connect, QueryTransit, QueryService, CacheTransit, CacheService };
    enum class Outcome : std::uint8_t { Ok, Error, TimedOut }; // Error: refused connection or a 5xx response

    static constexpr std::uint32_t kNoUser = 0xffffffffu;

    struct Request {
        std::uint32_t generation = 0; // bumped when the record is freed: stale references miss
        std::uint32_t kind = 0;       // index into LoadConfig::profiles (the mix's choice)
        std::uint32_t step = 0;
        const RequestProfile* profile = nullptr; // set when a worker starts the request
        std::uint32_t worker = 0;
        std::uint32_t user = kNoUser;
        Phase phase = Phase::Cpu;
        SimTime arrival = 0;
        EventHandle timer; // the pending cpu / connect / transit completion
    };

    struct Deadline {
        SimTime at = 0;
        std::uint64_t request = 0;
    };

    // Flattened: every handler and resource call a dispatch makes is inlined into it, which
    // spares the call overhead that otherwise dominates the per-event cost.
    [[gnu::flatten]] void dispatch(const Event& event);
    void sendRequest(std::uint32_t user);
    void beginService(std::uint64_t ref, std::uint32_t worker);
    void advance(std::uint64_t ref);
    void sendQuery(std::uint64_t ref);
    void submitQuery(std::uint64_t ref);
    void submitCache(std::uint64_t ref);
    void queryDone(std::uint64_t ref);
    void cacheDone(std::uint64_t ref);
    void finish(std::uint64_t ref, Outcome outcome);
    void closeConnection(WorkerPool::Worker& worker);
    void startMeasuring();
    void killOverdue();

    Request* find(std::uint64_t ref);
    std::uint64_t allocateRequest();
    const Step& currentStep(const Request& request) const;
    SimTime sample(SimTime mean);
    std::uint32_t pickProfile();
    bool measuring() const { return simulator_.now() >= measureStart_; }
    std::size_t secondOf(SimTime time) const;

    LoadConfig config_;
    ProfileSource* source_ = nullptr;
    LoadProgress progress_;
    BasicSimulator<Queue> simulator_;
    Random arrivals_; // inter-arrival and think times
    Random service_;  // step durations
    Random mixer_;    // which request of the mix
    std::vector<double> cumulativeWeights_;
    std::vector<std::uint32_t> mixProfiles_;

    WorkerPool workers_;
    DatabaseServer database_;
    ServiceCenter cacheServer_;
    std::vector<Request> requests_;
    std::vector<std::uint32_t> freeRequests_;
    // Requests that got a worker, begun after the current event's handler, in order: starting
    // them from inside finish() could recurse once per waiting request.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ready_;
    // Every request's kill time, in service-start order — which is deadline order, since the
    // timeout is one constant. One Timeout event is pending, for the earliest deadline of a
    // request still running; finished requests' entries are skipped when it fires. This costs one
    // push per request instead of scheduling and cancelling an event per request.
    RingBuffer<Deadline> deadlines_;
    bool deadlineArmed_ = false;

    SimTime measureStart_ = 0;
    SimTime measureEnd_ = 0;
    LatencyHistogram latency_;
    LatencyHistogram poolWait_;
    TimeAverage inSystem_;
    LoadResult result_;
    std::uint64_t queries_ = 0;
    std::uint64_t departures_ = 0;
    double sojournSum_ = 0;
    std::vector<double> secondLatencySum_;
};

extern template class LoadModel<FourAryHeap>;
extern template class LoadModel<CalendarQueue>;

} // namespace pipelab::timing
