// FieldObject: a models.CharField(...) / ForeignKey(...) / ManyToManyField(...) declaration in a
// model class body — the core's FieldSpec plus the related model as written (a class or a
// name). After the class is created it stays in the class dict as what `Order.status` /
// `Product.tags` return, with `.field` and (many-to-many) `.through`.
#pragma once

#include "sim/django/db/field.h"
#include "sim/python/object.h"

namespace pipelab::django::models {

class OrmContext;

class FieldObject final : public py::Object {
public:
    FieldObject(py::ClassObject* cls, OrmContext& ctx, db::FieldSpec spec) : Object(cls), ctx(&ctx), spec(std::move(spec)) {}

    OrmContext* ctx;
    db::FieldSpec spec;
    py::Value to;                         // relations: the model class or its name, as written
    const db::ModelMeta* owner = nullptr; // set when the model class is created

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    std::optional<py::Value> descrGet(py::Interpreter&, py::Value, py::ClassObject*) override { return py::Value(this); }
    std::optional<std::string> repr(py::Interpreter& interp) override;
    void trace(py::Tracer& t) override { t.visit(to); }

    // Registers every field class of spec §4 and CASCADE, SET_NULL, PROTECT, DO_NOTHING in the
    // django.db.models namespace.
    static void install(OrmContext& ctx, py::AttrMap& module);
};

} // namespace pipelab::django::models
