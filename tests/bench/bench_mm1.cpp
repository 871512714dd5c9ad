// The whole engine on spec §6's M/M/1 scenario (ρ = 0.8, 10 ms service, ~1e6 requests per run):
// LoadSimulation with resources and metrics, and the bare Simulator kernel with a minimal M/M/1
// handler. Both report executed events per second ("events/s"). Baseline in the same run: the
// raw 4-ary-heap hold model for the same number of events at the M/M/1 queue's size.
#include "ratioreporter.h"
#include "sim/timing/fouraryheap.h"
#include "sim/timing/loadsimulation.h"
#include "sim/timing/random.h"
#include "sim/timing/simulator.h"

using namespace pipelab::timing;

namespace {

constexpr double kLambda = 80;           // requests/s
constexpr SimTime kService = 10'000'000; // 10 ms: ρ = 0.8
constexpr SimTime kDuration = seconds(12'500); // ~1e6 requests, ~2e6 events
constexpr std::uint64_t kEventsPerRun = 2'000'000;

LoadConfig mm1Config(QueueKind queue)
{
    LoadConfig config;
    config.profiles = {{"GET /one-query/", {Step::query(kService)}}};
    config.arrivalRate = kLambda;
    config.workers = 1;
    config.dbCores = 1;
    config.timeout = seconds(100'000);
    config.duration = kDuration;
    config.queue = queue;
    return config;
}

void BM_RawHold(benchmark::State& state)
{
    FourAryHeap queue;
    EventQueue& generic = queue;
    Random random(1);
    std::uint64_t sequence = 0;
    for (std::uint32_t id = 0; id < 3; ++id)
        generic.push({roundToNanos(random.exponential(1.25e7)), ++sequence, 0, id});
    for (auto _ : state) {
        for (std::uint64_t i = 0; i < kEventsPerRun; ++i) {
            const QueueEntry top = generic.popMin();
            generic.push({top.time + roundToNanos(random.exponential(1.25e7)), ++sequence, 0, top.id});
        }
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.iterations() * kEventsPerRun),
                                                    benchmark::Counter::kIsRate);
}

void BM_Mm1LoadSimulation(benchmark::State& state)
{
    const auto queue = static_cast<QueueKind>(state.range(0));
    std::uint64_t events = 0;
    for (auto _ : state) {
        const LoadResult result = runLoad(mm1Config(queue));
        events += result.events;
        benchmark::DoNotOptimize(result.latencyMs.mean);
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

// The kernel alone: arrivals and departures of one FIFO server, no resources or metrics.
void BM_Mm1Kernel(benchmark::State& state)
{
    const auto queue = static_cast<QueueKind>(state.range(0));
    std::uint64_t events = 0;
    for (auto _ : state) {
        Simulator simulator(queue);
        Random arrivals(1, 1);
        Random service(1, 2);
        std::uint64_t inSystem = 0;
        simulator.schedule(0, 0);
        simulator.run(
            [&](const Event& e) {
                if (e.kind == 0) { // arrival
                    simulator.scheduleIn(roundToNanos(arrivals.exponential(1e9 / kLambda)), 0);
                    if (inSystem++ == 0)
                        simulator.scheduleIn(roundToNanos(service.exponential(static_cast<double>(kService))), 1);
                } else if (--inSystem > 0) { // departure, the next one starts
                    simulator.scheduleIn(roundToNanos(service.exponential(static_cast<double>(kService))), 1);
                }
            },
            kDuration);
        events += simulator.executedEvents();
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_RawHold)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Mm1LoadSimulation)
    ->Arg(static_cast<int>(QueueKind::FourAryHeap))
    ->Arg(static_cast<int>(QueueKind::CalendarQueue))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Mm1Kernel)
    ->Arg(static_cast<int>(QueueKind::FourAryHeap))
    ->Arg(static_cast<int>(QueueKind::CalendarQueue))
    ->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    return pipelab::bench::runWithRatios(argc, argv, "BM_RawHold");
}
