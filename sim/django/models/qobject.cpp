// QObject: Q(...) construction and combination.
#include "sim/django/models/qobject.h"

#include "sim/django/models/ormcontext.h"

namespace pipelab::django::models {

namespace {

std::string describe(const db::Q& q)
{
    if (q.isLeaf()) {
        std::string value;
        if (const auto* v = std::get_if<db::DbValue>(&q.condition->value))
            value = v->repr();
        else
            value = "...";
        return "('" + q.condition->lookup + "', " + value + ")";
    }
    std::string out = std::string("(") + (q.negated ? "NOT (" : "") + (q.connector == db::Q::Connector::And ? "AND: " : "OR: ");
    for (std::size_t i = 0; i < q.children.size(); ++i)
        out += (i ? ", " : "") + describe(q.children[i]);
    return out + (q.negated ? "))" : ")");
}

} // namespace

std::optional<py::Value> QObject::binaryOp(py::Interpreter& interp, py::BinaryOp op, py::Value other, bool reflected)
{
    if (op != py::BinaryOp::BitAnd && op != py::BinaryOp::BitOr)
        return std::nullopt;
    auto* o = dynamic_cast<QObject*>(other.asObject());
    if (!o)
        interp.raise(interp.types().TypeError, interp.repr(other));
    const db::Q& a = reflected ? o->q : q;
    const db::Q& b = reflected ? q : o->q;
    return py::Value(interp.make<QObject>(cls(), op == py::BinaryOp::BitAnd ? a & b : a | b));
}

std::optional<py::Value> QObject::unaryOp(py::Interpreter& interp, py::UnaryOp op)
{
    if (op != py::UnaryOp::Invert)
        return std::nullopt;
    return py::Value(interp.make<QObject>(cls(), ~q));
}

std::optional<std::string> QObject::repr(py::Interpreter&)
{
    return "<Q: " + describe(q) + ">";
}

py::ClassObject* QObject::createClass(OrmContext& ctx)
{
    py::ClassObject* cls = ctx.interp.newClass("Q", {}, "django.db.models");
    cls->construct = [&ctx](py::Interpreter& ip, py::ClassObject* c, py::CallArgs& args) -> py::Value {
        return ip.make<QObject>(c, ctx.toQ(args, 0));
    };
    return cls;
}

} // namespace pipelab::django::models
