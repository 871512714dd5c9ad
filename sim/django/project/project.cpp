// Project (see project.h).
#include "sim/django/project/project.h"

#include "sim/django/http/httpmodule.h"
#include "sim/django/middleware/middlewaremodules.h"
#include "sim/django/middleware/middlewareordering.h"
#include "sim/django/models/modelbinding.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/views/viewsmodules.h"

#include <cstdlib>

namespace pipelab::django::project {

namespace {

constexpr const char* kAppsSource = R"PY(
class AppConfig:
    name = None
    label = None
    verbose_name = None
    default_auto_field = None
    default = True

    def __init__(self, app_name, app_module):
        self.name = app_name
        self.module = app_module
        if self.label is None:
            self.label = app_name.split(".")[-1]
        if self.verbose_name is None:
            self.verbose_name = self.label.title()

    def ready(self):
        pass

    def __repr__(self):
        return "<" + self.__class__.__name__ + ": " + self.label + ">"
)PY";

constexpr const char* kContextProcessorsSource = R"PY(
from django.contrib.auth import AnonymousUser
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject


def _perms():
    raise NotImplementedError("PipeLab does not simulate permissions (perms in templates) yet")


def csrf(request):
    def _get_val():
        token = get_token(request)
        if token is None:
            return "NOTPROVIDED"
        return token
    return {"csrf_token": SimpleLazyObject(_get_val)}


def debug(request):
    return {}


def request(request):
    return {"request": request}


def auth(request):
    if hasattr(request, "user"):
        user = request.user
    else:
        user = AnonymousUser()
    return {"user": user, "perms": SimpleLazyObject(_perms)}


def messages(request):
    return {"messages": get_messages(request),
            "DEFAULT_MESSAGE_LEVELS": {"DEBUG": 10, "INFO": 20, "SUCCESS": 25, "WARNING": 30, "ERROR": 40}}


def _request_context(request_object):
    context = {}
    for processor in (csrf, debug, request, auth, messages):
        context.update(processor(request_object))
    return context
)PY";

constexpr const char* kClientSource = R"PY(
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.contrib.sessions.middleware import _session_store_class
from django.http import HttpRequest
from django.middleware.csrf import _get_new_csrf_token


def _force_login(username):
    # The oracle's login_browsers(): a fresh SessionStore, login() with ModelBackend, save().
    request = HttpRequest()
    request.session = _session_store_class()()
    login(request, User.objects.get(username=username), "django.contrib.auth.backends.ModelBackend")
    request.session.save()
    return request.session.session_key
)PY";

// The spec §1 preludes: (module, names) pairs. Names a module does not define are skipped: using
// one then fails with NameError naming it.
using Prelude = std::vector<std::pair<const char*, std::vector<std::string>>>;

const Prelude& codePrelude()
{
    static const Prelude prelude = {
        {"django.shortcuts", {"render", "redirect", "get_object_or_404", "get_list_or_404"}},
        {"django.http", {"HttpResponse", "JsonResponse", "Http404", "HttpResponseRedirect", "HttpResponseForbidden",
                         "HttpResponseNotFound"}},
        {"django.urls", {"reverse"}},
        {"django.db", {"transaction"}},
        {"django.db.models", {"Q", "F", "Count", "Sum", "Avg", "Max", "Min", "Prefetch"}},
        {"django.core.cache", {"cache"}},
        {"django.views.decorators.cache", {"cache_page", "never_cache"}},
        {"django.views.decorators.vary", {"vary_on_cookie", "vary_on_headers"}},
        {"django.views.decorators.csrf", {"csrf_exempt"}},
        {"django.views.decorators.http", {"require_POST", "require_GET", "require_http_methods"}},
        {"django.contrib.auth.decorators", {"login_required"}},
        {"django.contrib.auth.mixins", {"LoginRequiredMixin"}},
        {"django.contrib.auth.models", {"User"}},
        {"django.views.generic", {"View", "TemplateView", "ListView", "DetailView"}},
        {"django.db.models.signals", {"pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed"}},
        {"django.core.signals", {"request_started", "request_finished"}},
        {"django.contrib.auth.signals", {"user_logged_in", "user_logged_out"}},
        {"django.dispatch", {"receiver", "Signal"}},
    };
    return prelude;
}

std::string sessionEnginePath(const std::string& engine)
{
    return engine.find('.') == std::string::npos ? "django.contrib.sessions.backends." + engine : engine;
}

} // namespace

Project::Project(const scenario::Scenario& scenario, py::Budget budget)
    : scenario_(scenario), interp_(budget), recorder_(interp_), sessions_(recorder_, clock_),
      orm_(interp_, recorder_, scenario.appLabel), urlconf_(interp_), hooks_(interp_, recorder_, clock_)
{
}

Project::~Project() = default;

bool Project::step(const std::string& what, const std::function<void()>& body)
{
    interp_.resetCounters();
    std::optional<py::ScriptError> error;
    try {
        error = interp_.guard(body);
    } catch (const templates::TemplateSyntaxError& e) {
        diagnostics_.push_back({scenario::Diagnostic::Severity::Error, scenario_.file, {}, what + ": TemplateSyntaxError: " + e.what()});
        return false;
    }
    if (!error)
        return true;
    // Raised inside Django's own modules: report the innermost scenario line that led there.
    auto isScenarioKind = [](std::string_view kind) {
        return kind == "models" || kind == "urls" || kind == "views" || kind == "middleware" || kind == "signals" ||
               kind == "apps";
    };
    if (!isScenarioKind(error->kind)) {
        for (const std::string& frame : error->traceback) {
            const auto colon = frame.rfind(':');
            if (colon != std::string::npos && isScenarioKind(std::string_view(frame).substr(0, colon))) {
                error->kind = frame.substr(0, colon);
                error->line = std::atoi(frame.c_str() + colon + 1);
                error->column = 1;
                break;
            }
        }
    }
    scenario::Diagnostic d;
    d.file = scenario_.file;
    d.pos = {error->line, error->line > 0 ? std::max(error->column, 1) : 0};
    d.message = (error->line > 0 ? error->kind : what) + ": " + error->describe();
    diagnostics_.push_back(std::move(d));
    return false;
}

void Project::applyPrelude(py::ModuleObject* module, const std::string& kind)
{
    auto importNames = [&](const char* from, const std::vector<std::string>& names) {
        py::ModuleObject* source = interp_.importModule(from);
        for (const std::string& name : names)
            if (const py::Value* v = source->globals.find(name))
                module->globals.set(name, *v);
    };
    if (kind == "models") {
        importNames("django.db", {"models"});
        importNames("django.contrib.auth.models", {"User"});
    } else if (kind == "urls") {
        importNames("django.urls", {"path", "re_path", "include"});
        module->globals.set("views", interp_.importModule(scenario_.appLabel + ".views"));
    } else if (kind == "apps") {
        importNames("django.apps", {"AppConfig"});
    } else {
        for (const auto& [from, names] : codePrelude())
            importNames(from, names);
        if (scenario_.models)
            interp_.importInto(module, scenario_.appLabel + ".models", {"*"});
    }
}

py::ModuleObject* Project::findScenarioModule(const std::string& name)
{
    const std::string prefix = scenario_.appLabel + ".";
    if (!name.starts_with(prefix))
        return nullptr;
    const std::string kind = name.substr(prefix.size());
    const std::optional<scenario::CodeBlock>* block = nullptr;
    if (kind == "models")
        block = &scenario_.models;
    else if (kind == "urls")
        block = &scenario_.urls;
    else if (kind == "views")
        block = &scenario_.views;
    else if (kind == "middleware")
        block = &scenario_.middleware;
    else if (kind == "signals")
        block = &scenario_.signals;
    else if (kind == "apps")
        block = &scenario_.apps;
    if (!block || !*block)
        return nullptr;
    py::ModuleObject* module = interp_.newModule(name, kind, scenario_.appLabel);
    applyPrelude(module, kind);
    interp_.exec(module, py::parse((*block)->text, py::Origin{(*block)->pos.line, (*block)->pos.column}, kind));
    return module;
}

py::ModuleObject* Project::module(const std::string& kind) const
{
    return interp_.findModule(scenario_.appLabel + "." + kind);
}

void Project::installSettings()
{
    py::ModuleObject* conf = interp_.runModule("django.conf", "class Settings:\n    pass\n\nsettings = Settings()\n", {}, "django");
    const py::Value settings = *conf->globals.find("settings");
    const scenario::Settings& s = scenario_.settings;
    auto set = [&](const char* name, py::Value value) { interp_.setAttr(settings, name, value); };
    auto str = [&](const std::string& text) { return interp_.newStr(text); };
    // Scalar settings the scenario gives but PipeLab does not model are visible to code as-is.
    for (const scenario::Setting& other : s.others) {
        py::Value v;
        if (const auto* b = std::get_if<bool>(&other.value))
            v = py::Value::boolean(*b);
        else if (const auto* i = std::get_if<std::int64_t>(&other.value))
            v = py::Value::integer(*i);
        else if (const auto* d = std::get_if<double>(&other.value))
            v = py::Value::real(*d);
        else if (const auto* t = std::get_if<std::string>(&other.value))
            v = str(*t);
        set(other.name.c_str(), v);
    }
    auto setDefault = [&](const char* name, py::Value value) {
        if (!interp_.hasAttr(settings, name))
            set(name, value);
    };
    set("DEBUG", py::Value::boolean(s.debug));
    set("APPEND_SLASH", py::Value::boolean(s.appendSlash));
    set("SECURE_SSL_REDIRECT", py::Value::boolean(s.secureSslRedirect));
    set("LOGIN_URL", str(s.loginUrl));
    set("SESSION_ENGINE", str(sessionEnginePath(s.sessionEngine)));
    const double seconds = s.cacheMiddlewareSeconds;
    set("CACHE_MIDDLEWARE_SECONDS", seconds == static_cast<double>(static_cast<std::int64_t>(seconds))
                                        ? py::Value::integer(static_cast<std::int64_t>(seconds))
                                        : py::Value::real(seconds));
    set("CACHE_MIDDLEWARE_ALIAS", str("default"));
    set("CACHE_MIDDLEWARE_KEY_PREFIX", str(s.cacheMiddlewareKeyPrefix));
    setDefault("SECURE_SSL_HOST", py::Value());
    setDefault("SECURE_HSTS_SECONDS", py::Value::integer(0));
    setDefault("SECURE_CONTENT_TYPE_NOSNIFF", py::Value::boolean(true));
    setDefault("SECURE_REFERRER_POLICY", str("same-origin"));
    setDefault("SECURE_CROSS_ORIGIN_OPENER_POLICY", str("same-origin"));
    setDefault("X_FRAME_OPTIONS", str("DENY"));
    setDefault("SESSION_COOKIE_NAME", str("sessionid"));
    setDefault("SESSION_CACHE_ALIAS", str("default"));
    setDefault("CSRF_COOKIE_NAME", str("csrftoken"));
    setDefault("LANGUAGE_CODE", str("en-us"));
    setDefault("LANGUAGE_COOKIE_NAME", str("django_language"));
    set("_APP_LABEL", str(scenario_.appLabel));
    std::vector<py::Value> middleware;
    for (const scenario::Settings::Entry& e : s.middleware)
        middleware.push_back(str(e.path));
    set("MIDDLEWARE", interp_.newList(std::move(middleware)));
}

void Project::installRequestSupport()
{
    interp_.runModule("django.apps", kAppsSource, {}, "django");
    interp_.runModule("django.template.context_processors", kContextProcessorsSource, {}, "django");
    interp_.runModule("django.test.client", kClientSource, {}, "django");
    py::ModuleObject* timezone = interp_.newModule("django.utils.timezone", "django");
    timezone->globals.set("now", interp_.newFunction("now", [this](py::Interpreter&, py::CallArgs&) -> py::Value {
        return engine_->library().newDateTime(hooks_.now());
    }));
    py::ModuleObject* time = interp_.newModule("time", "django");
    time->globals.set("time", interp_.newFunction("time", [this](py::Interpreter&, py::CallArgs&) -> py::Value {
        return py::Value::real(clock_.epochSeconds());
    }));
    py::ModuleObject* loader = interp_.findModule("django.template.loader");
    loader->globals.set("get_template", interp_.newFunction("get_template", [this](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return engine_->templateObject(ip.expectStr(a.args.at(0), "template_name"));
    }));
}

py::Value Project::renderToString(py::Value templateNames, py::Value context, py::Value request)
{
    if (const std::string* name = py::Interpreter::strOf(templateNames)) {
        recorder_.recordEvent({trace::EventKind::TemplateRender, "template", *name, {}, 0});
        return interp_.newStr(engine_->renderToString(*name, context, request));
    }
    // select_template(): the first name that exists.
    std::vector<std::string> names;
    for (py::Value v : interp_.toVector(templateNames))
        names.push_back(interp_.toStr(v));
    for (const std::string& name : names) {
        bool found = false;
        try {
            found = engine_->findTemplate(name) != nullptr;
        } catch (const templates::TemplateSyntaxError&) {
            engine_->getTemplate(name); // raises the Python TemplateSyntaxError
        }
        if (found) {
            recorder_.recordEvent({trace::EventKind::TemplateRender, "template", name, {}, 0});
            return interp_.newStr(engine_->renderToString(name, context, request));
        }
    }
    std::string joined;
    for (const std::string& name : names)
        joined += (joined.empty() ? "" : ", ") + name;
    engine_->getTemplate(joined.empty() ? "No template names provided" : joined);
    return interp_.newStr("");
}

void Project::installModelSignals()
{
    // Model.save()/delete() send django.db.models.signals through the project's Signal objects;
    // a model with delete receivers is never fast-deleted (Collector.can_fast_delete).
    models::OrmContext& ctx = orm_.context();
    ctx.sendSignal = [this](const char* name, std::vector<std::pair<std::string, py::Value>> kwargs) {
        const py::Value signal = interp_.getAttr(interp_.importModule("django.db.models.signals"), name);
        interp_.callMethod(signal, "send", {}, std::move(kwargs));
    };
    // ModelSignal's "app_label.ModelName" senders resolve through the model registry.
    interp_.importModule("django.db.models.signals")->globals.set(
        "_get_model", interp_.newFunction("_get_model", [this](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
            py::ClassObject* cls = orm_.modelClass(ip.expectStr(a.args.at(0), "label"));
            return cls ? py::Value(cls) : py::Value();
        }));
    ctx.hasReceivers = [this, &ctx](const char* name, const db::ModelMeta& meta) {
        models::ModelBinding* binding = ctx.binding(meta);
        if (!binding)
            return false;
        const py::Value signal = interp_.getAttr(interp_.importModule("django.db.models.signals"), name);
        return interp_.truthy(interp_.callMethod(signal, "has_listeners", {py::Value(binding->cls)}));
    };
}

void Project::installModules()
{
    orm_.installModules();
    // Django exceptions the web layer raises and catches, when the ORM does not define them.
    py::ModuleObject* exceptions = interp_.newModule("django.core.exceptions", "django");
    auto ensure = [&](const char* name, py::ClassObject* base) {
        if (const py::Value* v = exceptions->globals.find(name))
            return v->as<py::ClassObject>();
        py::ClassObject* cls = interp_.newExceptionClass(name, base, "django.core.exceptions");
        exceptions->globals.set(name, cls);
        return cls;
    };
    ensure("ObjectDoesNotExist", interp_.types().Exception);
    ensure("MultipleObjectsReturned", interp_.types().Exception);
    ensure("PermissionDenied", interp_.types().Exception);
    ensure("ImproperlyConfigured", interp_.types().Exception);
    ensure("ViewDoesNotExist", interp_.types().Exception);
    ensure("MiddlewareNotUsed", interp_.types().Exception);
    ensure("BadRequest", interp_.types().Exception);
    ensure("SuspiciousOperation", interp_.types().Exception);
    ensure("FieldError", interp_.types().Exception);
    ensure("ValidationError", interp_.types().Exception);

    installSettings();
    http::installHttpModules(interp_, clock_);
    urlconf_.install();
    views::installSignalModules(interp_, [this](const std::string& receiver) {
        recorder_.recordEvent({trace::EventKind::Signal, "signals", receiver, {}, 0});
    });
    installModelSignals();
    middleware::installMiddlewareModules(interp_, sessions_);
    views::CacheHooks caches;
    for (const scenario::CacheConfig& c : scenario_.settings.caches)
        caches.configs.push_back({c.alias, c.backend, c.location, c.timeoutNone ? std::nullopt : std::optional<double>(c.timeout.value_or(300))});
    caches.event = [this](const std::string& detail) {
        recorder_.recordEvent({trace::EventKind::CacheOp, "cache", detail, {}, 0});
    };
    caches.executeSql = [this](const std::string& sql, std::int64_t rows) { recorder_.recordQuery(sql, rows); };
    views::installViewModules(
        interp_,
        [this](py::Interpreter&, py::Value names, py::Value context, py::Value request) {
            return renderToString(names, context, request);
        },
        caches, clock_);
    installRequestSupport();
    interp_.setModuleFinder([this](py::Interpreter&, const std::string& name) { return findScenarioModule(name); });
}

void Project::startUp()
{
    engine_ = std::make_unique<templates::Engine>(
        interp_,
        [this](std::string_view name) -> std::optional<templates::TemplateSource> {
            for (const scenario::Template& t : scenario_.templates)
                if (t.name == name)
                    return templates::TemplateSource{t.source.text, t.source.pos.line};
            return std::nullopt;
        },
        hooks_);
    handler_ = std::make_unique<Handler>(interp_, recorder_, urlconf_, *engine_, scenario_.settings.debug);

    if (!step("Django start-up", [&] { installModules(); }))
        return;

    // Templates are parsed up front so a syntax error is reported before any request runs.
    for (const scenario::Template& t : scenario_.templates) {
        try {
            engine_->findTemplate(t.name);
        } catch (const templates::TemplateSyntaxError& e) {
            diagnostics_.push_back({scenario::Diagnostic::Severity::Error, scenario_.file,
                                    {e.sourceLine(t.source.pos.line), t.source.pos.column},
                                    "TemplateSyntaxError: " + std::string(e.what())});
        }
    }

    // apps.populate(): the app config module, then the models, then ready().
    const std::string app = scenario_.appLabel;
    py::Value config;
    if (scenario_.apps && !step("apps", [&] {
            py::ModuleObject* apps = interp_.importModule(app + ".apps");
            py::ClassObject* base = interp_.getAttr(interp_.importModule("django.apps"), "AppConfig").as<py::ClassObject>();
            for (const auto& [name, value] : apps->globals.entries()) {
                auto* cls = value.as<py::ClassObject>();
                if (cls && cls != base && cls->isSubclassOf(base) && cls->moduleName == apps->name)
                    config = value;
            }
        }))
        return;
    if (scenario_.models && !step("models", [&] { interp_.importModule(app + ".models"); }))
        return;
    if (!step("models", [&] { orm_.finalizeModels(); }))
        return;
    if (!config.isNone() && !step("apps", [&] {
            py::Value instance = interp_.call(config, {interp_.getAttr(config, "name"), interp_.importModule(app)});
            interp_.addRoot(instance);
            interp_.callMethod(instance, "ready");
        }))
        return;
    for (scenario::Diagnostic& d : orm_.loadData(scenario_))
        diagnostics_.push_back(std::move(d));
    if (scenario::hasErrors(diagnostics_))
        return;

    // The URLconf (and through it the views), as the first request would import it; the
    // conformance oracle imports it at start-up, before the middleware.
    if (!step("urls", [&] { urlconf_.setRootFromModule(interp_.importModule(app + ".urls")); }))
        return;
    // The middleware chain, as the WSGI handler loads it.
    std::vector<std::string> paths;
    for (const scenario::Settings::Entry& e : scenario_.settings.middleware)
        paths.push_back(e.path);
    // Django's documented ordering constraints, as warnings like its system checks.
    for (const middleware::OrderingWarning& w : middleware::checkOrdering(paths))
        diagnostics_.push_back({scenario::Diagnostic::Severity::Warning, scenario_.file,
                                scenario_.settings.middleware[w.index].pos, "MIDDLEWARE: " + w.message});
    if (!step("MIDDLEWARE", [&] { handler_->loadMiddleware(paths); })) {
        // Failing outside scenario code (a misspelt Django path): point at the MIDDLEWARE entry.
        scenario::Diagnostic& d = diagnostics_.back();
        const std::size_t failed = handler_->loadingIndex();
        if (d.pos.line == 0 && failed < scenario_.settings.middleware.size())
            d.pos = scenario_.settings.middleware[failed].pos;
    }
}

Project::LoadResult Project::load(const scenario::Scenario& scenario, py::Budget budget)
{
    std::unique_ptr<Project> project(new Project(scenario, budget));
    project->startUp();
    LoadResult result;
    result.diagnostics = std::move(project->diagnostics_);
    if (!scenario::hasErrors(result.diagnostics))
        result.project = std::move(project);
    return result;
}

} // namespace pipelab::django::project
