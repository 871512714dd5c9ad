// Collector: deletion.py's collect/delete with the statements Django sends.
#include "sim/django/models/collector.h"

#include "sim/django/db/deletequery.h"
#include "sim/django/models/cpythonset.h"
#include "sim/django/models/modelbase.h"
#include "sim/django/models/modelinstance.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/querysetobject.h"

#include <algorithm>
#include <set>

namespace pipelab::django::models {

namespace {

// get_candidate_relations_to_delete: the ForeignKeys and OneToOneFields pointing at `meta`, those
// of auto-created through models included, in Django's relation-tree order: models in
// registration order, where a through model is registered while its owner's class is created
// (just before the owner).
std::vector<const db::Field*> candidateRelations(const db::ModelRegistry& registry, const db::ModelMeta& meta)
{
    std::vector<const db::ModelMeta*> order;
    for (const auto& m : registry.models()) {
        if (m->autoCreated)
            continue;
        for (const db::Field& f : m->manyToMany)
            if (f.through)
                order.push_back(f.through);
        order.push_back(m.get());
    }
    std::vector<const db::Field*> out;
    for (const db::ModelMeta* m : order)
        for (const db::Field& f : m->fields)
            if (f.isForeignKey() && f.relatedModel == &meta)
                out.push_back(&f);
    return out;
}

std::vector<db::DbValue> pkValues(OrmContext& ctx, const std::vector<ModelInstance*>& objs)
{
    std::vector<db::DbValue> out;
    for (ModelInstance* o : objs)
        out.push_back(ctx.toDb(o->pkValue()));
    return out;
}

// Model with pre_delete/post_delete receivers: never fast-deleted (Collector.can_fast_delete).
bool hasDeleteReceivers(OrmContext& ctx, const db::ModelMeta& model)
{
    return ctx.hasReceivers && (ctx.hasReceivers("pre_delete", model) || ctx.hasReceivers("post_delete", model));
}

} // namespace

bool Collector::canFastDelete(const db::ModelMeta& model, const db::Field* fromField) const
{
    if (fromField && fromField->onDelete != db::OnDelete::Cascade)
        return false;
    if (hasDeleteReceivers(ctx_, model))
        return false;
    for (const db::Field* f : candidateRelations(ctx_.registry, model))
        if (f->onDelete != db::OnDelete::DoNothing)
            return false;
    return true;
}

std::vector<ModelInstance*> Collector::add(const std::vector<ModelInstance*>& objs, const db::ModelMeta* source, bool nullable)
{
    if (objs.empty())
        return {};
    const db::ModelMeta* model = objs.front()->binding->meta;
    auto it = std::find_if(data_.begin(), data_.end(), [&](const auto& e) { return e.first == model; });
    if (it == data_.end()) {
        data_.emplace_back(model, std::vector<ModelInstance*>{});
        it = std::prev(data_.end());
    }
    std::vector<ModelInstance*> added;
    for (ModelInstance* o : objs) {
        const bool present = std::any_of(it->second.begin(), it->second.end(),
                                         [&](ModelInstance* x) { return ctx_.interp.eq(py::Value(x), py::Value(o)); });
        if (!present)
            added.push_back(o);
    }
    it->second.insert(it->second.end(), added.begin(), added.end());
    if (source && !nullable) {
        dependencies_[source].push_back(model);
        if (std::none_of(data_.begin(), data_.end(), [&](const auto& e) { return e.first == model; }))
            data_.emplace_back(model, std::vector<ModelInstance*>{});
    }
    return added;
}

void Collector::collect(std::vector<ModelInstance*> objs, const db::ModelMeta* source, bool nullable)
{
    py::Interpreter& ip = ctx_.interp;
    std::vector<ModelInstance*> newObjs = add(objs, source, nullable);
    if (newObjs.empty())
        return;
    const db::ModelMeta& model = *newObjs.front()->binding->meta;
    std::vector<std::pair<const db::ModelMeta*, std::vector<const db::Field*>>> modelFastDeletes;
    for (const db::Field* relatedField : candidateRelations(ctx_.registry, model)) {
        const db::Field& field = *relatedField;
        if (field.onDelete == db::OnDelete::DoNothing)
            continue;
        const db::ModelMeta& relatedModel = *field.model;
        if (canFastDelete(relatedModel, &field)) {
            auto it = std::find_if(modelFastDeletes.begin(), modelFastDeletes.end(),
                                   [&](const auto& e) { return e.first == &relatedModel; });
            if (it == modelFastDeletes.end())
                modelFastDeletes.emplace_back(&relatedModel, std::vector<const db::Field*>{&field});
            else
                it->second.push_back(&field);
            continue;
        }
        // related_objects(...).only(<fields referenced by relations to the related model>)
        QuerySetObject* sub = QuerySetObject::create(ctx_, *ctx_.binding(relatedModel));
        ctx_.core([&] { sub->query.addQ(db::Q::kwargs({{field.name + "__in", pkValues(ctx_, newObjs)}})); });
        const bool listeners = hasDeleteReceivers(ctx_, relatedModel);
        // only() with no field names (nothing references the related model) defers nothing.
        if (!listeners && !candidateRelations(ctx_.registry, relatedModel).empty())
            ctx_.core([&] { sub->query.addImmediateLoading({relatedModel.pk().name}); });
        std::vector<py::Value>& rows = sub->results();
        if (rows.empty())
            continue;
        std::vector<ModelInstance*> subObjs;
        for (py::Value v : rows)
            subObjs.push_back(static_cast<ModelInstance*>(v.asObject()));
        switch (field.onDelete) {
        case db::OnDelete::Cascade: collect(subObjs, &model, field.null); break;
        case db::OnDelete::Protect:
            ip.raise(ctx_.classes.protectedError, "Cannot delete some instances of model '" + model.objectName
                                                      + "' because they are referenced through a protected foreign key: '"
                                                      + relatedModel.objectName + "." + field.name + "'");
        case db::OnDelete::SetNull: fieldUpdates_.emplace_back(&field, subObjs); break;
        case db::OnDelete::DoNothing: break;
        }
    }
    for (const auto& [relatedModel, fields] : modelFastDeletes) {
        QuerySetObject* sub = QuerySetObject::create(ctx_, *ctx_.binding(*relatedModel));
        db::Q predicate;
        for (const db::Field* f : fields)
            predicate = predicate | db::Q(f->name + "__in", pkValues(ctx_, newObjs));
        ctx_.core([&] { sub->query.addQ(predicate); });
        fastDeletes_.push_back(sub);
    }
}

py::Value Collector::deleteInstance(ModelInstance& instance)
{
    collect({&instance}, nullptr, false);
    return run();
}

py::Value Collector::deleteQuerySet(QuerySetObject& qs)
{
    QuerySetObject* del = qs.chain();
    del->query.clearSelectRelated();
    del->query.clearOrdering(true);
    del->prefetchLookups.clear();
    if (canFastDelete(*qs.model->meta, nullptr)) {
        fastDeletes_.push_back(del);
    } else {
        std::vector<ModelInstance*> objs;
        for (py::Value v : del->results())
            objs.push_back(static_cast<ModelInstance*>(v.asObject()));
        collect(objs, nullptr, false);
    }
    return run();
}

py::Value Collector::run()
{
    py::Interpreter& ip = ctx_.interp;
    for (auto& [model, instances] : data_)
        std::stable_sort(instances.begin(), instances.end(),
                         [&](ModelInstance* a, ModelInstance* b) { return ip.lessThan(a->pkValue(), b->pkValue()); });
    // sort(): a model comes after the models that depend on it.
    std::vector<std::pair<const db::ModelMeta*, std::vector<ModelInstance*>>> sorted;
    std::set<const db::ModelMeta*> done;
    while (sorted.size() < data_.size()) {
        bool found = false;
        for (const auto& entry : data_) {
            if (done.count(entry.first))
                continue;
            bool ready = true;
            if (auto it = dependencies_.find(entry.first); it != dependencies_.end())
                for (const db::ModelMeta* d : it->second)
                    if (!done.count(d))
                        ready = false;
            if (ready) {
                sorted.push_back(entry);
                done.insert(entry.first);
                found = true;
            }
        }
        if (!found)
            break;
    }
    if (sorted.size() == data_.size())
        data_ = std::move(sorted);

    std::vector<std::pair<std::string, std::int64_t>> counter;
    auto count = [&](const db::ModelMeta& m, std::int64_t n) {
        if (!n)
            return;
        auto it = std::find_if(counter.begin(), counter.end(), [&](const auto& e) { return e.first == m.label(); });
        if (it == counter.end())
            counter.emplace_back(m.label(), n);
        else
            it->second += n;
    };
    auto result = [&]() {
        std::int64_t total = 0;
        py::DictObject* d = ip.newDict();
        for (const auto& [label, n] : counter) {
            total += n;
            ip.dictSet(d, ip.newStr(label), py::Value::integer(n));
        }
        return py::Value(ip.newTuple({py::Value::integer(total), py::Value(d)}));
    };
    auto deleteBatch = [&](const db::ModelMeta& model, const std::vector<std::int64_t>& pks) {
        std::int64_t n = 0;
        for (const db::DeleteQuery& q : db::DeleteQuery::batches(model, pks)) {
            const std::string sql = q.sql();
            if (sql.empty())
                continue;
            const std::int64_t rows = q.execute(ctx_.store);
            ctx_.record(sql, rows);
            n += rows;
        }
        return n;
    };
    auto pkList = [&](const std::vector<ModelInstance*>& instances) {
        std::vector<std::int64_t> pks;
        for (ModelInstance* o : instances)
            pks.push_back(ip.expectInt(o->pkValue(), "pk"));
        return pks;
    };

    // The single object with no dependencies: one DELETE, no transaction.
    if (data_.size() == 1 && data_.back().second.size() == 1 && fastDeletes_.empty() && fieldUpdates_.empty()
        && canFastDelete(*data_.back().first, nullptr)) {
        ModelInstance* inst = data_.back().second.front();
        count(*data_.back().first, deleteBatch(*data_.back().first, pkList({inst})));
        inst->values[0] = py::Value();
        return result();
    }
    auto send = [&](const char* name, const db::ModelMeta& model, ModelInstance* obj) {
        if (ctx_.sendSignal && !model.autoCreated)
            ctx_.sendSignal(name, {{"sender", py::Value(obj->cls())}, {"instance", py::Value(obj)}, {"using", ip.newStr("default")}});
    };
    const std::string sp = ctx_.enterAtomic(false);
    try {
        for (auto& [model, instances] : data_)
            for (ModelInstance* o : instances)
                send("pre_delete", *model, o);
        for (QuerySetObject* qs : fastDeletes_) {
            db::DeleteQuery q(qs->query);
            const std::string sql = ctx_.core([&] { return q.sql(); });
            if (sql.empty())
                continue;
            const std::int64_t rows = q.execute(ctx_.store);
            ctx_.record(sql, rows);
            count(*qs->model->meta, rows);
        }
        for (const auto& [field, instances] : fieldUpdates_) {
            // update_batch: the pks of a set of instances, in CPython set order.
            std::vector<db::DbValue> pks;
            for (std::int64_t pk : cpythonSetOrder(pkList(instances)))
                pks.emplace_back(pk);
            db::Query q(*field->model);
            ctx_.core([&] { q.addQ(db::Q::kwargs({{"pk__in", pks}})); });
            ModelBase::update(ctx_, q, {{field->name, db::DbValue()}});
        }
        for (auto& [model, instances] : data_) {
            std::vector<ModelInstance*> reversed(instances.rbegin(), instances.rend());
            count(*model, deleteBatch(*model, pkList(reversed)));
            for (ModelInstance* o : reversed)
                send("post_delete", *model, o);
        }
    } catch (...) {
        ctx_.exitAtomic(sp, true);
        throw;
    }
    ctx_.exitAtomic(sp, false);
    for (auto& [model, instances] : data_)
        for (ModelInstance* o : instances)
            o->values[0] = py::Value();
    return result();
}

} // namespace pipelab::django::models
