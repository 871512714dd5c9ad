// Handler (see handler.h), after django/core/handlers/base.py and exception.py.
#include "sim/django/project/handler.h"

#include "sim/django/project/urlconfbridge.h"
#include "sim/django/runtime/requestrecorder.h"
#include "sim/django/template/engine.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::project {

namespace {

// django.views.defaults.ERROR_PAGE_TEMPLATE
std::string errorPage(const char* title, const char* details)
{
    return std::string("\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>") + title +
           "</title>\n</head>\n<body>\n  <h1>" + title + "</h1><p>" + details + "</p>\n</body>\n</html>\n";
}

std::string qualifiedTypeName(py::ClassObject* cls)
{
    return cls->qualname.empty() ? cls->name : cls->qualname;
}

} // namespace

Handler::Handler(py::Interpreter& interp, RequestRecorder& recorder, UrlConfBridge& urlconf, templates::Engine& engine,
                 bool debug)
    : interp_(interp), recorder_(recorder), urlconf_(urlconf), engine_(engine), debug_(debug)
{
}

std::string Handler::layerName(std::size_t index) const
{
    return index < paths_.size() ? paths_[index] : std::string("handler");
}

void Handler::event(trace::EventKind kind, std::string layer, std::string detail, std::int64_t count)
{
    recorder_.recordEvent({kind, std::move(layer), std::move(detail), std::string(), count});
}

void Handler::loadMiddleware(const std::vector<std::string>& paths)
{
    paths_ = paths;
    const std::size_t n = paths.size();
    layers_.assign(n + 1, py::Value());
    wrappers_.assign(n + 1, py::Value());
    viewMiddleware_.clear();
    templateResponseMiddleware_.clear();
    exceptionMiddleware_.clear();

    auto wrap = [this](std::size_t index) {
        py::NativeFunction* fn = interp_.newFunction("inner", [this, index](py::Interpreter&, py::CallArgs& a) -> py::Value {
            return callLayer(index, a.args.at(0));
        });
        interp_.addRoot(fn);
        return py::Value(fn);
    };
    py::NativeFunction* inner = interp_.newFunction("_get_response", [this](py::Interpreter&, py::CallArgs& a) -> py::Value {
        return getResponseInner(a.args.at(0));
    });
    interp_.addRoot(inner);
    layers_[n] = inner;
    wrappers_[n] = wrap(n);

    for (std::size_t i = n; i-- > 0;) {
        loading_ = i;
        const std::string& path = paths[i];
        const auto dot = path.rfind('.');
        if (dot == std::string::npos)
            interp_.raise(interp_.types().ImportError, path + " doesn't look like a module path");
        py::ModuleObject* module = interp_.importModule(path.substr(0, dot));
        const std::optional<py::Value> factory = interp_.findAttr(module, path.substr(dot + 1));
        if (!factory)
            interp_.raise(interp_.types().ImportError, "Module \"" + path.substr(0, dot) + "\" does not define a \"" +
                                                           path.substr(dot + 1) + "\" attribute/class");
        const py::Value instance = interp_.call(*factory, {wrappers_[i + 1]});
        if (instance.isNone())
            interp_.raise(interp_.types().TypeError, "Middleware factory " + path + " returned None.");
        interp_.addRoot(instance);
        if (std::optional<py::Value> m = interp_.findAttr(instance, "process_view"))
            viewMiddleware_.insert(viewMiddleware_.begin(), {path, *m});
        if (std::optional<py::Value> m = interp_.findAttr(instance, "process_template_response"))
            templateResponseMiddleware_.push_back({path, *m});
        if (std::optional<py::Value> m = interp_.findAttr(instance, "process_exception"))
            exceptionMiddleware_.push_back({path, *m});
        layers_[i] = instance;
        wrappers_[i] = wrap(i);
    }
    loading_ = n;
    for (const auto* hooks : {&viewMiddleware_, &templateResponseMiddleware_, &exceptionMiddleware_})
        for (const Hook& hook : *hooks)
            interp_.addRoot(hook.second);
}

py::Value Handler::handle(py::Value request, std::optional<trace::Error>& error)
{
    error_ = &error;
    event(trace::EventKind::RequestStarted, "handler", interp_.toStr(interp_.getAttr(request, "method")) + " " +
                                                           interp_.toStr(interp_.getAttr(request, "path")));
    py::ModuleObject* signals = interp_.importModule("django.core.signals");
    interp_.callMethod(interp_.getAttr(signals, "request_started"), "send", {py::Value()},
                       {{"environ", interp_.getAttr(request, "META")}});
    deepestLayer_ = 0;
    py::Value response = interp_.call(wrappers_.front(), {request});
    const std::int64_t status = interp_.expectInt(interp_.getAttr(response, "status_code"), "status_code");
    event(trace::EventKind::ResponseSent, "handler", std::to_string(status), status);
    // HttpResponseBase.close() sends request_finished; the test client closes every response.
    interp_.callMethod(response, "close");
    interp_.callMethod(interp_.getAttr(signals, "request_finished"), "send", {py::Value()});
    error_ = nullptr;
    return response;
}

py::Value Handler::callLayer(std::size_t index, py::Value request)
{
    // convert_exception_to_response(get_response)
    const std::string layer = layerName(index);
    event(trace::EventKind::LayerEnter, layer, std::string());
    deepestLayer_ = std::max(deepestLayer_, index);
    py::Value response;
    try {
        response = interp_.call(layers_[index], {request});
    } catch (const py::PyException& e) {
        event(trace::EventKind::Exception, layer, interp_.describe(e).describe());
        response = responseForException(request, e);
    }
    if (index < paths_.size() && deepestLayer_ == index)
        event(trace::EventKind::ShortCircuit, layer, "answered without calling get_response");
    event(trace::EventKind::LayerLeave, layer, std::string());
    return response;
}

bool Handler::isInstance(const py::PyException& e, const char* module, const char* name)
{
    py::ModuleObject* m = interp_.findModule(module);
    const py::Value* cls = m ? m->globals.find(name) : nullptr;
    auto* c = cls ? cls->as<py::ClassObject>() : nullptr;
    return c && interp_.matches(e, c);
}

py::Value Handler::errorResponse(const char* responseClass, const char* title, const char* details,
                                 const char* templateName, py::Value request, py::Value exception)
{
    py::ModuleObject* http = interp_.importModule("django.http");
    const py::Value cls = interp_.getAttr(http, responseClass);
    // django.views.defaults: a project template of that name replaces the built-in page.
    if (engine_.findTemplate(templateName)) {
        py::DictObject* context = interp_.newDict();
        if (!exception.isNone()) {
            interp_.dictSet(context, interp_.newStr("exception"), interp_.newStr(interp_.toStr(exception)));
            if (std::string(templateName) == "404.html")
                interp_.dictSet(context, interp_.newStr("request_path"), interp_.getAttr(request, "path"));
        }
        const std::string body = engine_.renderToString(templateName, context, request);
        return interp_.call(cls, {interp_.newStr(body)});
    }
    return interp_.call(cls, {interp_.newStr(errorPage(title, details))}, {{"content_type", interp_.newStr("text/html")}});
}

py::Value Handler::responseForException(py::Value request, const py::PyException& e)
{
    const py::Value exc(e.exception());
    if (isInstance(e, "django.http", "Http404"))
        return errorResponse("HttpResponseNotFound", "Not Found", "The requested resource was not found on this server.",
                             "404.html", request, exc);
    if (isInstance(e, "django.core.exceptions", "PermissionDenied"))
        return errorResponse("HttpResponseForbidden", "403 Forbidden", "", "403.html", request, exc);
    if (isInstance(e, "django.core.exceptions", "BadRequest") ||
        isInstance(e, "django.core.exceptions", "SuspiciousOperation"))
        return errorResponse("HttpResponseBadRequest", "Bad Request (400)", "", "400.html", request, exc);

    if (error_ && !*error_)
        *error_ = trace::Error{qualifiedTypeName(e.exception()->cls()), interp_.exceptionMessage(e.exception())};
    py::ModuleObject* signals = interp_.importModule("django.core.signals");
    interp_.callMethod(interp_.getAttr(signals, "got_request_exception"), "send", {py::Value()}, {{"request", request}});
    if (debug_) {
        // technical_500_response: an HTML page with the charset.
        py::ModuleObject* http = interp_.importModule("django.http");
        return interp_.call(interp_.getAttr(http, "HttpResponse"), {interp_.newStr(errorPage("Server Error", interp_.describe(e).describe().c_str()))},
                            {{"status", py::Value::integer(500)}, {"content_type", interp_.newStr("text/html; charset=utf-8")}});
    }
    if (engine_.findTemplate("500.html")) {
        py::ModuleObject* http = interp_.importModule("django.http");
        return interp_.call(interp_.getAttr(http, "HttpResponseServerError"), {interp_.newStr(engine_.renderToString("500.html"))});
    }
    return errorResponse("HttpResponseServerError", "Server Error (500)", "", "500.html", request, py::Value());
}

std::optional<py::Value> Handler::processExceptionByMiddleware(const py::PyException& e, py::Value request)
{
    for (const auto& [path, method] : exceptionMiddleware_) {
        event(trace::EventKind::Hook, path, "process_exception");
        const py::Value response = interp_.call(method, {request, py::Value(e.exception())});
        if (interp_.truthy(response))
            return response;
    }
    return std::nullopt;
}

void Handler::checkResponse(py::Value response, py::Value callback, const char* what)
{
    if (!response.isNone())
        return;
    const std::string name = urlconf_.lookupString(callback);
    interp_.raise(interp_.types().ValueError, std::string("The ") + what + " " + name +
                                                   " didn't return an HttpResponse object. It returned None instead.");
}

py::Value Handler::getResponseInner(py::Value request)
{
    const std::string pathInfo = interp_.toStr(interp_.getAttr(request, "path_info"));
    auto resolved = urlconf_.root().resolve(pathInfo);
    auto* match = std::get_if<urls::ResolverMatch>(&resolved);
    if (!match) {
        event(trace::EventKind::UrlResolved, "urls", "no match (404)", 404);
        interp_.raise(urlconf_.resolver404Class(), "{'path': '" + pathInfo + "'}");
    }
    event(trace::EventKind::UrlResolved, "urls", match->route);
    const py::Value resolverMatch = urlconf_.resolverMatchObject(*match);
    interp_.setAttr(request, "resolver_match", resolverMatch);
    const py::Value callback = urlconf_.value(match->func);
    const py::Value args = interp_.getAttr(resolverMatch, "args");
    const py::Value kwargs = interp_.getAttr(resolverMatch, "kwargs");

    py::Value response;
    for (const auto& [path, method] : viewMiddleware_) {
        event(trace::EventKind::Hook, path, "process_view");
        response = interp_.call(method, {request, callback, args, kwargs});
        if (interp_.truthy(response))
            break;
        response = py::Value();
    }
    if (response.isNone()) {
        py::CallArgs call;
        call.args.push_back(request);
        for (py::Value a : interp_.toVector(args))
            call.args.push_back(a);
        if (auto* d = kwargs.as<py::DictObject>())
            for (const auto& entry : d->table.entries())
                if (entry.live)
                    call.kwargs.emplace_back(interp_.toStr(entry.key), entry.value);
        event(trace::EventKind::ViewCalled, "view", match->funcPath);
        try {
            response = interp_.call(callback, call);
        } catch (const py::PyException& e) {
            std::optional<py::Value> handled = processExceptionByMiddleware(e, request);
            if (!handled)
                throw;
            response = *handled;
        }
        event(trace::EventKind::ViewReturned, "view", match->funcPath);
    }
    checkResponse(response, callback, "view");

    if (const std::optional<py::Value> render = interp_.findAttr(response, "render"); render && interp_.isCallable(*render)) {
        for (const auto& [path, method] : templateResponseMiddleware_) {
            event(trace::EventKind::Hook, path, "process_template_response");
            response = interp_.call(method, {request, response});
            checkResponse(response, method, "view");
        }
        try {
            response = interp_.callMethod(response, "render");
        } catch (const py::PyException& e) {
            std::optional<py::Value> handled = processExceptionByMiddleware(e, request);
            if (!handled)
                throw;
            response = *handled;
        }
    }
    return response;
}

} // namespace pipelab::django::project
