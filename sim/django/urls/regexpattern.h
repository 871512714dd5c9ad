// RegexPattern: a re_path() regex. An endpoint whose regex ends with '$' is matched with
// fullmatch(), anything else with search(), as in Django 3.2. If the regex has named groups only
// they are passed (as kwargs, None values dropped); otherwise every group is a positional arg.
#pragma once

#include "sim/django/urls/patternmatch.h"
#include "sim/django/urls/pythonregex.h"

#include <optional>
#include <string>
#include <string_view>

namespace pipelab::django::urls {

class RegexPattern {
public:
    // Throws UrlError(ImproperlyConfigured): invalid regex, RE2-unsupported construct, too complex.
    RegexPattern(std::string_view regex, bool isEndpoint);

    std::optional<PatternMatch> match(std::string_view path) const;

    const std::string& str() const { return regex_.pattern(); }
    const std::string& regexPattern() const { return regex_.pattern(); }
    bool isEndpoint() const { return isEndpoint_; }

private:
    bool isEndpoint_;
    PythonRegex regex_;
};

} // namespace pipelab::django::urls
