// WhereNode: Django's resolved where tree (sql.where.WhereNode). A node is AND/OR over children,
// possibly negated; a leaf is one Lookup (lhs expression, lookup name, rhs expressions), an
// EXISTS(subquery) (exclude across a multi-valued relation), or "nothing" (an empty IN list,
// none()), which Django's compiler turns into EmptyResultSet.
#pragma once

#include "sim/django/db/expression.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::db {

class Query;

struct Lookup {
    std::string name; // exact iexact contains icontains startswith endswith gt gte lt lte in range isnull
    Expression lhs;
    std::vector<Expression> rhs; // exact/gt/...: one; in: many; range: two; isnull: one bool Value
};

struct WhereNode {
    enum class Connector { And, Or };
    Connector connector = Connector::And;
    bool negated = false;
    std::vector<WhereNode> children;
    std::optional<Lookup> lookup;        // leaf
    std::shared_ptr<const Query> exists; // leaf: EXISTS(subquery)
    bool nothing = false;                // leaf: matches no row

    static WhereNode leaf(Lookup l);
    bool isLeaf() const { return lookup.has_value() || exists || nothing; }
    bool empty() const { return !isLeaf() && children.empty(); }
    bool containsAggregate() const;
    // tree.Node.add(data, conn_type) with squashing, as Django builds where trees.
    void add(WhereNode data, Connector conn);
};

} // namespace pipelab::django::db
