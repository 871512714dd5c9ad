// PatternMatch: what RoutePattern.match() / RegexPattern.match() return in Django, the
// (new_path, args, kwargs) triple.
#pragma once

#include "sim/django/urls/urlvalue.h"

#include <string>
#include <vector>

namespace pipelab::django::urls {

struct PatternMatch {
    std::string remaining;      // path[match.end():]
    std::vector<UrlValue> args; // positional captures (RegexPattern without named groups)
    Kwargs kwargs;              // named captures, converted by to_python() for path()
};

} // namespace pipelab::django::urls
