// normalize(): django/utils/regex_helper.py, the reg-exp "decompiler" reverse() relies on. Given a
// Python pattern it returns every form a URL can take, as a %(name)s format string plus the
// parameter names it needs, following Django's rules exactly (minimum repetitions, optional
// groups both present and absent, first character of a class, '|' gives the single form '').
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::urls {

struct NormalizedForm {
    std::string format;              // "articles/%(year)s/"
    std::vector<std::string> params; // {"year"}
    bool operator==(const NormalizedForm&) const = default;
};

// Throws UrlError(ValueError or IndexError) where Django's normalize() raises.
std::vector<NormalizedForm> normalize(std::string_view pattern);

} // namespace pipelab::django::urls
