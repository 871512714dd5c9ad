// SQLCompiler: Query → SQL text exactly as Django 3.2's SQLite backend logs it (Django's
// SQLCompiler.as_sql with parameters inlined as last_executed_query renders them).
// compile() also yields the SelectPlan that QueryEvaluator runs.
#pragma once

#include "sim/django/db/selectplan.h"

#include <string>

namespace pipelab::django::db {

class SQLCompiler {
public:
    // Throws FieldError for invalid select_related names (Django's message) and for names
    // that cannot be resolved.
    static CompiledQuery compile(const Query& query);

    // Renders an expression or a where tree of a plan (used for subqueries and tests).
    // Throws EmptyResultSet as Django's compiler does.
    static std::string renderWhere(const WhereNode& where, const SelectPlan& plan);
    static std::string renderExpression(const Expression& e, const SelectPlan& plan);
    static std::string renderSelect(const SelectPlan& plan, bool withColAliases);

private:
    static std::shared_ptr<SelectPlan> buildPlan(Query q);
};

} // namespace pipelab::django::db
