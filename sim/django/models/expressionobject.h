// ExpressionObject: F("quantity"), Value(1), Count/Sum/Avg/Max/Min(...) and their arithmetic
// (F("price") * F("quantity"), 2 * F("x")) — a db::Expression the QuerySet hands to the core.
#pragma once

#include "sim/django/db/expression.h"
#include "sim/python/object.h"

namespace pipelab::django::models {

class OrmContext;

class ExpressionObject final : public py::Object {
public:
    ExpressionObject(py::ClassObject* cls, db::Expression expr) : Object(cls), expr(std::move(expr)) {}
    db::Expression expr;

    std::optional<py::Value> binaryOp(py::Interpreter& interp, py::BinaryOp op, py::Value other, bool reflected) override;
    std::optional<std::string> repr(py::Interpreter&) override;
    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;

    // Registers F, Value, Count, Sum, Avg, Max, Min in `module` (django.db.models).
    static py::ClassObject* install(OrmContext& ctx, py::AttrMap& module);
};

} // namespace pipelab::django::models
