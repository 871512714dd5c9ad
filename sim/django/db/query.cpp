// Query: Django 3.2's sql.Query mechanisms — names_to_path, setup_joins/trim_joins, join reuse
// and aliasing, build_filter with the JoinPromoter, split_exclude (EXISTS), set_values,
// add_annotation and get_aggregation — mirrored step by step so the SQL and join types match.
#include "sim/django/db/query.h"

#include "sim/django/db/constants.h"

#include <algorithm>

namespace pipelab::django::db {

namespace {

// Django's MultiJoin: a multi-valued step met while multi-valued joins are not allowed.
struct MultiJoin {
    std::vector<std::pair<std::string, std::size_t>> namesWithPath;
};

const std::set<std::string> kLookups = {"exact", "iexact", "contains", "icontains", "startswith", "endswith",
    "istartswith", "iendswith", "gt", "gte", "lt", "lte", "in", "range", "isnull"};

void relabelExpression(Expression& e, const std::map<std::string, std::string>& change)
{
    if (e.kind == Expression::Kind::Col && !e.outer) {
        const auto it = change.find(e.alias);
        if (it != change.end())
            e.alias = it->second;
    }
    for (Expression& a : e.args)
        relabelExpression(a, change);
}

void relabelWhere(WhereNode& w, const std::map<std::string, std::string>& change)
{
    if (w.lookup) {
        relabelExpression(w.lookup->lhs, change);
        for (Expression& r : w.lookup->rhs)
            relabelExpression(r, change);
    }
    for (WhereNode& c : w.children)
        relabelWhere(c, change);
}

} // namespace

Query::Query(const ModelMeta& model) : model_(&model) {}

Query Query::chain() const
{
    Query q = *this;
    q.usedAliases_.clear(); // filter_is_sticky is False: each filter() call reuses only its own joins
    return q;
}

const Join* Query::join(const std::string& alias) const
{
    for (const Join& j : aliasMap_)
        if (j.alias == alias)
            return &j;
    return nullptr;
}

Join* Query::joinMut(const std::string& alias)
{
    for (Join& j : aliasMap_)
        if (j.alias == alias)
            return &j;
    return nullptr;
}

std::string Query::initialAlias()
{
    if (!aliasMap_.empty()) {
        aliasMap_.front().refcount++;
        return aliasMap_.front().alias;
    }
    Join base;
    base.model = model_;
    base.tableName = model_->dbTable;
    base.alias = model_->dbTable;
    base.type = JoinType::Base;
    base.refcount = 1;
    tableMap_[base.tableName].push_back(base.alias);
    aliasMap_.push_back(base);
    return base.alias;
}

std::string Query::choicesMessage(const std::string& name, const ModelMeta& opts) const
{
    std::set<std::string> names;
    for (const Field& f : opts.fields) {
        names.insert(f.name);
        names.insert(f.attname);
    }
    for (const Field& f : opts.manyToMany)
        names.insert(f.name);
    for (const RelatedObject& r : opts.relatedObjects)
        names.insert(r.queryName);
    for (const auto& [alias, _] : annotationSelect())
        names.insert(alias);
    std::string list;
    for (const std::string& n : names)
        list += (list.empty() ? "" : ", ") + n;
    return "Cannot resolve keyword '" + name + "' into field. Choices are: " + list;
}

Query::PathResult Query::namesToPath(const std::vector<std::string>& names, const ModelMeta& opts, bool allowMany,
    bool failOnMissing) const
{
    PathResult r;
    const ModelMeta* cur = &opts;
    std::size_t pos = 0;
    for (; pos < names.size(); ++pos) {
        std::string name = names[pos];
        if (name == "pk")
            name = cur->pk().name;
        const Field* field = cur->field(name);
        if (!field)
            field = cur->fieldByAttname(name);
        const RelatedObject* rel = field ? nullptr : cur->relatedByQueryName(name);
        if (!field && !rel) {
            if (pos == 0 || failOnMissing)
                throw FieldError(choicesMessage(names[pos], *cur));
            break;
        }
        if (field && !field->isRelation()) {
            r.finalField = field;
            r.target = field;
            if (failOnMissing && pos + 1 != names.size())
                throw FieldError("Cannot resolve keyword '" + names[pos + 1] + "' into field. Join on '" + name
                    + "' not permitted.");
            ++pos;
            break;
        }
        std::vector<PathInfo> infos;
        auto forward = [](const ModelMeta* from, const Field& fk) {
            PathInfo p;
            p.from = from;
            p.to = fk.relatedModel;
            p.joinField = &fk;
            p.fromColumn = fk.column;
            p.toColumn = fk.relatedModel->pk().column;
            p.direct = true;
            p.m2m = false;
            return p;
        };
        auto reverse = [](const ModelMeta* from, const Field& fk, bool multiple) {
            PathInfo p;
            p.from = from;
            p.to = fk.model;
            p.joinField = &fk;
            p.fromColumn = from->pk().column;
            p.toColumn = fk.column;
            p.direct = false;
            p.m2m = multiple;
            return p;
        };
        if (field && field->isForeignKey()) {
            infos.push_back(forward(cur, *field));
        } else if (field && field->isManyToMany()) {
            const ModelMeta* t = field->through;
            infos.push_back(reverse(cur, t->fields[1], true));
            infos.push_back(forward(t, t->fields[2]));
        } else if (rel->field->isManyToMany()) {
            const ModelMeta* t = rel->field->through;
            infos.push_back(reverse(cur, t->fields[2], true));
            infos.push_back(forward(t, t->fields[1]));
        } else {
            infos.push_back(reverse(cur, *rel->field, rel->multiple));
        }
        if (!allowMany) {
            for (std::size_t i = 0; i < infos.size(); ++i) {
                if (infos[i].m2m) {
                    r.path.insert(r.path.end(), infos.begin(), infos.begin() + static_cast<std::ptrdiff_t>(i + 1));
                    r.namesWithPath.emplace_back(name, i + 1);
                    r.multiJoinAt = pos + 1;
                    return r;
                }
            }
        }
        r.path.insert(r.path.end(), infos.begin(), infos.end());
        r.namesWithPath.emplace_back(name, infos.size());
        r.finalField = infos.back().joinField;
        r.target = &infos.back().to->pk();
        cur = infos.back().to;
    }
    r.opts = cur;
    r.rest.assign(names.begin() + static_cast<std::ptrdiff_t>(pos), names.end());
    return r;
}

std::string Query::joinAlias(Join j, const std::set<std::string>* reuse)
{
    std::string found;
    for (const Join& existing : aliasMap_) {
        if ((reuse == nullptr || reuse->count(existing.alias)) && existing.type != JoinType::Base
            && existing.tableName == j.tableName && existing.parentAlias == j.parentAlias
            && existing.joinField == j.joinField && existing.direct == j.direct)
            found = existing.alias;
    }
    if (!found.empty()) {
        joinMut(found)->refcount++;
        return found;
    }
    auto& aliases = tableMap_[j.tableName];
    j.alias = aliases.empty() ? j.tableName : aliasPrefix_ + std::to_string(aliasMap_.size() + 1);
    aliases.push_back(j.alias);
    const Join* parent = join(j.parentAlias);
    j.type = (parent && parent->type == JoinType::LeftOuter) || j.nullable ? JoinType::LeftOuter : JoinType::Inner;
    j.refcount = 1;
    aliasMap_.push_back(j);
    return j.alias;
}

void Query::trimJoins(JoinInfo& info)
{
    for (std::size_t i = info.path.size(); i-- > 0;) {
        const PathInfo& p = info.path[i];
        if (info.joins.size() == 1 || !p.direct)
            break;
        if (info.target->model != p.to || info.target->column != p.toColumn)
            break;
        info.target = p.joinField;
        if (Join* j = joinMut(info.joins.back()))
            j->refcount--;
        info.joins.pop_back();
    }
}

JoinInfo Query::setupJoins(const std::vector<std::string>& names, const ModelMeta& opts, const std::string& alias,
    const std::set<std::string>* canReuse, bool allowMany, bool trim)
{
    PathResult pr = namesToPath(names, opts, allowMany, true);
    if (pr.multiJoinAt)
        throw MultiJoin{pr.namesWithPath};
    JoinInfo info;
    info.joins.push_back(alias);
    std::string cur = alias;
    for (const PathInfo& p : pr.path) {
        Join j;
        j.model = p.to;
        j.tableName = p.to->dbTable;
        j.parentAlias = cur;
        j.parentColumn = p.fromColumn;
        j.column = p.toColumn;
        j.joinField = p.joinField;
        j.direct = p.direct;
        j.nullable = p.direct ? p.joinField->null : true;
        cur = joinAlias(j, p.m2m ? canReuse : nullptr);
        info.joins.push_back(cur);
    }
    info.path = pr.path;
    info.finalField = pr.finalField;
    info.target = pr.target;
    info.opts = pr.opts;
    if (trim)
        trimJoins(info);
    return info;
}

void Query::promoteJoins(std::vector<std::string> aliases)
{
    for (std::size_t i = 0; i < aliases.size(); ++i) {
        Join* j = joinMut(aliases[i]);
        if (!j || j->type == JoinType::Base)
            continue;
        const Join* parent = join(j->parentAlias);
        const bool parentLouter = parent && parent->type == JoinType::LeftOuter;
        if ((j->nullable || parentLouter) && j->type != JoinType::LeftOuter) {
            j->type = JoinType::LeftOuter;
            const std::string promoted = j->alias;
            for (const Join& child : aliasMap_)
                if (child.parentAlias == promoted
                    && std::find(aliases.begin(), aliases.end(), child.alias) == aliases.end())
                    aliases.push_back(child.alias);
        }
    }
}

void Query::demoteJoins(std::vector<std::string> aliases)
{
    for (std::size_t i = 0; i < aliases.size(); ++i) {
        Join* j = joinMut(aliases[i]);
        if (!j || j->type != JoinType::LeftOuter)
            continue;
        j->type = JoinType::Inner;
        const Join* parent = join(j->parentAlias);
        if (parent && parent->type == JoinType::Inner)
            aliases.push_back(parent->alias);
    }
}

const Expression* Query::annotation(const std::string& name) const
{
    for (const auto& [n, e] : annotations_)
        if (n == name)
            return &e;
    return nullptr;
}

std::vector<std::pair<std::string, Expression>> Query::annotationSelect() const
{
    if (!annotationMask_)
        return annotations_;
    std::vector<std::pair<std::string, Expression>> out;
    for (const auto& a : annotations_)
        if (std::find(annotationMask_->begin(), annotationMask_->end(), a.first) != annotationMask_->end())
            out.push_back(a);
    return out;
}

Expression Query::resolveRef(const std::string& name, const std::set<std::string>* reuse, bool allowJoins)
{
    if (const Expression* a = annotation(name))
        return *a;
    const std::string alias = initialAlias();
    JoinInfo info = setupJoins(splitLookup(name), *model_, alias, reuse, true, true);
    if (!allowJoins && info.joins.size() > 1)
        throw FieldError("Joined field references are not permitted in this query");
    return Expression::col(info.alias(), *info.target);
}

Expression Query::resolveExpression(const Expression& e, const std::set<std::string>* reuse)
{
    switch (e.kind) {
    case Expression::Kind::F:
        return resolveRef(e.name, reuse);
    case Expression::Kind::Combined: {
        Expression out = e;
        for (Expression& a : out.args)
            a = resolveExpression(a, reuse);
        return out;
    }
    case Expression::Kind::Aggregate: {
        Expression out = e;
        for (Expression& a : out.args)
            a = resolveExpression(a, nullptr);
        if (!out.args.empty() && out.args[0].kind == Expression::Kind::Col && out.args[0].field
            && out.args[0].field->kind == FieldKind::DecimalField && out.name != "COUNT")
            out.field = out.args[0].field;
        if (out.args.empty() || out.args[0].containsAggregate())
            throw FieldError("Cannot compute " + out.name + "('...'): '...' is an aggregate");
        return out;
    }
    default:
        return e;
    }
}

Lookup Query::buildLookup(const std::vector<std::string>& lookups, Expression lhs, const QValue& value,
    const Field* prepField, const std::set<std::string>& /*canReuse*/)
{
    const std::string name = lookups.empty() ? "exact" : lookups.back();
    const bool lhsRelation = lhs.kind == Expression::Kind::Col && lhs.field && lhs.field->isRelation();
    if (lookups.size() > 1 || !kLookups.count(name)) {
        const std::string bad = lookups.front();
        if (lhsRelation)
            throw FieldError("Related Field got invalid lookup: " + bad);
        const char* cls = lhs.kind == Expression::Kind::Col && lhs.field ? fieldKindName(lhs.field->kind)
            : lhs.containsAggregate() && lhs.name == "COUNT"           ? "IntegerField"
                                                                       : "Field";
        throw FieldError("Unsupported lookup '" + bad + "' for " + cls + " or join on the field not permitted.");
    }
    auto prep = [prepField](const DbValue& v) { return prepField ? prepValue(*prepField, v) : v; };
    Lookup lk;
    lk.name = name;
    lk.lhs = std::move(lhs);
    if (const auto* expr = std::get_if<Expression>(&value)) {
        lk.rhs.push_back(*expr);
        return lk;
    }
    if (const auto* sub = std::get_if<std::shared_ptr<const Query>>(&value)) {
        if (name != "in" || !*sub)
            throw ValueError("A queryset is simulated as the value of an 'in' lookup only");
        // In.process_rhs / Query.resolve_expression: select the pk unless values() chose a
        // column, drop an unsliced ordering, rename aliases with the next prefix.
        Query inner = (*sub)->chain();
        if (inner.defaultCols() && inner.annotationSelect().empty())
            inner.setSelectFields({inner.model().pk().name});
        if (!inner.isSliced())
            inner.clearOrdering(true);
        inner.bumpPrefix(*this);
        Expression e;
        e.kind = Expression::Kind::Subquery;
        e.subquery = std::make_shared<const Query>(std::move(inner));
        lk.rhs.push_back(std::move(e));
        return lk;
    }
    if (const auto* list = std::get_if<std::vector<DbValue>>(&value)) {
        if (name != "in" && name != "range")
            throw ValueError("A list is not a valid value for the '" + name + "' lookup");
        if (name == "range" && list->size() != 2)
            throw ValueError("range lookup needs two values");
        for (const DbValue& v : *list) {
            // In.process_rhs: an OrderedSet without None.
            if (name == "in" && v.isNull())
                continue;
            DbValue p = prep(v);
            if (name == "in"
                && std::any_of(lk.rhs.begin(), lk.rhs.end(),
                    [&p](const Expression& e) { return e.value.variant().index() == p.variant().index() && e.value == p; }))
                continue;
            lk.rhs.push_back(Expression::literal(std::move(p)));
        }
        return lk;
    }
    const DbValue& v = std::get<DbValue>(value);
    if (name == "in" || name == "range")
        throw ValueError("The '" + name + "' lookup needs a list of values");
    if (name == "isnull") {
        lk.rhs.push_back(Expression::literal(DbValue(v.asInt().value_or(v.isNull() ? 0 : 1) != 0)));
        return lk;
    }
    if (v.isNull()) {
        if (name != "exact" && name != "iexact")
            throw ValueError("Cannot use None as a query value");
        lk.name = "isnull";
        lk.rhs.push_back(Expression::literal(DbValue(true)));
        return lk;
    }
    lk.rhs.push_back(Expression::literal(prep(v)));
    return lk;
}

std::pair<WhereNode, std::vector<std::string>> Query::buildFilter(const Q::Condition& c,
    std::set<std::string>& canReuse, bool branchNegated, bool currentNegated)
{
    const std::vector<std::string> parts = splitLookup(c.lookup);
    WhereNode clause;
    if (const Expression* ann = annotation(parts[0])) {
        // Values compared with an annotation are prepared by its output field.
        Field output;
        const auto kind = ann->outputKind();
        if (kind) {
            output.kind = *kind;
            output.maxDigits = 17;
        }
        Lookup lk = buildLookup(std::vector<std::string>(parts.begin() + 1, parts.end()), *ann, c.value,
            kind ? &output : nullptr, canReuse);
        clause.add(WhereNode::leaf(std::move(lk)), WhereNode::Connector::And);
        return {std::move(clause), {}};
    }
    const PathResult solved = namesToPath(parts, *model_, true, false);
    const std::vector<std::string> lookups = solved.rest;
    const std::vector<std::string> fieldParts(parts.begin(), parts.end() - static_cast<std::ptrdiff_t>(lookups.size()));

    // resolve_lookup_value: F() references may add joins; those count as used.
    std::map<std::string, int> preRefcount;
    for (const Join& j : aliasMap_)
        preRefcount[j.alias] = j.refcount;
    QValue value = c.value;
    if (const auto* expr = std::get_if<Expression>(&c.value))
        value = resolveExpression(*expr, &canReuse);
    std::vector<std::string> used;
    for (const Join& j : aliasMap_)
        if (j.refcount > preRefcount[j.alias])
            used.push_back(j.alias);

    const std::string alias = initialAlias();
    const bool allowMany = !branchNegated;
    JoinInfo info;
    try {
        info = setupJoins(fieldParts, *model_, alias, &canReuse, allowMany, false);
    } catch (const MultiJoin& mj) {
        std::size_t paths = 0;
        for (const auto& [n, count] : mj.namesWithPath)
            paths += count;
        return splitExclude(c, mj.namesWithPath, paths - 1);
    }
    for (const std::string& a : info.joins)
        if (std::find(used.begin(), used.end(), a) == used.end())
            used.push_back(a);
    const Field* prepField = info.target;
    trimJoins(info);
    canReuse.insert(info.joins.begin(), info.joins.end());
    const bool endsOnRelation = !info.path.empty() && fieldParts.size() == solved.namesWithPath.size()
        && !solved.namesWithPath.empty();
    if (endsOnRelation && lookups.size() > 1)
        throw FieldError("Related Field got invalid lookup: " + lookups[0]);
    Expression col = Expression::col(info.alias(), *info.target);
    Lookup lk = buildLookup(lookups, col, value, prepField, canReuse);
    const std::string lookupType = lk.name;
    const bool rhsTrue = lookupType == "isnull" && lk.rhs.front().value == DbValue(true);
    const Expression rhs0 = lk.rhs.empty() ? Expression() : lk.rhs.front();
    clause.add(WhereNode::leaf(std::move(lk)), WhereNode::Connector::And);
    bool requireOuter = lookupType == "isnull" && rhsTrue && !currentNegated;
    if (currentNegated && (lookupType != "isnull" || !rhsTrue)) {
        requireOuter = true;
        if (lookupType != "isnull") {
            const Join* last = join(info.joins.back());
            if (info.target->null || (last && last->type == JoinType::LeftOuter)) {
                Lookup notNull{"isnull", col, {Expression::literal(DbValue(false))}};
                clause.add(WhereNode::leaf(std::move(notNull)), WhereNode::Connector::And);
            }
            if (rhs0.kind == Expression::Kind::Col && rhs0.field && rhs0.field->null) {
                Lookup notNull{"isnull", rhs0, {Expression::literal(DbValue(false))}};
                clause.add(WhereNode::leaf(std::move(notNull)), WhereNode::Connector::And);
            }
        }
    }
    if (requireOuter)
        used.clear();
    return {std::move(clause), std::move(used)};
}

std::pair<WhereNode, std::vector<std::string>> Query::splitExclude(const Q::Condition& c,
    const std::vector<std::pair<std::string, std::size_t>>& namesWithPath, std::size_t m2mIndex)
{
    if (!std::holds_alternative<DbValue>(c.value) && !std::holds_alternative<std::vector<DbValue>>(c.value))
        throw FieldError("exclude() across a multi-valued relation compared with an expression is not simulated: " + c.lookup);
    Query inner(*model_);
    inner.addQ(Q(c.lookup, c.value));
    inner.clearOrdering(true);

    // trim_start: drop the joins before the first multi-valued one.
    const std::vector<std::string> parts = splitLookup(c.lookup);
    const PathResult full = namesToPath(parts, *model_, true, false);
    std::vector<std::string> lookupTables;
    for (const Join& j : inner.aliasMap_)
        lookupTables.push_back(j.alias);
    bool containsLouter = false;
    for (std::size_t t = 0; t < m2mIndex; ++t) {
        if (inner.join(lookupTables[t + 1])->type == JoinType::LeftOuter)
            containsLouter = true;
        inner.joinMut(lookupTables[t])->refcount--;
    }
    const PathInfo& m2mPath = full.path[m2mIndex];
    const Field& joinField = *m2mPath.joinField; // the ForeignKey on the multi-valued side
    std::string trimmedPrefix;
    std::size_t pathsInPrefix = m2mIndex;
    for (const auto& [name, count] : namesWithPath) {
        if (pathsInPrefix < count)
            break;
        trimmedPrefix += name + "__";
        pathsInPrefix -= count;
    }
    trimmedPrefix += joinField.relatedModel->pk().name;
    const Join* firstJoin = inner.join(lookupTables[m2mIndex + 1]);
    Expression selectCol;
    if (firstJoin->type != JoinType::LeftOuter) {
        selectCol = Expression::col(lookupTables[m2mIndex + 1], joinField);
        inner.joinMut(lookupTables[m2mIndex])->refcount--;
    } else {
        selectCol = Expression::col(lookupTables[m2mIndex], joinField.relatedModel->pk());
    }
    for (Join& j : inner.aliasMap_) {
        if (j.refcount > 0) {
            j.type = JoinType::Base;
            j.parentAlias.clear();
            break;
        }
    }
    inner.select_ = {selectCol};
    inner.defaultCols_ = false;
    inner.bumpPrefix(*this);
    selectCol.alias = inner.select_.front().alias;
    // The correlation: inner column = the outer query's trimmed prefix (ResolvedOuterRef).
    Expression outerCol = resolveRef(trimmedPrefix, nullptr);
    outerCol.outer = true;
    inner.where_.add(WhereNode::leaf(Lookup{"exact", selectCol, {outerCol}}), WhereNode::Connector::And);

    WhereNode exists;
    exists.exists = std::make_shared<const Query>(std::move(inner));
    WhereNode condition;
    condition.add(std::move(exists), WhereNode::Connector::And);
    if (containsLouter) {
        std::set<std::string> reuse = usedAliases_;
        auto [orNull, _] = buildFilter(Q::Condition{trimmedPrefix + "__isnull", DbValue(true)}, reuse, true, true);
        condition.add(std::move(orNull), WhereNode::Connector::Or);
    }
    return {std::move(condition), {}};
}

void Query::bumpPrefix(const Query& outer)
{
    // Django's bump_prefix: the next letter after the outer query's prefix, aliases by position.
    aliasPrefix_ = std::string(1, static_cast<char>(outer.aliasPrefix_.front() + 1));
    std::map<std::string, std::string> change;
    for (std::size_t pos = 0; pos < aliasMap_.size(); ++pos)
        change[aliasMap_[pos].alias] = aliasPrefix_ + std::to_string(pos);
    for (Join& j : aliasMap_) {
        j.alias = change[j.alias];
        if (!j.parentAlias.empty())
            j.parentAlias = change[j.parentAlias];
    }
    for (auto& [table, aliases] : tableMap_)
        for (std::string& a : aliases)
            a = change[a];
    relabelWhere(where_, change);
    for (Expression& e : select_)
        relabelExpression(e, change);
    std::set<std::string> used;
    for (const std::string& a : usedAliases_)
        used.insert(change.count(a) ? change[a] : a);
    usedAliases_ = used;
}

std::size_t Query::activeTables() const
{
    return static_cast<std::size_t>(std::count_if(aliasMap_.begin(), aliasMap_.end(), [](const Join& j) { return j.refcount > 0; }));
}

std::pair<WhereNode, std::vector<std::string>> Query::addQImpl(const Q& q, std::set<std::string>& used,
    bool branchNegated, bool currentNegated)
{
    if (q.isLeaf())
        return buildFilter(*q.condition, used, branchNegated, currentNegated);
    currentNegated = currentNegated != q.negated;
    branchNegated = branchNegated || q.negated;
    WhereNode target;
    target.connector = q.connector == Q::Connector::And ? WhereNode::Connector::And : WhereNode::Connector::Or;
    target.negated = q.negated;
    // JoinPromoter
    bool effectiveOr = q.connector == Q::Connector::Or;
    if (currentNegated)
        effectiveOr = !effectiveOr;
    std::vector<std::pair<std::string, std::size_t>> votes;
    for (const Q& child : q.children) {
        auto [clause, needed] = addQImpl(child, used, branchNegated, currentNegated);
        std::set<std::string> once(needed.begin(), needed.end());
        for (const std::string& a : needed) {
            if (!once.erase(a))
                continue;
            auto it = std::find_if(votes.begin(), votes.end(), [&a](const auto& v) { return v.first == a; });
            if (it == votes.end())
                votes.emplace_back(a, 1);
            else
                it->second++;
        }
        if (!clause.empty())
            target.add(std::move(clause), target.connector);
    }
    std::vector<std::string> toPromote;
    std::vector<std::string> toDemote;
    for (const auto& [alias, count] : votes) {
        if (effectiveOr && count < q.children.size())
            toPromote.push_back(alias);
        if (!effectiveOr || count == q.children.size())
            toDemote.push_back(alias);
    }
    promoteJoins(toPromote);
    demoteJoins(toDemote);
    return {std::move(target), std::move(toDemote)};
}

void Query::addQ(const Q& q)
{
    if (isSliced() && !q.empty())
        throw TypeError("Cannot filter a query once a slice has been taken.");
    std::vector<std::string> existingInner;
    for (const Join& j : aliasMap_)
        if (j.type == JoinType::Inner)
            existingInner.push_back(j.alias);
    auto [clause, _] = addQImpl(q, usedAliases_, false, false);
    if (!clause.empty())
        where_.add(std::move(clause), WhereNode::Connector::And);
    demoteJoins(existingInner);
}

void Query::orderBy(const std::vector<std::string>& names)
{
    if (isSliced())
        throw TypeError("Cannot reorder a query once a slice has been taken.");
    for (std::string item : names) {
        if (item == "?")
            continue;
        if (!item.empty() && item[0] == '-')
            item = item.substr(1);
        if (annotation(item))
            continue;
        namesToPath(splitLookup(item), *model_, true, false);
    }
    clearOrdering(false);
    if (names.empty())
        defaultOrdering_ = false;
    orderBy_.insert(orderBy_.end(), names.begin(), names.end());
}

void Query::clearOrdering(bool forceEmpty)
{
    orderBy_.clear();
    if (forceEmpty)
        defaultOrdering_ = false;
}

bool Query::isOrdered() const
{
    if (!orderBy_.empty())
        return true;
    return defaultOrdering_ && !model_->ordering.empty() && groupBy_ == GroupBy::None;
}

void Query::setLimits(std::optional<std::int64_t> low, std::optional<std::int64_t> high)
{
    if (high) {
        highMark_ = highMark_ ? std::min(*highMark_, lowMark_ + *high) : lowMark_ + *high;
    }
    if (low) {
        lowMark_ = highMark_ ? std::min(*highMark_, lowMark_ + *low) : lowMark_ + *low;
    }
    if (highMark_ && lowMark_ == *highMark_)
        setEmpty();
}

void Query::clearLimits()
{
    lowMark_ = 0;
    highMark_.reset();
}

void Query::addSelectRelated(const std::vector<std::string>& names)
{
    if (!selectRelated_ || selectRelated_->all)
        selectRelated_ = SelectRelated{};
    for (const std::string& name : names) {
        SelectRelated* node = &*selectRelated_;
        for (const std::string& part : splitLookup(name))
            node = &node->children[part];
    }
}

void Query::setSelectRelatedAll()
{
    selectRelated_ = SelectRelated{};
    selectRelated_->all = true;
}

void Query::addFields(const std::vector<std::string>& names, bool allowM2m)
{
    const std::string alias = initialAlias();
    std::vector<Expression> cols;
    for (const std::string& name : names) {
        if (const Expression* ann = annotation(name)) {
            cols.push_back(*ann);
            continue;
        }
        try {
            JoinInfo info = setupJoins(splitLookup(name), *model_, alias, nullptr, allowM2m, true);
            cols.push_back(Expression::col(info.alias(), *info.target));
        } catch (const MultiJoin&) {
            throw FieldError("Invalid field name: '" + name + "'");
        } catch (const FieldError&) {
            throw FieldError(choicesMessage(name, *model_));
        }
    }
    if (!cols.empty()) {
        select_ = std::move(cols);
        defaultCols_ = false;
    }
}

void Query::setGroupBy()
{
    groupByCols_ = select_;
    groupBy_ = GroupBy::Columns;
}

std::vector<std::string> Query::setValues(const std::vector<std::string>& fields)
{
    selectRelated_.reset();
    clearDeferredLoading();
    select_.clear();
    valuesSelect_.clear();
    valuesQuery_ = true;
    std::vector<std::string> fieldNames;
    if (!fields.empty()) {
        if (annotations_.empty()) {
            fieldNames = fields;
        } else {
            defaultCols_ = false;
            std::vector<std::string> annotationNames;
            for (const std::string& f : fields) {
                if (annotation(f))
                    annotationNames.push_back(f);
                else
                    fieldNames.push_back(f);
            }
            annotationMask_ = annotationNames;
        }
    } else {
        for (const Field& f : model_->fields)
            fieldNames.push_back(f.attname);
    }
    if (groupBy_ == GroupBy::All) {
        std::vector<std::string> attnames;
        for (const Field& f : model_->fields)
            attnames.push_back(f.attname);
        addFields(attnames, false);
        setGroupBy();
        select_.clear();
    }
    valuesSelect_ = fieldNames;
    addFields(fieldNames, true);
    std::vector<std::string> keys = fieldNames;
    for (const auto& [name, _] : annotationSelect())
        keys.push_back(name);
    return keys;
}

void Query::addDeferredLoading(const std::vector<std::string>& names)
{
    for (const std::string& n : names)
        if (n != "pk" && !model_->field(n) && !model_->fieldByAttname(n))
            throw FieldError(model_->objectName + " has no field named '" + n + "'");
    if (deferMode_) {
        deferredNames_.insert(names.begin(), names.end());
    } else {
        for (const std::string& n : names)
            deferredNames_.erase(n);
    }
}

void Query::addImmediateLoading(const std::vector<std::string>& names)
{
    std::set<std::string> fieldNames;
    for (const std::string& n : names) {
        if (n != "pk" && !model_->field(n) && !model_->fieldByAttname(n))
            throw FieldError(model_->objectName + " has no field named '" + n + "'");
        fieldNames.insert(n == "pk" ? model_->pk().name : n);
    }
    if (deferMode_) {
        std::set<std::string> remaining;
        for (const std::string& n : fieldNames)
            if (!deferredNames_.count(n))
                remaining.insert(n);
        deferredNames_ = remaining;
    } else {
        deferredNames_ = fieldNames;
    }
    deferMode_ = false;
}

void Query::clearDeferredLoading()
{
    deferredNames_.clear();
    deferMode_ = true;
}

std::vector<const Field*> Query::loadedFields(const ModelMeta& meta) const
{
    std::vector<const Field*> out;
    for (const Field& f : meta.fields) {
        if (&meta != model_ || f.primaryKey) {
            out.push_back(&f);
            continue;
        }
        const bool named = deferredNames_.count(f.name) || deferredNames_.count(f.attname);
        if (deferMode_ ? !named : named)
            out.push_back(&f);
    }
    return out;
}

std::vector<const Field*> Query::deferredFields() const
{
    std::vector<const Field*> loaded = loadedFields(*model_);
    std::vector<const Field*> out;
    for (const Field& f : model_->fields)
        if (std::find(loaded.begin(), loaded.end(), &f) == loaded.end())
            out.push_back(&f);
    return out;
}

void Query::addAnnotation(const std::string& name, Expression expr)
{
    if (model_->field(name) || model_->fieldByAttname(name))
        throw ValueError("The annotation '" + name + "' conflicts with a field on the model.");
    Expression resolved = resolveExpression(expr, nullptr);
    const bool aggregate = resolved.containsAggregate();
    annotations_.emplace_back(name, std::move(resolved));
    if (annotationMask_)
        annotationMask_->push_back(name);
    if (aggregate) {
        if (!valuesQuery_)
            groupBy_ = GroupBy::All;
        else
            setGroupBy();
    }
}

void Query::addExtraSelect(const std::string& alias, Expression expr)
{
    extraSelect_.emplace_back(alias, resolveExpression(expr, nullptr));
}

void Query::setEmpty()
{
    WhereNode nothing;
    nothing.nothing = true;
    where_.add(std::move(nothing), WhereNode::Connector::And);
}

bool Query::isEmpty() const
{
    if (where_.nothing)
        return true;
    return where_.connector == WhereNode::Connector::And
        && std::any_of(where_.children.begin(), where_.children.end(), [](const WhereNode& c) { return c.nothing; });
}

Query Query::existsQuery() const
{
    Query q = chain();
    if (!q.distinct_) {
        if (q.groupBy_ == GroupBy::All) {
            std::vector<std::string> attnames;
            for (const Field& f : model_->fields)
                attnames.push_back(f.attname);
            q.addFields(attnames, false);
            q.setGroupBy();
        }
        q.select_.clear();
        q.defaultCols_ = false;
        q.selectRelated_.reset();
        q.annotationMask_ = std::vector<std::string>{};
    }
    q.extraSelect_.clear();
    q.clearOrdering(true);
    q.setLimits(std::nullopt, 1);
    q.extraSelect_ = {{"a", Expression::literal(DbValue(std::int64_t{1}))}};
    return q;
}

Query Query::countQuery() const
{
    return aggregateQuery({{"__count", Expression::aggregate("Count", Expression::star())}});
}

Query Query::aggregateQuery(const std::vector<std::pair<std::string, Expression>>& aggregates) const
{
    Query q = chain();
    std::vector<std::string> added;
    std::vector<std::pair<std::string, Expression>> existing = q.annotations_;
    for (const auto& [name, e] : aggregates) {
        if (!e.containsAggregate())
            throw ValueError("aggregate(): " + name + " is not an aggregate expression.");
        Expression resolved = e.args.size() == 1 && e.args[0].kind == Expression::Kind::Star ? e : q.resolveExpression(e, nullptr);
        q.annotations_.emplace_back(name, std::move(resolved));
        if (q.annotationMask_)
            q.annotationMask_->push_back(name);
        added.push_back(name);
    }
    if (q.groupBy_ == GroupBy::Columns || q.isSliced() || !existing.empty() || q.distinct_) {
        Query inner = q;
        inner.selectRelated_.reset();
        std::vector<std::string> mask;
        for (const auto& [name, _] : q.annotationSelect())
            mask.push_back(name);
        inner.annotationMask_ = mask;
        if (!q.isSliced())
            inner.clearOrdering(true);
        if (!inner.distinct_) {
            const bool hasAggregate = std::any_of(existing.begin(), existing.end(),
                [](const auto& a) { return a.second.containsAggregate(); });
            if (inner.defaultCols_ && hasAggregate) {
                const std::string base = inner.initialAlias();
                inner.groupBy_ = GroupBy::Columns;
                inner.groupByCols_ = {Expression::col(base, model_->pk())};
            }
            inner.defaultCols_ = false;
        }
        Query outer(*model_);
        outer.defaultCols_ = false;
        for (const std::string& name : added) {
            auto it = std::find_if(inner.annotations_.begin(), inner.annotations_.end(),
                [&name](const auto& a) { return a.first == name; });
            if (it->second.args.empty() || it->second.args[0].kind != Expression::Kind::Star)
                throw FieldError("aggregate() over a sliced, distinct or annotated query is simulated for Count('*') only");
            outer.annotations_.push_back(*it);
            inner.annotations_.erase(it);
            inner.annotationMask_->erase(std::find(inner.annotationMask_->begin(), inner.annotationMask_->end(), name));
        }
        if (inner.select_.empty() && !inner.defaultCols_ && inner.annotationMask_->empty()) {
            const std::string base = inner.initialAlias();
            inner.select_ = {Expression::col(base, model_->pk())};
        }
        outer.inner_ = std::make_shared<const Query>(std::move(inner));
        outer.clearOrdering(true);
        return outer;
    }
    q.select_.clear();
    q.defaultCols_ = false;
    q.clearOrdering(true);
    q.clearLimits();
    q.selectRelated_.reset();
    q.annotationMask_ = added;
    return q;
}

} // namespace pipelab::django::db
