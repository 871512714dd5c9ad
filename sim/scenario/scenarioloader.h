// ScenarioLoader: reads a scenario file (YAML) into a Scenario and validates its structure.
// Errors are collected, several per pass where possible, as Diagnostics pointing into the YAML.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::scenario {

struct LoadResult {
    std::optional<Scenario> scenario; // set when there are no errors
    std::vector<Diagnostic> diagnostics; // errors and warnings, in file order
    bool ok() const { return scenario.has_value(); }
};

// `fileName` is what diagnostics call the file.
LoadResult loadScenarioText(std::string_view text, const std::string& fileName);
LoadResult loadScenarioFile(const std::filesystem::path& path);

} // namespace pipelab::scenario
