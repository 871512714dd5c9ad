// QuerySetObject: django.db.models.QuerySet — a lazy db::Query plus Django's evaluation state:
// the result cache (_result_cache), the iterable class (model instances, values() dicts,
// values_list() tuples, flat values), prefetch_related lookups, and the known related objects a
// related manager attaches (so `customer.orders.all()` yields orders whose .customer is that
// customer, without a query). Every chained method clones (QuerySet._chain) and the clone
// starts with an empty cache; evaluation happens exactly where Django evaluates.
#pragma once

#include "sim/django/db/query.h"
#include "sim/django/db/selectplan.h"
#include "sim/django/db/store.h"
#include "sim/python/function.h"
#include "sim/django/models/modelbinding.h"
#include "sim/python/object.h"

#include <optional>
#include <string>
#include <vector>

namespace pipelab::py {
class ListObject;
}

namespace pipelab::django::models {

class OrmContext;

class QuerySetObject final : public py::Object {
public:
    enum class Iterable { Model, Values, ValuesList, NamedValuesList, FlatValuesList };

    struct KnownRelated {
        const db::Field* field = nullptr; // the ForeignKey on this queryset's model
        py::Value instance;               // the object it points to
    };

    QuerySetObject(py::ClassObject* cls, OrmContext& ctx, ModelBinding& model, db::Query query);

    static QuerySetObject* create(OrmContext& ctx, ModelBinding& model);
    static QuerySetObject* create(OrmContext& ctx, ModelBinding& model, db::Query query);

    OrmContext* ctx;
    ModelBinding* model;
    db::Query query;
    Iterable iterable = Iterable::Model;
    std::vector<std::string> fields;    // values()/values_list() names (_fields)
    bool valuesCalled = false;          // _fields is not None
    py::ListObject* resultCache = nullptr;
    std::vector<py::Value> prefetchLookups; // str or Prefetch
    bool prefetchDone = false;
    std::optional<KnownRelated> knownRelated;

    // QuerySet._chain(): a copy with the query chained and no result cache.
    QuerySetObject* chain() const;
    // _fetch_all(): evaluates once (the query, then prefetch_related).
    void fetchAll();
    // Runs the query now and builds the results (no caching): the iterable's objects.
    std::vector<py::Value> run() const;
    std::vector<py::Value>& results();

    // filter()/exclude() on a clone (TypeError once sliced).
    QuerySetObject* filterOrExclude(bool negate, const db::Q& q) const;
    // get(): the one object, or DoesNotExist / MultipleObjectsReturned.
    py::Value get(const db::Q& q) const;
    std::int64_t count();
    bool exists();

    // Python protocol.
    py::Object* iter(py::Interpreter& interp) override;
    std::optional<std::int64_t> len(py::Interpreter& interp) override;
    std::optional<bool> truthy(py::Interpreter& interp) override;
    std::optional<py::Value> getItem(py::Interpreter& interp, py::Value key) override;
    std::optional<std::string> repr(py::Interpreter& interp) override;
    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    void trace(py::Tracer& t) override;

    // The QuerySet class with every method; Manager proxies to the same functions.
    static py::ClassObject* createClass(OrmContext& ctx);
    // (name, function) of the QuerySet methods a Manager proxies (self replaced by
    // get_queryset()); QuerySet-only methods (delete) are left out, as in Django.
    static const std::vector<std::pair<std::string, py::NativeFn>>& managerMethods();

private:
    std::vector<py::Value> buildModels(const std::vector<db::Row>& rows, const db::SelectPlan& plan) const;
    std::vector<py::Value> buildValues(const std::vector<db::Row>& rows, const db::SelectPlan& plan) const;
};

} // namespace pipelab::django::models
