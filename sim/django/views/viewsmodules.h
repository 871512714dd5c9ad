// What views import from Django besides models and responses: django.shortcuts, the view
// decorators (http, csrf, vary, cache), django.contrib.auth's login_required and
// LoginRequiredMixin, the generic views with django.core.paginator and TemplateResponse,
// django.dispatch's Signal with Django's built-in signals, and django.core.cache. Written in the
// Python subset after Django 3.2's source, so generic views send exactly Django's queries (the
// paginator's COUNT, DetailView's get()). django.core.cache has Django's backends on the
// simulated clock: locmem (redis and memcached run as locmem, as in the conformance harness),
// dummy, filebased (its entries kept in memory), and db, which sends the SQL DatabaseCache sends
// (values as base64 pickles, see pickler.h). cache_page and the cache middleware are Django's
// CacheMiddleware on them. Features PipeLab does not simulate raise NotImplementedError naming
// them when used.
#pragma once

#include "sim/django/http/simulatedclock.h"
#include "sim/python/value.h"

#include <cstdint>
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
    // The database cache backend's statements, recorded as the request's queries.
    std::function<void(const std::string& sql, std::int64_t rows)> executeSql;
};

// Registers the rest. Needs django.conf, django.http, django.urls, django.core.exceptions,
// django.db, django.contrib.auth and the signal modules first. `clock` must outlive the
// interpreter (cache expiry reads it).
void installViewModules(py::Interpreter& interp, RenderToString render, const CacheHooks& caches,
                        const http::SimulatedClock& clock);

} // namespace pipelab::django::views
