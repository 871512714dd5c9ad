// The classic hold model (pop the earliest event, push one at its time plus an exponential
// increment) at 1e3 … 1e6 pending events, for each EventQueue implementation and for
// std::priority_queue as the baseline measured in the same run. One iteration = one hold.
#include "ratioreporter.h"
#include "sim/timing/calendarqueue.h"
#include "sim/timing/fouraryheap.h"
#include "sim/timing/random.h"

#include <queue>
#include <vector>

using namespace pipelab::timing;

namespace {

constexpr double kMeanIncrement = 1e6; // ns

struct Later {
    bool operator()(const QueueEntry& a, const QueueEntry& b) const { return earlier(b, a); }
};

void BM_HoldStdPriorityQueue(benchmark::State& state)
{
    const auto pending = static_cast<std::uint32_t>(state.range(0));
    std::priority_queue<QueueEntry, std::vector<QueueEntry>, Later> queue;
    Random random(1);
    std::uint64_t sequence = 0;
    for (std::uint32_t id = 0; id < pending; ++id)
        queue.push({roundToNanos(random.exponential(kMeanIncrement)), ++sequence, 0, id});
    for (auto _ : state) {
        const QueueEntry top = queue.top();
        queue.pop();
        queue.push({top.time + roundToNanos(random.exponential(kMeanIncrement)), ++sequence, 0, top.id});
    }
    state.SetItemsProcessed(state.iterations());
}

template <class Queue>
void BM_Hold(benchmark::State& state)
{
    const auto pending = static_cast<std::uint32_t>(state.range(0));
    Queue queue;
    Random random(1);
    std::uint64_t sequence = 0;
    for (std::uint32_t id = 0; id < pending; ++id)
        queue.push({roundToNanos(random.exponential(kMeanIncrement)), ++sequence, 0, id});
    // Called on the concrete queue, as BasicSimulator<Queue> calls it (no virtual call).
    for (auto _ : state) {
        const QueueEntry top = queue.popMin();
        queue.push({top.time + roundToNanos(random.exponential(kMeanIncrement)), ++sequence, 0, top.id});
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_HoldFourAryHeap(benchmark::State& state) { BM_Hold<FourAryHeap>(state); }
void BM_HoldCalendarQueue(benchmark::State& state) { BM_Hold<CalendarQueue>(state); }

} // namespace

BENCHMARK(BM_HoldStdPriorityQueue)->RangeMultiplier(10)->Range(1'000, 1'000'000);
BENCHMARK(BM_HoldFourAryHeap)->RangeMultiplier(10)->Range(1'000, 1'000'000);
BENCHMARK(BM_HoldCalendarQueue)->RangeMultiplier(10)->Range(1'000, 1'000'000);

int main(int argc, char** argv)
{
    return pipelab::bench::runWithRatios(argc, argv, "BM_HoldStdPriorityQueue/100000");
}
