// RegexPattern: Django's re_path() patterns, run by RE2.
#include "sim/django/urls/regexpattern.h"

namespace pipelab::django::urls {

namespace {

PythonRegex::Mode modeFor(std::string_view regex, bool isEndpoint)
{
    return isEndpoint && !regex.empty() && regex.back() == '$' ? PythonRegex::Mode::FullMatch
                                                                : PythonRegex::Mode::Search;
}

} // namespace

RegexPattern::RegexPattern(std::string_view regex, bool isEndpoint)
    : isEndpoint_(isEndpoint), regex_(regex, modeFor(regex, isEndpoint))
{
}

std::optional<PatternMatch> RegexPattern::match(std::string_view path) const
{
    const auto m = regex_.match(path);
    if (!m)
        return std::nullopt;
    PatternMatch result;
    result.remaining = std::string(path.substr(m->end));
    const auto& names = regex_.groupNames();
    const bool named = regex_.hasNamedGroups();
    for (std::size_t g = 0; g < names.size(); ++g) {
        const auto& value = m->groups[g + 1];
        if (named) {
            if (!names[g].empty() && value)
                kwargsSet(result.kwargs, names[g], UrlValue::str(*value));
        } else {
            result.args.push_back(value ? UrlValue::str(*value) : UrlValue::none());
        }
    }
    return result;
}

} // namespace pipelab::django::urls
