// RelatedDescriptors: the related-object cache and the queries Django sends on a cache miss.
#include "sim/django/models/relateddescriptors.h"

#include "sim/django/models/managerobject.h"
#include "sim/django/models/modelinstance.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/querysetobject.h"

namespace pipelab::django::models {

namespace {

// qs.get(Q(id=value)) on the target model's _base_manager (no custom manager, Meta.ordering
// cleared by get()).
py::Value getByLookup(OrmContext& ctx, const db::ModelMeta& meta, const std::string& lookup, py::Value value)
{
    ModelBinding* b = ctx.binding(meta);
    db::Q positional;
    positional.children.push_back(db::Q(lookup, ctx.toDb(value)));
    return QuerySetObject::create(ctx, *b)->get(positional);
}

// Model.<field>.RelatedObjectDoesNotExist: a subclass of the target's DoesNotExist and of
// AttributeError, as Django's descriptors define it.
py::ClassObject* relatedDoesNotExist(OrmContext& ctx, ModelBinding& owner, const void* key, const db::ModelMeta& target,
                                     const std::string& attribute)
{
    auto it = owner.relatedDoesNotExist.find(key);
    if (it != owner.relatedDoesNotExist.end())
        return it->second;
    ModelBinding* t = ctx.binding(target);
    py::ClassObject* cls = ctx.interp.newClass("RelatedObjectDoesNotExist", {t->doesNotExist, ctx.interp.types().AttributeError},
                                               owner.cls->moduleName);
    cls->qualname = owner.cls->name + "." + attribute + ".RelatedObjectDoesNotExist";
    owner.relatedDoesNotExist.emplace(key, cls);
    owner.cls->keepAlive.push_back(cls);
    return cls;
}

const db::RelatedObject* reverseOf(const db::Field& field)
{
    for (const db::RelatedObject& r : field.relatedModel->relatedObjects)
        if (r.field == &field)
            return &r;
    return nullptr;
}

} // namespace

py::Value RelatedDescriptors::forwardGet(ModelInstance& inst, const db::Field& field)
{
    if (const py::Value* c = inst.cached(&field)) {
        if (!c->isNone() || field.null)
            return *c;
    } else {
        OrmContext& ctx = *inst.binding->ctx;
        const std::size_t idx = inst.binding->meta->fieldIndex(field);
        py::Value id = inst.column(idx);
        py::Value rel;
        if (!id.isNone()) {
            rel = getByLookup(ctx, *field.relatedModel, field.relatedModel->pk().name, id);
            if (field.kind == db::FieldKind::OneToOneField)
                if (const db::RelatedObject* r = reverseOf(field))
                    static_cast<ModelInstance*>(rel.asObject())->setCached(r, py::Value(&inst));
        }
        inst.setCached(&field, rel);
        if (!rel.isNone() || field.null)
            return rel;
    }
    OrmContext& ctx = *inst.binding->ctx;
    ctx.interp.raise(relatedDoesNotExist(ctx, *inst.binding, &field, *field.relatedModel, field.name),
                     inst.binding->meta->objectName + " has no " + field.name + ".");
}

void RelatedDescriptors::forwardSet(ModelInstance& inst, const db::Field& field, py::Value value)
{
    OrmContext& ctx = *inst.binding->ctx;
    value = ModelInstance::unwrapLazy(ctx.interp, value);
    auto* rel = dynamic_cast<ModelInstance*>(value.asObject());
    if (!value.isNone() && (!rel || rel->binding->meta != field.relatedModel))
        ctx.interp.raise(ctx.interp.types().ValueError,
                         "Cannot assign \"" + ctx.interp.repr(value) + "\": \"" + inst.binding->meta->objectName + "."
                             + field.name + "\" must be a \"" + field.relatedModel->objectName + "\" instance.");
    const db::RelatedObject* reverse = field.kind == db::FieldKind::OneToOneField ? reverseOf(field) : nullptr;
    const std::size_t idx = inst.binding->meta->fieldIndex(field);
    if (!rel) {
        if (const py::Value* old = inst.cached(&field); old && reverse && !old->isNone())
            static_cast<ModelInstance*>(old->asObject())->setCached(reverse, py::Value());
        inst.setColumn(idx, py::Value());
    } else {
        inst.setColumn(idx, rel->pkValue());
    }
    inst.setCached(&field, value);
    if (rel && reverse)
        rel->setCached(reverse, py::Value(&inst));
}

py::Value RelatedDescriptors::reverseOneToOneGet(ModelInstance& inst, const db::RelatedObject& related)
{
    OrmContext& ctx = *inst.binding->ctx;
    py::Value rel;
    if (const py::Value* c = inst.cached(&related)) {
        rel = *c;
    } else {
        if (!inst.pkValue().isNone()) {
            try {
                rel = getByLookup(ctx, *related.relatedModel, related.field->name + "__" + inst.binding->meta->pk().name,
                                  inst.pkValue());
                static_cast<ModelInstance*>(rel.asObject())->setCached(related.field, py::Value(&inst));
            } catch (const py::PyException& e) {
                if (!ctx.interp.matches(e, ctx.binding(*related.relatedModel)->doesNotExist))
                    throw;
                rel = py::Value();
            }
        }
        inst.setCached(&related, rel);
    }
    if (rel.isNone())
        ctx.interp.raise(relatedDoesNotExist(ctx, *inst.binding, &related, *related.relatedModel, related.accessorName),
                         inst.cls()->name + " has no " + related.accessorName + ".");
    return rel;
}

void RelatedDescriptors::reverseOneToOneSet(ModelInstance& inst, const db::RelatedObject& related, py::Value value)
{
    OrmContext& ctx = *inst.binding->ctx;
    value = ModelInstance::unwrapLazy(ctx.interp, value);
    auto* rel = dynamic_cast<ModelInstance*>(value.asObject());
    if (value.isNone()) {
        inst.setCached(&related, py::Value());
        return;
    }
    if (!rel || rel->binding->meta != related.relatedModel)
        ctx.interp.raise(ctx.interp.types().ValueError,
                         "Cannot assign \"" + ctx.interp.repr(value) + "\": \"" + inst.binding->meta->objectName + "."
                             + related.accessorName + "\" must be a \"" + related.relatedModel->objectName + "\" instance.");
    rel->setColumn(related.relatedModel->fieldIndex(*related.field), inst.pkValue());
    inst.setCached(&related, value);
    rel->setCached(related.field, py::Value(&inst));
}

std::string RelatedDescriptors::cacheName(const ModelAttribute& a)
{
    if (a.kind == ModelAttribute::Kind::ReverseMany)
        return a.related->accessorName;
    if (a.kind == ModelAttribute::Kind::ManyToMany)
        return a.reverse ? a.related->queryName : a.field->name;
    return a.field ? a.field->name : a.related->accessorName;
}

py::Value RelatedDescriptors::relatedManager(ModelInstance& inst, const ModelAttribute& a)
{
    OrmContext& ctx = *inst.binding->ctx;
    ManagerObject::Relation rel;
    rel.instance = &inst;
    rel.cacheName = cacheName(a);
    ModelBinding* target = nullptr;
    if (a.kind == ModelAttribute::Kind::ReverseMany) {
        rel.kind = ManagerObject::Relation::Kind::ReverseForeignKey;
        rel.field = a.related->field;
        target = ctx.binding(*a.related->relatedModel);
    } else {
        rel.kind = ManagerObject::Relation::Kind::ManyToMany;
        rel.field = a.field;
        rel.reverse = a.reverse;
        target = ctx.binding(a.reverse ? *a.field->model : *a.field->relatedModel);
        if (inst.pkValue().isNone())
            ctx.interp.raise(ctx.interp.types().ValueError,
                             "\"" + ctx.interp.repr(py::Value(&inst)) + "\" needs to have a value for field \""
                                 + inst.binding->meta->pk().name + "\" before this many-to-many relationship can be used.");
    }
    return ManagerObject::related(ctx, *target, std::move(rel));
}

void RelatedDescriptors::refreshFromDb(ModelInstance& inst, std::optional<std::vector<std::string>> fields)
{
    OrmContext& ctx = *inst.binding->ctx;
    const db::ModelMeta& meta = *inst.binding->meta;
    if (fields) {
        if (fields->empty())
            return;
        for (const std::string& f : *fields)
            if (f.find("__") != std::string::npos)
                ctx.interp.raise(ctx.interp.types().ValueError,
                                 "Found \"__\" in fields argument. Relations and transforms are not allowed in fields.");
        // Fields named in the prefetch cache are dropped from it (and not reloaded).
        std::vector<std::string> kept;
        for (const std::string& f : *fields) {
            bool wasPrefetched = false;
            for (auto it = inst.prefetched.begin(); it != inst.prefetched.end(); ++it)
                if (it->first == f) {
                    inst.prefetched.erase(it);
                    wasPrefetched = true;
                    break;
                }
            if (!wasPrefetched)
                kept.push_back(f);
        }
        fields = std::move(kept);
        if (fields->empty())
            return;
    } else {
        inst.prefetched.clear();
    }
    QuerySetObject* qs = QuerySetObject::create(ctx, *inst.binding);
    ctx.core([&] { qs->query.addQ(db::Q::kwargs({{"pk", ctx.toDb(inst.pkValue())}})); });
    std::vector<std::string> only;
    if (fields) {
        for (const std::string& f : *fields) {
            const db::Field* field = meta.fieldByAttname(f);
            only.push_back(field ? field->name : f);
        }
    } else if (std::find(inst.loaded.begin(), inst.loaded.end(), false) != inst.loaded.end()) {
        for (std::size_t i = 0; i < meta.fields.size(); ++i)
            if (inst.loaded[i])
                only.push_back(meta.fields[i].name);
    }
    if (!only.empty())
        ctx.core([&] { qs->query.addImmediateLoading(only); });
    py::Value fresh = qs->get(db::Q());
    auto* db = static_cast<ModelInstance*>(fresh.asObject());
    for (std::size_t i = 0; i < meta.fields.size(); ++i) {
        if (!db->loaded[i])
            continue;
        inst.values[i] = db->values[i];
        inst.loaded[i] = true;
        if (meta.fields[i].isForeignKey())
            inst.clearCached(&meta.fields[i]);
    }
    for (const db::RelatedObject& r : meta.relatedObjects)
        if (!r.multiple)
            inst.clearCached(&r);
}

} // namespace pipelab::django::models
