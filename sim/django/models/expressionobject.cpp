// ExpressionObject: construction of F/Value/aggregates and combination with Python operators.
#include "sim/django/models/expressionobject.h"

#include "sim/django/models/decimalobject.h"
#include "sim/django/models/orderbyobject.h"
#include "sim/django/models/ormcontext.h"
#include "sim/python/argcheck.h"

#include <cctype>

namespace pipelab::django::models {

namespace {

std::string describe(const db::Expression& e)
{
    using K = db::Expression::Kind;
    switch (e.kind) {
    case K::F: return "F(" + e.name + ")";
    case K::Value: return "Value(" + e.value.repr() + ")";
    case K::Combined: return "<CombinedExpression: " + describe(e.args[0]) + " " + e.name + " " + describe(e.args[1]) + ">";
    case K::Aggregate: {
        std::string name = e.name.empty() ? "Aggregate" : e.name;
        // Count(F(id)), Sum(F(price), distinct=True)
        std::string s;
        for (std::size_t i = 0; i < name.size(); ++i)
            s += i ? static_cast<char>(std::tolower(static_cast<unsigned char>(name[i]))) : name[i];
        return s + "(" + (e.args.empty() ? "" : (e.args[0].kind == K::Star ? "'*'" : describe(e.args[0])))
            + (e.distinct ? ", distinct=True" : "") + ")";
    }
    default: return "Expression";
    }
}

db::Expression operand(OrmContext& ctx, py::Value v)
{
    if (auto* e = dynamic_cast<ExpressionObject*>(v.asObject()))
        return e->expr;
    return db::Expression::literal(ctx.toDb(v));
}

} // namespace

std::optional<py::Value> ExpressionObject::binaryOp(py::Interpreter& interp, py::BinaryOp op, py::Value other, bool reflected)
{
    const char* symbol = nullptr;
    switch (op) {
    case py::BinaryOp::Add: symbol = "+"; break;
    case py::BinaryOp::Sub: symbol = "-"; break;
    case py::BinaryOp::Mul: symbol = "*"; break;
    case py::BinaryOp::Div: symbol = "/"; break;
    default: return std::nullopt;
    }
    std::optional<db::Expression> o;
    if (auto* e = dynamic_cast<ExpressionObject*>(other.asObject()))
        o = e->expr;
    else if (auto* d = dynamic_cast<DecimalObject*>(other.asObject()))
        o = db::Expression::literal(d->value);
    else if (other.isFloat())
        o = db::Expression::literal(other.asFloat());
    else if (other.isIntegral())
        o = db::Expression::literal(db::DbValue(other.asInt()));
    if (!o)
        return std::nullopt;
    db::Expression combined = reflected ? db::Expression::combine(symbol, *o, expr) : db::Expression::combine(symbol, expr, *o);
    return py::Value(interp.make<ExpressionObject>(cls(), std::move(combined)));
}

std::optional<std::string> ExpressionObject::repr(py::Interpreter&)
{
    return describe(expr);
}

std::optional<py::Value> ExpressionObject::getAttr(py::Interpreter& interp, std::string_view name)
{
    if (name == "name" && expr.kind == db::Expression::Kind::F)
        return interp.newStr(expr.name);
    if (name == "default_alias" && expr.isAggregate())
        return interp.newStr(expr.defaultAlias());
    return std::nullopt;
}

py::ClassObject* ExpressionObject::install(OrmContext& ctx, py::AttrMap& module)
{
    py::Interpreter& interp = ctx.interp;
    py::ClassObject* base = interp.newClass("Expression", {}, "django.db.models.expressions");
    py::ClassObject* f = interp.newClass("F", {base}, "django.db.models.expressions");
    f->construct = [](py::Interpreter& ip, py::ClassObject* c, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("F", {"name"});
        py::BoundArgs b = py::bind(ip, a, sig);
        return ip.make<ExpressionObject>(c, db::Expression::f(ip.expectStr(b[0], "F() name")));
    };
    module.set("F", f);
    OrderByObject::install(interp, base, module);
    py::ClassObject* value = interp.newClass("Value", {base}, "django.db.models.expressions");
    value->construct = [&ctx](py::Interpreter& ip, py::ClassObject* c, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("Value", {"value"});
        py::BoundArgs b = py::bind(ip, a, sig);
        return ip.make<ExpressionObject>(c, db::Expression::literal(ctx.toDb(b[0])));
    };
    module.set("Value", value);
    for (const char* name : {"Count", "Sum", "Avg", "Max", "Min"}) {
        py::ClassObject* agg = interp.newClass(name, {base}, "django.db.models.aggregates");
        const std::string function = name;
        agg->construct = [&ctx, function](py::Interpreter& ip, py::ClassObject* c, py::CallArgs& a) -> py::Value {
            const py::Signature sig(function, {"expression", "*", "distinct="});
            py::BoundArgs b = py::bind(ip, a, sig);
            db::Expression arg;
            if (const std::string* s = py::Interpreter::strOf(b[0]))
                arg = *s == "*" && function == "Count" ? db::Expression::star() : db::Expression::f(*s);
            else
                arg = operand(ctx, b[0]);
            return ip.make<ExpressionObject>(c, db::Expression::aggregate(function, std::move(arg), b.has(1) && ip.truthy(b[1])));
        };
        module.set(name, agg);
    }
    return base;
}

} // namespace pipelab::django::models
