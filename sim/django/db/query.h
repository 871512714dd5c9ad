// Query: Django's sql.Query for the ORM core — the model, the alias map of joins (named and
// typed as Django names and types them: table name first, then T2, T3...; INNER or LEFT OUTER by
// nullability, promoted/demoted by the JoinPromoter rules), the where tree, ordering, limits,
// distinct, select_related, values, only/defer and annotations. A QuerySet binding holds one
// Query value, calls chain() for each chained method, then SQLCompiler/QueryEvaluator on it.
#pragma once

#include "sim/django/db/expression.h"
#include "sim/django/db/modelregistry.h"
#include "sim/django/db/q.h"
#include "sim/django/db/wherenode.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::django::db {

enum class JoinType { Base, Inner, LeftOuter };

// One entry of Query.alias_map: the base table or a join ON parent.parentColumn = alias.column.
struct Join {
    const ModelMeta* model = nullptr;
    std::string tableName;
    std::string alias;
    std::string parentAlias; // empty for the base table
    std::string parentColumn;
    std::string column;
    const Field* joinField = nullptr; // identity of the relation (with `direct`)
    bool direct = true;
    JoinType type = JoinType::Base;
    bool nullable = false;
    int refcount = 0;
};

// select_related("a__b", "c"): a tree of field names; `all` is select_related() with no names.
struct SelectRelated {
    bool all = false;
    std::map<std::string, SelectRelated> children;
};

// Result of resolving a field path (Django's setup_joins + trim_joins).
struct JoinInfo {
    const Field* finalField = nullptr; // last field (the FK for a relation end)
    const Field* target = nullptr;     // the column's field after trimming
    const ModelMeta* opts = nullptr;   // model at the end of the path
    std::vector<std::string> joins;    // aliases, starting alias first (after trimming)
    std::vector<PathInfo> path;
    std::string alias() const { return joins.back(); }
};

class Query {
public:
    explicit Query(const ModelMeta& model);

    const ModelMeta& model() const { return *model_; }

    // The clone each chained QuerySet method starts from (Query.chain(): used aliases reset).
    Query chain() const;

    // filter(q) / filter(**kwargs) as Q::kwargs(...); exclude(q) as addQ(~q). Throws FieldError
    // with Django's message for an unknown field or lookup, ValueError for a bad value (None
    // with gt, ...), TypeError on a sliced query.
    void addQ(const Q& q);

    // order_by(*names): replaces ordering; order_by() with no names disables Meta.ordering.
    // FieldError for an unknown first name, TypeError on a sliced query.
    void orderBy(const std::vector<std::string>& names);
    void reverseOrdering() { standardOrdering_ = !standardOrdering_; }
    // QuerySet.ordered: an explicit order_by, or Meta.ordering without GROUP BY.
    bool isOrdered() const;
    void clearOrdering(bool forceEmpty);

    // Slicing: qs[low:high] is setLimits(low, high) (relative to current marks, as Django).
    void setLimits(std::optional<std::int64_t> low, std::optional<std::int64_t> high);
    void clearLimits();
    bool isSliced() const { return lowMark_ != 0 || highMark_.has_value(); }
    std::int64_t lowMark() const { return lowMark_; }
    std::optional<std::int64_t> highMark() const { return highMark_; }

    void setDistinct(bool d) { distinct_ = d; }
    bool distinct() const { return distinct_; }

    // select_related("a__b"): adds to the tree; select_related() follows every non-null FK.
    void addSelectRelated(const std::vector<std::string>& names);
    void setSelectRelatedAll();
    void clearSelectRelated() { selectRelated_.reset(); }
    const std::optional<SelectRelated>& selectRelated() const { return selectRelated_; }

    // values(*fields) / values_list(*fields): the selected names; empty = every concrete field
    // (by attname). Result columns are the returned names (values keys), then annotations.
    std::vector<std::string> setValues(const std::vector<std::string>& fields);
    bool isValuesQuery() const { return valuesQuery_; }

    // defer(*names) / only(*names) / defer(None).
    void addDeferredLoading(const std::vector<std::string>& names);
    void addImmediateLoading(const std::vector<std::string>& names);
    void clearDeferredLoading();
    // Concrete fields loaded for `meta` (pk always), in definition order.
    std::vector<const Field*> loadedFields(const ModelMeta& meta) const;
    // only()/defer() field names left unloaded on the base model (what a later attribute access
    // fetches with a deferred-field query).
    std::vector<const Field*> deferredFields() const;

    // annotate(name=expr): expr is resolved now (joins created). Aggregates set GROUP BY.
    void addAnnotation(const std::string& name, Expression expr);
    const std::vector<std::pair<std::string, Expression>>& annotations() const { return annotations_; }
    // The annotations in the SELECT (all, or the values() mask), in order.
    std::vector<std::pair<std::string, Expression>> annotationSelect() const;

    // none(): a query that matches nothing and sends no SQL.
    void setEmpty();
    bool isEmpty() const;

    // Derived queries, as Django builds them: count() → "SELECT COUNT(*) AS "__count" ...",
    // exists() → "SELECT (1) AS "a" ... LIMIT 1", aggregate(**kw) → the aggregation query.
    Query countQuery() const;
    Query existsQuery() const;
    Query aggregateQuery(const std::vector<std::pair<std::string, Expression>>& aggregates) const;

    // -- Internals shared with SQLCompiler and QueryEvaluator --
    const std::vector<Join>& aliasMap() const { return aliasMap_; }
    const Join* join(const std::string& alias) const;
    const WhereNode& where() const { return where_; }
    const std::vector<std::string>& ordering() const { return orderBy_; }
    bool defaultOrdering() const { return defaultOrdering_; }
    bool standardOrdering() const { return standardOrdering_; }
    bool defaultCols() const { return defaultCols_; }
    const std::vector<Expression>& select() const { return select_; }
    const std::vector<std::string>& valuesSelect() const { return valuesSelect_; }
    enum class GroupBy { None, All, Columns };
    GroupBy groupByMode() const { return groupBy_; }
    const std::vector<Expression>& groupBy() const { return groupByCols_; }
    // extra(select=...): "(expr) AS "alias"" columns placed first, as Django places them.
    // exists() uses it for (1) AS "a"; an M2M prefetch for the through table's FK column.
    void addExtraSelect(const std::string& alias, Expression expr);
    const std::vector<std::pair<std::string, Expression>>& extraSelect() const { return extraSelect_; }
    const std::shared_ptr<const Query>& inner() const { return inner_; } // count over a subquery

    // Django's setup_joins + trim_joins for a field path from the base model. Used by the
    // compiler for select_related and ordering; creates or reuses joins (reuse: any equal join).
    JoinInfo setupJoins(const std::vector<std::string>& names, const ModelMeta& opts, const std::string& alias,
        const std::set<std::string>* canReuse, bool allowMany = true, bool trim = true);
    std::string initialAlias();
    // Relabels every alias to prefix + position (Django's bump_prefix for subqueries).
    void bumpPrefix(const Query& outer);
    Expression resolveRef(const std::string& name, const std::set<std::string>* reuse, bool allowJoins = true);

    // add_fields + set_select: the SELECT becomes these field paths (QuerySet.update's pk
    // subquery, values()). Throws FieldError for unknown names.
    void setSelectFields(const std::vector<std::string>& names) { addFields(names, true); }
    // The number of aliases in use (Django's count_active_tables).
    std::size_t activeTables() const;

    // Django's trim_joins: drops trailing forward joins whose target is already on the previous
    // alias ("customer__id" → "shop_order"."customer_id").
    void trimJoins(JoinInfo& info);

    // FieldError message for an unknown name on `opts`.
    std::string choicesMessage(const std::string& name, const ModelMeta& opts) const;

private:
    struct PathResult {
        std::vector<PathInfo> path;
        std::vector<std::pair<std::string, std::size_t>> namesWithPath;
        const Field* finalField = nullptr;
        const Field* target = nullptr;
        const ModelMeta* opts = nullptr;
        std::vector<std::string> rest;
        std::optional<std::size_t> multiJoinAt; // set when a multi-valued step is refused
    };
    PathResult namesToPath(const std::vector<std::string>& names, const ModelMeta& opts, bool allowMany,
        bool failOnMissing) const;
    std::string joinAlias(Join j, const std::set<std::string>* reuse);
    void promoteJoins(std::vector<std::string> aliases);
    void demoteJoins(std::vector<std::string> aliases);
    Join* joinMut(const std::string& alias);

    std::pair<WhereNode, std::vector<std::string>> addQImpl(const Q& q, std::set<std::string>& used,
        bool branchNegated, bool currentNegated);
    std::pair<WhereNode, std::vector<std::string>> buildFilter(const Q::Condition& c, std::set<std::string>& canReuse,
        bool branchNegated, bool currentNegated);
    std::pair<WhereNode, std::vector<std::string>> splitExclude(const Q::Condition& c,
        const std::vector<std::pair<std::string, std::size_t>>& namesWithPath, std::size_t pathsToM2m);
    Lookup buildLookup(const std::vector<std::string>& lookups, Expression lhs, const QValue& value,
        const Field* prepField, const std::set<std::string>& canReuse);
    Expression resolveExpression(const Expression& e, const std::set<std::string>* reuse);
    const Expression* annotation(const std::string& name) const;
    void addFields(const std::vector<std::string>& names, bool allowM2m);
    void setGroupBy();

    const ModelMeta* model_;
    std::vector<Join> aliasMap_;
    std::map<std::string, std::vector<std::string>> tableMap_;
    std::string aliasPrefix_ = "T";
    std::set<std::string> usedAliases_;
    WhereNode where_;
    std::vector<std::string> orderBy_;
    bool defaultOrdering_ = true;
    bool standardOrdering_ = true;
    std::int64_t lowMark_ = 0;
    std::optional<std::int64_t> highMark_;
    bool distinct_ = false;
    std::optional<SelectRelated> selectRelated_;
    bool defaultCols_ = true;
    std::vector<Expression> select_;
    std::vector<std::string> valuesSelect_;
    bool valuesQuery_ = false;
    std::set<std::string> deferredNames_;
    bool deferMode_ = true; // true: deferredNames_ are deferred; false: only these are loaded
    std::vector<std::pair<std::string, Expression>> annotations_;
    std::optional<std::vector<std::string>> annotationMask_;
    GroupBy groupBy_ = GroupBy::None;
    std::vector<Expression> groupByCols_;
    std::vector<std::pair<std::string, Expression>> extraSelect_;
    std::shared_ptr<const Query> inner_;

    friend class SQLCompiler;
};

} // namespace pipelab::django::db
