// path(), re_path() and include(), as django/urls/conf.py builds URLPattern and URLResolver.
#include "sim/django/urls/conf.h"

namespace pipelab::django::urls {

Include include(std::vector<UrlEntry> patterns, std::optional<std::string> appName,
                std::optional<std::string> namespaceName)
{
    const bool hasApp = appName && !appName->empty();
    const bool hasNamespace = namespaceName && !namespaceName->empty();
    if (hasNamespace && !hasApp)
        throw UrlError(UrlError::Kind::ImproperlyConfigured,
                       "Specifying a namespace in include() without providing an app_name is not supported. Set the "
                       "app_name attribute in the included module, or pass a 2-tuple containing the list of patterns "
                       "and app_name instead.");
    if (!hasNamespace)
        namespaceName = hasApp ? appName : std::nullopt;
    return Include{std::move(patterns), hasApp ? appName : std::nullopt, std::move(namespaceName)};
}

namespace {

template <typename PatternType>
UrlEntry endpoint(std::string_view route, View view, Kwargs kwargs, std::optional<std::string> name)
{
    return URLPattern(Pattern(PatternType(route, true)), view.handle, std::move(view.lookupStr), std::move(kwargs),
                      std::move(name));
}

template <typename PatternType>
UrlEntry resolver(std::string_view route, Include included, Kwargs kwargs)
{
    return std::make_shared<const URLResolver>(Pattern(PatternType(route, false)), std::move(included.patterns),
                                               std::move(kwargs), std::move(included.appName),
                                               std::move(included.namespaceName));
}

} // namespace

UrlEntry path(std::string_view route, View view, Kwargs kwargs, std::optional<std::string> name)
{
    return endpoint<RoutePattern>(route, std::move(view), std::move(kwargs), std::move(name));
}

UrlEntry path(std::string_view route, Include included, Kwargs kwargs)
{
    return resolver<RoutePattern>(route, std::move(included), std::move(kwargs));
}

UrlEntry rePath(std::string_view regex, View view, Kwargs kwargs, std::optional<std::string> name)
{
    return endpoint<RegexPattern>(regex, std::move(view), std::move(kwargs), std::move(name));
}

UrlEntry rePath(std::string_view regex, Include included, Kwargs kwargs)
{
    return resolver<RegexPattern>(regex, std::move(included), std::move(kwargs));
}

} // namespace pipelab::django::urls
