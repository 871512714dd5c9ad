// dumpNodeList(): a node tree as one line of compact text (T@1'text' V@2(L[a]|upper)
// For@3(x in L[xs])[...] ...), the notation the template oracle prints from real Django's node
// objects, so tests compare tree shapes, lines and parsed expressions in one string.
#pragma once

#include "sim/django/template/nodes.h"

#include <string>

namespace pipelab::django::templates {

std::string dumpNodeList(const NodeList& nodelist);
std::string dumpNode(const Node& node);

} // namespace pipelab::django::templates
