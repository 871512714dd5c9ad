// InsertQuery: INSERT statements as Django 3.2 sends them on SQLite (SQLInsertCompiler):
// Model.save()/create() — "INSERT INTO "t" ("c1", ...) VALUES (v1, ...)" (no RETURNING; the id
// comes from lastrowid); bulk_create() and a related manager's add() — "INSERT [OR IGNORE] INTO
// "t" ("c1", ...) SELECT v1, ... UNION ALL SELECT ...", in batches of 999 // columns rows.
#pragma once

#include "sim/django/db/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pipelab::django::db {

class InsertQuery {
public:
    // Model.save() of a new row. `values` has one entry per model field (ModelMeta::fields
    // order); a null pk leaves the AutoField out and the store assigns the next id.
    InsertQuery(const ModelMeta& model, Row values);

    // bulk_create(objs, ignore_conflicts=...): one statement per batch. Rows are full rows as
    // above; as Django does, rows with a pk are sent first, then rows without one.
    static std::vector<InsertQuery> bulk(const ModelMeta& model, std::vector<Row> rows, bool ignoreConflicts = false);

    std::string sql() const;
    // Inserts the rows; returns their pks (a row skipped by OR IGNORE gives no pk).
    std::vector<std::int64_t> execute(Store& store) const;

private:
    InsertQuery(const ModelMeta& model, std::vector<Row> rows, bool bulk, bool ignoreConflicts);

    const ModelMeta* model_;
    std::vector<Row> rows_;
    bool bulk_ = false;
    bool ignoreConflicts_ = false;
};

} // namespace pipelab::django::db
