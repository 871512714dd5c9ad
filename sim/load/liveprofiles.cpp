// LiveProfiles (see liveprofiles.h).
#include "sim/load/liveprofiles.h"

#include "sim/django/project/project.h"
#include "sim/load/traceprofile.h"

#include <algorithm>
#include <cctype>

namespace pipelab::load {

namespace {

bool startsWithNoCase(const std::string& text, std::string_view prefix)
{
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char p, char c) { return p == std::toupper(static_cast<unsigned char>(c)); });
}

bool isCacheRead(const std::string& detail)
{
    const std::size_t aliasEnd = detail.find(' ');
    return aliasEnd != std::string::npos && detail.compare(aliasEnd, 5, " get ") == 0;
}

} // namespace

LiveProfiles::LiveProfiles(django::project::Project& project, CostModel costs)
    : project_(project), runner_(project), costs_(std::move(costs)), requests_(project.scenario().expandedRequests())
{
}

bool LiveProfiles::changesState(const trace::RequestTrace& request)
{
    for (const trace::Query& query : request.queries) {
        if (!startsWithNoCase(query.sql, "SELECT"))
            return true;
    }
    for (const trace::Event& event : request.events) {
        if (event.kind == trace::EventKind::CacheOp && !isCacheRead(event.detail))
            return true;
    }
    return std::any_of(request.headers.begin(), request.headers.end(), [](const auto& header) {
        return startsWithNoCase(header.first, "SET-COOKIE");
    });
}

bool LiveProfiles::readsClock(const trace::RequestTrace& request)
{
    return std::any_of(request.events.begin(), request.events.end(),
                       [](const trace::Event& event) { return event.kind == trace::EventKind::CacheOp; });
}

const timing::RequestProfile& LiveProfiles::profileFor(std::uint32_t kind, timing::SimTime now)
{
    const std::int64_t second = now / timing::kNanosPerSecond;
    for (const std::int64_t when : {std::int64_t{-1}, second}) {
        if (const auto it = seen_.find({kind, generation_, when}); it != seen_.end()) {
            ++reused_;
            return *it->second;
        }
    }

    project_.setSimulatedTime(now);
    const trace::RequestTrace request = runner_.runRequest(kind, requests_.at(kind));
    ++interpreted_;
    const timing::RequestProfile& profile = profiles_.emplace_back(toProfile(request, costs_));
    if (changesState(request)) {
        // No trace of an earlier state can be reused again: forget them.
        ++generation_;
        seen_.clear();
    } else {
        seen_[{kind, generation_, readsClock(request) ? second : -1}] = &profile;
    }
    return profile;
}

} // namespace pipelab::load
