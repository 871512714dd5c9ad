// ResolverMatch and Resolver404: the outcome of URLResolver::resolve(), as Django's
// django.urls.ResolverMatch and Resolver404({'tried': ..., 'path': ...}) carry it.
#pragma once

#include "sim/django/urls/urlvalue.h"

#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::urls {

// One pattern object in a "tried" chain, as the technical 404 page prints it.
struct TriedPattern {
    std::string pattern;             // str(p.pattern): the route or the regex
    std::optional<std::string> name; // URLPattern's name
    bool isResolver = false;         // an include()
    std::optional<std::string> appName;
    std::optional<std::string> namespaceName;
    bool operator==(const TriedPattern&) const = default;
};

using TriedChain = std::vector<TriedPattern>;

struct ResolverMatch {
    Handle func = 0;           // the view: the caller's handle
    std::string funcPath;      // "shop.views.detail", for view_name when there is no url_name
    std::vector<UrlValue> args;
    Kwargs kwargs;
    std::optional<std::string> urlName;
    std::vector<std::string> appNames;   // falsy entries dropped
    std::vector<std::string> namespaces; // falsy entries dropped
    std::string route;
    std::vector<TriedChain> tried;

    std::string appName() const;       // ':'.join(app_names)
    std::string namespaceName() const; // ':'.join(namespaces)
    std::string viewName() const;      // ':'.join(namespaces + [url_name or func path])
};

struct Resolver404 {
    std::string path;
    // Absent when the resolver's own pattern did not match (Django's dict has no 'tried' key).
    std::optional<std::vector<TriedChain>> tried;
};

} // namespace pipelab::django::urls
