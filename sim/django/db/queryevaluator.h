// QueryEvaluator: runs a compiled SELECT against the Store with SQLite's semantics — joins
// (INNER drops, LEFT OUTER pads with NULL, reverse/M2M joins multiply rows), three-valued
// WHERE logic, LIKE (ASCII case-insensitive, ESCAPE '\'), GROUP BY/aggregates/HAVING, DISTINCT,
// ORDER BY (NULLs first ascending), LIMIT/OFFSET — so row counts match what SQLite returns.
// Primary-key and ForeignKey equality/IN filters on the base table use the Store's indexes.
#pragma once

#include "sim/django/db/selectplan.h"
#include "sim/django/db/store.h"

#include <vector>

namespace pipelab::django::db {

class QueryEvaluator {
public:
    explicit QueryEvaluator(const Store& store) : store_(store) {}

    // The result rows of a compiled query, each plan->visibleColumns wide, in SQLite's order.
    // An `empty` CompiledQuery (nothing sent) yields no rows.
    std::vector<Row> execute(const CompiledQuery& compiled) const;

    // Convenience: compile + execute.
    std::vector<Row> execute(const Query& query) const;

private:
    const Store& store_;
};

// SQLite arithmetic: NULL propagates, integer division for integers, x/0 is NULL.
DbValue sqlArithmetic(const std::string& op, const DbValue& a, const DbValue& b);

// SQLite's LIKE with ESCAPE '\': % and _ wildcards, ASCII case-insensitive.
bool sqlLike(const std::string& text, const std::string& pattern, char escape = '\\');

} // namespace pipelab::django::db
