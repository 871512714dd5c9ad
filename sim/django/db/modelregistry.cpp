// ModelRegistry: relation resolution as Django's lazy related-model setup does it.
#include "sim/django/db/modelregistry.h"

#include <algorithm>
#include <cctype>

namespace pipelab::django::db {

static std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

static Field makeField(const FieldSpec& spec, ModelMeta& model)
{
    Field f;
    static_cast<FieldSpec&>(f) = spec;
    f.attname = f.isForeignKey() ? spec.name + "_id" : spec.name;
    f.column = f.attname;
    f.model = &model;
    return f;
}

const ModelMeta& ModelRegistry::addModel(const ModelSpec& spec)
{
    if (finalized_)
        throw FieldError("models cannot be added after the registry is finalized");
    if (model(spec.appLabel + "." + spec.name))
        throw FieldError("Conflicting '" + lower(spec.name) + "' models in application '" + spec.appLabel + "'");
    auto meta = std::make_unique<ModelMeta>();
    meta->appLabel = spec.appLabel;
    meta->objectName = spec.name;
    meta->modelName = lower(spec.name);
    meta->dbTable = spec.appLabel + "_" + meta->modelName;
    meta->ordering = spec.ordering;
    FieldSpec id;
    id.name = "id";
    id.kind = FieldKind::AutoField;
    id.blank = true;
    id.unique = true;
    Field pk = makeField(id, *meta);
    pk.primaryKey = true;
    meta->fields.push_back(pk);
    for (const FieldSpec& fs : spec.fields) {
        if (meta->field(fs.name) || fs.name == "pk")
            throw FieldError("Field name '" + fs.name + "' is declared twice on model '" + spec.name + "'");
        Field f = makeField(fs, *meta);
        if (f.isManyToMany())
            meta->manyToMany.push_back(f);
        else
            meta->fields.push_back(f);
    }
    models_.push_back(std::move(meta));
    return *models_.back();
}

const ModelMeta& ModelRegistry::addAuthUser()
{
    ModelSpec spec;
    spec.appLabel = "auth";
    spec.name = "User";
    auto add = [&spec](std::string name, FieldKind kind, bool null = false, std::optional<DbValue> def = std::nullopt) {
        FieldSpec f;
        f.name = std::move(name);
        f.kind = kind;
        f.null = null;
        f.defaultValue = std::move(def);
        spec.fields.push_back(f);
    };
    add("password", FieldKind::CharField);
    add("last_login", FieldKind::DateTimeField, true);
    add("is_superuser", FieldKind::BooleanField, false, DbValue(false));
    add("username", FieldKind::CharField);
    add("first_name", FieldKind::CharField);
    add("last_name", FieldKind::CharField);
    add("email", FieldKind::EmailField);
    add("is_staff", FieldKind::BooleanField, false, DbValue(false));
    add("is_active", FieldKind::BooleanField, false, DbValue(true));
    add("date_joined", FieldKind::DateTimeField);
    return addModel(spec);
}

const ModelMeta* ModelRegistry::model(std::string_view name) const
{
    const auto dot = name.find('.');
    for (const auto& m : models_) {
        if (dot == std::string_view::npos ? m->objectName == name : m->label() == name)
            return m.get();
    }
    // app_label.model lookups are case-insensitive on the model name in Django.
    if (dot != std::string_view::npos) {
        for (const auto& m : models_)
            if (m->appLabel == name.substr(0, dot) && m->modelName == lower(std::string(name.substr(dot + 1))))
                return m.get();
    }
    return nullptr;
}

ModelMeta& ModelRegistry::resolveTarget(const ModelMeta& from, const std::string& to) const
{
    const std::string name = to == "self" ? from.label() : to;
    const ModelMeta* m = model(name.find('.') == std::string::npos ? from.appLabel + "." + name : name);
    if (!m)
        throw FieldError("Related model '" + to + "' cannot be resolved (field of " + from.label() + ")");
    return const_cast<ModelMeta&>(*m); // registry-owned; finalize() is the only mutator
}

void ModelRegistry::finalize()
{
    if (finalized_)
        return;
    const std::size_t declared = models_.size();
    for (std::size_t mi = 0; mi < declared; ++mi) {
        ModelMeta& meta = *models_[mi];
        for (Field& f : meta.fields) {
            if (!f.isForeignKey())
                continue;
            ModelMeta& target = resolveTarget(meta, f.to);
            f.relatedModel = &target;
            if (f.relatedName.empty() || f.relatedName.back() != '+') {
                RelatedObject r;
                r.relatedModel = &meta;
                r.field = &f;
                r.multiple = f.kind == FieldKind::ForeignKey;
                r.accessorName = !f.relatedName.empty() ? f.relatedName
                    : r.multiple                       ? meta.modelName + "_set"
                                                       : meta.modelName;
                r.queryName = !f.relatedName.empty() ? f.relatedName : meta.modelName;
                target.relatedObjects.push_back(r);
            }
        }
    }
    for (std::size_t mi = 0; mi < declared; ++mi) {
        ModelMeta& meta = *models_[mi];
        for (Field& f : meta.manyToMany) {
            ModelMeta& target = resolveTarget(meta, f.to);
            f.relatedModel = &target;
            const bool self = &target == &meta;
            f.symmetrical = self;
            // The auto-created through model: <Model>_<field>, table <app>_<model>_<field>.
            auto through = std::make_unique<ModelMeta>();
            through->appLabel = meta.appLabel;
            through->objectName = meta.objectName + "_" + f.name;
            through->modelName = lower(through->objectName);
            through->dbTable = meta.dbTable + "_" + f.name;
            through->autoCreated = true;
            FieldSpec id;
            id.name = "id";
            id.kind = FieldKind::AutoField;
            Field pk = makeField(id, *through);
            pk.primaryKey = true;
            through->fields.push_back(pk);
            FieldSpec fromSpec;
            fromSpec.kind = FieldKind::ForeignKey;
            fromSpec.name = self ? "from_" + meta.modelName : meta.modelName;
            fromSpec.relatedName = through->objectName + "+";
            FieldSpec toSpec = fromSpec;
            toSpec.name = self ? "to_" + target.modelName : target.modelName;
            Field fromField = makeField(fromSpec, *through);
            fromField.relatedModel = &meta;
            Field toField = makeField(toSpec, *through);
            toField.relatedModel = &target;
            through->fields.push_back(fromField);
            through->fields.push_back(toField);
            f.through = through.get();
            if (!self && (f.relatedName.empty() || f.relatedName.back() != '+')) {
                RelatedObject r;
                r.relatedModel = &meta;
                r.field = &f;
                r.accessorName = f.relatedName.empty() ? meta.modelName + "_set" : f.relatedName;
                r.queryName = f.relatedName.empty() ? meta.modelName : f.relatedName;
                target.relatedObjects.push_back(r);
            }
            models_.push_back(std::move(through));
        }
    }
    finalized_ = true;
}

} // namespace pipelab::django::db
