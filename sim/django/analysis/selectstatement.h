// SelectStatement: the few SELECT shapes Django 3.2 sends when a relation or a deferred field is
// loaded for one instance, or a QuerySet is counted, parsed from the SQL text the trace holds:
//   SELECT "t"."a", "t"."b" FROM "t" WHERE "t"."id" = 7 LIMIT 21
//   SELECT ... FROM "child" WHERE "child"."parent_id" = 7 ORDER BY ...
//   SELECT ... FROM "tag" INNER JOIN "x_tags" ON ("tag"."id" = "x_tags"."tag_id") WHERE "x_tags"."x_id" = 7
//   SELECT COUNT(*) AS "__count" FROM "t" WHERE ...
// Anything else does not parse (the detector then says nothing about it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::analysis {

struct ColumnRef {
    std::string table;
    std::string column;
    bool operator==(const ColumnRef&) const = default;
};

struct SelectStatement {
    bool count = false;             // SELECT COUNT(*) AS "__count"
    std::vector<ColumnRef> columns; // the select list (empty for a count)
    std::string from;
    std::string joinTable;          // INNER JOIN "joinTable" ON (...), "" if none
    std::string where;              // the WHERE clause's text, "" if none
    std::optional<ColumnRef> whereEquals; // set when WHERE is one `"t"."c" = <integer>`
    bool limited = false;           // LIMIT present

    static std::optional<SelectStatement> parse(std::string_view sql);
};

} // namespace pipelab::django::analysis
