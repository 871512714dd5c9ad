// RenderHooks: what the renderer needs from the world outside the template language, supplied by
// the runner: node notifications (to attribute queries to template lines and count node costs),
// URL reversing for {% url %}, the fragment cache for {% cache %}, the simulated clock for
// {% now %}, and the context processors of a RequestContext. Every hook has a default that
// behaves like a project with nothing configured, so tests override only what they observe.
#pragma once

#include "sim/django/template/datetimeobject.h"
#include "sim/python/value.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::templates {

struct Node;
struct Template;

class RenderHooks {
public:
    using Kwargs = std::vector<std::pair<std::string, py::Value>>;

    virtual ~RenderHooks() = default;

    // Node.render_annotated(): called when a node starts rendering and when it is done (also when
    // it ends with an exception), strictly nested. `tmpl` is the template the node was parsed
    // from (an included or parent template reports its own name); tmpl.sourceLine(node) is its
    // YAML line. Called for every node, text included: keep it cheap.
    virtual void nodeStarted(const Template& /*tmpl*/, const Node& /*node*/) {}
    virtual void nodeFinished(const Template& /*tmpl*/, const Node& /*node*/) {}

    // django.urls.reverse(viewName, args=args, kwargs=kwargs). Must raise a Python exception
    // (NoReverseMatch for a failed lookup) through interp on failure. Default: NoReverseMatch.
    virtual std::string reverse(py::Interpreter& interp, py::Value viewName, const std::vector<py::Value>& args,
                                const Kwargs& kwargs);

    // {% cache %}: caches['template_fragments'] (falling back to caches['default']) or the named
    // cache (`using="name"`). cacheGet returns nullopt for a miss; a stored None is a miss too.
    // timeout: nullopt means the cache's default timeout. Defaults: a dummy cache.
    virtual std::optional<py::Value> cacheGet(py::Interpreter& /*interp*/, const std::optional<std::string>& /*cacheName*/,
                                              const std::string& /*key*/)
    {
        return std::nullopt;
    }
    virtual void cacheSet(py::Interpreter& /*interp*/, const std::optional<std::string>& /*cacheName*/,
                          const std::string& /*key*/, py::Value /*value*/, std::optional<std::int64_t> /*timeout*/)
    {
    }
    // Whether `using="name"` names a configured cache (else TemplateSyntaxError, as Django).
    virtual bool hasCache(const std::string& /*cacheName*/) { return true; }

    // timezone.now() in the current time zone (UTC): the simulated clock.
    // Default: the conformance oracle's frozen instant, 2024-01-01 00:00:00 UTC.
    virtual DateParts now() { return DateParts::fromEpochSeconds(1704067200, true); }

    // RequestContext: the variables the context processors add for `request` (Django's
    // debug/request/auth/messages processors plus csrf: `request`, `user`, `perms`, `messages`,
    // `DEFAULT_MESSAGE_LEVELS`, `csrf_token`). Lazy values must stay lazy (a `user` that
    // queries when first resolved). Default: none.
    virtual Kwargs contextProcessors(py::Interpreter& /*interp*/, py::Value /*request*/) { return {}; }
};

} // namespace pipelab::django::templates
