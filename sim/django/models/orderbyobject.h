// OrderByObject: django.db.models.expressions.OrderBy — what F("price").desc() and .asc() make,
// an expression with a direction that QuerySet.order_by() accepts next to field-name strings.
#pragma once

#include "sim/django/db/expression.h"
#include "sim/python/object.h"

namespace pipelab::django::models {

class OrderByObject final : public py::Object {
public:
    OrderByObject(py::ClassObject* cls, py::Value expression, db::Expression expr, bool descending)
        : Object(cls), expression(expression), expr(std::move(expr)), descending(descending)
    {
    }
    py::Value expression; // the F() it orders by (OrderBy.expression)
    db::Expression expr;
    bool descending;

    std::optional<std::string> repr(py::Interpreter& interp) override;
    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    void trace(py::Tracer& t) override { t.visit(expression); }

    // Registers OrderBy in `module` (django.db.models) and asc()/desc() on `expression`, the
    // base class of F and the other expressions.
    static py::ClassObject* install(py::Interpreter& interp, py::ClassObject* expression, py::AttrMap& module);
};

} // namespace pipelab::django::models
