// LoadModel: the event handlers. A request is referenced by (generation << 32 | index) so an
// event for a request that has since been killed (a query the database still finishes for it)
// is recognised and only frees its resource.
#include "sim/timing/loadmodel.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <stdexcept>

namespace pipelab::timing {

namespace {

constexpr std::int32_t kTimeoutPriority = 1;    // a request finishing exactly at the deadline is not killed
constexpr std::int32_t kWindowPriority = -1;    // the window opens before anything else at that instant

} // namespace

template <class Queue>
LoadModel<Queue>::LoadModel(LoadConfig config, ProfileSource* source)
    : config_(std::move(config)),
      source_(source),
      simulator_(),
      arrivals_(config_.seed, 1),
      service_(config_.seed, 2),
      mixer_(config_.seed, 3),
      workers_(config_.workers),
      database_(config_.maxConnections, config_.dbCores),
      cacheServer_(1)
{
    double total = 0;
    auto addToMix = [&](std::size_t profile, double weight) {
        if (weight <= 0)
            return;
        total += weight;
        cumulativeWeights_.push_back(total);
        mixProfiles_.push_back(static_cast<std::uint32_t>(profile));
    };
    if (config_.mix.empty()) {
        for (std::size_t p = 0; p < config_.profiles.size(); ++p)
            addToMix(p, 1);
    } else {
        for (const LoadConfig::MixEntry& entry : config_.mix)
            addToMix(entry.profile, entry.weight);
    }

    measureStart_ = config_.warmup;
    measureEnd_ = config_.warmup + config_.duration;
    const auto seconds = static_cast<std::size_t>((config_.duration + kNanosPerSecond - 1) / kNanosPerSecond);
    result_.timeSeries.resize(seconds);
    secondLatencySum_.assign(seconds, 0.0);
}

template <class Queue>
LoadResult LoadModel<Queue>::run()
{
    const auto wallStart = std::chrono::steady_clock::now();

    if (config_.users > 0) {
        // User i starts at i * ramp_up / users, without overflow for any valid ramp-up.
        const SimTime q = config_.rampUp / config_.users;
        const SimTime r = config_.rampUp % config_.users;
        for (std::uint32_t user = 0; user < config_.users; ++user)
            simulator_.schedule(q * user + r * user / config_.users, static_cast<std::uint32_t>(EventKind::UserSend), user);
    } else {
        simulator_.schedule(roundToNanos(arrivals_.exponential(1e9 / config_.arrivalRate)),
                            static_cast<std::uint32_t>(EventKind::Arrival));
    }
    if (measureStart_ > 0)
        simulator_.schedule(measureStart_, static_cast<std::uint32_t>(EventKind::WarmupEnd), 0, kWindowPriority);
    else
        startMeasuring();

    simulator_.run([this](const Event& event) { dispatch(event); }, measureEnd_);

    LoadResult r = summarize(simulator_.now());
    r.events = simulator_.executedEvents();
    r.fingerprint = simulator_.fingerprint();
    r.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    r.eventsPerS = r.wallS > 0 ? static_cast<double>(r.events) / r.wallS : 0.0;
    return r;
}

template <class Queue>
LoadResult LoadModel<Queue>::summarize(SimTime end) const
{
    const double window = end > measureStart_ ? toSeconds(end - measureStart_) : 0.0;
    auto perSecond = [window](double count) { return window > 0 ? count / window : 0.0; };

    LoadResult r = result_;
    r.throughputRps = perSecond(static_cast<double>(r.completed));
    r.latencyMs.mean = latency_.mean() / static_cast<double>(kNanosPerMilli);
    r.latencyMs.p50 = toMilliseconds(latency_.percentile(50));
    r.latencyMs.p95 = toMilliseconds(latency_.percentile(95));
    r.latencyMs.p99 = toMilliseconds(latency_.percentile(99));
    r.latencyMs.max = toMilliseconds(latency_.max());
    r.queriesPerS = perSecond(static_cast<double>(queries_));
    r.poolWaitMeanMs = poolWait_.mean() / static_cast<double>(kNanosPerMilli);
    r.poolWaitP95Ms = toMilliseconds(poolWait_.percentile(95));
    r.dbUtilization = database_.cores().utilization(end);
    r.workerUtilization = workers_.utilization(end);
    const std::uint64_t reads = r.cacheHits + r.cacheMisses;
    r.cacheHitRatio = reads ? static_cast<double>(r.cacheHits) / static_cast<double>(reads) : 0.0;
    r.meanInSystem = inSystem_.mean(end);
    r.departureRate = perSecond(static_cast<double>(departures_));
    r.meanSojournS = departures_ ? sojournSum_ / static_cast<double>(departures_) / 1e9 : 0.0;
    for (std::size_t s = 0; s < r.timeSeries.size(); ++s) {
        if (r.timeSeries[s].completed)
            r.timeSeries[s].meanLatencyMs = secondLatencySum_[s] / static_cast<double>(r.timeSeries[s].completed) / 1e6;
    }
    r.events = simulator_.executedEvents();
    return r;
}

template <class Queue>
void LoadModel<Queue>::dispatch(const Event& event)
{
    const std::uint64_t ref = event.payload;
    switch (static_cast<EventKind>(event.kind)) {
    case EventKind::Arrival:
        sendRequest(kNoUser);
        simulator_.scheduleIn(roundToNanos(arrivals_.exponential(1e9 / config_.arrivalRate)),
                              static_cast<std::uint32_t>(EventKind::Arrival));
        break;
    case EventKind::UserSend:
        sendRequest(static_cast<std::uint32_t>(ref));
        break;
    case EventKind::StepTimer:
        if (Request* r = find(ref)) {
            switch (r->phase) {
            case Phase::Cpu:
                ++r->step;
                advance(ref);
                break;
            case Phase::Connect:
                sendQuery(ref);
                break;
            case Phase::QueryTransit:
                submitQuery(ref);
                break;
            case Phase::CacheTransit:
                submitCache(ref);
                break;
            case Phase::QueryService:
            case Phase::CacheService:
                break; // served by a center, not a timer
            }
        }
        break;
    case EventKind::QueryDone:
        queryDone(ref);
        break;
    case EventKind::CacheDone:
        cacheDone(ref);
        break;
    case EventKind::Timeout:
        deadlineArmed_ = false;
        killOverdue();
        break;
    case EventKind::WarmupEnd:
        startMeasuring();
        break;
    }
    for (std::size_t i = 0; i < ready_.size(); ++i) {
        const auto [request, worker] = ready_[i];
        beginService(request, worker);
    }
    ready_.clear();
    if (progress_ && simulator_.executedEvents() % kLoadProgressEvents == 0)
        progress_(simulator_.now(), measureEnd_, summarize(simulator_.now()));
    if (config_.maxEvents != 0 && simulator_.executedEvents() >= config_.maxEvents) {
        result_.truncated = true;
        simulator_.stop();
    }
}

template <class Queue>
void LoadModel<Queue>::killOverdue()
{
    const SimTime now = simulator_.now();
    while (!deadlines_.empty()) {
        const Deadline next = deadlines_.front();
        Request* r = find(next.request);
        if (r == nullptr) { // finished in time
            deadlines_.pop();
            continue;
        }
        if (next.at > now) {
            simulator_.schedule(next.at, static_cast<std::uint32_t>(EventKind::Timeout), 0, kTimeoutPriority);
            deadlineArmed_ = true;
            return;
        }
        deadlines_.pop();
        r->timer.cancel();
        finish(next.request, Outcome::TimedOut);
    }
}

template <class Queue>
void LoadModel<Queue>::startMeasuring()
{
    const SimTime now = simulator_.now();
    workers_.restartWindow(now);
    database_.cores().restartWindow(now);
    cacheServer_.restartWindow(now);
    inSystem_.restart(now);
}

template <class Queue>
typename LoadModel<Queue>::Request* LoadModel<Queue>::find(std::uint64_t ref)
{
    // Every reference was made by allocateRequest(): the index is in range, the generation tells.
    const auto index = static_cast<std::uint32_t>(ref);
    assert(index < requests_.size());
    if (requests_[index].generation != static_cast<std::uint32_t>(ref >> 32))
        return nullptr;
    return &requests_[index];
}

template <class Queue>
std::uint64_t LoadModel<Queue>::allocateRequest()
{
    std::uint32_t index;
    if (freeRequests_.empty()) {
        index = static_cast<std::uint32_t>(requests_.size());
        requests_.emplace_back();
    } else {
        index = freeRequests_.back();
        freeRequests_.pop_back();
    }
    return static_cast<std::uint64_t>(requests_[index].generation) << 32 | index;
}

template <class Queue>
const Step& LoadModel<Queue>::currentStep(const Request& request) const
{
    return request.profile->steps[request.step];
}

template <class Queue>
SimTime LoadModel<Queue>::sample(SimTime mean)
{
    if (mean <= 0)
        return 0;
    if (config_.distribution == Distribution::Deterministic)
        return mean;
    return roundToNanos(service_.exponential(static_cast<double>(mean)));
}

template <class Queue>
std::uint32_t LoadModel<Queue>::pickProfile()
{
    if (mixProfiles_.size() == 1)
        return mixProfiles_.front();
    const double u = mixer_.uniform() * cumulativeWeights_.back();
    const auto it = std::lower_bound(cumulativeWeights_.begin(), cumulativeWeights_.end(), u);
    const auto index = std::min<std::size_t>(static_cast<std::size_t>(it - cumulativeWeights_.begin()), mixProfiles_.size() - 1);
    return mixProfiles_[index];
}

template <class Queue>
std::size_t LoadModel<Queue>::secondOf(SimTime time) const
{
    const auto s = static_cast<std::size_t>((time - measureStart_) / kNanosPerSecond);
    return std::min(s, result_.timeSeries.size() - 1);
}

template <class Queue>
void LoadModel<Queue>::sendRequest(std::uint32_t user)
{
    const SimTime now = simulator_.now();
    const std::uint64_t ref = allocateRequest();
    Request& r = requests_[static_cast<std::uint32_t>(ref)];
    r.kind = pickProfile();
    r.profile = nullptr;
    r.step = 0;
    r.user = user;
    r.arrival = now;
    inSystem_.add(now, +1);
    if (const auto worker = workers_.acquire(ref, now))
        ready_.emplace_back(ref, *worker);
}

template <class Queue>
void LoadModel<Queue>::beginService(std::uint64_t ref, std::uint32_t worker)
{
    const SimTime now = simulator_.now();
    Request* r = find(ref);
    r->worker = worker;
    r->profile = source_ ? &source_->profileFor(r->kind, now) : &config_.profiles[r->kind];
    deadlines_.push({now + config_.timeout, ref});
    if (!deadlineArmed_) {
        simulator_.schedule(now + config_.timeout, static_cast<std::uint32_t>(EventKind::Timeout), 0, kTimeoutPriority);
        deadlineArmed_ = true;
    }
    // request_started → close_old_connections(): a connection past CONN_MAX_AGE is closed.
    WorkerPool::Worker& w = workers_.worker(worker);
    if (w.connected && now >= w.connectionCloseAt)
        closeConnection(w);
    advance(ref);
}

template <class Queue>
void LoadModel<Queue>::advance(std::uint64_t ref)
{
    Request* r = find(ref);
    const std::vector<Step>& steps = r->profile->steps;
    while (r->step < steps.size()) {
        const Step& step = steps[r->step];
        switch (step.kind) {
        case Step::Kind::Cpu:
            if (const SimTime d = sample(step.service); d > 0) {
                r->phase = Phase::Cpu;
                r->timer = simulator_.scheduleIn(d, static_cast<std::uint32_t>(EventKind::StepTimer), ref);
                return;
            }
            ++r->step;
            break;
        case Step::Kind::Query: {
            WorkerPool::Worker& w = workers_.worker(r->worker);
            if (!w.connected) {
                // Django connects lazily, at the first query; a refusal is an OperationalError → 500.
                if (!database_.connect()) {
                    finish(ref, Outcome::Error);
                    return;
                }
                const SimTime now = simulator_.now();
                w.connected = true;
                w.connectionCloseAt = config_.connMaxAge > LoadConfig::kPersistentConnections - now
                    ? LoadConfig::kPersistentConnections
                    : now + config_.connMaxAge;
                if (const SimTime c = sample(config_.connectCost); c > 0) {
                    r->phase = Phase::Connect;
                    r->timer = simulator_.scheduleIn(c, static_cast<std::uint32_t>(EventKind::StepTimer), ref);
                    return;
                }
            }
            sendQuery(ref);
            return;
        }
        case Step::Kind::Cache:
            if (const SimTime t = sample(step.transit); t > 0) {
                r->phase = Phase::CacheTransit;
                r->timer = simulator_.scheduleIn(t, static_cast<std::uint32_t>(EventKind::StepTimer), ref);
                return;
            }
            submitCache(ref);
            return;
        }
    }
    finish(ref, Outcome::Ok);
}

template <class Queue>
void LoadModel<Queue>::sendQuery(std::uint64_t ref)
{
    Request* r = find(ref);
    if (const SimTime t = sample(currentStep(*r).transit); t > 0) {
        r->phase = Phase::QueryTransit;
        r->timer = simulator_.scheduleIn(t, static_cast<std::uint32_t>(EventKind::StepTimer), ref);
        return;
    }
    submitQuery(ref);
}

template <class Queue>
void LoadModel<Queue>::submitQuery(std::uint64_t ref)
{
    const SimTime now = simulator_.now();
    Request* r = find(ref);
    r->phase = Phase::QueryService;
    const ServiceCenter::Ticket ticket{ref, sample(currentStep(*r).service), now};
    if (database_.cores().arrive(ticket, now)) {
        if (measuring())
            poolWait_.record(0);
        simulator_.scheduleIn(ticket.service, static_cast<std::uint32_t>(EventKind::QueryDone), ref);
    }
}

template <class Queue>
void LoadModel<Queue>::submitCache(std::uint64_t ref)
{
    const SimTime now = simulator_.now();
    Request* r = find(ref);
    r->phase = Phase::CacheService;
    const ServiceCenter::Ticket ticket{ref, sample(currentStep(*r).service), now};
    if (cacheServer_.arrive(ticket, now))
        simulator_.scheduleIn(ticket.service, static_cast<std::uint32_t>(EventKind::CacheDone), ref);
}

template <class Queue>
void LoadModel<Queue>::queryDone(std::uint64_t ref)
{
    const SimTime now = simulator_.now();
    // The core goes to the next query in line even if this one's request was killed meanwhile:
    // the database finishes what it was sent.
    if (const auto next = database_.cores().depart(now)) {
        if (measuring())
            poolWait_.record(now - next->arrivedAt);
        simulator_.scheduleIn(next->service, static_cast<std::uint32_t>(EventKind::QueryDone), next->owner);
    }
    if (measuring())
        ++queries_;
    if (Request* r = find(ref)) {
        ++r->step;
        advance(ref);
    }
}

template <class Queue>
void LoadModel<Queue>::cacheDone(std::uint64_t ref)
{
    const SimTime now = simulator_.now();
    if (const auto next = cacheServer_.depart(now))
        simulator_.scheduleIn(next->service, static_cast<std::uint32_t>(EventKind::CacheDone), next->owner);
    if (Request* r = find(ref)) {
        if (measuring()) {
            const Step::CacheResult outcome = currentStep(*r).cache;
            result_.cacheHits += outcome == Step::CacheResult::Hit;
            result_.cacheMisses += outcome == Step::CacheResult::Miss;
        }
        ++r->step;
        advance(ref);
    }
}

template <class Queue>
void LoadModel<Queue>::closeConnection(WorkerPool::Worker& worker)
{
    worker.connected = false;
    database_.disconnect();
}

template <class Queue>
void LoadModel<Queue>::finish(std::uint64_t ref, Outcome outcome)
{
    const SimTime now = simulator_.now();
    Request& r = *find(ref);
    // A 5xx the application answered is an error response, like a refused connection.
    if (outcome == Outcome::Ok && r.profile->status >= 500)
        outcome = Outcome::Error;
    WorkerPool::Worker& w = workers_.worker(r.worker);
    if (outcome == Outcome::TimedOut) {
        // The server kills the worker process, and its database connection with it.
        if (w.connected)
            closeConnection(w);
    } else {
        // request_finished → close_old_connections(): CONN_MAX_AGE = 0 closes here.
        if (w.connected && now >= w.connectionCloseAt)
            closeConnection(w);
    }

    if (measuring()) {
        const SimTime latency = now - r.arrival;
        ++departures_;
        sojournSum_ += static_cast<double>(latency);
        const std::size_t s = secondOf(now);
        LoadResult::Second& second = result_.timeSeries[s];
        switch (outcome) {
        case Outcome::Ok:
            latency_.record(latency);
            ++result_.completed;
            ++second.completed;
            secondLatencySum_[s] += static_cast<double>(latency);
            break;
        case Outcome::TimedOut:
            ++result_.timeouts;
            ++second.timeouts;
            break;
        case Outcome::Error:
            ++result_.errors;
            ++second.errors;
            break;
        }
    }
    inSystem_.add(now, -1);

    const std::uint32_t user = r.user;
    const std::uint32_t worker = r.worker;
    ++r.generation;
    freeRequests_.push_back(static_cast<std::uint32_t>(ref));

    if (const auto next = workers_.release(worker, now))
        ready_.emplace_back(*next, worker);
    if (user != kNoUser)
        simulator_.scheduleIn(roundToNanos(arrivals_.exponential(static_cast<double>(config_.thinkTime))),
                              static_cast<std::uint32_t>(EventKind::UserSend), user);
}

template class LoadModel<FourAryHeap>;
template class LoadModel<CalendarQueue>;

} // namespace pipelab::timing
