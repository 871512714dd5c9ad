// readData: the `data` mapping → ModelData per model, in file order (scenario-format §3).
// Only shapes are checked here: which fields a model has is known once its module is
// interpreted, so a generator for a field that does not exist is reported later.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yamlnode.h"
#include "sim/scenario/yamlreader.h"

#include <vector>

namespace pipelab::scenario {

std::vector<ModelData> readData(YamlReader& reader, const YamlNode& node);

// A Python identifier (ASCII): model, field and template-free names.
bool isPythonIdentifier(std::string_view name);

} // namespace pipelab::scenario
