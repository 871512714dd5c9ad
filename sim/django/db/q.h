// Q: Django's Q object — a tree of filter conditions ("customer__name__icontains", value) joined
// by AND/OR, possibly negated. filter(**kwargs) is Q::kwargs (sorted by keyword, as Django's
// Q.__init__ sorts kwargs); exclude(...) adds the negation.
#pragma once

#include "sim/django/db/expression.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pipelab::django::db {

class Query;

// The right-hand side of a filter keyword: a value, a list (in, range), an expression (F()) or
// a queryset's query (pk__in=qs, customer__in=qs: "IN (SELECT U0."id" ...)").
using QValue = std::variant<DbValue, std::vector<DbValue>, Expression, std::shared_ptr<const Query>>;

struct Q {
    enum class Connector { And, Or };

    struct Condition {
        std::string lookup; // "customer__name__icontains"
        QValue value;
    };

    Connector connector = Connector::And;
    bool negated = false;
    std::optional<Condition> condition; // a leaf: one keyword
    std::vector<Q> children;            // a node

    Q() = default;
    Q(std::string lookup, QValue value);
    // filter(**kwargs): one node with the keywords as children, sorted by keyword.
    static Q kwargs(std::vector<std::pair<std::string, QValue>> items);

    bool isLeaf() const { return condition.has_value(); }
    bool empty() const { return !condition && children.empty(); }
};

Q operator&(Q a, Q b);
Q operator|(Q a, Q b);
Q operator~(Q a);

} // namespace pipelab::django::db
