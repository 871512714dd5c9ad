// QueryEvaluator: a nested-loop executor over the Store for one SelectPlan (and the EXISTS
// subqueries its WHERE holds).
#include "sim/django/db/queryevaluator.h"

#include "sim/django/db/sqlcompiler.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace pipelab::django::db {

namespace {

enum class Tri { False, True, Unknown };

Tri triNot(Tri t) { return t == Tri::True ? Tri::False : t == Tri::False ? Tri::True : Tri::Unknown; }

Tri fromBool(bool b) { return b ? Tri::True : Tri::False; }

struct RowLess {
    bool operator()(const Row& a, const Row& b) const
    {
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
            const auto c = sqlCompare(a[i], b[i]);
            if (c != 0)
                return c < 0;
        }
        return a.size() < b.size();
    }
};

using Tuple = std::vector<const Row*>; // one stored row (or null) per active alias

class Run {
public:
    Run(const Store& store, const SelectPlan& plan, const Run* outer, const Tuple* outerTuple)
        : store_(store), plan_(plan), outer_(outer), outerTuple_(outerTuple)
    {
        for (std::size_t i = 0; i < plan.joins.size(); ++i)
            aliasIndex_[plan.joins[i].alias] = i;
    }

    std::vector<Row> rows();
    bool any();

private:
    struct Ctx {
        const Tuple* tuple = nullptr;
        const std::vector<const Tuple*>* group = nullptr;
    };

    std::vector<Tuple> joinedRows(bool stopAtFirst);
    void applyJoinOrder(std::vector<Tuple>& tuples) const;
    std::vector<std::int64_t> baseCandidates(bool& indexed) const;
    DbValue colValue(const Expression& e, const Tuple* tuple) const;
    DbValue eval(const Expression& e, const Ctx& ctx) const;
    DbValue aggregate(const Expression& e, const std::vector<const Tuple*>& group) const;
    Tri test(const WhereNode& w, const Ctx& ctx) const;
    Tri testLookup(const Lookup& lk, const Ctx& ctx) const;

    const Store& store_;
    const SelectPlan& plan_;
    const Run* outer_;
    const Tuple* outerTuple_;
    std::unordered_map<std::string, std::size_t> aliasIndex_;
    bool baseIndexed_ = false; // the base rows came from a pk/FK index, not a full scan
    // An uncorrelated IN (SELECT ...) runs once per evaluation, not once per row.
    const std::set<Row, RowLess>& subqueryValues(const Query& q) const
    {
        auto it = subqueryCache_.find(&q);
        if (it == subqueryCache_.end()) {
            std::set<Row, RowLess> values;
            const CompiledQuery c = SQLCompiler::compile(q);
            if (!c.empty) {
                Run inner(store_, *c.plan, nullptr, nullptr);
                for (const Row& r : inner.rows())
                    if (!r.empty() && !r[0].isNull())
                        values.insert(Row{r[0]});
            }
            it = subqueryCache_.emplace(&q, std::move(values)).first;
        }
        return it->second;
    }
    mutable std::map<const Query*, std::set<Row, RowLess>> subqueryCache_;
    // A correlated EXISTS is compiled once and run per outer row.
    mutable std::map<const Query*, CompiledQuery> existsCache_;
};

} // namespace

DbValue sqlArithmetic(const std::string& op, const DbValue& a, const DbValue& b)
{
    if (a.isNull() || b.isNull())
        return {};
    const bool realA = std::holds_alternative<double>(a.variant()) || (std::holds_alternative<Decimal>(a.variant()) && !a.asInt());
    const bool realB = std::holds_alternative<double>(b.variant()) || (std::holds_alternative<Decimal>(b.variant()) && !b.asInt());
    const auto ia = a.asInt();
    const auto ib = b.asInt();
    if (!realA && !realB && ia && ib) {
        if (op == "+")
            return *ia + *ib;
        if (op == "-")
            return *ia - *ib;
        if (op == "*")
            return *ia * *ib;
        if (*ib == 0)
            return {};
        return *ia / *ib;
    }
    const double x = a.asDouble();
    const double y = b.asDouble();
    if (op == "+")
        return x + y;
    if (op == "-")
        return x - y;
    if (op == "*")
        return x * y;
    if (y == 0)
        return {};
    return x / y;
}

namespace {

Tri compare(const DbValue& a, const DbValue& b, const std::string& op)
{
    if (a.isNull() || b.isNull())
        return Tri::Unknown;
    const auto c = sqlCompare(a, b);
    if (op == "exact")
        return fromBool(c == 0);
    if (op == "gt")
        return fromBool(c > 0);
    if (op == "gte")
        return fromBool(c >= 0);
    if (op == "lt")
        return fromBool(c < 0);
    return fromBool(c <= 0);
}

std::string likePatternFor(const std::string& name, const std::string& value)
{
    std::string p;
    for (const char c : value) {
        if (c == '\\' || c == '%' || c == '_')
            p += '\\';
        p += c;
    }
    if (name == "contains" || name == "icontains")
        return "%" + p + "%";
    if (name == "startswith" || name == "istartswith")
        return p + "%";
    if (name == "endswith" || name == "iendswith")
        return "%" + p;
    return p;
}

std::vector<Row> Run::rows()
{
    if (plan_.fromSubquery) {
        Run inner(store_, *plan_.fromSubquery, outer_, outerTuple_);
        const std::size_t n = inner.rows().size();
        Row out;
        for (const SelectItem& s : plan_.select) {
            if (s.expr.kind != Expression::Kind::Aggregate || s.expr.args.at(0).kind != Expression::Kind::Star)
                throw FieldError("aggregate over a subquery is simulated for COUNT(*) only");
            out.push_back(static_cast<std::int64_t>(n));
        }
        return {out};
    }
    const std::vector<Tuple> tuples = joinedRows(false);

    struct Output {
        Row values;
        Row keys;
    };
    std::vector<Output> outputs;
    auto project = [this](const Ctx& ctx) {
        Output o;
        for (const SelectItem& s : plan_.select)
            o.values.push_back(eval(s.expr, ctx));
        for (const OrderItem& item : plan_.orderBy)
            o.keys.push_back(item.selectIndex ? o.values.at(*item.selectIndex) : eval(item.expr, ctx));
        return o;
    };
    if (plan_.grouped) {
        std::map<Row, std::vector<const Tuple*>, RowLess> groups;
        for (const Tuple& t : tuples) {
            Row key;
            Ctx ctx{&t, nullptr};
            for (const SelectItem& g : plan_.groupBy)
                key.push_back(eval(g.expr, ctx));
            groups[key].push_back(&t);
        }
        if (plan_.groupBy.empty() && groups.empty())
            groups[Row{}];
        // SQLite sorts groups by their key, except that a GROUP BY holding the base table's
        // primary key is read straight off the rowid scan: groups come in first-row order.
        std::vector<const std::pair<const Row, std::vector<const Tuple*>>*> order;
        for (const auto& g : groups)
            order.push_back(&g);
        const Join& base = plan_.joins.front();
        const bool byPk = std::any_of(plan_.groupBy.begin(), plan_.groupBy.end(), [&base](const SelectItem& g) {
            return g.expr.kind == Expression::Kind::Col && !g.expr.outer && g.expr.alias == base.alias && g.expr.field
                && g.expr.field->primaryKey;
        });
        if (byPk) {
            std::unordered_map<const Tuple*, std::size_t> position;
            for (std::size_t i = 0; i < tuples.size(); ++i)
                position[&tuples[i]] = i;
            std::stable_sort(order.begin(), order.end(), [&position](const auto* a, const auto* b) {
                const std::size_t pa = a->second.empty() ? 0 : position.at(a->second.front());
                const std::size_t pb = b->second.empty() ? 0 : position.at(b->second.front());
                return pa < pb;
            });
        }
        for (const auto* group : order) {
            const auto& members = group->second;
            Ctx ctx{members.empty() ? nullptr : members.front(), &members};
            if (plan_.having && test(*plan_.having, ctx) != Tri::True)
                continue;
            outputs.push_back(project(ctx));
        }
    } else {
        outputs.reserve(tuples.size());
        for (const Tuple& t : tuples)
            outputs.push_back(project(Ctx{&t, nullptr}));
    }
    if (plan_.distinct) {
        std::set<Row, RowLess> seen;
        std::vector<Output> unique;
        for (Output& o : outputs)
            if (seen.insert(o.values).second)
                unique.push_back(std::move(o));
        outputs = std::move(unique);
    }
    if (!plan_.orderBy.empty()) {
        // SQLite satisfies an ORDER BY led by an indexed column of a fully scanned base table
        // (Django indexes every ForeignKey) by walking that index, so ties come out in rowid
        // order in the index's direction: DESC gives descending ids. Otherwise the sorter keeps
        // the scan order of ties.
        const OrderItem& lead = plan_.orderBy.front();
        const bool indexWalk = !baseIndexed_ && !plan_.grouped && !plan_.distinct && lead.expr.kind == Expression::Kind::Col
            && !lead.expr.outer && lead.expr.alias == plan_.joins.front().alias && lead.expr.field
            && (lead.expr.field->isForeignKey() || lead.expr.field->unique || lead.expr.field->dbIndex);
        if (indexWalk && lead.descending)
            std::reverse(outputs.begin(), outputs.end());
        std::stable_sort(outputs.begin(), outputs.end(), [this](const Output& a, const Output& b) {
            for (std::size_t i = 0; i < plan_.orderBy.size(); ++i) {
                auto c = sqlCompare(a.keys[i], b.keys[i]);
                if (c == 0)
                    continue;
                return plan_.orderBy[i].descending ? c > 0 : c < 0;
            }
            return false;
        });
    }
    std::vector<Row> result;
    const std::size_t begin = static_cast<std::size_t>(std::max<std::int64_t>(0, plan_.lowMark));
    std::size_t end = outputs.size();
    if (plan_.highMark)
        end = std::min(end, static_cast<std::size_t>(std::max<std::int64_t>(0, *plan_.highMark)));
    for (std::size_t i = begin; i < end; ++i) {
        Row r = std::move(outputs[i].values);
        r.resize(plan_.visibleColumns);
        result.push_back(std::move(r));
    }
    return result;
}

bool Run::any()
{
    if (plan_.grouped || plan_.distinct || plan_.lowMark)
        return !rows().empty();
    return !joinedRows(true).empty();
}

// Index use: a top-level AND conjunct "base.pk = v", "base.pk IN (...)", "base.fk = v" or
// "base.fk IN (...)" narrows the base scan (v may be an outer column in a correlated EXISTS).
std::vector<std::int64_t> Run::baseCandidates(bool& indexed) const
{
    indexed = false;
    const Join& base = plan_.joins.front();
    std::vector<const WhereNode*> conjuncts;
    if (plan_.where) {
        const WhereNode& w = *plan_.where;
        if (w.isLeaf())
            conjuncts.push_back(&w);
        else if (w.connector == WhereNode::Connector::And && !w.negated)
            for (const WhereNode& c : w.children)
                if (c.lookup)
                    conjuncts.push_back(&c);
    }
    for (const WhereNode* c : conjuncts) {
        if (!c->lookup || c->negated)
            continue;
        const Lookup& lk = *c->lookup;
        if ((lk.name != "exact" && lk.name != "in") || lk.lhs.kind != Expression::Kind::Col || lk.lhs.outer
            || lk.lhs.alias != base.alias)
            continue;
        const Field& f = *lk.lhs.field;
        if (!f.primaryKey && !f.isForeignKey())
            continue;
        std::vector<DbValue> values;
        bool usable = true;
        for (const Expression& r : lk.rhs) {
            if (r.kind == Expression::Kind::Value)
                values.push_back(r.value);
            else if (r.kind == Expression::Kind::Col && r.outer && outer_)
                values.push_back(colValue(r, nullptr));
            else
                usable = false;
        }
        if (!usable)
            continue;
        // SQLite walks an IN list in sorted key order; through an FK index each key's rows
        // come in rowid order, so the result is grouped by key, not sorted by pk.
        std::set<std::int64_t> keys;
        for (const DbValue& v : values)
            if (const auto key = v.asInt())
                keys.insert(*key);
        std::vector<std::int64_t> pks;
        for (const std::int64_t key : keys) {
            if (f.primaryKey) {
                if (store_.get(*base.model, key))
                    pks.push_back(key);
            } else {
                const auto& found = store_.byForeignKey(*base.model, base.model->fieldIndex(f), key);
                pks.insert(pks.end(), found.begin(), found.end());
            }
        }
        indexed = true;
        return pks;
    }
    return {};
}

std::vector<Tuple> Run::joinedRows(bool stopAtFirst)
{
    std::vector<Tuple> tuples;
    const Join& base = plan_.joins.front();
    bool indexed = false;
    const std::vector<std::int64_t> candidates = baseCandidates(indexed);
    baseIndexed_ = indexed;
    std::vector<Tuple> partial;
    if (indexed) {
        for (const std::int64_t pk : candidates)
            partial.push_back(Tuple{store_.get(*base.model, pk)});
    } else if (const Store::Table* t = store_.table(*base.model)) {
        partial.reserve(t->rows.size());
        for (const auto& [pk, row] : t->rows)
            partial.push_back(Tuple{&row});
    }
    for (std::size_t ji = 1; ji < plan_.joins.size(); ++ji) {
        const Join& j = plan_.joins[ji];
        const std::size_t parentIdx = aliasIndex_.at(j.parentAlias);
        const ModelMeta& parentModel = *plan_.joins[parentIdx].model;
        std::size_t parentCol = parentModel.fields.size();
        for (std::size_t i = 0; i < parentModel.fields.size(); ++i)
            if (parentModel.fields[i].column == j.parentColumn)
                parentCol = i;
        std::size_t childCol = j.model->fields.size();
        for (std::size_t i = 0; i < j.model->fields.size(); ++i)
            if (j.model->fields[i].column == j.column)
                childCol = i;
        const Field& childField = j.model->fields.at(childCol);
        const Store::Table* childTable = store_.table(*j.model);
        std::vector<Tuple> next;
        next.reserve(partial.size());
        for (Tuple& t : partial) {
            const Row* parentRow = t[parentIdx];
            std::vector<const Row*> matches;
            if (parentRow) {
                const DbValue& key = (*parentRow).at(parentCol);
                if (!key.isNull()) {
                    if (childField.primaryKey) {
                        if (const auto k = key.asInt())
                            if (const Row* r = store_.get(*j.model, *k))
                                matches.push_back(r);
                    } else if (childField.isForeignKey()) {
                        if (const auto k = key.asInt())
                            for (const std::int64_t pk : store_.byForeignKey(*j.model, childCol, *k))
                                matches.push_back(store_.get(*j.model, pk));
                    } else if (childTable) {
                        for (const auto& [pk, row] : childTable->rows)
                            if (sqlCompare(row.at(childCol), key) == 0)
                                matches.push_back(&row);
                    }
                }
            }
            if (matches.empty()) {
                if (j.type == JoinType::LeftOuter) {
                    Tuple n = t;
                    n.push_back(nullptr);
                    next.push_back(std::move(n));
                }
                continue;
            }
            for (const Row* m : matches) {
                Tuple n = t;
                n.push_back(m);
                next.push_back(std::move(n));
            }
        }
        partial = std::move(next);
    }
    for (Tuple& t : partial) {
        if (plan_.where && test(*plan_.where, Ctx{&t, nullptr}) != Tri::True)
            continue;
        tuples.push_back(std::move(t));
        if (stopAtFirst)
            break;
    }
    if (!stopAtFirst)
        applyJoinOrder(tuples);
    return tuples;
}

// SQLite's planner (no ANALYZE statistics) drives an all-INNER join from the table whose
// foreign keys reach every other table by rowid look-ups — the orders of "customers with such
// orders", the through table of a many-to-many filter — unless the base table has an indexed
// constraint. Without ORDER BY that choice is the row order, so the rows are put in that
// table's order: its rowid order, or grouped by sorted key for an indexed "fk IN (...)".
void Run::applyJoinOrder(std::vector<Tuple>& tuples) const
{
    if (baseIndexed_ || plan_.joins.size() < 2 || !plan_.orderBy.empty() || plan_.grouped)
        return;
    const std::size_t n = plan_.joins.size();
    std::vector<std::vector<std::size_t>> edges(n);
    for (std::size_t i = 1; i < n; ++i) {
        const Join& j = plan_.joins[i];
        if (j.type != JoinType::Inner)
            return;
        const std::size_t parent = aliasIndex_.at(j.parentAlias);
        if (j.column == j.model->pk().column)
            edges[parent].push_back(i);
        if (j.parentColumn == plan_.joins[parent].model->pk().column)
            edges[i].push_back(parent);
    }
    std::optional<std::size_t> driver;
    for (std::size_t start = 0; start < n && !driver; ++start) {
        std::vector<bool> seen(n, false);
        std::vector<std::size_t> stack{start};
        seen[start] = true;
        std::size_t reached = 1;
        while (!stack.empty()) {
            const std::size_t a = stack.back();
            stack.pop_back();
            for (const std::size_t b : edges[a])
                if (!seen[b]) {
                    seen[b] = true;
                    ++reached;
                    stack.push_back(b);
                }
        }
        if (reached == n)
            driver = start;
    }
    if (!driver || *driver == 0)
        return;
    const Join& d = plan_.joins[*driver];
    // An indexed equality/IN on the driving table orders its rows by key first.
    std::optional<std::size_t> keyColumn;
    if (plan_.where) {
        const WhereNode& w = *plan_.where;
        std::vector<const WhereNode*> conjuncts;
        if (w.lookup)
            conjuncts.push_back(&w);
        else if (w.connector == WhereNode::Connector::And && !w.negated)
            for (const WhereNode& c : w.children)
                conjuncts.push_back(&c);
        for (const WhereNode* c : conjuncts) {
            if (!c->lookup || c->negated)
                continue;
            const Lookup& lk = *c->lookup;
            if ((lk.name == "exact" || lk.name == "in") && lk.lhs.kind == Expression::Kind::Col && !lk.lhs.outer
                && lk.lhs.alias == d.alias && lk.lhs.field && (lk.lhs.field->isForeignKey() || lk.lhs.field->primaryKey))
                keyColumn = d.model->fieldIndex(*lk.lhs.field);
        }
    }
    const std::size_t di = *driver;
    std::stable_sort(tuples.begin(), tuples.end(), [di, keyColumn](const Tuple& a, const Tuple& b) {
        if (keyColumn) {
            const auto c = sqlCompare(a[di]->at(*keyColumn), b[di]->at(*keyColumn));
            if (c != 0)
                return c < 0;
        }
        return sqlCompare(a[di]->at(0), b[di]->at(0)) < 0;
    });
}

DbValue Run::colValue(const Expression& e, const Tuple* tuple) const
{
    if (e.outer) {
        if (!outer_)
            throw FieldError("outer reference outside a subquery");
        return outer_->colValue(Expression::col(e.alias, *e.field), outerTuple_);
    }
    const auto it = aliasIndex_.find(e.alias);
    if (it == aliasIndex_.end() || !tuple)
        return {};
    const Row* row = (*tuple)[it->second];
    if (!row)
        return {};
    const std::size_t idx = plan_.joins[it->second].model->fieldIndex(*e.field);
    return idx < row->size() ? (*row)[idx] : DbValue();
}

DbValue Run::aggregate(const Expression& e, const std::vector<const Tuple*>& group) const
{
    const Expression& arg = e.args.at(0);
    if (e.name == "COUNT" && arg.kind == Expression::Kind::Star)
        return static_cast<std::int64_t>(group.size());
    std::vector<DbValue> values;
    for (const Tuple* t : group) {
        DbValue v = eval(arg, Ctx{t, nullptr});
        if (!v.isNull())
            values.push_back(std::move(v));
    }
    if (e.distinct) {
        std::set<Row, RowLess> seen;
        std::vector<DbValue> unique;
        for (DbValue& v : values)
            if (seen.insert(Row{v}).second)
                unique.push_back(std::move(v));
        values = std::move(unique);
    }
    if (e.name == "COUNT")
        return static_cast<std::int64_t>(values.size());
    if (values.empty())
        return {};
    // SQLite keeps a decimal as INTEGER when integral, else as REAL; aggregates and the
    // CAST(... AS NUMERIC) around them see those numbers.
    for (DbValue& v : values)
        if (std::holds_alternative<Decimal>(v.variant())) {
            if (const auto i = v.asInt())
                v = *i;
            else
                v = v.asDouble();
        }
    if (e.name == "MAX" || e.name == "MIN") {
        const DbValue* best = &values.front();
        for (const DbValue& v : values) {
            const auto c = sqlCompare(v, *best);
            if (e.name == "MAX" ? c > 0 : c < 0)
                best = &v;
        }
        return *best;
    }
    bool allInt = true;
    for (const DbValue& v : values)
        if (!std::holds_alternative<std::int64_t>(v.variant()) && !std::holds_alternative<bool>(v.variant()))
            allInt = false;
    double total = 0;
    for (const DbValue& v : values)
        total += v.asDouble();
    if (e.name == "AVG")
        return total / static_cast<double>(values.size());
    if (allInt) {
        std::int64_t sum = 0;
        for (const DbValue& v : values)
            sum += *v.asInt();
        return sum;
    }
    // CAST(x AS NUMERIC) turns an integral REAL back into an INTEGER.
    if (e.field && e.field->kind == FieldKind::DecimalField && std::trunc(total) == total && std::fabs(total) < 9e18)
        return static_cast<std::int64_t>(total);
    return total;
}

DbValue Run::eval(const Expression& e, const Ctx& ctx) const
{
    switch (e.kind) {
    case Expression::Kind::Col:
        return colValue(e, ctx.tuple);
    case Expression::Kind::Value:
        return e.value;
    case Expression::Kind::Combined:
        return sqlArithmetic(e.name, eval(e.args.at(0), ctx), eval(e.args.at(1), ctx));
    case Expression::Kind::Aggregate: {
        if (ctx.group)
            return aggregate(e, *ctx.group);
        std::vector<const Tuple*> one;
        if (ctx.tuple)
            one.push_back(ctx.tuple);
        return aggregate(e, one);
    }
    case Expression::Kind::Ref:
        for (const auto& [name, idx] : plan_.annotationColumns)
            if (name == e.name)
                return eval(plan_.select.at(idx).expr, ctx);
        return {};
    case Expression::Kind::Star:
    case Expression::Kind::F:
    case Expression::Kind::Subquery:
        break;
    }
    throw FieldError("cannot evaluate an unresolved expression");
}

Tri Run::testLookup(const Lookup& lk, const Ctx& ctx) const
{
    const DbValue lhs = eval(lk.lhs, ctx);
    const std::string& n = lk.name;
    if (n == "isnull")
        return fromBool(lhs.isNull() == (lk.rhs.at(0).value == DbValue(true)));
    if (n == "exact") {
        const Expression& r = lk.rhs.at(0);
        if (lk.lhs.kind == Expression::Kind::Col && lk.lhs.field && lk.lhs.field->kind == FieldKind::BooleanField
            && r.kind == Expression::Kind::Value && std::holds_alternative<bool>(r.value.variant())) {
            if (lhs.isNull())
                return Tri::Unknown;
            const bool truthy = lhs.asDouble() != 0;
            return fromBool(std::get<bool>(r.value.variant()) ? truthy : !truthy);
        }
        return compare(lhs, eval(r, ctx), "exact");
    }
    if (n == "gt" || n == "gte" || n == "lt" || n == "lte")
        return compare(lhs, eval(lk.rhs.at(0), ctx), n);
    if (n == "in") {
        if (lhs.isNull())
            return Tri::Unknown;
        if (lk.rhs.front().kind == Expression::Kind::Subquery) {
            const std::set<Row, RowLess>& values = subqueryValues(*lk.rhs.front().subquery);
            return fromBool(values.count(Row{lhs}) > 0);
        }
        for (const Expression& r : lk.rhs)
            if (sqlCompare(lhs, eval(r, ctx)) == 0)
                return Tri::True;
        return Tri::False;
    }
    if (n == "range") {
        const Tri lo = compare(lhs, eval(lk.rhs.at(0), ctx), "gte");
        const Tri hi = compare(lhs, eval(lk.rhs.at(1), ctx), "lte");
        if (lo == Tri::False || hi == Tri::False)
            return Tri::False;
        return lo == Tri::True && hi == Tri::True ? Tri::True : Tri::Unknown;
    }
    // LIKE family
    const DbValue pattern = eval(lk.rhs.at(0), ctx);
    if (lhs.isNull() || pattern.isNull())
        return Tri::Unknown;
    return fromBool(sqlLike(lhs.text(), likePatternFor(n, pattern.text())));
}

Tri Run::test(const WhereNode& w, const Ctx& ctx) const
{
    Tri result;
    if (w.nothing) {
        result = Tri::False;
    } else if (w.lookup) {
        if (w.lookup->name == "in" && w.lookup->rhs.empty())
            result = Tri::False;
        else
            result = testLookup(*w.lookup, ctx);
    } else if (w.exists) {
        auto cached = existsCache_.find(w.exists.get());
        if (cached == existsCache_.end())
            cached = existsCache_.emplace(w.exists.get(), SQLCompiler::compile(w.exists->existsQuery())).first;
        const CompiledQuery& sub = cached->second;
        if (sub.empty) {
            result = Tri::False;
        } else {
            Run inner(store_, *sub.plan, this, ctx.tuple);
            result = fromBool(inner.any());
        }
    } else {
        const bool isAnd = w.connector == WhereNode::Connector::And;
        result = isAnd ? Tri::True : Tri::False;
        for (const WhereNode& c : w.children) {
            const Tri t = test(c, ctx);
            if (isAnd) {
                if (t == Tri::False) {
                    result = Tri::False;
                    break;
                }
                if (t == Tri::Unknown)
                    result = Tri::Unknown;
            } else {
                if (t == Tri::True) {
                    result = Tri::True;
                    break;
                }
                if (t == Tri::Unknown)
                    result = Tri::Unknown;
            }
        }
    }
    return w.negated ? triNot(result) : result;
}

} // namespace

bool sqlLike(const std::string& text, const std::string& pattern, char escape)
{
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    std::size_t t = 0;
    std::size_t p = 0;
    std::size_t starP = std::string::npos;
    std::size_t starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '%') {
            starP = ++p;
            starT = t;
            continue;
        }
        if (p < pattern.size()) {
            bool literal = false;
            char pc = pattern[p];
            std::size_t step = 1;
            if (pc == escape && p + 1 < pattern.size()) {
                pc = pattern[p + 1];
                literal = true;
                step = 2;
            }
            if ((!literal && pc == '_') || lower(pc) == lower(text[t])) {
                p += step;
                ++t;
                continue;
            }
        }
        if (starP == std::string::npos)
            return false;
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == '%')
        ++p;
    return p == pattern.size();
}

std::vector<Row> QueryEvaluator::execute(const CompiledQuery& compiled) const
{
    if (compiled.empty || !compiled.plan)
        return {};
    Run run(store_, *compiled.plan, nullptr, nullptr);
    return run.rows();
}

std::vector<Row> QueryEvaluator::execute(const Query& query) const
{
    return execute(SQLCompiler::compile(query));
}

} // namespace pipelab::django::db
