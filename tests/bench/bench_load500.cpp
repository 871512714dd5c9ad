// The 500-user dashboards under load (issue 5 §7): scenarios/dashboard-500-users.yaml (the N+1
// page, 501 queries) and its select_related twin, 120 simulated seconds each after a 10 s
// warm-up, the whole `pipelab-cli load` path: a fresh project started, requests interpreted in
// simulated-time order with trace reuse, the discrete-event run. Target: the N+1 run in < 5 s
// wall. Counters: simulated events per second, requests interpreted and reused.
// Baseline in the same run: interpreting the dashboard request once (Runner::runRequest), so
// the ratio says how many interpretations a whole 500-user run costs.
#include "ratioreporter.h"
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/load/scenarioload.h"
#include "sim/scenario/scenarioloader.h"

#include <optional>
#include <string>

namespace {

namespace scenario = pipelab::scenario;

std::optional<scenario::Scenario> loadScenario(benchmark::State& state, const char* path)
{
    scenario::LoadResult loaded = scenario::loadScenarioFile(path);
    if (!loaded.ok()) {
        state.SkipWithError((std::string("cannot load ") + path).c_str());
        return std::nullopt;
    }
    return std::move(*loaded.scenario);
}

void BM_InterpretDashboardOnce(benchmark::State& state)
{
    const auto s = loadScenario(state, PIPELAB_SOURCE_DIR "/scenarios/dashboard-500-users.yaml");
    if (!s)
        return;
    auto project = pipelab::django::project::Project::load(*s);
    if (!project.project) {
        state.SkipWithError("the project does not start");
        return;
    }
    pipelab::django::runner::Runner runner(*project.project);
    const scenario::Request request = s->expandedRequests().at(0);
    for (auto _ : state) {
        const pipelab::trace::RequestTrace trace = runner.runRequest(0, request);
        benchmark::DoNotOptimize(trace.queries.size());
    }
}

void loadRun(benchmark::State& state, const char* path)
{
    const auto s = loadScenario(state, path);
    if (!s)
        return;
    std::uint64_t events = 0;
    pipelab::load::ScenarioLoadRun run;
    for (auto _ : state) {
        run = pipelab::load::runScenarioLoad(*s);
        if (!run.result) {
            state.SkipWithError("the load does not run");
            return;
        }
        events += run.result->events;
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["interpreted"] = static_cast<double>(run.interpreted);
    state.counters["reused"] = static_cast<double>(run.reused);
    state.counters["p95_ms"] = run.result->latencyMs.p95;
}

void BM_Dashboard500Users(benchmark::State& state)
{
    loadRun(state, PIPELAB_SOURCE_DIR "/scenarios/dashboard-500-users.yaml");
}

void BM_Dashboard500UsersFixed(benchmark::State& state)
{
    loadRun(state, PIPELAB_SOURCE_DIR "/scenarios/dashboard-500-users-fixed.yaml");
}

} // namespace

BENCHMARK(BM_InterpretDashboardOnce)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Dashboard500Users)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Dashboard500UsersFixed)->Unit(benchmark::kMillisecond)->Iterations(1);

int main(int argc, char** argv)
{
    return pipelab::bench::runWithRatios(argc, argv, "BM_InterpretDashboardOnce");
}
