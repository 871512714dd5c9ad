// ManagerObject: django.db.models.Manager (user code may subclass it and override
// get_queryset) and the related managers Django builds from the default manager's class for
// reverse ForeignKeys (customer.orders) and many-to-many fields (product.tags, tag.products):
// their get_queryset() serves the prefetch cache or filters by the instance, and they add
// add/remove/clear/set/create. Every QuerySet method is proxied to get_queryset().
#pragma once

#include "sim/django/models/modelbinding.h"
#include "sim/python/instance.h"

#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::models {

class ModelInstance;
class OrmContext;
class QuerySetObject;

class ManagerObject final : public py::InstanceObject {
public:
    struct Relation {
        enum class Kind { ReverseForeignKey, ManyToMany };
        Kind kind = Kind::ReverseForeignKey;
        ModelInstance* instance = nullptr;
        const db::Field* field = nullptr; // the ForeignKey (on the managed model) or the ManyToManyField
        bool reverse = false;             // ManyToMany: seen from the field's target
        std::string cacheName;            // key in the instance's prefetch cache
    };

    explicit ManagerObject(py::ClassObject* cls) : InstanceObject(cls) {}

    OrmContext* ctx = nullptr;
    ModelBinding* model = nullptr; // set when the manager is attached to a model class
    std::string name;
    std::optional<Relation> relation;

    static ManagerObject* related(OrmContext& ctx, ModelBinding& target, Relation relation);

    // What the proxied QuerySet methods start from: get_queryset() (user overrides included).
    py::Value getQueryset(py::Interpreter& interp);
    // Manager.get_queryset() of the base class: a fresh QuerySet of the model.
    QuerySetObject* baseQueryset();
    // RelatedManager._apply_rel_filters(queryset).
    QuerySetObject* applyRelFilters(QuerySetObject* qs);
    // The instances' relation values for prefetching and the queryset to fetch them with
    // (get_prefetch_queryset); see Prefetcher.
    QuerySetObject* prefetchQueryset(const std::vector<ModelInstance*>& instances, QuerySetObject* base);
    // The model of the through table columns (ManyToMany): source and target FK on the through model.
    const db::Field& sourceField() const;
    const db::Field& targetField() const;

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    std::optional<py::Value> descrGet(py::Interpreter& interp, py::Value instance, py::ClassObject* owner) override;
    std::optional<std::string> repr(py::Interpreter& interp) override;
    void trace(py::Tracer& t) override;

    static py::ClassObject* createClass(OrmContext& ctx);
};

} // namespace pipelab::django::models
