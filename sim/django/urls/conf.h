// path(), re_path() and include(): django/urls/conf.py, building the pattern tree the Python
// layer's urls module describes. A view is the caller's handle plus its dotted path.
#pragma once

#include "sim/django/urls/urlresolver.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::urls {

struct View {
    Handle handle = 0;
    std::string lookupStr; // "shop.views.detail"
};

// What include() returns: (urlconf_module, app_name, namespace).
struct Include {
    std::vector<UrlEntry> patterns;
    std::optional<std::string> appName;
    std::optional<std::string> namespaceName;
};

// include(patterns, namespace=None), or include((patterns, app_name), namespace) when appName is
// given. Throws UrlError(ImproperlyConfigured) for a namespace without an app_name, as Django.
Include include(std::vector<UrlEntry> patterns, std::optional<std::string> appName = std::nullopt,
                std::optional<std::string> namespaceName = std::nullopt);

// path(route, view, kwargs=None, name=None) and path(route, include(...), kwargs=None).
UrlEntry path(std::string_view route, View view, Kwargs kwargs = {}, std::optional<std::string> name = std::nullopt);
UrlEntry path(std::string_view route, Include included, Kwargs kwargs = {});

// re_path(): the same with a Python regex.
UrlEntry rePath(std::string_view regex, View view, Kwargs kwargs = {}, std::optional<std::string> name = std::nullopt);
UrlEntry rePath(std::string_view regex, Include included, Kwargs kwargs = {});

} // namespace pipelab::django::urls
