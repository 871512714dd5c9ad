// readExpect and readLesson: the assertions and the classroom steps (scenario-format §7, §8).
// Both refer to other parts of the scenario (request indices, templates, code lines, settings),
// so they are read last, against the scenario read so far.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yamlnode.h"
#include "sim/scenario/yamlreader.h"

#include <vector>

namespace pipelab::scenario {

std::vector<Expectation> readExpect(YamlReader& reader, const YamlNode& node, const Scenario& scenario);
std::vector<LessonStep> readLesson(YamlReader& reader, const YamlNode& node, const Scenario& scenario);

} // namespace pipelab::scenario
