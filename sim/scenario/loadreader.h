// readLoad and readCosts: the load profile and cost-model overrides (scenario-format §6).
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yamlnode.h"
#include "sim/scenario/yamlreader.h"

#include <cstdint>
#include <optional>

namespace pipelab::scenario {

// `requestCount` is the length of the expanded request list: `mix` indices must fall inside it.
std::optional<Load> readLoad(YamlReader& reader, const YamlNode& node, std::int64_t requestCount);
std::optional<Costs> readCosts(YamlReader& reader, const YamlNode& node);

} // namespace pipelab::scenario
