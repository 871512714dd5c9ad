// AtomicObject: transaction.atomic blocks on the single simulated connection.
#include "sim/django/models/atomicobject.h"

#include "sim/django/models/ormcontext.h"
#include "sim/python/argcheck.h"

namespace pipelab::django::models {

std::optional<py::Value> AtomicObject::enter(py::Interpreter&)
{
    savepoints_.push_back(ctx_.enterAtomic(savepoint_));
    return py::Value();
}

std::optional<bool> AtomicObject::exit(py::Interpreter&, py::Value exc)
{
    const std::string sp = savepoints_.empty() ? std::string() : savepoints_.back();
    if (!savepoints_.empty())
        savepoints_.pop_back();
    ctx_.exitAtomic(sp, !exc.isNone());
    return false;
}

std::optional<py::Value> AtomicObject::call(py::Interpreter& interp, py::CallArgs& args)
{
    py::checkArgs(interp, args, "atomic", 1, 1);
    py::Value fn = args[0];
    return py::Value(interp.newFunction("atomic", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        auto* self = static_cast<AtomicObject*>(a.captured(0).asObject());
        self->enter(ip);
        py::Value result;
        try {
            result = ip.call(a.captured(1), a.args, a.kwargs);
        } catch (const py::PyException& e) {
            self->exit(ip, py::Value(e.exception()));
            throw;
        }
        self->exit(ip, py::Value());
        return result;
    }, {py::Value(this), fn}));
}

py::Value AtomicObject::createFunction(OrmContext& ctx)
{
    py::ClassObject* cls = ctx.interp.newClass("Atomic", {}, "django.db.transaction");
    ctx.classes.atomic = cls;
    return ctx.interp.newFunction("atomic", [&ctx, cls](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        // atomic(func) decorates directly; atomic(using=None, savepoint=True) makes the block.
        if (a.args.size() == 1 && ip.isCallable(a.args[0])) {
            auto* block = ip.make<AtomicObject>(cls, ctx, true);
            py::CallArgs inner({a.args[0]});
            return *block->call(ip, inner);
        }
        static const py::Signature sig("atomic", {"using=", "savepoint=", "durable="});
        py::BoundArgs b = py::bind(ip, a, sig);
        return ip.make<AtomicObject>(cls, ctx, !b.has(1) || ip.truthy(b[1]));
    });
}

} // namespace pipelab::django::models
