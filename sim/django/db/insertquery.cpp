// InsertQuery: INSERT text (VALUES or SELECT ... UNION ALL) and the store inserts, with
// OR IGNORE skipping rows that would break a unique column or a through table's pair.
#include "sim/django/db/insertquery.h"

#include <algorithm>

namespace pipelab::django::db {

InsertQuery::InsertQuery(const ModelMeta& model, Row values) : InsertQuery(model, {std::move(values)}, false, false) {}

InsertQuery::InsertQuery(const ModelMeta& model, std::vector<Row> rows, bool bulk, bool ignoreConflicts)
    : model_(&model), rows_(std::move(rows)), bulk_(bulk), ignoreConflicts_(ignoreConflicts)
{
    for (Row& r : rows_) {
        r.resize(model.fields.size());
        for (std::size_t i = 0; i < model.fields.size(); ++i)
            r[i] = prepSave(model.fields[i], r[i]);
    }
}

std::vector<InsertQuery> InsertQuery::bulk(const ModelMeta& model, std::vector<Row> rows, bool ignoreConflicts)
{
    std::vector<Row> withPk;
    std::vector<Row> withoutPk;
    for (Row& r : rows)
        (r.empty() || r[0].isNull() ? withoutPk : withPk).push_back(std::move(r));
    std::vector<InsertQuery> out;
    auto batches = [&](std::vector<Row>& group, std::size_t columns) {
        const std::size_t size = columns == 1 ? 500 : std::max<std::size_t>(1, 999 / columns);
        for (std::size_t i = 0; i < group.size(); i += size) {
            std::vector<Row> batch(group.begin() + static_cast<std::ptrdiff_t>(i),
                group.begin() + static_cast<std::ptrdiff_t>(std::min(group.size(), i + size)));
            out.push_back(InsertQuery(model, std::move(batch), true, ignoreConflicts));
        }
    };
    batches(withPk, model.fields.size());
    batches(withoutPk, model.fields.size() - 1);
    return out;
}

std::string InsertQuery::sql() const
{
    if (rows_.empty())
        return {};
    const bool withPk = !rows_.front()[0].isNull();
    std::string cols;
    for (std::size_t i = withPk ? 0 : 1; i < model_->fields.size(); ++i)
        cols += (cols.empty() ? "\"" : ", \"") + model_->fields[i].column + "\"";
    auto valuesOf = [&](const Row& r) {
        std::string vals;
        for (std::size_t i = withPk ? 0 : 1; i < model_->fields.size(); ++i)
            vals += (vals.empty() ? "" : ", ") + r[i].sqlLiteral();
        return vals;
    };
    std::string sql = std::string("INSERT ") + (ignoreConflicts_ ? "OR IGNORE " : "") + "INTO \"" + model_->dbTable
        + "\" (" + cols + ") ";
    if (!bulk_)
        return sql + "VALUES (" + valuesOf(rows_.front()) + ")";
    for (std::size_t i = 0; i < rows_.size(); ++i)
        sql += (i ? " UNION ALL SELECT " : "SELECT ") + valuesOf(rows_[i]);
    return sql;
}

std::vector<std::int64_t> InsertQuery::execute(Store& store) const
{
    std::vector<std::int64_t> pks;
    const Store::Table* table = store.table(*model_);
    for (const Row& r : rows_) {
        if (ignoreConflicts_ && table) {
            bool conflict = !r[0].isNull() && store.get(*model_, *r[0].asInt());
            for (const auto& [pk, existing] : table->rows) {
                if (conflict)
                    break;
                for (std::size_t i = 1; i < model_->fields.size(); ++i)
                    if (model_->fields[i].unique && !r[i].isNull() && existing[i] == r[i])
                        conflict = true;
                // An auto-created through table is unique on its (from, to) pair.
                if (model_->autoCreated && existing[1] == r[1] && existing[2] == r[2])
                    conflict = true;
            }
            if (conflict)
                continue;
        }
        pks.push_back(store.insert(*model_, r));
    }
    return pks;
}

} // namespace pipelab::django::db
