// readUsers and readRequests: the browsers and the scripted requests (scenario-format §1, §5).
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yamlnode.h"
#include "sim/scenario/yamlreader.h"

#include <vector>

namespace pipelab::scenario {

std::vector<User> readUsers(YamlReader& reader, const YamlNode& node);

// `users` is what readUsers returned: a request's `user` must name one of them.
std::vector<Request> readRequests(YamlReader& reader, const YamlNode& node, const std::vector<User>& users);

// The methods a request may use.
bool isHttpMethod(std::string_view method);

} // namespace pipelab::scenario
