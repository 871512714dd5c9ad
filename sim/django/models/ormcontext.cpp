// OrmContext: statement recording, value conversion and transaction bookkeeping.
#include "sim/django/models/ormcontext.h"

#include "sim/django/db/queryevaluator.h"
#include "sim/django/db/sqlcompiler.h"
#include "sim/django/models/cpythonset.h"
#include "sim/django/models/decimalobject.h"
#include "sim/django/models/expressionobject.h"
#include "sim/django/models/modelinstance.h"
#include "sim/django/models/qobject.h"
#include "sim/django/models/querysetobject.h"
#include "sim/django/runtime/requestrecorder.h"
#include "sim/python/iterators.h"

#include <fmt/format.h>

namespace pipelab::django::models {

OrmContext::OrmContext(py::Interpreter& interpreter, RequestRecorder& rec, std::string label)
    : interp(interpreter), recorder(rec), appLabel(std::move(label))
{
}

ModelBinding& OrmContext::addBinding(py::ClassObject* cls, const db::ModelMeta& meta)
{
    auto b = std::make_unique<ModelBinding>();
    b->ctx = this;
    b->cls = cls;
    b->meta = &meta;
    ModelBinding& ref = *b;
    bindings_.push_back(std::move(b));
    byMeta_[&meta] = &ref;
    byClass_[cls] = &ref;
    interp.addRoot(cls);
    return ref;
}

ModelBinding* OrmContext::binding(const db::ModelMeta& meta) const
{
    auto it = byMeta_.find(&meta);
    return it == byMeta_.end() ? nullptr : it->second;
}

ModelBinding* OrmContext::binding(const py::ClassObject* cls) const
{
    auto it = byClass_.find(cls);
    return it == byClass_.end() ? nullptr : it->second;
}

ModelBinding& OrmContext::expectModelClass(py::Value v, std::string_view what)
{
    if (auto* cls = v.as<py::ClassObject>())
        if (ModelBinding* b = binding(cls))
            return *b;
    interp.raise(interp.types().TypeError, std::string(what) + " must be a model class, not " + interp.typeName(v));
}

ModelInstance* OrmContext::newInstance(ModelBinding& b)
{
    auto* inst = interp.make<ModelInstance>(b.cls, b);
    inst->adding = false;
    recorder.countInstanceBuilt();
    return inst;
}

std::vector<db::Row> OrmContext::select(const db::Query& query, std::shared_ptr<const db::SelectPlan>* plan)
{
    db::CompiledQuery compiled = core([&] { return db::SQLCompiler::compile(query); });
    if (plan)
        *plan = compiled.plan;
    if (compiled.empty)
        return {};
    std::vector<db::Row> rows = core([&] { return db::QueryEvaluator(store).execute(compiled); });
    record(std::move(compiled.sql), static_cast<std::int64_t>(rows.size()));
    return rows;
}

void OrmContext::record(std::string sql, std::int64_t rows)
{
    recorder.recordQuery(std::move(sql), rows);
}

std::string OrmContext::enterAtomic(bool savepoint)
{
    ++atomicDepth_;
    if (atomicDepth_ == 1) {
        record("BEGIN", 0);
        return {};
    }
    if (!savepoint)
        return {};
    std::string name = fmt::format("s1_x{}", ++savepointCounter_);
    record(fmt::format("SAVEPOINT \"{}\"", name), 0);
    return name;
}

void OrmContext::exitAtomic(const std::string& savepointName, bool error)
{
    if (atomicDepth_ > 0)
        --atomicDepth_;
    if (savepointName.empty())
        return;
    if (error)
        record(fmt::format("ROLLBACK TO SAVEPOINT \"{}\"", savepointName), 0);
    record(fmt::format("RELEASE SAVEPOINT \"{}\"", savepointName), 0);
}

py::Value OrmContext::newDecimal(db::Decimal d)
{
    return interp.make<DecimalObject>(classes.decimal, d);
}

py::Value OrmContext::toPython(const db::DbValue& value, const db::Field* field)
{
    const auto kind = field ? std::optional<db::FieldKind>(field->kind) : std::nullopt;
    return std::visit(
        [&](const auto& v) -> py::Value {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return py::Value();
            } else if constexpr (std::is_same_v<T, bool>) {
                return py::Value::boolean(v);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                if (kind == db::FieldKind::BooleanField)
                    return py::Value::boolean(v != 0);
                if (kind == db::FieldKind::DecimalField)
                    return newDecimal(db::Decimal::fromInt(v));
                if (kind == db::FieldKind::FloatField)
                    return py::Value::real(static_cast<double>(v));
                return py::Value::integer(v);
            } else if constexpr (std::is_same_v<T, double>) {
                if (kind == db::FieldKind::DecimalField)
                    return newDecimal(db::decimalFromFloat(v));
                return py::Value::real(v);
            } else if constexpr (std::is_same_v<T, db::Decimal>) {
                return newDecimal(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return interp.newStr(v);
            } else if constexpr (std::is_same_v<T, db::Date>) {
                if (!makeDate)
                    interp.raise(interp.types().NotImplementedError,
                                 "DateField values need the datetime module, which is not installed");
                return makeDate(v.iso, false);
            } else {
                if (!makeDate)
                    interp.raise(interp.types().NotImplementedError,
                                 "DateTimeField values need the datetime module, which is not installed");
                return makeDate(v.iso, true);
            }
        },
        value.variant());
}

db::DbValue OrmContext::toDb(py::Value value)
{
    switch (value.kind()) {
    case py::Value::Kind::None: return {};
    case py::Value::Kind::Bool: return value.asBool();
    case py::Value::Kind::Int: return value.asInt();
    case py::Value::Kind::Float: return value.asFloat();
    case py::Value::Kind::Object: break;
    }
    if (const std::string* s = py::Interpreter::strOf(value))
        return *s;
    py::Object* o = value.asObject();
    if (auto* d = dynamic_cast<DecimalObject*>(o))
        return d->value;
    if (auto* inst = dynamic_cast<ModelInstance*>(o))
        return toDb(inst->pkValue());
    if (py::Value inner = ModelInstance::unwrapLazy(interp, value); inner.asObject() != o)
        return toDb(inner);
    if (auto iso = dateIso ? dateIso(value) : std::nullopt)
        return iso->second ? db::DbValue(db::DateTime{iso->first}) : db::DbValue(db::Date{iso->first});
    interp.raise(interp.types().TypeError,
                 "a " + interp.typeName(value) + " object cannot be used as a database value");
}

db::QValue OrmContext::toQValue(py::Value value)
{
    py::Object* o = value.asObject();
    if (!o)
        return toDb(value);
    if (auto* qs = dynamic_cast<QuerySetObject*>(o))
        return std::make_shared<const db::Query>(qs->query);
    if (auto* e = dynamic_cast<ExpressionObject*>(o))
        return e->expr;
    if (value.as<py::SetObject>()) {
        // In.process_rhs iterates the set: CPython's order, which for ints is the table order.
        std::vector<py::Value> items = interp.toVector(value);
        bool allInts = true;
        std::vector<std::int64_t> ints;
        for (py::Value v : items) {
            if (!v.isInt()) {
                allInts = false;
                break;
            }
            ints.push_back(v.asInt());
        }
        std::vector<db::DbValue> out;
        if (allInts) {
            for (std::int64_t i : cpythonSetOrder(ints))
                out.emplace_back(i);
        } else {
            for (py::Value v : items)
                out.push_back(toDb(v));
        }
        return out;
    }
    if (value.as<py::ListObject>() || value.as<py::TupleObject>() || value.as<py::RangeObject>()
        || dynamic_cast<py::DictView*>(o) || o->isIterator()) {
        std::vector<db::DbValue> out;
        for (py::Value v : interp.toVector(value))
            out.push_back(toDb(v));
        return out;
    }
    return toDb(value);
}

db::Q OrmContext::toQ(const py::CallArgs& args, std::size_t first)
{
    std::vector<std::pair<std::string, db::QValue>> items;
    for (const auto& [k, v] : args.kwargs)
        items.emplace_back(k, toQValue(v));
    db::Q node = db::Q::kwargs(std::move(items));
    std::vector<db::Q> positional;
    for (std::size_t i = first; i < args.args.size(); ++i) {
        auto* q = dynamic_cast<QObject*>(args.args[i].asObject());
        if (!q)
            interp.raise(interp.types().TypeError, "'" + interp.typeName(args.args[i]) + "' object is not a Q object");
        positional.push_back(q->q);
    }
    node.children.insert(node.children.begin(), positional.begin(), positional.end());
    return node;
}

} // namespace pipelab::django::models
