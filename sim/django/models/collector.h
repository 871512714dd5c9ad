// Collector: django/db/models/deletion.py — what Model.delete() and QuerySet.delete() send:
// fast deletes where nothing depends on the rows, otherwise the rows are collected (SELECT),
// CASCADE follows reverse relations (through tables included), PROTECT raises ProtectedError,
// SET_NULL becomes an UPDATE, then DELETE ... WHERE id IN (...) per model in dependency order,
// inside one atomic block (BEGIN), except the single-object fast path.
#pragma once

#include "sim/django/models/modelbinding.h"
#include "sim/python/value.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::django::models {

class ModelInstance;
class OrmContext;
class QuerySetObject;

class Collector {
public:
    explicit Collector(OrmContext& ctx) : ctx_(ctx) {}

    // Model.delete(): (deleted, {label: count}).
    py::Value deleteInstance(ModelInstance& instance);
    // QuerySet.delete().
    py::Value deleteQuerySet(QuerySetObject& qs);

private:
    bool canFastDelete(const db::ModelMeta& model, const db::Field* fromField) const;
    void collect(std::vector<ModelInstance*> objs, const db::ModelMeta* source, bool nullable);
    std::vector<ModelInstance*> add(const std::vector<ModelInstance*>& objs, const db::ModelMeta* source, bool nullable);
    py::Value run();

    OrmContext& ctx_;
    // data: model → collected instances (insertion-ordered models)
    std::vector<std::pair<const db::ModelMeta*, std::vector<ModelInstance*>>> data_;
    std::map<const db::ModelMeta*, std::vector<const db::ModelMeta*>> dependencies_;
    std::vector<QuerySetObject*> fastDeletes_;
    // (field, instances) to set NULL
    std::vector<std::pair<const db::Field*, std::vector<ModelInstance*>>> fieldUpdates_;
};

} // namespace pipelab::django::models
