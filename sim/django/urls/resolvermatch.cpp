// ResolverMatch's derived names, joined as Django joins them.
#include "sim/django/urls/resolvermatch.h"

namespace pipelab::django::urls {

namespace {

std::string join(const std::vector<std::string>& parts)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != 0)
            out += ':';
        out += parts[i];
    }
    return out;
}

} // namespace

std::string ResolverMatch::appName() const
{
    return join(appNames);
}

std::string ResolverMatch::namespaceName() const
{
    return join(namespaces);
}

std::string ResolverMatch::viewName() const
{
    auto parts = namespaces;
    parts.push_back(urlName && !urlName->empty() ? *urlName : funcPath);
    return join(parts);
}

} // namespace pipelab::django::urls
