// Store: the in-memory database. One table per model (through models included): rows keyed by
// primary key in rowid order, with an index per ForeignKey column so that reverse and
// prefetch look-ups ("WHERE customer_id IN (...)") touch only matching rows.
#pragma once

#include "sim/django/db/modelmeta.h"

#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

namespace pipelab::django::db {

using Row = std::vector<DbValue>; // one value per ModelMeta::fields entry, in order

class Store {
public:
    struct Table {
        std::map<std::int64_t, Row> rows; // pk → row, iterated in pk (rowid) order
        // field index → FK value → pks having it (ordered, as an index scan returns them)
        std::unordered_map<std::size_t, std::unordered_map<std::int64_t, std::set<std::int64_t>>> fkIndex;
        std::int64_t lastId = 0; // AUTOINCREMENT-free SQLite: max(rowid) + 1 for the next insert
    };

    // Inserts a row; a null pk gets the next id. Values are prepared per field; missing trailing
    // values get field defaults. Returns the pk. Throws FieldError on a duplicate pk.
    std::int64_t insert(const ModelMeta& model, Row values);
    // Replaces the stored values of row `pk` (all columns); false if no such row.
    bool update(const ModelMeta& model, std::int64_t pk, const Row& values);
    bool remove(const ModelMeta& model, std::int64_t pk);

    const Row* get(const ModelMeta& model, std::int64_t pk) const;
    const Table* table(const ModelMeta& model) const;
    // Pks of rows whose FK column (field index) equals `value`, in pk order; empty if none.
    const std::set<std::int64_t>& byForeignKey(const ModelMeta& model, std::size_t fieldIndex, std::int64_t value) const;
    std::size_t count(const ModelMeta& model) const;

private:
    Table& tableFor(const ModelMeta& model) { return tables_[&model]; }
    void indexRow(const ModelMeta& model, Table& t, std::int64_t pk, const Row& row, bool add);
    std::unordered_map<const ModelMeta*, Table> tables_;
};

} // namespace pipelab::django::db
