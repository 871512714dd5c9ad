// libFuzzer target: the scenario loader (YAML parser, reader, every section's validation) on
// arbitrary bytes. Any input must give diagnostics or a Scenario, never a crash or a hang.
#include "sim/scenario/scenarioloader.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = pipelab::scenario::loadScenarioText(text, "fuzz.yaml");
    for (const auto& diagnostic : result.diagnostics)
        static_cast<void>(diagnostic.format());
    return 0;
}
