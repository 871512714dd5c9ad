// Handler: django/core/handlers/base.py's BaseHandler (plus the test client's ClientHandler
// around it). load_middleware() builds the chain exactly as Django does — walking MIDDLEWARE in
// reverse, each middleware instance gets the next layer as get_response, and every layer is
// wrapped by convert_exception_to_response() — and collects process_view,
// process_template_response and process_exception hooks. _get_response() resolves the URL, runs
// the view middleware, calls the view and renders a TemplateResponse. Each layer boundary is
// recorded as a trace event, so the trace shows where a request turned around.
#pragma once

#include "sim/python/value.h"
#include "sim/trace/requesttrace.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::py {
class Interpreter;
class PyException;
}

namespace pipelab::django {
class RequestRecorder;
}

namespace pipelab::django::templates {
class Engine;
}

namespace pipelab::django::project {

class UrlConfBridge;

class Handler {
public:
    Handler(py::Interpreter& interp, RequestRecorder& recorder, UrlConfBridge& urlconf, templates::Engine& engine,
            bool debug);

    // load_middleware(): imports and instantiates MIDDLEWARE (dotted paths). Raises the Python
    // exception of a failing import or constructor.
    void loadMiddleware(const std::vector<std::string>& paths);
    const std::vector<std::string>& middleware() const { return paths_; }
    // While (or after a failed) loadMiddleware(): the index of the entry being loaded.
    std::size_t loadingIndex() const { return loading_; }

    // One request through request_started, the middleware chain and response.close()
    // (request_finished). The response; `error` receives the first exception that reached
    // Django's uncaught-exception handling (a 500), as got_request_exception reports it.
    py::Value handle(py::Value request, std::optional<trace::Error>& error);

private:
    py::Value callLayer(std::size_t index, py::Value request);
    py::Value getResponseInner(py::Value request);
    py::Value responseForException(py::Value request, const py::PyException& exception);
    std::optional<py::Value> processExceptionByMiddleware(const py::PyException& exception, py::Value request);
    void checkResponse(py::Value response, py::Value callback, const char* what);
    py::Value errorResponse(const char* responseClass, const char* title, const char* details,
                            const char* templateName, py::Value request, py::Value exception);
    bool isInstance(const py::PyException& e, const char* module, const char* name);
    std::string layerName(std::size_t index) const;
    void event(trace::EventKind kind, std::string layer, std::string detail, std::int64_t count = 0);

    py::Interpreter& interp_;
    RequestRecorder& recorder_;
    UrlConfBridge& urlconf_;
    templates::Engine& engine_;
    bool debug_;
    std::vector<std::string> paths_;
    std::vector<py::Value> layers_;   // layers_[i]: middleware instance i; the last is _get_response
    std::vector<py::Value> wrappers_; // convert_exception_to_response(layers_[i])
    using Hook = std::pair<std::string, py::Value>; // (middleware path, bound method)
    std::vector<Hook> viewMiddleware_;
    std::vector<Hook> templateResponseMiddleware_;
    std::vector<Hook> exceptionMiddleware_;
    std::optional<trace::Error>* error_ = nullptr;
    std::size_t deepestLayer_ = 0;
    std::size_t loading_ = 0;
};

} // namespace pipelab::django::project
