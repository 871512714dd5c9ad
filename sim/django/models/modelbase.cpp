// ModelBase: model class creation (ModelBase.__new__), Model methods and the write paths of
// base.py (save_base/save_table) and query.py (create, get_or_create, update_or_create,
// update, bulk_create).
#include "sim/django/models/modelbase.h"

#include "sim/django/db/insertquery.h"
#include "sim/django/db/updatequery.h"
#include "sim/django/models/collector.h"
#include "sim/django/models/fieldobject.h"
#include "sim/django/models/managerobject.h"
#include "sim/django/models/modelinstance.h"
#include "sim/django/models/ormcontext.h"
#include "sim/django/models/querysetobject.h"
#include "sim/django/models/relateddescriptors.h"
#include "sim/python/argcheck.h"

#include <algorithm>

namespace pipelab::django::models {

namespace {

ModelInstance* selfInstance(py::Interpreter& ip, const py::CallArgs& a)
{
    auto* inst = a.args.empty() ? nullptr : dynamic_cast<ModelInstance*>(a.args[0].asObject());
    if (!inst)
        ip.raise(ip.types().TypeError, "descriptor requires a model instance");
    return inst;
}

// Meta options that change nothing the simulation observes.
bool harmlessMetaOption(const std::string& name)
{
    return name == "verbose_name" || name == "verbose_name_plural" || name == "indexes" || name == "unique_together"
        || name == "index_together" || name == "constraints" || name == "get_latest_by" || name == "permissions"
        || name == "default_permissions";
}

bool simulatedButUnsupportedMetaOption(const std::string& name)
{
    return name == "abstract" || name == "proxy" || name == "db_table" || name == "managed" || name == "app_label"
        || name == "default_related_name" || name == "base_manager_name" || name == "default_manager_name"
        || name == "order_with_respect_to" || name == "select_on_save" || name == "required_db_features"
        || name == "db_tablespace" || name == "apps" || name == "swappable" || name == "label";
}

std::vector<std::string> metaOrdering(py::Interpreter& ip, py::ClassObject* meta)
{
    std::vector<std::string> ordering;
    std::vector<std::string> invalid;
    for (const auto& [name, value] : meta->dict.entries()) {
        if (name.rfind("__", 0) == 0)
            continue;
        if (name == "ordering") {
            for (py::Value v : ip.toVector(value))
                ordering.push_back(ip.expectStr(v, "Meta.ordering entry"));
        } else if (simulatedButUnsupportedMetaOption(name)) {
            ip.raise(ip.types().NotImplementedError, "Meta." + name + " is not simulated");
        } else if (!harmlessMetaOption(name)) {
            invalid.push_back(name);
        }
    }
    if (!invalid.empty()) {
        std::string list;
        for (const std::string& n : invalid)
            list += (list.empty() ? "" : ",") + n;
        ip.raise(ip.types().TypeError, "'class Meta' got invalid attribute(s): " + list);
    }
    return ordering;
}

std::string relationTarget(OrmContext& ctx, py::Value to, const std::string& selfName)
{
    if (const std::string* s = py::Interpreter::strOf(to))
        return *s == selfName ? "self" : *s;
    ModelBinding* b = ctx.binding(to.as<py::ClassObject>());
    return b->meta->appLabel == ctx.appLabel ? b->meta->objectName : b->meta->label();
}

void addExceptions(OrmContext& ctx, ModelBinding& b)
{
    py::Interpreter& ip = ctx.interp;
    py::ClassObject* cls = b.cls;
    // Subclasses of the parents' exceptions (ModelBase.__new__ uses the concrete parents').
    b.doesNotExist = ip.newExceptionClass("DoesNotExist", ctx.classes.objectDoesNotExist, cls->moduleName);
    b.doesNotExist->qualname = cls->name + ".DoesNotExist";
    b.multipleObjectsReturned = ip.newExceptionClass("MultipleObjectsReturned", ctx.classes.multipleObjectsReturned,
                                                     cls->moduleName);
    b.multipleObjectsReturned->qualname = cls->name + ".MultipleObjectsReturned";
    cls->dict.set("DoesNotExist", b.doesNotExist);
    cls->dict.set("MultipleObjectsReturned", b.multipleObjectsReturned);
}

ManagerObject* newManager(OrmContext& ctx, ModelBinding& b, py::ClassObject* cls, const std::string& name)
{
    auto* m = ctx.interp.make<ManagerObject>(cls);
    m->ctx = &ctx;
    m->model = &b;
    m->name = name;
    return m;
}

void attachManagers(OrmContext& ctx, ModelBinding& b)
{
    for (const auto& [name, value] : b.cls->dict.entries()) {
        if (auto* m = dynamic_cast<ManagerObject*>(value.asObject())) {
            m->model = &b;
            m->name = name;
            if (b.defaultManager.isNone())
                b.defaultManager = value;
        }
    }
    if (b.defaultManager.isNone()) {
        ManagerObject* objects = newManager(ctx, b, ctx.classes.manager, "objects");
        b.cls->dict.set("objects", objects);
        b.defaultManager = objects;
    }
    b.baseManager = newManager(ctx, b, ctx.classes.manager, "_base_manager");
    b.cls->keepAlive.push_back(b.baseManager);
}

// Model.__init__(*args, **kwargs).
void initInstance(OrmContext& ctx, ModelInstance& inst, const py::CallArgs& a)
{
    py::Interpreter& ip = ctx.interp;
    const db::ModelMeta& meta = *inst.binding->meta;
    if (a.args.size() - 1 > meta.fields.size())
        ip.raise(ip.types().IndexError, "Number of args exceeds number of fields");
    std::vector<std::pair<std::string, py::Value>> kwargs = a.kwargs;
    auto take = [&](const std::string& key) -> std::optional<py::Value> {
        for (auto it = kwargs.begin(); it != kwargs.end(); ++it)
            if (it->first == key) {
                py::Value v = it->second;
                kwargs.erase(it);
                return v;
            }
        return std::nullopt;
    };
    for (std::size_t i = 0; i < meta.fields.size(); ++i) {
        const db::Field& f = meta.fields[i];
        if (i + 1 < a.args.size()) {
            inst.setColumn(i, a.args[i + 1]);
            continue;
        }
        if (f.isForeignKey()) {
            if (auto rel = take(f.name)) {
                RelatedDescriptors::forwardSet(inst, f, *rel);
                continue;
            }
        }
        if (auto v = take(f.attname)) {
            inst.setColumn(i, *v);
            continue;
        }
        inst.values[i] = ctx.toPython(f.defaultForNewRow(), &f);
        inst.loaded[i] = true;
    }
    for (const auto& [k, v] : std::vector<std::pair<std::string, py::Value>>(kwargs)) {
        if (k == "pk" || meta.field(k)) {
            ip.setAttr(py::Value(&inst), k, v);
            take(k);
        }
    }
    if (!kwargs.empty())
        ip.raise(ip.types().TypeError, inst.cls()->name + "() got an unexpected keyword argument '" + kwargs.front().first + "'");
}

void onModelCreated(OrmContext& ctx, py::ClassObject* cls)
{
    py::Interpreter& ip = ctx.interp;
    if (ctx.finalized)
        ip.raise(ip.types().NotImplementedError, "models can only be defined in the models module");
    for (py::ClassObject* base : cls->bases)
        if (ctx.binding(base))
            ip.raise(ip.types().NotImplementedError, "multi-table inheritance (" + cls->name + "(" + base->name
                                                         + ")) is not simulated");
    db::ModelSpec spec;
    spec.appLabel = ctx.appLabel;
    spec.name = cls->name;
    std::vector<FieldObject*> fields;
    for (const auto& [name, value] : cls->dict.entries()) {
        if (auto* f = dynamic_cast<FieldObject*>(value.asObject())) {
            if (name == "pk")
                ip.raise(ctx.classes.fieldError, "'pk' is a reserved word that cannot be used as a field name.");
            f->spec.name = name; // contribute_to_class(): the field learns its attribute name
            db::FieldSpec fs = f->spec;
            if (fs.kind == db::FieldKind::ForeignKey || fs.kind == db::FieldKind::OneToOneField
                || fs.kind == db::FieldKind::ManyToManyField)
                fs.to = relationTarget(ctx, f->to, cls->name);
            spec.fields.push_back(fs);
            fields.push_back(f);
        }
    }
    if (py::Value* meta = cls->dict.find("Meta")) {
        if (auto* metaCls = meta->as<py::ClassObject>())
            spec.ordering = metaOrdering(ip, metaCls);
        cls->dict.erase("Meta");
    }
    const db::ModelMeta& meta = ctx.core([&]() -> const db::ModelMeta& { return ctx.registry.addModel(spec); });
    for (FieldObject* f : fields)
        f->owner = &meta;
    ModelBinding& b = ctx.addBinding(cls, meta);
    addExceptions(ctx, b);
    attachManagers(ctx, b);
}

std::vector<std::string> stringList(py::Interpreter& ip, py::Value v, const char* what)
{
    std::vector<std::string> out;
    for (py::Value s : ip.toVector(v))
        out.push_back(ip.expectStr(s, what));
    return out;
}

void buildAttributes(ModelBinding& b)
{
    const db::ModelMeta& meta = *b.meta;
    b.attributes.clear();
    for (std::size_t i = 0; i < meta.fields.size(); ++i) {
        const db::Field& f = meta.fields[i];
        ModelAttribute column{ModelAttribute::Kind::Column, i, &f, nullptr, false};
        b.attributes[f.attname] = column;
        if (f.isForeignKey())
            b.attributes[f.name] = ModelAttribute{ModelAttribute::Kind::ForwardRelation, i, &f, nullptr, false};
    }
    b.attributes["pk"] = ModelAttribute{ModelAttribute::Kind::Column, 0, &meta.pk(), nullptr, false};
    for (const db::Field& f : meta.manyToMany)
        b.attributes[f.name] = ModelAttribute{ModelAttribute::Kind::ManyToMany, 0, &f, nullptr, false};
    for (const db::RelatedObject& r : meta.relatedObjects) {
        if (r.relatedModel->autoCreated)
            continue;
        ModelAttribute a;
        a.related = &r;
        a.field = r.field;
        if (r.field->isManyToMany()) {
            a.kind = ModelAttribute::Kind::ManyToMany;
            a.reverse = true;
        } else {
            a.kind = r.multiple ? ModelAttribute::Kind::ReverseMany : ModelAttribute::Kind::ReverseOneToOne;
        }
        b.attributes[r.accessorName] = a;
    }
    // The forward many-to-many attributes carry their reverse RelatedObject (cache names).
    for (auto& [name, a] : b.attributes) {
        if (a.kind == ModelAttribute::Kind::ManyToMany && !a.reverse)
            for (const db::RelatedObject& r : a.field->relatedModel->relatedObjects)
                if (r.field == a.field)
                    a.related = &r;
    }
}

} // namespace

py::ClassObject* ModelBase::createClass(OrmContext& ctx)
{
    py::Interpreter& ip = ctx.interp;
    py::ClassObject* model = ip.newClass("Model", {}, "django.db.models.base");
    model->allocate = [&ctx](py::Interpreter& i, py::ClassObject* cls) -> py::Object* {
        ModelBinding* b = ctx.binding(cls);
        if (!b)
            i.raise(i.types().TypeError, "Model " + cls->name + " is not registered");
        return i.make<ModelInstance>(cls, *b);
    };
    model->onSubclassCreated = [&ctx](py::Interpreter&, py::ClassObject* created) { onModelCreated(ctx, created); };
    ip.defineMethod(model, "__init__", [&ctx](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        initInstance(ctx, *selfInstance(i, a), a);
        return py::Value();
    });
    ip.defineMethod(model, "__str__", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        ModelInstance* inst = selfInstance(i, a);
        return i.newStr(inst->cls()->name + " object (" + i.toStr(inst->pkValue()) + ")");
    });
    ip.defineMethod(model, "save", [&ctx](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("save", {"self", "force_insert=", "force_update=", "using=", "update_fields="});
        py::BoundArgs b = py::bind(i, a, sig);
        std::optional<std::vector<std::string>> updateFields;
        if (b.has(4) && !b[4].isNone())
            updateFields = stringList(i, b[4], "update_fields entry");
        save(ctx, *selfInstance(i, a), b.has(1) && i.truthy(b[1]), b.has(2) && i.truthy(b[2]), updateFields);
        return py::Value();
    });
    ip.defineMethod(model, "delete", [&ctx](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("delete", {"self", "using=", "keep_parents="});
        py::bind(i, a, sig);
        ModelInstance* inst = selfInstance(i, a);
        if (inst->pkValue().isNone())
            i.raise(i.types().AssertionError, inst->binding->meta->objectName + " object can't be deleted because its "
                                                  + inst->binding->meta->pk().attname + " attribute is set to None.");
        return Collector(ctx).deleteInstance(*inst);
    });
    ip.defineMethod(model, "refresh_from_db", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        static const py::Signature sig("refresh_from_db", {"self", "using=", "fields="});
        py::BoundArgs b = py::bind(i, a, sig);
        std::optional<std::vector<std::string>> fields;
        if (b.has(2) && !b[2].isNone())
            fields = stringList(i, b[2], "field name");
        RelatedDescriptors::refreshFromDb(*selfInstance(i, a), fields);
        return py::Value();
    });
    ip.defineMethod(model, "get_deferred_fields", [](py::Interpreter& i, py::CallArgs& a) -> py::Value {
        ModelInstance* inst = selfInstance(i, a);
        py::SetObject* s = i.newSet();
        for (std::size_t k = 0; k < inst->loaded.size(); ++k)
            if (!inst->loaded[k])
                s->table.insert(i, i.newStr(inst->binding->meta->fields[k].attname), py::Value());
        return s;
    });
    return model;
}

py::ClassObject* ModelBase::createAuthUser(OrmContext& ctx, const db::ModelMeta& meta)
{
    py::ClassObject* cls = ctx.interp.newClass("User", {ctx.classes.model}, "django.contrib.auth.models");
    ModelBinding& b = ctx.addBinding(cls, meta);
    addExceptions(ctx, b);
    attachManagers(ctx, b);
    return cls;
}

void ModelBase::finalize(OrmContext& ctx)
{
    ctx.core([&] { ctx.registry.finalize(); });
    // Auto-created through models get a class, a manager and exceptions like any model.
    for (const auto& meta : ctx.registry.models()) {
        if (ctx.binding(*meta))
            continue;
        py::ClassObject* cls = ctx.interp.newClass(meta->objectName, {ctx.classes.model}, meta->appLabel + ".models");
        ModelBinding& b = ctx.addBinding(cls, *meta);
        addExceptions(ctx, b);
        attachManagers(ctx, b);
    }
    for (const auto& b : ctx.bindings())
        buildAttributes(*b);
    ctx.finalized = true;
}

void ModelBase::save(OrmContext& ctx, ModelInstance& inst, bool forceInsert, bool forceUpdate,
                     std::optional<std::vector<std::string>> updateFields)
{
    py::Interpreter& ip = ctx.interp;
    const db::ModelMeta& meta = *inst.binding->meta;
    // _prepare_related_fields_for_save
    for (std::size_t i = 0; i < meta.fields.size(); ++i) {
        const db::Field& f = meta.fields[i];
        if (!f.isForeignKey())
            continue;
        const py::Value* c = inst.cached(&f);
        if (!c || c->isNone())
            continue;
        auto* obj = static_cast<ModelInstance*>(c->asObject());
        if (obj->pkValue().isNone())
            ip.raise(ip.types().ValueError, "save() prohibited to prevent data loss due to unsaved related object '" + f.name + "'.");
        if (inst.values[i].isNone())
            inst.setColumn(i, obj->pkValue());
        if (!ip.eq(obj->pkValue(), inst.values[i]))
            inst.clearCached(&f);
    }
    if (forceInsert && (forceUpdate || updateFields))
        ip.raise(ip.types().ValueError, "Cannot force both insert and updating in model saving.");
    std::vector<std::size_t> nonPks;
    for (std::size_t i = 1; i < meta.fields.size(); ++i)
        nonPks.push_back(i);
    if (updateFields) {
        if (updateFields->empty())
            return;
        std::vector<std::string> unknown;
        for (const std::string& n : *updateFields) {
            const db::Field* f = meta.field(n);
            if (!f)
                f = meta.fieldByAttname(n);
            if (!f || f->primaryKey || f->isManyToMany())
                unknown.push_back(n);
        }
        if (!unknown.empty()) {
            std::string list;
            for (const std::string& n : unknown)
                list += (list.empty() ? "" : ", ") + n;
            ip.raise(ip.types().ValueError,
                     "The following fields do not exist in this model, are m2m fields, or are non-concrete fields: " + list);
        }
        std::erase_if(nonPks, [&](std::size_t i) {
            const db::Field& f = meta.fields[i];
            return std::find(updateFields->begin(), updateFields->end(), f.name) == updateFields->end()
                && std::find(updateFields->begin(), updateFields->end(), f.attname) == updateFields->end();
        });
    } else if (!forceInsert && !inst.adding && std::find(inst.loaded.begin(), inst.loaded.end(), false) != inst.loaded.end()) {
        // Deferred fields stay out of the UPDATE.
        std::erase_if(nonPks, [&](std::size_t i) { return !inst.loaded[i]; });
        updateFields = std::vector<std::string>{};
    }
    // save_base(): pre_save, the write, post_save (auto-created through models send none).
    const bool sendSignals = ctx.sendSignal && !meta.autoCreated;
    py::Value signalUpdateFields;
    if (updateFields) {
        // frozenset(update_fields) in Django; a set here.
        signalUpdateFields = py::Value(ip.newSet());
        for (std::size_t i : nonPks)
            ip.callMethod(signalUpdateFields, "add", {ip.newStr(meta.fields[i].name)});
    }
    const py::Value sender(inst.cls());
    const py::Value self(&inst);
    if (sendSignals)
        ctx.sendSignal("pre_save", {{"sender", sender}, {"instance", self}, {"raw", py::Value::boolean(false)},
                                    {"using", ip.newStr("default")}, {"update_fields", signalUpdateFields}});
    const bool pkSet = !inst.pkValue().isNone();
    if (!pkSet && (forceUpdate || (updateFields && !updateFields->empty())))
        ip.raise(ip.types().ValueError, "Cannot force an update in save() with no primary key.");
    bool updated = false;
    if (pkSet && !forceInsert) {
        db::Query q(meta);
        ctx.core([&] { q.addQ(db::Q::kwargs({{"pk", ctx.toDb(inst.pkValue())}})); });
        if (nonPks.empty()) {
            updated = updateFields.has_value() || !ctx.select(ctx.core([&] { return q.existsQuery(); })).empty();
        } else {
            std::vector<std::pair<std::string, db::QValue>> values;
            for (std::size_t i : nonPks)
                values.emplace_back(meta.fields[i].name, ctx.toDb(inst.values[i]));
            updated = update(ctx, q, values) > 0;
        }
        if (forceUpdate && !updated)
            ip.raise(ip.types().RuntimeError, "Forced update did not affect any rows.");
        if (updateFields && !updateFields->empty() && !updated)
            ip.raise(ip.types().RuntimeError, "Save with update_fields did not affect any rows.");
    }
    if (!updated) {
        db::Row row;
        for (std::size_t i = 0; i < meta.fields.size(); ++i)
            row.push_back(ctx.toDb(inst.values[i]));
        db::InsertQuery insert(meta, row);
        const std::string sql = insert.sql();
        const std::vector<std::int64_t> pks = ctx.core([&] { return insert.execute(ctx.store); });
        ctx.record(sql, 1);
        if (!pkSet && !pks.empty())
            inst.values[0] = py::Value::integer(pks.front());
        inst.loaded[0] = true;
    }
    inst.adding = false;
    if (sendSignals)
        ctx.sendSignal("post_save", {{"sender", sender}, {"instance", self}, {"created", py::Value::boolean(!updated)},
                                     {"update_fields", signalUpdateFields}, {"raw", py::Value::boolean(false)},
                                     {"using", ip.newStr("default")}});
}

py::Value ModelBase::create(OrmContext& ctx, ModelBinding& model, const std::vector<std::pair<std::string, py::Value>>& kwargs)
{
    py::Value obj = ctx.interp.call(py::Value(model.cls), {}, kwargs);
    ctx.interp.callMethod(obj, "save", {}, {{"force_insert", py::Value::boolean(true)}});
    return obj;
}

py::Value ModelBase::getOrCreate(OrmContext& ctx, QuerySetObject& qs, py::CallArgs& a, bool update)
{
    py::Interpreter& ip = ctx.interp;
    const char* name = update ? "update_or_create" : "get_or_create";
    if (a.args.size() > 2)
        ip.raise(ip.types().TypeError, std::string(name) + "() takes from 1 to 2 positional arguments but "
                                           + std::to_string(a.args.size()) + " were given");
    py::Value defaults = a.args.size() == 2 ? a.args[1] : py::Value();
    std::vector<std::pair<std::string, py::Value>> lookups;
    for (const auto& [k, v] : a.kwargs) {
        if (k == "defaults")
            defaults = v;
        else
            lookups.emplace_back(k, v);
    }
    std::vector<std::pair<std::string, py::Value>> defaultItems;
    if (!defaults.isNone()) {
        auto* d = defaults.as<py::DictObject>();
        if (!d)
            ip.raise(ip.types().TypeError, "defaults must be a dict");
        for (py::Value k : ip.toVector(defaults))
            defaultItems.emplace_back(ip.expectStr(k, "defaults key"), *ip.dictGet(d, k));
    }
    auto tuple = [&](py::Value obj, bool created) { return py::Value(ip.newTuple({obj, py::Value::boolean(created)})); };
    auto lookupQ = [&]() {
        std::vector<std::pair<std::string, db::QValue>> items;
        for (const auto& [k, v] : lookups)
            items.emplace_back(k, ctx.toQValue(v));
        return db::Q::kwargs(items);
    };
    auto getOrCreateInner = [&]() -> std::pair<py::Value, bool> {
        try {
            return {qs.get(lookupQ()), false};
        } catch (const py::PyException& e) {
            if (!ip.matches(e, qs.model->doesNotExist))
                throw;
        }
        // _extract_model_params
        std::vector<std::pair<std::string, py::Value>> params;
        for (const auto& [k, v] : lookups)
            if (k.find("__") == std::string::npos)
                params.emplace_back(k, v);
        for (const auto& [k, v] : defaultItems) {
            auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == k; });
            if (it != params.end())
                it->second = v;
            else
                params.emplace_back(k, v);
        }
        std::vector<std::string> invalid;
        for (const auto& [k, v] : params)
            if (k != "pk" && !qs.model->meta->field(k) && !qs.model->meta->fieldByAttname(k))
                invalid.push_back(k);
        if (!invalid.empty()) {
            std::sort(invalid.begin(), invalid.end());
            std::string list;
            for (const std::string& n : invalid)
                list += (list.empty() ? "" : "', '") + n;
            ip.raise(ctx.classes.fieldError, "Invalid field name(s) for model " + qs.model->meta->objectName + ": '" + list + "'.");
        }
        const std::string sp = ctx.enterAtomic(true);
        py::Value obj;
        try {
            obj = create(ctx, *qs.model, params);
        } catch (...) {
            ctx.exitAtomic(sp, true);
            throw;
        }
        ctx.exitAtomic(sp, false);
        return {obj, true};
    };
    if (!update) {
        auto [obj, created] = getOrCreateInner();
        return tuple(obj, created);
    }
    const std::string sp = ctx.enterAtomic(true);
    try {
        auto [obj, created] = getOrCreateInner();
        if (!created) {
            for (const auto& [k, v] : defaultItems)
                ip.setAttr(obj, k, v);
            ip.callMethod(obj, "save");
        }
        ctx.exitAtomic(sp, false);
        return tuple(obj, created);
    } catch (...) {
        ctx.exitAtomic(sp, true);
        throw;
    }
}

std::int64_t ModelBase::update(OrmContext& ctx, const db::Query& query,
                               const std::vector<std::pair<std::string, db::QValue>>& assignments)
{
    db::UpdateQuery u = ctx.core([&] { return db::UpdateQuery(query, assignments); });
    const std::string sql = ctx.core([&] { return u.sql(); });
    if (sql.empty())
        return 0;
    const std::int64_t rows = ctx.core([&] { return u.execute(ctx.store); });
    ctx.record(sql, rows);
    return rows;
}

py::Value ModelBase::bulkCreate(OrmContext& ctx, ModelBinding& model, std::vector<py::Value> objs, bool ignoreConflicts)
{
    py::Interpreter& ip = ctx.interp;
    py::ListObject* result = ip.newList(objs);
    if (objs.empty())
        return result;
    std::vector<db::Row> rows;
    std::vector<ModelInstance*> instances;
    for (py::Value v : objs) {
        auto* inst = dynamic_cast<ModelInstance*>(v.asObject());
        if (!inst || inst->binding != &model)
            ip.raise(ip.types().TypeError, "bulk_create() expects " + model.meta->objectName + " instances, got " + ip.repr(v));
        db::Row row;
        for (const py::Value& value : inst->values)
            row.push_back(ctx.toDb(value));
        rows.push_back(std::move(row));
        instances.push_back(inst);
    }
    const std::string sp = ctx.enterAtomic(false);
    try {
        for (const db::InsertQuery& q : db::InsertQuery::bulk(*model.meta, std::move(rows), ignoreConflicts)) {
            const std::string sql = q.sql();
            const auto pks = ctx.core([&] { return q.execute(ctx.store); });
            ctx.record(sql, static_cast<std::int64_t>(pks.size()));
        }
    } catch (...) {
        ctx.exitAtomic(sp, true);
        throw;
    }
    ctx.exitAtomic(sp, false);
    for (ModelInstance* inst : instances)
        inst->adding = false;
    return result;
}

} // namespace pipelab::django::models
