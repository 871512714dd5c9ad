// readLoad and readCosts: closed or open loop, bounded numbers, known cost keys.
#include "sim/scenario/loadreader.h"

#include "sim/scenario/limits.h"

#include <fmt/format.h>

#include <limits>
#include <set>

namespace pipelab::scenario {

namespace {

void readNumber(YamlReader& r, const YamlNode& mapping, const char* key, double max, double& out,
                bool positive = false)
{
    if (const YamlNode* node = mapping.find(key)) {
        if (auto value = r.number(*node, fmt::format("'{}'", key), 0, max, positive))
            out = *value;
    }
}

void readInteger(YamlReader& r, const YamlNode& mapping, const char* key, std::int64_t min, std::int64_t max,
                 std::int64_t& out)
{
    if (const YamlNode* node = mapping.find(key)) {
        if (auto value = r.integer(*node, fmt::format("'{}'", key), min, max))
            out = *value;
    }
}

void readMix(YamlReader& r, const YamlNode& node, std::int64_t requestCount, Load& load)
{
    if (!r.isSequence(node, "'mix'"))
        return;
    std::set<std::int64_t> seen;
    for (const YamlNode& item : node.items) {
        if (!r.isMapping(item, "a 'mix' entry"))
            continue;
        r.checkKeys(item, {"request", "weight"}, "'mix' entry");
        MixEntry entry;
        entry.pos = item.pos;
        if (const YamlNode* request = item.find("request")) {
            if (auto index = r.integer(*request, "'request'", 0, std::numeric_limits<std::int64_t>::max())) {
                if (*index >= requestCount)
                    r.error(request->pos, fmt::format("request index {} is out of range (the scenario has {})",
                                                      *index, countOf(requestCount, "request")));
                else if (!seen.insert(*index).second)
                    r.error(request->pos, fmt::format("request {} appears twice in 'mix'", *index));
                entry.request = *index;
            }
        } else {
            r.error(item.pos, "missing key 'request' in 'mix' entry");
        }
        if (const YamlNode* weight = item.find("weight")) {
            if (auto w = r.number(*weight, "'weight'", 0, limits::kMaxMixWeight, true))
                entry.weight = *w;
        }
        load.mix.push_back(entry);
    }
}

} // namespace

std::optional<Load> readLoad(YamlReader& r, const YamlNode& node, std::int64_t requestCount)
{
    if (!r.isMapping(node, "'load'"))
        return std::nullopt;
    r.checkKeys(node,
                {"users", "think_time_ms", "arrival_rate", "duration_s", "warmup_s", "ramp_up_s", "mix", "server",
                 "database", "seed"},
                "'load'");
    Load load;
    load.pos = node.pos;
    const YamlNode* users = node.find("users");
    const YamlNode* rate = node.find("arrival_rate");
    if (users && rate)
        r.error(node.findKey("arrival_rate")->pos, "'load' takes 'users' (closed loop) or 'arrival_rate' (open loop), not both");
    if (!users && !rate)
        r.error(node.pos, "'load' needs 'users' (closed loop) or 'arrival_rate' (open loop)");
    if (users) {
        if (auto n = r.integer(*users, "'users'", 1, limits::kMaxLoadUsers))
            load.users = *n;
    }
    if (rate) {
        if (auto lambda = r.number(*rate, "'arrival_rate'", 0, limits::kMaxArrivalRate, true))
            load.arrivalRate = *lambda;
    }
    readNumber(r, node, "think_time_ms", limits::kMaxThinkTimeMs, load.thinkTimeMs);
    readNumber(r, node, "duration_s", limits::kMaxDurationS, load.durationS, true);
    readNumber(r, node, "warmup_s", limits::kMaxDurationS, load.warmupS);
    readNumber(r, node, "ramp_up_s", limits::kMaxDurationS, load.rampUpS);
    if (const YamlNode* mix = node.find("mix"))
        readMix(r, *mix, requestCount, load);
    if (const YamlNode* server = node.find("server")) {
        if (r.isMapping(*server, "'server'")) {
            r.checkKeys(*server, {"workers", "timeout_s"}, "'server'");
            readInteger(r, *server, "workers", 1, limits::kMaxWorkers, load.workers);
            readNumber(r, *server, "timeout_s", limits::kMaxTimeoutS, load.timeoutS, true);
        }
    }
    if (const YamlNode* database = node.find("database")) {
        if (r.isMapping(*database, "'database'")) {
            r.checkKeys(*database, {"max_connections", "cores"}, "'database'");
            readInteger(r, *database, "max_connections", 1, limits::kMaxDbConnections, load.maxConnections);
            readInteger(r, *database, "cores", 1, limits::kMaxDbCores, load.dbCores);
        }
    }
    if (const YamlNode* seed = node.find("seed")) {
        if (auto s = r.integer(*seed, "'seed'", 0, std::numeric_limits<std::int64_t>::max()))
            load.seed = static_cast<std::uint64_t>(*s);
    }
    return load;
}

std::optional<Costs> readCosts(YamlReader& r, const YamlNode& node)
{
    if (!r.isMapping(node, "'costs'"))
        return std::nullopt;
    struct Key {
        std::string_view name;
        double max;
    };
    static constexpr Key kKeys[] = {
        {"db_rtt_ms", limits::kMaxCostMs},         {"query_ms", limits::kMaxCostMs},
        {"row_us", limits::kMaxCostUs},            {"connect_ms", limits::kMaxCostMs},
        {"query_overhead_us", limits::kMaxCostUs}, {"orm_row_us", limits::kMaxCostUs},
        {"view_us", limits::kMaxCostUs},           {"template_node_us", limits::kMaxCostUs},
        {"middleware_us", limits::kMaxCostUs},     {"signal_us", limits::kMaxCostUs},
        {"cache_rtt_ms", limits::kMaxCostMs},
    };
    Costs costs;
    costs.pos = node.pos;
    r.checkScalarKeys(node);
    for (const auto& [key, value] : node.entries) {
        if (!key.isScalar())
            continue;
        if (key.value == "distribution") {
            if (auto d = r.string(value, "'distribution'")) {
                if (*d == "deterministic")
                    costs.distribution = Costs::Distribution::Deterministic;
                else if (*d == "exponential")
                    costs.distribution = Costs::Distribution::Exponential;
                else
                    r.error(value.pos, fmt::format("'distribution' must be deterministic or exponential, got '{}'", *d));
            }
            continue;
        }
        const Key* known = nullptr;
        for (const Key& k : kKeys) {
            if (k.name == key.value)
                known = &k;
        }
        if (!known) {
            r.error(key.pos, fmt::format("unknown cost '{}'", key.value));
            continue;
        }
        if (auto v = r.number(value, fmt::format("'{}'", key.value), 0, known->max))
            costs.values[key.value] = *v;
    }
    return costs;
}

} // namespace pipelab::scenario
