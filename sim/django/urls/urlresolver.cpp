// URLResolver: resolve() and reverse() as Django 3.2's resolvers.py and base.py do them.
#include "sim/django/urls/urlresolver.h"

#include "sim/django/urls/pythonrepr.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pipelab::django::urls {

struct URLResolver::Cache {
    std::mutex mutex;
    std::map<std::pair<const URLResolver*, std::string>, std::shared_ptr<const ReverseDict>> dicts;
};

namespace {

std::string stripCaret(const std::string& pattern)
{
    return !pattern.empty() && pattern[0] == '^' ? pattern.substr(1) : pattern;
}

const Pattern& patternOf(const UrlEntry& entry)
{
    if (const auto* p = std::get_if<URLPattern>(&entry))
        return p->pattern();
    return std::get<std::shared_ptr<const URLResolver>>(entry)->pattern();
}

// Python's str % dict for the "%(name)s" format strings normalize() produces.
std::string percentFormat(const std::string& format, const std::vector<std::pair<std::string, std::string>>& subs)
{
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c != '%') {
            out += c;
            continue;
        }
        if (i + 1 >= format.size())
            throw UrlError(UrlError::Kind::ValueError, "incomplete format");
        if (format[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        if (format[i + 1] != '(')
            throw UrlError(UrlError::Kind::ValueError,
                           fmt::format("unsupported format character '{}' (0x{:x}) at index {}", format[i + 1],
                                       static_cast<unsigned char>(format[i + 1]), i + 1));
        const std::size_t close = format.find(')', i + 2);
        if (close == std::string::npos)
            throw UrlError(UrlError::Kind::ValueError, "incomplete format key");
        const std::string key = format.substr(i + 2, close - i - 2);
        const std::string* value = nullptr;
        for (const auto& [k, v] : subs)
            if (k == key)
                value = &v;
        if (value == nullptr)
            throw UrlError(UrlError::Kind::KeyError, pyRepr(key));
        if (close + 1 >= format.size() || format[close + 1] != 's')
            throw UrlError(UrlError::Kind::ValueError, "incomplete format");
        out += *value;
        i = close + 1;
    }
    return out;
}

// urllib.parse.quote(url, safe=RFC3986_SUBDELIMS + '/~:@').
std::string quote(std::string_view url)
{
    static constexpr std::string_view kSafe = "!$&'()*+,;=/~:@_.-";
    std::string out;
    for (const char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || kSafe.find(ch) != std::string_view::npos)
            out += ch;
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string escapeLeadingSlashes(std::string url)
{
    if (url.rfind("//", 0) == 0)
        url = "/%2F" + url.substr(2);
    return url;
}

std::vector<std::string> splitColons(std::string_view s)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = s.find(':', start);
        parts.emplace_back(s.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (colon == std::string_view::npos)
            return parts;
        start = colon + 1;
    }
}

} // namespace

TriedPattern describeTried(const UrlEntry& entry)
{
    TriedPattern t;
    if (const auto* p = std::get_if<URLPattern>(&entry)) {
        t.pattern = p->pattern().str();
        t.name = p->name();
        return t;
    }
    const auto& r = std::get<std::shared_ptr<const URLResolver>>(entry);
    t.pattern = r->pattern().str();
    t.isResolver = true;
    t.appName = r->appName();
    t.namespaceName = r->namespaceName();
    return t;
}

URLResolver::URLResolver(Pattern pattern, std::vector<UrlEntry> urlPatterns, Kwargs defaultKwargs,
                         std::optional<std::string> appName, std::optional<std::string> namespaceName)
    : pattern_(std::move(pattern)),
      urlPatterns_(std::make_shared<const std::vector<UrlEntry>>(std::move(urlPatterns))),
      defaultKwargs_(std::move(defaultKwargs)),
      appName_(std::move(appName)),
      namespace_(std::move(namespaceName)),
      reverseDict_(std::make_shared<const ReverseDict>(populate(*urlPatterns_))),
      cache_(std::make_shared<Cache>())
{
}

std::shared_ptr<const URLResolver> URLResolver::root(std::vector<UrlEntry> urlpatterns)
{
    return std::make_shared<const URLResolver>(Pattern(RegexPattern("^/", false)), std::move(urlpatterns));
}

ReverseDict URLResolver::populate(const std::vector<UrlEntry>& urlPatterns)
{
    ReverseDict dict;
    try {
        for (auto it = urlPatterns.rbegin(); it != urlPatterns.rend(); ++it) {
            const std::string pPattern = stripCaret(patternOf(*it).regexPattern());
            if (const auto* p = std::get_if<URLPattern>(&*it)) {
                ReverseEntry entry{normalize(p->pattern().regexPattern()), pPattern, p->defaultArgs(), nullptr, {}};
                dict.byCallback[p->callback()].push_back(entry);
                if (p->name())
                    dict.byName[*p->name()].push_back(entry);
                continue;
            }
            const auto& sub = std::get<std::shared_ptr<const URLResolver>>(*it);
            const ReverseDict& subDict = sub->reverseDict();
            if (subDict.error)
                throw *subDict.error;
            if (sub->appName() && !sub->appName()->empty()) {
                dict.apps[*sub->appName()].push_back(sub->namespaceName().value_or(""));
                dict.namespaces[sub->namespaceName().value_or("")] = {pPattern, sub};
                continue;
            }
            auto prefixed = [&](const ReverseEntry& e) {
                Kwargs defaults = e.defaults;
                for (const auto& [k, v] : sub->defaultKwargs())
                    kwargsSet(defaults, k, v);
                return ReverseEntry{normalize(pPattern + e.pattern), pPattern + e.pattern, defaults, nullptr, {}};
            };
            for (const auto& [name, entries] : subDict.byName)
                for (const auto& e : entries)
                    dict.byName[name].push_back(prefixed(e));
            for (const auto& [callback, entries] : subDict.byCallback)
                for (const auto& e : entries)
                    dict.byCallback[callback].push_back(prefixed(e));
            for (const auto& [ns, target] : subDict.namespaces)
                dict.namespaces[ns] = {pPattern + target.first, target.second};
            for (const auto& [app, nsList] : subDict.apps) {
                auto& list = dict.apps[app];
                list.insert(list.end(), nsList.begin(), nsList.end());
            }
        }
    } catch (const UrlError& e) {
        dict.error = e;
    }
    return dict;
}

std::shared_ptr<const ReverseDict> URLResolver::finalDict(const URLResolver& resolver,
                                                          const std::string& nsPattern) const
{
    std::lock_guard lock(cache_->mutex);
    auto& slot = cache_->dicts[{&resolver, nsPattern}];
    if (slot)
        return slot;
    ReverseDict dict = resolver.reverseDict();
    if (!dict.error) {
        // get_ns_resolver(): URLResolver(RegexPattern(ns_pattern), resolver.url_patterns) under a
        // '^/' root, whose _populate() prefixes every candidate with ns_pattern.
        const std::string prefix = stripCaret(nsPattern);
        auto finish = [&](ReverseEntry& e) {
            if (!prefix.empty()) {
                e.pattern = prefix + e.pattern;
                e.bits = normalize(e.pattern);
            }
            try {
                e.check = std::make_shared<const PythonRegex>("^/" + e.pattern, PythonRegex::Mode::Search);
            } catch (const UrlError& error) {
                e.checkError = error;
            }
        };
        try {
            for (auto& [name, entries] : dict.byName)
                for (auto& e : entries)
                    finish(e);
            for (auto& [callback, entries] : dict.byCallback)
                for (auto& e : entries)
                    finish(e);
        } catch (const UrlError& e) {
            dict.error = e;
        }
    }
    slot = std::make_shared<const ReverseDict>(std::move(dict));
    return slot;
}

std::string URLResolver::reverseWithPrefix(const ReverseDict& dict, const std::vector<ReverseEntry>* possibilities,
                                           const std::string& lookupViewS, const std::vector<UrlValue>& args,
                                           const Kwargs& kwargs) const
{
    if (!args.empty() && !kwargs.empty())
        throw UrlError(UrlError::Kind::ValueError, "Don't mix *args and **kwargs in call to reverse()!");
    if (dict.error)
        throw *dict.error;
    static const std::vector<ReverseEntry> kNone;
    if (possibilities == nullptr)
        possibilities = &kNone;

    for (const auto& entry : *possibilities) {
        for (const auto& form : entry.bits) {
            std::vector<std::pair<std::string, std::string>> subs;
            if (!args.empty()) {
                if (args.size() != form.params.size())
                    continue;
                for (std::size_t i = 0; i < args.size(); ++i) {
                    bool replaced = false;
                    for (auto& [k, v] : subs)
                        if (k == form.params[i]) {
                            v = args[i].text;
                            replaced = true;
                        }
                    if (!replaced)
                        subs.emplace_back(form.params[i], args[i].text);
                }
            } else {
                const std::set<std::string> params(form.params.begin(), form.params.end());
                std::set<std::string> given;
                for (const auto& [k, v] : kwargs)
                    given.insert(k);
                bool mismatch = false;
                // set(kwargs).symmetric_difference(params).difference(defaults)
                for (const auto& k : given)
                    if (!params.contains(k) && kwargsGet(entry.defaults, k) == nullptr)
                        mismatch = true;
                for (const auto& k : params)
                    if (!given.contains(k) && kwargsGet(entry.defaults, k) == nullptr)
                        mismatch = true;
                if (mismatch)
                    continue;
                for (const auto& [k, v] : entry.defaults) {
                    const UrlValue* given = kwargsGet(kwargs, k);
                    if (given != nullptr && !(*given == v))
                        mismatch = true;
                }
                if (mismatch)
                    continue;
                for (const auto& [k, v] : kwargs)
                    subs.emplace_back(k, v.text);
            }
            // The script prefix is "/": "%" in it would be doubled.
            const std::string candidate = percentFormat("/" + form.format, subs);
            if (entry.checkError)
                throw *entry.checkError;
            if (entry.check && entry.check->match(candidate))
                return escapeLeadingSlashes(quote(candidate));
        }
    }

    std::vector<std::string> patterns;
    for (const auto& entry : *possibilities)
        patterns.push_back(entry.pattern);
    if (!patterns.empty()) {
        std::string argMsg;
        if (!args.empty()) {
            std::vector<std::string> reprs;
            for (const auto& a : args)
                reprs.push_back(a.repr());
            argMsg = "arguments '" + pyTupleRepr(reprs) + "'";
        } else if (!kwargs.empty()) {
            argMsg = "keyword arguments '" + kwargsRepr(kwargs) + "'";
        } else {
            argMsg = "no arguments";
        }
        throw UrlError(UrlError::Kind::NoReverseMatch,
                       fmt::format("Reverse for '{}' with {} not found. {} pattern(s) tried: {}", lookupViewS, argMsg,
                                   patterns.size(), pyListRepr(patterns)));
    }
    throw UrlError(UrlError::Kind::NoReverseMatch,
                   fmt::format("Reverse for '{0}' not found. '{0}' is not a valid view function or pattern name.",
                               lookupViewS));
}

std::string URLResolver::reverse(std::string_view viewname, const std::vector<UrlValue>& args, const Kwargs& kwargs,
                                 std::optional<std::string_view> currentApp) const
{
    std::vector<std::string> path = splitColons(viewname);
    const std::string view = path.back();
    path.pop_back();

    std::optional<std::vector<std::string>> currentPath;
    if (currentApp && !currentApp->empty()) {
        currentPath = splitColons(*currentApp);
        std::reverse(currentPath->begin(), currentPath->end());
    }

    const URLResolver* resolver = this;
    std::vector<std::string> resolvedPath;
    std::string nsPattern;
    for (std::string ns : path) {
        std::optional<std::string> currentNs;
        if (currentPath && !currentPath->empty()) {
            currentNs = currentPath->back();
            currentPath->pop_back();
        }
        const ReverseDict& dict = resolver->reverseDict();
        if (dict.error)
            throw *dict.error;
        if (const auto app = dict.apps.find(ns); app != dict.apps.end()) {
            const auto& appList = app->second;
            const auto has = [&](const std::string& n) {
                return std::find(appList.begin(), appList.end(), n) != appList.end();
            };
            if (currentNs && has(*currentNs))
                ns = *currentNs;
            else if (!has(ns))
                ns = appList.front();
        }
        if (!currentNs || ns != *currentNs)
            currentPath.reset();
        const auto target = dict.namespaces.find(ns);
        if (target == dict.namespaces.end()) {
            if (!resolvedPath.empty()) {
                std::string joined;
                for (std::size_t i = 0; i < resolvedPath.size(); ++i)
                    joined += (i ? ":" : "") + resolvedPath[i];
                throw UrlError(UrlError::Kind::NoReverseMatch,
                               fmt::format("{} is not a registered namespace inside '{}'", pyRepr(ns), joined));
            }
            throw UrlError(UrlError::Kind::NoReverseMatch, fmt::format("{} is not a registered namespace", pyRepr(ns)));
        }
        resolvedPath.push_back(ns);
        nsPattern += target->second.first;
        resolver = target->second.second.get();
    }
    const auto dict = finalDict(*resolver, nsPattern);
    const auto found = dict->byName.find(view);
    return reverseWithPrefix(*dict, found == dict->byName.end() ? nullptr : &found->second, view, args, kwargs);
}

std::string URLResolver::reverse(Handle view, std::string_view viewPath, const std::vector<UrlValue>& args,
                                 const Kwargs& kwargs) const
{
    const auto dict = finalDict(*this, "");
    const auto found = dict->byCallback.find(view);
    return reverseWithPrefix(*dict, found == dict->byCallback.end() ? nullptr : &found->second,
                             std::string(viewPath), args, kwargs);
}

std::variant<ResolverMatch, Resolver404> URLResolver::resolve(std::string_view path) const
{
    std::vector<TriedChain> tried;
    const auto match = pattern_.match(path);
    if (!match)
        return Resolver404{std::string(path), std::nullopt};
    for (const auto& entry : *urlPatterns_) {
        std::optional<ResolverMatch> sub;
        if (const auto* p = std::get_if<URLPattern>(&entry)) {
            sub = p->resolve(match->remaining);
        } else {
            auto result = std::get<std::shared_ptr<const URLResolver>>(entry)->resolve(match->remaining);
            if (auto* notFound = std::get_if<Resolver404>(&result)) {
                // _extend_tried(tried, pattern, e.args[0].get('tried'))
                if (!notFound->tried) {
                    tried.push_back({describeTried(entry)});
                } else {
                    for (const auto& chain : *notFound->tried) {
                        TriedChain full{describeTried(entry)};
                        full.insert(full.end(), chain.begin(), chain.end());
                        tried.push_back(std::move(full));
                    }
                }
                continue;
            }
            sub = std::move(std::get<ResolverMatch>(result));
        }
        if (!sub) {
            tried.push_back({describeTried(entry)});
            continue;
        }
        ResolverMatch out;
        out.func = sub->func;
        out.funcPath = sub->funcPath;
        // {**kwargs, **self.default_kwargs}, then the sub-match's kwargs.
        out.kwargs = match->kwargs;
        for (const auto& [k, v] : defaultKwargs_)
            kwargsSet(out.kwargs, k, v);
        for (const auto& [k, v] : sub->kwargs)
            kwargsSet(out.kwargs, k, v);
        // If there are any named groups, ignore all non-named groups.
        out.args = sub->args;
        if (out.kwargs.empty()) {
            out.args = match->args;
            out.args.insert(out.args.end(), sub->args.begin(), sub->args.end());
        }
        out.urlName = sub->urlName;
        if (appName_ && !appName_->empty())
            out.appNames.push_back(*appName_);
        out.appNames.insert(out.appNames.end(), sub->appNames.begin(), sub->appNames.end());
        if (namespace_ && !namespace_->empty())
            out.namespaces.push_back(*namespace_);
        out.namespaces.insert(out.namespaces.end(), sub->namespaces.begin(), sub->namespaces.end());
        // _join_route(current_route, sub_match.route)
        const bool isPattern = std::holds_alternative<URLPattern>(entry);
        std::string route = isPattern ? std::string() : patternOf(entry).str();
        std::string subRoute = sub->route;
        if (route.empty()) {
            route = subRoute;
        } else {
            if (!subRoute.empty() && subRoute[0] == '^')
                subRoute.erase(0, 1);
            route += subRoute;
        }
        out.route = std::move(route);
        if (sub->tried.empty() && isPattern) {
            tried.push_back({describeTried(entry)});
        } else if (!isPattern) {
            for (const auto& chain : sub->tried) {
                TriedChain full{describeTried(entry)};
                full.insert(full.end(), chain.begin(), chain.end());
                tried.push_back(std::move(full));
            }
        }
        out.tried = std::move(tried);
        return out;
    }
    return Resolver404{match->remaining, std::move(tried)};
}

std::optional<ResolverMatch> URLResolver::appendSlashMatch(std::string_view path) const
{
    if (!path.empty() && path.back() == '/')
        return std::nullopt;
    if (std::holds_alternative<ResolverMatch>(resolve(path)))
        return std::nullopt;
    auto withSlash = resolve(std::string(path) + "/");
    if (auto* m = std::get_if<ResolverMatch>(&withSlash))
        return std::move(*m);
    return std::nullopt;
}

} // namespace pipelab::django::urls
