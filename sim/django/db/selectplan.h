// SelectPlan: one SELECT as SQLCompiler laid it out (Django's compiler state after
// pre_sql_setup): the final alias map, the select list, where/having, GROUP BY, ORDER BY and
// limits. The SQL text is rendered from it and QueryEvaluator executes the very same plan, so
// the rows always belong to the SQL that was logged.
#pragma once

#include "sim/django/db/query.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::db {

// Where each model's columns sit in a result row (Django's klass_info).
struct KlassInfo {
    const ModelMeta* model = nullptr;
    std::vector<const Field*> fields; // loaded fields, in column order
    std::size_t firstColumn = 0;      // fields[i] is column firstColumn + i
    const Field* field = nullptr;     // select_related: the ForeignKey followed from the parent
    std::vector<KlassInfo> related;   // select_related children
};

struct SelectItem {
    Expression expr;
    std::string alias; // "AS alias" ("" for plain columns)
    bool extra = false; // an extra(select=...) column: rendered "(sql)"
};

struct OrderItem {
    Expression expr;
    bool descending = false;
    std::optional<std::size_t> selectIndex; // ORDER BY refers to a selected annotation by alias
};

struct SelectPlan {
    std::vector<Join> joins; // active aliases (refcount > 0), base first
    std::vector<SelectItem> select;
    std::size_t visibleColumns = 0; // select columns the caller reads (distinct-order extras excluded)
    std::optional<KlassInfo> klassInfo;
    std::vector<std::pair<std::string, std::size_t>> annotationColumns;
    bool distinct = false;
    std::optional<WhereNode> where;
    std::optional<WhereNode> having;
    std::vector<SelectItem> groupBy; // extra items group by their "(sql)" (exists()'s "(1)")
    bool grouped = false; // aggregates in the select or GROUP BY: rows are groups
    std::vector<OrderItem> orderBy;
    std::int64_t lowMark = 0;
    std::optional<std::int64_t> highMark;
    std::shared_ptr<const SelectPlan> fromSubquery; // SELECT COUNT(*) FROM (...) subquery
    std::vector<std::string> localAliases;          // aliases of this query (for quoting)
    std::vector<std::string> tableNames;            // tables of this query (never left unquoted)
};

// The outcome of compiling a Query: SQL text as connection.queries shows it, or `empty` when
// Django's compiler raises EmptyResultSet and sends nothing (none(), an empty IN list).
struct CompiledQuery {
    bool empty = false;
    std::string sql;
    std::shared_ptr<const SelectPlan> plan;
};

} // namespace pipelab::django::db
