// RatioReporter: Google Benchmark's console output plus, at the end, each benchmark's time as a
// ratio of the baseline measured in the same run. Wall-clock numbers differ between machines;
// ratios against a baseline run side by side are what we report and compare.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::bench {

class RatioReporter : public benchmark::ConsoleReporter {
public:
    // `baseline` is the full name of the benchmark every other one is divided by.
    explicit RatioReporter(std::string baseline) : baseline_(std::move(baseline)) {}

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const Run& run : runs) {
            if (run.run_type == Run::RT_Iteration && run.iterations > 0)
                nanosPerIteration_[run.benchmark_name()] = run.GetAdjustedRealTime();
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void Finalize() override
    {
        ConsoleReporter::Finalize();
        const auto base = nanosPerIteration_.find(baseline_);
        if (base == nanosPerIteration_.end() || base->second <= 0)
            return;
        std::printf("\nratios against %s (same run):\n", baseline_.c_str());
        for (const auto& [name, time] : nanosPerIteration_) {
            if (name != baseline_)
                std::printf("  %-48s %8.2fx\n", name.c_str(), time / base->second);
        }
    }

private:
    std::string baseline_;
    std::map<std::string, double> nanosPerIteration_;
};

// main() body for a benchmark program whose baseline is `baseline`.
// With --benchmark_format=json (or csv) the library's own reporter writes that format to stdout,
// so scripts comparing against other tools can parse it; the ratios are a console feature.
inline int runWithRatios(int argc, char** argv, const char* baseline)
{
    bool machineReadable = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        machineReadable = machineReadable
                          || (arg.rfind("--benchmark_format=", 0) == 0 && arg != "--benchmark_format=console");
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    if (machineReadable) {
        benchmark::RunSpecifiedBenchmarks();
    } else {
        RatioReporter reporter(baseline);
        benchmark::RunSpecifiedBenchmarks(&reporter);
    }
    benchmark::Shutdown();
    return 0;
}

} // namespace pipelab::bench
