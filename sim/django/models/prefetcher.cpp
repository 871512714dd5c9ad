// Prefetcher: the prefetch_related_objects / prefetch_one_level algorithm.
#include "sim/django/models/prefetcher.h"

#include "sim/django/db/constants.h"
#include "sim/django/models/cpythonset.h"
#include "sim/django/models/managerobject.h"
#include "sim/django/models/modelinstance.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/querysetobject.h"
#include "sim/django/models/relateddescriptors.h"

#include <map>
#include <set>

namespace pipelab::django::models {

namespace {

std::vector<PrefetchLookup> normalize(std::vector<py::Value> lookups, const std::string& prefix)
{
    std::vector<PrefetchLookup> out;
    for (auto it = lookups.rbegin(); it != lookups.rend(); ++it) {
        PrefetchLookup l;
        if (auto* p = dynamic_cast<PrefetchObject*>(it->asObject()))
            l = p->lookup;
        else
            l = PrefetchLookup::fromString(*py::Interpreter::strOf(*it));
        if (!prefix.empty())
            l.addPrefix(prefix);
        out.push_back(std::move(l));
    }
    return out;
}

// A relation value as the rel_obj_cache key (ids are ints; None matches nothing).
std::optional<std::int64_t> key(py::Value v)
{
    if (v.isIntegral())
        return v.asInt();
    return std::nullopt;
}

} // namespace

void Prefetcher::prefetchRelatedObjects(const std::vector<py::Value>& modelInstances, const std::vector<py::Value>& relatedLookups)
{
    if (modelInstances.empty())
        return;
    py::Interpreter& ip = ctx_.interp;
    std::map<std::string, std::vector<py::Value>> doneQueries;
    std::set<std::string> autoLookups;
    std::set<const ModelAttribute*> followedDescriptors;
    std::vector<PrefetchLookup> allLookups = normalize(relatedLookups, "");
    while (!allLookups.empty()) {
        PrefetchLookup lookup = allLookups.back();
        allLookups.pop_back();
        if (doneQueries.count(lookup.prefetchTo)) {
            if (!lookup.queryset.isNone())
                ip.raise(ip.types().ValueError, "'" + lookup.prefetchTo
                                                    + "' lookup was already seen with a different queryset. You may need to "
                                                      "adjust the ordering of your lookups.");
            continue;
        }
        std::vector<py::Value> objList = modelInstances;
        const std::vector<std::string> throughAttrs = db::splitLookup(lookup.prefetchThrough);
        for (std::size_t level = 0; level < throughAttrs.size(); ++level) {
            if (objList.empty())
                break;
            const std::string prefetchTo = lookup.currentPrefetchTo(level);
            if (auto it = doneQueries.find(prefetchTo); it != doneQueries.end()) {
                objList = it->second;
                continue;
            }
            std::vector<ModelInstance*> instances;
            for (py::Value v : objList) {
                auto* inst = dynamic_cast<ModelInstance*>(v.asObject());
                if (!inst)
                    break;
                instances.push_back(inst);
            }
            if (instances.size() != objList.size())
                break; // not model instances: nothing more to prefetch (good_objects = False)
            const std::string& throughAttr = throughAttrs[level];
            const std::string toAttr = lookup.currentToAttr(level).first;
            ModelInstance* first = instances.front();
            const ModelAttribute* attr = first->binding->attribute(throughAttr);
            const bool isRelation = attr && attr->kind != ModelAttribute::Kind::Column;
            if (!attr && !ip.hasAttr(py::Value(first), throughAttr))
                ip.raise(ip.types().AttributeError, "Cannot find '" + throughAttr + "' on " + first->cls()->name
                                                        + " object, '" + lookup.prefetchThrough
                                                        + "' is an invalid parameter to prefetch_related()");
            if (level + 1 == throughAttrs.size() && !isRelation)
                ip.raise(ip.types().ValueError, "'" + lookup.prefetchThrough
                                                    + "' does not resolve to an item that supports prefetching - this is "
                                                      "an invalid parameter to prefetch_related().");
            std::vector<ModelInstance*> toFetch;
            if (isRelation) {
                for (ModelInstance* inst : instances) {
                    bool fetched = false;
                    switch (attr->kind) {
                    case ModelAttribute::Kind::ForwardRelation: fetched = inst->cached(attr->field) != nullptr; break;
                    case ModelAttribute::Kind::ReverseOneToOne: fetched = inst->cached(attr->related) != nullptr; break;
                    default:
                        fetched = throughAttr != toAttr ? inst->dict.contains(toAttr)
                                                        : inst->prefetchedFor(throughAttr) != nullptr;
                        break;
                    }
                    if (!fetched)
                        toFetch.push_back(inst);
                }
            }
            if (!toFetch.empty()) {
                LevelResult r = prefetchOneLevel(toFetch, *attr, lookup, level);
                objList = std::move(r.objects);
                const bool seen = doneQueries.count(prefetchTo) && autoLookups.count(lookup.prefetchTo)
                    && followedDescriptors.count(attr);
                if (!seen) {
                    doneQueries[prefetchTo] = objList;
                    std::vector<PrefetchLookup> added = normalize(r.additionalLookups, prefetchTo);
                    for (const PrefetchLookup& l : added)
                        autoLookups.insert(l.prefetchTo);
                    allLookups.insert(allLookups.end(), added.begin(), added.end());
                }
                followedDescriptors.insert(attr);
            } else {
                // Already fetched (select_related, an earlier prefetch): traverse the attribute.
                std::vector<py::Value> next;
                for (ModelInstance* inst : instances) {
                    py::Value value;
                    if (const py::Value* cachedQs = inst->prefetchedFor(throughAttr)) {
                        for (py::Value v : ip.toVector(*cachedQs))
                            next.push_back(v);
                        continue;
                    }
                    try {
                        value = ip.getAttr(py::Value(inst), throughAttr);
                    } catch (const py::PyException& e) {
                        if (ip.matches(e, ctx_.classes.objectDoesNotExist))
                            continue;
                        throw;
                    }
                    if (value.isNone())
                        continue;
                    if (auto* list = value.as<py::ListObject>())
                        next.insert(next.end(), list->items.begin(), list->items.end());
                    else
                        next.push_back(value);
                }
                objList = std::move(next);
            }
        }
    }
}

Prefetcher::LevelResult Prefetcher::prefetchOneLevel(const std::vector<ModelInstance*>& instances,
                                                     const ModelAttribute& attr, const PrefetchLookup& lookup,
                                                     std::size_t level)
{
    py::Interpreter& ip = ctx_.interp;
    py::Value given = lookup.currentQueryset(level);
    auto* givenQs = dynamic_cast<QuerySetObject*>(given.asObject());
    QuerySetObject* relQs = nullptr;
    bool single = false;
    // rel_obj_attr / instance_attr: the values that match a related object to its instance.
    std::function<py::Value(ModelInstance&)> relObjAttr;
    std::function<py::Value(ModelInstance&)> instanceAttr;
    ManagerObject* manager = nullptr;
    std::string cacheName = RelatedDescriptors::cacheName(attr);

    switch (attr.kind) {
    case ModelAttribute::Kind::ForwardRelation: {
        const db::Field& field = *attr.field;
        ModelBinding* target = ctx_.binding(*field.relatedModel);
        relQs = givenQs ? givenQs : QuerySetObject::create(ctx_, *target);
        const std::size_t idx = instances.front()->binding->meta->fieldIndex(field);
        std::vector<std::int64_t> ids;
        for (ModelInstance* inst : instances)
            if (auto k = key(inst->column(idx)))
                ids.push_back(*k);
        std::vector<db::DbValue> in;
        for (std::int64_t id : cpythonSetOrder(ids))
            in.emplace_back(id);
        relQs = relQs->filterOrExclude(false, db::Q::kwargs({{field.relatedModel->pk().name + "__in", in}}));
        relObjAttr = [](ModelInstance& o) { return o.pkValue(); };
        instanceAttr = [idx](ModelInstance& o) { return o.column(idx); };
        single = true;
        if (field.kind == db::FieldKind::OneToOneField) {
            const db::RelatedObject* reverse = nullptr;
            for (const db::RelatedObject& r : field.relatedModel->relatedObjects)
                if (r.field == &field)
                    reverse = &r;
            std::map<std::int64_t, ModelInstance*> byId;
            for (ModelInstance* inst : instances)
                if (auto k = key(inst->column(idx)))
                    byId[*k] = inst;
            for (py::Value v : relQs->results()) {
                auto* rel = static_cast<ModelInstance*>(v.asObject());
                if (auto k = key(rel->pkValue()); k && byId.count(*k) && reverse)
                    rel->setCached(reverse, py::Value(byId[*k]));
            }
        }
        break;
    }
    case ModelAttribute::Kind::ReverseOneToOne: {
        const db::RelatedObject& related = *attr.related;
        ModelBinding* target = ctx_.binding(*related.relatedModel);
        relQs = givenQs ? givenQs : QuerySetObject::create(ctx_, *target);
        std::vector<db::DbValue> in;
        for (ModelInstance* inst : instances)
            in.push_back(ctx_.toDb(inst->pkValue()));
        relQs = relQs->filterOrExclude(false, db::Q::kwargs({{related.field->name + "__in", in}}));
        const std::size_t idx = related.relatedModel->fieldIndex(*related.field);
        relObjAttr = [idx](ModelInstance& o) { return o.column(idx); };
        instanceAttr = [](ModelInstance& o) { return o.pkValue(); };
        single = true;
        std::map<std::int64_t, ModelInstance*> byPk;
        for (ModelInstance* inst : instances)
            if (auto k = key(inst->pkValue()))
                byPk[*k] = inst;
        for (py::Value v : relQs->results()) {
            auto* rel = static_cast<ModelInstance*>(v.asObject());
            if (auto k = key(rel->column(idx)); k && byPk.count(*k))
                rel->setCached(related.field, py::Value(byPk[*k]));
        }
        break;
    }
    case ModelAttribute::Kind::ReverseMany:
    case ModelAttribute::Kind::ManyToMany: {
        manager = static_cast<ManagerObject*>(RelatedDescriptors::relatedManager(*instances.front(), attr).asObject());
        QuerySetObject* base = givenQs;
        if (!base) {
            py::Value* fn = manager->cls()->lookup("get_queryset");
            base = fn && !fn->is(ctx_.nativeGetQueryset)
                ? dynamic_cast<QuerySetObject*>(ip.call(*fn, {py::Value(manager)}).asObject())
                : manager->baseQueryset();
            if (!base)
                ip.raise(ip.types().TypeError, "get_queryset() must return a QuerySet");
        }
        relQs = manager->prefetchQueryset(instances, base);
        if (attr.kind == ModelAttribute::Kind::ReverseMany) {
            const db::Field& field = *attr.related->field;
            const std::size_t idx = attr.related->relatedModel->fieldIndex(field);
            relObjAttr = [idx](ModelInstance& o) { return o.column(idx); };
            instanceAttr = [](ModelInstance& o) { return o.pkValue(); };
            std::map<std::int64_t, ModelInstance*> byPk;
            for (ModelInstance* inst : instances)
                if (auto k = key(inst->pkValue()))
                    byPk[*k] = inst;
            for (py::Value v : relQs->results()) {
                auto* rel = static_cast<ModelInstance*>(v.asObject());
                if (auto k = key(rel->column(idx)); k && byPk.count(*k))
                    RelatedDescriptors::forwardSet(*rel, field, py::Value(byPk[*k]));
            }
        } else {
            const std::string extra = "_prefetch_related_val_" + manager->sourceField().attname;
            relObjAttr = [extra](ModelInstance& o) {
                const py::Value* v = o.dict.find(extra);
                return v ? *v : py::Value();
            };
            instanceAttr = [](ModelInstance& o) { return o.pkValue(); };
        }
        break;
    }
    case ModelAttribute::Kind::Column: break;
    }

    LevelResult result;
    // Lookups of the prefetch queryset itself run after this level, on its results.
    result.additionalLookups = relQs->prefetchLookups;
    if (!relQs->prefetchLookups.empty() && !relQs->resultCache) {
        relQs = relQs->chain();
        relQs->prefetchLookups.clear();
    }
    const std::vector<py::Value>& all = relQs->results();
    result.objects = all;
    std::map<std::int64_t, std::vector<py::Value>> relObjCache;
    for (py::Value v : all)
        if (auto k = key(relObjAttr(*static_cast<ModelInstance*>(v.asObject()))))
            relObjCache[*k].push_back(v);

    const auto [toAttr, asAttr] = lookup.currentToAttr(level);
    const bool leaf = db::splitLookup(lookup.prefetchThrough).size() == level + 1;
    if (asAttr && !instances.empty() && instances.front()->binding->meta->field(toAttr))
        ip.raise(ip.types().ValueError,
                 "to_attr=" + toAttr + " conflicts with a field on the " + instances.front()->cls()->name + " model.");
    static const std::vector<py::Value> none;
    for (ModelInstance* obj : instances) {
        auto k = key(instanceAttr(*obj));
        auto it = k ? relObjCache.find(*k) : relObjCache.end();
        const std::vector<py::Value>& vals = it == relObjCache.end() ? none : it->second;
        if (single) {
            py::Value val = vals.empty() ? py::Value() : vals.front();
            if (asAttr)
                ip.setAttr(py::Value(obj), toAttr, val);
            else
                obj->setCached(attr.kind == ModelAttribute::Kind::ForwardRelation ? static_cast<const void*>(attr.field)
                                                                                  : static_cast<const void*>(attr.related),
                               val);
        } else if (asAttr) {
            ip.setAttr(py::Value(obj), toAttr, ip.newList(vals));
        } else {
            auto* m = static_cast<ManagerObject*>(RelatedDescriptors::relatedManager(*obj, attr).asObject());
            QuerySetObject* qs = leaf && givenQs ? m->applyRelFilters(givenQs)
                                                 : dynamic_cast<QuerySetObject*>(m->getQueryset(ip).asObject());
            qs->resultCache = ip.newList(vals);
            qs->prefetchDone = true;
            obj->setPrefetched(cacheName, py::Value(qs));
        }
    }
    return result;
}

} // namespace pipelab::django::models
