// readData: models, row counts and field generators.
#include "sim/scenario/datareader.h"

#include "sim/scenario/limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pipelab::scenario {

bool isPythonIdentifier(std::string_view s)
{
    if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

namespace {

class DataReader {
public:
    explicit DataReader(YamlReader& reader) : r(reader) {}

    std::vector<ModelData> read(const YamlNode& node)
    {
        std::vector<ModelData> models;
        if (!r.isMapping(node, "'data'"))
            return models;
        r.checkScalarKeys(node);
        std::int64_t total = 0;
        for (const auto& [key, value] : node.entries) {
            if (!key.isScalar())
                continue;
            if (!isPythonIdentifier(key.value)) {
                r.error(key.pos, fmt::format("'{}' is not a model name", key.value));
                continue;
            }
            if (auto model = readModel(key, value)) {
                total += model->count;
                models.push_back(std::move(*model));
            }
        }
        if (total > limits::kMaxRowsTotal)
            r.error(node.pos, fmt::format("'data' creates {} rows in total; the limit is {}", total,
                                          limits::kMaxRowsTotal));
        return models;
    }

private:
    std::optional<ModelData> readModel(const YamlNode& key, const YamlNode& value)
    {
        const std::string where = "data." + key.value;
        if (!r.isMapping(value, "'" + where + "'"))
            return std::nullopt;
        bool ok = r.checkKeys(value, {"count", "fields"}, "'" + where + "'");
        ModelData model;
        model.model = key.value;
        model.pos = key.pos;
        if (const YamlNode* count = value.find("count")) {
            if (auto n = r.integer(*count, "'count'", 0, limits::kMaxRowsPerModel))
                model.count = *n;
            else
                ok = false;
        } else {
            r.error(value.pos, fmt::format("missing key 'count' in '{}'", where));
            ok = false;
        }
        if (const YamlNode* fields = value.find("fields")) {
            if (fields->isNull()) {
                // `fields:` with nothing under it: every field gets Django's default.
            } else if (r.isMapping(*fields, "'fields'")) {
                r.checkScalarKeys(*fields);
                for (const auto& [field, generator] : fields->entries) {
                    if (!field.isScalar())
                        continue;
                    if (!isPythonIdentifier(field.value)) {
                        r.error(field.pos, fmt::format("'{}' is not a field name", field.value));
                        ok = false;
                        continue;
                    }
                    if (auto g = readGenerator(field, generator))
                        model.fields.push_back(std::move(*g));
                    else
                        ok = false;
                }
            } else {
                ok = false;
            }
        }
        return ok ? std::optional(std::move(model)) : std::nullopt;
    }

    std::optional<FieldGenerator> readGenerator(const YamlNode& field, const YamlNode& value)
    {
        FieldGenerator g;
        g.field = field.value;
        g.pos = value.pos;
        if (value.isNull() || value.isScalar())
            return readScalar(value, g) ? std::optional(g) : std::nullopt;
        if (!value.isMapping()) {
            if (!value.isInvalid())
                r.error(value.pos, fmt::format("generator for '{}' must be a value or a mapping, got {}", g.field,
                                               YamlReader::typeName(value)));
            return std::nullopt;
        }
        bool ok = r.checkKeys(value, {"cycle", "seq", "step", "fk", "per", "m2m", "value", "null_every"},
                              "generator for '" + g.field + "'");
        std::vector<std::string> kinds;
        for (const auto& [key, v] : value.entries) {
            if (key.isScalar() && (key.value == "cycle" || key.value == "seq" || key.value == "fk" ||
                                   key.value == "m2m" || key.value == "value"))
                kinds.push_back(key.value);
        }
        if (kinds.empty()) {
            r.error(value.pos, fmt::format("generator for '{}' needs one of cycle, seq, fk, m2m or value", g.field));
            return std::nullopt;
        }
        if (kinds.size() > 1) {
            r.error(value.pos,
                    fmt::format("generator for '{}' has both '{}' and '{}'; use one", g.field, kinds[0], kinds[1]));
            return std::nullopt;
        }
        const std::string& kind = kinds.front();
        const YamlNode& main = *value.find(kind);
        if (kind != "seq" && value.find("step")) {
            r.error(value.findKey("step")->pos, "'step' goes with 'seq'");
            ok = false;
        }
        const YamlNode* per = value.find("per");
        if (per && !(kind == "fk" && main.isScalar() && main.value == "block")) {
            r.error(value.findKey("per")->pos, "'per' goes with 'fk: block'");
            ok = false;
        }
        if (kind == "value") {
            ok = readScalar(main, g) && ok;
        } else if (kind == "cycle") {
            ok = readCycle(main, g) && ok;
        } else if (kind == "seq") {
            ok = readSeq(value, main, g) && ok;
        } else if (kind == "fk") {
            ok = readFk(value, main, g) && ok;
        } else {
            g.kind = FieldGenerator::Kind::M2m;
            if (auto k = r.integer(main, "'m2m'", 0, limits::kMaxM2mPerRow))
                g.count = *k;
            else
                ok = false;
        }
        if (const YamlNode* every = value.find("null_every")) {
            if (auto k = r.integer(*every, "'null_every'", 1, limits::kMaxRowsPerModel))
                g.nullEvery = *k;
            else
                ok = false;
        }
        return ok ? std::optional(std::move(g)) : std::nullopt;
    }

    bool readScalar(const YamlNode& value, FieldGenerator& g)
    {
        if (!value.isNull() && !value.isScalar()) {
            if (!value.isInvalid())
                r.error(value.pos, fmt::format("'value' must be a scalar, got {}", YamlReader::typeName(value)));
            return false;
        }
        auto scalar = r.scalar(value, "'" + g.field + "'");
        if (!scalar)
            return false;
        g.kind = std::holds_alternative<std::string>(*scalar) ? FieldGenerator::Kind::Text : FieldGenerator::Kind::Scalar;
        g.scalar = *scalar;
        return true;
    }

    bool readCycle(const YamlNode& list, FieldGenerator& g)
    {
        g.kind = FieldGenerator::Kind::Cycle;
        if (!r.isSequence(list, "'cycle'"))
            return false;
        if (list.items.empty()) {
            r.error(list.pos, "'cycle' must not be empty");
            return false;
        }
        bool ok = true;
        for (const YamlNode& item : list.items) {
            if (!item.isNull() && !item.isScalar()) {
                if (!item.isInvalid())
                    r.error(item.pos, fmt::format("'cycle' items must be scalars, got {}", YamlReader::typeName(item)));
                ok = false;
            } else if (auto scalar = r.scalar(item, "'cycle' item")) {
                g.cycle.push_back(*scalar);
            } else {
                ok = false;
            }
        }
        return ok;
    }

    bool readSeq(const YamlNode& mapping, const YamlNode& start, FieldGenerator& g)
    {
        g.kind = FieldGenerator::Kind::Seq;
        const double m = limits::kMaxSeqMagnitude;
        auto s = r.number(start, "'seq'", -m, m);
        bool ok = s.has_value();
        if (s) {
            g.seqStart = *s;
            g.seqIntegral = YamlReader::typeName(start) == "integer";
        }
        if (const YamlNode* step = mapping.find("step")) {
            if (auto d = r.number(*step, "'step'", -m, m)) {
                g.seqStep = *d;
                g.seqIntegral = g.seqIntegral && YamlReader::typeName(*step) == "integer";
            } else {
                ok = false;
            }
        }
        return ok;
    }

    bool readFk(const YamlNode& mapping, const YamlNode& how, FieldGenerator& g)
    {
        const std::string type = YamlReader::typeName(how);
        if (type == "integer") {
            g.kind = FieldGenerator::Kind::FkConst;
            auto id = r.integer(how, "'fk'", 1, limits::kMaxRowsPerModel);
            if (id)
                g.count = *id;
            return id.has_value();
        }
        if (how.isScalar() && how.value == "cycle") {
            g.kind = FieldGenerator::Kind::FkCycle;
            return true;
        }
        if (how.isScalar() && how.value == "block") {
            g.kind = FieldGenerator::Kind::FkBlock;
            const YamlNode* per = mapping.find("per");
            if (!per) {
                r.error(mapping.pos, "'fk: block' needs 'per: K' (rows per target)");
                return false;
            }
            auto k = r.integer(*per, "'per'", 1, limits::kMaxRowsPerModel);
            if (k)
                g.count = *k;
            return k.has_value();
        }
        if (!how.isInvalid())
            r.error(how.pos, fmt::format("'fk' must be cycle, block or a row id, got {}",
                                         how.isScalar() ? "'" + how.value + "'" : type));
        return false;
    }

    YamlReader& r;
};

} // namespace

std::vector<ModelData> readData(YamlReader& reader, const YamlNode& node)
{
    return DataReader(reader).read(node);
}

} // namespace pipelab::scenario
