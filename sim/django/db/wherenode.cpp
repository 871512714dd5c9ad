// WhereNode: Django's Node.add squashing rules, so the tree (and thus the parentheses in the
// SQL) has Django's shape.
#include "sim/django/db/wherenode.h"

#include <algorithm>

namespace pipelab::django::db {

WhereNode WhereNode::leaf(Lookup l)
{
    WhereNode n;
    n.lookup = std::move(l);
    return n;
}

bool WhereNode::containsAggregate() const
{
    if (lookup)
        return lookup->lhs.containsAggregate()
            || std::any_of(lookup->rhs.begin(), lookup->rhs.end(), [](const Expression& e) { return e.containsAggregate(); });
    return std::any_of(children.begin(), children.end(), [](const WhereNode& c) { return c.containsAggregate(); });
}

void WhereNode::add(WhereNode data, Connector conn)
{
    if (connector == conn) {
        if (!data.isLeaf() && !data.negated && (data.connector == conn || data.children.size() == 1)) {
            for (WhereNode& c : data.children)
                children.push_back(std::move(c));
        } else {
            children.push_back(std::move(data));
        }
        return;
    }
    WhereNode old;
    old.connector = connector;
    old.negated = negated;
    old.children = std::move(children);
    children.clear();
    connector = conn;
    negated = false;
    children.push_back(std::move(old));
    children.push_back(std::move(data));
}

} // namespace pipelab::django::db
