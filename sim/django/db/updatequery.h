// UpdateQuery: QuerySet.update(**kwargs) and Model.save() of an existing row — Django 3.2's
// SQLUpdateCompiler: "UPDATE "t" SET "c" = v, "d" = ("t"."d" + 1) WHERE ...". A filter that
// needs joins becomes "WHERE "t"."id" IN (SELECT U0."id" FROM ...)", as on SQLite.
#pragma once

#include "sim/django/db/query.h"
#include "sim/django/db/store.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::django::db {

class UpdateQuery {
public:
    // `query` supplies the model and the WHERE; each assignment is a field name (or attname)
    // and a value or an expression (F("quantity") + 1). Throws FieldError for unknown fields
    // and for joined references in F().
    UpdateQuery(const Query& query, const std::vector<std::pair<std::string, QValue>>& assignments);

    // Model.save() of an existing instance: every non-pk field, WHERE pk = pk.
    static UpdateQuery forSave(const ModelMeta& model, const Row& values);

    // Empty when Django sends nothing (an empty IN list in the filter).
    std::string sql() const;
    // Applies the update; returns the number of rows matched (Django's return value).
    std::int64_t execute(Store& store) const;

private:
    Query query_;
    std::vector<std::pair<const Field*, Expression>> values_;
};

} // namespace pipelab::django::db
