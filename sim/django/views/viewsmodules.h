// What views import from Django besides models and responses: django.shortcuts, the view
// decorators (http, csrf, vary, cache), django.contrib.auth's login_required and
// LoginRequiredMixin, the generic views with django.core.paginator and TemplateResponse,
// django.dispatch's Signal with Django's built-in signals, and django.core.cache. Written in the
// Python subset after Django 3.2's source, so generic views send exactly Django's queries (the
// paginator's COUNT, DetailView's get()). django.core.cache is LocMemCache (redis and memcached
// run as locmem, as in the conformance harness; dummy caches nothing) on the frozen clock.
// cache_page and the cache middleware are Django's CacheMiddleware on it. Features PipeLab does
// not simulate yet (the database cache backend) raise NotImplementedError naming them when used.
#pragma once

#include "sim/python/value.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::views {

// render_to_string(template_name_or_list, context, request) → str; raises through the interpreter
// (TemplateDoesNotExist, TemplateSyntaxError, whatever rendering raises).
using RenderToString = std::function<py::Value(py::Interpreter&, py::Value templateNames, py::Value context, py::Value request)>;

// Registers django.dispatch and the signal modules. `receiverCalled` hears of every receiver call
// (its qualified name), for the trace's Signal events.
void installSignalModules(py::Interpreter& interp, std::function<void(const std::string& receiver)> receiverCalled);

// The CACHES setting and where cache operations are reported (trace CacheOp events).
struct CacheHooks {
    struct Config {
        std::string alias;
        std::string backend; // locmem redis memcached db dummy filebased
        std::string location;
        std::optional<double> timeout = 300; // nullopt: never expires
    };
    std::vector<Config> configs;
    std::function<void(const std::string& detail)> event;
};

// Registers the rest. Needs django.conf, django.http, django.urls, django.core.exceptions,
// django.contrib.auth and the signal modules first.
void installViewModules(py::Interpreter& interp, RenderToString render, const CacheHooks& caches);

} // namespace pipelab::django::views
