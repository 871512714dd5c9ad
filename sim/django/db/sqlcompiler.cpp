// SQLCompiler: Django 3.2's compiler.py, step for step where the text depends on it:
// get_select (default columns, annotations, select_related), get_order_by/find_ordering_name,
// split_having, get_group_by, the distinct extra select, get_from_clause, WhereNode.as_sql with
// EmptyResultSet, lookups as the SQLite backend spells them, limit_offset_sql.
#include "sim/django/db/sqlcompiler.h"

#include "sim/django/db/constants.h"

#include <algorithm>
#include <functional>
#include <set>

namespace pipelab::django::db {

namespace {

std::string quoteName(const std::string& name)
{
    std::string out;
    out.reserve(name.size() + 2);
    out += '"';
    out += name;
    out += '"';
    return out;
}

// Appends alias-qualified column text ("alias"."column") to out: the SELECT list and WHERE of
// every query are made of these, so they are written in place rather than as temporaries.
void appendQualified(std::string& out, const SelectPlan& plan, const std::string& alias, const std::string& column);

std::string likeEscape(const std::string& s)
{
    std::string out;
    for (const char c : s) {
        if (c == '\\' || c == '%' || c == '_')
            out += '\\';
        out += c;
    }
    return out;
}

// Django's get_group_by_cols for the expressions the core has.
void groupByCols(const Expression& e, std::vector<Expression>& out)
{
    switch (e.kind) {
    case Expression::Kind::Col:
        out.push_back(e);
        return;
    case Expression::Kind::Aggregate:
    case Expression::Kind::Value:
    case Expression::Kind::Star:
    case Expression::Kind::Ref:
    case Expression::Kind::F:
    case Expression::Kind::Subquery:
        return;
    case Expression::Kind::Combined:
        for (const Expression& a : e.args)
            groupByCols(a, out);
        return;
    }
}

// WhereNode.split_having: aggregate conditions go to HAVING.
void splitHaving(const WhereNode& node, bool negated, std::optional<WhereNode>& where, std::optional<WhereNode>& having)
{
    if (!node.containsAggregate()) {
        where = node;
        return;
    }
    const bool inNegated = negated != node.negated;
    const bool mayNeedSplit = (inNegated && node.connector == WhereNode::Connector::And)
        || (!inNegated && node.connector == WhereNode::Connector::Or);
    if (mayNeedSplit || node.isLeaf()) {
        having = node;
        return;
    }
    WhereNode w;
    WhereNode h;
    w.connector = h.connector = node.connector;
    w.negated = h.negated = node.negated;
    for (const WhereNode& c : node.children) {
        std::optional<WhereNode> cw;
        std::optional<WhereNode> ch;
        if (c.isLeaf()) {
            if (c.containsAggregate())
                ch = c;
            else
                cw = c;
        } else {
            splitHaving(c, inNegated, cw, ch);
        }
        if (cw)
            w.children.push_back(std::move(*cw));
        if (ch)
            h.children.push_back(std::move(*ch));
    }
    if (!w.children.empty())
        where = std::move(w);
    if (!h.children.empty())
        having = std::move(h);
}

// WhereNode.get_group_by_cols for HAVING: the plain columns its lookups compare.
std::vector<Expression> havingCols(const WhereNode& w)
{
    std::vector<Expression> out;
    if (w.lookup) {
        groupByCols(w.lookup->lhs, out);
        for (const Expression& r : w.lookup->rhs)
            groupByCols(r, out);
    }
    for (const WhereNode& c : w.children) {
        auto more = havingCols(c);
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

std::pair<std::string, std::string> getOrderDir(const std::string& field, const std::string& defaultDir)
{
    const std::string flipped = defaultDir == "ASC" ? "DESC" : "ASC";
    if (!field.empty() && field[0] == '-')
        return {field.substr(1), flipped};
    return {field, defaultDir};
}

std::string renderItem(const SelectItem& item, const SelectPlan& plan)
{
    const std::string sql = SQLCompiler::renderExpression(item.expr, plan);
    return item.extra ? "(" + sql + ")" : sql;
}

class PlanBuilder {
public:
    explicit PlanBuilder(Query& q) : q_(q) {}

    std::shared_ptr<SelectPlan> build();

private:
    void relatedSelections(SelectPlan& plan, KlassInfo& parent, const ModelMeta& opts, const std::string& rootAlias,
        int depth, const SelectRelated* requested, bool restricted);
    std::vector<OrderItem> findOrderingName(const std::string& name, const ModelMeta& opts, const std::string& alias,
        const std::string& defaultOrder, int depth);

    Query& q_;
};

void PlanBuilder::relatedSelections(SelectPlan& plan, KlassInfo& parent, const ModelMeta& opts,
    const std::string& rootAlias, int depth, const SelectRelated* requested, bool restricted)
{
    if (!restricted && depth > 5)
        return;
    auto choices = [&opts]() {
        std::string list;
        for (const Field& f : opts.fields)
            if (f.isRelation())
                list += (list.empty() ? "" : ", ") + f.name;
        for (const RelatedObject& r : opts.relatedObjects)
            if (!r.multiple && !r.field->isManyToMany())
                list += (list.empty() ? "" : ", ") + r.queryName;
        return list.empty() ? std::string("(none)") : list;
    };
    std::set<std::string> found;
    for (const Field& f : opts.fields) {
        found.insert(f.name);
        const SelectRelated* next = nullptr;
        if (restricted) {
            const auto it = requested->children.find(f.name);
            if (it != requested->children.end())
                next = &it->second;
            if (!f.isRelation() && next)
                throw FieldError("Non-relational field given in select_related: '" + f.name + "'. Choices are: " + choices());
        }
        if (!f.isForeignKey())
            continue;
        if (restricted && !next)
            continue;
        if (!restricted && f.null)
            continue;
        JoinInfo info = q_.setupJoins({f.name}, opts, rootAlias, nullptr, true, false);
        KlassInfo ki;
        ki.model = f.relatedModel;
        ki.field = &f;
        ki.fields = q_.loadedFields(*f.relatedModel);
        ki.firstColumn = plan.select.size();
        for (const Field* lf : ki.fields)
            plan.select.push_back({Expression::col(info.alias(), *lf), ""});
        relatedSelections(plan, ki, *f.relatedModel, info.alias(), depth + 1, next, restricted);
        parent.related.push_back(std::move(ki));
    }
    if (restricted) {
        for (const RelatedObject& r : opts.relatedObjects) {
            if (r.multiple || r.field->isManyToMany())
                continue;
            const auto it = requested->children.find(r.queryName);
            if (it == requested->children.end())
                continue;
            found.insert(r.queryName);
            JoinInfo info = q_.setupJoins({r.queryName}, opts, rootAlias, nullptr, true, false);
            KlassInfo ki;
            ki.model = r.relatedModel;
            ki.field = r.field;
            ki.fields = q_.loadedFields(*r.relatedModel);
            ki.firstColumn = plan.select.size();
            for (const Field* lf : ki.fields)
                plan.select.push_back({Expression::col(info.alias(), *lf), ""});
            relatedSelections(plan, ki, *r.relatedModel, info.alias(), depth + 1, &it->second, restricted);
            parent.related.push_back(std::move(ki));
        }
        std::string invalid;
        for (const auto& [name, _] : requested->children)
            if (!found.count(name))
                invalid += (invalid.empty() ? "'" : ", '") + name + "'";
        if (!invalid.empty())
            throw FieldError("Invalid field name(s) given in select_related: " + invalid + ". Choices are: " + choices());
    }
}

std::vector<OrderItem> PlanBuilder::findOrderingName(const std::string& name, const ModelMeta& opts,
    const std::string& alias, const std::string& defaultOrder, int depth)
{
    if (depth > 16)
        throw FieldError("Infinite loop caused by ordering.");
    const auto [col, order] = getOrderDir(name, defaultOrder);
    const std::vector<std::string> pieces = splitLookup(col);
    const std::string start = alias.empty() ? q_.initialAlias() : alias;
    JoinInfo info = q_.setupJoins(pieces, opts, start, nullptr, true, false);
    const Field* field = info.finalField;
    if (field && field->isRelation() && !info.path.empty() && !info.opts->ordering.empty()
        && field->attname != pieces.back() && col != "pk") {
        std::vector<OrderItem> results;
        for (const std::string& item : info.opts->ordering) {
            auto more = findOrderingName(item, *info.opts, info.alias(), order, depth + 1);
            results.insert(results.end(), more.begin(), more.end());
        }
        return results;
    }
    q_.trimJoins(info);
    return {OrderItem{Expression::col(info.alias(), *info.target), order == "DESC", std::nullopt}};
}

std::shared_ptr<SelectPlan> PlanBuilder::build()
{
    auto plan = std::make_shared<SelectPlan>();
    if (q_.inner()) {
        Query inner = *q_.inner();
        PlanBuilder ib(inner);
        plan->fromSubquery = ib.build();
        for (const auto& [name, e] : q_.annotationSelect()) {
            plan->annotationColumns.emplace_back(name, plan->select.size());
            plan->select.push_back({e, ""});
        }
        plan->visibleColumns = plan->select.size();
        plan->grouped = true;
        return plan;
    }
    const bool anyReferenced = std::any_of(q_.aliasMap().begin(), q_.aliasMap().end(), [](const Join& j) { return j.refcount > 0; });
    if (!anyReferenced)
        q_.initialAlias();
    for (const auto& [alias, e] : q_.extraSelect())
        plan->select.push_back({e, alias, true});
    if (q_.defaultCols()) {
        const std::string base = q_.initialAlias();
        KlassInfo ki;
        ki.model = &q_.model();
        ki.fields = q_.loadedFields(q_.model());
        ki.firstColumn = plan->select.size();
        for (const Field* f : ki.fields)
            plan->select.push_back({Expression::col(base, *f), ""});
        plan->klassInfo = std::move(ki);
    } else {
        for (const Expression& e : q_.select())
            plan->select.push_back({e, ""});
    }
    for (const auto& [name, e] : q_.annotationSelect()) {
        plan->annotationColumns.emplace_back(name, plan->select.size());
        plan->select.push_back({e, name});
    }
    if (q_.selectRelated() && plan->klassInfo) {
        const SelectRelated& sr = *q_.selectRelated();
        relatedSelections(*plan, *plan->klassInfo, q_.model(), q_.initialAlias(), 1, sr.all ? nullptr : &sr, !sr.all);
    }

    // get_order_by
    std::vector<std::string> ordering;
    bool metaOrdering = false;
    if (!q_.defaultOrdering() || !q_.ordering().empty()) {
        ordering = q_.ordering();
    } else if (!q_.model().ordering.empty()) {
        ordering = q_.model().ordering;
        metaOrdering = true;
    }
    const std::string asc = q_.standardOrdering() ? "ASC" : "DESC";
    const auto annotationSelect = q_.annotationSelect();
    std::vector<OrderItem> orderItems;
    for (const std::string& field : ordering) {
        if (field == "?")
            throw FieldError("order_by('?') (random ordering) is not simulated");
        const auto [col, order] = getOrderDir(field, asc);
        const bool desc = order == "DESC";
        const auto sel = std::find_if(annotationSelect.begin(), annotationSelect.end(), [&col](const auto& a) { return a.first == col; });
        if (sel != annotationSelect.end()) {
            std::size_t idx = 0;
            for (const auto& [n, i] : plan->annotationColumns)
                if (n == col)
                    idx = i;
            orderItems.push_back({Expression::ref(col), desc, idx});
            continue;
        }
        const auto& all = q_.annotations();
        const auto masked = std::find_if(all.begin(), all.end(), [&col](const auto& a) { return a.first == col; });
        if (masked != all.end()) {
            orderItems.push_back({masked->second, desc, std::nullopt});
            continue;
        }
        auto items = findOrderingName(field, q_.model(), "", asc, 0);
        orderItems.insert(orderItems.end(), items.begin(), items.end());
    }

    // Everything that adds joins is done: freeze the alias map for rendering.
    for (const Join& j : q_.aliasMap()) {
        plan->localAliases.push_back(j.alias);
        plan->tableNames.push_back(j.tableName);
        if (j.refcount > 0)
            plan->joins.push_back(j);
    }
    {
        std::set<std::string> seen;
        for (OrderItem& item : orderItems) {
            const std::string sql = SQLCompiler::renderExpression(item.expr, *plan);
            if (seen.insert(sql).second)
                plan->orderBy.push_back(item);
        }
    }

    splitHaving(q_.where(), false, plan->where, plan->having);

    // get_group_by
    bool hasAggregate = false;
    for (const SelectItem& s : plan->select)
        if (s.expr.containsAggregate())
            hasAggregate = true;
    if (q_.groupByMode() != Query::GroupBy::None) {
        std::vector<SelectItem> items;
        std::vector<std::string> sqls;
        auto push = [&](const SelectItem& item) {
            const std::string sql = renderItem(item, *plan);
            if (std::find(sqls.begin(), sqls.end(), sql) == sqls.end()) {
                sqls.push_back(sql);
                items.push_back(item);
            }
        };
        if (q_.groupByMode() == Query::GroupBy::Columns)
            for (const Expression& e : q_.groupBy())
                push({e, ""});
        auto pushCols = [&](const Expression& e) {
            std::vector<Expression> cols;
            groupByCols(e, cols);
            for (const Expression& c : cols)
                push({c, ""});
        };
        for (const SelectItem& s : plan->select) {
            if (s.extra)
                push(s);
            else
                pushCols(s.expr);
        }
        for (const OrderItem& o : plan->orderBy)
            if (!o.selectIndex)
                pushCols(o.expr);
        if (plan->having)
            for (const Expression& c : havingCols(*plan->having))
                push({c, ""});
        plan->groupBy = std::move(items);
        if (!plan->groupBy.empty() && metaOrdering)
            plan->orderBy.clear();
    }
    plan->grouped = hasAggregate || !plan->groupBy.empty();

    plan->visibleColumns = plan->select.size();
    plan->distinct = q_.distinct();
    if (plan->distinct) {
        std::vector<std::string> selectSql;
        for (const SelectItem& s : plan->select)
            selectSql.push_back(renderItem(s, *plan));
        for (const OrderItem& o : plan->orderBy) {
            if (o.selectIndex)
                continue;
            const std::string sql = SQLCompiler::renderExpression(o.expr, *plan);
            if (std::find(selectSql.begin(), selectSql.end(), sql) == selectSql.end()) {
                selectSql.push_back(sql);
                plan->select.push_back({o.expr, ""});
            }
        }
    }
    plan->lowMark = q_.lowMark();
    plan->highMark = q_.highMark();
    return plan;
}

// quote_name_unless_alias: an alias of this query that is not a table name stays bare (T3, U1).
bool isLocalAlias(const SelectPlan& plan, const std::string& alias)
{
    return std::find(plan.localAliases.begin(), plan.localAliases.end(), alias) != plan.localAliases.end()
        && std::find(plan.tableNames.begin(), plan.tableNames.end(), alias) == plan.tableNames.end();
}

std::string qn(const SelectPlan& plan, const std::string& alias)
{
    return isLocalAlias(plan, alias) ? alias : quoteName(alias);
}

void appendQualified(std::string& out, const SelectPlan& plan, const std::string& alias, const std::string& column)
{
    const bool local = isLocalAlias(plan, alias);
    out.reserve(out.size() + alias.size() + column.size() + 5);
    if (!local)
        out += '"';
    out += alias;
    out += local ? "." : "\".";
    out += '"';
    out += column;
    out += '"';
}

std::string renderLookup(const Lookup& lk, const SelectPlan& plan)
{
    const std::string lhs = SQLCompiler::renderExpression(lk.lhs, plan);
    auto rhs = [&](std::size_t i) { return SQLCompiler::renderExpression(lk.rhs.at(i), plan); };
    const std::string& n = lk.name;
    if (n == "exact") {
        const Expression& r = lk.rhs.at(0);
        const bool lhsBoolean = lk.lhs.kind == Expression::Kind::Col && lk.lhs.field
            && lk.lhs.field->kind == FieldKind::BooleanField;
        if (lhsBoolean && r.kind == Expression::Kind::Value && std::holds_alternative<bool>(r.value.variant()))
            return std::get<bool>(r.value.variant()) ? lhs : "NOT " + lhs;
        return lhs + " = " + rhs(0);
    }
    if (n == "iexact" || n == "contains" || n == "icontains" || n == "startswith" || n == "endswith"
        || n == "istartswith" || n == "iendswith") {
        const Expression& r = lk.rhs.at(0);
        if (r.kind != Expression::Kind::Value)
            throw FieldError("The '" + n + "' lookup against an expression is not simulated");
        std::string pattern = likeEscape(r.value.text());
        if (n == "contains" || n == "icontains")
            pattern = "%" + pattern + "%";
        else if (n == "startswith" || n == "istartswith")
            pattern += "%";
        else if (n == "endswith" || n == "iendswith")
            pattern = "%" + pattern;
        return lhs + " LIKE " + DbValue(pattern).sqlLiteral() + " ESCAPE '\\'";
    }
    if (n == "gt")
        return lhs + " > " + rhs(0);
    if (n == "gte")
        return lhs + " >= " + rhs(0);
    if (n == "lt")
        return lhs + " < " + rhs(0);
    if (n == "lte")
        return lhs + " <= " + rhs(0);
    if (n == "in") {
        if (lk.rhs.empty())
            throw EmptyResultSet();
        if (lk.rhs.front().kind == Expression::Kind::Subquery)
            return lhs + " IN " + rhs(0);
        std::string list;
        for (std::size_t i = 0; i < lk.rhs.size(); ++i)
            list += (i ? ", " : "") + rhs(i);
        return lhs + " IN (" + list + ")";
    }
    if (n == "range")
        return lhs + " BETWEEN " + rhs(0) + " AND " + rhs(1);
    if (n == "isnull")
        return lhs + (lk.rhs.at(0).value == DbValue(true) ? " IS NULL" : " IS NOT NULL");
    throw FieldError("Unsupported lookup '" + n + "'");
}

std::string renderSubqueryExists(const Query& inner)
{
    CompiledQuery c = SQLCompiler::compile(inner.existsQuery());
    if (c.empty)
        throw EmptyResultSet();
    return "EXISTS(" + c.sql + ")";
}

} // namespace

std::string SQLCompiler::renderExpression(const Expression& e, const SelectPlan& plan)
{
    switch (e.kind) {
    case Expression::Kind::Col: {
        std::string sql;
        appendQualified(sql, plan, e.alias, e.field->column);
        return sql;
    }
    case Expression::Kind::Value:
        return e.value.sqlLiteral();
    case Expression::Kind::Combined:
        return "(" + renderExpression(e.args.at(0), plan) + " " + e.name + " " + renderExpression(e.args.at(1), plan) + ")";
    case Expression::Kind::Aggregate: {
        std::string sql = e.name + "(" + (e.distinct ? "DISTINCT " : "") + renderExpression(e.args.at(0), plan) + ")";
        if (e.field && e.field->kind == FieldKind::DecimalField)
            sql = "CAST(" + sql + " AS NUMERIC)";
        return sql;
    }
    case Expression::Kind::Ref:
        return quoteName(e.name);
    case Expression::Kind::Star:
        return "*";
    case Expression::Kind::Subquery: {
        const CompiledQuery c = compile(*e.subquery);
        if (c.empty)
            throw EmptyResultSet();
        return "(" + c.sql + ")";
    }
    case Expression::Kind::F:
        break;
    }
    throw FieldError("unresolved F('" + e.name + "') in a compiled query");
}

std::string SQLCompiler::renderWhere(const WhereNode& node, const SelectPlan& plan)
{
    if (node.nothing)
        throw EmptyResultSet();
    if (node.lookup)
        return renderLookup(*node.lookup, plan);
    if (node.exists)
        return renderSubqueryExists(*node.exists);
    const bool isAnd = node.connector == WhereNode::Connector::And;
    std::size_t fullNeeded = isAnd ? node.children.size() : 1;
    std::size_t emptyNeeded = isAnd ? 1 : node.children.size();
    std::vector<std::string> parts;
    for (const WhereNode& child : node.children) {
        try {
            std::string sql = renderWhere(child, plan);
            if (!sql.empty())
                parts.push_back(std::move(sql));
            else
                --fullNeeded;
        } catch (const EmptyResultSet&) {
            --emptyNeeded;
        }
        if (emptyNeeded == 0) {
            if (node.negated)
                return "";
            throw EmptyResultSet();
        }
        if (fullNeeded == 0) {
            if (node.negated)
                throw EmptyResultSet();
            return "";
        }
    }
    std::string sql;
    for (std::size_t i = 0; i < parts.size(); ++i)
        sql += (i ? (isAnd ? " AND " : " OR ") : "") + parts[i];
    if (!sql.empty()) {
        if (node.negated)
            sql = "NOT (" + sql + ")";
        else if (parts.size() > 1)
            sql = "(" + sql + ")";
    }
    return sql;
}

std::string SQLCompiler::renderSelect(const SelectPlan& plan, bool withColAliases)
{
    if (plan.fromSubquery) {
        std::string cols;
        for (std::size_t i = 0; i < plan.select.size(); ++i)
            cols += (i ? ", " : "") + renderExpression(plan.select[i].expr, plan);
        return "SELECT " + cols + " FROM (" + renderSelect(*plan.fromSubquery, true) + ") subquery";
    }
    std::string sql;
    sql.reserve(256);
    sql += "SELECT ";
    if (plan.distinct)
        sql += "DISTINCT ";
    int colIdx = 1;
    for (std::size_t i = 0; i < plan.select.size(); ++i) {
        const SelectItem& s = plan.select[i];
        if (i)
            sql += ", ";
        if (s.expr.kind == Expression::Kind::Col && !s.extra)
            appendQualified(sql, plan, s.expr.alias, s.expr.field->column);
        else
            sql += renderItem(s, plan);
        if (!s.alias.empty()) {
            sql += " AS ";
            sql += quoteName(s.alias);
        } else if (withColAliases) {
            sql += " AS Col";
            sql += std::to_string(colIdx++);
        }
    }
    sql += " FROM ";
    for (std::size_t i = 0; i < plan.joins.size(); ++i) {
        const Join& j = plan.joins[i];
        const std::string aliasStr = j.alias == j.tableName ? "" : " " + j.alias;
        if (j.type == JoinType::Base) {
            sql += quoteName(j.tableName) + aliasStr;
            continue;
        }
        sql += std::string(" ") + (j.type == JoinType::Inner ? "INNER JOIN " : "LEFT OUTER JOIN ") + quoteName(j.tableName)
            + aliasStr + " ON (" + qn(plan, j.parentAlias) + "." + quoteName(j.parentColumn) + " = " + qn(plan, j.alias)
            + "." + quoteName(j.column) + ")";
    }
    if (plan.where) {
        const std::string w = renderWhere(*plan.where, plan);
        if (!w.empty())
            sql += " WHERE " + w;
    }
    if (!plan.groupBy.empty()) {
        sql += " GROUP BY ";
        for (std::size_t i = 0; i < plan.groupBy.size(); ++i) {
            const SelectItem& g = plan.groupBy[i];
            sql += (i ? ", " : "") + renderItem(g, plan);
        }
    }
    if (plan.having) {
        const std::string h = renderWhere(*plan.having, plan);
        if (!h.empty())
            sql += " HAVING " + h;
    }
    if (!plan.orderBy.empty()) {
        sql += " ORDER BY ";
        for (std::size_t i = 0; i < plan.orderBy.size(); ++i)
            sql += (i ? ", " : "") + renderExpression(plan.orderBy[i].expr, plan) + (plan.orderBy[i].descending ? " DESC" : " ASC");
    }
    const std::int64_t offset = plan.lowMark;
    std::optional<std::int64_t> limit;
    if (plan.highMark)
        limit = *plan.highMark - offset;
    else if (offset)
        limit = -1;
    if (limit && *limit)
        sql += " LIMIT " + std::to_string(*limit);
    if (offset)
        sql += " OFFSET " + std::to_string(offset);
    return sql;
}

std::shared_ptr<SelectPlan> SQLCompiler::buildPlan(Query q)
{
    PlanBuilder b(q);
    return b.build();
}

CompiledQuery SQLCompiler::compile(const Query& query)
{
    CompiledQuery c;
    auto plan = buildPlan(query);
    c.plan = plan;
    try {
        c.sql = renderSelect(*plan, false);
    } catch (const EmptyResultSet&) {
        c.empty = true;
        c.sql.clear();
    }
    return c;
}

} // namespace pipelab::django::db
