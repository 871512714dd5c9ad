// Loading the default scenario: the full loader (typed structures, validation, positions)
// against yaml-cpp's bare parse of the same text as the baseline, so the ratio is the price of
// PipeLab's checking on top of parsing.
#include "ratioreporter.h"
#include "sim/scenario/scenarioloader.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string defaultScenarioText()
{
    std::ifstream in(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void BM_YamlCppParse(benchmark::State& state)
{
    const std::string text = defaultScenarioText();
    for (auto _ : state)
        benchmark::DoNotOptimize(YAML::Load(text));
}
BENCHMARK(BM_YamlCppParse);

void BM_LoadScenario(benchmark::State& state)
{
    const std::string text = defaultScenarioText();
    for (auto _ : state) {
        auto result = pipelab::scenario::loadScenarioText(text, "n-plus-one-dashboard.yaml");
        if (!result.ok())
            state.SkipWithError("the default scenario did not load");
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(BM_LoadScenario);

} // namespace

int main(int argc, char** argv)
{
    return pipelab::bench::runWithRatios(argc, argv, "BM_YamlCppParse");
}
