// RowObject: the named values_list() row; the tuple protocol is the plain tuple's.
#include "sim/django/models/rowobject.h"

#include "sim/python/interpreter.h"

namespace pipelab::django::models {

py::Value RowObject::asTuple(py::Interpreter& interp) const
{
    return interp.newTuple(items);
}

std::optional<py::Value> RowObject::getAttr(py::Interpreter& interp, std::string_view name)
{
    for (std::size_t i = 0; i < names->size() && i < items.size(); ++i)
        if ((*names)[i] == name)
            return items[i];
    if (name == "_fields") {
        std::vector<py::Value> fields;
        for (const std::string& n : *names)
            fields.push_back(interp.newStr(n));
        return interp.newTuple(std::move(fields));
    }
    return std::nullopt;
}

py::Object* RowObject::iter(py::Interpreter& interp)
{
    return interp.iter(asTuple(interp)).asObject();
}

std::optional<std::int64_t> RowObject::len(py::Interpreter&)
{
    return static_cast<std::int64_t>(items.size());
}

std::optional<py::Value> RowObject::getItem(py::Interpreter& interp, py::Value key)
{
    return interp.getItem(asTuple(interp), key);
}

std::optional<bool> RowObject::contains(py::Interpreter& interp, py::Value item)
{
    return interp.contains(asTuple(interp), item);
}

std::optional<bool> RowObject::truthy(py::Interpreter&)
{
    return !items.empty();
}

std::optional<std::string> RowObject::repr(py::Interpreter& interp)
{
    std::string out = cls()->name + "(";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ", ";
        out += (i < names->size() ? (*names)[i] : std::string("_") + std::to_string(i)) + "=" + interp.repr(items[i]);
    }
    return out + ")";
}

std::optional<bool> RowObject::equals(py::Interpreter& interp, py::Value other)
{
    if (auto* row = dynamic_cast<RowObject*>(other.asObject()))
        other = row->asTuple(interp);
    return interp.eq(asTuple(interp), other);
}

std::optional<std::size_t> RowObject::hash(py::Interpreter& interp)
{
    return interp.hash(asTuple(interp));
}

py::ClassObject* RowObject::createClass(py::Interpreter& interp)
{
    return interp.newClass("Row", {}, "django.db.models.utils");
}

} // namespace pipelab::django::models
