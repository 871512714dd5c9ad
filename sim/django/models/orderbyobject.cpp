// OrderByObject: F(...).asc()/.desc() and the OrderBy class.
#include "sim/django/models/orderbyobject.h"

#include "sim/django/models/expressionobject.h"
#include "sim/python/argcheck.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::models {

std::optional<std::string> OrderByObject::repr(py::Interpreter& interp)
{
    return "OrderBy(" + interp.toStr(expression) + ", descending=" + (descending ? "True" : "False") + ")";
}

std::optional<py::Value> OrderByObject::getAttr(py::Interpreter&, std::string_view name)
{
    if (name == "expression")
        return expression;
    if (name == "descending")
        return py::Value::boolean(descending);
    if (name == "nulls_first" || name == "nulls_last")
        return py::Value::boolean(false);
    return std::nullopt;
}

py::ClassObject* OrderByObject::install(py::Interpreter& interp, py::ClassObject* expression, py::AttrMap& module)
{
    py::ClassObject* orderBy = interp.newClass("OrderBy", {expression}, "django.db.models.expressions");
    module.set("OrderBy", orderBy);
    for (const bool descending : {false, true}) {
        const std::string method = descending ? "desc" : "asc";
        interp.defineMethod(expression, method, [orderBy, descending, method](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
            py::allowKeywords(ip, a, method.c_str(), {"nulls_first", "nulls_last"});
            if (a.args.size() != 1)
                ip.raise(ip.types().TypeError, method + "() takes 1 positional argument but "
                                                   + std::to_string(a.args.size()) + " were given");
            // SQLite orders NULLs with an extra "IS NULL" term Django adds; PipeLab's ORM core
            // does not, so the modifiers are refused rather than silently ignored.
            for (const char* k : {"nulls_first", "nulls_last"})
                if (const py::Value* v = a.kwarg(k); v && ip.truthy(*v))
                    ip.raise(ip.types().NotImplementedError, method + "(" + k + "=True) is not simulated");
            auto* e = dynamic_cast<ExpressionObject*>(a.args[0].asObject());
            if (!e || e->expr.kind != db::Expression::Kind::F)
                ip.raise(ip.types().NotImplementedError,
                         method + "() is simulated for F() expressions only, not " + ip.repr(a.args[0]));
            return ip.make<OrderByObject>(orderBy, a.args[0], e->expr, descending);
        });
    }
    return orderBy;
}

} // namespace pipelab::django::models
