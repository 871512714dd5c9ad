// Pattern: either of Django's two pattern classes behind one value type, so URLPattern and
// URLResolver hold "a pattern" as Django's duck typing does.
#pragma once

#include "sim/django/urls/regexpattern.h"
#include "sim/django/urls/routepattern.h"

#include <variant>

namespace pipelab::django::urls {

class Pattern {
public:
    Pattern(RoutePattern route) : pattern_(std::move(route)) {}
    Pattern(RegexPattern regex) : pattern_(std::move(regex)) {}

    std::optional<PatternMatch> match(std::string_view path) const
    {
        return std::visit([&](const auto& p) { return p.match(path); }, pattern_);
    }
    const std::string& str() const
    {
        return std::visit([](const auto& p) -> const std::string& { return p.str(); }, pattern_);
    }
    const std::string& regexPattern() const
    {
        return std::visit([](const auto& p) -> const std::string& { return p.regexPattern(); }, pattern_);
    }
    bool isRoute() const { return std::holds_alternative<RoutePattern>(pattern_); }
    const RoutePattern* route() const { return std::get_if<RoutePattern>(&pattern_); }

private:
    std::variant<RoutePattern, RegexPattern> pattern_;
};

} // namespace pipelab::django::urls
