// QObject: django.db.models.Q — a filter condition tree combined with & | ~ (the tree logic is
// the core's db::Q, which squashes nodes exactly as Django's tree.Node does).
#pragma once

#include "sim/django/db/q.h"
#include "sim/python/object.h"

namespace pipelab::django::models {

class OrmContext;

class QObject final : public py::Object {
public:
    QObject(py::ClassObject* cls, db::Q q) : Object(cls), q(std::move(q)) {}
    db::Q q;

    std::optional<py::Value> binaryOp(py::Interpreter& interp, py::BinaryOp op, py::Value other, bool reflected) override;
    std::optional<py::Value> unaryOp(py::Interpreter& interp, py::UnaryOp op) override;
    std::optional<bool> truthy(py::Interpreter&) override { return !q.empty(); }
    std::optional<std::string> repr(py::Interpreter&) override;

    // The Q class: Q(*qs, **lookups).
    static py::ClassObject* createClass(OrmContext& ctx);
};

} // namespace pipelab::django::models
