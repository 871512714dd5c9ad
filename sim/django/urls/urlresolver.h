// URLResolver: an include() (or the root URLconf, pattern '^/'): resolves a path through its
// patterns in order, recording what it tried, and reverses names and view callables exactly as
// django/urls/resolvers.py and django/urls/base.py do, namespaces included.
#pragma once

#include "sim/django/urls/pattern.h"
#include "sim/django/urls/resolvermatch.h"
#include "sim/django/urls/reversedict.h"
#include "sim/django/urls/urlpattern.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pipelab::django::urls {

class URLResolver;
using UrlEntry = std::variant<URLPattern, std::shared_ptr<const URLResolver>>;

class URLResolver {
public:
    URLResolver(Pattern pattern, std::vector<UrlEntry> urlPatterns, Kwargs defaultKwargs = {},
                std::optional<std::string> appName = std::nullopt,
                std::optional<std::string> namespaceName = std::nullopt);

    // get_resolver(): the root resolver of a URLconf, pattern r'^/'.
    static std::shared_ptr<const URLResolver> root(std::vector<UrlEntry> urlpatterns);

    std::variant<ResolverMatch, Resolver404> resolve(std::string_view path) const;

    // django.urls.reverse(viewname, args=..., kwargs=..., current_app=...) with script prefix "/".
    // Throws UrlError: NoReverseMatch with Django's messages, ValueError for mixed args/kwargs, and
    // whatever _populate() raises for a non-reversible pattern.
    std::string reverse(std::string_view viewname, const std::vector<UrlValue>& args = {}, const Kwargs& kwargs = {},
                        std::optional<std::string_view> currentApp = std::nullopt) const;
    // reverse(view_callable, ...): `viewPath` ("shop.views.detail") is what the message names.
    std::string reverse(Handle view, std::string_view viewPath, const std::vector<UrlValue>& args = {},
                        const Kwargs& kwargs = {}) const;

    // CommonMiddleware.should_redirect_with_slash(): when `path` does not end with '/', does not
    // resolve, and path + '/' does, the match for path + '/' (the caller checks the view's
    // should_append_slash). Otherwise nullopt.
    std::optional<ResolverMatch> appendSlashMatch(std::string_view path) const;

    const Pattern& pattern() const { return pattern_; }
    const std::vector<UrlEntry>& urlPatterns() const { return *urlPatterns_; }
    const Kwargs& defaultKwargs() const { return defaultKwargs_; }
    const std::optional<std::string>& appName() const { return appName_; }
    const std::optional<std::string>& namespaceName() const { return namespace_; }
    // _populate() of this resolver's own patterns (candidates not yet compiled).
    const ReverseDict& reverseDict() const { return *reverseDict_; }

private:
    struct Cache;
    static ReverseDict populate(const std::vector<UrlEntry>& urlPatterns);
    std::shared_ptr<const ReverseDict> finalDict(const URLResolver& resolver, const std::string& nsPattern) const;
    std::string reverseWithPrefix(const ReverseDict& dict, const std::vector<ReverseEntry>* possibilities,
                                  const std::string& lookupViewS, const std::vector<UrlValue>& args,
                                  const Kwargs& kwargs) const;

    Pattern pattern_;
    std::shared_ptr<const std::vector<UrlEntry>> urlPatterns_;
    Kwargs defaultKwargs_;
    std::optional<std::string> appName_;
    std::optional<std::string> namespace_;
    std::shared_ptr<const ReverseDict> reverseDict_;
    // Finalized dicts (candidates compiled) by (resolver, namespace prefix): Django's
    // get_ns_resolver() lru_cache. Shared so a URLResolver stays copyable.
    std::shared_ptr<Cache> cache_;
};

TriedPattern describeTried(const UrlEntry& entry);

} // namespace pipelab::django::urls
