// SimpleLazyObject (see lazyobject.h).
#include "sim/django/http/lazyobject.h"

#include "sim/python/interpreter.h"

namespace pipelab::django::http {

py::Value LazyObject::resolve(py::Interpreter& interp)
{
    if (!done_) {
        wrapped_ = interp.call(factory_);
        done_ = true;
    }
    return wrapped_;
}

std::optional<py::Value> LazyObject::getAttr(py::Interpreter& interp, std::string_view name)
{
    if (name == "__class__")
        return std::nullopt;
    // LazyObject._wrapped: the object behind the proxy (native code unwraps proxies with it).
    if (name == "_wrapped")
        return resolve(interp);
    return interp.getAttr(resolve(interp), name);
}

bool LazyObject::setAttr(py::Interpreter& interp, std::string_view name, py::Value value)
{
    interp.setAttr(resolve(interp), name, value);
    return true;
}

std::optional<py::Value> LazyObject::call(py::Interpreter& interp, py::CallArgs& args)
{
    return interp.call(resolve(interp), args);
}

py::Object* LazyObject::iter(py::Interpreter& interp)
{
    return interp.iter(resolve(interp)).asObject();
}

std::optional<std::int64_t> LazyObject::len(py::Interpreter& interp)
{
    return interp.len(resolve(interp));
}

std::optional<py::Value> LazyObject::getItem(py::Interpreter& interp, py::Value key)
{
    return interp.getItem(resolve(interp), key);
}

std::optional<bool> LazyObject::contains(py::Interpreter& interp, py::Value item)
{
    return interp.contains(resolve(interp), item);
}

std::optional<bool> LazyObject::truthy(py::Interpreter& interp)
{
    return interp.truthy(resolve(interp));
}

std::optional<std::string> LazyObject::repr(py::Interpreter& interp)
{
    // Django's repr of an unevaluated SimpleLazyObject does not evaluate it.
    if (!done_)
        return "<SimpleLazyObject: " + interp.repr(factory_) + ">";
    return "<SimpleLazyObject: " + interp.repr(wrapped_) + ">";
}

std::optional<std::string> LazyObject::str(py::Interpreter& interp)
{
    return interp.toStr(resolve(interp));
}

std::optional<bool> LazyObject::equals(py::Interpreter& interp, py::Value other)
{
    if (auto* lazy = dynamic_cast<LazyObject*>(other.asObject()))
        other = lazy->resolve(interp);
    return interp.eq(resolve(interp), other);
}

std::optional<std::size_t> LazyObject::hash(py::Interpreter& interp)
{
    return interp.hash(resolve(interp));
}

void installLazyObject(py::Interpreter& interp)
{
    py::ModuleObject* functional = interp.newModule("django.utils.functional", "django");
    py::ClassObject* cls = interp.newClass("SimpleLazyObject", {}, "django.utils.functional");
    cls->construct = [](py::Interpreter& ip, py::ClassObject* c, py::CallArgs& args) -> py::Value {
        static const py::Signature sig("SimpleLazyObject", {"func"});
        py::BoundArgs bound = py::bind(ip, args, sig);
        return ip.make<LazyObject>(c, bound[0]);
    };
    functional->globals.set("SimpleLazyObject", cls);
}

} // namespace pipelab::django::http
