// RowObject: a values_list(..., named=True) result, the namedtuple Django builds for the
// selected names (class "Row"): repr "Row(id=1, name='x')", attribute access by name, and the
// tuple protocol (index, slice, len, iteration, unpacking, equality with tuples).
#pragma once

#include "sim/python/object.h"

#include <memory>
#include <string>
#include <vector>

namespace pipelab::django::models {

class RowObject final : public py::Object {
public:
    RowObject(py::ClassObject* cls, std::shared_ptr<const std::vector<std::string>> names, std::vector<py::Value> items)
        : Object(cls), names(std::move(names)), items(std::move(items))
    {
    }
    std::shared_ptr<const std::vector<std::string>> names; // Row._fields, shared by a queryset's rows
    std::vector<py::Value> items;

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    py::Object* iter(py::Interpreter& interp) override;
    std::optional<std::int64_t> len(py::Interpreter& interp) override;
    std::optional<py::Value> getItem(py::Interpreter& interp, py::Value key) override;
    std::optional<bool> contains(py::Interpreter& interp, py::Value item) override;
    std::optional<bool> truthy(py::Interpreter& interp) override;
    std::optional<std::string> repr(py::Interpreter& interp) override;
    std::optional<bool> equals(py::Interpreter& interp, py::Value other) override;
    std::optional<std::size_t> hash(py::Interpreter& interp) override;
    void trace(py::Tracer& t) override
    {
        for (const py::Value& v : items)
            t.visit(v);
    }

    // The class "Row" (django.db.models.utils' namedtuple class).
    static py::ClassObject* createClass(py::Interpreter& interp);

private:
    py::Value asTuple(py::Interpreter& interp) const;
};

} // namespace pipelab::django::models
