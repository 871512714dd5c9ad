// UrlConfBridge: django.urls for Python code — path(), re_path(), include(), reverse(), resolve(),
// NoReverseMatch, Resolver404 — on top of the Python-free URL layer (sim/django/urls). The URL
// layer names views and default-kwarg objects by opaque handles; this bridge owns the table that
// maps each handle to its Python value, and converts captured arguments back (int converters give
// ints, uuid converters uuid.UUID objects).
#pragma once

#include "sim/django/urls/conf.h"
#include "sim/django/urls/urlerror.h"
#include "sim/django/urls/urlresolver.h"
#include "sim/python/value.h"

#include <memory>
#include <string>
#include <vector>

namespace pipelab::py {
class Interpreter;
class ClassObject;
}

namespace pipelab::django::project {

class UrlConfBridge {
public:
    explicit UrlConfBridge(py::Interpreter& interp);

    // Registers django.urls (and django.urls.exceptions). Needs django.core.exceptions.
    void install();

    // The root URLconf: `[path("", include("<app>.urls"))]`, as the conformance oracle builds it,
    // from the app's urls module. Raises Python exceptions for a malformed urlpatterns.
    void setRootFromModule(py::Value urlsModule);
    bool hasRoot() const { return root_ != nullptr; }
    const urls::URLResolver& root() const { return *root_; }

    // The Python value behind a handle, and the handle of a value (registering it).
    py::Value value(urls::Handle handle) const;
    urls::Handle handleFor(py::Value value);

    py::Value toPython(const urls::UrlValue& value);
    urls::UrlValue fromPython(py::Value value);
    // request.resolver_match for a match.
    py::Value resolverMatchObject(const urls::ResolverMatch& match);
    // Django's lookup_str of a view callable: "shop.views.detail".
    std::string lookupString(py::Value view);

    // Re-raises a UrlError as the Python exception Django raises.
    [[noreturn]] void raise(const urls::UrlError& error);
    py::ClassObject* resolver404Class() const { return resolver404_; }

private:
    std::vector<urls::UrlEntry> entriesOf(py::Value patterns);
    urls::Kwargs kwargsOf(py::Value dict);
    urls::Include includeOf(py::Value arg, py::Value namespaceName);

    py::Interpreter& interp_;
    std::vector<py::Value> values_; // handle h ↦ values_[h - 1]
    std::shared_ptr<const urls::URLResolver> root_;
    py::ClassObject* entryClass_ = nullptr;
    py::ClassObject* includeClass_ = nullptr;
    py::ClassObject* noReverseMatch_ = nullptr;
    py::ClassObject* resolver404_ = nullptr;
    py::Value uuidClass_;
    py::Value resolverMatchClass_;
};

} // namespace pipelab::django::project
