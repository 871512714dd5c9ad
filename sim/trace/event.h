// Event: one step of a request through the simulated Django stack. The runner records them in
// order; the CLI report, the JSON/Chrome exporters, the GUI's animation and the timing model all
// read the same list, so none of them re-derives Django semantics.
#pragma once

#include <cstdint>
#include <string>

namespace pipelab::trace {

enum class EventKind {
    RequestStarted,  // the handler receives the request
    LayerEnter,      // a middleware's __call__ (or the handler's inner layer) is entered
    LayerLeave,      // ... and returns its response
    Hook,            // process_view / process_exception / process_template_response
    ShortCircuit,    // a layer answered without calling get_response: the turning point
    UrlResolved,     // the resolver matched (detail: route) or did not (404)
    ViewCalled,
    ViewReturned,
    Query,           // one SQL statement (index into RequestTrace::queries in `count`)
    InstancesBuilt,  // model instances built from a query's rows (`count` of them)
    TemplateRender,  // a template starts rendering (detail: its name)
    CacheOp,         // detail: "get key hit" / "set key" ...
    Signal,          // a receiver runs (detail: signal name and receiver)
    Exception,       // an exception propagates (detail: type and message)
    ResponseSent,    // the handler returns the final response (`count`: status)
};

const char* eventKindName(EventKind kind);

struct Event {
    EventKind kind = EventKind::RequestStarted;
    std::string layer;  // the pipeline layer that owns the step: a middleware path, "view", "template" ...
    std::string detail; // human-readable detail, kind-specific
    std::string source; // "views:12", "templates/dashboard.html:4", ... where known
    std::int64_t count = 0; // kind-specific number (query index, instances, status)
};

} // namespace pipelab::trace
