// RoutePattern: a path() route such as "articles/<int:year>/<slug>/" translated to a regex exactly
// as Django's _route_to_regex() does ("^" + re.escape(text) + "(?P<name>converter regex)" ...,
// "\Z" appended only for an endpoint, not for include()).
#pragma once

#include "sim/django/urls/converters.h"
#include "sim/django/urls/patternmatch.h"
#include "sim/django/urls/pythonregex.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipelab::django::urls {

class RoutePattern {
public:
    // Throws UrlError(ImproperlyConfigured) with Django's messages for bad routes.
    RoutePattern(std::string_view route, bool isEndpoint);

    // _route_to_regex(): the regex and the converter of each parameter, in order.
    static std::pair<std::string, std::vector<std::pair<std::string, Converter>>> routeToRegex(std::string_view route,
                                                                                            bool isEndpoint);

    std::optional<PatternMatch> match(std::string_view path) const;

    const std::string& str() const { return route_; }           // str(pattern): the route
    const std::string& regexPattern() const { return regex_.pattern(); } // pattern.regex.pattern
    bool isEndpoint() const { return isEndpoint_; }
    const std::vector<std::pair<std::string, Converter>>& converters() const { return converters_; }

private:
    std::string route_;
    bool isEndpoint_;
    std::vector<std::pair<std::string, Converter>> converters_;
    PythonRegex regex_;
};

} // namespace pipelab::django::urls
