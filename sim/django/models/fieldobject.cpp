// FieldObject: field constructors with Django's options and errors.
#include "sim/django/models/fieldobject.h"

#include "sim/django/models/ormcontext.h"
#include "sim/python/argcheck.h"

namespace pipelab::django::models {

namespace {

struct OnDeleteMarker final : py::Object {
    OnDeleteMarker(py::ClassObject* cls, db::OnDelete v, std::string name) : Object(cls), value(v), name(std::move(name)) {}
    db::OnDelete value;
    std::string name;
    std::optional<std::string> repr(py::Interpreter&) override { return "<function " + name + ">"; }
};

bool isRelation(db::FieldKind k)
{
    return k == db::FieldKind::ForeignKey || k == db::FieldKind::OneToOneField || k == db::FieldKind::ManyToManyField;
}

} // namespace

std::optional<py::Value> FieldObject::getAttr(py::Interpreter& interp, std::string_view name)
{
    if (name == "field")
        return py::Value(this);
    if (name == "name")
        return interp.newStr(spec.name);
    if (name == "null")
        return py::Value::boolean(spec.null);
    if (name == "max_length")
        return spec.maxLength ? py::Value::integer(spec.maxLength) : py::Value();
    if (name == "through" && spec.kind == db::FieldKind::ManyToManyField && owner) {
        if (const db::Field* f = owner->field(spec.name); f && f->through)
            if (ModelBinding* b = ctx->binding(*f->through))
                return py::Value(b->cls);
        interp.raise(interp.types().AttributeError, "the through model exists once the models are loaded");
    }
    return std::nullopt;
}

std::optional<std::string> FieldObject::repr(py::Interpreter&)
{
    if (owner)
        return "<django.db.models.fields." + std::string(db::fieldKindName(spec.kind)) + ": " + spec.name + ">";
    return "<django.db.models.fields." + std::string(db::fieldKindName(spec.kind)) + ">";
}

void FieldObject::install(OrmContext& ctx, py::AttrMap& module)
{
    py::Interpreter& ip = ctx.interp;
    py::ClassObject* base = ip.newClass("Field", {}, "django.db.models.fields");
    ctx.classes.field = base;
    module.set("Field", base);

    py::ClassObject* markerCls = ip.newClass("function", {}, "django.db.models.deletion");
    ctx.classes.onDelete = markerCls;
    for (auto [name, v] : {std::pair{"CASCADE", db::OnDelete::Cascade}, std::pair{"SET_NULL", db::OnDelete::SetNull},
                           std::pair{"PROTECT", db::OnDelete::Protect}, std::pair{"DO_NOTHING", db::OnDelete::DoNothing}})
        module.set(name, py::Value(ip.make<OnDeleteMarker>(markerCls, v, name)));

    const db::FieldKind kinds[] = {
        db::FieldKind::AutoField, db::FieldKind::CharField, db::FieldKind::TextField, db::FieldKind::SlugField,
        db::FieldKind::EmailField, db::FieldKind::IntegerField, db::FieldKind::PositiveIntegerField,
        db::FieldKind::BigIntegerField, db::FieldKind::FloatField, db::FieldKind::DecimalField,
        db::FieldKind::BooleanField, db::FieldKind::DateField, db::FieldKind::DateTimeField,
        db::FieldKind::ForeignKey, db::FieldKind::OneToOneField, db::FieldKind::ManyToManyField};
    for (db::FieldKind kind : kinds) {
        const std::string name = db::fieldKindName(kind);
        py::ClassObject* cls = ip.newClass(name, {base}, isRelation(kind) ? "django.db.models.fields.related"
                                                                           : "django.db.models.fields");
        cls->construct = [&ctx, kind, name](py::Interpreter& i, py::ClassObject* c, py::CallArgs& a) -> py::Value {
            // The options of spec §4, plus the descriptive ones that change no SQL.
            std::initializer_list<const char*> relationSpec = {"to", "on_delete=", "*", "related_name=", "null=",
                "blank=", "default=", "db_index=", "unique=", "verbose_name=", "help_text=", "related_query_name=",
                "limit_choices_to=", "to_field=", "db_constraint=", "editable=", "through=", "symmetrical="};
            std::initializer_list<const char*> plainSpec = {"verbose_name=", "name=", "*", "null=", "blank=",
                "default=", "db_index=", "unique=", "max_length=", "max_digits=", "decimal_places=", "help_text=",
                "choices=", "editable=", "primary_key=", "db_column=", "auto_now=", "auto_now_add=", "validators=",
                "error_messages="};
            const py::Signature sig(name, isRelation(kind) ? relationSpec : plainSpec);
            py::BoundArgs b = py::bind(i, a, sig);
            auto param = [&](std::string_view p) -> std::optional<py::Value> {
                for (std::size_t k = 0; k < sig.params().size(); ++k)
                    if (sig.params()[k].name == p && b.has(k))
                        return b[k];
                return std::nullopt;
            };
            auto unsupported = [&](const char* option) {
                if (auto v = param(option); v && !v->isNone() && !(v->isBool() && !v->asBool()))
                    i.raise(i.types().NotImplementedError, name + "(" + option + "=...) is not simulated");
            };
            for (const char* option : {"primary_key", "db_column", "auto_now", "auto_now_add", "related_query_name",
                                       "to_field", "through", "limit_choices_to"})
                unsupported(option);
            db::FieldSpec spec;
            spec.kind = kind;
            auto flag = [&](const char* option) { auto v = param(option); return v && i.truthy(*v); };
            spec.null = flag("null");
            spec.blank = flag("blank");
            spec.unique = flag("unique") || kind == db::FieldKind::OneToOneField;
            spec.dbIndex = flag("db_index");
            if (auto v = param("default")) {
                if (i.isCallable(*v))
                    i.raise(i.types().NotImplementedError, name + "(default=<callable>) is not simulated");
                spec.defaultValue = ctx.toDb(*v);
            }
            if (auto v = param("max_length"); v && !v->isNone())
                spec.maxLength = static_cast<int>(i.expectInt(*v, "max_length"));
            else if (kind == db::FieldKind::EmailField)
                spec.maxLength = 254;
            else if (kind == db::FieldKind::SlugField)
                spec.maxLength = 50;
            if (auto v = param("max_digits"); v && !v->isNone())
                spec.maxDigits = static_cast<int>(i.expectInt(*v, "max_digits"));
            if (auto v = param("decimal_places"); v && !v->isNone())
                spec.decimalPlaces = static_cast<int>(i.expectInt(*v, "decimal_places"));
            auto* field = i.make<FieldObject>(c, ctx, std::move(spec));
            if (isRelation(kind)) {
                py::Value to = b[0];
                if (!py::Interpreter::strOf(to) && !ctx.binding(to.as<py::ClassObject>()))
                    i.raise(i.types().TypeError,
                            name + "(" + i.repr(to) + ") is invalid. First parameter to " + name
                                + " must be either a model, a model name, or the string 'self'");
                field->to = to;
                if (kind != db::FieldKind::ManyToManyField) {
                    auto od = param("on_delete");
                    if (!od)
                        i.raise(i.types().TypeError, "__init__() missing 1 required positional argument: 'on_delete'");
                    auto* marker = dynamic_cast<OnDeleteMarker*>(od->asObject());
                    if (!marker)
                        i.raise(i.types().TypeError, "on_delete must be callable.");
                    field->spec.onDelete = marker->value;
                }
                if (auto rn = param("related_name"); rn && !rn->isNone())
                    field->spec.relatedName = i.expectStr(*rn, "related_name");
            }
            return field;
        };
        module.set(name, cls);
    }
}

} // namespace pipelab::django::models
