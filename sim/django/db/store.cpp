// Store: rows, FK indexes and the insert/update/delete primitives writes are built on.
#include "sim/django/db/store.h"

#include "sim/django/db/modelregistry.h"

namespace pipelab::django::db {

void Store::indexRow(const ModelMeta& model, Table& t, std::int64_t pk, const Row& row, bool add)
{
    for (std::size_t i = 0; i < model.fields.size() && i < row.size(); ++i) {
        if (!model.fields[i].isForeignKey())
            continue;
        const auto v = row[i].asInt();
        if (!v)
            continue;
        auto& bucket = t.fkIndex[i][*v];
        if (add)
            bucket.insert(pk);
        else
            bucket.erase(pk);
    }
}

std::int64_t Store::insert(const ModelMeta& model, Row values)
{
    Table& t = tableFor(model);
    values.resize(model.fields.size());
    for (std::size_t i = 1; i < model.fields.size(); ++i)
        values[i] = prepSave(model.fields[i], values[i]);
    std::int64_t pk = 0;
    if (const auto given = values[0].asInt()) {
        pk = *given;
        if (t.rows.count(pk))
            throw FieldError("UNIQUE constraint failed: " + model.dbTable + ".id");
    } else {
        pk = (t.rows.empty() ? 0 : t.rows.rbegin()->first) + 1;
    }
    values[0] = pk;
    t.lastId = std::max(t.lastId, pk);
    indexRow(model, t, pk, values, true);
    t.rows.emplace(pk, std::move(values));
    return pk;
}

bool Store::update(const ModelMeta& model, std::int64_t pk, const Row& values)
{
    Table& t = tableFor(model);
    const auto it = t.rows.find(pk);
    if (it == t.rows.end())
        return false;
    indexRow(model, t, pk, it->second, false);
    Row prepared = values;
    prepared.resize(model.fields.size());
    for (std::size_t i = 1; i < model.fields.size(); ++i)
        prepared[i] = prepSave(model.fields[i], prepared[i]);
    prepared[0] = pk;
    it->second = std::move(prepared);
    indexRow(model, t, pk, it->second, true);
    return true;
}

bool Store::remove(const ModelMeta& model, std::int64_t pk)
{
    Table& t = tableFor(model);
    const auto it = t.rows.find(pk);
    if (it == t.rows.end())
        return false;
    indexRow(model, t, pk, it->second, false);
    t.rows.erase(it);
    return true;
}

const Row* Store::get(const ModelMeta& model, std::int64_t pk) const
{
    const Table* t = table(model);
    if (!t)
        return nullptr;
    const auto it = t->rows.find(pk);
    return it == t->rows.end() ? nullptr : &it->second;
}

const Store::Table* Store::table(const ModelMeta& model) const
{
    const auto it = tables_.find(&model);
    return it == tables_.end() ? nullptr : &it->second;
}

const std::set<std::int64_t>& Store::byForeignKey(const ModelMeta& model, std::size_t fieldIndex, std::int64_t value) const
{
    static const std::set<std::int64_t> none;
    const Table* t = table(model);
    if (!t)
        return none;
    const auto fi = t->fkIndex.find(fieldIndex);
    if (fi == t->fkIndex.end())
        return none;
    const auto vi = fi->second.find(value);
    return vi == fi->second.end() ? none : vi->second;
}

std::size_t Store::count(const ModelMeta& model) const
{
    const Table* t = table(model);
    return t ? t->rows.size() : 0;
}

} // namespace pipelab::django::db
