// readSettings: the `settings` mapping → Settings (scenario-format §2). Simulated settings are
// typed; any other real Django setting is kept in Settings::others with a warning that it has no
// effect; a name Django does not know is a warning too; a lower-case name is an error.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yamlnode.h"
#include "sim/scenario/yamlreader.h"

namespace pipelab::scenario {

// Applies the settings written in `node` over `base` (the defaults, or a scenario's settings
// when reading a lesson's patch) and returns the result.
Settings readSettings(YamlReader& reader, const YamlNode& node, Settings base);

// Django's defaults: the startproject MIDDLEWARE and one locmem "default" cache.
Settings defaultSettings();

} // namespace pipelab::scenario
