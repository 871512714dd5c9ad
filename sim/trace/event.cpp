// Names of event kinds as they appear in JSON and in the CLI report.
#include "sim/trace/event.h"

namespace pipelab::trace {

const char* eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::RequestStarted: return "request_started";
    case EventKind::LayerEnter: return "layer_enter";
    case EventKind::LayerLeave: return "layer_leave";
    case EventKind::Hook: return "hook";
    case EventKind::ShortCircuit: return "short_circuit";
    case EventKind::UrlResolved: return "url_resolved";
    case EventKind::ViewCalled: return "view_called";
    case EventKind::ViewReturned: return "view_returned";
    case EventKind::Query: return "query";
    case EventKind::InstancesBuilt: return "instances_built";
    case EventKind::TemplateRender: return "template_render";
    case EventKind::CacheOp: return "cache_op";
    case EventKind::Signal: return "signal";
    case EventKind::Exception: return "exception";
    case EventKind::ResponseSent: return "response_sent";
    }
    return "unknown";
}

} // namespace pipelab::trace
