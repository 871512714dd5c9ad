// QuerySetObject: evaluation, the result cache and the QuerySet methods (django/db/models/query.py).
#include "sim/django/models/querysetobject.h"

#include "sim/django/models/collector.h"
#include "sim/django/models/expressionobject.h"
#include "sim/django/models/lazyresultiterator.h"
#include "sim/django/models/managerobject.h"
#include "sim/django/models/modelbase.h"
#include "sim/django/models/modelinstance.h"
#include "sim/django/models/orderbyobject.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/prefetcher.h"
#include "sim/django/models/prefetchobject.h"
#include "sim/django/models/rowobject.h"
#include "sim/python/argcheck.h"
#include "sim/python/iterators.h"

#include <fmt/format.h>

namespace pipelab::django::models {

namespace {

constexpr std::int64_t kMaxGetResults = 21; // MAX_GET_RESULTS
constexpr std::size_t kReprOutputSize = 20; // REPR_OUTPUT_SIZE

QuerySetObject* selfQs(py::Interpreter& ip, py::CallArgs& a)
{
    auto* qs = a.args.empty() ? nullptr : dynamic_cast<QuerySetObject*>(a.args[0].asObject());
    if (!qs)
        ip.raise(ip.types().TypeError, "descriptor requires a 'QuerySet' object");
    return qs;
}

std::vector<std::string> stringArgs(py::Interpreter& ip, const py::CallArgs& a, std::size_t first, std::string_view what)
{
    std::vector<std::string> out;
    for (std::size_t i = first; i < a.args.size(); ++i)
        out.push_back(ip.expectStr(a.args[i], what));
    return out;
}

// order_by() arguments as the core's ordering names: strings as given; F("x"), F("x").asc()
// and F("x").desc() as "x"/"-x". An F() naming a relation orders by its column, not by the
// related model's Meta.ordering as the string would, hence the attname.
std::vector<std::string> orderingNames(py::Interpreter& ip, const db::ModelMeta& meta, const py::CallArgs& a)
{
    std::vector<std::string> out;
    for (std::size_t i = 1; i < a.args.size(); ++i) {
        py::Value v = a.args[i];
        if (py::Interpreter::strOf(v)) {
            out.push_back(ip.expectStr(v, "order_by() argument"));
            continue;
        }
        const db::Expression* expr = nullptr;
        bool descending = false;
        if (auto* o = dynamic_cast<OrderByObject*>(v.asObject())) {
            expr = &o->expr;
            descending = o->descending;
        } else if (auto* e = dynamic_cast<ExpressionObject*>(v.asObject())) {
            expr = &e->expr;
        }
        if (!expr || expr->kind != db::Expression::Kind::F)
            ip.raise(ip.types().NotImplementedError,
                     "order_by() is simulated for field names and F() expressions, not " + ip.repr(v));
        std::string name = expr->name;
        if (const db::Field* f = meta.field(name); f && f->isRelation() && f->attname != name)
            name = f->attname;
        out.push_back((descending ? "-" : "") + name);
    }
    return out;
}

// The field a result column converts with (Django's converters come from the output field).
const db::Field* columnField(const db::SelectItem& item)
{
    if (item.expr.kind == db::Expression::Kind::Col || item.expr.kind == db::Expression::Kind::Aggregate)
        return item.expr.field;
    return nullptr;
}

const db::RelatedObject* reverseOf(const db::Field& field)
{
    if (!field.relatedModel)
        return nullptr;
    for (const db::RelatedObject& r : field.relatedModel->relatedObjects)
        if (r.field == &field)
            return &r;
    return nullptr;
}

// Aggregate results: Django's converters (Count of nothing is 0, DecimalField sums Decimals).
py::Value convertAggregate(OrmContext& ctx, const db::Expression& e, const db::DbValue& v)
{
    if (v.isNull() && e.isAggregate() && e.name == "COUNT")
        return py::Value::integer(0);
    const db::Field* f = e.field;
    if (e.outputKind() == db::FieldKind::DecimalField && !v.isNull()) {
        // get_decimalfield_converter for a non-column expression: create_decimal_from_float.
        if (const auto* d = std::get_if<double>(&v.variant()))
            return ctx.newDecimal(db::decimalFromFloat(*d));
        if (const auto* i = std::get_if<std::int64_t>(&v.variant()))
            return ctx.newDecimal(db::Decimal::fromInt(*i));
    }
    return ctx.toPython(v, f);
}

} // namespace

QuerySetObject::QuerySetObject(py::ClassObject* cls, OrmContext& c, ModelBinding& m, db::Query q)
    : Object(cls), ctx(&c), model(&m), query(std::move(q))
{
}

QuerySetObject* QuerySetObject::create(OrmContext& ctx, ModelBinding& model)
{
    return create(ctx, model, db::Query(*model.meta));
}

QuerySetObject* QuerySetObject::create(OrmContext& ctx, ModelBinding& model, db::Query query)
{
    return ctx.interp.make<QuerySetObject>(ctx.classes.querySet, ctx, model, std::move(query));
}

QuerySetObject* QuerySetObject::chain() const
{
    auto* c = ctx->interp.make<QuerySetObject>(cls(), *ctx, *model, query.chain());
    c->iterable = iterable;
    c->fields = fields;
    c->valuesCalled = valuesCalled;
    c->prefetchLookups = prefetchLookups;
    c->knownRelated = knownRelated;
    return c;
}

std::vector<py::Value> QuerySetObject::run() const
{
    std::shared_ptr<const db::SelectPlan> plan;
    std::vector<db::Row> rows = ctx->select(query, &plan);
    if (rows.empty() || !plan)
        return {};
    return iterable == Iterable::Model ? buildModels(rows, *plan) : buildValues(rows, *plan);
}

void QuerySetObject::fetchAll()
{
    if (!resultCache)
        resultCache = ctx->interp.newList(run());
    if (!prefetchLookups.empty() && !prefetchDone) {
        prefetchDone = true;
        if (iterable == Iterable::Model)
            Prefetcher(*ctx).prefetchRelatedObjects(resultCache->items, prefetchLookups);
    }
}

std::vector<py::Value>& QuerySetObject::results()
{
    fetchAll();
    return resultCache->items;
}

std::vector<py::Value> QuerySetObject::buildModels(const std::vector<db::Row>& rows, const db::SelectPlan& plan) const
{
    const db::KlassInfo& root = *plan.klassInfo;
    std::vector<std::pair<std::size_t, db::Expression>> annotations;
    const auto select = query.annotationSelect();
    for (const auto& [name, col] : plan.annotationColumns) {
        for (const auto& [n, e] : select)
            if (n == name)
                annotations.emplace_back(col, e);
    }
    std::function<ModelInstance*(const db::KlassInfo&, const db::Row&)> build = [&](const db::KlassInfo& ki,
                                                                                   const db::Row& row) {
        ModelBinding* b = ctx->binding(*ki.model);
        ModelInstance* obj = ctx->newInstance(*b);
        for (std::size_t i = 0; i < ki.fields.size(); ++i) {
            const std::size_t idx = ki.model->fieldIndex(*ki.fields[i]);
            obj->values[idx] = ctx->toPython(row[ki.firstColumn + i], ki.fields[i]);
            obj->loaded[idx] = true;
        }
        for (const db::KlassInfo& child : ki.related) {
            ModelInstance* rel = row[child.firstColumn].isNull() ? nullptr : build(child, row);
            obj->setCached(child.field, rel ? py::Value(rel) : py::Value());
            if (rel && child.field->kind == db::FieldKind::OneToOneField)
                if (const db::RelatedObject* r = reverseOf(*child.field))
                    rel->setCached(r, obj);
        }
        return obj;
    };
    std::optional<std::size_t> knownIndex;
    py::Value knownPk;
    if (knownRelated) {
        knownIndex = model->meta->fieldIndex(*knownRelated->field);
        knownPk = static_cast<ModelInstance*>(knownRelated->instance.asObject())->pkValue();
    }
    std::vector<std::pair<std::size_t, std::string>> extras; // extra(select=...): instance attributes
    for (std::size_t i = 0; i < plan.select.size(); ++i)
        if (plan.select[i].extra)
            extras.emplace_back(i, plan.select[i].alias);
    std::vector<py::Value> out;
    out.reserve(rows.size());
    for (const db::Row& row : rows) {
        ModelInstance* obj = build(root, row);
        for (const auto& [col, alias] : extras)
            obj->dict.set(alias, ctx->toPython(row[col], nullptr));
        for (std::size_t k = 0; k < annotations.size(); ++k) {
            const auto& [col, e] = annotations[k];
            obj->dict.set(plan.annotationColumns[k].first, convertAggregate(*ctx, e, row[col]));
        }
        if (knownIndex && !obj->cached(knownRelated->field) && obj->loaded[*knownIndex]
            && ctx->interp.eq(obj->values[*knownIndex], knownPk))
            obj->setCached(knownRelated->field, knownRelated->instance);
        out.push_back(obj);
    }
    return out;
}

std::vector<py::Value> QuerySetObject::buildValues(const std::vector<db::Row>& rows, const db::SelectPlan& plan) const
{
    py::Interpreter& ip = ctx->interp;
    // values(): keys are the selected fields, then the annotations (ValuesIterable's names).
    std::vector<std::string> names;
    for (const std::string& f : query.valuesSelect())
        names.push_back(f);
    for (const auto& [n, _] : plan.annotationColumns)
        names.push_back(n);
    std::vector<const db::Field*> columnFields;
    std::vector<std::optional<db::Expression>> columnAggregates(plan.visibleColumns);
    for (std::size_t i = 0; i < plan.visibleColumns && i < plan.select.size(); ++i)
        columnFields.push_back(columnField(plan.select[i]));
    const auto annotationSelect = query.annotationSelect();
    for (const auto& [name, col] : plan.annotationColumns)
        for (const auto& [n, e] : annotationSelect)
            if (n == name && col < columnAggregates.size())
                columnAggregates[col] = e;
    auto convert = [&](const db::Row& row, std::size_t i) {
        if (columnAggregates[i])
            return convertAggregate(*ctx, *columnAggregates[i], row[i]);
        return ctx->toPython(row[i], i < columnFields.size() ? columnFields[i] : nullptr);
    };
    // values_list(): tuples in the order the fields were named (ValuesListIterable reorders).
    std::vector<std::size_t> order;
    std::vector<std::string> wanted;
    if (iterable != Iterable::Values) {
        wanted = fields;
        for (const auto& [n, _] : plan.annotationColumns)
            if (std::find(wanted.begin(), wanted.end(), n) == wanted.end())
                wanted.push_back(n);
        if (fields.empty())
            wanted = names;
        for (const std::string& w : wanted) {
            auto it = std::find(names.begin(), names.end(), w);
            order.push_back(it == names.end() ? order.size() : static_cast<std::size_t>(it - names.begin()));
        }
    }
    // NamedValuesListIterable: one Row class per result, named after the selected names.
    std::shared_ptr<const std::vector<std::string>> rowNames;
    if (iterable == Iterable::NamedValuesList) {
        // The names as given (values_list("pk", named=True) makes Row(pk=...)).
        rowNames = std::make_shared<const std::vector<std::string>>(wanted);
    }
    std::vector<py::Value> out;
    out.reserve(rows.size());
    for (const db::Row& row : rows) {
        if (iterable == Iterable::Values) {
            py::DictObject* d = ip.newDict();
            for (std::size_t i = 0; i < names.size() && i < row.size(); ++i)
                ip.dictSet(d, ip.newStr(names[i]), convert(row, i));
            out.push_back(d);
        } else if (iterable == Iterable::FlatValuesList) {
            out.push_back(convert(row, order.empty() ? 0 : order[0]));
        } else {
            std::vector<py::Value> items;
            for (std::size_t i : order)
                items.push_back(convert(row, i));
            if (rowNames)
                out.push_back(ip.make<RowObject>(ctx->classes.row, rowNames, std::move(items)));
            else
                out.push_back(ip.newTuple(std::move(items)));
        }
    }
    return out;
}

QuerySetObject* QuerySetObject::filterOrExclude(bool negate, const db::Q& q) const
{
    QuerySetObject* clone = chain();
    if (!q.empty() && query.isSliced())
        ctx->interp.raise(ctx->interp.types().AssertionError, "Cannot filter a query once a slice has been taken.");
    if (!q.empty())
        ctx->core([&] { clone->query.addQ(negate ? ~q : q); });
    return clone;
}

py::Value QuerySetObject::get(const db::Q& q) const
{
    QuerySetObject* clone = filterOrExclude(false, q);
    if (!clone->query.isSliced())
        ctx->core([&] { clone->query.orderBy({}); });
    clone->query.setLimits(std::nullopt, kMaxGetResults);
    const std::vector<py::Value>& r = clone->results();
    if (r.size() == 1)
        return r.front();
    const std::string& name = model->meta->objectName;
    if (r.empty())
        ctx->interp.raise(model->doesNotExist, name + " matching query does not exist.");
    const std::string num = static_cast<std::int64_t>(r.size()) < kMaxGetResults
        ? std::to_string(r.size())
        : "more than " + std::to_string(kMaxGetResults - 1);
    ctx->interp.raise(model->multipleObjectsReturned, "get() returned more than one " + name + " -- it returned " + num + "!");
}

std::int64_t QuerySetObject::count()
{
    if (resultCache)
        return static_cast<std::int64_t>(resultCache->items.size());
    const db::Query q = ctx->core([&] { return query.countQuery(); });
    std::vector<db::Row> rows = ctx->select(q);
    if (rows.empty() || rows[0].empty())
        return 0;
    return rows[0][0].asInt().value_or(0);
}

bool QuerySetObject::exists()
{
    if (resultCache)
        return !resultCache->items.empty();
    const db::Query q = ctx->core([&] { return query.existsQuery(); });
    return !ctx->select(q).empty();
}

py::Object* QuerySetObject::iter(py::Interpreter& interp)
{
    fetchAll();
    return interp.iter(resultCache).asObject();
}

std::optional<std::int64_t> QuerySetObject::len(py::Interpreter&)
{
    return static_cast<std::int64_t>(results().size());
}

std::optional<bool> QuerySetObject::truthy(py::Interpreter&)
{
    return !results().empty();
}

std::optional<py::Value> QuerySetObject::getItem(py::Interpreter& interp, py::Value key)
{
    auto* slice = key.as<py::SliceObject>();
    if (!key.isIntegral() && !slice)
        interp.raise(interp.types().TypeError,
                     "QuerySet indices must be integers or slices, not " + interp.typeName(key) + ".");
    auto negative = [&](py::Value v) { return !v.isNone() && v.isIntegral() && v.asInt() < 0; };
    if ((!slice && key.asInt() < 0) || (slice && (negative(slice->lower) || negative(slice->upper))))
        interp.raise(interp.types().AssertionError, "Negative indexing is not supported.");
    if (resultCache)
        return interp.getItem(resultCache, key);
    QuerySetObject* qs = chain();
    if (slice) {
        auto bound = [&](py::Value v) -> std::optional<std::int64_t> {
            if (v.isNone())
                return std::nullopt;
            return interp.expectInt(v, "slice index");
        };
        ctx->core([&] { qs->query.setLimits(bound(slice->lower), bound(slice->upper)); });
        if (!slice->step.isNone()) {
            qs->fetchAll();
            return interp.getItem(qs->resultCache, interp.make<py::SliceObject>(interp.types().slice, py::Value(), py::Value(), slice->step));
        }
        return py::Value(qs);
    }
    const std::int64_t k = key.asInt();
    ctx->core([&] { qs->query.setLimits(k, k + 1); });
    qs->fetchAll();
    if (qs->resultCache->items.empty())
        interp.raise(interp.types().IndexError, "list index out of range");
    return qs->resultCache->items.front();
}

std::optional<std::string> QuerySetObject::repr(py::Interpreter& interp)
{
    std::vector<py::Value> data;
    if (resultCache) {
        const auto& items = resultCache->items;
        data.assign(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), kReprOutputSize + 1)));
    } else {
        QuerySetObject* qs = chain();
        ctx->core([&] { qs->query.setLimits(std::nullopt, static_cast<std::int64_t>(kReprOutputSize + 1)); });
        data = qs->results();
    }
    std::string out = "<QuerySet [";
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (i)
            out += ", ";
        out += i == kReprOutputSize ? "'...(remaining elements truncated)...'" : interp.repr(data[i]);
    }
    return out + "]>";
}

std::optional<py::Value> QuerySetObject::getAttr(py::Interpreter& interp, std::string_view name)
{
    if (name == "model")
        return py::Value(model->cls);
    if (name == "ordered")
        return py::Value::boolean(query.isOrdered());
    if (name == "_result_cache")
        return resultCache ? py::Value(resultCache) : py::Value();
    if (name == "db")
        return interp.newStr("default");
    return std::nullopt;
}

void QuerySetObject::trace(py::Tracer& t)
{
    if (resultCache)
        t.visit(resultCache);
    for (const py::Value& v : prefetchLookups)
        t.visit(v);
    if (knownRelated)
        t.visit(knownRelated->instance);
}

// --- the methods ---------------------------------------------------------------------------

namespace {

using Fn = py::NativeFn;

void rejectAfterValues(py::Interpreter& ip, const QuerySetObject* qs, const char* method)
{
    if (qs->valuesCalled)
        ip.raise(ip.types().TypeError, std::string("Cannot call ") + method + "() after .values() or .values_list()");
}

// annotate()/aggregate() arguments: positional aggregates by default_alias.
std::vector<std::pair<std::string, db::Expression>> expressionArgs(py::Interpreter& ip, const py::CallArgs& a,
                                                                   bool positionalFirst)
{
    std::vector<std::pair<std::string, db::Expression>> positional, named;
    for (std::size_t i = 1; i < a.args.size(); ++i) {
        auto* e = dynamic_cast<ExpressionObject*>(a.args[i].asObject());
        if (!e || !e->expr.isAggregate())
            ip.raise(ip.types().TypeError, "Complex aggregates require an alias");
        positional.emplace_back(e->expr.defaultAlias(), e->expr);
    }
    for (const auto& [k, v] : a.kwargs) {
        auto* e = dynamic_cast<ExpressionObject*>(v.asObject());
        if (!e)
            ip.raise(ip.types().TypeError, "QuerySet.annotate() received non-expression(s): " + ip.repr(v) + ".");
        named.emplace_back(k, e->expr);
    }
    std::vector<std::pair<std::string, db::Expression>> out = positionalFirst ? positional : named;
    const auto& rest = positionalFirst ? named : positional;
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

py::Value valuesImpl(py::Interpreter& ip, py::CallArgs& a, QuerySetObject::Iterable kind)
{
    QuerySetObject* qs = selfQs(ip, a);
    bool flat = false;
    bool named = false;
    if (kind != QuerySetObject::Iterable::Values) {
        py::allowKeywords(ip, a, "values_list", {"flat", "named"});
        if (const py::Value* n = a.kwarg("named"))
            named = ip.truthy(*n);
        if (const py::Value* f = a.kwarg("flat"))
            flat = ip.truthy(*f);
        if (flat && named)
            ip.raise(ip.types().TypeError, "'flat' and 'named' can't be used together.");
        if (flat && a.args.size() > 2)
            ip.raise(ip.types().TypeError, "'flat' is not valid when values_list is called with more than one field.");
    } else if (!a.kwargs.empty()) {
        ip.raise(ip.types().NotImplementedError, "values() with expressions is not simulated; use annotate() first");
    }
    QuerySetObject* clone = qs->chain();
    clone->fields = stringArgs(ip, a, 1, "values() field name");
    clone->valuesCalled = true;
    qs->ctx->core([&] { clone->query.setValues(clone->fields); });
    clone->iterable = kind == QuerySetObject::Iterable::Values ? kind
        : flat                                                  ? QuerySetObject::Iterable::FlatValuesList
        : named                                                 ? QuerySetObject::Iterable::NamedValuesList
                                                                : QuerySetObject::Iterable::ValuesList;
    return clone;
}

std::vector<std::pair<std::string, Fn>> buildMethods()
{
    std::vector<std::pair<std::string, Fn>> m;
    m.emplace_back("all", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        py::checkArgs(ip, a, "all", 0, 0, 1);
        return selfQs(ip, a)->chain();
    });
    m.emplace_back("filter", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        return qs->filterOrExclude(false, qs->ctx->toQ(a, 1));
    });
    m.emplace_back("exclude", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        return qs->filterOrExclude(true, qs->ctx->toQ(a, 1));
    });
    m.emplace_back("get", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        return qs->get(qs->ctx->toQ(a, 1));
    });
    m.emplace_back("count", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        py::checkArgs(ip, a, "count", 0, 0, 1);
        return py::Value::integer(selfQs(ip, a)->count());
    });
    m.emplace_back("exists", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        py::checkArgs(ip, a, "exists", 0, 0, 1);
        return py::Value::boolean(selfQs(ip, a)->exists());
    });
    auto firstOrLast = [](bool last) {
        return [last](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
            py::checkArgs(ip, a, last ? "last" : "first", 0, 0, 1);
            QuerySetObject* qs = selfQs(ip, a);
            QuerySetObject* base = qs;
            if (last || !qs->query.isOrdered()) {
                base = qs->chain();
                qs->ctx->core([&] {
                    if (!qs->query.isOrdered())
                        base->query.orderBy({last ? "-pk" : "pk"});
                    else
                        base->query.reverseOrdering();
                });
            }
            // (...)[:1]: served from the result cache when `base` is this queryset and filled.
            py::Value sliced = *base->getItem(ip, ip.make<py::SliceObject>(ip.types().slice, py::Value(), py::Value::integer(1), py::Value()));
            for (py::Value v : ip.toVector(sliced))
                return v;
            return py::Value();
        };
    };
    m.emplace_back("first", firstOrLast(false));
    m.emplace_back("last", firstOrLast(true));
    m.emplace_back("order_by", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        if (qs->query.isSliced())
            ip.raise(ip.types().AssertionError, "Cannot reorder a query once a slice has been taken.");
        QuerySetObject* clone = qs->chain();
        std::vector<std::string> names = orderingNames(ip, *qs->model->meta, a);
        qs->ctx->core([&] { clone->query.orderBy(names); });
        return clone;
    });
    m.emplace_back("reverse", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        if (qs->query.isSliced())
            ip.raise(ip.types().TypeError, "Cannot reverse a query once a slice has been taken.");
        QuerySetObject* clone = qs->chain();
        clone->query.reverseOrdering();
        return clone;
    });
    m.emplace_back("distinct", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        if (a.args.size() > 1)
            ip.raise(ip.types().NotImplementedError, "DISTINCT ON fields is not supported by this database backend");
        if (qs->query.isSliced())
            ip.raise(ip.types().AssertionError, "Cannot create distinct fields once a slice has been taken.");
        QuerySetObject* clone = qs->chain();
        clone->query.setDistinct(true);
        return clone;
    });
    m.emplace_back("values", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return valuesImpl(ip, a, QuerySetObject::Iterable::Values);
    });
    m.emplace_back("values_list", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        return valuesImpl(ip, a, QuerySetObject::Iterable::ValuesList);
    });
    m.emplace_back("select_related", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        rejectAfterValues(ip, qs, "select_related");
        QuerySetObject* clone = qs->chain();
        if (a.args.size() == 2 && a.args[1].isNone())
            clone->query.clearSelectRelated();
        else if (a.args.size() > 1)
            qs->ctx->core([&] { clone->query.addSelectRelated(stringArgs(ip, a, 1, "select_related() argument")); });
        else
            clone->query.setSelectRelatedAll();
        return clone;
    });
    m.emplace_back("prefetch_related", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        QuerySetObject* clone = qs->chain();
        if (a.args.size() == 2 && a.args[1].isNone()) {
            clone->prefetchLookups.clear();
            return clone;
        }
        for (std::size_t i = 1; i < a.args.size(); ++i) {
            if (!py::Interpreter::strOf(a.args[i]) && !dynamic_cast<PrefetchObject*>(a.args[i].asObject()))
                ip.raise(ip.types().TypeError, "prefetch_related() arguments must be strings or Prefetch objects");
            clone->prefetchLookups.push_back(a.args[i]);
        }
        return clone;
    });
    m.emplace_back("only", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        rejectAfterValues(ip, qs, "only");
        if (a.args.size() == 2 && a.args[1].isNone())
            ip.raise(ip.types().TypeError, "Cannot pass None as an argument to only().");
        QuerySetObject* clone = qs->chain();
        qs->ctx->core([&] { clone->query.addImmediateLoading(stringArgs(ip, a, 1, "only() argument")); });
        return clone;
    });
    m.emplace_back("defer", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        rejectAfterValues(ip, qs, "defer");
        QuerySetObject* clone = qs->chain();
        if (a.args.size() == 2 && a.args[1].isNone())
            clone->query.clearDeferredLoading();
        else
            qs->ctx->core([&] { clone->query.addDeferredLoading(stringArgs(ip, a, 1, "defer() argument")); });
        return clone;
    });
    m.emplace_back("annotate", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        auto annotations = expressionArgs(ip, a, true);
        QuerySetObject* clone = qs->chain();
        for (const auto& [name, e] : annotations) {
            if (qs->model->meta->field(name))
                ip.raise(ip.types().ValueError, "The annotation '" + name + "' conflicts with a field on the model.");
            qs->ctx->core([&] { clone->query.addAnnotation(name, e); });
        }
        return clone;
    });
    m.emplace_back("aggregate", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        auto aggregates = expressionArgs(ip, a, false);
        for (const auto& [name, e] : aggregates)
            if (!e.containsAggregate())
                ip.raise(ip.types().TypeError, name + " is not an aggregate expression");
        const db::Query q = qs->ctx->core([&] { return qs->query.aggregateQuery(aggregates); });
        std::shared_ptr<const db::SelectPlan> plan;
        std::vector<db::Row> rows = qs->ctx->select(q, &plan);
        py::DictObject* d = ip.newDict();
        for (std::size_t i = 0; i < aggregates.size(); ++i) {
            db::DbValue v;
            if (!rows.empty() && plan) {
                for (const auto& [n, col] : plan->annotationColumns)
                    if (n == aggregates[i].first && col < rows[0].size())
                        v = rows[0][col];
            }
            // Convert with the resolved expression (its output field is known once resolved).
            db::Expression resolved = aggregates[i].second;
            for (const auto& [n, e] : q.annotations())
                if (n == aggregates[i].first)
                    resolved = e;
            ip.dictSet(d, ip.newStr(aggregates[i].first), convertAggregate(*qs->ctx, resolved, v));
        }
        return d;
    });
    m.emplace_back("none", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* clone = selfQs(ip, a)->chain();
        clone->query.setEmpty();
        return clone;
    });
    m.emplace_back("in_bulk", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("in_bulk", {"self", "id_list=", "*", "field_name="});
        py::BoundArgs b = py::bind(ip, a, sig);
        QuerySetObject* qs = selfQs(ip, a);
        if (qs->query.isSliced())
            ip.raise(ip.types().TypeError, "Cannot use 'limit' or 'offset' with in_bulk().");
        const std::string fieldName = b.has(2) ? ip.expectStr(b[2], "field_name") : "pk";
        if (fieldName != "pk") {
            const db::Field* f = qs->model->meta->field(fieldName);
            if (!f)
                ip.raise(qs->ctx->classes.fieldDoesNotExist,
                         qs->model->meta->objectName + " has no field named '" + fieldName + "'");
            if (!f->unique)
                ip.raise(ip.types().ValueError, "in_bulk()'s field_name must be a unique field but '" + fieldName + "' isn't.");
        }
        QuerySetObject* source = nullptr;
        if (b.has(1) && !b[1].isNone()) {
            std::vector<py::Value> ids = ip.toVector(b[1]);
            if (ids.empty())
                return ip.newDict();
            db::QValue list = qs->ctx->toQValue(ip.newTuple(ids));
            source = qs->filterOrExclude(false, db::Q::kwargs({{fieldName + "__in", list}}));
            qs->ctx->core([&] { source->query.orderBy({}); });
        } else {
            source = qs->chain();
        }
        py::DictObject* d = ip.newDict();
        for (py::Value obj : source->results())
            ip.dictSet(d, ip.getAttr(obj, fieldName), obj);
        return d;
    });
    m.emplace_back("iterator", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("iterator", {"self", "chunk_size="});
        py::bind(ip, a, sig);
        QuerySetObject* qs = selfQs(ip, a);
        return ip.make<LazyResultIterator>(qs->ctx->classes.iterator, qs->chain());
    });
    // --- writes ---
    m.emplace_back("create", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        if (a.args.size() > 1)
            ip.raise(ip.types().TypeError, "create() takes 1 positional argument but " + std::to_string(a.args.size()) + " were given");
        return ModelBase::create(*qs->ctx, *qs->model, a.kwargs);
    });
    m.emplace_back("get_or_create", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        return ModelBase::getOrCreate(*qs->ctx, *qs, a, false);
    });
    m.emplace_back("update_or_create", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        return ModelBase::getOrCreate(*qs->ctx, *qs, a, true);
    });
    m.emplace_back("update", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        QuerySetObject* qs = selfQs(ip, a);
        if (a.args.size() > 1)
            ip.raise(ip.types().TypeError, "update() takes 1 positional argument but " + std::to_string(a.args.size()) + " were given");
        if (qs->query.isSliced())
            ip.raise(ip.types().AssertionError, "Cannot update a query once a slice has been taken.");
        std::vector<std::pair<std::string, db::QValue>> assignments;
        for (const auto& [k, v] : a.kwargs)
            assignments.emplace_back(k, qs->ctx->toQValue(v));
        return py::Value::integer(ModelBase::update(*qs->ctx, qs->query, assignments));
    });
    m.emplace_back("bulk_create", [](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("bulk_create", {"self", "objs", "batch_size=", "ignore_conflicts="});
        py::BoundArgs b = py::bind(ip, a, sig);
        QuerySetObject* qs = selfQs(ip, a);
        return ModelBase::bulkCreate(*qs->ctx, *qs->model, ip.toVector(b[1]), b.has(3) && ip.truthy(b[3]));
    });
    return m;
}

} // namespace

const std::vector<std::pair<std::string, py::NativeFn>>& QuerySetObject::managerMethods()
{
    static const std::vector<std::pair<std::string, py::NativeFn>> methods = buildMethods();
    return methods;
}

py::ClassObject* QuerySetObject::createClass(OrmContext& ctx)
{
    py::Interpreter& ip = ctx.interp;
    py::ClassObject* cls = ip.newClass("QuerySet", {}, "django.db.models.query");
    for (const auto& [name, fn] : managerMethods())
        ip.defineMethod(cls, name, fn);
    ip.defineMethod(cls, "delete", [](py::Interpreter& ip2, py::CallArgs& a) -> py::Value {
        py::checkArgs(ip2, a, "delete", 0, 0, 1);
        QuerySetObject* qs = selfQs(ip2, a);
        if (qs->query.isSliced())
            ip2.raise(ip2.types().AssertionError, "Cannot use 'limit' or 'offset' with delete.");
        if (qs->valuesCalled)
            ip2.raise(ip2.types().TypeError, "Cannot call delete() after .values() or .values_list()");
        return Collector(*qs->ctx).deleteQuerySet(*qs);
    });
    return cls;
}

} // namespace pipelab::django::models
