// ModelInstance: attribute access through the model's attribute table; identity as Django's
// Model.__eq__/__hash__/__str__/__repr__ define it.
#include "sim/django/models/modelinstance.h"

#include "sim/django/http/lazyobject.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/relateddescriptors.h"

namespace pipelab::django::models {

ModelInstance::ModelInstance(py::ClassObject* cls, ModelBinding& b)
    : InstanceObject(cls), binding(&b), values(b.meta->fields.size()), loaded(b.meta->fields.size(), false)
{
}

py::Value ModelInstance::unwrapLazy(py::Interpreter& interp, py::Value value)
{
    // A proxy of a proxy resolves to the innermost object, as nested SimpleLazyObjects do.
    for (int depth = 0; depth < 8; ++depth) {
        auto* lazy = dynamic_cast<http::LazyObject*>(value.asObject());
        if (!lazy)
            break;
        value = lazy->resolve(interp);
    }
    return value;
}

ModelInstance* ModelInstance::from(py::Interpreter& interp, py::Value value)
{
    return dynamic_cast<ModelInstance*>(unwrapLazy(interp, value).asObject());
}

const py::Value* ModelInstance::cached(const void* key) const
{
    for (const auto& [k, v] : fieldsCache)
        if (k == key)
            return &v;
    return nullptr;
}

void ModelInstance::setCached(const void* key, py::Value value)
{
    for (auto& [k, v] : fieldsCache)
        if (k == key) {
            v = value;
            return;
        }
    fieldsCache.emplace_back(key, value);
}

void ModelInstance::clearCached(const void* key)
{
    for (auto it = fieldsCache.begin(); it != fieldsCache.end(); ++it)
        if (it->first == key) {
            fieldsCache.erase(it);
            return;
        }
}

const py::Value* ModelInstance::prefetchedFor(std::string_view cacheName) const
{
    for (const auto& [k, v] : prefetched)
        if (k == cacheName)
            return &v;
    return nullptr;
}

void ModelInstance::setPrefetched(const std::string& cacheName, py::Value qs)
{
    for (auto& [k, v] : prefetched)
        if (k == cacheName) {
            v = qs;
            return;
        }
    prefetched.emplace_back(cacheName, qs);
}

py::Value ModelInstance::column(std::size_t index)
{
    if (!loaded[index])
        RelatedDescriptors::refreshFromDb(*this, std::vector<std::string>{binding->meta->fields[index].attname});
    return values[index];
}

void ModelInstance::setColumn(std::size_t index, py::Value value)
{
    const db::Field& f = binding->meta->fields[index];
    if (f.isForeignKey() && cached(&f) && (!loaded[index] || !binding->ctx->interp.eq(values[index], value)))
        clearCached(&f);
    values[index] = value;
    loaded[index] = true;
}

std::optional<py::Value> ModelInstance::getAttr(py::Interpreter&, std::string_view name)
{
    const ModelAttribute* a = binding->attribute(name);
    if (!a)
        return std::nullopt;
    switch (a->kind) {
    case ModelAttribute::Kind::Column: return column(a->index);
    case ModelAttribute::Kind::ForwardRelation: return RelatedDescriptors::forwardGet(*this, *a->field);
    case ModelAttribute::Kind::ReverseOneToOne: return RelatedDescriptors::reverseOneToOneGet(*this, *a->related);
    case ModelAttribute::Kind::ReverseMany:
    case ModelAttribute::Kind::ManyToMany: return RelatedDescriptors::relatedManager(*this, *a);
    }
    return std::nullopt;
}

bool ModelInstance::setAttr(py::Interpreter& interp, std::string_view name, py::Value value)
{
    const ModelAttribute* a = binding->attribute(name);
    if (!a)
        return false;
    switch (a->kind) {
    case ModelAttribute::Kind::Column: setColumn(a->index, value); return true;
    case ModelAttribute::Kind::ForwardRelation: RelatedDescriptors::forwardSet(*this, *a->field, value); return true;
    case ModelAttribute::Kind::ReverseOneToOne: RelatedDescriptors::reverseOneToOneSet(*this, *a->related, value); return true;
    case ModelAttribute::Kind::ReverseMany:
        interp.raise(interp.types().TypeError, "Direct assignment to the reverse side of a related set is prohibited. Use "
                                                   + std::string(name) + ".set() instead.");
    case ModelAttribute::Kind::ManyToMany:
        interp.raise(interp.types().TypeError, std::string("Direct assignment to the ") + (a->reverse ? "reverse" : "forward")
                                                   + " side of a many-to-many set is prohibited. Use " + std::string(name)
                                                   + ".set() instead.");
    }
    return false;
}

std::optional<std::string> ModelInstance::str(py::Interpreter& interp)
{
    return cls()->name + " object (" + interp.toStr(pkValue()) + ")";
}

std::optional<std::string> ModelInstance::repr(py::Interpreter& interp)
{
    return "<" + cls()->name + ": " + interp.toStr(py::Value(this)) + ">";
}

std::optional<bool> ModelInstance::equals(py::Interpreter& interp, py::Value other)
{
    auto* o = from(interp, other);
    if (!o)
        return false;
    if (o->binding->meta != binding->meta)
        return false;
    if (pkValue().isNone())
        return o == this;
    return interp.eq(pkValue(), o->pkValue());
}

std::optional<std::size_t> ModelInstance::hash(py::Interpreter& interp)
{
    if (pkValue().isNone())
        interp.raise(interp.types().TypeError, "Model instances without primary key value are unhashable");
    return interp.hash(pkValue());
}

void ModelInstance::trace(py::Tracer& t)
{
    InstanceObject::trace(t);
    for (const py::Value& v : values)
        t.visit(v);
    for (const auto& [k, v] : fieldsCache)
        t.visit(v);
    for (const auto& [k, v] : prefetched)
        t.visit(v);
}

} // namespace pipelab::django::models
