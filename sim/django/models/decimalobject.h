// DecimalObject: Python's decimal.Decimal for DecimalField values — exact, keeping the scale it
// was read or written with, so str() gives "5.00" and repr() "Decimal('5.00')" as in Python.
// Supports what views and templates do with prices: + - * with Decimals and ints (exact, scale
// as Python's decimal arithmetic gives it), comparison with numbers, hash, bool, float(), int().
#pragma once

#include "sim/django/db/dbvalue.h"
#include "sim/python/object.h"

namespace pipelab::django::models {

class DecimalObject final : public py::Object {
public:
    DecimalObject(py::ClassObject* cls, db::Decimal value) : Object(cls), value(value) {}
    db::Decimal value;

    std::optional<std::string> repr(py::Interpreter&) override { return "Decimal('" + value.toString() + "')"; }
    std::optional<std::string> str(py::Interpreter&) override { return value.toString(); }
    std::optional<bool> truthy(py::Interpreter&) override { return value.units != 0; }
    std::optional<bool> equals(py::Interpreter& interp, py::Value other) override;
    std::optional<py::Value> compare(py::Interpreter& interp, py::CompareOp op, py::Value other) override;
    std::optional<std::size_t> hash(py::Interpreter&) override;
    std::optional<py::Value> binaryOp(py::Interpreter& interp, py::BinaryOp op, py::Value other, bool reflected) override;
    std::optional<py::Value> unaryOp(py::Interpreter& interp, py::UnaryOp op) override;

    // The class with __float__/__int__ (float(d), int(d)) and the Decimal(text) constructor.
    static py::ClassObject* createClass(py::Interpreter& interp);
};

} // namespace pipelab::django::models
