// The dashboard request of the default scenario (issue 3 §9): GET /dashboard/ on a project built
// once — 500 paid orders rendered by the template, 501 queries (the N+1) — and the lesson's fix,
// the same view with .select_related("product") (one JOIN query). The N+1 request is the
// baseline, so the fix shows as a ratio; tests/bench/django_dashboard.py reads this program's JSON
// output to compare the absolute per-request time with real Django's.
//
// Each iteration is one Runner::runRequest plus the interpreter's garbage collection afterwards:
// nothing else frees a request's objects, and a server running request after request pays it too.
//
// Like with like: django_dashboard.py also builds its project once (settings, URLconf, middleware,
// tables and fixture rows) and then times only django.test.Client.generic() for request 0 — the
// whole handler: middleware stack, URL resolution, view, ORM, SQLite, template, response. Here one
// iteration is the same request through PipeLab's middleware, view, ORM (SQL text compiled and
// evaluated against the in-memory store for all 501 queries), template, plus what Django's side
// does not do: recording every query's SQL text and source line in the trace. Neither side
// re-loads the project per request. Both report CPU time, so a shared machine slows both alike.
#include "ratioreporter.h"
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/python/interpreter.h"
#include "sim/scenario/scenarioloader.h"

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

namespace {

namespace django = pipelab::django;
namespace scenario = pipelab::scenario;

constexpr const char* kScenarioPath = PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml";
constexpr const char* kNPlusOneLine = "orders = Order.objects.filter(status=\"paid\")";
constexpr const char* kFixedLine = "orders = Order.objects.filter(status=\"paid\").select_related(\"product\")";

std::string scenarioText()
{
    std::ifstream in(kScenarioPath, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The lesson's patch: the view line inside the `views:` block (the description quotes the same
// line, so the search starts at the block).
std::optional<std::string> selectRelatedText(std::string text)
{
    const auto block = text.find("\nviews: |");
    if (block == std::string::npos)
        return std::nullopt;
    const auto line = text.find(kNPlusOneLine, block);
    if (line == std::string::npos)
        return std::nullopt;
    text.replace(line, std::string(kNPlusOneLine).size(), kFixedLine);
    return text;
}

// A started project and the runner that drives it, or the reason there is none.
struct Fixture {
    std::optional<scenario::Scenario> scenario;
    std::unique_ptr<django::project::Project> project;
    std::unique_ptr<django::runner::Runner> runner;
    std::string error;
};

Fixture startProject(const std::optional<std::string>& text)
{
    Fixture fixture;
    if (!text) {
        fixture.error = "the views block of the default scenario changed; the patch no longer applies";
        return fixture;
    }
    scenario::LoadResult loaded = scenario::loadScenarioText(*text, "n-plus-one-dashboard.yaml");
    if (!loaded.ok()) {
        fixture.error = "the scenario did not load";
        return fixture;
    }
    fixture.scenario = std::move(loaded.scenario);
    django::project::Project::LoadResult started = django::project::Project::load(*fixture.scenario);
    if (!started.project) {
        fixture.error = "the project did not start";
        for (const scenario::Diagnostic& d : started.diagnostics)
            fixture.error += ": " + d.message;
        return fixture;
    }
    fixture.project = std::move(started.project);
    fixture.runner = std::make_unique<django::runner::Runner>(*fixture.project);
    return fixture;
}

// Runs request 0 until the timer is satisfied; every run must answer 200 with `queries` queries.
void runDashboard(benchmark::State& state, const std::optional<std::string>& text, std::size_t queries)
{
    Fixture fixture = startProject(text);
    if (!fixture.runner) {
        state.SkipWithError(fixture.error.c_str());
        return;
    }
    const scenario::Request request = fixture.scenario->expandedRequests().at(0);
    pipelab::py::Interpreter& interp = fixture.project->interpreter();
    for (auto _ : state) {
        const pipelab::trace::RequestTrace trace = fixture.runner->runRequest(0, request);
        interp.collectGarbage();
        if (trace.status != 200 || trace.queries.size() != queries) {
            state.SkipWithError(("unexpected response: status " + std::to_string(trace.status) + ", "
                                 + std::to_string(trace.queries.size()) + " queries")
                                    .c_str());
            break;
        }
        benchmark::DoNotOptimize(trace);
    }
    state.counters["queries"] = static_cast<double>(queries);
    state.counters["heap_objects"] = static_cast<double>(interp.heapSize());
}

void BM_DashboardNPlusOne(benchmark::State& state)
{
    runDashboard(state, scenarioText(), 501);
}
BENCHMARK(BM_DashboardNPlusOne)->Unit(benchmark::kMicrosecond);

void BM_DashboardSelectRelated(benchmark::State& state)
{
    runDashboard(state, selectRelatedText(scenarioText()), 1);
}
BENCHMARK(BM_DashboardSelectRelated)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv)
{
    return pipelab::bench::runWithRatios(argc, argv, "BM_DashboardNPlusOne");
}
