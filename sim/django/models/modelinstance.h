// ModelInstance: one model object (Django's Model instance). Column values are held natively
// (one Python value per concrete field, as Django keeps them in __dict__), with the set of
// deferred fields, the related-object cache (_state.fields_cache) and the prefetch cache
// (_prefetched_objects_cache). Attribute reads go through the model's attribute table: a
// column, a deferred column (one refresh_from_db query), a forward relation (cached or one
// query), a reverse relation or a related manager; anything else is an ordinary attribute.
#pragma once

#include "sim/django/models/modelbinding.h"
#include "sim/python/instance.h"

#include <string>
#include <utility>
#include <vector>

namespace pipelab::django::models {

class ModelInstance final : public py::InstanceObject {
public:
    ModelInstance(py::ClassObject* cls, ModelBinding& binding);

    ModelBinding* binding;
    std::vector<py::Value> values; // per ModelMeta::fields
    std::vector<bool> loaded;      // false: deferred (only()/defer())
    bool adding = true;            // _state.adding
    // _state.fields_cache: forward relations keyed by their Field, reverse one-to-ones by their
    // RelatedObject.
    std::vector<std::pair<const void*, py::Value>> fieldsCache;
    // _prefetched_objects_cache: cache name → QuerySet with a filled result cache.
    std::vector<std::pair<std::string, py::Value>> prefetched;

    // A value where Django expects a model instance, with a lazy proxy (request.user, a
    // SimpleLazyObject) resolved: Django's isinstance() checks see through the proxy's
    // __class__, so the ORM accepts it wherever it accepts the object behind it.
    static py::Value unwrapLazy(py::Interpreter& interp, py::Value value);
    // The model instance behind `value` (resolving a lazy proxy), or nullptr.
    static ModelInstance* from(py::Interpreter& interp, py::Value value);

    py::Value pkValue() const { return values.front(); }
    const py::Value* cached(const void* key) const;
    void setCached(const void* key, py::Value value);
    void clearCached(const void* key);
    const py::Value* prefetchedFor(std::string_view cacheName) const;
    void setPrefetched(const std::string& cacheName, py::Value qs);

    // Column value by field index, loading a deferred field first (refresh_from_db).
    py::Value column(std::size_t index);
    // Sets a column (clears a cached related object whose id no longer matches, as
    // ForeignKeyDeferredAttribute.__set__ does).
    void setColumn(std::size_t index, py::Value value);

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    bool setAttr(py::Interpreter& interp, std::string_view name, py::Value value) override;
    std::optional<std::string> repr(py::Interpreter& interp) override;
    std::optional<std::string> str(py::Interpreter& interp) override;
    std::optional<bool> equals(py::Interpreter& interp, py::Value other) override;
    std::optional<std::size_t> hash(py::Interpreter& interp) override;
    void trace(py::Tracer& t) override;
};

} // namespace pipelab::django::models
