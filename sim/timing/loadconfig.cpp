// validate(LoadConfig): every limit here keeps a run bounded in memory (time series, users) or
// keeps integer time from overflowing; messages use the scenario's key names.
#include "sim/timing/loadconfig.h"

#include <cmath>
#include <fmt/format.h>

namespace pipelab::timing {

namespace {

constexpr SimTime kMaxDuration = seconds(1'000'000);
constexpr std::uint32_t kMaxUsers = 10'000'000;

} // namespace

std::vector<std::string> validate(const LoadConfig& config)
{
    std::vector<std::string> problems;
    auto problem = [&problems](std::string message) { problems.push_back(std::move(message)); };

    if (config.profiles.empty())
        problem("load: there is no request to send (no request profiles)");
    if (config.users == 0 && !(config.arrivalRate > 0))
        problem("load: set either users (closed loop) or arrival_rate (open loop)");
    if (config.users > 0 && config.arrivalRate > 0)
        problem("load: users and arrival_rate exclude each other");
    if (!std::isfinite(config.arrivalRate) || config.arrivalRate < 0 || config.arrivalRate > 1e9)
        problem("load: arrival_rate must be between 0 and 1e9 requests per second");
    if (config.users > kMaxUsers)
        problem(fmt::format("load: users must be at most {}", kMaxUsers));
    if (config.thinkTime < 0)
        problem("load: think_time_ms must not be negative");
    if (config.rampUp < 0)
        problem("load: ramp_up_s must not be negative");
    if (config.duration <= 0 || config.duration > kMaxDuration)
        problem("load: duration_s must be greater than 0 and at most 1000000");
    if (config.warmup < 0 || config.warmup > kMaxDuration)
        problem("load: warmup_s must be between 0 and 1000000");
    if (config.workers == 0)
        problem("load: server.workers must be at least 1");
    if (config.timeout <= 0 || config.timeout > kMaxDuration)
        problem("load: server.timeout_s must be greater than 0 and at most 1000000");
    if (config.dbCores == 0)
        problem("load: database.cores must be at least 1");
    if (config.connMaxAge < 0)
        problem("settings: DATABASES.default.CONN_MAX_AGE must not be negative");
    if (config.connectCost < 0)
        problem("costs: connect_ms must not be negative");

    double totalWeight = 0;
    for (const LoadConfig::MixEntry& entry : config.mix) {
        if (entry.profile >= config.profiles.size())
            problem(fmt::format("load: mix names request {}, but there are {} requests", entry.profile, config.profiles.size()));
        if (!std::isfinite(entry.weight) || entry.weight < 0)
            problem("load: a mix weight must be a finite number >= 0");
        else
            totalWeight += entry.weight;
    }
    if (!config.mix.empty() && !(totalWeight > 0))
        problem("load: the mix weights must not all be 0");

    for (std::size_t p = 0; p < config.profiles.size(); ++p) {
        for (const Step& step : config.profiles[p].steps) {
            if (step.service < 0 || step.transit < 0) {
                problem(fmt::format("costs: request {} has a step with a negative duration", p));
                break;
            }
        }
    }
    return problems;
}

} // namespace pipelab::timing
