// Golden SQL and results against real Django 3.2: each case of data/sql_golden.json (written by
// oracle/golden.py) is rebuilt here with the ORM core's Query API, the way the QuerySet binding
// will build it, and must produce the same SQL list and the same result on the same data.
// moc cannot parse the C++20 standard headers these pull in; it needs none of them.
#ifndef Q_MOC_RUN
#include "sim/django/db/deletequery.h"
#include "sim/django/db/insertquery.h"
#include "sim/django/db/queryevaluator.h"
#include "sim/django/db/sqlcompiler.h"
#include "sim/django/db/updatequery.h"
#include "testshop.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#endif

using namespace pipelab::django::db;
using json = nlohmann::json;

namespace {

struct Outcome {
    std::vector<std::string> sql;
    json result;
    std::string error;
};

// A DecimalField aggregate as Django's SQLite converter returns it: the REAL (or INTEGER)
// SQLite computed, through Context(prec=15).create_decimal_from_float.
json decimalAggregate(const DbValue& v)
{
    if (v.isNull())
        return nullptr;
    return "D" + decimalFromFloat(v.asDouble()).toString();
}

json toJson(const DbValue& v)
{
    const auto& var = v.variant();
    if (v.isNull())
        return nullptr;
    if (const auto* b = std::get_if<bool>(&var))
        return *b;
    if (const auto* i = std::get_if<std::int64_t>(&var))
        return *i;
    if (const auto* d = std::get_if<double>(&var))
        return *d;
    if (const auto* dec = std::get_if<Decimal>(&var))
        return "D" + dec->toString();
    return v.text();
}

using KV = std::vector<std::pair<std::string, QValue>>;

// The QuerySet-level operations the binding will perform, recorded like connection.queries.
class Session {
public:
    explicit Session(pipelab::django::db::test::TestShop& shop) : shop(shop) {}

    pipelab::django::db::test::TestShop& shop;
    Outcome out;

    Query all(const ModelMeta& m) const { return Query(m); }
    static Query filter(const Query& q, KV kw)
    {
        Query c = q.chain();
        c.addQ(Q::kwargs(std::move(kw)));
        return c;
    }
    static Query filterQ(const Query& q, const Q& qq)
    {
        Query c = q.chain();
        c.addQ(qq);
        return c;
    }
    static Query exclude(const Query& q, KV kw)
    {
        Query c = q.chain();
        c.addQ(~Q::kwargs(std::move(kw)));
        return c;
    }
    static Query orderBy(const Query& q, std::vector<std::string> names)
    {
        Query c = q.chain();
        c.orderBy(names);
        return c;
    }
    static Query sliced(const Query& q, std::optional<std::int64_t> low, std::optional<std::int64_t> high)
    {
        Query c = q.chain();
        c.setLimits(low, high);
        return c;
    }

    std::vector<Row> run(const Query& q)
    {
        CompiledQuery c = SQLCompiler::compile(q);
        if (c.empty)
            return {};
        out.sql.push_back(c.sql);
        return QueryEvaluator(shop.store).execute(c);
    }
    // list(qs): model instances, reported by pk (column 0 of the model's columns).
    json list(const Query& q)
    {
        CompiledQuery c = SQLCompiler::compile(q);
        json arr = json::array();
        if (c.empty)
            return arr;
        out.sql.push_back(c.sql);
        const std::size_t pkCol = c.plan->klassInfo ? c.plan->klassInfo->firstColumn : 0;
        for (const Row& r : QueryEvaluator(shop.store).execute(c))
            arr.push_back(toJson(r.at(pkCol)));
        return arr;
    }
    json values(const Query& q, const std::vector<std::string>& fields)
    {
        Query c = q.chain();
        const auto keys = c.setValues(fields);
        json arr = json::array();
        for (const Row& r : run(c)) {
            json o = json::object();
            for (std::size_t i = 0; i < keys.size(); ++i)
                o[keys[i]] = toJson(r.at(i));
            arr.push_back(o);
        }
        return arr;
    }
    json valuesList(const Query& q, const std::vector<std::string>& fields, bool flat = false)
    {
        Query c = q.chain();
        c.setValues(fields);
        json arr = json::array();
        for (const Row& r : run(c)) {
            if (flat) {
                arr.push_back(toJson(r.at(0)));
                continue;
            }
            json t = json::array();
            for (const DbValue& v : r)
                t.push_back(toJson(v));
            arr.push_back(t);
        }
        return arr;
    }
    json count(const Query& q)
    {
        const auto rows = run(q.countQuery());
        return rows.empty() ? json(0) : toJson(rows[0][0]);
    }
    json exists(const Query& q) { return !run(q.existsQuery()).empty(); }
    // QuerySet.get(**kw): filter, drop ordering, LIMIT 21.
    json get(const Query& q, KV kw)
    {
        Query c = filter(q, std::move(kw));
        if (!c.isSliced())
            c.orderBy({});
        c.setLimits(std::nullopt, 21);
        const json rows = list(c);
        if (rows.empty())
            throw std::runtime_error("DoesNotExist: " + q.model().objectName + " matching query does not exist.");
        if (rows.size() > 1)
            throw std::runtime_error("MultipleObjectsReturned");
        return rows[0];
    }
    json first(const Query& q)
    {
        Query c = q.isOrdered() ? q.chain() : orderBy(q, {"pk"});
        c.setLimits(std::nullopt, 1);
        const json rows = list(c);
        return rows.empty() ? json(nullptr) : rows[0];
    }
    json last(const Query& q)
    {
        Query c = q.chain();
        if (q.isOrdered())
            c.reverseOrdering();
        else
            c.orderBy({"-pk"});
        c.setLimits(std::nullopt, 1);
        const json rows = list(c);
        return rows.empty() ? json(nullptr) : rows[0];
    }
    json aggregate(const Query& q, const std::vector<std::pair<std::string, Expression>>& aggs)
    {
        Query a = q.aggregateQuery(aggs);
        const CompiledQuery c = SQLCompiler::compile(a);
        const auto rows = run(a);
        json o = json::object();
        for (std::size_t i = 0; i < aggs.size(); ++i) {
            const Expression& e = c.plan->select.at(i).expr;
            const bool decimal = e.field && e.field->kind == FieldKind::DecimalField;
            o[aggs[i].first] = rows.empty() ? json(nullptr) : decimal ? decimalAggregate(rows[0].at(i)) : toJson(rows[0].at(i));
        }
        return o;
    }
    Row fetchRow(const ModelMeta& m, std::int64_t pk)
    {
        Query c = filter(Query(m), {{"pk", DbValue(pk)}});
        c.orderBy({});
        c.setLimits(std::nullopt, 21);
        return run(c).at(0);
    }
};

Expression F(const std::string& path) { return Expression::f(path); }
Expression V(DbValue v) { return Expression::literal(std::move(v)); }
Expression agg(const char* fn, const std::string& path, bool distinct = false)
{
    return Expression::aggregate(fn, F(path), distinct);
}
std::vector<DbValue> L(std::initializer_list<DbValue> v) { return v; }

using Case = std::function<json(Session&)>;

std::map<std::string, Case> cases()
{
    std::map<std::string, Case> c;
    auto& s = c;
    s["all"] = [](Session& x) { return x.list(x.all(*x.shop.order)); };
    s["exact"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"status", DbValue("paid")}})); };
    s["iexact"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.customer), {{"name__iexact", DbValue("alice")}})); };
    s["contains"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"name__contains", DbValue("ll")}})); };
    s["icontains"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"name__icontains", DbValue("DR")}})); };
    s["startswith"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"name__startswith", DbValue("K")}})); };
    s["endswith_escape"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"name__endswith", DbValue("%")}})); };
    s["gt"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"quantity__gt", DbValue(2)}})); };
    s["gte_lt"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"quantity__gte", DbValue(2)}, {"quantity__lt", DbValue(3)}}));
    };
    s["lte_pk"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"pk__lte", DbValue(3)}})); };
    s["pk_in"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"pk__in", L({1, 2, 3})}})); };
    s["in_strings"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"status__in", L({"paid", "shipped"})}}));
    };
    s["isnull_true"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"note__isnull", DbValue(true)}})); };
    s["isnull_false"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"created__isnull", DbValue(false)}})); };
    s["exact_none"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"note", DbValue()}})); };
    s["range"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"quantity__range", L({1, 2})}})); };
    s["decimal_gt"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.product), {{"price__gt", DbValue(*Decimal::parse("5.00"))}}));
    };
    s["decimal_int"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"price", DbValue(8)}})); };
    s["bool"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.customer), {{"vip", DbValue(true)}})); };
    s["date_gte"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"shipped_on__gte", DbValue(Date{"2024-02-10"})}}));
    };
    s["datetime_lt"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"created__lt", DbValue(DateTime{"2024-01-05 00:00:00"})}}));
    };
    s["float_gt"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"weight__gt", DbValue(2.5)}})); };
    s["quote"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.customer), {{"name", DbValue("Dan O'Neil")}})); };
    s["fk_across"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"customer__name", DbValue("Alice")}})); };
    s["fk_attname"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"customer_id", DbValue(2)}})); };
    s["fk_value"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"customer", DbValue(2)}})); };
    s["fk_id_trim"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"customer__id", DbValue(2)}})); };
    s["fk_two_levels"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"product__category__name", DbValue("Tools")}}));
    };
    s["reverse_fk"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.customer), {{"orders__status", DbValue("refunded")}}));
    };
    s["reverse_fk_distinct"] = [](Session& x) {
        Query q = Session::filter(x.all(*x.shop.customer), {{"orders__status", DbValue("refunded")}});
        q.setDistinct(true);
        return x.list(q);
    };
    s["reverse_default_name"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.product), {{"order__quantity", DbValue(3)}}));
    };
    s["m2m"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"tags__name", DbValue("red")}})); };
    s["m2m_reverse"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.tag), {{"product__name", DbValue("Hammer")}})); };
    s["self_reverse"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.category), {{"children__name", DbValue("Power tools")}}));
    };
    s["fk_isnull"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"category__isnull", DbValue(true)}})); };
    s["reverse_isnull"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.customer), {{"orders__isnull", DbValue(true)}})); };
    s["two_filters_multi"] = [](Session& x) {
        Query q = Session::filter(x.all(*x.shop.customer), {{"orders__status", DbValue("paid")}});
        return x.list(Session::filter(q, {{"orders__quantity", DbValue(3)}}));
    };
    s["one_filter_multi"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.customer), {{"orders__status", DbValue("paid")}, {"orders__quantity", DbValue(3)}}));
    };
    s["exclude"] = [](Session& x) { return x.list(Session::exclude(x.all(*x.shop.order), {{"status", DbValue("paid")}})); };
    s["exclude_nullable"] = [](Session& x) { return x.list(Session::exclude(x.all(*x.shop.order), {{"note", DbValue("note 1")}})); };
    s["exclude_nullable_fk"] = [](Session& x) {
        return x.list(Session::exclude(x.all(*x.shop.product), {{"category__name", DbValue("Tools")}}));
    };
    s["exclude_multi"] = [](Session& x) {
        return x.list(Session::exclude(x.all(*x.shop.customer), {{"orders__status", DbValue("refunded")}}));
    };
    s["exclude_m2m"] = [](Session& x) { return x.list(Session::exclude(x.all(*x.shop.product), {{"tags__name", DbValue("red")}})); };
    s["q_or"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.order), Q("status", DbValue("paid")) | Q("quantity", DbValue(3))));
    };
    s["q_or_promote"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.product), Q("category__name", DbValue("Tools")) | Q("price__lt", DbValue(5))));
    };
    s["q_and_not"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.order), Q("status", DbValue("paid")) & ~Q("quantity", DbValue(1))));
    };
    s["q_or_fk_inner"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.order), Q("customer__name", DbValue("Alice")) | Q("product__name", DbValue("Ball"))));
    };
    s["q_not_or"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.order), ~Q("status", DbValue("paid")) | Q("quantity__gte", DbValue(3))));
    };
    s["f_gt"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"quantity__gt", F("weight")}})); };
    s["f_mul"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"weight__lt", F("quantity") * V(2)}})); };
    s["f_plus"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"quantity", F("customer_id") + V(1)}})); };
    s["f_across"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"quantity__lt", F("customer__id")}})); };
    s["order_by"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.order), {"-quantity", "id"})); };
    s["order_by_relation"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.order), {"customer__name", "-id"})); };
    s["order_by_nullable_relation"] = [](Session& x) {
        return x.list(Session::orderBy(x.all(*x.shop.product), {"category__name", "id"}));
    };
    s["order_by_fk"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.order), {"product", "id"})); };
    s["order_by_pk_desc"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.customer), {"-pk"})); };
    s["reverse"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.reverseOrdering();
        return x.list(q);
    };
    s["reverse_unordered"] = [](Session& x) {
        Query q = x.all(*x.shop.customer);
        q.reverseOrdering();
        return x.list(q);
    };
    s["reverse_order_by"] = [](Session& x) {
        Query q = Session::orderBy(x.all(*x.shop.order), {"status", "-id"});
        q.reverseOrdering();
        return x.list(q);
    };
    s["distinct_values"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.setDistinct(true);
        return x.values(q, {"status"});
    };
    s["distinct_values_unordered"] = [](Session& x) {
        Query q = Session::orderBy(x.all(*x.shop.order), {});
        q.setDistinct(true);
        return x.values(q, {"status"});
    };
    s["slice_limit"] = [](Session& x) { return x.list(Session::sliced(x.all(*x.shop.order), std::nullopt, 5)); };
    s["slice_offset_limit"] = [](Session& x) { return x.list(Session::sliced(x.all(*x.shop.order), 5, 10)); };
    s["slice_offset"] = [](Session& x) { return x.list(Session::sliced(x.all(*x.shop.order), 15, std::nullopt)); };
    s["slice_index"] = [](Session& x) { return x.list(Session::sliced(x.all(*x.shop.order), 3, 4)).at(0); };
    s["slice_chain"] = [](Session& x) {
        return x.list(Session::sliced(Session::sliced(x.all(*x.shop.order), 2, 10), 1, 3));
    };
    s["get_pk"] = [](Session& x) { return x.get(x.all(*x.shop.order), {{"pk", DbValue(3)}}); };
    s["get_unordered"] = [](Session& x) { return x.get(x.all(*x.shop.customer), {{"name", DbValue("Bob")}}); };
    s["get_missing"] = [](Session& x) { return x.get(x.all(*x.shop.customer), {{"pk", DbValue(99)}}); };
    s["first_unordered"] = [](Session& x) { return x.first(x.all(*x.shop.customer)); };
    s["first_ordered"] = [](Session& x) { return x.first(Session::filter(x.all(*x.shop.order), {{"status", DbValue("paid")}})); };
    s["last_unordered"] = [](Session& x) { return x.last(x.all(*x.shop.customer)); };
    s["last_ordered"] = [](Session& x) { return x.last(x.all(*x.shop.order)); };
    s["count"] = [](Session& x) { return x.count(Session::filter(x.all(*x.shop.order), {{"status", DbValue("paid")}})); };
    s["count_all"] = [](Session& x) { return x.count(x.all(*x.shop.customer)); };
    s["count_distinct"] = [](Session& x) {
        Query q = Session::filter(x.all(*x.shop.customer), {{"orders__status", DbValue("paid")}});
        q.setDistinct(true);
        return x.count(q);
    };
    s["count_sliced"] = [](Session& x) { return x.count(Session::sliced(x.all(*x.shop.order), std::nullopt, 5)); };
    s["exists"] = [](Session& x) { return x.exists(Session::filter(x.all(*x.shop.order), {{"status", DbValue("paid")}})); };
    s["exists_empty"] = [](Session& x) { return x.exists(Session::filter(x.all(*x.shop.order), {{"status", DbValue("lost")}})); };
    s["values"] = [](Session& x) { return x.values(x.all(*x.shop.order), {"id", "status"}); };
    s["values_all"] = [](Session& x) { return x.values(x.all(*x.shop.customer), {}); };
    s["values_relation"] = [](Session& x) { return x.values(x.all(*x.shop.order), {"id", "customer__name"}); };
    s["values_fk"] = [](Session& x) { return x.values(Session::filter(x.all(*x.shop.order), {{"pk__lte", DbValue(4)}}), {"customer"}); };
    s["values_list_flat"] = [](Session& x) { return x.valuesList(x.all(*x.shop.order), {"id"}, true); };
    s["values_list"] = [](Session& x) { return x.valuesList(x.all(*x.shop.order), {"status", "quantity"}); };
    s["only"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.addImmediateLoading({"status"});
        return x.list(q);
    };
    s["defer"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.addDeferredLoading({"note", "created"});
        return x.list(q);
    };
    auto selectRelated = [](std::vector<std::string> names) {
        return [names](Session&, const ModelMeta& m) {
            Query q(m);
            if (names.empty())
                q.setSelectRelatedAll();
            else
                q.addSelectRelated(names);
            return q;
        };
    };
    s["select_related"] = [=](Session& x) { return x.list(selectRelated({"product"})(x, *x.shop.order)); };
    s["select_related_two"] = [=](Session& x) { return x.list(selectRelated({"customer", "product"})(x, *x.shop.order)); };
    s["select_related_nullable"] = [=](Session& x) { return x.list(selectRelated({"product__category"})(x, *x.shop.order)); };
    s["select_related_self"] = [=](Session& x) { return x.list(selectRelated({"category__parent"})(x, *x.shop.product)); };
    s["select_related_all"] = [=](Session& x) { return x.list(selectRelated({})(x, *x.shop.order)); };
    s["select_related_filter"] = [=](Session& x) {
        return x.list(Session::filter(selectRelated({"product"})(x, *x.shop.order), {{"product__name", DbValue("Drill")}}));
    };
    s["select_related_m2m_error"] = [=](Session& x) { return x.list(selectRelated({"tags"})(x, *x.shop.product)); };
    s["select_related_bad_error"] = [=](Session& x) { return x.list(selectRelated({"nope"})(x, *x.shop.order)); };
    auto annotateN = [](const Query& q, Expression e) {
        Query c = q.chain();
        c.addAnnotation("n", std::move(e));
        return c;
    };
    s["annotate_count"] = [=](Session& x) {
        return x.valuesList(annotateN(x.all(*x.shop.customer), agg("Count", "orders")), {"id", "n"});
    };
    s["annotate_count_models"] = [=](Session& x) { return x.list(annotateN(x.all(*x.shop.customer), agg("Count", "orders"))); };
    s["annotate_count_distinct"] = [=](Session& x) {
        return x.valuesList(annotateN(x.all(*x.shop.product), agg("Count", "tags", true)), {"id", "n"});
    };
    s["annotate_having"] = [=](Session& x) {
        return x.list(Session::filter(annotateN(x.all(*x.shop.customer), agg("Count", "orders")), {{"n__gt", DbValue(4)}}));
    };
    s["annotate_ordered_model"] = [=](Session& x) {
        Query q = x.all(*x.shop.order);
        q.setValues({"status"});
        q.addAnnotation("n", agg("Count", "id"));
        json arr = json::array();
        for (const Row& r : x.run(q))
            arr.push_back({{"status", toJson(r[0])}, {"n", toJson(r[1])}});
        return arr;
    };
    s["annotate_order_by"] = [=](Session& x) {
        return x.valuesList(Session::orderBy(annotateN(x.all(*x.shop.customer), agg("Count", "orders")), {"-n", "id"}), {"id", "n"});
    };
    s["aggregate_sum"] = [](Session& x) { return x.aggregate(x.all(*x.shop.order), {{"quantity__sum", agg("Sum", "quantity")}}); };
    s["aggregate_filtered"] = [](Session& x) {
        return x.aggregate(Session::filter(x.all(*x.shop.order), {{"status", DbValue("paid")}}), {{"total", agg("Sum", "quantity")}});
    };
    s["aggregate_many"] = [](Session& x) {
        return x.aggregate(x.all(*x.shop.product), {{"avg", agg("Avg", "price")}, {"mx", agg("Max", "price")}, {"mn", agg("Min", "price")}});
    };
    s["aggregate_count"] = [](Session& x) { return x.aggregate(x.all(*x.shop.order), {{"id__count", agg("Count", "id")}}); };
    s["aggregate_float"] = [](Session& x) { return x.aggregate(x.all(*x.shop.order), {{"weight__avg", agg("Avg", "weight")}}); };
    // Prefetches as prefetch_related_objects builds them from the first query's instances.
    s["prefetch_reverse_fk"] = [](Session& x) {
        json customers = x.list(x.all(*x.shop.customer));
        std::vector<DbValue> ids;
        for (const json& id : customers)
            ids.emplace_back(id.get<std::int64_t>());
        x.list(Session::filter(x.all(*x.shop.order), {{"customer__in", ids}}));
        return customers;
    };
    s["prefetch_m2m"] = [](Session& x) {
        json products = x.list(x.all(*x.shop.product));
        std::vector<DbValue> ids;
        for (const json& id : products)
            ids.emplace_back(id.get<std::int64_t>());
        Query q = Session::filter(x.all(*x.shop.tag), {{"product__in", ids}});
        const ModelMeta& through = *x.shop.productTags;
        q.addExtraSelect("_prefetch_related_val_product_id", Expression::col(through.dbTable, *through.field("product")));
        x.run(q);
        return products;
    };
    s["prefetch_forward_fk"] = [](Session& x) {
        Query orders = Session::filter(x.all(*x.shop.order), {{"pk__lte", DbValue(3)}});
        json ids = x.list(orders);
        std::set<std::int64_t> productIds;
        for (const Row& r : QueryEvaluator(x.shop.store).execute(orders))
            productIds.insert(*r.at(2).asInt());
        std::vector<DbValue> in(productIds.begin(), productIds.end());
        x.list(Session::filter(x.all(*x.shop.product), {{"id__in", in}}));
        return ids;
    };
    s["deferred_load"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.addImmediateLoading({"id"});
        json pk = x.get(q, {{"pk", DbValue(1)}});
        // refresh_from_db(fields=["status"]): filter(pk=...).only("status").get()
        Query r = Session::filter(x.all(*x.shop.order), {{"pk", DbValue(1)}});
        r.addImmediateLoading({"status"});
        x.get(r, {});
        return pk;
    };
    s["related_fetch"] = [](Session& x) {
        x.get(x.all(*x.shop.order), {{"pk", DbValue(3)}});
        const Row order = QueryEvaluator(x.shop.store).execute(Session::filter(x.all(*x.shop.order), {{"pk", DbValue(3)}})).at(0);
        return x.get(x.all(*x.shop.product), {{"id", order.at(2)}});
    };
    s["reverse_manager"] = [](Session& x) {
        x.get(x.all(*x.shop.customer), {{"pk", DbValue(1)}});
        return x.list(Session::filter(x.all(*x.shop.order), {{"customer", DbValue(1)}}));
    };
    s["reverse_manager_count"] = [](Session& x) {
        x.get(x.all(*x.shop.customer), {{"pk", DbValue(1)}});
        return x.count(Session::filter(x.all(*x.shop.order), {{"customer", DbValue(1)}}));
    };
    s["m2m_manager"] = [](Session& x) {
        x.get(x.all(*x.shop.product), {{"pk", DbValue(1)}});
        return x.list(Session::filter(x.all(*x.shop.tag), {{"product__id", DbValue(1)}}));
    };
    s["user_all"] = [](Session& x) { return x.list(x.all(*x.shop.user)); };
    s["none"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.setEmpty();
        return x.list(q);
    };
    s["update"] = [](Session& x) {
        UpdateQuery u(Session::filter(x.all(*x.shop.order), {{"status", DbValue("refunded")}}), {{"quantity", DbValue(0)}});
        x.out.sql.push_back(u.sql());
        return json(u.execute(x.shop.store));
    };
    s["update_f"] = [](Session& x) {
        UpdateQuery u(Session::filter(x.all(*x.shop.order), {{"pk", DbValue(1)}}), {{"quantity", F("quantity") + V(1)}});
        x.out.sql.push_back(u.sql());
        return json(u.execute(x.shop.store));
    };
    s["insert"] = [](Session& x) {
        const ModelMeta& m = *x.shop.customer;
        InsertQuery ins(m, {{}, "Zed", "z@example.com", m.field("vip")->defaultForNewRow()});
        x.out.sql.push_back(ins.sql());
        return json(ins.execute(x.shop.store).at(0));
    };
    s["insert_order"] = [](Session& x) {
        const ModelMeta& m = *x.shop.order;
        Row r;
        for (const Field& f : m.fields)
            r.push_back(f.primaryKey ? DbValue() : f.defaultForNewRow());
        r[m.fieldIndex(*m.field("customer"))] = 1;
        r[m.fieldIndex(*m.field("product"))] = 2;
        r[m.fieldIndex(*m.field("weight"))] = 1.5;
        r[m.fieldIndex(*m.field("created"))] = DateTime{"2024-03-01 08:00:00"};
        r[m.fieldIndex(*m.field("shipped_on"))] = Date{"2024-03-02"};
        InsertQuery ins(m, r);
        x.out.sql.push_back(ins.sql());
        return json(ins.execute(x.shop.store).at(0));
    };
    s["save_update"] = [](Session& x) {
        const ModelMeta& m = *x.shop.order;
        x.get(x.all(m), {{"pk", DbValue(2)}});
        Row row = x.fetchRow(m, 2);
        x.out.sql.pop_back(); // fetchRow is the same SELECT the get() above already logged
        row[m.fieldIndex(*m.field("quantity"))] = 7;
        UpdateQuery u = UpdateQuery::forSave(m, row);
        x.out.sql.push_back(u.sql());
        u.execute(x.shop.store);
        return json(2);
    };
    s["delete_fast"] = [](Session& x) {
        DeleteQuery d(Session::filter(x.all(*x.shop.order), {{"pk", DbValue(20)}}));
        x.out.sql.push_back("BEGIN"); // Collector.delete's transaction.atomic (binding layer)
        x.out.sql.push_back(d.sql());
        const auto n = d.execute(x.shop.store);
        return json::array({n, {{"shop.Order", n}}});
    };
    s["exists_having"] = [=](Session& x) {
        return x.exists(Session::filter(annotateN(x.all(*x.shop.customer), agg("Count", "orders")), {{"n__gt", DbValue(4)}}));
    };
    s["exists_distinct"] = [](Session& x) {
        Query q = Session::filter(x.all(*x.shop.customer), {{"orders__status", DbValue("paid")}});
        q.setDistinct(true);
        return x.exists(q);
    };
    s["exclude_deep_multi"] = [](Session& x) {
        return x.count(Session::exclude(x.all(*x.shop.order), {{"customer__orders__status", DbValue("refunded")}}));
    };
    s["m2m_through_fk"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"product__tags__name", DbValue("red")}}));
    };
    s["exclude_fk_then_m2m"] = [](Session& x) {
        return x.list(Session::exclude(x.all(*x.shop.order), {{"product__tags__name", DbValue("red")}}));
    };
    s["empty_in"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.customer), {{"pk__in", L({})}})); };
    s["exclude_empty_in"] = [](Session& x) { return x.list(Session::exclude(x.all(*x.shop.customer), {{"pk__in", L({})}})); };
    s["or_empty_in"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.customer), Q("pk__in", L({})) | Q("name", DbValue("Bob"))));
    };
    s["count_empty_in"] = [](Session& x) { return x.count(Session::filter(x.all(*x.shop.customer), {{"pk__in", L({})}})); };
    s["order_by_fk_desc"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.order), {"-product"})); };
    s["count_values_annotate"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.setValues({"status"});
        q.addAnnotation("n", agg("Count", "id"));
        return x.count(Session::orderBy(q, {"status"}));
    };
    s["m2m_value"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.product), {{"tags", DbValue(1)}})); };
    s["distinct_three_joins"] = [](Session& x) {
        Query q = Session::filter(x.all(*x.shop.customer), {{"orders__product__category__name", DbValue("Toys")}});
        q.setDistinct(true);
        return x.list(q);
    };
    s["isnull_through_nullable"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.product), {{"category__parent__isnull", DbValue(true)}}));
    };
    s["self_fk_two_levels"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.product), {{"category__parent__name", DbValue("Tools")}}));
    };
    s["bool_false"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.customer), {{"vip", DbValue(false)}})); };
    s["select_related_bool_filter"] = [=](Session& x) {
        Query q = Session::filter(x.all(*x.shop.order), {{"customer__vip", DbValue(true)}});
        q.addSelectRelated({"customer"});
        return x.list(q);
    };
    s["values_annotate_order"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.setValues({"status"});
        q.addAnnotation("total", agg("Sum", "quantity"));
        json arr = json::array();
        for (const Row& r : x.run(Session::orderBy(q, {"status"})))
            arr.push_back({{"status", toJson(r[0])}, {"total", toJson(r[1])}});
        return arr;
    };
    s["annotate_sum_decimal"] = [](Session& x) {
        Query q = x.all(*x.shop.category);
        q.addAnnotation("total", agg("Sum", "product__price"));
        json arr = json::array();
        for (const json& row : x.valuesList(Session::orderBy(q, {"id"}), {"id", "total"}))
            arr.push_back({row[0], row[1].is_null() ? json(nullptr) : decimalAggregate(DbValue(row[1].get<double>()))});
        return arr;
    };
    s["exclude_or"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.order), ~(Q("status", DbValue("paid")) | Q("note__isnull", DbValue(true)))));
    };
    s["filter_in_fk"] = [](Session& x) {
        return x.valuesList(Session::filter(x.all(*x.shop.order), {{"product__in", L({1, 2})}}), {"id"}, true);
    };
    s["unknown_field_error"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"nope", DbValue(1)}})); };
    s["unknown_lookup_error"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"status__foo", DbValue("x")}}));
    };
    s["related_lookup_error"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order), {{"customer__foo", DbValue("x")}}));
    };
    s["none_value_error"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.order), {{"quantity__gt", DbValue()}})); };
    s["order_by_error"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.order), {"nope"})); };
    s["values_error"] = [](Session& x) { return x.values(x.all(*x.shop.order), {"nope"}); };
    s["istartswith_quote"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.customer), {{"name__startswith", DbValue("Dan O'")}}));
    };
    s["contains_underscore"] = [](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.customer), {{"email__contains", DbValue("_")}}));
    };
    s["nested_q"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.order),
            Q("status", DbValue("paid")) & (Q("quantity", DbValue(1)) | Q("customer__name", DbValue("Bob")))));
    };
    s["or_reverse_promote"] = [](Session& x) {
        Query q = Session::filterQ(x.all(*x.shop.customer), Q("orders__status", DbValue("refunded")) | Q("vip", DbValue(true)));
        q.setDistinct(true);
        return x.list(q);
    };
    s["trimmed_alias_numbering"] = [](Session& x) {
        Query q = Session::filter(x.all(*x.shop.order), {{"customer__id", DbValue(2)}});
        return x.list(Session::filter(q, {{"product__category__parent__name", DbValue("Tools")}}));
    };
    s["self_m2m"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.person), {{"friends__name", DbValue("Ann")}})); };
    s["self_m2m_exclude"] = [](Session& x) {
        return x.list(Session::exclude(x.all(*x.shop.person), {{"friends__name", DbValue("Ann")}}));
    };
    auto qs = [](Query q) { return QValue(std::make_shared<const Query>(std::move(q))); };
    s["pk_in_subquery"] = [=](Session& x) {
        Query paid = Session::filter(x.all(*x.shop.order), {{"status", DbValue("paid")}});
        paid.setValues({"pk"});
        return x.count(Session::filter(x.all(*x.shop.order), {{"pk__in", qs(paid)}}));
    };
    s["fk_in_queryset"] = [=](Session& x) {
        Query q = Session::filter(x.all(*x.shop.customer),
            {{"orders__in", qs(Session::filter(x.all(*x.shop.order), {{"quantity", DbValue(3)}}))}});
        q.setDistinct(true);
        return x.list(q);
    };
    s["in_queryset_values"] = [=](Session& x) {
        return x.list(Session::filter(x.all(*x.shop.order),
            {{"customer__in", qs(Session::filter(x.all(*x.shop.customer), {{"vip", DbValue(true)}}))}}));
    };
    s["in_empty_queryset"] = [=](Session& x) {
        Query none = x.all(*x.shop.customer);
        none.setEmpty();
        return x.list(Session::filter(x.all(*x.shop.order), {{"customer__in", qs(none)}}));
    };
    s["bulk_create"] = [](Session& x) {
        x.out.sql.push_back("BEGIN"); // bulk_create's transaction.atomic (binding layer)
        for (const InsertQuery& ins : InsertQuery::bulk(*x.shop.tag, {{{}, "x"}, {{}, "y"}})) {
            x.out.sql.push_back(ins.sql());
            ins.execute(x.shop.store);
        }
        // Django 3.2 on SQLite does not set pks on bulk-created objects.
        return json::array({nullptr, nullptr, x.count(x.all(*x.shop.tag))});
    };
    s["m2m_add"] = [](Session& x) {
        x.get(x.all(*x.shop.product), {{"pk", DbValue(4)}});
        const ModelMeta& through = *x.shop.productTags;
        for (const std::vector<int>& tags : {std::vector<int>{1, 2}, std::vector<int>{1}}) {
            std::vector<Row> rows;
            for (int t : tags)
                rows.push_back({{}, 4, t});
            x.out.sql.push_back("BEGIN"); // add()'s transaction.atomic (binding layer)
            for (const InsertQuery& ins : InsertQuery::bulk(through, rows, true)) {
                x.out.sql.push_back(ins.sql());
                ins.execute(x.shop.store);
            }
        }
        return x.valuesList(Session::filter(x.all(*x.shop.tag), {{"product__id", DbValue(4)}}), {"pk"}, true);
    };
    s["annotate_f"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.addAnnotation("total", F("quantity") * F("weight"));
        return x.valuesList(Session::filter(q, {{"total__gt", DbValue(10)}}), {"id", "total"});
    };
    s["annotate_f_order"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.addAnnotation("total", F("quantity") + V(1));
        return x.valuesList(Session::sliced(Session::orderBy(q, {"-total", "id"}), std::nullopt, 4), {"id"}, true);
    };
    s["order_by_reverse_relation"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.customer), {"orders__quantity", "id"})); };
    s["order_by_nullable_fk_desc"] = [](Session& x) { return x.list(Session::orderBy(x.all(*x.shop.product), {"-category"})); };
    s["values_fk_filter_order"] = [](Session& x) {
        Query q = Session::filter(x.all(*x.shop.order), {{"customer__vip", DbValue(true)}});
        return x.valuesList(Session::orderBy(q, {"-created"}), {"id", "created"});
    };
    s["count_select_related"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.addSelectRelated({"product"});
        return x.count(Session::filter(q, {{"quantity", DbValue(2)}}));
    };
    s["exists_sliced"] = [](Session& x) { return x.exists(Session::sliced(x.all(*x.shop.order), 18, std::nullopt)); };
    s["first_values"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        const auto keys = q.setValues({"status"});
        Query c = q.isOrdered() ? q.chain() : Session::orderBy(q, {"pk"});
        c.setLimits(std::nullopt, 1);
        const auto rows = x.run(c);
        return json{{keys.at(0), toJson(rows.at(0).at(0))}};
    };
    s["get_select_related"] = [](Session& x) {
        Query q = x.all(*x.shop.order);
        q.addSelectRelated({"customer"});
        return x.get(q, {{"pk", DbValue(7)}});
    };
    s["reverse_o2o_none"] = [](Session& x) { return x.list(Session::filter(x.all(*x.shop.tag), {{"product__isnull", DbValue(true)}})); };
    s["q_negated_or_join"] = [](Session& x) {
        return x.list(Session::filterQ(x.all(*x.shop.order),
            ~Q("customer__name", DbValue("Alice")) | Q("product__category__isnull", DbValue(true))));
    };
    s["fk_in_unordered"] = [](Session& x) {
        return x.valuesList(Session::filter(x.all(*x.shop.tag), {{"product__in", L({5, 1})}}), {"pk"}, true);
    };
    s["fk_in_customer_order"] = [](Session& x) {
        return x.valuesList(Session::filter(Session::orderBy(x.all(*x.shop.order), {}), {{"customer__in", L({3, 1})}}), {"pk"}, true);
    };
    s["update_join"] = [](Session& x) {
        UpdateQuery u(Session::filter(x.all(*x.shop.order), {{"customer__name", DbValue("Bob")}}), {{"status", DbValue("held")}});
        x.out.sql.push_back(u.sql());
        return json(u.execute(x.shop.store));
    };
    s["delete_join"] = [](Session& x) {
        DeleteQuery d(Session::filter(x.all(*x.shop.order), {{"customer__name", DbValue("Carol")}, {"quantity", DbValue(3)}}));
        x.out.sql.push_back("BEGIN"); // Collector.delete's transaction.atomic (binding layer)
        x.out.sql.push_back(d.sql());
        const auto n = d.execute(x.shop.store);
        return json::array({n, {{"shop.Order", n}}});
    };
    s["after_writes"] = [](Session& x) { return x.valuesList(x.all(*x.shop.order), {"id", "status", "quantity"}); };
    return c;
}

// SQLite returns an unordered joined or grouped result in its planner's order; such results
// are compared as multisets.
bool orderIsUnspecified(const std::vector<std::string>& sql)
{
    if (sql.empty())
        return false;
    const std::string& s = sql.front();
    return s.find(" ORDER BY ") == std::string::npos && (s.find(" JOIN ") != std::string::npos || s.find(" GROUP BY ") != std::string::npos);
}

} // namespace

class TstSqlGolden : public QObject {
    Q_OBJECT

private:
    json golden_;
    std::unique_ptr<pipelab::django::db::test::TestShop> shop_;
    std::map<std::string, Case> cases_;

private slots:
    void initTestCase()
    {
        std::ifstream in(PIPELAB_SOURCE_DIR "/tests/django/db/data/sql_golden.json");
        QVERIFY(in.good());
        golden_ = json::parse(in);
        QVERIFY(golden_.size() >= 60);
        shop_ = std::make_unique<pipelab::django::db::test::TestShop>();
        cases_ = cases();
    }

    void golden_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < golden_.size(); ++i)
            QTest::newRow(golden_[i]["name"].get<std::string>().c_str()) << static_cast<int>(i);
    }

    void golden()
    {
        QFETCH(int, index);
        const json& g = golden_[static_cast<std::size_t>(index)];
        const std::string name = g["name"];
        const auto it = cases_.find(name);
        QVERIFY2(it != cases_.end(), ("no C++ case for " + name).c_str());
        Session session(*shop_);
        json result;
        std::string error;
        try {
            result = it->second(session);
        } catch (const FieldError& e) {
            error = std::string("FieldError: ") + e.what();
        } catch (const ValueError& e) {
            error = std::string("ValueError: ") + e.what();
        } catch (const std::exception& e) {
            error = e.what();
        }
        const std::vector<std::string> expectedSql = g["sql"];
        for (std::size_t i = 0; i < std::max(expectedSql.size(), session.out.sql.size()); ++i) {
            const std::string want = i < expectedSql.size() ? expectedSql[i] : "<none>";
            const std::string got = i < session.out.sql.size() ? session.out.sql[i] : "<none>";
            QCOMPARE(QString::fromStdString(got), QString::fromStdString(want));
        }
        if (!g["error"].is_null()) {
            QCOMPARE(QString::fromStdString(error), QString::fromStdString(g["error"].get<std::string>()));
            return;
        }
        QVERIFY2(error.empty(), error.c_str());
        json want = g["result"];
        if (orderIsUnspecified(expectedSql) && result.is_array() && want.is_array() && result != want) {
            // Same rows in another order: SQLite's planner chose a join order the evaluator
            // does not model for this shape. The rows (and so every query count) still match.
            std::sort(result.begin(), result.end());
            std::sort(want.begin(), want.end());
            qWarning("%s: rows match, SQLite's unordered row order differs", name.c_str());
        }
        QCOMPARE(QString::fromStdString(result.dump()), QString::fromStdString(want.dump()));
    }
};

QTEST_APPLESS_MAIN(TstSqlGolden)
#include "tst_sqlgolden.moc"
