// UrlConfBridge (see urlconfbridge.h).
#include "sim/django/project/urlconfbridge.h"

#include "sim/python/interpreter.h"

#include <charconv>

namespace pipelab::django::project {

namespace {

// What path()/re_path() return: Django's URLPattern or URLResolver object.
class UrlEntryObject final : public py::Object {
public:
    UrlEntryObject(py::ClassObject* cls, urls::UrlEntry entry) : Object(cls), entry(std::move(entry)) {}
    urls::UrlEntry entry;
    std::optional<std::string> repr(py::Interpreter&) override
    {
        const urls::TriedPattern tried = urls::describeTried(entry);
        return "<" + std::string(tried.isResolver ? "URLResolver" : "URLPattern") + " '" + tried.pattern + "'>";
    }
};

// What include() returns: (urlconf_module, app_name, namespace).
class IncludeObject final : public py::Object {
public:
    IncludeObject(py::ClassObject* cls, urls::Include included) : Object(cls), included(std::move(included)) {}
    urls::Include included;
};

constexpr const char* kUrlsSource = R"PY(
from django.http import Http404
from django.utils.functional import SimpleLazyObject


class NoReverseMatch(Exception):
    pass


class Resolver404(Http404):
    pass


class UUID:
    def __init__(self, text):
        self._text = str(text).lower()

    @property
    def hex(self):
        return self._text.replace("-", "")

    def __str__(self):
        return self._text

    def __repr__(self):
        return "UUID('" + self._text + "')"

    def __eq__(self, other):
        return isinstance(other, UUID) and other._text == self._text

    def __hash__(self):
        return hash(self._text)


class ResolverMatch:
    def __init__(self, func, args, kwargs, url_name, app_names, namespaces, route, func_path):
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route = route
        self.app_names = app_names
        self.app_name = ":".join(app_names)
        self.namespaces = namespaces
        self.namespace = ":".join(namespaces)
        self._func_path = func_path
        self.view_name = ":".join(namespaces + [url_name or func_path])

    def __getitem__(self, index):
        return (self.func, self.args, self.kwargs)[index]

    def __repr__(self):
        return ("ResolverMatch(func=" + self._func_path + ", args=" + repr(self.args) + ", kwargs=" +
                repr(self.kwargs) + ", url_name=" + repr(self.url_name) + ", app_names=" + repr(self.app_names) +
                ", namespaces=" + repr(self.namespaces) + ", route=" + repr(self.route) + ")")


def reverse_lazy(viewname, urlconf=None, args=None, kwargs=None, current_app=None):
    return SimpleLazyObject(lambda: reverse(viewname, urlconf, args, kwargs, current_app))
)PY";

} // namespace

UrlConfBridge::UrlConfBridge(py::Interpreter& interp) : interp_(interp) {}

py::Value UrlConfBridge::value(urls::Handle handle) const
{
    return handle >= 1 && handle <= values_.size() ? values_[handle - 1] : py::Value();
}

urls::Handle UrlConfBridge::handleFor(py::Value v)
{
    for (std::size_t i = 0; i < values_.size(); ++i)
        if (values_[i].is(v))
            return i + 1;
    values_.push_back(v);
    interp_.addRoot(v);
    return values_.size();
}

std::string UrlConfBridge::lookupString(py::Value view)
{
    // functools.wraps copies __module__/__qualname__: follow __wrapped__ to the original.
    for (int depth = 0; depth < 50; ++depth) {
        std::optional<py::Value> wrapped = interp_.findAttr(view, "__wrapped__");
        if (!wrapped)
            break;
        view = *wrapped;
    }
    if (std::optional<py::Value> viewClass = interp_.findAttr(view, "view_class")) {
        if (auto* cls = viewClass->as<py::ClassObject>())
            return cls->moduleName + "." + (cls->qualname.empty() ? cls->name : cls->qualname);
    }
    if (auto* fn = view.as<py::FunctionObject>())
        return (fn->module ? fn->module->name : std::string("__main__")) + "." + (fn->qualname.empty() ? fn->name : fn->qualname);
    if (auto* native = view.as<py::NativeFunction>())
        return "django." + native->name;
    py::ClassObject* cls = interp_.typeOf(view);
    return cls->moduleName + "." + cls->name;
}

py::Value UrlConfBridge::toPython(const urls::UrlValue& v)
{
    switch (v.kind) {
    case urls::UrlValue::Kind::None: return py::Value();
    case urls::UrlValue::Kind::Str: return interp_.newStr(v.text);
    case urls::UrlValue::Kind::Int: {
        std::int64_t n = 0;
        const auto [ptr, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
        if (ec != std::errc() || ptr != v.text.data() + v.text.size())
            interp_.raise(interp_.types().OverflowError, "PipeLab ints are 64-bit: " + v.text + " is too large");
        return py::Value::integer(n);
    }
    case urls::UrlValue::Kind::Uuid: return interp_.call(uuidClass_, {interp_.newStr(v.text)});
    case urls::UrlValue::Kind::Object: return value(v.object);
    }
    return py::Value();
}

urls::UrlValue UrlConfBridge::fromPython(py::Value v)
{
    if (v.isNone())
        return urls::UrlValue::none();
    if (v.isInt())
        return urls::UrlValue::integer(v.asInt());
    if (const std::string* s = py::Interpreter::strOf(v))
        return urls::UrlValue::str(*s);
    if (interp_.typeOf(v) == uuidClass_.as<py::ClassObject>())
        return urls::UrlValue::uuid(interp_.toStr(v));
    return urls::UrlValue::pyObject(handleFor(v), interp_.toStr(v), interp_.repr(v));
}

urls::Kwargs UrlConfBridge::kwargsOf(py::Value dict)
{
    urls::Kwargs kwargs;
    if (dict.isNone())
        return kwargs;
    auto* d = dict.as<py::DictObject>();
    if (!d)
        interp_.raise(interp_.types().TypeError, "kwargs argument must be a dict, but got " + interp_.typeName(dict) + ".");
    for (const auto& e : d->table.entries())
        if (e.live)
            urls::kwargsSet(kwargs, interp_.expectStr(e.key, "keyword argument name"), fromPython(e.value));
    return kwargs;
}

std::vector<urls::UrlEntry> UrlConfBridge::entriesOf(py::Value patterns)
{
    std::vector<urls::UrlEntry> entries;
    for (py::Value item : interp_.toVector(patterns)) {
        auto* entry = dynamic_cast<UrlEntryObject*>(item.asObject());
        if (!entry)
            interp_.raise(interp_.types().TypeError,
                          "urlpatterns entries must come from path() or re_path(), not " + interp_.repr(item));
        entries.push_back(entry->entry);
    }
    return entries;
}

urls::Include UrlConfBridge::includeOf(py::Value arg, py::Value namespaceName)
{
    std::optional<std::string> appName;
    py::Value patterns = arg;
    if (auto* tuple = arg.as<py::TupleObject>()) {
        if (tuple->items.size() != 2) {
            raise(urls::UrlError(urls::UrlError::Kind::ImproperlyConfigured,
                                 "Passing a " + std::to_string(tuple->items.size()) +
                                     "-tuple to include() is not supported. Pass a 2-tuple containing the list of "
                                     "patterns and app_name, and provide the namespace argument to include() instead."));
        }
        patterns = tuple->items[0];
        appName = interp_.toStr(tuple->items[1]);
    }
    if (const std::string* name = py::Interpreter::strOf(patterns))
        patterns = interp_.importModule(*name);
    if (auto* module = patterns.as<py::ModuleObject>()) {
        if (!appName)
            if (const py::Value* a = module->globals.find("app_name"))
                appName = interp_.toStr(*a);
        const py::Value* list = module->globals.find("urlpatterns");
        if (!list)
            raise(urls::UrlError(urls::UrlError::Kind::ImproperlyConfigured,
                                 "The included URLconf '" + module->name + "' does not appear to have any patterns in it."));
        patterns = *list;
    }
    std::optional<std::string> ns;
    if (!namespaceName.isNone())
        ns = interp_.toStr(namespaceName);
    try {
        return urls::include(entriesOf(patterns), appName, ns);
    } catch (const urls::UrlError& e) {
        raise(e);
    }
}

void UrlConfBridge::raise(const urls::UrlError& error)
{
    switch (error.kind()) {
    case urls::UrlError::Kind::NoReverseMatch: interp_.raise(noReverseMatch_, error.what());
    case urls::UrlError::Kind::ValueError: interp_.raise(interp_.types().ValueError, error.what());
    case urls::UrlError::Kind::TypeError: interp_.raise(interp_.types().TypeError, error.what());
    case urls::UrlError::Kind::IndexError: interp_.raise(interp_.types().IndexError, error.what());
    case urls::UrlError::Kind::KeyError: interp_.raise(interp_.types().KeyError, error.what());
    case urls::UrlError::Kind::ImproperlyConfigured: break;
    }
    py::ModuleObject* exceptions = interp_.importModule("django.core.exceptions");
    interp_.raise(interp_.getAttr(exceptions, "ImproperlyConfigured").as<py::ClassObject>(), error.what());
}

py::Value UrlConfBridge::resolverMatchObject(const urls::ResolverMatch& match)
{
    std::vector<py::Value> args;
    for (const urls::UrlValue& a : match.args)
        args.push_back(toPython(a));
    py::DictObject* kwargs = interp_.newDict();
    for (const auto& [name, v] : match.kwargs)
        interp_.dictSet(kwargs, interp_.newStr(name), toPython(v));
    std::vector<py::Value> appNames, namespaces;
    for (const std::string& a : match.appNames)
        appNames.push_back(interp_.newStr(a));
    for (const std::string& n : match.namespaces)
        namespaces.push_back(interp_.newStr(n));
    const py::Value func = value(match.func);
    return interp_.call(resolverMatchClass_,
                        {func, interp_.newTuple(std::move(args)), kwargs,
                         match.urlName ? interp_.newStr(*match.urlName) : py::Value(), interp_.newList(std::move(appNames)),
                         interp_.newList(std::move(namespaces)), interp_.newStr(match.route), interp_.newStr(match.funcPath)});
}

void UrlConfBridge::setRootFromModule(py::Value urlsModule)
{
    urls::Include app = includeOf(urlsModule, py::Value());
    try {
        root_ = urls::URLResolver::root({urls::path("", std::move(app))});
    } catch (const urls::UrlError& e) {
        raise(e);
    }
}

void UrlConfBridge::install()
{
    py::ModuleObject* m = interp_.newModule("django.urls", "django");
    entryClass_ = interp_.newClass("URLPattern", {}, "django.urls.resolvers");
    includeClass_ = interp_.newClass("tuple", {}, "builtins");

    auto makeEntry = [this](bool regex) {
        return [this, regex](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
            static const py::Signature pathSig("path", {"route", "view", "kwargs=", "name="});
            static const py::Signature reSig("re_path", {"route", "view", "kwargs=", "name="});
            py::BoundArgs b = py::bind(ip, a, regex ? reSig : pathSig);
            const std::string& route = ip.expectStr(b[0], "route");
            const py::Value view = b[1];
            const urls::Kwargs kwargs = kwargsOf(b.get(2));
            std::optional<std::string> name;
            if (!b.get(3).isNone())
                name = ip.toStr(b.get(3));
            try {
                if (auto* inc = dynamic_cast<IncludeObject*>(view.asObject())) {
                    urls::UrlEntry e = regex ? urls::rePath(route, inc->included, kwargs) : urls::path(route, inc->included, kwargs);
                    return ip.make<UrlEntryObject>(entryClass_, std::move(e));
                }
                if (view.as<py::ListObject>() || view.as<py::TupleObject>()) {
                    urls::Include inc = includeOf(view, py::Value());
                    urls::UrlEntry e = regex ? urls::rePath(route, std::move(inc), kwargs) : urls::path(route, std::move(inc), kwargs);
                    return ip.make<UrlEntryObject>(entryClass_, std::move(e));
                }
                if (!ip.isCallable(view))
                    ip.raise(ip.types().TypeError, "view must be a callable or a list/tuple in the case of include().");
                const urls::View v{handleFor(view), lookupString(view)};
                urls::UrlEntry e = regex ? urls::rePath(route, v, kwargs, name) : urls::path(route, v, kwargs, name);
                return ip.make<UrlEntryObject>(entryClass_, std::move(e));
            } catch (const urls::UrlError& e) {
                raise(e);
            }
        };
    };
    m->globals.set("path", interp_.newFunction("path", makeEntry(false)));
    m->globals.set("re_path", interp_.newFunction("re_path", makeEntry(true)));
    m->globals.set("include", interp_.newFunction("include", [this](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("include", {"arg", "namespace="});
        py::BoundArgs b = py::bind(ip, a, sig);
        return ip.make<IncludeObject>(includeClass_, includeOf(b[0], b.get(1)));
    }));
    m->globals.set("reverse", interp_.newFunction("reverse", [this](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("reverse", {"viewname", "urlconf=", "args=", "kwargs=", "current_app="});
        py::BoundArgs b = py::bind(ip, a, sig);
        if (!root_)
            ip.raise(noReverseMatch_, "The URLconf is not loaded yet (reverse() at import time: use reverse_lazy())");
        std::vector<urls::UrlValue> args;
        if (!b.get(2).isNone())
            for (py::Value v : ip.toVector(b.get(2)))
                args.push_back(fromPython(v));
        const urls::Kwargs kwargs = kwargsOf(b.get(3));
        std::optional<std::string> currentApp;
        if (!b.get(4).isNone())
            currentApp = ip.toStr(b.get(4));
        try {
            if (const std::string* name = py::Interpreter::strOf(b[0]))
                return ip.newStr(root_->reverse(*name, args, kwargs, currentApp));
            return ip.newStr(root_->reverse(handleFor(b[0]), lookupString(b[0]), args, kwargs));
        } catch (const urls::UrlError& e) {
            raise(e);
        }
    }));
    m->globals.set("resolve", interp_.newFunction("resolve", [this](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        const std::string& path = ip.expectStr(a.args.at(0), "path");
        if (!root_)
            ip.raise(resolver404_, "{'path': '" + path + "'}");
        auto result = root_->resolve(path);
        if (auto* match = std::get_if<urls::ResolverMatch>(&result))
            return resolverMatchObject(*match);
        ip.raise(resolver404_, "{'path': '" + path + "'}");
    }));
    m->globals.set("_append_slash_match", interp_.newFunction("_append_slash_match", [this](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        const std::string& path = ip.expectStr(a.args.at(0), "path");
        if (root_)
            if (std::optional<urls::ResolverMatch> match = root_->appendSlashMatch(path))
                return ip.newTuple({py::Value::boolean(true), value(match->func)});
        return ip.newTuple({py::Value::boolean(false), py::Value()});
    }));
    interp_.runModule("django.urls", kUrlsSource, {}, "django");
    noReverseMatch_ = m->globals.find("NoReverseMatch")->as<py::ClassObject>();
    resolver404_ = m->globals.find("Resolver404")->as<py::ClassObject>();
    uuidClass_ = *m->globals.find("UUID");
    resolverMatchClass_ = *m->globals.find("ResolverMatch");
    py::ModuleObject* exceptions = interp_.newModule("django.urls.exceptions", "django");
    exceptions->globals.set("NoReverseMatch", noReverseMatch_);
    exceptions->globals.set("Resolver404", resolver404_);
}

} // namespace pipelab::django::project
