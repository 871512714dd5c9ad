// URLPattern.resolve(): match, then the default kwargs override captured ones.
#include "sim/django/urls/urlpattern.h"

namespace pipelab::django::urls {

URLPattern::URLPattern(Pattern pattern, Handle callback, std::string lookupStr, Kwargs defaultArgs,
                       std::optional<std::string> name)
    : pattern_(std::move(pattern)),
      callback_(callback),
      lookupStr_(std::move(lookupStr)),
      defaultArgs_(std::move(defaultArgs)),
      name_(std::move(name))
{
}

std::optional<ResolverMatch> URLPattern::resolve(std::string_view path) const
{
    auto m = pattern_.match(path);
    if (!m)
        return std::nullopt;
    ResolverMatch match;
    match.func = callback_;
    match.funcPath = lookupStr_;
    match.args = std::move(m->args);
    match.kwargs = std::move(m->kwargs);
    for (const auto& [key, value] : defaultArgs_)
        kwargsSet(match.kwargs, key, value);
    match.urlName = name_;
    match.route = pattern_.str();
    return match;
}

} // namespace pipelab::django::urls
