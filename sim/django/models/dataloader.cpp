// DataLoader: spec §3 generators, mirroring tests/conformance/django_oracle.py create_data().
#include "sim/django/models/dataloader.h"

#include "sim/django/models/ormcontext.h"

#include <cmath>
#include <map>

namespace pipelab::django::models {

namespace {

// The oracle's clock, stored as Django stores an aware datetime in SQLite (naive UTC).
constexpr const char* kFrozenNow = "2024-01-01 00:00:00";

db::DbValue fromScalar(const scenario::Scalar& s)
{
    return std::visit(
        [](const auto& v) -> db::DbValue {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, scenario::Null>)
                return {};
            else
                return db::DbValue(v);
        },
        s);
}

std::string replaceIndex(std::string text, std::int64_t i)
{
    const std::string value = std::to_string(i);
    for (std::size_t pos = text.find("{i}"); pos != std::string::npos; pos = text.find("{i}", pos + value.size()))
        text.replace(pos, 3, value);
    return text;
}

} // namespace

std::vector<scenario::Diagnostic> DataLoader::load(const scenario::Scenario& scn)
{
    std::vector<scenario::Diagnostic> diags;
    auto error = [&](scenario::SourcePos pos, std::string message) {
        diags.push_back({scenario::Diagnostic::Severity::Error, scn.file, pos, std::move(message)});
    };
    const db::ModelMeta* user = ctx_.registry.model("auth.User");
    std::map<const db::ModelMeta*, std::int64_t> counts;
    if (user) {
        counts[user] = static_cast<std::int64_t>(scn.users.size());
        std::int64_t id = 0;
        for (const scenario::User& u : scn.users) {
            db::Row row(user->fields.size());
            auto set = [&](const char* name, db::DbValue v) { row[user->fieldIndex(*user->field(name))] = std::move(v); };
            set("id", ++id);
            set("password", "!");
            set("last_login", db::DbValue());
            set("is_superuser", u.isSuperuser);
            set("username", u.username);
            set("first_name", "");
            set("last_name", "");
            set("email", u.email);
            set("is_staff", u.isStaff);
            set("is_active", true);
            set("date_joined", db::DateTime{kFrozenNow});
            ctx_.store.insert(*user, std::move(row));
        }
    }
    std::vector<std::pair<const scenario::ModelData*, const db::ModelMeta*>> resolved;
    for (const scenario::ModelData& md : scn.data) {
        const db::ModelMeta* meta = ctx_.registry.model(ctx_.appLabel + "." + md.model);
        if (!meta || meta->autoCreated) {
            error(md.pos, "data: no model '" + md.model + "' in " + ctx_.appLabel + ".models");
            return diags;
        }
        resolved.emplace_back(&md, meta);
        counts[meta] = md.count;
    }
    for (const auto& [md, meta] : resolved) {
        struct Generated {
            const scenario::FieldGenerator* gen;
            const db::Field* field;
        };
        std::vector<Generated> concrete, m2m;
        for (const scenario::FieldGenerator& g : md->fields) {
            const db::Field* f = meta->field(g.field);
            if (!f) {
                error(g.pos, "data." + md->model + ": no field '" + g.field + "'");
                return diags;
            }
            if (f->isManyToMany()) {
                if (g.kind != scenario::FieldGenerator::Kind::M2m) {
                    error(g.pos, md->model + "." + g.field + ": a ManyToManyField takes {m2m: K}");
                    return diags;
                }
                m2m.push_back({&g, f});
            } else if (f->primaryKey) {
                error(g.pos, "data." + md->model + ": '" + g.field + "' cannot be generated");
                return diags;
            } else {
                concrete.push_back({&g, f});
            }
        }
        for (const db::Field& f : meta->fields) {
            if (f.primaryKey)
                continue;
            const bool generated = std::any_of(concrete.begin(), concrete.end(), [&](const Generated& g) { return g.field == &f; });
            if (generated || f.defaultValue || f.null || (f.isTextual()))
                continue;
            error(md->pos, "data." + md->model + ": field '" + f.name + "' has no generator, no default and is not null");
            return diags;
        }
        for (std::int64_t i = 1; i <= md->count; ++i) {
            db::Row row(meta->fields.size());
            for (std::size_t k = 0; k < meta->fields.size(); ++k)
                row[k] = meta->fields[k].defaultForNewRow();
            row[0] = i;
            for (const Generated& g : concrete) {
                const scenario::FieldGenerator& gen = *g.gen;
                db::DbValue value;
                const std::int64_t target = g.field->isForeignKey() ? counts[g.field->relatedModel] : 0;
                const bool isFk = gen.kind == scenario::FieldGenerator::Kind::FkCycle
                    || gen.kind == scenario::FieldGenerator::Kind::FkBlock;
                if (gen.nullEvery > 0 && i % gen.nullEvery == 0) {
                    value = db::DbValue();
                } else {
                    if (isFk && target < 1) {
                        error(gen.pos, md->model + "." + g.field->name + ": the related model has no rows");
                        return diags;
                    }
                    switch (gen.kind) {
                    case scenario::FieldGenerator::Kind::Scalar: value = fromScalar(gen.scalar); break;
                    case scenario::FieldGenerator::Kind::Text: {
                        const auto* text = std::get_if<std::string>(&gen.scalar);
                        value = text ? db::DbValue(replaceIndex(*text, i)) : fromScalar(gen.scalar);
                        break;
                    }
                    case scenario::FieldGenerator::Kind::Cycle:
                        value = fromScalar(gen.cycle[static_cast<std::size_t>((i - 1) % static_cast<std::int64_t>(gen.cycle.size()))]);
                        break;
                    case scenario::FieldGenerator::Kind::Seq: {
                        const double v = gen.seqStart + static_cast<double>(i - 1) * gen.seqStep;
                        value = gen.seqIntegral ? db::DbValue(static_cast<std::int64_t>(std::llround(v))) : db::DbValue(v);
                        break;
                    }
                    case scenario::FieldGenerator::Kind::FkCycle: value = (i - 1) % target + 1; break;
                    case scenario::FieldGenerator::Kind::FkBlock:
                        value = std::min((i - 1) / std::max<std::int64_t>(gen.count, 1), target - 1) + 1;
                        break;
                    case scenario::FieldGenerator::Kind::FkConst: value = gen.count; break;
                    case scenario::FieldGenerator::Kind::M2m:
                        error(gen.pos, md->model + "." + g.field->name + ": {m2m: K} is for a ManyToManyField");
                        return diags;
                    }
                }
                row[meta->fieldIndex(*g.field)] = db::prepSave(*g.field, value);
            }
            try {
                ctx_.store.insert(*meta, std::move(row));
            } catch (const std::exception& e) {
                error(md->pos, "data." + md->model + ": " + e.what());
                return diags;
            }
            for (const Generated& g : m2m) {
                const std::int64_t target = counts[g.field->relatedModel];
                if (target < 1) {
                    error(g.gen->pos, md->model + "." + g.field->name + ": the related model has no rows");
                    return diags;
                }
            }
        }
        // Each through model's links, in row order then j (bulk_create per through model).
        for (const Generated& g : m2m) {
            const db::ModelMeta& through = *g.field->through;
            const std::int64_t target = counts[g.field->relatedModel];
            for (std::int64_t i = 1; i <= md->count; ++i) {
                if (g.gen->nullEvery > 0 && i % g.gen->nullEvery == 0)
                    continue;
                for (std::int64_t j = 0; j < g.gen->count; ++j) {
                    db::Row link(through.fields.size());
                    link[1] = i;
                    link[2] = (i - 1 + j) % target + 1;
                    ctx_.store.insert(through, std::move(link));
                }
            }
        }
    }
    return diags;
}

} // namespace pipelab::django::models
