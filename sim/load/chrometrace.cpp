// toChromeTrace (see chrometrace.h): each request's events walked on a clock that advances by
// the cost model's durations; slices are "X" (complete) events, point events "i" (instant).
#include "sim/load/chrometrace.h"

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

namespace pipelab::load {

namespace {

using timing::SimTime;

constexpr std::size_t kMaxSliceName = 80;

double micros(SimTime t)
{
    return static_cast<double>(t) / 1e3;
}

std::string shortName(const std::string& text)
{
    return text.size() <= kMaxSliceName ? text : text.substr(0, kMaxSliceName - 3) + "...";
}

class Writer {
public:
    explicit Writer(const CostModel& costs) : costs_(costs) {}

    void request(const trace::RequestTrace& request)
    {
        nextMark_ = 0;
        done_ = {};
        connected_ = connected_ && !costs_.connectPerRequest;
        for (std::size_t i = 0; i < request.events.size(); ++i) {
            chargeWork(request, i);
            event(request, request.events[i]);
        }
        chargeWork(request, request.events.size());
        closeTemplate();
        while (!open_.empty())
            close(open_.back().track);
    }

    nlohmann::ordered_json document(const std::string& scenario)
    {
        nlohmann::ordered_json events = nlohmann::ordered_json::array();
        events.push_back({{"name", "process_name"}, {"ph", "M"}, {"pid", 1}, {"args", {{"name", scenario}}}});
        for (std::size_t tid = 0; tid < trackNames_.size(); ++tid) {
            events.push_back({{"name", "thread_name"}, {"ph", "M"}, {"pid", 1}, {"tid", tid + 1},
                              {"args", {{"name", trackNames_[tid]}}}});
            events.push_back({{"name", "thread_sort_index"}, {"ph", "M"}, {"pid", 1}, {"tid", tid + 1},
                              {"args", {{"sort_index", tid + 1}}}});
        }
        for (nlohmann::ordered_json& slice : slices_)
            events.push_back(std::move(slice));
        nlohmann::ordered_json json;
        json["traceEvents"] = std::move(events);
        json["displayTimeUnit"] = "ms";
        json["otherData"] = {{"scenario", scenario}, {"generator", "pipelab-cli " PIPELAB_VERSION}};
        return json;
    }

private:
    struct Open {
        std::size_t track = 0;
        std::string name;
        std::string category;
        SimTime start = 0;
        nlohmann::ordered_json args;
    };

    std::size_t track(const std::string& layer)
    {
        const auto it = tracks_.find(layer);
        if (it != tracks_.end())
            return it->second;
        trackNames_.push_back(layer);
        return tracks_[layer] = trackNames_.size();
    }

    void open(const std::string& layer, std::string name, std::string category, nlohmann::ordered_json args = nullptr)
    {
        open_.push_back({track(layer), std::move(name), std::move(category), now_, std::move(args)});
    }

    // Closes the innermost open slice on `tid` (and, to keep slices nested, any opened after it).
    void close(std::size_t tid)
    {
        for (std::size_t i = open_.size(); i-- > 0;) {
            if (open_[i].track != tid)
                continue;
            while (open_.size() > i) {
                Open& o = open_.back();
                emit(o.track, std::move(o.name), std::move(o.category), o.start, now_ - o.start, std::move(o.args));
                open_.pop_back();
            }
            return;
        }
    }

    void emit(std::size_t tid, std::string name, std::string category, SimTime start, SimTime duration,
              nlohmann::ordered_json args = nullptr)
    {
        nlohmann::ordered_json slice = {{"name", std::move(name)}, {"cat", std::move(category)}, {"ph", "X"},
                                        {"ts", micros(start)},     {"dur", micros(duration)},    {"pid", 1},
                                        {"tid", tid}};
        if (!args.is_null())
            slice["args"] = std::move(args);
        slices_.push_back(std::move(slice));
    }

    void slice(const std::string& layer, std::string name, std::string category, SimTime duration,
               nlohmann::ordered_json args = nullptr)
    {
        emit(track(layer), std::move(name), std::move(category), now_, duration, std::move(args));
        now_ += duration;
    }

    void instant(const std::string& layer, std::string name, std::string category)
    {
        slices_.push_back({{"name", std::move(name)}, {"cat", std::move(category)}, {"ph", "i"}, {"s", "t"},
                           {"ts", micros(now_)}, {"pid", 1}, {"tid", track(layer)}});
    }

    void closeTemplate()
    {
        if (templateOpen_)
            close(track("template"));
        templateOpen_ = false;
    }

    // Instances built and template nodes rendered before events[event]: instances right after
    // the query whose rows they came from, then the nodes (inside the open template slice).
    void chargeWork(const trace::RequestTrace& request, std::size_t event)
    {
        for (; nextMark_ < request.workMarks.size() && request.workMarks[nextMark_].event <= event; ++nextMark_) {
            const trace::Work delta = request.workMarks[nextMark_].done - done_;
            done_ = request.workMarks[nextMark_].done;
            if (delta.instancesBuilt > 0)
                slice("orm", fmt::format("{} instances", delta.instancesBuilt), "orm",
                      costs_.workCost({delta.instancesBuilt, 0}), {{"instances", delta.instancesBuilt}});
            now_ += costs_.workCost({0, delta.templateNodes});
        }
    }

    void event(const trace::RequestTrace& request, const trace::Event& e)
    {
        using trace::EventKind;
        switch (e.kind) {
        case EventKind::RequestStarted:
            open("request", e.detail.empty() ? request.method + " " + request.path : e.detail, "request",
                 {{"index", request.index}, {"status", request.status}});
            break;
        case EventKind::LayerEnter:
            open(e.layer, e.layer, "middleware");
            now_ += costs_.eventCost(e);
            break;
        case EventKind::LayerLeave:
            closeTemplate();
            close(track(e.layer));
            break;
        case EventKind::Hook:
            closeTemplate();
            slice(e.layer, e.detail, "hook", costs_.eventCost(e));
            break;
        case EventKind::ShortCircuit:
        case EventKind::Exception:
            instant(e.layer, e.detail, e.kind == EventKind::Exception ? "exception" : "short_circuit");
            break;
        case EventKind::UrlResolved:
            instant(e.layer, e.detail, "resolve");
            break;
        case EventKind::ViewCalled:
            open("view", e.detail, "view");
            now_ += costs_.eventCost(e);
            break;
        case EventKind::ViewReturned:
            closeTemplate();
            close(track("view"));
            break;
        case EventKind::TemplateRender:
            closeTemplate();
            open("template", e.detail, "template");
            templateOpen_ = true;
            break;
        case EventKind::Query:
            query(request, e);
            break;
        case EventKind::CacheOp: {
            const CostModel::CacheCost cache = costs_.cacheCost(e);
            slice("cache", e.detail, "cache", cache.service + cache.roundTrip);
            break;
        }
        case EventKind::Signal:
            slice("signals", e.detail, "signal", costs_.eventCost(e));
            break;
        case EventKind::ResponseSent:
            closeTemplate();
            close(track("request"));
            break;
        case EventKind::InstancesBuilt:
            break; // counted by the work marks
        }
    }

    void query(const trace::RequestTrace& request, const trace::Event& e)
    {
        if (e.count < 0 || static_cast<std::size_t>(e.count) >= request.queries.size())
            return;
        const trace::Query& q = request.queries[static_cast<std::size_t>(e.count)];
        const CostModel::QueryCost cost = costs_.queryCost(q);
        now_ += cost.python;
        if (!connected_) {
            slice("database", "connect", "connect", costs_.connect);
            connected_ = true;
        }
        slice("database", shortName(q.sql), "query", cost.roundTrip + cost.core,
              {{"sql", q.sql}, {"source", q.source}, {"rows", q.rows}});
    }

    const CostModel& costs_;
    std::map<std::string, std::size_t> tracks_; // layer → tid (1-based)
    std::vector<std::string> trackNames_;
    std::vector<Open> open_;
    std::vector<nlohmann::ordered_json> slices_;
    SimTime now_ = 0;
    std::size_t nextMark_ = 0;
    trace::Work done_;
    bool templateOpen_ = false;
    bool connected_ = false;
};

} // namespace

nlohmann::ordered_json toChromeTrace(const trace::Trace& trace, const CostModel& costs)
{
    Writer writer(costs);
    for (const trace::RequestTrace& request : trace.requests)
        writer.request(request);
    return writer.document(trace.scenario);
}

} // namespace pipelab::load
