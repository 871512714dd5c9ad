// Q: combination as Django's Q._combine does it (an empty side yields the other one).
#include "sim/django/db/q.h"

#include <algorithm>

namespace pipelab::django::db {

Q::Q(std::string lookup, QValue value)
{
    // A keyword Q is a node with one child, as Q(a=1) is in Django.
    Q leaf;
    leaf.condition = Condition{std::move(lookup), std::move(value)};
    children.push_back(std::move(leaf));
}

Q Q::kwargs(std::vector<std::pair<std::string, QValue>> items)
{
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Q node;
    for (auto& [k, v] : items) {
        Q leaf;
        leaf.condition = Condition{k, std::move(v)};
        node.children.push_back(std::move(leaf));
    }
    return node;
}

static Q combine(Q a, Q b, Q::Connector conn)
{
    if (b.empty())
        return a;
    if (a.empty())
        return b;
    Q node;
    node.connector = conn;
    // tree.Node.add squashing: a same-connector, non-negated left side is extended.
    auto add = [&node, conn](Q child) {
        if (!child.isLeaf() && !child.negated && (child.connector == conn || child.children.size() == 1)) {
            for (Q& c : child.children)
                node.children.push_back(std::move(c));
        } else {
            node.children.push_back(std::move(child));
        }
    };
    add(std::move(a));
    add(std::move(b));
    return node;
}

Q operator&(Q a, Q b) { return combine(std::move(a), std::move(b), Q::Connector::And); }
Q operator|(Q a, Q b) { return combine(std::move(a), std::move(b), Q::Connector::Or); }

Q operator~(Q a)
{
    // Q.__invert__: a new AND node adds `a` (squashing it when it is a plain node), then negates.
    Q node;
    if (!a.isLeaf() && !a.negated && (a.connector == Q::Connector::And || a.children.size() == 1)) {
        node.children = std::move(a.children);
    } else {
        node.children.push_back(std::move(a));
    }
    node.negated = true;
    return node;
}

} // namespace pipelab::django::db
