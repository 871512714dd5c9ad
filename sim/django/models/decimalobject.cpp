// DecimalObject: exact decimal arithmetic on (units, scale) pairs.
#include "sim/django/models/decimalobject.h"

#include "sim/python/argcheck.h"
#include "sim/python/interpreter.h"

#include <algorithm>
#include <cmath>

namespace pipelab::django::models {

namespace {

__extension__ typedef __int128 Wide;

Wide pow10(int n)
{
    Wide r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

std::optional<db::Decimal> asDecimal(py::Value v)
{
    if (v.isIntegral())
        return db::Decimal::fromInt(v.asInt());
    if (auto* d = dynamic_cast<DecimalObject*>(v.asObject()))
        return d->value;
    return std::nullopt;
}

// a <=> b exactly, aligning scales.
int compareDecimals(const db::Decimal& a, const db::Decimal& b)
{
    const int scale = std::max(a.scale, b.scale);
    const Wide x = Wide(a.units) * pow10(scale - a.scale);
    const Wide y = Wide(b.units) * pow10(scale - b.scale);
    return x < y ? -1 : (x > y ? 1 : 0);
}

std::optional<db::Decimal> narrow(Wide units, int scale)
{
    if (units > Wide(INT64_MAX) || units < Wide(INT64_MIN))
        return std::nullopt;
    return db::Decimal{static_cast<std::int64_t>(units), scale};
}

} // namespace

std::optional<bool> DecimalObject::equals(py::Interpreter&, py::Value other)
{
    if (auto d = asDecimal(other))
        return compareDecimals(value, *d) == 0;
    if (other.isFloat())
        return value.toDouble() == other.asFloat();
    return false;
}

std::optional<py::Value> DecimalObject::compare(py::Interpreter&, py::CompareOp op, py::Value other)
{
    int c = 0;
    if (auto d = asDecimal(other)) {
        c = compareDecimals(value, *d);
    } else if (other.isFloat()) {
        const double x = value.toDouble(), y = other.asFloat();
        c = x < y ? -1 : (x > y ? 1 : 0);
    } else {
        return std::nullopt;
    }
    switch (op) {
    case py::CompareOp::Eq: return py::Value::boolean(c == 0);
    case py::CompareOp::NotEq: return py::Value::boolean(c != 0);
    case py::CompareOp::Lt: return py::Value::boolean(c < 0);
    case py::CompareOp::LtE: return py::Value::boolean(c <= 0);
    case py::CompareOp::Gt: return py::Value::boolean(c > 0);
    case py::CompareOp::GtE: return py::Value::boolean(c >= 0);
    default: return std::nullopt;
    }
}

std::optional<std::size_t> DecimalObject::hash(py::Interpreter& interp)
{
    // hash(Decimal) equals hash of an equal int or float.
    const Wide scaleFactor = pow10(value.scale);
    if (Wide(value.units) % scaleFactor == 0)
        return interp.hash(py::Value::integer(static_cast<std::int64_t>(Wide(value.units) / scaleFactor)));
    return interp.hash(py::Value::real(value.toDouble()));
}

std::optional<py::Value> DecimalObject::binaryOp(py::Interpreter& interp, py::BinaryOp op, py::Value other, bool reflected)
{
    auto o = asDecimal(other);
    if (!o)
        return std::nullopt;
    db::Decimal a = reflected ? *o : value;
    db::Decimal b = reflected ? value : *o;
    std::optional<db::Decimal> r;
    switch (op) {
    case py::BinaryOp::Add:
    case py::BinaryOp::Sub: {
        const int scale = std::max(a.scale, b.scale);
        const Wide x = Wide(a.units) * pow10(scale - a.scale);
        const Wide y = Wide(b.units) * pow10(scale - b.scale);
        r = narrow(op == py::BinaryOp::Add ? x + y : x - y, scale);
        break;
    }
    case py::BinaryOp::Mul: r = narrow(Wide(a.units) * Wide(b.units), a.scale + b.scale); break;
    default: return std::nullopt;
    }
    if (!r)
        interp.raise(interp.types().OverflowError, "decimal result out of the simulated range");
    return py::Value(interp.make<DecimalObject>(cls(), *r));
}

std::optional<py::Value> DecimalObject::unaryOp(py::Interpreter& interp, py::UnaryOp op)
{
    if (op == py::UnaryOp::Neg)
        return py::Value(interp.make<DecimalObject>(cls(), db::Decimal{-value.units, value.scale}));
    if (op == py::UnaryOp::Pos)
        return py::Value(this);
    return std::nullopt;
}

py::ClassObject* DecimalObject::createClass(py::Interpreter& interp)
{
    py::ClassObject* cls = interp.newClass("Decimal", {}, "decimal");
    cls->construct = [](py::Interpreter& ip, py::ClassObject* c, py::CallArgs& args) -> py::Value {
        py::checkArgs(ip, args, "Decimal", 0, 1);
        if (args.size() == 0)
            return ip.make<DecimalObject>(c, db::Decimal{});
        py::Value v = args[0];
        if (auto d = asDecimal(v))
            return ip.make<DecimalObject>(c, *d);
        if (const std::string* s = py::Interpreter::strOf(v)) {
            if (auto d = db::Decimal::parse(*s))
                return ip.make<DecimalObject>(c, *d);
            ip.raise(ip.types().ValueError, "[<class 'decimal.ConversionSyntax'>]");
        }
        if (v.isFloat())
            return ip.make<DecimalObject>(c, db::decimalFromFloat(v.asFloat(), 17));
        ip.raise(ip.types().TypeError, "conversion from " + ip.typeName(v) + " to Decimal is not supported");
    };
    interp.defineMethod(cls, "__float__", [](py::Interpreter&, py::CallArgs& a) -> py::Value {
        return py::Value::real(static_cast<DecimalObject*>(a[0].asObject())->value.toDouble());
    });
    interp.defineMethod(cls, "__int__", [](py::Interpreter&, py::CallArgs& a) -> py::Value {
        const db::Decimal d = static_cast<DecimalObject*>(a[0].asObject())->value;
        return py::Value::integer(static_cast<std::int64_t>(Wide(d.units) / pow10(d.scale)));
    });
    return cls;
}

} // namespace pipelab::django::models
