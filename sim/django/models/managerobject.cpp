// ManagerObject: Manager proxies and the related managers of related_descriptors.py
// (create_reverse_many_to_one_manager, create_forward_many_to_many_manager).
#include "sim/django/models/managerobject.h"

#include "sim/django/db/insertquery.h"
#include "sim/django/models/collector.h"
#include "sim/django/models/cpythonset.h"
#include "sim/django/models/modelbase.h"
#include "sim/django/models/modelinstance.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/querysetobject.h"
#include "sim/python/argcheck.h"
#include "sim/python/containers.h"

namespace pipelab::django::models {

namespace {

ManagerObject* selfManager(py::Interpreter& ip, const py::CallArgs& a)
{
    auto* m = a.args.empty() ? nullptr : dynamic_cast<ManagerObject*>(a.args[0].asObject());
    if (!m)
        ip.raise(ip.types().TypeError, "descriptor requires a 'Manager' object");
    if (!m->model)
        ip.raise(ip.types().AttributeError, "Manager is not attached to a model");
    return m;
}

ManagerObject::Relation& relationOf(py::Interpreter& ip, ManagerObject* m, const char* method)
{
    if (!m->relation)
        ip.raise(ip.types().AttributeError, "'" + m->cls()->name + "' object has no attribute '" + method + "'");
    return *m->relation;
}

QuerySetObject* asQuerySet(py::Interpreter& ip, py::Value v)
{
    auto* qs = dynamic_cast<QuerySetObject*>(v.asObject());
    if (!qs)
        ip.raise(ip.types().TypeError, "get_queryset() must return a QuerySet, not " + ip.typeName(v));
    return qs;
}

// The pk of a model instance of `model`, or the value itself (an id).
py::Value targetId(py::Interpreter& ip, ModelBinding& model, py::Value obj, bool allowIds)
{
    obj = ModelInstance::unwrapLazy(ip, obj);
    if (auto* inst = dynamic_cast<ModelInstance*>(obj.asObject())) {
        if (inst->binding != &model)
            ip.raise(ip.types().TypeError, "'" + model.meta->objectName + "' instance expected, got " + ip.repr(obj));
        if (inst->pkValue().isNone())
            ip.raise(ip.types().ValueError, "Cannot add \"" + ip.repr(obj) + "\": instance is not saved.");
        return inst->pkValue();
    }
    if (!allowIds)
        ip.raise(ip.types().TypeError, "'" + model.meta->objectName + "' instance expected, got " + ip.repr(obj));
    return obj;
}

std::vector<std::int64_t> idSet(py::Interpreter& ip, const std::vector<py::Value>& ids)
{
    std::vector<std::int64_t> out;
    for (py::Value v : ids)
        out.push_back(ip.expectInt(v, "id"));
    return cpythonSetOrder(out);
}

std::vector<db::DbValue> dbValues(const std::vector<std::int64_t>& ids)
{
    std::vector<db::DbValue> out;
    for (std::int64_t i : ids)
        out.emplace_back(i);
    return out;
}

// through._default_manager.filter(filters).delete(), a fast delete in an atomic block.
void deleteThrough(OrmContext& ctx, const db::ModelMeta& through, const db::Q& filters)
{
    ModelBinding* b = ctx.binding(through);
    QuerySetObject* qs = QuerySetObject::create(ctx, *b);
    ctx.core([&] { qs->query.addQ(filters); });
    Collector(ctx).deleteQuerySet(*qs);
}

void forgetPrefetched(ManagerObject::Relation& rel)
{
    rel.instance->prefetched.erase(
        std::remove_if(rel.instance->prefetched.begin(), rel.instance->prefetched.end(),
                       [&](const auto& p) { return p.first == rel.cacheName; }),
        rel.instance->prefetched.end());
}

// A Python set of these ids (already in CPython's set order), as m2m_changed's pk_set.
py::Value pySet(py::Interpreter& ip, const std::vector<std::int64_t>& ids)
{
    py::SetObject* set = ip.newSet();
    for (std::int64_t id : ids)
        set->table.insert(ip, py::Value::integer(id), py::Value());
    return py::Value(set);
}

// m2m_changed.send(sender=through, action=..., instance=..., reverse=..., model=..., pk_set=..., using=...).
void sendM2mChanged(ManagerObject& m, const char* action, py::Value pkSet)
{
    OrmContext& ctx = *m.ctx;
    if (!ctx.sendSignal)
        return;
    ManagerObject::Relation& rel = *m.relation;
    ctx.sendSignal("m2m_changed", {{"sender", py::Value(ctx.binding(*rel.field->through)->cls)},
                                   {"action", ctx.interp.newStr(action)},
                                   {"instance", py::Value(rel.instance)},
                                   {"reverse", py::Value::boolean(rel.reverse)},
                                   {"model", py::Value(m.model->cls)},
                                   {"pk_set", pkSet},
                                   {"using", ctx.interp.newStr("default")}});
}

// Evaluates qs.values_list(field, flat=True) (`qs` is modified: pass a fresh or chained one).
std::vector<std::int64_t> flatIds(OrmContext& ctx, QuerySetObject* qs, const std::string& field)
{
    qs->fields = {field};
    qs->valuesCalled = true;
    ctx.core([&] { qs->query.setValues(qs->fields); });
    qs->iterable = QuerySetObject::Iterable::FlatValuesList;
    std::vector<std::int64_t> out;
    for (py::Value v : qs->run())
        out.push_back(ctx.interp.expectInt(v, "id"));
    return out;
}

// Runs `body` in transaction.atomic(savepoint=False).
template <typename Body>
void inAtomic(OrmContext& ctx, Body&& body)
{
    const std::string sp = ctx.enterAtomic(false);
    try {
        body();
    } catch (...) {
        ctx.exitAtomic(sp, true);
        throw;
    }
    ctx.exitAtomic(sp, false);
}

// ManyRelatedManager._add_items: `primary` is the call for the manager's own direction (the
// mirror rows of a symmetrical relation send no signals). Without m2m_changed receivers an
// auto-created through model takes the fast path (one INSERT OR IGNORE); otherwise Django first
// selects the ids already there and inserts only the missing ones, between pre_add and post_add.
void addItems(ManagerObject& m, const db::Field& source, const db::Field& target, std::int64_t sourceId,
              const std::vector<std::int64_t>& targetIds, bool primary)
{
    if (targetIds.empty())
        return;
    OrmContext& ctx = *m.ctx;
    ManagerObject::Relation& rel = *m.relation;
    const db::ModelMeta& through = *source.model;
    const bool canIgnoreConflicts = through.autoCreated;
    const bool mustSendSignals = (rel.reverse || primary) && ctx.hasReceivers && ctx.hasReceivers("m2m_changed", through);
    auto insert = [&](const std::vector<std::int64_t>& targets) {
        if (targets.empty())
            return;
        std::vector<db::Row> rows;
        for (std::int64_t t : targets) {
            db::Row row(through.fields.size());
            row[through.fieldIndex(source)] = sourceId;
            row[through.fieldIndex(target)] = t;
            rows.push_back(std::move(row));
        }
        for (const db::InsertQuery& q : db::InsertQuery::bulk(through, std::move(rows), canIgnoreConflicts)) {
            const auto pks = q.execute(ctx.store);
            ctx.record(q.sql(), static_cast<std::int64_t>(pks.size()));
        }
    };
    if (canIgnoreConflicts && !mustSendSignals) {
        insert(targetIds);
        return;
    }
    // _get_missing_target_ids: through.values_list(target, flat=True).filter(source=id, target__in=ids).
    QuerySetObject* qs = QuerySetObject::create(ctx, *ctx.binding(through))->filterOrExclude(
        false, db::Q::kwargs({{source.name, db::DbValue(sourceId)}, {target.name + "__in", dbValues(targetIds)}}));
    const std::vector<std::int64_t> present = flatIds(ctx, qs, target.name);
    std::vector<std::int64_t> missing;
    for (std::int64_t id : targetIds)
        if (std::find(present.begin(), present.end(), id) == present.end())
            missing.push_back(id);
    const py::Value pkSet = pySet(ctx.interp, missing);
    inAtomic(ctx, [&] {
        if (mustSendSignals)
            sendM2mChanged(m, "pre_add", pkSet);
        insert(missing);
        if (mustSendSignals)
            sendM2mChanged(m, "post_add", pkSet);
    });
}

// ManyRelatedManager.add().
void m2mAdd(ManagerObject& m, const std::vector<py::Value>& objs)
{
    OrmContext& ctx = *m.ctx;
    ManagerObject::Relation& rel = *m.relation;
    forgetPrefetched(rel);
    std::vector<py::Value> ids;
    for (py::Value o : objs)
        ids.push_back(targetId(ctx.interp, *m.model, o, true));
    inAtomic(ctx, [&] {
        const std::int64_t sourceId = ctx.interp.expectInt(rel.instance->pkValue(), "id");
        const std::vector<std::int64_t> targets = idSet(ctx.interp, ids);
        addItems(m, m.sourceField(), m.targetField(), sourceId, targets, true);
        // A symmetrical relation to self: the mirror rows, the instance as the target side.
        if (rel.field->symmetrical)
            addItems(m, m.targetField(), m.sourceField(), sourceId, targets, false);
    });
}

// ManyRelatedManager.remove() (_remove_items): pre_remove, the through rows' delete, post_remove.
void m2mRemove(ManagerObject& m, const std::vector<py::Value>& objs)
{
    OrmContext& ctx = *m.ctx;
    ManagerObject::Relation& rel = *m.relation;
    forgetPrefetched(rel);
    if (objs.empty())
        return;
    std::vector<py::Value> ids;
    for (py::Value o : objs)
        ids.push_back(targetId(ctx.interp, *m.model, o, true));
    const std::vector<std::int64_t> oldIds = idSet(ctx.interp, ids);
    const py::Value pkSet = pySet(ctx.interp, oldIds);
    inAtomic(ctx, [&] {
        sendM2mChanged(m, "pre_remove", pkSet);
        const db::Q filters = db::Q(m.sourceField().name, ctx.toDb(rel.instance->pkValue())) &
                              db::Q(m.targetField().name + "__in", dbValues(oldIds));
        deleteThrough(ctx, *m.sourceField().model, filters);
        sendM2mChanged(m, "post_remove", pkSet);
    });
}

// ManyRelatedManager.clear(): pre_clear, every through row of the instance deleted, post_clear.
void m2mClear(ManagerObject& m)
{
    OrmContext& ctx = *m.ctx;
    ManagerObject::Relation& rel = *m.relation;
    inAtomic(ctx, [&] {
        sendM2mChanged(m, "pre_clear", py::Value());
        forgetPrefetched(rel);
        deleteThrough(ctx, *m.sourceField().model, db::Q(m.sourceField().name, ctx.toDb(rel.instance->pkValue())));
        sendM2mChanged(m, "post_clear", py::Value());
    });
}

py::Value relatedCreate(py::Interpreter& ip, py::CallArgs& a)
{
    ManagerObject* m = selfManager(ip, a);
    ManagerObject::Relation& rel = relationOf(ip, m, "create");
    if (a.args.size() > 1)
        ip.raise(ip.types().TypeError, "create() takes 1 positional argument but " + std::to_string(a.args.size()) + " were given");
    std::vector<std::pair<std::string, py::Value>> kwargs = a.kwargs;
    if (rel.kind == ManagerObject::Relation::Kind::ReverseForeignKey) {
        kwargs.emplace_back(rel.field->name, py::Value(rel.instance));
        return ModelBase::create(*m->ctx, *m->model, kwargs);
    }
    py::Value obj = ModelBase::create(*m->ctx, *m->model, kwargs);
    m2mAdd(*m, {obj});
    return obj;
}

} // namespace

ManagerObject* ManagerObject::related(OrmContext& ctx, ModelBinding& target, Relation relation)
{
    py::ClassObject* cls = ctx.classes.manager;
    if (auto* def = dynamic_cast<ManagerObject*>(target.defaultManager.asObject()))
        cls = def->cls();
    auto* m = ctx.interp.make<ManagerObject>(cls);
    m->ctx = &ctx;
    m->model = &target;
    m->relation = std::move(relation);
    return m;
}

QuerySetObject* ManagerObject::baseQueryset()
{
    return QuerySetObject::create(*ctx, *model);
}

const db::Field& ManagerObject::sourceField() const
{
    const db::ModelMeta& through = *relation->field->through;
    return through.fields[relation->reverse ? 2 : 1];
}

const db::Field& ManagerObject::targetField() const
{
    const db::ModelMeta& through = *relation->field->through;
    return through.fields[relation->reverse ? 1 : 2];
}

QuerySetObject* ManagerObject::applyRelFilters(QuerySetObject* qs)
{
    const Relation& rel = *relation;
    py::Value pk = rel.instance->pkValue();
    if (rel.kind == Relation::Kind::ReverseForeignKey) {
        py::Value val = pk;
        QuerySetObject* clone = qs->filterOrExclude(false, db::Q::kwargs({{rel.field->name, ctx->toDb(val)}}));
        if (val.isNone())
            clone->query.setEmpty();
        clone->knownRelated = QuerySetObject::KnownRelated{rel.field, py::Value(rel.instance)};
        return clone;
    }
    // ManyRelatedManager.core_filters: {"<query_field_name>__<pk name>": pk}.
    std::string queryField;
    if (rel.reverse) {
        queryField = rel.field->name;
    } else {
        for (const db::RelatedObject& r : rel.field->relatedModel->relatedObjects)
            if (r.field == rel.field)
                queryField = r.queryName;
    }
    const std::string key = queryField + "__" + rel.instance->binding->meta->pk().name;
    return qs->filterOrExclude(false, db::Q::kwargs({{key, ctx->toDb(pk)}}));
}

py::Value ManagerObject::getQueryset(py::Interpreter& interp)
{
    py::Value* fn = cls()->lookup("get_queryset");
    const bool native = fn && fn->is(ctx->nativeGetQueryset);
    if (!relation)
        return native ? py::Value(baseQueryset()) : interp.callMethod(py::Value(this), "get_queryset");
    if (const py::Value* cached = relation->instance->prefetchedFor(relation->cacheName))
        return *cached;
    py::Value base = native ? py::Value(baseQueryset()) : interp.call(*fn, {py::Value(this)});
    return applyRelFilters(asQuerySet(interp, base));
}

std::optional<py::Value> ManagerObject::getAttr(py::Interpreter& interp, std::string_view name)
{
    if (relation && name == "get_queryset") {
        return py::Value(interp.newFunction("get_queryset", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
            return static_cast<ManagerObject*>(a.captured(0).asObject())->getQueryset(ip);
        }, {py::Value(this)}));
    }
    if (name == "model" && model)
        return py::Value(model->cls);
    if (relation && relation->kind == Relation::Kind::ManyToMany && name == "through")
        return py::Value(ctx->binding(*relation->field->through)->cls);
    return std::nullopt;
}

std::optional<py::Value> ManagerObject::descrGet(py::Interpreter& interp, py::Value instance, py::ClassObject*)
{
    if (instance.isNone())
        return py::Value(this);
    interp.raise(interp.types().AttributeError,
                 "Manager isn't accessible via " + interp.typeName(instance) + " instances");
}

std::optional<std::string> ManagerObject::repr(py::Interpreter&)
{
    // Django's default object repr names the (related) manager's class.
    return "<" + cls()->moduleName + "." + cls()->name + " object>";
}

void ManagerObject::trace(py::Tracer& t)
{
    InstanceObject::trace(t);
    if (relation)
        t.visit(static_cast<py::Object*>(relation->instance));
}

py::ClassObject* ManagerObject::createClass(OrmContext& ctx)
{
    py::Interpreter& ip = ctx.interp;
    py::ClassObject* cls = ip.newClass("Manager", {}, "django.db.models.manager");
    cls->allocate = [&ctx](py::Interpreter& i, py::ClassObject* c) -> py::Object* {
        auto* m = i.make<ManagerObject>(c);
        m->ctx = &ctx;
        return m;
    };
    ip.defineMethod(cls, "__init__", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        py::checkArgs(i, a, "Manager", 0, 0, 1);
        return py::Value();
    });
    ctx.nativeGetQueryset = ip.defineMethod(cls, "get_queryset", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        return selfManager(i, a)->baseQueryset();
    });
    for (const auto& [name, fn] : QuerySetObject::managerMethods()) {
        py::NativeFn method = [fn](py::Interpreter& i, py::CallArgs& a) -> py::Value {
            ManagerObject* m = selfManager(i, a);
            a.args[0] = m->getQueryset(i);
            return fn(i, a);
        };
        if (name == "all") {
            // Manager.all() is get_queryset() itself (a prefetched related queryset included).
            method = [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
                py::checkArgs(i, a, "all", 0, 0, 1);
                return selfManager(i, a)->getQueryset(i);
            };
        }
        if (name == "create") {
            method = [fn](py::Interpreter& i, py::CallArgs& a) -> py::Value {
                ManagerObject* m = selfManager(i, a);
                if (m->relation)
                    return relatedCreate(i, a);
                a.args[0] = m->getQueryset(i);
                return fn(i, a);
            };
        }
        ip.defineMethod(cls, name, method);
    }
    // Related managers only.
    ip.defineMethod(cls, "add", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        ManagerObject* m = selfManager(i, a);
        ManagerObject::Relation& rel = relationOf(i, m, "add");
        std::vector<py::Value> objs(a.args.begin() + 1, a.args.end());
        if (rel.kind == ManagerObject::Relation::Kind::ManyToMany) {
            py::allowKeywords(i, a, "add", {"through_defaults"});
            m2mAdd(*m, objs);
            return py::Value();
        }
        py::allowKeywords(i, a, "add", {"bulk"});
        std::vector<db::DbValue> pks;
        for (py::Value& o : objs) {
            o = ModelInstance::unwrapLazy(i, o);
            auto* inst = dynamic_cast<ModelInstance*>(o.asObject());
            if (!inst || inst->binding != m->model)
                i.raise(i.types().TypeError, "'" + m->model->meta->objectName + "' instance expected, got " + i.repr(o));
            i.setAttr(o, rel.field->name, py::Value(rel.instance));
            if (inst->adding)
                i.raise(i.types().ValueError, i.repr(o) + " instance isn't saved. Use bulk=False or save the object first.");
            pks.push_back(m->ctx->toDb(inst->pkValue()));
        }
        db::Query q(*m->model->meta);
        m->ctx->core([&] { q.addQ(db::Q::kwargs({{"pk__in", pks}})); });
        ModelBase::update(*m->ctx, q, {{rel.field->name, m->ctx->toDb(rel.instance->pkValue())}});
        return py::Value();
    });
    ip.defineMethod(cls, "remove", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        ManagerObject* m = selfManager(i, a);
        ManagerObject::Relation& rel = relationOf(i, m, "remove");
        std::vector<py::Value> objs(a.args.begin() + 1, a.args.end());
        if (rel.kind == ManagerObject::Relation::Kind::ManyToMany) {
            m2mRemove(*m, objs);
            return py::Value();
        }
        if (!rel.field->null)
            i.raise(i.types().AttributeError, "'RelatedManager' object has no attribute 'remove'");
        std::vector<py::Value> oldIds;
        for (py::Value& o : objs) {
            o = ModelInstance::unwrapLazy(i, o);
            auto* inst = dynamic_cast<ModelInstance*>(o.asObject());
            if (!inst || inst->binding != m->model)
                i.raise(i.types().TypeError, "'" + m->model->meta->objectName + "' instance expected, got " + i.repr(o));
            py::Value fk = inst->column(m->model->meta->fieldIndex(*rel.field));
            if (!i.eq(fk, rel.instance->pkValue()))
                i.raise(m->ctx->binding(*rel.field->relatedModel)->doesNotExist,
                        i.repr(o) + " is not related to " + i.repr(py::Value(rel.instance)) + ".");
            oldIds.push_back(inst->pkValue());
        }
        std::vector<db::DbValue> ids;
        for (std::int64_t id : idSet(i, oldIds))
            ids.emplace_back(id);
        QuerySetObject* qs = asQuerySet(i, m->getQueryset(i))->filterOrExclude(false, db::Q::kwargs({{"pk__in", ids}}));
        ModelBase::update(*m->ctx, qs->query, {{rel.field->name, db::DbValue()}});
        return py::Value();
    });
    ip.defineMethod(cls, "clear", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        ManagerObject* m = selfManager(i, a);
        ManagerObject::Relation& rel = relationOf(i, m, "clear");
        if (rel.kind == ManagerObject::Relation::Kind::ManyToMany) {
            m2mClear(*m);
            return py::Value();
        }
        if (!rel.field->null)
            i.raise(i.types().AttributeError, "'RelatedManager' object has no attribute 'clear'");
        forgetPrefetched(rel);
        QuerySetObject* qs = asQuerySet(i, m->getQueryset(i));
        ModelBase::update(*m->ctx, qs->query, {{rel.field->name, db::DbValue()}});
        return py::Value();
    });
    ip.defineMethod(cls, "set", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("set", {"self", "objs", "*", "bulk=", "clear=", "through_defaults="});
        py::BoundArgs b = py::bind(i, a, sig);
        ManagerObject* m = selfManager(i, a);
        ManagerObject::Relation& rel = relationOf(i, m, "set");
        if (rel.kind != ManagerObject::Relation::Kind::ManyToMany)
            i.raise(i.types().NotImplementedError, "set() on a reverse ForeignKey manager is not simulated");
        std::vector<py::Value> objs = i.toVector(b[1]);
        inAtomic(*m->ctx, [&] {
            if (b.has(3) && i.truthy(b[3])) {
                m2mClear(*m);
                m2mAdd(*m, objs);
            } else {
                const std::vector<std::int64_t> current =
                    flatIds(*m->ctx, asQuerySet(i, m->getQueryset(i))->chain(), m->model->meta->pk().attname);
                std::vector<std::int64_t> oldIds = cpythonSetOrder(current);
                std::vector<py::Value> newObjs;
                for (py::Value o : objs) {
                    const std::int64_t id = i.expectInt(targetId(i, *m->model, o, true), "id");
                    auto it = std::find(oldIds.begin(), oldIds.end(), id);
                    if (it != oldIds.end())
                        oldIds.erase(it);
                    else
                        newObjs.push_back(o);
                }
                std::vector<py::Value> removed;
                for (std::int64_t id : oldIds)
                    removed.push_back(py::Value::integer(id));
                m2mRemove(*m, removed);
                m2mAdd(*m, newObjs);
            }
        });
        return py::Value();
    });
    return cls;
}

QuerySetObject* ManagerObject::prefetchQueryset(const std::vector<ModelInstance*>& instances, QuerySetObject* base)
{
    const Relation& rel = *relation;
    if (rel.kind == Relation::Kind::ReverseForeignKey) {
        // filter(customer__in=instances): the pks in instance order, duplicates dropped.
        std::vector<db::DbValue> pks;
        std::vector<std::int64_t> seen;
        for (ModelInstance* inst : instances) {
            py::Value pk = inst->pkValue();
            if (pk.isInt() && std::find(seen.begin(), seen.end(), pk.asInt()) != seen.end())
                continue;
            if (pk.isInt())
                seen.push_back(pk.asInt());
            pks.push_back(ctx->toDb(pk));
        }
        return base->filterOrExclude(false, db::Q::kwargs({{rel.field->name + "__in", pks}}));
    }
    std::string queryField;
    if (rel.reverse) {
        queryField = rel.field->name;
    } else {
        for (const db::RelatedObject& r : rel.field->relatedModel->relatedObjects)
            if (r.field == rel.field)
                queryField = r.queryName;
    }
    std::vector<db::DbValue> pks;
    for (ModelInstance* inst : instances) {
        db::DbValue v = ctx->toDb(inst->pkValue());
        if (std::find(pks.begin(), pks.end(), v) == pks.end())
            pks.push_back(v);
    }
    QuerySetObject* qs = base->filterOrExclude(false, db::Q::kwargs({{queryField + "__in", pks}}));
    const db::Field& source = sourceField();
    ctx->core([&] {
        qs->query.addExtraSelect("_prefetch_related_val_" + source.attname,
                                 db::Expression::col(source.model->dbTable, source));
    });
    return qs;
}

} // namespace pipelab::django::models
