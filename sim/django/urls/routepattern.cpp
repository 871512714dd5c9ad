// RoutePattern: Django's path() routes.
#include "sim/django/urls/routepattern.h"

#include "sim/django/urls/pythonrepr.h"
#include "sim/django/urls/urlerror.h"

#include <fmt/format.h>

namespace pipelab::django::urls {

namespace {

bool hasWhitespace(std::string_view s)
{
    return s.find_first_of(" \t\n\r\v\f") != std::string_view::npos;
}

// _PATH_PARAMETER_COMPONENT_RE = r'<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>', searched
// by hand: the first '<' followed by at least one character and a '>'.
struct Component {
    std::size_t start = 0;
    std::size_t end = 0; // one past '>'
    std::optional<std::string> converter;
    std::string parameter;
};

std::optional<Component> searchComponent(std::string_view route)
{
    std::size_t from = 0;
    while (true) {
        const std::size_t open = route.find('<', from);
        if (open == std::string_view::npos)
            return std::nullopt;
        const std::size_t close = route.find('>', open + 1);
        if (close == std::string_view::npos)
            return std::nullopt;
        if (close == open + 1) {
            from = open + 1;
            continue;
        }
        Component c;
        c.start = open;
        c.end = close + 1;
        const std::string_view inner = route.substr(open + 1, close - open - 1);
        const std::size_t colon = inner.find(':');
        // The converter group needs a non-empty name before the first ':' and a non-empty rest.
        if (colon != std::string_view::npos && colon > 0 && colon + 1 < inner.size()) {
            c.converter = std::string(inner.substr(0, colon));
            c.parameter = std::string(inner.substr(colon + 1));
        } else {
            c.parameter = std::string(inner);
        }
        return c;
    }
}

} // namespace

std::pair<std::string, std::vector<std::pair<std::string, Converter>>> RoutePattern::routeToRegex(
    std::string_view originalRoute, bool isEndpoint)
{
    std::string regex = "^";
    std::vector<std::pair<std::string, Converter>> converters;
    std::string_view route = originalRoute;
    while (true) {
        const auto component = searchComponent(route);
        if (!component) {
            regex += PythonRegex::escape(route);
            break;
        }
        if (hasWhitespace(route.substr(component->start, component->end - component->start)))
            throw UrlError(UrlError::Kind::ImproperlyConfigured,
                           fmt::format("URL route '{}' cannot contain whitespace in angle brackets <\u2026>.",
                                       originalRoute));
        regex += PythonRegex::escape(route.substr(0, component->start));
        route = route.substr(component->end);
        if (!isPyIdentifier(component->parameter))
            throw UrlError(UrlError::Kind::ImproperlyConfigured,
                           fmt::format("URL route '{}' uses parameter name {} which isn't a valid Python identifier.",
                                       originalRoute, pyRepr(component->parameter)));
        const std::string rawConverter = component->converter.value_or("str");
        const auto converter = Converter::byName(rawConverter);
        if (!converter)
            throw UrlError(UrlError::Kind::ImproperlyConfigured,
                           fmt::format("URL route {} uses invalid converter {}.", pyRepr(originalRoute),
                                       pyRepr(rawConverter)));
        // A repeated name is a Python re.error at compile time ("redefinition of group name").
        bool replaced = false;
        for (auto& [name, conv] : converters) {
            if (name == component->parameter) {
                conv = *converter;
                replaced = true;
            }
        }
        if (!replaced)
            converters.emplace_back(component->parameter, *converter);
        regex += "(?P<" + component->parameter + ">" + std::string(converter->regex()) + ")";
    }
    if (isEndpoint)
        regex += "\\Z";
    return {regex, converters};
}

RoutePattern::RoutePattern(std::string_view route, bool isEndpoint)
    : route_(route),
      isEndpoint_(isEndpoint),
      converters_(routeToRegex(route, isEndpoint).second),
      regex_(routeToRegex(route, isEndpoint).first, PythonRegex::Mode::Search)
{
}

std::optional<PatternMatch> RoutePattern::match(std::string_view path) const
{
    const auto m = regex_.match(path);
    if (!m)
        return std::nullopt;
    PatternMatch result;
    result.remaining = std::string(path.substr(m->end));
    const auto& names = regex_.groupNames();
    for (std::size_t g = 0; g < names.size(); ++g) {
        if (names[g].empty() || !m->groups[g + 1])
            continue;
        for (const auto& [name, converter] : converters_)
            if (name == names[g])
                kwargsSet(result.kwargs, name, converter.toPython(*m->groups[g + 1]));
    }
    return result;
}

} // namespace pipelab::django::urls
