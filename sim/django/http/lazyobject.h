// SimpleLazyObject: django.utils.functional's lazy proxy. Django hands views `request.user`, and
// templates `user`, `messages` and `csrf_token`, wrapped in one: nothing is computed (no session
// load, no auth_user query) until something looks inside. The first attribute access, str(),
// truth test, comparison ... calls the factory once and forwards to the result from then on.
#pragma once

#include "sim/python/object.h"

namespace pipelab::py {
class ClassObject;
}

namespace pipelab::django::http {

class LazyObject final : public py::Object {
public:
    LazyObject(py::ClassObject* cls, py::Value factory) : Object(cls), factory_(factory) {}

    // The wrapped object, computing it on first use.
    py::Value resolve(py::Interpreter& interp);
    bool resolved() const { return done_; }

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    bool setAttr(py::Interpreter& interp, std::string_view name, py::Value value) override;
    std::optional<py::Value> call(py::Interpreter& interp, py::CallArgs& args) override;
    Object* iter(py::Interpreter& interp) override;
    std::optional<std::int64_t> len(py::Interpreter& interp) override;
    std::optional<py::Value> getItem(py::Interpreter& interp, py::Value key) override;
    std::optional<bool> contains(py::Interpreter& interp, py::Value item) override;
    std::optional<bool> truthy(py::Interpreter& interp) override;
    std::optional<std::string> repr(py::Interpreter& interp) override;
    std::optional<std::string> str(py::Interpreter& interp) override;
    std::optional<bool> equals(py::Interpreter& interp, py::Value other) override;
    std::optional<std::size_t> hash(py::Interpreter& interp) override;

    void trace(py::Tracer& t) override
    {
        t.visit(factory_);
        t.visit(wrapped_);
    }

private:
    py::Value factory_;
    py::Value wrapped_;
    bool done_ = false;
};

// Registers the native class SimpleLazyObject(func) in django.utils.functional.
void installLazyObject(py::Interpreter& interp);

} // namespace pipelab::django::http
