// UpdateQuery: SET list rendering, the pk subquery form and row-by-row application.
#include "sim/django/db/updatequery.h"

#include "sim/django/db/queryevaluator.h"
#include "sim/django/db/sqlcompiler.h"

#include <functional>

namespace pipelab::django::db {

namespace {

DbValue evalOnRow(const Expression& e, const ModelMeta& model, const Row& row)
{
    switch (e.kind) {
    case Expression::Kind::Col:
        return row.at(model.fieldIndex(*e.field));
    case Expression::Kind::Value:
        return e.value;
    case Expression::Kind::Combined:
        return sqlArithmetic(e.name, evalOnRow(e.args.at(0), model, row), evalOnRow(e.args.at(1), model, row));
    default:
        throw FieldError("Aggregate functions are not allowed in this query");
    }
}

} // namespace

UpdateQuery::UpdateQuery(const Query& query, const std::vector<std::pair<std::string, QValue>>& assignments)
    : query_(query.chain())
{
    const ModelMeta& model = query.model();
    for (const auto& [name, value] : assignments) {
        const Field* f = model.field(name);
        if (!f)
            f = model.fieldByAttname(name);
        if (!f)
            throw FieldError(model.objectName + " has no field named '" + name + "'");
        if (f->isManyToMany())
            throw FieldError("Cannot update model field <ManyToManyField: " + f->name + "> (only non-relations and foreign keys permitted).");
        if (const auto* expr = std::get_if<Expression>(&value)) {
            Expression resolved = *expr;
            std::function<void(Expression&)> resolve = [&](Expression& x) {
                if (x.kind == Expression::Kind::F)
                    x = query_.resolveRef(x.name, nullptr, false);
                for (Expression& a : x.args)
                    resolve(a);
            };
            resolve(resolved);
            values_.emplace_back(f, std::move(resolved));
        } else if (const auto* v = std::get_if<DbValue>(&value)) {
            values_.emplace_back(f, Expression::literal(prepSave(*f, *v)));
        } else {
            throw ValueError("update(): a list is not a value for " + name);
        }
    }
}

UpdateQuery UpdateQuery::forSave(const ModelMeta& model, const Row& values)
{
    Query q(model);
    q.addQ(Q(model.pk().name, values.at(0)));
    std::vector<std::pair<std::string, QValue>> assignments;
    for (std::size_t i = 1; i < model.fields.size(); ++i)
        assignments.emplace_back(model.fields[i].name, i < values.size() ? values[i] : DbValue());
    return UpdateQuery(q, assignments);
}

std::string UpdateQuery::sql() const
{
    if (values_.empty())
        return {};
    Query q = query_;
    q.initialAlias();
    std::string where;
    CompiledQuery plain = SQLCompiler::compile(q);
    if (plain.empty)
        return {};
    if (q.activeTables() > 1) {
        // pk__in subquery with the filter's joins (update_can_self_select on SQLite).
        Query inner = q.chain();
        inner.clearOrdering(true);
        inner.clearSelectRelated();
        inner.setSelectFields({q.model().pk().name});
        Query outer(q.model());
        inner.bumpPrefix(outer);
        const CompiledQuery sub = SQLCompiler::compile(inner);
        where = "\"" + q.model().dbTable + "\".\"" + q.model().pk().column + "\" IN (" + sub.sql + ")";
    } else if (plain.plan->where) {
        where = SQLCompiler::renderWhere(*plain.plan->where, *plain.plan);
    }
    std::string sets;
    for (const auto& [field, expr] : values_) {
        sets += sets.empty() ? "" : ", ";
        sets += "\"" + field->column + "\" = ";
        sets += expr.kind == Expression::Kind::Value && expr.value.isNull() ? "NULL" : SQLCompiler::renderExpression(expr, *plain.plan);
    }
    std::string sql = "UPDATE \"" + q.model().dbTable + "\" SET " + sets;
    if (!where.empty())
        sql += " WHERE " + where;
    return sql;
}

std::int64_t UpdateQuery::execute(Store& store) const
{
    if (values_.empty())
        return 0;
    const ModelMeta& model = query_.model();
    Query pks = query_.chain();
    pks.clearOrdering(true);
    pks.setSelectFields({model.pk().name});
    const std::vector<Row> rows = QueryEvaluator(store).execute(pks);
    std::int64_t count = 0;
    for (const Row& r : rows) {
        const auto pk = r.at(0).asInt();
        const Row* current = pk ? store.get(model, *pk) : nullptr;
        if (!current)
            continue;
        Row updated = *current;
        for (const auto& [field, expr] : values_)
            updated[model.fieldIndex(*field)] = evalOnRow(expr, model, *current);
        store.update(model, *pk, updated);
        ++count;
    }
    return count;
}

} // namespace pipelab::django::db
