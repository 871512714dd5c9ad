// DeleteQuery: DELETE text (single alias or pk subquery) and row removal.
#include "sim/django/db/deletequery.h"

#include "sim/django/db/queryevaluator.h"
#include "sim/django/db/sqlcompiler.h"

#include <algorithm>

namespace pipelab::django::db {

DeleteQuery::DeleteQuery(const Query& query) : query_(query.chain()) {}

std::vector<DeleteQuery> DeleteQuery::batches(const ModelMeta& model, const std::vector<std::int64_t>& pks)
{
    std::vector<DeleteQuery> out;
    for (std::size_t offset = 0; offset < pks.size(); offset += 100) {
        std::vector<DbValue> chunk;
        for (std::size_t i = offset; i < std::min(pks.size(), offset + 100); ++i)
            chunk.emplace_back(pks[i]);
        Query q(model);
        q.addQ(Q(model.pk().attname + "__in", chunk));
        out.emplace_back(q);
    }
    return out;
}

std::string DeleteQuery::sql() const
{
    Query q = query_;
    q.initialAlias();
    const CompiledQuery plain = SQLCompiler::compile(q);
    if (plain.empty)
        return {};
    const std::string table = "\"" + q.model().dbTable + "\"";
    if (q.activeTables() > 1) {
        Query inner = q.chain();
        inner.clearOrdering(true);
        inner.clearSelectRelated();
        inner.setSelectFields({q.model().pk().name});
        Query outer(q.model());
        inner.bumpPrefix(outer);
        const CompiledQuery sub = SQLCompiler::compile(inner);
        return "DELETE FROM " + table + " WHERE " + table + ".\"" + q.model().pk().column + "\" IN (" + sub.sql + ")";
    }
    std::string sql = "DELETE FROM " + table;
    if (plain.plan->where) {
        const std::string w = SQLCompiler::renderWhere(*plain.plan->where, *plain.plan);
        if (!w.empty())
            sql += " WHERE " + w;
    }
    return sql;
}

std::int64_t DeleteQuery::execute(Store& store) const
{
    const ModelMeta& model = query_.model();
    Query pks = query_.chain();
    pks.clearOrdering(true);
    pks.setSelectFields({model.pk().name});
    std::int64_t count = 0;
    for (const Row& r : QueryEvaluator(store).execute(pks))
        if (const auto pk = r.at(0).asInt(); pk && store.remove(model, *pk))
            ++count;
    return count;
}

} // namespace pipelab::django::db
