// Trace → JSON per the pipelab-cli contract (see jsonexport.h).
#include "sim/trace/jsonexport.h"

namespace pipelab::trace {

namespace {

nlohmann::ordered_json requestJson(const RequestTrace& request, bool withEvents)
{
    nlohmann::ordered_json json;
    json["index"] = request.index;
    json["method"] = request.method;
    json["path"] = request.path;
    json["status"] = request.status;
    json["queries"] = nlohmann::ordered_json::array();
    for (const Query& query : request.queries)
        json["queries"].push_back({{"sql", query.sql}, {"source", query.source}});
    if (request.error)
        json["error"] = {{"type", request.error->type}, {"message", request.error->message}};
    else
        json["error"] = nullptr;
    json["headers"] = nlohmann::ordered_json::object();
    for (const auto& [name, value] : request.headers)
        json["headers"][name] = value;
    if (withEvents) {
        json["events"] = nlohmann::ordered_json::array();
        for (const Event& event : request.events) {
            json["events"].push_back({{"kind", eventKindName(event.kind)},
                                      {"layer", event.layer},
                                      {"detail", event.detail},
                                      {"source", event.source},
                                      {"count", event.count}});
        }
    }
    return json;
}

} // namespace

nlohmann::ordered_json toJson(const Trace& trace, bool withEvents)
{
    nlohmann::ordered_json json;
    json["scenario"] = trace.scenario;
    json["requests"] = nlohmann::ordered_json::array();
    for (const RequestTrace& request : trace.requests)
        json["requests"].push_back(requestJson(request, withEvents));
    return json;
}

} // namespace pipelab::trace
