// ModelBase: django.db.models.Model and its metaclass work — the native base class whose
// subclass hook collects the fields (definition order), `class Meta`, managers, and registers
// the model; the model methods (__init__, save, delete, refresh_from_db); and the writes the
// QuerySet delegates (create, get_or_create, update_or_create, update, bulk_create), each
// sending exactly the statements Django 3.2 sends on SQLite.
#pragma once

#include "sim/django/db/q.h"
#include "sim/django/models/modelbinding.h"
#include "sim/python/callargs.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::django::models {

class ModelInstance;
class OrmContext;
class QuerySetObject;

class ModelBase {
public:
    static py::ClassObject* createClass(OrmContext& ctx);
    // auth.User: a native Model subclass bound to the registry's auth_user model.
    static py::ClassObject* createAuthUser(OrmContext& ctx, const db::ModelMeta& meta);
    // After the models module ran and the registry is final: attribute tables and the
    // auto-created through models' classes.
    static void finalize(OrmContext& ctx);

    // Model.save(force_insert=, force_update=, update_fields=).
    static void save(OrmContext& ctx, ModelInstance& instance, bool forceInsert, bool forceUpdate,
                     std::optional<std::vector<std::string>> updateFields);
    static py::Value create(OrmContext& ctx, ModelBinding& model, const std::vector<std::pair<std::string, py::Value>>& kwargs);
    static py::Value getOrCreate(OrmContext& ctx, QuerySetObject& qs, py::CallArgs& args, bool update);
    // QuerySet.update(): the rows matched.
    static std::int64_t update(OrmContext& ctx, const db::Query& query,
                               const std::vector<std::pair<std::string, db::QValue>>& assignments);
    static py::Value bulkCreate(OrmContext& ctx, ModelBinding& model, std::vector<py::Value> objs, bool ignoreConflicts);
};

} // namespace pipelab::django::models
