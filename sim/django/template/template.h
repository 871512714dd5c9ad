// Template: one parsed template as the engine caches it — its name, the YAML line its first line
// sits on (so a node's line maps to `templates/NAME:LINE` in the scenario file) and its nodes.
#pragma once

#include "sim/django/template/nodes.h"

#include <string>

namespace pipelab::django::templates {

struct Template {
    std::string name;
    int firstLine = 1; // YAML line of the template's line 1
    NodeList nodelist;

    // The YAML line of a node of this template.
    int sourceLine(const Node& node) const { return firstLine + node.line - 1; }
};

} // namespace pipelab::django::templates
