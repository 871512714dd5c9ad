// DeleteQuery: the DELETE statements Django 3.2 sends on SQLite — a fast delete of a queryset
// ("DELETE FROM "t" WHERE <filter>", single table) and the collector's batches
// ("DELETE FROM "t" WHERE "t"."id" IN (1, 2)", 100 pks per statement). Deciding between them
// (cascades, signals) is the Collector's job in the binding layer.
#pragma once

#include "sim/django/db/query.h"
#include "sim/django/db/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pipelab::django::db {

class DeleteQuery {
public:
    // A fast delete of the rows `query` matches.
    explicit DeleteQuery(const Query& query);
    // delete_batch: rows by pk, in chunks of GET_ITERATOR_CHUNK_SIZE (100).
    static std::vector<DeleteQuery> batches(const ModelMeta& model, const std::vector<std::int64_t>& pks);

    std::string sql() const; // empty when nothing is sent
    std::int64_t execute(Store& store) const; // rows deleted

private:
    Query query_;
};

} // namespace pipelab::django::db
